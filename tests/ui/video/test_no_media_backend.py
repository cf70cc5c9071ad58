"""A Qt Multimedia without its FFmpeg plugin (a broken install or package) is one clear error
at once, naming the fix, not a 30 s wait that blames the video. Run in a real subprocess whose
Qt looks for plugins in an empty folder, as a package missing the plugin would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from engine.video.synthetic import make_shots_video

PROJECT_ROOT = Path(__file__).resolve().parents[3]
READ_WITHOUT_PLUGINS = """
import sys
from PySide6.QtCore import QCoreApplication
QCoreApplication.setLibraryPaths([sys.argv[1]])
app = QCoreApplication([])
from engine.video.probe import VideoError
from ui.video.qt_media import probe_with_qt
try:
    probe_with_qt(__import__("pathlib").Path(sys.argv[2]))
except VideoError as err:
    print("ERROR:", err)
"""


def test_a_missing_media_backend_is_named_with_its_fix(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [25], fps=25)
    empty = tmp_path / "plugins"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", READ_WITHOUT_PLUGINS, str(empty), str(made.path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "ERROR: cannot read the video clip.mp4: Qt Multimedia found no media backend (its FFmpeg "
        "plugin is missing); reinstall Tessera, or install PySide6-Addons"
    )
