"""Ledger entries: per claim, its origin, status and every stance, ready to read.

The one place that turns stored rows into what users read, so the CLI, the
API and the web pages show the same ledger.  Reads only; every query is
parameterised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from claimledger.errors import NotFoundError, UsageError
from claimledger.ledger.status import STATUSES
from claimledger.store.backend import POSTGRESQL
from claimledger.store.db import Store, like_escape


@dataclass(slots=True)
class Source:
    name: str | None
    entity_id: str | None = None
    type: str | None = None
    descriptors: list[str] = field(default_factory=list)
    # For a speaker the article only describes ("the company"): the article, by
    # title or URL, since every story's "company" is its own.
    article: str | None = None

    @property
    def label(self) -> str:
        """"Dmitry Peskov (Kremlin spokesman)": the name a reader knows, with the role that matters."""
        name = self.name or "unknown source"
        if self.descriptors:
            return f"{name} ({self.descriptors[0]})"
        return name


@dataclass(slots=True)
class StanceView:
    source: Source
    stance: str
    quote: str  # the words that show the stance, as the article gives them
    channel: str | None
    article_id: str
    article_title: str | None
    url: str | None
    date: str | None
    evidence: tuple[int, int] | None
    attribution: int


@dataclass(slots=True)
class Origin:
    source: Source
    article_id: str | None
    article_title: str | None
    url: str | None
    date: str | None


@dataclass(slots=True)
class Entry:
    id: str
    claim: str
    status: str
    origin: Origin
    subjects: list[str]
    first_date: str | None
    last_activity: str | None
    stances: list[StanceView] = field(default_factory=list)
    appearances: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for st in self.stances:
            out[st.stance] = out.get(st.stance, 0) + 1
        return out

    def timeline(self) -> list[StanceView]:
        """Stances in the order they happened: by date, then as the article tells them."""
        return sorted(self.stances, key=lambda s: (s.date or "", s.article_id, s.attribution))

    def as_json(self) -> dict[str, Any]:
        """The documented JSON shape of a ledger entry (``claimledger ledger --format json``)."""
        return {
            "id": self.id,
            "claim": self.claim,
            "origin": {
                "source": self.origin.source.name,
                "article": self.origin.article_id,
                "title": self.origin.article_title,
                "url": self.origin.url,
                "date": self.origin.date,
            },
            "status": self.status,
            "subjects": list(self.subjects),
            "first_date": self.first_date,
            "last_activity": self.last_activity,
            "stances": [
                {
                    "source": st.source.name,
                    "entity_id": st.source.entity_id,
                    "descriptors": list(st.source.descriptors),
                    "stance": st.stance,
                    "quote": st.quote,
                    "channel": st.channel,
                    "article": st.article_id,
                    "url": st.url,
                    "date": st.date,
                    "evidence": list(st.evidence) if st.evidence else None,
                }
                for st in self.timeline()
            ],
        }


def _source(row: Any, prefix: str = "e_") -> Source:
    return Source(
        name=row[f"{prefix}name"],
        entity_id=row[f"{prefix}id"],
        type=row[f"{prefix}type"],
        descriptors=json.loads(row[f"{prefix}desc"]) if row[f"{prefix}desc"] else [],
    )


def list_entries(
    store: Store,
    *,
    entity: str | None = None,
    status: str | None = None,
    since: str | None = None,
    query: str | None = None,
    limit: int = 50,
    offset: int = 0,
    until: str | None = None,
) -> list[Entry]:
    """Claims, newest activity first, filtered by who took a stance, status, date or words."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", since):
        raise UsageError(f"--since wants a date like 2024-10-01, not {since!r}")
    if until is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", until):
        raise UsageError(f"until wants a date like 2024-10-31, not {until!r}")
    where, params = ["c.merged_into IS NULL"], []  # a folded entry shows as the one it joined
    if status:
        where.append("c.status = ?")
        params.append(status)
    if since:
        where.append("c.last_activity >= ?")
        params.append(since)
    if until:  # inclusive: compare as many leading characters as ``until`` has
        where.append("substr(c.last_activity, 1, length(CAST(? AS TEXT))) <= ?")
        params.extend([until, until])
    if entity:
        ids = entity_ids(store, entity)
        marks = ",".join("?" * len(ids))
        where.append(
            f"(c.origin_entity_id IN ({marks}) OR c.id IN "  # noqa: S608 - only placeholders
            f"(SELECT claim_id FROM stances WHERE entity_id IN ({marks})))"
        )
        params.extend(ids + ids)
    if query:
        words = _words(query)
        if store.dialect == POSTGRESQL:
            # claims.fts (GIN-indexed); the query goes whole to PostgreSQL's
            # parser, which splits "covid-19" or "3.5" as it split the claims' text.
            where.append(
                "c.id IN (SELECT COALESCE(merged_into, id) FROM claims"
                " WHERE fts @@ plainto_tsquery('simple', ?))"
            )
            params.append(query)
        else:
            # a folded entry's wording finds the entry it joined
            where.append(
                "c.id IN (SELECT COALESCE(merged_into, id) FROM claims"
                " WHERE rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?))"
            )
            params.append(" ".join('"' + w.replace('"', '""') + '"' for w in words))
    sql = (  # the WHERE parts above are constant text with ? placeholders
        "SELECT c.id FROM claims c WHERE " + " AND ".join(where)  # noqa: S608
        + " ORDER BY c.last_activity DESC, c.created_at DESC, c.rowid LIMIT ? OFFSET ?"
    )  # fmt: skip
    rows = store.conn.execute(sql, (*params, limit, offset)).fetchall()
    return get_entries(store, [r["id"] for r in rows])


