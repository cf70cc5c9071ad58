"""Run the shipped symbolic model with onnxruntime: card checks, prefill, cached decoding.

The model folder holds model.onnx, tokenizer.json and card.json. Loading checks the card
(required fields, tokenizer version, the ONNX file's hash) and the graph's inputs before any
inference, so a stale or damaged model is refused with a message instead of producing nonsense.
The file itself is opened by `engine.runtime.onnx` (hash check, providers, threads), as every
model is.

Decoding is built around the graph's in-place key/value cache (see models/midi/export.py): every
run binds its inputs and outputs to numpy memory with an IOBinding, each layer's past and present
cache to the same slice of one buffer, so onnxruntime writes the new keys and values where they
belong and nothing is copied between steps. Single-token steps also reuse one binding and its
small input arrays, rewritten in place; on the shipped model that reuse alone is worth ~30%.
The bound memory is host memory: under the CUDA provider (untested) onnxruntime would copy the
cache to the device and back on every run; a fast CUDA path would bind device OrtValues instead.

A cache also knows which token sits at each of its positions, so a prompt that begins as the
last one did (the same cells asked for again with another seed, a live answer asked for again
after one more note) keeps the keys and values of the shared beginning and runs only the rest
(`MidiModel.prefill` with `reuse`). On the shipped model that gives the logits of running the
whole prompt to the last bit, as long as the rest is at least two tokens (`RERUN_TOKENS`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from engine.compose.vocab import TOKENIZER_VERSION, TokenizerVersionError, Vocabulary
from engine.runtime.cards import read_card
from engine.runtime.onnx import ModelLoadError, open_session
from engine.words import QT_TRANSLATE_NOOP, message_of

DEFAULT_MODEL_DIR = Path(__file__).parents[2] / "models" / "midi"
REBUILD = (
    "reinstall Tessera, or export the model again from its checkpoint "
    "(python -m models.midi.export runs/midi/checkpoint.pt models/midi)"
)
MAX_ARRAY_BYTES = 2**30
"""The largest key/value cache or logits array a card may ask for (the shipped: 6 MB, 2.5 MB)."""

Logits = npt.NDArray[np.float32]
STEP_INPUTS = ("input_ids", "position_ids", "seqlens_k", "total_sequence_length")
CACHE_PARTS = ("key", "value")
RERUN_TOKENS = 2
"""The fewest prompt tokens a reusing prefill runs, however much of the prompt is cached: a
run of one token takes onnxruntime's single-row path, whose logits differ from a whole
prompt's in the last bits, and a sampled token must not depend on which prompt came before
(the same seed gives the same notes). From two tokens up the logits and the cache are
bit-identical to a fresh prefill's (checked by a test on the shipped model)."""


@dataclass(frozen=True)
class ModelCard:
    """The fields of card.json the engine relies on."""

    n_layer: int
    n_head: int
    head_dim: int
    block_size: int
    vocab_size: int
    tokenizer_version: str
    onnx_sha256: str
    raw: dict[str, Any]

    @classmethod
    def load(cls, folder: Path) -> ModelCard:
        """The folder's card, checked whole (`engine.runtime.cards`) and value by value; the
        bounds keep every array the values size (the cache, the logits) under a gigabyte."""
        card = read_card(folder, REBUILD)
        n_head = card.integer("architecture", "n_head", low=1, high=256)
        n_embd = card.integer("architecture", "n_embd", low=1, high=16_384)
        if n_embd % n_head:
            card.wrong(("architecture", "n_embd"), f"a multiple of n_head ({n_head})", n_embd)
        made = cls(
            n_layer=card.integer("architecture", "n_layer", low=1, high=256),
            n_head=n_head,
            head_dim=n_embd // n_head,
            block_size=card.integer("architecture", "block_size", low=1, high=65_536),
            vocab_size=card.integer("architecture", "vocab_size", low=1, high=1_000_000),
            tokenizer_version=card.text("tokenizer", "version"),
            onnx_sha256=card.sha256("onnx", "sha256"),
            raw=card.raw,
        )
        cache_bytes = 2 * made.n_layer * n_embd * made.block_size * 4
        logits_bytes = made.block_size * made.vocab_size * 4
        if max(cache_bytes, logits_bytes) > MAX_ARRAY_BYTES:
            raise ModelLoadError(
                QT_TRANSLATE_NOOP(
                    "MidiModel",
                    "{path}: architecture asks for a key/value cache of {cache_bytes:.1f} "
                    "GiB and logits of {logits_bytes:.1f} GiB (n_layer x n_embd x "
                    "block_size, block_size x vocab_size); the most this Tessera allocates "
                    "is {max_array_bytes:g} GiB: {fix}",
                ).format(
                    path=card.path,
                    cache_bytes=cache_bytes / 2**30,
                    logits_bytes=logits_bytes / 2**30,
                    max_array_bytes=MAX_ARRAY_BYTES / 2**30,
                    fix=card.fix,
                )
            )
        return made


