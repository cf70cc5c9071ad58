"""Build Tessera's training corpus from the public-domain works that ship inside packages.

Why a builder at all: the design promises training data that is clean "and provably so". The
music in music21's corpus is old, but not every *encoding* of it is free, so each work is
classified from its own file text (`licence`), converted to a Song (`convert`), grouped into
tune families so that near-copies never straddle train and test (`families`), and written to a
provenance manifest (`manifest`) with hashes a test can check against the installed package.

Run `python -m build_scripts.corpus build` to rebuild everything under models/corpus/, and
`python -m build_scripts.corpus summary` to print the corpus by collection and composer.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = PROJECT_ROOT / "models" / "corpus"
"""Where the manifest, the exclusion list, the README and the (git-ignored) cache live."""

MANIFEST_PATH = CORPUS_DIR / "manifest.csv"
EXCLUDED_PATH = CORPUS_DIR / "excluded.csv"
README_PATH = CORPUS_DIR / "README.md"
CACHE_DIR = CORPUS_DIR / "cache"

CONVERTER_VERSION = 2
"""Bump when `convert` changes what it produces: cached Songs of older versions are rebuilt."""
