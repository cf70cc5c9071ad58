#!/usr/bin/env bash
# Install Tessera with its development and training tools (torch, CPU build) if needed, then run every check CI runs:
# ruff, mypy, the import-direction contracts, and the test suite (Qt tests offscreen).
# Arguments are passed to pytest, e.g. `-m slow` for the long model-training tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
# Video runs through Qt Multimedia (PySide6-Addons, a plain dependency); the `video` extra adds
# PyAV, which the tests use to make test videos and to check the lossless backend.
bootstrap "dev,train,video"
cd "$PROJECT_ROOT"
export QT_QPA_PLATFORM=offscreen
if [ ! -f models/corpus/cache/index.json ]; then
    # The corpus tests check every cached work; a fresh checkout converts them once (~5 min)
    # and must reproduce the committed manifest exactly.
    echo "== corpus: converting the training corpus from music21 (first run only)"
    "$VENV/bin/python" -m build_scripts.corpus build
    if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1 \
        && ! git diff --quiet -- models/corpus; then
        echo "the corpus build no longer reproduces the committed manifest:" >&2
        git diff --stat -- models/corpus >&2
        exit 1
    fi
fi
echo "== ruff";          "$VENV/bin/ruff" check .
echo "== mypy";          "$VENV/bin/mypy"
echo "== import rules";  "$VENV/bin/lint-imports"
echo "== pytest";        "$VENV/bin/pytest" "$@"
