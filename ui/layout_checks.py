"""Checks that a window's layout fits: no sibling widgets drawn over each other, every enabled
control inside the window and not squeezed to nothing, and a minimum size the screen can hold.

The screenshot tests run these on the real window at 1024 x 640, 1366 x 768 and 1920 x 1080.
A widget's *visible rectangle* is its rectangle in window coordinates clipped by every
ancestor, so what legitimately stacks is not reported: a tab or stacked page that is not
current is hidden, a dock tabbed behind another is moved off the window by Qt, and a scroll
area's content is clipped by its viewport. Controls inside a scroll area count as reachable
when they lie inside the scrolled content (the composer scrolls to them).
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QToolBar,
    QWidget,
)

CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit)
"""What a composer presses, types in or drags: each must be reachable when enabled."""


def describe(widget: QWidget) -> str:
    """A widget as a person debugging the layout would look for it: class, name and text."""
    name = widget.objectName()
    text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
    label = f" {name!r}" if name else ""
    label += f" {text!r}" if text else ""
    parent = widget.parentWidget()
    where = f" in {type(parent).__name__}" if parent is not None else ""
    return f"{type(widget).__name__}{label}{where}"


def rect_in_window(widget: QWidget, window: QWidget) -> QRect:
    """The widget's whole rectangle in window coordinates (not clipped)."""
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def visible_rect(widget: QWidget, window: QWidget, stop: QWidget | None = None) -> QRect:
    """The part of the widget its ancestors let show, in window coordinates; `stop` ends the
    clipping below it (a scroll area's content widget, to ignore its viewport)."""
    shown = rect_in_window(widget, window)
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not stop:
        shown = shown.intersected(rect_in_window(ancestor, window))
        if ancestor is window:
            break
        ancestor = ancestor.parentWidget()
    return shown


def _shown_children(widget: QWidget) -> list[QWidget]:
    return [
        child
        for child in widget.children()
        if isinstance(child, QWidget) and child.isVisible() and not child.isWindow()
    ]


def _walk(widget: QWidget) -> Iterator[QWidget]:
    """The widget and every visible descendant (not separate windows such as dialogs)."""
    yield widget
    for child in _shown_children(widget):
        yield from _walk(child)


def overlaps(window: QWidget) -> list[str]:
    """Pairs of visible sibling widgets whose visible rectangles cover each other."""
    found = []
    for parent in _walk(window):
        shown = [(child, visible_rect(child, window)) for child in _shown_children(parent)]
        shown = [(child, rect) for child, rect in shown if not rect.isEmpty()]
        for index, (first, first_rect) in enumerate(shown):
            for second, second_rect in shown[index + 1 :]:
                common = first_rect.intersected(second_rect)
                if not common.isEmpty():
                    found.append(
                        f"{describe(first)} {_box(first_rect)} overlaps {describe(second)} "
                        f"{_box(second_rect)} by {common.width()}x{common.height()} px"
                    )
    return found


def _scroll_content(widget: QWidget) -> QWidget | None:
    """The content widget of the scroll area the widget sits in (None when it is in none)."""
    child, ancestor = widget, widget.parentWidget()
    while ancestor is not None:
        area = ancestor.parentWidget()
        if isinstance(area, QAbstractScrollArea) and ancestor is area.viewport():
            return child
        child, ancestor = ancestor, ancestor.parentWidget()
    return None


def unreachable(window: QWidget) -> list[str]:
    """Enabled controls outside the window, or clipped by a parent (outside a scroll area),
    or squeezed to nothing."""
    found = []
    inside = window.rect()
    for widget in _walk(window):
        if widget is window or not isinstance(widget, CONTROLS) or not widget.isEnabled():
            continue
        if _stacked_away(widget, window):
            continue
        whole = rect_in_window(widget, window)
        content = _scroll_content(widget)
        if widget.width() < 1 or widget.height() < 1:
            found.append(f"{describe(widget)} is squeezed to {widget.width()}x{widget.height()}")
        elif not inside.contains(whole) and content is None:
            found.append(f"{describe(widget)} {_box(whole)} is outside the window {_box(inside)}")
        elif visible_rect(widget, window, stop=content) != whole and (
            content is None or not rect_in_window(content, window).contains(whole)
        ):
            shown = visible_rect(widget, window, stop=content)
            found.append(f"{describe(widget)} {_box(whole)} is clipped to {_box(shown)}")
    return found


def _stacked_away(widget: QWidget, window: QWidget) -> bool:
    """In a part the window has put out of sight to show another (a dock tabbed behind
    another): reached through its tab, so not a layout fault."""
    ancestor: QWidget | None = widget
    while ancestor is not None and ancestor is not window:
        if visible_rect(ancestor, window).isEmpty() and ancestor.parentWidget() is window:
            return True
        ancestor = ancestor.parentWidget()
    return False


def overflowed(toolbar: QToolBar) -> list[QAction]:
    """The toolbar's actions (not separators) pushed into its overflow menu."""
    hidden = []
    for action in toolbar.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        widget = toolbar.widgetForAction(action)
        if widget is not None and not widget.isVisible():
            hidden.append(action)
    return hidden


def too_big_for(window: QWidget, screen: QSize) -> list[str]:
    """The window's least size against a screen: it must fit."""
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    if least.width() <= screen.width() and least.height() <= screen.height():
        return []
    return [
        f"the window needs at least {least.width()}x{least.height()} px, more than the "
        f"{screen.width()}x{screen.height()} screen"
    ]


def layout_problems(window: QWidget) -> list[str]:
    """Everything wrong with the window's layout at its present size (empty: it fits)."""
    return too_big_for(window, window.size()) + overlaps(window) + unreachable(window)


def _box(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}x{rect.height()})"
