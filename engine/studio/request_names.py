"""How the undo list and the status line name a composing request ('Regenerate 4', 'Vary
section 3 0.40'), in English words the window translates (`engine.words`)."""

from __future__ import annotations

from engine.compose.requests import (
    AddTrack,
    Continue,
    CopySection,
    Lock,
    Nudge,
    RecastSection,
    Regenerate,
    RegenerateSection,
    Request,
    VarySection,
)
from engine.words import QT_TRANSLATE_NOOP


def describe_request(request: Request) -> str:
    """A request as the undo list and the status line name it, e.g. 'Regenerate 4'."""
    if isinstance(request, RegenerateSection | VarySection | CopySection | RecastSection):
        return describe_section_request(request)
    if isinstance(request, Lock):
        return lock_label(request.locked, len(request.cells))
    if isinstance(request, Regenerate):
        said = QT_TRANSLATE_NOOP("UseCases", "Regenerate {count}")
    elif isinstance(request, Nudge):
        said = QT_TRANSLATE_NOOP("UseCases", "Nudge {direction} {strength:.2f}")
    elif isinstance(request, AddTrack):
        if request.is_drum:
            return QT_TRANSLATE_NOOP("UseCases", "Add drum kit")
        return QT_TRANSLATE_NOOP("UseCases", "Add track")
    elif isinstance(request, Continue):
        said = QT_TRANSLATE_NOOP("UseCases", "Continue {bars} bars")
    else:
        said = QT_TRANSLATE_NOOP("UseCases", "New {preset}")
    return said.format(**_request_values(request))


def _request_values(request: Request) -> dict[str, object]:
    """The values `describe_request`'s templates name."""
    if isinstance(request, Regenerate):
        return {"count": len(request.cells)}
    if isinstance(request, Nudge):
        return {"direction": request.direction, "strength": request.strength}
    if isinstance(request, Continue):
        return {"bars": request.bars}
    return {"preset": getattr(request, "preset", "")}


def lock_label(locked: bool, count: int) -> str:
    """'Lock 3 cell(s)' or 'Unlock 3 cell(s)', as the undo list names it."""
    if locked:
        return QT_TRANSLATE_NOOP("UseCases", "Lock {count} cell(s)").format(count=count)
    return QT_TRANSLATE_NOOP("UseCases", "Unlock {count} cell(s)").format(count=count)


def seeded(label: str, seed: int) -> str:
    """An operation's undo step, named with its seed: 'Regenerate 4 (seed 7)'."""
    return QT_TRANSLATE_NOOP("UseCases", "{label} (seed {seed})").format(label=label, seed=seed)


def describe_section_request(
    request: RegenerateSection | VarySection | CopySection | RecastSection,
) -> str:
    """A section operation as the undo list names it, e.g. 'Vary section 3 0.40'."""
    number = request.section + 1
    every = (
        request.scope == "all" if isinstance(request, RegenerateSection | VarySection) else False
    )
    if isinstance(request, RegenerateSection):
        if every:
            return QT_TRANSLATE_NOOP(
                "UseCases", "Regenerate section {number} and its repeats"
            ).format(number=number)
        return QT_TRANSLATE_NOOP("UseCases", "Regenerate section {number}").format(number=number)
    if isinstance(request, VarySection):
        if every:
            vary = QT_TRANSLATE_NOOP(
                "UseCases", "Vary section {number} {strength:.2f} and its repeats"
            )
        else:
            vary = QT_TRANSLATE_NOOP("UseCases", "Vary section {number} {strength:.2f}")
        return vary.format(number=number, strength=request.strength)
    if isinstance(request, CopySection):
        return QT_TRANSLATE_NOOP("UseCases", "Copy section {number} to bar {bar}").format(
            number=number, bar=request.to_bar + 1
        )
    return QT_TRANSLATE_NOOP("UseCases", "Make section {number} a {role}").format(
        number=number, role=request.role
    )
