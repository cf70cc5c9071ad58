"""Run the shipped symbolic model with onnxruntime: card checks, prefill, cached decoding.

The model folder holds model.onnx, tokenizer.json and card.json. Loading checks the card
(required fields, tokenizer version, the ONNX file's hash) before any inference, so a stale or
damaged model is refused with a message instead of producing nonsense. The CUDA execution
provider is used when onnxruntime offers it, the CPU provider otherwise, with the thread count
set explicitly (unset thread options give unstable timings).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from engine.errors import TesseraError
from engine.vocab import TOKENIZER_VERSION, TokenizerVersionError, Vocabulary

DEFAULT_MODEL_DIR = Path(__file__).parents[1] / "models" / "midi"

Logits = npt.NDArray[np.float32]
Cache = npt.NDArray[np.float32]


class ModelLoadError(TesseraError):
    """The model folder is missing, damaged, or does not match this version of Tessera."""


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
        path = folder / "card.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            arch = raw["architecture"]
            return cls(
                n_layer=int(arch["n_layer"]),
                n_head=int(arch["n_head"]),
                head_dim=int(arch["n_embd"]) // int(arch["n_head"]),
                block_size=int(arch["block_size"]),
                vocab_size=int(arch["vocab_size"]),
                tokenizer_version=str(raw["tokenizer"]["version"]),
                onnx_sha256=str(raw["onnx"]["sha256"]),
                raw=raw,
            )
        except FileNotFoundError as err:
            raise ModelLoadError(f"no model card at {path}: reinstall Tessera") from err
        except (ValueError, KeyError, TypeError) as err:
            raise ModelLoadError(f"the model card {path} is damaged ({err!r}): reinstall") from err


def choose_providers() -> list[str]:
    """CUDA when this onnxruntime build offers it, always with the CPU as fallback."""
    available = ort.get_available_providers()
    preferred = ["CUDAExecutionProvider", "CPUExecutionProvider"]
    return [provider for provider in preferred if provider in available]


class MidiModel:
    """One loaded model. `prefill` runs a prompt in one pass; `step` decodes one token."""

    def __init__(
        self, folder: str | os.PathLike[str] = DEFAULT_MODEL_DIR, threads: int | None = None
    ) -> None:
        self.folder = Path(folder)
        self.card = ModelCard.load(self.folder)
        if self.card.tokenizer_version != TOKENIZER_VERSION:
            raise ModelLoadError(
                f"the model in {self.folder} was trained with tokenizer "
                f"{self.card.tokenizer_version!r}, but this Tessera uses {TOKENIZER_VERSION!r}: "
                "install the model that ships with this version"
            )
        try:
            self.vocab = Vocabulary.load_checked(self.folder / "tokenizer.json")
        except TokenizerVersionError as err:
            raise ModelLoadError(str(err)) from err
        onnx_path = self.folder / "model.onnx"
        try:
            digest = hashlib.sha256(onnx_path.read_bytes()).hexdigest()
        except OSError as err:
            raise ModelLoadError(f"cannot read {onnx_path}: {err.strerror}") from err
        if digest != self.card.onnx_sha256:
            raise ModelLoadError(
                f"{onnx_path} does not match its card (the file is damaged or was replaced): "
                "reinstall Tessera or re-export the model"
            )
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.providers = choose_providers()
        self.session = ort.InferenceSession(str(onnx_path), options, providers=self.providers)

    def empty_cache(self) -> Cache:
        c = self.card
        return np.zeros((c.n_layer, 2, 1, c.n_head, 0, c.head_dim), dtype=np.float32)

    def run(self, ids: list[int], cache: Cache) -> tuple[Logits, Cache]:
        """Logits (T, vocab) for `ids` after the cached context, and the extended cache."""
        if cache.shape[4] + len(ids) > self.card.block_size:
            raise ModelLoadError(
                f"context of {cache.shape[4] + len(ids)} tokens exceeds the model's "
                f"{self.card.block_size}; the caller must shorten the prompt"
            )
        feed = {"input_ids": np.asarray([ids], dtype=np.int64), "cache": cache}
        logits, present = self.session.run(None, feed)
        return logits[0], present

    def prefill(self, ids: list[int]) -> tuple[Logits, Cache]:
        """Run a whole prompt at once; returns the next-token logits and the cache."""
        logits, cache = self.run(ids, self.empty_cache())
        return logits[-1], cache

    def step(self, token_id: int, cache: Cache) -> tuple[Logits, Cache]:
        logits, cache = self.run([token_id], cache)
        return logits[-1], cache
