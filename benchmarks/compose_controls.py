"""How often the composing operations obey their controls, how a nudge moves, how long each takes.

    PYTHONPATH=. python -m benchmarks.compose_controls [--quick] [--cells N] [--nudge-cells N]

(--quick: 8 cells and one seed per timing, about two minutes; the default run, 48 cells per
control and 32 per nudge direction, takes about ten minutes on two busy cores.)

Everything runs the shipped model through `engine.compose.operations.apply` on held-out music (the
corpus test split) and is seeded, so a rerun prints the same shares; only the times vary. It prints:

1. Controls obeyed. Cells of test works are regenerated, one control at a time, set to a value
   the cell does not have (another density bin, a register it is not in, the key a semitone up,
   ...), so the model has to move. Hard controls (pitch range, scale, polyphony limit, velocity
   range) are sampler masks and must read 100%; soft ones are requests the model may miss.
   Polyphony (the limit, and notes sounding at once) is judged on what sounds in the bar:
   the cell's notes and those ringing in from the bar before, clipped to the bar, as the
   sampler counts them.
   Baselines in the same run: the share of the original cells that already obeyed, and
   of cells regenerated with no control at all (same seed).
2. Nudge (`benchmarks.compose_nudge`). Each direction at strengths 0 to 1 with one seed per
   cell: the share of the original notes kept, the change of the direction's own attribute
   (`direction_measure`), and how often full strength stacks more notes at once than the cell
   had.
3. Latency of each operation on a 4-track, 32-bar held-out work: median and p90 of a few seeds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from benchmarks.compose_nudge import (
    Case,
    Notes,
    latency_song,
    latency_table,
    markdown,
    nudge_table,
    share,
)
from build_scripts.corpus.splits import load_split
from engine.compose.control_tokens import clipped_to, sounding_polyphony
from engine.compose.midi_model import MidiModel
from engine.compose.operations import (
    Controls,
    Regenerate,
    apply,
)
from engine.compose.tokens import encode_song
from engine.compose.vocab import DENSITY_EDGES, MAX_POLYPHONY, TokenizerError, density_bin
from engine.errors import TesseraError
from engine.song.song import PPQ, Cell, KeySignatureChange, Song
from engine.song.theory import NOTE_NAMES, SCALES, key_tonic, parse_chord

RUN = "PYTHONPATH=. python -m benchmarks.compose_controls [--quick] [--cells N] [--nudge-cells N]"
CASE_SEED = 20240
CHORD_TONE_SHARE = 0.8


# --- measuring notes ------------------------------------------------------------------------


sounding_at_once = sounding_polyphony


def heard_in_bar(song: Song, cell: Cell) -> Notes:
    """The notes sounding in the cell's bar, those ringing in from earlier bars included, each
    clipped to the bar: what a polyphony limit counts."""
    return clipped_to(song.tracks[cell[0]].notes, *song.bar_span(cell[1]))


def per_onset(notes: Notes) -> int:
    """The most notes starting together: what the model's `Poly_` token was trained on."""
    starts = [n.start_tick for n in notes]
    return max((starts.count(s) for s in set(starts)), default=0)


def onsets(notes: Notes) -> int:
    return len({n.start_tick for n in notes})


def chord_share(notes: Notes, chord: frozenset[int]) -> float:
    return sum(n.pitch % 12 in chord for n in notes) / len(notes) if notes else 0.0


def song_key(song: Song, cell: Cell) -> KeySignatureChange:
    """The key in force at the cell (C major for works without a key signature)."""
    return song.key_at(song.bar_span(cell[1])[0]) or KeySignatureChange(0, 0, "major")


# --- held-out cells -----------------------------------------------------------------------------


def usable(song: Song, cell: Cell) -> bool:
    """A cell worth rewriting: pitched, with notes, in a bar of at least two beats (a pickup bar
    or an empty cell leaves nothing to move away from)."""
    start, end = song.bar_span(cell[1])
    track = song.tracks[cell[0]]
    return not track.is_drum and end - start >= 2 * PPQ and bool(song.notes_in_bar(*cell))


def tokenizable(song: Song) -> bool:
    """Whether the model can read the work at all: a single bar the tokenizer refuses (an odd
    meter, a bar cut short by a meter change) makes every cell of the work fail to regenerate."""
    try:
        encode_song(song)
    except TokenizerError:
        return False
    return True


