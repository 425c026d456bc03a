"""HTML page → :class:`Article`: the article body through trafilatura, metadata of our own.

Why it is built this way:

- The page is parsed once.  lxml parsing is a fair share of the cost of a page,
  and the same tree serves the body extractor and the metadata readers
  (trafilatura works on a copy, so our tree stays intact for both).
- Body: trafilatura in its fast mode without comments and with recall favoured
  (see ``_BODY_OPTIONS``): measured on the ScrapingHub benchmark it scores a
  higher F1 than the default settings and runs 1.5-1.8 times as fast, because
  the fast mode skips the readability/jusText comparison pass.
  ``bench/extraction.py`` holds the numbers.
- Metadata: ledger entries are dated and attributed, so metadata matters as much
  as the body.  Publishers' JSON-LD is the most deliberate statement of it, meta
  tags come next, and trafilatura's heuristics (``<h1>``, bylines, htmldate) are
  the last resort.  Reading JSON-LD and meta tags off the parsed tree is cheap;
  trafilatura's ``with_metadata=True`` runs htmldate's extensive search on every
  page, which would cost more than the body extraction itself, so its pieces are
  called only for fields still missing.
- The input is untrusted: nothing is executed or fetched (htmldate is only ever
  given a parsed tree, never a string it could take for a URL), JSON-LD is read
  with size and depth limits, and pathological nesting becomes a typed rejection.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_author, extract_title
from trafilatura.utils import load_html

from claimledger.clean.decode import decode
from claimledger.clean.patterns import match_debris
from claimledger.errors import InputRejected, Reason
from claimledger.model import Article, RawDocument, RemovedLine

__all__ = ["clean_html"]

LOGGER = logging.getLogger(__name__)

# Settings measured with bench/extraction.py (trafilatura 2.3.1, 181 pages):
# fast + no comments + favour recall gave the best F1 at the best speed.
_BODY_OPTIONS: dict[str, Any] = {
    "fast": True,
    "include_comments": False,
    "favor_recall": True,
    "include_tables": True,
}

_ARTICLE_TYPES = frozenset(
    t.casefold()
    for t in (
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "TechArticle",
        "ScholarlyArticle",
        "Report",
    )
)
_ORG_TYPES = frozenset(
    t.casefold()
    for t in ("Organization", "NewsMediaOrganization", "Corporation", "WebSite", "Brand")
)
_MAX_JSONLD_CHARS = 1_000_000  # a JSON-LD block larger than this is not metadata
_JSON_START = re.compile(r"[\[{]")

# Meta tag keys (name / property / itemprop, lower-cased), in order of preference.
_META_TITLE = (
    "og:title",
    "twitter:title",
    "citation_title",
    "dc.title",
    "dcterms.title",
    "headline",
)
_META_SITE = ("og:site_name", "application-name", "twitter:app:name:iphone")
_META_PUBLISHER = (
    "og:site_name",
    "citation_publisher",
    "dc.publisher",
    "dcterms.publisher",
    "publisher",
    "citation_journal_title",
)
_META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
)
_META_AUTHORS = (
    "citation_author",
    "author",
    "article:author",
    "og:article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
)
_META_LANGUAGE = ("content-language", "dc.language", "dcterms.language", "og:locale", "language")

_WS = re.compile(r"\s+")
_NON_ALNUM = re.compile(r"[\W_]+")
# "By", "Analysis by", "Words and pictures by", "Text:" and the like before a name.
_BYLINE = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:by|von|par|por|door|av|di|text|текст|автор|author|words)\b[\s:]*",
    re.IGNORECASE,
)
# Separators between names; a full stop only after a word ("Cunningham. Sputnik"),
# never after an initial ("Sarah E. Needleman").
_AUTHOR_SPLIT = re.compile(
    r"\s*(?:[,;|&/]|\band\b|\bund\b|\bet\b|(?<=\w\w)\.(?=\s))\s*", re.IGNORECASE
)
_NOT_A_NAME = re.compile(r"[@\\\d<>{}=_#]|https?:|www\.|\.(?:com|net|org|co)\b", re.IGNORECASE)
# Dates glued to a byline by the page layout ("Jeff Foust Monday, November 18").
_DATE_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday published updated posted
    """.split()
)
# Words that mark a byline as an organisation, a desk or a role rather than a person.
_ORG_WORDS = frozenset(
    """
    staff news press agency agencies reuters afp ap bloomberg dpa upi xinhua tass interfax
    inc ltd llc plc corp corporation company group media network newsroom desk editorial
    editors editor team wire wires service services bureau office ministry department
    government committee council foundation institute university times post journal
    tribune herald gazette magazine online digital television tv radio broadcasting
    associated correspondent correspondents contributor contributors reporter reporters
    writer writers admin administrator webmaster guest sport sports business insider
    ministries commented comments wrote says the opinion analysis international
    """.split()
)
_TITLE_SEP = re.compile(r"\s+(?:[-|–—·•»:]|::)\s+|\s*\|\s*")
_LANG_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
_LANG_NAMES = {
    "eng": "en", "english": "en", "fra": "fr", "fre": "fr", "french": "fr", "deu": "de",
    "ger": "de", "german": "de", "spa": "es", "spanish": "es", "rus": "ru", "russian": "ru",
    "ita": "it", "italian": "it", "por": "pt", "portuguese": "pt", "zho": "zh", "chi": "zh",
    "chinese": "zh", "jpn": "ja", "japanese": "ja", "ara": "ar", "arabic": "ar",
    "ukr": "uk", "ukrainian": "uk", "nld": "nl", "dut": "nl", "dutch": "nl", "pol": "pl",
    "polish": "pl", "tur": "tr", "turkish": "tr", "kor": "ko", "korean": "ko",
}  # fmt: skip
_DATE_PREFIX = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
# Block elements whose text, when missing from the body, is recorded as removed.
_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption")
_MAX_REMOVED = 200
_MAX_REMOVED_CHARS = 500
_MIN_REMOVED_WORDS = 3
# Shorter than this, what trafilatura returns is a stray line ("You need to enable
# JavaScript", a copyright notice), not an article: the shortest article body in
# the extraction benchmark has 369 characters, a one-sentence news brief ~100.
_MIN_BODY_CHARS = 80
# A body whose paragraphs are, for this share of its text, the full text of links.
_MAX_LINKED_SHARE = 0.8
_MAX_LINK_CHARS = 300
_MIN_REMOVED_CHARS = 20
_REMOVED_SCAN_CHARS = 20_000_000


