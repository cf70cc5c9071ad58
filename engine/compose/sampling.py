"""Constrained sampling: logit masks that compose (the seeded draw itself is
`engine.compose.token_draw.sample`).

While the model writes a fill (`Fill_Start Bar_x Pos_.. Pitch_.. Dur_.. Vel_.. ... Fill_End`),
`FillGrammar` tracks where it is and answers which tokens may come next. The grammar alone
guarantees that every sampled fill decodes; the hard constraints (pitch range, scale, maximum
polyphony, velocity range) narrow the same mask, so they are never violated, whatever the
model's logits say. Sampling draws from an explicit `numpy.random.Generator`: the same seed
gives the same notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from engine.compose import leans, variety
from engine.compose.fill_limits import HardConstraints, SoftTargets
from engine.compose.vocab import (
    DURATION_STEPS,
    STEPS_PER_QUARTER,
    Kind,
    TokenizerError,
    Vocabulary,
)
from engine.compose.voice_leading import VoiceLeading
from engine.words import QT_TRANSLATE_NOOP

Mask = npt.NDArray[np.bool_]
Steps = npt.NDArray[np.int_]
HORIZON_STEPS = int(DURATION_STEPS[-1])
"""How far past the bar's end a note written in it can ring: the longest duration."""

CLICK_STEPS = 3
"""A sixteenth note: a pitched note shorter than this is pulled against (`CLICK_PENALTY`)."""

CLICK_PENALTY = 2.0
"""Log-odds taken from each duration shorter than `CLICK_STEPS` for a pitched note. Drum hits
are that short in the band data (Groove MIDI's performances), and now and then the model
carried them over to a whole song's pitched parts, every note a click: in new lo-fi and
Chinese songs at seed 5, 50-65% and 75-100% of each part's notes one step long, from the
first bar on. Held-out fiddle tunes, reels, chorales and quartets have no pitched note
shorter than a thirty-second. Drums keep every duration."""


DRUM_HIT_STEPS = 12
"""The longest a drum hit is written (a quarter note), and never past the bar's end. A drum
sounds as long as it sounds whatever its note's length, and a hit ringing over the bar line
took the place of the next bar's kick on 1 (a note never starts while the same pitch still
sounds)."""

DRUM_HITS_AT_ONCE = 4
"""The most drums struck together: two hands and two feet. The model, unsure, stacked ten."""


