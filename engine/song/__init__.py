"""The song itself, at the bottom of the engine: what every other wing reads and writes.

- `song`: Song, Track, Note, the grid's Cell, controllers, texts, tempo, meter and key maps;
  `values` (`SongError` and the field checks), `timbre_ref` (`TimbreRef`, which sound a track
  uses) and `track_events` (controller moves, program changes, texts), all re-exported by
  `song`.
- `edits`: pure edits (add/remove notes, lock cells, tempo, mix), with the checks they share
  in `edit_checks` (the track exists, locks hold) and the edits over a span of bars with its
  controllers in `span_edits` (`select`, `clear_cell_controls`); `undo`: the undo history;
  `takes`: the list of composing results.
- `theory` (keys, scales, chords), `gm` and `drums` (General MIDI programs and the drum map),
  `styles` (the style names and the words for them), `performance` (sustain pedal, pitch bend
  and expression as they sound), `note_cleanup` (notes made safe for MIDI), `selection`
  (`--tracks 2,3`, `--bars 5-8`), `summary` (one-line descriptions), `stage` (where each
  instrument family sits by default: pan, width, reverb send).

Nothing here imports another wing, a model or onnxruntime.
"""

__all__ = [
    "drums",
    "edit_checks",
    "edits",
    "gm",
    "note_cleanup",
    "performance",
    "selection",
    "song",
    "span_edits",
    "stage",
    "styles",
    "summary",
    "takes",
    "theory",
    "timbre_ref",
    "track_events",
    "undo",
    "values",
]
