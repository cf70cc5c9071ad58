"""Tests of `engine.originality`."""
