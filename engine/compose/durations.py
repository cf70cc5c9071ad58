"""Lengths of time as people type them: "2 minutes", "90 s", "1:30", "3 min", "两分钟", "一分半",
"30秒", read into seconds for a song fitted to a length (`engine.compose.fit`).

`find_durations` finds them inside a prompt (with where they are, so the prompt reader can say
which words set the length); `seconds_from_text` reads a whole field (`--seconds 1:30`).
"""

from __future__ import annotations

import re

from engine.compose.controls import ComposeError
from engine.words import QT_TRANSLATE_NOOP

_NUMBER = r"(\d+(?:\.\d+)?(?= ?[a-z])|(?:an?|one|two|three|four|five|six|ten|half an?)(?= ))"
"""A number before a unit: digits ('2 min', '90s'), or a word followed by a space ('two
minutes'), so that 'as' and 'am' are not read as 'a s' and 'a m'."""
ENGLISH_NUMBERS = {
    "a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0,
    "six": 6.0, "ten": 10.0, "half a": 0.5, "half an": 0.5,
}  # fmt: skip
CHINESE_DIGITS = {
    "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
    "九": 9, "十": 10,
}  # fmt: skip
_CHINESE_NUMBER = "[零一二两三四五六七八九十]+|\\d+"

_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2}):([0-5]\d)(?![\d:])")
_MIN_SEC = re.compile(
    rf"\b{_NUMBER} ?(?:minutes?|mins?|(?<=\d)m|(?<=\d )m)"
    r"(?: (?:and )?(\d+) ?(?:seconds?|secs?|s))?\b"
)
_SECONDS = re.compile(rf"\b{_NUMBER} ?(?:seconds?|secs?|(?<=\d )s)\b")
"""Seconds; a bare "s" only after a space ("30 s"): "80s rock" is a decade."""
_CHINESE = re.compile(
    rf"({_CHINESE_NUMBER}) ?(?:分钟|分)(半|({_CHINESE_NUMBER}) ?秒)?|({_CHINESE_NUMBER}) ?秒(?:钟)?"
)


def _english(word: str) -> float:
    return float(word) if word[0].isdigit() else ENGLISH_NUMBERS[word]


def chinese_number(text: str) -> int:
    """A Chinese (or Arabic) whole number up to 99: '两' 2, '十五' 15, '三十' 30, '45' 45."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)
    return CHINESE_DIGITS[text]


def find_durations(lowered: str) -> list[tuple[int, int, float]]:
    """(start, end, seconds) of every length of time in a lower-cased text, longest matches
    first where two overlap."""
    found: list[tuple[int, int, float]] = []
    for match in _CLOCK.finditer(lowered):
        found.append((match.start(), match.end(), int(match[1]) * 60.0 + int(match[2])))
    for match in _MIN_SEC.finditer(lowered):
        extra = float(match[2]) if match[2] else 0.0
        found.append((match.start(), match.end(), _english(match[1]) * 60.0 + extra))
    for match in _SECONDS.finditer(lowered):
        found.append((match.start(), match.end(), _english(match[1])))
    for match in _CHINESE.finditer(lowered):
        if match[4]:
            seconds = float(chinese_number(match[4]))
        else:
            extra = 30.0 if match[2] == "半" else float(chinese_number(match[3] or "0"))
            seconds = chinese_number(match[1]) * 60.0 + extra
        found.append((match.start(), match.end(), seconds))
    kept: list[tuple[int, int, float]] = []
    for item in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if not any(k[0] < item[1] and item[0] < k[1] for k in kept):
            kept.append(item)
    return sorted(kept)


def seconds_from_text(text: str) -> float:
    """A whole field read as a length: '120', '90s', '1:30', '2 min', '两分钟'. Raises
    ComposeError saying how to write one."""
    lowered = " ".join(text.strip().lower().split())
    try:
        return float(lowered)
    except ValueError:
        pass
    found = find_durations(lowered)
    if len(found) == 1 and found[0][:2] == (0, len(lowered)):
        return found[0][2]
    raise ComposeError(
        QT_TRANSLATE_NOOP(
            "Durations",
            "length {text!r} is not a length of time: write seconds (120), minutes "
            "and seconds (2:00) or words such as '90 s' or '2 minutes'",
        ).format(text=text)
    )
