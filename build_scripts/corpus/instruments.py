"""Choose a General MIDI program for each part of a corpus work.

Why names first: encoders label parts well ("Violoncello", "Canto", "Tenor") but often leave
the notation program's default instrument behind (Haydn's violins arrive as "Acoustic Grand
Piano", Monteverdi's voices as "Grand Piano"). So the part's name decides when it names an
instrument or a voice; the music21 instrument decides when the name is generic and the
instrument is not a notation program's default; otherwise the collection's default applies
(choir for chorales, fiddle for fiddle books), with string-quartet order for four unnamed parts
in a string collection.
"""

from __future__ import annotations

import re

from build_scripts.corpus.catalogue import CHOIR, FIDDLE, PIANO, VIOLIN

_NAME_RULES: tuple[tuple[str, int], ...] = (
    (r"continuo|figured bass", 19),
    (r"violoncell|\bcello|\bvc\b|\bvlc", 42),
    (r"contrabass|double ?bass|violone|kontrabass", 43),
    (r"\bviola\b|\bvla\b|bratsche|alto viol", 41),
    (r"violin|violino|\bvln?\b|\bvn\b|geige", 40),
    (r"fiddle", FIDDLE),
    (r"harpsichord|cembalo|clavecin", 6),
    (r"organ|organo|orgel", 19),
    (r"piano|klavier|pianoforte|\bpno\b", 0),
    (r"piccolo|fife", 72),
    (r"recorder|flauto dolce|blockfl", 74),
    (r"flute|flauto|\bfl\b|traverso", 73),
    (r"english horn|cor anglais", 69),
    (r"oboe|hautbois|oboi", 68),
    (r"clarinet|clarinetto|klarinette", 71),
    (r"bassoon|fagott", 70),
    (r"trumpet|tromba|clarino|trompete|cornet|zink", 56),
    (r"trombone|posaune", 57),
    (r"\btuba\b", 58),
    (r"horn|corno|\bcor\b", 60),
    (r"timpani|timp|pauke", 47),
    (r"harp|arpa|harfe", 46),
    (r"guitar|gitarre|chitarra|lute|liuto", 24),
    (
        r"soprano|\balto\b|tenor|\bbass|basso|canto|cantus|quinto|sesto|altus|superius|"
        r"contratenor|triplum|motetus|choir|chorus|\bcoro\b|voice|\bvoce\b|\bvox\b|singstimme|"
        r"gesang|\bs\.?$|\ba\.?$|\bt\.?$|\bb\.?$",
        CHOIR,
    ),
)
_COMPILED = tuple((re.compile(pattern, re.IGNORECASE), program) for pattern, program in _NAME_RULES)

_GENERIC_INSTRUMENTS = re.compile(
    r"^$|^instrument( \d+)?$|musicxml|aria player|^part\b|^staff\b|^p\d+$", re.IGNORECASE
)
"""Instrument names that notation programs write by default and so say nothing."""

STRING_QUARTET = (40, 40, 41, 42)
CHORD_TRACK_PROGRAM = 24
"""Acoustic Guitar (nylon): realised chord symbols of folk tunes and lead sheets."""


def program_from_name(name: str) -> int | None:
    """The GM program a part or instrument name clearly means, or None."""
    for pattern, program in _COMPILED:
        if pattern.search(name):
            return program
    return None


def choose_programs(parts: list[tuple[str, str, int | None]], default_program: int) -> list[int]:
    """One GM program per part, from (part name, instrument name, instrument program) triples.

    Part names win, then a specific instrument, then the collection's default; four unnamed
    parts of a string collection become violin, violin, viola, cello.
    """
    chosen: list[int | None] = []
    for part_name, instrument_name, instrument_program in parts:
        program = program_from_name(part_name)
        if program is None and not _GENERIC_INSTRUMENTS.search(instrument_name.strip()):
            program = program_from_name(instrument_name)
            if program is None and instrument_program is not None:
                program = instrument_program
        chosen.append(program)
    if all(program is None for program in chosen) and default_program == VIOLIN:
        if len(chosen) == 4:
            return list(STRING_QUARTET)
        if len(chosen) == 2:  # two unnamed staves in a string folder: a keyboard's grand staff
            return [PIANO, PIANO]
    return [default_program if program is None else program for program in chosen]


def is_generic_name(name: str) -> bool:
    """True for part names a notation program makes up ('MusicXML Part', 'Instrument 1', '')."""
    return bool(_GENERIC_INSTRUMENTS.search(name.strip()))
