"""`UiThread` and `relay`: the one way worker threads hand results to the UI thread."""

from __future__ import annotations

import gc
import threading
import weakref

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui import ui_thread
from ui.ui_thread import UiThread, relay


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


class _Owner(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[tuple[int, int]] = []

    def hear(self, number: int) -> None:
        self.heard.append((number, threading.get_ident()))


def test_a_relay_calls_its_owner_on_the_ui_thread_and_holds_it_only_weakly(
    qtbot: QtBot,
) -> None:
    owner = _Owner()
    call = relay(owner, "hear")
    worker = threading.Thread(target=lambda: call(7))
    worker.start()
    worker.join()
    heard = owner.heard
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [(7, threading.get_ident())]
    gone = weakref.ref(owner)
    del owner
    gc.collect()
    assert gone() is None  # the relay (kept by an engine thread, say) did not keep it
    call(8)  # a late call for an owner that is gone: dropped, no error
    qtbot.wait(50)
    assert heard == [(7, threading.get_ident())]


def test_a_mailbox_made_first_by_a_worker_delivers_on_the_ui_thread(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker may be the first to post (a video job reading with Qt Multimedia): the mailbox
    it makes is moved to the UI thread, so its calls run there, not on a thread with no
    event loop."""
    monkeypatch.setattr(ui_thread, "_mailboxes", {})
    seen: list[str] = []
    worker = threading.Thread(
        target=lambda: ui_thread.ui_poster()(lambda: seen.append(threading.current_thread().name)),
        name="worker",
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [threading.main_thread().name]
