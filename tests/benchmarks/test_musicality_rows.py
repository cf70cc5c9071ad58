"""The musicality table's "within the human range" columns (`benchmarks.musicality_rows`): the
span of single human works for a row each song has a figure on, and for a yes-or-no row the
human share's range over redrawn works."""

from __future__ import annotations

import dataclasses

from benchmarks import musicality_rows as table
from benchmarks.musicality_measures import Ratio, pentatonic_share
from engine.compose.presets import PRESETS
from engine.song.song import PPQ, Note, Song, Track
from engine.song.theory import key_from_name


def test_the_human_span_counts_the_model_songs_inside_it() -> None:
    """Three human works at 10%, 20% and 40% of their bars: a model song at 30% is inside
    their span, one at 50% and one at 5% are not, and a song with nothing to count is left
    out; a yes-or-no row, or a single human work, has no span."""
    shares = {"h1": (1, 10), "h2": (2, 10), "h3": (4, 10), "m1": (3, 10), "m2": (5, 10)}
    shares |= {"m3": (1, 20), "m4": (0, 0)}

    def measure(song: Song) -> Ratio | None:
        return Ratio(*shares[song.title])

    def pairs(*titles: str) -> list[tuple[Song, Song]]:
        return [(Song(title=t), Song(title=t)) for t in titles]

    row = table.Row("share of bars", "share", measure)
    spread = table.human_spread(row, pairs("h1", "h2", "h3"), pairs("m1", "m2", "m3", "m4"))
    assert spread == table.Spread(low=0.1, high=0.4, inside=1, songs=3)
    assert table.show_spread(spread, "share") == ("10%-40%", "1/3")
    flag = table.Row("ends well", "share", measure, per_song=False)
    assert table.human_spread(flag, pairs("h1", "h2"), pairs("m1")) is None
    assert table.human_spread(row, pairs("h1"), pairs("m1")) is None


def test_a_yes_or_no_row_ranges_over_the_human_works_drawn_again() -> None:
    """Six held-out works, four ending on the tonic: redrawn, their share spans about 33-100%
    (it is 67%), so a model whose songs all end there lies in it, and one whose songs end there
    one time in ten does not; with four works the row has no range."""
    ends = {"h1": 1, "h2": 1, "h3": 1, "h4": 1, "h5": 0, "h6": 0, "m1": 1, "m0": 0}

    def measure(song: Song) -> Ratio | None:
        return Ratio(ends[song.title[:2]], 1)

    def pairs(*titles: str) -> list[tuple[Song, Song]]:
        return [(Song(title=t), Song(title=t)) for t in titles]

    human = pairs("h1", "h2", "h3", "h4", "h5", "h6")
    flag = table.Row("ends well", "share", measure, per_song=False)
    all_end = table.human_spread(flag, human, pairs(*(f"m1-{i}" for i in range(10))))
    assert all_end is not None
    assert all_end.pooled
    assert 0.2 < all_end.low < 0.5
    assert 0.9 < all_end.high <= 1.0
    assert (all_end.inside, all_end.songs) == (1, 1)
    assert table.show_spread(all_end, "share")[1] == "share in"
    rarely = pairs("m1-0", *(f"m0-{i}" for i in range(9)))
    few = table.human_spread(flag, human, rarely)
    assert few is not None
    assert few.inside == 0
    assert table.show_spread(few, "share") == (
        f"{100 * few.low:.0f}%-{100 * few.high:.0f}% (redrawn)",
        "share out",
    )
    assert table.human_spread(flag, human[:4], rarely) is None


def test_a_pentatonic_style_counts_its_notes_on_the_signatures_five_tones() -> None:
    """D E F# G A under two sharps: four of five on D major's pentatonic (G, the fourth, is
    not), and under D minor's one flat (F G A C D) three of five. Only the Chinese preset, the
    style planned in the pentatonic, has the row."""
    notes = tuple(Note(i * PPQ, pitch, PPQ, 80) for i, pitch in enumerate((62, 64, 66, 67, 69)))
    song = Song(bar_count=2, tracks=(Track("Dizi", 73, notes=notes),))
    in_d = dataclasses.replace(song, key_signatures=(key_from_name("D major"),))
    assert pentatonic_share(in_d) == Ratio(4, 5)
    in_d_minor = dataclasses.replace(song, key_signatures=(key_from_name("D minor"),))
    assert pentatonic_share(in_d_minor) == Ratio(3, 5)  # D, G and A
    assert pentatonic_share(song) is None  # no key
    label = "notes in the signature's pentatonic"
    assert label in [row.label for row in table.rows_for("chinese", PRESETS["chinese"])]
    assert label not in [row.label for row in table.rows_for("pop", PRESETS["pop"])]
