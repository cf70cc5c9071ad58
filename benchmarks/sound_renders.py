"""What `benchmarks.sound_reference` plays and who plays it: a short phrase per General MIDI
instrument, one hit per drum key, a string quartet, and the renderers (FluidSynth, Tessera's
timbre, Tessera's standard set, timidity, FluidSynth on a second SoundFont, sine tones).

Every per-instrument render is dry and mono at 44.1 kHz: FluidSynth and timidity with reverb
and chorus off, Tessera with its track at width 0 and no reverb send, so only the timbre is
compared. The quartet is rendered in stereo with everyone's defaults (reverb and chorus on),
centred and seated as the string-quartet preset seats it.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import soundfile

from benchmarks.audio_likeness import sine_render
from build_scripts.timbre import soundfont_path
from build_scripts.timbre.render import GAIN
from engine.compose.presets import PRESETS, voice_tracks
from engine.project.midi.files import export_midi
from engine.song.gm import playable_range
from engine.song.song import MIN_REVERB_SEND_DB, PPQ, Note, Song, TimbreRef, Track
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, render

Audio = npt.NDArray[np.float32]
Renderer = Callable[[Song], Audio]
SECOND_SOUNDFONT = Path("/usr/share/sounds/sf3/MuseScore_General.sf3")
"""A second General MIDI set (Debian's musescore-general-soundfont), played by FluidSynth."""

SHORT_BEATS = (0, 1, 2)
"""Three short notes, low, middle and high in the instrument's range, a beat apart."""
SHORT_TICKS = 3 * PPQ // 4
HELD_START_TICK = 4 * PPQ
HELD_TICKS = 4 * PPQ
"""Then one note held for 2 s at 120 bpm (for noise, vibrato, attack), after a beat's rest so
the short notes' releases are over, and 4 s of silence for its release."""
PHRASE_BARS = 4
DRUM_SPACING_BEATS = 6
"""One drum hit every 3 s: long enough for a crash cymbal to fall 30 dB."""
QUARTET = (
    (40, (76, 74, 72, 71)),
    (40, (67, 67, 64, 62)),
    (41, (60, 59, 57, 55)),
    (42, (48, 43, 45, 43)),
)
"""Violin I, violin II, viola and cello: four bars of whole-note chords (C G Am G)."""


def phrase_pitches(program: int) -> tuple[tuple[int, int, int], int]:
    """(the short notes' pitches, the held note's pitch) across the instrument's range."""
    low, high = playable_range(program)
    at = [round(low + share * (high - low)) for share in (0.2, 0.5, 0.8)]
    return (at[0], at[1], at[2]), at[1]


def phrase(program: int) -> Song:
    """The instrument's phrase: three short notes across its range, then one held note."""
    shorts, held = phrase_pitches(program)
    notes = [
        Note(beat * PPQ, pitch, SHORT_TICKS, 90)
        for beat, pitch in zip(SHORT_BEATS, shorts, strict=True)
    ]
    notes.append(Note(HELD_START_TICK, held, HELD_TICKS, 80))
    track = Track("Solo", program=program, notes=tuple(notes))
    return Song(title=f"program {program}", bar_count=PHRASE_BARS, tracks=(track,))


def held_span(song: Song) -> tuple[float, float]:
    """(note-on, note-off) of the phrase's held note in seconds."""
    return song.tick_to_seconds(HELD_START_TICK), song.tick_to_seconds(HELD_START_TICK + HELD_TICKS)


def drum_hits(keys: tuple[int, ...]) -> Song:
    """One hit per drum key, `DRUM_SPACING_BEATS` apart, velocity 100."""
    spacing = DRUM_SPACING_BEATS * PPQ
    notes = tuple(Note(i * spacing, key, PPQ // 2, 100) for i, key in enumerate(keys))
    bars = -(-len(keys) * DRUM_SPACING_BEATS // 4)
    return Song(
        title="drum keys", bar_count=max(1, bars), tracks=(Track("Kit", is_drum=True, notes=notes),)
    )


def quartet() -> Song:
    """Four string parts, one whole-note chord a bar, everything else left at its default."""
    tracks = tuple(
        Track(
            f"Part {i + 1}",
            program=program,
            notes=tuple(Note(b * 4 * PPQ, p, 4 * PPQ, 80) for b, p in enumerate(pitches)),
        )
        for i, (program, pitches) in enumerate(QUARTET)
    )
    return Song(title="quartet", bar_count=5, tracks=tracks)


def seated_quartet() -> Song:
    """The quartet seated as a new song from the string-quartet preset is (violin I left,
    violin II left of centre, viola right of centre, cello right: `presets/ensembles.toml`)."""
    song = quartet()
    seats = voice_tracks(PRESETS["string-quartet"].voices)
    tracks = tuple(
        dataclasses.replace(track, pan=seat.pan, reverb_send_db=seat.reverb_send_db)
        for track, seat in zip(song.tracks, seats, strict=True)
    )
    return dataclasses.replace(song, tracks=tracks)


def _dry(song: Song, timbre: TimbreRef) -> Song:
    tracks = tuple(
        dataclasses.replace(t, width=0.0, reverb_send_db=MIN_REVERB_SEND_DB, timbre=timbre)
        for t in song.tracks
    )
    return dataclasses.replace(song, tracks=tracks)


def tessera(renderer: NoteRenderer, standard: bool) -> Renderer:
    """Tessera's render of the song's tracks made dry and narrow: its timbre model, or (when
    `standard`) its standard sound set, mixed to mono."""
    timbre = TimbreRef("soundfont") if standard else TimbreRef()

    def run(song: Song) -> Audio:
        stereo = render(_dry(song, timbre), renderer)
        return np.ascontiguousarray(stereo.mean(axis=1), dtype=np.float32)

    return run


def _cli(song: Song, command: Callable[[Path, Path], list[str]]) -> npt.NDArray[np.float32]:
    """Run a MIDI-to-WAV command line on the song; (frames, channels) float32."""
    with tempfile.TemporaryDirectory() as folder:
        midi, wav = Path(folder) / "song.mid", Path(folder) / "song.wav"
        export_midi(song, midi)
        subprocess.run(command(midi, wav), check=True, capture_output=True)
        audio, rate = soundfile.read(wav, dtype="float32", always_2d=True)
    if rate != SAMPLE_RATE_HZ:
        raise RuntimeError(f"{command(midi, wav)[0]} wrote {rate} Hz, expected {SAMPLE_RATE_HZ}")
    return np.asarray(audio, dtype=np.float32)


def fluidsynth(
    soundfont: Path | None = None, effects: bool = False
) -> Callable[[Song], npt.NDArray[np.float32]]:
    """FluidSynth's command line at the timbre model's training gain, (frames, 2) in float
    (a 16-bit file's dither would be a false tail); dry unless `effects` (then its default
    reverb and chorus)."""
    font = soundfont or soundfont_path()

    def command(midi: Path, wav: Path) -> list[str]:
        dry = [] if effects else ["-R", "0", "-C", "0"]
        return [
            "fluidsynth",
            "-ni",
            "-q",
            *dry,
            "-g",
            str(GAIN),
            "-r",
            str(SAMPLE_RATE_HZ),
            "-O",
            "float",
            "-F",
            str(wav),
            str(font),
            str(midi),
        ]

    return lambda song: _cli(song, command)


def timidity(song: Song) -> npt.NDArray[np.float32]:
    """timidity's render (its own configured General MIDI set), reverb and chorus off, in 24
    bits (a 16-bit file's noise floor, some 60 dB under a note, would read as a long tail)."""

    def command(midi: Path, wav: Path) -> list[str]:
        return [
            "timidity",
            "-idq",
            "-Ow",
            "--output-24bit",
            "-s",
            str(SAMPLE_RATE_HZ),
            "-EFreverb=d",
            "-EFchorus=d",
            "-o",
            str(wav),
            str(midi),
        ]

    return _cli(song, command)


def mono(render_stereo: Callable[[Song], npt.NDArray[np.float32]]) -> Renderer:
    return lambda song: np.ascontiguousarray(render_stereo(song).mean(axis=1), dtype=np.float32)


def renderers(renderer: NoteRenderer, second_soundfont: bool = False) -> dict[str, Renderer]:
    """The dry mono renderers by table name, the reference first (timidity where installed:
    a comparison only, no part of Tessera, and not among its Debian packages)."""
    chosen: dict[str, Renderer] = {
        "FluidSynth": mono(fluidsynth()),
        "Tessera timbre": tessera(renderer, standard=False),
        "Tessera standard set": tessera(renderer, standard=True),
    }
    if shutil.which("timidity") is not None:
        chosen["timidity"] = mono(timidity)
    if second_soundfont and SECOND_SOUNDFONT.is_file():
        chosen["MuseScore GM"] = mono(fluidsynth(SECOND_SOUNDFONT))
    chosen["sine"] = sine_render
    return chosen
