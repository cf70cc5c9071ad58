"""Tests of the command line, `app/`."""
