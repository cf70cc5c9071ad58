"""Render notes with the FluidSynth command line: one MIDI file per instrument, then slice.

Each note gets a slot of `SLOT_SECONDS`: note-on at the slot's start, note-off after its
duration, and MIDI "all sound off" once the analysis window has passed, so no release tail
leaks into the next slot. FluidSynth renders with reverb and chorus off (the model learns the
dry instrument) at the analysis rate. Timing: the MIDI file uses 1 ms ticks; FluidSynth applies
events at 64-sample block boundaries (2.9 ms at 22.05 kHz), well inside one 20 ms control frame.
"""

from __future__ import annotations

import subprocess
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

import mido
import numpy as np

from build_scripts.timbre import WINDOW_FRAMES, NoteSpec, soundfont_path
from engine.song.song import DRUM_CHANNEL
from engine.sound.synth import ANALYSIS_RATE_HZ, FRAME_RATE_HZ, Audio

SLOT_SECONDS = 3.0
SILENCE_AFTER_SECONDS = WINDOW_FRAMES / FRAME_RATE_HZ + 0.1
"""When "all sound off" is sent, counted from the note's start: after the window's last frame."""
GAIN = 0.4
"""FluidSynth's master gain: no clipping on the loudest FluidR3 notes at velocity 120."""
CLIP_SAMPLES = int((WINDOW_FRAMES / FRAME_RATE_HZ + 0.06) * ANALYSIS_RATE_HZ)
"""Samples kept per note: the window plus half of the longest analysis window."""
ALL_SOUND_OFF = 120


def notes_to_midi(notes: Sequence[NoteSpec], path: Path) -> None:
    """A type-0 MIDI file playing `notes` one per slot, all on one instrument."""
    midi = mido.MidiFile(type=0, ticks_per_beat=1000)
    track = mido.MidiTrack()
    midi.tracks.append(track)
    track.append(mido.MetaMessage("set_tempo", tempo=1_000_000, time=0))  # 1 tick = 1 ms
    channel = DRUM_CHANNEL if notes[0].is_drum else 0
    if not notes[0].is_drum:
        track.append(mido.Message("program_change", channel=channel, program=notes[0].program))
    events: list[tuple[int, mido.Message]] = []
    for index, note in enumerate(notes):
        start_ms = round(index * SLOT_SECONDS * 1000)
        on = mido.Message("note_on", channel=channel, note=note.pitch, velocity=note.velocity)
        off = mido.Message("note_off", channel=channel, note=note.pitch, velocity=0)
        silence = mido.Message("control_change", channel=channel, control=ALL_SOUND_OFF, value=0)
        events += [
            (start_ms + 1, on),  # 1 ms in, so the very first note is not at the file's start
            (start_ms + 1 + round(note.duration_seconds * 1000), off),
            (start_ms + round(SILENCE_AFTER_SECONDS * 1000), silence),
        ]
    now = 0
    for tick, message in sorted(events, key=lambda event: event[0]):
        track.append(message.copy(time=tick - now))
        now = tick
    track.append(mido.MetaMessage("end_of_track", time=round(SLOT_SECONDS * 1000)))
    midi.save(str(path))


def read_wav(path: Path) -> Audio:
    """Mono float32 audio from a 16-bit PCM WAV (channels averaged)."""
    with wave.open(str(path), "rb") as reader:
        if reader.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit PCM, got {8 * reader.getsampwidth()}-bit")
        channels = reader.getnchannels()
        data = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    mono: Audio = (data.reshape(-1, channels).mean(axis=1) / 32768.0).astype(np.float32)
    return mono


def render_notes(notes: Sequence[NoteSpec]) -> list[Audio]:
    """Each note's audio from its onset, `CLIP_SAMPLES` long, at ANALYSIS_RATE_HZ (mono)."""
    if len({(note.program, note.is_drum) for note in notes}) != 1:
        raise ValueError("render_notes takes notes of a single instrument")
    with tempfile.TemporaryDirectory() as folder:
        midi_path, wav_path = Path(folder) / "notes.mid", Path(folder) / "notes.wav"
        notes_to_midi(notes, midi_path)
        command = ["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", str(GAIN)]
        command += ["-r", str(ANALYSIS_RATE_HZ), "-F", str(wav_path)]
        subprocess.run([*command, str(soundfont_path()), str(midi_path)], check=True)
        audio = read_wav(wav_path)
    onset = round(0.001 * ANALYSIS_RATE_HZ)
    slot = round(SLOT_SECONDS * ANALYSIS_RATE_HZ)
    needed = onset + (len(notes) - 1) * slot + CLIP_SAMPLES
    audio = np.pad(audio, (0, max(0, needed - len(audio))))
    return [audio[onset + i * slot : onset + i * slot + CLIP_SAMPLES] for i in range(len(notes))]
