"""Ledger entries as schema.org ``Claim`` JSON-LD: the format fact-checkers publish in.

schema.org's Claim (https://schema.org/Claim) carries ``appearance`` (every
work the claim appears in), ``firstAppearance`` and ``author`` (who made it).
Stances are not part of schema.org's Claim; they go in as ``review`` items
only where a source's stance is a verdict (confirms, denies, disputes), as a
plain ``Comment`` with the quote, so a consumer that knows only schema.org
still reads a valid document.
"""

from __future__ import annotations

from typing import Any

from claimledger.ledger.entries import Entry, Source

CONTEXT = "https://schema.org"


def _agent(source: Source) -> dict[str, Any] | None:
    if not source.name:
        return None
    kind = {"PERSON": "Person", "ORG": "Organization", "WORK": "CreativeWork"}.get(
        source.type or "", "Thing"
    )
    out: dict[str, Any] = {"@type": kind, "name": source.name}
    if source.descriptors and kind == "Person":
        out["jobTitle"] = source.descriptors[0]
    elif source.descriptors:
        out["description"] = source.descriptors[0]
    return out


def _work(article: str | None, title: str | None, url: str | None, date: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "NewsArticle", "identifier": article}
    if title:
        out["headline"] = title
    if url:
        out["url"] = url
    if date:
        out["datePublished"] = date
    return out


def claim_jsonld(entry: Entry) -> dict[str, Any]:
    """One ledger entry as a schema.org Claim."""
    appearances = [_work(a["article"], a["title"], a["url"], a["date"]) for a in entry.appearances]
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Claim",
        "identifier": entry.id,
        "text": entry.claim,
        "appearance": appearances,
    }
    o = entry.origin
    if o.article_id:
        doc["firstAppearance"] = _work(o.article_id, o.article_title, o.url, o.date)
    author = _agent(o.source)
    if author:
        doc["author"] = author
    if entry.first_date:
        doc["dateCreated"] = entry.first_date
    if entry.subjects:
        doc["about"] = [{"@type": "Thing", "name": s} for s in entry.subjects]
    comments = []
    for st in entry.timeline():
        agent = _agent(st.source)
        comment: dict[str, Any] = {
            "@type": "Comment",
            "text": st.quote,
            "name": st.stance,
            "isPartOf": _work(st.article_id, st.article_title, st.url, st.date),
        }
        if agent:
            comment["author"] = agent
        if st.channel:
            comment["locationCreated"] = {"@type": "Place", "name": st.channel}
        comments.append(comment)
    if comments:
        doc["comment"] = comments
    doc["additionalProperty"] = [{"@type": "PropertyValue", "name": "status", "value": entry.status}]
    return doc


def ledger_jsonld(entries: list[Entry]) -> dict[str, Any]:
    """Several entries as one JSON-LD document (a ``@graph``)."""
    return {"@context": CONTEXT, "@graph": [{k: v for k, v in claim_jsonld(e).items() if k != "@context"} for e in entries]}
