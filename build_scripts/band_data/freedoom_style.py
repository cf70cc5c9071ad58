"""Label a Freedoom song's style from its notes, by a fixed rule anyone can re-check.

Why a rule and not a list by hand: the WADs name songs by level (D_E1M2), not by genre, and a
rule written down here is deterministic, reviewable and re-runnable when the package changes.
The build prints every label with the figures behind it so a person can check them by ear.

The figures, over the song's pitched notes (drum tracks aside), and the rule, first match wins:

1. **cinematic**: sparse drums (under 4 drum notes a bar on average) and either slow
   (under 100 BPM) or a third or more of the notes on strings, ensembles, choirs or pads
   (GM programs 40-55, 88-95);
2. **metal**: a quarter or more of the notes on overdriven or distortion guitar (programs
   29-30) and fast (140 BPM or more) or driving double kicks (6 or more kicks a bar);
3. **rock**: a quarter or more of the notes on overdriven or distortion guitar;
4. **house**: a third or more of the notes on synth leads, pads or effects (programs 80-103)
   and a four-on-the-floor kick (a kick on every quarter) in 40 % or more of the drummed bars;
5. **cinematic**: a third or more of the notes on strings, ensembles, choirs or pads;
6. **rock** otherwise (the WADs are mostly guitar-band game music).

BPM is the tempo weighted by how many ticks it lasts, so a short intro tempo does not decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.song.drums import KICKS
from engine.song.song import PPQ, Song

DISTORTED = range(29, 31)
SYNTHS = range(80, 104)
ORCHESTRAL = (*range(40, 56), *range(88, 96))
SPARSE_DRUMS_PER_BAR = 4.0
SLOW_BPM = 100.0
FAST_BPM = 140.0
DOUBLE_KICKS_PER_BAR = 6.0
GUITAR_SHARE = 0.25
SYNTH_SHARE = 1 / 3
ORCHESTRAL_SHARE = 1 / 3
FOUR_ON_THE_FLOOR_SHARE = 0.4
ONSET_TOLERANCE = PPQ // 8
"""A kick this close to a beat (a 32nd note) counts as on it."""


@dataclass(frozen=True)
class StyleFigures:
    """What the rule looks at, kept so the build can print why each label was chosen."""

    bpm: float
    distorted: float
    synth: float
    orchestral: float
    drums_per_bar: float
    kicks_per_bar: float
    four_on_the_floor: float

    def describe(self) -> str:
        return (
            f"{self.bpm:5.0f} BPM, distorted {self.distorted:4.0%}, synth {self.synth:4.0%}, "
            f"orchestral {self.orchestral:4.0%}, drums/bar {self.drums_per_bar:4.1f}, "
            f"kicks/bar {self.kicks_per_bar:4.1f}, 4-on-floor {self.four_on_the_floor:4.0%}"
        )


def weighted_bpm(song: Song) -> float:
    """The mean tempo weighted by the ticks each tempo lasts."""
    ends = [change.tick for change in song.tempos[1:]] + [song.end_tick]
    total = sum(
        (end - change.tick) * change.tempo_bpm
        for change, end in zip(song.tempos, ends, strict=True)
    )
    return total / song.end_tick


def _share(counts: dict[int, int], programs: range | tuple[int, ...]) -> float:
    pitched = sum(counts.values())
    return sum(counts.get(program, 0) for program in programs) / pitched if pitched else 0.0


def four_on_the_floor(song: Song) -> float:
    """The share of drummed bars with a kick on every quarter-note beat."""
    kick_ticks = sorted(
        note.start_tick
        for track in song.tracks
        if track.is_drum
        for note in track.notes
        if note.pitch in KICKS
    )
    drummed = steady = 0
    for bar in range(song.bar_count):
        start, end = song.bar_span(bar)
        if not any(song.notes_in_bar(i, bar) for i, t in enumerate(song.tracks) if t.is_drum):
            continue
        drummed += 1
        in_bar = [tick for tick in kick_ticks if start - ONSET_TOLERANCE <= tick < end]
        beats = range(start, end, PPQ)
        steady += all(any(abs(tick - beat) <= ONSET_TOLERANCE for tick in in_bar) for beat in beats)
    return steady / drummed if drummed else 0.0


def style_figures(song: Song) -> StyleFigures:
    counts: dict[int, int] = {}
    for track in song.tracks:
        if not track.is_drum:
            counts[track.program] = counts.get(track.program, 0) + len(track.notes)
    drum_notes = [note for track in song.tracks if track.is_drum for note in track.notes]
    kicks = sum(note.pitch in KICKS for note in drum_notes)
    return StyleFigures(
        bpm=weighted_bpm(song),
        distorted=_share(counts, DISTORTED),
        synth=_share(counts, SYNTHS),
        orchestral=_share(counts, ORCHESTRAL),
        drums_per_bar=len(drum_notes) / song.bar_count,
        kicks_per_bar=kicks / song.bar_count,
        four_on_the_floor=four_on_the_floor(song),
    )


def style_of(figures: StyleFigures) -> str:
    """The style the rule in this module's docstring gives these figures."""
    orchestral = figures.orchestral >= ORCHESTRAL_SHARE
    if figures.drums_per_bar < SPARSE_DRUMS_PER_BAR and (figures.bpm < SLOW_BPM or orchestral):
        return "cinematic"
    if figures.distorted >= GUITAR_SHARE:
        fast = figures.bpm >= FAST_BPM or figures.kicks_per_bar >= DOUBLE_KICKS_PER_BAR
        return "metal" if fast else "rock"
    if figures.synth >= SYNTH_SHARE and figures.four_on_the_floor >= FOUR_ON_THE_FLOOR_SHARE:
        return "house"
    return "cinematic" if orchestral else "rock"
