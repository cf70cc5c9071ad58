"""Tessera's PySide6 widgets. They show a Song and call the engine; they hold no music logic."""
