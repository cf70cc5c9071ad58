"""A hang guard for Qt tests: the event loop must keep answering while the sound card or a job
misbehaves."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot


def assert_answers(qtbot: QtBot, since: float | None = None, what: str = "window") -> None:
    """The event loop runs a timer posted now within a second (of `since`, a monotonic time,
    if given): a hang guard for a `what` that must not be blocked, not a speed claim."""
    since = time.monotonic() if since is None else since
    answered: list[float] = []
    QTimer.singleShot(0, lambda: answered.append(time.monotonic()))
    qtbot.waitUntil(lambda: bool(answered), timeout=1000)
    assert answered[0] - since < 1.0, f"the {what} did not answer for a second"