def _words(query: str) -> list[str]:
    """The words of a search, each matched literally (all of them must appear)."""
    words = re.findall(r"\w+", query)
    if not words:
        raise UsageError("the search query has no words")
    return words


def resolve_claim(store: Store, ref: str) -> str:
    """A claim id from a full id or a unique prefix.

    An entry folded into another (a late merge, see ``Store._fold_claim``)
    answers with the entry it joined: an id a user saw yesterday still works.
    """
    row = store.conn.execute(
        "SELECT COALESCE(merged_into, id) FROM claims WHERE id = ?", (ref,)
    ).fetchone()
    if row:
        return str(row[0])
    found = store.id_by_prefix("claims", ref)
    if found is not None:
        return found
    raise NotFoundError(f"no claim {ref!r} in the ledger (see `claimledger ledger`)")


def get_entry(store: Store, ref: str) -> Entry:
    return get_entries(store, [resolve_claim(store, ref)])[0]


def get_entries(store: Store, ids: list[str]) -> list[Entry]:
    """Full entries for claim ids, in that order: three queries for the lot, not three per claim.

    A page of 50 claims read claim by claim was 200 round trips: nothing on
    SQLite, ~100 ms on a PostgreSQL server.  Unknown ids are skipped.
    """
    if not ids:
        return []
    conn = store.conn
    entries: dict[str, Entry] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k : k + 500]
        marks = ",".join("?" * len(chunk))
        for c in conn.execute(
            "SELECT c.*, e.id AS e_id, e.name AS e_name, e.type AS e_type, e.descriptors AS e_desc,"  # noqa: S608
            " a.title AS a_title, a.url AS a_url, a.published AS a_published,"
            " a.ingested_at AS a_ingested FROM claims c"
            " LEFT JOIN entities e ON e.id = c.origin_entity_id"
            f" LEFT JOIN articles a ON a.id = c.origin_article_id WHERE c.id IN ({marks})",
            chunk,
        ):
            origin = Origin(
                source=_source(c),
                article_id=c["origin_article_id"],
                article_title=c["a_title"],
                url=c["a_url"],
                date=c["a_published"] or (c["a_ingested"] or "")[:10] or None,
            )
            entries[c["id"]] = Entry(
                id=c["id"],
                claim=c["text"],
                status=c["status"],
                origin=origin,
                subjects=json.loads(c["subjects"]),
                first_date=c["first_date"],
                last_activity=c["last_activity"],
            )
        for r in conn.execute(
            "SELECT s.*, e.id AS e_id, e.name AS e_name, e.type AS e_type, e.descriptors AS e_desc,"  # noqa: S608
            " t.source AS t_source, t.channel, t.content, a.title AS a_title, a.url AS a_url,"
            " substr(a.text, s.evidence_start + 1, s.evidence_end - s.evidence_start) AS evidence_text"
            " FROM stances s LEFT JOIN entities e ON e.id = s.entity_id"
            " JOIN attributions t ON t.article_id = s.article_id AND t.idx = s.attribution_idx"
            f" JOIN articles a ON a.id = s.article_id WHERE s.claim_id IN ({marks})"
            " ORDER BY s.claim_id, s.date, s.article_id, s.attribution_idx",
            chunk,
        ):
            entry = entries.get(r["claim_id"])
            if entry is None:
                continue
            src = _source(r)
            if src.name is None:
                src.name = r["t_source"]
            ev = (r["evidence_start"], r["evidence_end"]) if r["evidence_start"] is not None else None
            entry.stances.append(
                StanceView(
                    source=src,
                    stance=r["stance"],
                    quote=_quote(r["content"], r["evidence_text"]),
                    channel=r["channel"],
                    article_id=r["article_id"],
                    article_title=r["a_title"],
                    url=r["a_url"],
                    date=r["date"],
                    evidence=ev,
                    attribution=r["attribution_idx"],
                )
            )
        for r in conn.execute(
            "SELECT m.claim_id, m.article_id, min(m.start_offset) AS start, a.title, a.url,"  # noqa: S608
            " a.published, a.ingested_at FROM claim_mentions m JOIN articles a ON a.id = m.article_id"
            f" WHERE m.claim_id IN ({marks})"
            " GROUP BY m.claim_id, m.article_id, a.title, a.url, a.published, a.ingested_at"
            " ORDER BY m.claim_id, coalesce(a.published, a.ingested_at), m.article_id",
            chunk,
        ):
            entry = entries.get(r["claim_id"])
            if entry is None:
                continue
            entry.appearances.append(
                {
                    "article": r["article_id"],
                    "title": r["title"],
                    "url": r["url"],
                    "date": r["published"] or r["ingested_at"][:10],
                    "offset": r["start"],
                }
            )
    return [entries[i] for i in ids if i in entries]


