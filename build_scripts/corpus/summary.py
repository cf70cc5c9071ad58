"""Summarise the corpus from its manifest: by collection, by composer, by split, exclusions.

Why from the CSVs and not from the build: the summary must describe exactly what is committed,
so `python -m build_scripts.corpus summary` reads manifest.csv and excluded.csv, and the build
writes the same tables into models/corpus/README.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from build_scripts.corpus import EXCLUDED_PATH, MANIFEST_PATH, README_PATH
from build_scripts.corpus.manifest import Row, read_rows
from engine.atomic_write import write_atomically

MIN_WORKS_PER_COMPOSER_ROW = 3
"""Within a collection, composers with fewer works share one 'other named composers' row."""

BASIS_LEGEND: dict[str, str] = {
    "pd+permission": "public-domain composition; the encoding is redistributed by music21 with "
    "the encoders' permission and carries no explicit licence",
    "pd+cc0": "public-domain composition; the file releases its encoding as CC0",
    "pd+pd-encoding": "public-domain composition; the file releases its encoding to the "
    "public domain",
    "pd+cc-by": "public-domain composition; the encoding is CC BY (credit the encoder)",
}


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; numbers are right-aligned with thousands separators."""

    def cell(value: object) -> str:
        return f"{value:,}" if isinstance(value, int) else str(value).replace("|", "/")

    aligns = ["---:" if rows and isinstance(rows[0][i], int) else "---" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(aligns) + " |"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines)


def _totals(rows: Sequence[Row]) -> tuple[int, int, int]:
    return len(rows), sum(int(row["bars"]) for row in rows), sum(int(row["notes"]) for row in rows)


def _bases(rows: Sequence[Row]) -> str:
    counts = Counter(row["licence_code"] for row in rows)
    return ", ".join(f"{code} ({count})" for code, count in sorted(counts.items()))


def collection_table(rows: Sequence[Row]) -> str:
    by_collection: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_collection[row["collection"]].append(row)
    table = [
        (name, *_totals(group), len({row["group"] for row in group}), _bases(group))
        for name, group in sorted(by_collection.items())
    ]
    table.append(("**all**", *_totals(rows), len({row["group"] for row in rows}), _bases(rows)))
    return markdown_table(
        ("collection", "works", "bars", "notes", "families", "licence bases (works)"), table
    )


def composer_table(rows: Sequence[Row]) -> str:
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row["collection"], row["composer"])].append(row)
    folded: dict[tuple[str, str], list[Row]] = defaultdict(list)
    others: Counter[str] = Counter()
    for (collection, composer), group in groups.items():
        if (
            len(group) < MIN_WORKS_PER_COMPOSER_ROW
            and composer != "Traditional"
            and len({key for key in groups if key[0] == collection}) > 2
        ):
            folded[(collection, "other named composers")].extend(group)
            others[collection] += 1
        else:
            folded[(collection, composer)].extend(group)
    table = []
    for (collection, composer), group in sorted(folded.items()):
        label = (
            f"{composer} ({others[collection]})"
            if composer == "other named composers"
            else composer
        )
        years = _years(group[0]) if composer != "other named composers" else ""
        table.append((collection, label, years, *_totals(group), _bases(group)))
    return markdown_table(
        ("collection", "composer", "years", "works", "bars", "notes", "licence bases (works)"),
        table,
    )


def _years(row: Row) -> str:
    born, died = row["composer_born"], row["composer_died"]
    return f"{born}–{died}" if born or died else ""


def split_table(rows: Sequence[Row]) -> str:
    table = []
    for split in ("train", "validation", "test"):
        group = [row for row in rows if row["split"] == split]
        works, bars, notes = _totals(group)
        share = f"{works / max(1, len(rows)):.1%}"
        table.append((split, works, share, len({row["group"] for row in group}), bars, notes))
    return markdown_table(("split", "works", "share", "families", "bars", "notes"), table)


def excluded_table(rows: Sequence[Row]) -> str:
    counts = Counter((row["reason_code"], row["collection"]) for row in rows)
    table = [(code, collection, count) for (code, collection), count in sorted(counts.items())]
    table.append(("**all**", "", len(rows)))
    return markdown_table(("reason", "collection", "works"), table)


