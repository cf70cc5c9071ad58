"""The internal synth for live play: raw MIDI messages in, Tessera's own timbres (or the
standard General MIDI set, see `LiveSettings.sound`) out.

`LiveSynth.send` takes the messages a live session plays (and, if wanted, the player's keys),
so it can be a `LiveSession`'s `output`. Three threads meet here:

- the sender (`send`, any thread) turns a note-on into a voice command: it looks the note up
  among the renders made ahead of time (`engine.live.bank`, which states the nearest-key rule),
  asks for the exact render in the background when it had to borrow a neighbour, and queues
  the command for the sound card. It never renders.
- the bank's worker renders (the timbre model, or FluidSynth for the standard set): each
  channel's likely notes at `start`, then whatever is asked for.
- the sound card's callback applies the queued commands at the start of its block, mixes the
  voices (`engine.live.voices`: a fixed table, the oldest stolen; note-off cross-fades into
  the render's release), limits, and converts when the device does not run at 44.1 kHz. It
  never renders, locks or waits, so a note-on sounds in the next device block.

sounddevice is imported only at `start` (see `engine.sound.playback`); a missing device is an
AudioDeviceError.
"""

from __future__ import annotations

import collections
import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from engine.live.bank import HOLD_CLASS, VELOCITY_DB_PER_STEP, Instrument, NoteBank
from engine.live.music import LiveSettings
from engine.live.ports import Message
from engine.live.timing import ALL_NOTES_OFF, CONTROL, NOTE_OFF, NOTE_ON
from engine.live.voices import MAX_BLOCK_FRAMES, Command, Control, NoteOn, VoiceTable
from engine.song.song import TimbreRef
from engine.sound.device import call_with_timeout
from engine.sound.playback import (
    AudioDeviceError,
    OutputStream,
    StreamFactory,
    close_stream,
    open_sounddevice_stream,
    output_stream_settings,
    resampler,
)
from engine.sound.render import (
    CHANNELS,
    SAMPLE_RATE_HZ,
    Limiter,
    NoteKey,
    NoteRenderer,
    class_seconds,
    pan_gains,
)
from engine.words import QT_TRANSLATE_NOOP

Programs = Mapping[int, Instrument] | Callable[[int], Instrument]
"""Each MIDI channel's instrument: a mapping (`default_instrument` for the rest) or a function."""

VOICES = 32
RESAMPLE_CHUNK_FRAMES = 128
"""Frames mixed at a time when the device needs conversion (3 ms: little added latency)."""
DRUM_CHANNEL = 9
PROGRAM_CHANGE = 0xC0
SUSTAIN, ALL_SOUND_OFF = 64, 120
_HELD_SAMPLES = round(class_seconds(HOLD_CLASS) * SAMPLE_RATE_HZ)


def default_instrument(channel: int) -> Instrument:
    """General MIDI's defaults: a piano, drums on channel 10 (9 counting from 0)."""
    return TimbreRef(), 0, channel == DRUM_CHANNEL


def live_programs(settings: LiveSettings, keyboard_channel: int = 0) -> dict[int, Instrument]:
    """The instrument on each channel a live session plays: the player's keys and the answer
    with the player's program; in accompany mode each voice with its own. Each sounds through
    the session's sound (the timbre model or the standard set), or a voice's own timbre."""
    timbre = settings.timbre()
    programs = {keyboard_channel: (timbre, settings.player_program, False)}
    if settings.mode == "accompany":
        for voice in settings.voices:
            programs[voice.channel] = (settings.timbre(voice), voice.program, voice.is_drum)
    else:
        programs[settings.answer_channel] = (timbre, settings.player_program, False)
    return programs


