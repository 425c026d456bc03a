"""The ledger database: SQLite or PostgreSQL, one schema, every write in a transaction.

A batch of articles (with their attributions and entities) and the batch's
rejections are written in ONE transaction: a process killed mid-batch loses
only the batch in flight, and a re-run skips what is already stored because
article ids are hashes of their text.  All SQL is parameterised.

A ledger is a SQLite file by default; a ``postgresql://`` URL (``--db`` or
``CLAIMLEDGER_DB``) puts it on a PostgreSQL server that a team shares.  The
SQL below is written once for both (see :mod:`claimledger.store.backend`);
only full-text search asks which engine it is talking to.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from claimledger.errors import NotFoundError, Reason, StoreError, UsageError
from claimledger.ledger.linking import (
    LEDGER_ANCHOR_FLOOR,
    LEDGER_THRESHOLD,
    MERGE_MAX_SIZE,
    REBUTTAL_FLOOR,
    ClaimIndex,
    ClaimKey,
    claim_key,
)
from claimledger.ledger.status import status_of
from claimledger.model import (
    Article,
    Attribution,
    Claim,
    Entity,
    Rejection,
    RemovedLine,
    Stance,
    normalise_name,
    stable_id,
)
from claimledger.store.backend import (
    POSTGRESQL,
    SQLITE,
    PgConnection,
    database_errors,
    is_postgres_url,
    redact,
    scrub,
)
from claimledger.store.schema import migrate

DEFAULT_DB = "claimledger.db"
# A stance on a claim that restates its ledger entry negated, as a stance on the entry:
# confirming "ISIS does not have Ebola" denies "the fighters do have Ebola".  Not the
# other way round: a denial's words often are the claim and what it calls false ("These
# claims are absolutely false"), and an entry's text may hold a negation of its own
# ("It would not surprise me if they opened a restaurant"); on 382 FNC-1 bodies all 4
# denials turned round read wrong, all 3 confirmations turned round right.
_TURNED = {"confirms": "denies"}
# What an Article is read from (PostgreSQL's articles also hold the search vector, not wanted here).
_ARTICLE_COLUMNS = (
    "id, url, title, authors, publisher, published, language, text, removed, source,"
    " source_format, version, previous_id, fetched_at, ingested_at"
)
_PG_MIGRATED: set[str] = set()  # server URLs whose schema this process has brought up to date
_PG_WRITE_LOCK = 0x436C_4C65_6477  # advisory lock key: one claimledger writer at a time


def default_db_path() -> str:
    """``CLAIMLEDGER_DB`` if set, else ``claimledger.db`` in the working directory."""
    return os.environ.get("CLAIMLEDGER_DB") or DEFAULT_DB


@dataclass(slots=True)
class SaveResult:
    new: int = 0  # articles stored for the first time
    versions: int = 0  # of which: new texts under a URL already stored
    unchanged: int = 0  # already in the ledger, skipped
    rejected: int = 0


@dataclass(slots=True)
class ArticleSummary:
    id: str
    title: str | None
    url: str | None
    publisher: str | None
    published: str | None
    version: int
    attributions: int
    ingested_at: str


@dataclass(slots=True)
class SearchHit:
    id: str
    title: str | None
    url: str | None
    snippet: str


def like_escape(text: str) -> str:
    """``text`` for a LIKE pattern with ``ESCAPE '\\'``: its own %, _ and \\ match literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _span(start: Any, end: Any) -> tuple[int, int] | None:
    return None if start is None or end is None else (int(start), int(end))