@dataclass
class FillGrammar:
    """The state of one fill being written, and the mask of tokens allowed next.

    It walks token ids, never their strings: `advance` takes the id the sampler drew and reads
    its kind and number from the vocabulary's tables (`Vocabulary.kinds`, `.values`), and the
    masks are set through id arrays built once per vocabulary. Strings are for the edges:
    `bar_token` names the fill's bar, and `tokens` spells the fill out for decoding.
    """

    vocab: Vocabulary
    bar_token: str
    bar_steps: int
    is_drum: bool = False
    constraints: HardConstraints = field(default_factory=HardConstraints)
    max_tokens: int = 400
    ids: list[int] = field(default_factory=list)
    """The fill's token ids so far, `Fill_Start` first."""
    position: int | None = None
    pitches_here: set[int] = field(default_factory=set)
    note_ends: list[int] = field(default_factory=list)
    pending_pitch: int | None = None
    onsets: int = 0
    closing: bool = False
    """Set when the context runs out: the fill may then end whatever its minimum counts."""
    targets: SoftTargets = field(default_factory=SoftTargets)
    outside_notes: Sequence[tuple[int, int]] = ()
    """(start, end) in steps from the bar's start of the track's notes outside this fill that
    sound during or after it: notes ringing in from earlier bars (start < 0) and later notes a
    long note of this bar could reach. A polyphony limit counts them as it counts the fill's
    own notes, so a limit of 1 holds across the bar lines too."""
    voice_window: tuple[Steps, Steps] | None = None
    """(lowest, highest) pitch a note may take at each step of the bar, so that an ordered
    voice stays between its neighbours (`engine.compose.fill_context.voice_window`). Where the
    window leaves no allowed pitch it is dropped for that note: keeping the voices' order is worth
    much, but a fill must never be left with nothing to write."""
    beat_chord: frozenset[int] | None = None
    """A planned chord (`engine.compose.plan`): its tones are raised for notes on a strong beat
    (the bar's first and, in 4/4, third beat) only, so a melody leans on the harmony where it
    is heard most and moves by step between."""
    bass_root: int | None = None
    """The pitch class of the root of a bass's planned or named chord: raised on a strong beat
    (`BASS_ROOT_BONUS`, its fifth `BASS_FIFTH_BONUS`), so the bass names the chord where the
    bar is heard most and walks between."""
    root_from_above: bool = False
    """For a bass with no chord asked: on a strong beat, the root of what the parts above it
    sound there (`voice_leading.others`, `engine.song.theory.chord_root`) takes the place of
    `bass_root`, so a chorale's or a quartet's bass sings the root of the harmony the upper
    voices make."""
    voice_leading: VoiceLeading | None = None
    """An ensemble voice's neighbours in motion, or a single line's previous note alone
    (`VoiceLeading`); None for other parts."""
    echo_tones: frozenset[int] | None = None
    """The pitch classes of the bar this fill echoes, the same place in a repeated phrase
    (`engine.compose.phrase_parallel`): each the fill has not played yet is raised for its
    next note (`ECHO_TONE_BONUS`), so the fill plays the phrase's tones again in its own
    order and rhythm rather than repeating two of them."""
    echo_onsets: Sequence[tuple[int, int]] | None = None
    """(step, how many of the two bars around the fill start a note there; the bar it echoes in
    a repeated phrase counts as two): the next onset is pulled to those steps
    (`leans.ONSET_ECHO_BONUS` at two, half at one), so a bar written between two others keeps
    the rhythm they share."""
    rhythm: frozenset[int] | None = None
    """The steps where a new song's band bass may start its notes freely, its style's bass
    rhythm (`engine.compose.plan.bass_steps`): the next onset loses `leans.OFF_RHYTHM_PENALTY`
    anywhere else. None for other parts."""
    tonic_pull: tuple[int, float] | None = None
    """For the melody (the top pitched part), (the key's tonic pitch class, the pull toward
    it that the cell's own bias gives: `engine.compose.decode.tonic_bonus`). For the first pitch
    of an onset right after the tonic, that pull is taken back and as much again is taken from the
    tonic (`leans.TONIC_RELEASE`), so the tune comes back to its tonic rather than sitting on it."""
    line_before: tuple[int, ...] | None = None
    """For the melody, the top pitches of its last onsets before the bar, oldest first
    (`engine.compose.variety.recent_tops`): with the fill's own, a pitch that holds more than
    its share of them is pulled against (`engine.compose.variety.overuse_penalty`). None for
    other parts."""
    line_share: float = variety.OVERUSE_SHARE
    """The share of `line_before`'s onsets a pitch holds at no cost (`variety.PLAYED_TOP_SHARE`
    for a quartet's first violin)."""
    line_on_strong_beats: bool = False
    """Whether the line is pulled against its overused pitch on the strong beats too (a
    quartet's first violin), where a tune is spared to state its key."""
    chord_notes: int | None = None
    """For a band part that plays chords over a planned or named chord, how many notes each of
    its onsets leans to (`leans.chord_size`): the chord's tones, three for a triad, four for a
    seventh. None for other parts."""
    anchors: Sequence[tuple[int, frozenset[int]]] = ()
    """Hits a drum fill keeps, (step, drums any one of which makes it): the style's beat
    (`engine.compose.plan.anchor_hits`). The fill may not pass an anchor's step without one of
    its drums there, nor end before every anchor is kept; everything else is the model's."""

    def __post_init__(self) -> None:
        v = self.vocab
        self._kinds, self._values = v.kinds, v.values
        self._bar_id = v.id(self.bar_token)
        self._start_id, self._end_id = v.id("Fill_Start"), v.id("Fill_End")
        self._pitch_ids = v.pitch_ids
        if self.bar_steps > len(v.pos_ids):
            raise TokenizerError(
                QT_TRANSLATE_NOOP(
                    "Sampling", "a bar of {bar_steps} steps is longer than the grid holds"
                ).format(bar_steps=self.bar_steps)
            )
        self._pos_ids = v.pos_ids[: self.bar_steps]
        self._pitch_ok = np.zeros(128, dtype=bool)
        self._pitch_ok[self.constraints.allowed_pitches(self.is_drum)] = True
        self._duration_ids = v.duration_ids
        self._durations = np.array(DURATION_STEPS)
        # Built once: a pitched note's duration is chosen at every note (`_click_bias`).
        self._clicks = np.zeros(len(v), dtype=np.float32)
        self._clicks[self._duration_ids[self._durations < CLICK_STEPS]] = -CLICK_PENALTY
        self._clicks.setflags(write=False)
        self._off_rhythm = (
            None if self.rhythm is None else leans.off_rhythm(len(v), self._pos_ids, self.rhythm)
        )
        self._velocity_ids = [
            v.velocity_ids[level] for level in self.constraints.allowed_velocities()
        ]
        # Notes sounding at each step from the bar's start to as far as a note can ring:
        # outside notes now, the fill's own as they are written (kept up to date by `advance`).
        horizon = self.bar_steps + HORIZON_STEPS
        self._sounding = np.zeros(horizon + 1, dtype=np.int32)
        self._placed: set[tuple[int, int]] = set()
        self._onset_tops: dict[int, int] = {}
        self._onset_pitches: dict[int, list[int]] = {}
        self._mask: tuple[bool, Mask] | None = None
        for start, end in self.outside_notes:
            self._sounding[max(0, start) : max(0, min(end, horizon))] += 1

    @property
    def done(self) -> bool:
        return bool(self.ids) and self.ids[-1] == self._end_id

    @property
    def tokens(self) -> list[str]:
        """The fill so far as token strings (for `engine.compose.tokens.decode_fill`)."""
        return [self.vocab.tokens[token_id] for token_id in self.ids]

    def _last_kind(self) -> Kind | None:
        """The kind of the last token written; None before the first."""
        return self._kinds[self.ids[-1]] if self.ids else None

    def _room_for_a_note(self, step: int) -> bool:
        limit = self.constraints.max_polyphony
        return limit is None or bool(self._sounding[step] < limit)

    def _longest_room(self) -> int:
        """The longest note (in steps) the polyphony limit leaves room for at the position:
        it must end before the first step where the other notes already fill the limit."""
        limit = self.constraints.max_polyphony
        if limit is None or self.position is None:
            return HORIZON_STEPS
        full = np.flatnonzero(self._sounding[self.position :] >= limit)
        return max(1, int(full[0])) if len(full) else HORIZON_STEPS

    def _longest_in_window(self) -> int:
        """The longest note the voice window leaves the pending pitch: it ends where a
        neighbour already written moves across it, so the voices keep their order for as long
        as the note sounds, not only where it starts. No limit for a note the window had to
        give way for."""
        if self.voice_window is None or self.position is None or self.pending_pitch is None:
            return HORIZON_STEPS
        low, high = self.voice_window
        pitch, start = self.pending_pitch, self.position
        outside = np.flatnonzero((pitch < low[start:]) | (pitch > high[start:]))
        if not len(outside) or outside[0] == 0:
            return HORIZON_STEPS
        return int(outside[0])

    def mask(self) -> Mask:
        """Boolean mask over the vocabulary: True where the next token is allowed. Built once
        per token (the sampler and `advance` share it); do not modify the array."""
        if self._mask is not None and self._mask[0] == self.closing:
            return self._mask[1]
        allowed = self._build_mask()
        self._mask = (self.closing, allowed)
        return allowed

    def _build_mask(self) -> Mask:
        allowed = np.zeros(len(self.vocab), dtype=bool)
        last = self._last_kind()
        if last is None:
            allowed[self._start_id] = True
        elif last == Kind.FILL_START:
            allowed[self._bar_id] = True
        elif last == Kind.POS:
            self._allow_pitches(allowed)
        elif last == Kind.PITCH:
            longest = self._fair_share(self.constraints.min_notes, self.constraints.min_onsets)
            fits = (self._durations <= longest) | (self._durations == DURATION_STEPS[0])
            room = min(self._longest_room(), self._longest_in_window())
            if self.is_drum and self.position is not None:
                room = min(room, DRUM_HIT_STEPS, self.bar_steps - self.position)
            allowed[self._duration_ids[fits & (self._durations <= room)]] = True
        elif last == Kind.DUR:
            allowed[self._velocity_ids] = True
        else:  # after the bar token or a complete note
            self._allow_next_note(allowed)
        return allowed

    def _unmet_anchors(self) -> list[tuple[int, frozenset[int]]]:
        return [
            (step, drums)
            for step, drums in self.anchors
            if not any((step, pitch) in self._placed for pitch in drums)
        ]

    def _allow_pitches(self, allowed: Mask) -> None:
        if self.is_drum and len(self.pitches_here) >= DRUM_HITS_AT_ONCE:
            return
        ok = self._pitch_ok.copy()
        due_here = [drums for step, drums in self._unmet_anchors() if step == self.position]
        if due_here:
            anchored = np.zeros(128, dtype=bool)
            anchored[sorted(due_here[0])] = True
            if (ok & anchored).any():
                ok &= anchored
        if self.voice_window is not None and self.position is not None:
            low, high = self.voice_window[0][self.position], self.voice_window[1][self.position]
            inside = ok.copy()
            inside[: max(0, low)] = False
            inside[max(0, high + 1) :] = False
            ok = inside if inside.any() else ok
        ok[list(self.pitches_here)] = False
        allowed[self._pitch_ids[ok]] = True

    def _allow_next_note(self, allowed: Mask) -> None:
        limits = self.constraints
        notes = len(self.note_ends)
        end = self._end_id
        if len(self.ids) >= self.max_tokens or (
            limits.max_notes is not None and notes >= limits.max_notes
        ):
            allowed[end] = True
            return
        unmet = self._unmet_anchors()
        if limits.max_onsets is None or self.onsets < limits.max_onsets:
            first = 0 if self.position is None else self.position + 1
            last = self._latest_onset() + 1
            if unmet:  # no passing a beat's anchor hit without playing it
                last = min(last, min(step for step, _ in unmet) + 1)
            steps = self._pos_ids[first:last]
            if limits.max_polyphony is not None:
                steps = steps[self._sounding[first:last] < limits.max_polyphony]
            allowed[steps] = True
        can_add_onset = bool(allowed[self._pos_ids].any())
        onsets_short = self.onsets < limits.min_onsets and can_add_onset
        # Short of an onset minimum, more pitches on this onset would not help: move on.
        if self.position is not None and self._room_for_a_note(self.position) and not onsets_short:
            self._allow_pitches(allowed)
        # A minimum gives way once the bar has no room left to meet it.
        enough_notes = notes >= limits.min_notes or not allowed.any()
        # An anchor still to keep holds the end back while there is a way to keep it.
        anchors_left = bool(unmet) and bool(
            allowed[self._pos_ids].any() or allowed[self._pitch_ids].any()
        )
        allowed[end] = (enough_notes and not onsets_short and not anchors_left) or self.closing

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
        the onsets still wanted after the one being written: those asked for, and those the
        notes still wanted need, which for a part that sounds several notes at once is as
        many as its polyphony limit forces (none without a limit: they may share onsets).

        Why not one step per note: a chord's notes share an onset, and a note's length does not
        hold the next onset back in a part that may sound several at once. Counted per note, a
        pop piano asked for its bar's 23 notes (five chords) had every note held to two steps,
        and 40-68% of the notes of new pop songs (seeds 1 and 2) were one step long, a
        64th-note staccato the bass and drums then copied."""
        position = self.position or 0
        notes_left = max(notes_wanted - len(self.note_ends) - 1, 0)
        limit = self.constraints.max_polyphony
        notes_need = notes_left if limit == 1 else -(-notes_left // limit) if limit else 0
        after = max(notes_need, onsets_wanted - self.onsets, 0)
        if after == 0:
            return int(DURATION_STEPS[-1])
        return max(1, (self.bar_steps - position) // (after + 1))

    def bias(self) -> npt.NDArray[np.float32] | None:
        """Logit bonuses steering toward the soft targets and, choosing a pitch, toward good
        voice leading, the planned chord on a strong beat and an echoed bar's tones not yet
        played (None where none has a say)."""
        last = self._last_kind()
        if last == Kind.POS:
            parts = [
                bias
                for bias in (
                    self._voice_leading_bias(),
                    self._harmony_bias(),
                    self._beat_chord_bias(),
                    self._bass_root_bias(),
                    self._echo_bias(),
                    self._tonic_release_bias(),
                    self._variety_bias(),
                )
                if bias is not None
            ]
            return sum(parts[1:], parts[0]) if parts else None
        parts = [
            b
            for b in (
                self._target_bias(last),
                self._onset_echo_bias(last),
                self._rhythm_bias(last),
                self._click_bias(last),
                self._chord_size_bias(last),
            )
            if b is not None
        ]
        return sum(parts[1:], parts[0]) if parts else None

    def _click_bias(self, last: Kind | None) -> npt.NDArray[np.float32] | None:
        """For a pitched note's duration, `CLICK_PENALTY` off each shorter than a sixteenth."""
        if last != Kind.PITCH or self.is_drum:
            return None
        return self._clicks

    def _chord_size_bias(self, last: Kind | None) -> npt.NDArray[np.float32] | None:
        """After a note of a chord part's onset, another pitch there raised while the onset is
        short of `chord_notes`, lowered once it has one more (`leans.chord_size`)."""
        if self.chord_notes is None or last != Kind.VEL or self.position is None:
            return None
        return leans.chord_size(
            len(self.vocab), self._pitch_ids, len(self.pitches_here), self.chord_notes
        )

    def _onset_echo_bias(self, last: Kind | None) -> npt.NDArray[np.float32] | None:
        """The steps where the bars around the fill start notes, raised as the next onset is
        chosen (`echo_onsets`)."""
        choosing_onset = last == Kind.VEL or (last == Kind.BAR and self.ids[-1] == self._bar_id)
        if not self.echo_onsets or not choosing_onset:
            return None
        return leans.onset_echo(len(self.vocab), self._pos_ids, self.echo_onsets)

    def _rhythm_bias(self, last: Kind | None) -> npt.NDArray[np.float32] | None:
        """The steps off the part's `rhythm` lowered as the next onset is chosen."""
        choosing_onset = last == Kind.VEL or (last == Kind.BAR and self.ids[-1] == self._bar_id)
        return self._off_rhythm if choosing_onset else None

    def _echo_bias(self) -> npt.NDArray[np.float32] | None:
        """The echoed bar's pitch classes not yet played in this fill, raised (`echo_tones`)."""
        if self.echo_tones is None or self.is_drum:
            return None
        missing = self.echo_tones - {pitch % 12 for _, pitch in self._placed}
        if not missing:
            return None
        return leans.pitch_classes(
            len(self.vocab), self._pitch_ids, dict.fromkeys(missing, leans.ECHO_TONE_BONUS)
        )

    def _tonic_release_bias(self) -> npt.NDArray[np.float32] | None:
        """The tonic's pull taken back, and as much again taken from the tonic, for a melody note
        right after the tonic (`tonic_pull`)."""
        if self.tonic_pull is None or self.pitches_here or self.is_drum:
            return None
        tonic, pull = self.tonic_pull
        previous = self._previous_top()
        if not pull or previous is None or previous % 12 != tonic:
            return None
        return leans.pitch_classes(
            len(self.vocab), self._pitch_ids, {tonic: -leans.TONIC_RELEASE * pull}
        )

    def _variety_bias(self) -> npt.NDArray[np.float32] | None:
        """A pitch the melody has sounded at more than its share of its recent onsets, pulled
        against for the first pitch of an onset off the strong beats (`line_before`)."""
        if self.line_before is None or self.pitches_here or self.is_drum:
            return None
        if not self.line_on_strong_beats and self._on_strong_beat():
            return None
        position = self.position or 0
        here = tuple(top for step, top in sorted(self._onset_tops.items()) if step < position)
        penalty = variety.overuse_penalty(self.line_before + here, self.line_share)
        return None if penalty is None else self._pitch_bias(penalty)

    def _previous_top(self) -> int | None:
        """The line's last pitch before the onset being written: the top of the fill's
        previous onset, else the voice's last note before the bar (`voice_leading.previous`)."""
        position = self.position or 0
        earlier = [step for step in self._onset_tops if step < position]
        if earlier:
            return self._onset_tops[max(earlier)]
        if self.voice_leading is not None and self.voice_leading.previous is not None:
            return self.voice_leading.previous[1]
        return None

    def _on_strong_beat(self) -> bool:
        """Whether the onset being written falls on a half note: beats 1 and 3 of 4/4, but also
        beat 3 of 3/4 and the fifth eighth of 6/8. Counted by the meter instead (the downbeat,
        and the middle of a bar of an even number of beats, as the benchmark's bass measure
        counts them), 27 of 30 new jigs and 28 of 30 quartets were heard in their key (29 and
        29; `python -m benchmarks.musicality --songs 30 --presets folk-tune,string-quartet`)
        and no measure came nearer the held-out works: the notes spared the variety pull there
        are the ones that tell the key."""
        return self.position is not None and not self.position % (2 * STEPS_PER_QUARTER)

    def _beat_chord_bias(self) -> npt.NDArray[np.float32] | None:
        """The planned chord's tones raised for a note on a strong beat (`beat_chord`)."""
        if self.beat_chord is None or not self._on_strong_beat():
            return None
        return leans.pitch_classes(
            len(self.vocab), self._pitch_ids, dict.fromkeys(self.beat_chord, leans.BEAT_CHORD_BONUS)
        )

    def _bass_root_bias(self) -> npt.NDArray[np.float32] | None:
        """The chord's root and fifth raised for a bass note on a strong beat (`bass_root`, or
        the root the parts above sound: `root_from_above`); a band bass's (`leans.pumps`) too."""
        band = self.bass_root is not None and self.rhythm is not None
        through_bar = band and leans.pumps(self.rhythm)
        if self.is_drum or not (self._on_strong_beat() or through_bar):
            return None
        root = self.bass_root
        if root is None and self.root_from_above and self.voice_leading is not None:
            root = leans.root_sounding(self.voice_leading.others, self.position or 0)
        downbeat = band and not self.position
        lean = None if root is None else leans.root_and_fifth(root, on_downbeat=downbeat)
        return None if lean is None else leans.pitch_classes(len(self.vocab), self._pitch_ids, lean)

    def _voice_leading_bias(self) -> npt.NDArray[np.float32] | None:
        """Against parallel fifths, octaves and unisons with the other voices (both moving,
        the same way, to the same perfect interval), and for a step from the previous note."""
        if self.position is None or self.voice_leading is None:
            return None
        earlier = sorted(step for step in self._onset_tops if step < self.position)
        tops = [self._onset_tops[step] for step in earlier]
        previous = (earlier[-1], tops[-1]) if earlier else self.voice_leading.previous
        if previous is None:
            return None
        chord = self._onset_pitches[earlier[-1]] if earlier else self.voice_leading.chord
        here = bool(self.pitches_here)
        back = leans.before_previous(tops, self.voice_leading.previous)
        lean = leans.voice_leading(
            self.voice_leading, previous, self.position, chord, here, two_back=back
        )
        return self._pitch_bias(lean)

    def _harmony_bias(self) -> npt.NDArray[np.float32] | None:
        """An ensemble voice's lean to the other voices' chord (`leans.harmony`)."""
        if self.voice_leading is None or self.is_drum:
            return None
        return leans.harmony(
            len(self.vocab),
            self._pitch_ids,
            self.voice_leading,
            self.position or 0,
            self._previous_top(),
        )

    def _pitch_bias(self, per_pitch: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        bias = np.zeros(len(self.vocab), dtype=np.float32)
        bias[self._pitch_ids] = per_pitch
        return bias

    def _target_bias(self, last: Kind | None) -> npt.NDArray[np.float32] | None:
        targets = self.targets
        if targets.notes is None and targets.onsets is None:
            return None
        bias = np.zeros(len(self.vocab), dtype=np.float32)
        notes, onsets = targets.window(targets.notes), targets.window(targets.onsets)
        if last == Kind.PITCH:
            # Short of a target, long notes would leave no time for the rest: `pull` against
            # a note just longer than its fair share, growing to three times `pull` at three
            # shares (a model sure of a long note took it against a flat pull, and the bar
            # had no room left for the notes asked for).
            longest = self._fair_share(notes[0] if notes else 0, onsets[0] if onsets else 0)
            over = np.clip(self._durations / longest, 1.0, 3.0)
            bias[self._duration_ids] -= targets.pull * over * (self._durations > longest)
            return bias
        if not (last == Kind.VEL or (last == Kind.BAR and self.ids[-1] == self._bar_id)):
            return None
        end = self._end_id
        bias[end] += targets.end_bonus(len(self.note_ends), targets.notes)
        if targets.reached(len(self.note_ends), targets.notes):
            # There already: another note of any kind would overshoot (ending alone was
            # pulled for, and a model in a run of eighths ran on past the count).
            bias[self._pos_ids] -= targets.pull
            bias[self._pitch_ids] -= targets.pull
        if onsets is not None:
            bias[end] += targets.end_bonus(self.onsets, targets.onsets)
            if self.onsets < onsets[0]:
                bias[self._pitch_ids] -= targets.pull / 2
            elif targets.reached(self.onsets, targets.onsets):
                bias[self._pos_ids] -= targets.pull
        if (late := self._late_onsets()) is not None:
            bias[self._pos_ids] -= late
        return bias

    def _late_onsets(self) -> npt.NDArray[np.float32] | None:
        """Short of a soft target, a penalty on each step the next onset could take: none up
        to an even share of the rest of the bar per onset still wanted (one per note still
        wanted, at worst), then `pull` for each share further, up to three times `pull`.

        Why, and not only the pull against ending: a model asked for more notes than it
        planned kept its planned onsets. Shortening its notes (the duration pull) left rests
        where the long notes had been (a note on the downbeat, the next three beats later),
        and when the bar ran out the fill ended short of the count: density asked up was
        obeyed in 5 of 28 cells, rhythm in 3 of 16. Pulling the next onset forward spends the
        bar evenly on the notes asked for; growing with the distance, the pull lets a note
        come a little late but not leave half the bar empty."""
        wanted = self.targets.still_wanted(len(self.note_ends), self.onsets)
        if wanted == 0:
            return None
        first = 0 if self.position is None else self.position + 1
        return leans.late_onsets(self.bar_steps, first, wanted, self.targets.pull)

    def advance(self, token_id: int) -> None:
        """Record a token by id (sampled or forced); raises if the grammar does not allow it."""
        if not 0 <= token_id < len(self._kinds) or not self.mask()[token_id]:
            shown = self.vocab.tokens[token_id] if 0 <= token_id < len(self._kinds) else token_id
            raise TokenizerError(
                QT_TRANSLATE_NOOP("Sampling", "{shown!r} is not allowed after {tokens}").format(
                    shown=shown, tokens=self.tokens[-3:]
                )
            )
        self.ids.append(token_id)
        self._mask = None
        kind, value = self._kinds[token_id], self._values[token_id]
        if kind == Kind.POS:
            self.position = value
            self.pitches_here = set()
            self.onsets += 1
        elif kind == Kind.PITCH:
            self.pending_pitch = value
            self.pitches_here.add(value)
            if self.position is not None:
                self._placed.add((self.position, value))
                # The top of each onset is the voice's line for its voice leading.
                top = self._onset_tops.get(self.position, -1)
                self._onset_tops[self.position] = max(top, value)
                self._onset_pitches.setdefault(self.position, []).append(value)
        elif kind == Kind.DUR and self.position is not None:
            self.note_ends.append(self.position + value)
            self._sounding[self.position : self.position + value] += 1
