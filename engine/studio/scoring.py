"""Score a video: original music fitted to its cuts, length and mood, and a copy with it.

The steps, each an ordinary part of Tessera: the picture is analysed once (`engine.video`:
length, cuts, energy, thumbnails); the user's cut changes and energy curve are applied; the
tempo and bar layout are chosen so section boundaries land on cuts and the song lasts exactly
as long as the picture (`engine.compose.fit_cuts`); the song is written by the normal compose
path (a `Generate` with that form, recorded as a take) and given the fitted tempo map and each
section the picture's energy, as one more undo step, so it stays an editable, lockable song.
The export renders it (`engine.sound.render`), cut or padded to exactly the picture's length,
muxes it into a copy of the video (through the caller's backend: PyAV copies the picture,
Qt Multimedia re-encodes it) and writes the originality report and the models' provenance
beside it.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.atomic_write import write_atomically
from engine.compose.fit_cuts import CutFit, fit_cuts
from engine.compose.operations import PRESETS
from engine.compose.requests import Generate
from engine.errors import TesseraError
from engine.runtime.provenance import model_cards
from engine.song.section_edits import update_section
from engine.song.song import Song, TempoChange
from engine.song.styles import STYLE_NAMES, STYLES
from engine.sound.audio_files import SAMPLE_RATE_HZ, write_blocks
from engine.sound.render import render_blocks
from engine.studio.models import Models
from engine.studio.outcomes import Checked, Job, Progress
from engine.studio.use_cases import Studio
from engine.video.analysis import Analysis, analyse
from engine.video.backend import VideoBackend, chosen
from engine.video.cuts import Cuts, edited
from engine.video.energy import EnergyCurve, VideoScoreFile, from_points, save_score_file
from engine.video.mux import mux_soundtrack, refuse_overwrite
from engine.words import QT_TRANSLATE_NOOP

FADE_S = 0.02
"""A fade over the last moment, so a note or the room cut at the picture's end does not click."""


@dataclass(frozen=True)
class ScoreOptions:
    """What the user chose: style, seed, cut changes and an energy curve of their own."""

    style: str = "lofi"
    seed: int = 0
    add_cuts: tuple[float, ...] = ()
    remove_cuts: tuple[float, ...] = ()
    energy_points: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class Fitted:
    """The picture read and the plan of its music."""

    analysis: Analysis
    cuts: Cuts
    energy: EnergyCurve
    fit: CutFit
    style: str
    preset: str


@dataclass(frozen=True)
class Scored:
    fitted: Fitted
    song: Song
    project: Path
    audio: Path
    video: Path
    origin: Path
    audio_seconds: float


def style_for(typed: str) -> tuple[str, str]:
    """(style name, preset name) for a style as typed: 'lo-fi', 'lofi', 'chill'..."""
    word = " ".join(typed.strip().casefold().split())
    for style in STYLES:
        if word == style.name or word in style.words:
            presets = [n for n, p in PRESETS.items() if p.style == style.name]
            if presets:
                return style.name, (style.name if style.name in presets else presets[0])
    raise TesseraError(
        QT_TRANSLATE_NOOP(
            "VideoScoring", "unknown style {typed!r}: choose one of {choices}"
        ).format(typed=typed, choices=", ".join(STYLE_NAMES))
    )


def plan(analysis: Analysis, options: ScoreOptions) -> Fitted:
    """The cuts and energy the user settled on, and the sections fitted to them."""
    style, preset_name = style_for(options.style)
    preset = PRESETS[preset_name]
    cuts = edited(analysis.cuts, options.add_cuts, options.remove_cuts)
    energy = from_points(options.energy_points) if options.energy_points else analysis.energy
    fit = fit_cuts(
        analysis.duration_s, cuts.times, style, preset.meter, preset.tempo_bpm, energy=energy.mean
    )
    return Fitted(analysis, cuts, energy, fit, style, preset_name)


def fitted_request(fitted: Fitted, title: str) -> Generate:
    """The compose request for the fitted form, at its first section's tempo."""
    return Generate(
        preset=fitted.preset,
        form=fitted.fit.form,
        tempo_bpm=fitted.fit.sections[0].tempo_bpm,
        style=fitted.style,
        title=title[:80] or "Video score",
        energies=fitted.fit.energies,  # the notes follow each section's exact energy
    )


