"""What the section band calls each role, in the composer's language.

The engine's roles (`engine.song.sections.ROLES`) are fixed English keys; these give each the
words the menus show ("Verse", 主歌), the word a sentence uses ("the verse default"), and the
name a new section gets until the composer types one (`engine.song.sections.ROLE_NAMES`, in
the composer's language). Every text is a literal `translate()` call so `lupdate` finds it.
"""

from __future__ import annotations

from engine.song.sections import ROLE_NAMES
from ui.i18n import translate


def role_label(role: str) -> str:
    """The role as a menu item names it ('Verse', 'Strain (A, B…)')."""
    labels = {
        "intro": translate("SectionRoles", "Intro"),
        "verse": translate("SectionRoles", "Verse"),
        "pre-chorus": translate("SectionRoles", "Pre-chorus"),
        "chorus": translate("SectionRoles", "Chorus"),
        "bridge": translate("SectionRoles", "Bridge"),
        "solo": translate("SectionRoles", "Solo"),
        "break": translate("SectionRoles", "Break"),
        "build": translate("SectionRoles", "Build"),
        "drop": translate("SectionRoles", "Drop"),
        "outro": translate("SectionRoles", "Outro"),
        "strain": translate("SectionRoles", "Strain (A, B…)"),
        "other": translate("SectionRoles", "Other"),
    }
    return labels.get(role, role)


def role_word(role: str) -> str:
    """The role as a word inside a sentence ('the verse default')."""
    words = {
        "intro": translate("SectionRoles", "intro"),
        "verse": translate("SectionRoles", "verse"),
        "pre-chorus": translate("SectionRoles", "pre-chorus"),
        "chorus": translate("SectionRoles", "chorus"),
        "bridge": translate("SectionRoles", "bridge"),
        "solo": translate("SectionRoles", "solo"),
        "break": translate("SectionRoles", "break"),
        "build": translate("SectionRoles", "build"),
        "drop": translate("SectionRoles", "drop"),
        "outro": translate("SectionRoles", "outro"),
        "strain": translate("SectionRoles", "strain"),
        "other": translate("SectionRoles", "other"),
    }
    return words.get(role, role)


def new_section_name(role: str) -> str:
    """The name a new section of `role` gets: the role's label in the composer's language, a
    strain's letter, and 'Section' for a section of no set role."""
    if role == "strain":
        return ROLE_NAMES["strain"]
    if role == "other":
        return translate("SectionRoles", "Section")
    return role_label(role) if role in ROLE_NAMES else translate("SectionRoles", "Section")


def is_role_name(name: str, role: str) -> bool:
    """Whether `name` is still the name `role` gives a new section, in English or the
    composer's language (so relabelling the section renames it too)."""
    return name in (ROLE_NAMES.get(role), new_section_name(role))
