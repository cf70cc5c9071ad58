"""Constrained sampling: logit masks that compose, and a seeded temperature/top-p sampler.

While the model writes a fill (`Fill_Start Bar_x Pos_.. Pitch_.. Dur_.. Vel_.. ... Fill_End`),
`FillGrammar` tracks where it is and answers which tokens may come next. The grammar alone
guarantees that every sampled fill decodes; the hard constraints (pitch range, scale, maximum
polyphony, velocity range) narrow the same mask, so they are never violated, whatever the
model's logits say. Sampling draws from an explicit `numpy.random.Generator`: the same seed
gives the same notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from engine.vocab import DURATION_STEPS, VELOCITY_LEVELS, TokenizerError, Vocabulary

Mask = npt.NDArray[np.bool_]


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
                f"no pitch from {self.pitch_low} to {self.pitch_high} is in the chosen scale: "
                "widen the pitch range or change the scale"
            )
        return pitches

    def allowed_velocities(self) -> list[int]:
        levels = [v for v in VELOCITY_LEVELS if self.velocity_low <= v <= self.velocity_high]
        if not levels:
            raise ConstraintError(
                f"no loudness level lies from {self.velocity_low} to {self.velocity_high}: "
                f"use a range at least {VELOCITY_LEVELS[1] - VELOCITY_LEVELS[0]} wide"
            )
        return levels


@dataclass(frozen=True)
class SoftTargets:
    """Counts a cell should reach, pursued with logit bonuses rather than masks, so the model
    still chooses: short of the note target the fill is discouraged from ending, past it
    encouraged to; short of the onset target, stacking more pitches on one onset is
    discouraged, past it new onsets are. `pull` is the bonus in nats."""

    notes: int | None = None
    onsets: int | None = None
    pull: float = 5.0


@dataclass
class FillGrammar:
    """The state of one fill being written, and the mask of tokens allowed next."""

    vocab: Vocabulary
    bar_token: str
    bar_steps: int
    is_drum: bool = False
    constraints: HardConstraints = field(default_factory=HardConstraints)
    max_tokens: int = 400
    tokens: list[str] = field(default_factory=list)
    position: int | None = None
    pitches_here: set[int] = field(default_factory=set)
    note_ends: list[int] = field(default_factory=list)
    pending_pitch: int | None = None
    onsets: int = 0
    closing: bool = False
    """Set when the context runs out: the fill may then end whatever its minimum counts."""
    targets: SoftTargets = field(default_factory=SoftTargets)

    def __post_init__(self) -> None:
        v = self.vocab
        self._pitch_ids = np.array([v.id(f"Pitch_{p}") for p in range(128)])
        self._pos_ids = np.array([v.id(f"Pos_{s}") for s in range(self.bar_steps)])
        self._allowed_pitches = self.constraints.allowed_pitches(self.is_drum)
        self._duration_ids = [v.id(f"Dur_{d}") for d in DURATION_STEPS]
        self._velocity_ids = [
            v.id(f"Vel_{level}") for level in self.constraints.allowed_velocities()
        ]

    @property
    def done(self) -> bool:
        return bool(self.tokens) and self.tokens[-1] == "Fill_End"

    def _sounding_at(self, step: int) -> int:
        return sum(1 for end in self.note_ends if end > step)

    def _room_for_a_note(self, step: int) -> bool:
        limit = self.constraints.max_polyphony
        return limit is None or self._sounding_at(step) < limit

    def mask(self) -> Mask:
        """Boolean mask over the vocabulary: True where the next token is allowed."""
        allowed = np.zeros(len(self.vocab), dtype=bool)
        last = self.tokens[-1] if self.tokens else None
        if last is None:
            allowed[self.vocab.id("Fill_Start")] = True
        elif last == "Fill_Start":
            allowed[self.vocab.id(self.bar_token)] = True
        elif last.startswith("Pos_"):
            self._allow_pitches(allowed)
        elif last.startswith("Pitch_"):
            longest = self._fair_share(self.constraints.min_notes, self.constraints.min_onsets)
            for steps, token_id in zip(DURATION_STEPS, self._duration_ids, strict=True):
                allowed[token_id] = steps <= longest or steps == DURATION_STEPS[0]
        elif last.startswith("Dur_"):
            allowed[self._velocity_ids] = True
        else:  # after the bar token or a complete note
            self._allow_next_note(allowed)
        return allowed

    def _allow_pitches(self, allowed: Mask) -> None:
        pitches = [p for p in self._allowed_pitches if p not in self.pitches_here]
        allowed[self._pitch_ids[pitches]] = True

    def _allow_next_note(self, allowed: Mask) -> None:
        limits = self.constraints
        notes = len(self.note_ends)
        end = self.vocab.id("Fill_End")
        if len(self.tokens) >= self.max_tokens or (
            limits.max_notes is not None and notes >= limits.max_notes
        ):
            allowed[end] = True
            return
        if limits.max_onsets is None or self.onsets < limits.max_onsets:
            first = 0 if self.position is None else self.position + 1
            for step in range(first, self._latest_onset() + 1):
                if self._room_for_a_note(step):
                    allowed[self._pos_ids[step]] = True
        can_add_onset = bool(allowed[self._pos_ids].any())
        onsets_short = self.onsets < limits.min_onsets and can_add_onset
        # Short of an onset minimum, more pitches on this onset would not help: move on.
        if self.position is not None and self._room_for_a_note(self.position) and not onsets_short:
            self._allow_pitches(allowed)
        # A minimum gives way once the bar has no room left to meet it.
        enough_notes = notes >= limits.min_notes or not allowed.any()
        allowed[end] = (enough_notes and not onsets_short) or self.closing

    def _latest_onset(self) -> int:
        """The last step a new onset may take and still leave one step for each onset a
        minimum still needs after it (with a polyphony limit, notes need onsets too)."""
        limits = self.constraints
        notes_needed = max(0, limits.min_notes - len(self.note_ends))
        per_onset = limits.max_polyphony or max(1, notes_needed)
        onsets_needed = max(limits.min_onsets - self.onsets, -(-notes_needed // per_onset))
        return self.bar_steps - max(1, onsets_needed)

    def _fair_share(self, notes_wanted: int, onsets_wanted: int) -> int:
        """The longest note (in steps) that still leaves room, at one step each at least, for
        the notes and onsets still wanted after the one being written."""
        position = self.position or 0
        after = max(notes_wanted - len(self.note_ends) - 1, onsets_wanted - self.onsets, 0)
        if after == 0:
            return int(DURATION_STEPS[-1])
        return max(1, (self.bar_steps - position) // (after + 1))

    def bias(self) -> npt.NDArray[np.float32] | None:
        """Logit bonuses steering toward the soft targets (None where they have no say)."""
        targets = self.targets
        if targets.notes is None and targets.onsets is None:
            return None
        last = self.tokens[-1] if self.tokens else ""
        bias = np.zeros(len(self.vocab), dtype=np.float32)
        if last.startswith("Pitch_"):
            # Short of a target, long notes would leave no time for the rest.
            longest = self._fair_share(targets.notes or 0, targets.onsets or 0)
            for steps, token_id in zip(DURATION_STEPS, self._duration_ids, strict=True):
                if steps > longest:
                    bias[token_id] -= targets.pull
            return bias
        if not (last == self.bar_token or last.startswith("Vel_")):
            return None
        end = self.vocab.id("Fill_End")
        if targets.notes is not None:
            bias[end] += targets.pull if len(self.note_ends) >= targets.notes else -targets.pull
        if targets.onsets is not None:
            if self.onsets < targets.onsets:
                bias[end] -= targets.pull
                bias[self._pitch_ids] -= targets.pull / 2
            else:
                bias[self._pos_ids] -= targets.pull
                bias[end] += targets.pull / 2
        return bias

    def advance(self, token: str) -> None:
        """Record a token (sampled or forced); raises if the grammar does not allow it."""
        if not self.mask()[self.vocab.id(token)]:
            raise TokenizerError(f"{token!r} is not allowed after {self.tokens[-3:]}")
        self.tokens.append(token)
        kind, _, value = token.partition("_")
        if kind == "Pos":
            self.position = int(value)
            self.pitches_here = set()
            self.onsets += 1
        elif kind == "Pitch":
            self.pending_pitch = int(value)
            self.pitches_here.add(int(value))
        elif kind == "Dur" and self.position is not None:
            self.note_ends.append(self.position + int(value))


def sample(
    logits: npt.NDArray[np.float32],
    allowed: Mask,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_p: float = 1.0,
) -> int:
    """Draw one token id from masked logits; temperature 0 takes the most likely token."""
    if not allowed.any():
        raise TokenizerError("no token is allowed here: the constraints contradict each other")
    masked = np.where(allowed, logits.astype(np.float64), -np.inf)
    if temperature <= 0:
        return int(np.argmax(masked))
    scaled = masked / temperature
    probabilities = np.exp(scaled - scaled.max())
    probabilities /= probabilities.sum()
    if top_p < 1.0:
        order = np.argsort(-probabilities, kind="stable")
        cumulative = np.cumsum(probabilities[order])
        keep = order[: int(np.searchsorted(cumulative, top_p)) + 1]
        nucleus = np.zeros_like(probabilities)
        nucleus[keep] = probabilities[keep]
        probabilities = nucleus / nucleus.sum()
    return int(rng.choice(len(probabilities), p=probabilities))
