"""A note's control frames shaped to the note: its sustain continued past the model's window,
its release placed after the real note-off and run down to silence, and its silent end cut off
before synthesis. Pure numpy on control frames (control units are decibels scaled: one unit
is `UNIT_DB` dB, so an exponential decay is a straight line), deterministic.

Why it is needed: the timbre model writes a fixed window of frames (`TimbreModel.frames`, 2.56 s
at 50 Hz) for a note held `generated_seconds` (at most 0.8 of the window; it learned from notes
held 0.5 s and 2 s, rendered by FluidSynth into that window). A longer note would either end at
the window or, stretched, slow the sustain's movement; a long release (pads, choir) is cut by
the window's end; and the model's near-silent last frames are a faint tail that lingers
seconds after the sound has died away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    FLOOR_DB,
    HARMONIC_COUNT,
    LAYOUT,
    Audio,
    Frames,
    midi_to_hz,
    noise_band_edges_hz,
)

__all__ = [
    "LOOP_FRAMES",
    "RELEASE_END_DB",
    "Decay",
    "apply_decay",
    "continue_sustain",
    "end_cut_release",
    "extend_release",
    "frame_levels_db",
    "shape_frames",
]

UNIT_DB = -FLOOR_DB / 2
"""Decibels per control unit (50 dB)."""
RELEASE_END_DB = -60.0
"""Where a release is over, re the note's peak (RT60): frames continue to below it."""
SYNTH_END_DB = -75.0
"""Frames after the release falls this far below the peak (and stays there) are not
synthesized: a margin under `RELEASE_END_DB`, which the audio ends at
(`engine.sound.note_frames.end_tail`), for the frame levels being an estimate."""
LOOP_FRAMES = 50
"""The longest stretch of sustain (1 s) repeated to hold a note past the model's window."""
LEVEL_OFF_FRAMES = 75
"""How fast a continued sustain's trend levels off (1.5 s time constant): it falls at most
this many frames' worth of its fitted slope in all."""
CROSSFADE_FRAMES = 10
"""Frames (0.2 s) over which each repeat fades into the next."""
DECAY_FIT_SKIP = 2
"""Release frames right after the note-off left out of the decay fit (the model smooths the
turn from sustain to release over a frame or two)."""
MIN_DECAY_FIT_FRAMES = 4
CUT_DB = 20.0
"""A release that falls this far in one frame into silence was cut, not faded
(`end_cut_release`)."""
MAX_DECAY_DB_PER_FRAME = 3.0
"""The fastest a continued release falls (150 dB/s): a release that dropped fast to a faint
floor fades from there over a few frames, not in one step (which would be a cut)."""


def frame_levels_db(
    frames: Frames, pitch: float, *, is_drum: bool = False
) -> npt.NDArray[np.float32]:
    """Each frame's estimated power in dB (harmonics below the analysis band's top plus the
    noise bands, each band's white noise weighted by its share of the band): what the synth
    makes of the frame, without synthesizing it."""
    weights = np.zeros(CHANNEL_COUNT, dtype=np.float32)
    weights[LAYOUT.noise] = np.diff(noise_band_edges_hz()) / (ANALYSIS_RATE_HZ / 2)
    if not is_drum:
        audible = np.arange(1, HARMONIC_COUNT + 1) * midi_to_hz(pitch) < ANALYSIS_RATE_HZ / 2
        weights[LAYOUT.harmonics] = 0.5 * audible  # a sine of amplitude a has power a^2 / 2
    # Power straight from control units (`unit_to_amplitude` squared); the floor is silence.
    power = np.exp(np.float32(UNIT_DB / 10 * np.log(10)) * (frames - np.float32(1)))
    power[frames <= -1.0 + 1e-6] = 0.0
    levels: npt.NDArray[np.float32] = np.float32(10) * np.log10(
        np.maximum(power @ weights, np.float32(1e-20))
    )
    return levels


