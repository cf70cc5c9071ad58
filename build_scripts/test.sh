#!/usr/bin/env bash
# Install Tessera with its development and training tools (torch, CPU build) if needed, then run every check CI runs:
# ruff, mypy, the import-direction contracts, and the test suite (Qt tests offscreen).
# Arguments are passed to pytest, e.g. `-m slow` for the long model-training tests.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap "dev,train"
cd "$PROJECT_ROOT"
export QT_QPA_PLATFORM=offscreen
echo "== ruff";          "$VENV/bin/ruff" check .
echo "== mypy";          "$VENV/bin/mypy"
echo "== import rules";  "$VENV/bin/lint-imports"
echo "== pytest";        "$VENV/bin/pytest" "$@"
