"""The thread that makes the window's calls into the sound card, so the UI thread never does.

A sound card that goes away mid-play can leave PortAudio hanging for minutes; the engine puts a
time limit on each device operation (`engine.sound.device`), and this thread keeps even that
wait off the event loop. Operations run one at a time in the order they were asked for (a Stop
pressed while Play is still opening the device runs after it). The thread ends after a few
idle seconds and starts again at the next request, so closed windows leave no threads behind.

What it runs is the adapter's: closures over engine objects and `ui.ui_thread.relay`
callbacks, which hold the window's objects only weakly (see `ui.jobs` on why a thread must
never hold the last reference to a Qt object).
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable

IDLE_SECONDS = 5.0
"""How long the thread waits for the next request before it ends."""


class DeviceThread:
    """Runs device operations in order on a thread of its own; `submit` never blocks."""

    def __init__(self, name: str = "tessera-audio-device") -> None:
        self._name = name
        self._requests: queue.SimpleQueue[Callable[[], object]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, operation: Callable[[], object]) -> None:
        """Run `operation` after those asked for before it. Its errors are its own to report;
        one that escapes is printed with its traceback, and the next operation still runs."""
        with self._lock:
            self._requests.put(operation)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                operation = self._requests.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    if self._requests.empty():
                        self._thread = None
                        return
                continue
            try:
                operation()
            except Exception:  # a bug in an operation must not end the device thread
                traceback.print_exc()
            del operation  # nothing of the last request stays held while waiting
