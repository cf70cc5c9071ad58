"""The timbre panel's test bench, shared by its editing tests (`test_timbre_panel`), its
audition tests (`test_timbre_audition`) and its standard-sound tests (`test_timbre_standard`).

A three-track song; the panel on a real `ProjectSession` with the real timbre model; the
`Bench`, whose `one_step` checks that a click is one undo step that undo takes back exactly;
and for auditions a player that records what it is asked to play, a wait for the audition to
start and a puller of its sound from a fake sound card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from engine.song.song import PPQ, Note, Song, TimbreRef, Track
from engine.sound.playback import Player
from engine.sound.render import NoteRenderer
from engine.sound.timbre import TimbreSpace
from engine.studio.models import Models
from engine.studio.session import ProjectSession
from tests.helpers.fake_stream import FakeStream, opening_into
from ui.panels.timbre import TimbrePanel

VIOLIN, CELLO, DRUMS = 0, 1, 2
PULLS_BEFORE_GIVING_UP = 5_000
"""A hang guard for the sound-card loop, not a timing assertion."""


def _song() -> Song:
    melody = tuple(Note(q * PPQ, 67 + q, PPQ, 90) for q in range(4))
    beat = tuple(Note(q * PPQ, 36 if q % 2 == 0 else 38, PPQ // 2, 100) for q in range(4))
    return Song(
        title="Trio",
        bar_count=2,
        tracks=(
            Track("Violin", 40, notes=melody),
            Track("Cello", 42),
            Track("Kit", 0, is_drum=True, notes=beat),
        ),
    )


class RecordingPlayer(Player):
    """A Player that records what it is asked to play instead of opening a sound card."""

    def __init__(self, renderer: NoteRenderer, **callbacks: Any) -> None:
        super().__init__(renderer, **callbacks)
        self.played: list[tuple[Song, tuple[float, float] | None]] = []
        self.swapped: list[Song] = []

    def play(
        self, song: Song, *, start_seconds: float = 0.0, loop: tuple[float, float] | None = None
    ) -> None:
        self.played.append((song, loop))
        self._state = "playing"

    def set_song(self, song: Song) -> None:
        self.swapped.append(song)

    def stop(self) -> None:
        self._state = "stopped"


@dataclass
class Bench:
    session: ProjectSession
    panel: TimbrePanel
    space: TimbreSpace

    def timbre(self, index: int) -> TimbreRef:
        return self.session.song.tracks[index].timbre

    def undo(self) -> None:
        self.session.undo()
        self.panel.refresh()

    def one_step(
        self, index: int, act: Callable[[], object], label: str | Callable[[], str]
    ) -> TimbreRef:
        """Run `act`: it must be one undo step named `label` (or what `label()` says after the
        click), and undo must bring back the exact previous song and ref; redo leaves the
        change in place. Returns the new ref."""
        before, steps = self.session.song, len(self.session.history.past)
        act()
        assert len(self.session.history.past) == steps + 1
        assert self.session.history.undo_label == (label if isinstance(label, str) else label())
        after = self.session.song
        assert after.tracks[index].timbre != before.tracks[index].timbre
        self.undo()
        assert self.session.song == before
        assert self.timbre(index) == before.tracks[index].timbre
        self.session.redo()
        self.panel.refresh()
        assert self.session.song == after
        return self.timbre(index)


def _bench(
    qtbot: QtBot,
    tmp_path: Path,
    renderer: NoteRenderer,
    player_factory: Callable[..., Player] | None = None,
    *,
    show: bool = True,
) -> Bench:
    session = ProjectSession(tmp_path / "recovery", _song())
    models = Models(renderer=lambda: renderer)
    panel = TimbrePanel(lambda: session.song, session.apply_edit, models, player_factory)
    qtbot.addWidget(panel)
    panel.set_track(VIOLIN)
    if show:
        panel.show()  # showing the panel loads the model in the background
        qtbot.waitUntil(lambda: panel.renderer is not None, timeout=30_000)
        qtbot.waitUntil(lambda: not panel.jobs.busy)
    return Bench(session, panel, renderer.model.space)


def _auditioning(qtbot: QtBot, panel: TimbrePanel) -> None:
    """Wait until the device thread has started the audition's sound card."""
    qtbot.waitUntil(lambda: panel.status.text().startswith("auditioning"), timeout=60_000)
    assert panel.audition_button.text() == "Stop"


def _recording_players() -> tuple[list[RecordingPlayer], Callable[..., Player]]:
    """A player factory that records every player it makes (the list fills as it is used)."""
    players: list[RecordingPlayer] = []

    def factory(renderer: NoteRenderer, **callbacks: Any) -> Player:
        players.append(RecordingPlayer(renderer, **callbacks))
        return players[-1]

    return players, factory


def recording_bench(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> tuple[Bench, list[RecordingPlayer]]:
    """A bench whose panel's players are recorded (the list fills as the panel makes them)."""
    players, factory = _recording_players()
    return _bench(qtbot, tmp_path, renderer, factory), players


def real_player_bench(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> tuple[Bench, list[FakeStream]]:
    """A bench whose panel plays through the real `Player` into fake sound cards, and the
    list those cards are added to as the player opens them."""
    streams: list[FakeStream] = []
    open_stream = opening_into(streams)

    def factory(renderer: NoteRenderer, **callbacks: Any) -> Player:
        return Player(renderer, stream_factory=open_stream, **callbacks)

    return _bench(qtbot, tmp_path, renderer, factory), streams


def pull_audition(qtbot: QtBot, panel: TimbrePanel, streams: list[FakeStream]) -> list[Any]:
    """Pull the audition's blocks from the fake sound card, at about the device's pace, until
    the phrase ends (or a hang guard's worth of blocks)."""
    qtbot.waitUntil(lambda: bool(streams), timeout=60_000)
    player = panel.player
    assert player is not None
    pulled = []
    for _ in range(PULLS_BEFORE_GIVING_UP):
        if panel.audition_button.text() == "Audition":
            break
        if player.buffered_blocks == 0:
            qtbot.wait(2)
        pulled.append(streams[0].pull())
    return pulled
