"""What the prompt reader understood, said in the composer's language ("tempo 72 from 'slow'").

The engine reports a Reading as data (`Reading.understood()`: field, value, the prompt's own
words, a note); this module words each item with `translate()`, so the start screen and the
New Song from Description dialog show it in Chinese or English alike. `understood_lines` gives
one line per item (for chips or a list), `understood_text` one sentence for a label.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engine.compose.prompt import Reading
from engine.compose.prompt_words import VELOCITY_RANGES
from engine.compose.understood import Understood
from ui.arrangement.role_names import role_word
from ui.gm_names import program_name
from ui.i18n import translate


def preset_label(preset: str) -> str:
    """A preset's name as the composer reads it ('pop' -> 'Pop' / 流行)."""
    labels = {
        "folk-tune": translate("Presets", "Folk tune"),
        "reel": translate("Presets", "Reel"),
        "chorale": translate("Presets", "Chorale"),
        "string-quartet": translate("Presets", "String quartet"),
        "piano": translate("Presets", "Piano"),
        "pop": translate("Presets", "Pop"),
        "rock": translate("Presets", "Rock"),
        "metal": translate("Presets", "Metal"),
        "ballad": translate("Presets", "Ballad"),
        "lofi": translate("Presets", "Lo-fi hip hop"),
        "hiphop": translate("Presets", "Hip hop"),
        "house": translate("Presets", "House / EDM"),
        "funk": translate("Presets", "Funk"),
        "soul": translate("Presets", "Soul / R&B"),
        "reggae": translate("Presets", "Reggae"),
        "latin": translate("Presets", "Bossa / Latin"),
        "jazz": translate("Presets", "Swing / Jazz"),
        "blues": translate("Presets", "Blues"),
        "country": translate("Presets", "Country"),
        "cinematic": translate("Presets", "Cinematic"),
        "chinese": translate("Presets", "Chinese pentatonic"),
    }
    return labels.get(preset, preset)


def field_label(name: str) -> str:
    """What a Reading field is called in a sentence ('tempo', 速度)."""
    labels = {
        "preset": translate("Understood", "style"),
        "tempo_bpm": translate("Understood", "tempo"),
        "meter": translate("Understood", "meter"),
        "key": translate("Understood", "key"),
        "scale": translate("Understood", "scale"),
        "bars": translate("Understood", "length"),
        "density": translate("Understood", "notes per bar"),
        "velocity_range": translate("Understood", "dynamics"),
        "instrument": translate("Understood", "instrument"),
        "seconds": translate("Understood", "length"),
        "form": translate("Understood", "form"),
    }
    return labels.get(name, name)


def _mode(mode: str) -> str:
    modes = {
        "major": translate("Understood", "major"),
        "minor": translate("Understood", "minor"),
        "dorian": translate("Understood", "Dorian"),
        "phrygian": translate("Understood", "Phrygian"),
        "lydian": translate("Understood", "Lydian"),
        "mixolydian": translate("Understood", "Mixolydian"),
        "aeolian": translate("Understood", "Aeolian"),
        "ionian": translate("Understood", "Ionian"),
        "gong": translate("Understood", "gong mode (pentatonic)"),
        "shang": translate("Understood", "shang mode (pentatonic)"),
        "jue": translate("Understood", "jue mode (pentatonic)"),
        "zhi": translate("Understood", "zhi mode (pentatonic)"),
        "yu": translate("Understood", "yu mode (pentatonic)"),
    }
    return modes.get(mode, mode)


def _instrument(program: int) -> str:
    number = program + 1  # instruments are numbered from 1 wherever the app shows them
    return translate("Understood", "{0} (GM {1})").format(program_name(program), number)


