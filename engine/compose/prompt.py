"""Words to controls: "slow and sad folk tune for strings in 3/4" -> a Generate request.

A hand-written, deterministic reader, not a text model: a few tables of words musicians use
(tempo markings, moods, styles and ensembles, instruments, meters, keys, lengths, dynamics,
density), in English and in Chinese, each set one or more fields, and every field remembers the
words that set it, so the app can say what it understood ("tempo 72 from 'slow'") and let the
composer change any field. The same text always gives the same reading; words it does not know
are listed, not guessed. The word tables themselves are in `engine.compose.prompt_words`.

Precedence: a band style (`pop`, `lo-fi`, `摇滚`, any word of `engine.song.styles` outside folk and
classical) picks its preset over anything else, because it says the most about the song; then
a word that names a field directly (`andante`, `3/4`, `in D minor`, `90 bpm`, `piano`) beats a
mood or an instrument that only suggests it (`sad` suggests minor and a slower tempo, `flute` a
folk tune, `rhodes` lo-fi). Among equals the first word in the prompt wins.

Chinese is written without spaces, so Chinese words are found as substrings. Wherever two
words overlap the longer one wins ("欢快" is cheerful, not the "快" of fast; "electric guitar"
is no plain "guitar"), and the Chinese left over, less particles such as "的", is listed as not
understood.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.compose import prompt_zh
from engine.compose.durations import find_durations
from engine.compose.operations import PRESETS, Controls, Generate
from engine.compose.prompt_words import (
    BAND_INSTRUMENTS,
    BAND_PARTS,
    CHINESE_MODES,
    CHINESE_MOODS,
    CHINESE_NUMBERS,
    CHINESE_PENTATONIC_MODES,
    CHINESE_STOPWORDS,
    DENSITY_WORDS,
    DIRECT,
    DYNAMICS,
    ENSEMBLES,
    FORM_ROLES,
    INSTRUMENTS,
    LABELS,
    LENGTH_WORDS,
    METER_WORDS,
    MODE_KEYS,
    MOODS,
    NUMBER_WORDS,
    STOPWORDS,
    STYLE_WORDS,
    STYLES,
    SUGGESTED,
    TEMPO_WORDS,
    VELOCITY_RANGES,
)
from engine.compose.prompt_zh import CHINESE_INSTRUMENTS
from engine.compose.understood import FIELDS, Understood
from engine.song.gm import GM_PROGRAM_NAMES, program_from_name
from engine.song.theory import key_from_name, parse_scale

_KEY = re.compile(
    r"\bin ([a-g])(#|b|-sharp|-flat| sharp| flat)?(?: (major|minor|maj|min|"
    r"dorian|phrygian|lydian|mixolydian|aeolian|ionian))?\b"
)
_CHINESE_KEY = re.compile(r"(?<![a-z])([a-g])(#|b)? ?(大调|小调)")
_CHINESE_PENTATONIC_KEY = re.compile(r"(?:(?<![a-z])([a-g])(#|b)? ?)?([宫商角徵羽])调式?")
"""A Chinese pentatonic mode, its final named or not: 'D羽调式', 'g 徵调', '羽调'."""
_METER = re.compile(r"(?<![\d/])(\d{1,2})/(1|2|4|8|16)(?![\d/])")
_BPM = re.compile(r"(?:\bat )?(?<![\d.])(\d{2,3}) ?(?:bpm|beats per minute)(?![a-z])")
_BARS = re.compile(r"\b(\d{1,3}|" + "|".join(NUMBER_WORDS) + r")[ -](?:bars?|measures?)\b")
_CHINESE_BARS = re.compile(
    r"(?<!\d)(\d{1,3}|" + "|".join(sorted(CHINESE_NUMBERS, key=len, reverse=True)) + r") ?个?小节"
)
_LETTER_FORM = re.compile(r"\b(aaba|aabb|abab|abac|abba|aaa?b)\b")
_ROLE_RUN = re.compile(
    rf"\b(?:{'|'.join(FORM_ROLES)})(?:(?: and | then |[ ,-]+)(?:{'|'.join(FORM_ROLES)}))+\b"
)
"""Two or more section roles in a row ('verse chorus verse chorus bridge'): a form."""
_LONE_ROLE = re.compile(r"\b(intro|verse|pre-chorus|chorus|bridge|outro)\b")
"""One section named alone ('with a catchy chorus'): understood, though the style's form decides
the sections ('solo' and 'break' alone say more often something else: 'piano solo')."""
_CLOCK_COLON = re.compile(r"(?<=\d):(?=[0-5]\d)")
_CJK = "\u3400-\u9fff"
_WORD = re.compile(rf"[a-z0-9#/&-]+|[{_CJK}]+")
_PUNCTUATION = str.maketrans(dict.fromkeys(",，。、；;：:！!？?（）()「」“”", " "))


@dataclass(frozen=True)
class Reading:
    """What a prompt was understood to ask for. `None` leaves a field to the preset or model.

    `sources` maps each field set to the words that set it; change any field with
    `dataclasses.replace` and call `request()`. `remarks` are words understood that set no
    field (a drum kit the preset already has, or cannot have).
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
    seconds: float | None = None
    """How long the song lasts ('2 minutes', '1:30', '两分钟'): bars and tempo are fitted."""
    form: str | None = None
    """The form named ('AABA', 'verse chorus verse chorus')."""
    sources: dict[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The prompt's own words that set each field (`sources` quotes them for a sentence)."""
    notes: tuple[Understood, ...] = ()
    """`remarks` as data: the understood words that set no field (see `understood`)."""

    def explain(self) -> list[str]:
        """'understood' lines, one per field set, then remarks, then the words not understood."""
        lines = [
            f"{LABELS.get(name, name)} {self.shown(name)} from {words}"
            for name, words in self.sources.items()
        ]
        lines += self.remarks
        if not lines:
            lines.append("nothing recognised: using the folk-tune preset as it is")
        if self.ignored:
            lines.append("not understood: " + ", ".join(repr(w) for w in self.ignored))
        return lines

    def understood(self) -> tuple[Understood, ...]:
        """What was understood, field by field then the remarks, as data for a user interface
        to word in the composer's language (`explain` words it in English)."""
        items = [
            Understood(
                name,
                getattr(self, name),
                self.words.get(name, ()),
                "tonic from preset" if name == "key" and "(tonic " in self.sources[name] else "",
                self.preset,
            )
            for name in FIELDS
            if name in self.sources
        ]
        return (*items, *self.notes)

    def shown(self, name: str) -> str:
        value = getattr(self, name)
        if name == "meter" and value is not None:
            return f"{value[0]}/{value[1]}"
        if name == "instrument" and value is not None:
            return str(GM_PROGRAM_NAMES[value])
        if name == "velocity_range" and value is not None:
            return f"{value[0]}-{value[1]}"
        if name == "seconds" and value is not None:
            return f"{value:g} s ({int(value // 60)}:{value % 60:02g})"
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
            seconds=self.seconds,
            form=self.form,
        )


