"""Tests of `ui.panels`."""
