#!/usr/bin/env bash
# Install Tessera (Debian packages and a local .venv) if needed, then start the app.
# Arguments are passed to the app, e.g. a MIDI file or project to open.
# Everything comes from pyproject.toml's dependencies, including PySide6-Addons (Qt Multimedia),
# which reads and writes video; the GPL-carrying PyAV (the `video` extra) is not installed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
bootstrap ""
exec "$VENV/bin/tessera" "$@"
