"""Words to controls: "slow and sad folk tune for strings in 3/4" -> a Generate request.

A hand-written, deterministic reader, not a text model: a few tables of words musicians use
(tempo markings, moods, styles and ensembles, instruments, meters, keys, lengths, dynamics,
density) each set one or more fields, and every field remembers the words that set it, so the
app can say what it understood ("tempo 72 from 'slow'") and let the composer change any field.
The same text always gives the same reading; words it does not know are listed, not guessed.

Precedence: a word that names a field directly (`andante`, `3/4`, `in D minor`, `90 bpm`) beats
a mood that only suggests it (`sad` suggests minor and a slower tempo). Among equals the first
word in the prompt wins.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.compose import PRESETS, Controls, Generate
from engine.gm import GM_PROGRAM_NAMES
from engine.theory import key_from_name, parse_scale

DIRECT, SUGGESTED = 2, 1

TEMPO_WORDS: dict[str, float] = {
    "grave": 44, "largo": 50, "lento": 56, "adagio": 66, "slow": 72, "slowly": 72,
    "andante": 84, "walking": 84, "moderato": 100, "moderate": 100, "allegretto": 108,
    "allegro": 126, "quick": 132, "brisk": 132, "fast": 144, "vivace": 152, "presto": 176,
}  # fmt: skip
"""Tempo markings and plain words, in quarter notes per minute (the middle of each marking)."""

MOODS: dict[str, dict[str, object]] = {
    "sad": {"mode": "minor", "tempo_bpm": 66.0, "density": 6},
    "melancholy": {"mode": "minor", "tempo_bpm": 66.0},
    "mournful": {"mode": "minor", "tempo_bpm": 56.0, "density": 5},
    "gloomy": {"mode": "minor", "tempo_bpm": 66.0},
    "dark": {"mode": "minor"},
    "tragic": {"mode": "minor", "tempo_bpm": 60.0},
    "mysterious": {"mode": "minor", "velocity": "soft"},
    "angry": {"mode": "minor", "velocity": "loud", "tempo_bpm": 144.0},
    "happy": {"mode": "major", "tempo_bpm": 120.0},
    "joyful": {"mode": "major", "tempo_bpm": 126.0},
    "cheerful": {"mode": "major", "tempo_bpm": 120.0},
    "bright": {"mode": "major"},
    "merry": {"mode": "major", "tempo_bpm": 126.0},
    "triumphant": {"mode": "major", "velocity": "loud"},
    "majestic": {"mode": "major", "velocity": "loud", "tempo_bpm": 88.0},
    "calm": {"tempo_bpm": 72.0, "velocity": "soft", "density": 6},
    "peaceful": {"tempo_bpm": 72.0, "velocity": "soft", "density": 6},
    "gentle": {"velocity": "soft", "density": 6},
    "tender": {"velocity": "soft", "tempo_bpm": 72.0},
    "dreamy": {"velocity": "soft", "tempo_bpm": 72.0},
    "lively": {"tempo_bpm": 138.0, "density": 12},
    "energetic": {"tempo_bpm": 144.0, "density": 12, "velocity": "loud"},
    "playful": {"mode": "major", "tempo_bpm": 126.0},
}
"""What a mood suggests (weaker than a word that names the field)."""

ENSEMBLES: dict[str, str] = {
    "quartet": "string-quartet", "strings": "string-quartet", "string": "string-quartet",
    "chamber": "string-quartet", "piano": "piano", "keyboard": "piano", "chorale": "chorale",
    "hymn": "chorale", "choir": "chorale", "choral": "chorale", "voices": "chorale",
    "satb": "chorale", "reel": "reel", "hornpipe": "reel",
}  # fmt: skip
"""Ensembles and forms that name a preset."""

STYLES: dict[str, str] = {
    "folk": "folk-tune", "tune": "folk-tune", "fiddle": "folk-tune", "irish": "folk-tune",
    "scottish": "folk-tune", "celtic": "folk-tune", "jig": "folk-tune", "air": "folk-tune",
}  # fmt: skip
"""Words that suggest the folk-tune preset (weaker than an ensemble: 'a tune for piano')."""

METER_WORDS: dict[str, tuple[int, int]] = {
    "waltz": (3, 4), "minuet": (3, 4), "mazurka": (3, 4), "triple": (3, 4), "march": (4, 4),
    "jig": (6, 8), "compound": (6, 8), "reel": (4, 4), "hornpipe": (4, 4), "polka": (2, 4),
}  # fmt: skip

DYNAMICS: dict[str, str] = {
    "soft": "soft", "quiet": "soft", "quietly": "soft", "softly": "soft", "piano-dynamic": "soft",
    "loud": "loud", "bold": "loud", "forte": "loud", "powerful": "loud",
}  # fmt: skip
VELOCITY_RANGES: dict[str, tuple[int, int]] = {"soft": (35, 70), "loud": (85, 120)}

DENSITY_WORDS: dict[str, int] = {
    "sparse": 4, "simple": 6, "plain": 6, "spare": 4, "busy": 12, "dense": 14,
    "flowing": 10, "ornate": 14, "florid": 14,
}  # fmt: skip
"""Notes per bar asked of the model (soft)."""

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "eight": 8, "twelve": 12,
    "sixteen": 16, "twenty-four": 24, "thirty-two": 32, "sixty-four": 64,
}  # fmt: skip
LENGTH_WORDS: dict[str, int] = {"short": 8, "brief": 8, "long": 32}
MODE_KEYS = {
    "major": "major",
    "minor": "minor",
    "ionian": "major",
    "aeolian": "minor",
    "dorian": "minor",
    "phrygian": "minor",
    "lydian": "major",
    "mixolydian": "major",
}
INSTRUMENTS = (
    "flute",
    "violin",
    "viola",
    "cello",
    "oboe",
    "clarinet",
    "trumpet",
    "horn",
    "harp",
    "guitar",
    "accordion",
    "recorder",
    "harpsichord",
    "organ",
    "bassoon",
)
STOPWORDS = frozenset(
    ("a", "an", "and", "the", "for", "in", "of", "with", "on", "at", "to", "by", "some", "very",
     "bit", "little", "like", "piece", "song", "music", "please", "write", "make", "me")
)  # fmt: skip
LABELS = {"tempo_bpm": "tempo", "velocity_range": "velocity", "bars": "length in bars"}

_KEY = re.compile(
    r"\bin ([a-g])(#|b|-sharp|-flat| sharp| flat)?(?: (major|minor|maj|min|"
    r"dorian|phrygian|lydian|mixolydian|aeolian|ionian))?\b"
)
_METER = re.compile(r"\b(\d{1,2})/(1|2|4|8|16)\b")
_BPM = re.compile(r"\b(?:at )?(\d{2,3}) ?(?:bpm|beats per minute)\b")
_BARS = re.compile(r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")[ -](?:bars?|measures?)\b")
_WORD = re.compile(r"[a-z0-9#/-]+")


@dataclass(frozen=True)
class Reading:
    """What a prompt was understood to ask for. `None` leaves a field to the preset or model.

    `sources` maps each field set to the words that set it; change any field with
    `dataclasses.replace` and call `request()`.
    """

    text: str
    preset: str = "folk-tune"
    tempo_bpm: float | None = None
    meter: tuple[int, int] | None = None
    key: str | None = None
    scale: str | None = None
    bars: int | None = None
    density: int | None = None
    velocity_range: tuple[int, int] | None = None
    instrument: int | None = None
    """A GM program for the first voice, when the prompt names an instrument."""
    sources: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()

    def explain(self) -> list[str]:
        """'understood' lines, one per field set, then the words not understood."""
        lines = [
            f"{LABELS.get(name, name)} {self.shown(name)} from {words}"
            for name, words in self.sources.items()
        ]
        if not lines:
            lines.append("nothing recognised: using the folk-tune preset as it is")
        if self.ignored:
            lines.append("not understood: " + ", ".join(repr(w) for w in self.ignored))
        return lines

    def shown(self, name: str) -> str:
        value = getattr(self, name)
        if name == "meter" and value is not None:
            return f"{value[0]}/{value[1]}"
        if name == "instrument" and value is not None:
            return str(GM_PROGRAM_NAMES[value])
        if name == "velocity_range" and value is not None:
            return f"{value[0]}-{value[1]}"
        return f"{value:g}" if isinstance(value, float) else str(value)

    def request(self, seed_controls: Controls | None = None) -> Generate:
        """The Generate request this reading asks for (`seed_controls`: other controls)."""
        base = seed_controls or Controls()
        controls = dataclasses.replace(
            base,
            density=self.density if self.density is not None else base.density,
            velocity_range=self.velocity_range or base.velocity_range,
            scale=parse_scale(self.scale) if self.scale else base.scale,
        )
        return Generate(
            preset=self.preset,
            bars=self.bars,
            meter=self.meter,
            key=key_from_name(self.key) if self.key else None,
            tempo_bpm=self.tempo_bpm,
            title=self.text.strip()[:60] or "Untitled",
            controls=controls,
            lead_program=self.instrument,
        )


class _Votes:
    """Candidate values per field with their strength and position; the best one wins."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[int, int, object, str]] = {}
        self.used: list[tuple[int, int]] = []

    def vote(self, name: str, value: object, strength: int, match: re.Match[str]) -> None:
        self.used.append(match.span())
        rank = (strength, -match.start())
        held = self.best.get(name)
        if held is None or rank > (held[0], held[1]):
            self.best[name] = (rank[0], rank[1], value, repr(match.group(0)))