@dataclass(slots=True)
class _Meta:
    """Metadata candidates from one source (JSON-LD, meta tags or fallbacks)."""

    title: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    site_name: str | None = None
    published: str | None = None
    language: str | None = None
    # The page named authors, even if none of them was a person: no need to guess.
    authors_declared: bool = False


def clean_html(raw: RawDocument, *, html_text: str | None = None) -> Article:
    """Turn an HTML page into an Article, or raise InputRejected saying why not.

    ``html_text`` lets a caller that already decoded the bytes (to sniff them,
    say) skip a second decode.  Metadata in ``raw.meta`` (title, url, published,
    authors, publisher, language) was stated by the source and wins over what
    the page says about itself.
    """
    text = html_text if html_text is not None else decode(raw.data, raw.encoding, html=True)
    tree = _parse(text)
    if tree is None:
        raise InputRejected(
            Reason.NO_TEXT,
            "the page could not be parsed as HTML, so no article text was found",
            raw.source,
        )
    base_url = _http_url(raw.url)
    if _HOVER_CARD_CLASS in text:  # the XPath costs ~8 ms a page; the string test, nothing
        _drop_hover_cards(tree)
    try:
        body = _extract_body(tree, base_url)
    except RecursionError:
        raise InputRejected(
            Reason.NO_TEXT, "the page is nested too deeply to find its article text", raw.source
        ) from None
    if len(body) < _MIN_BODY_CHARS:
        raise InputRejected(
            Reason.NO_TEXT,
            "no article text was found in this page (it may be an index, a paywall or a "
            "page that builds its text with JavaScript)",
            raw.source,
        )
    if _mostly_links(tree, body):
        raise InputRejected(
            Reason.NO_TEXT,
            "no article text was found in this page: what text it has is links to other "
            "pages (an index or a list of headlines)",
            raw.source,
        )
    meta = _page_metadata(tree, base_url)
    article = Article(
        text=body,
        title=meta.title,
        url=meta.url or base_url or raw.url,
        authors=meta.authors,
        publisher=meta.publisher,
        published=meta.published,
        language=meta.language,
        source=raw.source,
        source_format=raw.source_format,
        fetched_at=raw.fetched_at,
    )
    _apply_source_meta(article, raw.meta)
    article.text, headline = _drop_headline(body, article.title)
    article.removed = _removed_blocks(tree, article.text, article.title)
    if headline:
        article.removed.insert(0, RemovedLine(headline, "duplicate_headline"))
    return article


