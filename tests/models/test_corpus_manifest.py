"""The training corpus manifest: clean licences, matching hashes, no leakage between splits.

These read the committed models/corpus/manifest.csv and excluded.csv and check them against
the installed music21 corpus, so a manifest that drifts from the package, or a rule change
that lets a restricted work in, fails here. A few real works are converted again to show the
manifest's figures (and the converted Song's hash) are reproducible and agree with music21.
"""

from __future__ import annotations

import hashlib
import random
import re
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from build_scripts.corpus import EXCLUDED_PATH, MANIFEST_PATH
from build_scripts.corpus.build import make_job, parse_job, song_sha256
from build_scripts.corpus.composers import find_composer, judge_composition
from build_scripts.corpus.convert import fit_meter, score_to_song
from build_scripts.corpus.families import group_works, split_for
from build_scripts.corpus.licence import classify
from build_scripts.corpus.manifest import EXCLUDED_COLUMNS, MANIFEST_COLUMNS, read_rows
from build_scripts.corpus.sources import (
    WorkSource,
    abc_tune_hash,
    corpus_root,
    music21_version,
    sha256_hex,
    sources_in_file,
    split_abc,
)
from build_scripts.corpus.summary import BASIS_LEGEND
from engine.song.song import Song

Row = dict[str, str]

FORBIDDEN_SOURCES = re.compile(
    r"^(palestrina|essenFolksong|josquin|demos|theoryExercises)/|\.rntxt$|^bach/.*\.krn$|"
    r"^monteverdi/madrigal\.5\.[45]\.mxl$|berlinAlexandersRagtime|^trecento/PMFC"
)
"""Sources FACTS.md and the files' own headers rule out: none may appear in the manifest."""


@pytest.fixture(scope="module")
def manifest() -> list[Row]:
    return read_rows(MANIFEST_PATH)


@pytest.fixture(scope="module")
def excluded() -> list[Row]:
    return read_rows(EXCLUDED_PATH)


def test_files_have_the_documented_columns() -> None:
    for path, columns in ((MANIFEST_PATH, MANIFEST_COLUMNS), (EXCLUDED_PATH, EXCLUDED_COLUMNS)):
        header = path.read_text("utf-8").splitlines()[0]
        assert header.split(",") == list(columns), path.name


def test_every_included_work_has_a_licence_basis(manifest: list[Row]) -> None:
    assert len(manifest) > 4000
    for row in manifest:
        assert row["licence_basis"].strip(), row["id"]
        assert row["licence_code"] in BASIS_LEGEND, row["id"]
        assert row["source_package"] == "music21", row["id"]


def test_no_included_work_comes_from_an_excluded_source(manifest: list[Row]) -> None:
    leaked = [row["id"] for row in manifest if FORBIDDEN_SOURCES.search(row["source_path"])]
    assert leaked == []


def test_no_included_composer_died_in_the_last_70_years(manifest: list[Row]) -> None:
    late = [
        row["id"] for row in manifest if row["composer_died"] and int(row["composer_died"]) >= 1956
    ]
    assert late == []


def test_ids_are_unique_and_each_work_is_listed_once(
    manifest: list[Row], excluded: list[Row]
) -> None:
    included_ids = [row["id"] for row in manifest]
    excluded_ids = [row["id"] for row in excluded]
    assert len(set(included_ids)) == len(included_ids)
    assert len(set(excluded_ids)) == len(excluded_ids)
    assert set(included_ids).isdisjoint(excluded_ids)


def test_every_work_and_family_is_in_exactly_one_split(manifest: list[Row]) -> None:
    splits_of_family: dict[str, set[str]] = defaultdict(set)
    for row in manifest:
        assert row["split"] in ("train", "validation", "test"), row["id"]
        assert row["group"].startswith("fam-"), row["id"]
        splits_of_family[row["group"]].add(row["split"])
    straddling = {family: splits for family, splits in splits_of_family.items() if len(splits) > 1}
    assert straddling == {}
    assert all(split_for(row["group"]) == row["split"] for row in manifest)


def test_split_proportions_are_roughly_90_5_5(manifest: list[Row]) -> None:
    share = {
        split: sum(row["split"] == split for row in manifest) / len(manifest)
        for split in ("train", "validation", "test")
    }
    assert 0.85 <= share["train"] <= 0.94, share
    assert 0.025 <= share["validation"] <= 0.08, share
    assert 0.025 <= share["test"] <= 0.08, share


def test_excluded_rows_have_reasons(excluded: list[Row]) -> None:
    assert len(excluded) > 10_000
    assert all(row["reason_code"].strip() and row["reason"].strip() for row in excluded)
    codes = {row["source_path"].split("/")[0]: row["reason_code"] for row in excluded}
    assert codes["palestrina"] == "rights-reserved"
    assert codes["essenFolksong"] == "non-commercial"
    assert codes["josquin"] == "copyleft"
    bach_kern = [
        row["reason_code"]
        for row in excluded
        if re.fullmatch(r"bach/[^/]*\.krn", row["source_path"])
    ]
    assert bach_kern == ["rights-reserved"] * 3


