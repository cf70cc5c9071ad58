"""Write notes into (track, bar) cells with the symbolic model, under hard constraints.

The prompt is the song with the cells replaced by placeholders (see `engine.compose.tokens`); the
model then writes one fill per cell, in placeholder order, each sampled token checked by the fill
grammar and the cell's hard constraints. Seeded: the same song, cells, settings and seed give
the same notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from engine.compose import leans, variety
from engine.compose.control_tokens import BarControls
from engine.compose.fill_context import SongSoFar, outside_notes, voice_window
from engine.compose.fill_limits import HardConstraints, SoftTargets
from engine.compose.legato import bass_gap, bowed_gap, held_to_next_onset, plays_legato
from engine.compose.midi_model import Cache, MidiModel
from engine.compose.part_writing import (
    band_leading,
    band_parts,
    ensemble_leading,
    is_sung,
    line_leading,
    with_pulse,
)
from engine.compose.plan import sparse_accents
from engine.compose.register import BOWED_PROGRAMS, REGISTER_ROOM, RegisterRoom
from engine.compose.sampling import FillGrammar
from engine.compose.token_draw import among_pitches, sample
from engine.compose.tokens import bar_steps, bar_token, decode_fill, encode_song, unencodable_bars
from engine.compose.variety import recent_tops
from engine.compose.vocab import Kind, TokenizerError
from engine.song.edits import select
from engine.song.song import Cell, KeySignatureChange, Note, Song
from engine.song.theory import chord_root, key_tonic
from engine.words import QT_TRANSLATE_NOOP


class ContextFullError(TokenizerError):
    """The cells asked for, with the bars they span, do not fit the model's context."""


MAX_FILL_TOKENS = 400
NOTE_TOKENS = 4
"""The most tokens one note takes: Pos, Pitch, Dur, Vel."""
FILL_ROOM_TOKENS = 96
"""Context kept free per cell for the model to write it (a busy bar takes ~60 tokens)."""