# --- parsing and body ------------------------------------------------------


def _parse(text: str) -> HtmlElement | None:
    """Parse with trafilatura's own parser settings, so the body extraction sees what it expects."""
    tree = load_html(text)
    if tree is None:
        # load_html refuses fragments that do not look like a whole page; a page
        # declared as HTML deserves a try as the body of one.
        tree = load_html(f"<html><body>{text}</body></html>")
    return tree


# Hover cards that pages nest inside a name in running text: The Hill's
# "rollover-people-block" holds the person's full name and three headlines, so
# "Gov. Kristi Noem (R) is defending" came out as "Gov. Kristi NoemKristi Lynn
# Noem<headlines>MORE (R) is defending" and the speaker as "MORE".
_HOVER_CARD_CLASS = "rollover-people-block"
_HOVER_CARDS = (
    f'//*[contains(concat(" ", normalize-space(@class), " "), " {_HOVER_CARD_CLASS} ")]'
)


def _drop_hover_cards(tree: HtmlElement) -> None:
    for el in tree.xpath(_HOVER_CARDS):
        el.drop_tree()  # keeps the text after it (the sentence goes on)


def _extract_body(tree: HtmlElement, url: str | None) -> str:
    """The article body with paragraphs separated by a blank line ("" if none)."""
    document = bare_extraction(tree, url=url, output_format="python", **_BODY_OPTIONS)
    raw_text = getattr(document, "text", None) if document is not None else None
    if not raw_text:
        return ""
    lines = (" ".join(line.split()) for line in raw_text.split("\n"))
    # trafilatura keeps some in-body furniture ("READ MORE: <another headline>",
    # "DON'T MISS"): the same line patterns as for plain text drop it.
    return "\n\n".join(line for line in lines if line and match_debris(line) is None)


def _mostly_links(tree: HtmlElement, body: str) -> bool:
    """Is the "body" just the text of the page's links (an index page's headlines)?

    trafilatura falls back to whatever text a page has when it finds no article,
    and on a section front that is the list of links to articles.
    """
    paragraphs = body.split("\n\n")
    limit = _MAX_LINKED_SHARE * sum(len(p) for p in paragraphs)
    # Headlines are short: if short paragraphs cannot make up the share, skip the links.
    if sum(len(p) for p in paragraphs if len(p) <= _MAX_LINK_CHARS) <= limit:
        return False
    link_texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    linked = sum(len(p) for p in paragraphs if p.lstrip("-•*· ") in link_texts)
    return linked > limit


def _drop_headline(body: str, title: str | None) -> tuple[str, str | None]:
    """Take the headline off the top of the body: it is the title, not a paragraph.

    Left in, it would be read twice by the attribution stages and its words
    would count against the body's precision.
    """
    if not title:
        return body, None
    first, sep, rest = body.partition("\n\n")
    if sep and rest and _norm(first) == _norm(title):
        return rest, first
    return body, None


