"""Freedoom's music (BSD-3-Clause, Debian package `freedoom`) as band Songs.

Why these songs: Freedoom's two WADs carry 67 full-band game songs (drums, bass, guitars,
synths) as `D_*` lumps, each a Standard MIDI File, under a permissive licence. This module
finds the installed WADs, reads their directories (`wad`), keeps each distinct MIDI lump once
(by sha256, first in WAD and directory order), leaves out `D_E1M1` (upstream later replaced it
as a remix of a commercial theme), converts the rest with the engine's MIDI importer, labels
each song's style by the rule in `freedoom_style`, and splits them by their hash.

A song is skipped, with the reason counted, when the token grid cannot hold one of its bars
(`engine.compose.tokens.unencodable_bars`) or when it has no drum track (this is band data).
"""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.band_data import BandDataError
from build_scripts.band_data.freedoom_style import StyleFigures, style_figures, style_of
from build_scripts.band_data.wad import Lump, read_wad
from engine.compose.tokens import unencodable_bars
from engine.project.midi.reader import MidiImportError, read_midi
from engine.song.song import Song

PACKAGE = "freedoom"
WAD_NAMES = ("freedoom1.wad", "freedoom2.wad")
STANDARD_DIR = Path("/usr/share/games/doom")
"""Where Debian's games policy puts Doom WADs; used only when `dpkg -L` cannot be asked."""
COPYRIGHT_FILE = Path("/usr/share/doc") / PACKAGE / "copyright"
"""Where Debian policy puts every package's licence; used only when `dpkg -L` cannot be asked."""
LEFT_OUT = {"D_E1M1": "a remix of a commercial theme (replaced upstream): not clean"}
FREEDOOM_LICENCE = "BSD-3-Clause"
FREEDOOM_ATTRIBUTION = (
    "Freedoom music, Copyright (c) 2001-2012 Contributors to the Freedoom project "
    "(BSD-3-Clause; Debian package freedoom)"
)
INSTALL_HINT = f"install the Debian package: apt-get install {PACKAGE}"


@dataclass(frozen=True)
class FreedoomItem:
    """One distinct Freedoom song and where its bytes came from."""

    id: str
    song: Song
    wad: str
    lump: str
    source_file: str
    """'<wad file>:<lump name>', e.g. 'freedoom2.wad:D_RUNNIN'."""
    source_sha256: str
    """sha256 of the lump's bytes (the MIDI file as parsed)."""
    style: str
    figures: StyleFigures
    split: str


@dataclass
class FreedoomReport:
    """What was found and what was left out, for the build's log and BAND_DATA.md."""

    midi_lumps: int = 0
    not_midi: list[str] = field(default_factory=list)
    duplicates: dict[str, str] = field(default_factory=dict)
    """Duplicate lump -> the lump kept in its place."""
    left_out: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    """Lump -> why it was skipped after conversion."""

    def skip_reasons(self) -> Counter[str]:
        return Counter(reason.split(":")[0] for reason in self.skipped.values())


def package_files() -> list[Path]:
    """The files the installed package lists (`dpkg -L`); empty where dpkg cannot tell."""
    dpkg = shutil.which("dpkg")
    if dpkg is None:
        return []
    result = subprocess.run([dpkg, "-L", PACKAGE], capture_output=True, text=True, check=False)
    return [Path(line) for line in result.stdout.splitlines() if line.startswith("/")]


def find_wads() -> list[Path]:
    """The installed WADs, located through the package's file list (or its standard folder)."""
    found = {path.name: path for path in package_files() if path.suffix == ".wad"}
    found = {name: path for name, path in found.items() if path.is_file()}
    for name in WAD_NAMES:
        if name not in found and (STANDARD_DIR / name).is_file():
            found[name] = STANDARD_DIR / name
    missing = [name for name in WAD_NAMES if name not in found]
    if missing:
        raise BandDataError(
            f"Freedoom's {' and '.join(missing)} not found (looked in `dpkg -L {PACKAGE}` and "
            f"{STANDARD_DIR}): {INSTALL_HINT}"
        )
    return [found[name] for name in WAD_NAMES]


