"""The band data: the TD-11 fold, real Groove MIDI and Freedoom files, the committed manifest.

These parse real files (the Groove MIDI copy in the repository, the installed Freedoom WADs)
and check the committed models/corpus/band_manifest.csv against them, so a manifest that drifts
from its sources, a leaked split or a left-out song coming back fails here. Freedoom tests skip
when the `freedoom` Debian package is not installed.
"""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from build_scripts.band_data import (
    BAND_MANIFEST_NAME,
    BAND_README_NAME,
    CACHE_INDEX_NAME,
    SOURCES,
    BandDataError,
    cache_dir,
    load_band_split,
)
from build_scripts.band_data.build import BAND_COLUMNS, build
from build_scripts.band_data.freedoom import (
    FreedoomItem,
    FreedoomReport,
    find_wads,
    installed_licence_text,
    load_freedoom_with_report,
    split_of,
)
from build_scripts.band_data.groove import (
    GROOVE_DIR,
    FoldReport,
    GrooveItem,
    fold_drums,
    groove_song,
    load_groove,
    load_groove_with_report,
    read_checksums,
    read_info,
)
from build_scripts.band_data.wad import read_wad
from build_scripts.corpus import CORPUS_DIR
from build_scripts.corpus.build import song_sha256
from build_scripts.corpus.manifest import read_rows
from engine.runtime.provenance import FREEDOOM_LICENCE_TEXT
from engine.song.drums import KICKS, SNARES
from engine.song.song import Note

Row = dict[str, str]
BEAT_FILE = "drummer1/eval_session/1_funk-groove1_138_beat_4-4.mid"


def freedoom_installed() -> bool:
    try:
        find_wads()
    except BandDataError:
        return False
    return True


needs_freedoom = pytest.mark.skipif(
    not freedoom_installed(),
    reason="the Debian package freedoom is not installed (apt-get install freedoom)",
)


@pytest.fixture(scope="module")
def manifest() -> list[Row]:
    return read_rows(CORPUS_DIR / BAND_MANIFEST_NAME)


@pytest.fixture(scope="module")
def groove_sample() -> tuple[list[GrooveItem], FoldReport]:
    """Every fifth Groove MIDI file (230), enough to see every kit piece and genre."""
    return load_groove_with_report(every=5)


@pytest.fixture(scope="module")
def freedoom() -> tuple[list[FreedoomItem], FreedoomReport]:
    return load_freedoom_with_report()


def test_td11_fold_maps_edges_and_rims_and_drops_unknown_keys() -> None:
    report = FoldReport()
    notes = tuple(Note(i * 120, key, 60, 90) for i, key in enumerate((22, 26, 58, 36, 27)))
    folded = fold_drums(notes, report)
    assert [note.pitch for note in folded] == [42, 46, 43, 36]
    assert [note.start_tick for note in folded] == [0, 120, 240, 360]
    assert [note.velocity for note in folded] == [90] * 4
    assert report.dropped == {27: 1}
    assert report.notes_read == 5


def test_folded_groove_notes_all_lie_in_the_gm_drum_map(
    groove_sample: tuple[list[GrooveItem], FoldReport],
) -> None:
    items, report = groove_sample
    pitches = {note.pitch for item in items for note in item.song.tracks[0].notes}
    assert pitches <= set(range(35, 82))
    assert not pitches & {22, 26, 58}
    assert report.notes_read == sum(item.song.note_count for item in items)


def test_a_groove_beat_parses_to_one_drum_track_in_four_four() -> None:
    song = groove_song(GROOVE_DIR / BEAT_FILE, "beat", "funk", FoldReport())
    [track] = song.tracks
    assert (track.is_drum, track.name, track.program) == (True, "Drums", 0)
    assert [(m.numerator, m.denominator) for m in song.time_signatures] == [(4, 4)]
    assert round(song.tempos[0].tempo_bpm) == 138
    pitches = [note.pitch for note in track.notes]
    assert sum(pitch in KICKS for pitch in pitches) > 10
    assert sum(pitch in SNARES for pitch in pitches) > 10
    assert any(note.start_tick % 10 for note in track.notes)  # human timing is kept
    assert len({note.velocity for note in track.notes}) > 10
    assert song.bar_start_ticks[-2] < track.end_tick <= song.end_tick  # bars cover the notes


def test_groove_items_carry_their_labels(
    groove_sample: tuple[list[GrooveItem], FoldReport],
) -> None:
    items, _ = groove_sample
    for item in items:
        assert item.song.style == item.style
        assert item.kind in item.song.title
        assert item.drummer in item.song.title
        meter = item.song.time_signatures[0]
        assert item.meter == (meter.numerator, meter.denominator)
    assert {item.split for item in items} == {"train", "validation", "test"}
    test_items = load_groove("test", every=50)
    assert test_items
    assert all(item.split == "test" for item in test_items)


