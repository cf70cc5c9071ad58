"""Audio to notes on real audio: a known melody rendered by FluidSynth, transcribed by the real
ONNX model, scored with mir_eval; bad clips; notes placed on a Song; the CLI end to end.

F1 bars: on this melody (the fiddle line of `d_major_tune` played by FluidR3's flute) the
engine scored onset F1 1.00 (polyphonic) and 0.97 (monophonic), F1 with offsets 0.97 and 0.94;
over 16 held-out melodies the flute averaged 0.97 / 0.91 (benchmarks/transcription.py). The
tests ask for 0.9 and 0.8: one or two notes of 32 may slip, three or more fail.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from pathlib import Path

import mido
import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from app.cli import main
from benchmarks.transcription import note_scores, reference_notes, render_fluidsynth
from benchmarks.tunes import d_major_tune
from engine.project.project_file import load_project, save_project
from engine.song.edits import select
from engine.song.song import PPQ, Note, Song, TempoChange, Track
from engine.transcribe.to_song import clip_to_track, estimate_tempo
from engine.transcribe.transcriber import (
    BATCH_WINDOWS,
    HOP_SAMPLES,
    TRIM_FRAMES,
    NoteModel,
    TranscribedNote,
    TranscriptionError,
    load_clip,
    model_path,
    to_model_rate,
    transcribe,
)

RATE = 44_100
FLUTE = 73
Audio = npt.NDArray[np.float32]


@pytest.fixture(scope="module")
def melody() -> Song:
    """The fiddle line of `d_major_tune` (32 quarter notes at 120 BPM), played on a flute."""
    line = select(d_major_tune(), [0])
    return dataclasses.replace(line, tracks=(dataclasses.replace(line.tracks[0], program=FLUTE),))


@pytest.fixture(scope="module")
def flute(melody: Song) -> Audio:
    return render_fluidsynth(melody, RATE)


@pytest.fixture(scope="module")
def clip_path(tmp_path_factory: pytest.TempPathFactory, flute: Audio) -> Path:
    """The melody as a 16-bit stereo WAV, the right channel at half level."""
    path = tmp_path_factory.mktemp("clips") / "flute.wav"
    soundfile.write(str(path), np.stack([flute, 0.5 * flute], axis=1), RATE, subtype="PCM_16")
    return path


# --- transcription --------------------------------------------------------------------------


@pytest.mark.parametrize("monophonic", [False, True])
def test_a_played_melody_comes_back_as_its_notes(
    clip_path: Path, melody: Song, note_model: NoteModel, monophonic: bool
) -> None:
    audio, sample_rate = load_clip(clip_path)
    assert sample_rate == RATE
    assert audio.ndim == 1
    notes = transcribe(audio, sample_rate, monophonic=monophonic, model=note_model)
    reference = reference_notes(melody)
    scores = note_scores(reference, notes)
    assert scores.onset_f1 >= 0.9
    assert scores.offset_f1 >= 0.8
    assert {n.pitch for n in notes} == {n.pitch for n in reference}  # no octave or ghost notes
    assert all(1 <= n.velocity <= 127 and n.end_seconds > n.start_seconds for n in notes)


def _overlaps(notes: list[TranscribedNote]) -> int:
    return sum(
        1
        for a, b in itertools.combinations(notes, 2)
        if a.start_seconds < b.end_seconds and b.start_seconds < a.end_seconds
    )


def test_over_a_bass_line_monophonic_keeps_the_melody(note_model: NoteModel) -> None:
    """The whole `d_major_tune`: flute melody over a cello playing one note a bar. Measured:
    polyphonic found 6 of 8 bass notes (melody F1 0.86), monophonic 2 (melody F1 0.89)."""
    tune = d_major_tune()
    duet = dataclasses.replace(
        tune, tracks=(dataclasses.replace(tune.tracks[0], program=FLUTE), tune.tracks[1])
    )
    audio = render_fluidsynth(duet, RATE)
    melody = reference_notes(duet)
    bass = reference_notes(dataclasses.replace(duet, tracks=duet.tracks[1:]))
    both = transcribe(audio, RATE, model=note_model)
    one = transcribe(audio, RATE, monophonic=True, model=note_model)
    assert _overlaps(both) > 0
    assert note_scores(bass, both).onset_recall >= 5 / 8
    assert _overlaps(one) == 0
    assert note_scores(bass, one).onset_recall <= 3 / 8
    assert note_scores(melody, one).onset_f1 >= 0.85
    assert note_scores(melody, one).onset_f1 > note_scores(melody, both).onset_f1


def test_velocity_follows_loudness(flute: Audio, melody: Song, note_model: NoteModel) -> None:
    half = melody.tick_to_seconds(16 * PPQ)  # the second half of the tune, 12 dB quieter
    audio = flute.copy()
    audio[int(half * RATE) :] *= 0.25
    notes = transcribe(audio, RATE, monophonic=True, model=note_model)
    loud = [n.velocity for n in notes if n.start_seconds < half - 0.1]
    quiet = [n.velocity for n in notes if n.start_seconds > half + 0.1]
    assert np.median(loud) - np.median(quiet) >= 15  # 12 dB is 27 velocity steps on the scale


def test_windows_join_so_frame_k_is_sample_256k(flute: Audio, note_model: NoteModel) -> None:
    audio = to_model_rate(flute, RATE)
    post = note_model.posteriors(audio)
    assert len(post.frames) == -(-len(audio) // HOP_SAMPLES)
    kept = note_model.window_frames - 2 * TRIM_FRAMES
    for window in (0, 1, 3):
        first_sample = window * kept * HOP_SAMPLES - TRIM_FRAMES * HOP_SAMPLES
        chunk = np.zeros(note_model.window_samples, dtype=np.float32)
        source = audio[max(0, first_sample) : first_sample + note_model.window_samples]
        offset = max(0, -first_sample)
        chunk[offset : offset + len(source)] = source[: note_model.window_samples - offset]
        direct = note_model.run_windows(chunk[None])
        rows = slice(window * kept, (window + 1) * kept)
        middle = slice(TRIM_FRAMES, TRIM_FRAMES + kept)
        np.testing.assert_allclose(post.onsets[rows], direct.onsets[0, middle], atol=1e-5)
        np.testing.assert_allclose(post.frames[rows], direct.notes[0, middle], atol=1e-5)


def test_progress_counts_the_windows(flute: Audio, note_model: NoteModel) -> None:
    calls: list[tuple[int, int]] = []
    transcribe(
        flute, RATE, model=note_model, progress=lambda done, total: calls.append((done, total))
    )
    frames = -(-len(to_model_rate(flute, RATE)) // HOP_SAMPLES)
    windows = -(-frames // (note_model.window_frames - 2 * TRIM_FRAMES))
    assert windows > BATCH_WINDOWS  # more than one batch, so several calls
    assert [done for done, _ in calls] == [*range(BATCH_WINDOWS, windows, BATCH_WINDOWS), windows]
    assert {total for _, total in calls} == {windows}


def test_flac_reads_like_wav_and_mp3_reads_at_its_rate(tmp_path: Path, clip_path: Path) -> None:
    wav, _ = load_clip(clip_path)
    stereo, _ = soundfile.read(str(clip_path), dtype="float32")
    flac_path, mp3_path = tmp_path / "clip.flac", tmp_path / "clip.mp3"
    soundfile.write(str(flac_path), stereo, RATE, subtype="PCM_16")
    soundfile.write(str(mp3_path), stereo, RATE, format="MP3")
    flac, flac_rate = load_clip(flac_path)
    mp3, mp3_rate = load_clip(mp3_path)
    assert flac_rate == mp3_rate == RATE
    np.testing.assert_array_equal(flac, wav)
    assert abs(len(mp3) - len(wav)) < 0.1 * RATE


# --- bad clips ------------------------------------------------------------------------------


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(TranscriptionError, match=r"no audio file at .*nope\.wav"):
        load_clip(tmp_path / "nope.wav")


def test_a_text_file_named_wav_says_which_formats_work(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("these are not samples\n", encoding="utf-8")
    with pytest.raises(TranscriptionError, match=r"notes\.wav: cannot read it as audio.*WAV, FLAC"):
        load_clip(path)


def test_silence_and_empty_clips_are_refused(tmp_path: Path) -> None:
    silent, empty = tmp_path / "silent.wav", tmp_path / "empty.wav"
    soundfile.write(str(silent), np.zeros(RATE, dtype=np.float32), RATE)
    soundfile.write(str(empty), np.zeros(0, dtype=np.float32), RATE)
    with pytest.raises(TranscriptionError, match=r"silent\.wav is silent"):
        load_clip(silent)
    with pytest.raises(TranscriptionError, match="holds no audio"):
        load_clip(empty)
    with pytest.raises(TranscriptionError, match="the clip is silent"):
        transcribe(np.zeros(RATE, dtype=np.float32), RATE)


def test_a_clip_over_ten_minutes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"  # 601 s at 1 kHz: small on disk, long in time
    soundfile.write(str(path), np.full(601_000, 0.1, dtype=np.float32), 1_000, subtype="PCM_16")
    with pytest.raises(TranscriptionError, match=r"10\.0 minutes long; the limit is 10 minutes"):
        load_clip(path)


def test_files_that_are_no_clips_are_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.wav"
    with huge.open("wb") as handle:  # sparse: 3 GiB on paper, nothing on disk or read
        handle.truncate(3 * 2**30)
    with pytest.raises(TranscriptionError, match=r"huge\.wav is 3\.0 GiB, more than the 1 GiB"):
        load_clip(huge)
    endless = tmp_path / "endless.wav"
    os.symlink("/dev/zero", endless)  # reading it would never end
    with pytest.raises(TranscriptionError, match=r"endless\.wav is not an audio file"):
        load_clip(endless)
    pipe = tmp_path / "pipe.wav"
    os.mkfifo(pipe)  # no writer: opening it for reading the usual way would wait forever
    with pytest.raises(TranscriptionError, match=r"pipe\.wav is not an audio file"):
        load_clip(pipe)
    many = tmp_path / "many.wav"
    soundfile.write(str(many), np.zeros((10, 100), dtype=np.float32), RATE)
    with pytest.raises(TranscriptionError, match=r"100 channels at 44100 Hz; Tessera reads 1 to"):
        load_clip(many)


def test_a_missing_or_damaged_note_model_says_how_to_reinstall_it(tmp_path: Path) -> None:
    copy = tmp_path / "nmp.onnx"
    with pytest.raises(TranscriptionError, match=r"nmp\.onnx is missing.*pip install --no-deps"):
        NoteModel(copy)
    whole = model_path().read_bytes()
    copy.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(TranscriptionError, match=r"nmp\.onnx does not match.*pip install"):
        NoteModel(copy)
    copy.unlink()
    os.mkfifo(copy)
    with pytest.raises(TranscriptionError, match=r"nmp\.onnx is not a regular file"):
        NoteModel(copy)


def test_bad_arguments_are_refused(flute: Audio, note_model: NoteModel) -> None:
    with pytest.raises(TranscriptionError, match="mono audio"):
        transcribe(np.stack([flute, flute], axis=1), RATE, model=note_model)
    with pytest.raises(TranscriptionError, match="onset_threshold must be between 0 and 1"):
        transcribe(flute, RATE, onset_threshold=1.5, model=note_model)
    with pytest.raises(TranscriptionError, match="sample_rate must be"):
        transcribe(flute, 10, model=note_model)


# --- onto a Song ----------------------------------------------------------------------------


def _bass_song() -> Song:
    bass = Track("Bass", 32, notes=(Note(0, 36, 4 * PPQ, 90),), locked_bars=frozenset({0}))
    return Song(bar_count=8, tracks=(bass,), tempos=(TempoChange(0, 120.0),))


def test_clip_to_track_snaps_locks_and_grows_the_song() -> None:
    song = _bass_song()
    notes = [
        TranscribedNote(0.02, 0.49, 60, 80),  # ticks 19 -> 0 and 470 -> 480 on a 1/16 grid
        TranscribedNote(0.26, 0.51, 62, 90),  # 250 -> 240, 490 -> 480
        TranscribedNote(1.00, 1.02, 64, 70),  # would vanish: keeps one grid step
        TranscribedNote(19.0, 19.9, 65, 60),  # tick 18240: bar 10 of a 4/4 song
    ]
    placed = clip_to_track(notes, song, name="Hum", program=73, quantise="1/16")
    assert song.bar_count == 8
    assert len(song.tracks) == 1
    assert placed.bar_count == 10
    assert placed.tracks[0] == song.tracks[0]
    track = placed.tracks[1]
    assert (track.name, track.program) == ("Hum", 73)
    assert track.locked_bars == frozenset(range(10))
    assert [(n.start_tick, n.end_tick, n.pitch, n.velocity) for n in track.notes] == [
        (0, 480, 60, 80),
        (240, 480, 62, 90),
        (960, 1080, 64, 70),
        (18240, 19080, 65, 60),
    ]


def test_tempo_offset_and_grid_options() -> None:
    notes = [TranscribedNote(0.5, 0.9, 60, 80), TranscribedNote(1.5, 2.25, 62, 80)]
    placed = clip_to_track(notes, Song(), tempo_bpm=90.0, quantise="1/8", offset_seconds=0.5)
    assert placed.tempos == (TempoChange(0, 90.0),)
    # at 90 BPM a second is 720 ticks; read 0.5 s in: 0-288 and 720-1260, snapped to 240s
    assert [(n.start_tick, n.duration_ticks) for n in placed.tracks[0].notes] == [
        (0, 240),
        (720, 480),
    ]
    exact = clip_to_track(notes, Song(), quantise="off")
    assert [n.start_tick for n in exact.tracks[0].notes] == [480, 1440]
    with pytest.raises(TranscriptionError, match="unknown quantise grid '1/5'"):
        clip_to_track(notes, Song(), quantise="1/5")
    with pytest.raises(TranscriptionError, match="no notes to add"):
        clip_to_track(notes, Song(), offset_seconds=5.0)


def test_seconds_to_tick_inverts_the_tempo_map() -> None:
    tempos = (TempoChange(0, 120.0), TempoChange(1920, 60.0), TempoChange(3840, 180.0))
    song = Song(bar_count=8, tempos=tempos)
    for tick in (0, 100, 1919, 1920, 2500, 3840, 5000, 15359):
        assert song.seconds_to_tick(song.tick_to_seconds(tick)) == pytest.approx(tick)
    assert song.seconds_to_tick(2.0) == pytest.approx(1920)  # a bar of 4/4 at 120 BPM


def test_estimate_tempo_from_onsets() -> None:
    rng = np.random.default_rng(3)

    def notes_every(seconds: float, count: int) -> list[TranscribedNote]:
        starts = np.arange(count) * seconds + rng.uniform(-0.01, 0.01, count) + 0.02
        return [TranscribedNote(float(s), float(s) + 0.8 * seconds, 60, 80) for s in starts]

    assert estimate_tempo(notes_every(60 / 90, 24)) == pytest.approx(90, abs=2)
    assert estimate_tempo(notes_every(30 / 90, 48)) == pytest.approx(90, abs=2)  # eighths
    assert estimate_tempo(notes_every(60 / 132, 24)) == pytest.approx(132, abs=2)
    with pytest.raises(TranscriptionError, match="too few to estimate a tempo"):
        estimate_tempo(notes_every(0.5, 2))


# --- the command line -----------------------------------------------------------------------


def test_cli_writes_a_midi_file_of_the_melody(
    clip_path: Path, melody: Song, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "melody.mid"
    args = ["transcribe", str(clip_path), str(out), "--monophonic", "--tempo", "120"]
    assert main([*args, "--program", "flute"]) == 0
    printed = capsys.readouterr().out
    assert "bars 1-" in printed
    assert "a MIDI file keeps no locks" in printed
    midi = mido.MidiFile(str(out))
    tempos = [m.tempo for track in midi.tracks for m in track if m.type == "set_tempo"]
    assert tempos == [500_000]
    (track,) = [t for t in midi.tracks if any(m.type == "note_on" for m in t)]
    assert [m.program for m in track if m.type == "program_change"] == [FLUTE]
    notes, now, held = [], 0, {}
    for message in track:
        now += message.time
        if message.type == "note_on" and message.velocity > 0:
            held[message.note] = now
        elif message.type in ("note_off", "note_on") and message.note in held:
            start = held.pop(message.note)
            seconds = 60 / 120 / midi.ticks_per_beat
            notes.append(TranscribedNote(start * seconds, now * seconds, message.note, 80))
    assert note_scores(reference_notes(melody), notes).onset_f1 >= 0.9


def test_cli_adds_a_locked_track_to_a_project(clip_path: Path, tmp_path: Path) -> None:
    project = tmp_path / "song.json"
    save_project(_bass_song(), project)
    assert main(["transcribe", str(clip_path), str(project), "--into", str(project)]) == 0
    song = load_project(project)
    assert [t.name for t in song.tracks] == ["Bass", "flute"]
    assert song.tracks[0] == _bass_song().tracks[0]
    assert song.tracks[1].locked_bars == frozenset(range(song.bar_count))
    assert len(song.tracks[1].notes) >= 30


def test_cli_errors_are_one_line_and_exit_1(
    clip_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out.json")
    cases = [
        (["transcribe", str(tmp_path / "none.wav"), out], "no audio file at", 1),
        (["transcribe", str(clip_path), out, "--quantise", "1/5"], "unknown quantise grid", 2),
        (
            ["transcribe", str(clip_path), out, "--into", out, "--tempo", "90"],
            "leave out --tempo",
            2,
        ),
    ]
    for argv, message, status in cases:  # 2: the command line alone is wrong
        assert main(argv) == status
        error = capsys.readouterr().err
        assert error.startswith("tessera-cli: error: ")
        assert message in error
        assert error.count("\n") == 1
    assert not Path(out).exists()


def test_a_hummed_clip_becomes_a_locked_melody_the_model_harmonises(
    clip_path: Path, tmp_path: Path
) -> None:
    project = tmp_path / "hummed.json"
    assert main(["transcribe", str(clip_path), str(project), "--monophonic"]) == 0
    melody = load_project(project)
    assert main(["add-track", str(project), "--instrument", "cello", "--seed", "3"]) == 0
    harmonised = load_project(project)
    assert harmonised.tracks[0] == melody.tracks[0]  # the locked melody is untouched
    cello = harmonised.tracks[1]
    assert cello.program == 42
    assert len(cello.notes) >= melody.bar_count  # a part under every bar, about
    tune = [n.pitch for n in melody.tracks[0].notes]
    part = [n.pitch for n in cello.notes]
    assert sum(part) / len(part) < sum(tune) / len(tune)  # it sits under the tune
    assert min(part) >= 36
