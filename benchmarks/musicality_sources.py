"""Which corpus works stand for a preset's style in the musicality benchmark.

A work belongs to a preset's style when its parts are the preset's instruments in the preset's
order (the manifest's `programs` column): fiddle tunes for the fiddle presets, four choir
voices for the chorale, violin-violin-viola-cello for the quartet, two piano staves for the
piano. This reads the presets at run time, so a preset added later finds its works the same
way, or none (and the benchmark prints '—' rather than inventing any). Where both the preset
and the manifest name a style, they must agree too. A jig and a reel share the fiddle, so for
those two presets the meter also has to match.

Band presets (those with a drum voice and a style) find their human music in the band data
(`models/corpus/band_manifest.csv`): human drumming from the Groove MIDI Dataset, and the drum
tracks of Freedoom's songs, by the manifest's style. Only the drum tracks are kept: those songs'
pitched parts (where there are any) are other instruments in another layout than the preset's
voices, so comparing them voice by voice would mean nothing. Their pitched rows read '—'.

The held-out works come from the test split, the Markov chains' training works from the
train split; the model never trained on the test split either.
"""

from __future__ import annotations

import csv
import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from build_scripts.band_data import BAND_MANIFEST_NAME, cache_dir
from build_scripts.corpus.build import cache_file_for
from build_scripts.corpus.splits import CORPUS_DIR, MANIFEST
from engine.compose.presets import Preset
from engine.project.project_file import load_project
from engine.song.edits import select
from engine.song.song import Song

METER_DEFINED: dict[str, tuple[tuple[int, int], ...]] = {
    "folk-tune": ((6, 8),),
    "reel": ((4, 4), (2, 2)),
}
"""Presets whose style the meter tells apart: a jig is in 6/8, a reel in 4/4 or cut time."""


@dataclass(frozen=True)
class Work:
    """A corpus work: the whole of it (its ending is measured there) and its first bars (the
    rest of the measures, so a 64-bar work is compared with 16-bar songs on equal terms)."""

    whole: Song
    excerpt: Song
    collection: str


@dataclass(frozen=True)
class Material:
    works: list[Work]
    candidates: int
    """Works of the style in the split before the meter filter and the limit."""

    def collections(self) -> str:
        counts = Counter(work.collection for work in self.works)
        return ", ".join(f"{name} {n}" for name, n in counts.most_common()) or "none"


def manifest_rows(path: Path = MANIFEST) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def preset_style(preset: Preset) -> str | None:
    """The style a preset names, when presets carry one."""
    style = getattr(preset, "style", None)
    return style if isinstance(style, str) else None


def of_style(row: dict[str, str], preset: Preset) -> bool:
    """Whether a manifest row has the preset's instruments in order (and style, if named)."""
    programs = " ".join(str(voice.program) for voice in preset.voices)
    style, row_style = preset_style(preset), row.get("style")
    return row["programs"] == programs and (not style or not row_style or style == row_style)


def excerpt(song: Song, bars: int) -> Song:
    return select(song, None, (0, min(bars, song.bar_count) - 1))


def style_material(
    rows: list[dict[str, str]], name: str, preset: Preset, split: str, *, limit: int, bars: int
) -> Material:
    """Up to `limit` works of the preset's style from one split, in a seeded order (the same
    works every run), each with its first `bars` bars."""
    candidates = [r for r in rows if r["split"] == split and of_style(r, preset)]
    meters = METER_DEFINED.get(name)
    order = np.random.default_rng(sum(map(ord, name + split))).permutation(len(candidates))
    works: list[Work] = []
    for index in order:
        if len(works) == limit:
            break
        row = candidates[int(index)]
        path = cache_file_for(row["id"])
        if not path.exists():
            continue
        song = load_project(path)
        meter = song.time_signatures[0]
        if meters and (meter.numerator, meter.denominator) not in meters:
            continue
        works.append(Work(song, excerpt(song, bars), row["collection"]))
    return Material(works, len(candidates))


def drums_only(song: Song) -> Song | None:
    """The song with only its drum tracks (None if it has none)."""
    drums = tuple(track for track in song.tracks if track.is_drum and track.notes)
    return dataclasses.replace(song, tracks=drums) if drums else None


def band_material(preset: Preset, split: str, *, limit: int, bars: int) -> Material:
    """Up to `limit` drum parts of the preset's style from the band data's split, in a seeded
    order; none for a preset without a style or a drum voice, or without the band cache."""
    style = preset_style(preset)
    if not style or not any(getattr(voice, "is_drum", False) for voice in preset.voices):
        return Material([], 0)
    rows = manifest_rows(CORPUS_DIR / BAND_MANIFEST_NAME)
    candidates = [r for r in rows if r["split"] == split and r["style"] == style]
    order = np.random.default_rng(sum(map(ord, style + split))).permutation(len(candidates))
    works: list[Work] = []
    for index in order:
        if len(works) == limit:
            break
        path = cache_dir() / f"{candidates[int(index)]['id']}.json"
        song = drums_only(load_project(path)) if path.exists() else None
        if song is not None:
            works.append(Work(song, excerpt(song, bars), candidates[int(index)]["source"]))
    return Material(works, len(candidates))


def combined(first: Material, second: Material, limit: int) -> Material:
    """The works of both, up to `limit` (the first's come first)."""
    works = (first.works + second.works)[:limit]
    return Material(works, first.candidates + second.candidates)


def style_sources(
    rows: list[dict[str, str]], name: str, preset: Preset, split: str, *, limit: int, bars: int
) -> Material:
    """A style's works in a split: corpus works in the preset's layout, then band drums."""
    corpus = style_material(rows, name, preset, split, limit=limit, bars=bars)
    band = band_material(preset, split, limit=limit, bars=bars)
    return combined(corpus, band, limit)