def _quote(content: str | None, evidence: str | None = None) -> str:
    """What the source said, without the "that" and outer quote marks the span carries.

    A stance made by reference ("could not verify this", "denied the
    reporting") shows its evidence instead: "this" alone tells a reader nothing.
    """
    text = " ".join((content or "").split())
    text = re.sub(r"^(?:that|whether)\s+", "", text, flags=re.I)
    text = text.strip(" ,.;:")
    if len(text) >= 2 and text[0] in "“\"" and text[-1] in "”\"" and text.count("“") + text.count('"') <= 2:
        text = text[1:-1].strip(" ,.;:")
    if len(text.split()) < 4 and evidence:
        return " ".join(evidence.split())
    return text


def entity_ids(store: Store, name: str) -> list[str]:
    """Entities a user means by a name: exact, then by surname or alias, case-insensitive."""
    if not name.strip():
        raise UsageError("the entity name is empty")
    rows = store.conn.execute(
        "SELECT id FROM entities WHERE id = ? OR lower(name) = lower(?)", (name, name)
    ).fetchall()
    if not rows:
        like = "%" + like_escape(name.lower()) + "%"
        rows = store.conn.execute(
            "SELECT id FROM entities WHERE lower(name) LIKE ? ESCAPE '\\' OR lower(aliases) LIKE ? ESCAPE '\\'",
            (like, like),
        ).fetchall()
    if not rows:
        raise NotFoundError(f"no source named {name!r} in the ledger (see `claimledger ledger`)")
    return [str(r[0]) for r in rows]


