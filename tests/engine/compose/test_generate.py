"""The shipped model through the engine: real onnxruntime sessions, real generated notes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from benchmarks.musicality_ensemble import (
    common_time_drum_bars,
    hand_percussion,
    hits_near,
    toms_and_crashes,
)
from benchmarks.musicality_measures import Ratio, clipped_notes
from engine.compose.decode import SamplingSettings, fill_cells
from engine.compose.fill_limits import HardConstraints, SoftTargets
from engine.compose.midi_model import RERUN_TOKENS, Cache, MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.sampling import FillGrammar
from engine.compose.tokens import encode_song, quantize_song
from engine.compose.vocab import TokenizerError
from engine.runtime.onnx import choose_providers
from engine.song.song import PPQ, Note, Song, Track

BAR = 4 * PPQ


def _song() -> Song:
    """A folk-like tune over a bass line, eight bars in D major."""
    scale = [62, 64, 66, 67, 69, 71, 73, 74]
    melody = [
        Note(b * BAR + q * PPQ, scale[(b + q * 2) % 8], PPQ, 90) for b in range(8) for q in range(4)
    ]
    bass = [Note(b * BAR, 38 if b % 2 == 0 else 45, BAR, 80) for b in range(8)]
    return Song(
        title="tune",
        bar_count=8,
        tracks=(Track("Fiddle", 110, notes=tuple(melody)), Track("Bass", 32, notes=tuple(bass))),
    )


def test_the_shipped_model_loads_on_the_cpu_provider(midi_model: MidiModel) -> None:
    assert midi_model.providers == choose_providers()
    assert "CPUExecutionProvider" in midi_model.providers
    assert midi_model.card.raw["parameters"] > 100_000
    assert (
        midi_model.card.raw["metrics"]["test_nll_model"]
        < midi_model.card.raw["metrics"]["test_nll_4gram"]
    )


def test_filled_cells_obey_hard_constraints_and_are_seeded(midi_model: MidiModel) -> None:
    song = _song()
    cells = [(0, 3), (0, 5), (1, 4)]
    scale = frozenset({2, 4, 6, 7, 9, 11, 1})
    limits = HardConstraints(
        pitch_low=62,
        pitch_high=74,
        scale_pitch_classes=scale,
        max_polyphony=1,
    )
    settings = SamplingSettings(seed=11, constraints={(0, 3): limits, (0, 5): limits})
    first = fill_cells(midi_model, song, cells, settings)
    assert first == fill_cells(midi_model, song, cells, settings)
    assert first != fill_cells(midi_model, song, cells, dataclasses.replace(settings, seed=12))
    for (track, bar), notes in first.items():
        start, end = song.bar_span(bar)
        assert all(start <= n.start_tick < end for n in notes)
        if track == 0:
            assert all(62 <= n.pitch <= 74 and n.pitch % 12 in scale for n in notes)
            starts = [n.start_tick for n in notes]
            assert len(starts) == len(set(starts))  # one note at a time
    assert sum(len(notes) for notes in first.values()) > 0


def test_a_long_song_is_cropped_to_fit_the_context(midi_model: MidiModel) -> None:
    song = _song()
    long_song = Song(
        title="long",
        bar_count=64,
        tracks=tuple(
            dataclasses.replace(
                track,
                notes=tuple(
                    dataclasses.replace(n, start_tick=n.start_tick + repeat * 8 * BAR)
                    for repeat in range(8)
                    for n in track.notes
                ),
            )
            for track in song.tracks
        ),
    )
    assert len(quantize_song(long_song).tracks[0].notes) == 256
    notes = fill_cells(midi_model, long_song, [(0, 40)], SamplingSettings(seed=1))[(0, 40)]
    start, end = long_song.bar_span(40)
    assert all(start <= n.start_tick < end for n in notes)


def test_an_odd_bar_elsewhere_does_not_block_the_cells(midi_model: MidiModel) -> None:
    from engine.song.song import TimeSignatureChange

    # Bar 3 is cut short by a meter change after 1/32 of a whole: the grid cannot hold it.
    meters = (
        TimeSignatureChange(0, 4, 4),
        TimeSignatureChange(2 * BAR + PPQ // 8, 4, 4),
    )
    song = dataclasses.replace(_song(), time_signatures=meters, bar_count=9)
    written = fill_cells(midi_model, song, [(0, 5), (1, 6)], SamplingSettings(seed=2))
    assert written[(0, 5)]
    assert all(song.bar_at_tick(n.start_tick) == 5 for n in written[(0, 5)])
    with pytest.raises(TokenizerError, match="leave bar 3 out of the cells"):
        fill_cells(midi_model, song, [(0, 2)], SamplingSettings(seed=2))


def _prompt(midi_model: MidiModel, song: Song, cells: list[tuple[int, int]]) -> list[int]:
    return midi_model.vocab.encode(encode_song(song, cells, include_fills=False))


@pytest.mark.parametrize("threads", [2, 1])
def test_a_reused_prompt_cache_gives_a_fresh_prefills_logits_to_the_bit(
    midi_model: MidiModel, threads: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bit for bit, on two threads and on one: otherwise the notes a seed gives would depend
    on the prompt asked for before it."""
    midi_model = midi_model if threads == 1 else MidiModel(threads=threads)  # the shared one: 1
    song = _song()
    first = _prompt(midi_model, song, [(0, 5)])
    louder = dataclasses.replace(
        song,
        tracks=(
            song.tracks[0],
            dataclasses.replace(
                song.tracks[1],
                notes=tuple(dataclasses.replace(n, velocity=100) for n in song.tracks[1].notes),
            ),
        ),
    )
    prompts = {
        "the same": first,
        "another cell of the second track": _prompt(midi_model, song, [(0, 5), (1, 6)]),
        "the second track louder": _prompt(midi_model, louder, [(0, 5)]),
        "a prefix": first[: len(first) // 2],
        "the first plus a token": [*first, midi_model.vocab.id("Fill_Start")],
        "nothing shared": _prompt(midi_model, song, [(1, 2)])[::-1],
    }
    ran: list[int] = []
    run = midi_model.run

    def counting_run(ids: list[int], cache: Cache) -> tuple[np.ndarray, Cache]:
        ran.append(len(ids))
        return run(ids, cache)

    monkeypatch.setattr(midi_model, "run", counting_run)
    for name, prompt in prompts.items():
        _, cache = midi_model.prefill(first, reuse=True)
        for token_id in (40, 41, 42):
            midi_model.step(token_id, cache)  # a fill written after the first prompt
        ran.clear()
        reused, cache = midi_model.prefill(prompt, reuse=True)
        assert cache.length == len(prompt)
        shared = next(
            (i for i, (a, b) in enumerate(zip(prompt, first, strict=False)) if a != b),
            min(len(prompt), len(first)),
        )
        assert ran == [len(prompt) - min(shared, len(prompt) - RERUN_TOKENS)], name
        fresh, fresh_cache = midi_model.prefill(prompt)
        assert np.array_equal(reused, fresh), name
        for token_id in (midi_model.vocab.id("Fill_Start"), midi_model.vocab.id("Bar_4/4")):
            reused, cache = midi_model.step(token_id, cache)
            fresh, fresh_cache = midi_model.step(token_id, fresh_cache)
            assert np.array_equal(reused, fresh), name
    assert max(ran) > RERUN_TOKENS  # the last prompt shared nothing


def test_the_grammar_mask_is_built_once_per_token_written(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = {"masks": 0, "steps": 0}
    build, step = FillGrammar._build_mask, midi_model.step

    def counting_build(grammar: FillGrammar) -> np.ndarray:
        counts["masks"] += 1
        return build(grammar)

    def counting_step(token_id: int, cache: Cache) -> tuple[np.ndarray, Cache]:
        counts["steps"] += 1
        return step(token_id, cache)

    monkeypatch.setattr(FillGrammar, "_build_mask", counting_build)
    monkeypatch.setattr(midi_model, "step", counting_step)
    targets = SoftTargets(notes=6)
    settings = SamplingSettings(seed=4, targets={(0, 2): targets, (1, 3): targets})
    fill_cells(midi_model, _song(), [(0, 2), (1, 3)], settings)
    assert counts["steps"] > 10
    assert counts["masks"] == counts["steps"]


@pytest.mark.parametrize(("preset", "seed"), [("pop", 2), ("lofi", 5), ("chinese", 5)])
def test_new_band_songs_play_notes_not_clicks(
    midi_model: MidiModel, preset: str, seed: int
) -> None:
    """These draws once wrote 68%, 50-65% and 75-100% of their pitched notes one step long
    (1/48 of a bar): a piano pulled to one-step notes by its note count, and the model carrying
    drum-hit lengths over to every part (`engine.compose.sampling.CLICK_PENALTY`)."""
    song = apply(midi_model, None, Generate(preset), seed)
    clicks = clipped_notes(song)
    assert clicks is not None
    assert clicks.total > 100
    assert clicks.hits / clicks.total < 0.1


def test_new_pop_drums_keep_to_the_kit_with_a_steady_hi_hat(midi_model: MidiModel) -> None:
    """Kick, snare and a hi-hat on every beat; no congas or whistles (the kit's range, B1-B3);
    toms and crashes now and then, not in every bar (`leans.KIT_COLOUR_PENALTY`). New pop
    drums put 14.8% of their hits on hand percussion and 22% on toms and crashes before."""
    songs = [apply(midi_model, None, Generate("pop"), seed) for seed in range(2)]
    for song in songs:
        assert hand_percussion(song) == Ratio(0, len(song.tracks[-1].notes))
    colour = [toms_and_crashes(song) for song in songs]
    assert sum(c.hits for c in colour if c) / sum(c.total for c in colour if c) < 0.12
    bars = [bar for song in songs for bar in common_time_drum_bars(song)]
    timed = [all(hits_near(bar["keeper"], beat * PPQ) for beat in range(4)) for bar in bars]
    assert len(bars) == 16
    assert sum(timed) >= 15  # a hi-hat (or ride) on every beat, a bar's rest aside
