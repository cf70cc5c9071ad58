"""Measures of form: how much of a song comes back, and how its sections differ in energy.

Used by `benchmarks.song_form`; each works on any Song, generated or real, so the model's songs
and held-out human works are measured the same way.

- `near_repeat_bars` (from `benchmarks.musicality_measures`): pitched bars heard before.
- `drum_repeat_bars`: the same for drum tracks (onset and drum), where a band's human
  reference is a Groove MIDI performance.
- `phrase_repeats`: section-level self-similarity. The song is cut into phrases of
  `PHRASE_BARS` bars; a phrase repeats when, bar for bar, its (track, onset, pitch) content is
  close to an earlier phrase's (mean Jaccard index at least `PHRASE_JACCARD`). It tells a song
  whose choruses return from one whose bars only now and then echo one another.
- `section_energy`: per section role, the notes per playing track and bar, the mean velocity
  and how many tracks play a bar, for the chorus-above-verse and later-choruses-build rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.musicality_measures import Ratio
from engine.song.song import PPQ, Song

SIXTEENTH = PPQ // 4
PHRASE_BARS = 4
PHRASE_JACCARD = 0.6
"""A phrase this close to an earlier one, bar for bar on average, counts as its repeat: a
chorus with a new second ending or a varied bar still counts; two unrelated phrases over the
same chords (about 0.1-0.3) do not."""

BarContent = frozenset[tuple[int, int, int]]


def jaccard(a: BarContent, b: BarContent) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def bar_contents(song: Song, *, drums: bool) -> list[BarContent]:
    """Each bar's (track, onset in the bar, pitch) set over the pitched tracks, or over the drum
    tracks when `drums`, with drum onsets on the nearest sixteenth: a drummer's groove played
    by hand (Groove MIDI) is never two ticks apart the same, and without the grid no human bar
    would repeat."""
    contents = []
    for bar in range(song.bar_count):
        start = song.bar_start_ticks[bar]
        contents.append(
            frozenset(
                (index, _onset(note.start_tick - start, drums), note.pitch)
                for index, track in enumerate(song.tracks)
                if track.is_drum == drums
                for note in song.notes_in_bar(index, bar)
            )
        )
    return contents


def _onset(ticks: int, drums: bool) -> int:
    return round(ticks / SIXTEENTH) * SIXTEENTH if drums else ticks


def drum_repeat_bars(song: Song, threshold: float = 0.8) -> Ratio | None:
    """Drum bars whose hits (onset, drum) are close to an earlier bar's (Jaccard >= threshold),
    over all drum bars that play: a steady groove repeats, a wandering one does not."""
    seen: list[BarContent] = []
    hits = total = 0
    for content in bar_contents(song, drums=True):
        if not content:
            continue
        total += 1
        hits += any(jaccard(content, earlier) >= threshold for earlier in seen)
        seen.append(content)
    return Ratio(hits, total) if total else None


def phrase_repeats(song: Song, phrase_bars: int = PHRASE_BARS) -> Ratio | None:
    """Phrases (of `phrase_bars` bars, pitched tracks) that come back from an earlier phrase,
    over the phrases that play (see the module's notes)."""
    contents = bar_contents(song, drums=False)
    phrases = [
        contents[start : start + phrase_bars]
        for start in range(0, len(contents) - phrase_bars + 1, phrase_bars)
    ]
    hits = total = 0
    for number, phrase in enumerate(phrases):
        if not any(phrase):
            continue
        total += 1
        hits += any(
            _phrase_likeness(phrase, earlier) >= PHRASE_JACCARD for earlier in phrases[:number]
        )
    return Ratio(hits, total) if total else None


def _phrase_likeness(a: Sequence[BarContent], b: Sequence[BarContent]) -> float:
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x or y]
    if not pairs:
        return 0.0
    return sum(jaccard(x, y) for x, y in pairs) / len(pairs)


@dataclass
class Energy:
    """A role's measures, summed over its bars (divide by `bars`)."""

    bars: int = 0
    notes_per_track: float = 0.0
    velocity_sum: float = 0.0
    velocity_notes: int = 0
    playing_tracks: int = 0

    def add_bar(self, song: Song, bar: int) -> None:
        counts = [len(song.notes_in_bar(i, bar)) for i in range(len(song.tracks))]
        playing = [count for count in counts if count]
        self.bars += 1
        self.playing_tracks += len(playing)
        self.notes_per_track += sum(playing) / len(playing) if playing else 0.0
        for index in range(len(song.tracks)):
            for note in song.notes_in_bar(index, bar):
                self.velocity_sum += note.velocity
                self.velocity_notes += 1

    @property
    def density(self) -> float:
        return self.notes_per_track / self.bars if self.bars else 0.0

    @property
    def velocity(self) -> float:
        return self.velocity_sum / self.velocity_notes if self.velocity_notes else 0.0

    @property
    def tracks(self) -> float:
        return self.playing_tracks / self.bars if self.bars else 0.0


def section_energy(song: Song) -> dict[str, Energy]:
    """Per role ('chorus', 'verse'...) and per playing ('chorus 1', 'chorus 2'...), the
    measures of its bars."""
    measured: dict[str, Energy] = defaultdict(Energy)
    seen: dict[str, int] = defaultdict(int)
    for section in song.sections:
        seen[section.role] += 1
        for bar in section.bar_range:
            measured[section.role].add_bar(song, bar)
            measured[f"{section.role} {seen[section.role]}"].add_bar(song, bar)
    return dict(measured)
