"""Find every work in music21's installed corpus and read the text that describes it.

Why here and not through music21: the licence of a file is written in its own header (a
Humdrum `!!!YEC:` line, a MusicXML `<rights>` element, an ABC comment), which music21 drops
when it parses. This module reads those bytes directly, so classification needs no parse, and
hashes exactly the bytes that are parsed:

- a whole file (MusicXML, .mxl, Humdrum) is one work; its hash is sha256 of the file's bytes;
- an ABC file holds many tunes; each tune (from its `X:` line to the next) is one work, parsed
  as the file's preamble (the text before the first `X:`, which applies to every tune) followed
  by the tune, and its hash is sha256 of exactly those preamble + tune bytes.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SOURCE_PACKAGE = "music21"
MUSIC_SUFFIXES = frozenset({".mxl", ".xml", ".musicxml", ".krn", ".abc", ".rntxt", ".mus", ".musx"})
"""Files that hold (or claim to hold) a musical work; images, code and caches are skipped."""

FOLDER_LICENCE_MARKER = "\n[licence file of this folder: "
"""Separates a work's own header text from its folder's licence file in `WorkSource.header`."""

_X_LINE = re.compile(rb"^X:", re.MULTILINE)
_ABC_FIELD = re.compile(r"^([A-Za-z]):(.*)$")


@dataclass(frozen=True, slots=True)
class WorkSource:
    """One work as found on disk, before any parse.

    `header` is the descriptive text a person would read for its rights: Humdrum reference
    records, the MusicXML identification and credits, an ABC file's preamble and the tune's
    fields, plus the folder's own licence file if it has one.
    """

    work_id: str
    rel_path: str
    tune: str
    source_sha256: str
    header: str
    title: str
    composer_text: str
    origin_text: str = ""
    abc_text: str = ""


def corpus_root() -> Path:
    """The installed music21 corpus folder."""
    import music21

    return Path(music21.__file__).resolve().parent / "corpus"


def music21_version() -> str:
    import music21

    return str(music21.__version__)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def split_abc(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(preamble, [(X value, tune bytes)]) of an ABC file; each tune runs to the next X: line."""
    starts = [match.start() for match in _X_LINE.finditer(data)]
    if not starts:
        return data, []
    tunes = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        line_end = data.find(b"\n", start)
        number = data[start + 2 : line_end if line_end >= 0 else end].decode("utf-8").strip()
        tunes.append((number, data[start:end]))
    return data[: starts[0]], tunes


def abc_tune_hash(preamble: bytes, tune: bytes) -> str:
    """The source hash of one ABC tune: sha256 of the preamble followed by the tune's bytes."""
    return sha256_hex(preamble + tune)


def work_id(rel_path: str, tune: str = "") -> str:
    """Stable id: 'music21:<path inside the corpus>' plus '#<X number>' for an ABC tune."""
    return f"{SOURCE_PACKAGE}:{rel_path}" + (f"#{tune}" if tune else "")


