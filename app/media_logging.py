"""Qt Multimedia's and FFmpeg's chatter kept off the terminal; their warnings and errors kept.

Qt's FFmpeg backend installs its own FFmpeg log callback when it loads. Unless
`QT_FFMPEG_DEBUG` is set, that callback hands every message to FFmpeg's default logger, which
writes at FFmpeg's default level (info) straight to stderr, past Qt's logging: a stream dump
for each file opened ("Input #0, mov,mp4,...") and encoder statistics such as
"[aac @ 0x...] Qavg: 318.660" at the end of an export. With `QT_FFMPEG_DEBUG` set (Qt's
documented switch, "Advanced FFmpeg Configuration"), Qt sends FFmpeg's messages through Qt's
logging instead, as debug, info, warning and critical messages of the "default" category, where
logging rules can filter them: the rules here drop FFmpeg's debug and info lines and keep its
warnings and errors. Qt Multimedia's own categories (qt.multimedia.*: which libraries it
found, its FFmpeg version) are off; a video that cannot be read or written reaches the user as
Tessera's own error, from the player's or recorder's error signal. The price: Qt also raises
FFmpeg's level to debug, so its debug lines are formatted before the rule drops them (no
difference in CPU time measured on a 36 s video read and written by Qt), and debug and info
lines of the "default" category from anywhere else are dropped too (Tessera writes none).

Both must be in place before Qt Multimedia loads (the first player, recorder or format query):
`quiet_qt_media` is called by `tessera` before its window is built and by `tessera-cli score`
before it chooses a video backend. Qt's documentation calls these settings private and open to
change; tests/app/test_video_stderr.py runs the real programs and fails if the lines return.
A `QT_FFMPEG_DEBUG` the user set is someone debugging playback: then FFmpeg's lines are not
filtered. Ours carries its own value (`ROUTED`), so a process started from this one (which
inherits it) still filters. The `QT_LOGGING_RULES` variable overrides the rules here (Qt
applies it last).
"""

from __future__ import annotations

import os

FFMPEG_DEBUG = "QT_FFMPEG_DEBUG"
ROUTED = "routed-by-tessera"
"""Our value of `QT_FFMPEG_DEBUG` (Qt only asks whether it is set), told apart from a user's."""
QUIET_RULES = (
    "qt.multimedia*=false",  # Qt Multimedia's own lines
    "default.debug=false",  # FFmpeg's debug lines, once routed through Qt (see the notes)
    "default.info=false",  # FFmpeg's info lines: stream dumps, encoder statistics
)
"""Qt logging rules; FFmpeg's warnings and errors (default.warning, default.critical) print."""


def quiet_qt_media() -> bool:
    """Route FFmpeg's log through Qt's and filter it (see the notes); False when the user set
    `QT_FFMPEG_DEBUG`, which is left to print everything."""
    from PySide6.QtCore import QLoggingCategory

    if os.environ.get(FFMPEG_DEBUG, ROUTED) != ROUTED:
        QLoggingCategory.setFilterRules(QUIET_RULES[0])
        return False
    os.environ[FFMPEG_DEBUG] = ROUTED
    QLoggingCategory.setFilterRules("\n".join(QUIET_RULES))
    return True
