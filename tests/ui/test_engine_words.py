"""The engine's words reach the user in their language.

Every message the engine marks (`QT_TRANSLATE_NOOP` in `engine/`, found by a syntax-tree scan)
and every preset voice name must have a finished Chinese translation that keeps the template's
fields exactly (a dropped or renamed field would make the window fall back to English); the
real `pyside6-lupdate` must read them all; and a real window in Chinese shows a corrupt MIDI
file's error in Chinese and names a new song's tracks in Chinese, never touching a track the
user named.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from build_scripts.translations import (
    PRESET_VOICES_CONTEXT,
    ROOT,
    TRANSLATIONS,
    all_sources,
    lupdate,
    preset_voice_names,
    read_ts,
)
from engine.compose.control_text import ControlError, controls_from_text
from engine.compose.midi_model import MidiModel
from engine.compose.requests import Generate
from engine.errors import TesseraError
from engine.live.music import LiveSettings
from engine.live.session import LiveSession
from engine.song.edits import update_track
from engine.song.song import Song
from engine.studio.models import Models
from engine.studio.rebase import describe_cells
from engine.words import QT_TRANSLATE_NOOP
from tests.helpers.windows import window_on
from ui.engine_words import engine_text, track_name
from ui.i18n import install_translator

SHIPPED_TS = TRANSLATIONS / "tessera_zh_CN.ts"
CJK = re.compile(r"[\u3400-\u9fff]")


def engine_marks() -> set[tuple[str, str]]:
    """(context, template) of every `QT_TRANSLATE_NOOP` call in the engine's sources."""
    found = set()
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
            ):
                context, text = (
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                )
                found.add((context, text))
    return found


def _fields(template: str) -> list[tuple[str, str, str]]:
    """The `{name!conversion:spec}` fields of a template, sorted."""
    parsed = string.Formatter().parse(template)
    return sorted(
        (name, conv or "", spec or "") for _, name, spec, conv in parsed if name is not None
    )


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[str]:
    code = install_translator(qapp, "zh_CN")
    yield code
    install_translator(qapp, "en")


def test_every_engine_message_and_voice_has_a_finished_chinese_translation() -> None:
    shipped = read_ts(SHIPPED_TS)
    wanted = engine_marks() | {(PRESET_VOICES_CONTEXT, name) for name in preset_voice_names()}
    assert len(wanted) > 350, f"only {len(wanted)} engine messages found: is the scan right?"
    missing, misfit = [], []
    for context, source in sorted(wanted):
        message = shipped.get((context, source, ""))
        if message is None or not message.finished:
            missing.append(f"{context}: {source!r}")
        elif _fields(message.forms[0]) != _fields(source):
            misfit.append(f"{context}: {source!r} -> {message.forms[0]!r}")
    assert not missing, (
        f"{len(missing)} engine message(s) have no finished zh_CN translation in "
        f"{SHIPPED_TS.relative_to(ROOT)} (run `python -m build_scripts.translations`, then "
        "translate them):\n" + "\n".join(missing)
    )
    assert not misfit, "translations whose {fields} differ from the English:\n" + "\n".join(misfit)


def test_lupdate_reads_every_engine_message_and_voice_name(tmp_path: Path) -> None:
    scratch = tmp_path / "tessera_zh_CN.ts"
    with all_sources() as sources:
        lupdate(sources, scratch, "zh_CN")
    extracted = {(m.context, m.source) for m in read_ts(scratch).values()}
    voices = {(PRESET_VOICES_CONTEXT, name) for name in preset_voice_names()}
    assert ("PresetVoices", "Fiddle") in voices
    assert not (engine_marks() | voices) - extracted


