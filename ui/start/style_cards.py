"""The start screen's style cards: one per preset of `presets/ensembles.toml`, each with its name
in plain words, what plays in it, a Listen button (a short preview) and a Start button.

The cards are made from `engine.compose.operations.PRESETS`, so a preset added to the file gets
its card. Known presets have a translatable title and a one-line description; one added later
shows its own name and its facts, which are always made from the preset.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.compose.operations import PRESETS
from engine.compose.presets import Preset
from ui.i18n import translate

CARD_WIDTH = 230
"""About how wide a card is drawn: the grid has as many columns as fit."""


def _titles() -> dict[str, Callable[[], tuple[str, str]]]:
    """Each shipped preset's (title, one line about it), translated when asked for (the
    translator may be installed after this module is imported)."""
    return {
        "folk-tune": lambda: (
            translate("StyleCards", "Folk tune"),
            translate("StyleCards", "A fiddle melody that dances, like an Irish jig"),
        ),
        "reel": lambda: (
            translate("StyleCards", "Reel"),
            translate("StyleCards", "A quick fiddle tune in four"),
        ),
        "chorale": lambda: (
            translate("StyleCards", "Chorale"),
            translate("StyleCards", "Four voices singing a hymn, like Bach"),
        ),
        "string-quartet": lambda: (
            translate("StyleCards", "String quartet"),
            translate("StyleCards", "Two violins, viola and cello"),
        ),
        "piano": lambda: (
            translate("StyleCards", "Piano piece"),
            translate("StyleCards", "A classical piece for solo piano"),
        ),
        "pop": lambda: (translate("StyleCards", "Pop"), translate("StyleCards", "A catchy song")),
        "rock": lambda: (
            translate("StyleCards", "Rock"),
            translate("StyleCards", "Guitars, bass and a driving beat"),
        ),
        "metal": lambda: (
            translate("StyleCards", "Metal"),
            translate("StyleCards", "Heavy distorted guitars, fast drums"),
        ),
        "ballad": lambda: (
            translate("StyleCards", "Ballad"),
            translate("StyleCards", "A slow, tender love song"),
        ),
        "lofi": lambda: (
            translate("StyleCards", "Lo-fi hip hop"),
            translate("StyleCards", "Relaxed beats to study to"),
        ),
        "hiphop": lambda: (
            translate("StyleCards", "Hip hop"),
            translate("StyleCards", "A beat to rap over"),
        ),
        "house": lambda: (
            translate("StyleCards", "House / EDM"),
            translate("StyleCards", "Electronic dance music"),
        ),
        "funk": lambda: (
            translate("StyleCards", "Funk"),
            translate("StyleCards", "A tight, syncopated groove"),
        ),
        "soul": lambda: (
            translate("StyleCards", "Soul / R&B"),
            translate("StyleCards", "Warm keys and a smooth groove"),
        ),
        "reggae": lambda: (
            translate("StyleCards", "Reggae"),
            translate("StyleCards", "Off-beat chords, laid-back bass"),
        ),
        "latin": lambda: (
            translate("StyleCards", "Bossa / Latin"),
            translate("StyleCards", "Bossa nova and samba rhythms"),
        ),
        "jazz": lambda: (
            translate("StyleCards", "Swing / Jazz"),
            translate("StyleCards", "Swinging rhythm and jazz chords"),
        ),
        "blues": lambda: (
            translate("StyleCards", "Blues"),
            translate("StyleCards", "Twelve bars of the blues"),
        ),
        "country": lambda: (
            translate("StyleCards", "Country"),
            translate("StyleCards", "Acoustic guitar and a two-step beat"),
        ),
        "cinematic": lambda: (
            translate("StyleCards", "Cinematic"),
            translate("StyleCards", "Film music: horns, strings and drums"),
        ),
        "chinese": lambda: (
            translate("StyleCards", "Chinese pentatonic"),
            translate("StyleCards", "Traditional Chinese colours (古风)"),
        ),
    }


def preset_title(name: str) -> str:
    """The preset's name as a newcomer reads it ('Lo-fi hip hop' for 'lofi')."""
    known = _titles().get(name)
    return known()[0] if known else name.replace("-", " ").capitalize()


def preset_blurb(name: str) -> str:
    """One line about the preset in plain words (empty for one added after these were
    written)."""
    known = _titles().get(name)
    return known()[1] if known else ""


def preset_facts(preset: Preset) -> str:
    """What plays and how: 'Fiddle · 6/8 · 116 BPM · 16 bars'."""
    voices = ", ".join(voice.name for voice in preset.voices)
    template = translate("StyleCards", "{voices} · {meter} · {tempo} BPM · {bars} bars")
    return template.format(
        voices=voices,
        meter=f"{preset.meter[0]}/{preset.meter[1]}",
        tempo=f"{preset.tempo_bpm:g}",
        bars=preset.bars,
    )


class StyleCard(QFrame):
    """One preset: title, a line about it, its band, Listen and Start."""

    listen_clicked = Signal(str)
    start_clicked = Signal(str)

    def __init__(self, name: str, preset: Preset, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"style-card-{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(f"<b>{preset_title(name)}</b>")
        blurb = QLabel(preset_blurb(name))
        blurb.setWordWrap(True)
        facts = QLabel(preset_facts(preset))
        facts.setWordWrap(True)
        facts.setEnabled(False)  # drawn quieter than the blurb
        self.listen = QPushButton(translate("StyleCards", "▶ Listen"))
        self.listen.setToolTip(
            translate("StyleCards", "Hear a few bars in this style (made the first time you ask)")
        )
        self.start = QPushButton(translate("StyleCards", "Start"))
        self.start.setToolTip(
            translate("StyleCards", "Compose a new song in this style and open it in the grid")
        )
        self.listen.clicked.connect(lambda: self.listen_clicked.emit(self.name))
        self.start.clicked.connect(lambda: self.start_clicked.emit(self.name))
        buttons = QHBoxLayout()
        buttons.addWidget(self.listen)
        buttons.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addWidget(facts)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_state(self, text: str) -> None:
        """The Listen button's label: '▶ Listen', 'Preparing…' or '■ Stop'."""
        self.listen.setText(text)


class StyleCards(QWidget):
    """Every preset as a card, in the file's order, in a grid."""

    listen_clicked = Signal(str)
    start_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, StyleCard] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for name, preset in PRESETS.items():
            card = StyleCard(name, preset)
            card.listen_clicked.connect(self.listen_clicked)
            card.start_clicked.connect(self.start_clicked)
            self.cards[name] = card
        self.columns = 0
        self._place(4)

    def _place(self, columns: int) -> None:
        """Put the cards in rows of `columns` (they flow again when the width changes)."""
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._place(max(1, event.size().width() // CARD_WIDTH))
