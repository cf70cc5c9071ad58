"""Tests of `ui.start`."""