def held_out_cells(songs: Sequence[Song], count: int) -> list[Case]:
    """`count` seeded cells, alternating one-line tunes and multi-track works so both are
    measured (most test works are single fiddle tunes)."""
    rng = np.random.default_rng(CASE_SEED)
    pools = [[s for s in songs if len(s.tracks) == 1], [s for s in songs if len(s.tracks) > 1]]
    pools = [pool for pool in pools if pool]
    cases: list[Case] = []
    for _ in range(count * 1000):
        if len(cases) == count:
            break
        pool = pools[len(cases) % len(pools)]
        song = pool[int(rng.integers(len(pool)))]
        cell = (int(rng.integers(len(song.tracks))), int(rng.integers(song.bar_count)))
        if usable(song, cell) and (song, cell) not in cases:
            cases.append((song, cell))
    return cases


# --- what each control asks, chosen away from the cell as it is ------------------------------


def count_in_other_bin(count: int) -> int:
    """A note (or onset) count two density bins away: up for sparse cells, down for busy ones."""
    current = density_bin(count)
    target = current + 2 if current <= 6 else current - 2
    return DENSITY_EDGES[target - 1]  # the smallest count of that bin


def ask_pitch_range(song: Song, cell: Cell, notes: Notes) -> Controls:
    """An octave just below the cell's lowest note (above its highest, for a low part): none of
    the pitches the cell has now is allowed."""
    pitches = [n.pitch for n in notes]
    low, high = min(pitches), max(pitches)
    downward = statistics.mean(pitches) >= 60 and low - 13 >= 21
    if downward or high + 13 > 127:
        return Controls(pitch_range=(low - 13, low - 1))
    return Controls(pitch_range=(high + 1, high + 13))


def ask_scale(song: Song, cell: Cell, notes: Notes) -> Controls:
    """The key's scale a semitone up (C major -> Db major shares only C and F with it)."""
    key = song_key(song, cell)
    tonic = key_tonic(key) + 1
    return Controls(scale=frozenset((tonic + step) % 12 for step in SCALES[key.mode]))


def ask_limit(song: Song, cell: Cell, notes: Notes) -> Controls:
    """One note at a time while asking for two density bins more: pressure to stack notes."""
    return Controls(polyphony=1, density=count_in_other_bin(len(notes)))


def ask_density(song: Song, cell: Cell, notes: Notes) -> Controls:
    return Controls(density=count_in_other_bin(len(notes)))


def ask_rhythm(song: Song, cell: Cell, notes: Notes) -> Controls:
    return Controls(rhythm=count_in_other_bin(onsets(notes)))


def ask_velocity(song: Song, cell: Cell, notes: Notes) -> Controls:
    """Soft for a loud cell, loud for a soft one."""
    loud = statistics.mean(n.velocity for n in notes) >= 64
    return Controls(velocity_range=(16, 40) if loud else (88, 120))


def ask_chord(song: Song, cell: Cell, notes: Notes) -> Controls:
    """The diatonic triad (I ii IV V vi, or i III iv V VI) that fits the cell's notes least."""
    key = song_key(song, cell)
    major = ((0, ""), (2, "m"), (5, ""), (7, ""), (9, "m"))
    degrees = major if key.mode == "major" else ((0, "m"), (3, ""), (5, "m"), (7, ""), (8, ""))
    tonic = key_tonic(key)
    chords = [parse_chord(NOTE_NAMES[(tonic + step) % 12] + kind) for step, kind in degrees]
    return Controls(chords=(min(chords, key=lambda chord: chord_share(notes, chord)),))


def ask_polyphony(song: Song, cell: Cell, notes: Notes) -> Controls:
    """One more note at once than the bar sounds (one fewer at the token's maximum)."""
    now = sounding_at_once(heard_in_bar(song, cell))
    return Controls(polyphony=now + 1 if now < MAX_POLYPHONY else now - 1)


# --- judging a written cell -------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    obeyed: bool
    near: bool | None = None
    """Within one bin (or one note) of the asked value; None where that means nothing."""


def all_within(values: Iterable[int], span: tuple[int, int] | None) -> Verdict:
    low, high = span or (0, 127)
    return Verdict(all(low <= value <= high for value in values))


def close(measured: int, asked: int | None) -> Verdict:
    """Equal to the asked count, and within one of it."""
    return Verdict(measured == asked, abs(measured - (asked or 0)) <= 1)


def same_bin(measured: int, asked: int | None) -> Verdict:
    """In the asked count's density bin, and within one bin of it."""
    got, want = density_bin(measured), density_bin(asked or 0)
    return Verdict(got == want, abs(got - want) <= 1)


