"""Composing with the symbolic model: requests, controls, the plan, tokens and decoding.

What a composer asks: `requests` (Lock, Regenerate, Nudge, AddTrack, Continue, Generate, with no
model behind them), `controls` (controls as musicians think of them and the per-cell guides they
become), `context` (what the bars around a cell say), `plan` (a new song's form, chords and
beat), `forms` (each style's forms in sections, typed forms read), `energy` (a section's energy
as per-cell guides: density, loudness, register, who rests, drum fills), `fit` (tempo and form
for a length in seconds), `durations` (lengths in words), `presets` and `preset_files` (the
top-level `presets/` folder), `prompt` (words in English or Chinese to a request; its word
tables in `prompt_words` and `prompt_zh`, what it understood in `understood`), `fit_cuts` (a
song fitted to a video's cuts), `control_text` (what the CLI and the inspector type for each
control, read and checked once).

How it is written: `operations` (`apply` and one function per request), `cell_writer` (cells in
batches, locks respected), `cell_edit` (placing notes in one cell, no model, and why a lock
holds in sound), `nudge_blend` (a nudge's mix of old and new notes), `section_ops` and
`section_music` (regenerate, vary, copy and recast a section, to it alone or to every repeat),
`decode` (prompt and decoding loop), `sampling` (the fill grammar, hard limits, soft pulls),
`voice_leading` and `part_writing` (how parts lead from note to note, and which pull each kind
of part gets), `infill` (takes of a regenerated cell, the best-fitting kept), `fill_context`
(the song as it stands while a call writes), `tokens` and `vocab` (the token format),
`control_tokens` (per-bar control tokens), `midi_model` (the ONNX decoder), `augment`
(training-time transpositions).

Importing `requests`, `controls` or `cell_edit` loads no model: only `midi_model` imports
onnxruntime.
"""

__all__ = [
    "augment",
    "cell_edit",
    "cell_writer",
    "context",
    "control_text",
    "control_tokens",
    "controls",
    "decode",
    "durations",
    "energy",
    "fill_context",
    "fit",
    "fit_cuts",
    "forms",
    "infill",
    "midi_model",
    "nudge_blend",
    "operations",
    "part_writing",
    "plan",
    "preset_files",
    "presets",
    "prompt",
    "prompt_words",
    "prompt_zh",
    "requests",
    "sampling",
    "section_music",
    "section_ops",
    "tokens",
    "understood",
    "vocab",
    "voice_leading",
]
