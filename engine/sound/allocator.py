"""The heap made ready for the synthesizer's temporaries before its first note.

Why a module of its own: it is about glibc's malloc, not about sound; `engine.sound.synth`
calls it once when it is imported.
"""

from __future__ import annotations

import numpy as np

SETTLING_BLOCK_BYTES = 16 * 2**20


def settle_allocator() -> None:
    """Free one 16 MB block, so that glibc's malloc serves the synthesizer's temporaries
    (a few hundred kB to a few MB for each note) from its heap from the first note on.

    glibc maps every block above its mmap threshold (128 kB at first) straight from the
    kernel and unmaps it when freed, so each such temporary pays a page fault for every 4 kB
    it touches; freeing a mapped block raises the threshold to that block's size (32 MB at
    most) for the rest of the process. Left to ratchet up note by note, the first render of
    a process spent 0.4 CPU seconds more (97 notes) than the next one. In exchange the heap
    keeps up to twice the threshold (32 MB) of freed memory rather than returning it. The
    block itself is never touched, so it costs no page; other allocators ignore all this."""
    np.empty(SETTLING_BLOCK_BYTES, dtype=np.uint8)
