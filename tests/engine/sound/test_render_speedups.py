"""The faster cold render sounds the same: the synthesizer's cheaper reads give the textbook
formulas' samples, and the note cache's pipelined batches (a helper thread synthesizing one
batch while the model samples the next) give the samples of the model's own batches, bit for
bit, with the progress reported batch by batch."""

from __future__ import annotations

import platform
import subprocess
import sys

import numpy as np
import numpy.typing as npt
import pytest

from engine.song.song import TimbreRef
from engine.sound import synth
from engine.sound.note_cache import NoteKey, NoteRenderer, duration_class
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    FRAME_RATE_HZ,
    LAYOUT,
    OUTPUT_RATE_HZ,
    WAVETABLE_SIZE,
    controls_to_audio,
    harmonics_to_audio,
    midi_to_hz,
    noise_to_audio,
    unit_to_amplitude,
)
from engine.sound.timbre import BATCH_NOTES, TimbreModel


def _plain_harmonics(amplitudes: npt.NDArray[np.float32], pitch: float) -> npt.NDArray[np.float32]:
    """The wavetable read as first written: 2-D indexing, phase by `% 1.0`."""
    f0_hz, hop = midi_to_hz(pitch), OUTPUT_RATE_HZ // FRAME_RATE_HZ
    audible = np.arange(1, amplitudes.shape[1] + 1) * f0_hz < ANALYSIS_RATE_HZ / 2
    spectrum = np.zeros((len(amplitudes), WAVETABLE_SIZE // 2 + 1), dtype=np.complex64)
    spectrum[:, 1 : amplitudes.shape[1] + 1] = -0.5j * WAVETABLE_SIZE * amplitudes * audible
    tables = np.fft.irfft(spectrum, n=WAVETABLE_SIZE, axis=1).astype(np.float32)
    tables = np.concatenate([tables, tables[:, :1]], axis=1)
    position = np.arange((len(amplitudes) - 1) * hop, dtype=np.float64) / hop
    frame = position.astype(np.int64)
    fade = (position - frame).astype(np.float32)
    read = ((np.arange(len(frame), dtype=np.float64) * (f0_hz / OUTPUT_RATE_HZ)) % 1.0) * 2048
    slot = read.astype(np.int64)
    within = (read - slot).astype(np.float32)

    def lookup(rows: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        low = tables[rows, slot]
        return low + within * (tables[rows, slot + 1] - low)

    before = lookup(frame)
    return before + fade * (lookup(frame + 1) - before)


def _frames(seed: int, count: int) -> npt.NDArray[np.float32]:
    """Random levels, and no bend (the textbook read below holds one pitch)."""
    frames = np.random.default_rng(seed).uniform(-1.0, 0.2, (count, CHANNEL_COUNT))
    frames[:, LAYOUT.contour] = synth.silent_frames(1)[0, LAYOUT.contour]
    return frames.astype(np.float32)


def test_the_harmonics_are_the_textbook_reads_to_the_last_bit() -> None:
    for seed, (count, pitch) in enumerate([(40, 21), (129, 60), (300, 95.5), (2, 127)]):
        amplitudes = unit_to_amplitude(_frames(seed, count)[:, LAYOUT.harmonics])
        assert np.array_equal(
            harmonics_to_audio(amplitudes, pitch), _plain_harmonics(amplitudes, pitch)
        )


def test_noise_through_the_float64_transform_is_the_float32_one_within_float_rounding() -> None:
    """The forward FFT moved to float64 for speed: within 1e-6 of the peak (-120 dB) of a
    float32-only pass, and the same to the bit for the same seed from call to call."""
    levels = unit_to_amplitude(_frames(5, 150)[:, LAYOUT.noise])
    fast = noise_to_audio(levels, np.random.default_rng(9))
    assert np.array_equal(fast, noise_to_audio(levels, np.random.default_rng(9)))
    lower, weight, window = synth._noise_filter(OUTPUT_RATE_HZ)
    hop = OUTPUT_RATE_HZ // FRAME_RATE_HZ
    scale = np.float32(np.sqrt(OUTPUT_RATE_HZ / ANALYSIS_RATE_HZ))
    padded = np.pad(levels * scale, ((0, 0), (0, 1)))
    gains = padded[:, lower] * (1 - weight) + padded[:, np.minimum(lower + 1, 32)] * weight
    white = (np.random.default_rng(9).random(151 * hop, dtype=np.float32) - 0.5) * np.float32(
        12**0.5
    )
    segments = np.lib.stride_tricks.sliding_window_view(white, 2 * hop)[::hop] * window
    shaped = np.fft.irfft(np.fft.rfft(segments, axis=1) * gains, n=2 * hop, axis=1) * window
    out = np.zeros(151 * hop, dtype=np.float32)
    for offset in (0, hop):
        part = shaped[offset // hop :: 2].reshape(-1)
        out[offset : offset + len(part)] += part
    plain = out[hop : hop + 149 * hop]
    assert np.abs(fast - plain).max() <= 1e-6 * np.abs(plain).max()


def test_notes_sharing_a_seed_reuse_its_noise_and_sound_as_if_drawn_afresh() -> None:
    """The windowed white noise of a seed is kept between notes: a note synthesized after
    others of its timbre is the one a fresh generator gives, to the bit, and the kept spectra
    cannot be changed by a caller."""
    synth._kept_white_spectra.cache_clear()
    for seed, (count, pitch, rate) in enumerate(
        [
            (128, 60, OUTPUT_RATE_HZ),
            (128, 67, OUTPUT_RATE_HZ),
            (200, 40, 22_050),  # a rate under the model's band
            (synth.KEPT_NOISE_FRAMES + 1, 50, OUTPUT_RATE_HZ),  # longer: drawn afresh
        ]
    ):
        frames = _frames(seed, count)
        for _ in range(2):  # drawn, then kept
            audio = controls_to_audio(frames, pitch, noise_seed=3, sample_rate_hz=rate)
            fresh = noise_to_audio(
                unit_to_amplitude(frames[:, LAYOUT.noise]), np.random.default_rng(3), rate
            ) + harmonics_to_audio(unit_to_amplitude(frames[:, LAYOUT.harmonics]), pitch, rate)
            assert np.array_equal(audio, synth.fade_edges(fresh, rate))
    info = synth._kept_white_spectra.cache_info()
    assert (info.misses, info.hits) == (2, 4)  # one per seed, length and rate
    kept = synth._kept_white_spectra(3, 128, OUTPUT_RATE_HZ)
    assert not kept.flags.writeable


_FAULTS = """
import resource
import numpy as np
{prelude}
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for count in range(2**17, 2**20, 2**15):  # 1 MB to 8 MB: notes ever so slightly longer
    np.ones(count)  # touched, then freed
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)
"""


def _page_faults(prelude: str) -> int:
    """Minor page faults of a fresh process allocating, touching and freeing blocks."""
    script = _FAULTS.format(prelude=prelude)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc only")
def test_the_synthesizer_settles_the_allocator_so_temporaries_stop_faulting_pages() -> None:
    """Importing the synthesizer raises glibc's mmap threshold once: blocks of a few MB then
    come from the heap, touched pages are kept, and a fresh process faults far less."""
    plain = _page_faults("")
    settled = _page_faults("import engine.sound.synth")
    assert plain > 10_000  # each new size mapped and unmapped: a fault per 4 kB touched
    assert settled < plain / 5


def test_pipelined_batches_give_the_models_own_notes_bit_for_bit(timbre_model: TimbreModel) -> None:
    """Forty notes, three batches: the cache holds exactly what the model renders batch by
    batch without a helper thread, and progress comes once per batch, in order."""
    ref = timbre_model.resolve(TimbreRef(), 40, False)
    keys = [
        NoteKey(ref, False, 48 + i % 24, 60 + i, duration_class(0.2 + 0.05 * i)) for i in range(40)
    ]
    reports: list[tuple[int, int]] = []
    renderer = NoteRenderer(timbre_model)
    renderer.render(keys, lambda done, total: reports.append((done, total)))
    expected = timbre_model.render_notes([key.spec() for key in keys])
    for key, audio in zip(keys, expected, strict=True):
        cached = renderer.cached(key)
        assert cached is not None
        assert np.array_equal(cached, audio)  # the model's notes end themselves (end_tail)
    assert reports == [(BATCH_NOTES, 40), (2 * BATCH_NOTES, 40), (40, 40)]
    assert renderer.misses == 40
    renderer.render(keys)  # all cached: nothing rendered again
    assert renderer.misses == 40


def test_a_note_sounds_the_same_synthesized_from_its_sampled_frames(
    timbre_model: TimbreModel,
) -> None:
    ref = timbre_model.resolve(TimbreRef(), 73, False)
    key = NoteKey(ref, False, 72, 90, duration_class(4.0))  # longer than the model's window
    [sampled] = timbre_model.sample_notes([key.spec()])
    assert sampled.generated_seconds < sampled.note.duration_seconds
    assert np.array_equal(sampled.audio(), timbre_model.render_notes([key.spec()])[0])
    stretched_length = len(sampled.audio())
    assert stretched_length > len(controls_to_audio(sampled.frames, 72))
