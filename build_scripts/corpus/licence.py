"""Decide, from a work's own text, whether it may be trained on, and say why in words.

Why rules on the text and not on folder names: music21's corpus licence says some encodings
"may not be used for commercial uses or have other restrictions: please see the licenses
embedded in individual compositions or directories". So every rule below looks for words in the
file's header (or its folder's licence file): a Humdrum "rights reserved" line, a GPL notice, a
share-alike licence, a modern publisher's copyright line. A work passes only if no rule fires
and its composition is public domain in both the US and the EU/UK (see `composers`).

The encoding basis says what the file itself grants: CC0, a public-domain release, CC BY, or
nothing explicit, in which case the work rests on music21 redistributing it "with the
permission of the encoders" and is recorded as such, never as CC0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.corpus.catalogue import collection_for, publication_for
from build_scripts.corpus.composers import (
    COLLECTORS,
    TRADITIONAL,
    Composer,
    find_composer,
    is_traditional,
    judge_composition,
)
from build_scripts.corpus.sources import FOLDER_LICENCE_MARKER, WorkSource

PERMISSION_BASIS = (
    "encoding redistributed by music21 with the encoders' permission; no explicit licence"
)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Included with a licence basis, or excluded with a reason; `code` is a short label."""

    included: bool
    code: str
    text: str
    composer: Composer
    rights_notice: str = ""
    caution: str = ""


_I = re.IGNORECASE
RESTRICTIONS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"rights to all derivative electronic formats reserved", _I),
        "rights-reserved",
        "the encoding's copyright holder reserves all derivative electronic formats",
    ),
    (re.compile(r"non-?commercial", _I), "non-commercial", "licensed for non-commercial use only"),
    (
        re.compile(r"GNU General Public License", _I),
        "copyleft",
        "encoding under the GNU GPL (copyleft), which would bind the model",
    ),
    (
        re.compile(r"all rights reserved", _I),
        "rights-reserved",
        "the file says 'All Rights Reserved'",
    ),
    (
        re.compile(r"ut ?orpheus", _I),
        "modern-edition",
        "scanned from the Ut Orpheus Edizioni 2003 edition, whose copyright line is in the file",
    ),
    (
        re.compile(r"\bby-?sa\b|cc-sa-by|share-?alike", _I),
        "share-alike",
        "encoding under CC BY-SA: share-alike may extend to a model trained on it (excluded "
        "until the project decides to accept share-alike data)",
    ),
    (
        re.compile(r"(?<![A-Za-z])PMFC(?![A-Za-z])|Edition by Leo Schrade|Oiseau-Lyre", _I),
        "modern-edition",
        "transcribed from the modern critical edition Polyphonic Music of the Fourteenth "
        "Century (L'Oiseau-Lyre, 1956-91): the editors' work may be protected (UK: Sawkins v "
        "Hyperion, 2005), and some of these pieces were first published there",
    ),
)
"""(pattern in the file's text or path, exclusion code, reason). Order decides the code."""

EXCEPTIONS: dict[str, tuple[str, str]] = {
    "music21:nottingham-dataset/reelsa-c.abc#81": (
        "unknown-composer",
        "its source line 'Joy, via EF' names neither a composer nor a "
        "date, so the tune cannot be shown to be public domain",
    ),
}
"""Single works excluded after reading them, keyed by work id."""

_NOTICE = re.compile(
    r"©|\(c\)|copyright|licen[cs]e|public domain|\bCC0\b|CC-BY|"
    r"used by permission|rights",
    _I,
)


def classify(source: WorkSource, corpus_paths: frozenset[str]) -> Verdict:
    """The verdict for one work; `corpus_paths` lets duplicates see their other encodings."""
    composer = resolve_composer(source)
    if source.work_id in EXCEPTIONS:
        code, reason = EXCEPTIONS[source.work_id]
        return Verdict(False, code, reason, composer)
    early = not_music(source, corpus_paths)
    if early:
        return Verdict(False, early[0], early[1], composer)
    notice = rights_notice(source.header.split(FOLDER_LICENCE_MARKER)[0])
    reasons = restrictions(source)  # first, so a restricted second copy is listed as such
    second_copy = superseded(source, corpus_paths)
    if second_copy:
        reasons.append(second_copy)
    published, _edition = publication_for(source.rel_path)
    judgement = judge_composition(composer, source.composer_text, published)
    if not judgement.free:
        code = "unknown-publication" if published is None else "in-copyright"
        reasons.append((code, judgement.basis))
    if reasons:
        text = "; ".join(reason for _, reason in reasons)
        return Verdict(False, reasons[0][0], text, composer, notice)
    code, encoding = encoding_basis(source.header)
    cautions = [judgement.caution, *encoding_cautions(source.header)]
    return Verdict(
        True,
        code,
        f"{judgement.basis}; {encoding}",
        composer,
        notice,
        "; ".join(caution for caution in cautions if caution),
    )


