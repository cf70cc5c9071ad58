"""Qt Multimedia's objects live on the application's thread, whoever reads or writes.

The window reads and writes videos on a job thread while its own thread runs the event loop;
a job thread that made its own `QMediaPlayer` once hung in the player's constructor. These
tests read, probe and write real videos (made here with PyAV, checked by PyAV) from a job
thread while the application's thread runs its events and, to be busy the way a window is,
Python slots and players of its own; every Qt-side step of the player and the recorder must
run on the application's thread, and the job's work must still come out whole."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import av
import numpy as np
import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoSink
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from engine.video.analysis import analyse
from engine.video.probe import VideoError
from engine.video.synthetic import make_shots_video
from ui.video import qt_export, qt_playback
from ui.video.qt_media import QtMediaBackend, decoded_frames, probe_with_qt
from ui.video.qt_thread import QtThread

QT_SIDE = {
    qt_playback.Playback: ("_open", "_start", "_close", "_resume", "_frame", "_status"),
    qt_export._Recording: ("_open", "_begin", "_close", "_send_picture", "_send_sound", "_state"),
}
"""The methods that touch Qt objects, which must run on the application's thread."""
T = TypeVar("T")


@pytest.fixture
def threads_seen(monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """The names of the threads each Qt-side method ran on."""
    seen: dict[str, set[str]] = {}
    for owner, names in QT_SIDE.items():
        for name in names:
            original = getattr(owner, name)

            def spy(
                self: object,
                *args: object,
                _run: Callable[..., object] = original,
                _key: str = f"{owner.__name__}.{name}",
            ) -> object:
                seen.setdefault(_key, set()).add(threading.current_thread().name)
                return _run(self, *args)

            monkeypatch.setattr(owner, name, spy)
    return seen


@pytest.fixture
def busy_application(qapp: QApplication, tmp_path: Path) -> Iterator[list[int]]:
    """The application's thread kept busy as a window's is: a Python slot on a 0 ms timer, and
    a preview player of its own made, played and deleted again and again."""
    preview = make_shots_video(tmp_path / "preview.mp4", [25], fps=25).path
    ticks = [0]
    players: list[tuple[QMediaPlayer, QVideoSink]] = []

    def tick() -> None:
        ticks[0] += 1
        if ticks[0] % 40 == 0:
            player, sink = QMediaPlayer(), QVideoSink()
            player.setVideoSink(sink)
            player.setSource(QUrl.fromLocalFile(str(preview)))
            player.play()
            players.append((player, sink))
            if len(players) > 2:
                old, _old_sink = players.pop(0)
                old.stop()

    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(tick)
    timer.start()
    yield ticks
    timer.stop()
    for player, _sink in players:
        player.stop()


def _on_a_job_thread(qtbot: QtBot, work: Callable[[], T]) -> T:
    """`work()` run on a thread of its own while this thread runs Qt's events; its result."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as err:  # handed to the test's thread
            errors.append(err)

    job = threading.Thread(target=run, name="job")
    job.start()
    qtbot.waitUntil(lambda: not job.is_alive(), timeout=120_000)
    job.join()
    if errors:
        raise errors[0]
    return results[0]


def test_a_job_thread_reads_and_probes_while_the_application_runs_its_events(
    qtbot: QtBot,
    tmp_path: Path,
    busy_application: list[int],
    threads_seen: dict[str, set[str]],
) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [30, 45, 30], fps=25)

    def read_five_times() -> list[tuple[int, float]]:
        return [
            (sum(1 for _ in decoded_frames(made.path)), probe_with_qt(made.path).duration_s)
            for _ in range(5)
        ]

    readings = _on_a_job_thread(qtbot, read_five_times)
    assert [frames for frames, _seconds in readings] == [105] * 5
    assert [seconds for _frames, seconds in readings] == pytest.approx(
        [made.duration_s] * 5, abs=0.05
    )
    assert busy_application[0] > 40  # the application's thread ran its events all along
    main = threading.main_thread().name
    for step in ("_open", "_start", "_close", "_frame", "_status"):
        assert threads_seen[f"Playback.{step}"] == {main}, step


def test_the_analysis_of_a_job_thread_finds_the_cuts_to_the_frame(
    qtbot: QtBot, tmp_path: Path, busy_application: list[int]
) -> None:
    made = make_shots_video(tmp_path / "clip.mov", [40, 35, 50], fps=25)
    analysis = _on_a_job_thread(qtbot, lambda: analyse(made.path, backend=QtMediaBackend()))
    assert analysis.cuts.times == pytest.approx(made.cuts, abs=1e-6)
    assert analysis.frames == 125


def test_a_job_thread_writes_the_scored_copy_on_the_applications_thread(
    qtbot: QtBot,
    tmp_path: Path,
    busy_application: list[int],
    threads_seen: dict[str, set[str]],
) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [40, 60], fps=25)
    rate = qt_export.AUDIO_RATE
    tone = 0.2 * np.sin(2 * np.pi * 440 * np.arange(round(made.duration_s * rate)) / rate)
    audio = np.stack([tone, tone], axis=1).astype(np.float32)
    target = tmp_path / "scored.mp4"
    written = _on_a_job_thread(
        qtbot, lambda: qt_export.record_copy(made.path, target, audio, made.duration_s)
    )
    assert written == 100
    with av.open(str(target)) as copy:
        assert sum(1 for _ in copy.decode(video=0)) == 100
        assert copy.streams.audio[0].codec_context.name == "aac"
    main = threading.main_thread().name
    for step in ("_open", "_begin", "_close", "_send_picture", "_send_sound", "_state"):
        assert threads_seen[f"_Recording.{step}"] == {main}, step
    assert threads_seen["Playback._open"] == {main}


def test_calls_from_a_job_thread_run_on_the_applications_thread_and_raise_there(
    qtbot: QtBot, qapp: QApplication
) -> None:
    def ask() -> tuple[str, str]:
        qt = QtThread()
        assert not qt.here
        ran_on = qt.call(lambda: threading.current_thread().name)
        with pytest.raises(VideoError, match="not a video"):
            qt.call(_refuse)
        return ran_on, threading.current_thread().name

    assert _on_a_job_thread(qtbot, ask) == (threading.main_thread().name, "job")
    here = QtThread()
    assert here.here
    assert here.call(lambda: threading.current_thread().name) == threading.main_thread().name


def _refuse() -> None:
    raise VideoError("not a video")
