"""The open project as the app and the CLI use it, on top of every other wing.

- `use_cases`: the front door. `Studio` is an open document with the shared models, and every
  thing a composer does with it, written once for `tessera-cli` and the window: open, save,
  export, compose (a request carried out and kept as a take), restore a take, render to audio,
  check originality, audio to notes and live play. Slow ones come as a `Job` the window runs off
  its UI thread and the CLI runs at once.
- `models`: `Models`, the one owner of the loaded models (symbolic, timbre, audio-to-notes):
  each loads on first use, once, safely from any thread, and is shared by everything that plays
  or writes.
- `use_cases`: the front door. `Studio` opens, composes, records takes, saves, renders,
  checks originality, transcribes and plays live, written once for `tessera-cli` and the
  window alike; `outcomes` holds what they take and give back (jobs, selections, clips and
  results, each able to say in a line what happened).
- `models`: the one owner of the loaded models, each loaded lazily and once, shared by the
  window, its panels and the CLI.
- `session`: the project being edited: open, save, undo, takes, autosave and crash recovery.
- `document`: the session the window observes, with change news, and a job's result rebased
  onto a song edited while it ran (`rebase`: the carrying over itself, a pure function of songs).
- `take_restore`: going back to a take around the current song's locked cells; `take_flip`:
  which of the last two takes one key flips to.
- `cell_changes`: the cells whose notes differ between two songs (what an operation changed).
- `render_progress`: one percentage for an audio export, its notes and its file together.

`session` and `document` load no model (see the import contracts); `use_cases` asks `models`
only when a use case needs one.
"""

__all__ = [
    "cell_changes",
    "document",
    "models",
    "outcomes",
    "rebase",
    "render_progress",
    "session",
    "take_flip",
    "take_restore",
    "use_cases",
]