def resolve_composer(source: WorkSource) -> Composer:
    """The composer a work is judged by: named in the file, else the folder's composer."""
    _, collection = collection_for(source.rel_path)
    text = source.composer_text
    named = find_composer(text) if text else None
    if named is not None and not (
        collection.composer_field == "source" and named.name in COLLECTORS
    ):
        return named
    default = collection.default_composer
    if default and default != TRADITIONAL.name:
        return find_composer(default) or Composer(default, None, None, ())
    if is_traditional(text) or collection.composer_field == "source" or not default:
        return TRADITIONAL if default == TRADITIONAL.name or not text else _unknown(text)
    return _unknown(text)


def _unknown(text: str) -> Composer:
    """A composer missing from the table, named as the file spells it ('JAS. HAND' as title)."""
    name = " ".join(re.sub(r"^(by|composed by)\s+", "", text.strip(" .;"), flags=_I).split())
    return Composer(name.title() if name.isupper() else name, None, None, ())


def not_music(source: WorkSource, corpus_paths: frozenset[str]) -> tuple[str, str] | None:
    """Files in the corpus that are not musical works to learn from."""
    folder = source.rel_path.split("/", 1)[0]
    suffix = source.rel_path.rsplit(".", 1)[-1].lower()
    if suffix == "rntxt":
        return "not-music", "Roman-numeral analysis (.rntxt), not a score"
    if folder == "demos":
        return "not-music", "music21 demonstration/test file, not a work"
    if folder == "theoryExercises":
        return "not-music", "music-theory exercise, not a work"
    if suffix in ("mus", "musx"):
        stem = source.rel_path.rsplit(".", 1)[0]
        export = next(
            (f"{stem}.{ext}" for ext in ("mxl", "xml") if f"{stem}.{ext}" in corpus_paths), ""
        )
        return "unreadable", (
            "Finale binary that music21 cannot read"
            + (f"; its export {export} is classified instead" if export else "")
        )
    return None


def superseded(source: WorkSource, corpus_paths: frozenset[str]) -> tuple[str, str] | None:
    """Second copies: backups, a second encoding of one work, a file's reference appendix."""
    stem, _, suffix = source.rel_path.rpartition(".")
    for marker in ("_old", "_bak"):
        if stem.endswith(marker):
            return "duplicate", f"superseded copy of {stem.removesuffix(marker)}.{suffix}"
    if suffix in ("krn", "xml") and f"{stem}.mxl" in corpus_paths:
        return "duplicate", f"another encoding of this work is included: {stem}.mxl"
    appendix = re.search(r"appended for reference; I've added 100 to the numbers", source.header)
    if appendix and source.tune.isdigit() and int(source.tune) > 100:
        return "duplicate", (
            f"unedited reference copy of tune {int(source.tune) - 100} (the "
            "file's preamble: 'Something close to the original file is "
            "appended for reference; I've added 100 to the numbers')"
        )
    return None


def restrictions(source: WorkSource) -> list[tuple[str, str]]:
    """Every restriction rule whose words appear in the file's text (or its path)."""
    haystack = f"{source.rel_path}\n{source.header}"
    found = []
    for pattern, code, reason in RESTRICTIONS:
        match = pattern.search(haystack)
        if match:
            found.append((code, f"{reason} (file text: {_context(haystack, match)!r})"))
    return found


def _context(text: str, match: re.Match[str]) -> str:
    start = max(0, text.rfind("\n", 0, match.start()) + 1, match.start() - 60)
    end = min(len(text), match.end() + 60)
    line_end = text.find("\n", match.end())
    end = min(end, line_end) if line_end >= 0 else end
    return " ".join(text[start:end].split())


def rights_notice(header: str) -> str:
    """The lines of the file's text that state rights, verbatim and trimmed, joined by ' | '."""
    found: list[str] = []
    for line in header.splitlines():
        phrase = " ".join(line.split())[:160]
        if phrase and phrase not in found and _NOTICE.search(line):
            found.append(phrase)
    return " | ".join(found[:4])[:400]


def encoding_basis(header: str) -> tuple[str, str]:
    """(code, words) for what the file grants for its encoding."""
    if re.search(r"\bCC0\b", header):
        return "pd+cc0", "encoding released as CC0 by its encoder (stated in the file)"
    if re.search(r"released to public domain", header, _I):
        return (
            "pd+pd-encoding",
            "encoding released to the public domain by its encoder (stated in the file)",
        )
    if re.search(r"CC-BY|Creative Commons License \(CC-BY\)", header):
        return "pd+cc-by", "encoding under CC BY (stated in the file): credit the encoder"
    return "pd+permission", PERMISSION_BASIS


def encoding_cautions(header: str) -> list[str]:
    """Facts about the encoding's origin that a reviewer should know about."""
    cautions = []
    if "musescore.com" in header:
        cautions.append(
            "encoding taken from a musescore.com upload whose licence the file does not record"
        )
    if "wikifonia" in header.lower():
        cautions.append(
            "encoding taken from Wikifonia (closed in 2013 over licensing); the "
            "file itself says 'Public Domain'"
        )
    if re.search(r"^rights: (Copyright )?©\s*$", header, re.MULTILINE):
        cautions.append("the file carries an empty 'Copyright ©' placeholder")
    return cautions
