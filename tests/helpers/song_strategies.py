"""Hypothesis strategies for random, valid Songs (shared by the tokenizer and edit tests)."""

from __future__ import annotations

from hypothesis import strategies as st

from engine.song.note_cleanup import clean_notes
from engine.song.song import PPQ, Song, TempoChange, TimeSignatureChange, Track, bar_grid

MEASURES = ((4, 4), (3, 4), (7, 8), (6, 8), (2, 2), (5, 4))


@st.composite
def songs(draw: st.DrawFn, max_tracks: int = 4, max_bars: int = 8) -> Song:
    bar_count = draw(st.integers(1, max_bars))
    first = draw(st.sampled_from(MEASURES))
    meters = [TimeSignatureChange(0, *first)]
    if bar_count > 2 and draw(st.booleans()):
        change_bar = draw(st.integers(1, bar_count - 1))
        tick = bar_grid(meters, change_bar)[-1]
        meters.append(TimeSignatureChange(tick, *draw(st.sampled_from(MEASURES))))
    end = bar_grid(meters, bar_count)[-1]
    tracks = []
    for index in range(draw(st.integers(1, max_tracks))):
        rows = draw(
            st.lists(
                st.tuples(
                    st.integers(0, end - 1),
                    st.integers(21, 108),
                    st.integers(1, 4 * PPQ),
                    st.integers(1, 127),
                ),
                max_size=40,
            )
        )
        rows = [(s, p, min(d, end - s), v) for s, p, d, v in rows]
        is_drum = draw(st.booleans()) if index == 0 else False
        tracks.append(
            Track(
                name=f"t{index}",
                program=draw(st.integers(0, 127)),
                is_drum=is_drum,
                notes=tuple(clean_notes(rows)),
            )
        )
    return Song(
        bar_count=bar_count,
        tracks=tuple(tracks),
        tempos=(TempoChange(0, draw(st.floats(30, 300))),),
        time_signatures=tuple(meters),
    )
