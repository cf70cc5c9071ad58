"""The internal synth's voices: a fixed table of sounding notes, mixed a block at a time.

Everything here runs on the sound card's thread (`engine.live.synth` owns the table and hands
it commands at the start of each block), so nothing locks, waits or renders, and every buffer
is allocated once: the reads, envelopes and the mix go through preallocated scratch arrays.

A voice plays a note rendered ahead of time (mono, 44.1 kHz) from a read position in the
render's samples, `step` samples per output sample: 1 for the note as rendered, 2**(n/12) to
play a neighbouring render n semitones higher (linear interpolation). Note-off starts the
release: the voice cross-fades over `CROSSFADE_SECONDS` from where it is into the render's own
release (which begins where the held part ends), and a linear fade brings it to silence
`RELEASE_SECONDS` after the note-off. A stolen voice, or all sound off, fades out over
`STEAL_SECONDS` through a small de-click buffer so nothing is cut mid-wave.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from engine.sound.render import SAMPLE_RATE_HZ
from engine.words import QT_TRANSLATE_NOOP

Mono = npt.NDArray[np.float32]

CROSSFADE_SECONDS = 0.01
"""Note-off cross-fade from the held sound into the rendered release."""
RELEASE_SECONDS = 0.2
"""A released voice is silent this long after its note-off (the release tail is faded to 0)."""
STEAL_SECONDS = 0.005
"""Fade of a stolen voice or of all sound off: short, but long enough not to click."""
MAX_BLOCK_FRAMES = 2048
"""Frames mixed per call at most; the scratch buffers have this size."""
MIDI_CHANNELS = 16

_CROSSFADE_FRAMES = round(CROSSFADE_SECONDS * SAMPLE_RATE_HZ)
_RELEASE_FRAMES = round(RELEASE_SECONDS * SAMPLE_RATE_HZ)
_STEAL_FRAMES = round(STEAL_SECONDS * SAMPLE_RATE_HZ)
_SILENCE = np.zeros(1, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class NoteOn:
    """A note to start: the render to play, its pitch shift as a read step, its gain, and
    where the render's release begins (the end of its held part; a drum's end)."""

    channel: int
    pitch: int
    audio: Mono
    step: float
    gain: float
    release_at: int
    is_drum: bool


ControlKind = Literal["off", "release_all", "silence", "pedal"]


@dataclass(frozen=True, slots=True)
class Control:
    """A command for a channel's voices: note-off of `value` (a pitch), release them all (all
    notes off), fade them out now (all sound off), or the sustain pedal down (`value` 1) or up."""

    kind: ControlKind
    channel: int
    value: int = 0


Command = NoteOn | Control


@dataclass(slots=True)
class _Voice:
    audio: Mono = field(default_factory=lambda: _SILENCE)
    active: bool = False
    channel: int = 0
    pitch: int = 0
    started: int = 0
    position: float = 0.0
    tail: float = 0.0
    step: float = 1.0
    gain: float = 0.0
    release_at: int = 0
    released: int = -1  # samples since the note-off; -1 while held
    sustained: bool = False  # the note-off came while the pedal was down
    is_drum: bool = False


class VoiceTable:
    """`voices` preallocated voices; `apply` commands, then `mix` the next frames."""

    def __init__(self, voices: int) -> None:
        if voices < 1:
            raise ValueError(
                QT_TRANSLATE_NOOP(
                    "LiveVoices", "the synth needs at least one voice, got {voices}"
                ).format(voices=voices)
            )
        self.voices = [_Voice() for _ in range(voices)]
        self._serial = 0
        self._pedal = [False] * MIDI_CHANNELS
        self._mix = np.zeros(MAX_BLOCK_FRAMES, dtype=np.float32)
        self._read = np.zeros(MAX_BLOCK_FRAMES, dtype=np.float32)
        self._other = np.zeros(MAX_BLOCK_FRAMES, dtype=np.float32)
        self._envelope = np.zeros(MAX_BLOCK_FRAMES, dtype=np.float32)
        self._ramp = np.arange(MAX_BLOCK_FRAMES, dtype=np.float32)
        self._ramp64 = np.arange(MAX_BLOCK_FRAMES, dtype=np.float64)
        self._positions = np.zeros(MAX_BLOCK_FRAMES, dtype=np.float64)
        self._index = np.zeros(MAX_BLOCK_FRAMES, dtype=np.int64)
        self._declick = np.zeros(_STEAL_FRAMES, dtype=np.float32)
        self._fade_down = np.linspace(1.0, 0.0, _STEAL_FRAMES, dtype=np.float32)
        self.stolen = 0

    @property
    def active(self) -> int:
        return sum(voice.active for voice in self.voices)

    # Commands ----------------------------------------------------------------------------------

    def apply(self, command: Command) -> None:
        if isinstance(command, NoteOn):
            self._start(command)
            return
        channel = command.channel
        for voice in self.voices:
            if not voice.active or voice.channel != channel:
                continue
            if command.kind == "off" and voice.pitch == command.value and not voice.is_drum:
                if self._pedal[channel]:
                    voice.sustained = True
                else:
                    self._release(voice)
            elif command.kind == "release_all" or (
                command.kind == "pedal" and not command.value and voice.sustained
            ):
                self._release(voice)
            elif command.kind == "silence":
                self._fade_out(voice)
        if command.kind == "pedal":
            self._pedal[channel] = bool(command.value)
        elif command.kind in ("release_all", "silence"):
            self._pedal[channel] = False

    def _start(self, note: NoteOn) -> None:
        for voice in self.voices:  # a repeated key: the old note goes into its release
            if voice.active and voice.channel == note.channel and voice.pitch == note.pitch:
                self._release(voice)
        voice = self._free_voice()
        self._serial += 1
        voice.audio, voice.active, voice.started = note.audio, True, self._serial
        voice.channel, voice.pitch, voice.is_drum = note.channel, note.pitch, note.is_drum
        voice.position = voice.tail = 0.0
        voice.step, voice.gain, voice.release_at = note.step, note.gain, note.release_at
        voice.released, voice.sustained = -1, False

    def _free_voice(self) -> _Voice:
        """A silent voice, or the oldest one (a releasing one first), faded out to free it."""
        for voice in self.voices:
            if not voice.active:
                return voice
        releasing = [voice for voice in self.voices if voice.released >= 0]
        oldest = min(releasing or self.voices, key=lambda voice: voice.started)
        self._fade_out(oldest)
        self.stolen += 1
        return oldest

    def _release(self, voice: _Voice) -> None:
        if voice.released < 0:
            voice.released = 0
            voice.tail = max(voice.position, float(voice.release_at))
            voice.sustained = False

    def _fade_out(self, voice: _Voice) -> None:
        """Mix the voice's next few milliseconds, faded to 0, into the de-click buffer."""
        scratch = self._mix[:_STEAL_FRAMES]
        scratch.fill(0.0)
        self._add_voice(voice, scratch)
        scratch *= self._fade_down
        self._declick += scratch
        voice.active = False

    # Mixing ------------------------------------------------------------------------------------

    def mix(self, frames: int) -> Mono:
        """The next `frames` (<= MAX_BLOCK_FRAMES) of every voice summed: a view of a scratch
        buffer, valid until the next call."""
        out = self._mix[:frames]
        out.fill(0.0)
        carried = min(frames, _STEAL_FRAMES)
        out[:carried] += self._declick[:carried]
        self._declick[: _STEAL_FRAMES - carried] = self._declick[carried:]
        self._declick[_STEAL_FRAMES - carried :] = 0.0
        for voice in self.voices:
            if voice.active:
                self._add_voice(voice, out)
        return out

    def _add_voice(self, voice: _Voice, out: Mono) -> None:
        """Add the voice's next len(out) frames to `out` and move it on (ending it when done)."""
        frames = len(out)
        sound = self._read[:frames]
        self._read_into(voice.audio, voice.position, voice.step, sound)
        end = len(voice.audio) - 1
        if voice.released < 0:
            sound *= voice.gain
            out += sound
            voice.position += frames * voice.step
            voice.active = voice.position < end
            return
        envelope = self._envelope[:frames]
        if voice.released < _CROSSFADE_FRAMES:  # sound + (tail - sound) * fade-in
            tail = self._other[:frames]
            self._read_into(voice.audio, voice.tail, voice.step, tail)
            np.add(self._ramp[:frames], voice.released, out=envelope)
            envelope *= 1.0 / _CROSSFADE_FRAMES
            np.minimum(envelope, 1.0, out=envelope)
            tail -= sound
            tail *= envelope
            sound += tail
        else:
            self._read_into(voice.audio, voice.tail, voice.step, sound)
        np.add(self._ramp[:frames], voice.released, out=envelope)  # 1 -> 0 over the release
        envelope *= -1.0 / _RELEASE_FRAMES
        envelope += 1.0
        np.maximum(envelope, 0.0, out=envelope)
        sound *= envelope
        sound *= voice.gain
        out += sound
        voice.position += frames * voice.step
        voice.tail += frames * voice.step
        voice.released += frames
        voice.active = voice.released < _RELEASE_FRAMES and voice.tail < end

    def _read_into(self, audio: Mono, start: float, step: float, out: Mono) -> None:
        """`out` = audio read from `start`, `step` samples per frame; zeros past the end."""
        frames = len(out)
        if step == 1.0 and start.is_integer():
            first = int(start)
            count = max(0, min(frames, len(audio) - first))
            out[:count] = audio[first : first + count]
            out[count:] = 0.0
            return
        last = len(audio) - 1  # interpolation needs the sample after each position
        count = max(0, min(frames, math.ceil((last - start) / step))) if last > start else 0
        positions, index = self._positions[:count], self._index[:count]
        np.multiply(self._ramp64[:count], step, out=positions)
        positions += start
        np.copyto(index, positions, casting="unsafe")  # floor: positions are >= 0
        positions -= index  # now the fraction past each sample
        below, above = out[:count], self._envelope[:count]
        np.take(audio, index, out=below)
        index += 1
        np.take(audio, index, out=above)
        above -= below
        np.multiply(above, positions, out=above, casting="unsafe")
        below += above
        out[count:] = 0.0
