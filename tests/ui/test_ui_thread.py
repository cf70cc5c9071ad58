"""`UiThread`: the one way worker threads hand results to the UI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from ui.ui_thread import UiThread


def test_a_call_from_a_worker_runs_on_the_ui_thread_in_order(qtbot: QtBot) -> None:
    ui = UiThread()
    seen: list[tuple[int, int]] = []
    note = ui.wrap(lambda number: seen.append((number, threading.get_ident())))
    worker = threading.Thread(target=lambda: [note(n) for n in range(3)])
    worker.start()
    worker.join()
    assert seen == []  # nothing ran on the worker
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(n, threading.get_ident()) for n in range(3)]


def test_a_post_from_the_ui_thread_waits_for_the_event_loop(qtbot: QtBot) -> None:
    ui = UiThread()
    seen: list[str] = []
    ui.post(lambda: seen.append("posted"))
    seen.append("poster finished")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == ["poster finished", "posted"]


def test_posting_after_the_object_is_gone_is_ignored(qtbot: QtBot) -> None:
    ui = UiThread()
    post = ui.post
    ui.deleteLater()
    qtbot.waitUntil(lambda: not _alive(ui))
    post(lambda: None)  # a worker finishing after the window closed: no error


def _alive(ui: UiThread) -> bool:
    try:
        ui.objectName()
    except RuntimeError:
        return False
    return True
