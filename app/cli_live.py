"""`tessera-cli live`: play a MIDI keyboard and let the model answer, continue or accompany.

Runs until Ctrl-C (or `--seconds`), prints each answer's latency and, at the end, the timing
figures; `--record` writes everything played and answered to a project or MIDI file.
"""

from __future__ import annotations

import argparse
import statistics
import time

from app import cli_args
from app.cli_args import CommandLineError, number, text, whole
from engine.compose.control_text import controls_from_text, key_from_text
from engine.live.music import DEFAULT_VOICES, DRUMS, MODES, SOUNDS, LiveSettings
from engine.live.ports import LivePortError, MidiPorts, RtMidiPorts
from engine.live.rig import tempo_from_clock
from engine.studio.models import Models
from engine.studio.outcomes import LivePlay
from engine.studio.use_cases import Studio

LIVE_EPILOG = """live examples:
  tessera-cli live --list
  tessera-cli live --in "Keystation" --out "FLUID Synth" --mode answer --bpm 96
  tessera-cli live --in keys --out tessera --virtual --jack --mode accompany --drums
  tessera-cli live --in "Keystation" --out internal --hear-keys
  tessera-cli live --in "Keystation" --out internal --sound standard
"""
INTERNAL = "internal"
"""The --out name of Tessera's own synth (engine.live.synth) on the default audio device."""
LIVE_TEMPO_BPM = (20.0, 300.0)
"""The tempos live play keeps up with (`engine.live.music.LiveSettings`)."""
MAX_ANSWER_BARS = 16
"""The longest answer asked for: longer ones would keep the player waiting for minutes."""
MAX_PAUSE_BEATS = 64.0
MAX_SECONDS = 86_400.0
"""The longest timed session (a day); play for longer with Ctrl-C to stop."""


def _bpm(typed: str) -> str:
    """--bpm as typed: 'clock', or a tempo live play keeps up with."""
    if typed.strip().lower() != "clock":
        number(*LIVE_TEMPO_BPM, unit=" BPM or 'clock'")(typed)
    return typed.strip().lower()


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    live = commands.add_parser("live", help="play a MIDI keyboard; the model answers in time")
    live.add_argument("--list", action="store_true", help="list MIDI inputs and outputs")
    live.add_argument(
        "--in",
        dest="input",
        type=text("--in", 200),
        help="MIDI input (keyboard) name or part of it",
    )
    live.add_argument(
        "--out",
        dest="output",
        type=text("--out", 200),
        help=f"MIDI output (synth or DAW) name, or {INTERNAL!r}",
    )
    live.add_argument(
        "--hear-keys", action="store_true", help=f"with --out {INTERNAL}: hear your keys too"
    )
    live.add_argument("--mode", choices=MODES, default="answer")
    live.add_argument(
        "--sound",
        choices=SOUNDS,
        help=f"with --out {INTERNAL}: 'tessera' (the timbre model, the default) or 'standard' "
        "(the General MIDI SoundFont)",
    )
    live.add_argument(
        "--bpm",
        type=_bpm,
        default="100",
        help="tempo in BPM, 20-300, or 'clock' to follow MIDI clock",
    )
    live.add_argument(
        "--key",
        type=text("key", 40),
        help="key, e.g. 'D minor' (default: detected from your playing)",
    )
    live.add_argument(
        "--bars",
        type=whole(1, MAX_ANSWER_BARS),
        default=2,
        help=f"bars in each answer, 1-{MAX_ANSWER_BARS} (default 2)",
    )
    live.add_argument(
        "--pause",
        type=number(0, MAX_PAUSE_BEATS, above_low=True, unit=" beats"),
        default=1.0,
        help="beats of rest that end a phrase",
    )
    live.add_argument(
        "--range", type=text("range", 40), help="pitch range of the answers, e.g. C3-C6 (hard)"
    )
    live.add_argument("--drums", action="store_true", help="accompany with drums too")
    live.add_argument("--seed", type=cli_args.seed, default=0, help="random seed, 0 to 2**63-1")
    live.add_argument(
        "--seconds",
        type=number(0, MAX_SECONDS, above_low=True),
        help=f"stop after this long, at most {MAX_SECONDS:g} (default: Ctrl-C)",
    )
    live.add_argument(
        "--record",
        type=cli_args.song_out,
        help="write what was played and answered (.json or .mid)",
    )
    live.add_argument("--virtual", action="store_true", help="create the ports (Linux, macOS)")
    live.add_argument("--jack", action="store_true", help="use JACK instead of the default")


