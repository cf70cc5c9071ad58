"""The root of the engine's exception tree.

Every error the engine raises on purpose derives from `TesseraError`, so the UI and the CLI can
show it as a friendly one-line message and treat anything else as a bug with a traceback.
Each module defines its own subclasses next to the code that raises them.

A message is raised as `engine.words` words (`QT_TRANSLATE_NOOP("Context", "template {name}")
.format(name=...)`): `str(err)` is the English text as before, and the window shows it in the
user's language (`engine.words.message_of` gives the words back from the error).
"""


class TesseraError(Exception):
    """An expected failure with a message meant for the user: what was wrong and what to do."""
