"""The timbre denoiser: a small conditional 1-D conv net over a note's control frames.

Input: noisy control frames x_t = alpha x0 + sigma noise (B, F, C) at diffusion time t in
[0, 1] (cosine schedule, alpha = cos(pi t / 2), sigma = sin(pi t / 2)); output: the estimate of
the clean frames x0. The estimate is preconditioned as in EDM (Karras et al. 2022), rewritten
for this schedule: x0 = c_skip x_t + c_out F(c_in x_t), so the net F only adds what the noisy
input lacks. F's output is itself a coarse estimate plus a per-value gain times the input, so
the net can weigh the noisy input against its own estimate value by value, at full resolution.
Both matter here: the conv stack is narrower than a patch of input (128 < 2 x 98 values) and
cannot carry the input's noise through it; the first version (v-prediction, no gain) left that
noise in its samples, which got worse with every extra sampler step.
The skip path may also take a smoothed copy of the input (`DenoiserConfig.smoothed_skip`, off
in the shipped v2, `_frame_smoother`): the net chooses, value by value, how much of it to pass,
because the raw skip carries the sampler's noise into v2's notes as a 1.5-2.8 dB wobble from
frame to frame where FluidSynth's move 0.02-0.4 dB. Trained (16,000 steps, with the sound
effects 120-127 added to the data) it cut that wobble from 1.63 to 0.58 dB (median of 16 held
notes), but the mel distance to FluidSynth measured 6.7 dB at the median instrument against
v2's 6.4 (a run without it on the same data: 6.6), so it is not shipped yet.
Conditioning: a timbre vector (B, D), the MIDI pitch (or drum key), velocity, note duration in
seconds and a drum flag. The duration also enters frame by frame as a gate (1 while the key is
held) next to each frame's time, so the net knows where the release starts.

Frames are grouped in pairs ("patches", as in DiT) so the conv stack runs at 25 positions per
second; dilated convolutions (1, 2, 4, 8, 16, twice) see the whole 2.56 s window. Each block is
FiLM-conditioned (scale and shift from the conditioning vector) after a GroupNorm.

Drum keys are categories, not pitches: neighbouring keys are unrelated sounds (41 low floor
tom, 42 closed hi-hat, 43 high floor tom), which the smooth pitch features blur together. So a
drum note also gets its key's own learned vector (`TimbreDenoiser.drum_keys`, one row per MIDI
key, zero at first), added to the conditioning of every block: each GM drum key is learned from
its own renders (timbre model v2; v1 had only the pitch features).

The timbre vectors of the training instruments are an embedding table (`TimbreDenoiser.timbres`,
one row per GM program, row 128 the drum kit) learned with the denoiser. During training each
vector is jittered with Gaussian noise and held near the origin by a small penalty, so the
space between instruments also decodes to plausible sounds and a Gaussian fitted to the rows
(the prior, see export.py) samples new ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812

from engine.sound.synth import CHANNEL_COUNT, FRAME_RATE_HZ

INSTRUMENT_ROWS = 129
"""Programs 0-127 and the drum kit (128)."""
DRUM_KEY_ROWS = 128
"""One conditioning row per MIDI key (General MIDI drums use 35-81)."""
DATA_STD = 0.5
"""Rough spread of control values (sigma_data in EDM's preconditioning)."""


@dataclass(frozen=True)
class DenoiserConfig:
    channels: int = CHANNEL_COUNT
    frames: int = 128
    patch: int = 2
    width: int = 128
    blocks: int = 10
    timbre_dim: int = 24
    cond_dim: int = 256
    drum_key_embedding: bool = True
    """A learned conditioning vector per drum key (v2); v1 checkpoints have none."""
    smoothed_skip: bool = False
    """Whether the skip path may carry a smoothed copy of the noisy input (see the module's
    notes; `train.py --smoothed-skip`). The shipped v2 has none."""


def sinusoidal(values: torch.Tensor, count: int, max_period: float) -> torch.Tensor:
    """(B,) -> (B, 2 * count) sines and cosines at geometrically spaced periods."""
    exponents = torch.arange(count, dtype=torch.float32, device=values.device) / count
    frequencies = torch.exp(-math.log(max_period) * exponents)  # (count,)
    angles = values[:, None].float() * frequencies[None, :]  # (B, count)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)


class Block(nn.Module):
    """Residual block: GroupNorm, FiLM, SiLU, dilated conv, SiLU, pointwise conv."""

    def __init__(self, width: int, cond_dim: int, dilation: int) -> None:
        super().__init__()
        self.norm = nn.GroupNorm(8, width)
        self.film = nn.Linear(cond_dim, 2 * width)
        self.conv = nn.Conv1d(width, width, 3, padding=dilation, dilation=dilation)
        self.mix = nn.Conv1d(width, width, 1)
        nn.init.zeros_(self.mix.weight)
        nn.init.zeros_(self.mix.bias)  # type: ignore[arg-type]

    def forward(self, h: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        scale, shift = self.film(cond)[:, :, None].chunk(2, dim=1)  # (B, W, 1) each
        y = self.norm(h) * (1 + scale) + shift  # (B, W, L)
        y = self.mix(F.silu(self.conv(F.silu(y))))  # (B, W, L)
        out: torch.Tensor = h + y
        return out


class TimbreDenoiser(nn.Module):
    def __init__(self, config: DenoiserConfig) -> None:
        super().__init__()
        self.config = config
        c = config
        self.timbres = nn.Embedding(INSTRUMENT_ROWS, c.timbre_dim)
        nn.init.normal_(self.timbres.weight, std=0.3)
        cond_in = (
            64 + 16 + 1 + 3 + c.timbre_dim
        )  # time, pitch features, pitch, vel/dur/drum, timbre
        self.cond = nn.Sequential(
            nn.Linear(cond_in, c.cond_dim), nn.SiLU(), nn.Linear(c.cond_dim, c.cond_dim)
        )
        self.drum_keys = nn.Embedding(DRUM_KEY_ROWS, c.cond_dim) if c.drum_key_embedding else None
        if self.drum_keys is not None:
            nn.init.zeros_(self.drum_keys.weight)
        self.patch_in = nn.Linear(c.patch * (c.channels + 2), c.width)
        dilations = [1, 2, 4, 8, 16] * (c.blocks // 5) + [1] * (c.blocks % 5)
        self.blocks = nn.ModuleList(Block(c.width, c.cond_dim, d) for d in dilations)
        self.norm_out = nn.GroupNorm(8, c.width)
        self.outputs_per_value = 3 if c.smoothed_skip else 2  # coarse, gain (and smoothing share)
        self.patch_out = nn.Linear(c.width, self.outputs_per_value * c.patch * c.channels)
        self.smooth = _frame_smoother(c.channels) if c.smoothed_skip else None
        frame_seconds = torch.arange(c.frames, dtype=torch.float32) / FRAME_RATE_HZ
        self.register_buffer("frame_seconds", frame_seconds, persistent=False)

    def forward(  # noqa: PLR0917 (ONNX export passes one positional argument per graph input)
        self,
        x: torch.Tensor,
        t: torch.Tensor,
        timbre: torch.Tensor,
        pitch: torch.Tensor,
        velocity: torch.Tensor,
        duration_seconds: torch.Tensor,
        is_drum: torch.Tensor,
    ) -> torch.Tensor:
        """x (B, F, C), t/pitch/velocity/duration/is_drum (B,), timbre (B, D) -> x0 (B, F, C)."""
        c = self.config
        batch = x.shape[0]
        c_skip, c_out, c_in = (s[:, None, None] for s in preconditioning(t))  # (B, 1, 1) each
        scalars = torch.stack(
            [velocity / 127.0, torch.log(duration_seconds), is_drum], dim=1
        )  # (B, 3)
        cond = self.cond(
            torch.cat(
                [
                    sinusoidal(t * 1000.0, 32, 10_000.0),  # (B, 64)
                    sinusoidal(pitch, 8, 128.0),  # (B, 16)
                    ((pitch - 64.0) / 32.0)[:, None],  # (B, 1)
                    scalars,
                    timbre,  # (B, D)
                ],
                dim=1,
            )
        )  # (B, cond_dim)
        if self.drum_keys is not None:
            key = torch.clamp(torch.round(pitch), 0, DRUM_KEY_ROWS - 1).long()  # (B,)
            cond = cond + is_drum[:, None] * self.drum_keys(key)
        frame_seconds: torch.Tensor = self.frame_seconds  # type: ignore[assignment]
        gate = (frame_seconds[None, :] < duration_seconds[:, None]).float()  # (B, F)
        position = (frame_seconds / frame_seconds[-1])[None, :].expand(batch, -1)  # (B, F)
        h = torch.cat([c_in * x, gate[:, :, None], position[:, :, None]], dim=2)  # (B, F, C + 2)
        h = h.reshape(batch, c.frames // c.patch, c.patch * (c.channels + 2))  # (B, L, P(C+2))
        h = self.patch_in(h).transpose(1, 2)  # (B, W, L)
        for block in self.blocks:
            h = block(h, cond)
        h = F.silu(self.norm_out(h)).transpose(1, 2)  # (B, L, W)
        out = self.patch_out(h).reshape(
            batch, c.frames // c.patch, c.patch, self.outputs_per_value, c.channels
        )
        coarse = out[:, :, :, 0].reshape(batch, c.frames, c.channels)  # (B, F, C)
        gain = out[:, :, :, 1].reshape(batch, c.frames, c.channels)  # (B, F, C)
        residual = coarse + gain * (c_in * x)  # (B, F, C)
        skipped = x
        if self.smooth is not None:
            share = torch.sigmoid(out[:, :, :, 2].reshape(batch, c.frames, c.channels))
            share = share * self._smoothable(duration_seconds, is_drum)[:, :, None]
            smoothed = self.smooth(x.transpose(1, 2)).transpose(1, 2)  # (B, F, C)
            skipped = x + share * (smoothed - x)
        x0: torch.Tensor = c_skip * skipped + c_out * residual
        return x0

    def _smoothable(self, duration_seconds: torch.Tensor, is_drum: torch.Tensor) -> torch.Tensor:
        """(B, F) 1 where the smoothed skip may be used, 0 where a note changes fast by nature:
        its attack (the first `ATTACK_FRAMES_KEPT` frames: every note starts at frame 0), the
        frames around its release's start, and a drum hit throughout. Without this mask
        (a first run, stopped at step 10,000) the net's choice of how much to smooth stayed at
        a quarter to a half at onsets, and it blunted attacks (median 10-90% rise 300 ms
        against FluidSynth's 48) and drum hits (24 of 47 keys' centroids within 30%); with
        it, after 16,000 steps, 85 ms and 38 of 47 (v2: 87 ms, 41)."""
        frame_seconds: torch.Tensor = self.frame_seconds  # type: ignore[assignment]
        frames = torch.round(frame_seconds * FRAME_RATE_HZ)  # frame numbers, exactly
        release = duration_seconds[:, None] * FRAME_RATE_HZ  # (B, 1)
        near_release = torch.abs(frames[None, :] - release) <= RELEASE_FRAMES_KEPT
        attack = frames[None, :] < ATTACK_FRAMES_KEPT
        kept = (attack | near_release).float()  # (B, F)
        return (1.0 - kept) * (1.0 - is_drum[:, None])


SMOOTHER_TAPS = 9
"""Frames in the smoothing kernel (180 ms), started as a binomial (a near-Gaussian, 60 ms wide)."""


def _frame_smoother(channels: int) -> nn.Conv1d:
    """A learned per-channel low-pass over frames for the skip path (`smoothed_skip`).

    Why: v2's sampled notes wobbled 1.5-2.8 dB from frame to frame in sustained notes where
    FluidSynth's analysed frames move 0.02-0.4 dB, and the wobble grew with the sampler's
    temperature, so it was sampling noise carried to the end. The skip path (EDM's c_skip x)
    passes the noisy input value by value, and the conv stack, narrower than a patch of input,
    cannot carry a finer estimate to cancel it. With a smoothed copy of the input beside it, the
    net only has to choose, value by value, how much of each to pass: all of the smoothed one
    where a note holds still, the raw one at onsets and where a note trembles.
    """
    smoother = nn.Conv1d(
        channels,
        channels,
        SMOOTHER_TAPS,
        padding=SMOOTHER_TAPS // 2,
        padding_mode="replicate",
        groups=channels,
        bias=False,
    )
    binomial = torch.tensor([math.comb(SMOOTHER_TAPS - 1, k) for k in range(SMOOTHER_TAPS)])
    with torch.no_grad():
        smoother.weight.copy_((binomial / binomial.sum()).float().expand(channels, 1, -1))
    return smoother


ATTACK_FRAMES_KEPT = 6
"""Frames from a note's start (120 ms) that the smoothed skip leaves alone."""
RELEASE_FRAMES_KEPT = 4
"""Frames either side of a note's release (80 ms, the smoothing kernel's reach) left alone."""


def alpha_sigma(t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """The cosine schedule: signal and noise scales at time t in [0, 1]."""
    return torch.cos(0.5 * math.pi * t), torch.sin(0.5 * math.pi * t)


def preconditioning(t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """EDM's c_skip, c_out and c_in for x_t = alpha x0 + sigma noise, at time t (B,).

    With s = sqrt(alpha^2 DATA_STD^2 + sigma^2) the spread of x_t: c_in = 1 / s scales the
    input to unit spread, c_skip = alpha DATA_STD^2 / s^2 is the best plain multiple of x_t,
    and c_out = sigma DATA_STD / s the spread of what remains.
    """
    alpha, sigma = alpha_sigma(t)
    spread = torch.sqrt(alpha**2 * DATA_STD**2 + sigma**2)
    return alpha * DATA_STD**2 / spread**2, sigma * DATA_STD / spread, 1.0 / spread
