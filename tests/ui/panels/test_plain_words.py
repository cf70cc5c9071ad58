"""Plain words in the inspector, the Track panel and the takes list, on real widgets offscreen.

Every control carries a tooltip; the seed and top-p sit under an Advanced section that starts
folded; nothing a user sees reads like code (snake_case, kebab-case names, raw ten-digit seeds);
instruments are numbered from 1; takes read as "Regenerate · Piano, bars 3-4 · 2 min ago".
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pytestqt.qtbot import QtBot

from engine.compose.requests import (
    AddTrack,
    Continue,
    Generate,
    Nudge,
    Regenerate,
    Request,
    VarySection,
)
from engine.song.gm import GM_PROGRAM_NAMES
from engine.song.sections import Section
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.session import ProjectSession
from tests.ui.panels.visible_text import code_like, controls, visible_texts
from ui.panels.inspector import Inspector
from ui.panels.takes import TakesPanel
from ui.panels.tracks import TrackPanel

TEN_DIGITS = 1_234_567_890


def _duo() -> Song:
    piano = tuple(
        Note(bar * 4 * PPQ + q * PPQ, 60 + q, PPQ, 80) for bar in range(4) for q in (0, 2)
    )
    return Song(
        title="Duo",
        bar_count=4,
        tracks=(Track("Piano", 0, notes=piano), Track("", 42)),
    )


def test_every_inspector_control_says_what_it_does(qtbot: QtBot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    found = controls(inspector)
    assert len(found) >= 14  # style, 3 counts, 4 texts, adventurous, nudge 2, seed, top-p ...
    missing = [type(widget).__name__ for widget in found if not widget.toolTip().strip()]
    assert missing == []
    assert inspector.temperature.toolTip() != inspector.top_p.toolTip()


def test_seed_and_top_p_live_under_a_folded_advanced_section(qtbot: QtBot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.show()
    assert not inspector.advanced.is_expanded()
    for widget in (inspector.seed, inspector.top_p):
        assert inspector.advanced.body.isAncestorOf(widget)
        assert not widget.isVisible()
    assert inspector.temperature.isVisible()  # how adventurous stays in view
    inspector.advanced.toggle.click()
    assert inspector.advanced.is_expanded()
    assert inspector.seed.isVisible()
    assert inspector.top_p.isVisible()
    inspector.advanced.toggle.click()
    assert not inspector.seed.isVisible()


def test_the_inspector_speaks_a_musicians_language(qtbot: QtBot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.seed.setValue(TEN_DIGITS)
    inspector.show()
    texts = visible_texts(inspector)
    for words in ("Notes per bar", "How adventurous", "Rhythm", "Loudness", "Advanced"):
        assert words in texts
    for jargon in ("Density", "Temperature", "Top-p", "Seed", "Velocity", "Polyphony"):
        assert jargon not in texts
    assert "Closer to the chords" in texts  # the nudge directions in words
    assert code_like(texts) == []
    inspector.direction.setCurrentIndex(inspector.direction.findText("Closer to the chords"))
    assert inspector.nudge_direction() == "closer-to-chord"  # the engine still gets its name
    inspector.advanced.set_expanded(True)
    assert str(TEN_DIGITS) in " ".join(visible_texts(inspector))  # the scan does see numbers


def test_left_to_the_app_reads_auto_and_the_next_step_is_a_real_choice(qtbot: QtBot) -> None:
    inspector = Inspector()
    qtbot.addWidget(inspector)
    for spin in (inspector.density, inspector.polyphony, inspector.rhythm):
        assert spin.text() == "Auto"
    controls = inspector.controls()
    assert (controls.density, controls.polyphony, controls.rhythm) == (None, None, None)
    inspector.polyphony.stepUp()
    inspector.density.stepUp()
    assert inspector.controls().polyphony == 1  # a single line, not "0 notes at once"
    assert inspector.controls().density == 0


def _track_panel(qtbot: QtBot, tmp_path: Path) -> tuple[TrackPanel, ProjectSession]:
    session = ProjectSession(tmp_path / "recovery", _duo())
    panel = TrackPanel(lambda: session.song, session.apply_edit)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_track(0)
    return panel, session


def test_every_track_control_has_a_tooltip_and_plain_words(qtbot: QtBot, tmp_path: Path) -> None:
    panel, _session = _track_panel(qtbot, tmp_path)
    found = controls(panel)
    assert len(found) >= 12
    assert [type(w).__name__ for w in found if not w.toolTip().strip()] == []
    assert code_like(visible_texts(panel)) == []


def test_instruments_are_numbered_from_one(qtbot: QtBot, tmp_path: Path) -> None:
    panel, session = _track_panel(qtbot, tmp_path)
    assert panel.instrument.itemText(0) == f"1: {GM_PROGRAM_NAMES[0]}"
    assert panel.instrument.itemText(127) == f"128: {GM_PROGRAM_NAMES[127]}"
    assert panel.instrument.currentText() == "1: Acoustic Grand Piano"  # program 0 in the file
    panel.instrument.setCurrentIndex(panel.instrument.findText("41: Violin"))
    panel.instrument.activated.emit(panel.instrument.currentIndex())
    assert session.song.tracks[0].program == 40


def _takes(tmp_path: Path) -> ProjectSession:
    return ProjectSession(tmp_path / "recovery", _duo())


def _commit(session: ProjectSession, request: Request, label: str) -> None:
    """Record a take as a finished operation does (the song itself left as it was)."""
    session.commit_operation(request, TEN_DIGITS, session.song, label)


def test_takes_read_as_what_where_and_when(qtbot: QtBot, tmp_path: Path) -> None:
    now = [1000.0]
    panel = TakesPanel(clock=lambda: now[0])
    qtbot.addWidget(panel)
    session = _takes(tmp_path)
    _commit(session, Regenerate(((0, 2), (0, 3))), "Regenerate 2")
    panel.show_takes(session.takes, None)
    assert panel.list.item(0).text() == "1. Regenerate · Piano, bars 3–4 · just now"
    now[0] += 130
    _commit(session, Nudge(((0, 0), (1, 0), (1, 1)), "closer-to-chord", 0.3), "Nudge")
    _commit_shown(panel, session)
    _commit(session, Continue(4), "Continue")
    _commit_shown(panel, session)
    _commit(session, AddTrack(40), "Add track")
    _commit_shown(panel, session)
    _commit(session, Generate("pop-band", title="Summer"), "New")
    panel.show_takes(session.takes, 5)
    texts = [panel.list.item(row).text() for row in range(panel.list.count())]
    assert texts == [
        "1. Regenerate · Piano, bars 3–4 · 2 min ago",
        "2. Nudge: Closer to the chords · 2 tracks, bars 1–2 · just now",
        "3. Continue · 4 more bars · just now",
        "4. Add track · Violin · just now",
        "5. New song · Duo · just now  ◀ listening",
    ]
    assert str(TEN_DIGITS) in panel.list.item(0).toolTip()  # the seed is one hover away
    assert code_like(visible_texts(panel)) == []
    now[0] += 3 * 60
    panel.timer.timeout.emit()  # the half-minute refresh brings the times up to date
    assert panel.list.item(0).text() == "1. Regenerate · Piano, bars 3–4 · 5 min ago"


def _commit_shown(panel: TakesPanel, session: ProjectSession) -> None:
    panel.show_takes(session.takes, None)


def test_takes_read_with_a_project_show_no_made_up_time(qtbot: QtBot, tmp_path: Path) -> None:
    session = _takes(tmp_path)
    _commit(session, Regenerate(((0, 0),)), "Regenerate 1")
    _commit(session, Regenerate(((1, 2),)), "Regenerate 1")
    panel = TakesPanel()
    qtbot.addWidget(panel)
    panel.show_takes(session.takes, None)  # as when a project with its takes is opened
    texts = [panel.list.item(row).text() for row in range(panel.list.count())]
    assert texts == ["1. Regenerate · Piano, bar 1", "2. Regenerate · Track 2, bar 3"]


def test_a_section_take_names_its_section(qtbot: QtBot, tmp_path: Path) -> None:
    song = dataclasses.replace(_duo(), sections=(Section(0, 2, "Verse"), Section(2, 2, "Chorus")))
    session = ProjectSession(tmp_path / "recovery", song)
    _commit(session, VarySection(1, 0.4), "Vary section 2 0.40")
    panel = TakesPanel()
    qtbot.addWidget(panel)
    panel.show_takes(session.takes, None)
    assert panel.list.item(0).text() == "1. Vary section · Chorus, bars 3–4 · just now"
