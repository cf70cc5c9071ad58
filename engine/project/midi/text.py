"""Text in MIDI files (track names, lyrics, markers) as Python strings.

The MIDI standard says nothing about encodings: DAWs today write UTF-8, older Western software
wrote Latin-1 (or Windows-1252), Chinese software GBK, Korean EUC-KR, Japanese Shift-JIS, and
RP-026 lets a text declare its own with a `{@LATIN}` or `{@JP}` tag. UTF-8 is tried first,
because a multi-byte UTF-8 sequence is almost never valid by accident. For the rest the file's
legacy encoding is decided once, from all its non-UTF-8 texts together:

- GBK when every one of them reads as GB2312 characters (lead and trail bytes 0xA1-0xFE, where
  all common Chinese characters lie). A Latin-1 accented letter is nearly always followed by
  an ASCII letter, which no GB2312 character has as its second byte. EUC-KR uses the same
  byte ranges, so it wins only when its reading holds more of Korean's most common syllables
  than the GBK reading holds of Chinese's most common characters (钢琴 stays GBK);
- Shift-JIS when the texts read as Shift-JIS with at least half of their characters Japanese
  (double-byte), which a Western name with a few accents never is;
- Windows-1252 otherwise: Latin-1 with curly quotes and dashes where Latin-1 has unprintable
  controls (its five undefined bytes are read as Latin-1, so no byte is ever lost).

In a file that uses a double-byte encoding, a short text that happens to be valid UTF-8 (a
GBK 山 is the bytes of UTF-8 ɽ) is read in the file's encoding too.
"""

from __future__ import annotations

from collections.abc import Iterable

DECLARED_ENCODINGS = {b"{@LATIN}": "latin-1", b"{@JP}": "cp932"}
"""RP-026 language tags that open a text and name its encoding."""
COMMON_CHINESE = set("的一是不了人我在有他这中大来上个们到说和你地出道也时年要就会可那天心爱")
COMMON_KOREAN = set("이다는의에가고하지나을를한로서도기사리자아어게요수내주니해대시있그사랑")
"""Frequent characters of each language, for telling GBK from EUC-KR (same byte ranges)."""
ENCODING_NAMES = {
    "gbk": "GBK",
    "euc-kr": "EUC-KR",
    "cp932": "Shift-JIS",
    "cp1252": "Latin-1 (Windows-1252)",
}
DOUBLE_BYTE = ("gbk", "euc-kr", "cp932")


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _reads_as_gb2312(raw: bytes) -> bool:
    """True when every non-ASCII byte pairs into a GB2312-range character."""
    index, size = 0, len(raw)
    while index < size:
        byte = raw[index]
        if byte < 0x80:
            index += 1
        elif 0xA1 <= byte <= 0xF7 and index + 1 < size and 0xA1 <= raw[index + 1] <= 0xFE:
            index += 2
        else:
            return False
    return True


def legacy_encoding(texts: Iterable[bytes]) -> str | None:
    """The encoding for a file's texts that are not UTF-8 (a key of `ENCODING_NAMES`), or None
    when every text is UTF-8 (or ASCII) already."""
    legacy = [raw for raw in texts if _utf8(raw) is None and not raw.startswith(b"{@")]
    if not legacy:
        return None
    if all(_reads_as_gb2312(raw) for raw in legacy):
        korean = _common_share(legacy, "euc-kr", COMMON_KOREAN)
        return "euc-kr" if korean > _common_share(legacy, "gbk", COMMON_CHINESE) else "gbk"
    if _mostly_double_byte(legacy, "cp932"):
        return "cp932"
    return "cp1252"


def _common_share(texts: list[bytes], encoding: str, common: set[str]) -> int:
    """How many characters of `texts` read in `encoding` are among `common` (-1: unreadable)."""
    try:
        return sum(char in common for raw in texts for char in raw.decode(encoding))
    except UnicodeDecodeError:
        return -1


def _mostly_double_byte(texts: list[bytes], encoding: str) -> bool:
    """Whether `texts` read in `encoding`, at least half of their visible characters taking
    two bytes."""
    try:
        chars = [char for raw in texts for char in raw.decode(encoding) if not char.isspace()]
    except UnicodeDecodeError:
        return False
    double = sum(len(char.encode(encoding)) == 2 for char in chars)
    return bool(chars) and 2 * double >= len(chars)


def decode_text(raw: bytes, legacy: str | None) -> str:
    """One text: its declared encoding, else UTF-8, else the file's legacy encoding.

    NUL padding (some sequencers fill fixed-size name fields with it) is removed.
    """
    raw = raw.rstrip(b"\x00")
    for tag, encoding in DECLARED_ENCODINGS.items():
        if raw.startswith(tag):
            return raw[len(tag) :].decode(encoding, errors="replace")
    if legacy in DOUBLE_BYTE and not raw.isascii():
        try:
            return raw.decode(legacy)
        except UnicodeDecodeError:
            pass
    text = _utf8(raw)
    if text is not None:
        return text
    try:
        return raw.decode(legacy or "cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # cp1252's five undefined bytes
