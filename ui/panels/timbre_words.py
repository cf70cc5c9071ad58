"""What the timbre panel says, in a musician's words: its tooltips, the Character buttons'
explanations and the lines that describe a track's sound.

Kept apart from the panel so the panel stays about behaviour; every text is translated when it
is shown (these are functions, not constants), so the user's language applies.
"""

from __future__ import annotations

from engine.song.gm import instrument_name
from engine.song.song import TimbreRef, Track
from ui.i18n import translate


def descriptor_words() -> dict[str, tuple[str, str]]:
    """Per descriptor: (button text, what it does to the sound)."""
    return {
        "brighter": (
            translate("Timbre", "Brighter"),
            translate(
                "Timbre",
                "More sparkle in the high frequencies: a more brilliant, cutting sound that "
                "stands out in the mix",
            ),
        ),
        "darker": (
            translate("Timbre", "Darker"),
            translate(
                "Timbre",
                "Less sparkle in the high frequencies: a warmer, mellower sound that sits back "
                "in the mix",
            ),
        ),
        "softer_attack": (
            translate("Timbre", "Softer attack"),
            translate(
                "Timbre",
                "Notes start more gently, swelling in like a bowed string or a breathy flute",
            ),
        ),
        "harder_attack": (
            translate("Timbre", "Harder attack"),
            translate(
                "Timbre",
                "Notes start with a sharper edge, like a plucked string or a struck key",
            ),
        ),
    }


def lock_tip() -> str:
    return translate(
        "Timbre",
        "Lock keeps this exact sound on the track: it is saved with the song and stays the "
        "same, and is stored with its seed and vector so it can be made again. An unlocked "
        "track uses the usual sound for its instrument.",
    )


def description_tip() -> str:
    return translate(
        "Timbre",
        "How far this sound has moved from the instrument's usual sound, and in which ways "
        "(brighter, darker, softer or harder attack)",
    )


def sound_text(track: Track) -> str:
    """What the track sounds through: the standard set, a generated sound or the usual one."""
    instrument = instrument_name(track.program, track.is_drum)
    if track.timbre.is_standard:
        return translate(
            "Timbre", "Standard sound: the General MIDI SoundFont's {instrument}"
        ).format(instrument=instrument)
    if track.timbre.kind == "generated":
        return translate("Timbre", "A generated sound (no. {seed})").format(seed=track.timbre.seed)
    return translate("Timbre", "General MIDI: {instrument}").format(instrument=instrument)


def state_text(ref: TimbreRef, tessera_choice: str) -> str:
    """Locked or not; for a standard-sound track, the Tessera timbre it keeps (which the edits
    here shape) and how to hear it in the song."""
    if not ref.is_standard:
        if ref.kind == "generated":
            return translate("Timbre", "Locked")
        return translate("Timbre", "Not locked (follows the usual sound for the instrument)")
    kept = ref.tessera()
    if kept.kind == "generated":
        timbre = translate("Timbre", "generated, seed {seed}").format(seed=kept.seed)
    else:
        timbre = translate("Timbre", "the GM default")
    return translate(
        "Timbre",
        "Keeps a Tessera timbre ({timbre}): the edits here shape it; choose '{choice}' in the "
        "Track panel to hear it in the song",
    ).format(timbre=timbre, choice=tessera_choice)


def direction_text(direction: int) -> str:
    return translate("Timbre", "Direction {number}").format(number=direction)
