"""Does the song copy its training music? Found passage by passage, with the works named.

- `check`: the report for a song (which bars match which training work, how closely).
- `index`: the shipped n-gram index of the training corpus; `similar`: near matches.
"""

__all__ = ["check", "index", "similar"]