def pitch_ok(notes: Notes, c: Controls) -> Verdict:
    return all_within((n.pitch for n in notes), c.pitch_range)


def velocity_ok(notes: Notes, c: Controls) -> Verdict:
    return all_within((n.velocity for n in notes), c.velocity_range)


def scale_ok(notes: Notes, c: Controls) -> Verdict:
    return Verdict(all(n.pitch % 12 in (c.scale or ()) for n in notes))


def limit_ok(notes: Notes, c: Controls) -> Verdict:
    return Verdict(sounding_at_once(notes) <= (c.polyphony or 0))


def density_ok(notes: Notes, c: Controls) -> Verdict:
    return same_bin(len(notes), c.density)


def rhythm_ok(notes: Notes, c: Controls) -> Verdict:
    return same_bin(onsets(notes), c.rhythm)


def chord_ok(notes: Notes, c: Controls) -> Verdict:
    return Verdict(chord_share(notes, c.chords[0]) >= CHORD_TONE_SHARE)


def sounding_ok(notes: Notes, c: Controls) -> Verdict:
    return close(sounding_at_once(notes), c.polyphony)


def per_onset_ok(notes: Notes, c: Controls) -> Verdict:
    return close(per_onset(notes), c.polyphony)


# --- the controls table -----------------------------------------------------------------------

Ask = Callable[[Song, Cell, Notes], Controls]
Judge = Callable[[Notes, Controls], Verdict]


@dataclass(frozen=True)
class Row:
    label: str
    hard: bool
    judge: Judge
    heard: bool = False
    """Judged on what sounds in the bar (`heard_in_bar`) rather than the cell's own notes."""


@dataclass(frozen=True)
class ControlTest:
    """One kind of request, and the rows judged on the cells it writes."""

    asked: str
    ask: Ask
    rows: tuple[Row, ...]


CONTROL_TESTS = (
    ControlTest(
        "an octave beside the cell", ask_pitch_range, (Row("pitch_range", True, pitch_ok),)
    ),
    ControlTest("key a semitone up", ask_scale, (Row("scale", True, scale_ok),)),
    ControlTest(
        "limit 1, density +2 bins", ask_limit, (Row("polyphony limit", True, limit_ok, True),)
    ),
    ControlTest("16-40 or 88-120", ask_velocity, (Row("velocity_range", True, velocity_ok),)),
    ControlTest("2 bins away", ask_density, (Row("density", False, density_ok),)),
    ControlTest("2 bins away", ask_rhythm, (Row("rhythm (onsets)", False, rhythm_ok),)),
    ControlTest("least-fitting triad", ask_chord, (Row("chords (>=80% tones)", False, chord_ok),)),
    ControlTest(
        "1 more than now",
        ask_polyphony,
        (
            Row("polyphony limit (= asked)", True, limit_ok, True),
            Row("polyphony (sounding at once)", False, sounding_ok, True),
            Row("polyphony (notes per onset)", False, per_onset_ok),
        ),
    ),
)


@dataclass
class Tally:
    cells: int = 0
    empty: int = 0
    before: int = 0
    free: int = 0
    obeyed: int = 0
    near: int = 0
    has_near: bool = False

    def add(self, verdicts: Sequence[Verdict], empty: bool) -> None:
        """Count one cell: its verdicts before, regenerated freely, and with the control."""
        before, free, written = verdicts
        self.cells += 1
        self.empty += empty
        self.before += before.obeyed
        self.free += free.obeyed
        self.obeyed += written.obeyed
        self.near += bool(written.near)
        self.has_near = written.near is not None


@dataclass
class TestResult:
    tallies: dict[str, Tally] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


Views = tuple[Notes, Notes]
"""A cell's own notes, and what sounds in its bar (`heard_in_bar`)."""


def views(song: Song, cell: Cell) -> Views:
    return song.notes_in_bar(*cell), heard_in_bar(song, cell)


def run_control_test(
    model: MidiModel, cases: Sequence[Case], free: Sequence[Views], test: ControlTest
) -> TestResult:
    """Regenerate each cell with the test's control (seed = the cell's index) and judge it,
    next to the original cell and the same cell regenerated with no control."""
    result = TestResult({row.label: Tally() for row in test.rows})
    for seed, ((song, cell), unasked) in enumerate(zip(cases, free, strict=True)):
        original = views(song, cell)
        controls = test.ask(song, cell, original[0])
        try:
            written = views(apply(model, song, Regenerate((cell,), controls), seed), cell)
        except TesseraError as err:
            result.errors.append(f"{test.rows[0].label}: {err}")
            continue
        for row in test.rows:
            verdicts = [
                row.judge(v[1] if row.heard else v[0], controls)
                for v in (original, unasked, written)
            ]
            result.tallies[row.label].add(verdicts, empty=not written[0])
    return result


