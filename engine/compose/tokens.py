"""Song <-> token sequences in an MMM-style infilling format.

A sequence is a header, then each track in turn, its bars delimited; any set of (track, bar)
cells can be swapped for a `Fill` placeholder, and the cells' notes then follow at the end in
placeholder order, so the model writes them knowing everything before *and* after:

    BOS Tempo_120 Key_0_major Style_folk
      Program_40 Low_9 High_13                      <- one track, its range
        Bar_4/4 Density_4 ... Pos_0 Pitch_67 Dur_12 Vel_80 ... Bar_End
        Bar_4/4 Density_3 ... Fill Bar_End          <- a cell to (re)write, with its controls
      Track_End
    Fill_Start Bar_4/4 Pos_0 Pitch_69 Dur_6 Vel_72 ... Fill_End
    EOS

Tokens hold the music on a grid (see `engine.compose.vocab`); `quantize_song` gives the Song that a
round trip returns, so `decode_song(encode_song(s)) == quantize_song(s)` for every Song.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Collection, Iterator, Mapping, Sequence

from engine.compose.control_tokens import CONTROL_PREFIXES, BarControls
from engine.compose.vocab import (
    DURATION_STEPS,
    METERS,
    PITCH_RANGE_BIN,
    TICKS_PER_STEP,
    VELOCITY_LEVELS,
    TokenizerError,
    nearest,
    tempo_level,
)
from engine.song.gm import instrument_name
from engine.song.note_cleanup import clean_notes
from engine.song.song import (
    PPQ,
    Cell,
    KeySignatureChange,
    Note,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
)
from engine.song.theory import midi_key
from engine.words import QT_TRANSLATE_NOOP, message_of

"""(track index, bar index), both 0-based."""


def _bar_meter(song: Song, bar: int) -> TimeSignatureChange:
    """The meter a bar token carries: the written one, or, for a bar cut short by a meter
    change inside it, a meter of the bar's real length (as the corpus writes pickups)."""
    start, end = song.bar_span(bar)
    written = song.time_signature_at(start)
    if (written.numerator, written.denominator) in METERS and written.ticks_per_bar == end - start:
        return dataclasses.replace(written, tick=start)
    candidates = [(n, d) for n, d in METERS if n * PPQ * 4 // d == end - start]
    same_unit = [(n, d) for n, d in candidates if d == written.denominator]
    if not candidates:
        raise TokenizerError(
            f"bar {bar + 1} is in {written.numerator}/{written.denominator}"
            + ("" if written.ticks_per_bar == end - start else ", cut short by a meter change")
            + ", which the model does not know: it writes bars of up to 8 quarters counted in "
            "halves, quarters, eighths or sixteenths"
        )
    numerator, denominator = (same_unit or candidates)[0]
    return TimeSignatureChange(start, numerator, denominator)


def unencodable_bars(song: Song) -> dict[int, str]:
    """Bars the token grid cannot hold (an unusual meter or a cut-short bar), with the reason."""
    problems: dict[int, str] = {}
    for bar in range(song.bar_count):
        try:
            _bar_meter(song, bar)
        except TokenizerError as err:
            problems[bar] = message_of(err)
    return problems


def _bar_meters(song: Song) -> list[TimeSignatureChange]:
    if not song.tracks:
        raise TokenizerError(
            QT_TRANSLATE_NOOP("Tokens", "a song needs at least one track to be tokenized")
        )
    return [_bar_meter(song, bar) for bar in range(song.bar_count)]


def _longest_duration_within(steps: int) -> int:
    """The longest of `DURATION_STEPS` no longer than `steps` (the shortest if none is)."""
    index = bisect.bisect_right(DURATION_STEPS, steps)
    return int(DURATION_STEPS[index - 1]) if index else 1


def _quantize_notes(notes: Sequence[Note], end_tick: int) -> tuple[Note, ...]:
    """The notes on the grid the tokens hold. This runs for every note of the song each time
    a prompt is encoded (every regenerate, every live answer), so notes already on the grid
    are kept as they are rather than rebuilt."""
    rows = []
    for note in notes:
        start = round(note.start_tick / TICKS_PER_STEP) * TICKS_PER_STEP
        if start >= end_tick:
            start = end_tick - TICKS_PER_STEP
        room = (end_tick - start) // TICKS_PER_STEP
        steps = nearest(DURATION_STEPS, note.duration_ticks / TICKS_PER_STEP)
        steps = _longest_duration_within(min(steps, room))
        rows.append(
            (start, note.pitch, steps * TICKS_PER_STEP, nearest(VELOCITY_LEVELS, note.velocity))
        )
    quantized: list[Note] = []
    # Cleaning may cut a note at the next same-pitch onset; snap that length onto the grid too.
    for cleaned in clean_notes(rows):
        steps = _longest_duration_within(max(1, cleaned.duration_ticks // TICKS_PER_STEP))
        on_grid = steps * TICKS_PER_STEP == cleaned.duration_ticks
        quantized.append(
            cleaned
            if on_grid
            else dataclasses.replace(cleaned, duration_ticks=steps * TICKS_PER_STEP)
        )
    return tuple(quantized)


QUANTIZED_TRACKS_KEPT = 64
"""Tracks whose quantized notes are kept (`_quantized_track`): every track of a few songs, each
in full and in the window a long song's prompt is cut to."""


@functools.lru_cache(maxsize=QUANTIZED_TRACKS_KEPT)
def _quantized_track(notes: tuple[Note, ...], end_tick: int) -> tuple[Note, ...]:
    """`_quantize_notes`, remembered by value: an operation encodes the whole song for every
    batch of cells (and a live session for every answer), and most tracks have not changed
    since the last time. Looking notes up costs a hash of each, about a 25th of quantizing it."""
    return _quantize_notes(notes, end_tick)


def quantize_song(song: Song) -> Song:
    """The Song as the tokens hold it: notes on the grid, one tempo level, the opening key.

    Drum tracks become the standard kit (program 0): the model writes drum notes, not kits.
    """
    bar_meters = _bar_meters(song)
    tracks = tuple(
        dataclasses.replace(
            track,
            notes=_quantized_track(tuple(track.notes), song.end_tick),
            program=0 if track.is_drum else track.program,
        )
        for track in song.tracks
    )
    key = song.key_signatures[0] if song.key_signatures else None
    return dataclasses.replace(
        song,
        tracks=tracks,
        time_signatures=_merge_meters(bar_meters),
        tempos=(TempoChange(0, tempo_level(song.tempos[0].tempo_bpm)),),
        key_signatures=() if key is None else (dataclasses.replace(midi_key(key), tick=0),),
    )


def _merge_meters(bar_meters: Sequence[TimeSignatureChange]) -> tuple[TimeSignatureChange, ...]:
    """One change per bar -> only the bars where the meter actually changes."""
    merged = [bar_meters[0]]
    for meter in bar_meters[1:]:
        if (meter.numerator, meter.denominator) != (merged[-1].numerator, merged[-1].denominator):
            merged.append(meter)
    return tuple(merged)


def _header(song: Song) -> list[str]:
    key = song.key_signatures[0] if song.key_signatures else None
    # A church mode reads as its signature's major key, as the corpus's ABC books declare
    # their dorian and mixolydian tunes (K:D for a tune in E dorian).
    key_token = "Key_none" if key is None else f"Key_{key.sharps_flats}_{midi_key(key).mode}"
    style_token = f"Style_{song.style or 'none'}"
    return ["BOS", f"Tempo_{tempo_level(song.tempos[0].tempo_bpm)}", key_token, style_token]


def _track_head(track: Track) -> list[str]:
    tokens = ["Program_drums" if track.is_drum else f"Program_{track.program}"]
    if track.notes:
        pitches = [note.pitch for note in track.notes]
        tokens += [
            f"Low_{min(pitches) // PITCH_RANGE_BIN}",
            f"High_{max(pitches) // PITCH_RANGE_BIN}",
        ]
    return tokens


def _note_tokens(notes: Sequence[Note], bar_start: int) -> list[str]:
    tokens: list[str] = []
    position = None
    for note in notes:
        step = (note.start_tick - bar_start) // TICKS_PER_STEP
        if step != position:
            tokens.append(f"Pos_{step}")
            position = step
        steps = note.duration_ticks // TICKS_PER_STEP
        tokens += [f"Pitch_{note.pitch}", f"Dur_{steps}", f"Vel_{note.velocity}"]
    return tokens


def _bar_token(song: Song, bar: int) -> str:
    meter = song.time_signature_at(song.bar_start_ticks[bar])
    return f"Bar_{meter.numerator}/{meter.denominator}"


def encode_song(
    song: Song,
    fill_cells: Collection[Cell] = (),
    controls: Mapping[Cell, BarControls] | None = None,
    include_fills: bool = True,
) -> list[str]:
    """Tokens for a Song (quantized first), with `fill_cells` moved to the end.

    Every bar carries the controls it measures, unless `controls` overrides that cell (pass
    `BarControls()` for none, or the composer's requested values for a cell to write). With
    `include_fills=False` the sequence stops after the placeholders, ready for the model to
    write the fills (the prompt for regenerating those cells).
    """
    song = quantize_song(song)
    for track_index, bar in fill_cells:
        song.bar_span(bar)
        if not 0 <= track_index < len(song.tracks):
            raise TokenizerError(
                QT_TRANSLATE_NOOP("Tokens", "cell track {track_index} is not in the song").format(
                    track_index=track_index + 1
                )
            )
    tokens = _header(song)
    fills: list[list[str]] = []
    for track_index, track in enumerate(song.tracks):
        tokens += _track_head(track)
        for bar in range(song.bar_count):
            cell = (track_index, bar)
            notes = song.notes_in_bar(track_index, bar)
            bar_controls = (controls or {}).get(cell) or BarControls.measure(notes)
            tokens += [_bar_token(song, bar), *bar_controls.tokens()]
            body = _note_tokens(notes, song.bar_start_ticks[bar])
            if cell in fill_cells:
                tokens.append("Fill")
                fills.append(["Fill_Start", _bar_token(song, bar), *body, "Fill_End"])
            else:
                tokens += body
            tokens.append("Bar_End")
        tokens.append("Track_End")
    if not include_fills:
        return tokens
    for fill in fills:
        tokens += fill
    return [*tokens, "EOS"]


def _value(token: str, prefix: str) -> str:
    if not token.startswith(prefix):
        raise TokenizerError(
            QT_TRANSLATE_NOOP("Tokens", "expected a {rstrip} token, got {token!r}").format(
                rstrip=prefix.rstrip("_"), token=token
            )
        )
    return token[len(prefix) :]


class _Reader:
    """Walks a token list, raising TokenizerError with the position of any grammar error."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> str:
        if self.index >= len(self.tokens):
            raise TokenizerError(QT_TRANSLATE_NOOP("Tokens", "the token sequence ends too early"))
        return self.tokens[self.index]

    def take(self, prefix: str = "") -> str:
        token = self.peek()
        if prefix and not token.startswith(prefix):
            raise TokenizerError(
                QT_TRANSLATE_NOOP("Tokens", "token {index} is {token!r}, expected {rstrip}").format(
                    index=self.index, token=token, rstrip=prefix.rstrip("_")
                )
            )
        self.index += 1
        return token

    def skip_controls(self) -> None:
        while self.index < len(self.tokens) and self.peek().startswith(CONTROL_PREFIXES):
            self.index += 1

    def notes(self, bar_start: int, end: str) -> Iterator[Note]:
        """Read Pos/Pitch/Dur/Vel tokens up to the `end` token (consumed)."""
        step = None
        while self.peek() != end:
            if self.peek().startswith("Pos_"):
                step = int(_value(self.take(), "Pos_"))
            if step is None:
                raise TokenizerError(
                    QT_TRANSLATE_NOOP(
                        "Tokens", "token {index}: a note comes before any position"
                    ).format(index=self.index)
                )
            pitch = int(_value(self.take("Pitch_"), "Pitch_"))
            steps = int(_value(self.take("Dur_"), "Dur_"))
            velocity = int(_value(self.take("Vel_"), "Vel_"))
            yield Note(bar_start + step * TICKS_PER_STEP, pitch, steps * TICKS_PER_STEP, velocity)
        self.take(end)


def _meter(token: str) -> TimeSignatureChange:
    numerator, denominator = _value(token, "Bar_").split("/")
    return TimeSignatureChange(0, int(numerator), int(denominator))


def _read_header(
    reader: _Reader,
) -> tuple[TempoChange, tuple[KeySignatureChange, ...], str | None]:
    """(tempo, key signatures, style) from `BOS Tempo_ Key_ Style_`."""
    reader.take("BOS")
    tempo = TempoChange(0, int(_value(reader.take("Tempo_"), "Tempo_")))
    key_text = _value(reader.take("Key_"), "Key_")
    style_text = _value(reader.take("Style_"), "Style_")
    style = None if style_text == "none" else style_text
    if key_text == "none":
        return tempo, (), style
    sharps_flats, mode = key_text.split("_")
    return (
        tempo,
        (KeySignatureChange(0, int(sharps_flats), "minor" if mode == "minor" else "major"),),
        style,
    )


def decode_song(
    tokens: Sequence[str], title: str = "Untitled", track_names: Sequence[str] | None = None
) -> Song:
    """Rebuild the Song a full sequence (header, tracks, fills) describes."""
    reader = _Reader(tokens)
    tempo, keys, style = _read_header(reader)
    meters: list[TimeSignatureChange] = []
    bar_starts: list[int] = []
    tracks: list[tuple[str, list[Note]]] = []
    placeholders: list[tuple[int, int]] = []  # (track index, bar start tick)
    while reader.peek().startswith("Program_"):
        program = _value(reader.take(), "Program_")
        reader.skip_controls()
        notes: list[Note] = []
        bar = 0
        while reader.peek() != "Track_End":
            meter = _meter(reader.take("Bar_"))
            if not tracks:
                start = bar_starts[-1] + meters[-1].ticks_per_bar if bar_starts else 0
                bar_starts.append(start)
                meters.append(dataclasses.replace(meter, tick=start))
            if bar >= len(bar_starts):
                raise TokenizerError(
                    QT_TRANSLATE_NOOP(
                        "Tokens", "track {tracks_count} has more bars than the first track"
                    ).format(tracks_count=len(tracks) + 1)
                )
            reader.skip_controls()
            if reader.peek() == "Fill":
                reader.take()
                reader.take("Bar_End")
                placeholders.append((len(tracks), bar_starts[bar]))
            else:
                notes.extend(reader.notes(bar_starts[bar], "Bar_End"))
            bar += 1
        reader.take("Track_End")
        tracks.append((program, notes))
    for track_index, bar_start in placeholders:
        reader.take("Fill_Start")
        reader.take("Bar_")
        tracks[track_index][1].extend(reader.notes(bar_start, "Fill_End"))
    reader.take("EOS")
    song = _assemble(
        title=title, track_names=track_names, tempo=tempo, keys=keys, meters=meters, tracks=tracks
    )
    return dataclasses.replace(song, style=style)


def _assemble(
    *,
    title: str,
    track_names: Sequence[str] | None,
    tempo: TempoChange,
    keys: tuple[KeySignatureChange, ...],
    meters: list[TimeSignatureChange],
    tracks: list[tuple[str, list[Note]]],
) -> Song:
    if not tracks:
        raise TokenizerError(QT_TRANSLATE_NOOP("Tokens", "the sequence holds no track"))
    built = []
    for index, (program, notes) in enumerate(tracks):
        is_drum = program == "drums"
        number = 0 if is_drum else int(program)
        name = track_names[index] if track_names else instrument_name(number, is_drum)
        built.append(Track(name=name, program=number, is_drum=is_drum, notes=tuple(notes)))
    return Song(
        title=title,
        bar_count=len(meters),
        tracks=tuple(built),
        tempos=(tempo,),
        time_signatures=_merge_meters(meters),
        key_signatures=keys,
    )


def decode_fill(tokens: Sequence[str], bar_start_tick: int) -> list[Note]:
    """The notes of one fill (`Fill_Start Bar_x ... Fill_End`) placed in a bar at a tick."""
    reader = _Reader(tokens)
    reader.take("Fill_Start")
    reader.take("Bar_")
    return list(reader.notes(bar_start_tick, "Fill_End"))


def bar_steps(song: Song, bar: int) -> int:
    """How many grid steps a bar holds."""
    start, end = song.bar_span(bar)
    return (end - start) // TICKS_PER_STEP


def bar_token(song: Song, bar: int) -> str:
    """The token that opens a bar: its meter, e.g. 'Bar_3/4'."""
    return _bar_token(song, bar)
