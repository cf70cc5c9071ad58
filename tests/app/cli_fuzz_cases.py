"""The argument cases of the `tessera-cli` fuzz (`test_cli_fuzz`): for every command, the base
command line that stops at its first file, and for every argument the values it must accept
and refuse (`Spec`), with the whole command lines and the expected exit status of each.

Kept apart from the test functions so that adding an option means adding a line here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.cli_args import MAX_SEED
from engine.song.song import MAX_BAR_COUNT

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HUGE = "9" * 4300  # the most digits Python turns into an int by default
HUGER = "9" * 4301
NOT_UTF8 = "\udcff"  # what the byte 0xff becomes in sys.argv
TEXT_BAD = [NOT_UTF8, "a\udce4b", "two\nlines", "nul\x00", "bell\x07"]
NUMBER_BAD = ["", " ", "x", "nan", "NaN", "inf", "-inf", "1e309", HUGE, HUGER, NOT_UTF8, "1,5"]
WHOLE_BAD = [*NUMBER_BAD, "1.5", "1e3", "0x10", "--1"]
MISSING_FILE = 1
"""A song that is not there: the status of every base command whose arguments are fine."""
HANG_GUARD_S = 300
"""An in-process command that runs this long is taken as hung (the whole file takes seconds)."""


@dataclass(frozen=True)
class Spec:
    """Values for one option: `good` ones reach the base command's file, `bad` ones exit 2."""

    good: list[str]
    bad: list[str] = field(default_factory=list)


def whole(low: int, high: int, *, extra_bad: tuple[str, ...] = ()) -> Spec:
    return Spec(
        [str(low), str(high), f" {low} "],
        [str(low - 1), str(high + 1), "-1", str(2**64), *WHOLE_BAD, *extra_bad],
    )


def number(low: float, high: float, *, above_low: bool = False, below_high: bool = False) -> Spec:
    inside = [str((low + high) / 2), f"{high / 2:e}"]
    ends = ([] if above_low else [str(low)]) + ([] if below_high else [str(high)])
    outside = [str(low - 1), str(high + 1), str(high * 10)]
    outside += [str(low)] if above_low else []
    outside += [str(high)] if below_high else []
    return Spec(inside + ends, outside + NUMBER_BAD)


def text(limit: int, good: list[str], bad: list[str] | None = None) -> Spec:
    return Spec(good, [*TEXT_BAD, "x" * (limit + 1), *(bad or [])])


def selection(*, one_span: bool) -> Spec:
    good = ["1", "1-2", " 2 - 3 ", "99999", "１"] + ([] if one_span else ["1,3", "2,1-2"])
    bad = ["", "0", "2-1", "x", "1-", "-1", "1-2-3", "1,,2", "1;2", "9" * 300, HUGE]
    bad += [NOT_UTF8, "1\n2", str(MAX_BAR_COUNT + 1)] + (["1,2"] if one_span else [])
    return Spec(good, bad)


def choice(good: list[str]) -> Spec:
    return Spec(good, ["", "nope", NOT_UTF8, good[0].upper() + "x", "x" * 5000])


