"""MIDI files: `files` is the face (`read_midi`, `import_midi`, `export_midi`).

`reader` builds a Song from `events` (bytes to per-track events, repairing what synths play
through), `meta` (tempo, meter, key, names), `notes` (note pairing, controllers, program
changes) and `text` (lyrics and other words in their encodings); `writer` writes type-1 files
with mido; `mix` is the mixer as controllers (gain CC7, pan CC10, reverb send CC91), both ways.
"""

__all__ = ["files", "reader", "writer"]
