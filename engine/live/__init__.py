"""Playing live with the model: a keyboard in, the model answering bar by bar, sound out.

- `session`: LiveSession, the loop that hears a bar and has the model answer the next.
- `music`: what the model is asked while playing; `timing`: bars and beats in real time.
- `ports`: MIDI ports in and out; `rig`: a ready session from port names.
- `synth`, `bank` and `voices`: the built-in synth that plays the answer with the tracks'
  timbres.
"""

__all__ = ["bank", "music", "ports", "rig", "session", "synth", "timing", "voices"]
