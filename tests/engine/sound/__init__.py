"""Tests of `engine.sound`."""