def continue_sustain(frames: Frames, held: int, wanted: int, attack: int) -> Frames:
    """Hold a note for `wanted` frames where the model held it `held`: the last stretch of the
    sustain (up to `LOOP_FRAMES`) repeats with crossfades, on top of its own trend (a
    per-channel straight line in dB, never rising), so the harmonics keep their slow movement
    instead of freezing or slowing down. Past the model's frames the trend levels off over
    `LEVEL_OFF_FRAMES` (a decay heads for a sustain level the window does not show: a piano
    held 6 s keeps fading, but not to nothing). The release frames after `held` follow,
    shifted by the trend's drop over the added frames."""
    if wanted <= held or held <= attack + 1:
        return frames
    sustain = frames[attack:held].astype(np.float64)
    length = min(len(sustain), LOOP_FRAMES)
    segment = sustain[-length:]  # (L, C)
    times = np.arange(length, dtype=np.float64)
    centred = times - times.mean()
    slope = np.minimum(0.0, centred @ (segment - segment.mean(axis=0)) / (centred @ centred))
    slope[LAYOUT.contour] = 0.0  # the pitch loops as it moved (vibrato); it has no decay
    residual = segment - times[:, None] * slope  # (L, C): the segment with its trend removed
    added = wanted - held
    looped = _repeat(residual, length + added)  # (L + added, C); its first L frames are kept
    beyond = np.arange(1, added + 1, dtype=np.float64)
    trend = np.concatenate(
        [times, length - 1 + LEVEL_OFF_FRAMES * -np.expm1(-beyond / LEVEL_OFF_FRAMES)]
    )
    held_part = np.clip(looped + trend[:, None] * slope, -1.0, 1.0)
    drop = (trend[-1] - (length - 1)) * slope  # (C,)
    release = np.clip(frames[held:] + drop, -1.0, 1.0)
    return np.concatenate([frames[: held - length], held_part, release]).astype(np.float32)


