"""Tests of `engine.project`."""