class LiveSynth:
    """See the module docstring. A program change replaces a channel's instrument."""

    def __init__(
        self,
        renderer: NoteRenderer,
        *,
        programs: Programs | None = None,
        stream_factory: StreamFactory | None = None,
        voices: int = VOICES,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.bank = NoteBank(renderer, on_error=self._report)
        self.on_error = on_error
        self._open_stream = stream_factory or open_sounddevice_stream
        self._programs = programs if callable(programs) else dict(programs or {})
        self._changed: dict[int, Instrument] = {}  # set by program changes
        self._level = pan_gains(0.0, 0.0)[0]  # a centred track at 0 dB, as in a song's mix
        self._voice_count = voices
        self._voices = VoiceTable(voices)
        self._commands: collections.deque[Command] = collections.deque()
        self._auto_prepare = True
        self._stream: OutputStream | None = None
        self._limiter = Limiter()
        self._block = np.zeros((MAX_BLOCK_FRAMES, CHANNELS), dtype=np.float32)
        self._convert: Callable[[np.ndarray, bool], np.ndarray] | None = None
        self._fifo = np.zeros((0, CHANNELS), dtype=np.float32)
        self._fifo_frames = 0
        self.device_rate = SAMPLE_RATE_HZ
        self.played = 0
        """Notes started (a note-on that found a render)."""
        self.substituted = 0
        """Notes that played a neighbouring render (another velocity or a shifted pitch)."""
        self.missed = 0
        """Notes skipped because no render was near enough yet."""
        self.peak = 0.0
        """The loudest sample of the latest device block (a level meter)."""
        self.loudest = 0.0
        """The loudest sample handed to the device since `start`."""
        self.device_lost = False

    # Running -----------------------------------------------------------------------------------

    def start(self, *, prepare: bool = True) -> None:
        """Open the sound card and start rendering. With `prepare`, the likely notes of every
        channel in the `programs` mapping are queued now, and those of any other instrument at
        its first note; without, only what `prepare` is given and the notes played are
        rendered. AudioDeviceError when there is no device."""
        if self._stream is not None:
            return
        settings = output_stream_settings(self._callback, self._stream_finished)
        stream = call_with_timeout(  # a hanging device is an error, not a frozen caller
            lambda: self._open_stream(**settings), "opening", late=close_stream
        )
        self.device_rate = round(getattr(stream, "samplerate", SAMPLE_RATE_HZ))
        # soxr's low quality: its high quality holds back ~30 ms when fed 3 ms chunks
        self._convert = resampler(self.device_rate, quality="LQ")
        room = MAX_BLOCK_FRAMES + 2 * RESAMPLE_CHUNK_FRAMES * self.device_rate // SAMPLE_RATE_HZ
        self._fifo = np.zeros((room, CHANNELS), dtype=np.float32)
        self._fifo_frames = 0
        self._voices = VoiceTable(self._voice_count)  # nothing left sounding from a last run
        self._limiter.reset()
        self.loudest = 0.0
        self._auto_prepare = prepare
        self.bank.start()
        self._stream, self.device_lost = stream, False
        if prepare and isinstance(self._programs, dict):
            for channel in sorted(self._programs):
                self.bank.prepare_instrument(self.instrument(channel))
        try:
            call_with_timeout(stream.start, "starting")
        except AudioDeviceError:
            self.close()
            raise
        except Exception as err:  # PortAudio reports a refused start with several types
            self.close()
            raise AudioDeviceError(
                QT_TRANSLATE_NOOP("LiveSynth", "the audio device refused to start ({err})").format(
                    err=err
                )
            ) from err

    def close(self) -> None:
        """Stop the sound and the renderer (the renders made stay in the bank). A device that
        does not stop in time is abandoned (see `engine.sound.device`)."""
        stream, self._stream = self._stream, None
        if stream is not None and not close_stream(stream):
            self._report(
                "the audio device stopped answering; live play stopped. Check the output "
                "device and start again"
            )
        self.bank.stop()
        self._commands.clear()

    def __enter__(self) -> LiveSynth:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def active_voices(self) -> int:
        return self._voices.active

    @property
    def stolen_voices(self) -> int:
        return self._voices.stolen

    @property
    def loudest_db(self) -> float:
        return 20 * math.log10(max(self.loudest, 1e-12))

    # MIDI in (any thread) ----------------------------------------------------------------------

    def send(self, message: Message) -> None:
        """Play one raw MIDI message: notes, sustain pedal, all notes/sound off, program change.
        Notes sent before `start` or after `close` are ignored."""
        if not message:
            return
        status, channel = message[0] & 0xF0, message[0] & 0x0F
        if status == PROGRAM_CHANGE and len(message) >= 2:
            self._changed[channel] = self._program_changed(channel, message[1])
            if self._auto_prepare:
                self.bank.prepare_instrument(self._changed[channel])
        elif self._stream is None or len(message) < 3:
            return
        elif status == NOTE_ON and message[2] > 0:
            self._note_on(channel, message[1], message[2])
        elif status in (NOTE_ON, NOTE_OFF):
            self._commands.append(Control("off", channel, message[1]))
        elif status == CONTROL and message[1] == SUSTAIN:
            self._commands.append(Control("pedal", channel, int(message[2] >= 64)))
        elif status == CONTROL and message[1] == ALL_SOUND_OFF:
            self._commands.append(Control("silence", channel))
        elif status == CONTROL and message[1] >= ALL_NOTES_OFF:  # 124-127 imply it too
            self._commands.append(Control("release_all", channel))

    def _program_changed(self, channel: int, program: int) -> Instrument:
        """The channel's instrument after a program change: the new program in the same sound
        set (a timbre of the old program's own does not fit the new one)."""
        timbre, _, is_drum = self.instrument(channel)
        return (TimbreRef().standard() if timbre.is_standard else TimbreRef(), program, is_drum)

    def instrument(self, channel: int) -> Instrument:
        if channel in self._changed:
            return self._changed[channel]
        if callable(self._programs):
            return self._programs(channel)
        return self._programs.get(channel) or default_instrument(channel)

    def key_for(self, channel: int, pitch: int, velocity: int) -> NoteKey:
        """The render a note on `channel` asks for."""
        return self.bank.key(self.instrument(channel), pitch, velocity)

    def prepare(self, keys: Iterable[NoteKey]) -> None:
        """Render `keys` in the background (after any note that is waiting to be heard)."""
        self.bank.prepare(keys)

    def wait_prepared(self, timeout: float | None = None) -> bool:
        """Wait until every queued render is made; False if `timeout` seconds passed first."""
        return self.bank.wait_prepared(timeout)

    def _note_on(self, channel: int, pitch: int, velocity: int) -> None:
        key = self.key_for(channel, pitch, velocity)
        found = self.bank.nearest(key)
        if found is None:
            self.missed += 1
        else:  # the sound first; the bookkeeping below can wait a little
            audio, source_pitch, source_velocity = found
            gain = self._level * 10 ** (VELOCITY_DB_PER_STEP * (velocity - source_velocity) / 20)
            held = len(audio) if key.is_drum else _HELD_SAMPLES
            step = 2 ** ((pitch - source_pitch) / 12)
            self._commands.append(NoteOn(channel, pitch, audio, step, gain, held, key.is_drum))
            self.played += 1
        if found is None or (found[1], found[2]) != (key.pitch, key.velocity):
            self.substituted += found is not None
            self.bank.prepare([key], urgent=True)
        if self._auto_prepare:
            self.bank.prepare_instrument(self.instrument(channel))

    def _report(self, text: str) -> None:
        if self.on_error is not None:
            self.on_error(text)

    # The sound card's thread -------------------------------------------------------------------

    def _callback(self, outdata: np.ndarray, frames: int, _time: object, _status: object) -> None:
        while self._commands:
            self._voices.apply(self._commands.popleft())
        for done in range(0, frames, MAX_BLOCK_FRAMES):
            count = min(frames - done, MAX_BLOCK_FRAMES)
            mixed = self._mix(count) if self._convert is None else self._converted(count)
            outdata[done : done + count] = mixed
        np.clip(outdata, -1.0, 1.0, out=outdata)  # the limiter's -1 dBFS, kept after conversion
        self.peak = float(np.abs(outdata).max()) if frames else 0.0
        self.loudest = max(self.loudest, self.peak)

    def _mix(self, frames: int) -> np.ndarray:
        """The next `frames` at 44.1 kHz, stereo and limited (a view of a scratch buffer)."""
        block = self._block[:frames]
        mono = self._voices.mix(frames)
        block[:, 0] = mono
        block[:, 1] = mono
        return self._limiter.process(block)

    def _converted(self, frames: int) -> np.ndarray:
        """The next `frames` at the device's rate, from the mix in small chunks."""
        assert self._convert is not None
        while self._fifo_frames < frames:
            converted = self._convert(self._mix(RESAMPLE_CHUNK_FRAMES), False)
            end = self._fifo_frames + len(converted)
            self._fifo[self._fifo_frames : end] = converted
            self._fifo_frames = end
        out = self._block[:frames]  # free again: the mix above is already converted
        out[:] = self._fifo[:frames]
        left = self._fifo_frames - frames
        self._fifo[:left] = self._fifo[frames : self._fifo_frames]
        self._fifo_frames = left
        return out

    def _stream_finished(self) -> None:
        if self._stream is not None:
            self.device_lost = True
            self._report(
                "the audio device stopped during live play (unplugged or taken by another "
                "program): choose an output and start again"
            )


def live_renderer() -> NoteRenderer:
    """A renderer for live play: the timbre model on one thread, so rendering ahead leaves the
    other cores to the MIDI model. Keep it between sessions: its cache keeps the renders."""
    from engine.sound.timbre import TimbreModel  # loads onnxruntime: only when live play needs it

    return NoteRenderer(TimbreModel(threads=1))


def open_live_synth(
    settings: LiveSettings,
    renderer: NoteRenderer | None = None,
    *,
    stream_factory: StreamFactory | None = None,
    on_error: Callable[[str], None] | None = None,
) -> LiveSynth:
    """A started synth for a live session's channels, rendering their likely notes ahead."""
    synth = LiveSynth(
        renderer or live_renderer(),
        programs=live_programs(settings),
        stream_factory=stream_factory,
        on_error=on_error,
    )
    synth.start()
    return synth
