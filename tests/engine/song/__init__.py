"""Tests of `engine.song`."""