def value_text(item: Understood) -> str:
    """An item's value as the composer reads it ('D minor' -> 'D 小调', 24 bars -> '24 小节')."""
    formatters: dict[str, Callable[[Any], str]] = {
        "preset": preset_label,
        "key": _key,
        "scale": _key,
        "meter": lambda meter: f"{meter[0]}/{meter[1]}",
        "bars": _bars,
        "seconds": _seconds,
        "velocity_range": _dynamics,
        "instrument": _instrument,
        "lead": _instrument,
        "form": _form,
        "section": role_word,
    }
    value = item.value
    if item.field in formatters and value is not None:
        return formatters[item.field](value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _key(name: str) -> str:
    tonic, _, mode = name.partition(" ")
    return translate("Understood", "{0} {1}").format(tonic, _mode(mode))


def _bars(count: int) -> str:
    return translate("Understood", "%n bar(s)", None, count)


def _seconds(seconds: float) -> str:
    clock = f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return translate("Understood", "{0} s ({1})").format(f"{seconds:g}", clock)


def _form(form: str) -> str:
    """A form of sections in the composer's words; a letter form ('AABA') as it is."""
    return " ".join(role_word(role) for role in form.split()) if " " in form else form


def _dynamics(span: tuple[int, ...]) -> str:
    low, high = span[0], span[-1]
    if tuple(span) == VELOCITY_RANGES["soft"]:
        return translate("Understood", "soft ({0}-{1})").format(low, high)
    if tuple(span) == VELOCITY_RANGES["loud"]:
        return translate("Understood", "loud ({0}-{1})").format(low, high)
    return f"{low}-{high}"


def _quoted(words: Sequence[str], listing: bool = False) -> str:
    """Words quoted ("'slow'", “慢”) and joined: with 'and', or as a list."""
    quote = translate("Understood", "'{0}'")
    joiner = translate("Understood", ", ") if listing else translate("Understood", " and ")
    return joiner.join(quote.format(word) for word in words)


def understood_line(item: Understood) -> str:
    """One item as a sentence: "tempo 72 from 'slow'", or in Chinese "速度 72, 来自“慢”"."""
    words, preset = _quoted(item.words), preset_label(item.preset)
    if item.field in ("drums", "bass"):
        return _part_line(item.field, item.note).format(words, preset)
    if item.field == "lead":
        return translate("Understood", "lead {0} from {1} (the {2} preset's own)").format(
            value_text(item), words, preset
        )
    if item.field == "section":
        return translate(
            "Understood",
            "section {0} from {1}: the {2} style's form decides the sections; name two or "
            "more in order (verse chorus verse chorus) to set the form",
        ).format(value_text(item), words, preset)
    if item.note == "tonic from preset":
        return translate("Understood", "{0} {1} from {2} (tonic from the {3} preset)").format(
            field_label(item.field), value_text(item), words, preset
        )
    return translate("Understood", "{0} {1} from {2}").format(
        field_label(item.field), value_text(item), words
    )


def _part_line(part: str, note: str) -> str:
    """The template for drums or bass the preset has ({0}: the words, {1}: the preset)."""
    has = note == "preset has it"
    if part == "drums":
        if has:
            return translate("Understood", "drum kit from {0} (the {1} preset has one)")
        return translate(
            "Understood",
            "drum kit from {0}: the {1} preset has none; add one afterwards with Add Track",
        )
    if has:
        return translate("Understood", "bass from {0} (the {1} preset has one)")
    return translate(
        "Understood", "bass from {0}: the {1} preset has none; add one afterwards with Add Track"
    )


def understood_lines(reading: Reading) -> list[str]:
    """Every item as a line, then the words not understood (or that nothing was)."""
    lines = [understood_line(item) for item in reading.understood()]
    if not lines:
        lines.append(
            translate("Understood", "nothing recognised: using the {0} preset as it is").format(
                preset_label(reading.preset)
            )
        )
    if reading.ignored:
        lines.append(
            translate("Understood", "not understood: {0}").format(
                _quoted(reading.ignored, listing=True)
            )
        )
    return lines


def understood_text(reading: Reading) -> str:
    """The whole reading in one sentence, for a label under the prompt."""
    joined = translate("Understood", "; ").join(understood_lines(reading))
    return translate("Understood", "Understood: {0}").format(joined)
