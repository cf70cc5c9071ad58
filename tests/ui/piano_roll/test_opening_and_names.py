"""The piano roll opens on the notes, names what is under the mouse, and shows drums as lanes.

Songs are real: a fiddle tune from Aird's Airs (the corpus's music21 source, converted as the
corpus build converts it) and a recorded groove of the Groove MIDI Dataset read by the engine's
own MIDI reader. Widgets are real and offscreen; views are checked through the scene rectangles
the user would see.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import music21
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRectF, Qt, QTranslator
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from build_scripts.corpus.convert import score_to_song
from engine.project.midi.reader import import_midi
from engine.song.song import Note, Song, Track
from ui.piano_roll.geometry import RollGeometry, pitch_name, to_other_lanes
from ui.piano_roll.lanes import DRUM_KEYBOARD_WIDTH_PX, KEYBOARD_WIDTH_PX
from ui.piano_roll.names import COMMON_KIT, drum_lanes, key_labels, length_text
from ui.piano_roll.view import PianoRoll

GROOVE = Path("models/corpus/groove-midi/drummer6/session3/1_rock_90_beat_4-4.mid")
FIDDLE = 110
NOTE_NAME = re.compile(r"^[A-G]#?-?\d$")


@cache
def _fiddle_tune() -> Song:
    """'The Ranting Highlandman' (Aird's Airs, book 1, no. 1) for fiddle: G4 to A5."""
    score = music21.corpus.parse("airdsAirs/book1.abc", number=1)
    return score_to_song(score, "The Ranting Highlandman", FIDDLE)


def _with_a_bass_line(tune: Song) -> Song:
    """The tune with a bass track three octaves below the fiddle (first) and the fiddle
    (second): switching from one to the other crosses 36 rows."""
    fiddle = tune.tracks[0]
    bass_notes = tuple(dataclasses.replace(note, pitch=note.pitch - 36) for note in fiddle.notes)
    bass = Track("Bass", 33, notes=bass_notes)
    return dataclasses.replace(tune, tracks=(bass, fiddle))


@cache
def _groove() -> Song:
    return import_midi(GROOVE)


def _roll(qtbot: QtBot, width: int = 1000, height: int = 600) -> PianoRoll:
    roll = PianoRoll()
    qtbot.addWidget(roll)
    roll.resize(width, height)
    return roll


def _shown_notes(roll: PianoRoll) -> list[Note]:
    return [note for note, _selected in roll.shown_notes()]


def _note_rect(roll: PianoRoll, note: Note) -> QRectF:
    return QRectF(*roll.roll_geometry.note_rect(note))


def _assert_pitches_in_view(roll: PianoRoll) -> None:
    """Every shown note's row lies inside the visible rows, and the notes of the first
    screenful (in time) are fully inside the visible rectangle."""
    visible = roll.visible_scene_rect()
    notes = _shown_notes(roll)
    assert notes
    for note in notes:
        rect = _note_rect(roll, note)
        shown = f"{pitch_name(note.pitch)} is out of view: rows {visible.top()}-{visible.bottom()}"
        assert visible.top() <= rect.top(), shown
        assert rect.bottom() <= visible.bottom(), shown
    first_screen = [note for note in notes if _note_rect(roll, note).right() <= visible.right()]
    assert first_screen
    assert all(visible.contains(_note_rect(roll, note)) for note in first_screen)


# Opening on the notes ---------------------------------------------------------------------


def test_a_fiddle_tune_opens_on_its_notes_while_the_window_settles(qtbot: QtBot) -> None:
    roll = _roll(qtbot, 700, 220)  # a window's first, provisional size: too short for the tune
    roll.show_cells(_fiddle_tune(), 0, (0, 3))  # shown into a hidden roll, as at start-up
    roll.show()
    qtbot.waitExposed(roll)
    visible = roll.visible_scene_rect()
    assert any(visible.intersects(_note_rect(roll, note)) for note in _shown_notes(roll))
    roll.resize(1000, 640)  # the splitter hands the roll its real size
    geometry = roll.roll_geometry
    middle = (geometry.pitch_to_y(81) + geometry.pitch_to_y(67) + geometry.key_height_px) / 2

    def centred() -> bool:  # the re-centring runs once the view has its new scroll ranges
        visible = roll.visible_scene_rect()
        return visible.height() > 400 and abs(visible.center().y() - middle) <= 14

    qtbot.waitUntil(centred, timeout=5000)  # a hang guard: it takes one turn of the loop
    _assert_pitches_in_view(roll)


def test_scrolling_by_hand_stops_the_roll_from_re_centring(qtbot: QtBot) -> None:
    roll = _roll(qtbot)
    roll.show_cells(_fiddle_tune(), 0, (0, 3))
    roll.show()
    qtbot.waitExposed(roll)
    bar = roll.view.verticalScrollBar()
    bar.triggerAction(bar.SliderAction.SliderPageStepSub)  # as a click on the scroll bar does
    scrolled = bar.value()
    roll.resize(1000, 700)
    qtbot.wait(5)
    assert bar.value() == scrolled


def test_switching_from_a_bass_line_to_the_fiddle_scrolls_to_the_fiddle(qtbot: QtBot) -> None:
    song = _with_a_bass_line(_fiddle_tune())
    roll = _roll(qtbot)
    roll.show()
    qtbot.waitExposed(roll)
    roll.show_cells(song, 0, (0, 3))
    _assert_pitches_in_view(roll)
    roll.show_cells(song, 1, (0, 3))  # the Track panel or the grid picks the fiddle
    _assert_pitches_in_view(roll)


def test_a_new_song_in_the_same_cells_scrolls_to_its_notes(qtbot: QtBot) -> None:
    """The bug as found: a new song whose first track is a fiddle was shown in the cells of
    the old song's low first track and looked empty until scrolled 11 notches."""
    low = _with_a_bass_line(_fiddle_tune())
    roll = _roll(qtbot)
    roll.show()
    qtbot.waitExposed(roll)
    roll.show_cells(low, 0, (0, 3))
    roll.show_cells(_fiddle_tune(), 0, (0, 3))  # same track index, same bars, new notes
    _assert_pitches_in_view(roll)


def test_the_selected_bars_open_at_their_first_bar(qtbot: QtBot) -> None:
    tune = _fiddle_tune()
    roll = _roll(qtbot)
    roll.show()
    qtbot.waitExposed(roll)
    roll.show_cells(tune, 0, (5, 8))
    visible = roll.visible_scene_rect()
    assert roll.view.horizontalScrollBar().value() == 0
    assert roll.roll_geometry.first_tick == tune.bar_start_ticks[5]
    assert visible.left() == roll.roll_geometry.tick_to_x(tune.bar_start_ticks[5])
    _assert_pitches_in_view(roll)


def test_a_note_drawn_far_from_the_others_does_not_scroll_the_view(qtbot: QtBot) -> None:
    tune = _fiddle_tune()
    roll = _roll(qtbot)
    roll.show()
    qtbot.waitExposed(roll)
    roll.show_cells(tune, 0, (0, 3))
    roll.song_edited.connect(lambda song: roll.show_cells(song, 0, (0, 3)))
    bar = roll.view.verticalScrollBar()
    bar.setValue(round(roll.roll_geometry.pitch_to_y(40)))  # well below the tune: no note in view
    scroll = bar.value()
    geometry = roll.roll_geometry
    at = roll.view.mapFromScene(QPointF(10, bar.value() + 5 * geometry.key_height_px))
    QTest.mouseDClick(roll.view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert (
        len(_shown_notes(roll))
        == len([n for n in tune.tracks[0].notes if n.start_tick < geometry.end_tick]) + 1
    )
    assert bar.value() == scroll  # the new note is where the user is looking


# Names ------------------------------------------------------------------------------------


def test_every_octave_is_labelled_at_any_zoom(qtbot: QtBot) -> None:
    roll = _roll(qtbot)
    roll.show_cells(_fiddle_tune(), 0, (0, 3))
    roll.show()
    qtbot.waitExposed(roll)
    labels = roll.keyboard.labels()
    assert {f"C{octave}" for octave in range(1, 9)} <= set(labels.values())
    assert labels == {pitch: pitch_name(pitch) for pitch in range(0, 128, 12)}
    for key_height in (14.0, 6.0):  # rows thinner than a line of text still get the label
        roll.set_zoom(96, key_height)
        for octave in range(1, 9):
            c = 12 * (octave + 1)
            _scroll_row_to_middle(roll, c)
            assert _text_pixels_in_row(roll, c) > 8, f"C{octave} at {key_height} px is bare"
        _scroll_row_to_middle(roll, 66)
        assert _text_pixels_in_row(roll, 66) == 0  # F#4 is a black key, never labelled


def test_hovering_a_note_names_it_with_velocity_and_length(qtbot: QtBot) -> None:
    roll = _roll(qtbot)
    roll.show_cells(_fiddle_tune(), 0, (0, 3))
    roll.show()
    qtbot.waitExposed(roll)
    heard: list[str] = []
    roll.hovered.connect(heard.append)
    first = min(_shown_notes(roll))
    assert (first.pitch, first.duration_ticks, first.velocity) == (69, 240, 80)
    rect = _note_rect(roll, first)
    QTest.mouseMove(roll.view.viewport(), roll.view.mapFromScene(rect.center()))
    assert heard[-1] == "A4, velocity 80, length 1/8"
    assert roll.roll_scene.note_items[first].toolTip() == "A4, velocity 80, length 1/8"
    below = roll.view.mapFromScene(QPointF(rect.center().x(), rect.bottom() + 40))
    QTest.mouseMove(roll.view.viewport(), below)
    assert heard[-1] == ""  # leaving the note clears the name


def test_hovering_a_key_names_it(qtbot: QtBot) -> None:
    roll = _roll(qtbot)
    roll.show_cells(_fiddle_tune(), 0, (0, 3))
    roll.show()
    qtbot.waitExposed(roll)
    heard: list[str] = []
    roll.hovered.connect(heard.append)
    y = _row_middle_y(roll, 66)
    QTest.mouseMove(roll.keyboard, QPoint(10, y))
    assert heard[-1] == "F#4 (MIDI note 66)"
    _ask_tooltip(roll.keyboard, QPoint(10, y))
    assert QToolTip.text() == "F#4 (MIDI note 66)"


def test_lengths_read_as_note_values() -> None:
    assert [length_text(ticks) for ticks in (240, 480, 720, 120)] == ["1/8", "1/4", "3/8", "1/16"]
    assert length_text(1920 * 2).startswith("2 whole note")
    assert length_text(72).startswith("72 tick")  # a played, unquantised hit


# Drum tracks ------------------------------------------------------------------------------


def test_drum_lanes_map_rows_to_keys_and_back() -> None:
    rows = (46, 42, 38, 36)
    geometry = RollGeometry(0, 1920, 96, 10, rows=rows)
    assert geometry.height_px == 40
    assert [geometry.pitch_to_y(key) for key in rows] == [0, 10, 20, 30]
    assert [geometry.y_to_pitch(y) for y in (-3, 0, 25, 39.9, 999)] == [46, 46, 38, 36, 36]
    assert geometry.pitch_to_y(40) == 20  # off the lanes: on the row below where it would be
    hits = (Note(0, 36, 120, 90), Note(0, 46, 120, 90))
    assert [note.pitch for note in to_other_lanes(hits, rows, 1)] == [38, 46]  # top stays
    assert [note.pitch for note in to_other_lanes(hits, rows, -1)] == [36, 42]
    assert drum_lanes({22}) == tuple(sorted(COMMON_KIT | {22}, reverse=True))
    assert set(drum_lanes(set(), show_all=True)) == set(range(35, 82))


def test_a_recorded_groove_shows_named_drum_lanes_and_no_piano_keys(qtbot: QtBot) -> None:
    groove = _groove()
    assert groove.tracks[0].is_drum  # channel 10 in the file
    roll = _roll(qtbot)
    roll.show_cells(groove, 0, (0, 3))
    roll.show()
    qtbot.waitExposed(roll)
    labels = roll.keyboard.labels()
    in_use = {note.pitch for note in groove.tracks[0].notes}
    assert roll.roll_geometry.row_pitches == drum_lanes(in_use)
    assert set(labels) == in_use | COMMON_KIT  # a lane per drum played, and the common kit
    assert {labels[36], labels[38], labels[42], labels[46], labels[49]} == {
        "Kick", "Snare", "Closed Hat", "Open Hat", "Crash"
    }  # fmt: skip
    assert (labels[45], labels[39]) == ("Low Tom", "Clap")
    assert labels[22] == "Drum key 22"  # a key outside the General MIDI map keeps its number
    assert not [label for label in labels.values() if NOTE_NAME.match(label)]
    assert roll.keyboard.width() == DRUM_KEYBOARD_WIDTH_PX
    for key in (36, 38, 42):
        assert _text_pixels_in_row(roll, key) > 15, f"{labels[key]} is not painted"
    _assert_pitches_in_view(roll)  # the whole groove fits: no scrolling through 128 rows
    snare = next(note for note in _shown_notes(roll) if note.pitch == 38)
    assert roll.roll_scene.note_items[snare].toolTip().startswith("Snare, velocity ")
    heard: list[str] = []
    roll.hovered.connect(heard.append)
    QTest.mouseMove(roll.keyboard, QPoint(10, _row_middle_y(roll, 36)))
    assert heard[-1] == "Kick (Bass Drum 1), drum key 36"


def test_up_and_down_move_a_drum_hit_to_the_next_lane(qtbot: QtBot) -> None:
    groove = _groove()
    roll = _roll(qtbot)
    roll.show_cells(groove, 0, (0, 1))
    roll.show()
    qtbot.waitExposed(roll)
    edits: list[Song] = []
    roll.song_edited.connect(edits.append)
    roll.song_edited.connect(lambda song: roll.show_cells(song, 0, (0, 1)))
    kick = min(note for note in _shown_notes(roll) if note.pitch == 36)
    rows = roll.roll_geometry.row_pitches
    above, below = rows[rows.index(36) - 1], rows[rows.index(36) + 1]
    assert (above, below) == (38, 26)  # no side stick (37) in this groove: Snare is next
    roll.select({kick})
    QTest.keyClick(roll.view, Qt.Key.Key_Up)
    assert roll.selected_notes() == [dataclasses.replace(kick, pitch=38)]
    QTest.keyClick(roll.view, Qt.Key.Key_Down)
    QTest.keyClick(roll.view, Qt.Key.Key_Down)
    assert roll.selected_notes() == [dataclasses.replace(kick, pitch=26)]
    assert len(edits) == 3
    assert kick not in edits[-1].tracks[0].notes


def test_all_drums_shows_every_general_midi_lane_and_a_pitched_track_shows_keys(
    qtbot: QtBot,
) -> None:
    groove = _groove()
    song = dataclasses.replace(groove, tracks=(*groove.tracks, _fiddle_tune().tracks[0]))
    roll = _roll(qtbot)
    roll.show_cells(song, 0, (0, 1))
    roll.show()
    qtbot.waitExposed(roll)
    roll.set_all_drums(True)
    assert set(range(35, 82)) <= set(roll.keyboard.labels())
    assert roll.keyboard.labels()[81] == "Open Triangle"
    roll.set_all_drums(False)
    assert 81 not in roll.keyboard.labels()
    roll.show_cells(song, 1, (0, 1))
    assert not roll.is_drum_track()
    assert roll.keyboard.width() == KEYBOARD_WIDTH_PX
    assert roll.keyboard.labels() == key_labels(roll.roll_geometry.row_pitches, False)
    assert len(roll.roll_geometry.row_pitches) == 128
    assert roll.keyboard.labels()[36] == "C2"


class _Shouting(QTranslator):
    """A stand-in language: every drum name in capitals, so a name that skipped translation
    shows up in lower case."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context != "DrumNames":
            return ""
        parts = re.split(r"(\{\w+\})", source)  # placeholders stay as they are
        return "".join(part if part.startswith("{") else part.upper() for part in parts)


@pytest.fixture
def shouting() -> Iterator[None]:
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.mark.usefixtures("shouting")
def test_drum_names_are_translated_when_shown(qtbot: QtBot) -> None:
    roll = _roll(qtbot)
    roll.show_cells(_groove(), 0, (0, 1))
    labels = roll.keyboard.labels()
    assert (labels[36], labels[42], labels[45], labels[22]) == (
        "KICK", "CLOSED HAT", "LOW TOM", "DRUM KEY 22"
    )  # fmt: skip


# Helpers ----------------------------------------------------------------------------------


def _row_middle_y(roll: PianoRoll, pitch: int) -> int:
    geometry = roll.roll_geometry
    return round(geometry.pitch_to_y(pitch) - roll.scene_origin().y() + geometry.key_height_px / 2)


def _scroll_row_to_middle(roll: PianoRoll, pitch: int) -> None:
    geometry, bar = roll.roll_geometry, roll.view.verticalScrollBar()
    bar.setValue(round(geometry.pitch_to_y(pitch) - roll.view.viewport().height() / 2))


def _text_pixels_in_row(roll: PianoRoll, pitch: int) -> int:
    """How many pixels of label ink lie around the middle of `pitch`'s row in the keyboard
    strip's right part (where labels are drawn, clear of the black keys): pixels much darker,
    or in a dark theme much lighter, than the strip's key colour."""
    image = roll.keyboard.grab().toImage()
    middle = _row_middle_y(roll, pitch)
    assert 4 <= middle < image.height() - 4, "the row is scrolled out of view"
    paper = roll.colours().light_key.lightnessF()
    return sum(
        abs(image.pixelColor(x, y).lightnessF() - paper) > 0.45
        for y in range(middle - 4, middle + 5)
        for x in range(round(image.width() * 0.65), image.width() - 2)
    )


def _ask_tooltip(widget: QWidget, at: QPoint) -> None:
    """What Qt sends when the mouse rests over a widget."""
    event = QHelpEvent(QEvent.Type.ToolTip, at, widget.mapToGlobal(at))
    QApplication.sendEvent(widget, event)


def test_every_general_midi_drum_name_reaches_the_translators() -> None:
    from engine.song.drums import GM_DRUM_NAMES
    from ui.piano_roll.names import GM_DRUM_WORDS

    assert [str(word) for word in GM_DRUM_WORDS] == list(GM_DRUM_NAMES.values())