def _removed_blocks(tree: HtmlElement, body: str, title: str | None = None) -> list[RemovedLine]:
    """Text blocks of the page that the body left out, for transparency.

    A cheap approximation: paragraph-like elements of a few words (or, for
    scripts without spaces, a few characters) whose text does not occur in the
    body.  The headline is not listed: it lives on as the title.  Capped, so a
    page of 10,000 menu items costs little and stores little.
    """
    paragraphs = {p.lstrip("-•*· ") for p in body.split("\n\n")}
    flat_body = " ".join(body.split())
    # Substring searches over the body are what cost on huge pages: give them a budget.
    scan_budget = _REMOVED_SCAN_CHARS
    headline = _norm(title) if title else ""
    removed: list[RemovedLine] = []
    seen: set[str] = set()
    for element in tree.iter(*_BLOCK_TAGS):
        if len(removed) >= _MAX_REMOVED:
            break
        # A block inside another block is covered by its ancestor's text.
        parent = element.getparent()
        if parent is not None and parent.tag in _BLOCK_TAGS:
            continue
        block = " ".join(element.text_content().split())
        if block in seen or (
            block.count(" ") + 1 < _MIN_REMOVED_WORDS and len(block) < _MIN_REMOVED_CHARS
        ):
            continue
        seen.add(block)
        if block in paragraphs:
            continue
        scan_budget -= len(flat_body)
        if scan_budget < 0:
            break
        if block in flat_body:
            continue
        if headline and len(block) < 2 * len(headline) and _norm(block) == headline:
            continue
        removed.append(RemovedLine(block[:_MAX_REMOVED_CHARS], "boilerplate"))
    return removed


# --- metadata --------------------------------------------------------------


def _page_metadata(tree: HtmlElement, base_url: str | None) -> _Meta:
    """Merge JSON-LD, meta tags and trafilatura's heuristics, in that order of trust."""
    scripts: list[str] = []
    metas: dict[str, list[str]] = {}
    canonical: str | None = None
    for element in tree.iter("meta", "link", "script"):
        tag = element.tag
        if tag == "meta":
            content = element.get("content")
            key = (
                element.get("property")
                or element.get("name")
                or element.get("itemprop")
                or element.get("http-equiv")
            )
            value = _text(content)
            if value and key:
                metas.setdefault(key.strip().lower(), []).append(value)
        elif tag == "link":
            rel = (element.get("rel") or "").lower().split()
            if canonical is None and "canonical" in rel and element.get("href"):
                canonical = element.get("href")
        elif (element.get("type") or "").strip().lower() == "application/ld+json":
            if element.text and len(element.text) <= _MAX_JSONLD_CHARS:
                scripts.append(element.text)

    ld = _jsonld_metadata(scripts, (canonical, base_url))
    tags = _meta_tag_metadata(metas, canonical, tree)
    meta = _Meta(
        title=ld.title or tags.title,
        url=_resolve_url(ld.url, base_url) or _resolve_url(tags.url, base_url),
        authors=ld.authors or tags.authors,
        authors_declared=ld.authors_declared or tags.authors_declared,
        publisher=ld.publisher or tags.publisher,
        site_name=tags.site_name or ld.site_name,
        published=ld.published or tags.published,
        language=ld.language or tags.language,
    )
    _fill_from_trafilatura(meta, tree, base_url)
    meta.site_name = _site_name(meta.site_name)
    meta.publisher = _site_name(meta.publisher) or meta.site_name
    if meta.title:
        meta.title = _strip_site_from_title(
            meta.title, [meta.publisher, meta.site_name, _host(meta.url or base_url)]
        )
    if meta.authors:
        blocked = {_norm(n) for n in (meta.publisher, meta.site_name) if n}
        meta.authors = [a for a in meta.authors if _norm(a) not in blocked]
    return meta


