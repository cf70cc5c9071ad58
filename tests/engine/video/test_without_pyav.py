"""Without PyAV (the optional `video` extra) the app still starts, and the first video touched
gives one error that says how to add it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from engine.video import pyav
from engine.video.probe import probe


@pytest.fixture
def no_pyav(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyAV unimportable, as on an install without the extra (None in sys.modules blocks it)."""
    monkeypatch.setitem(sys.modules, "av", None)
    monkeypatch.setattr(pyav._LazyPyAV, "_module", None)


@pytest.mark.usefixtures("no_pyav")
def test_opening_a_video_without_pyav_says_how_to_add_it(tmp_path: Path) -> None:
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00" * 64)
    with pytest.raises(pyav.VideoSupportMissingError, match=r"pip install -e '\.\[video\]'"):
        probe(clip)


def test_the_window_and_the_command_line_load_without_pyav() -> None:
    """Importing the whole app with PyAV blocked imports no video decoder."""
    code = (
        "import sys; sys.modules['av'] = None\n"
        "import app.cli, ui.main_window, engine.studio.scoring\n"
        "print('loaded')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "loaded"
