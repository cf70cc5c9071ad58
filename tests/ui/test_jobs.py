"""Job lifetimes: a job's thread never holds the last reference to its runner (or anything of
the window), so UI objects are always destroyed on the UI thread, however late the thread is;
and a job that ends after its runner is gone is not heard. The slow test runs the job flows
again and again beside CPU burners, as the loaded machine where a flaky crash was seen."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import ui.jobs
from ui.jobs import JobRunner

PROJECT_ROOT = Path(__file__).parents[2]


def _fail(_progress: Callable[[int, int], None]) -> None:
    raise ValueError("boom")


def test_a_runner_dropped_while_its_job_thread_lags_is_destroyed_on_the_ui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    released = threading.Event()
    real_run_job = ui.jobs._run_job

    def lagging(*args: object) -> None:  # a loaded machine: the thread trails its own report
        real_run_job(*args)  # type: ignore[arg-type]
        released.wait(10)

    monkeypatch.setattr(ui.jobs, "_run_job", lagging)
    runner = JobRunner()
    errors: list[str] = []
    runner.run("bad", _fail, lambda _r: None, lambda text, _trace: errors.append(text))
    qtbot.waitUntil(lambda: bool(errors))
    gone = weakref.ref(runner)
    del runner
    gc.collect()
    try:
        assert gone() is None, "the job's thread still holds the runner"
    finally:
        released.set()
    assert errors == ["ValueError: boom"]


def test_a_job_ending_after_its_runner_is_gone_is_not_heard(qtbot: QtBot) -> None:
    gate = threading.Event()
    heard: list[str] = []
    ended = threading.Event()

    def slow(_progress: Callable[[int, int], None]) -> str:
        gate.wait(10)
        ended.set()
        return "late"

    runner = JobRunner()
    runner.run("slow", slow, heard.append, lambda text, _trace: heard.append(text))
    runner.deleteLater()  # the window closed while the job ran
    qtbot.waitUntil(lambda: not _alive(runner))
    gate.set()
    assert ended.wait(10)
    qtbot.wait(100)  # the late outcome's post is delivered, to nobody
    assert heard == []


def _alive(runner: JobRunner) -> bool:
    try:
        runner.objectName()
    except RuntimeError:
        return False
    return True


RUNS_UNDER_LOAD = 10
JOB_TESTS = ["tests/ui/test_app_flows.py", "tests/ui/test_jobs.py", "-k", "job and not load"]


@contextmanager
def _cpu_burners(count: int) -> Iterator[None]:
    """`count` processes that spin, as other work on a loaded machine does."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait(timeout=10)


@pytest.mark.slow
def test_the_job_flows_pass_again_and_again_under_load() -> None:
    """The UI job tests, each run in a fresh interpreter, beside two CPU burners; every run
    must pass (a crash shows as a signal in the exit status)."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *JOB_TESTS]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "QT_QPA_PLATFORM": "offscreen"}
    failures: list[str] = []
    with _cpu_burners(2):
        for run in range(RUNS_UNDER_LOAD):
            done = subprocess.run(
                command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                timeout=300, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                failures.append(f"run {run + 1}: exit {done.returncode}\n{done.stdout[-1500:]}")
    assert not failures, f"{len(failures)}/{RUNS_UNDER_LOAD} runs failed:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("done", "total", "text"),
    [
        (0, 0, "Rendering… (no percentage yet)"),
        (5, -1, "Rendering… (no percentage yet)"),
        (0, 10, "Rendering… 0%"),
        (21, 50, "Rendering… 42%"),
        (99, 100, "Rendering… 99%"),
        (12, 10, "Rendering… 100%"),
    ],
)
def test_progress_text_gives_a_percentage_when_the_total_is_known(
    done: int, total: int, text: str
) -> None:
    assert ui.jobs.progress_text("Rendering…", done, total) == text