class Store:
    """A ledger in a SQLite file or a PostgreSQL database.  Open with :meth:`open`; use as a context manager."""

    def __init__(self, conn: Any, path: str, dialect: str = SQLITE) -> None:
        self.conn = conn  # sqlite3.Connection or PgConnection: the same execute() either way
        self.path = path  # for messages: a file path, or the URL without its password
        self.dialect = dialect
        self._errors = database_errors(dialect)
        self._claim_index: ClaimIndex | None = None
        self._indexed: set[str] = set()  # claim ids in _claim_index
        self._indexed_rowid = 0  # the highest claims.rowid read into it
        self._wordings_rowid = 0  # the highest claim_wordings.rowid read into it
        # (stored claim, statement) -> rebuts it?  Set by whoever ingests (nlp.claims.rebuts), so
        # another article's statement that links to a claim but contradicts it is recorded as a
        # rebuttal; None records restatements as they are.
        self.rebuts: Callable[[str, str], bool] | None = None

    @classmethod
    def open(
        cls, path: str | os.PathLike[str] | None = None, *, create: bool = True, pooled: bool = False
    ) -> Store:
        """Open (and migrate) a ledger; ``create=False`` refuses a file that does not exist.

        ``pooled`` (PostgreSQL only; the web server asks for it) borrows a
        connection from a per-process pool and :meth:`close` gives it back,
        so a request does not pay for connecting and checking the schema.
        """
        target = str(path) if path is not None else default_db_path()
        if is_postgres_url(target):
            return cls._open_postgres(target, create=create, pooled=pooled)
        if target != ":memory:":
            target = str(Path(target).expanduser())
            if not create and not Path(target).is_file():
                raise NotFoundError(
                    f"no ledger at {target}; ingest something first (claimledger ingest …) "
                    "or pass --db / CLAIMLEDGER_DB"
                )
            parent = Path(target).expanduser().resolve().parent
            if not parent.is_dir():
                raise UsageError(f"cannot create the ledger {target}: folder {parent} does not exist")
        try:
            conn = sqlite3.connect(target, isolation_level=None, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if target != ":memory:":
                # WAL: readers never block the writer, and a committed batch
                # survives the process being killed (synchronous=NORMAL is
                # safe against process crashes; only power loss can undo it).
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open the ledger {target}: {err}") from err
        return cls(conn, target)

    @classmethod
    def _open_postgres(cls, url: str, *, create: bool, pooled: bool = False) -> Store:
        shown = redact(url)
        errors = database_errors(POSTGRESQL)
        try:
            conn = PgConnection.connect(url, pooled=pooled)
            if pooled and url in _PG_MIGRATED:
                return cls(conn, shown, POSTGRESQL)
        except errors as err:
            raise StoreError(f"cannot connect to the ledger {shown}: {scrub(str(err), url)}") from None
        try:
            if not create:
                row = conn.execute("SELECT to_regclass('schema_migrations')").fetchone()
                if row is None or row[0] is None:
                    raise NotFoundError(
                        f"no ledger in {shown}; ingest something first (claimledger ingest --db …)"
                    )
            migrate(conn, POSTGRESQL)
            if pooled:
                _PG_MIGRATED.add(url)
        except errors as err:
            conn.close()
            raise StoreError(f"cannot open the ledger {shown}: {scrub(str(err), url)}") from None
        except BaseException:
            conn.close()
            raise
        return cls(conn, shown, POSTGRESQL)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writes

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)  # noqa: S608
            found.update(row[0] for row in rows)
        return found

    def save_batch(
        self,
        articles: list[Article],
        rejections: list[Rejection],
        *,
        present: Sequence[str] = (),
    ) -> SaveResult:
        """Store articles, their attributions and entities, and rejections, atomically.

        ``present`` names inputs whose article was already stored: an old
        rejection of theirs no longer holds and is cleared.
        """
        result = SaveResult()
        try:
            self._begin_write()
            for source in present:
                self.conn.execute("DELETE FROM rejections WHERE source = ?", (source,))
            for article in articles:
                if self._insert_article(article, result):
                    result.new += 1
                else:
                    result.unchanged += 1
            for rej in rejections:
                self.conn.execute(
                    "INSERT INTO rejections (source, reason, message, at) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (source) DO UPDATE SET reason = excluded.reason, "
                    "message = excluded.message, at = excluded.at",
                    (rej.source, rej.reason.value, rej.message, rej.at.isoformat(timespec="seconds")),
                )
                result.rejected += 1
            self.conn.execute("COMMIT")
        except self._errors as err:
            self._rollback()
            raise StoreError(f"cannot write to the ledger {self.path}: {err}") from err
        except BaseException:
            self._rollback()
            raise
        return result

    def _begin_write(self) -> None:
        """Open the batch's transaction holding the ledger's one write lock.

        Writers take turns (SQLite's ``BEGIN IMMEDIATE``; on PostgreSQL an
        advisory lock, which readers never wait for), because linking a claim
        reads the ledger's claims and then writes: two writers interleaving
        could each start the same ledger entry.  Once the lock is held, claims
        other writers stored since this Store loaded its index are added to it.
        """
        if self.dialect == POSTGRESQL:
            self.conn.execute("BEGIN")
            # As SQLite's busy timeout: a writer stuck elsewhere makes this batch fail, not hang.
            self.conn.execute("SET LOCAL lock_timeout = '30s'")
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (_PG_WRITE_LOCK,))
        else:
            self.conn.execute("BEGIN IMMEDIATE")
        if self._claim_index is not None:
            self._load_claims(self._claim_index)

    def _load_claims(self, index: ClaimIndex) -> None:
        # A folded entry's first wording is filed under the entry it now belongs to.
        rows = self.conn.execute(
            "SELECT id, COALESCE(merged_into, id) AS live, embedding, subjects, text, rowid FROM claims"
            " WHERE embedding IS NOT NULL AND rowid > ? ORDER BY rowid",
            (self._indexed_rowid,),
        )
        for r in rows:
            self._indexed_rowid = max(self._indexed_rowid, int(r["rowid"]))
            if r["id"] not in self._indexed:
                self._indexed.add(r["id"])
                vec = np.frombuffer(bytes(r["embedding"]), dtype=np.float32)
                index.add(
                    r["live"], vec, json.loads(r["subjects"]), claim_key(r["text"]),
                    anchor=True, text=r["text"],
                )
        # Later wordings of stored claims, each another exemplar of its claim.
        rows = self.conn.execute(
            "SELECT claim_id, embedding, subjects, text, rowid FROM claim_wordings"
            " WHERE rowid > ? ORDER BY rowid",
            (self._wordings_rowid,),
        )
        for r in rows:
            self._wordings_rowid = max(self._wordings_rowid, int(r["rowid"]))
            vec = np.frombuffer(bytes(r["embedding"]), dtype=np.float32)
            key = claim_key(r["text"]) if r["text"] is not None else None
            index.add(r["claim_id"], vec, json.loads(r["subjects"]), key, anchor=False, text=r["text"])

    def _rollback(self) -> None:
        self._claim_index = None  # it may hold claims the rollback just undid: reload on next use
        self._indexed, self._indexed_rowid, self._wordings_rowid = set(), 0, 0
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except self._errors:
            pass  # the connection is gone; the server rolls the transaction back itself

    def _insert_article(self, a: Article, result: SaveResult) -> bool:
        aid = a.id
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
            self.conn.execute("DELETE FROM rejections WHERE source = ?", (a.source,))
            return False
        version, previous = 1, None
        if a.url:
            row = self.conn.execute(
                "SELECT id, version FROM articles WHERE url = ? ORDER BY version DESC LIMIT 1",
                (a.url,),
            ).fetchone()
            if row:
                version, previous = row["version"] + 1, row["id"]
                result.versions += 1
        self.conn.execute(
            "INSERT INTO articles (id, url, title, authors, publisher, published, language, text,"
            " removed, source, source_format, version, previous_id, fetched_at, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                aid,
                a.url,
                a.title,
                json.dumps(a.authors, ensure_ascii=False),
                a.publisher,
                a.published,
                a.language,
                a.text,
                json.dumps([{"text": r.text, "reason": r.reason} for r in a.removed], ensure_ascii=False),
                a.source,
                a.source_format,
                version,
                previous,
                a.fetched_at.isoformat(timespec="seconds") if a.fetched_at else None,
                _now(),
            ),
        )
        # One write per entity per article, however many times it speaks.
        speakers: dict[str, Entity] = {}
        entity_ids: list[str | None] = []
        for att in a.attributions:
            if att.speaker is None:
                entity_ids.append(None)
                continue
            eid = self._canonical_entity(att.speaker)
            entity_ids.append(eid)
            seen = speakers.setdefault(
                eid,
                Entity(
                    att.speaker.name,
                    att.speaker.type,
                    described=att.speaker.described,
                    scope=att.speaker.scope,
                ),
            )
            seen.descriptors.extend(d for d in att.speaker.descriptors if d not in seen.descriptors)
            seen.aliases.extend(x for x in att.speaker.aliases if x not in seen.aliases)
        for eid, entity in speakers.items():
            self._upsert_entity(entity, eid)
        for idx, (att, entity_id) in enumerate(zip(a.attributions, entity_ids, strict=True)):
            self.conn.execute(
                "INSERT INTO attributions (article_id, idx, kind, content, content_start, content_end,"
                " source, source_start, source_end, entity_id, cue, cue_start, cue_end, cue_lemma,"
                " cue_class, channel, manner, time, parent_idx)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    aid,
                    idx,
                    att.kind,
                    att.content,
                    att.content_span[0],
                    att.content_span[1],
                    att.source,
                    att.source_span[0] if att.source_span else None,
                    att.source_span[1] if att.source_span else None,
                    entity_id,
                    att.cue,
                    att.cue_span[0] if att.cue_span else None,
                    att.cue_span[1] if att.cue_span else None,
                    att.cue_lemma,
                    att.cue_class,
                    att.channel,
                    att.manner,
                    att.time,
                    att.parent,
                ),
            )
        self._insert_claims(a, aid, entity_ids, supersedes=previous is not None)
        self.conn.execute("DELETE FROM rejections WHERE source = ?", (a.source,))
        return True

    # ------------------------------------------------------------------ claims

    @property
    def claim_index(self) -> ClaimIndex:
        """Every claim's embedding and subjects, loaded once per open ledger, kept current on write."""
        if self._claim_index is None:
            index = ClaimIndex(threshold=LEDGER_THRESHOLD, anchor_floor=LEDGER_ANCHOR_FLOOR)
            self._indexed, self._indexed_rowid, self._wordings_rowid = set(), 0, 0
            self._load_claims(index)
            self._claim_index = index
        return self._claim_index

    def _insert_claims(
        self, a: Article, aid: str, entity_ids: list[str | None], *, supersedes: bool = False
    ) -> None:
        """Link each of the article's claims to the ledger entry for the same claim, or start one.

        The origin of an entry is the earliest source that asserted it: an
        article dated before the current origin's replaces it.
        """
        if not a.claims:
            return
        date = a.published or _now()[:10]
        keys = [claim_key(claim.text) for claim in a.claims]  # read once, used to link and to file
        links = self._link(a, keys)
        linked = [cid for cid, _, _ in links]
        ids: list[str] = []
        rebutted: set[tuple[int, int]] = set()
        turned: set[int] = set()  # claims that restate their entry negated
        folded = False  # did a claim of this article fold an entry (rare)?
        for claim, key, (cid, score, wording) in zip(a.claims, keys, links, strict=True):
            vec = np.asarray(claim.embedding, dtype=np.float32) if claim.embedding is not None else None
            origin_entity = entity_ids[claim.origin] if claim.origin is not None else None
            if cid is None:
                cid = stable_id(f"claim:{claim.normalised}")
                exists = self.conn.execute("SELECT 1 FROM claims WHERE id = ?", (cid,)).fetchone()
                if exists:
                    cid = self._live_claim(cid)
                else:
                    self.conn.execute(
                        "INSERT INTO claims (id, text, normalised, origin_article_id, origin_entity_id,"
                        " origin_attribution_idx, created_at, subjects, embedding, first_date,"
                        " last_activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            cid, claim.text, claim.normalised, aid, origin_entity, claim.origin,
                            _now(), json.dumps(claim.subjects, ensure_ascii=False),
                            vec.tobytes() if vec is not None else None, date, date,
                        ),
                    )  # fmt: skip
                    if vec is not None:
                        self.claim_index.add(
                            cid, vec, claim.subjects, key, text=claim.text
                        )
                        self._indexed.add(cid)
            else:
                cid = self._live_claim(cid)  # folded since the index filed it (here or by another writer)
                if score >= REBUTTAL_FLOOR:
                    rebutted |= self._rebuttals(cid, len(ids), a, entity_ids, wording)
                    if self.rebuts is not None and self.rebuts(wording or self._entry_text(cid), claim.text):
                        # The article's claim is the entry's negated ("ISIS does not have
                        # Ebola" restating "the fighters do have Ebola"): confirming it
                        # denies the entry (see _TURNED).
                        turned.add(len(ids))
                self._merge_claim(cid, claim, aid, origin_entity, date)
                if vec is not None:
                    others = [c for k, c in enumerate(linked) if c and k != len(ids)]
                    folded |= self._fold_small_entries(cid, aid, vec, claim, key, others)
                    self._add_wording(cid, aid, claim, key, vec)
            ids.append(cid)
            for span, att in claim.mentions:
                self.conn.execute(
                    "INSERT INTO claim_mentions (claim_id, article_id, start_offset,"
                    " end_offset, attribution_idx) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (cid, aid, span[0], span[1], att),
                )
        if folded:  # a later claim may have folded an entry an earlier one linked to or made
            ids = [self._live_claim(cid) for cid in ids]
        for claim, cid in zip(a.claims, ids, strict=True):
            claim.ledger_id = cid
        for st in a.stances:
            if st.stance == "asserts" and (st.claim, st.attribution) in rebutted:
                st.stance = "disputes"
            elif st.claim in turned and st.stance in _TURNED:
                st.stance = _TURNED[st.stance]
            self.conn.execute(
                "INSERT INTO stances (claim_id, entity_id, stance, article_id, attribution_idx,"
                " evidence_start, evidence_end, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (
                    ids[st.claim], entity_ids[st.attribution], st.stance, aid, st.attribution,
                    st.evidence[0], st.evidence[1], date,
                ),
            )  # fmt: skip
        claims = list(dict.fromkeys(ids))
        if supersedes:
            self._supersede(a.url, aid, claims)
        for cid in claims:
            self._refresh_status(cid)

    def _live_claim(self, cid: str) -> str:
        """The ledger entry a claim id stands for now: itself, or the entry it was folded into.

        Folds re-point older tombstones (see :meth:`_fold_claim`), so one read suffices.
        """
        row = self.conn.execute("SELECT merged_into FROM claims WHERE id = ?", (cid,)).fetchone()
        return str(row[0]) if row is not None and row[0] is not None else cid

    def _entry_size(self, cid: str) -> int:
        """How many articles an entry appears in: what "small" means for a late merge.

        Read from the database, not the index: another writer's folds, and
        entries stored before wordings were kept (one exemplar each, however
        many articles), would make the index's count wrong.
        """
        row = self.conn.execute(
            "SELECT count(DISTINCT article_id) FROM claim_mentions WHERE claim_id = ?", (cid,)
        ).fetchone()
        return int(row[0])

    def _fold_small_entries(
        self, cid: str, aid: str, vec: np.ndarray, claim: Claim, key: ClaimKey, others: list[str]
    ) -> bool:
        """Fold into ``cid`` every small entry this wording (article ``aid``'s, linked to ``cid``) is very close to.

        Greedy online linking splits a claim whose first wordings happened to
        arrive far apart: each started its own entry.  A later wording close to
        both shows they are one (``ClaimIndex.merge_candidates``: well over the
        threshold).  Only entries in at most ``MERGE_MAX_SIZE`` articles fold,
        so one bridging wording cannot chain two large stories together; and
        never two entries one article holds apart (this one included): its
        own claims were compared at the stricter within-article threshold
        (nlp/claims.py) and found to be different claims.  ``others`` are the
        entries the article's other claims link to, not yet written.  Returns
        whether anything folded.
        """
        candidates = self.claim_index.merge_candidates(
            vec, claim.subjects, into=cid, max_size=sys.maxsize, key=key
        )
        if not candidates:
            return False  # the usual case: no query beyond the index
        apart = {self._live_claim(c) for c in others}
        folded = False
        for found in candidates:
            other = self._live_claim(str(found))
            if other == cid or other in apart or self._entry_size(other) > MERGE_MAX_SIZE:
                continue
            if self._held_apart(cid, other, aid):
                continue
            self._fold_claim(cid, other)
            folded = True
        return folded

    def _held_apart(self, keep: str, drop: str, aid: str) -> bool:
        """Does one article (or ``aid``, which is about to mention ``keep``) mention both entries?"""
        row = self.conn.execute(
            "SELECT 1 FROM claim_mentions d WHERE d.claim_id = ? AND (d.article_id = ?"
            " OR d.article_id IN (SELECT k.article_id FROM claim_mentions k WHERE k.claim_id = ?))"
            " LIMIT 1",
            (drop, aid, keep),
        ).fetchone()
        return row is not None

    def _fold_claim(self, keep: str, drop: str) -> None:
        """Fold the entry ``drop`` into ``keep``: one entry, every appearance and stance.

        ``drop``'s mentions, stances and wordings move to ``keep`` (a row
        ``keep`` already has for the same place goes); its own row stays as a
        tombstone pointing at ``keep`` (see migration 0004), so its id and first
        embedding keep working.  The earlier origin wins, and the supersede rule
        is applied again: a corrected article's older version may have spoken
        to ``drop`` while its newer one spoke to ``keep``.
        """
        row = self.conn.execute(
            "SELECT origin_article_id, origin_entity_id, origin_attribution_idx, text, normalised,"
            " first_date, last_activity FROM claims WHERE id = ? AND merged_into IS NULL",
            (drop,),
        ).fetchone()
        if row is None or keep == drop:
            return
        keys = (
            ("claim_mentions", ("article_id", "start_offset")),
            ("stances", ("article_id", "attribution_idx")),
            ("claim_wordings", ("article_id", "normalised")),
        )
        for table, cols in keys:
            same = " AND ".join(f"k.{c} = {table}.{c}" for c in cols)
            self.conn.execute(  # table and column names are the constants above
                f"DELETE FROM {table} WHERE claim_id = ? AND EXISTS"  # noqa: S608
                f" (SELECT 1 FROM {table} k WHERE k.claim_id = ? AND {same})",
                (drop, keep),
            )
            self.conn.execute(f"UPDATE {table} SET claim_id = ? WHERE claim_id = ?", (keep, drop))  # noqa: S608
        kept = self.conn.execute(
            "SELECT first_date, last_activity, origin_entity_id FROM claims WHERE id = ?", (keep,)
        ).fetchone()
        firsts = [d for d in (kept["first_date"], row["first_date"]) if d]
        lasts = [d for d in (kept["last_activity"], row["last_activity"]) if d]
        earlier = row["origin_entity_id"] is not None and (
            kept["origin_entity_id"] is None or (row["first_date"] or "") < (kept["first_date"] or "")
        )
        if earlier:
            self.conn.execute(
                "UPDATE claims SET origin_article_id = ?, origin_entity_id = ?,"
                " origin_attribution_idx = ?, text = ?, normalised = ? WHERE id = ?",
                (row["origin_article_id"], row["origin_entity_id"], row["origin_attribution_idx"],
                 row["text"], row["normalised"], keep),
            )  # fmt: skip
        self.conn.execute(
            "UPDATE claims SET first_date = ?, last_activity = ? WHERE id = ?",
            (min(firsts) if firsts else None, max(lasts) if lasts else None, keep),
        )
        self.conn.execute("UPDATE claims SET merged_into = ? WHERE merged_into = ?", (keep, drop))
        self.conn.execute("UPDATE claims SET merged_into = ? WHERE id = ?", (keep, drop))
        self._supersede_folded(keep)
        self.claim_index.merge(keep, drop)
        self._refresh_status(keep)

    def _supersede_folded(self, cid: str) -> None:
        """The supersede rule (see :meth:`_supersede`) for an entry that a fold just grew.

        Of two versions of one URL that now both speak to ``cid``, only the newer one's stances
        and mentions count.
        """
        older = self.conn.execute(
            "SELECT DISTINCT o.id FROM articles o JOIN articles n ON n.url = o.url"
            " AND n.version > o.version"
            " WHERE n.id IN (SELECT article_id FROM claim_mentions WHERE claim_id = ?"
            " UNION SELECT article_id FROM stances WHERE claim_id = ?)"
            " AND o.id IN (SELECT article_id FROM claim_mentions WHERE claim_id = ?"
            " UNION SELECT article_id FROM stances WHERE claim_id = ?)",
            (cid, cid, cid, cid),
        ).fetchall()
        for (old,) in older:
            for table in ("stances", "claim_mentions"):
                self.conn.execute(
                    f"DELETE FROM {table} WHERE claim_id = ? AND article_id = ?",  # noqa: S608
                    (cid, old),
                )

    def _add_wording(self, cid: str, aid: str, claim: Claim, key: ClaimKey, vec: np.ndarray) -> None:
        """Keep this wording as another exemplar of the entry it linked to.

        A claim is reported in many wordings ("Apple will sell 19 million
        watches", "BMO forecasts 19M Apple Watch sales"); a later article's
        wording may be close to the second and not to the first.
        """
        index = self.claim_index  # loaded before the insert, so it does not read the row twice
        subjects = json.dumps(claim.subjects, ensure_ascii=False)
        where = (cid, aid, claim.normalised)
        cur = self.conn.execute(
            "INSERT INTO claim_wordings (claim_id, article_id, normalised, subjects, embedding, text)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (*where, subjects, vec.tobytes(), claim.text),
        )
        if not cur.rowcount:
            return
        index.add(cid, vec, claim.subjects, key, anchor=False, text=claim.text)
        # Writers hold the ledger's write lock, and every row before it was read
        # when the transaction began: this row is the newest one the index holds.
        (rowid,) = self.conn.execute(
            "SELECT rowid FROM claim_wordings WHERE claim_id = ? AND article_id = ? AND normalised = ?",
            where,
        ).fetchone()
        self._wordings_rowid = max(self._wordings_rowid, int(rowid))

    def _supersede(self, url: str | None, aid: str, claims: list[str]) -> None:
        """A new version of an article speaks for its URL: older versions' stances no longer count.

        A corrected story restates its quotes; counting both versions would
        show one source denying a claim twice.  For every claim the new
        version addresses, the older versions' stances and mentions go; claims
        only an older version made keep theirs (the correction dropped them,
        but they were published).  The older texts stay stored.
        """
        marks = ",".join("?" * len(claims))
        older = "SELECT id FROM articles WHERE url = ? AND id <> ?"
        for table in ("stances", "claim_mentions"):
            self.conn.execute(
                f"DELETE FROM {table} WHERE article_id IN ({older}) AND claim_id IN ({marks})",  # noqa: S608
                (url, aid, *claims),
            )

    def _link(self, a: Article, keys: Sequence[ClaimKey]) -> list[tuple[str | None, float, str | None]]:
        """Per claim of the article: the ledger entry it restates, if any (best match over the
        threshold), the score it linked with (0 for none), and the stored wording it linked
        through (None when that wording's text was stored before texts were kept)."""
        index = self.claim_index
        out: list[tuple[str | None, float, str | None]] = []
        for claim, key in zip(a.claims, keys, strict=True):
            found, score, wording = None, 0.0, None
            if claim.embedding is not None:
                found, score, wording = index.match_wording(
                    np.asarray(claim.embedding, dtype=np.float32),
                    claim.subjects,
                    key=key,
                    linked_only=True,
                )
            out.append((None, 0.0, None) if found is None else (str(found), score, wording))
        return out

    def _entry_text(self, cid: str) -> str:
        row = self.conn.execute("SELECT text FROM claims WHERE id = ?", (cid,)).fetchone()
        return str(row[0]) if row is not None else ""

    def _rebuttals(
        self, cid: str, k: int, a: Article, entity_ids: list[str | None], wording: str | None = None
    ) -> set[tuple[int, int]]:
        """(claim, attribution) pairs where another source words a stored claim only to contradict it.

        Read against ``wording``, the stored words the claim linked through, when known:
        an entry's first text may word another part of it.
        """
        if self.rebuts is None:
            return set()
        row = self.conn.execute(
            "SELECT c.text, c.origin_entity_id, a.url, e.name, e.type FROM claims c"
            " LEFT JOIN articles a ON a.id = c.origin_article_id"
            " LEFT JOIN entities e ON e.id = c.origin_entity_id WHERE c.id = ?",
            (cid,),
        ).fetchone()
        out = set()
        for st in a.stances:
            if st.claim != k or st.stance != "asserts":
                continue
            if entity_ids[st.attribution] == row["origin_entity_id"]:
                continue
            speaker = a.attributions[st.attribution].speaker
            if (
                a.url is not None
                and row["url"] == a.url
                and speaker is not None
                and speaker.name_key == (row["type"], normalise_name(row["name"] or ""))
            ):
                # A corrected version of the story, the same speaker: a correction, not
                # another source's rebuttal (a ledger from before described speakers were
                # scoped holds the first version's "company" under its shared id).
                continue
            statement = a.claims[k].text
            att = a.attributions[st.attribution]
            if att.content:
                statement = att.content
                # One clause of an act that says two ("A, and that B") is read alone: B's
                # "not" is no rebuttal of what A restates.
                lo, hi = att.content_span
                piece = next((sp for sp, i in a.claims[k].mentions if i == st.attribution), None)
                if piece is not None and lo <= piece[0] < piece[1] <= hi and piece != (lo, hi):
                    statement = a.text[piece[0] : piece[1]]
            if self.rebuts(wording or row["text"], statement):
                out.add((k, st.attribution))
        return out

    def _merge_claim(
        self, cid: str, claim: Claim, aid: str, origin_entity: str | None, date: str
    ) -> None:
        row = self.conn.execute(
            "SELECT first_date, last_activity, origin_entity_id FROM claims WHERE id = ?", (cid,)
        ).fetchone()
        first, last = row["first_date"] or date, row["last_activity"] or date
        if claim.origin is not None and (row["origin_entity_id"] is None or date < first):
            self.conn.execute(
                "UPDATE claims SET origin_article_id = ?, origin_entity_id = ?,"
                " origin_attribution_idx = ?, text = ?, normalised = ? WHERE id = ?",
                (aid, origin_entity, claim.origin, claim.text, claim.normalised, cid),
            )
        self.conn.execute(
            "UPDATE claims SET first_date = ?, last_activity = ? WHERE id = ?",
            (min(first, date), max(last, date), cid),
        )

    def _refresh_status(self, cid: str) -> None:
        kinds = [r[0] for r in self.conn.execute("SELECT stance FROM stances WHERE claim_id = ?", (cid,))]
        self.conn.execute("UPDATE claims SET status = ? WHERE id = ?", (status_of(kinds), cid))

    def _canonical_entity(self, e: Entity) -> str:
        """The ledger's id for a speaker: its own, or the one full name a bare surname stands for.

        An article that only says "Peskov" means the Dmitry Peskov already in
        the ledger when he is the only person of that surname there; with two
        (or none) the surname stays its own entity rather than guess.
        """
        eid = e.id
        name = " ".join(e.name.split())
        if e.described or e.type != "PERSON" or " " in name or not name:
            return eid  # "the spokesman" is no surname of a "Kremlin spokesman" stored before
        if self.conn.execute("SELECT 1 FROM entities WHERE id = ?", (eid,)).fetchone():
            return eid
        pattern = "% " + like_escape(name.lower())
        rows = self.conn.execute(
            "SELECT id FROM entities WHERE type = 'PERSON' AND scope IS NULL"
            " AND lower(name) LIKE ? ESCAPE '\\' LIMIT 2",
            (pattern,),
        ).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else eid

    def _upsert_entity(self, e: Entity, eid: str | None = None) -> str:
        eid = eid or e.id
        row = self.conn.execute(
            "SELECT descriptors, aliases FROM entities WHERE id = ?", (eid,)
        ).fetchone()
        if row is None:
            self.conn.execute(
                "INSERT INTO entities (id, name, type, descriptors, aliases, scope)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    eid,
                    e.name,
                    e.type,
                    json.dumps(e.descriptors),
                    json.dumps(e.aliases),
                    e.scope if e.described else None,
                ),
            )
        else:
            descriptors = list(dict.fromkeys(json.loads(row["descriptors"]) + e.descriptors))
            aliases = list(dict.fromkeys(json.loads(row["aliases"]) + e.aliases))
            if e.name not in aliases and eid != e.id:
                aliases.append(e.name)
            self.conn.execute(
                "UPDATE entities SET descriptors = ?, aliases = ? WHERE id = ?",
                (json.dumps(descriptors), json.dumps(aliases), eid),
            )
        return eid

    # ------------------------------------------------------------------- reads

    def count_articles(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def list_articles(
        self, *, limit: int = 50, offset: int = 0, all_versions: bool = False
    ) -> list[ArticleSummary]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.url, a.publisher, a.published, a.version, a.ingested_at,"
            " (SELECT count(*) FROM attributions t WHERE t.article_id = a.id) AS n"
            " FROM articles a WHERE ? OR a.url IS NULL"
            " OR a.version = (SELECT max(b.version) FROM articles b WHERE b.url = a.url)"
            " ORDER BY a.ingested_at DESC, a.rowid DESC LIMIT ? OFFSET ?",
            (all_versions, limit, offset),
        )
        return [
            ArticleSummary(
                r["id"], r["title"], r["url"], r["publisher"], r["published"], r["version"],
                r["n"], r["ingested_at"],
            )
            for r in rows
        ]

    def resolve_id(self, ref: str) -> str:
        """An article id from a full id, a unique id prefix, or a URL."""
        row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (ref,)).fetchone()
        if row:
            return str(row[0])
        row = self.conn.execute(
            "SELECT id FROM articles WHERE url = ? ORDER BY version DESC LIMIT 1", (ref,)
        ).fetchone()
        if row:
            return str(row[0])
        found = self.id_by_prefix("articles", ref)
        if found is not None:
            return found
        raise NotFoundError(f"no article {ref!r} in the ledger (see `claimledger articles`)")

    _PREFIX_SQL = {
        "articles": "SELECT id FROM articles WHERE substr(id, 1, ?) = ? LIMIT 2",
        # a folded entry's id answers with the entry it joined (see _fold_claim)
        "claims": "SELECT DISTINCT COALESCE(merged_into, id) FROM claims WHERE substr(id, 1, ?) = ? LIMIT 2",
    }

    def id_by_prefix(self, table: str, ref: str) -> str | None:
        """The one id in ``table`` (articles or claims) starting with ``ref``, as users type short ids."""
        if not re.fullmatch(r"[0-9a-f]{4,16}", ref):
            return None
        rows = self.conn.execute(self._PREFIX_SQL[table], (len(ref), ref)).fetchall()
        if len(rows) > 1:
            raise UsageError(f"the id prefix {ref!r} matches several {table}; give more of it")
        return str(rows[0][0]) if rows else None

    def get_article(self, ref: str) -> Article:
        aid = self.resolve_id(ref)
        row = self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (aid,)).fetchone()  # noqa: S608
        return self._article_from_row(row)

    def iter_articles(self, batch: int = 200) -> Iterator[Article]:
        """Every stored article, oldest first, read in pages so memory stays flat."""
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT rowid AS rid, {_ARTICLE_COLUMNS} FROM articles"  # noqa: S608
                " WHERE rowid > ? ORDER BY rowid LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._article_from_row(row)
            last = rows[-1]["rid"]

    def _article_from_row(self, row: Any) -> Article:
        article = Article(
            text=row["text"],
            title=row["title"],
            url=row["url"],
            authors=json.loads(row["authors"]),
            publisher=row["publisher"],
            published=row["published"],
            language=row["language"],
            removed=[RemovedLine(r["text"], r["reason"]) for r in json.loads(row["removed"])],
            source=row["source"],
            source_format=row["source_format"],
            fetched_at=datetime.fromisoformat(row["fetched_at"]) if row["fetched_at"] else None,
        )
        article.attributions = self._attributions(row["id"])
        article.claims, article.stances = self._claims(row["id"])
        return article

    def _claims(self, article_id: str) -> tuple[list[Claim], list[Stance]]:
        """The ledger claims this article mentions, and its stances on them, in article terms."""
        claims: list[Claim] = []
        index: dict[str, int] = {}
        rows = self.conn.execute(
            "SELECT m.claim_id, m.start_offset, m.end_offset, m.attribution_idx, c.text, c.normalised,"
            " c.subjects, c.origin_article_id, c.origin_attribution_idx FROM claim_mentions m"
            " JOIN claims c ON c.id = m.claim_id WHERE m.article_id = ?"
            " ORDER BY m.start_offset, m.claim_id",
            (article_id,),
        )
        for r in rows:
            k = index.get(r["claim_id"])
            span = (int(r["start_offset"]), int(r["end_offset"]))
            if k is None:
                k = index[r["claim_id"]] = len(claims)
                origin = r["origin_attribution_idx"] if r["origin_article_id"] == article_id else None
                claims.append(
                    Claim(r["text"], r["normalised"], span, [], json.loads(r["subjects"]), origin,
                          ledger_id=r["claim_id"])  # fmt: skip
                )
            claims[k].mentions.append((span, r["attribution_idx"]))
        stances = []
        for r in self.conn.execute(
            "SELECT claim_id, attribution_idx, stance, evidence_start, evidence_end FROM stances"
            " WHERE article_id = ? ORDER BY attribution_idx, claim_id",
            (article_id,),
        ):
            k = index.get(r["claim_id"])
            if k is None:  # a blanket verdict on a claim this article does not word itself
                k = index[r["claim_id"]] = len(claims)
                c = self.conn.execute(
                    "SELECT text, normalised, subjects FROM claims WHERE id = ?", (r["claim_id"],)
                ).fetchone()
                claims.append(
                    Claim(c["text"], c["normalised"], (r["evidence_start"], r["evidence_end"]), [],
                          json.loads(c["subjects"]), None, ledger_id=r["claim_id"])  # fmt: skip
                )
            stances.append(
                Stance(k, r["attribution_idx"], r["stance"], (r["evidence_start"], r["evidence_end"]))
            )
        return claims, stances

    def _attributions(self, article_id: str) -> list[Attribution]:
        rows = self.conn.execute(
            "SELECT t.*, e.name AS e_name, e.type AS e_type, e.descriptors AS e_desc,"
            " e.aliases AS e_alias, e.scope AS e_scope FROM attributions t LEFT JOIN entities e ON e.id = t.entity_id"
            " WHERE t.article_id = ? ORDER BY t.idx",
            (article_id,),
        )
        out = []
        for r in rows:
            speaker = None
            if r["e_name"] is not None:
                speaker = Entity(
                    r["e_name"],
                    r["e_type"],
                    json.loads(r["e_desc"]),
                    json.loads(r["e_alias"]),
                    described=r["e_scope"] is not None,
                    scope=r["e_scope"],
                )
            span = _span(r["content_start"], r["content_end"])
            assert span is not None
            out.append(
                Attribution(
                    kind=r["kind"],
                    content=r["content"],
                    content_span=span,
                    source=r["source"],
                    source_span=_span(r["source_start"], r["source_end"]),
                    speaker=speaker,
                    cue=r["cue"],
                    cue_span=_span(r["cue_start"], r["cue_end"]),
                    cue_lemma=r["cue_lemma"],
                    cue_class=r["cue_class"],
                    channel=r["channel"],
                    manner=r["manner"],
                    time=r["time"],
                    parent=r["parent_idx"],
                )
            )
        return out

    # Ranks the stored articles.fts vector (GIN-indexed in migrations/postgresql).
    _PG_SEARCH = (
        "SELECT a.id, a.title, a.url, ts_headline('simple', a.text, h.q,"
        " 'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=\" … \"')"
        " AS snip FROM (SELECT a.rowid AS rid, q, ts_rank(a.fts, q) AS rank"
        " FROM articles a, websearch_to_tsquery('simple', ?) q WHERE a.fts @@ q"
        " ORDER BY rank DESC, a.rowid LIMIT ? OFFSET ?) h JOIN articles a ON a.rowid = h.rid"
        " ORDER BY h.rank DESC, a.rowid"
    )  # the headline, costly, only for the page's hits

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search.  FTS5 syntax is allowed; a string it cannot parse is searched as words.

        On PostgreSQL the query is read as web-search syntax (words, "phrases",
        OR, -word), which never fails to parse.  ``offset`` skips that many
        hits in rank order (ties broken by insertion order, so pages do not
        overlap).
        """
        if not query.strip():
            raise UsageError("the search query is empty")
        if self.dialect == POSTGRESQL:
            rows = self.conn.execute(self._PG_SEARCH, (query, limit, offset)).fetchall()
            return [SearchHit(r["id"], r["title"], r["url"], r["snip"]) for r in rows]
        sql = (
            "SELECT a.id, a.title, a.url, snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snip"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank, a.rowid LIMIT ? OFFSET ?"
        )
        try:
            rows = self.conn.execute(sql, (query, limit, offset)).fetchall()
        except sqlite3.OperationalError:
            words = re.findall(r"\w+", query)
            if not words:
                return []
            safe = " ".join('"' + w.replace('"', '""') + '"' for w in words)
            rows = self.conn.execute(sql, (safe, limit, offset)).fetchall()
        return [SearchHit(r["id"], r["title"], r["url"], r["snip"]) for r in rows]

    def rejections(self, *, limit: int = 1000) -> list[Rejection]:
        rows = self.conn.execute(
            "SELECT source, reason, message, at FROM rejections ORDER BY at DESC LIMIT ?", (limit,)
        )
        return [
            Rejection(r["source"], Reason(r["reason"]), r["message"], datetime.fromisoformat(r["at"]))
            for r in rows
        ]
