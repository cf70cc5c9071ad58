"""Tests of `ui.help` and Help → About the models."""
