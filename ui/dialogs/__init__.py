"""Dialogs that start something new: a new song from a preset, or from words."""

__all__ = ["new_song", "prompt"]