FLAG = Spec([""])  # a store_true option: given once, with no value
SONG_OUT = Spec(
    [
        "{dir}/o.json",
        "{dir}/o.MID",
        "{dir}/名字.mid",
        "{dir}/o.kar",
        "{nofolder}/o.json",
        "{folder}",
    ],
    [
        "",
        " ",
        "x.mp5",
        "out.txt",
        "noext",
        "/dev/null",
        "{dir}",
        "o.json\x00",
        "x" * 5000 + ".json",
    ],
)
SONG_OUT_BEFORE_MODEL = Spec(  # generate runs the model when the output can be written
    ["{nofolder}/o.json", "{nofolder}/o.midi", "{folder}", "{dir}/no-folder/\udcff.json"],
    SONG_OUT.bad,
)
SONG_IN = Spec(
    ["{missing}", "{dir}/missing.MID", "{dir}/名字.smf", "{dir}/\udcff.json", "{folder}"],
    ["", "notes.txt", "noext", "{dir}", "/dev/null", "a\x00.json", "x" * 5000 + ".json"],
)
PROJECT_IN = Spec(["{missing}", "{folder}"], [*SONG_IN.bad, "{dir}/missing.mid"])
CLIP_IN = Spec(
    ["{dir}/missing.wav", "{dir}/missing.FLAC", "{dir}/m.mp3", "{dir}/m.ogg", "{folder_wav}"],
    ["", "clip.txt", "clip", "/dev/null", "{dir}", "c\x00.wav", "{missing}"],
)
AUDIO_OUT = Spec(
    ["{dir}/o.wav", "{dir}/o.FLAC", "{dir}/o.mp3", "{dir}/o.OGG", "{nofolder}/o.wav"],
    ["", "o.aac", "o.mp5", "o", "/dev/null", "{dir}", "o.wav\x00"],
)
KEY = text(40, ["D minor", "Eb major", "f# minor", "D"], ["H minor", "中文", "major", "Dx"])
RANGE = text(40, ["C3-C5", "48-72"], ["C5-C3", "x", "C3-", "0-200", "C-1-G9x"])
STYLE = text(40, ["jazz", "none", " Folk "], ["", "polka", "中国风"])
CONTROLS = {
    "--seed": whole(0, MAX_SEED),
    "--density": whole(0, 64),
    "--polyphony": whole(1, 6),
    "--rhythm": whole(0, 64),
    "--range": RANGE,
    "--scale": text(40, ["D minor", "A dorian"], ["H minor", "D minr", "中文"]),
    "--chords": text(400, ["Am,F,C,G", "C", ","], ["Am,Fxx", "X7", "Am,,Q"]),
    "--velocity": text(20, ["60-100"], ["100-60", "loud", "0-200", "-1-5"]),
    "--temperature": number(0, 3),
    "--top-p": number(0, 1, above_low=True),
    "--no-key-pull": FLAG,
    "--free-beat": FLAG,
    "--voice-order": choice(["keep", "free", "auto"]),
}
SELECTION = {"--tracks": selection(one_span=False), "--bars": selection(one_span=True)}
SONG_COMMAND = {"file": SONG_IN, "--output": SONG_OUT, **SELECTION}
MIDI_NAMES = ["{dir}/missing.MID", "{dir}/名字.smf", "{dir}/o.kar"]
LOCK_COMMAND = {  # a lock is kept in a project only: a MIDI file to write is refused at once
    "file": Spec(["{missing}", "{dir}/\udcff.json", "{folder}"], [*SONG_IN.bad, *MIDI_NAMES]),
    "--output": Spec(["{dir}/o.json", "{nofolder}/o.json"], [*SONG_OUT.bad, *MIDI_NAMES]),
    **SELECTION,
}
SECTION_NAME = text(60, ["Verse 1", "副歌", "A'", "x" * 60], ["", " "])
FORM_COMMAND = {  # the base shows section 1; every change goes with it, --add goes alone
    "file": SONG_IN,
    "--add": Spec([], ["chorus", "副歌", "", "nope", NOT_UTF8]),  # good ones in WHOLE_COMMANDS
    "--section": Spec(["1", "chorus", "verse 2", "副歌", "x" * 60], SECTION_NAME.bad),
    "--bars": selection(one_span=True),
    "--name": SECTION_NAME,
    "--role": Spec(
        ["chorus", " Pre-Chorus ", "副歌", "refrain"], ["", "nope", NOT_UTF8, "x" * 5000]
    ),
    "--energy": Spec(["0", "1", "0.5", "default", " Default "], ["1.5", "-0.1", *NUMBER_BAD]),
    "--move-to": whole(1, MAX_BAR_COUNT),
    "--length": whole(1, MAX_BAR_COUNT),
    "--delete": FLAG,
    "--output": Spec([], [*SONG_OUT.bad, *MIDI_NAMES]),  # only with a change: WHOLE_COMMANDS
}
OPTIONS: dict[str, dict[str, Spec]] = {
    "info": {"file": SONG_IN},
    "convert": {"source": SONG_IN, "destination": SONG_OUT},
    "export": {"source": SONG_IN, "destination": SONG_OUT, **SELECTION},
    "generate": {
        **CONTROLS,
        "--style": STYLE,
        "output": SONG_OUT_BEFORE_MODEL,
        "--preset": choice(["pop", "chorale"]),
        "--prompt": text(
            1000,
            ["slow sad folk tune in 3/4", "中国风 古筝 慢", "", "zzz", "a 600 bar song"],
            ["a tune in 99/4", "a tune in 0/4"],
        ),
        "--bars": whole(1, 512),
        "--meter": text(20, ["3/4", "6/8", " 7/8 "], ["3/5", "0/4", "65/4", "4-4", "9999/4"]),
        "--key": KEY,
        "--tempo": number(4, 1000),
        "--title": text(200, ["My song", "二胡之歌", "x" * 200, "Untitled"]),
        "--form": text(
            200,
            ["AABA", "-", "none"],
            ["A-B", "1", "A" * 33, "A:4", "verse:0", "verse:8 chorus:8", "verse:x", "intro verse"],
        ),  # a form of sections decides the bars, so with the base's --bars 1 it is refused
        "--seconds": Spec([], ["", "x", "0", "-5", "1:75", "9999", "nan", "2 parsecs", "x" * 21]),
        "--tempo-range": Spec([], ["90-130", "130-90", "x", "90", "0-2000", "x" * 21]),
        "--variation": number(0, 1),
    },
    "regenerate": {**SONG_COMMAND, **CONTROLS, "--style": STYLE},
    "nudge": {
        **SONG_COMMAND,
        **CONTROLS,
        "--direction": choice(["denser", "closer-to-chord"]),
        "--strength": number(0, 1),
    },
    "lock": LOCK_COMMAND,
    "unlock": LOCK_COMMAND,
    "add-track": {
        **CONTROLS,
        "--style": STYLE,
        "file": SONG_IN,
        "--output": SONG_OUT,
        "--instrument": text(60, ["cello", "41", "drums", "二胡", "rhodes"], ["128", "-1", "qq"]),
        "--name": text(100, ["Lead", "大提琴", ""]),
    },
    "continue": {
        **CONTROLS,
        "--style": STYLE,
        "file": SONG_IN,
        "--output": SONG_OUT,
        "--bars": whole(1, 512),
        "--tracks": selection(one_span=False),
    },
    "takes": {"file": PROJECT_IN, "--restore": whole(1, 100_000)},
    "section": {  # the base varies a section: what only copy or make takes exits 2 here
        **CONTROLS,
        "file": SONG_IN,
        "--output": SONG_OUT,
        "section": text(100, ["1", "bridge", "verse 2", "副歌", "x" * 100, "-1"], [""]),
        "action": Spec(["vary", "regenerate"], ["", "Vary", "nope", "copy", "make", NOT_UTF8]),
        "role": Spec([], ["chorus", "", "x" * 41, *TEXT_BAD]),
        "--strength": number(0, 1),
        "--to-bar": Spec([], ["1", "0", str(MAX_BAR_COUNT + 1), *WHOLE_BAD]),
        "--all": FLAG,
        "--tracks": selection(one_span=False),
    },
    "render": {
        "source": SONG_IN,
        "destination": AUDIO_OUT,
        **SELECTION,
        "--sound": choice(["standard", "tessera"]),
    },
    "sound": {
        "file": PROJECT_IN,
        "--standard": FLAG,
        "--tessera": Spec([]),  # the base has --standard: both together are in WHOLE_COMMANDS
        "--tracks": selection(one_span=False),
        "--output": Spec(["{dir}/o.json", "{nofolder}/o.json"], [*SONG_OUT.bad, *MIDI_NAMES]),
    },
    "play": {
        "source": SONG_IN,
        "--from-bar": whole(1, MAX_BAR_COUNT),
        "--loop": selection(one_span=True),
    },
    "form": FORM_COMMAND,
    "score": {
        "video": Spec(
            ["{dir}/missing.mp4", "{dir}/名字.MOV", "{dir}/m.webm"],
            ["", "clip.txt", "{dir}", "noext", "/dev/null"],
        ),
        "--output": Spec(["{dir}/o.mkv", "{dir}/名字.mov"], ["", "o.txt", "o", "{dir}"]),
        "--style": Spec(["lo-fi", " Jazz ", "pop", "中国风"], ["", "polka", "x" * 41, NOT_UTF8]),
        "--seed": Spec(["0", "7", " 3 "], ["-1", "x", "", "1.5", NOT_UTF8]),
        "--cut": Spec(["0", "3.5", "86400"], ["-1", "86401", *NUMBER_BAD]),
        "--no-cut": Spec(["0", "7.5"], ["-1", "86401", *NUMBER_BAD]),
        "--energy": Spec(
            ["0=0.3,20=0.8", "5=1", " 0 = 0 "], ["", "x", "0=2", "-1=0.5", "0=nan", "0=", NOT_UTF8]
        ),
        "--video-backend": choice(["auto", "qt", "pyav"]),
        "--cuts-only": FLAG,
    },
    "check": {
        "file": SONG_IN,
        **SELECTION,
        "--no-similar": FLAG,
        "--against": Spec(["{dir}", "{dir}/nothere", "{song}"], ["", "a\x00b"]),
    },
    "live": {
        "--list": Spec([]),  # lists the machine's MIDI ports: not fuzzed
        "--input": text(200, ["Keystation", "键盘"]),
        "--output": Spec([], [*TEXT_BAD, "x" * 201]),  # only 'internal' goes with --hear-keys
        "--hear-keys": FLAG,
        "--mode": choice(["answer", "accompany"]),
        "--sound": choice(["standard", "tessera"]),
        "--bpm": Spec(["20", "300", "clock", " Clock ", "96.5"], ["19", "301", *NUMBER_BAD]),
        "--key": KEY,
        "--bars": whole(1, 16),
        "--pause": number(0, 64, above_low=True),
        "--range": RANGE,
        "--drums": FLAG,
        "--seed": whole(0, MAX_SEED),
        "--seconds": number(0, 86_400, above_low=True),
        "--record": SONG_OUT,
        "--virtual": FLAG,
        "--jack": FLAG,
    },
    "transcribe": {
        "clip": CLIP_IN,
        "output": SONG_OUT,
        "--monophonic": FLAG,
        "--quantise": text(20, ["1/8", "1/16t", "off"], ["1/5", "", "OFF", "1/16 "]),
        "--tempo": number(4, 1000),
        "--program": text(60, ["0", "violin", "electric guitar"], ["128", "-1", "", "qq"]),
        "--name": text(100, ["Melody", "旋律", ""]),
        "--into": SONG_IN,
        "--keep-lead-in": FLAG,
        "--onset-threshold": number(0, 1, above_low=True, below_high=True),
        "--frame-threshold": number(0, 1, above_low=True, below_high=True),
        "--min-note": number(0, 10),
    },
}
BASES: dict[str, tuple[list[str], int, str]] = {
    "info": (["info", "{missing}"], MISSING_FILE, "cannot open"),
    "convert": (["convert", "{missing}", "{dir}/o.json"], MISSING_FILE, ""),
    "export": (["export", "{missing}", "{dir}/o.mid"], MISSING_FILE, ""),
    "generate": (["generate", "{nofolder}/new.json", "--bars", "1"], MISSING_FILE, "folder"),
    "regenerate": (["regenerate", "{missing}", "--bars", "1"], MISSING_FILE, ""),
    "nudge": (["nudge", "{missing}", "--bars", "1", "--direction", "higher"], MISSING_FILE, ""),
    "lock": (["lock", "{missing}", "--bars", "1"], MISSING_FILE, ""),
    "unlock": (["unlock", "{missing}", "--tracks", "1"], MISSING_FILE, ""),
    "add-track": (["add-track", "{missing}", "--instrument", "cello"], MISSING_FILE, ""),
    "continue": (["continue", "{missing}", "--bars", "1"], MISSING_FILE, ""),
    "takes": (["takes", "{missing}"], MISSING_FILE, "cannot open"),
    "section": (["section", "{missing}", "1", "vary"], MISSING_FILE, ""),
    "render": (["render", "{missing}", "{dir}/o.wav"], MISSING_FILE, ""),
    "sound": (["sound", "{missing}", "--standard"], MISSING_FILE, ""),
    "play": (["play", "{missing}"], MISSING_FILE, "cannot open"),
    "check": (["check", "{missing}"], MISSING_FILE, ""),
    "form": (["form", "{missing}", "--section", "1"], MISSING_FILE, "cannot open"),
    "score": (["score", "{dir}/missing.mp4", "-o", "{dir}/o.mp4"], MISSING_FILE, "cannot read"),
    # --hear-keys needs --out internal, so a command whose values are all fine stops there
    "live": (["live", "--in", "k", "--out", "synth", "--hear-keys"], 2, "--hear-keys plays"),
    "transcribe": (["transcribe", "{dir}/missing.wav", "{dir}/o.json"], MISSING_FILE, ""),
}
WHOLE_COMMANDS: list[tuple[list[str], int]] = [
    ([], 2),
    (["--help"], 0),
    (["-h"], 0),
    (["--version"], 2),
    (["nope"], 2),
    ([""], 2),
    ([NOT_UTF8], 2),
    (["info"], 2),
    (["info", "{missing}", "extra"], 2),
    (["info", "--", "{missing}"], MISSING_FILE),
    (["info", "-"], 2),
    (["generate"], 2),
    (["generate", "{nofolder}/x.json", "--bogus"], 2),
    (["generate", "{nofolder}/x.json", "--bars"], 2),
    (["generate", "{nofolder}/x.json", "--bars", "1", "--bars", "0"], 2),
    (["generate", "{nofolder}/x.json", "--bars=1", "--seed=-1"], 2),
    (["generate", "{nofolder}/x.json", "--see", "1"], MISSING_FILE),  # argparse's abbreviation
    (["regenerate", "{missing}"], 2),
    (["nudge", "{missing}", "--bars", "1"], 2),
    (["lock", "{dir}/missing.mid", "--bars", "1"], 2),
    (["unlock", "{missing}", "--bars", "1", "-o", "{dir}/o.mid"], 2),
    (["lock", "{dir}/missing.mid", "--bars", "1", "-o", "{dir}/o.json"], MISSING_FILE),
    (["add-track", "{missing}"], 2),
    (["continue", "{missing}"], 2),
    (["live"], 2),
    (["live", "--in", "k"], 2),
    (["live", "--out", "internal"], 2),
    (["live", "--in", "k", "--out", "synth", "--sound", "standard"], 2),  # an external synth
    (["transcribe", "{dir}/m.wav", "{dir}/o.json", "--into", "{missing}", "--tempo", "90"], 2),
    (["transcribe", "{dir}/m.wav", "{dir}/o.json", "--into", "{missing}"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--prompt", "x" * 1001], 2),
    (["generate", "{nofolder}/x.json", "--prompt", "a 12 bar song", "--bars", "600"], 2),
    (["generate", "{nofolder}/x.json", "--seconds", "120"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--seconds", "1:30", "--tempo-range", "90-130"], 1),
    (["generate", "{nofolder}/x.json", "--seconds", "2 min", "--form", "verse chorus"], 1),
    (["generate", "{nofolder}/x.json", "--form", "intro verse:8 chorus outro"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--prompt", "pop song, 2 minutes"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--preset", "pop", "--seconds", "2"], 2),
    (["generate", "{nofolder}/x.json", "--preset", "pop", "--seconds", "30:00"], 2),
    (["generate", "{nofolder}/x.json", "--seconds", "120", "--bars", "8"], 2),
    (["generate", "{nofolder}/x.json", "--tempo-range", "90-130"], 2),
    (["generate", "{nofolder}/x.json", "--form", "vrse:8 chorus"], 2),
    (["export", "{missing}", "{missing}"], MISSING_FILE),
    (["sound", "{missing}"], 2),
    (["sound", "{missing}", "--tessera"], MISSING_FILE),
    (["sound", "{missing}", "--standard", "--tessera"], 2),
    (["sound", "{missing}", "--tessera", "--tracks", "2", "-o", "{dir}/o.mid"], 2),
    (["sound", "{midi}", "--standard"], 2),
    (["form", "{missing}"], MISSING_FILE),
    (["form", "{midi}"], 0),  # a MIDI file's form is listed (its markers on bar lines)
    (["form", "{song}", "--section", "1"], MISSING_FILE),  # the song has no sections
    (["form", "{missing}", "--add", "chorus", "--bars", "1-4"], MISSING_FILE),
    (["form", "{missing}", "--add", " 副歌 ", "--bars", "1", "--name", "C", "--energy", "1"], 1),
    (["form", "{missing}", "--add", "verse", "--bars", "2", "-o", "{nofolder}/o.json"], 1),
    (["form", "{midi}", "--section", "1", "--energy", "0.5", "-o", "{dir}/o.json"], 1),
    (["form", "{missing}", "--add", "chorus"], 2),  # no --bars
    (["form", "{missing}", "--add", "chorus", "--bars", "1", "--role", "verse"], 2),
    (["form", "{missing}", "--add", "chorus", "--section", "1", "--bars", "1"], 2),
    (["form", "{missing}", "--section", "1", "--delete", "--name", "x"], 2),
    (["form", "{missing}", "--section", "1", "--bars", "1", "--move-to", "2"], 2),
    (["form", "{missing}", "--name", "x"], 2),  # which section?
    (["form", "{missing}", "-o", "{dir}/o.json"], 2),
    (["form", "{missing}", "--section", "1", "-o", "{dir}/o.json"], 2),  # no change to write
    (["form", "{midi}", "--section", "1", "--energy", "0.5"], 2),  # a MIDI file to change
    (["form", "{missing}", "--add", "chorus", "--bars", "1", "-o", "{dir}/o.mid"], 2),
    (["section", "{missing}", "2", "copy", "--to-bar", "9"], MISSING_FILE),
    (["section", "{missing}", "2", "copy"], 2),
    (["section", "{missing}", "2", "copy", "--to-bar", "9", "--density", "3"], 2),
    (["section", "{missing}", "2", "copy", "--to-bar", "9", "--all"], 2),
    (["section", "{missing}", "5", "make", "chorus"], MISSING_FILE),
    (["section", "{missing}", "5", "make", "副歌", "--strength", "0.3", "--seed", "1"], 1),
    (["section", "{missing}", "5", "make"], 2),
    (["section", "{missing}", "5", "make", "kazoo"], 2),
    (["section", "{missing}", "5", "make", "chorus", "--tracks", "1"], 2),
    (["section", "{missing}", "5", "regenerate", "--strength", "0.3"], 2),
    (["section", "{missing}", "bridge"], 2),
    (["section", "{song}", "1", "vary"], MISSING_FILE),  # the song has no sections
]
