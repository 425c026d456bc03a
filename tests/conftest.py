"""Shared fixtures: the reference article and paths to the shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "examples" / "kremlin-trump-covid-tests.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def reference_path() -> Path:
    return REFERENCE


@pytest.fixture(scope="session")
def reference_bytes() -> bytes:
    return REFERENCE.read_bytes()


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def unquote(content: str) -> str:
    """A quote's words without the marks around them (contents keep the marks, as printed)."""
    if content[:1] in QUOTE_MARKS:
        content = content[1:]
    if content[-1:] in QUOTE_MARKS:
        content = content[:-1]
    return content


# ------------------------------------------------------------------ ledgers
# Storage, API and page tests run once per database engine.  PostgreSQL is
# a real server (see tests/pgserver.py); without one the PostgreSQL runs fail
# with instructions, unless CLAIMLEDGER_TEST_PG=off says to test SQLite only.

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    from tests import pgserver

    try:
        url, cluster = pgserver.admin_url()
    except pgserver.Unavailable as err:
        if os.environ.get(pgserver.ENV, "").strip().lower() == "off":
            pytest.skip(str(err))
        pytest.fail(str(err), pytrace=False)
    try:
        yield url
    finally:
        if cluster is not None:
            cluster.stop()


class LedgerFactory:
    """New empty ledgers on one engine: a SQLite file, or a new PostgreSQL database."""

    def __init__(self, backend: str, folder: Path, request: pytest.FixtureRequest) -> None:
        self.backend = backend
        self._folder = folder
        self._request = request
        self._made: list[str] = []
        self._count = 0

    def __call__(self, name: str = "ledger") -> str:
        if self.backend == "sqlite":
            self._count += 1
            return str(self._folder / f"{name}-{self._count}.db")
        from tests import pgserver

        url = pgserver.create_database(self._request.getfixturevalue("pg_admin_url"))
        self._made.append(url)
        return url

    def drop_all(self) -> None:
        if self.backend == "postgresql" and self._made:
            from tests import pgserver

            pgserver.drop_databases(self._request.getfixturevalue("pg_admin_url"), self._made)


@pytest.fixture(params=BACKENDS)
def new_ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LedgerFactory]:
    factory = LedgerFactory(request.param, tmp_path, request)
    yield factory
    factory.drop_all()


@pytest.fixture(scope="module", params=BACKENDS)
def module_ledger(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LedgerFactory]:
    factory = LedgerFactory(request.param, tmp_path_factory.mktemp("ledger"), request)
    yield factory
    factory.drop_all()
