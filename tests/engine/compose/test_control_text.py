"""What musicians type, read into controls and a new song's fields: what each text means, and a
mistake named by its field with what to write instead."""

from __future__ import annotations

import pytest

from engine.compose.control_text import (
    ControlError,
    controls_from_text,
    form_from_text,
    generate_from_text,
    key_from_text,
    meter_from_text,
)
from engine.compose.controls import ComposeError, Controls
from engine.errors import TesseraError
from engine.song.theory import key_from_name, parse_chord, parse_scale


def test_typed_controls_become_controls() -> None:
    controls = controls_from_text(
        density=8,
        polyphony=2,
        rhythm=4,
        pitch_range=" C3-C5 ",
        scale="D minor",
        chords="Am, F,C,G",
        velocity="60-100",
        temperature=0.8,
        top_p=0.9,
        key_pull=False,
        keep_beat=False,
        voice_order="keep",
    )
    assert controls == Controls(
        density=8,
        polyphony=2,
        rhythm=4,
        pitch_range=(48, 72),
        scale=parse_scale("D minor"),
        chords=tuple(parse_chord(c) for c in ("Am", "F", "C", "G")),
        velocity_range=(60, 100),
        temperature=0.8,
        top_p=0.9,
        key_pull=False,
        keep_beat=False,
        keep_voice_order=True,
    )


def test_empty_text_and_none_leave_each_control_to_the_model() -> None:
    assert controls_from_text() == Controls()
    assert controls_from_text(pitch_range="", scale="  ", chords=None, velocity="") == Controls()
    assert controls_from_text(voice_order="free").keep_voice_order is False


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"scale": "H minor"}, "scale", "scale 'H minor' does not start with a note name: try"),
        ({"chords": "Am,Fxx"}, "chords", "chords: chord 'Fxx': 'xx' is not a chord type"),
        ({"pitch_range": "C5-C3"}, "pitch_range", "pitch range 'C5-C3' runs downwards"),
        ({"velocity": "loud"}, "velocity_range", "velocity range 'loud' is not understood"),
        ({"velocity": "100-60"}, "velocity_range", "velocity range (100, 60) must be low <= high"),
        ({"density": 70}, "density", "density 70 must be from 0 to 64"),
        ({"polyphony": 9}, "polyphony", "polyphony 9 must be from 1 to 6"),
        ({"temperature": 5.0}, "temperature", "temperature 5.0 must be from 0 to 3"),
        ({"top_p": 0.0}, "top_p", "top-p 0.0 must be above 0"),
        ({"voice_order": "sideways"}, "keep_voice_order", "voice order: 'sideways' is not one"),
    ],
)
def test_a_mistake_names_its_field_and_what_to_write(
    typed: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ControlError) as raised:
        controls_from_text(**typed)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, ComposeError)
    assert isinstance(raised.value, TesseraError)


def test_the_first_wrong_field_is_named_when_several_are() -> None:
    with pytest.raises(ControlError) as raised:
        controls_from_text(density=99, scale="H minor", velocity="loud")
    assert raised.value.field == "scale"  # the text fields are read first


def test_meter_key_and_form() -> None:
    assert meter_from_text(" 6/8 ") == (6, 8)
    assert key_from_text("D minor") == key_from_name("D minor")
    assert form_from_text(" AABA ") == "AABA"
    assert form_from_text("-") == "-"
    for read, text, field, says in (
        (meter_from_text, "three", "meter", "write it like 3/4 or 6/8"),
        (key_from_text, "H major", "key", "does not start with a note name"),
        (form_from_text, "A-B 2", "form", "one letter per phrase"),
    ):
        with pytest.raises(ControlError, match=says) as raised:
            read(text)
        assert raised.value.field == field
        assert str(raised.value).startswith(field)


def test_a_new_songs_fields_become_its_request() -> None:
    controls = Controls(density=6)
    request = generate_from_text(
        "chorale",
        style="Jazz",
        bars=12,
        meter="3/4",
        key="E minor",
        tempo_bpm=90.0,
        title="",
        form="abab",
        controls=controls,
    )
    assert (request.preset, request.style, request.bars, request.meter) == (
        "chorale",
        "jazz",
        12,
        (3, 4),
    )
    assert (request.key, request.tempo_bpm, request.title, request.form) == (
        key_from_name("E minor"),
        90.0,
        "Untitled",
        "abab",
    )
    assert request.controls == controls
    kept = generate_from_text("pop", meter=" ", key="", form=None)
    assert (kept.style, kept.meter, kept.key, kept.form) == (None, None, None, None)
    with pytest.raises(ControlError, match="meter '4-4'"):
        generate_from_text("pop", meter="4-4")