def fitted_song(song: Song, fit: CutFit) -> Song:
    """The composed song with the fit's tempo map and each section's energy from the picture."""
    if len(song.sections) != len(fit.sections) or song.bar_count != fit.bars:
        raise TesseraError(
            QT_TRANSLATE_NOOP(
                "VideoScoring",
                "the written song has {sections_count} sections in {bar_count} bars, "
                "not the {sections_count_2} in {bars} fitted: score the video again",
            ).format(
                sections_count=len(song.sections),
                bar_count=song.bar_count,
                sections_count_2=len(fit.sections),
                bars=fit.bars,
            )
        )
    tempos = tuple(
        TempoChange(song.bar_start_ticks[bar], tempo) for bar, tempo in fit.tempo_changes()
    )
    song = dataclasses.replace(song, tempos=tempos)
    for index, section in enumerate(fit.sections):
        song = update_section(song, index, energy=min(max(section.energy, 0.0), 1.0))
    return song


def compose_fitted(studio: Studio, fitted: Fitted, title: str, seed: int) -> Song:
    """Write the fitted song through the normal compose path, then apply the tempo map and
    energies as one undo step."""
    studio.compose(fitted_request(fitted, title), seed)
    studio.document.apply_edit(fitted_song(studio.song, fitted.fit), "Fit to the video")
    return studio.song


def exact_blocks(
    blocks: Iterator[npt.NDArray[np.float32]], frames: int
) -> Iterator[npt.NDArray[np.float32]]:
    """The render cut or padded with silence to exactly `frames`, faded over its last
    `FADE_S`."""
    done = 0
    fade = min(int(FADE_S * SAMPLE_RATE_HZ), frames)
    pending: list[npt.NDArray[np.float32]] = []
    for block in blocks:
        part = block[: max(frames - done, 0)]
        if len(part):
            pending.append(part)
            done += len(part)
        if done >= frames:
            break
    if done < frames:
        pending.append(np.zeros((frames - done, 2), dtype=np.float32))
    audio = np.concatenate(pending) if pending else np.zeros((frames, 2), np.float32)
    if fade:
        audio[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)[:, None]
    yield audio


def render_exact(
    song: Song, models: Models, path: Path, seconds: float, progress: Progress | None = None
) -> npt.NDArray[np.float32]:
    """Render `song` to `path` (WAV or FLAC), exactly `seconds` long; returns the samples."""
    frames = round(seconds * SAMPLE_RATE_HZ)
    blocks = render_blocks(song, models.renderer(), None, progress)
    audio = next(exact_blocks(blocks, frames))
    write_blocks(path, [audio])
    return audio


def origin_record(checked: Checked, fitted: Fitted, video: Path, seed: int) -> dict[str, object]:
    """What the creator keeps as evidence of origin: the originality check, the models'
    cards and how the music was made."""
    return {
        "video": video.name,
        "made_by": "Tessera, offline, from the models listed",
        "style": fitted.style,
        "seed": seed,
        "form": fitted.fit.form,
        "tempo_changes": [
            {"bar": bar + 1, "bpm": round(bpm, 4)} for bar, bpm in fitted.fit.tempo_changes()
        ],
        "cuts_s": list(fitted.cuts.times),
        "section_starts_s": [round(s.start_s, 6) for s in fitted.fit.sections],
        "originality": {
            "flagged": checked.flagged,
            "longest_shared_run_notes": checked.report.longest_notes,
            "report": checked.report.lines(),
        },
        "models": model_cards(),
    }


def write_origin(record: dict[str, object], json_path: Path) -> Path:
    """The record as JSON and as plain text beside it (scored.origin.json, .origin.txt)."""
    _write_text(json_path, json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n")
    originality, models = record["originality"], record["models"]
    assert isinstance(originality, dict)
    assert isinstance(models, dict)
    lines = [
        f"Music for {record['video']} made by Tessera (offline), style {record['style']}, "
        f"seed {record['seed']}",
        f"form: {record['form']}",
        "originality check:",
        *[f"  {line}" for line in originality["report"]],
        "models: " + ", ".join(sorted(models)),
    ]
    _write_text(json_path.with_suffix(".txt"), "\n".join(lines) + "\n")
    return json_path


def _write_text(path: Path, text: str) -> None:
    write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))


def outputs_for(video_out: Path) -> tuple[Path, Path, Path]:
    """(project, audio, origin) written beside the scored video: scored.song.json,
    scored.wav, scored.origin.json."""
    stem = video_out.with_suffix("")
    return (
        stem.with_name(stem.name + ".song.json"),
        stem.with_name(stem.name + ".wav"),
        stem.with_name(stem.name + ".origin.json"),
    )


