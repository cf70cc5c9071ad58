"""Every ONNX model file goes through here: hash checks, providers and threads.

- `onnx`: `open_session` (the one loader of the symbolic, timbre and note models),
  `ModelLoadError`, `choose_providers`.
- `provenance`: what the shipped models are and what they learned from, for "About the models".

The models' own drivers live in their wings (`compose.midi_model`, `sound.timbre`,
`transcribe.transcriber`); which are loaded, and when, is decided by `engine.studio.models`.
"""

__all__ = ["onnx", "provenance"]
