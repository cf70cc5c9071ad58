"""Tessera's headless engine: the song, its files, composing, sound, live playing and checks.

Nothing in this package imports Qt or torch; the UI and the CLI sit on top of it. The engine is
built in wings, each a package whose `__init__` says what lives there; `pyproject.toml`'s import
contracts keep their order (a wing imports only wings below it):

- `studio`: the open project as the app and the CLI use it: the session (open, save, undo,
  takes, recovery), the document the window observes, and the loaded models.
- `live`: playing with the model in real time (ports, timing, the built-in synth).
- The middle wings, independent of each other:
  - `compose`: requests, controls, the song plan, presets, the prompt reader, tokens, the
    sampler and the decoder that writes cells with the symbolic model.
  - `project`: the JSON project, MIDI in and out, locks on project files.
  - `sound`: timbres, rendering to audio, playback and recording.
  - `originality`: which passages match training works.
  - `transcribe`: a clip of audio to notes.
- `runtime`: the one loader of ONNX model files, and what the models learned from.
- `song`: the Song itself, its edits, undo history, takes, music theory and General MIDI.
- `errors`: `TesseraError`, the base of every error a user may see; `atomic_write`: writing a
  file so a crash leaves the old one or the new one whole (projects, MIDI and audio alike).
"""