def test_a_groove_file_that_differs_from_its_checksum_is_refused(tmp_path: Path) -> None:
    rows = read_info()
    row = next(row for row in rows if row["midi_filename"] == BEAT_FILE)
    (tmp_path / BEAT_FILE).parent.mkdir(parents=True)
    shutil.copyfile(GROOVE_DIR / "info.csv", tmp_path / "info.csv")
    data = bytearray((GROOVE_DIR / BEAT_FILE).read_bytes())
    data[-5] ^= 1
    (tmp_path / BEAT_FILE).write_bytes(bytes(data))
    sums = read_checksums()
    (tmp_path / "SHA256SUMS").write_text(f"{sums[BEAT_FILE]}  ./{BEAT_FILE}\n")
    with (tmp_path / "info.csv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(row) + "\n" + ",".join(row.values()) + "\n")
    with pytest.raises(BandDataError, match=r"altered or corrupted.*git checkout"):
        load_groove(root=tmp_path)


def test_every_groove_file_is_in_the_manifest_with_its_own_split(manifest: list[Row]) -> None:
    groove = {row["source_file"]: row for row in manifest if row["source"] == "groove-midi"}
    sums = read_checksums()
    info = {row["midi_filename"]: row for row in read_info()}
    assert set(sums) == set(groove) == set(info)
    for path, digest in sums.items():
        row = groove[path]
        assert row["source_sha256"] == digest
        assert row["split"] == info[path]["split"]
        assert row["genre"] == info[path]["style"]
        assert (row["licence"], row["notes"]) == ("CC-BY-4.0", row["drum_notes"])


def test_manifest_columns_splits_and_ids(manifest: list[Row]) -> None:
    assert tuple(manifest[0]) == BAND_COLUMNS
    assert [row["id"] for row in manifest] == sorted({row["id"] for row in manifest})
    assert {row["source"] for row in manifest} <= set(SOURCES)
    for row in manifest:
        if row["source"] == "freedoom":
            assert row["split"] == split_of(row["source_sha256"])
            assert row["licence"] == "BSD-3-Clause"


@needs_freedoom
def test_freedoom_leaves_out_e1m1_and_keeps_each_song_once(
    freedoom: tuple[list[FreedoomItem], FreedoomReport], manifest: list[Row]
) -> None:
    items, report = freedoom
    assert "D_E1M1" not in {item.lump for item in items}
    assert "freedoom1.wad:D_E1M1" in report.left_out
    assert len({item.source_sha256 for item in items}) == len(items)
    assert report.duplicates  # freedoom1 repeats one song under two names
    for item in items:
        assert any(track.is_drum and track.notes for track in item.song.tracks), item.lump
        assert item.song.style == item.style
    rows = {row["id"]: row for row in manifest if row["source"] == "freedoom"}
    assert set(rows) == {item.id for item in items}
    for item in items:
        assert (rows[item.id]["source_sha256"], rows[item.id]["style"]) == (
            item.source_sha256,
            item.style,
        )
        # The Song the importer makes now is the one the manifest pins: a change to what MIDI
        # import keeps (markers read back as sections, CC91 as a reverb send) shows here.
        assert song_sha256(item.song) == rows[item.id]["song_sha256"], item.id


def test_the_manifest_pins_the_groove_songs_the_importer_makes(
    groove_sample: tuple[list[GrooveItem], FoldReport], manifest: list[Row]
) -> None:
    rows = {row["id"]: row for row in manifest}
    items, _ = groove_sample
    assert items
    for item in items:
        assert song_sha256(item.song) == rows[item.id]["song_sha256"], item.id


@needs_freedoom
def test_freedoom_licence_text_matches_the_installed_copyright_file() -> None:
    assert installed_licence_text() == FREEDOOM_LICENCE_TEXT


def test_the_wad_reader_reads_a_directory_and_refuses_truncation(tmp_path: Path) -> None:
    song = b"MThd" + b"\x00" * 10
    directory = struct.pack("<ii8s", 12, len(song), b"D_TEST")
    wad = struct.pack("<4sii", b"PWAD", 1, 12 + len(song)) + song + directory
    (tmp_path / "ok.wad").write_bytes(wad)
    [lump] = read_wad(tmp_path / "ok.wad")
    assert (lump.name, lump.data) == ("D_TEST", song)
    (tmp_path / "short.wad").write_bytes(wad[:-4])
    with pytest.raises(BandDataError, match="truncated or corrupted"):
        read_wad(tmp_path / "short.wad")


def test_the_build_is_deterministic_and_its_cache_loads(tmp_path: Path) -> None:
    sources = SOURCES if freedoom_installed() else ("groove-midi",)
    first, second = tmp_path / "first", tmp_path / "second"
    build(first, sources, every=10, verbose=False)
    build(second, sources, every=10, verbose=False)
    for name in (BAND_MANIFEST_NAME, BAND_README_NAME):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    cached = sorted(path.name for path in cache_dir(first).iterdir())
    assert cached == sorted(path.name for path in cache_dir(second).iterdir())
    for name in cached:
        assert (cache_dir(first) / name).read_bytes() == (cache_dir(second) / name).read_bytes()
    rows = read_rows(first / BAND_MANIFEST_NAME)
    songs = load_band_split("validation", {"groove-midi"}, out_dir=first)
    assert len(songs) == sum(
        row["split"] == "validation" and row["source"] == "groove-midi" for row in rows
    )
    assert all(song.tracks[0].is_drum and song.style is not None for song in songs)
    (cache_dir(first) / CACHE_INDEX_NAME).unlink()
    with pytest.raises(BandDataError, match=r"build_scripts\.band_data build"):
        load_band_split("train", out_dir=first)


def test_load_band_split_refuses_unknown_names() -> None:
    with pytest.raises(BandDataError, match="unknown split"):
        load_band_split("dev")
    with pytest.raises(BandDataError, match="unknown band data source"):
        load_band_split("train", {"hydrogen"})
