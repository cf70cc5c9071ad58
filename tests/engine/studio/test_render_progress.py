"""An audio export's percentage rises through both of its stages, the notes and the file, and
reaches the whole only once the file is written; Cancel stops it while the file is written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from benchmarks.tunes import d_major_tune
from engine.errors import TesseraError
from engine.sound.render import NoteRenderer
from engine.studio.document import Document
from engine.studio.models import Models
from engine.studio.render_progress import NOTES_SHARE, STEPS, ExportProgress
from engine.studio.session import ProjectSession
from engine.studio.use_cases import Studio


class StoppedError(TesseraError):
    """What a cancelled job's progress callback raises (the window's is `JobCancelledError`)."""


def test_the_stages_make_one_rising_count() -> None:
    heard: list[tuple[int, int]] = []
    staged = ExportProgress(lambda done, total: heard.append((done, total)), total_frames=400)
    staged.notes(0, 10)
    staged.notes(5, 10)
    staged.notes(10, 10)
    blocks = [np.zeros((100, 2), np.float32) for _ in range(4)]
    assert [len(b) for b in staged.blocks(blocks)] == [100] * 4
    assert heard[-1][0] == STEPS - 1  # every block gone by, the file not yet complete
    staged.finished()
    steps = [done for done, _ in heard]
    assert steps == sorted(set(steps))  # rising, never repeated
    assert {total for _, total in heard} == {STEPS}
    assert steps[:3] == [0, int(NOTES_SHARE * STEPS / 2), int(NOTES_SHARE * STEPS)]
    assert steps[-1] == STEPS


def test_cached_notes_still_give_a_percentage(tmp_path: Path, renderer: NoteRenderer) -> None:
    """The second export of a song finds every note cached: the percentage comes from the file."""
    studio = Studio(
        Document(ProjectSession(tmp_path / "recovery", d_major_tune())),
        Models(renderer=lambda: renderer),
    )
    studio.render(tmp_path / "first.wav")
    heard: list[int] = []
    rendered = studio.render(
        tmp_path / "again.ogg", progress=lambda d, t: heard.append(100 * d // t)
    )
    assert len(heard) >= 3
    assert heard[-1] == 100
    assert heard == sorted(heard)
    audio, rate = soundfile.read(tmp_path / "again.ogg", dtype="float32")
    assert len(audio) / rate == pytest.approx(rendered.seconds, abs=0.05)


def test_cancel_while_the_file_is_written_keeps_the_old_file(
    tmp_path: Path, renderer: NoteRenderer
) -> None:
    studio = Studio(
        Document(ProjectSession(tmp_path / "recovery", d_major_tune())),
        Models(renderer=lambda: renderer),
    )
    studio.render(tmp_path / "warm.wav")  # every note cached: what follows is the file alone
    target = tmp_path / "song.mp3"
    target.write_bytes(b"the earlier export")

    def cancel_past_notes(done: int, total: int) -> None:
        if done > NOTES_SHARE * total:
            raise StoppedError("cancelled")

    with pytest.raises(StoppedError):
        studio.render(target, progress=cancel_past_notes)
    assert target.read_bytes() == b"the earlier export"
