"""Measurements of rendered audio shared by the audio and playback tests: where a note starts,
what pitch it has, how loud a stretch is. Each reads the samples alone, never the Song."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.song.song import PPQ, Note, Song, TempoChange, Track
from engine.sound.limiter import Limiter
from engine.sound.render import SAMPLE_RATE_HZ, SILENT, NoteRenderer, SongMix

ONSET_RELATIVE = 0.01
"""A note has started once its envelope passes -40 dB of the note's own peak."""


def level_db(audio: npt.NDArray[np.float32]) -> float:
    """RMS level in dBFS (-240 for digital silence)."""
    return float(20 * np.log10(np.sqrt(np.mean(np.square(audio, dtype=np.float64))) + 1e-12))


def onset_seconds(mono: npt.NDArray[np.float32], around: float, window: float = 0.3) -> float:
    """When the sound near `around` seconds starts: the first sample within `window` seconds
    either side that passes ONSET_RELATIVE of the loudest sample there."""
    first = max(0, round((around - window) * SAMPLE_RATE_HZ))
    segment = np.abs(mono[first : round((around + window) * SAMPLE_RATE_HZ)])
    started = int(np.flatnonzero(segment > segment.max() * ONSET_RELATIVE)[0])
    return (first + started) / SAMPLE_RATE_HZ


def fundamental_hz(mono: npt.NDArray[np.float32], start: float, seconds: float = 0.3) -> float:
    """The fundamental of the stretch [start, start + seconds) by the harmonic product spectrum
    (three harmonics), which is not fooled by an instrument whose second harmonic is loudest."""
    segment = mono[round(start * SAMPLE_RATE_HZ) : round((start + seconds) * SAMPLE_RATE_HZ)]
    size = 8 * len(segment)
    spectrum = np.log(np.abs(np.fft.rfft(segment * np.hanning(len(segment)), size)) + 1e-9)
    usable = len(spectrum) // 3
    product = spectrum[:usable] + spectrum[::2][:usable] + spectrum[::3][:usable]
    frequencies = np.fft.rfftfreq(size, 1 / SAMPLE_RATE_HZ)[:usable]
    lowest = int(np.searchsorted(frequencies, 30.0))
    return float(frequencies[lowest + int(np.argmax(product[lowest:]))])


def cents(measured_hz: float, pitch: int) -> float:
    return float(1200 * np.log2(measured_hz / (440.0 * 2 ** ((pitch - 69) / 12))))


def spaced_notes_song(
    program: int, pitches: list[int], *, tempo_bpm: float = 120.0, is_drum: bool = False
) -> Song:
    """One track of quarter notes, one every bar starting on beat 2, so each note's release
    ends well before the next and the song starts with silence."""
    notes = tuple(Note(PPQ * (1 + 4 * i), pitch, PPQ, 100) for i, pitch in enumerate(pitches))
    return Song(
        bar_count=len(pitches) + 1,
        tracks=(Track("Solo", program, is_drum=is_drum, notes=notes),),
        tempos=(TempoChange(0, tempo_bpm),),
    )


def one_pass(song: Song, renderer: NoteRenderer) -> npt.NDArray[np.float32]:
    """The render as it was made before blocks: the whole song mixed (room included) and
    limited at once, trimmed as a render is; what a block-by-block render must equal."""
    mix = SongMix(song, renderer)
    out = np.zeros((mix.end_bound_samples, 2), dtype=np.float32)
    mix.mix_into(out, 0)
    Limiter().process(out)
    loud = np.flatnonzero(np.abs(out).max(axis=1) > SILENT)
    return out[: max(mix.music_samples, int(loud[-1]) + 1 if len(loud) else 0)]
