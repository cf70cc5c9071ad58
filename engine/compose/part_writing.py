"""Part-writing rules the sampler keeps while a cell is written, chosen from the song around it:
how hard each voice of an ensemble leans to steps, how the parts of a band lead against each
other, and the pulse a style's tune runs in. Each is a soft pull (logit bonuses in
`engine.compose.sampling`), so the model still chooses the notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from engine.compose.fill_context import SongSoFar, voice_leading
from engine.compose.fill_limits import HardConstraints, SoftTargets
from engine.compose.plan import pulse_onsets
from engine.compose.register import BOWED_PROGRAMS
from engine.compose.voice_leading import (
    BAND_LINE_STEP_BONUS,
    BAND_PARALLEL_PENALTY,
    BOWED_OCTAVE_LEAP_PENALTY,
    BOWED_RETURN_BONUS,
    BOWED_TOP_REPEAT_BONUS,
    COMPING_STEP_BONUS,
    HARMONY_BONUS,
    INSTRUMENT_OCTAVE_LEAP_PENALTY,
    INSTRUMENT_STEP_BONUS,
    LINE_RETURN_BONUS,
    LINE_STEP_BONUS,
    OCTAVE_LEAP_PENALTY,
    RUNNING_LINE_OFFBEAT_REPEAT_BONUS,
    RUNNING_LINE_REPEAT_BONUS,
    RUNNING_LINE_STEP_BONUS,
    SUNG_BASS_HARMONY_REACH,
    SUNG_BASS_REPEAT_BONUS,
    SUNG_BASS_RETURN_BONUS,
    SUNG_BASS_STEP_BONUS,
    SUNG_HARMONY_REACH,
    SUNG_OFFBEAT_REPEAT_BONUS,
    SUNG_REPEAT_BONUS,
    SUNG_RETURN_BONUS,
    SUNG_SPACING_PENALTY,
    SUNG_STEP_BONUS,
    SUNG_TOP_REPEAT_BONUS,
    SUNG_UNISON_PENALTY,
    Reach,
    VoiceLeading,
)
from engine.song.song import PPQ, Cell, Note, Song
from engine.song.theory import key_scale, key_tonic

PULSE_PULL = 0.35
"""The unit pull (nats) toward a style's pulse (`engine.compose.plan.pulse_onsets`): a nudge,
not a rule, for reels mix running eighths with quarter notes, dotted figures and triplets.
Held-out reels (20) run in steady eighths in 31% of bars, the Markov chain 32%; new reels
14% without the pull, 25% at 0.3, 36% at 0.35, 38% at 0.4, 79% at 1.0 (20 songs; 10 at 1.0)."""


def with_pulse(
    song: Song, cell: Cell, constraints: HardConstraints, targets: SoftTargets
) -> SoftTargets:
    """A lead line's onsets pulled toward its style's pulse (a reel's running eighths) when
    nothing else counts them: no count asked by the composer, none from the bars around a
    regenerated bar, no hard count of a nudge. Only the first pitched track playing one line
    at a time: the tune, not its accompaniment."""
    if targets.notes is not None or targets.onsets is not None or constraints.max_polyphony != 1:
        return targets
    if constraints.min_onsets or constraints.max_onsets is not None:
        return targets
    if constraints.min_notes > 1 or constraints.max_notes is not None:
        return targets
    pitched = [index for index, track in enumerate(song.tracks) if not track.is_drum]
    if not pitched or cell[0] != pitched[0]:
        return targets
    start, end = song.bar_span(cell[1])
    onsets = pulse_onsets(song.style, (end - start) / PPQ)
    return targets if onsets is None else SoftTargets(onsets=onsets, pull=PULSE_PULL)


def band_parts(song: Song, ensemble: Collection[int]) -> list[int]:
    """The pitched parts of a band, top to bottom: every pitched track outside an ordered
    ensemble, when there are two or more of them (a lead, chords and a bass)."""
    parts = [
        index
        for index, track in enumerate(song.tracks)
        if not track.is_drum and index not in ensemble
    ]
    return parts if len(parts) >= 2 else []


def band_leading(
    so_far: SongSoFar, cell: Cell, band: Sequence[int], constraints: HardConstraints
) -> VoiceLeading:
    """How one part of a band leads against the others: away from parallel fifths and
    octaves with all of them (`BAND_PARALLEL_PENALTY`); a single line and the bass (the
    lowest part, passing by step between its roots) toward steps (`BAND_LINE_STEP_BONUS`), and a
    part that plays chords toward the nearest voicing of its next chord
    (`COMPING_STEP_BONUS`)."""
    song, (track, bar) = so_far.song, cell
    own = so_far.notes(track)
    others = [so_far.notes(other) for other in band if other != track]
    leading = dataclasses.replace(
        voice_leading(own, others, song, bar),
        parallel_penalty=BAND_PARALLEL_PENALTY,
        above=tuple(other < track for other in band if other != track),
    )
    if track == band[-1] or constraints.max_polyphony == 1:
        return dataclasses.replace(leading, step_bonus=BAND_LINE_STEP_BONUS)
    return dataclasses.replace(
        leading, step_bonus=COMPING_STEP_BONUS, chord=_last_chord(own, song.bar_span(bar)[0])
    )


def ensemble_leading(so_far: SongSoFar, cell: Cell, ensemble: Collection[int]) -> VoiceLeading:
    """How one voice of an ensemble (a choir, a quartet, a piano's hands) leads against the
    others: its step, repeat and return pulls, and what unisons, wide spacing and octave leaps
    cost, each by the kind of ensemble (the `ensemble_*` rules below)."""
    song, (track, bar) = so_far.song, cell
    others = sorted(set(ensemble) - {track})
    return dataclasses.replace(
        voice_leading(so_far.notes(track), [so_far.notes(other) for other in others], song, bar),
        step_bonus=ensemble_step_bonus(song, track, ensemble),
        repeat_bonus=ensemble_repeat_bonus(song, track, ensemble),
        offbeat_repeat_bonus=ensemble_offbeat_repeat_bonus(song, cell, ensemble),
        return_bonus=ensemble_return_bonus(song, track, ensemble),
        unison_penalty=ensemble_unison_penalty(song, ensemble),
        spacing_penalty=ensemble_spacing_penalty(song, track, ensemble),
        octave_leap_penalty=ensemble_octave_leap_penalty(song, ensemble),
        above=tuple(other < track for other in others),
        harmony_bonus=HARMONY_BONUS,
        harmony_reach=ensemble_harmony_reach(song, track, ensemble),
        harmony_key=harmony_key(song, bar),
    )


def ensemble_harmony_reach(song: Song, track: int, ensemble: Collection[int]) -> Reach:
    """How far the chord's pull reaches from one voice's last pitch: a choir's voices reach for
    a chord tone by step (`SUNG_HARMONY_REACH`, its bass `SUNG_BASS_HARMONY_REACH`); any other
    ensemble's voices are pulled the same at every distance."""
    if not is_sung(song, ensemble):
        return ()
    return SUNG_BASS_HARMONY_REACH if track == max(ensemble) else SUNG_HARMONY_REACH


def harmony_key(song: Song, bar: int) -> frozenset[int] | None:
    """The tones an ensemble's chords keep to in a bar (`VoiceLeading.harmony_key`): its key
    signature's scale, a minor key's with its leading tone as well (its dominant is major);
    None in a song without a key signature."""
    key = song.key_at(song.bar_span(bar)[0])
    if key is None:
        return None
    if key.mode == "minor":
        return key_scale(key) | {(key_tonic(key) + 11) % 12}
    return key_scale(key)


def _last_chord(notes: Sequence[Note], before: int) -> tuple[int, ...]:
    """The pitches of the last onset before a tick (none when nothing was played before)."""
    earlier = [note for note in notes if note.start_tick < before]
    if not earlier:
        return ()
    last = max(note.start_tick for note in earlier)
    return tuple(sorted(note.pitch for note in earlier if note.start_tick == last))


SUNG_PROGRAMS = range(52, 55)
"""General MIDI's choir, voice oohs and synth voice: an ensemble of these is sung."""


def is_sung(song: Song, ensemble: Collection[int]) -> bool:
    """Whether every voice of an ensemble is sung (`SUNG_PROGRAMS`): a choir."""
    return all(song.tracks[other].program in SUNG_PROGRAMS for other in ensemble)


def ensemble_step_bonus(song: Song, track: int, ensemble: Collection[int]) -> float:
    """How hard one voice of an ensemble leans to steps: a sung ensemble's upper voices the
    most and its bass a little less (`SUNG_STEP_BONUS`, `SUNG_BASS_STEP_BONUS`), an instrumental
    ensemble's voices the least (`INSTRUMENT_STEP_BONUS`)."""
    if not is_sung(song, ensemble):
        return INSTRUMENT_STEP_BONUS
    return SUNG_BASS_STEP_BONUS if track == max(ensemble) else SUNG_STEP_BONUS


def is_bowed(song: Song, ensemble: Collection[int]) -> bool:
    """Whether every voice of an ensemble is a bowed string (`BOWED_PROGRAMS`): a quartet."""
    return all(song.tracks[other].program in BOWED_PROGRAMS for other in ensemble)


def ensemble_repeat_bonus(song: Song, track: int, ensemble: Collection[int]) -> float:
    """How one voice of an ensemble leans to sounding its previous pitch again (on the beat:
    `ensemble_offbeat_repeat_bonus`): a sung ensemble's upper voices keep their common tones
    (`SUNG_REPEAT_BONUS`, its soprano `SUNG_TOP_REPEAT_BONUS`) and its bass moves on
    (`SUNG_BASS_REPEAT_BONUS`); the top part of bowed strings repeats a little more
    (`BOWED_TOP_REPEAT_BONUS`); any other voice is left to the model."""
    if is_sung(song, ensemble):
        if track == max(ensemble):
            return SUNG_BASS_REPEAT_BONUS
        return SUNG_TOP_REPEAT_BONUS if track == min(ensemble) else SUNG_REPEAT_BONUS
    if is_bowed(song, ensemble) and track == min(ensemble):
        return BOWED_TOP_REPEAT_BONUS
    return 0.0


def ensemble_offbeat_repeat_bonus(
    song: Song, cell: Cell, ensemble: Collection[int]
) -> float | None:
    """How one voice of an ensemble leans to sounding its previous pitch again off the beat
    (between quarter notes): a choir's upper voices are held off it (`SUNG_OFFBEAT_REPEAT_BONUS`),
    keeping their common tones on the beat; None (as on the beat) for any other voice, and in
    compound time, whose beats are not quarters."""
    track, bar = cell
    if is_sung(song, ensemble) and track != max(ensemble) and not in_compound_time(song, bar):
        return SUNG_OFFBEAT_REPEAT_BONUS
    return None


def ensemble_return_bonus(song: Song, track: int, ensemble: Collection[int]) -> float:
    """How one voice of an ensemble leans to going back to the pitch it sounded two notes
    before: a sung ensemble's voices are held off it (`SUNG_RETURN_BONUS`,
    `SUNG_BASS_RETURN_BONUS`), and a little those of bowed strings (`BOWED_RETURN_BONUS`);
    any other ensemble's voices (a piano's hands) are left to the model."""
    if is_sung(song, ensemble):
        return SUNG_BASS_RETURN_BONUS if track == max(ensemble) else SUNG_RETURN_BONUS
    if is_bowed(song, ensemble):
        return BOWED_RETURN_BONUS
    return 0.0


def ensemble_unison_penalty(song: Song, ensemble: Collection[int]) -> float:
    """What sounding another voice's pitch costs a voice of an ensemble: a sung ensemble's
    voices keep apart (`SUNG_UNISON_PENALTY`); a string quartet's double each other freely
    (the held-out quartets' violins sound one pitch at 19-22% of their shared sixteenths)."""
    if not is_sung(song, ensemble):
        return 0.0
    return SUNG_UNISON_PENALTY


def ensemble_spacing_penalty(song: Song, track: int, ensemble: Collection[int]) -> float:
    """What lying far below the voice above costs a voice of an ensemble: a sung ensemble's
    inner voices keep close (`SUNG_SPACING_PENALTY`), its bass may lie an octave and more
    under the tenor as Bach's do (20% of the time), its top voice has none above; an
    instrumental ensemble's parts are spaced as the model writes them."""
    if not is_sung(song, ensemble) or track in (min(ensemble), max(ensemble)):
        return 0.0
    return SUNG_SPACING_PENALTY


def ensemble_octave_leap_penalty(song: Song, ensemble: Collection[int]) -> float:
    """What a leap over an octave costs a voice of an ensemble: less in an instrumental one
    (`INSTRUMENT_OCTAVE_LEAP_PENALTY`), and a little is given in one of bowed strings
    (`BOWED_OCTAVE_LEAP_PENALTY`), which leap by octaves where singers do not."""
    programs = [song.tracks[other].program for other in ensemble]
    if all(program in SUNG_PROGRAMS for program in programs):
        return OCTAVE_LEAP_PENALTY
    if all(program in BOWED_PROGRAMS for program in programs):
        return BOWED_OCTAVE_LEAP_PENALTY
    return INSTRUMENT_OCTAVE_LEAP_PENALTY


def line_step_bonus(song: Song, bar: int) -> float:
    """How hard a single line (a fiddle tune, a sung melody alone) leans to steps: only a
    little where it runs (`runs_in_pulse`: a reel's eighths, scale runs by themselves:
    `RUNNING_LINE_STEP_BONUS`), else `LINE_STEP_BONUS` (a jig's 6/8, whose groups of three
    turn on arpeggios, and a line with no pulse)."""
    return RUNNING_LINE_STEP_BONUS if runs_in_pulse(song, bar) else LINE_STEP_BONUS


def line_return_bonus(song: Song, bar: int) -> float:
    """How a single line leans to going back to the pitch it sounded two notes before:
    held off it (`LINE_RETURN_BONUS`) unless it runs (`runs_in_pulse`), whose scale runs
    turn by neighbour notes."""
    return 0.0 if runs_in_pulse(song, bar) else LINE_RETURN_BONUS


def line_leading(so_far: SongSoFar, cell: Cell) -> VoiceLeading:
    """How a single line (a fiddle tune, a sung melody alone) leads from its own notes: its
    step, repeat and return pulls, by whether it runs in its style's pulse (`runs_in_pulse`)."""
    song, (track, bar) = so_far.song, cell
    return dataclasses.replace(
        voice_leading(so_far.notes(track), [], song, bar),
        step_bonus=line_step_bonus(song, bar),
        repeat_bonus=line_repeat_bonus(song, bar),
        return_bonus=line_return_bonus(song, bar),
        offbeat_repeat_bonus=line_offbeat_repeat_bonus(song, bar),
    )


def line_repeat_bonus(song: Song, bar: int) -> float:
    """How a single line leans to sounding its last pitch again: a little where it runs
    (`runs_in_pulse`: `RUNNING_LINE_REPEAT_BONUS`), left to the model elsewhere."""
    return RUNNING_LINE_REPEAT_BONUS if runs_in_pulse(song, bar) else 0.0


def line_offbeat_repeat_bonus(song: Song, bar: int) -> float | None:
    """How a single line leans to sounding its last pitch again off the beat: held off it
    where it runs (`runs_in_pulse`: `RUNNING_LINE_OFFBEAT_REPEAT_BONUS`), whose repeats fall on
    the beat; None (as on the beat) elsewhere (a jig's groups of three)."""
    return RUNNING_LINE_OFFBEAT_REPEAT_BONUS if runs_in_pulse(song, bar) else None


def runs_in_pulse(song: Song, bar: int) -> bool:
    """Whether a single line's bar runs in its style's pulse in simple time (a reel's eighths
    in 4/4), not in a compound meter's groups of three."""
    start, end = song.bar_span(bar)
    return pulse_onsets(song.style, (end - start) / PPQ) is not None and not in_compound_time(
        song, bar
    )


def in_compound_time(song: Song, bar: int) -> bool:
    """Whether a bar's meter is compound (6/8, 9/8, 12/8): its beats are dotted quarters."""
    meter = song.time_signature_at(song.bar_span(bar)[0])
    return meter.denominator == 8 and meter.numerator % 3 == 0
