"""The song's key, shown and changed from the status bar.

A key chosen when a song was made was never seen again; the key box shows it ("D minor",
"E dorian", or "No key") and its menu lists the 24 major and minor keys and, under Modes, the
dorian, phrygian, lydian and mixolydian keys on each tonic. Choosing one is one undoable edit
(`engine.song.edits.set_key`), so Ctrl+Z puts the old key back. The notes stay as they are: the
key is what the model composes in next and what a MIDI file tells other programs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from engine.song.edits import set_key
from engine.song.song import KeySignatureChange, Mode, Song
from engine.song.theory import key_from_name
from ui.i18n import translate

MAJOR_TONICS = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
MINOR_TONICS = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "G#", "A", "Bb", "B")
"""The tonics offered, spelled as their signatures spell them (fewest sharps or flats)."""


CHURCH_MODES: tuple[Mode, ...] = ("dorian", "phrygian", "lydian", "mixolydian")


def key_label(key: KeySignatureChange | None) -> str:
    """A key in the user's words: 'D minor', 'Bb major', 'E dorian', or 'No key'."""
    if key is None:
        return translate("KeyBox", "No key")
    labels = {
        "major": translate("KeyBox", "{tonic} major"),
        "minor": translate("KeyBox", "{tonic} minor"),
        "dorian": translate("KeyBox", "{tonic} dorian"),
        "phrygian": translate("KeyBox", "{tonic} phrygian"),
        "lydian": translate("KeyBox", "{tonic} lydian"),
        "mixolydian": translate("KeyBox", "{tonic} mixolydian"),
    }
    return labels[key.mode].format(tonic=key.tonic_name)


def key_choices() -> list[KeySignatureChange]:
    """The 24 keys the menu offers: the majors, then the minors, each from C upwards."""
    majors = [key_from_name(f"{tonic} major") for tonic in MAJOR_TONICS]
    return majors + [key_from_name(f"{tonic} minor") for tonic in MINOR_TONICS]


def mode_choices(mode: Mode) -> list[KeySignatureChange]:
    """A church mode on each of the 12 tonics, from C upwards, each with its parent major's
    signature (D dorian: C major's, none)."""
    return [key_from_name(f"{tonic} {mode}") for tonic in MINOR_TONICS]


def same_key(a: KeySignatureChange | None, b: KeySignatureChange | None) -> bool:
    """Whether two keys are the same key wherever they start."""
    if a is None or b is None:
        return a is b
    return (a.sharps_flats, a.mode) == (b.sharps_flats, b.mode)


class KeyBox(QToolButton):
    """A flat button showing the song's key, whose menu changes it as one undoable edit."""

    def __init__(
        self,
        song: Callable[[], Song],
        apply_edit: Callable[[Song, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("key-box")
        self._song = song
        self._apply_edit = apply_edit
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAutoRaise(True)
        self.setToolTip(
            translate(
                "KeyBox",
                "The song's key: what the model composes in next and what a MIDI file tells "
                "other programs. The notes already written stay as they are.",
            )
        )
        self.choices: dict[str, QAction] = {}
        """Each key's menu entry by its label (and 'No key'), for tests and the menu."""
        self._build_menu()
        self.show_song(song())

    def _build_menu(self) -> None:
        menu = QMenu(self)
        group = QActionGroup(self)
        keys = key_choices()
        for title, chosen in (
            (translate("KeyBox", "Major keys"), keys[:12]),
            (translate("KeyBox", "Minor keys"), keys[12:]),
        ):
            sub = menu.addMenu(title)
            for key in chosen:
                self._add_choice(sub, group, key)
        modes = menu.addMenu(translate("KeyBox", "Modes"))
        titles = {
            "dorian": translate("KeyBox", "Dorian"),
            "phrygian": translate("KeyBox", "Phrygian"),
            "lydian": translate("KeyBox", "Lydian"),
            "mixolydian": translate("KeyBox", "Mixolydian"),
        }
        for mode in CHURCH_MODES:
            sub = modes.addMenu(titles[mode])
            for key in mode_choices(mode):
                self._add_choice(sub, group, key)
        menu.addSeparator()
        self._add_choice(menu, group, None)
        self.setMenu(menu)

    def _add_choice(self, menu: QMenu, group: QActionGroup, key: KeySignatureChange | None) -> None:
        label = key_label(key)
        action = menu.addAction(label)
        action.setCheckable(True)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, k=key: self.choose(k))
        self.choices[label] = action

    def show_song(self, song: Song) -> None:
        """Show the key at the song's start (the one the menu changes)."""
        key = song.key_at(0)
        label = key_label(key)
        self.setText(translate("KeyBox", "Key: {key}").format(key=label))
        for text, action in self.choices.items():
            action.setChecked(text == label)

    def choose(self, key: KeySignatureChange | None) -> None:
        """Make `key` the song's key, as one undoable edit (nothing when it is already)."""
        song = self._song()
        if same_key(song.key_at(0), key):
            return
        text = translate("KeyBox", "Set key to {key}").format(key=key_label(key))
        self._apply_edit(set_key(song, key), text)