class Cache:
    """The keys and values of one sequence's tokens, for every layer.

    One buffer (n_layer, 2, 1, n_head, block_size, head_dim), keys before values, is allocated
    for the whole context; its first `length` positions are filled. The graph writes new tokens'
    keys and values straight into it, so `MidiModel.step` advances a cache in place (and returns
    it, for the `logits, cache = model.step(...)` idiom): earlier states are not kept, and one
    sequence needs one cache. Made by `MidiModel.empty_cache` or `MidiModel.prefill`.
    """

    def __init__(self, buffer: npt.NDArray[np.float32]) -> None:
        self.buffer = buffer
        self._length = 0
        self.token_ids = np.zeros(buffer.shape[4], dtype=np.int64)
        """The token at each position; the first `length` are the cached ones."""

    @property
    def length(self) -> int:
        """How many tokens are cached: the position of the next token."""
        return self._length

    def advance(self, count: int) -> None:
        """Count `count` more positions as filled (the model calls this after writing them)."""
        self._length += count

    def truncate(self, length: int) -> None:
        """Keep only the first `length` positions; the next token is written at `length`."""
        if not 0 <= length <= self._length:
            raise ValueError(
                QT_TRANSLATE_NOOP(
                    "MidiModel", "cannot keep {length} of {length_2} cached positions"
                ).format(length=length, length_2=self._length)
            )
        self._length = length

    def shared_prefix(self, ids: Sequence[int]) -> int:
        """How many of `ids`, from the first, are the tokens already cached at those positions."""
        count = min(len(ids), self._length)
        differ = np.flatnonzero(self.token_ids[:count] != np.asarray(ids[:count], dtype=np.int64))
        return int(differ[0]) if len(differ) else count

    def keys_values(self) -> npt.NDArray[np.float32]:
        """A view of the filled part: (n_layer, 2, 1, n_head, length, head_dim)."""
        return self.buffer[:, :, :, :, : self._length]


def cache_name(kind: str, part: str, layer: int) -> str:
    """The graph's name for one layer's cache tensor: kind "past" or "present"."""
    return f"{kind}_{part}_{layer}"


def _bind(binding: ort.IOBinding, name: str, array: npt.NDArray[Any], *, output: bool) -> None:
    """Bind `name` to the memory of `array`, which must stay alive and contiguous until the run."""
    bind = binding.bind_output if output else binding.bind_input
    bind(name, "cpu", 0, array.dtype, list(array.shape), array.ctypes.data)


def _bind_cache(binding: ort.IOBinding, cache: Cache) -> None:
    """Each layer's past and present key (and value) to the same slice: updated in place."""
    for layer, pair in enumerate(cache.buffer):
        for part, block in zip(CACHE_PARTS, pair, strict=True):  # block: (1, nh, block_size, hd)
            _bind(binding, cache_name("past", part, layer), block, output=False)
            _bind(binding, cache_name("present", part, layer), block, output=True)


