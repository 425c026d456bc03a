"""The two databases a ledger can live in: a SQLite file, or a PostgreSQL server.

The store, the ledger views and the API write their SQL once, in the subset
both engines read alike (``?`` placeholders, ``ON CONFLICT``, ``TRUE``,
explicit ``CAST`` where a parameter's type would be unknown), and ask the
connection's :attr:`dialect` only where the engines truly differ: full-text
search (FTS5 tables vs. stored ``tsvector`` columns) and the migration
files.  :class:`PgConnection` makes a psycopg connection answer like
``sqlite3``'s (``execute`` with ``?``, rows readable by index and by column
name, ``in_transaction``), so a query is never written twice for the sake of
its driver.  Placeholders stay placeholders: psycopg binds them server-side,
so no value is ever spliced into SQL text.
"""

from __future__ import annotations

import re
import threading
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
    """``url`` without its password (in the user part or as ``password=``), for messages."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "postgresql://…"
    if password is not None:
        host = parts.netloc.rsplit("@", 1)[-1]
        parts = parts._replace(netloc=f"{parts.username or ''}:***@{host}")
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    return urlunsplit(parts._replace(query=query))


def scrub(message: str, url: str) -> str:
    """A driver's error message with the URL's secrets taken out (libpq may quote them back)."""
    from urllib.parse import parse_qs, unquote

    secrets = {url}
    try:
        parts = urlsplit(url)
        if parts.password:
            secrets |= {parts.password, unquote(parts.password)}
        secrets |= set(parse_qs(parts.query).get("password", []))
        if "@" in parts.netloc:
            secrets.add(parts.netloc.rsplit("@", 1)[0])
    except ValueError:
        pass
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            message = message.replace(secret, "***")
    return message


# ``?`` outside quoted literals, identifiers and comments becomes ``%s``; every
# ``%`` is doubled, inside literals too (psycopg reads placeholders everywhere).
_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\?|%")


@lru_cache(maxsize=512)
def to_pyformat(sql: str) -> str:
    """sqlite's ``?`` placeholders as psycopg's ``%s`` (the SQL text is ours, never user text)."""
    if "$$" in sql:
        raise ValueError("dollar-quoted strings are not supported in parameterised SQL")

    def sub(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "?":
            return "%s"
        return tok.replace("%", "%%")

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


@lru_cache(maxsize=256)
def _row_class(columns: tuple[str, ...]) -> type[Row]:
    names: dict[str, int] = {}
    for i, name in enumerate(columns):
        names.setdefault(name, i)  # like sqlite3.Row: the first column of a name wins
    return type("Row", (Row,), {"__slots__": (), "_names": names})


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    cls = _row_class(tuple(col.name for col in desc))

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

    def __init__(self, conn: psycopg.Connection[Any], pool: Any = None) -> None:
        self._conn = conn
        self._pool = pool  # where close() returns the connection, if it came from one

    @classmethod
    def connect(cls, url: str, *, pooled: bool = False) -> PgConnection:
        """A connection of its own, or (``pooled``: a server's many short requests) a pooled one."""
        import psycopg

        if pooled:
            pool = _pool(url)
            return cls(pool.getconn(timeout=10), pool)
        conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
        return cls(conn)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        cur = self._conn.cursor()
        if params:
            cur.execute(to_pyformat(sql), tuple(params))
        else:  # psycopg reads no placeholders (and no %) in a query without parameters
            cur.execute(sql)
        return PgCursor(cur)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement over many rows (psycopg pipelines them: one round trip per batch)."""
        with self._conn.cursor() as cur:
            cur.executemany(to_pyformat(sql), [tuple(r) for r in rows])

    def executescript(self, script: str) -> None:
        """Several statements in one call (a migration file); no parameters, so no placeholders."""
        self._conn.execute(script)

    @property
    def in_transaction(self) -> bool:
        """In a transaction that ROLLBACK can end (not on a lost connection, where it would raise)."""
        from psycopg.pq import TransactionStatus

        status = self._conn.info.transaction_status
        return status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.putconn(self._conn)  # the pool rolls back or discards a broken one
        else:
            self._conn.close()


_POOLS: dict[str, Any] = {}
_POOLS_LOCK = threading.Lock()


def _pool(url: str) -> Any:
    """One pool per server URL per process, opened on first use, closed at exit."""
    with _POOLS_LOCK:
        pool = _POOLS.get(url)
        if pool is None:
            import atexit

            from psycopg_pool import ConnectionPool

            pool = ConnectionPool(
                url, min_size=1, max_size=10, open=True, name="claimledger",
                kwargs={"autocommit": True, "row_factory": _row_factory, "connect_timeout": 10},
            )  # fmt: skip
            atexit.register(pool.close)
            _POOLS[url] = pool
        return pool


def database_errors(dialect: str) -> tuple[type[BaseException], ...]:
    """The driver's error classes, so the store reports a database failure as a StoreError."""
    import sqlite3

    if dialect == POSTGRESQL:
        import psycopg

        return (psycopg.Error,)
    return (sqlite3.Error,)
