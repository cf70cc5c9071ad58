"""Audio to notes: read a clip, run basic-pitch's note model with onnxruntime, read the notes.

The model is Spotify's basic-pitch network (Apache-2.0), the `nmp.onnx` file its PyPI wheel
ships; Tessera installs the wheel with `--no-deps` and needs none of its Python code (nor
TensorFlow or librosa). The graph takes windows of `window_samples` (43,844) mono samples at
22.05 kHz, a batch at a time, and returns per window 172 frames, one every 256 samples, of three
posteriorgrams; sorted by output name they are the pitch contour (264 bins, three per
semitone), the note (frame) and the onset posteriors (88 keys each). Sizes are read from the
session, not assumed, and the file's hash is checked, so another version of the model is
refused with a message instead of giving wrong notes.

Long clips go through in overlapping windows: the first and last `TRIM_FRAMES` frames of each
window (edge effects) are dropped, the clip is padded with that much silence in front, and the
window advances by exactly the frames it keeps, so frame k of the result is always sample
256 * k of the clip. `engine.transcribe.notes` turns the posteriors into notes.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile
import soxr

from engine.runtime.cards import open_nonblocking
from engine.runtime.onnx import ModelLoadError, open_session
from engine.runtime.provenance import BASIC_PITCH
from engine.transcribe.notes import (
    KEY_COUNT,
    NoteSettings,
    Posteriors,
    TranscribedNote,
    TranscriptionError,
    extract_notes,
)
from engine.words import QT_TRANSLATE_NOOP

__all__ = [
    "MAX_CLIP_SECONDS",
    "MODEL_RATE_HZ",
    "NoteModel",
    "TranscribedNote",
    "TranscriptionError",
    "load_clip",
    "transcribe",
]

MODEL_RATE_HZ = 22_050
HOP_SAMPLES = 256
"""Samples between the model's frames at MODEL_RATE_HZ (its CQT hop)."""
CONTOUR_BINS = 264
TRIM_FRAMES = 15
"""Frames dropped at each end of a window when windows are joined (~0.17 s)."""
BATCH_WINDOWS = 8
MAX_CLIP_SECONDS = 600.0
"""Clips longer than ten minutes are refused: transcribe a part of the recording instead."""
MAX_CLIP_BYTES = 2**30
"""The largest audio file opened: ten minutes of 24-bit 96 kHz stereo are 350 MB, of 32-bit
float 192 kHz stereo 920 MB; a larger file is refused from its size, before it is read."""
MAX_CHANNELS = 64
MIN_RATE_HZ, MAX_RATE_HZ = 1_000, 384_000
READ_BLOCK_FRAMES = 65_536
"""Frames read at a time: the clip is mixed to mono as it is read, so only the mono samples
are ever held whole (a file whose header understates its length is stopped at the limit)."""
SILENCE_PEAK = 1e-4
"""A clip whose loudest sample is below this (-80 dBFS) is silent."""
READABLE = "WAV, FLAC, MP3, OGG/Vorbis or AIFF"
MODEL_IN_PACKAGE = Path("saved_models") / "icassp_2022" / "nmp.onnx"
INSTALL_HINT = (
    f"pip install --no-deps {BASIC_PITCH.package}=={BASIC_PITCH.version} "
    "(or rerun build_scripts/bootstrap.sh)"
)
FloatArray = npt.NDArray[np.float32]
Progress = Callable[[int, int], None]


def model_path() -> Path:
    """Where basic-pitch's wheel put nmp.onnx (the package itself is never imported)."""
    spec = importlib.util.find_spec("basic_pitch")
    if spec is None or spec.origin is None:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber", "the note model is not installed: {install_hint}"
            ).format(install_hint=INSTALL_HINT)
        )
    return Path(spec.origin).parent / MODEL_IN_PACKAGE


def _check_length(frames: int, sample_rate: int) -> None:
    if frames > MAX_CLIP_SECONDS * sample_rate:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber",
                "the clip is {frames:.1f} minutes long; the limit is "
                "{max_clip_seconds:g} minutes: cut out the part to transcribe",
            ).format(frames=frames / sample_rate / 60, max_clip_seconds=MAX_CLIP_SECONDS / 60)
        )


def load_clip(path: str | os.PathLike[str]) -> tuple[FloatArray, int]:
    """A clip as mono float32 samples (channels averaged) and its sample rate in Hz.

    Refused before a sample is read: a missing file, anything but a regular file (a device, a
    named pipe, a folder: opened without waiting, never read), a file over `MAX_CLIP_BYTES`, and
    a clip whose header says it is longer than `MAX_CLIP_SECONDS` or has an impossible rate or
    channel count. While reading, a clip found longer than its header said is stopped at the
    limit, so memory never exceeds the mono samples of ten minutes."""
    name = Path(path).name
    try:
        with open(path, "rb", opener=open_nonblocking) as handle:
            _check_file(os.fstat(handle.fileno()), name)
            # By descriptor, not the Python handle: libsndfile then reads the file itself, and a
            # damaged header's impossible seek is its error to report, not a Python exception
            # raised inside its callback (which it cannot see and Python only prints).
            with soundfile.SoundFile(handle.fileno(), closefd=False) as clip:
                _check_format(clip.frames, clip.samplerate, clip.channels, name)
                mono = _read_mono(clip)
            sample_rate = int(clip.samplerate)
    except FileNotFoundError as err:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP("Transcriber", "no audio file at {path}").format(path=path)
        ) from err
    except soundfile.LibsndfileError as err:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber",
                "{name}: cannot read it as audio ({error_string}); Tessera reads "
                "{readable} files: convert the clip to one of those",
            ).format(name=name, error_string=err.error_string, readable=READABLE)
        ) from err
    except OSError as err:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP("Transcriber", "cannot read {path}: {strerror}").format(
                path=path, strerror=err.strerror
            )
        ) from err
    _check_audible(mono, name)
    return mono, sample_rate


