"""The symbolic model: a small decoder-only transformer over Tessera's infilling tokens.

Definition only (training lives in train.py, export in export.py). The forward pass takes the
key/value cache of earlier tokens as an explicit tensor and returns the updated one, so the same
code serves training (no cache), prefill (a whole prompt) and single-token decoding. export.py
writes the same computation as an ONNX graph with an in-place cache; the parity tests hold the
two to each other.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812 (the conventional name)


@dataclass(frozen=True)
class ModelConfig:
    vocab_size: int
    block_size: int = 1024
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 192
    dropout: float = 0.1

    @property
    def head_dim(self) -> int:
        return self.n_embd // self.n_head

    def to_dict(self) -> dict[str, int | float]:
        return asdict(self)


class SelfAttention(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.n_head = config.n_head
        self.head_dim = config.head_dim
        self.qkv = nn.Linear(config.n_embd, 3 * config.n_embd)
        self.proj = nn.Linear(config.n_embd, config.n_embd)
        self.dropout = config.dropout

    def forward(
        self, x: torch.Tensor, past: torch.Tensor | None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """x: (B, T, C); past: (2, B, n_head, P, head_dim) or None -> (B, T, C), new cache.

        With a cache (inference and the ONNX graph) attention is written out so that the T new
        queries see the P cached keys and, causally, each other.
        """
        batch, steps, channels = x.shape
        q, k, v = self.qkv(x).split(channels, dim=2)  # each (B, T, C)
        q = q.view(batch, steps, self.n_head, self.head_dim).transpose(1, 2)  # (B, nh, T, hd)
        k = k.view(batch, steps, self.n_head, self.head_dim).transpose(1, 2)  # (B, nh, T, hd)
        v = v.view(batch, steps, self.n_head, self.head_dim).transpose(1, 2)  # (B, nh, T, hd)
        if past is None:
            # Training: the fused kernel never materialises the (T, T) attention matrix.
            y = F.scaled_dot_product_attention(
                q, k, v, dropout_p=self.dropout if self.training else 0.0, is_causal=True
            )  # (B, nh, T, hd)
            y = y.transpose(1, 2).reshape(batch, steps, channels)  # (B, T, C)
            return F.dropout(self.proj(y), self.dropout, self.training), torch.stack([k, v])
        k = torch.cat([past[0], k], dim=2)  # (B, nh, P+T, hd)
        v = torch.cat([past[1], v], dim=2)  # (B, nh, P+T, hd)
        present = torch.stack([k, v])  # (2, B, nh, P+T, hd)
        total = k.shape[2]
        # Query i (absolute position total-T+i) sees keys 0..total-T+i.
        rows = torch.arange(steps, device=x.device).unsqueeze(1) + (total - steps)  # (T, 1)
        cols = torch.arange(total, device=x.device).unsqueeze(0)  # (1, P+T)
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(self.head_dim)  # (B, nh, T, P+T)
        scores = scores.masked_fill(cols > rows, float("-inf"))
        weights = F.softmax(scores, dim=-1)
        weights = F.dropout(weights, self.dropout, self.training)
        y = (weights @ v).transpose(1, 2).reshape(batch, steps, channels)  # (B, T, C)
        return F.dropout(self.proj(y), self.dropout, self.training), present


class Block(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd)
        self.attn = SelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd)
        self.mlp = nn.Sequential(
            nn.Linear(config.n_embd, 4 * config.n_embd),
            nn.GELU(),
            nn.Linear(4 * config.n_embd, config.n_embd),
            nn.Dropout(config.dropout),
        )

    def forward(
        self, x: torch.Tensor, past: torch.Tensor | None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        attended, present = self.attn(self.ln_1(x), past)
        x = x + attended  # (B, T, C)
        return x + self.mlp(self.ln_2(x)), present


class MidiTransformer(nn.Module):
    """GPT over token ids; `forward(ids, past)` -> (logits, cache)."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.token_embedding = nn.Embedding(config.vocab_size, config.n_embd)
        self.position_embedding = nn.Embedding(config.block_size, config.n_embd)
        self.blocks = nn.ModuleList([Block(config) for _ in range(config.n_layer)])
        self.ln_f = nn.LayerNorm(config.n_embd)
        self.head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.head.weight = self.token_embedding.weight  # weight tying
        self.apply(self._init_weights)

    @staticmethod
    def _init_weights(module: nn.Module) -> None:
        if isinstance(module, nn.Linear | nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def parameter_count(self) -> int:
        return sum(p.numel() for p in self.parameters())

    def empty_cache(self, batch: int = 1) -> torch.Tensor:
        c = self.config
        return torch.zeros(c.n_layer, 2, batch, c.n_head, 0, c.head_dim)

    def forward(
        self, ids: torch.Tensor, cache: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """ids: (B, T); cache: (n_layer, 2, B, n_head, P, head_dim) -> logits (B, T, V), cache."""
        past_length = 0 if cache is None else cache.shape[4]
        positions = torch.arange(ids.shape[1], device=ids.device) + past_length  # (T,)
        x = self.token_embedding(ids) + self.position_embedding(positions)  # (B, T, C)
        x = F.dropout(x, self.config.dropout, self.training)
        presents = []
        for layer, block in enumerate(self.blocks):
            x, present = block(x, None if cache is None else cache[layer])
            presents.append(present)
        logits = self.head(self.ln_f(x))  # (B, T, V)
        return logits, torch.stack(presents)  # cache: (n_layer, 2, B, nh, P+T, hd)