def summary_text(manifest: Sequence[Row], excluded: Sequence[Row]) -> str:
    """Every table, as Markdown."""
    from build_scripts.corpus.token_stats import token_table

    legend = "\n".join(f"- `{code}`: {text}" for code, text in BASIS_LEGEND.items())
    return "\n\n".join(
        [
            "### By collection",
            collection_table(manifest),
            "### Tokens",
            token_table(manifest),
            "### By collection and composer",
            composer_table(manifest),
            "### Splits (by tune family)",
            split_table(manifest),
            "### Licence bases",
            legend,
            "### Excluded works",
            excluded_table(excluded),
        ]
    )


def print_summary() -> None:
    """Print the tables for the committed manifest and exclusion list."""
    print(summary_text(read_rows(MANIFEST_PATH), read_rows(EXCLUDED_PATH)))


def write_readme(
    manifest: Sequence[Row], excluded: Sequence[Row], path: Path = README_PATH
) -> None:
    """The corpus README: how it is made and rebuilt, then every summary table."""
    text = README_INTRO + "\n" + summary_text(manifest, excluded) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))
    path.chmod(0o644)  # the temporary file it came from was private


README_INTRO = """\
# Training corpus: provenance

Every work Tessera's models may learn from is listed in `manifest.csv`, one row per work, with
where it comes from (package, version, path, ABC tune number), its composer and their years,
why it may be used (`licence_basis`, plus the file's own rights text in `rights_notice` and
anything a reviewer should weigh in `caution`), its size (parts, bars, notes), two hashes
(`source_sha256` of the exact bytes parsed, `song_sha256` of the converted Song's canonical
JSON), its tune family (`group`) and its split. Works left out are in `excluded.csv`, each with
the reason. `tests/models/test_corpus_manifest.py` checks both files against the installed
package.

How the decisions are made (`build_scripts/corpus/`):

- **Licence** (`licence.py`): each file's own header is read (Humdrum reference records,
  MusicXML rights and credits, ABC comments, the folder's licence file). Restricted encodings
  are excluded: "rights to all derivative electronic formats reserved" (Palestrina, the CCARH
  Bach chorales), non-commercial only (Essen), GPL (Josquin), CC BY-SA (share-alike), "All
  Rights Reserved", scans of a modern edition (Ut Orpheus), transcriptions from the modern
  critical edition PMFC (Trecento). A composition must pass both tests: published before 1931
  (US) and composer dead before 1956 (EU/UK, 70 years). Where a composer's death year is not
  known but the work was in print by 1883, the work is kept with a `caution`.
- **Conversion** (`convert.py`): parts become tracks with a General MIDI program, ties merged,
  chords expanded, grace notes dropped, 480 ticks per quarter; the bar grid follows the score's
  barlines (a pickup becomes a short bar with its own meter).
- **Families and splits** (`families.py`): melodies (the top part) are compared as runs of
  12 (interval, rhythm-ratio) steps. Two works join one family (union-find) when they share a
  passage of about 24 steps (13 runs) or runs covering a quarter of the shorter melody; any
  single shared 12-step run is not enough, because stock fiddle and cadence figures would chain
  848 unrelated works into one family. Each family goes wholly to train, validation or test
  (90/5/5 by a hash of its id), so no tune leaks across splits. Exact duplicates and second
  transcriptions of one numbered tune are excluded.

Rebuild (about 5 minutes on 2 cores from nothing, 10 seconds when nothing changed: converted
Songs are cached in `cache/`, which git ignores, and reused while a work's source hash and the
converter's version are unchanged):

```bash
.venv/bin/python -m build_scripts.corpus build      # writes manifest.csv, excluded.csv, README.md
.venv/bin/python -m build_scripts.corpus summary    # prints the tables below
.venv/bin/python -m build_scripts.corpus build --limit 200   # a quick trial, into cache/trial/
```

Training code reads a work's Song with `build_scripts.corpus.build.load_cached_song(id)`.
"""
