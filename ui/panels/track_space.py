"""The Track panel's stereo space: how wide a track sits and how much of it goes to the room.

A track's `width` and `reverb_send_db` are None until someone sets them; the mixer then uses
the instrument family's default (`engine.sound.space.track_space`). Each control shows that
default greyed, with "(default)" after it, and a Default button that is enabled only while the
track has a value of its own. Moving the slider sets the track's own value; Default sets None
again. The control never edits the song itself: it hands (field, value) to the Track panel,
which makes the one undoable edit, so a drag is one edit when released, as gain and pan are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from engine.song.song import MAX_REVERB_SEND_DB, MIN_REVERB_SEND_DB, Track
from engine.sound.space import track_space
from ui.i18n import translate

__all__ = ["REVERB", "WIDTH", "SpaceChange", "SpaceControl", "SpaceField", "default_steps"]

SpaceChange = Callable[[str, float | None], None]
"""Called with a track field ("width" or "reverb_send_db") and its new value (None: default)."""


@dataclass(frozen=True)
class SpaceField:
    """One space field as a slider: its range in steps and how a step reads."""

    field: str
    name: str
    steps_per_unit: int
    low_steps: int
    high_steps: int

    def text(self, steps: int) -> str:
        if self.field == "width":
            return translate("TrackPanel", "{percent} %").format(percent=steps)
        if steps <= self.low_steps:
            return translate("TrackPanel", "Off")
        return translate("TrackPanel", "{db} dB").format(db=f"{steps:+d}")

    def tooltip(self) -> str:
        """What the control does to the sound (translated when shown)."""
        if self.field == "width":
            return translate(
                "TrackPanel",
                "How wide the track sits between the speakers: 0 % is a single point, placed by "
                "Pan; 100 % spreads it like a string section or a pad. Bass notes stay in the "
                "middle however wide the track is.",
            )
        return translate(
            "TrackPanel",
            "How much of the track goes to the shared room (the reverb every track plays into): "
            "Off keeps it dry, -15 dB is a touch of room, -9 dB a hall's wash around a section "
            "or a pad.",
        )

    def default_tip(self) -> str:
        if self.field == "width":
            text = translate(
                "TrackPanel",
                "Back to the usual width for this kind of instrument: strings, choirs and pads "
                "wide, basses centred",
            )
        else:
            text = translate(
                "TrackPanel",
                "Back to the usual reverb for this kind of instrument: strings, choirs and pads "
                "roomy, basses dry",
            )
        return text


WIDTH = SpaceField(
    "width",
    "width",
    100,
    0,
    100,
)
REVERB = SpaceField(
    "reverb_send_db",
    "reverb",
    1,
    round(MIN_REVERB_SEND_DB),
    round(MAX_REVERB_SEND_DB),
)


def default_steps(space: SpaceField, track: Track) -> int:
    """The slider position of the family's default for the track's instrument."""
    default = track_space(Track("", track.program, track.is_drum))
    if space.field == "width":
        return round(default.width * space.steps_per_unit)
    send = default.reverb_send_db
    return space.low_steps if send is None else round(send * space.steps_per_unit)


class SpaceControl(QWidget):
    """A slider, its value and a Default button for one space field of the shown track."""

    def __init__(self, space: SpaceField, on_change: SpaceChange) -> None:
        super().__init__()
        self.space, self._on_change = space, on_change
        self._own: float | None = None  # the shown track's own value
        self._shown_steps = 0  # where the slider was put for the shown track
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(space.low_steps, space.high_steps)
        self.slider.setToolTip(space.tooltip())
        self.value = QLabel()
        self.value.setMinimumWidth(96)
        self.value.setToolTip(space.tooltip())
        self.default = QPushButton(translate("TrackPanel", "Default"))
        self.default.setToolTip(space.default_tip())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        row.addWidget(self.default)
        self.slider.valueChanged.connect(self._moved)
        self.slider.sliderReleased.connect(self._released)
        self.default.clicked.connect(lambda: self._on_change(space.field, None))

    def show_track(self, track: Track) -> None:
        """Show the track's own value, or its family's default greyed (showing is not editing)."""
        own = getattr(track, self.space.field)
        self._own = own
        steps = default_steps(self.space, track) if own is None else self._steps(own)
        self._shown_steps = steps
        blocker = QSignalBlocker(self.slider)
        self.slider.setValue(steps)
        del blocker
        self.default.setEnabled(own is not None)
        self._show_value()

    def _steps(self, value: float) -> int:
        return round(value * self.space.steps_per_unit)

    def _show_value(self) -> None:
        text = self.space.text(self.slider.value())
        is_default = self._own is None and not self.slider.isSliderDown()
        shown = translate("TrackPanel", "{value} (default)").format(value=text)
        self.value.setText(shown if is_default else text)
        self.value.setEnabled(not is_default)  # greyed while the family's default plays

    def _moved(self) -> None:
        self._show_value()
        if not self.slider.isSliderDown():
            self._released()  # a keyboard or wheel step is an edit of its own

    def _released(self) -> None:
        steps = self.slider.value()
        if steps == self._shown_steps:
            self._show_value()  # a drag that came back where it started is no edit
            return
        self._on_change(self.space.field, steps / self.space.steps_per_unit)
