"""Turn verdicts and conversions into manifest rows: drop duplicates, form families, split.

Why a separate step: duplicates can only be seen across works (two files with the same notes,
two transcriptions of one numbered tune in O'Neill's overlapping files), and families need
every melody at once. Everything here is a pure function of its inputs, so the same corpus
always yields the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from build_scripts.corpus.catalogue import collection_for
from build_scripts.corpus.composers import normalise
from build_scripts.corpus.families import group_works, split_for
from build_scripts.corpus.licence import Verdict
from build_scripts.corpus.records import Converted
from build_scripts.corpus.sources import SOURCE_PACKAGE, WorkSource

NUMBERED_COLLECTIONS = frozenset({"oneills1850"})
"""Books whose ABC X: numbers are the printed tune numbers, so one number is one tune."""


def drop_duplicates(
    sources: list[WorkSource], converted: Mapping[str, Converted]
) -> dict[str, str]:
    """Work id -> reason, for each work that repeats an earlier one (in id order)."""
    reasons: dict[str, str] = {}
    first_by_music: dict[str, str] = {}
    first_by_number: dict[tuple[str, str, str], str] = {}
    for source in sorted(sources, key=lambda source: source.work_id):
        music = converted[source.work_id].music_sha256
        kept = first_by_music.setdefault(music, source.work_id)
        if kept != source.work_id:
            reasons[source.work_id] = f"the same notes as {kept}"
            continue
        folder = source.rel_path.split("/", 1)[0]
        if folder in NUMBERED_COLLECTIONS and source.tune:
            key = (folder, source.tune, _title_key(source.title))
            kept = first_by_number.setdefault(key, source.work_id)
            if kept != source.work_id:
                reasons[source.work_id] = (
                    f"another transcription of tune No. {source.tune} "
                    f"({source.title!r}) is included: {kept}"
                )
    return reasons


def _title_key(title: str) -> str:
    words = [word for word in normalise(title).split() if word not in ("the", "a", "an")]
    return " ".join(sorted(words))


def families_and_splits(
    steps: Mapping[str, list[tuple[int, int, int]]],
) -> dict[str, tuple[str, str]]:
    """Work id -> (family id, split)."""
    groups = group_works(steps)
    return {work: (group, split_for(group)) for work, group in groups.items()}


def _year(value: int | None) -> str:
    return "" if value is None else str(value)


def included_row(
    source: WorkSource,
    verdict: Verdict,
    converted: Converted,
    version: str,
    family: tuple[str, str],
) -> dict[str, str]:
    """One manifest row."""
    _, collection = collection_for(source.rel_path)
    figures = {
        name: str(getattr(converted, name))
        for name in ("parts", "programs", "bars", "notes", "song_sha256")
    }
    return {
        "id": source.work_id,
        "title": source.title,
        "composer": verdict.composer.name,
        "composer_born": _year(verdict.composer.born),
        "composer_died": _year(verdict.composer.died),
        "collection": collection.name,
        "source_package": SOURCE_PACKAGE,
        "source_version": version,
        "source_path": source.rel_path,
        "tune": source.tune,
        "licence_code": verdict.code,
        "licence_basis": verdict.text,
        "rights_notice": verdict.rights_notice,
        "caution": verdict.caution,
        **figures,
        "source_sha256": source.source_sha256,
        "source_hash_scope": "abc-preamble+tune" if source.tune else "file",
        "group": family[0],
        "split": family[1],
    }


def excluded_row(
    source: WorkSource, *, code: str, reason: str, composer: str, notice: str, version: str
) -> dict[str, str]:
    """One row of excluded.csv."""
    _, collection = collection_for(source.rel_path)
    return {
        "id": source.work_id,
        "title": source.title,
        "composer": composer,
        "collection": collection.name,
        "source_package": SOURCE_PACKAGE,
        "source_version": version,
        "source_path": source.rel_path,
        "tune": source.tune,
        "reason_code": code,
        "reason": reason,
        "rights_notice": notice,
        "source_sha256": source.source_sha256,
    }
