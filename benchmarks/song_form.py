"""Song form, measured: repeats against real music, chorus against verse, fit to a length, and
sections through MIDI markers.

    PYTHONPATH=. python -m benchmarks.song_form [--songs N] [--presets a,b] [--seconds 30,60]
        [--seed N] [--model DIR] [--out form.json]

One run prints four tables:

1. Repeats, per style preset: the share of pitched bars that nearly repeat an earlier bar, the
   share of drum bars that do, and the share of 4-bar phrases that come back
   (`benchmarks.song_form_measures`), for three sets of songs:
   - form: `--songs` songs written in the style's usual form (`Generate(preset, form='usual')`,
     `presets/forms.toml`);
   - no form: the same songs' length written with no planned repeats (`form='-'`), the
     baseline of a model left to itself;
   - human: held-out real works of the style, measured over as many bars: the corpus test
     split for the fiddle-tune, chorale and quartet presets; for a band preset, Freedoom songs
     of its style from the test and validation splits (pitched columns) and Groove MIDI test
     performances (the drum column). Where there are none the cell reads '—'.
2. Energy: per band preset, chorus against verse (notes per playing track and bar, mean
   velocity, tracks playing a bar) and the last chorus against the first.
3. Fit to a length: for each `--seconds` and style, the song's length against the target (in
   milliseconds), the tempo and bars chosen, and whether it ends on its tonic.
4. Markers: sections written as MIDI markers and read back by an independent reader
   (`benchmarks.form_markers`).

Everything is seeded: a rerun prints the same tables.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.compose_nudge import markdown
from benchmarks.musicality_measures import Ratio, near_repeat_bars, pooled, tonic_ending
from benchmarks.musicality_sources import excerpt, manifest_rows, style_material
from benchmarks.song_form_measures import drum_repeat_bars, phrase_repeats, section_energy
from build_scripts.band_data import BAND_MANIFEST_NAME, cache_dir
from build_scripts.corpus.splits import CORPUS_DIR
from engine.compose.midi_model import DEFAULT_MODEL_DIR, MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.presets import PRESETS
from engine.errors import TesseraError
from engine.project.project_file import load_project
from engine.song.song import Song

RUN = "PYTHONPATH=. python -m benchmarks.song_form [--songs N] [--presets a,b] [--out FILE]"
DEFAULT_PRESETS = "folk-tune,reel,pop,rock,metal,ballad,lofi,house,blues,jazz,cinematic,chinese"
DEFAULT_SECONDS = "30,60,120,180"
FIT_PRESETS = "pop,lofi,house,ballad,folk-tune,cinematic"
CORPUS_PRESETS = ("folk-tune", "reel", "chorale", "string-quartet")
Measure = Callable[[Song], Ratio | None]
MEASURES: dict[str, Measure] = {
    "pitched bars repeated": near_repeat_bars,
    "drum bars repeated": drum_repeat_bars,
    "4-bar phrases repeated": phrase_repeats,
}


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--songs", type=int, default=3, help="songs per preset and set")
    parser.add_argument("--presets", default=DEFAULT_PRESETS, help="style presets to measure")
    parser.add_argument("--seconds", default=DEFAULT_SECONDS, help="lengths to fit, in seconds")
    parser.add_argument("--fit-presets", default=FIT_PRESETS, help="presets fitted to lengths")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    return parser.parse_args(argv)


def shown(value: float | None, unit: str = "%") -> str:
    if value is None:
        return "—"
    return f"{100 * value:.0f}%" if unit == "%" else f"{value:.2f}"


# --- 1. repeats --------------------------------------------------------------------------------


def generated(
    model: MidiModel, request: Generate, count: int, seed: int, errors: list[str]
) -> list[Song]:
    songs = []
    for number in range(count):
        try:
            songs.append(apply(model, None, request, seed + number))
        except TesseraError as err:
            errors.append(f"{request.preset} seed {seed + number}: {err}")
    return songs


def band_songs(style: str, source: str, splits: Sequence[str], limit: int) -> list[Song]:
    """Up to `limit` held-out band songs of a style from one source, in manifest order; none
    when the band data has not been built."""
    path = CORPUS_DIR / BAND_MANIFEST_NAME
    if not path.exists():
        return []
    songs = []
    for row in manifest_rows(path):
        if row["source"] != source or row["style"] != style or row["split"] not in splits:
            continue
        file = cache_dir() / f"{row['id']}.json"
        if file.exists():
            songs.append(load_project(file))
        if len(songs) == limit:
            break
    return songs


def human_works(name: str, bars: int, limit: int) -> dict[str, list[Song]]:
    """Held-out real works for each measure's column (see the module's notes), cut to `bars`."""
    preset = PRESETS[name]
    if name in CORPUS_PRESETS:
        works = style_material(manifest_rows(), name, preset, "test", limit=limit, bars=bars)
        pitched = [work.excerpt for work in works.works]
        return {"pitched": pitched, "drums": []}
    style = preset.style or ""
    band = band_songs(style, "freedoom", ("test", "validation"), limit)
    grooves = band_songs(style, "groove-midi", ("test",), limit)
    return {
        "pitched": [excerpt(song, bars) for song in band],
        "drums": [excerpt(song, bars) for song in grooves],
    }


def repeats_rows(
    model: MidiModel, names: Sequence[str], args: argparse.Namespace, errors: list[str]
) -> tuple[list[list[str]], dict[str, Any]]:
    rows, figures = [], {}
    for name in names:
        formed = generated(model, Generate(name, form="usual"), args.songs, args.seed, errors)
        if not formed:
            continue
        bars = formed[0].bar_count
        unformed = generated(
            model, Generate(name, bars=bars, form="-"), args.songs, args.seed, errors
        )
        humans = human_works(name, bars, max(args.songs, 5))
        row: list[str] = [name, str(bars)]
        figure: dict[str, Any] = {}
        for label, measure in MEASURES.items():
            human = humans["drums" if label.startswith("drum") else "pitched"]
            values = [pooled(measure(s) for s in songs) for songs in (formed, unformed, human)]
            figure[label] = dict(zip(("form", "no form", "human"), values, strict=True))
            row.append(" / ".join(shown(value) for value in values))
        figure["form sections"] = [section.name for section in formed[0].sections]
        rows.append(row)
        figures[name] = figure
        print(f"  {name}: {bars} bars, {len(formed)} songs", flush=True)
    return rows, figures


# --- 2. energy ---------------------------------------------------------------------------------


def energy_rows(
    model: MidiModel, names: Sequence[str], args: argparse.Namespace, errors: list[str]
) -> tuple[list[list[str]], dict[str, Any]]:
    rows, figures = [], {}
    for name in names:
        if name in CORPUS_PRESETS or name == "piano":
            continue
        songs = generated(model, Generate(name, form="usual"), args.songs, args.seed, errors)
        measured = [section_energy(song) for song in songs]

        def mean(key: str, field: str, measured: list[Any] = measured) -> float | None:
            values = [getattr(m[key], field) for m in measured if key in m and m[key].bars]
            return sum(values) / len(values) if values else None

        figure: dict[str, Any] = {}
        row = [name]
        for field in ("density", "velocity", "tracks"):
            chorus, verse = mean("chorus", field), mean("verse", field)
            figure[field] = {"chorus": chorus, "verse": verse}
            row.append("—" if chorus is None or verse is None else f"{chorus:.2f} / {verse:.2f}")
        last = max(
            (int(k.split()[-1]) for m in measured for k in m if k.startswith("chorus ")), default=0
        )
        first_density, last_density = mean("chorus 1", "density"), mean(f"chorus {last}", "density")
        first_velocity = mean("chorus 1", "velocity")
        last_velocity = mean(f"chorus {last}", "velocity")
        builds = (first_density, last_density, first_velocity, last_velocity)
        row.append(
            "—"
            if last < 2 or None in builds
            else "{:.2f} -> {:.2f}; {:.0f} -> {:.0f}".format(*builds)
        )
        figure["chorus 1 vs last"] = {
            "density": [first_density, last_density],
            "velocity": [first_velocity, last_velocity],
            "last": last,
        }
        rows.append(row)
        figures[name] = figure
    return rows, figures


# --- 3. fit to a length ------------------------------------------------------------------------


def fit_rows(
    model: MidiModel, lengths: Sequence[float], args: argparse.Namespace, errors: list[str]
) -> tuple[list[list[str]], dict[str, Any]]:
    rows, figures = [], {}
    for seconds in lengths:
        for name in args.fit_presets.split(","):
            try:
                song = apply(model, None, Generate(name, seconds=seconds), args.seed)
            except TesseraError as err:
                errors.append(f"fit {name} {seconds:g} s: {err}")
                rows.append([f"{seconds:g}", name, "refused", "—", "—", "—", str(err)[:60]])
                continue
            error_ms = 1000 * (song.duration_seconds - seconds)
            last_note = max((t.end_tick for t in song.tracks), default=0)
            tonic = tonic_ending(song)
            form = " ".join(section.name for section in song.sections)
            rows.append([
                f"{seconds:g}", name, f"{error_ms:+.1f}", f"{song.tempos[0].tempo_bpm:.1f}",
                str(song.bar_count), "yes" if tonic and tonic.hits else "no",
                f"{form[:70]}" + (" (last note ends early)" if last_note < song.end_tick else ""),
            ])  # fmt: skip
            figures[f"{name} {seconds:g}"] = {
                "error_ms": error_ms,
                "tempo": song.tempos[0].tempo_bpm,
                "bars": song.bar_count,
                "tonic_ending": bool(tonic and tonic.hits),
                "sections": [s.name for s in song.sections],
            }
    return rows, figures


# --- 4. markers --------------------------------------------------------------------------------


def markers() -> dict[str, Any]:
    try:
        from benchmarks.form_markers import marker_round_trip
    except ImportError as err:
        return {"error": f"marker round trip not available: {err}"}
    return dict(marker_round_trip())


def run(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args, started = arguments(argv), time.perf_counter()
    names = [n.strip() for n in args.presets.split(",") if n.strip()]
    unknown = [name for name in names if name not in PRESETS]
    if unknown:
        raise SystemExit(f"unknown preset {unknown[0]!r}: choose from {', '.join(PRESETS)}")
    lengths = [float(text) for text in args.seconds.split(",") if text.strip()]
    print(f"how to run: {RUN}")
    model = MidiModel(args.model)
    errors: list[str] = []
    results: dict[str, Any] = {}

    rows, results["repeats"] = repeats_rows(model, names, args, errors)
    header = ["preset", "bars", *(f"{label} (form / no form / human)" for label in MEASURES)]
    print("\n## Repeats\n\n" + markdown(header, rows))

    rows, results["energy"] = energy_rows(model, names, args, errors)
    header = [
        "preset",
        "notes per track-bar (chorus / verse)",
        "velocity (chorus / verse)",
        "tracks playing (chorus / verse)",
        "first -> last chorus: density; velocity",
    ]
    print("\n## Energy\n\n" + markdown(header, rows))

    rows, results["fit"] = fit_rows(model, lengths, args, errors)
    header = ["seconds", "preset", "error (ms)", "tempo", "bars", "tonic ending", "form"]
    print("\n## Fit to a length\n\n" + markdown(header, rows))

    results["markers"] = markers()
    print("\n## Sections through MIDI markers\n")
    print(json.dumps(results["markers"], indent=1, ensure_ascii=False, default=str))

    if errors:
        print("\nrefused:\n" + "\n".join(f"- {error}" for error in errors))
    seconds = time.perf_counter() - started
    print(f"\ntotal time: {seconds:.0f} s")
    results["seconds"] = seconds
    results["errors"] = errors
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n")
    return results


def main() -> None:
    run()


if __name__ == "__main__":
    main()
