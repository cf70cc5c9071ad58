"""What a fill leans to as it is written: the musical pulls the sampler adds to the model's
logits (`engine.compose.sampling.FillGrammar.bias`), each a few nats for some pitch classes or
onset steps, so the model still chooses among them.

Kept apart from the grammar, which says what may come next, because these say only what is
preferred: the planned chord on a strong beat, a bass naming its chord's root, a regenerated
bar echoing its phrase's tones and the rhythm of the bars around it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from engine.compose.vocab import STEPS_PER_QUARTER
from engine.compose.voice_leading import (
    SUNG_SPACING_SEMITONES,
    Reach,
    VoiceLeading,
    sounding_pitch,
)
from engine.song.drums import CRASHES, TOMS
from engine.song.theory import chord_completions, chord_root

Bias = npt.NDArray[np.float32]

BEAT_CHORD_BONUS = 2.0
"""Log-odds added to a planned chord's tones for a melody note on a strong beat. A chord
pulled for at every note, and named as the bar's pitch classes, made new fiddle tunes
arpeggiate: steps fell from 49% of moves to 13% (the corpus: 61%); pulled on every beat, 32%
for reels; on the strong beats, 44%."""

BASS_ROOT_BONUS = 2.0
"""Log-odds added to the planned chord's root for a bass note on a strong beat
(`engine.compose.sampling.FillGrammar.bass_root`), on top of the chord pull every note of an
accompanying part has. A band bass pulled to all of its chord's tones alike landed on the root or
the fifth at 43-74% of strong beats (pop 56%, latin 43%): the third and seventh as often as the
root, where a bassist plays the root on the downbeat to name the chord."""

BASS_DOWNBEAT_ROOT_BONUS = 6.0
"""Log-odds added to the root of a band bass's planned or named chord on the bar's downbeat, in
place of `BASS_ROOT_BONUS`: a bassist names each chord as it comes. At 2.0, new basses of eight
band styles sounded their planned root on 61-78% of the downbeats they sounded on, holding the
tonic over the chord before as the third of vi or the fifth of IV (a pop song in G: G2 under
every Em and most C bars for 16 bars); at 6.0 (with `pumps`), 93-98% (`python -m
benchmarks.band_bass`); at 4.0, 81-89% in pop, rock, hip hop and latin."""

BASS_FIFTH_BONUS = 0.5
"""Log-odds added to the chord's fifth for a bass note on a strong beat: a bassist's second
choice (the alternating root-fifth of country, reggae and bossa figures)."""

ECHO_TONE_BONUS = 1.5
"""Log-odds added, for a note of a cell that echoes its phrase's parallel bar
(`engine.compose.sampling.FillGrammar.echo_tones`), to each of that bar's pitch classes the cell has
not played yet. Asked for those pitch classes through its control tokens and the chord pull alone,
the model wrote the phrase's bar with two or three of its five tones, repeating them (a reel bar of
C A G E D came back as D D D D E D D): the cell shared 0.61 of its pitch classes with the held-out
bar where copying the parallel bar shares 0.81. With this, 0.76 (reels, the 142 of 200 held-out
cells that have a parallel bar); over every cell, fiddle tunes 0.49 -> 0.57 and reels 0.57 -> 0.68,
against 0.43 and 0.57 for a copy of the bar before (`python -m benchmarks.musicality_infill --works
30 --cells 200`). 3.0 took reels to 0.80 of the parallel bar's 0.81, all but a copy of it."""

ONSET_ECHO_BONUS = 2.0
"""Log-odds added, for the next onset of a cell between written bars of its part, to each step where
both bars around it start a note, or the bar it echoes in a repeated phrase (half as much where one
of the two bars around it does): `engine.compose.sampling.FillGrammar.echo_onsets`. A copy of the
bar before keeps the rhythm a figure repeats, and came nearer the held-out bar's onsets than the
model's bars, which varied it: in quartets the copy 0.58, the model 0.46-0.51 before this and
0.51-0.54 with it (onset Jaccard, three seeds); in chorales 0.53, and the model 0.54-0.57 before,
0.56-0.58 with it (`python -m benchmarks.musicality_infill --cells 200 --seed S`). 1.0 moved the
quartets less (0.50), 3.0 no further (0.54)."""

