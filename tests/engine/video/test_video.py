"""Real videos made here with PyAV (mpeg4 in mp4/mov/mkv, VP8 in webm): probing, decoding,
cut detection against the known cut times, the user's cut edits, the energy curve, muxing a
soundtrack in (read back: streams, codecs, lengths, picture packets unchanged) and one clear
error for every file that is not a readable video."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from engine.video.analysis import analyse
from engine.video.cuts import Cuts, add_cut, delete_cut, edited, move_cut
from engine.video.energy import from_points
from engine.video.mux import mux_soundtrack
from engine.video.probe import VideoError, probe
from engine.video.synthetic import make_shots_video

FPS = 25


@pytest.mark.parametrize("suffix", [".mp4", ".mov", ".mkv", ".webm"])
def test_each_kind_of_video_is_probed_and_its_cuts_found_to_the_frame(
    tmp_path: Path, suffix: str
) -> None:
    made = make_shots_video(tmp_path / f"v{suffix}", [30, 20, 45, 25], fps=FPS, audio=True)
    info = probe(made.path)
    assert (info.width, info.height, round(info.fps), info.has_audio) == (160, 96, FPS, True)
    analysis = analyse(made.path)
    assert analysis.frames == 120
    assert analysis.duration_s == pytest.approx(made.duration_s, abs=1e-6)
    assert len(analysis.cuts.times) == len(made.cuts)
    for found, truth in zip(analysis.cuts.times, made.cuts, strict=True):
        assert abs(found - truth) <= 1.0 / FPS / 2
    assert analysis.thumbnails[0].rgb.shape == (54, 96, 3)
    assert len(analysis.thumbnails) == 5  # one a second over 4.8 s


def test_a_still_shot_has_no_cuts_and_less_energy_than_a_moving_one(tmp_path: Path) -> None:
    still = analyse(make_shots_video(tmp_path / "still.mp4", [100], motion=[0]).path)
    moving = analyse(make_shots_video(tmp_path / "moving.mp4", [100], motion=[6]).path)
    assert still.cuts.times == moving.cuts.times == ()
    assert moving.energy.mean(0, 4) > still.energy.mean(0, 4) + 0.05


def test_fast_cutting_raises_the_energy_where_it_happens(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "v.mp4", [100, 10, 10, 10, 10, 10, 100], motion=[0] * 7)
    analysis = analyse(made.path)
    assert len(analysis.cuts.times) == 6
    assert analysis.energy.mean(4, 6) > analysis.energy.mean(0.0, 2.0) + 0.2


def test_the_users_cut_edits_are_pure_and_checked() -> None:
    cuts = Cuts((2.0, 5.0), 10.0)
    assert add_cut(cuts, 3.2).times == (2.0, 3.2, 5.0)
    assert delete_cut(cuts, 5.3).times == (2.0,)
    assert move_cut(cuts, 2.1, 7.0).times == (5.0, 7.0)
    assert edited(cuts, added=[8.0], removed=[2.0]).times == (5.0, 8.0)
    assert cuts.times == (2.0, 5.0)  # the value itself never changes
    with pytest.raises(VideoError, match=r"no cut within 0\.5 s of 7\.5 s"):
        delete_cut(cuts, 7.5)
    with pytest.raises(VideoError, match="outside the video"):
        add_cut(cuts, 12.0)


def test_a_drawn_energy_curve_is_read_between_its_points() -> None:
    curve = from_points([(10.0, 0.8), (0.0, 0.2)])
    assert curve.at(5.0) == pytest.approx(0.5)
    assert curve.mean(0.0, 10.0) == pytest.approx(0.5, abs=0.02)
    with pytest.raises(VideoError, match="0-1"):
        from_points([(0.0, 1.5)])


@pytest.mark.parametrize("suffix", [".mp4", ".mkv", ".webm"])
def test_a_soundtrack_is_muxed_into_a_copy_and_the_picture_is_copied_not_reencoded(
    tmp_path: Path, suffix: str
) -> None:
    made = make_shots_video(tmp_path / f"in{suffix}", [50, 50], fps=FPS, audio=True)
    before = made.path.read_bytes()
    tone = np.sin(np.arange(int(4.0 * 44_100)) / 20.0).astype(np.float32)
    audio = np.stack([tone, tone], axis=1) * 0.3
    out = mux_soundtrack(made.path, tmp_path / f"out{suffix}", audio, 44_100, 4.0)
    assert made.path.read_bytes() == before
    with av.open(str(made.path)) as original, av.open(str(out)) as scored:
        assert [s.type for s in scored.streams] == ["video", "audio"]
        assert scored.streams.audio[0].codec_context.name == (
            "opus" if suffix == ".webm" else "aac"
        )
        packets_in = [bytes(p) for p in original.demux(original.streams.video[0]) if p.size]
        packets_out = [bytes(p) for p in scored.demux(scored.streams.video[0]) if p.size]
        assert packets_out == packets_in
    with av.open(str(out)) as scored:
        samples = sum(f.samples for f in scored.decode(scored.streams.audio[0]))
        rate = scored.streams.audio[0].rate
    assert abs(samples / rate - 4.0) < 0.03  # the encoder's padding at most


def test_the_original_is_never_overwritten(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "in.mp4", [25])
    with pytest.raises(VideoError, match=r"will not overwrite the original video in\.mp4"):
        mux_soundtrack(made.path, made.path, np.zeros((100, 2), np.float32), 44_100, 1.0)


def _audio_only(path: Path) -> Path:
    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("aac", rate=44_100)
        frame = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), "fltp", "mono")
        frame.sample_rate = 44_100
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def test_each_unreadable_file_is_one_clear_error(tmp_path: Path) -> None:
    made = make_shots_video(tmp_path / "good.mp4", [50])
    truncated = tmp_path / "cut.mp4"
    truncated.write_bytes(made.path.read_bytes()[:2000])
    text = tmp_path / "notes.mp4"
    text.write_text("not a video")
    cases = {
        tmp_path / "missing.mp4": "no such file",
        text: "not a video FFmpeg knows",
        truncated: "cannot read the video cut.mp4",
        _audio_only(tmp_path / "sound.mp4"): "no picture",
        tmp_path: "not a regular file",
    }
    for path, words in cases.items():
        with pytest.raises(VideoError) as caught:
            analyse(path)
        message = str(caught.value)
        assert words in message, message
        assert "\n" not in message
