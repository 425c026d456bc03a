"""Article → plain JSON-able dict: the one shape shared by `export`, `extract` and the API.

Field names here are a public contract (scripts parse them); add fields,
never rename or drop them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from claimledger.model import Article, Attribution, Claim

CSV_FIELDS = [
    "article_id", "url", "title", "publisher", "published", "attribution", "kind", "content",
    "content_start", "content_end", "source", "speaker", "speaker_type", "descriptors", "cue",
    "cue_lemma", "cue_class", "channel", "manner", "time", "parent",
]  # fmt: skip


def attribution_dict(att: Attribution) -> dict[str, Any]:
    speaker = None
    if att.speaker is not None:
        speaker = {
            "name": att.speaker.name,
            "type": att.speaker.type,
            "descriptors": list(att.speaker.descriptors),
            "entity_id": att.speaker.id,
        }
    return {
        "kind": att.kind,
        "content": att.content,
        "content_span": list(att.content_span),
        "source": att.source,
        "source_span": list(att.source_span) if att.source_span else None,
        "speaker": speaker,
        "cue": att.cue,
        "cue_span": list(att.cue_span) if att.cue_span else None,
        "cue_lemma": att.cue_lemma,
        "cue_class": att.cue_class,
        "channel": att.channel,
        "manner": att.manner,
        "time": att.time,
        "parent": att.parent,
    }


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "authors": list(article.authors),
        "publisher": article.publisher,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "attributions": [attribution_dict(a) for a in article.attributions],
        "claims": [claim_dict(c) for c in article.claims],
        "stances": [
            {
                "claim": st.claim,
                "claim_id": article.claims[st.claim].ledger_id,
                "attribution": st.attribution,
                "stance": st.stance,
                "evidence": list(st.evidence),
            }
            for st in article.stances
        ],
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    """A claim as the article holds it; ``id`` is its ledger entry (null before it is stored)."""
    return {
        "id": claim.ledger_id,
        "text": claim.text,
        "span": list(claim.span),
        "subjects": list(claim.subjects),
        "origin": claim.origin,
        "mentions": [{"span": list(span), "attribution": att} for span, att in claim.mentions],
    }


def to_jsonl(articles: Iterable[Article]) -> Iterator[str]:
    for article in articles:
        yield json.dumps(article_dict(article), ensure_ascii=False) + "\n"


def to_csv(articles: Iterable[Article]) -> Iterator[str]:
    """One row per attribution (spreadsheets want flat rows); an article without any gets one row."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for article in articles:
        base = {
            "article_id": article.id,
            "url": article.url,
            "title": article.title,
            "publisher": article.publisher,
            "published": article.published,
        }
        if not article.attributions:
            writer.writerow(base)
        for i, att in enumerate(article.attributions):
            flat = attribution_dict(att)
            speaker = flat.pop("speaker") or {}
            writer.writerow(
                base
                | {k: v for k, v in flat.items() if k in CSV_FIELDS}
                | {
                    "attribution": i,
                    "content_start": att.content_span[0],
                    "content_end": att.content_span[1],
                    "speaker": speaker.get("name"),
                    "speaker_type": speaker.get("type"),
                    "descriptors": "; ".join(speaker.get("descriptors", [])) or None,
                }
            )
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():  # no articles at all: still print the header
        yield buf.getvalue()
