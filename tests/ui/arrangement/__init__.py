"""Tests of `ui.arrangement`."""
