"""The infilling tokenizer: exact round trips after quantisation, infill sequences, vocabulary."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.compose.augment import allowed_transpositions, augment, instrument_range
from engine.compose.control_tokens import BarControls
from engine.compose.tokens import decode_song, encode_song, quantize_song
from engine.compose.vocab import (
    DURATION_STEPS,
    MAX_BAR_STEPS,
    TICKS_PER_STEP,
    VELOCITY_LEVELS,
    Kind,
    TokenizerError,
    TokenizerVersionError,
    Vocabulary,
)
from engine.song.song import PPQ, KeySignatureChange, Note, Song, TimeSignatureChange, Track
from tests.helpers.song_strategies import songs

SHIPPED_VOCABULARY = Path(__file__).parents[3] / "models" / "midi" / "tokenizer.json"
VOCAB = Vocabulary.build()


def _decode_like(tokens: list[str], song: Song) -> Song:
    return decode_song(tokens, song.title, [track.name for track in song.tracks])


@settings(max_examples=60, deadline=None)
@given(songs())
def test_round_trip_equals_the_quantized_song(song: Song) -> None:
    tokens = encode_song(song)
    assert all(token in VOCAB.ids for token in tokens)
    quantized = quantize_song(song)
    assert _decode_like(tokens, song) == quantized
    assert quantize_song(quantized) == quantized
    for track in quantized.tracks:
        assert all(n.start_tick % TICKS_PER_STEP == 0 for n in track.notes)


@settings(max_examples=60, deadline=None)
@given(songs(), st.randoms(use_true_random=False))
def test_every_infilling_sequence_decodes_back_to_the_song(song: Song, rng: random.Random) -> None:
    cells = [(t, b) for t in range(len(song.tracks)) for b in range(song.bar_count)]
    chosen = set(rng.sample(cells, rng.randint(1, len(cells))))
    tokens = encode_song(song, chosen)
    assert tokens.count("Fill") == len(chosen) == tokens.count("Fill_Start")
    assert _decode_like(tokens, song) == quantize_song(song)


def test_a_church_mode_is_read_as_its_signatures_major_key() -> None:
    """The corpus's ABC books write a tune in E dorian under K:D, so the model knows it as
    D major's two sharps: that is the key token an E dorian song is shown with."""
    song = Song(
        bar_count=1,
        tracks=(Track("Fiddle", 110, notes=(Note(0, 64, PPQ, 80),)),),
        key_signatures=(KeySignatureChange(0, 2, "dorian"),),
    )
    assert encode_song(song)[2] == "Key_2_major"
    assert quantize_song(song).key_signatures == (KeySignatureChange(0, 2, "major"),)


def test_a_prompt_stops_before_the_fills_and_carries_requested_controls() -> None:
    notes = (Note(0, 60, PPQ, 80), Note(PPQ, 64, PPQ, 80), Note(4 * PPQ, 67, PPQ, 80))
    song = Song(bar_count=2, tracks=(Track("lead", program=73, notes=notes),))
    wanted = BarControls(density=5, pitch_classes=frozenset({0, 4, 7}))
    prompt = encode_song(song, {(0, 1)}, controls={(0, 1): wanted}, include_fills=False)
    second_bar = prompt[prompt.index("Bar_End") + 1 :]
    assert second_bar[:6] == ["Bar_4/4", "Density_5", "PC_0", "PC_4", "PC_7", "Fill"]
    assert prompt[-1] == "Track_End"
    assert "Pitch_67" not in prompt  # the cell's old notes are not in the prompt


def test_measured_controls_describe_the_bar() -> None:
    notes = [Note(0, 60, PPQ, 64), Note(0, 64, PPQ, 96), Note(2 * PPQ, 71, PPQ, 80)]
    controls = BarControls.measure(notes)
    assert controls.density == 3
    assert controls.polyphony == 2
    assert (controls.low_bin, controls.high_bin) == (10, 11)
    assert controls.pitch_classes == frozenset({0, 4, 11})
    assert controls.mean_velocity == 80
    assert controls.onsets == 2
    assert BarControls.measure([]).tokens() == ["Density_0"]


