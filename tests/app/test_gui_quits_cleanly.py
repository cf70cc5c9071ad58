"""The app starts, shows its window and quits with status 0, even while the timbre model is
still loading in the background (a daemon thread killed inside native code aborted it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_app_starts_and_quits_at_once_with_status_0(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TESSERA_QUIT_AFTER_SHOW": "1",
        "HOME": str(tmp_path),  # its settings and recovery folder stay in the test's folder
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "app.gui"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert "terminate called" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
