"""Token counts of the corpus under the current tokenizer, for the summary and the README.

Counted from the cached Songs (so after a build): each work is encoded whole, as the model's
training windows are cut from it. Works the token grid cannot hold (a meter it does not know,
a meter change inside a bar) are counted separately; training skips them.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence

from build_scripts.corpus.build import cache_file_for
from build_scripts.corpus.manifest import Row
from engine.compose.tokens import encode_song
from engine.compose.vocab import TokenizerError, Vocabulary
from engine.project.project_file import load_project


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def token_table(rows: Sequence[Row]) -> str:
    """Tokens per collection, tokens per bar (median, 90th percentile), and the vocabulary."""
    from build_scripts.corpus.summary import markdown_table

    tokens: dict[str, int] = defaultdict(int)
    per_bar: dict[str, list[float]] = defaultdict(list)
    refused: dict[str, int] = defaultdict(int)
    for row in rows:
        path = cache_file_for(row["id"])
        if not path.is_file():
            return "(token counts need the cached Songs: run `build` first)"
        song = load_project(path)
        try:
            count = len(encode_song(song))
        except TokenizerError:
            refused[row["collection"]] += 1
            continue
        tokens[row["collection"]] += count
        per_bar[row["collection"]].append(count / song.bar_count)
    everything = [value for values in per_bar.values() for value in values]
    table = [
        (
            name,
            tokens[name],
            round(statistics.median(per_bar[name]), 1),
            round(_percentile(per_bar[name], 0.9), 1),
            refused[name],
        )
        for name in sorted(per_bar)
    ]
    table.append(
        (
            "**all**",
            sum(tokens.values()),
            round(statistics.median(everything), 1),
            round(_percentile(everything, 0.9), 1),
            sum(refused.values()),
        )
    )
    vocab = Vocabulary.build()
    header = f"Tokenizer `{vocab.version}`, vocabulary of {len(vocab)} tokens.\n\n"
    return header + markdown_table(
        ("collection", "tokens", "tokens/bar median", "tokens/bar p90", "works refused"), table
    )