def _jsonld_metadata(scripts: list[str], page_urls: Iterable[str | None] = ()) -> _Meta:
    """Metadata from the page's own article-typed JSON-LD object.

    Pages also list related stories as NewsArticle objects, so the one about
    this page is chosen: its URL is the page's, else the first complete one.
    """
    meta = _Meta()
    nodes: list[dict[str, Any]] = []
    for script in scripts:
        # Some pages wrap the JSON in <!-- --> or CDATA markers for old browsers.
        start, end = _JSON_START.search(script), max(script.rfind("}"), script.rfind("]"))
        if start is None or end < start.start():
            continue
        try:
            data = json.loads(script[start.start() : end + 1], strict=False)
        except (ValueError, RecursionError) as err:
            LOGGER.debug("unreadable JSON-LD block skipped: %s", err)
            continue
        nodes.extend(_jsonld_nodes(data))
    if not nodes:
        return meta
    by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if _types(n) & _ARTICLE_TYPES]
    here = {_url_key(u) for u in page_urls if u}

    def rank(node: dict[str, Any]) -> int:
        urls = (_jsonld_url(node.get("url")), _jsonld_url(node.get("mainEntityOfPage")))
        return (
            4 * any(u and _url_key(u) in here for u in urls)
            + 2 * bool(node.get("headline"))
            + bool(node.get("datePublished"))
            + bool(node.get("author"))
        )

    article = max(articles, key=rank) if articles else None
    site = next((n for n in nodes if "website" in _types(n)), None)
    if site is not None:
        meta.site_name = _text(site.get("name"))
    if article is None:
        return meta
    meta.title = _text(article.get("headline")) or _text(article.get("name"))
    meta.authors = _jsonld_authors(article.get("author"), by_id)
    meta.authors_declared = bool(article.get("author"))
    meta.published = _iso_date(_text(article.get("datePublished"))) or _iso_date(
        _text(article.get("dateCreated"))
    )
    publisher = _deref(article.get("publisher"), by_id)
    if isinstance(publisher, list):
        publisher = next((_deref(p, by_id) for p in publisher), None)
    if isinstance(publisher, dict):
        meta.publisher = _text(publisher.get("name"))
    elif isinstance(publisher, str):
        meta.publisher = _text(publisher)
    meta.url = _jsonld_url(article.get("url")) or _jsonld_url(article.get("mainEntityOfPage"))
    language = article.get("inLanguage")
    if isinstance(language, dict):
        language = language.get("alternateName") or language.get("name")
    meta.language = _language(_text(language))
    return meta


def _jsonld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every typed object in a JSON-LD document: top level, lists and @graph."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data or "@id" in data:
            yield data
        for key in ("@graph", "mainEntity"):
            inner = data.get(key)
            if isinstance(inner, list | dict):
                yield from _jsonld_nodes(inner, depth + 1)


def _types(node: dict[str, Any]) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.casefold() for v in values if isinstance(v, str)}