def test_unsupported_grids_are_refused_clearly() -> None:
    odd = Song(bar_count=2, time_signatures=(TimeSignatureChange(0, 9, 2),), tracks=(Track("a"),))
    with pytest.raises(TokenizerError, match=r"bar 1 is in 9/2, which the model does not know"):
        encode_song(odd)
    with pytest.raises(TokenizerError, match=r"at least one track"):
        encode_song(Song())
    with pytest.raises(TokenizerError, match=r"token 1 is 'Pitch_60', expected Tempo"):
        decode_song(["BOS", "Pitch_60"])


def test_the_shipped_vocabulary_matches_and_a_stale_one_is_refused(tmp_path: Path) -> None:
    assert Vocabulary.load_checked(SHIPPED_VOCABULARY) == VOCAB
    stale = json.loads(SHIPPED_VOCABULARY.read_text("utf-8"))
    stale["version"] = "tessera-mmm-0"
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps(stale), "utf-8")
    with pytest.raises(TokenizerVersionError, match=r"trained with tokenizer 'tessera-mmm-0'"):
        Vocabulary.load_checked(path)
    assert "Pitch" in VOCAB.describe()
    assert len(VOCAB.ids_with_prefix("Pitch_")) == 128


def test_the_id_tables_read_every_token_as_its_string_says() -> None:
    kinds = {"Pos": Kind.POS, "Pitch": Kind.PITCH, "Dur": Kind.DUR, "Vel": Kind.VEL}
    for token_id, token in enumerate(VOCAB.tokens):
        prefix, _, value = token.partition("_")
        if token in ("Bar_End", "Fill_Start", "Fill_End"):
            expected = {"Bar_End": Kind.BAR_END, "Fill_Start": Kind.FILL_START}.get(
                token, Kind.FILL_END
            )
        elif prefix == "Bar":
            expected = Kind.BAR
        elif prefix == "Program":
            expected = Kind.PROGRAM
        else:
            expected = kinds.get(prefix, Kind.OTHER)
        assert VOCAB.kinds[token_id] == expected, token
        assert VOCAB.values[token_id] == (int(value) if prefix in kinds else -1), token
    assert [VOCAB.tokens[i] for i in VOCAB.pitch_ids] == [f"Pitch_{p}" for p in range(128)]
    assert [VOCAB.tokens[i] for i in VOCAB.pos_ids] == [f"Pos_{s}" for s in range(MAX_BAR_STEPS)]
    assert [VOCAB.tokens[i] for i in VOCAB.duration_ids] == [f"Dur_{d}" for d in DURATION_STEPS]
    assert {VOCAB.tokens[i] for i in VOCAB.velocity_ids.values()} == {
        f"Vel_{v}" for v in VELOCITY_LEVELS
    }
    tokens = encode_song(Song(tracks=(Track("Piano", 0, notes=(Note(0, 60, PPQ, 80),)),)))
    assert [VOCAB.tokens[i] for i in VOCAB.encode(tokens)] == tokens
    with pytest.raises(TokenizerError, match=r"'Pitch_200' is not a token"):
        VOCAB.encode(["BOS", "Pitch_200"])


@settings(max_examples=40, deadline=None)
@given(songs(), st.integers(0, 2**32 - 1))
def test_augmentation_is_seeded_and_stays_in_range(song: Song, seed: int) -> None:
    first = augment(song, random.Random(seed), tempo_spread=0.1)
    assert first == augment(song, random.Random(seed), tempo_spread=0.1)
    shift = 0
    for before, after in zip(song.tracks, first.tracks, strict=True):
        if before.is_drum:
            assert after.notes == before.notes
        elif before.notes:
            shift = after.notes[0].pitch - before.notes[0].pitch
    assert shift in allowed_transpositions(song)
    for before, after in zip(song.tracks, first.tracks, strict=True):
        low, high = instrument_range(after.program)
        if shift and after.notes and not after.is_drum:
            assert low <= min(n.pitch for n in after.notes)
            assert max(n.pitch for n in after.notes) <= high
        assert len(after.notes) == len(before.notes)