def test_figures_are_counts_and_hashes_are_sha256(manifest: list[Row]) -> None:
    for row in manifest:
        assert int(row["parts"]) == len(row["programs"].split()) >= 1, row["id"]
        assert int(row["bars"]) >= 1, row["id"]
        assert int(row["notes"]) >= 1, row["id"]
        for column in ("source_sha256", "song_sha256"):
            assert re.fullmatch(r"[0-9a-f]{64}", row[column]), (row["id"], column)


def _installed_hashes(rows: list[Row]) -> dict[str, str]:
    root = corpus_root()
    hashes: dict[str, str] = {}
    for path in sorted({row["source_path"] for row in rows}):
        data = (root / path).read_bytes()
        if path.endswith(".abc"):
            preamble, tunes = split_abc(data)
            for number, tune in tunes:
                hashes[f"music21:{path}#{number}"] = abc_tune_hash(preamble, tune)
        else:
            hashes[f"music21:{path}"] = sha256_hex(data)
    return hashes


def test_source_hashes_match_the_installed_music21(
    manifest: list[Row], excluded: list[Row]
) -> None:
    recorded = {row["source_version"] for row in manifest + excluded}
    if recorded != {music21_version()}:
        pytest.skip(
            f"manifest was built from music21 {sorted(recorded)}, "
            f"installed is {music21_version()}: rebuild the corpus"
        )
    installed = _installed_hashes(manifest + excluded)
    mismatched = [
        row["id"] for row in manifest + excluded if installed.get(row["id"]) != row["source_sha256"]
    ]
    assert mismatched == []


# Converting real works again ------------------------------------------------------------

REAL_WORKS = (
    "music21:bach/bwv66.6.mxl",
    "music21:ryansMammoth/42dHighlandRegimentStrathspey.abc#1",
    "music21:haydn/opus74no1/movement1.mxl",
)


def _source(work_id: str) -> WorkSource:
    path = work_id.removeprefix("music21:").split("#")[0]
    return next(
        source for source in sources_in_file(corpus_root(), path) if source.work_id == work_id
    )


def _music21_counts(score: Any) -> tuple[int, list[int], int]:
    """Parts, sounding note heads per part (tie continuations and grace notes left out), bars."""
    from music21 import harmony, stream

    heads = []
    for part in score.parts:
        count = 0
        for element in part.recurse().notes:
            if isinstance(element, harmony.ChordSymbol) or element.duration.isGrace:
                continue
            singles = element.notes if element.isChord else [element]
            count += sum(
                1
                for single in singles
                if (single.tie or element.tie) is None
                or (single.tie or element.tie).type == "start"
            )
        heads.append(count)
    bars = len(score.parts[0].getElementsByClass(stream.Measure))
    return len(score.parts), heads, bars


@pytest.mark.parametrize("work_id", REAL_WORKS)
def test_real_works_convert_to_the_manifests_song(manifest: list[Row], work_id: str) -> None:
    row = next(row for row in manifest if row["id"] == work_id)
    source = _source(work_id)
    assert source.source_sha256 == row["source_sha256"]
    job = make_job(source, corpus_root())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # music21 warns about details of old encodings
        score = parse_job(job)
        song = score_to_song(score, job.title, job.default_program)
    parts, heads, bars = _music21_counts(score)
    assert (len(song.tracks), song.bar_count) == (parts, bars)
    for track, expected in zip(song.tracks, heads, strict=True):
        # A tie that starts twice without a stop (one in Haydn's viola) is merged by stripTies
        # but counted twice here: allow one such stray (plus one per thousand), no more.
        assert abs(len(track.notes) - expected) <= 1 + expected // 1000, track.name
    assert (str(len(song.tracks)), str(song.bar_count), str(song.note_count)) == (
        row["parts"],
        row["bars"],
        row["notes"],
    )
    assert song_sha256(song) == row["song_sha256"]
    _assert_meters_follow_barlines(score, song)


def _assert_meters_follow_barlines(score: Any, song: Song) -> None:
    """Every barline of the first part is a Song bar start; full bars keep their meter."""
    from music21 import stream

    measures = list(score.parts[0].getElementsByClass(stream.Measure))
    starts = [round(float(measure.offset) * 480) for measure in measures]
    assert list(song.bar_start_ticks[: len(starts)]) == starts
    written = None
    full_bars = 0
    for measure, start in zip(measures, starts, strict=True):
        written = measure.timeSignature or written
        assert written is not None
        if measure.duration.quarterLength == written.barDuration.quarterLength:
            meter = song.time_signature_at(start)
            assert (meter.numerator, meter.denominator) == (written.numerator, written.denominator)
            full_bars += 1
    assert full_bars >= len(measures) // 2


