"""A dark or light look that follows the system, on Qt's Fusion style.

Qt 6.5+ reports the system colour scheme; Fusion with a matching palette gives the same look on
every platform, and widgets that paint themselves read colours from the palette, so they follow.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with a dark palette when the system (or `dark`) says so, else the light one."""
    app.setStyle("Fusion")
    use_dark = system_is_dark() if dark is None else dark
    app.setPalette(dark_palette() if use_dark else app.style().standardPalette())


def follow_system_theme(app: QApplication) -> None:
    """Apply now and again whenever the system switches between light and dark."""
    apply_theme(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
