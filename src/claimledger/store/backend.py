"""The two databases a ledger can live in: a SQLite file, or a PostgreSQL server.

The store, the ledger views and the API write their SQL once, in the subset
both engines read alike (``?`` placeholders, ``ON CONFLICT``, ``TRUE``,
explicit ``CAST`` where a parameter's type would be unknown), and ask the
connection's :attr:`dialect` only where the engines truly differ: full-text
search (FTS5 tables vs. ``tsvector`` expression indexes) and the migration
files.  :class:`PgConnection` makes a psycopg connection answer like
``sqlite3``'s (``execute`` with ``?``, rows readable by index and by column
name, ``in_transaction``), so a query is never written twice for the sake of
its driver.  Placeholders stay placeholders: psycopg binds them server-side,
so no value is ever spliced into SQL text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

if TYPE_CHECKING:
    import psycopg

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "postgresql://…"
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[-1]}"))


# ``?`` outside quoted literals and identifiers becomes ``%s``; a literal ``%`` is doubled.
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """sqlite's ``?`` placeholders as psycopg's ``%s`` (the SQL text is ours, never user text)."""

    def sub(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "?":
            return "%s"
        if tok == "%":
            return "%%"
        return tok

    return _TOKENS.sub(sub, sql)


class Row(tuple[Any, ...]):
    """A result row readable as ``row[0]`` and as ``row["name"]``, like ``sqlite3.Row``."""

    __slots__ = ()
    _names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    names: dict[str, int] = {}
    for i, col in enumerate(desc):
        names.setdefault(col.name, i)  # like sqlite3.Row: the first column of a name wins
    cls = type("Row", (Row,), {"__slots__": (), "_names": names})

    def make(values: Sequence[Any]) -> Row:
        return cls(values)

    return make


class PgCursor:
    """The parts of ``sqlite3.Cursor`` the store uses, over a psycopg cursor."""

    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self._cur = cur

    def fetchone(self) -> Any:
        return self._cur.fetchone() if self._cur.description is not None else None

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall() if self._cur.description is not None else []

    def __iter__(self) -> Iterator[Any]:
        if self._cur.description is None:
            return iter(())
        return iter(self._cur)

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount


class PgConnection:
    """A psycopg connection in autocommit mode that speaks the store's sqlite dialect.

    Autocommit with explicit ``BEGIN``/``COMMIT`` mirrors the SQLite
    connection (``isolation_level=None``): a batch is one transaction because
    the store says so, not because the driver opened one behind its back.
    """

    dialect = POSTGRESQL

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    @classmethod
    def connect(cls, url: str) -> PgConnection:
        import psycopg

        conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        return cls(conn)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        cur = self._conn.cursor()
        if params:
            cur.execute(to_pyformat(sql), tuple(params))
        else:  # psycopg reads no placeholders (and no %) in a query without parameters
            cur.execute(sql)
        return PgCursor(cur)

    def executescript(self, script: str) -> None:
        """Several statements in one call (a migration file); no parameters, so no placeholders."""
        self._conn.execute(script)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self._conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self._conn.close()


def database_errors(dialect: str) -> tuple[type[BaseException], ...]:
    """The driver's error classes, so the store reports a database failure as a StoreError."""
    import sqlite3

    if dialect == POSTGRESQL:
        import psycopg

        return (psycopg.Error,)
    return (sqlite3.Error,)
