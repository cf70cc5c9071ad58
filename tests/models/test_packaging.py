"""The standalone app (build_scripts/tessera.spec): its data list, and (slow) a real build.

The fast tests run the spec with stand-ins for PyInstaller, so they need no PyInstaller: every
model file the engine opens must be bundled where the engine looks for it, and every model file
in the repository must be either bundled or excluded on purpose, so a new one cannot be
forgotten. The slow test builds the folder with build_scripts/package.sh and runs the smoke
checks of build_scripts/check_package.py against it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from build_scripts.check_package import ROOT, SPEC, run_checks, run_spec, spec_data_files
from engine.compose import midi_model, preset_files
from engine.originality import index as originality_index
from engine.runtime import provenance
from engine.sound import timbre
from engine.transcribe import transcriber


def _bundled() -> dict[str, Path]:
    """Path inside the bundle's _internal/ -> source file, for every data file of the spec."""
    return {inside: source for source, inside in spec_data_files()}


def _basic_pitch_root() -> Path:
    spec = importlib.util.find_spec("basic_pitch")
    assert spec is not None, "basic-pitch is not installed: rerun build_scripts/bootstrap.sh"
    assert spec.origin is not None
    return Path(spec.origin).parents[1]


def _opened_at_run_time() -> dict[str, Path]:
    """Path inside the bundle -> file, for each model file the engine reads.

    Inside the bundle each engine wing's `Path(__file__).parents[2]` is _internal/, and
    basic-pitch's package folder is _internal/basic_pitch/, so each file's place mirrors the source
    tree.
    """
    files = [
        midi_model.DEFAULT_MODEL_DIR / n for n in ("model.onnx", "card.json", "tokenizer.json")
    ]
    files += [timbre.DEFAULT_MODEL_DIR / n for n in ("model.onnx", "card.json", "space.json")]
    files += [originality_index.INDEX_PATH, provenance.MANIFEST]
    files += sorted(provenance.MODELS_DIR.glob("*/card.json"))  # the "About the models" panel
    files += sorted(preset_files.PRESETS_DIR.glob("*.toml"))  # the presets, read at start
    opened = {path.relative_to(ROOT).as_posix(): path for path in files}
    nmp = transcriber.model_path()
    opened[nmp.relative_to(_basic_pitch_root()).as_posix()] = nmp
    return opened


def _tracked_model_files() -> list[str]:
    """Files under models/ that git tracks, other than Python code."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(
        ["git", "ls-files", "models"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout: {listed.stderr.strip()}")
    return [name for name in listed.stdout.splitlines() if not name.endswith((".py", ".pyi"))]


def test_the_bundle_holds_every_model_file_the_engine_opens() -> None:
    bundled = _bundled()
    opened = _opened_at_run_time()
    missing = sorted(set(opened) - set(bundled))
    assert not missing, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missing}"
    for inside, path in opened.items():
        assert bundled[inside].resolve() == path.resolve(), inside


def test_every_model_file_in_the_repository_is_bundled_or_excluded_on_purpose() -> None:
    excluded: dict[str, str] = run_spec()["EXCLUDED_MODEL_FILES"]
    folders: dict[str, str] = run_spec()["EXCLUDED_MODEL_FOLDERS"]
    assert all(any(name.startswith(f) for name in _tracked_model_files()) for f in folders)
    tracked = [n for n in _tracked_model_files() if not n.startswith(tuple(folders))]
    forgotten = sorted(set(tracked) - set(_bundled()) - set(excluded))
    assert not forgotten, (
        f"model files neither shipped nor excluded: {forgotten}; add each to pyproject.toml's "
        "[tool.setuptools.package-data] or, with a reason, to EXCLUDED_MODEL_FILES in "
        "build_scripts/tessera.spec"
    )
    stale = sorted(set(excluded) - set(tracked))
    assert not stale, f"EXCLUDED_MODEL_FILES names files that are gone: {stale}"
    needed = sorted(set(excluded) & set(_opened_at_run_time()))
    assert not needed, f"excluded from the bundle but opened at run time: {needed}"


def test_the_wheel_and_the_bundle_ship_the_same_model_files() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["models"]
    in_wheel = {f"models/{pattern}" for pattern in patterns}
    assert all((ROOT / name).is_file() for name in in_wheel), "package-data names a missing file"
    assert in_wheel == {name for name in _bundled() if name.startswith("models/")}


def test_the_spec_keeps_training_test_and_gpl_dependencies_out() -> None:
    namespace = run_spec()
    excludes = set(namespace["EXCLUDES"])
    # pretty_midi carries a GPL-2 SoundFont; torch and TensorFlow are training-only and huge.
    assert {"torch", "tensorflow", "music21", "pretty_midi", "pytest"} <= excludes
    assert len(namespace["analyses"]) == 2, "one analysis for `tessera`, one for `tessera-cli`"
    assert not any(name.endswith((".pt", ".sf2", ".sf3")) for name in _bundled())


@pytest.mark.slow
def test_the_built_bundle_runs_its_cli_and_window(tmp_path: Path) -> None:
    """Builds with package.sh (installs the `package` extra if needed, ~30 s) and smoke-checks."""
    env = {**os.environ, "TESSERA_DIST": str(tmp_path / "dist")}
    env["TESSERA_WORK"] = str(tmp_path / "work")
    built = subprocess.run(
        ["bash", str(SPEC.parent / "package.sh")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-4000:]
    report = run_checks(tmp_path / "dist" / "tessera", gui_seconds=10.0)
    assert report.failures == []
    assert report.figures["bundle_mb"] < 600, "the bundle grew: check what got in"
