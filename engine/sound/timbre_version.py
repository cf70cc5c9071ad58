"""Which timbre model made a track's timbre, and telling the composer when it is not the one
installed.

Each timbre model learns its own timbre space, so a generated timbre's vector sounds as it did
only under the model that made it: opened with another model, a locked timbre sounds different.
Timbres record the model's version (`TimbreRef.model`, stamped by `engine.sound.timbre_space`),
and opening a project says which tracks' timbres were made with another model, so nobody is
surprised by a changed sound after an update. Nothing here loads the model: it reads its card.
"""

from __future__ import annotations

from pathlib import Path

from engine.runtime.cards import ModelLoadError, read_card
from engine.song.song import Song
from engine.song.timbre_ref import MAX_MODEL_VERSION
from engine.words import QT_TRANSLATE_NOOP, Words

DEFAULT_MODEL_DIR = Path(__file__).parents[2] / "models" / "timbre"
"""The timbre model that ships with Tessera."""


def installed_version(folder: Path = DEFAULT_MODEL_DIR) -> int | None:
    """The installed timbre model's version from its card; None when the card cannot be read
    (loading the model then says what is wrong and how to fix it)."""
    try:
        card = read_card(folder, "")
        return card.integer("version", low=1, high=MAX_MODEL_VERSION)
    except ModelLoadError:
        return None


def made_elsewhere_warnings(song: Song, installed: int | None) -> list[str]:
    """One line per track playing a generated timbre made by another model than `installed`
    (or by a model that did not record its version), saying what to do; none when `installed`
    is unknown."""
    if installed is None:
        return []
    warnings: list[str] = []
    for number, track in enumerate(song.tracks, start=1):
        timbre = track.timbre
        if timbre.kind != "generated" or timbre.model == installed:
            continue
        warnings.append(
            QT_TRANSLATE_NOOP(
                "TimbreVersion",
                "track {number} ({name}): its generated timbre was made with {made}, and this "
                "Tessera has timbre model v{installed}, so it sounds different now: generate or "
                "nudge a new one in the Timbre panel, or choose General MIDI (SoundFont) for it",
            ).format(
                number=number, name=track.name, made=_made_with(timbre.model), installed=installed
            )
        )
    return warnings


def _made_with(model: int | None) -> Words:
    if model is None:
        return QT_TRANSLATE_NOOP("TimbreVersion", "an earlier timbre model")
    return QT_TRANSLATE_NOOP("TimbreVersion", "timbre model v{version}").format(version=model)
