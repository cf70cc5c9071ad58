"""The energy curve a scored video's music follows, as the user redraws it, undoes it and
saves it with the project.

- A stroke on the energy lane (`ui.video.energy_lane`) fits and composes the music again with
  the drawn curve, by the path a cut edit takes (`VideoScoring.refit`), so each section's
  energy, and with it its notes, follows the curve.
- Undo and redo: each song a fit produced is remembered with its plan (cuts and curve); when
  undo or redo brings one of those songs back, the strip and the lane show its cuts and curve
  again, so Ctrl+Z back past a redraw puts the old curve back with the old music.
- Saving the project writes the video, style, seed, cuts and any drawn curve beside it
  (`engine.video.energy.save_score_file`); opening a project with such a file reads the video
  again (thumbnails, the picture's curve) and shows the saved cuts and curve without
  composing. A project without one opens as it always did.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from engine.errors import TesseraError
from engine.song.song import Song
from engine.studio.document import Changed
from engine.studio.scoring import Fitted, ScoreOptions, analysis_job, plan
from engine.video.cuts import Cuts
from engine.video.energy import (
    EnergyCurve,
    VideoScoreFile,
    load_score_file,
    save_score_file,
)
from ui.document import DocumentSignals
from ui.engine_words import engine_text
from ui.i18n import translate

if TYPE_CHECKING:
    from ui.video.actions import VideoScoring

REMEMBERED_FITS = 64
"""How many fitted songs keep their plan for undo (the undo list holds at most 100 steps,
and a fit takes two: the composed song and the fit)."""


class EnergyEditing(QObject):
    """The drawn curve's fits, undo and files (see the module's notes)."""

    def __init__(self, scoring: VideoScoring, signals: DocumentSignals) -> None:
        super().__init__(scoring)
        self.scoring = scoring
        self.document = signals.document
        self.lane = scoring.strip.energy
        self._fits: list[tuple[Song, Fitted]] = []
        self.lane.curve_changed.connect(self.redraw)
        scoring.scored.connect(self._scored)
        signals.changed.connect(self._changed)

    def redraw(self, curve: EnergyCurve) -> None:
        """Fit and compose the music again to follow `curve`; while another job runs, the
        curve the music follows stays, and the user is told to draw again later."""
        scoring = self.scoring
        if scoring.jobs.busy and scoring.fitted is not None:
            self.lane.show_curve(scoring.fitted.energy, scoring.fitted.analysis.energy)
            text = translate(
                "EnergyEditing", "Still busy with {job}: draw the energy again after it"
            )
            scoring.message.emit(text.format(job=scoring.jobs.label))
            return
        scoring.refit(energy=curve)

    # --- following the document -------------------------------------------------------------

    def _scored(self, fitted: Fitted) -> None:
        self._remember(self.document.song, fitted)
        self.lane.show_curve(fitted.energy, fitted.analysis.energy)

    def _remember(self, song: Song, fitted: Fitted) -> None:
        self._fits = [(s, f) for s, f in self._fits if s is not song][-REMEMBERED_FITS + 1 :]
        self._fits.append((song, fitted))

    def _fitted_for(self, song: Song) -> Fitted | None:
        return next((fitted for known, fitted in self._fits if known is song), None)

    def _changed(self, what: Changed) -> None:
        if what == Changed.EVERYTHING:
            self._replaced()
        elif Changed.SONG in what:
            fitted = self._fitted_for(self.document.song)
            if fitted is not None and fitted is not self.scoring.fitted:
                self._show(fitted)
        elif what == Changed.FILE:
            self._saved()

    def _show(self, fitted: Fitted) -> None:
        """Show a remembered (or reopened) plan's cuts and curve over the current song."""
        scoring = self.scoring
        scoring.fitted = fitted
        scoring.strip.show_video(fitted.analysis.thumbnails, fitted.cuts, self.document.song)
        self.lane.show_curve(fitted.energy, fitted.analysis.energy)
        scoring.dock.show()

    # --- files --------------------------------------------------------------------------------

    def _saved(self) -> None:
        session, fitted = self.document.session, self.scoring.fitted
        if session.dirty or session.path is None or fitted is None:
            return
        drawn = None if fitted.energy == fitted.analysis.energy else fitted.energy
        score = VideoScoreFile(
            fitted.analysis.info.path, fitted.style, self.scoring.seed, fitted.cuts.times, drawn
        )
        try:
            save_score_file(session.path, score)
        except OSError as err:
            text = translate("EnergyEditing", "The video's cuts and energy were not saved: {error}")
            self.scoring.message.emit(text.format(error=err))

    def _replaced(self) -> None:
        """A project opened (or a new song): forget the last video's plans, and read the
        project's own video score if it has one."""
        if self._fitted_for(self.document.song) is not None:
            return  # the window redrawn, the song the same
        self._fits.clear()
        self.scoring.fitted = None
        self.scoring.dock.hide()
        path = self.document.session.path
        if path is None:
            return
        try:
            score = load_score_file(path)
        except TesseraError as err:
            self.scoring.message.emit(engine_text(err))
            return
        if score is not None:
            self._reopen(score)

    def _reopen(self, score: VideoScoreFile) -> None:
        """Read the saved video again and show its saved cuts and curve (nothing composed)."""
        song = self.document.song
        points = () if score.drawn is None else score.drawn.points
        options = ScoreOptions(style=score.style, seed=score.seed, energy_points=points)

        def done(fitted: Fitted) -> None:
            if self.document.song is not song:
                return  # another song came meanwhile
            try:
                cuts = Cuts(score.cuts, fitted.analysis.duration_s)
                analysis = dataclasses.replace(fitted.analysis, cuts=cuts)
                fitted = plan(analysis, options)
            except TesseraError as err:
                self.scoring.message.emit(engine_text(err))
                return
            self.scoring.seed = score.seed
            self._remember(song, fitted)
            self._show(fitted)

        started = self.scoring.jobs.start(
            analysis_job(score.video, options, self.scoring.video_backend()),
            done,
            self.scoring.failed.emit,
        )
        if not started:
            text = translate("EnergyEditing", "Still busy with {job}: the video was not read")
            self.scoring.message.emit(text.format(job=self.scoring.jobs.label))
