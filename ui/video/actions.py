"""File → Score a Video…: open a video, fit and compose its music as background jobs, show
its thumbnails and cuts over the bars, and export a muxed copy.

The steps are the engine's (`engine.studio.scoring`): an analysis job (picture read once,
plan fitted), then the ordinary compose job (so the song is a take and an undo step like any
new song), then the fit's tempo map and energies as one more undo step. A cut added or
deleted on the strip fits and composes again. Export Scored Video… renders the song as it is
then to exactly the video's length and muxes it into a copy; the original is never touched.
The video is read and written by `backend` (`ui.video.qt_media.backend_named`: PyAV when the
optional extra is installed, Qt Multimedia otherwise), and the Picture dock
(`ui.video.picture`) plays it muted in step with the transport (`follow_playhead`) and,
while stopped, shows the frame where Play will start (`show_cue`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog, QInputDialog, QMainWindow

from engine.song.styles import STYLE_NAMES
from engine.studio.outcomes import Composed
from engine.studio.scoring import (
    Exported,
    Fitted,
    ScoreOptions,
    analysis_job,
    export_job,
    fitted_request,
    fitted_song,
    plan,
)
from engine.studio.use_cases import Studio
from engine.video.backend import VideoBackend
from engine.video.cuts import Cuts
from engine.video.energy import EnergyCurve
from engine.video.probe import VIDEO_SUFFIXES
from ui.arrangement.view import ArrangementGrid
from ui.document import DocumentSignals
from ui.engine_words import engine_text, track_name
from ui.i18n import translate
from ui.jobs import JobRunner
from ui.video.energy_edits import EnergyEditing
from ui.video.strip import VideoStrip

if TYPE_CHECKING:
    from ui.video.picture import PictureDock


class VideoScoring(QObject):
    """The window's video scoring (see the module's notes)."""

    message = Signal(str)
    failed = Signal(str, str)
    scored = Signal(object)
    """The `Fitted` plan once its song is composed and fitted."""
    exported = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        studio: Studio,
        jobs: JobRunner,
        grid: ArrangementGrid,
        signals: DocumentSignals,
    ) -> None:
        super().__init__(window)
        self.window, self.studio, self.jobs = window, studio, jobs
        self.fitted: Fitted | None = None
        self.seed = 0
        self.backend: VideoBackend | None = None
        """What reads and writes the video; chosen when first needed (see the notes)."""
        self.picture: PictureDock | None = None
        self.cue_s = 0.0
        """Where Play starts while stopped (the transport's `cue_moved`): the picture's frame."""
        self.strip = VideoStrip()
        self.strip.follow(grid)
        self.strip.cuts_changed.connect(self.refit)
        self.strip.message.connect(self.message)
        self.dock = QDockWidget(translate("VideoScoring", "Video"), window)
        self.dock.setObjectName("video-dock")
        self.dock.setWidget(self.strip)
        window.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, self.dock)
        self.dock.hide()
        signals.changed.connect(lambda _news: self.strip.show_song(studio.song))
        # The energy lane: redrawing the curve, its undo and its file (ui/video/energy_edits.py)
        self.energy_edits = EnergyEditing(self, signals)

    def choose_and_score(self) -> None:
        pattern = " ".join(f"*{suffix}" for suffix in VIDEO_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("VideoScoring", "Score a Video"),
            "",
            translate("VideoScoring", "Videos ({patterns})").format(patterns=pattern),
        )
        if not path:
            return
        style, chosen = QInputDialog.getItem(
            self.window,
            translate("VideoScoring", "Score a Video"),
            translate("VideoScoring", "Style of the music:"),
            list(STYLE_NAMES),
            list(STYLE_NAMES).index("lofi"),
            False,
        )
        if chosen:
            self.score(path, ScoreOptions(style=style))

    def score(self, path: str | Path, options: ScoreOptions) -> bool:
        """Start scoring the video at `path`; False when another job is running."""
        self.seed = options.seed
        job = analysis_job(path, options, self.video_backend())
        return self._start(job, self._compose)

    def video_backend(self) -> VideoBackend:
        """The backend set, or PyAV when installed (lossless), else Qt Multimedia."""
        if self.backend is None:
            from ui.video.qt_media import backend_named

            self.backend = backend_named("auto")
        return self.backend

    def follow_playhead(self, tick: int | None) -> None:
        """The transport's playhead moved (a tick while playing, None once stopped)."""
        if self.picture is not None:
            self.picture.follow(tick)

    def show_cue(self, seconds: float) -> None:
        """While stopped, where Play will start moved (the ruler, the cursor, Home/End, a stop,
        an edit of the tempo): the picture shows the frame there."""
        self.cue_s = seconds
        if self.picture is not None:
            self.picture.show_at(seconds)

    def show_picture(self, path: Path) -> PictureDock:
        """The Picture dock, showing the video at `path` on the frame where Play will start."""
        if self.picture is None:
            from ui.video.picture import PictureDock  # Qt Multimedia loads with the first video

            # The playhead's ticks are in what is heard (the song, or a take compared to it)
            self.picture = PictureDock(self.window, lambda: self.studio.document.heard_song)
        self.picture.load(path, self.cue_s)
        return self.picture

    def refit(self, cuts: Cuts | None = None, energy: EnergyCurve | None = None) -> None:
        """Fit and compose again with the strip's cuts and the energy curve in use (or the
        ones given: a cut edit, a redrawn curve)."""
        if self.fitted is None:
            return
        analysis = dataclasses.replace(self.fitted.analysis, cuts=cuts or self.fitted.cuts)
        curve = (energy or self.fitted.energy).points
        options = ScoreOptions(style=self.fitted.style, seed=self.seed, energy_points=curve)
        self._compose(plan(analysis, options))

    def _compose(self, fitted: Fitted) -> None:
        self.fitted = fitted
        title = fitted.analysis.info.path.stem
        job = self.studio.compose_job(
            fitted_request(fitted, title), self.seed, base=None, track_names=track_name
        )
        self._start(job, self._composed)

    def _composed(self, _composed: Composed) -> None:
        fitted = self.fitted
        assert fitted is not None
        self.studio.document.apply_edit(
            fitted_song(self.studio.song, fitted.fit), translate("VideoScoring", "Fit to the video")
        )
        self.strip.show_video(fitted.analysis.thumbnails, fitted.cuts, self.studio.song)
        self.dock.show()
        self.show_picture(fitted.analysis.info.path)
        self.message.emit(
            translate("VideoScoring", "Scored {name}: {bars} bars, {form}").format(
                name=fitted.analysis.info.path.name, bars=fitted.fit.bars, form=fitted.fit.form
            )
        )
        self.scored.emit(fitted)

    def choose_and_export(self) -> None:
        if self.fitted is None:
            self.message.emit(
                translate("VideoScoring", "Score a video first (File → Score a Video…)")
            )
            return
        source = self.fitted.analysis.info.path
        suggested = self.video_backend().output_path(
            source.with_name(f"{source.stem}-scored{source.suffix}")
        )
        path, _ = QFileDialog.getSaveFileName(
            self.window, translate("VideoScoring", "Export Scored Video"), str(suggested)
        )
        if path:
            self.export(path)

    def export(self, path: str | Path) -> bool:
        """Export the muxed copy (with its audio and evidence of origin) to `path`."""
        assert self.fitted is not None
        job = export_job(self.studio, self.fitted, path, self.seed, self.video_backend())
        return self._start(job, self._exported)

    def _exported(self, exported: Exported) -> None:
        self.message.emit(
            translate("VideoScoring", "Wrote {video}, {audio} and {origin}").format(
                video=exported.video.name, audio=exported.audio.name, origin=exported.origin.name
            )
        )
        self.exported.emit(exported)

    def _start(self, job: object, on_done: object) -> bool:
        from engine.errors import TesseraError

        try:
            started = self.jobs.start(job, on_done, self.failed.emit)  # type: ignore[arg-type]
        except TesseraError as err:
            self.message.emit(engine_text(err))
            return False
        if not started:
            self.message.emit(
                translate("VideoScoring", "Still busy with {job}: wait or cancel it first").format(
                    job=self.jobs.label
                )
            )
        return started
