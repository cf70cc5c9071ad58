"""BAND_DATA.md: the band data by source, style and split, what was left out, and the credits.

Why generated: the tables must describe exactly the manifest the same build wrote, and the
credits must be verbatim (the Groove MIDI attribution is read from its PROVENANCE.md; the
Freedoom licence text, which BSD requires to ship, comes from `engine.runtime.provenance`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts.band_data import BUILD_COMMAND, SOURCES, SPLITS, freedoom_style
from build_scripts.band_data.groove import GROOVE_DIR
from build_scripts.corpus.manifest import Row
from build_scripts.corpus.summary import markdown_table
from engine.atomic_write import write_atomically
from engine.runtime.provenance import FREEDOOM_LICENCE_TEXT

if TYPE_CHECKING:
    from build_scripts.band_data.build import BuildResult


def groove_attribution(root: Path = GROOVE_DIR) -> str:
    """The quoted attribution block of the dataset's PROVENANCE.md, verbatim."""
    lines = (root / "PROVENANCE.md").read_text("utf-8").splitlines()
    return "\n".join(line for line in lines if line.startswith("> "))


def _figures(rows: Sequence[Row]) -> tuple[int, int, int, int]:
    return (
        len(rows),
        sum(int(row["bars"]) for row in rows),
        sum(int(row["notes"]) for row in rows),
        sum(int(row["drum_notes"]) for row in rows),
    )


def source_table(rows: Sequence[Row]) -> str:
    table: list[tuple[object, ...]] = []
    for source in SOURCES:
        group = [row for row in rows if row["source"] == source]
        licences = ", ".join(sorted({row["licence"] for row in group}))
        table.append((source, *_figures(group), licences))
    table.append(("**all**", *_figures(rows), ""))
    return markdown_table(("source", "items", "bars", "notes", "drum notes", "licence"), table)


def style_table(rows: Sequence[Row]) -> str:
    styles = sorted({row["style"] for row in rows}, key=lambda style: (style == "", style))
    table = []
    for style in styles:
        counts = Counter(row["source"] for row in rows if row["style"] == style)
        table.append((style or "(none)", *(counts[source] for source in SOURCES), counts.total()))
    return markdown_table(("style", *SOURCES, "all"), table)


def split_table(rows: Sequence[Row]) -> str:
    table = []
    for split in SPLITS:
        group = [row for row in rows if row["split"] == split]
        counts = Counter(row["source"] for row in group)
        table.append((split, *(counts[source] for source in SOURCES), *_figures(group)))
    return markdown_table(("split", *SOURCES, "items", "bars", "notes", "drum notes"), table)


def freedoom_table(result: BuildResult) -> str:
    table = [
        (item.lump, item.wad, item.style, item.split, f"{item.figures.bpm:.0f}",
         f"{item.figures.distorted:.0%}", f"{item.figures.synth:.0%}",
         f"{item.figures.orchestral:.0%}", f"{item.figures.drums_per_bar:.1f}",
         f"{item.figures.four_on_the_floor:.0%}")
        for item in result.freedoom_items
    ]  # fmt: skip
    return markdown_table(
        ("lump", "wad", "style", "split", "BPM", "distorted gtr", "synth", "orchestral",
         "drums/bar", "4-on-floor bars"), table,
    )  # fmt: skip


def left_out_text(result: BuildResult) -> str:
    report = result.freedoom
    lines = [f"- `{where}`: {why}" for where, why in sorted(report.left_out.items())]
    lines += [f"- `{where}`: identical to `{kept}`" for where, kept in sorted(
        report.duplicates.items())]  # fmt: skip
    lines += [f"- `{where}`: {why}" for where, why in sorted(report.skipped.items())]
    lines += [f"- `{where}`: not a MIDI file" for where in sorted(report.not_midi)]
    lines.append(f"- Groove MIDI: {result.fold.summary()}.")
    return "\n".join(lines)


def summary_text(result: BuildResult) -> str:
    rows = result.rows
    rule_doc = freedoom_style.__doc__ or ""
    rule = rule_doc.split("\n\n", 2)[-1].strip()
    return "\n\n".join([
        "## By source", source_table(rows),
        "## By style", style_table(rows),
        "## By split", split_table(rows),
        "## Freedoom songs and their style labels",
        "Labelled by `build_scripts/band_data/freedoom_style.py`:\n\n" + rule,
        freedoom_table(result),
        "## Left out", left_out_text(result),
        "## Credits and licences", CREDITS_INTRO, groove_attribution(),
        FREEDOOM_INTRO, "```text\n" + FREEDOOM_LICENCE_TEXT + "```",
    ])  # fmt: skip


def write_summary(result: BuildResult, path: Path) -> None:
    text = INTRO + "\n" + summary_text(result) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))
    path.chmod(0o644)  # the temporary file it came from was private


def print_labels(result: BuildResult) -> None:
    """Print each Freedoom song's label with the figures behind it, for a person to check."""
    for item in result.freedoom_items:
        print(f"  {item.source_file:22} {item.style:9} {item.split:10} {item.figures.describe()}")
    print(f"  {result.fold.summary()}")
    for where, why in sorted({**result.freedoom.left_out, **result.freedoom.skipped}.items()):
        print(f"  left out {where}: {why}")


INTRO = f"""\
# Band data: provenance

Drums and full-band songs for training, from two permissively licensed sources. Every item is
a row of `band_manifest.csv`: its id, source, title, style (an `engine.song.styles` name), the
source's own genre label, split, licence (SPDX), attribution, the source file and the sha256
of the exact MIDI bytes parsed, the sha256 of the converted Song
(`build_scripts.corpus.build.song_sha256`), and its bars, notes and drum notes.

- **Groove MIDI Dataset** (CC BY 4.0): 1,150 files of human drumming, kept in the repository
  under `groove-midi/` and checked against its `SHA256SUMS`. Each file becomes one General
  MIDI drum track: Roland TD-11 keys are folded onto GM (`engine.song.drums.td11_to_gm`; e.g. 22 ->
  42, 26 -> 46, 58 -> 43), velocity and micro-timing are kept at 480 ticks per quarter. The
  split is the dataset's own (`info.csv`), the style comes from its genre
  (`engine.song.styles.style_of_groove_genre`).
- **Freedoom** (BSD-3-Clause, Debian package `freedoom`): the `D_*` MIDI lumps of
  `freedoom1.wad` and `freedoom2.wad`, each distinct lump once, without `D_E1M1`. The split is
  about 80/10/10 by the lump's sha256 (`build_scripts.band_data.freedoom.split_of`).

Rebuild (about 20 seconds; the Songs go to `cache/band/`, which git ignores):

```bash
{BUILD_COMMAND}
```

Training code reads a split with
`build_scripts.band_data.load_band_split("train", sources={{"groove-midi"}})`.
"""

CREDITS_INTRO = """\
The Groove MIDI Dataset is licensed under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/); wherever the data or a model trained on it is
shipped, credit:"""

FREEDOOM_INTRO = """\
Freedoom's music is licensed under the BSD 3-clause licence below (from the Debian package's
`/usr/share/doc/freedoom/copyright`), which must ship with the data or a model trained on it:"""
