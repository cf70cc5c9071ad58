"""A song's style: a validated field of the Song, saved in projects, carried by the tokens; and
key signatures that move with a transposition, so the key the model reads is the notes' key."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from engine.compose.augment import augment, transpose_key
from engine.compose.tokens import decode_song, encode_song
from engine.compose.vocab import Vocabulary
from engine.project.project_file import save_project, song_from_dict, song_to_dict
from engine.song.song import KeySignatureChange, Note, Song, SongError, Track
from engine.song.styles import STYLE_NAMES, style_named, style_of_groove_genre
from engine.song.theory import key_scale

VOCAB = Vocabulary.build()


def _tune(style: str | None = None, key: KeySignatureChange | None = None) -> Song:
    d_major = (62, 64, 66, 67, 69, 71, 73, 74)
    notes = tuple(Note(i * 240, pitch, 240, 80) for i, pitch in enumerate(d_major))
    return Song(
        title="Tune",
        bar_count=1,
        tracks=(Track("Fiddle", 110, notes=notes),),
        key_signatures=(key or KeySignatureChange(0, 2, "major"),),
        style=style,
    )


def test_the_style_travels_in_the_header_and_back() -> None:
    tokens = encode_song(_tune("lofi"))
    assert tokens[:4] == ["BOS", tokens[1], "Key_2_major", "Style_lofi"]
    assert decode_song(tokens).style == "lofi"
    unstyled = encode_song(_tune(None))
    assert unstyled[3] == "Style_none"
    assert decode_song(unstyled).style is None


def test_every_style_has_a_token_and_new_tokens_come_after_the_old_ones() -> None:
    assert {f"Style_{name}" for name in STYLE_NAMES} <= set(VOCAB.ids)
    first_style = VOCAB.ids["Style_none"]
    assert all(token.startswith("Style_") for token in VOCAB.tokens[first_style:])
    assert not any(token.startswith("Style_") for token in VOCAB.tokens[:first_style])


def test_an_unknown_style_is_refused_with_the_list() -> None:
    with pytest.raises(SongError, match=r"style must be one of folk, classical, pop"):
        _tune("polka-metal")


def test_a_style_is_saved_only_when_set(tmp_path: Path) -> None:
    assert "style" not in song_to_dict(_tune(None))
    path = tmp_path / "styled.tessera.json"
    save_project(_tune("chinese"), path)
    data = json.loads(path.read_text("utf-8"))
    assert data["style"] == "chinese"
    assert song_from_dict(data).style == "chinese"


def test_groove_genres_map_to_styles() -> None:
    assert style_of_groove_genre("funk/groove1") == "funk"
    assert style_of_groove_genre("afrocuban/bembe") == "latin"
    assert style_of_groove_genre("middleeastern/groove1") is None
    assert style_named("house").groove_genres[0] == "dance"


@pytest.mark.parametrize("shift", range(-6, 7))
@pytest.mark.parametrize(
    "key", [KeySignatureChange(0, 2, "major"), KeySignatureChange(0, -3, "minor")]
)
def test_a_transposed_key_names_the_transposed_notes(key: KeySignatureChange, shift: int) -> None:
    moved = transpose_key(key, shift)
    assert moved.mode == key.mode
    assert -6 <= moved.sharps_flats <= 6
    expected = {(pc + shift) % 12 for pc in key_scale(key)}
    assert set(key_scale(moved)) == expected


def test_augmentation_moves_the_key_with_the_notes() -> None:
    song = _tune("folk")
    for seed in range(20):
        shifted = augment(song, random.Random(seed))
        shift = shifted.tracks[0].notes[0].pitch - song.tracks[0].notes[0].pitch
        in_key = set(key_scale(shifted.key_signatures[0]))
        assert all(note.pitch % 12 in in_key for note in shifted.tracks[0].notes), shift
        assert shifted.style == "folk"
