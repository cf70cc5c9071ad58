"""The import contracts in pyproject.toml hold, and each one fails when its rule is broken.

A contract that passes on any code guards nothing, so each case copies the source packages to a
temporary folder, adds one import that breaks one rule, and runs import-linter there: the
contract named must be reported broken. The unchanged copy must keep every contract.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

BROKEN_RULES = [
    ("engine/song/edits.py", "import engine.compose.tokens", "Engine wings"),
    ("engine/compose/plan.py", "import engine.sound.render", "Engine wings"),
    ("engine/project/song_files.py", "import engine.live.session", "Engine wings"),
    ("engine/runtime/onnx.py", "import engine.sound.timbre", "Engine wings"),
    ("engine/studio/session.py", "import engine.compose.midi_model", "never load a model"),
    ("engine/compose/requests.py", "import engine.compose.decode", "never load a model"),
    ("engine/song/takes.py", "import onnxruntime", "never load a model"),
    ("engine/sound/render.py", "import PySide6", "headless"),
    ("ui/document.py", "import onnxruntime", "only through the engine"),
    ("engine/song/song.py", "import ui.theme", "app -> ui -> engine"),
    ("engine/studio/session.py", "import engine.studio.models", "never load a model"),
    ("ui/panels/live.py", "import engine.compose.midi_model", "only from their owner"),
    ("app/cli_compose.py", "import engine.runtime.onnx", "only from their owner"),
    ("ui/piano_roll/mouse_keys.py", "import ui.piano_roll.view", "never import the widget"),
    ("build_scripts/corpus/splits.py", "import models.midi.data", "Offline tools"),
    ("benchmarks/musicality.py", "import tests.conftest", "import no test code"),
]
PACKAGES = ("app", "ui", "engine", "models", "build_scripts", "benchmarks", "tests")


def _copy_of_sources(folder: Path) -> Path:
    skip = shutil.ignore_patterns(
        "__pycache__", "*.onnx", "*.pt", "*.npz", "*.mid", "cache", "runs"
    )
    for package in PACKAGES:
        shutil.copytree(ROOT / package, folder / package, ignore=skip)
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    return folder


def _lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(folder), "PATH": str(LINT_IMPORTS.parent)},
        check=False,
    )


def test_the_shipped_code_keeps_every_contract(tmp_path: Path) -> None:
    done = _lint(_copy_of_sources(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize(("module", "line", "contract"), BROKEN_RULES)
def test_a_broken_rule_is_reported(tmp_path: Path, module: str, line: str, contract: str) -> None:
    folder = _copy_of_sources(tmp_path)
    path = folder / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = _lint(folder)
    assert done.returncode != 0, done.stdout
    broken = [row for row in done.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(contract in row for row in broken), done.stdout
