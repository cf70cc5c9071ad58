"""Tests of `engine.studio`."""
