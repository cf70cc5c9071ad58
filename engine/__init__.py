"""Tessera's headless engine: the Song document, MIDI and project files, composing and audio.

Nothing in this package imports Qt or torch; the UI and the CLI sit on top of it. Where each
feature lives, so a newcomer finds it in one guess:

- The song and its edits: `song` (Song, Track, Note, controllers, texts), `edits`, `cell_edit`
  (placing notes in one track-bar cell), `history` (undo), `takes`, `selection`, `theory`
  (keys, scales, chords), `gm` and `drums` (General MIDI), `styles`, `summary`.
- Files: `project_file` (the JSON project), `song_files` (open or save by suffix), `midi_io`
  with `midi_import`, `midi_events`, `midi_meta`, `midi_notes`, `midi_text` (reading SMF) and
  `midi_export`; `atomic_write`; `session` and `document` (the open project the window
  observes, undo, recovery, a job's result rebased onto an edited song).
- What a composer asks: `requests` (the request types, with no model behind them),
  `cell_controls` (controls and per-cell guides), `cell_context` (what the bars around a cell
  say), `presets` and `preset_files` (presets read from the top-level `presets/` folder),
  `song_plan` (a new song's form, chords and beat), `prompt` (words, English or Chinese, to a
  request).
- Composing with the symbolic model: `compose` (the operations), `cell_writer` (cells in
  batches), `generate` (prompt and decoding), `sampling` (the fill grammar, hard limits and
  soft pulls), `fill_context`, `tokens` and `vocab` (the token format), `inference` (the ONNX
  model), `controls` (per-bar control tokens), `augment` (training-time transpositions).
- Sound: `timbre`, `timbre_synth`, `timbre_audition` (the timbre model), `audio` (song to
  audio), `midi_performance` (pedal, bend and expression), `playback`, `recording`.
- Live playing: `live`, `live_music`, `live_bank`, `live_ports`, `live_rig`, `live_synth`,
  `live_timing`, `live_voices`.
- Audio to notes: `transcribe`, `transcribe_notes`, `transcribe_song`.
- Originality and provenance: `originality`, `originality_index`, `originality_similar`,
  `provenance`.
"""
