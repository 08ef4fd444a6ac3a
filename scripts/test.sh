#!/usr/bin/env bash
# Set up everything the tests need (Chromium, Java, Python and npm tools), then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if ! command -v chromium >/dev/null || ! command -v java >/dev/null; then
  apt-get update -qq
  command -v chromium >/dev/null || apt-get install -y -qq chromium >/dev/null
  command -v java >/dev/null || apt-get install -y -qq default-jre-headless >/dev/null
fi
source scripts/venv.sh
.venv/bin/pip install -q --disable-pip-version-check -e . -r requirements-test.txt
# Bytecode written now, as pip does for installed packages: where PYTHONDONTWRITEBYTECODE is set, every command
# of this editable install would compile the generator again.
.venv/bin/python -m compileall -q generator
npm ci --no-audit --no-fund --loglevel=error
set +e
.venv/bin/python -m pytest -q "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "no tests were collected: failing" >&2
  exit 1
fi
exit "$rc"
