"""The Qt Multimedia backend on real videos made here (PyAV only makes them and, as an
independent reader, checks the copies): every kind of file is probed and its cuts found to the
frame; the scored copy holds every frame re-encoded as MPEG-4 and the soundtrack as AAC, of the
video's length (mkv and webm become mp4); unreadable files are one clear error; `auto` picks
PyAV only when it is installed."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from engine.video import pyav
from engine.video.analysis import analyse
from engine.video.mux import mux_soundtrack
from engine.video.probe import VideoError
from engine.video.pyav_backend import PyAVBackend
from engine.video.synthetic import make_shots_video
from ui.video.qt_media import QtMediaBackend, backend_named

QT = QtMediaBackend()


@pytest.mark.parametrize("suffix", [".mp4", ".mov", ".mkv", ".webm"])
def test_each_kind_of_video_is_read_with_its_cuts_to_the_frame(
    qapp: QApplication, tmp_path: Path, suffix: str
) -> None:
    made = make_shots_video(tmp_path / f"clip{suffix}", [30, 45, 30], fps=25, size=(160, 96))
    info = QT.probe(made.path)
    assert (info.width, info.height, info.fps) == (160, 96, 25.0)
    assert info.duration_s == pytest.approx(made.duration_s, abs=0.05)
    assert not info.has_audio
    analysis = analyse(made.path, backend=QT)
    assert analysis.frames == 105
    assert analysis.duration_s == pytest.approx(made.duration_s, abs=1e-6)
    assert analysis.cuts.times == pytest.approx(made.cuts, abs=1e-6)
    assert len(analysis.thumbnails) == 5
    first = analysis.thumbnails[0].rgb
    assert first.shape == (54, 96, 3)
    # the first shot is red (200, 40, 40) with a small square: the corner is that colour
    assert np.abs(first[2, 2].astype(int) - (200, 40, 40)).max() < 24


@pytest.mark.parametrize(
    ("suffix", "written"), [(".mp4", ".mp4"), (".mov", ".mov"), (".mkv", ".mp4"), (".webm", ".mp4")]
)
def test_the_copy_holds_every_frame_and_the_soundtrack_at_the_videos_length(
    qapp: QApplication, tmp_path: Path, suffix: str, written: str
) -> None:
    made = make_shots_video(tmp_path / f"clip{suffix}", [40, 60], fps=25, audio=True)
    before = made.path.read_bytes()
    rate = 48_000
    seconds = made.duration_s + 1.0  # longer than the video: cut to its length
    tone = 0.2 * np.sin(2 * np.pi * 330 * np.arange(round(seconds * rate)) / rate)
    audio = np.stack([tone, tone], axis=1).astype(np.float32)
    out = mux_soundtrack(
        made.path, tmp_path / f"scored{suffix}", audio, rate, made.duration_s, backend=QT
    )
    assert out == tmp_path / f"scored{written}"
    assert made.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([made.path.name, out.name])
    with av.open(str(out)) as copy:
        picture, sound = copy.streams.video[0], copy.streams.audio[0]
        assert (picture.codec_context.name, sound.codec_context.name) == ("mpeg4", "aac")
        assert len(copy.streams) == 2
        frames = [float(f.time) for f in copy.decode(picture)]
        copy.seek(0)
        samples = sum(f.samples for f in copy.decode(sound))
    assert len(frames) == 100
    assert frames[-1] == pytest.approx(made.duration_s - 1 / 25, abs=1e-3)
    # AAC's priming and last frame make the sound at most two of its frames longer
    assert 0 <= samples / sound.rate - made.duration_s < 2 * 1024 / sound.rate + 1e-6
    again = analyse(out, backend=QT)
    assert again.cuts.times == pytest.approx(made.cuts, abs=1e-6)


def test_unreadable_files_are_one_clear_error(qapp: QApplication, tmp_path: Path) -> None:
    noise = tmp_path / "noise.mp4"
    noise.write_bytes(bytes(range(256)) * 40)
    sound_only = tmp_path / "sound.mkv"
    with av.open(str(sound_only), mode="w") as container:
        stream = container.add_stream("flac", rate=44_100)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 4410), np.int16), format="s16")
        frame.sample_rate, frame.pts = 44_100, 0
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    cases = [
        (tmp_path / "gone.mp4", "no such file"),
        (tmp_path, "not a regular file"),
        (noise, "not a video Qt can play"),
        (sound_only, "holds no picture"),
    ]
    for path, words in cases:
        with pytest.raises(VideoError, match=words) as caught:
            analyse(path, backend=QT)
        assert str(caught.value).startswith("cannot read the video")


def test_auto_chooses_pyav_only_when_it_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(backend_named("auto"), PyAVBackend)
    assert isinstance(backend_named("qt"), QtMediaBackend)
    monkeypatch.setattr(pyav, "available", lambda: False)
    assert isinstance(backend_named("auto"), QtMediaBackend)
    with pytest.raises(pyav.VideoSupportMissingError, match="pip install"):
        backend_named("pyav")
    with pytest.raises(VideoError, match="choose auto, qt or pyav"):
        backend_named("gstreamer")
