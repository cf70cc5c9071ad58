#!/usr/bin/env bash
# Shared set-up for start.sh and test.sh: Debian packages, then a project-local virtual
# environment under .venv that is created once and reinstalled only when pyproject.toml or the
# requested extras change. Source it, then call `bootstrap EXTRAS` (e.g. "" or "dev").
set -euo pipefail

PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$PROJECT_ROOT/.venv"
BASIC_PITCH_VERSION="0.4.0"  # audio-to-notes model, runtime and tests (see pyproject.toml)

missing_debian_packages() {
    local wanted
    wanted=$(grep -vE '^\s*(#|$)' "$PROJECT_ROOT/build_scripts/debian-packages.txt")
    for package in $wanted; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
            || printf '%s\n' "$package"
    done
}

install_debian_packages() {
    command -v dpkg-query >/dev/null 2>&1 || {
        echo "bootstrap: not a Debian-based system; install Qt's runtime libraries yourself." >&2
        return 0
    }
    local missing
    missing=$(missing_debian_packages | tr '\n' ' ')
    [ -z "${missing// }" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "bootstrap: installing Debian packages: $missing"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    else
        echo "bootstrap: these Debian packages are missing; install them with:" >&2
        echo "  sudo apt-get install -y --no-install-recommends $missing" >&2
        exit 1
    fi
}

find_python() {
    # onnxruntime needs Python 3.11+, python-rtmidi has wheels up to 3.12.
    for candidate in python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \
            'import sys, venv, ensurepip; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 12))' \
            2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "bootstrap: Tessera needs Python 3.11 or 3.12 with venv (Debian: apt-get install python3-venv)." >&2
    exit 1
}

bootstrap() {
    local extras="${1:-}"
    install_debian_packages
    if [ ! -x "$VENV/bin/python" ]; then
        echo "bootstrap: creating $VENV"
        "$(find_python)" -m venv "$VENV"
    fi
    local stamp="$VENV/.tessera-installed"
    local wanted
    wanted="$(sha256sum "$PROJECT_ROOT/pyproject.toml" | cut -d' ' -f1) [$extras]"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        echo "bootstrap: installing Tessera${extras:+ with [$extras]} into .venv"
        "$VENV/bin/python" -m pip install --quiet --upgrade pip
        "$VENV/bin/python" -m pip install --quiet -e "$PROJECT_ROOT${extras:+[$extras]}"
        # Every install, runtime too: engine/transcribe/transcriber.py runs the wheel's ONNX audio-to-notes
        # model (checked by hash). Only that file is used; its dependencies include TensorFlow.
        "$VENV/bin/python" -m pip install --quiet --no-deps "basic-pitch==$BASIC_PITCH_VERSION"
        echo "$wanted" > "$stamp"
    fi
}
