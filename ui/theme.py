"""Light, dark or the system's look, on Qt's Fusion style, and note colours that stay visible.

Qt 6.5+ reports the system colour scheme; Fusion with a matching palette gives the same look on
every platform, and widgets that paint themselves read colours from the palette, so they follow.
The composer's choice (light, dark or follow the system) is kept in the settings under
`THEME_KEY` and applied at start; the Settings menu (`ui.settings_menu`) changes it.

`note_colour` is the one rule for a note's fill: loud notes take the strong colour, quiet ones
fade toward the background but never below `QUIET_CONTRAST` (WCAG's 3:1 for graphics), so a
velocity-1 note is as visible on a dark grid as on a light one.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ThemeChoice = Literal["light", "dark", "system"]
THEMES: tuple[ThemeChoice, ...] = ("light", "dark", "system")
THEME_KEY = "view/theme"
"""The settings key holding the composer's ThemeChoice (absent: follow the system)."""

QUIET_CONTRAST = 3.0
"""The least contrast a note (velocity 1) has against the grid: WCAG's minimum for graphics."""
LOUD_CONTRAST = 4.5
"""The contrast a velocity-127 note reaches at least, so velocities span a visible range."""

_DARK = {
    QPalette.ColorRole.Window: QColor(37, 39, 43),
    QPalette.ColorRole.WindowText: QColor(220, 222, 226),
    QPalette.ColorRole.Base: QColor(28, 30, 33),
    QPalette.ColorRole.AlternateBase: QColor(45, 47, 52),
    QPalette.ColorRole.Text: QColor(220, 222, 226),
    QPalette.ColorRole.Button: QColor(50, 53, 58),
    QPalette.ColorRole.ButtonText: QColor(220, 222, 226),
    QPalette.ColorRole.Highlight: QColor(64, 128, 200),
    QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
    QPalette.ColorRole.ToolTipBase: QColor(50, 53, 58),
    QPalette.ColorRole.ToolTipText: QColor(220, 222, 226),
    QPalette.ColorRole.PlaceholderText: QColor(130, 134, 140),
    QPalette.ColorRole.Mid: QColor(70, 73, 78),
    QPalette.ColorRole.Dark: QColor(20, 21, 24),
    QPalette.ColorRole.Light: QColor(80, 84, 90),
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(110, 112, 118))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(110, 112, 118)
    )
    return palette


def light_palette(app: QApplication) -> QPalette:
    """Fusion's own light palette."""
    return app.style().standardPalette()


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with a dark palette when the system (or `dark`) says so, else the light one."""
    app.setStyle("Fusion")
    use_dark = system_is_dark() if dark is None else dark
    app.setPalette(dark_palette() if use_dark else light_palette(app))


def stored_theme(settings: QSettings) -> ThemeChoice:
    """The composer's stored choice; anything unknown (or nothing) follows the system."""
    value = settings.value(THEME_KEY, "system")
    return value if value in THEMES else "system"


def apply_theme_choice(app: QApplication, choice: ThemeChoice) -> None:
    """Light or dark as chosen, or whatever the system shows now for "system"."""
    apply_theme(app, None if choice == "system" else choice == "dark")


def choose_theme(app: QApplication, settings: QSettings, choice: ThemeChoice) -> None:
    """Keep the composer's choice and show it at once."""
    settings.setValue(THEME_KEY, choice)
    apply_theme_choice(app, choice)


def follow_system_theme(app: QApplication, settings: QSettings | None = None) -> None:
    """Apply the stored choice now; while it is "system", follow the system's switches too."""
    kept = settings or QSettings("Tessera", "Tessera")
    apply_theme_choice(app, stored_theme(kept))

    def system_switched(_scheme: Qt.ColorScheme) -> None:
        if stored_theme(kept) == "system":
            apply_theme(app)

    QGuiApplication.styleHints().colorSchemeChanged.connect(system_switched)


# Colours that must be told apart ---------------------------------------------------------------


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black .. 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 (same) .. 21 (black on white)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _mix(first: QColor, second: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


def _toward(start: QColor, goal: QColor, background: QColor, contrast: float) -> QColor:
    """The first colour on the way from `start` to `goal` with `contrast` against the
    background (or `goal` itself when none on the way has it)."""
    for step in range(51):
        colour = _mix(start, goal, step / 50)
        if contrast_ratio(colour, background) >= contrast:
            return colour
    return QColor(goal)


def note_colour(velocity: int, background: QColor, loud: QColor) -> QColor:
    """A note's fill: `loud` (pushed to LOUD_CONTRAST if it lacks it) at velocity 127, fading
    toward the background with lower velocity but keeping QUIET_CONTRAST at velocity 1."""
    far = QColor(0, 0, 0) if relative_luminance(background) > 0.18 else QColor(255, 255, 255)
    strong = _toward(loud, far, background, LOUD_CONTRAST)
    quiet = _toward(_mix(background, strong, 0.3), strong, background, QUIET_CONTRAST)
    colour = _mix(quiet, strong, max(0, min(127, velocity)) / 127)
    return _toward(colour, strong, background, QUIET_CONTRAST)
