"""`tessera-cli` and the window are two faces of one front door (`engine.studio.use_cases.Studio`)
and one owner of the models (`engine.studio.models.Models`).

The same request from the command line and from the window goes through the same front-door
function and gives the same take, seed and song (and the same audio file, report and track);
a control typed wrong reads the same in both; the window, its timbre and live panels, its jobs
and a command share each model, loaded once; and a model that cannot load is a message, with
the composer's song as it was.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import main
from benchmarks.transcription import render_fluidsynth
from benchmarks.tunes import d_major_tune
from engine.compose.control_text import ControlError, controls_from_text
from engine.compose.midi_model import MidiModel
from engine.live.ports import LoopbackPorts
from engine.project.project_file import load_project, load_project_with_takes, save_project
from engine.runtime.onnx import ModelLoadError
from engine.song.edits import select, set_tempo
from engine.sound.render import NoteRenderer
from engine.studio.models import Models
from engine.studio.use_cases import Studio
from engine.transcribe.transcriber import NoteModel
from tests.helpers.fake_stream import FakeStream
from tests.helpers.live_player import KEYBOARD
from ui.audio_import import AudioToNotesDialog
from ui.main_window import MainWindow
from ui.panels.live import SYNTH_OUTPUT
from ui.panels.transport import AudioEngine

T = TypeVar("T")
RATE = 22_050


class Spy:
    """Records each call of a front-door method (class-wide: the CLI's studio and the window's)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        original = getattr(Studio, name)

        def recorded(studio: Studio, *args: Any, **kwargs: Any) -> Any:
            self.calls.append((args, kwargs))
            return original(studio, *args, **kwargs)

        monkeypatch.setattr(Studio, name, recorded)


class Counting:
    """A model loader that counts its calls."""

    def __init__(self, load: Callable[[], Any]) -> None:
        self.load, self.calls = load, 0

    def __call__(self) -> Any:
        self.calls += 1
        return self.load()


def _window(qtbot: QtBot, tmp_path: Path, models: Models, **options: Any) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        recovery_dir=tmp_path / "recovery", settings=settings, models=models, **options
    )
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def _wait(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)


@pytest.fixture
def tune_file(tmp_path: Path) -> Path:
    path = tmp_path / "tune.json"
    save_project(d_major_tune(), path)
    return path


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    return _window(qtbot, tmp_path, models)


