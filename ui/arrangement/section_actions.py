"""What the section band's menus do: edit the form, and compose a section (regenerate, vary,
copy to, make it a chorus), for one section or all its repeats.

Form edits go through the band (`SectionBand.apply`), so each is one undo step and a refused
one becomes a status message. Section operations become the engine's requests
(`engine.compose.requests`) and run through `ComposeActions.compose_section`, the same job path
as Regenerate: a seed from the inspector, a background job, a take and one undo step.
"Apply to all repeats", a checkable item in every section's menu, sends regenerate and vary to
the section and each of its repeats (`engine.song.sections.repeats_of`).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QWidget

from engine.compose.requests import (
    CopySection,
    RecastSection,
    RegenerateSection,
    SectionScope,
    VarySection,
)
from engine.song.sections import DEFAULT_ENERGY, ROLES, repeats_of
from engine.studio.document import Document
from ui.arrangement import form_edits
from ui.arrangement.role_names import role_label
from ui.arrangement.section_band import SectionBand
from ui.arrangement.section_dialogs import EnergyDialog, VaryDialog
from ui.arrangement.section_geometry import new_section_span
from ui.compose_actions import ComposeActions
from ui.i18n import translate


class SectionActions(QObject):
    """The band's menus and what their items do, on the document's song."""

    message = Signal(str)

    def __init__(
        self, band: SectionBand, document: Document, compose: ComposeActions, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.band, self.document, self.compose = band, document, compose
        self._parent = parent
        self.apply_to_all = QAction(translate("SectionActions", "Apply to All Repeats"), self)
        self.apply_to_all.setCheckable(True)
        self.apply_to_all.setToolTip(
            translate("SectionActions", "Regenerate and Vary change every repeat of the section")
        )
        band.song_edited.connect(self.document.apply_edit)
        band.message.connect(self.message)
        band.section_clicked.connect(self.select_bars)
        band.menu_requested.connect(self._popup)

    # --- the form ----------------------------------------------------------------------------

    def add(self, first_bar: int, bars: int, role: str) -> None:
        self.band.apply(lambda song: form_edits.add(song, first_bar, bars, role))

    def set_role(self, index: int, role: str) -> None:
        self.band.apply(lambda song: form_edits.set_role(song, index, role))

    def set_energy(self, index: int, level: float | None) -> None:
        """Section `index` at energy `level` (0-1), or its role's default when None."""
        self.band.apply(lambda song: form_edits.set_energy(song, index, level))

    def delete(self, index: int) -> None:
        self.band.apply(lambda song: form_edits.delete(song, index))

    def select_bars(self, index: int) -> None:
        """Select every track's cells over section `index`'s bars, so Regenerate, Lock and the
        other cell operations act on the section."""
        song = self.document.song
        if not 0 <= index < len(song.sections):
            return
        bars = song.sections[index].bar_range
        self.band.select(index)
        self.document.set_selection(
            (track, bar) for track in range(len(song.tracks)) for bar in bars
        )

    def ask_energy(self, index: int) -> None:
        dialog = EnergyDialog(self.document.song.sections[index], self._parent)
        accepted, level = dialog.exec() == QDialog.DialogCode.Accepted, dialog.level()
        dialog.deleteLater()  # by Qt, not by Python's collector at some later moment
        if accepted:
            self.set_energy(index, level)

    # --- composing a section -----------------------------------------------------------------

    def scope(self) -> SectionScope:
        return "all" if self.apply_to_all.isChecked() else "one"

    def regenerate(self, index: int) -> None:
        controls = self.compose.controls()
        self.compose.compose_section(RegenerateSection(index, self.scope(), controls=controls))

    def vary(self, index: int, strength: float, scope: SectionScope) -> None:
        controls = self.compose.controls()
        self.compose.compose_section(VarySection(index, strength, scope, controls=controls))

    def copy_to(self, index: int, to_bar: int) -> None:
        self.compose.compose_section(CopySection(index, to_bar))

    def recast(self, index: int, role: str) -> None:
        self.compose.compose_section(RecastSection(index, role))

    def ask_vary(self, index: int) -> None:
        sections = self.document.song.sections
        repeats = len(repeats_of(sections, index))
        dialog = VaryDialog(sections[index], repeats, self.apply_to_all.isChecked(), self._parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        strength, scope = dialog.strength(), dialog.scope()
        dialog.deleteLater()
        if accepted:
            self.apply_to_all.setChecked(scope == "all")
            self.vary(index, strength, scope)

    def ask_copy(self, index: int) -> None:
        song = self.document.song
        section = song.sections[index]
        bars = section.bars
        suggested = min(song.bar_count, section.last_bar + 2)
        bar, ok = QInputDialog.getInt(
            self._parent,
            translate("SectionActions", "Copy {0}").format(section.name),
            translate(
                "SectionActions", "Copy '{0}' (%n bar(s)) to start at bar", None, bars
            ).format(section.name),
            suggested,
            1,
            song.bar_count,
        )
        if ok:
            self.copy_to(index, bar - 1)

    # --- menus -------------------------------------------------------------------------------

    def section_menu(self, index: int) -> QMenu:
        """A section's menu: its form (rename, role, energy, bars), then composing it, then
        deleting it."""
        song = self.document.song
        section = song.sections[index]
        menu = QMenu(self._parent)
        menu.addAction(
            translate("SectionActions", "Rename…"), lambda: self.band.rename(index)
        ).setShortcut("F2")
        roles = menu.addMenu(translate("SectionActions", "Role"))
        for role in ROLES:
            item = roles.addAction(role_label(role), partial(self.set_role, index, role))
            item.setCheckable(True)
            item.setChecked(role == section.role)
        menu.addAction(translate("SectionActions", "Energy…"), lambda: self.ask_energy(index))
        default = round(DEFAULT_ENERGY[section.role] * 100)
        reset = menu.addAction(
            translate("SectionActions", "Reset Energy to the {0} Default ({1}%)").format(
                role_label(section.role), default
            ),
            lambda: self.set_energy(index, None),
        )
        reset.setEnabled(section.energy is not None)
        menu.addAction(
            translate("SectionActions", "Select the Section's Bars"),
            lambda: self.select_bars(index),
        )
        menu.addSeparator()
        menu.addAction(
            translate("SectionActions", "Regenerate Section"), lambda: self.regenerate(index)
        )
        menu.addAction(translate("SectionActions", "Vary Section…"), lambda: self.ask_vary(index))
        menu.addAction(translate("SectionActions", "Copy To…"), lambda: self.ask_copy(index))
        recast = menu.addMenu(translate("SectionActions", "Make This a"))
        for role in ROLES:
            item = recast.addAction(role_label(role), partial(self.recast, index, role))
            item.setEnabled(role != section.role)
        others = len(repeats_of(song.sections, index)) - 1
        self.apply_to_all.setText(
            translate("SectionActions", "Apply to All Repeats (%n more)", None, others)
            if others
            else translate("SectionActions", "Apply to All Repeats (none)")
        )
        menu.addAction(self.apply_to_all)
        menu.addSeparator()
        menu.addAction(
            translate("SectionActions", "Delete Section"), lambda: self.delete(index)
        ).setShortcut("Del")
        return menu

    def add_menu(self, menu: QMenu, first_bar: int, bars: int, title: str) -> QMenu:
        """A submenu of `menu` adding a section over these bars, one item per role."""
        if bars > 1:
            where = translate("SectionActions", "bars {0}-{1}").format(
                first_bar + 1, first_bar + bars
            )
        else:
            where = translate("SectionActions", "bar {0}").format(first_bar + 1)
        roles = menu.addMenu(f"{title} ({where})")
        for role in ROLES:
            roles.addAction(role_label(role), partial(self.add, first_bar, bars, role))
        return roles

    def empty_menu(self, bar: int) -> QMenu:
        """The menu of an empty stretch of the band: add a section there, over the selected
        bars when the click fell inside them."""
        song = self.document.song
        selected = sorted({b for _, b in self.document.selection})
        first, bars = new_section_span(song.sections, bar, song.bar_count, selected)
        menu = QMenu(self._parent)
        self.add_menu(menu, first, bars, translate("SectionActions", "Add Section"))
        return menu

    def add_to_cell_menu(self, menu: QMenu) -> None:
        """The grid's cell menu gains 'Add Section from Selection' over the selected bars."""
        bars = sorted({b for _, b in self.document.selection})
        if bars:
            menu.addSeparator()
            title = translate("SectionActions", "Add Section from Selection")
            self.add_menu(menu, bars[0], bars[-1] - bars[0] + 1, title)

    def _popup(self, index: int | None, bar: int, where: QPoint) -> None:
        menu = self.section_menu(index) if index is not None else self.empty_menu(bar)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
