"""What a fill is held to: hard limits it never breaks (`HardConstraints`) and counts it is
steered toward (`SoftTargets`). `engine.compose.sampling.FillGrammar` keeps both while the model
writes; the operations and the benchmarks build them.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.compose.vocab import VELOCITY_LEVELS, TokenizerError
from engine.words import QT_TRANSLATE_NOOP


class ConstraintError(TokenizerError):
    """Hard constraints that no note can satisfy (for example a scale with no pitch in range)."""


@dataclass(frozen=True)
class HardConstraints:
    """Limits a generated cell never breaks. Drums ignore the scale."""

    pitch_low: int = 0
    pitch_high: int = 127
    scale_pitch_classes: frozenset[int] | None = None
    max_polyphony: int | None = None
    velocity_low: int = 1
    velocity_high: int = 127
    min_notes: int = 0
    max_notes: int | None = None
    min_onsets: int = 0
    max_onsets: int | None = None
    """Note and onset counts bound how much a cell says; a nudge uses them to make sure its
    candidate really is denser, sparser, busier or calmer. A minimum the bar has no room for
    gives way: the fill may end once nothing more can be placed."""

    def allowed_pitches(self, is_drum: bool) -> list[int]:
        pitches = [
            p
            for p in range(self.pitch_low, self.pitch_high + 1)
            if is_drum or self.scale_pitch_classes is None or p % 12 in self.scale_pitch_classes
        ]
        if not pitches:
            raise ConstraintError(
                QT_TRANSLATE_NOOP(
                    "Sampling",
                    "no pitch from {pitch_low} to {pitch_high} is in the chosen scale: "
                    "widen the pitch range or change the scale",
                ).format(pitch_low=self.pitch_low, pitch_high=self.pitch_high)
            )
        return pitches

    def allowed_velocities(self) -> list[int]:
        levels = [v for v in VELOCITY_LEVELS if self.velocity_low <= v <= self.velocity_high]
        if not levels:
            raise ConstraintError(
                QT_TRANSLATE_NOOP(
                    "Sampling",
                    "no loudness level lies from {velocity_low} to {velocity_high}: use a "
                    "range at least {velocity_levels} wide",
                ).format(
                    velocity_low=self.velocity_low,
                    velocity_high=self.velocity_high,
                    velocity_levels=VELOCITY_LEVELS[1] - VELOCITY_LEVELS[0],
                )
            )
        return levels


@dataclass(frozen=True)
class SoftTargets:
    """Counts a cell should reach, pursued with logit bonuses rather than masks, so the model
    still chooses. Short of a target the fill is discouraged from ending (the more so the
    further short), from notes too long to leave room for the rest and from an onset later
    than an even share of the bar left; short of the onset target, stacking pitches on one
    onset is discouraged too. At a target, ending is encouraged and more notes (or onsets)
    are discouraged. `pull` is the unit bonus in nats; each grows to at most three pulls.
    With `slack`, "short" means below the window's low and "at" means at its high."""

    notes: int | None = None
    onsets: int | None = None
    pull: float = 5.0
    read: bool = False
    """Whether the counts were read from the song around the cell (its bars around it, its
    section's typical bar) rather than asked for by the composer or a nudge."""
    slack: float = 0.0
    """The share of each count, either side of it, left to the model: between `window`'s low
    and high the fill is neither pulled to end nor held back from another note. 0 asks for
    the count itself (a composer's request, a bar between written bars); a section's typical
    bar leaves some (`engine.compose.energy.ENERGY_SLACK`), since real bars vary around it."""

    def window(self, count: int | None) -> tuple[int, int] | None:
        """(low, high) of a count: the fill is short below low and there at high."""
        if count is None:
            return None
        return max(0, round(count * (1 - self.slack))), round(count * (1 + self.slack))

    def end_bonus(self, done: int, count: int | None) -> float:
        """The bonus for ending with `done` of `count`: `pull` once at the window's high,
        nothing inside the window, and against it `pull` more for each one still missing
        below its low, up to three times `pull`. A flat pull was too weak where the model was
        sure the bar was done (a chorale voice asked for eighths after a quarter note ended
        the fill with one note of five)."""
        window = self.window(count)
        if window is None:
            return 0.0
        low, high = window
        if done >= high:
            return self.pull
        return 0.0 if done >= low else -self.pull * min(3, 1 + low - done)

    def reached(self, done: int, count: int | None) -> bool:
        """Whether `done` is at the window's high: another one would overshoot."""
        window = self.window(count)
        return window is not None and done >= window[1]

    def still_wanted(self, notes_done: int, onsets_done: int) -> int:
        """Notes or onsets still wanted to reach the windows' lows (the larger)."""
        notes, onsets = self.window(self.notes), self.window(self.onsets)
        return max(
            (notes[0] if notes else 0) - notes_done, (onsets[0] if onsets else 0) - onsets_done, 0
        )
