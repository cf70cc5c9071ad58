"""The engine's words in the user's language.

The engine writes its messages in English but keeps each one's template and values
(`engine.words.Words`, marked with `QT_TRANSLATE_NOOP` so that `pyside6-lupdate` collects the
templates into the same translation files as the window's own words). Everything the window
shows from the engine (an error, an outcome's note, a job's label) goes through `engine_text`,
which translates the template and fills in the values, each translated in its turn when it is
engine words too. Text the engine did not mark (or a template with no translation yet) is shown
in English, as before.
"""

from __future__ import annotations

import logging

from engine.song.gm import GM_PROGRAM_NAMES
from engine.words import Words, message_of
from ui import i18n
from ui.gm_names import program_name

log = logging.getLogger(__name__)


def engine_text(said: object) -> str:
    """`said` (an engine error, `Words`, or any text) as the user should read it."""
    if isinstance(said, BaseException):
        said = message_of(said)
    if not isinstance(said, Words):
        return str(said)
    template = _translated(said.context, said.template)
    if not said.filled:
        return template
    values = {name: _value(value) for name, value in said.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError) as err:
        # A translation that names a field the English does not: the English still reads right.
        log.warning("the translation of %r does not fit its values: %s", said.template, err)
        return str(said)


def _translated(context: str, template: str) -> str:
    """The template in the user's language (looked up by its context and English text, the
    key lupdate stores it under). A lookup of text known only at run time, so it is called
    through the module: lupdate collects these texts from the engine's marks, not from here."""
    return i18n.translate(context, template)


def _value(value: object) -> object:
    """A value as the translated template takes it: engine words translated, anything else
    as it is (numbers keep their format specs, such as `{seconds:.1f}`)."""
    return engine_text(value) if isinstance(value, Words) else value


def track_name(default: str) -> str:
    """The name a new track gets in the user's language, from the English name the engine
    chose: a preset voice's ("Fiddle" -> 小提琴, in the "PresetVoices" context, whose names the
    translation build collects from the preset files), else a General MIDI instrument's (the
    lead of "... for flute", or an added track), else the name as it is. Given to
    `Studio.compose_job` as its `track_names`, which only names tracks it just created."""
    said = _translated("PresetVoices", default)
    if said != default:
        return said
    if default in GM_PROGRAM_NAMES:
        return program_name(GM_PROGRAM_NAMES.index(default))
    return default