def list_sources(
    store: Store, q: str | None = None, *, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    """Every person or organisation in the ledger (or those whose name or alias has ``q``), by name.

    With how many stances each took and how many claims it originated, so a
    reader sees at a glance who the ledger is about.  LIKE-escaped, parameterised.
    """
    like = None
    if q and q.strip():
        like = "%" + like_escape(q.strip().lower()) + "%"
    rows = store.conn.execute(
        "SELECT e.id, e.name, e.type, e.descriptors, e.aliases, e.scope,"
        " (SELECT count(*) FROM stances s WHERE s.entity_id = e.id) AS n_stances,"
        " (SELECT count(*) FROM claims c WHERE c.origin_entity_id = e.id"
        " AND c.merged_into IS NULL) AS n_originated"
        " FROM entities e WHERE CAST(? AS TEXT) IS NULL OR lower(e.name) LIKE ? ESCAPE '\\'"
        " OR lower(e.aliases) LIKE ? ESCAPE '\\'"
        " ORDER BY e.name, e.id LIMIT ? OFFSET ?",
        (like, like, like, limit, offset),
    ).fetchall()
    titles = _scope_titles(store, (r["scope"] for r in rows))
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "descriptors": json.loads(r["descriptors"]),
            "aliases": json.loads(r["aliases"]),
            "stances": r["n_stances"],
            "originated": r["n_originated"],
            "article": titles[r["scope"]],
        }
        for r in rows
    ]


@dataclass(slots=True)
class EntityReport:
    sources: list[Source]
    stances: list[tuple[Entry, StanceView]]
    originated: list[Entry]


def entity_report(store: Store, name: str, *, limit: int = 200) -> EntityReport:
    """Everything a source claimed, confirmed or denied, newest first."""
    ids = entity_ids(store, name)
    marks = ",".join("?" * len(ids))
    conn = store.conn
    rows = conn.execute(
        f"SELECT * FROM entities WHERE id IN ({marks}) ORDER BY name", ids  # noqa: S608
    ).fetchall()
    titles = _scope_titles(store, (r["scope"] for r in rows))
    sources = [
        Source(r["name"], r["id"], r["type"], json.loads(r["descriptors"]), titles[r["scope"]])
        for r in rows
    ]
    claim_ids = [
        r[0]
        for r in conn.execute(
            f"SELECT claim_id, max(date) AS d FROM stances WHERE entity_id IN ({marks})"  # noqa: S608
            " GROUP BY claim_id ORDER BY d DESC LIMIT ?",
            (*ids, limit),
        )
    ]
    report = EntityReport(sources, [], [])
    wanted = set(ids)
    for entry in get_entries(store, claim_ids):
        for st in entry.stances:
            if st.source.entity_id in wanted:
                report.stances.append((entry, st))
        if entry.origin.source.entity_id in wanted:
            report.originated.append(entry)
    return report


def _scope_titles(store: Store, scopes: Iterable[str | None]) -> dict[str | None, str | None]:
    """The article each described speaker belongs to: its latest title, else the URL or id it is scoped by.

    One query for a whole page of sources, not one per row.
    """
    wanted = sorted({s for s in scopes if s is not None})
    out: dict[str | None, str | None] = {None: None}
    if not wanted:
        return out
    marks = ",".join("?" * len(wanted))
    best: dict[str, tuple[int, str | None]] = {}
    for r in store.conn.execute(
        f"SELECT url, id, title, version FROM articles"  # noqa: S608
        f" WHERE url IN ({marks}) OR id IN ({marks})",
        (*wanted, *wanted),
    ):
        for key in {r["url"], r["id"]} & set(wanted):
            if key not in best or r["version"] > best[key][0]:
                best[key] = (r["version"], r["title"])
    for scope in wanted:
        out[scope] = (best[scope][1] if scope in best else None) or scope
    return out


def as_dict(obj: Any) -> Any:
    return asdict(obj)
