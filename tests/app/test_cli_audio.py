"""`tessera-cli render` and `play` on real files: the audio written is the engine's render."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile

from app.cli import main
from benchmarks.tunes import d_major_tune
from engine.project.midi.files import export_midi, import_midi
from engine.project.project_file import save_project
from engine.sound.playback import output_device_names
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, RenderSelection, render

BATCH_TOLERANCE = 1e-4
"""-80 dBFS: the file holds the render, up to 24-bit rounding and batch-order arithmetic."""


def test_render_a_project_to_wav(
    tmp_path: Path, renderer: NoteRenderer, capsys: pytest.CaptureFixture[str]
) -> None:
    song = d_major_tune()
    save_project(song, tmp_path / "tune.json")
    assert main(["render", str(tmp_path / "tune.json"), str(tmp_path / "tune.wav")]) == 0
    written, rate = soundfile.read(tmp_path / "tune.wav", dtype="float32")
    expected = render(song, renderer)
    assert rate == SAMPLE_RATE_HZ
    assert written.shape == expected.shape
    # The CLI opens its own models, so its note renders run in other batches than the test's;
    # onnxruntime's sums differ by batch in the last bits (measured 5.6e-6), far below hearing.
    assert np.abs(written - expected).max() < BATCH_TOLERANCE
    assert "wrote" in capsys.readouterr().out


def test_render_bars_and_tracks_of_a_midi_file_to_flac(
    tmp_path: Path, renderer: NoteRenderer
) -> None:
    export_midi(d_major_tune(), tmp_path / "tune.mid")
    song = import_midi(tmp_path / "tune.mid")
    out = tmp_path / "cello.flac"
    assert (
        main(["render", str(tmp_path / "tune.mid"), str(out), "--tracks", "2", "--bars", "3-4"])
        == 0
    )
    written, _ = soundfile.read(out, dtype="float32")
    expected = render(song, renderer, RenderSelection(tracks=(1,), first_bar=2, end_bar=4))
    assert np.abs(written - expected).max() < BATCH_TOLERANCE


def test_render_refuses_a_format_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    save_project(d_major_tune(), tmp_path / "tune.json")
    assert main(["render", str(tmp_path / "tune.json"), str(tmp_path / "tune.aac")]) == 2
    assert "written as .wav, .flac, .mp3 or .ogg, not .aac" in capsys.readouterr().err
    assert not (tmp_path / "tune.aac").exists()


@pytest.mark.parametrize("suffix", [".mp3", ".ogg"])
def test_render_to_a_compressed_file_in_a_real_process(tmp_path: Path, suffix: str) -> None:
    """`tessera-cli render out.mp3` / `out.ogg` as a user runs it: a file as long as the music,
    not silent, within a lossy codec's distance of the WAV render of the same song."""
    song = d_major_tune()
    save_project(song, tmp_path / "tune.json")
    out = tmp_path / f"tune{suffix}"
    for target in (out, tmp_path / "tune.wav"):
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "render", str(tmp_path / "tune.json"), str(target)],
            capture_output=True,
            text=True,
            timeout=300,  # a hang guard only
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert target.name in done.stdout
    wav, rate = soundfile.read(tmp_path / "tune.wav", dtype="float32")
    written, written_rate = soundfile.read(out, dtype="float32")
    assert written_rate == rate == SAMPLE_RATE_HZ
    assert written.shape[1] == 2
    assert abs(len(written) - len(wav)) <= 0.05 * rate  # an encoder's padding at most
    loudness = float(np.sqrt(np.mean(wav**2)))
    assert loudness > 1e-3
    assert float(np.sqrt(np.mean(written**2))) == pytest.approx(loudness, rel=0.2)


def test_play_without_a_device_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if output_device_names():
        pytest.skip("this machine has an audio output device")
    save_project(d_major_tune(), tmp_path / "tune.json")
    assert main(["play", str(tmp_path / "tune.json"), "--loop", "2-3"]) == 1
    err = capsys.readouterr().err
    assert "tessera-cli: error:" in err
    assert "render the song to a file instead" in err or "PortAudio" in err
