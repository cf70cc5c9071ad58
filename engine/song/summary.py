"""Plain-text summaries of a Song for `tessera-cli info` and the window's status line."""

from __future__ import annotations

from engine.song.gm import instrument_name
from engine.song.song import Song


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def song_summary(song: Song) -> list[str]:
    """Title, length, tempo/meter/key maps and one line per track."""
    tempos = ", ".join(
        f"{change.tempo_bpm:g} BPM at bar {song.bar_at_tick(change.tick) + 1}"
        for change in song.tempos
    )
    meters = ", ".join(
        f"{change.numerator}/{change.denominator} at bar {song.bar_at_tick(change.tick) + 1}"
        for change in song.time_signatures
    )
    keys = ", ".join(change.name for change in song.key_signatures) or "none"
    lines = [
        f"title:  {song.title}",
        f"length: {song.bar_count} bars, {_clock(song.duration_seconds)}",
        f"tempo:  {tempos}",
        f"meter:  {meters}",
        f"key:    {keys}",
        f"notes:  {song.note_count} in {len(song.tracks)} tracks",
    ]
    for number, track in enumerate(song.tracks, start=1):
        locked = f", {len(track.locked_bars)} locked bars" if track.locked_bars else ""
        sound = instrument_name(track.program, track.is_drum)
        lines.append(
            f"  {number:>2}. {track.name} [{sound}, program {track.program}] "
            f"{len(track.notes)} notes{locked}"
        )
    return lines
