"""Tests of `engine.transcribe`."""
