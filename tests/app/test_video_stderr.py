"""What Qt Multimedia leaves on stderr, in real subprocesses. `tessera-cli score` prints only
Tessera's own lines for a video scored without trouble (FFmpeg's stream dumps and encoder
statistics such as "[aac @ 0x...] Qavg: 318.660" are filtered, see app/media_logging.py), while
FFmpeg's errors about a file it cannot open still print above Tessera's error; a user's own
QT_FFMPEG_DEBUG still shows FFmpeg's lines. `tessera` sets the same filter before its window is
built: the Picture dock opening a video after it prints no stream dump."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from app.media_logging import FFMPEG_DEBUG
from engine.video.synthetic import make_shots_video

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FOREIGN = re.compile(r"Qavg|FFmpeg log|qt\.multimedia|Input #\d|Stream #\d|^\[\w[\w,]* @ 0x")
"""A line FFmpeg or Qt Multimedia wrote, not Tessera."""


def _terminal(**env: str) -> dict[str, str]:
    """The environment of a terminal: no QT_FFMPEG_DEBUG or logging rules inherited from this
    test run (a command run in-process earlier sets them)."""
    clean = {k: v for k, v in os.environ.items() if k not in (FFMPEG_DEBUG, "QT_LOGGING_RULES")}
    return {**clean, **env}


def _score(*argv: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m app.cli score ... --video-backend qt` from a terminal."""
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "score", *map(str, argv), "--video-backend", "qt"],
        cwd=PROJECT_ROOT, env=_terminal(**env), capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip


def test_a_scored_video_leaves_only_tesseras_lines_on_stderr(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [50, 50], fps=25, audio=True)
    done = _score(made.path, "--style", "lo-fi", "--seed", "3", "-o", tmp_path / "scored.mp4")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0].startswith("analysed clip.mp4: 4.000 s"), done.stderr
    assert [line for line in lines if FOREIGN.search(line)] == [], done.stderr
    assert (tmp_path / "scored.mp4").stat().st_size > 0  # the AAC encoder did run


def test_ffmpegs_errors_still_print_above_tesseras(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mov"
    broken.write_bytes(b"\x00" * 5000)
    done = _score(broken, "--cuts-only")
    assert done.returncode == 1
    *ffmpeg, ours = done.stderr.splitlines()
    assert ours.startswith("tessera-cli: error: cannot read the video broken.mov"), done.stderr
    assert any("moov atom not found" in line for line in ffmpeg), done.stderr


def test_a_users_qt_ffmpeg_debug_shows_ffmpegs_lines(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [75], fps=25)
    done = _score(made.path, "--cuts-only", QT_FFMPEG_DEBUG="1")
    assert done.returncode == 0, done.stderr
    assert "FFmpeg log: " in done.stderr  # routed through Qt and left unfiltered


WINDOW_THEN_PICTURE = """
import sys, time
from pathlib import Path
from app.gui import main
status = main([])  # TESSERA_QUIT_AFTER_SHOW: the window shows, then quits
from PySide6.QtWidgets import QApplication, QMainWindow
from engine.song.song import Song, Track
from ui.video.picture import PictureDock
song = Song(title="Start", bar_count=2, tracks=(Track("Lead"),))
window = QMainWindow()
picture = PictureDock(window, lambda: song)
picture.load(Path(sys.argv[1]), 1.0)
sink, deadline = picture.view.videoSink(), time.monotonic() + 30
while not sink.videoFrame().isValid() and time.monotonic() < deadline:
    QApplication.processEvents()
    time.sleep(0.01)
print("frame shown" if sink.videoFrame().isValid() else "no frame")
sys.exit(status)
"""


def test_the_window_quietens_qt_multimedia_before_a_video_opens(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [50], fps=25)
    home = tmp_path / "home"
    env = _terminal(
        HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".data"),
        QT_QPA_PLATFORM="offscreen", TESSERA_QUIT_AFTER_SHOW="1",
    )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_THEN_PICTURE, str(made.path)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "frame shown" in done.stdout  # Qt Multimedia did open the video
    assert [line for line in done.stderr.splitlines() if FOREIGN.search(line)] == [], done.stderr
