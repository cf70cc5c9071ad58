"""A style arranger: the corpus's public-domain tunes set for a band in each modern style.

Why: the corpus has folk tunes, chorales and classical scores, but a band model must also learn
what drums, bass, comping and a lead do together in pop, rock, reggae, jazz and the rest. This
package writes that band from public idioms (textbook chord progressions, bass and comping
patterns, hand-written dance and waltz beats) around a public-domain melody, with human
drumming from the Groove MIDI Dataset (CC BY 4.0). Nothing here is copied from an arrangement,
a song or another program's style files.

Modules, in the order an arrangement is made: `melody` (read a tune), `chords` and `harmony`
(choose chords), `form` (sections), `voicing`, `comping`, `bass`, `grooves` and `drums` (the
parts), `parts` (registers and instruments), `feel` (swing, humanising, clean-up), `arrange`
(one song), `specs` (what each style plays) and `build` (many songs and the manifest).
"""