Say = Callable[[str], None]


def analysis_job(
    video: str | os.PathLike[str], options: ScoreOptions, backend: VideoBackend | None = None
) -> Job[Fitted, Fitted]:
    """Read the picture with `backend` and fit the music's plan to it (no model needed): the
    window's first step, on its job runner."""
    source = Path(video)

    def work(progress: Progress | None) -> Fitted:
        return plan(analyse(source, progress, backend), options)

    return Job(f"Analysing {source.name}…", work, lambda fitted: fitted)


@dataclass(frozen=True)
class Exported:
    project: Path | None
    audio: Path
    video: Path
    origin: Path
    audio_seconds: float


def export_job(
    studio: Studio,
    fitted: Fitted,
    output: str | os.PathLike[str],
    seed: int,
    backend: VideoBackend | None = None,
) -> Job[Exported, Exported]:
    """The song as it is now rendered to exactly the video's length beside `output`, muxed
    into a copy of the video by `backend` (which may change a suffix it cannot write, e.g.
    webm to mkv), with the evidence of origin; the song and the check are taken when the job
    is made, so edits made meanwhile wait for the next export."""
    writer = chosen(backend)
    source, target = fitted.analysis.info.path, writer.output_path(Path(output))
    refuse_overwrite(source, target)
    song, models = studio.song, studio.models
    check = studio.check_job()
    _project, audio_path, origin = outputs_for(target)
    seconds = fitted.analysis.duration_s

    def work(progress: Progress | None) -> Exported:
        audio = render_exact(song, models, audio_path, seconds, progress)
        mux_soundtrack(source, target, audio, SAMPLE_RATE_HZ, seconds, backend=writer)
        write_origin(origin_record(check.work(None), fitted, source, seed), origin)
        return Exported(None, audio_path, target, origin, len(audio) / SAMPLE_RATE_HZ)

    return Job(f"Exporting {target.name}…", work, lambda exported: exported)


def score_video(
    studio: Studio,
    video: str | os.PathLike[str],
    output: str | os.PathLike[str],
    options: ScoreOptions,
    *,
    say: Say | None = None,
    progress: Progress | None = None,
    backend: VideoBackend | None = None,
) -> Scored:
    """The whole flow (see the module's notes) with `backend` reading and writing the video
    (PyAV when none is given); every file is written beside the output."""
    writer = chosen(backend)
    source, target = Path(video), writer.output_path(Path(output))
    refuse_overwrite(source, target)
    tell = say or (lambda _text: None)
    if target.suffix != Path(output).suffix:
        tell(f"{writer.name} cannot write a {Path(output).suffix} file well: writing {target.name}")
    fitted = analysis_job(source, options, writer).run(progress)
    analysis = fitted.analysis
    tell(f"analysed {analysis.info.summary()}: {len(analysis.cuts.times)} cut(s)")
    tell(f"fitted {fitted.fit.bars} bars: {fitted.fit.form}")
    song = compose_fitted(studio, fitted, source.stem, options.seed)
    project, _audio, _origin = outputs_for(target)
    studio.save(project, overwrite=True)
    # The cuts and any drawn curve beside the project, for the window (engine/video/energy.py)
    drawn = None if fitted.energy == analysis.energy else fitted.energy
    score = VideoScoreFile(source, fitted.style, options.seed, fitted.cuts.times, drawn)
    save_score_file(project, score)
    exported = export_job(studio, fitted, target, options.seed, writer).run(progress)
    return Scored(
        fitted, song, project, exported.audio, target, exported.origin, exported.audio_seconds
    )


def fit_lines(fitted: Fitted) -> list[str]:
    """The plan in words: sections with their bars, tempo, times and energy."""
    out = []
    bar = 1
    for section in fitted.fit.sections:
        out.append(
            f"  bars {bar}-{bar + section.bars - 1}: {section.role:<10} "
            f"{section.tempo_bpm:7.3f} BPM  {section.start_s:7.3f}-{section.end_s:7.3f} s  "
            f"energy {section.energy:.2f}"
        )
        bar += section.bars
    return out


def section_hits(song: Song, cuts: Sequence[float]) -> list[float]:
    """For each section start after the first, its distance in seconds from the nearest cut."""
    out = []
    for section in song.sections[1:]:
        at = song.tick_to_seconds(song.bar_start_ticks[section.first_bar])
        out.append(min((abs(at - c) for c in cuts), default=float("inf")))
    return out
