"""Model folders checked whole: the card against its hash, every card value, every model file.

Each test copies a shipped model folder to tmp_path and breaks one thing the way an edit, a
failed download or a full disk would; each must give a ModelLoadError that names the file, the
field and the fix, never another exception (a ZeroDivisionError, a MemoryError, numpy's or
onnxruntime's own).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engine.compose.midi_model import DEFAULT_MODEL_DIR as MIDI_DIR
from engine.compose.midi_model import MidiModel
from engine.runtime.cards import CARD_FILE, HASH_FILE, card_hash_line, read_card, write_card
from engine.runtime.onnx import ModelLoadError
from engine.runtime.provenance import model_cards
from engine.sound.synth import CHANNEL_COUNT
from engine.sound.timbre import DEFAULT_MODEL_DIR as TIMBRE_DIR
from engine.sound.timbre import TimbreModel, TimbreModelError

MIDI_FILES = (CARD_FILE, HASH_FILE, "model.onnx", "tokenizer.json")
TIMBRE_FILES = (CARD_FILE, HASH_FILE, "model.onnx", "space.json")
Loader = Callable[[Path], object]


def _copy(source: Path, names: tuple[str, ...], folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(source / name, folder / name)
    return folder


@pytest.fixture
def midi_folder(tmp_path: Path) -> Path:
    return _copy(MIDI_DIR, MIDI_FILES, tmp_path / "midi")


@pytest.fixture
def timbre_folder(tmp_path: Path) -> Path:
    return _copy(TIMBRE_DIR, TIMBRE_FILES, tmp_path / "timbre")


def _load_midi(folder: Path) -> object:
    return MidiModel(folder, threads=1)


def _load_timbre(folder: Path) -> object:
    return TimbreModel(folder, threads=1)


def _edit(folder: Path, keys: tuple[str, ...], value: Any, *, rehash: bool) -> None:
    """Set one card value; `rehash` writes a matching card.sha256 too (a card exported wrong,
    or a folder put together by hand), so the value checks themselves are what is tested."""
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    node = card
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    if rehash:
        write_card(folder, card)
    else:
        (folder / CARD_FILE).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


def test_the_shipped_cards_match_their_hashes() -> None:
    for folder in (MIDI_DIR, TIMBRE_DIR):
        card = read_card(folder, "reinstall")
        assert card.raw == json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
        expected = card_hash_line((folder / CARD_FILE).read_bytes())
        assert (folder / HASH_FILE).read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    ("load", "folder_fixture", "keys"),
    [
        (_load_midi, "midi_folder", ("architecture", "n_head")),
        (_load_midi, "midi_folder", ("architecture", "block_size")),
        (_load_timbre, "timbre_folder", ("architecture", "frames")),
    ],
)
def test_an_edited_card_is_refused_by_its_hash(
    load: Loader, folder_fixture: str, keys: tuple[str, ...], request: pytest.FixtureRequest
) -> None:
    folder: Path = request.getfixturevalue(folder_fixture)
    _edit(folder, keys, 0, rehash=False)
    with pytest.raises(ModelLoadError, match=r"card\.json does not match card\.sha256.*reinstall"):
        load(folder)


MIDI_BAD_VALUES = [
    (("architecture", "n_head"), 0, r"architecture\.n_head must be a whole number from 1"),
    (("architecture", "n_head"), -4, r"architecture\.n_head must be a whole number from 1"),
    (("architecture", "n_head"), "4", r"architecture\.n_head must be a whole number.*got '4'"),
    (("architecture", "n_head"), 4.0, r"architecture\.n_head must be a whole number.*got 4\.0"),
    (("architecture", "n_head"), True, r"architecture\.n_head must be a whole number"),
    (("architecture", "n_head"), 5, r"architecture\.n_embd must be a multiple of n_head \(5\)"),
    (("architecture", "n_layer"), 10**9, r"architecture\.n_layer must be a whole number"),
    (("architecture", "block_size"), 2**40, r"architecture\.block_size must be a whole number"),
    (("architecture", "vocab_size"), 10**6, r"logits of 3\.8 GiB .* the most this Tessera"),
    (("architecture", "vocab_size"), None, r"architecture\.vocab_size must be a whole number"),
    (("architecture", "block_size"), 512, r"past_key_0 of shape \[1, 4, 1024, 48\].*card says"),
    (("tokenizer", "version"), ["x"], r"tokenizer\.version must be text"),
    (("onnx", "sha256"), "abc", r"onnx\.sha256 must be a sha256"),
    (("architecture",), [], r"architecture\.n_head is missing"),
]


@pytest.mark.parametrize(("keys", "value", "message"), MIDI_BAD_VALUES)
def test_every_midi_card_value_is_checked(
    midi_folder: Path, keys: tuple[str, ...], value: object, message: str
) -> None:
    _edit(midi_folder, keys, value, rehash=True)
    with pytest.raises(ModelLoadError, match=message) as caught:
        MidiModel(midi_folder, threads=1)
    assert str(midi_folder / CARD_FILE) in str(caught.value) or "model.onnx" in str(caught.value)
    assert "python -m models.midi.export" in str(caught.value)


TIMBRE_BAD_VALUES = [
    (("architecture", "frames"), 0, r"architecture\.frames must be a whole number from 17"),
    (("architecture", "frames"), -128, r"architecture\.frames must be a whole number"),
    (("architecture", "frames"), 10**12, r"architecture\.frames must be a whole number"),
    (("architecture", "frames"), "128", r"architecture\.frames must be a whole number"),
    (("architecture", "frames"), 256, rf"takes x of shape \['batch', 128, {CHANNEL_COUNT}\]"),
    (("space", "sha256"), 12, r"space\.sha256 must be a sha256"),
    (("onnx",), "model.onnx", r"onnx\.sha256 is missing"),
    (("controls", "harmonics"), 0, r"trained for controls \{'harmonics': 0\}"),
]


@pytest.mark.parametrize(("keys", "value", "message"), TIMBRE_BAD_VALUES)
def test_every_timbre_card_value_is_checked(
    timbre_folder: Path, keys: tuple[str, ...], value: object, message: str
) -> None:
    _edit(timbre_folder, keys, value, rehash=True)
    with pytest.raises(TimbreModelError, match=message):
        TimbreModel(timbre_folder, threads=1)


@pytest.mark.parametrize(
    ("load", "folder_fixture", "fix"),
    [
        (_load_midi, "midi_folder", "python -m models.midi.export"),
        (_load_timbre, "timbre_folder", "python -m models.timbre.export"),
    ],
)
def test_a_missing_or_damaged_model_file_says_which_and_how_to_fix_it(
    load: Loader, folder_fixture: str, fix: str, request: pytest.FixtureRequest
) -> None:
    folder: Path = request.getfixturevalue(folder_fixture)
    onnx = folder / "model.onnx"
    whole = onnx.read_bytes()
    onnx.write_bytes(whole[: len(whole) // 2])  # a download cut short
    with pytest.raises(ModelLoadError, match=r"model\.onnx does not match its card") as cut:
        load(folder)
    onnx.unlink()
    with pytest.raises(ModelLoadError, match=r"model\.onnx is missing") as missing:
        load(folder)
    os.symlink("/dev/zero", onnx)  # never read: it would hash forever
    with pytest.raises(ModelLoadError, match=r"model\.onnx is not a regular file") as device:
        load(folder)
    onnx.unlink()
    os.mkfifo(onnx)  # opening a pipe must not wait for a writer
    with pytest.raises(ModelLoadError, match=r"model\.onnx is not a regular file") as pipe:
        load(folder)
    for caught in (cut, missing, device, pipe):
        assert fix in str(caught.value)
    (folder / HASH_FILE).unlink()
    with pytest.raises(ModelLoadError, match=r"no card hash at .*card\.sha256"):
        load(folder)
    (folder / HASH_FILE).write_text("not a hash\n")
    with pytest.raises(ModelLoadError, match=r"card\.sha256 is damaged"):
        load(folder)


def test_a_card_replaced_by_a_device_or_a_huge_file_is_not_read(midi_folder: Path) -> None:
    card = midi_folder / CARD_FILE
    card.unlink()
    os.symlink("/dev/zero", card)
    with pytest.raises(ModelLoadError, match=r"card\.json is not a regular file"):
        MidiModel(midi_folder)
    card.unlink()
    with card.open("wb") as handle:  # sparse: 8 GiB on paper, nothing on disk
        handle.truncate(8 * 2**30)
    with pytest.raises(ModelLoadError, match=r"card\.json is 8,589,934,592 bytes, more than"):
        MidiModel(midi_folder)


def test_a_missing_timbre_space_is_named(timbre_folder: Path) -> None:
    (timbre_folder / "space.json").unlink()
    with pytest.raises(
        TimbreModelError, match=r"the timbre model: .*space\.json is missing: reinstall Tessera"
    ):
        TimbreModel(timbre_folder)


def test_about_the_models_shows_a_damaged_card_as_an_error(midi_folder: Path) -> None:
    (midi_folder / CARD_FILE).write_text("{}\n", encoding="utf-8")
    cards = model_cards(midi_folder.parent)
    assert set(cards) == {"midi"}
    assert "does not match card.sha256" in cards["midi"]["error"]