TONIC_RELEASE = 2.0
"""How much of the melody's tonic pull (`engine.compose.decode.tonic_bonus`) is taken from the
tonic for a note right after the tonic (`engine.compose.sampling.FillGrammar.tonic_pull`):
twice it, so a tune comes back to its tonic rather than sitting on it. Pulled to the tonic at
every note, new reels repeated the note before at 29% of their onsets and put 45% of them on one
pitch, the tonic (held-out reels 9% and 21%; `benchmarks.musicality_measures.repeated_notes`,
`commonest_pitch`); fiddle tunes 21% and 42% (human 11% and 23%). `--songs 30`, seeds 0 and
30: with the pull taken back once (1.0), reels 17-18% and 37-40%, fiddle tunes 14% and 34-35%,
still mostly the tonic repeated; twice, reels 12% and 32-35%, fiddle tunes 10-11% and 31-32%,
heard in their key in 29 and 29 of 30 songs (reels; 30 and 30 with no release) and 30 and 29
(fiddle tunes; 30 and 28). Released for the rest of the bar once it had sounded its tonic,
the tunes droned less than at 1.0 but only 24-28 of 30 reels were heard in their key."""


KIT_COLOUR_PENALTY = 1.0
"""Log-odds taken from the toms and the crash cymbals in a drum track of a style whose accents
are sparse (`engine.compose.plan.StylePlan.sparse_accents`): a groove is kick, snare and hi-hat
or ride, with a tom fill or a crash now and then. Groove MIDI's held-out pop and funk drummers
put 1% of their hits on toms and none on crashes, its rock drummers 7% and 2%; new pop, rock
and funk songs (6 each) 11-16% and 5-6%, a tom or a cymbal in nearly every bar. With this,
3-8% and 1-2%; in the band benchmark (10 songs a style) toms and crashes together pop 5%, funk
3%, reggae 27% (50% without; Groove MIDI's reggae drummers 13%), jazz 7% (23%; 11%)."""


WALK_REPEAT_BONUS = -3.0
"""Log-odds taken from a walking bass's last pitch (a new song's band bass whose style's rhythm
starts its notes a quarter or more apart: jazz's walk, country's and Chinese root and fifth).
The arranger's walks and root-fifth lines, which the model learned bands from, repeat 3-4% of
their notes; new ones repeated 45% (jazz), 56% (country) and 58% (Chinese) of their onsets,
one pitch for a bar at a time. At -3.0, 7%, 24% and 28%, the bass on its chord's root or fifth
on the strong beats 69% -> 71%, 92% -> 87% and 78% -> 72%, every song in its key; at -2.0, 15%,
39% and 33% (`python -m benchmarks.musicality --songs 10 --cells 0 --presets
jazz,country,chinese`)."""


WALK_RETURN_BONUS = -2.0
"""Log-odds taken from the pitch a walking bass (`walks`) sounded two notes before: a walk
goes somewhere, stepping or leaping through its chord to the next root. Kept off its last
pitch alone (`WALK_REPEAT_BONUS`), new jazz basses swung between two neighbours (G2 F2 G2 F2,
F2 E2 F2 E2)."""


def walking(leading: VoiceLeading) -> VoiceLeading:
    """A walking bass's voice leading: off its last pitch and the one before it."""
    return dataclasses.replace(
        leading, repeat_bonus=WALK_REPEAT_BONUS, return_bonus=WALK_RETURN_BONUS
    )


def walks(rhythm: frozenset[int] | None) -> bool:
    """Whether a bass rhythm (`engine.compose.plan.bass_steps`) starts its notes on the beat a
    quarter or more apart: a walk or a root-fifth line, whose notes move (`WALK_REPEAT_BONUS`).
    A house bass's offbeats pump its root."""
    if not rhythm or 0 not in rhythm:
        return False
    steps = sorted(rhythm)
    return all(later - earlier >= STEPS_PER_QUARTER for earlier, later in pairwise(steps))


