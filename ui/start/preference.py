"""Whether the start screen shows at launch: the composer's choice, kept in the settings.

It is chosen in two places, the start screen's own "Don't show this at launch" box and
Settings → Show the Start Screen at Launch; both read and write the one value here, so each
shows what the other chose. Turned off, the start screen is still one click away (Help →
Start Screen).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

SHOW_AT_LAUNCH_KEY = "start/show_at_launch"
"""The settings key: true (the default) shows the start screen when nothing else opens."""


def shows_at_launch(settings: QSettings) -> bool:
    """Whether the start screen shows at launch (yes unless the composer turned it off)."""
    value = settings.value(SHOW_AT_LAUNCH_KEY, True)
    if isinstance(value, str):  # an .ini file gives back "true" / "false"
        return value.strip().lower() not in ("false", "0", "no", "off")
    return bool(value)


def set_shows_at_launch(settings: QSettings, show: bool) -> None:
    """Keep the choice for the next launch (written at once: the app may be closed abruptly)."""
    settings.setValue(SHOW_AT_LAUNCH_KEY, show)
    settings.sync()