def iter_sources(root: Path) -> Iterator[WorkSource]:
    """Every work in the corpus folder, in a stable order (sorted paths, then file order)."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in MUSIC_SUFFIXES:
            yield from sources_in_file(root, path.relative_to(root).as_posix())


def sources_in_file(root: Path, rel_path: str) -> Iterator[WorkSource]:
    """The works of one corpus file: the file itself, or each tune of an ABC file."""
    path = root / rel_path
    licence_text = _folder_licence(path.parent)
    if path.suffix.lower() == ".abc":
        yield from _abc_sources(path, rel_path, licence_text)
    else:
        yield _file_source(path, rel_path, licence_text)


@functools.cache
def _folder_licence(folder: Path) -> str:
    for name in ("license.txt", "licence.txt", "LICENSE", "README.txt"):
        candidate = folder / name
        if candidate.is_file():
            return f"{FOLDER_LICENCE_MARKER}{name}]\n" + candidate.read_text("utf-8", "replace")
    return ""


def _file_source(path: Path, rel_path: str, licence_text: str) -> WorkSource:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".krn":
        header, title, composer = _humdrum_header(data.decode("utf-8", "replace"))
    elif suffix in (".xml", ".musicxml", ".mxl"):
        header, title, composer = _musicxml_header(path, data)
    elif suffix == ".rntxt":
        header, title, composer = _rntxt_header(data.decode("utf-8", "replace"))
    else:  # Finale binaries: nothing readable
        header, title, composer = "", "", ""
    return WorkSource(
        work_id=work_id(rel_path),
        rel_path=rel_path,
        tune="",
        source_sha256=sha256_hex(data),
        header=header + licence_text,
        title=title or rel_path.rsplit(".", 1)[0].replace("/", " "),
        composer_text=composer,
    )


def _abc_sources(path: Path, rel_path: str, licence_text: str) -> Iterator[WorkSource]:
    preamble, tunes = split_abc(path.read_bytes())
    preamble_text = preamble.decode("utf-8", "replace")
    for number, tune in tunes:
        text = tune.decode("utf-8", "replace")
        fields = _abc_fields(text)
        yield WorkSource(
            work_id=work_id(rel_path, number),
            rel_path=rel_path,
            tune=number,
            source_sha256=abc_tune_hash(preamble, tune),
            header=preamble_text + "\n" + _abc_head(text) + licence_text,
            title=(fields.get("T") or [f"{path.stem} #{number}"])[0],
            composer_text="; ".join(fields.get("C", [])),
            origin_text="; ".join(fields.get("O", []) + fields.get("S", [])),
            abc_text=preamble_text + text,
        )


def _abc_fields(text: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in _abc_head(text).splitlines():
        match = _ABC_FIELD.match(line)
        if match and match.group(2).strip():
            fields.setdefault(match.group(1), []).append(match.group(2).strip().strip('"'))
    return fields


def _abc_head(text: str) -> str:
    """A tune's header fields and comments: the lines up to and including its K: line."""
    lines = []
    for line in text.splitlines():
        lines.append(line)
        if line.startswith("K:"):
            break
    return "\n".join(lines)


def _humdrum_header(text: str) -> tuple[str, str, str]:
    records = [line for line in text.splitlines() if line.startswith("!!")]
    fields = {line[3:6]: line[8:].strip() for line in records if line.startswith("!!!")}
    return "\n".join(records), fields.get("OTL", ""), fields.get("COM", "")


def _rntxt_header(text: str) -> tuple[str, str, str]:
    head = "\n".join(text.splitlines()[:12])
    title = re.search(r"^(?:Title|Analysis):\s*(.*)$", head, re.MULTILINE)
    composer = re.search(r"^Composer:\s*(.*)$", head, re.MULTILINE)
    return head, title.group(1) if title else "", composer.group(1) if composer else ""


_NOT_A_TITLE = re.compile(
    r"\.(mxl|xml|musicxml|krn)$|©|copyright|https?:|www\.|^\d+$|"
    r"^(canto|quinto|alto|tenor|basso|soprano)$",
    re.IGNORECASE,
)
"""File names, rights lines, page numbers and part-book names, which some encoders put where
a title goes."""
_XML_TEXT = re.compile(
    r"<(movement-title|work-title|creator|rights|source|encoder|credit-words)\b([^>]*)>"
    r"(.*?)</\1>",
    re.DOTALL,
)


def _musicxml_header(path: Path, data: bytes) -> tuple[str, str, str]:
    """The text of a MusicXML file before its <part-list>, one 'element: text' line each."""
    text = (
        _mxl_score_text(path) if path.suffix.lower() == ".mxl" else data.decode("utf-8", "replace")
    )
    head = text[: text.find("<part-list")] if "<part-list" in text else text[:20_000]
    lines = []
    for tag, attributes, body in _XML_TEXT.findall(head):
        kind = re.search(r'type="([^"]*)"', attributes)
        label = f"{tag} {kind.group(1)}" if kind else tag
        lines.append(f"{label}: {' '.join(body.split())}")
    titles = [_first_element(head, tag) for tag in ("movement-title", "work-title", "credit-words")]
    title = next((title for title in titles if title and not _NOT_A_TITLE.search(title)), "")
    composer = _first_element(head, r'creator type="composer"')
    return "\n".join(lines), title, composer


def _first_element(text: str, opening: str) -> str:
    match = re.search(rf"<{opening}[^>]*>(.*?)</", text, re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def _mxl_score_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        names = [
            name
            for name in archive.namelist()
            if not name.startswith("META-INF") and name.endswith((".xml", ".musicxml"))
        ]
        return archive.read(names[0]).decode("utf-8", "replace") if names else ""
