"""The start screen: the ways into a new song, on one page a newcomer reads from the top.

- describe the song in a sentence: the prompt reader shows what it understood as chips
  (`ui.start.understood_chips`), and Compose starts that song;
- pick a style card (`ui.start.style_cards`), with Listen for a short preview;
- open a MIDI file or a project, hum a melody (Audio to Notes), reopen a recent project;
- or go straight to the empty grid.

"Don't show this at launch" (beside the title) turns the screen off for the next launches;
Help → Start Screen brings it back.

The screen only asks: its signals are carried out by the window (`ui.start.launch` connects
them), through the same paths as the menus, so a song started here is the same compose job,
take and undo step as File → New Song from Description.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from engine.compose.control_text import MAX_PROMPT_CHARS
from engine.compose.operations import Generate
from ui.i18n import translate
from ui.start.style_cards import StyleCards, preset_title
from ui.start.understood_chips import UnderstoodChips


class StartScreen(QScrollArea):
    """The page shown at first launch in place of the grid (it scrolls on a small screen)."""

    compose_requested = Signal(object)  # a Generate request
    open_requested = Signal()
    hum_requested = Signal()
    recent_chosen = Signal(str)
    grid_requested = Signal()
    show_at_launch_changed = Signal(bool)  # the composer's choice from the box at the top

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-screen")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        page = QWidget()
        self.sentence = QLineEdit()
        self.sentence.setObjectName("start-sentence")
        self.sentence.setMaxLength(MAX_PROMPT_CHARS)
        self.sentence.setPlaceholderText(
            translate("StartScreen", "e.g. a happy pop song with piano and drums, 2 minutes")
        )
        self.sentence.setClearButtonEnabled(True)
        self.compose = QPushButton(translate("StartScreen", "Compose"))
        self.compose.setDefault(True)
        self.compose.setToolTip(
            translate("StartScreen", "Compose the song described, then open it in the grid")
        )
        self.chips = UnderstoodChips()
        self.cards = StyleCards()
        self.open_button = QPushButton(translate("StartScreen", "Open a MIDI file or project…"))
        self.hum_button = QPushButton(translate("StartScreen", "Hum or play a melody…"))
        self.hum_button.setToolTip(
            translate(
                "StartScreen",
                "Record or choose an audio clip; its notes become a track to build a song on",
            )
        )
        self.grid_button = QPushButton(translate("StartScreen", "Go to the empty grid"))
        self.recent = QListWidget()
        self.recent.setObjectName("start-recent")
        self.recent.setMaximumHeight(140)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.skip_at_launch = QCheckBox(translate("StartScreen", "Don't show this at launch"))
        self.skip_at_launch.setObjectName("start-skip-at-launch")
        self.skip_at_launch.setToolTip(
            translate(
                "StartScreen",
                "Open Tessera on the grid next time; this page stays in Help → Start Screen",
            )
        )
        self._lay_out(page)
        self.setWidget(page)
        self.sentence.textChanged.connect(self.chips.set_text)
        self.sentence.returnPressed.connect(self._compose)
        self.compose.clicked.connect(self._compose)
        self.cards.start_clicked.connect(self.start_style)
        self.open_button.clicked.connect(self.open_requested)
        self.hum_button.clicked.connect(self.hum_requested)
        self.grid_button.clicked.connect(self.grid_requested)
        self.recent.itemActivated.connect(self._recent_activated)
        self.recent.itemClicked.connect(self._recent_activated)
        self.skip_at_launch.toggled.connect(lambda skip: self.show_at_launch_changed.emit(not skip))

    def _lay_out(self, page: QWidget) -> None:
        title = QLabel(translate("StartScreen", "<h1>Start a song</h1>"))
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.skip_at_launch, 0, Qt.AlignmentFlag.AlignVCenter)
        describe = QLabel(translate("StartScreen", "<h3>Describe your song in a sentence</h3>"))
        line = QHBoxLayout()
        line.addWidget(self.sentence, 1)
        line.addWidget(self.compose)
        styles = QLabel(translate("StartScreen", "<h3>Or start from a style</h3>"))
        other = QLabel(translate("StartScreen", "<h3>Or begin from something you have</h3>"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.hum_button, self.grid_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.recent_title = QLabel(translate("StartScreen", "Reopen a recent project:"))
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(heading)
        layout.addWidget(describe)
        layout.addLayout(line)
        layout.addWidget(self.chips)
        layout.addWidget(self.status)
        layout.addWidget(other)
        layout.addLayout(buttons)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent)
        layout.addWidget(styles)
        layout.addWidget(self.cards)
        layout.addStretch(1)

    # --- asking the window ------------------------------------------------------------------

    def _compose(self) -> None:
        if not self.sentence.text().strip():
            self.say(translate("StartScreen", "Type a sentence first, or pick a style below"))
            return
        self.compose_requested.emit(self.chips.request())

    def start_style(self, preset: str) -> None:
        """A card's Start: a new song of that preset, titled after the style."""
        title = translate("StartScreen", "{style} song").format(style=preset_title(preset))
        self.compose_requested.emit(Generate(preset, title=title))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    # --- showing ----------------------------------------------------------------------------

    def show_recent(self, paths: list[str]) -> None:
        """The recent projects, newest first (a file gone since is left out)."""
        self.recent.clear()
        for path in paths:
            if not Path(path).exists():
                continue
            item = QListWidgetItem(Path(path).name)
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        shown = self.recent.count() > 0
        self.recent.setVisible(shown)
        self.recent_title.setVisible(shown)

    def show_preview_state(self, preset: str, state: str) -> None:
        """A card's Listen button follows its preview."""
        card = self.cards.cards.get(preset)
        if card is None:
            return
        if state == "preparing":
            card.show_state(translate("StyleCards", "Preparing…"))
        elif state == "playing":
            card.show_state(translate("StyleCards", "■ Stop"))
        else:
            card.show_state(translate("StyleCards", "▶ Listen"))

    def show_launch_choice(self, show_at_launch: bool) -> None:
        """Tick the box as the stored choice says, without announcing it as a new choice."""
        blocked = self.skip_at_launch.blockSignals(True)
        self.skip_at_launch.setChecked(not show_at_launch)
        self.skip_at_launch.blockSignals(blocked)

    def say(self, text: str) -> None:
        self.status.setText(text)
