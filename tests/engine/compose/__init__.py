"""Tests of `engine.compose`."""
