#!/usr/bin/env bash
# Set up timeline in a virtual environment and build the bundled timeline into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
.venv/bin/pip install -q --disable-pip-version-check -e .
# Bytecode written now, as pip does for installed packages: where PYTHONDONTWRITEBYTECODE is set, every command
# of this editable install would compile the generator again.
.venv/bin/python -m compileall -q generator
.venv/bin/timeline build --no-server "$@"
