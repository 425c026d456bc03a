"""RSS and Atom feeds: one feed in, one document (or one refusal) per entry out.

Feeds are written by strangers and point anywhere, so feedparser is only ever
handed bytes we already fetched (wrapped in a stream: given a bare ``bytes``
value, feedparser first tries to *open it as a local file name*), and every
entry link is fetched through :func:`~claimledger.ingest.fetch.fetch_url` with
the caller's :class:`FetchConfig`, so the private-address rule, size and time
caps apply to each entry as they do to the feed.

Many feeds carry the full article (``content:encoded``, Atom ``<content>``, or a
long ``<description>``); using it saves a fetch per entry and sidesteps
paywalled or script-rendered pages.  A short teaser is not an article, so
below :data:`FULL_CONTENT_MIN_CHARS` characters of text the entry's link is
fetched instead.  One bad entry becomes a :class:`Rejection` and the rest go on.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from claimledger.errors import FetchError, InputRejected, Reason
from claimledger.ingest.fetch import FetchConfig, fetch_url
from claimledger.model import RawDocument, Rejection

__all__ = ["FULL_CONTENT_MIN_CHARS", "is_feed", "read_feed"]

FULL_CONTENT_MIN_CHARS = 500

_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})
# What may precede the root element: XML declaration, processing instructions
# (xml-stylesheet), comments, a DOCTYPE, whitespace.
_PROLOG = re.compile(
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?(rss|feed|RDF)\b([^>]*)>?", re.DOTALL)
_ATOM_NS = "http://www.w3.org/2005/Atom"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def is_feed(data: bytes, media_type: str | None) -> bool:
    """Whether a fetched document is a feed rather than a page.

    A declared RSS/Atom type is trusted; generic XML types and undeclared
    documents are sniffed by their *root element* (``<rss>``, an Atom
    ``<feed>``, ``<rdf:RDF>``), not by a substring anywhere, so an HTML page
    that merely talks about ``<rss>`` is not mistaken for a feed.
    """
    if media_type and media_type.split(";", 1)[0].strip().lower() in _FEED_TYPES:
        return True
    head = _head_text(data)
    prolog = _PROLOG.match(head)
    match = _ROOT.match(head, prolog.end() if prolog else 0)
    if match is None:
        return False
    prefix, name, attrs = match.group(1), match.group(2), match.group(3)
    if name == "rss":
        return not prefix
    if name == "RDF":
        return prefix == "rdf:"
    return _ATOM_NS in attrs


def _head_text(data: bytes) -> str:
    head = data[:4096]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def read_feed(raw: RawDocument, config: FetchConfig) -> Iterator[RawDocument | Rejection]:
    """Parse a feed now (so an unreadable feed raises here) and yield its entries lazily.

    Raises :class:`FetchError` with ``Reason.BAD_FEED`` when the bytes are not
    a feed with entries.  Entries are yielded in feed order; fetching their
    links happens as the iterator is consumed.
    """
    feed_url = raw.url or raw.source
    parsed = _parse(raw, feed_url)
    entries: list[Any] = list(parsed.entries)
    if not entries and (parsed.bozo or not parsed.version):
        problem = parsed.get("bozo_exception")
        detail = f": {problem}" if problem else ""
        raise FetchError(Reason.BAD_FEED, f"not a readable RSS or Atom feed{detail}", raw.source)
    publisher = _clean_str(parsed.feed.get("title"))
    return _entries(entries, feed_url, publisher, config)


def _parse(raw: RawDocument, feed_url: str) -> Any:
    headers = {"content-location": feed_url}
    media_type = (raw.media_type or "").lower()
    if media_type in _FEED_TYPES or media_type in _XML_TYPES:
        headers["content-type"] = media_type + (f"; charset={raw.encoding}" if raw.encoding else "")
    # BytesIO, never bare bytes or str: feedparser would try those as a file name or URL.
    return feedparser.parse(io.BytesIO(raw.data), response_headers=headers)


def _entries(
    entries: list[Any], feed_url: str, publisher: str | None, config: FetchConfig
) -> Iterator[RawDocument | Rejection]:
    for index, entry in enumerate(entries):
        entry_id = _clean_str(entry.get("id")) or str(index)
        source = f"{feed_url}#{entry_id}"
        meta = _meta(entry, publisher)
        body = _full_content(entry)
        link = _clean_str(entry.get("link"))
        if body is not None:
            value, media_type = body
            yield RawDocument(
                data=value.encode("utf-8"),
                source=source,
                source_format="feed",
                media_type=media_type,
                encoding="utf-8",
                url=link,
                fetched_at=datetime.now(UTC),
                meta=meta,
            )
            continue
        if not link:
            yield Rejection(
                source=source,
                reason=Reason.EMPTY,
                message="the feed entry has neither full content nor a link to fetch",
            )
            continue
        try:
            doc = fetch_url(link, config)
        except InputRejected as err:
            yield Rejection.from_error(err, source)
            continue
        doc.source = source
        doc.source_format = "feed"
        doc.meta = {**doc.meta, **meta}
        yield doc


def _full_content(entry: Any) -> tuple[str, str] | None:
    """The longest body the entry carries, if it is long enough to be the article."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or "text/html"))
    summary = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry.get("summary") or "", summary.get("type") or "text/html"))
    best: tuple[str, str] | None = None
    best_len = 0
    for value, declared in candidates:
        length = len(_text_of(value, declared))
        if length > best_len:
            best, best_len = (value, declared), length
    if best is None or best_len <= FULL_CONTENT_MIN_CHARS:
        return None
    value, declared = best
    media_type = "text/plain" if declared == "text/plain" else "text/html"
    return value, media_type


def _text_of(value: str, declared: str) -> str:
    if declared != "text/plain":
        value = html.unescape(_TAG.sub(" ", value))
    return _SPACE.sub(" ", value).strip()


def _meta(entry: Any, publisher: str | None) -> dict[str, Any]:
    """Metadata the feed already knows; cleaning prefers it over guessing from the page."""
    meta: dict[str, Any] = {}
    title = _clean_str(entry.get("title"))
    if title:
        meta["title"] = title
    published = _iso_utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published:
        meta["published"] = published
    authors: list[str] = []
    for author in entry.get("authors") or []:
        name = _clean_str(author.get("name")) if hasattr(author, "get") else None
        if name and name not in authors:
            authors.append(name)
    if not authors:
        name = _clean_str(entry.get("author"))
        if name:
            authors.append(name)
    if authors:
        meta["authors"] = authors
    if publisher:
        meta["publisher"] = publisher
    return meta


def _iso_utc(parsed: Any) -> str | None:
    """feedparser's struct_time (already in UTC) as ISO 8601; None if absent or impossible."""
    if not parsed:
        return None
    year, month, day, hour, minute, second = (int(v) for v in parsed[:6])
    try:
        return datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC).isoformat()
    except ValueError:
        return None


def _clean_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACE.sub(" ", value).strip()
    return value or None