def _deref(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    """Follow a bare ``{"@id": ...}`` reference to the node it names in the graph."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in by_id:
        return by_id[value["@id"]]
    return value


def _jsonld_authors(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """People among JSON-LD authors; organisations (a desk, the outlet) are not authors."""
    authors: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items[:50]:
        item = _deref(item, by_id)
        if isinstance(item, str):
            authors.extend(_split_authors(item))
        elif isinstance(item, dict):
            types = _types(item)
            if types & _ORG_TYPES:
                continue
            name = _text(item.get("name"))
            if not name:
                given, family = _text(item.get("givenName")), _text(item.get("familyName"))
                name = " ".join(p for p in (given, family) if p) or None
            if name:
                authors.extend(_split_authors(name, trusted="person" in types))
    return _dedupe(authors)


def _jsonld_url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return _text(value)


def _meta_tag_metadata(
    metas: dict[str, list[str]], canonical: str | None, tree: HtmlElement
) -> _Meta:
    """Metadata from meta tags, ``<link rel=canonical>`` and ``<html lang>``."""

    def first(keys: Iterable[str]) -> str | None:
        for key in keys:
            for value in metas.get(key, ()):
                if value:
                    return value
        return None

    meta = _Meta(
        title=first(_META_TITLE),
        url=canonical or first(("og:url", "twitter:url")),
        publisher=first(_META_PUBLISHER),
        site_name=first(_META_SITE),
    )
    for key in _META_PUBLISHED:
        meta.published = next(filter(None, map(_iso_date, metas.get(key, ()))), None)
        if meta.published:
            break
    # article:author is often a profile URL: that names nobody
    meta.authors_declared = any(
        not _http_url(value) for key in _META_AUTHORS for value in metas.get(key, ())
    )
    for key in _META_AUTHORS:
        names: list[str] = []
        for value in metas.get(key, ()):
            if key == "citation_author" and value.count(",") == 1:
                family, given = (p.strip() for p in value.split(","))
                value = f"{given} {family}"
            names.extend(_split_authors(value))
        if names:
            meta.authors = _dedupe(names)
            break
    html_lang = tree.get("lang") or tree.get("xml:lang")
    meta.language = _language(html_lang) or _language(first(_META_LANGUAGE))
    return meta


def _fill_from_trafilatura(meta: _Meta, tree: HtmlElement, base_url: str | None) -> None:
    """Last resort for fields the page did not declare: trafilatura's and htmldate's heuristics."""
    if not meta.title:
        meta.title = _text(extract_title(tree))
    if not meta.authors and not meta.authors_declared:
        found = extract_author(tree)
        if found:
            meta.authors = _dedupe(_split_authors(found))
    if not meta.published:
        try:
            # A tree, never a string: htmldate fetches strings that look like URLs.
            found_date = find_date(
                tree,
                extensive_search=False,
                original_date=True,
                url=meta.url or base_url,
            )
        except (ValueError, TypeError, RecursionError):
            found_date = None
        meta.published = _iso_date(found_date)


def _apply_source_meta(article: Article, source_meta: dict[str, Any]) -> None:
    """What the source stated (a JSON Lines record, a feed entry) beats what the page claims."""
    for key in ("title", "url", "publisher", "published", "language"):
        value = source_meta.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if key == "published":
            value = _iso_date(str(value)) or str(value)
        elif key == "language":
            value = _language(str(value)) or str(value)
        else:
            value = _WS.sub(" ", str(value)).strip()
        setattr(article, key, value)
    authors = source_meta.get("authors")
    if isinstance(authors, str):
        authors = _split_authors(authors, trusted=True)
    if isinstance(authors, list | tuple):
        names = [_WS.sub(" ", str(a)).strip() for a in authors if a]
        if names:
            article.authors = _dedupe(names)


# --- field normalisation -----------------------------------------------------


def _text(value: Any) -> str | None:
    """A JSON-LD or meta value as one clean line, or None (entities that pages escape twice decoded)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if not isinstance(value, str):
        return None
    if "&" in value:
        value = html.unescape(value)
    value = _WS.sub(" ", value).strip()
    return value or None


def _split_authors(value: str, *, trusted: bool = False) -> list[str]:
    """People's names out of a byline ("By A, B and C"); organisations and handles dropped.

    ``trusted`` is for names the page typed as a Person: the organisation-word
    check is skipped for them, the e-mail/URL check is not.
    """
    names = []
    for part in _AUTHOR_SPLIT.split(_BYLINE.sub("", html.unescape(value).strip())):
        words = _BYLINE.sub("", part).strip(" \t.-–—:'\"()[]").split()
        while words and words[-1].strip(".,").casefold() in _DATE_WORDS:
            words.pop()
        name = " ".join(words)
        if name and _is_person_name(name, trusted=trusted):
            # "TOM KRISHER" and "Tom Krisher" are one journalist
            names.append(name.title() if name.isupper() else name)
    return names


def _is_person_name(name: str, *, trusted: bool) -> bool:
    if _NOT_A_NAME.search(name) or len(name) > 80:
        return False
    words = name.split()
    if not 1 <= len(words) <= 6:
        return False
    if any(p.casefold() in _ORG_WORDS for w in words for p in w.strip(".,'’").split("-")):
        return False
    if len(words) < 2:
        # A lone word is far more often a brand or a handle than a person, unless
        # the page typed it as a Person.
        return trusted and len(name) >= 3
    return trusted or all(w[0].isalpha() for w in words)


def _dedupe(names: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _iso_date(value: str | None) -> str | None:
    """ISO 8601: a date, or a datetime when the source gave a time; None if not a date."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None = None
    has_time = False
    try:
        parsed = datetime.fromisoformat(value)
        has_time = len(value) > 10 and any(c in value[8:] for c in "T: ")
    except ValueError:
        match = _DATE_PREFIX.match(value)
        if match:
            try:
                year, month, day = (int(g) for g in match.groups())
                parsed = datetime(year, month, day)
            except ValueError:
                parsed = None
        if parsed is None:
            try:
                parsed = parsedate_to_datetime(value)
                has_time = True
            except (TypeError, ValueError, IndexError):
                return None
    if parsed is None or not 1800 <= parsed.year <= datetime.now().year + 1:
        return None
    return parsed.isoformat(timespec="seconds") if has_time else parsed.date().isoformat()


def _language(value: str | None) -> str | None:
    """A two-letter language code where one is known ("en-US" → "en", "English" → "en")."""
    if not value:
        return None
    value = value.strip()
    named = _LANG_NAMES.get(value.casefold())
    if named:
        return named
    match = _LANG_CODE.match(value)
    if not match:
        return None
    code = match.group(1).lower()
    return _LANG_NAMES.get(code, code)


def _http_url(value: str | None) -> str | None:
    if value and urlsplit(value.strip()).scheme in ("http", "https"):
        return value.strip()
    return None


def _resolve_url(value: str | None, base_url: str | None) -> str | None:
    """An absolute http(s) URL, resolving a relative one against where the page came from."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("//"):
        value = "https:" + value
    elif base_url and not urlsplit(value).scheme:
        value = urljoin(base_url, value)
    return _http_url(value)


def _site_name(value: str | None) -> str | None:
    """A publisher as people name it: "@politifact" → "politifact", a URL → its host."""
    if not value:
        return None
    if _http_url(value):
        return _host(value)
    return value.lstrip("@").strip() or None


def _url_key(url: str) -> str:
    """A URL for comparison: no scheme, no "www.", no query, no trailing slash."""
    parts = urlsplit(url.strip())
    return (parts.netloc.lower().removeprefix("www.") + parts.path).rstrip("/")


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None


def _domain_label(host: str) -> str | None:
    """The registrable name of a host: "www.bbc.co.uk" → "bbc"."""
    labels = [x for x in host.casefold().split(".") if x]
    if len(labels) > 1:
        labels.pop()  # the top-level domain
    while len(labels) > 1 and labels[-1] in ("co", "com", "org", "net", "gov", "ac", "edu"):
        labels.pop()
    return _norm(labels[-1]) if labels else None


def _norm(value: str) -> str:
    """Letters and digits only, case-folded: how two spellings of a name are compared."""
    return _NON_ALNUM.sub("", value.casefold())


def _matches_site(part: str, names: list[str]) -> bool:
    """Is this title segment the site's name (or its domain, or a short form of either)?"""
    segment = _norm(part)
    if not segment:
        return False
    for name in names:
        if segment == name:
            return True
        # "BBC" for "BBC News", "Guardian" for "theguardian"; or the name with a
        # short qualifier ("The Guardian US") - never a whole headline that
        # merely starts with the site's name.
        if len(segment) < len(name):
            shorter, longer = segment, name
        elif len(segment) <= len(name) + 8:
            shorter, longer = name, segment
        else:
            continue
        if len(shorter) >= 3 and (longer.startswith(shorter) or longer.endswith(shorter)):
            return True
    return False


def _strip_site_from_title(title: str, site_names: list[str | None]) -> str:
    """'Headline - Site' → 'Headline', only when the tail is the site's own name."""
    names = [n for n in (_norm(s) for s in site_names if s) if n]
    # a domain also stands for its main label: "bbc.co.uk" for "BBC"
    names += [label for s in site_names if s and "." in s if (label := _domain_label(s))]
    if not names:
        return title
    for _ in range(2):  # "Headline | Section | Site" loses at most two site-like tails
        separators = list(_TITLE_SEP.finditer(title))
        if not separators:
            break
        last = separators[-1]
        if _matches_site(title[last.end() :], names) and last.start() > 0:
            title = title[: last.start()].rstrip()
            continue
        first = separators[0]
        if _matches_site(title[: first.start()], names) and first.end() < len(title):
            title = title[first.end() :].lstrip()
            continue
        break
    return title
