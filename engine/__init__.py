"""Tessera's headless engine: the Song document, MIDI and project files, composing and audio.

Nothing in this package imports Qt or torch; the UI and the CLI sit on top of it.
"""