@dataclass(frozen=True)
class SamplingSettings:
    temperature: float = 1.0
    top_p: float = 0.95
    seed: int = 0
    constraints: Mapping[Cell, HardConstraints] = field(default_factory=dict)
    controls: Mapping[Cell, BarControls] = field(default_factory=dict)
    chords: Mapping[Cell, frozenset[int]] = field(default_factory=dict)
    """Pitch classes to favour per cell: a soft pull (a logit bonus), not a mask."""
    planned_chords: frozenset[Cell] = frozenset()
    """The cells whose chord is the style's plan, not the composer's (`PLANNED_CHORD_BONUS`)."""
    targets: Mapping[Cell, SoftTargets] = field(default_factory=dict)
    """Note and onset counts to steer each cell toward (see `SoftTargets`)."""
    beat_chords: Mapping[Cell, frozenset[int]] = field(default_factory=dict)
    """A planned chord per cell, pulled for on the beats (`FillGrammar.beat_chord`)."""
    register_centres: Mapping[Cell, float] = field(default_factory=dict)
    """A pitch each cell's notes are pulled to stay near (`REGISTER_SLOPE`)..."""
    register_rooms: Mapping[Cell, RegisterRoom] = field(default_factory=dict)
    """...and how far they roam from it freely (`engine.compose.register`; `REGISTER_ROOM`
    where a cell has none)."""
    key_tones: Mapping[Cell, frozenset[int]] = field(default_factory=dict)
    """The key's scale per cell: a gentler pull than a chord's (`KEY_TONE_BONUS`), not a mask."""
    echo_tones: Mapping[Cell, frozenset[int]] = field(default_factory=dict)
    """The pitch classes of the bar a cell echoes, each raised until played
    (`FillGrammar.echo_tones`)."""
    echo_onsets: Mapping[Cell, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    """The onset steps of the bars around a cell, raised for its next onset
    (`FillGrammar.echo_onsets`)."""
    rhythms: Mapping[Cell, frozenset[int]] = field(default_factory=dict)
    """The steps where a new song's band bass starts its notes (`FillGrammar.rhythm`)."""
    anchors: Mapping[Cell, Sequence[tuple[int, frozenset[int]]]] = field(default_factory=dict)
    """A drum cell's beat: hits it keeps (see `FillGrammar.anchors`)."""
    voice_pairs: frozenset[tuple[int, int]] = frozenset()
    """(upper, lower) tracks that are adjacent voices of one ensemble: while a cell of either is
    written, its notes stay on their side of the other's (see `FillGrammar.voice_window`)."""


CHORD_TONE_BONUS = 3.5
"""Log-odds added to the tones of a chord the composer names for a cell (`Controls.chords`):
e^3.5 makes a chord tone about 33 times likelier against a passing note. Asked for the
diatonic triad that fits a held-out bar least (`python -m benchmarks.compose_controls`), 33 of
48 regenerated cells put at least 80% of their notes on its tones at 2.5 (`PLANNED_CHORD_BONUS`),
45 at 3.5, 46 at 4.0."""

PLANNED_CHORD_BONUS = 2.5
"""The same for a chord the style plans (`engine.compose.plan`), which a band's parts play
around with passing tones: pulled as hard as a named chord, band songs stepped 1-5 points less
often in 13 of 16 styles (10 songs each), and were heard in their key as often."""

KEY_TONE_BONUS = 1.5
"""Log-odds added to the key's scale tones when the song has a key and the composer set no
scale: a safety net for a model whose key labels did not follow its transposed training notes.
e^1.5 makes each scale tone about 4.5 times likelier against a chromatic one. Measured on new
songs (10 per preset), in-key notes went from 57% to 97% for chorales, 68% to 91% for fiddle
tunes (the corpus: 92% and 99%); 1.0 left fiddle tunes at 84%, and 2.0 (99% everywhere, quartets
included, whose corpus share is 81%) all but forbids the chromatic notes a composer may want.
Smaller than the chord bonus, which says more about one bar than a key does."""

TONIC_BONUS = 1.0
"""Log-odds added to the key's tonic, on top of `KEY_TONE_BONUS`, in the outer voices (the
melody and the bass): the tone a tune in a key keeps coming back to. Without it new songs were
heard in the declared key (Krumhansl-Kessler, relative keys as one) in only 30-50% of reels,
quartets, piano pieces and jazz songs; with it 80-100% (10 songs each). The whole tonic triad
instead got reels to 90% but cut their steps from 59% to 51% of moves (arpeggios), and pulling
the inner voices as well doubled the melody's tonic in parallel octaves. Where the bar has a
planned chord, `tonic_bonus` gives the chord's say instead."""

MINOR_THIRD_BONUS = 1.0
"""Log-odds added to a minor key's third wherever its tonic is pulled (`_tonic_pull`), but not
in the bass, which names its chord's root, nor over a chord without the tonic, where the third
would clash with the dominant's raised seventh: it is the tone that tells D minor from the D
dorian, G major and C major that its seventh chords share tones with. New latin songs (D minor,
i7-iv7-V7-i and i7-VI-ii-V) spent much of their time on D, G and C and little on F: heard in
their key in 15 of 20 songs (`--songs 20 --seed 40`, the melody's tonic pull then taken back
once after a tonic: `engine.compose.leans.TONIC_RELEASE` 1.0), the rest as G or C major; with
this, 19 of 20 (7 of 10 both ways at seed 0; 8 of 10 with the release at 2.0). Pulled in the
bass as well, 19 of 20 and 8 of 10, but a bass on the third is an inverted chord where a
bassist names the root."""


TONIC_IN_CHORD_BONUS = 1.0
"""The tonic pull of an outer voice in a bar whose planned chord holds the tonic (I, IV, ii7,
vi in a major key); in a bar whose chord lacks it (V, iii) there is none. Jazz spends most of
its bars on ii-V, whose shared tones (the fifth and the ninth of the key) made 4 of 10 new jazz
songs sound in the key a fifth above or below. With every phrase reaching I
(`presets/styles.toml`) and this pull, 8 of 10 are in their key (seeds 0-9; the phrases alone,
8 of 10 and 17 of seeds 10-29). At 1.5, 19 of 20, but the lead and the bass doubled the tonic:
new ballads had 6.0 parallel fifths and octaves per 100 joint moves (1.7 before, 2.3 at 1.0)."""


REGISTER_SLOPE = 0.5
"""Log-odds taken per semitone beyond the semitones free of any pull either side of a cell's
register centre (`engine.compose.register`: 5 for most parts, an octave from
the centre then costs 3.5 nats, about 30 times less likely)."""


def fill_cells(
    model: MidiModel, song: Song, cells: Sequence[Cell], settings: SamplingSettings
) -> dict[Cell, list[Note]]:
    """New notes for each cell (in song ticks), conditioned on everything around the cells.

    When the whole song does not fit the model's context, the bars farthest from the cells are
    left out of the prompt, keeping the context as balanced before and after as it can.
    """
    ordered = sorted(set(cells))
    window, first_bar, prompt = _prompt_that_fits(model, song, ordered, settings)
    rng = np.random.default_rng(settings.seed)
    # The model keeps the cache of the last prompt: a prompt that begins as it did (another
    # take of the same cells, the next batch of an operation) runs only from where it differs.
    logits, cache = model.prefill(prompt, reuse=True)
    result: dict[Cell, list[Note]] = {}
    so_far = SongSoFar(song, ordered, result)
    for number, (track_index, bar) in enumerate(ordered):
        if number and model.card.block_size - cache.length < FILL_ROOM_TOKENS // 2:
            raise ContextFullError(
                QT_TRANSLATE_NOOP(
                    "Decode",
                    "the context is full after {number} of {ordered_count} cells: "
                    "regenerate fewer cells at once",
                ).format(number=number, ordered_count=len(ordered))
            )
        grammar = _grammar(model, so_far, (track_index, bar), settings, (window, bar - first_bar))
        logits, cache = _write_fill(
            model,
            grammar,
            logits=logits,
            cache=cache,
            rng=rng,
            settings=settings,
            bias=_pitch_bias(model, song, (track_index, bar), settings),
        )
        notes = decode_fill(grammar.tokens, song.bar_start_ticks[bar])
        one_line = grammar.constraints.max_polyphony == 1
        ensemble = _ensemble(settings)
        gap = bowed_gap(song, track_index, ensemble) or bass_gap(grammar.rhythm, grammar.bar_steps)
        if gap is not None or plays_legato(song, track_index, ensemble, one_line):
            notes = held_to_next_onset(
                notes,
                *song.bar_span(bar),
                grammar.voice_window,
                so_far.held((track_index, bar)),
                longest_gap=gap,
                rhythm=grammar.rhythm,
            )
        result[(track_index, bar)] = notes
    return result


def _chord_notes(chord: frozenset[int], constraints: HardConstraints) -> int:
    """How many notes a chord part's onsets lean to over `chord`: its tones, at most four and
    never more than a polyphony limit allows (`FillGrammar.chord_notes`)."""
    most = min(len(chord), MAX_CHORD_NOTES)
    limit = constraints.max_polyphony
    return most if limit is None else min(most, limit)


MAX_CHORD_NOTES = 4
"""A comping voicing's notes: a triad, or a seventh chord without doubling (the band training
songs' chord parts play three or four)."""


def _ensemble(settings: SamplingSettings) -> set[int]:
    """The tracks of the song's ensemble: every voice of its voice pairs."""
    return {track for pair in settings.voice_pairs for track in pair}


def _grammar(
    model: MidiModel,
    so_far: SongSoFar,
    cell: Cell,
    settings: SamplingSettings,
    local: tuple[Song, int],
) -> FillGrammar:
    """The grammar for one cell (`local`: the bar in the prompt's window), with the song around
    it as it stands now: the track's notes ringing into (or starting just after) the bar when a
    polyphony limit counts them, and the neighbouring voices' notes for an ordered voice."""
    song, (track_index, bar) = so_far.song, cell
    constraints = settings.constraints.get(cell, HardConstraints())
    is_drum = song.tracks[track_index].is_drum
    outside: list[tuple[int, int]] = []
    if constraints.max_polyphony is not None:
        outside = outside_notes(so_far.notes(track_index), song, bar, so_far.held(cell))
    between = None
    if not is_drum:
        above = [upper for upper, lower in settings.voice_pairs if lower == track_index]
        below = [lower for upper, lower in settings.voice_pairs if upper == track_index]
        between = voice_window(
            so_far.notes(above[0]) if above else None,
            so_far.notes(below[0]) if below else None,
            song,
            bar,
        )
    # Voices of an ensemble lead against each other; a single line (a sung or played melody)
    # is pulled toward steps from its own previous note.
    ensemble = _ensemble(settings)
    band = band_parts(song, ensemble)
    leading = None
    if track_index in ensemble:
        leading = ensemble_leading(so_far, cell, ensemble)
    elif track_index in band:
        leading = band_leading(so_far, cell, band, constraints)
        if leans.walks(settings.rhythms.get(cell)):
            leading = leans.walking(leading)
    elif constraints.max_polyphony == 1 and not is_drum:
        leading = line_leading(so_far, cell)
    played_top = _is_played_top(song, track_index, ensemble)
    lone_lead = _is_lone_lead(song, cell, ensemble)
    chord = settings.chords.get(cell)
    if leading is not None and chord is not None and cell not in settings.planned_chords:
        # A chord the composer names says what the harmony is: the voice leans to its tones
        # (`CHORD_TONE_BONUS`), not to completing whatever the other voices sound.
        leading = dataclasses.replace(leading, harmony_bonus=0.0)
    comping = track_index in band and track_index != band[-1] and constraints.max_polyphony != 1
    chord_notes = _chord_notes(chord, constraints) if comping and chord else None
    targets = with_pulse(song, cell, constraints, settings.targets.get(cell, SoftTargets()))
    if chord_notes is not None and targets.read and targets.onsets is not None:
        # A chord part's count read from the bars around it is its onsets; how many notes each
        # holds is its chord's. Held to the notes of the chords around it as well, a bar the
        # model wanted sparse left its first beats empty and stacked notes on every step of
        # its last beat to catch up. A count the composer asks for is kept as asked.
        targets = dataclasses.replace(targets, notes=None)
    return FillGrammar(
        model.vocab,
        bar_token(*local),
        bar_steps(*local),
        is_drum=is_drum,
        constraints=constraints,
        targets=targets,
        max_tokens=MAX_FILL_TOKENS,
        outside_notes=outside,
        voice_window=between,
        anchors=settings.anchors.get(cell, ()),
        chord_notes=chord_notes,
        voice_leading=leading,
        beat_chord=None if is_drum else settings.beat_chords.get(cell),
        bass_root=_bass_root(song, cell, settings),
        root_from_above=leading is not None and _voice_place(song, track_index) == "bass",
        echo_tones=None if is_drum else settings.echo_tones.get(cell),
        echo_onsets=settings.echo_onsets.get(cell),
        rhythm=settings.rhythms.get(cell),
        tonic_pull=_tonic_pull(song, cell, settings) if lone_lead else None,
        line_before=(
            recent_tops(so_far.notes(track_index), song.bar_span(bar)[0])
            if _varies_its_pitches(song, track_index, ensemble) and cell not in settings.echo_tones
            else None
        ),
        line_share=variety.PLAYED_TOP_SHARE if played_top else variety.OVERUSE_SHARE,
        line_on_strong_beats=played_top,
    )


def _is_lone_lead(song: Song, cell: Cell, ensemble: Collection[int]) -> bool:
    """Whether the cell's part is the song's melody and not the top voice of an ensemble: a
    tune or a band's lead, whose tonic pull is released for a note right after the tonic
    (`FillGrammar.tonic_pull`). An ensemble's top voice keeps its pull at every note: a
    chorale's soprano already repeats its notes less often than Bach's (7% of its onsets against
    19%; released, 4%), and released quartets were heard in their key in 28 of 30 songs, not 30."""
    return _voice_place(song, cell[0]) == "lead" and cell[0] not in ensemble


def _is_played_top(song: Song, track: int, ensemble: Collection[int]) -> bool:
    """Whether a part is the top voice of a bowed ensemble (a quartet's first violin), whose line
    is pulled harder against overusing a pitch (`variety.PLAYED_TOP_SHARE`). A piano's right
    hand is left as a tune's: pulled so, it sat on its commonest pitch less (31% -> 25% of its
    onsets, 30 songs) but moved in parallel fifths and octaves with the left hand twice as often
    (1.2 -> 2.4 per 100 joint moves)."""
    if track not in ensemble or _voice_place(song, track) != "lead":
        return False
    return all(song.tracks[part].program in BOWED_PROGRAMS for part in ensemble)


def _varies_its_pitches(song: Song, track: int, ensemble: Collection[int]) -> bool:
    """Whether a part is pulled against overusing a pitch (`engine.compose.variety`): the
    melody, unless it is a choir's soprano. A chorale's soprano sang its commonest pitch at
    35-41% of its onsets (Bach 30%); pulled, 28-33%, but 3 of 30 more chorales were heard
    outside their key in two draws of three (`--presets chorale --seed 30`, `--seed 60`): a
    hymn tune tells its key by coming back to the tonic at every cadence. Tried again once the
    choir closed on its tonic chord (`engine.compose.final_chord`) and its soprano reached up
    to C6 (39-43% unpulled): 33-36%, but the soprano then sounded its last pitch again at only
    10-11% of its onsets (Bach 19%, the Markov chain 14-16%, nearer) and seed 60 fell to 24
    of 30 in key (26). What held it there was turning about the tonic (C D C B C): held off
    its last pitch but one (`voice_leading.SUNG_RETURN_BONUS`), it sings its commonest pitch
    at 31-32% of its onsets (seeds 0 and 30) and repeats 15%, unpulled."""
    if song.tracks[track].is_drum or _voice_place(song, track) != "lead":
        return False
    return track not in ensemble or not is_sung(song, ensemble)


def _bass_root(song: Song, cell: Cell, settings: SamplingSettings) -> int | None:
    """The root of the bar's asked chord where the cell is the song's bass (the lowest of
    several pitched parts), else None (`FillGrammar.bass_root`)."""
    chord = settings.chords.get(cell)
    if chord is None or _voice_place(song, cell[0]) != "bass":
        return None
    return chord_root(chord)


def _prompt_that_fits(
    model: MidiModel, song: Song, cells: list[Cell], settings: SamplingSettings
) -> tuple[Song, int, list[int]]:
    """(window, its first bar, prompt token ids) with room left for the fills.

    The whole song is encoded once; if it is too long, each bar's share of the tokens is read
    from that encoding and the window grows from the cells outwards, a bar before and a bar
    after in turn, while it fits. A window's encoding is never longer than its share of the
    whole (its track ranges can only narrow), so the second encoding is the last.
    """
    if problems := unencodable_bars(song):
        return _prompt_between_problems(model, song, cells, settings, problems)
    room = model.card.block_size - FILL_ROOM_TOKENS * len(cells)
    prompt = model.vocab.encode(encode_song(song, cells, settings.controls, include_fills=False))
    if len(prompt) <= room:
        return song, 0, prompt
    costs = _tokens_per_bar(model, prompt, song.bar_count)
    fixed = len(prompt) - sum(costs)
    low, high = min(bar for _, bar in cells), max(bar for _, bar in cells)
    total = fixed + sum(costs[low : high + 1])
    if total > room:
        raise ContextFullError(
            QT_TRANSLATE_NOOP(
                "Decode",
                "the cells need {total} tokens of context but the model sees "
                "{block_size}: regenerate fewer tracks or bars at once",
            ).format(total=total, block_size=model.card.block_size)
        )
    growing = True
    while growing:
        growing = False
        for before in (True, False):
            bar = low - 1 if before else high + 1
            if 0 <= bar < song.bar_count and total + costs[bar] <= room:
                total += costs[bar]
                low, high = (bar, high) if before else (low, bar)
                growing = True
    window = select(song, None, (low, high))
    local = [(track, bar - low) for track, bar in cells]
    controls = {(t, b - low): c for (t, b), c in settings.controls.items() if low <= b <= high}
    prompt = model.vocab.encode(encode_song(window, local, controls, include_fills=False))
    return window, low, prompt


def _prompt_between_problems(
    model: MidiModel,
    song: Song,
    cells: list[Cell],
    settings: SamplingSettings,
    problems: dict[int, str],
) -> tuple[Song, int, list[int]]:
    """The prompt from the bars around the cells up to the nearest bars the grid cannot hold
    (an odd pickup or a cut-short bar), so one such bar does not block the whole song."""
    low, high = min(bar for _, bar in cells), max(bar for _, bar in cells)
    inside = [bar for bar in problems if low <= bar <= high]
    if inside:
        raise TokenizerError(
            QT_TRANSLATE_NOOP("Decode", "{problems}; leave bar {inside} out of the cells").format(
                problems=problems[inside[0]], inside=inside[0] + 1
            )
        )
    first = max([bar for bar in problems if bar < low], default=-1) + 1
    last = min([bar for bar in problems if bar > high], default=song.bar_count) - 1
    view = select(song, None, (first, last))
    shifted = dataclasses.replace(
        settings,
        controls={
            (t, b - first): c for (t, b), c in settings.controls.items() if first <= b <= last
        },
    )
    local = [(track, bar - first) for track, bar in cells]
    window, offset, prompt = _prompt_that_fits(model, view, local, shifted)
    return window, offset + first, prompt


def _tokens_per_bar(model: MidiModel, ids: list[int], bar_count: int) -> list[int]:
    """How many tokens each bar takes, over all tracks, from `Bar_x` to `Bar_End`."""
    kinds = model.vocab.kinds
    program, bar_start, bar_end = Kind.PROGRAM, Kind.BAR, Kind.BAR_END  # locals: ~1,000 tokens
    costs = [0] * bar_count
    bar = -1
    inside = False
    for token_id in ids:
        kind = kinds[token_id]
        if kind == program:
            bar = -1
        elif kind == bar_start:
            bar += 1
            inside = True
        if inside:
            costs[bar] += 1
        if kind == bar_end:
            inside = False
    return costs


def _pitch_bias(
    model: MidiModel, song: Song, cell: Cell, settings: SamplingSettings
) -> np.ndarray | None:
    """A logit bias raising the Pitch tokens of the cell's chord and of its key's scale, and
    lowering those far from its register centre, built once per cell. A drum cell's pitches
    are instruments: its only bias is against toms and crashes where the style keeps its
    accents sparse (`_kit_bias`)."""
    if song.tracks[cell[0]].is_drum:
        return _kit_bias(model, song)
    chord, key = settings.chords.get(cell), settings.key_tones.get(cell)
    centre = settings.register_centres.get(cell)
    if chord is None and key is None and centre is None:
        return None
    signature = song.key_at(song.bar_span(cell[1])[0])
    harmony = chord if chord is not None else settings.beat_chords.get(cell)
    if key is not None and signature is not None:
        key = harmonic_minor_over(key, harmony, signature)
    pitches = np.arange(128)
    per_pitch = np.zeros(128, dtype=np.float32)
    if chord is not None and key is not None and _voice_place(song, cell[0]) == "bass":
        chord = (chord & key) or chord  # a blues chord's flat seventh is not the bass's
    chord_bonus = PLANNED_CHORD_BONUS if cell in settings.planned_chords else CHORD_TONE_BONUS
    for tones, bonus in ((chord, chord_bonus), (key, KEY_TONE_BONUS)):
        if tones is not None:
            per_pitch += bonus * np.isin(pitches % 12, sorted(tones))
    if (pull := _tonic_pull(song, cell, settings)) is not None:
        tonic, bonus = pull
        per_pitch[pitches % 12 == tonic] += bonus
        bass = _voice_place(song, cell[0]) == "bass"
        if bonus and not bass and signature is not None and signature.mode == "minor":
            per_pitch[pitches % 12 == (tonic + 3) % 12] += MINOR_THIRD_BONUS
    if centre is not None:
        free = settings.register_rooms.get(cell, REGISTER_ROOM).free_semitones
        per_pitch -= REGISTER_SLOPE * np.maximum(0.0, np.abs(pitches - centre) - free)
    bias = np.zeros(len(model.vocab), dtype=np.float32)
    bias[model.vocab.pitch_ids] = per_pitch
    return bias


def _kit_bias(model: MidiModel, song: Song) -> np.ndarray | None:
    """For a drum cell of a style whose accents are sparse, `leans.KIT_COLOUR_PENALTY` off the
    toms and crashes; None for drums played freely."""
    if not sparse_accents(song.style):
        return None
    return leans.kit_colour(len(model.vocab), model.vocab.pitch_ids)


def harmonic_minor_over(
    key_tones: frozenset[int], harmony: frozenset[int] | None, signature: KeySignatureChange
) -> frozenset[int]:
    """The key tones a bar leans to: a minor key's scale with its seventh raised where the
    bar's chord holds the leading tone (V, harmonic minor's), else the key's scale.

    Why: over V the natural minor's seventh (C in D minor) is a wrong note against the chord's
    C#, yet it took the key pull while the C# took only the chord's, so the comping left the
    C# out of every A7 bar and new latin songs, their C natural everywhere, were heard in C
    or G major (4 of 20). The raised seventh over V is what tells the ear the key is minor."""
    if signature.mode != "minor" or harmony is None:
        return key_tones
    tonic = key_tonic(signature)
    leading, subtonic = (tonic + 11) % 12, (tonic + 10) % 12
    if leading not in harmony:
        return key_tones
    return (key_tones - {subtonic}) | {leading}


def _tonic_pull(song: Song, cell: Cell, settings: SamplingSettings) -> tuple[int, float] | None:
    """(the key's tonic pitch class, its pull `tonic_bonus`) for a part that leans to the
    tonic (`_leans_to_tonic`) in a cell with a key's scale; None for any other."""
    if settings.key_tones.get(cell) is None or not _leans_to_tonic(song, cell[0]):
        return None
    signature = song.key_at(song.bar_span(cell[1])[0])
    if signature is None:
        return None
    harmony = settings.chords.get(cell)
    if harmony is None:
        harmony = settings.beat_chords.get(cell)
    tonic = key_tonic(signature)
    return tonic, tonic_bonus(tonic, harmony)


def tonic_bonus(tonic: int, harmony: frozenset[int] | None) -> float:
    """The pull to the key's tonic in an outer voice: `TONIC_BONUS` in a bar without a
    planned chord, `TONIC_IN_CHORD_BONUS` where the bar's chord holds the tonic, none where
    it does not (over the dominant the tonic is the note a player steps around)."""
    if harmony is None:
        return TONIC_BONUS
    return TONIC_IN_CHORD_BONUS if tonic in harmony else 0.0


def _leans_to_tonic(song: Song, track: int) -> bool:
    """Whether a part is pulled to the key's tonic (`tonic_bonus`): the outer voices, and every
    part of bowed strings, except the top part of strings alone (a band with drums whose
    instruments the model is shown as strings, `cell_writer.model_program`, keeps every pull).
    A quartet's inner parts left to
    the model lean to the dominant: in 10 new quartets whose parts lie in their registers the viola
    spent 33% of its time on the dominant and 11% on the tonic (the training quartets' violas
    17% and 19%), and 20-30% of the songs were heard in the dominant's key (`--songs 30
    --presets string-quartet`, seeds 0 and 30: 80% and 70% in the declared key; with the inner
    parts pulled, 97% and 93%). The first violin's melody is left free: the three parts under
    it tell the key, and pulled as well it sang its commonest pitch at 24-25% of its onsets (the
    training quartets' median 17%, the held-out two's 15%); free (and repeating a little:
    `voice_leading.BOWED_TOP_REPEAT_BONUS`), 20-21% over seeds 0, 30, 60 and 90, 112 of 120
    songs heard in their key against 116."""
    pitched = [part for part in song.tracks if not part.is_drum]
    place, bowed = _voice_place(song, track), all(p.program in BOWED_PROGRAMS for p in pitched)
    if bowed and 1 < len(pitched) == len(song.tracks):  # strings alone: a quartet, a trio
        return place != "lead"
    return place is not None or bowed  # a band shown to the model as strings keeps its pulls


def _voice_place(song: Song, track: int) -> str | None:
    """'lead' or 'bass' for the highest or the lowest pitched part (track order is top to
    bottom, as in a score; a song's only pitched part is its lead), None for an inner one."""
    pitched = [index for index, other in enumerate(song.tracks) if not other.is_drum]
    if not pitched or track not in (pitched[0], pitched[-1]):
        return None
    return "lead" if track == pitched[0] else "bass"


def _write_fill(
    model: MidiModel,
    grammar: FillGrammar,
    *,
    logits: np.ndarray,
    cache: Cache,
    rng: np.random.Generator,
    settings: SamplingSettings,
    bias: np.ndarray | None = None,
) -> tuple[np.ndarray, Cache]:
    end = model.vocab.id("Fill_End")
    pitch_ids = model.vocab.pitch_ids
    while not grammar.done:
        if bias is not None:
            logits = logits + among_pitches(logits, bias, grammar.mask(), pitch_ids)
        if (steer := grammar.bias()) is not None:
            logits = logits + steer
        room = model.card.block_size - cache.length
        if room <= NOTE_TOKENS + 1:
            # Nearly out of context: finish the note being written, then close the fill; the
            # notes written so far are kept.
            grammar.closing = True
            token_id = end if grammar.mask()[end] else sample(logits, grammar.mask(), rng, 0.0)
        else:
            token_id = sample(logits, grammar.mask(), rng, settings.temperature, settings.top_p)
        grammar.advance(token_id)
        logits, cache = model.step(token_id, cache)
    return logits, cache
