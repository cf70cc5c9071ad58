"""A hummed, sung or played clip becomes notes.

- `transcriber`: the note model (basic-pitch's network through `engine.runtime.onnx`) and
  `transcribe`.
- `notes`: notes read from its frame-wise posteriors; `to_song`: those notes as a Song in the
  clip's key and tempo.
"""

__all__ = ["notes", "to_song", "transcriber"]
