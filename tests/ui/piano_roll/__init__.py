"""Tests of `ui.piano_roll`."""