def _check_file(info: os.stat_result, name: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber",
                "{name} is not an audio file (it is a folder, a device or a pipe): "
                "choose a {readable} file",
            ).format(name=name, readable=READABLE)
        )
    if info.st_size > MAX_CLIP_BYTES:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber",
                "{name} is {st_size:.1f} GiB, more than the {max_clip_bytes:g} GiB a "
                "clip may be: cut out the part to transcribe",
            ).format(name=name, st_size=info.st_size / 2**30, max_clip_bytes=MAX_CLIP_BYTES / 2**30)
        )


def _check_format(frames: int, sample_rate: int, channels: int, name: str) -> None:
    if not MIN_RATE_HZ <= sample_rate <= MAX_RATE_HZ or not 1 <= channels <= MAX_CHANNELS:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber",
                "{name} says it holds {channels} channels at {sample_rate} Hz; Tessera "
                "reads 1 to {max_channels} channels at {min_rate_hz:,} to "
                "{max_rate_hz:,} Hz: convert the clip",
            ).format(
                name=name,
                channels=channels,
                sample_rate=sample_rate,
                max_channels=MAX_CHANNELS,
                min_rate_hz=MIN_RATE_HZ,
                max_rate_hz=MAX_RATE_HZ,
            )
        )
    _check_length(frames, sample_rate)


def _read_mono(clip: soundfile.SoundFile) -> FloatArray:
    """The clip averaged to mono, read block by block and stopped past `MAX_CLIP_SECONDS`."""
    parts: list[FloatArray] = []
    frames = 0
    while True:
        block = clip.read(READ_BLOCK_FRAMES, dtype="float32", always_2d=True)  # (frames, ch)
        if not len(block):
            break
        frames += len(block)
        _check_length(frames, clip.samplerate)  # a header that understated the length
        parts.append(block.mean(axis=1, dtype=np.float32))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)


def _check_audible(mono: FloatArray, name: str) -> None:
    if len(mono) == 0:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP("Transcriber", "{name} holds no audio (zero samples)").format(
                name=name
            )
        )
    if not np.isfinite(mono).all():
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber", "{name} holds invalid samples (NaN or infinity)"
            ).format(name=name)
        )
    peak = float(np.abs(mono).max())
    if peak < SILENCE_PEAK:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber",
                "{name} is silent (its loudest sample is {value:.0f} dBFS): record the "
                "clip again with more input level",
            ).format(name=name, value=20 * np.log10(max(peak, 1e-12)))
        )


@dataclass(frozen=True)
class WindowOutputs:
    """The model's three posteriorgrams for a batch of windows."""

    contour: FloatArray  # (windows, frames, 264)
    notes: FloatArray  # (windows, frames, 88)
    onsets: FloatArray  # (windows, frames, 88)