def _repeat(segment: npt.NDArray[np.float64], total: int) -> npt.NDArray[np.float64]:
    """`segment` (L, C) repeated to `total` frames: copies every L - X frames, each fading in
    over the last X frames of the one before (linear ramps that sum to one)."""
    length = len(segment)
    fade = max(1, min(CROSSFADE_FRAMES, length // 3))
    period = length - fade
    ramp = (np.arange(fade, dtype=np.float64) + 0.5) / fade  # (X,)
    out = np.zeros((total + length, segment.shape[1]))
    for start in range(0, total, period):
        copy = segment.copy()
        if start:
            copy[:fade] *= ramp[:, None]
        if start + period < total:
            copy[-fade:] *= ramp[::-1, None]
        out[start : start + length] += copy
    return out[:total]


@dataclass(frozen=True, slots=True)
class Decay:
    """A release continued past the model's frames: from frame `start` on, the audio falls
    `db_per_frame` every frame (its last frame's spectrum held, the level decaying)."""

    start: int
    db_per_frame: float


def extend_release(
    frames: Frames,
    note_off: int,
    budget: int,
    levels: npt.NDArray[np.float32],
) -> tuple[Frames, Decay | None]:
    """Run a release the window cut short down to silence: while its last frames are above
    `SYNTH_END_DB` re the note's peak (`levels`, from `frame_levels_db`), the last frame is
    held and the sound decays at the release's own rate (a straight line in dB fitted to the
    frames after the note-off, as a SoundFont's release is), steepened if needed to get there
    within `budget` frames, at most `MAX_DECAY_DB_PER_FRAME`. The decay is a gain on the
    audio (`Decay`), not on the frames: near-silent channels sit at the control floor, and
    lowering them there would drop them to nothing at once."""
    peak = float(levels.max())
    over = float(levels[-3:].max()) - (peak + SYNTH_END_DB)
    release = levels[note_off + DECAY_FIT_SKIP :]
    if over <= 0 or budget < 1:
        return frames, None
    if len(release) < MIN_DECAY_FIT_FRAMES:  # too short to fit: as fast as a release may fall
        fitted = -MAX_DECAY_DB_PER_FRAME
    else:
        times = np.arange(len(release), dtype=np.float64) - (len(release) - 1) / 2
        fitted = float(times @ (release - release.mean()) / (times @ times))  # dB per frame
    rate = max(-MAX_DECAY_DB_PER_FRAME, min(fitted, -over / budget))
    count = min(budget, int(np.ceil(over / -rate)) + 1)
    held = np.repeat(frames[-1:], count, axis=0)  # (N, C)
    return np.concatenate([frames, held]), Decay(len(frames) - 1, rate)


def end_cut_release(
    frames: Frames, note_off: int, levels: npt.NDArray[np.float32]
) -> tuple[Frames, npt.NDArray[np.float32]]:
    """The frames up to the last one above `SYNTH_END_DB` re the peak, if the release falls
    from there into silence in one step (`CUT_DB` or more): `extend_release` then runs it down
    at its own rate instead. Such a step is the control floor, not the instrument: the model's
    levels under -98 dB are silence (`engine.sound.timbre.SILENT_BELOW_DB`), about 58 dB under
    a quiet instrument's peak, and a SoundFont sample that stops short teaches the same step."""
    peak = float(levels.max())
    loud = np.flatnonzero(levels > peak + SYNTH_END_DB)
    if not len(loud):
        return frames, levels
    last = int(loud[-1])
    if last < note_off or last + 1 >= len(frames) or levels[last + 1] > levels[last] - CUT_DB:
        return frames, levels
    return frames[: last + 1], levels[: last + 1]


def apply_decay(audio: Audio, decay: Decay, hop: int) -> Audio:
    """The audio with `decay`'s gain from its start frame on (frame i at sample i * hop)."""
    start = decay.start * hop
    out = audio.copy()
    steps = np.arange(len(out) - start, dtype=np.float32) / np.float32(hop)
    out[start:] *= np.power(np.float32(10), steps * np.float32(decay.db_per_frame / 20))
    return out


def cut_silent_end(frames: Frames, levels: npt.NDArray[np.float32]) -> Frames:
    """The frames up to two after the last one above `SYNTH_END_DB` re the peak (`levels`,
    from `frame_levels_db`): the rest is inaudible, and synthesizing it only to cut it off
    would cost time."""
    loud = np.flatnonzero(levels > levels.max() + SYNTH_END_DB)
    end = max(2, int(loud[-1]) + 3) if len(loud) else 2
    return frames[:end]


def shape_frames(
    frames: Frames,
    generated_seconds: float,
    wanted_seconds: float,
    pitch: float,
    *,
    frame_rate_hz: int,
    attack: int,
    is_drum: bool = False,
) -> tuple[Frames, Decay | None]:
    """The model's frames for a note held `generated_seconds` made into the frames of the note
    held `wanted_seconds`: sustain continued, release after the real note-off and run down to
    silence (`extend_release`, by at most the model's window beyond the note-off, the most
    `engine.sound.song_mix` leaves a note after its held part; none for drum hits, which have
    no held part), silent end cut; and the decay the audio then needs (`apply_decay`)."""
    window = len(frames)
    held = round(generated_seconds * frame_rate_hz)
    wanted = max(held, round(wanted_seconds * frame_rate_hz))
    shaped = continue_sustain(frames, held, wanted, attack)
    note_off = held if len(shaped) == len(frames) else wanted
    levels = frame_levels_db(shaped, pitch, is_drum=is_drum)
    if not is_drum:
        shaped, levels = end_cut_release(shaped, note_off, levels)
    budget = 0 if is_drum else note_off + window - len(shaped)
    extended, decay = extend_release(shaped, note_off, budget, levels)
    # An extended release ends at `SYNTH_END_DB` by construction: nothing to cut.
    return (extended, decay) if decay is not None else (cut_silent_end(shaped, levels), None)