def test_quartet_parts_get_string_programs(manifest: list[Row]) -> None:
    row = next(row for row in manifest if row["id"] == "music21:haydn/opus74no1/movement1.mxl")
    assert row["programs"] == "40 40 41 42"
    chorale = next(row for row in manifest if row["id"] == "music21:bach/bwv66.6.mxl")
    assert chorale["programs"] == "52 52 52 52"


# The rules themselves, on made-up headers -------------------------------------------------


def _fake(rel_path: str, header: str, composer: str = "", tune: str = "") -> WorkSource:
    work_id = f"music21:{rel_path}" + (f"#{tune}" if tune else "")
    return WorkSource(work_id, rel_path, tune, "0" * 64, header, "A title", composer)


@pytest.mark.parametrize(
    ("source", "code"),
    [
        (_fake("haydn/x.mxl", "rights: Public Domain (Encoding: CC0)"), "pd+cc0"),
        (_fake("haydn/x.mxl", "rights: © 2014, Creative Commons License (CC-BY)"), "pd+cc-by"),
        (_fake("haydn/x.mxl", ""), "pd+permission"),
        (_fake("haydn/x.mxl", "rights: CC-BY-SA 3.0"), "share-alike"),
        (
            _fake("haydn/x.krn", "!!!YEM: Rights to all derivative electronic formats reserved."),
            "rights-reserved",
        ),
        (_fake("haydn/x.abc", "% GNU General Public License", tune="1"), "copyleft"),
        (
            _fake("leadSheet/berlinAlexandersRagtime2.mxl", "", composer="Irving Berlin"),
            "in-copyright",
        ),
        (_fake("trecento/PMFC_99-x.xml", ""), "modern-edition"),
        (_fake("bach/x.rntxt", ""), "not-music"),
        (_fake("mystery/x.mxl", "", composer="Somebody"), "unknown-publication"),
    ],
)
def test_licence_rules_read_the_files_own_text(source: WorkSource, code: str) -> None:
    assert classify(source, frozenset()).code == code


def test_second_encodings_and_backups_are_duplicates() -> None:
    paths = frozenset({"beethoven/op/m1.mxl", "beethoven/op/m1.krn"})
    assert classify(_fake("beethoven/op/m1.krn", ""), paths).code == "duplicate"
    assert classify(_fake("monteverdi/m.3.1_old.mxl", ""), paths).code == "duplicate"


def test_public_domain_needs_both_the_us_and_the_eu_test() -> None:
    schoenberg = find_composer("Arnold Schoenberg")
    assert schoenberg is not None
    assert judge_composition(schoenberg, "", 1913).free  # died 1951
    assert not judge_composition(schoenberg, "", 1931).free  # published too late for the US
    berlin = find_composer("IRVING BERLIN")
    assert berlin is not None
    assert not judge_composition(berlin, "", 1911).free


def _melody(seed: int, length: int) -> list[tuple[int, int, int]]:
    """A made-up melody: random steps, so two seeds share no 12-step window by chance."""
    generator = random.Random(seed)
    return [
        (generator.randint(-5, 5), generator.randint(1, 3), generator.randint(1, 2))
        for _ in range(length)
    ]


def test_families_join_variants_and_long_shared_passages_only() -> None:
    tune, other, long_a, long_b = (_melody(seed, 120) for seed in (1, 2, 3, 4))
    variant = [*tune[:14], (9, 1, 1), *tune[40:48]]  # most of a short melody is the tune's
    passage = [*long_b[:60], *tune[60:85], *long_b[60:]]  # shares a 25-step passage
    stock = [*long_a[:50], *other[10:22], *long_a[50:]]  # shares one 12-step figure only
    groups = group_works(
        {"tune": tune, "variant": variant, "passage": passage, "other": other, "stock": stock}
    )
    assert groups["tune"] == groups["variant"] == groups["passage"]
    assert groups["other"] != groups["stock"]
    assert groups["other"] != groups["tune"]


def test_fit_meter_gives_pickups_their_own_length() -> None:
    assert fit_meter(240, 4) == (1, 8)
    assert fit_meter(480 * 3, 8) == (6, 8)
    assert fit_meter(160, 4) is None  # a triplet eighth: no meter lasts that long


def test_sha256_helpers_hash_the_bytes_given(tmp_path: Path) -> None:
    data = b"% preamble\nX:1\nT:One\nK:C\nCDE|\nX:2\nT:Two\nK:G\nGAB|\n"
    preamble, tunes = split_abc(data)
    assert preamble == b"% preamble\n"
    assert [number for number, _ in tunes] == ["1", "2"]
    assert (
        abc_tune_hash(preamble, tunes[1][1])
        == hashlib.sha256(b"% preamble\nX:2\nT:Two\nK:G\nGAB|\n").hexdigest()
    )