@dataclass(frozen=True)
class _Hit:
    """Words found in the prompt: where, and the field votes (name, value, strength) they cast."""

    start: int
    end: int
    text: str
    votes: tuple[tuple[str, object, int], ...]


class _Votes:
    """Candidate values per field with their strength and position; the best one wins."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[int, int, object, str]] = {}
        """field -> (strength, -position, value, the words as written)."""
        self.used: list[tuple[int, int]] = []

    def cast(self, hit: _Hit) -> None:
        self.used.append((hit.start, hit.end))
        for name, value, strength in hit.votes:
            rank = (strength, -hit.start)
            held = self.best.get(name)
            if held is None or rank > (held[0], held[1]):
                self.best[name] = (rank[0], rank[1], value, hit.text)


def _find(text: str, words: Iterable[str]) -> Iterable[tuple[int, int, str]]:
    """(start, end, word) of each occurrence: English words whole, Chinese ones anywhere."""
    for word in words:
        if word.isascii():
            for match in re.finditer(rf"\b{re.escape(word)}\b", text):
                yield match.start(), match.end(), word
        else:
            start = text.find(word)
            while start >= 0:
                yield start, start + len(word), word
                start = text.find(word, start + len(word))


def read_prompt(text: str) -> Reading:
    """Read a prompt into a Reading (never raises for unknown words: they are listed)."""
    clock = _CLOCK_COLON.sub("\ue000", text.lower())  # '1:30' keeps its colon
    lowered = " ".join(clock.translate(_PUNCTUATION).replace("\ue000", ":").split())
    hits = _pattern_hits(lowered) + _chinese_and_section_hits(lowered) + _table_hits(lowered)
    votes = _Votes()
    for hit in _longest(hits):
        votes.cast(hit)
    return _reading(text, lowered, votes)


def _pattern_hits(lowered: str) -> list[_Hit]:
    """Keys, meters, tempi and lengths written with numbers or note names."""
    hits: list[_Hit] = []

    def add(match: re.Match[str], *votes: tuple[str, object, int]) -> None:
        hits.append(_Hit(match.start(), match.end(), match.group(0), votes))

    for match in _KEY.finditer(lowered):
        tonic = match.group(1).upper() + _accidental(match.group(2))
        mode = {"maj": "major", "min": "minor"}.get(match.group(3) or "", match.group(3) or "")
        add(match, ("tonic", tonic, DIRECT), *((("mode", mode, DIRECT),) if mode else ()))
    for match in _CHINESE_KEY.finditer(lowered):
        tonic = match.group(1).upper() + (match.group(2) or "")
        add(match, ("tonic", tonic, DIRECT), ("mode", CHINESE_MODES[match.group(3)], DIRECT))
    for match in _CHINESE_PENTATONIC_KEY.finditer(lowered):
        vote = ("mode", CHINESE_PENTATONIC_MODES[match.group(3)], DIRECT)
        if match.group(1):
            add(match, ("tonic", match.group(1).upper() + (match.group(2) or ""), DIRECT), vote)
        else:
            add(match, vote)
    for match in _METER.finditer(lowered):
        add(match, ("meter", (int(match.group(1)), int(match.group(2))), DIRECT))
    for match in _BPM.finditer(lowered):
        add(match, ("tempo_bpm", float(match.group(1)), DIRECT))
    for match in _BARS.finditer(lowered):
        count = match.group(1)
        add(match, ("bars", int(count) if count.isdigit() else NUMBER_WORDS[count], DIRECT))
    for start, end, seconds in find_durations(lowered):
        hits.append(_Hit(start, end, lowered[start:end], (("seconds", seconds, DIRECT),)))
    for match in _LETTER_FORM.finditer(lowered):
        add(match, ("form", match.group(0).upper(), DIRECT))
    for match in _ROLE_RUN.finditer(lowered):
        roles = re.findall("|".join(FORM_ROLES), match.group(0))
        add(match, ("form", " ".join(roles), DIRECT))
    for match in _CHINESE_BARS.finditer(lowered):
        count = match.group(1)
        add(match, ("bars", int(count) if count.isdigit() else CHINESE_NUMBERS[count], DIRECT))
    return hits


def _chinese_and_section_hits(lowered: str) -> list[_Hit]:
    """Tempi written the Chinese way ('每分钟90拍'), forms of Chinese section names ('主歌 副歌
    主歌 副歌'), and a section named alone in either language."""
    hits: list[_Hit] = []
    for match in prompt_zh.CHINESE_BPM.finditer(lowered):
        bpm = float(match.group(1) or match.group(2))
        hits.append(_Hit(match.start(), match.end(), match.group(0), (("tempo_bpm", bpm, DIRECT),)))
    for match in prompt_zh.CHINESE_ROLE_RUN.finditer(lowered):
        roles = [prompt_zh.CHINESE_ROLES[w] for w in prompt_zh.CHINESE_ROLE.findall(match.group(0))]
        hits.append(
            _Hit(match.start(), match.end(), match.group(0), (("form", " ".join(roles), DIRECT),))
        )
    for match in prompt_zh.CHINESE_ROLE.finditer(lowered):
        role = prompt_zh.CHINESE_ROLES[match.group(0)]
        hits.append(
            _Hit(match.start(), match.end(), match.group(0), (("section", role, SUGGESTED),))
        )
    for match in _LONE_ROLE.finditer(lowered):
        votes = (("section", match.group(1), SUGGESTED),)
        hits.append(_Hit(match.start(), match.end(), match.group(0), votes))
    return hits


def _table_hits(lowered: str) -> list[_Hit]:
    """Every word of the tables found in the prompt, with the votes it casts."""
    simple: list[tuple[str, Mapping[str, object], int]] = [
        ("tempo_bpm", TEMPO_WORDS, DIRECT),
        ("preset", ENSEMBLES, DIRECT),
        ("preset", STYLES, SUGGESTED),
        ("meter", METER_WORDS, DIRECT),
        ("velocity", DYNAMICS, DIRECT),
        ("density", DENSITY_WORDS, DIRECT),
        ("bars", LENGTH_WORDS, SUGGESTED),
        ("mode", MODE_KEYS, DIRECT),
        ("mode", CHINESE_MODES, DIRECT),
    ]
    hits = [
        _Hit(start, end, word, ((name, table[word], strength),))
        for name, table, strength in simple
        for start, end, word in _find(lowered, table)
    ]
    for start, end, word in _find(lowered, STYLE_WORDS):
        preset, strength = STYLE_WORDS[word]
        hits.append(_Hit(start, end, word, (("preset", preset, strength),)))
    moods = {**{word: word for word in MOODS}, **CHINESE_MOODS}
    for start, end, word in _find(lowered, moods):
        suggested = tuple((name, value, SUGGESTED) for name, value in MOODS[moods[word]].items())
        hits.append(_Hit(start, end, word, suggested))
    instruments: dict[str, str | None] = {word: "folk-tune" for word in INSTRUMENTS}
    instruments.update(BAND_INSTRUMENTS)
    instruments.update({word: preset for word, (_, preset) in CHINESE_INSTRUMENTS.items()})
    for start, end, word in _find(lowered, instruments):
        suggests = instruments[word]
        program = CHINESE_INSTRUMENTS[word][0] if word in CHINESE_INSTRUMENTS else None
        votes: tuple[tuple[str, object, int], ...] = (
            ("instrument", program_from_name(word) if program is None else program, DIRECT),
        )
        if suggests is not None:
            votes += (("preset", suggests, SUGGESTED),)
        hits.append(_Hit(start, end, word, votes))
    for start, end, word in _find(lowered, BAND_PARTS):
        part = BAND_PARTS[word]
        votes = ((part, word, DIRECT), ("preset", "pop", SUGGESTED))
        hits.append(_Hit(start, end, word, votes))
    return hits


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """The hits to use, in prompt order: words inside (or across) longer words are dropped, so
    "electric guitar" is not also a "guitar", and Chinese, which has no spaces, tells "快"
    (fast) from the "快" inside "欢快" (cheerful). Words on the very same span all count
    ("reel" is a preset and a meter)."""
    kept: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        span = (hit.start, hit.end)
        if any(k.start < hit.end and hit.start < k.end and (k.start, k.end) != span for k in kept):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _accidental(text: str | None) -> str:
    text = (text or "").strip(" -")
    return {"sharp": "#", "flat": "b"}.get(text, text)


def _reading(text: str, lowered: str, votes: _Votes) -> Reading:
    values = {name: held[2] for name, held in votes.best.items()}
    raw = {name: held[3] for name, held in votes.best.items()}
    sources = {name: repr(words) for name, words in raw.items()}
    preset = str(values.get("preset", "folk-tune"))
    fields: dict[str, Any] = {"preset": preset}
    found: dict[str, str] = {}
    for name in (
        "preset",
        "tempo_bpm",
        "meter",
        "bars",
        "density",
        "instrument",
        "seconds",
        "form",
    ):
        if name in values:
            fields[name], found[name] = values[name], sources[name]
    if "bars" in fields and ("seconds" in fields or " " in str(fields.get("form", ""))):
        # A length in time, or a form of sections, decides the bars.
        del fields["bars"], found["bars"]
    remarks, notes = _part_remarks(preset, values, raw)
    lead = PRESETS[preset].voices[0]
    if fields.get("instrument") == lead.program and not lead.is_drum:
        # Already the preset's lead: keep its voice and melody range rather than the
        # instrument's whole compass.
        del fields["instrument"], found["instrument"]
        remarks.append(
            f"lead {GM_PROGRAM_NAMES[lead.program]} from {sources['instrument']} "
            f"(the {preset} preset's own)"
        )
        notes.append(Understood("lead", lead.program, (raw["instrument"],), "preset's own", preset))
    if "section" in values and "form" not in fields:
        remarks.append(
            f"section {values['section']} from {sources['section']}: the {preset} style's form "
            "decides the sections; name two or more in order (verse chorus verse chorus) to "
            "set the form"
        )
        notes.append(
            Understood("section", values["section"], (raw["section"],), "style's form", preset)
        )
    if "velocity" in values:
        fields["velocity_range"] = VELOCITY_RANGES[str(values["velocity"])]
        found["velocity_range"] = sources["velocity"]
    if "tonic" in values or "mode" in values:
        fields["key"], fields["scale"], found["key"] = _key(values, sources, preset)
        if fields["scale"]:
            found["scale"] = sources["mode"]
    words: dict[str, tuple[str, ...]] = {name: (raw[name],) for name in found if name in raw}
    words |= {"velocity_range": (raw["velocity"],)} if "velocity" in raw else {}
    words |= {"scale": (raw["mode"],)} if fields.get("scale") else {}
    if "key" in found:
        words["key"] = tuple(dict.fromkeys(raw[n] for n in ("tonic", "mode") if n in raw))
    ignored = _not_understood(lowered, votes.used)
    return Reading(
        text=text, sources=found, ignored=ignored, remarks=tuple(remarks), words=words,
        notes=tuple(notes), **fields,
    )  # fmt: skip


def _part_remarks(
    preset: str, values: dict[str, object], raw: dict[str, str]
) -> tuple[list[str], list[Understood]]:
    """What became of 'drums' and 'bass': the preset has the part, or the composer adds it
    (as English remarks, and as data)."""
    remarks, notes = [], []
    voices = PRESETS[preset].voices
    has = {
        "drums": any(v.is_drum for v in voices),
        "bass": any(32 <= v.program <= 39 and not v.is_drum for v in voices),
    }
    for part, label in (("drums", "drum kit"), ("bass", "bass")):
        if part not in values:
            continue
        words = repr(raw[part])
        if has[part]:
            remarks.append(f"{label} from {words} (the {preset} preset has one)")
        else:
            remarks.append(
                f"{label} from {words}: the {preset} preset has none; add one "
                f"afterwards with Add Track ('{'drums' if part == 'drums' else 'bass'}')"
            )
        note = "preset has it" if has[part] else "preset lacks it"
        notes.append(Understood(part, preset, (raw[part],), note, preset))
    return remarks, notes


def _not_understood(lowered: str, used: list[tuple[int, int]]) -> tuple[str, ...]:
    """English words no table used, and Chinese left over once particles are taken out."""
    covered = [False] * len(lowered)
    for start, end in used:
        covered[start:end] = [True] * (end - start)
    ignored: list[str] = []
    for match in _WORD.finditer(lowered):
        word = match.group(0)
        if word.isascii():
            if not any(covered[match.start() : match.end()]) and word not in STOPWORDS:
                ignored.append(word)
            continue
        rest = "".join(
            char if not covered[match.start() + i] else " " for i, char in enumerate(word)
        )
        for particle in CHINESE_STOPWORDS:
            rest = rest.replace(particle, " ")
        ignored += rest.split()
    return tuple(ignored)


def _key(
    values: dict[str, object], sources: dict[str, str], preset: str
) -> tuple[str, str | None, str]:
    """(key name, scale name or None, the words that set them): a missing tonic comes from the
    preset's key; a church mode is the key's mode (E dorian: D major's two sharps, centred on
    E) and sets the mode's scale too."""
    preset_tonic = PRESETS[preset].key.split()[0]
    tonic = str(values.get("tonic", preset_tonic))
    mode = str(values.get("mode", "major"))
    key = f"{tonic} {MODE_KEYS[mode]}"
    scale = f"{tonic} {mode}" if mode not in ("major", "minor") else None
    words = " and ".join(dict.fromkeys(sources[n] for n in ("tonic", "mode") if n in sources))
    if "tonic" not in values:
        words += f" (tonic {tonic} from the {preset} preset)"
    return key, scale, words