class NoteModel:
    """basic-pitch's network in one onnxruntime session: load it once, run it many times."""

    def __init__(self, path: str | os.PathLike[str] | None = None, threads: int = 1) -> None:
        self.path = Path(path) if path is not None else model_path()
        try:
            loaded = open_session(self.path, BASIC_PITCH.sha256, threads)
        except ModelLoadError as err:
            raise TranscriptionError(
                QT_TRANSLATE_NOOP(
                    "Transcriber",
                    "{err}; it must be the note model of the basic-pitch version this "
                    "Tessera was built for: {install_hint}",
                ).format(err=err, install_hint=INSTALL_HINT)
            ) from err
        self.session, self.providers = loaded.session, loaded.providers
        (graph_input,) = self.session.get_inputs()
        self.input_name: str = graph_input.name
        self.window_samples: int = int(graph_input.shape[1])
        outputs = sorted(self.session.get_outputs(), key=lambda output: str(output.name))
        self.output_names = [output.name for output in outputs]  # contour, note, onset
        self.window_frames: int = int(outputs[0].shape[1])
        widths = [output.shape[-1] for output in outputs]
        if widths != [CONTOUR_BINS, KEY_COUNT, KEY_COUNT]:
            raise TranscriptionError(
                QT_TRANSLATE_NOOP(
                    "Transcriber",
                    "{path} has outputs of widths {widths}, not the expected {value}: "
                    "{install_hint}",
                ).format(
                    path=self.path,
                    widths=widths,
                    value=[CONTOUR_BINS, KEY_COUNT, KEY_COUNT],
                    install_hint=INSTALL_HINT,
                )
            )

    def run_windows(self, windows: FloatArray) -> WindowOutputs:
        """The posteriors of a batch of windows, (windows, window_samples) at 22.05 kHz."""
        batch = np.ascontiguousarray(windows, dtype=np.float32)[:, :, None]  # (B, samples, 1)
        contour, notes, onsets = self.session.run(self.output_names, {self.input_name: batch})
        return WindowOutputs(contour, notes, onsets)

    def posteriors(self, audio: FloatArray, progress: Progress | None = None) -> Posteriors:
        """The onset and note posteriors of a whole mono clip at MODEL_RATE_HZ, joined from
        overlapping windows so that frame k is sample HOP_SAMPLES * k. `progress` is called
        with (windows done, windows in all) after each batch."""
        kept = self.window_frames - 2 * TRIM_FRAMES
        step = kept * HOP_SAMPLES
        frame_count = max(1, -(-len(audio) // HOP_SAMPLES))
        window_count = -(-frame_count // kept)
        padded = np.zeros((window_count - 1) * step + self.window_samples, dtype=np.float32)
        front = TRIM_FRAMES * HOP_SAMPLES
        usable = min(len(audio), len(padded) - front)
        padded[front : front + usable] = audio[:usable]
        offsets = np.arange(self.window_samples)
        onsets, notes = [], []
        for first in range(0, window_count, BATCH_WINDOWS):
            starts = np.arange(first, min(first + BATCH_WINDOWS, window_count)) * step
            out = self.run_windows(padded[starts[:, None] + offsets])  # (B, samples)
            middle = slice(TRIM_FRAMES, TRIM_FRAMES + kept)
            onsets.append(out.onsets[:, middle].reshape(-1, KEY_COUNT))
            notes.append(out.notes[:, middle].reshape(-1, KEY_COUNT))
            if progress is not None:
                progress(min(first + BATCH_WINDOWS, window_count), window_count)
        return Posteriors(
            onsets=np.concatenate(onsets)[:frame_count],
            frames=np.concatenate(notes)[:frame_count],
            loudness_db=frame_loudness_db(audio, frame_count),
            frames_per_second=MODEL_RATE_HZ / HOP_SAMPLES,
        )


def frame_loudness_db(audio: FloatArray, frame_count: int) -> FloatArray:
    """(frame_count,) RMS of each hop of audio, in dB below the loudest hop (<= 0)."""
    padded = np.zeros(frame_count * HOP_SAMPLES, dtype=np.float64)
    padded[: min(len(audio), len(padded))] = audio[: len(padded)]
    rms = np.sqrt((padded.reshape(frame_count, HOP_SAMPLES) ** 2).mean(axis=1))
    db: FloatArray = (20 * np.log10(np.maximum(rms, 1e-9) / max(float(rms.max()), 1e-9))).astype(
        np.float32
    )
    return db


@functools.cache
def default_model() -> NoteModel:
    """The installed note model, loaded on first use and then shared."""
    return NoteModel()


def to_model_rate(audio: FloatArray, sample_rate: int) -> FloatArray:
    """Mono audio resampled to MODEL_RATE_HZ with soxr (high quality)."""
    if sample_rate == MODEL_RATE_HZ:
        return np.asarray(audio, dtype=np.float32)
    resampled: FloatArray = soxr.resample(
        np.asarray(audio, dtype=np.float32), sample_rate, MODEL_RATE_HZ
    )
    return resampled


def transcribe(
    audio: FloatArray,
    sample_rate: int,
    *,
    onset_threshold: float = 0.7,
    frame_threshold: float = 0.2,
    min_note_seconds: float = 0.05,
    monophonic: bool = False,
    model: NoteModel | None = None,
    progress: Progress | None = None,
) -> list[TranscribedNote]:
    """The notes in mono audio (samples at `sample_rate` Hz), in order of start time.

    `monophonic=True` keeps one note at a time (a hummed or played melody); otherwise any
    number of notes may sound together. The thresholds are posterior probabilities (0-1): lower
    finds more notes and more false ones. See `engine.transcribe.notes` for the rules. A
    minute of audio takes about a second on one CPU core; `progress` hears (done, total)
    windows of the model as they finish.
    """
    settings = NoteSettings(onset_threshold, frame_threshold, min_note_seconds, monophonic)
    samples = np.asarray(audio, dtype=np.float32)
    if samples.ndim != 1:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber", "transcribe takes mono audio (1-D), got shape {shape}"
            ).format(shape=samples.shape)
        )
    if not 1_000 <= sample_rate <= 384_000:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "Transcriber", "sample_rate must be 1,000 to 384,000 Hz, got {sample_rate!r}"
            ).format(sample_rate=sample_rate)
        )
    _check_length(len(samples), sample_rate)
    _check_audible(samples, "the clip")
    post = (model or default_model()).posteriors(to_model_rate(samples, sample_rate), progress)
    return extract_notes(post, settings)
