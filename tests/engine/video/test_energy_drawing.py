"""Redrawing the energy curve: a stroke sets the points it passes over along its line, a click
sets the nearest point, typed points are resampled onto the picture's steps; the video score
kept beside a project (cuts and the drawn curve) comes back as it was saved, a project
without one has none, and a damaged one is an error that names the file and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.video.energy import (
    EnergyCurve,
    VideoScoreFile,
    from_points,
    load_score_file,
    on_grid,
    painted,
    save_score_file,
    score_file_for,
)
from engine.video.probe import VideoError

PICTURE = EnergyCurve((0.0, 0.5, 1.0, 1.5, 2.0), (0.2, 0.2, 0.2, 0.2, 0.2))


def test_a_stroke_sets_the_points_it_passes_over_along_its_line() -> None:
    drawn = painted(PICTURE, (1.5, 0.8), (0.5, 0.4))  # drawn right to left
    assert drawn.times == PICTURE.times
    assert drawn.values == (0.2, 0.4, 0.6, 0.8, 0.2)


def test_a_click_sets_the_nearest_point_and_values_stay_within_0_1() -> None:
    assert painted(PICTURE, (1.1, 0.9), (1.1, 0.9)).values == (0.2, 0.2, 0.9, 0.2, 0.2)
    assert painted(PICTURE, (0.0, 1.4), (0.6, 1.4)).values == (1.0, 1.0, 0.2, 0.2, 0.2)


def test_typed_points_are_resampled_onto_the_pictures_steps() -> None:
    typed = from_points([(0.0, 0.2), (2.0, 0.6)])
    assert on_grid(typed, PICTURE).values == (0.2, 0.3, 0.4, 0.5, 0.6)
    assert on_grid(PICTURE, PICTURE) is PICTURE


def test_the_video_score_beside_a_project_comes_back_as_saved(tmp_path: Path) -> None:
    project = tmp_path / "clip.song.json"
    assert load_score_file(project) is None  # a project scored before, or never
    drawn = painted(PICTURE, (0.5, 0.9), (1.0, 0.9))
    score = VideoScoreFile(tmp_path / "clip.mp4", "lofi", 3, (1.25, 6.0), drawn)
    written = save_score_file(project, score)
    assert written == tmp_path / "clip.song.video.json"
    assert score_file_for(project) == written
    assert load_score_file(project) == score
    save_score_file(project, VideoScoreFile(tmp_path / "clip.mp4", "pop", 0, (), None))
    moved = tmp_path / "moved"
    moved.mkdir()
    text = written.read_text().replace(str(tmp_path / "clip.mp4"), "clip.mp4")
    (moved / "clip.song.video.json").write_text(text)  # written by hand, relative
    loaded = load_score_file(moved / "clip.song.json")
    assert loaded is not None
    assert loaded.drawn is None
    assert loaded.video == moved / "clip.mp4"  # from the project's folder


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "Expecting property name"),
        ('{"format": "something else"}', "'format' should be 'tessera-video-score'"),
        (
            '{"format": "tessera-video-score", "version": 1, "video": "a.mp4", "style": "lofi",'
            ' "seed": 0, "cuts_s": [], "energy": [[0, 1.5]]}',
            "energy point 0=1.5",
        ),
        (
            '{"format": "tessera-video-score", "version": 1, "video": "a.mp4", "style": "lofi",'
            ' "seed": 0, "energy": null}',
            "'cuts_s'",
        ),
    ],
)
def test_a_damaged_video_score_names_the_file_and_what_to_do(
    tmp_path: Path, text: str, said: str
) -> None:
    project = tmp_path / "clip.song.json"
    score_file_for(project).write_text(text)
    with pytest.raises(
        VideoError, match=r"clip\.song\.video\.json is not a readable video score"
    ) as err:
        load_score_file(project)
    assert said in str(err.value)
    assert "delete it to open the project without its video" in str(err.value)
