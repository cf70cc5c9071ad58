"""The open project as the app and the CLI use it, on top of every other wing.

- `session`: the project being edited: open, save, undo, takes, autosave and crash recovery.
- `document`: the session the window observes, with change news, and a job's result rebased
  onto a song edited while it ran.
"""

__all__ = ["document", "session"]
