"""Versioned migrations, applied automatically when a ledger is opened.

Each migration is a named ``.sql`` file in ``migrations/``; applied names are
recorded in ``schema_migrations`` (sqlite-utils' habit), so an old ledger file
is brought up to date on open and a new one is created from scratch the same way.

PostgreSQL reads the same migrations, by the same names, from
``migrations/postgresql/``: the tables, columns and indexes are identical, and
only what the engines spell differently differs (``BYTEA`` for ``BLOB``, an
explicit ``rowid`` column that SQLite has implicitly, stored ``tsvector``
columns for FTS5 tables).  There, concurrent openers serialise on an advisory
lock, since PostgreSQL has no ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from claimledger.errors import StoreError
from claimledger.store.backend import POSTGRESQL, SQLITE, database_errors

_PG_LOCK = 0x436C_4C65_6467  # "ClLedg": one advisory lock key for claimledger migrations


def migrations(dialect: str = SQLITE) -> list[tuple[str, str]]:
    """All migrations shipped with the package for ``dialect``, in order: (name, sql)."""
    folder = resources.files("claimledger.store") / "migrations"
    if dialect == POSTGRESQL:
        folder = folder / "postgresql"
    found = sorted(
        (entry.name.removesuffix(".sql"), entry.read_text("utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".sql")
    )
    return found


def applied(conn: Any) -> set[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}


def migrate(conn: Any, dialect: str = SQLITE) -> list[str]:
    """Apply every pending migration, each in its own transaction; return their names."""
    if dialect == POSTGRESQL:
        return _migrate_pg(conn)
    done = applied(conn)
    ran: list[str] = []
    for name, sql in migrations():
        if name in done:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            # Another process may have migrated while we waited for the lock.
            if conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"migration {name} failed: {err}") from err
        ran.append(name)
    return ran


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def _migrate_pg(conn: Any) -> list[str]:
    """All pending migrations in one transaction (PostgreSQL's DDL is transactional)."""
    ran: list[str] = []
    shipped = migrations(POSTGRESQL)
    try:
        # The common case, a ledger already up to date, reads two rows and takes no lock.
        if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is not None:
            have = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
            if {name for name, _ in shipped} <= have:
                return ran
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (_PG_LOCK,))
        done = applied(conn)
        for name, sql in shipped:
            if name in done:
                continue
            conn.executescript(sql)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat()),
            )
            ran.append(name)
        conn.execute("COMMIT")
    except database_errors(POSTGRESQL) as err:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"migration failed: {err}") from err
    return ran
