"""Plain-text summaries of a Song for `tessera-cli info` and the window's status line."""

from __future__ import annotations

from engine.song.gm import instrument_name
from engine.song.sections import Section
from engine.song.song import Song


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def bars_text(section: Section) -> str:
    """A section's bars, 1-based as a musician counts them: '5-12', or '5' for one bar."""
    first, last = section.first_bar + 1, section.last_bar + 1
    return f"{first}-{last}" if last > first else str(first)


def form_summary(song: Song) -> str:
    """The song's form on one line: 'Intro 1-4 | Verse 5-12 | Chorus 13-20', or 'none'."""
    return " | ".join(f"{s.name} {bars_text(s)}" for s in song.sections) or "none"


def song_summary(song: Song) -> list[str]:
    """Title, length, tempo/meter/key maps, form and one line per track."""
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
        f"form:   {form_summary(song)}",
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
