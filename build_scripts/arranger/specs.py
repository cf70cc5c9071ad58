"""What each band style plays: tempo range, harmony, instruments and the patterns of each part.

Why a table: the idioms are textbook knowledge (a rock bass pumps eighth-note roots, a reggae
guitar skanks on the off-beats, a jazz bass walks in quarters), and writing them as data keeps
every style comparable at a glance and lets the arranger draw among several patterns and
instruments per style, so two seeds rarely give the same band. Pattern names refer to
`bass.BASS_PATTERNS` and `comping.COMP_PATTERNS`; programs are General MIDI.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.arranger.chords import II, III, IV, VI, VII, I, V
from engine.song.styles import STYLE_NAMES

Template = tuple[int, ...]

POP_MAJOR: tuple[Template, ...] = ((I, V, VI, IV), (VI, IV, I, V), (I, VI, IV, V), (I, IV, VI, V))
MINOR: tuple[Template, ...] = ((I, VI, III, VII), (I, IV, V, I), (I, VII, VI, V), (I, VI, IV, V))
JAZZ_MAJOR: tuple[Template, ...] = ((II, V, I, I), (I, VI, II, V), (III, VI, II, V))
JAZZ_MINOR: tuple[Template, ...] = ((I, IV, V, I), (I, VI, II, V))
BLUES_12: tuple[Template, ...] = (
    (I, I, I, I, IV, IV, I, I, V, IV, I, V),
    (I, IV, I, I, IV, IV, I, I, V, IV, I, V),
)
"""The 12-bar blues and its quick-change variant (IV in bar 2), turnaround V in bar 12."""
PENTA_MAJOR: tuple[Template, ...] = ((I, VI, IV, I), (I, II, VI, I), (VI, IV, I, I))
PENTA_MINOR: tuple[Template, ...] = ((I, VI, III, I), (I, IV, III, I), (VI, III, I, I))
COUNTRY_MAJOR: tuple[Template, ...] = ((I, IV, I, V), (I, I, IV, V), (I, V, IV, I))


@dataclass(frozen=True)
class StyleSpec:
    name: str
    tempo: tuple[int, int]
    """The range a song's tempo is drawn from (BPM)."""
    harmony: str
    """'triads', 'sevenths', 'blues' or 'pentatonic' (see `chords.candidates`)."""
    major_templates: tuple[Template, ...]
    minor_templates: tuple[Template, ...]
    melody_programs: tuple[int, ...]
    chord_programs: tuple[int, ...]
    bass_programs: tuple[int, ...]
    bass_verse: tuple[str, ...]
    bass_chorus: tuple[str, ...]
    comp_verse: tuple[str, ...]
    comp_chorus: tuple[str, ...]
    pad_programs: tuple[int, ...] = ()
    pad_chance: float = 0.0
    """The share of songs with a Pad track (held chords under the band)."""
    half_bar_chance: float = 0.25
    """The share of songs whose chords may change every half bar, not only every bar."""
    swing: bool = False
    programmed_drums: bool = False
    """House: a hand-written four-on-the-floor (the Groove dataset has few dance grooves)."""
    waltz: bool = False
    """Takes 3/4 tunes (as a waltz); the others take only 4/4 readings."""
    backbeat: bool = True
    """Prefers groove bars with a kick on 1 and the snare on 2 and 4."""


