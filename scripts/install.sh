#!/usr/bin/env bash
# Install everything the project needs on a fresh Debian machine: system packages (Chromium
# for browser tests and figure export, fonts that exhibits embed, poppler for PDF checks)
# and the Python environment from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
missing=0
command -v chromium >/dev/null || missing=1
command -v pdftoppm >/dev/null || missing=1
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing=1
[ -d /usr/share/fonts/truetype/liberation ] || missing=1
if [ "$missing" -eq 1 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq \
        chromium fonts-dejavu-core fonts-liberation poppler-utils >/dev/null
fi
# uv from PyPI; called through `python3 -m uv` so a fresh pip install works before any
# shell or pyenv shim knows the new command.
python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install -q "uv==0.13.8"
# --compile-bytecode: import time drops about 3x where PYTHONDONTWRITEBYTECODE is set
python3 -m uv sync --frozen --quiet --compile-bytecode
# The project's own packages as well: uv installs them editable, so nothing compiles them, and
# where PYTHONDONTWRITEBYTECODE is set every `metering` process would compile its ~40 modules
# again (~40 ms of each build). Python still recompiles, in memory, any module edited since.
python3 -m uv run --frozen --no-sync python -m compileall -q etl metering marts_io dashboard
