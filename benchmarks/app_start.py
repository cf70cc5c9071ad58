"""The window's start and its memory: seconds from launch to a usable window, and the memory
in use once both models are loaded.

    python -m benchmarks.app_start [--runs 5]

- launch to window: `python -m app.gui` run offscreen with TESSERA_QUIT_AFTER_SHOW, which quits
  as soon as the window is shown and its first events are handled, timed from the outside
  (interpreter start, imports, the window, the first paint); the baseline is the same
  interpreter importing nothing (`python -c pass`) in the same run.
- memory: a child process opens the window, then loads the symbolic model and the timbre model
  through the window's one owner of the models (`engine.studio.models`), as on first use, and
  reads its resident memory (VmRSS, and the peak VmHWM) from /proc after each step.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

MEMORY_PROBE = """
import json, os
from pathlib import Path
def rss():
    fields = dict(line.split(':', 1) for line in Path('/proc/self/status').read_text().splitlines())
    return {k: int(fields[k].split()[0]) / 1024 for k in ('VmRSS', 'VmHWM')}
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.main_window import MainWindow
window = MainWindow()
window.show()
app.processEvents()
steps = {'window': rss()}
midi = window.models.midi()
steps['+ symbolic model'] = rss()
renderer = window.models.renderer()
steps['+ timbre model'] = rss()
print(json.dumps(steps))
"""


def timed_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TESSERA_QUIT_AFTER_SHOW": "1"}
    window = [timed_run([sys.executable, "-m", "app.gui"], env) for _ in range(args.runs)]
    bare = [timed_run([sys.executable, "-c", "pass"], env) for _ in range(args.runs)]
    print(f"launch to a shown window (offscreen), median of {args.runs}: "
          f"{statistics.median(window):.2f} s   (bare interpreter {statistics.median(bare):.2f} s,"
          f" {statistics.median(window) / statistics.median(bare):.1f}x)")  # fmt: skip
    probe = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE], env=env, check=True, capture_output=True, text=True
    )
    for step, memory in json.loads(probe.stdout.strip().splitlines()[-1]).items():
        print(f"memory after {step:<18} {memory['VmRSS']:7.0f} MB   peak {memory['VmHWM']:7.0f} MB")


if __name__ == "__main__":
    main()