def _words(text: str, table: Iterable[str]) -> Iterable[re.Match[str]]:
    for word in table:
        yield from re.finditer(rf"\b{re.escape(word)}\b", text)


def read_prompt(text: str) -> Reading:
    """Read a prompt into a Reading (never raises for unknown words: they are listed)."""
    lowered = " ".join(text.lower().replace(",", " ").split())
    votes = _Votes()
    for match in _KEY.finditer(lowered):
        tonic = match.group(1).upper() + _accidental(match.group(2))
        mode = {"maj": "major", "min": "minor"}.get(match.group(3) or "", match.group(3) or "")
        votes.vote("tonic", tonic, DIRECT, match)
        if mode:
            votes.vote("mode", mode, DIRECT, match)
    for match in _METER.finditer(lowered):
        votes.vote("meter", (int(match.group(1)), int(match.group(2))), DIRECT, match)
    for match in _BPM.finditer(lowered):
        votes.vote("tempo_bpm", float(match.group(1)), DIRECT, match)
    for match in _BARS.finditer(lowered):
        count = match.group(1)
        votes.vote("bars", int(count) if count.isdigit() else NUMBER_WORDS[count], DIRECT, match)
    _vote_tables(lowered, votes)
    return _reading(text, lowered, votes)


def _vote_tables(lowered: str, votes: _Votes) -> None:
    tables: list[tuple[str, Mapping[str, object], int]] = [
        ("tempo_bpm", TEMPO_WORDS, DIRECT),
        ("preset", ENSEMBLES, DIRECT),
        ("preset", STYLES, SUGGESTED),
        ("meter", METER_WORDS, DIRECT),
        ("velocity", DYNAMICS, DIRECT),
        ("density", DENSITY_WORDS, DIRECT),
        ("bars", LENGTH_WORDS, SUGGESTED),
        ("mode", MODE_KEYS, DIRECT),
    ]
    for name, table, strength in tables:
        for match in _words(lowered, table):
            votes.vote(name, table[match.group(0)], strength, match)
    for match in _words(lowered, MOODS):
        for name, value in MOODS[match.group(0)].items():
            votes.vote(name, value, SUGGESTED, match)
    for match in _words(lowered, INSTRUMENTS):
        program = next(p for p, n in enumerate(GM_PROGRAM_NAMES) if match.group(0) in n.lower())
        votes.vote("instrument", program, DIRECT, match)
        votes.vote("preset", "folk-tune", SUGGESTED, match)


