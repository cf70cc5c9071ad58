"""The panels' shared words: names of nudge directions and operations, where cells lie, how
long ago something happened, and instrument numbers, as a musician reads them.

The engine names things as code does ("closer-to-chord", "add-track", program 0); these turn
them into the words the panels show, through `translate` at the moment they are shown (never at
import), so the user's language applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ui.gm_names import program_name
from ui.i18n import translate


def direction_name(direction: str) -> str:
    """A nudge direction in words ("closer-to-chord" -> "Closer to the chords")."""
    names = {
        "denser": translate("Words", "More notes"),
        "sparser": translate("Words", "Fewer notes"),
        "higher": translate("Words", "Higher"),
        "lower": translate("Words", "Lower"),
        "busier": translate("Words", "Busier rhythm"),
        "calmer": translate("Words", "Calmer rhythm"),
        "louder": translate("Words", "Louder"),
        "softer": translate("Words", "Softer"),
        "closer-to-chord": translate("Words", "Closer to the chords"),
    }
    return names.get(direction, direction.replace("-", " ").capitalize())


def operation_name(operation: str) -> str:
    """A composing operation in words ("add-track" -> "Add track")."""
    names = {
        "generate": translate("Words", "New song"),
        "regenerate": translate("Words", "Regenerate"),
        "nudge": translate("Words", "Nudge"),
        "continue": translate("Words", "Continue"),
        "add-track": translate("Words", "Add track"),
        "lock": translate("Words", "Lock"),
        "regenerate-section": translate("Words", "Regenerate section"),
        "vary-section": translate("Words", "Vary section"),
        "copy-section": translate("Words", "Copy section"),
        "recast-section": translate("Words", "Change section's role"),
    }
    return names.get(operation, operation.replace("-", " ").capitalize())


def bars_text(bars: Iterable[int]) -> str:
    """0-based bars as a musician counts them: "bar 3", "bars 3-4", "3 bars" (not in a row)."""
    shown = sorted({bar + 1 for bar in bars})
    if not shown:
        return ""
    if len(shown) == 1:
        return translate("Words", "bar {bar}").format(bar=shown[0])
    if shown == list(range(shown[0], shown[-1] + 1)):
        return translate("Words", "bars {first}–{last}").format(first=shown[0], last=shown[-1])
    count = len(shown)
    return one_or_many(
        count, translate("Words", "1 bar"), translate("Words", "%n bars", None, count)
    )


def cells_text(cells: Iterable[Sequence[int]], track_names: Sequence[str]) -> str:
    """Where (track, bar) cells lie: "Piano, bars 3-4", or "2 tracks, bars 1-8"."""
    chosen = [(int(cell[0]), int(cell[1])) for cell in cells]
    if not chosen:
        return ""
    tracks = sorted({track for track, _bar in chosen})
    bars = bars_text(bar for _track, bar in chosen)
    if len(tracks) == 1:
        where = track_name(tracks[0], track_names)
    else:
        count = len(tracks)  # two or more
        where = translate("Words", "%n tracks", None, count)
    return translate("Words", "{where}, {bars}").format(where=where, bars=bars)


def one_or_many(count: int, one: str, many: str) -> str:
    """`one` for a count of 1, else `many`: both are passed translated (English has no plural
    rules file, so "%n bar(s)" would show as it is written; two literals read well in both)."""
    return one if count == 1 else many


def track_name(index: int, track_names: Sequence[str]) -> str:
    """A track's name, or "Track 3" for an unnamed or unknown one (counted from 1)."""
    if 0 <= index < len(track_names) and track_names[index]:
        return track_names[index]
    return translate("Words", "Track {number}").format(number=index + 1)


def ago(seconds: float) -> str:
    """How long ago, roughly: "just now", "2 min ago", "3 h ago"."""
    if seconds < 45:
        return translate("Words", "just now")
    minutes = round(seconds / 60)
    if minutes < 60:
        minutes = max(1, minutes)
        return translate("Words", "%n min ago", None, minutes)
    hours = round(minutes / 60)
    return translate("Words", "%n h ago", None, hours)


def instrument_label(program: int) -> str:
    """A General MIDI instrument numbered from 1 as the GM list does: "1: Acoustic Grand Piano"."""
    return translate("Words", "{number}: {name}").format(
        number=program + 1, name=program_name(program)
    )
