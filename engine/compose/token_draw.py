"""The seeded draw of one token from masked logits, with temperature and top-p.

Apart from `engine.compose.sampling`, whose grammar says which tokens may come next: this only
draws among them, once per token written, and is kept lean for it. Sampling draws from an
explicit `numpy.random.Generator`: the same seed gives the same notes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.compose.vocab import TokenizerError
from engine.words import QT_TRANSLATE_NOOP

Mask = npt.NDArray[np.bool_]


def sample(
    logits: npt.NDArray[np.float32],
    allowed: Mask,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_p: float = 1.0,
) -> int:
    """Draw one token id from masked logits; temperature 0 takes the most likely token.

    Only the allowed tokens are weighed (a fill's grammar allows a few dozen of the
    vocabulary at a time), and the draw is one uniform number against their cumulative
    probabilities, as `Generator.choice` draws: this runs once per token written, and
    `choice` over the whole vocabulary cost as much as a model step."""
    # Array methods rather than numpy's functions: the same arithmetic without the functions'
    # dispatch, which took a third of the sampler's time.
    candidates = allowed.nonzero()[0]
    if not len(candidates):
        raise TokenizerError(
            QT_TRANSLATE_NOOP(
                "Sampling", "no token is allowed here: the constraints contradict each other"
            )
        )
    values = logits[candidates].astype(np.float64)
    if temperature <= 0:
        return int(candidates[int(values.argmax())])
    scaled = values / temperature
    probabilities = np.exp(scaled - scaled.max())
    probabilities /= probabilities.sum()
    if top_p < 1.0:
        order = (-probabilities).argsort(kind="stable")
        cumulative = probabilities[order].cumsum()
        keep = order[: int(cumulative.searchsorted(top_p)) + 1]
        keep.sort()
        candidates, probabilities = candidates[keep], probabilities[keep]
    cdf = probabilities.cumsum()
    index = int((cdf / cdf[-1]).searchsorted(rng.random(), side="right"))
    return int(candidates[min(index, len(candidates) - 1)])


def among_pitches(
    logits: npt.NDArray[np.float32],
    bias: npt.NDArray[np.float32],
    allowed: Mask,
    pitch_ids: npt.NDArray[np.int64],
) -> npt.NDArray[np.float32]:
    """`bias` (non-zero on Pitch tokens only) shifted so that it chooses which pitch comes,
    never whether one does: the allowed pitches together keep the model's odds against the
    other allowed tokens.

    Why: after a note, the grammar allows another pitch on the same onset, the next onset and
    the bar's end at once, and a cell's pitch lean (its key's tones +1.5 nats, its chord's
    +2.5 more) added as it stands made a chord tone about 55 times likelier than moving on,
    so every part that may play chords stacked them: pop pianos sounded 8-10 notes at once,
    ballads had 27 chords of five notes or more per song."""
    pitches = pitch_ids[allowed[pitch_ids]]
    if not len(pitches):
        return bias
    plain = logits[pitches].astype(np.float64)
    leaned = plain + bias[pitches]
    top = plain.max()
    shift = np.log(np.exp(leaned - top).sum()) - np.log(np.exp(plain - top).sum())
    shifted = bias.copy()
    shifted[pitch_ids] -= np.float32(shift)
    return shifted
