"""The provenance manifest: one CSV row per included work, one per excluded work with a reason.

Why CSV: it diffs line by line in review, opens in any spreadsheet, and the model card can
quote it. Rows are sorted by id and every field is text, so a rebuild of an unchanged corpus
writes byte-identical files. The column lists below are the schema; tests read them back with
`read_rows`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from engine.atomic_write import write_atomically

MANIFEST_COLUMNS: tuple[str, ...] = (
    "id",  # stable: music21:<path in corpus>[#<ABC X number>]
    "title",
    "composer",
    "composer_born",  # year, empty when unknown (or for traditional tunes)
    "composer_died",
    "collection",
    "source_package",
    "source_version",
    "source_path",  # path inside the package's corpus folder
    "tune",  # ABC X: number for a tune inside a collection file, else empty
    "licence_code",  # short label, e.g. pd+permission, pd+cc0
    "licence_basis",  # why the work may be used: the composition and the encoding
    "rights_notice",  # the file's own rights statements, verbatim
    "caution",  # facts a reviewer should weigh (empty when none)
    "parts",  # tracks with notes after conversion
    "programs",  # GM program per track, space-separated
    "bars",
    "notes",
    "source_sha256",  # of the bytes parsed: the file, or an ABC preamble + tune
    "source_hash_scope",  # "file" or "abc-preamble+tune"
    "song_sha256",  # of the converted Song's canonical JSON
    "group",  # tune family (see build_scripts.corpus.families)
    "split",  # train / validation / test, the same for a whole family
)

EXCLUDED_COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "composer",
    "collection",
    "source_package",
    "source_version",
    "source_path",
    "tune",
    "reason_code",
    "reason",
    "rights_notice",
    "source_sha256",
)

Row = Mapping[str, str]


def rows_to_csv(rows: Iterable[Row], columns: Sequence[str]) -> str:
    """CSV text with a header, rows sorted by id, every listed column present."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(columns), lineterminator="\n", extrasaction="raise"
    )
    writer.writeheader()
    for row in sorted(rows, key=lambda row: row["id"]):
        writer.writerow({column: row.get(column, "") for column in columns})
    return buffer.getvalue()


def write_rows(path: Path, rows: Iterable[Row], columns: Sequence[str]) -> None:
    text = rows_to_csv(rows, columns)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))
    path.chmod(0o644)  # the temporary file it came from was private


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a manifest or exclusion CSV as dictionaries of text."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
