"""The start screen in the window: shown at launch when nothing else was opened, one click from
the grid, and every choice on it carried out by the window's own actions.

`StartPage.install(window)` puts the window's central widget (the grid and the piano roll) and
the start screen in one stack. While the start screen shows, the docked panels are put away
(they speak of a song there is not yet); they come back with the grid, and before the window
closes, so the layout the window keeps is the one the composer left. The grid comes back as
soon as the song changes (a song opened, started from a card or a sentence, or from any menu),
or with the screen's own "Go to the empty grid".

`open_at_launch(window, args)` is what the app does after showing the window: offer recovery
after a crash, else open the file named on the command line, else show the start screen unless
the composer turned it off (`ui.start.preference`; the grid shows then).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QWidget

from engine.compose.operations import Generate
from engine.studio.document import Changed
from ui.compose_actions import run_safely
from ui.start.preference import set_shows_at_launch, shows_at_launch
from ui.start.previews import StylePreviews
from ui.start.start_screen import StartScreen

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class StartPage(QObject):
    """The start screen of one window and the stack it shares with the grid."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.screen = StartScreen()
        self.previews = StylePreviews(window.models, window.audio, window.transport.stop, self)
        self.stack = QStackedWidget()
        self.stack.setObjectName("start-stack")
        work_area = window.takeCentralWidget()
        if work_area is None:
            raise RuntimeError("the window has no central widget to put beside the start screen")
        self.work_area: QWidget = work_area
        self.stack.addWidget(self.screen)
        self.stack.addWidget(self.work_area)
        self.stack.setCurrentWidget(self.work_area)
        window.setCentralWidget(self.stack)
        self._docks_put_away: list[QDockWidget] = []
        self._connect()
        window.installEventFilter(self)

    @classmethod
    def install(cls, window: MainWindow) -> StartPage:
        return cls(window)

    def _connect(self) -> None:
        screen, window = self.screen, self.window
        screen.compose_requested.connect(self.compose)
        screen.open_requested.connect(lambda: run_safely(window.choose_and_open, window.say))
        screen.hum_requested.connect(lambda: run_safely(window.choose_audio_to_notes, window.say))
        screen.recent_chosen.connect(window.open_path)
        screen.grid_requested.connect(self.show_grid)
        screen.show_at_launch_changed.connect(
            lambda show: set_shows_at_launch(window.settings, show)
        )
        screen.cards.listen_clicked.connect(self.previews.toggle)
        self.previews.state_changed.connect(screen.show_preview_state)
        self.previews.failed.connect(screen.say)
        window.document_signals.changed.connect(self._document_changed)

    @property
    def showing(self) -> bool:
        return self.stack.currentWidget() is self.screen

    def show(self) -> None:
        """Show the start screen (the recent projects as they are now)."""
        self.screen.show_recent(self.window._recent())
        self.screen.show_launch_choice(shows_at_launch(self.window.settings))
        if not self.showing:
            self._docks_put_away = [
                dock for dock in self.window.findChildren(QDockWidget) if dock.isVisible()
            ]
            for dock in self._docks_put_away:
                dock.hide()
        self.stack.setCurrentWidget(self.screen)
        self.screen.sentence.setFocus()

    def show_grid(self) -> None:
        """Back to the grid, with the panels that were there."""
        self.previews.stop()
        self.stack.setCurrentWidget(self.work_area)
        for dock in self._docks_put_away:
            dock.show()
            dock.raise_()  # the tab that was in front is in front again
        self._docks_put_away = []
        self.window.grid.setFocus()

    def compose(self, request: Generate) -> None:
        """A song from the sentence or a card, as File → New Song from Description makes one."""
        self.previews.stop()
        self.window.compose_new_song(request)

    def _document_changed(self, what: Changed) -> None:
        if what & Changed.SONG and self.showing:
            self.show_grid()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Before the window closes, the panels come back, so the layout saved is the
        composer's, not the start screen's."""
        if watched is self.window and event.type() == QEvent.Type.Close and self.showing:
            self.show_grid()
        return False


def open_at_launch(window: MainWindow, args: Sequence[str]) -> None:
    """After a crash, offer the recovery copy; else open the song named on the command line;
    else (or when it cannot be opened) show the start screen, unless the composer turned it
    off: then the window stays on the grid."""
    if window.offer_recovery():
        return
    if args and window.open_path(args[0]):
        return
    if shows_at_launch(window.settings):
        window.show_start_screen()