def test_engine_words_are_translated_with_their_values_translated_too(chinese: str) -> None:
    assert chinese == "zh_CN"
    cells = describe_cells([(0, 1), (0, 2), (2, 0)])
    assert cells == "track 1 bars 2-3 and track 3 bar 1"
    note = QT_TRANSLATE_NOOP("Document", "kept {cells} as they are (locked)").format(cells=cells)
    assert engine_text(note) == "音轨 1 第 2-3 小节和音轨 3 第 1 小节 保持原样（已锁定）"
    error = TesseraError(
        QT_TRANSLATE_NOOP(
            "Outcomes", "{seconds:.1f} s, peak {peak}, {notes} distinct notes rendered"
        ).format(seconds=41.96, peak=QT_TRANSLATE_NOOP("Outcomes", "silent"), notes=3)
    )
    assert str(error) == "42.0 s, peak silent, 3 distinct notes rendered"
    assert engine_text(error) == "42.0 秒，峰值 无声，渲染了 3 个不同的音符"
    assert engine_text("text the engine did not mark") == "text the engine did not mark"
    assert engine_text(ValueError("a bug")) == "a bug"


def test_engine_words_stay_english_without_a_translation() -> None:
    said = QT_TRANSLATE_NOOP("Document", "track {track} bar {bar}").format(track=2, bar=5)
    assert engine_text(said) == "track 2 bar 5"
    assert engine_text(QT_TRANSLATE_NOOP("Nowhere", "not in any {file}")) == "not in any {file}"


def test_track_names_come_from_the_preset_voices_then_general_midi(chinese: str) -> None:
    assert track_name("Fiddle") == "小提琴"
    assert track_name("Lead synth") == "主音合成器"
    assert track_name("Violin") == "小提琴"  # a General MIDI name: an added track's
    assert track_name("My own riff") == "My own riff"


def test_a_corrupt_midi_file_shows_its_error_in_chinese(
    chinese: str, qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    window = window_on(qtbot, tmp_path, models, Song(), show=True)
    bad = tmp_path / "broken.mid"
    bad.write_bytes(b"RIFF....WAVE this is a sound file, not MIDI")
    assert not window.open_path(bad)
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert boxes, "no message box was shown for the corrupt file"
    shown = boxes[-1].text()
    assert "broken.mid" in shown
    assert "不是 MIDI 文件" in shown, shown
    assert "is not a MIDI file" not in shown
    assert "不是 MIDI 文件" in window.last_message
    for box in boxes:
        box.close()


def test_a_new_song_in_chinese_gets_chinese_track_names_and_keeps_the_users_own(
    chinese: str, qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    window = window_on(qtbot, tmp_path, models, Song(), show=True)
    window.compose.generate(Generate("folk-tune", bars=2))
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    song = window.document.song
    assert [track.name for track in song.tracks] == ["小提琴"], window.last_message
    assert CJK.search(window.last_message), window.last_message
    renamed = update_track(song, 0, name="Fiddle")  # the user's own name, English or not
    window.document.apply_edit(renamed, "Rename")
    window.compose.add_track(40)  # General MIDI Violin, no name given
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    names = [track.name for track in window.document.song.tracks]
    assert names == ["Fiddle", "小提琴"], window.last_message


def test_a_control_typed_wrong_is_explained_in_chinese(chinese: str) -> None:
    with pytest.raises(ControlError) as caught:
        controls_from_text(voice_order="sideways")
    assert engine_text(caught.value).startswith("声部顺序：'sideways' 不是以下之一：")
    with pytest.raises(ControlError) as downwards:
        controls_from_text(pitch_range="C5-C3")
    assert engine_text(downwards.value) == "音域 'C5-C3' 是从高到低的：请把较低的音写在前面"


def test_a_live_recording_names_its_tracks_in_chinese(chinese: str, midi_model: MidiModel) -> None:
    """A recording's tracks are named by the session in English (the command line's) and by
    the window in the user's language; an accompanying voice is named by its preset voice."""
    answered = LiveSession(midi_model, LiveSettings(mode="answer"), lambda _message: None)
    names = [track.name for track in answered.recording().tracks]
    assert names == ["Live player", "Live answer"]
    assert [engine_text(name) for name in names] == ["现场演奏", "现场应答"]
    accompanied = LiveSession(midi_model, LiveSettings(mode="accompany"), lambda _m: None)
    voices = [voice.name for voice in accompanied.settings.voices]
    named = [engine_text(t.name) for t in accompanied.recording().tracks]
    assert named == ["现场演奏", *(f"现场{track_name(voice)}" for voice in voices)]
    assert "现场贝斯" in named