def check(args: argparse.Namespace) -> None:
    """What live's options need of each other and the controls, checked before any port opens
    or model loads."""
    if args.list:
        return
    if not args.input or not args.output:
        raise CommandLineError("live needs --in and --out (see the names with --list)")
    if args.hear_keys and args.output != INTERNAL:
        raise CommandLineError(f"--hear-keys plays your keys through --out {INTERNAL} only")
    if args.sound and args.output != INTERNAL:
        raise CommandLineError(
            f"--sound chooses the sound of --out {INTERNAL}; the synth at --out "
            f"{args.output!r} plays its own sounds: leave --sound out, or use --out {INTERNAL}"
        )
    controls_from_text(pitch_range=args.range)
    if args.key:
        key_from_text(args.key)


def _ports(args: argparse.Namespace) -> MidiPorts:
    if args.jack:
        return RtMidiPorts.jack()
    return RtMidiPorts()


def _settings(args: argparse.Namespace, ports: MidiPorts) -> LiveSettings:
    if args.bpm == "clock":
        tempo = tempo_from_clock(ports, args.input)
        print(f"tempo from MIDI clock: {tempo:.1f} BPM")
    else:
        try:
            tempo = float(args.bpm)
        except ValueError as err:
            raise LivePortError(f"--bpm {args.bpm!r} must be a number or 'clock'") from err
    controls = controls_from_text(pitch_range=args.range)
    return LiveSettings(
        mode=args.mode,
        tempo_bpm=tempo,
        key=key_from_text(args.key) if args.key else None,
        answer_bars=args.bars,
        pause_beats=args.pause,
        voices=(*DEFAULT_VOICES, DRUMS) if args.drums else DEFAULT_VOICES,
        controls=controls,
        seed=args.seed,
        follow_clock=args.bpm == "clock",
        sound=args.sound or "tessera",
    )


def run(args: argparse.Namespace, models: Models | None = None) -> int:
    """Play until Ctrl-C or `--seconds` through the front door the window's live panel uses
    (`Studio.start_live`); without `models`, each model runs on one thread, so the model
    answering and the synth rendering ahead leave each other a core."""
    ports = _ports(args)
    if args.list:
        print("inputs:  " + (", ".join(ports.input_names()) or "none"))
        print("outputs: " + ", ".join([f"{INTERNAL} (Tessera synth)", *ports.output_names()]))
        return 0
    if not args.input or not args.output:
        raise LivePortError("live needs --in and --out (see the names with --list)")
    if args.hear_keys and args.output != INTERNAL:
        raise LivePortError(f"--hear-keys plays your keys through --out {INTERNAL} only")
    settings = _settings(args, ports)
    studio = Studio.headless(models or Models.one_thread_each())
    live = studio.start_live(
        ports,
        settings,
        args.input,
        None if args.output == INTERNAL else args.output,
        hear_keys=args.hear_keys,
        virtual=args.virtual,
        on_event=lambda kind, text: print(f"{kind}: {text}", flush=True),
    )
    synth = live.synth
    if synth is not None:
        print(f"internal synth on the default audio device at {synth.device_rate} Hz", flush=True)
    print(f"playing {settings.mode} at {settings.tempo_bpm:g} BPM: Ctrl-C to stop", flush=True)
    try:
        _wait(args.seconds)
    finally:
        live.close()
        if synth is not None:
            print(
                f"internal synth: {synth.played} notes ({synth.missed} not ready), "
                f"loudest {synth.loudest_db:.0f} dBFS"
            )
    _print_figures(live)
    if args.record:
        studio.new(live.session.recording())
        for warning in studio.write(args.record):
            print(f"warning: {warning}")
        print(f"wrote {args.record}")
    return 0


def _wait(seconds: float | None) -> None:
    """Until `seconds` have passed (or for ever without), or Ctrl-C."""
    try:
        deadline = time.monotonic() + seconds if seconds else None
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass


def _print_figures(live: LivePlay) -> None:
    stats = live.session.stats
    latencies = [a.latency_ms for a in stats.answers if a.latency_ms is not None]
    print(f"notes played: {stats.notes_sent}, late (>10 ms): {stats.notes_late}")
    if stats.generation_ms:
        print(f"model ms per bar: median {statistics.median(stats.generation_ms):.0f}")
    if latencies:
        print(f"last note to answer ms: median {statistics.median(latencies):.0f}")