def regenerated_freely(model: MidiModel, cases: Sequence[Case], errors: list[str]) -> list[Views]:
    """Each cell regenerated with no control (the baseline); an error leaves it empty."""
    free: list[Views] = []
    for seed, (song, cell) in enumerate(cases):
        try:
            free.append(views(apply(model, song, Regenerate((cell,)), seed), cell))
        except TesseraError as err:
            errors.append(f"no control: {err}")
            free.append(((), ()))
    return free


def controls_table(model: MidiModel, cases: Sequence[Case]) -> tuple[str, list[str]]:
    """The markdown table of every control and whether every hard one held in every cell, and
    any error the operations raised (a cell that failed is left out of its row's n)."""
    header = ["control", "kind", "asked", "n", "empty", "before", "no control", "obeyed", "±1 bin"]
    rows: list[list[str]] = []
    errors: list[str] = []
    broken: list[str] = []
    free = regenerated_freely(model, cases, errors)
    for test in CONTROL_TESTS:
        result = run_control_test(model, cases, free, test)
        errors += result.errors
        for row in test.rows:
            t = result.tallies[row.label]
            near = share(t.near, t.cells) if t.has_near else "-"
            counts = (t.empty, t.before, t.free, t.obeyed)
            kind = "hard" if row.hard else "soft"
            rows.append([row.label, kind, test.asked, str(t.cells)])
            rows[-1] += [*(share(count, t.cells) for count in counts), near]
            broken += [row.label] if row.hard and t.obeyed < t.cells else []
    held = f"NO ({', '.join(broken)})" if broken else "yes"
    return f"{markdown(header, rows)}\nhard controls held in every cell: {held}", errors


# --- running ------------------------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="8 cells, 1 repeat: a smoke run")
    parser.add_argument("--cells", type=int, help="held-out cells per control (default 48)")
    parser.add_argument("--nudge-cells", type=int, help="cells per nudge direction (default 32)")
    parser.add_argument("--repeats", type=int, help="seeds per timed operation (default 5)")
    parser.add_argument("--threads", type=int, help="onnxruntime threads (default: the engine's)")
    return parser.parse_args()


def describe(model: MidiModel) -> str:
    """Which model ran, on how many threads, and how busy the machine was: the context the
    times need (other jobs share the CPU, so times are noisy; the shares are seeded)."""
    card, options = model.card, model.session.get_session_options()
    steps = card.raw.get("training", {}).get("steps", "?")
    return (
        f"model: {card.raw['parameters']:,} parameters, {steps} training steps, "
        f"onnx {card.onnx_sha256[:12]}, providers {model.providers}\n"
        f"threads: onnxruntime {options.intra_op_num_threads} of {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.1f} at start (times are noisy, shares are not)"
    )


def main() -> None:
    args = arguments()
    cells = args.cells or (8 if args.quick else 48)
    nudge_cells = args.nudge_cells or (8 if args.quick else 32)
    repeats = args.repeats or (1 if args.quick else 5)
    started = time.perf_counter()
    print(f"how to run: {RUN}")
    model = MidiModel(threads=args.threads)
    print(describe(model))
    split = load_split("test")
    songs = [song for song in split if tokenizable(song)]
    print(f"held-out works: {len(songs)} of the {len(split)} in the test split ", end="")
    print(f"({len(split) - len(songs)} refused by the tokenizer, so not regenerable at all)")
    cases = held_out_cells(songs, max(cells, nudge_cells))
    multi = sum(len(song.tracks) > 1 for song, _ in cases[:cells])
    print(f"\n## Controls obeyed: {cells} single held-out cells ", end="")
    print(f"({multi} in multi-track works) regenerated with one control each\n")
    table, errors = controls_table(model, cases[:cells])
    print(table)
    print("before = the original cell already obeyed; no control = regenerated without it.")
    for message in sorted(set(errors)):
        print(f"error: {message}")
    print(f"\n## Nudge: {nudge_cells} held-out cells per direction, one seed per cell\n")
    print(nudge_table(model, cases[:nudge_cells]))
    song, source = latency_song(songs, model)
    print(f"\n## Latency on {source}, {len(song.tracks)} tracks, {repeats} seeds\n")
    print(latency_table(model, song, repeats))
    print(f"\ntotal time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
