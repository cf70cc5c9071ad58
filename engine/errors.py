"""The root of the engine's exception tree.

Every error the engine raises on purpose derives from `TesseraError`, so the UI and the CLI can
show it as a friendly one-line message and treat anything else as a bug with a traceback.
Each module defines its own subclasses next to the code that raises them.
"""


class TesseraError(Exception):
    """An expected failure with a message meant for the user: what was wrong and what to do."""