def _accidental(text: str | None) -> str:
    text = (text or "").strip(" -")
    return {"sharp": "#", "flat": "b"}.get(text, text)


def _reading(text: str, lowered: str, votes: _Votes) -> Reading:
    values = {name: held[2] for name, held in votes.best.items()}
    sources = {name: held[3] for name, held in votes.best.items()}
    preset = str(values.get("preset", "folk-tune"))
    fields: dict[str, Any] = {"preset": preset}
    found: dict[str, str] = {}
    for name in ("preset", "tempo_bpm", "meter", "bars", "density", "instrument"):
        if name in values:
            fields[name], found[name] = values[name], sources[name]
    if "velocity" in values:
        fields["velocity_range"] = VELOCITY_RANGES[str(values["velocity"])]
        found["velocity_range"] = sources["velocity"]
    if "tonic" in values or "mode" in values:
        fields["key"], fields["scale"], found["key"] = _key(values, sources, preset)
        if fields["scale"]:
            found["scale"] = sources["mode"]
    covered = [False] * len(lowered)
    for start, end in votes.used:
        covered[start:end] = [True] * (end - start)
    ignored = tuple(
        m.group(0) for m in _WORD.finditer(lowered)
        if not any(covered[m.start() : m.end()]) and m.group(0) not in STOPWORDS
    )  # fmt: skip
    return Reading(text=text, sources=found, ignored=ignored, **fields)


def _key(
    values: dict[str, object], sources: dict[str, str], preset: str
) -> tuple[str, str | None, str]:
    """(key name, scale name or None, the words that set them): a missing tonic comes from the
    preset's key; a church mode sets a scale too (the key signature is its major or minor)."""
    preset_tonic = PRESETS[preset].key.split()[0]
    tonic = str(values.get("tonic", preset_tonic))
    mode = str(values.get("mode", "major"))
    key = f"{tonic} {MODE_KEYS[mode]}"
    scale = f"{tonic} {mode}" if mode not in ("major", "minor") else None
    words = " and ".join(dict.fromkeys(sources[n] for n in ("tonic", "mode") if n in sources))
    if "tonic" not in values:
        words += f" (tonic {tonic} from the {preset} preset)"
    return key, scale, words
