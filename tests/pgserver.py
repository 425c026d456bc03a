"""A throwaway PostgreSQL server for the tests, started from Debian's binaries.

The storage, API and page tests run against SQLite and PostgreSQL alike.  The
server they use is, in order: ``CLAIMLEDGER_TEST_PG`` (a ``postgresql://`` URL
of a server whose role may create databases), else a private cluster this
module starts in a temporary folder (``initdb`` + ``pg_ctl``, listening only
on a Unix socket, trust auth, fsync off) and stops at the end of the session.
``CLAIMLEDGER_TEST_PG=off`` runs SQLite only, and says so in the skip reason.

initdb refuses to run as root, so as root the cluster belongs to Debian's
``postgres`` user (``runuser``); the socket folder is open to root anyway.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ENV = "CLAIMLEDGER_TEST_PG"


class Unavailable(RuntimeError):
    """No PostgreSQL server can be had: the message says how to get one."""


def _bindir() -> Path:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists():
            return path
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise Unavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql "
        "package (./run-tests.sh does, as root), or set CLAIMLEDGER_TEST_PG=postgresql://… "
        "to use a server you run, or CLAIMLEDGER_TEST_PG=off to test SQLite only"
    )


class PrivateCluster:
    """initdb + pg_ctl in a temporary folder; :meth:`stop` removes everything."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        # Under /tmp, not $TMPDIR: the postgres user must reach it, and a Unix socket's
        # path must stay under 107 bytes.
        self.root = Path(tempfile.mkdtemp(prefix="claimledger-pg-", dir="/tmp"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.sock.mkdir()
        self._as: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError as err:
                raise Unavailable("running as root and there is no 'postgres' user for initdb") from err
            for p in (self.root, self.sock):
                os.chown(p, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        proc = subprocess.run([*self._as, *args], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            why = proc.stderr.strip() or proc.stdout.strip()
            raise Unavailable(f"{Path(args[0]).name} failed: {why}\n{tail}".rstrip())

    def start(self) -> str:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "claimledger",
            "-E", "UTF8", "--no-sync", "--locale=C.UTF-8",
        )  # fmt: skip
        opts = f"-c listen_addresses='' -k '{self.sock}' -F -c max_connections=100"
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-w", "-t", "60",
            "-l", str(self.root / "server.log"), "start",
        )  # fmt: skip
        atexit.register(self.stop)  # pytest killed or crashed: the server goes too
        return f"postgresql://claimledger@/postgres?host={quote(str(self.sock))}"

    def stop(self) -> None:
        if not self.root.exists():
            return
        subprocess.run(
            [*self._as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
            capture_output=True, check=False,
        )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)


def admin_url() -> tuple[str, PrivateCluster | None]:
    """A server URL to create test databases on, and the cluster to stop afterwards (if ours)."""
    given = os.environ.get(ENV, "").strip()
    if given.lower() == "off":
        raise Unavailable(f"{ENV}=off: PostgreSQL tests are not run")
    if given:
        return given, None
    cluster = PrivateCluster()
    try:
        return cluster.start(), cluster
    except BaseException:
        cluster.stop()
        raise


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead (keeps host, user and options)."""
    head, sep, query = url.partition("?")
    scheme, _, rest = head.partition("://")
    authority = rest.split("/", 1)[0]
    return f"{scheme}://{authority}/{name}{sep}{query}"


def create_database(url: str) -> str:
    """A new empty database on the server at ``url``; returns its URL."""
    import psycopg

    name = "claimledger_test_" + uuid.uuid4().hex[:12]
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')  # name is ours: hex only
            return with_database(url, name)
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def drop_databases(url: str, urls: list[str]) -> None:
    """Drop the test databases made on a server we do not own (ours is deleted whole)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for made in urls:
            name = made.split("?", 1)[0].rsplit("/", 1)[-1]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # our hex name
