"""Timbres from the diffusion model: generate, start from a GM instrument, nudge, interpolate,
describe, and render any note with any timbre. No torch: onnxruntime and numpy.

A timbre is a `TimbreRef` (see engine.song.song): a vector in the model's timbre space and a seed.
Rendering a note runs a deterministic sampler (`TimbreModel.sample_controls`, whose samplers live
in `engine.sound.sampler`): the initial noise comes from the seed alone, so a timbre sounds the
same on every note and every run, and a locked timbre (a Track's `timbre` field, stored in the
project file) reproduces its audio exactly (`engine.song.edits.update_track(song, index,
timbre=ref)` locks one in). The operations on timbres (`generate`, `from_gm`, `nudge`,
`interpolate`, `describe`) live in `engine.sound.timbre_space` and are imported here too.

The model folder (models/timbre) holds model.onnx, space.json, card.json and card.sha256; loading
checks the card against its hash (`engine.runtime.cards`), every card value it uses for type and
range, the other files against the card's hashes, the space's shape, and that the control layout
and the graph's shapes match `engine.sound.synth`. Anything wrong is a `TimbreModelError` (a
`ModelLoadError`) naming the file, the field and the fix.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.runtime.cards import Card, read_card
from engine.runtime.onnx import ModelLoadError, file_sha256, open_session
from engine.song.song import TimbreRef
from engine.song.timbre_ref import MAX_MODEL_VERSION
from engine.sound.drum_table import load_table
from engine.sound.note_frames import ATTACK_FRAMES, SampledNote
from engine.sound.sampler import Sampler, dpm_solver_2m_sample
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    CONTOUR_SPAN_CENTS,
    FASTEST_VIBRATO_HZ,
    FRAME_RATE_HZ,
    HARMONIC_COUNT,
    LAYOUT,
    NOISE_BAND_COUNT,
    OUTPUT_RATE_HZ,
    SLOWEST_VIBRATO_HZ,
    Audio,
    Frames,
    db_to_unit,
    drum_reference_db,
    smooth_contour,
)
from engine.sound.timbre_space import (
    DESCRIBE_SCALE,
    DRUM_KIT,
    NUDGE_SCALE,
    TimbreError,
    TimbreSpace,
    describe,
    from_gm,
    generate,
    interpolate,
    nudge,
    seed_of,
)
from engine.sound.timbre_version import DEFAULT_MODEL_DIR
from engine.words import QT_TRANSLATE_NOOP

__all__ = [
    "BATCH_NOTES",
    "DEFAULT_MODEL_DIR",
    "DEFAULT_SAMPLER",
    "DEFAULT_STEPS",
    "DEFAULT_TEMPERATURE",
    "DESCRIBE_SCALE",
    "DRUM_HIT_SECONDS",
    "DRUM_KIT",
    "MAX_NOTE_SECONDS",
    "NUDGE_SCALE",
    "NoteSpec",
    "TimbreError",
    "TimbreModel",
    "TimbreModelError",
    "TimbreSpace",
    "describe",
    "from_gm",
    "generate",
    "interpolate",
    "nudge",
]

REBUILD = (
    "reinstall Tessera, or rebuild the model as models/timbre/README.md says "
    "(python -m models.timbre.export runs/timbre/checkpoint.pt models/timbre)"
)
MAX_FRAMES = 1024
"""The longest note window a timbre card may declare (the shipped model's is 128 frames)."""
MAX_SPACE_BYTES = 16 * 2**20
MAX_NOTE_SECONDS = 120.0
"""The longest note rendered: a note's audio is synthesized whole (~100 bytes of working memory
per sample, ~530 MB for two minutes). Songs hold a note at most a minute
(`engine.sound.render.MAX_HELD_SECONDS`)."""
DEFAULT_SAMPLER: Sampler = dpm_solver_2m_sample
DEFAULT_STEPS = 4
"""Four DPM-Solver++(2M) steps give what ten DDIM steps (the earlier setting; the card keeps its
figures under "metrics_ddim_10_steps") give: 0.005 control units RMS apart (0.25 dB), where
a note drawn from another seed is 0.05 away and four DDIM steps 0.014. That is 0.4 of the
denoiser calls, which were nearly all of a cold render (`engine.sound.sampler`; test_sampler.py)."""
DEFAULT_TEMPERATURE = 0.6
"""Scale of the sampler's initial noise. Below 1 trades variety between seeds for notes closer
to the instrument; the card's "sampler_settings_on_train_notes" compares step counts and
temperatures by spectral distance to the SoundFont on training notes (0.6 and 0.4 were best,
1.0 worst, with four solver steps as with ten DDIM steps)."""
SILENT_BELOW_DB = -98.0
"""Generated levels below this are silence. Most training levels are exactly silent (the
floor, -100 dB: 81 % of harmonic levels, 49 % of noise levels), a point the denoiser only
nears, so a release it ended at -95..-99 dB per channel held on as a faint hum for the rest of
the window, 52-60 dB under the note's peak: 64 harmonics at -97 dB sum to -79 dB. Snapping the
bottom 2 dB to the floor ends it, and changes no resynthesized SoundFont note measurably (mel
distance to FluidSynth 4.16 -> 4.14 dB; the model's 8.2 -> 6.7, v1, 48 notes)."""
DRUM_HIT_SECONDS = 0.5
"""The drum kit was learned from 0.5 s hits; a drum note's length does not change its sound."""
BATCH_NOTES = 16
"""Notes sampled together by `TimbreModel.render_notes` (per-note cost stops falling near 16)."""


@dataclass(frozen=True, slots=True)
class NoteSpec:
    """One note to render: its timbre, pitch, velocity and held length in seconds.

    `program` resolves a "gm" ref to the track's instrument; drums use the kit.
    """

    ref: TimbreRef
    pitch: int
    velocity: int
    duration_seconds: float
    program: int = 0
    is_drum: bool = False


def snap_to_silence(frames: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Generated frames with every level under `SILENT_BELOW_DB` set to the floor (silence);
    the contour (bend, vibrato depth and rate: no levels) as generated."""
    floor = db_to_unit(SILENT_BELOW_DB)
    snapped = np.where(frames < floor, np.float32(-1.0), frames).astype(np.float32)
    snapped[..., LAYOUT.contour] = frames[..., LAYOUT.contour]
    return snapped


class TimbreModelError(ModelLoadError):
    """The timbre model folder is missing, damaged, or does not match this Tessera."""


class TimbreModel:
    """The loaded denoiser and timbre space; renders notes. Use from one thread at a time."""

    def __init__(
        self, folder: str | os.PathLike[str] = DEFAULT_MODEL_DIR, threads: int | None = None
    ) -> None:
        self.folder = Path(folder)
        try:
            card = read_card(self.folder, REBUILD)
            self.frames = card.integer(
                "architecture", "frames", low=ATTACK_FRAMES + 2, high=MAX_FRAMES
            )
            self._check_controls(card)
            version = card.integer("version", low=1, high=MAX_MODEL_VERSION)
            space = self._load_space(card.sha256("space", "sha256"))
            self.space = dataclasses.replace(space, model_version=version)
            # No spinning: a render synthesizes one batch on another thread while the model
            # samples the next, and spinning threads took its core (a cold render 1.4x slower).
            loaded = open_session(
                self.folder / "model.onnx",
                card.sha256("onnx", "sha256"),
                threads,
                spin=False,
                fix=REBUILD,
            )
        except TimbreModelError:
            raise
        except ModelLoadError as err:
            raise TimbreModelError(
                QT_TRANSLATE_NOOP("Timbre", "the timbre model: {err}").format(err=err)
            ) from err
        self.card: dict[str, Any] = card.raw
        self.session, self.providers = loaded.session, loaded.providers
        self._check_graph()

    def _check_controls(self, card: Card) -> None:
        """The card's control layout must be the one `engine.sound.synth` synthesizes."""
        expected = {
            "frame_rate_hz": FRAME_RATE_HZ,
            "harmonics": HARMONIC_COUNT,
            "noise_bands": NOISE_BAND_COUNT,
            "channels": CHANNEL_COUNT,
            "contour_span_cents": CONTOUR_SPAN_CENTS,
            "vibrato_hz": [SLOWEST_VIBRATO_HZ, FASTEST_VIBRATO_HZ],
            "analysis_rate_hz": ANALYSIS_RATE_HZ,
        }
        controls = card.value("controls")
        found = controls if isinstance(controls, dict) else {}
        # A model whose card says so writes a drum hit's envelope (engine.sound.drum_envelope);
        # v6's net does not (its drum frames hold near silence there, not all at the floor), and
        # its drum table gives each key's own (engine.sound.drum_table).
        self.drum_envelope = found.get("drum_envelope") is True
        self.drum_table = None if self.drum_envelope else load_table(self.folder)
        wrong = {k: found.get(k) for k, v in expected.items() if found.get(k) != v}
        if wrong:
            raise TimbreModelError(
                QT_TRANSLATE_NOOP(
                    "Timbre",
                    "the timbre model in {folder} was trained for controls {wrong}, but "
                    "this Tessera synthesizes {expected}: install the model that ships "
                    "with this version",
                ).format(folder=self.folder, wrong=wrong, expected=expected)
            )

    def _load_space(self, expected_sha256: str) -> TimbreSpace:
        """space.json, checked against the card's hash and for consistent dimensions."""
        path = self.folder / "space.json"
        if file_sha256(path, REBUILD) != expected_sha256:
            raise TimbreModelError(
                QT_TRANSLATE_NOOP("Timbre", "{path} does not match its card: {rebuild}").format(
                    path=path, rebuild=REBUILD
                )
            )
        try:
            if path.stat().st_size > MAX_SPACE_BYTES:
                raise ValueError(
                    QT_TRANSLATE_NOOP("Timbre", "{st_size:,} bytes is not a timbre space").format(
                        st_size=path.stat().st_size
                    )
                )
            space = TimbreSpace.from_json(json.loads(path.read_text(encoding="utf-8")))
            space.check()
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
            raise TimbreModelError(
                QT_TRANSLATE_NOOP("Timbre", "{path} is damaged ({err}): {rebuild}").format(
                    path=path, err=err, rebuild=REBUILD
                )
            ) from err
        return space

    def _check_graph(self) -> None:
        """The graph's note window and timbre width must be the card's and the space's."""
        shapes = {node.name: node.shape for node in self.session.get_inputs()}
        wanted = {"x": [self.frames, CHANNEL_COUNT], "timbre": [self.space.dimension]}
        for name, tail in wanted.items():
            shape = shapes.get(name)
            if shape is None or list(shape[1:]) != tail:
                raise TimbreModelError(
                    QT_TRANSLATE_NOOP(
                        "Timbre",
                        "{folder} takes {name} of shape {shape}, but its card and space say "
                        "(batch, {dims}): {rebuild}",
                    ).format(
                        folder=self.folder / "model.onnx",
                        name=name,
                        shape=shape,
                        dims=", ".join(map(str, tail)),
                        rebuild=REBUILD,
                    )
                )

    @property
    def max_duration_seconds(self) -> float:
        """The longest held note the model generates directly (the model learned from notes
        held 0.5 s and 2 s): a longer one is sampled at this length and its sustain continued
        to the note-off (`engine.sound.note_shape`), so its release is the model's own."""
        return 0.8 * self.frames / FRAME_RATE_HZ

    def denoise(
        self,
        x: Frames,
        t: float,
        vectors: npt.NDArray[np.float32],
        *,
        pitches: npt.ArrayLike,
        velocities: npt.ArrayLike,
        durations_seconds: npt.ArrayLike,
        is_drum: npt.ArrayLike,
    ) -> Frames:
        """One denoiser call on a batch: the clean estimates x0 (B, F, C) for noisy frames x at
        time t; `vectors` is (B, D) and the note arrays have one entry per batch row."""
        batch = len(x)

        def row(values: npt.ArrayLike) -> npt.NDArray[np.float32]:
            return np.broadcast_to(np.asarray(values, dtype=np.float32), (batch,))

        feeds = {
            "x": np.asarray(x, dtype=np.float32),
            "t": np.full(batch, t, dtype=np.float32),
            "timbre": np.asarray(vectors, dtype=np.float32),
            "pitch": row(pitches),
            "velocity": row(velocities),
            "duration": row(durations_seconds),
            "is_drum": row(is_drum),
        }
        return self.session.run(["x0"], feeds)[0]  # type: ignore[no-any-return]

    def sample_controls(
        self,
        ref: TimbreRef,
        pitch: int,
        velocity: int,
        duration_seconds: float,
        *,
        is_drum: bool = False,
        steps: int = DEFAULT_STEPS,
        temperature: float = DEFAULT_TEMPERATURE,
        sampler: Sampler = DEFAULT_SAMPLER,
    ) -> Frames:
        """Control frames (F, C) for one note: a deterministic sampler from the ref's seed,
        the initial noise scaled by `temperature`."""
        note = NoteSpec(ref, pitch, velocity, duration_seconds, is_drum=is_drum)
        frames: Frames = self._sample_batch([note], steps, temperature, sampler)[0]
        return frames

    def _sample_batch(
        self, notes: Sequence[NoteSpec], steps: int, temperature: float, sampler: Sampler
    ) -> npt.NDArray[np.float32]:
        """Control frames (B, F, C) for resolved notes, one denoiser call per step for all."""
        noise = np.stack(
            [
                temperature
                * np.random.default_rng(seed_of(n.ref)).standard_normal(
                    (self.frames, CHANNEL_COUNT)
                )
                for n in notes
            ]
        )
        vectors = np.array([n.ref.vector for n in notes], dtype=np.float32)
        frames = sampler(
            lambda x, t: self.denoise(
                x,
                t,
                vectors,
                pitches=[n.pitch for n in notes],
                velocities=[n.velocity for n in notes],
                durations_seconds=[n.duration_seconds for n in notes],
                is_drum=[n.is_drum for n in notes],
            ),
            noise,
            steps,
        )
        frames = smooth_contour(snap_to_silence(frames))
        if not self.drum_envelope:
            for i, note in enumerate(notes):
                if note.is_drum:
                    frames[i, :, LAYOUT.drum_envelope] = self._table_envelope(note, frames[i])
        return frames

    def _table_envelope(self, note: NoteSpec, frames: Frames) -> npt.NDArray[np.float32] | float:
        """A drum hit's envelope from the model's drum table (`engine.sound.drum_table`) for
        the hit's sampled `frames`, or -1 (none: the synthesizer plays the frames' own noise)
        without one or its key."""
        found = (
            None
            if self.drum_table is None
            else self.drum_table.envelope(note.pitch, note.velocity, drum_reference_db(frames))
        )
        return -1.0 if found is None else found

    def resolve(self, ref: TimbreRef, program: int, is_drum: bool) -> TimbreRef:
        """A generated ref as it is; a "gm" ref as the model's vector for the track's program.
        The standard sound set is not the model's to play (`NoteRenderer` sends it to
        FluidSynth), so a "soundfont" ref here is a TimbreError."""
        if ref.kind == "generated":
            return ref
        if ref.is_standard:
            raise TimbreError(
                QT_TRANSLATE_NOOP(
                    "Timbre",
                    "a standard-sound (SoundFont) note is rendered by FluidSynth, not the "
                    "timbre model: render it through engine.sound.note_cache.NoteRenderer",
                )
            )
        return from_gm(self.space, DRUM_KIT if is_drum else program)

    def render_note(
        self,
        ref: TimbreRef,
        pitch: int,
        velocity: int,
        duration_seconds: float,
        *,
        program: int = 0,
        is_drum: bool = False,
        steps: int = DEFAULT_STEPS,
        temperature: float = DEFAULT_TEMPERATURE,
        sample_rate_hz: int = OUTPUT_RATE_HZ,
        sampler: Sampler = DEFAULT_SAMPLER,
    ) -> Audio:
        """Mono float32 audio of one note and its release, which runs down to 60 dB under the
        note's peak and then stops (`program` resolves "gm" refs)."""
        note = NoteSpec(ref, pitch, velocity, duration_seconds, program=program, is_drum=is_drum)
        return self.render_notes(
            [note],
            steps=steps,
            temperature=temperature,
            sample_rate_hz=sample_rate_hz,
            sampler=sampler,
        )[0]

    def render_notes(
        self,
        notes: Sequence[NoteSpec],
        *,
        steps: int = DEFAULT_STEPS,
        temperature: float = DEFAULT_TEMPERATURE,
        sample_rate_hz: int = OUTPUT_RATE_HZ,
        sampler: Sampler = DEFAULT_SAMPLER,
    ) -> list[Audio]:
        """Mono float32 audio of each note, sampled in batches of up to `BATCH_NOTES`.

        Batching shares each denoiser call between notes: about 0.75 ms per note and step
        at 16 notes against 1.2 ms one at a time on a 2-core CPU. A note sounds the same
        whichever batch it is in, up to float rounding (the noise comes from its ref's seed).
        """
        audio: list[Audio] = []
        for first in range(0, len(notes), BATCH_NOTES):
            batch = notes[first : first + BATCH_NOTES]
            sampled = self.sample_notes(
                batch, steps=steps, temperature=temperature, sampler=sampler
            )
            audio += [note.audio(sample_rate_hz) for note in sampled]
        return audio

    def sample_notes(
        self,
        notes: Sequence[NoteSpec],
        *,
        steps: int = DEFAULT_STEPS,
        temperature: float = DEFAULT_TEMPERATURE,
        sampler: Sampler = DEFAULT_SAMPLER,
    ) -> list[SampledNote]:
        """The denoiser's part of `render_notes` for one batch (at most `BATCH_NOTES` notes):
        each note's control frames, ready for `SampledNote.audio`, which needs no model, so a
        caller can synthesize one batch while the model samples the next."""
        if len(notes) > BATCH_NOTES:
            raise TimbreError(
                QT_TRANSLATE_NOOP(
                    "Timbre", "a batch holds at most {most} notes, got {count}"
                ).format(most=BATCH_NOTES, count=len(notes))
            )
        if not notes:
            return []
        batch = [self._resolved(note) for note in notes]
        generated = [min(n.duration_seconds, self.max_duration_seconds) for n in batch]
        frames = self._sample_batch(
            [
                dataclasses.replace(n, duration_seconds=g)
                for n, g in zip(batch, generated, strict=True)
            ],
            steps,
            temperature,
            sampler,
        )
        return [
            SampledNote(note, note_frames, seconds, seed_of(note.ref))
            for note, note_frames, seconds in zip(batch, frames, generated, strict=True)
        ]

    def _resolved(self, note: NoteSpec) -> NoteSpec:
        """The note checked, its ref resolved, and a drum hit at the kit's learned length."""
        if (
            not 0 <= note.pitch <= 127
            or not 1 <= note.velocity <= 127
            or not 0 < note.duration_seconds <= MAX_NOTE_SECONDS
        ):
            raise TimbreError(
                QT_TRANSLATE_NOOP(
                    "Timbre",
                    "a note needs pitch 0-127, velocity 1-127 and a duration above 0 and "
                    "at most {max_note_seconds:g} s, got {pitch}, {velocity}, "
                    "{duration_seconds}",
                ).format(
                    max_note_seconds=MAX_NOTE_SECONDS,
                    pitch=note.pitch,
                    velocity=note.velocity,
                    duration_seconds=note.duration_seconds,
                )
            )
        return dataclasses.replace(
            note,
            ref=self.resolve(note.ref, note.program, note.is_drum),
            duration_seconds=DRUM_HIT_SECONDS if note.is_drum else note.duration_seconds,
        )