def pumps(rhythm: frozenset[int] | None) -> bool:
    """Whether a band bass with this rhythm (`engine.compose.plan.bass_steps`) stays on its
    chord's root through the bar: any that does not walk (`walks`), pumping eighths, reggae's,
    bossa's and funk's figures. Its root is raised at every onset (`BASS_ROOT_BONUS`), not only
    on the strong beats: so raised only there, new pop, rock and hip hop basses put 59-63% of
    their onsets on their planned chord's root and went back to the tonic after the downbeat (a
    pop song in G: E2 G2 G2 G2 G2 G2 G2 under Em); raised at every onset, 79-86%."""
    return bool(rhythm) and not walks(rhythm)


def kit_colour(size: int, pitch_ids: npt.NDArray[np.int64]) -> Bias:
    """A bias over a vocabulary of `size` tokens lowering the toms and crash cymbals (GM keys,
    `pitch_ids` by key) by `KIT_COLOUR_PENALTY`."""
    bias = np.zeros(size, dtype=np.float32)
    bias[pitch_ids[np.array(sorted(TOMS | CRASHES))]] = -KIT_COLOUR_PENALTY
    return bias


def late_onsets(bar_steps: int, first: int, wanted: int, pull: float) -> npt.NDArray[np.float32]:
    """Per step of a bar `bar_steps` long, the penalty on the next onset (which can come from
    step `first` on) of a fill still `wanted` onsets short of its count: none up to an even
    share of the rest of the bar per onset wanted, then `pull` per share further, up to three
    times `pull` (`engine.compose.sampling.FillGrammar` says why)."""
    share = max(1, (bar_steps - first) // wanted)
    late = (np.arange(bar_steps) - (first - 1 + share)) / share
    return (pull * np.clip(late, 0.0, 3.0)).astype(np.float32)


def pitch_classes(
    size: int, pitch_ids: npt.NDArray[np.int64], bonuses: Mapping[int, float]
) -> Bias:
    """A bias over a vocabulary of `size` tokens raising every Pitch token (`pitch_ids`, by
    MIDI pitch) of each pitch class in `bonuses` by its bonus."""
    bias = np.zeros(size, dtype=np.float32)
    classes = np.arange(len(pitch_ids)) % 12
    for pitch_class, bonus in bonuses.items():
        bias[pitch_ids[classes == pitch_class]] = bonus
    return bias


def root_and_fifth(root: int, on_downbeat: bool = False) -> dict[int, float]:
    """A bass's strong-beat lean: its chord's root, and the fifth above it less; an asked
    chord's root by `BASS_DOWNBEAT_ROOT_BONUS` `on_downbeat`."""
    bonus = BASS_DOWNBEAT_ROOT_BONUS if on_downbeat else BASS_ROOT_BONUS
    return {root: bonus, (root + 7) % 12: BASS_FIFTH_BONUS}


def root_sounding(others: Sequence[Sequence[tuple[int, int, int]]], step: int) -> int | None:
    """The root (`chord_root`) of the pitch classes the other parts' notes, (start step, end
    step, pitch), sound at `step`; None where they sound fewer than two (one is no chord)."""
    classes = sounding_classes(others, step)
    return chord_root(classes) if len(classes) >= 2 else None


def sounding_classes(others: Sequence[Sequence[tuple[int, int, int]]], step: int) -> frozenset[int]:
    """The pitch classes the other parts' notes, (start step, end step, pitch), sound at
    `step`."""
    return frozenset(
        pitch % 12 for notes in others for start, end, pitch in notes if start <= step < end
    )


def harmony_tones(
    others: Sequence[Sequence[tuple[int, int, int]]], step: int, key: frozenset[int] | None
) -> frozenset[int] | None:
    """The pitch classes a voice's note at `step` may take to keep the other voices' sounding
    notes (start step, end step, pitch) one chord (`engine.song.theory.chord_completions`,
    within `key` where given); None where they sound fewer than two pitch classes (no chord to
    keep) or ones no chord holds (a passing tone already clashes)."""
    classes = sounding_classes(others, step)
    if len(classes) < 2:
        return None
    return chord_completions(classes, key) or None


def harmony(
    size: int,
    pitch_ids: npt.NDArray[np.int64],
    leading: VoiceLeading,
    position: int,
    previous: int | None,
) -> Bias | None:
    """A bias over a vocabulary of `size` tokens for an ensemble voice's note at `position`
    (a step of the bar): on a beat, each Pitch token of a tone that keeps what the other voices
    sound there one chord (`harmony_tones`) raised by `leading.harmony_bonus`, weighed by its
    distance from `previous` where the voice has a reach (`VoiceLeading.harmony_reach`); None
    between beats, for a voice without the pull, or where there is no chord to keep.

    A voice held off its last pitch (`previous`; a choir's bass, whose repeat bonus is below
    zero) is not pulled back to it: its last note is so often a tone of the next chord that the
    pull had new chorales' basses repeat 5-8% of their onsets, Bach's 3%."""
    if not leading.harmony_bonus or position % STEPS_PER_QUARTER:
        return None
    tones = harmony_tones(leading.others, position, leading.harmony_key)
    if tones is None:
        return None
    bias = pitch_classes(size, pitch_ids, dict.fromkeys(tones, leading.harmony_bonus))
    if previous is None:
        return bias
    if leading.harmony_reach:
        bias[pitch_ids] *= reach_weights(leading.harmony_reach, len(pitch_ids), previous)
    if leading.repeat_bonus < 0:
        bias[pitch_ids[previous]] = 0.0
    return bias


def reach_weights(reach: Reach, count: int, previous: int) -> npt.NDArray[np.float32]:
    """Each of `count` pitches' weight under `reach` by its distance from `previous`: the
    weight of the first (semitones, weight) pair it lies within, 0 beyond the last."""
    distance = np.abs(np.arange(count) - previous)
    weights = np.zeros(count, dtype=np.float32)
    for semitones, weight in reversed(reach):
        weights[distance <= semitones] = weight
    return weights


CHORD_STACK_BONUS = 5.0
"""Log-odds added to every pitch after a note of a chord part's onset while the onset holds
fewer notes than its chord has tones, and taken from them once it holds one more
(`chord_size`). The band training songs' chord parts play a triad at nearly every onset (a
seventh chord in jazz and lo-fi), but the model, asked for more notes at once through its
`Poly_` control, still wrote one note at nearly every onset of a new pop piano."""


def chord_size(
    size: int, pitch_ids: npt.NDArray[np.int64], notes_here: int, chord_notes: int
) -> Bias | None:
    """A bias on every Pitch token after a note of a chord part's onset: `CHORD_STACK_BONUS`
    while the onset has fewer than `chord_notes`, none when it has as many (a doubled tone is
    the model's choice), and minus it for each note more: a fill short of its note count at
    the bar's last step, with no onset left, had stacked twelve one-step notes there."""
    if notes_here == chord_notes:
        return None
    lean = CHORD_STACK_BONUS * (1 if notes_here < chord_notes else chord_notes - notes_here)
    bias = np.zeros(size, dtype=np.float32)
    bias[pitch_ids] = lean
    return bias


OFF_RHYTHM_PENALTY = 8.0
"""Log-odds taken from each step off a new song's band bass's rhythm (its style's `bass` in
`presets/styles.toml`) as its next onset is chosen. The model is sure of its own bass rhythm, a
run of sixteenths: new jazz basses (3 songs of 8 bars) started 61% of their notes on a beat at
2 nats against the other steps, 73% at 4, 85% at 6, 92% at 8 and all at 12; pop basses 77%,
94%, 99%, 99% and 100% on an eighth. At 8 a bass still adds a note off its pattern now and
then, as bassists do."""


def off_rhythm(size: int, pos_ids: npt.NDArray[np.int64], rhythm: frozenset[int]) -> Bias:
    """A read-only bias lowering the Pos token of every step not in `rhythm` by
    `OFF_RHYTHM_PENALTY`: built once per fill (`engine.compose.sampling.FillGrammar`), it is
    added at every onset the fill chooses."""
    bias = np.zeros(size, dtype=np.float32)
    off = [step for step in range(len(pos_ids)) if step not in rhythm]
    bias[pos_ids[off]] = -OFF_RHYTHM_PENALTY
    bias.setflags(write=False)
    return bias


def onset_echo(
    size: int, pos_ids: npt.NDArray[np.int64], echo_onsets: Sequence[tuple[int, int]]
) -> Bias:
    """A bias raising the Pos token of each echoed step, (step, how many bars start a note
    there, up to 2), by `ONSET_ECHO_BONUS` per two bars."""
    bias = np.zeros(size, dtype=np.float32)
    for step, shared in echo_onsets:
        if 0 <= step < len(pos_ids):
            bias[pos_ids[step]] = ONSET_ECHO_BONUS * shared / 2
    return bias


def before_previous(tops: Sequence[int], previous: tuple[int, int] | None) -> int | None:
    """The pitch a line sounded two onsets before the one being written: from the fill's own
    onsets (`tops`, their top pitches in order), else the line's last note before the bar
    (`previous`, step and pitch) where the fill has one onset; None where it has none."""
    if len(tops) >= 2:
        return tops[-2]
    return previous[1] if tops and previous is not None else None


def voice_leading(
    leading: VoiceLeading,
    previous: tuple[int, int],
    position: int,
    chord: Sequence[int],
    pitches_here: bool,
    *,
    two_back: int | None = None,
) -> npt.NDArray[np.float32]:
    """Per MIDI pitch, for a voice's next note at `position` after its note `previous` (step,
    pitch): against parallel fifths, octaves and unisons with the other voices (both moving,
    the same way, to the same perfect interval), and for a step from the previous note (from
    the nearest note of `chord` for a part that plays chords). `pitches_here`: the onset has a
    note already, so only its lowest met the part above. `two_back`: the pitch before
    `previous`, which gets `leading.return_bonus`."""
    then, mine = previous
    candidates = np.arange(128)
    per_pitch = np.zeros(128, dtype=np.float32)
    moving = candidates != mine
    bottom = min(chord) if chord else mine
    above = leading.above
    for index, other in enumerate(leading.others):
        upper = index < len(above) and above[index]
        if upper and pitches_here:
            continue  # only the onset's lowest note meets the part above
        own = bottom if upper else mine
        # What the other voice sounds just before this note: the last point at which a
        # listener (and the benchmark) hears the two voices together before they move.
        before = sounding_pitch(other, position - 1, upper)
        if before is None:
            before = sounding_pitch(other, then, upper)
        now = sounding_pitch(other, position, upper)
        if before is None or now is None or before == now:
            continue
        interval = abs(own - before) % 12
        if interval not in (0, 7):
            continue
        same_way = np.sign(candidates - own) == np.sign(now - before)
        parallel = (candidates != own) & same_way & (np.abs(candidates - now) % 12 == interval)
        per_pitch[parallel] -= leading.parallel_penalty
    if leading.unison_penalty and not pitches_here:
        for index, other in enumerate(leading.others):
            upper = index < len(above) and above[index]
            sounding = sounding_pitch(other, position, not upper)
            if sounding is not None:
                per_pitch[sounding] -= leading.unison_penalty
    if leading.spacing_penalty and not pitches_here:
        per_pitch -= _spacing(leading, position, candidates)
    if leading.chord:
        nearest = np.abs(candidates[:, None] - np.array(chord)[None, :]).min(axis=1)
        per_pitch[nearest <= 2] += leading.step
        return per_pitch
    per_pitch[(np.abs(candidates - mine) <= 2) & moving] += leading.step
    offbeat = leading.offbeat_repeat_bonus is not None and position % STEPS_PER_QUARTER
    per_pitch[mine] += leading.offbeat_repeat_bonus if offbeat else leading.repeat_bonus
    if two_back is not None and two_back != mine:
        per_pitch[two_back] += leading.return_bonus
    per_pitch[np.abs(candidates - mine) > 12] -= leading.octave_leap_penalty
    return per_pitch


def _spacing(
    leading: VoiceLeading, position: int, candidates: npt.NDArray[np.int64]
) -> npt.NDArray[np.float32]:
    """`leading.spacing_penalty` per semitone each candidate lies more than
    `SUNG_SPACING_SEMITONES` below the lowest pitch the voice directly above sounds at
    `position`; nothing when that voice is silent there."""
    uppers = [other for other, upper in zip(leading.others, leading.above, strict=False) if upper]
    if not uppers:
        return np.zeros(len(candidates), dtype=np.float32)
    sounding = sounding_pitch(uppers[-1], position, highest=False)
    if sounding is None:
        return np.zeros(len(candidates), dtype=np.float32)
    beyond = np.clip(sounding - SUNG_SPACING_SEMITONES - candidates, 0, None)
    return (leading.spacing_penalty * beyond).astype(np.float32)
