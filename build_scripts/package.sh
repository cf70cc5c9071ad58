#!/usr/bin/env bash
# Build the standalone desktop app with PyInstaller: dist/tessera/ holds `tessera` (the window),
# `tessera-cli` (headless) and the shipped models; copy the folder anywhere and run it, no Python
# needed. The spec is build_scripts/tessera.spec. Arguments are passed to PyInstaller;
# TESSERA_DIST and TESSERA_WORK move the output and work folders (default dist/, build/).
# Afterwards, `.venv/bin/python -m build_scripts.check_package` smoke-checks the result.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap "package"
cd "$PROJECT_ROOT"
dist="${TESSERA_DIST:-$PROJECT_ROOT/dist}"            # where tessera/ is written
work="${TESSERA_WORK:-$PROJECT_ROOT/build/pyinstaller}"  # PyInstaller's intermediate files
started=$(date +%s)
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" "$@" build_scripts/tessera.spec
echo "package: built $dist/tessera/ in $(( $(date +%s) - started )) s," \
    "$(du -sm "$dist/tessera" | cut -f1) MB"
