"""`tessera-cli generate --prompt "..."`: a style described in words, read by engine.compose.prompt.

The prompt sets the preset, tempo, meter, key, length (in bars, or in time: "pop song, 2
minutes" is fitted to 120 s with the style's form, intro to outro) and some controls; any option
given on the command line as well (`--tempo`, `--key`, `--bars`, `--seconds`, `--meter`,
`--preset`, `--style`, ...) wins over what the prompt says. What was understood is printed,
word by word.
"""

from __future__ import annotations

import argparse
import dataclasses

from app.cli_args import text
from engine.compose.control_text import MAX_PROMPT_CHARS, key_from_text, meter_from_text
from engine.compose.operations import Controls, Generate
from engine.compose.prompt import read_prompt

DEFAULT_PRESET = "folk-tune"


def add_argument(generate: argparse.ArgumentParser) -> None:
    generate.add_argument(
        "--prompt",
        type=text("prompt", MAX_PROMPT_CHARS),
        help="describe the music, e.g. 'slow and sad folk tune for strings in 3/4'",
    )


def prompt_request(args: argparse.Namespace, controls: Controls) -> Generate:
    """The request for `generate --prompt`, explicit options overriding the prompt."""
    reading = read_prompt(args.prompt)
    for line in reading.explain():
        print(f"understood: {line}" if not line.startswith("not understood") else line)
    request = reading.request(controls)
    chosen = {
        "preset": args.preset,
        "bars": args.bars,
        "meter": meter_from_text(args.meter) if args.meter else None,
        "key": key_from_text(args.key) if args.key else None,
        "tempo_bpm": args.tempo,
    }
    request = dataclasses.replace(request, **{k: v for k, v in chosen.items() if v is not None})
    if args.bars is not None:  # bars typed as an option win over a length in the prompt
        request = dataclasses.replace(request, seconds=None)
    if args.title != "Untitled":
        request = dataclasses.replace(request, title=args.title)
    return request