SPECS: dict[str, StyleSpec] = {spec.name: spec for spec in (
    StyleSpec("pop", (96, 124), "triads", POP_MAJOR, MINOR, (80, 81, 4, 0, 73), (0, 25, 4),
              (33, 34, 38), ("root_fifth", "pop_eighths"), ("pop_eighths", "pop_push"),
              ("block_half", "push", "strum8"), ("pop_eighths", "strum8", "push"),
              pad_programs=(89, 88, 48), pad_chance=0.5),
    StyleSpec("rock", (110, 150), "triads", POP_MAJOR, MINOR, (29, 30, 81, 26),
              (30, 29), (34, 33), ("roots8",), ("roots8", "roots8_octave"),
              ("power_half", "power8"), ("power8",), half_bar_chance=0.15),
    StyleSpec("metal", (110, 160), "triads", POP_MAJOR, MINOR, (30, 81, 29), (30,), (34, 33),
              ("roots8", "gallop"), ("gallop", "roots16"), ("power8", "power_gallop"),
              ("power_gallop", "power16"), half_bar_chance=0.1),
    StyleSpec("ballad", (60, 76), "triads", POP_MAJOR, MINOR, (73, 0, 65, 24), (0, 24),
              (33, 32, 35), ("whole", "ballad_half"), ("ballad_half",),
              ("broken", "block_whole"), ("broken", "block_half"),
              pad_programs=(48, 49, 89), pad_chance=0.9, half_bar_chance=0.45, waltz=True),
    StyleSpec("lofi", (70, 90), "sevenths", JAZZ_MAJOR + POP_MAJOR, MINOR, (0, 24, 26, 73),
              (4,), (33, 32), ("hiphop", "whole"), ("hiphop",), ("rhodes_half", "rhodes_lazy"),
              ("rhodes_lazy", "rhodes_push"), swing=True),
    StyleSpec("hiphop", (85, 100), "triads", POP_MAJOR, MINOR, (0, 4, 80, 81), (0, 4),
              (38, 33, 39), ("hiphop",), ("hiphop", "hiphop_busy"), ("stabs_sparse", "block_whole"),
              ("stabs_sparse", "rhodes_push"), half_bar_chance=0.1),
    StyleSpec("house", (120, 128), "triads", POP_MAJOR, MINOR, (80, 81, 0), (81, 90, 87),
              (38, 39), ("house_offbeat",), ("house_octaves", "house_offbeat"),
              ("arp16_half", "stabs_offbeat"), ("arp16",), pad_programs=(89, 90, 91),
              pad_chance=0.6, half_bar_chance=0.0, programmed_drums=True, backbeat=False),
    StyleSpec("funk", (96, 116), "sevenths", POP_MAJOR, MINOR, (56, 65, 4, 81), (7, 28, 27),
              (36, 37, 33), ("funk_octaves", "funk_slap"), ("funk_slap", "funk_octaves"),
              ("clav16", "chops"), ("clav16",), half_bar_chance=0.1, backbeat=False),
    StyleSpec("soul", (70, 100), "sevenths", POP_MAJOR + JAZZ_MAJOR, MINOR, (65, 66, 56, 4, 0),
              (4, 16), (33, 32), ("soul", "root_fifth"), ("soul",), ("rhodes_half", "rhodes_push"),
              ("rhodes_push", "block_quarters"), pad_programs=(16, 48, 89), pad_chance=0.4),
    StyleSpec("reggae", (70, 90), "triads", POP_MAJOR, MINOR, (65, 4, 80, 56), (27, 28, 16),
              (33, 38), ("one_drop",), ("one_drop", "steppers"), ("skank",),
              ("skank", "skank_double"), half_bar_chance=0.1, backbeat=False),
    StyleSpec("latin", (100, 135), "sevenths", JAZZ_MAJOR + POP_MAJOR, JAZZ_MINOR, (73, 65, 56, 24),
              (24, 0), (32, 33), ("bossa", "tumbao"), ("tumbao", "bossa"), ("bossa_comp",),
              ("bossa_comp", "montuno"), half_bar_chance=0.3, backbeat=False),
    StyleSpec("jazz", (110, 170), "sevenths", JAZZ_MAJOR, JAZZ_MINOR, (65, 66, 56, 26, 0), (0, 26),
              (32,), ("walking_two", "walking"), ("walking",), ("charleston", "four_to_bar"),
              ("charleston", "four_to_bar"), half_bar_chance=0.55, swing=True, waltz=True,
              backbeat=False),
    StyleSpec("blues", (70, 110), "blues", BLUES_12, BLUES_12, (65, 26, 29, 0, 56), (0, 26, 27),
              (33, 32, 34), ("boogie", "walking_two"), ("boogie",), ("shuffle_comp", "block_half"),
              ("shuffle_comp",), half_bar_chance=0.0, swing=True),
    StyleSpec("country", (100, 140), "triads", COUNTRY_MAJOR, MINOR, (110, 25, 24, 73, 26),
              (25, 24), (33, 32), ("root_fifth",), ("root_fifth", "walkup"),
              ("boom_chick", "strum8"), ("strum8", "boom_chick"), half_bar_chance=0.2,
              waltz=True),
    StyleSpec("cinematic", (70, 100), "triads", POP_MAJOR, MINOR, (60, 73, 56, 48), (48, 49),
              (43, 42, 32), ("whole", "pedal8"), ("pedal8", "ballad_half"),
              ("pad_chords", "ostinato8"), ("ostinato8", "ostinato16"),
              pad_programs=(88, 89, 91, 94, 95), pad_chance=1.0, half_bar_chance=0.2, waltz=True),
    StyleSpec("chinese", (66, 96), "pentatonic", PENTA_MAJOR, PENTA_MINOR, (73, 107),
              (107,), (33, 32), ("root_fifth", "whole"), ("root_fifth",),
              ("koto_arp", "koto_roll"), ("koto_arp", "koto_roll"), pad_programs=(48, 49, 89),
              pad_chance=0.6, half_bar_chance=0.15, waltz=True),
)}  # fmt: skip
"""The band styles, each named as in `engine.song.styles`."""

ARRANGED_STYLES: tuple[str, ...] = tuple(name for name in STYLE_NAMES if name in SPECS)
"""Every style the arranger writes, in `engine.song.styles` order (folk and classical are the
corpus's own styles and are not arranged)."""


def spec_for(style: str) -> StyleSpec:
    """The spec of a band style; KeyError names the styles there are."""
    if style not in SPECS:
        raise KeyError(f"no arrangement for style {style!r}: choose one of {', '.join(SPECS)}")
    return SPECS[style]