def test_the_cli_and_the_window_regenerate_through_one_front_door_to_one_take(
    qtbot: QtBot,
    *,
    window: MainWindow,
    models: Models,
    tune_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = Spy(monkeypatch, "compose_job")
    out = tmp_path / "cli.json"
    argv = ["regenerate", str(tune_file), "-o", str(out), "--tracks", "2", "--bars", "3-4"]
    argv += ["--seed", "11", "--scale", "D major", "--range", "C2-C4", "--chords", "D,A"]
    assert main(argv, models=models) == 0

    assert window.open_path(tune_file)
    window.grid.set_selection([(1, 2), (1, 3)])
    window.inspector.scale.setText("D major")
    window.inspector.pitch_range.setText("C2-C4")
    window.inspector.chords.setText("D,A")
    window.inspector.seed.setValue(11)
    window.actions_by_name["regenerate"].trigger()
    _wait(qtbot, window)

    (cli_request, _), (window_request, _) = spy.calls
    assert cli_request == window_request  # the same request and seed, by the same function
    cli_song, cli_takes = load_project_with_takes(out)
    assert window.session.song == cli_song
    assert window.session.takes == cli_takes
    assert cli_takes[-1].seed == 11
    assert cli_song != d_major_tune()


def test_the_cli_and_the_window_render_the_same_audio_file(
    qtbot: QtBot,
    *,
    window: MainWindow,
    models: Models,
    tune_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spy = Spy(monkeypatch, "render_job")
    assert main(["render", str(tune_file), str(tmp_path / "cli.wav")], models=models) == 0
    assert window.open_path(tune_file)
    window.export_audio_to(tmp_path / "window.wav")
    _wait(qtbot, window)
    assert window.last_message.startswith("exported window.wav: ")
    assert len(spy.calls) == 2
    cli_audio, rate = soundfile.read(tmp_path / "cli.wav", dtype="float32")
    window_audio, _ = soundfile.read(tmp_path / "window.wav", dtype="float32")
    assert rate == 44_100
    assert np.array_equal(cli_audio, window_audio)


def test_the_cli_and_the_window_check_and_transcribe_the_same_way(
    qtbot: QtBot,
    *,
    window: MainWindow,
    models: Models,
    tune_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checks, hearings = Spy(monkeypatch, "check_job"), Spy(monkeypatch, "transcribe_job")
    assert main(["check", str(tune_file)], models=models) == 0
    printed = capsys.readouterr().out.strip().splitlines()
    assert window.open_path(tune_file)
    window.check_originality()
    _wait(qtbot, window)
    assert window.originality.report is not None
    assert window.originality.report.lines() == printed
    assert len(checks.calls) == 2

    line = select(d_major_tune(), [0])
    flute = dataclasses.replace(line, tracks=(dataclasses.replace(line.tracks[0], program=73),))
    clip = tmp_path / "descant.wav"
    soundfile.write(str(clip), render_fluidsynth(flute, RATE), RATE)
    out = tmp_path / "with-descant.json"
    argv = ["transcribe", str(clip), str(out), "--into", str(tune_file), "--monophonic"]
    assert main([*argv, "--program", "73"], models=models) == 0
    dialog = AudioToNotesDialog(parent=window)
    dialog.choose_path(clip)
    window.audio_to_notes(dialog.request())  # the dialog's defaults: one line, on a flute
    _wait(qtbot, window)
    assert len(hearings.calls) == 2
    assert window.session.song == load_project(out)


@pytest.mark.parametrize(
    ("flag", "field", "typed"),
    [
        ("--scale", "scale", "H minor"),
        ("--chords", "chords", "Am,Fxx"),
        ("--range", "pitch_range", "C5-C3"),
        ("--velocity", "velocity", "loud"),
        ("--velocity", "velocity", "100-60"),
    ],
)
def test_a_control_typed_wrong_reads_the_same_in_the_cli_and_the_inspector(
    window: MainWindow,
    *,
    tune_file: Path,
    capsys: pytest.CaptureFixture[str],
    flag: str,
    field: str,
    typed: str,
) -> None:
    with pytest.raises(ControlError) as expected:
        controls_from_text(**{field: typed})  # type: ignore[arg-type]
    before = tune_file.read_bytes()
    assert main(["regenerate", str(tune_file), "--bars", "1", flag, typed]) == 2
    assert capsys.readouterr().err == f"tessera-cli: error: {expected.value}\n"
    assert tune_file.read_bytes() == before
    getattr(window.inspector, field).setText(typed)
    assert window.inspector.problem.text() == str(expected.value)
    with pytest.raises(ControlError) as shown:
        window.inspector.controls()
    assert shown.value.field == expected.value.field


def test_the_window_its_panels_and_a_command_load_each_model_once(
    qtbot: QtBot,
    *,
    tmp_path: Path,
    tune_file: Path,
    midi_model: MidiModel,
    renderer: NoteRenderer,
    note_model: NoteModel,
) -> None:
    loaders = {
        "midi": Counting(lambda: midi_model),
        "timbre": Counting(lambda: renderer),
        "notes": Counting(lambda: note_model),
    }
    models = Models(midi=loaders["midi"], renderer=loaders["timbre"], notes=loaders["notes"])
    streams: list[FakeStream] = []

    def sound_card(**settings: Any) -> FakeStream:
        streams.append(FakeStream(**settings))
        return streams[-1]

    ports = LoopbackPorts()
    audio = AudioEngine(models, stream_factory=sound_card)
    window = _window(qtbot, tmp_path, models, audio=audio, ports=lambda: ports)
    assert not any(models.is_loaded(name) for name in ("midi", "timbre", "notes"))
    assert window.open_path(tune_file)  # opening loads nothing
    assert not any(models.is_loaded(name) for name in ("midi", "timbre", "notes"))

    with qtbot.waitSignal(audio.loaded, timeout=60_000):
        window.audio.start_loading()  # what the app does as the window opens
    window.grid.set_selection([(0, 0)])
    window.timbre_panel.generate(7)  # the timbre panel: the model is there already
    assert window.session.song.tracks[0].timbre.seed == 7
    window.grid.set_selection([(1, 4), (1, 5)])
    window.actions_by_name["regenerate"].trigger()  # a compose job loads the symbolic model
    _wait(qtbot, window)

    live = window.live
    assert live.inputs.currentText() == KEYBOARD
    live.outputs.setCurrentText(SYNTH_OUTPUT)  # the Tessera synth on the window's sound card
    live.start.click()  # the panel's device thread starts it
    qtbot.waitUntil(lambda: live.live is not None or bool(live.message.text()), timeout=60_000)
    assert live.live is not None, live.message.text()
    assert live.live.session.model is models.midi()
    assert live.live.synth is not None
    assert live.live.synth.bank.renderer is models.renderer() is window.audio.renderer
    assert streams  # it opened the window's sound card
    live.start.click()
    assert live.live is None

    out = tmp_path / "again.json"
    argv = ["regenerate", str(tune_file), "--bars", "2", "--seed", "1", "-o", str(out)]
    assert main(argv, models=models) == 0  # a command on the same models
    assert [loader.calls for loader in loaders.values()] == [1, 1, 0]
    assert [models.loads(name) for name in ("midi", "timbre", "notes")] == [1, 1, 0]


def test_a_model_that_cannot_load_is_a_message_and_the_song_is_kept(
    qtbot: QtBot, tmp_path: Path, tune_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def missing() -> MidiModel:
        raise ModelLoadError("no model card at models/midi/card.json: reinstall Tessera")

    def no_timbre() -> NoteRenderer:
        raise ModelLoadError("models/timbre/model.onnx is damaged: reinstall Tessera")

    models = Models(midi=missing, renderer=no_timbre)
    ports = LoopbackPorts()
    window = _window(qtbot, tmp_path, models, ports=lambda: ports)
    assert window.open_path(tune_file)
    edited = set_tempo(window.session.song, 99.0)
    window.apply_edit(edited, "Set tempo")
    window.grid.set_selection([(1, 2)])
    window.actions_by_name["regenerate"].trigger()
    _wait(qtbot, window)
    assert window.last_message == "no model card at models/midi/card.json: reinstall Tessera"
    boxes = window.findChildren(QMessageBox)
    assert [box.detailedText() for box in boxes] == [""]  # a message, no traceback
    assert window.session.song == edited  # the composer's work is as it was
    assert window.session.dirty
    assert window.session.takes == ()

    window.transport.play()
    qtbot.waitUntil(lambda: "could not load" in window.last_message, timeout=10_000)
    assert "damaged: reinstall Tessera" in window.last_message
    assert not window.transport.playing

    window.live.start.click()  # live play needs the symbolic model too
    qtbot.waitUntil(lambda: "reinstall Tessera" in window.live.message.text(), timeout=10_000)
    assert window.live.live is None

    before = tune_file.read_bytes()
    assert main(["regenerate", str(tune_file), "--bars", "1"], models=models) == 1
    error = capsys.readouterr().err
    assert error.startswith("tessera-cli: error: no model card at models/midi/card.json")
    assert error.count("\n") == 1
    assert tune_file.read_bytes() == before
    assert window.session.song == edited