class _StepFeed:
    """The binding for single-token steps, reused: its small arrays are rewritten in place."""

    def __init__(self, session: ort.InferenceSession, vocab_size: int) -> None:
        self.binding = session.io_binding()
        self.input_ids = np.zeros((1, 1), dtype=np.int64)
        self.position_ids = np.zeros((1, 1), dtype=np.int64)
        self.seqlens_k = np.zeros((1,), dtype=np.int32)
        self.total_sequence_length = np.zeros((), dtype=np.int32)
        self.logits = np.zeros((1, 1, vocab_size), dtype=np.float32)
        for name in STEP_INPUTS:
            _bind(self.binding, name, getattr(self, name), output=False)
        _bind(self.binding, "logits", self.logits, output=True)
        self.cache: Cache | None = None

    def prepare(self, token_id: int, cache: Cache) -> None:
        if cache is not self.cache:  # a new sequence: bind its buffer (and keep it alive)
            _bind_cache(self.binding, cache)
            self.cache = cache
        self.input_ids[0, 0] = token_id
        cache.token_ids[cache.length] = token_id
        self.position_ids[0, 0] = cache.length
        self.seqlens_k[0] = cache.length  # total length - 1
        self.total_sequence_length[()] = cache.length + 1


class _PerThread(threading.local):
    """What a model keeps between calls, one copy per thread: the binding single-token steps
    reuse, and the cache a reusing prefill keeps."""

    step_feed: _StepFeed | None = None
    reusable: Cache | None = None