def installed_licence_text() -> str:
    """The licence paragraph of the package's Debian copyright file, as plain text.

    The file is machine-readable (DEP-5): the text follows the last `License:` line, indented
    by one space, with ' .' for an empty line.
    """
    listed = [path for path in package_files() if path.name == "copyright"]
    path = listed[0] if listed else COPYRIGHT_FILE
    try:
        text = path.read_text("utf-8")
    except OSError as err:
        raise BandDataError(
            f"cannot read Freedoom's copyright file {path}: {INSTALL_HINT}"
        ) from err
    body = text.split("\nLicense: ")[-1].split("\n", 1)[1]
    lines = ["" if line == " ." else line.removeprefix(" ") for line in body.splitlines()]
    return "\n".join(lines).strip() + "\n"


def distinct_midi_lumps(wads: list[Path], report: FreedoomReport) -> list[tuple[str, Lump]]:
    """(WAD name, lump) of each distinct `D_*` MIDI lump, first occurrence kept."""
    kept: dict[str, str] = {}
    lumps = []
    for wad in wads:
        for lump in read_wad(wad):
            if not lump.name.startswith("D_"):
                continue
            where = f"{wad.name}:{lump.name}"
            if not lump.data.startswith(b"MThd"):
                report.not_midi.append(where)
                continue
            report.midi_lumps += 1
            digest = hashlib.sha256(lump.data).hexdigest()
            if digest in kept:
                report.duplicates[where] = kept[digest]
                continue
            kept[digest] = where
            if lump.name in LEFT_OUT:
                report.left_out[where] = LEFT_OUT[lump.name]
                continue
            lumps.append((wad.name, lump))
    return lumps


def lump_song(lump: Lump, title: str) -> Song:
    """A MIDI lump as a Song, read by the engine's importer from a temporary file."""
    with tempfile.TemporaryDirectory(prefix="tessera-freedoom-") as folder:
        path = Path(folder) / f"{lump.name}.mid"
        path.write_bytes(lump.data)
        try:
            song = read_midi(path).song
        except MidiImportError as err:
            raise BandDataError(f"Freedoom lump {lump.name} cannot be read: {err}") from err
    return dataclasses.replace(song, title=title)


def split_of(sha256: str) -> str:
    """train / validation / test, about 80/10/10, fixed by the lump's own hash."""
    bucket = int(sha256[:8], 16) % 10
    return "train" if bucket < 8 else "validation" if bucket == 8 else "test"


def skip_reason(song: Song) -> str | None:
    if not any(track.is_drum and track.notes for track in song.tracks):
        return "no drum track: band data needs drums"
    problems = unencodable_bars(song)
    if problems:
        first = min(problems)
        return f"meter the token grid cannot hold: {len(problems)} bars, e.g. {problems[first]}"
    return None


def convert_lump(wad: str, lump: Lump, report: FreedoomReport) -> FreedoomItem | None:
    """One lump as a labelled, split item, or None (with the reason in `report`)."""
    stem = wad.removesuffix(".wad")
    song = lump_song(lump, f"Freedoom {stem} {lump.name}")
    reason = skip_reason(song)
    if reason is not None:
        report.skipped[f"{wad}:{lump.name}"] = reason
        return None
    figures = style_figures(song)
    style = style_of(figures)
    digest = hashlib.sha256(lump.data).hexdigest()
    return FreedoomItem(
        id=f"{stem}-{lump.name.lower()}",
        song=dataclasses.replace(song, style=style),
        wad=wad,
        lump=lump.name,
        source_file=f"{wad}:{lump.name}",
        source_sha256=digest,
        style=style,
        figures=figures,
        split=split_of(digest),
    )


def load_freedoom_with_report(every: int = 1) -> tuple[list[FreedoomItem], FreedoomReport]:
    """Every clean Freedoom song, sorted by id, and what was left out and why.

    `every` > 1 converts only every n-th distinct lump: a quick trial for tests.
    """
    report = FreedoomReport()
    items = [
        item
        for wad, lump in distinct_midi_lumps(find_wads(), report)[::every]
        if (item := convert_lump(wad, lump, report)) is not None
    ]
    return sorted(items, key=lambda item: item.id), report


def load_freedoom() -> list[FreedoomItem]:
    """Every clean Freedoom song, sorted by id. Raises BandDataError if the WADs are missing."""
    return load_freedoom_with_report()[0]