class MidiModel:
    """One loaded model. `prefill` runs a prompt in one pass; `step` decodes one token.

    `threads` is onnxruntime's intra-op thread count (default: one per core, at most 4). On an
    idle two-core machine two threads decode ~1.5x faster than one (probably because each core
    then keeps its half of every weight matrix in its own L2 cache), but while other processes
    keep both cores busy, the spinning worker thread makes two threads ~2x slower than one: pass
    threads=1 there.

    One model serves several threads at once (a compose job and a live session): onnxruntime
    runs a session from many threads, and what a model changes between calls (the binding its
    steps reuse, the cache a reusing prefill keeps) is kept per thread (`_PerThread`). A cache
    belongs to the thread that made it.
    """

    def __init__(
        self, folder: str | os.PathLike[str] = DEFAULT_MODEL_DIR, threads: int | None = None
    ) -> None:
        self.folder = Path(folder)
        self.card = ModelCard.load(self.folder)
        if self.card.tokenizer_version != TOKENIZER_VERSION:
            raise ModelLoadError(
                QT_TRANSLATE_NOOP(
                    "MidiModel",
                    "the model in {folder} was trained with tokenizer "
                    "{tokenizer_version!r}, but this Tessera uses {tokenizer_version_2!r}: "
                    "install the model that ships with this version",
                ).format(
                    folder=self.folder,
                    tokenizer_version=self.card.tokenizer_version,
                    tokenizer_version_2=TOKENIZER_VERSION,
                )
            )
        try:
            self.vocab = Vocabulary.load_checked(self.folder / "tokenizer.json")
        except TokenizerVersionError as err:
            raise ModelLoadError(message_of(err)) from err
        onnx_path = self.folder / "model.onnx"
        loaded = open_session(onnx_path, self.card.onnx_sha256, threads, optimize=True, fix=REBUILD)
        self.session, self.providers = loaded.session, loaded.providers
        self._check_inputs(onnx_path)
        self._per_thread = _PerThread()

    def _check_inputs(self, onnx_path: Path) -> None:
        expected = [*STEP_INPUTS]
        expected += [
            cache_name("past", part, layer)
            for layer in range(self.card.n_layer)
            for part in CACHE_PARTS
        ]
        found = [node.name for node in self.session.get_inputs()]
        if found != expected:
            raise ModelLoadError(
                QT_TRANSLATE_NOOP(
                    "MidiModel",
                    "{onnx_path} takes inputs {found}, but this Tessera drives a graph "
                    "with {expected}: the model was exported for another version; "
                    "re-export it with python -m models.midi.export",
                ).format(onnx_path=onnx_path, found=found, expected=expected)
            )
        c = self.card
        cache_shape = [1, c.n_head, c.block_size, c.head_dim]
        for node in self.session.get_inputs()[len(STEP_INPUTS) :]:
            if list(node.shape) != cache_shape:
                raise ModelLoadError(
                    QT_TRANSLATE_NOOP(
                        "MidiModel",
                        "{onnx_path} takes {name} of shape {shape}, but its card says "
                        "{cache_shape} (n_head, block_size, n_embd / n_head): {rebuild}",
                    ).format(
                        onnx_path=onnx_path,
                        name=node.name,
                        shape=node.shape,
                        cache_shape=cache_shape,
                        rebuild=REBUILD,
                    )
                )

    def empty_cache(self) -> Cache:
        c = self.card
        shape = (c.n_layer, 2, 1, c.n_head, c.block_size, c.head_dim)
        return Cache(np.zeros(shape, dtype=np.float32))

    def _check_room(self, cache: Cache, count: int) -> None:
        if cache.length + count > self.card.block_size:
            raise ModelLoadError(
                QT_TRANSLATE_NOOP(
                    "MidiModel",
                    "context of {length} tokens exceeds the model's {block_size}; the "
                    "caller must shorten the prompt",
                ).format(length=cache.length + count, block_size=self.card.block_size)
            )

    def run(self, ids: Sequence[int], cache: Cache) -> tuple[Logits, Cache]:
        """Logits (T, vocab) for `ids` after the cached context; the cache advances in place."""
        self._check_room(cache, len(ids))
        past, total = cache.length, cache.length + len(ids)
        feed: dict[str, npt.NDArray[Any]] = {
            "input_ids": np.asarray([ids], dtype=np.int64),  # (1, T)
            "position_ids": np.arange(past, total, dtype=np.int64)[None],  # (1, T)
            "seqlens_k": np.asarray([total - 1], dtype=np.int32),  # (1,)
            "total_sequence_length": np.asarray(total, dtype=np.int32),  # ()
        }
        logits = np.empty((1, len(ids), self.card.vocab_size), dtype=np.float32)  # (1, T, V)
        binding = self.session.io_binding()
        for name, array in feed.items():
            _bind(binding, name, array, output=False)
        _bind(binding, "logits", logits, output=True)
        _bind_cache(binding, cache)
        self.session.run_with_iobinding(binding)
        cache.token_ids[past:total] = feed["input_ids"][0]
        cache.advance(len(ids))
        return logits[0], cache

    def prefill(self, ids: Sequence[int], *, reuse: bool = False) -> tuple[Logits, Cache]:
        """Run a whole prompt at once; returns the next-token logits and a cache holding it.

        Without `reuse` the cache is a new one. With it, it is the model's one reusable cache:
        the positions where it already holds the prompt's first tokens (from the last reusing
        prefill and the tokens decoded after it) are kept and only the rest of the prompt is
        run, at least `RERUN_TOKENS` of it. The logits are the same either way; what reuse
        costs is that the cache it returns is valid only until the next reusing prefill.
        """
        if not reuse:
            logits, cache = self.run(ids, self.empty_cache())
            return logits[-1], cache
        mine = self._per_thread
        if mine.reusable is None:
            mine.reusable = self.empty_cache()
        cache = mine.reusable
        cache.truncate(max(0, min(cache.shared_prefix(ids), len(ids) - RERUN_TOKENS)))
        logits, cache = self.run(ids[cache.length :], cache)
        return logits[-1], cache

    def step(self, token_id: int, cache: Cache) -> tuple[Logits, Cache]:
        """The next-token logits after `token_id`; the cache advances in place."""
        self._check_room(cache, 1)
        mine = self._per_thread
        if mine.step_feed is None:
            mine.step_feed = _StepFeed(self.session, self.card.vocab_size)
        feed = mine.step_feed
        feed.prepare(token_id, cache)
        self.session.run_with_iobinding(feed.binding)
        cache.advance(1)
        return feed.logits[0, 0].copy(), cache  # the buffer is reused by the next step
