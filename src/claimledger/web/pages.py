"""Server-rendered HTML pages over the ledger: the same views as the CLI, for a browser.

Mounted at ``/`` beside the JSON API (``/api/v1``) by :func:`mount`.  Every page
reads through :mod:`claimledger.ledger.entries` and :class:`Store`, exactly as
the CLI and the API do, so the three cannot disagree.  Design choices, and why:

* **Everything untrusted is escaped.**  Article texts, titles, quotes and names
  come from the open web.  Templates run with autoescape on; the one place that
  builds HTML in Python (:func:`highlight`, which needs character offsets) escapes
  each text piece with :func:`markupsafe.escape` and formats tags with
  :meth:`Markup.format`, which escapes its arguments too.
* **Only http(s) links.**  A stored ``url`` may be ``javascript:…``;
  :func:`safe_url` lets a URL become an ``href`` only when its scheme is http or
  https, and shows anything else as plain text.
* **A strict Content-Security-Policy** (no inline script or style, nothing from
  another origin) on every page this module serves, so one escaping slip still
  cannot run script.  ``/docs`` keeps its own (CDN) assets and gets no CSP.
* **No JavaScript needed.**  Filters are a GET form, paging is links, removed
  boilerplate is a ``<details>``, the timeline is server-rendered SVG.
* **Bad filters are a message, not an error page.**  Whatever a visitor types in
  the search box answers 200 with an explanation, never 500.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials
from fastapi.security.utils import get_authorization_scheme_param
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger.api.app import API_PREFIX, Settings, _check_token
from claimledger.api.app import _open as open_store
from claimledger.errors import ClaimLedgerError, NotFoundError
from claimledger.ledger.entries import (
    Entry,
    Source,
    StanceView,
    entity_report,
    get_entry,
    list_entries,
    list_sources,
)
from claimledger.ledger.status import STATUSES
from claimledger.model import STANCES, Article
from claimledger.store.db import Store

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PAGE_SIZE = 25
MAX_OFFSET = 1_000_000
MAX_FIELD = 500  # longest filter value read from a query string

# The order the CLI prints stances in (``claimledger claim``), asserts first.
STANCE_ORDER = STANCES
STANCE_LABELS = {s: s.replace("_", " ") for s in STANCES}
# When one attribution carries several stances, the article colours it by the weightiest.
_STANCE_WEIGHT = ("denies", "disputes", "confirms", "cannot_verify", "not_aware", "asserts")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# Paths that are not ours: the JSON API and FastAPI's own docs (which load a CDN).
_NOT_HTML = (API_PREFIX + "/", "/docs", "/redoc", "/openapi.json")


# ----------------------------------------------------------------- helpers


_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+", re.I)


def safe_url(url: str | None) -> str | None:
    """``url`` if it may be an ``href`` (plain http or https), else None: never ``javascript:``."""
    if not url or not _SAFE_URL.fullmatch(url):
        return None
    return url


def path_part(value: str | None) -> str:
    """One URL path segment: every reserved character (``/`` too) percent-encoded."""
    return quote(value or "", safe="")


def day(value: str | None) -> str:
    """A stored date or timestamp as the day it names, the way the CLI prints it."""
    return (value or "undated")[:10]


def stance_class(stance: str | None) -> str:
    """A CSS class from a stored stance: only known names reach the markup."""
    return stance if stance in STANCES else "none"


def status_class(status: str | None) -> str:
    """A CSS class from a stored status: only known names reach the markup."""
    return status if status in STATUSES else "unknown"


@dataclass(slots=True)
class Mark:
    """A span of article text to wrap in an element (a quote, a speaker mention)."""

    start: int
    end: int
    css: str  # class names, from a fixed vocabulary only
    anchor: str | None = None  # the id the first opening carries
    label: Markup | None = None  # shown once, at the first opening
    opened: bool = field(default=False, compare=False)


_CLOSE = Markup("</span>")


def highlight(text: str, marks: Sequence[Mark]) -> Markup:
    """``text`` escaped, with each mark wrapped in a ``<span>``; overlapping marks are split.

    Marks that cross (rather than nest) cannot be one element each, so a mark
    interrupted by another's end is closed and re-opened as a continuation
    (same class, no id).  Every piece of text goes through :func:`escape`.
    """
    n = len(text)
    spans = [m for m in marks if 0 <= m.start < m.end <= n]
    rank = {id(m): i for i, m in enumerate(sorted(spans, key=lambda m: (m.start, -m.end)))}
    bounds = sorted({0, n, *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    stack: list[Mark] = []
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        active = sorted((m for m in spans if m.start <= lo < m.end), key=lambda m: rank[id(m)])
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.extend(_CLOSE for _ in stack[keep:])
        del stack[keep:]
        for m in active[keep:]:
            if m.opened:  # the rest of a mark another one interrupted
                out.append(Markup('<span class="{} cont">').format(m.css))
            elif m.anchor:
                out.append(Markup('<span id="{}" class="{}">').format(m.anchor, m.css))
            else:
                out.append(Markup('<span class="{}">').format(m.css))
            if not m.opened and m.label is not None:
                out.append(m.label)
            m.opened = True
            stack.append(m)
        out.append(escape(text[lo:hi]))
    out.extend(_CLOSE for _ in stack)
    return Markup("").join(out)


def article_marks(article: Article) -> list[Mark]:
    """One mark per attribution (coloured by its stance, labelled with its speaker) and per speaker mention."""
    by_att: dict[int, list[tuple[str, str | None]]] = {}
    for st in article.stances:
        claim = article.claims[st.claim] if 0 <= st.claim < len(article.claims) else None
        by_att.setdefault(st.attribution, []).append(
            (st.stance, claim.ledger_id if claim else None)
        )
    marks: list[Mark] = []
    mentions: set[tuple[int, int]] = set()  # several quotes often share one speaker mention
    for idx, att in enumerate(article.attributions):
        stances = [s for s, _ in by_att.get(idx, [])]
        weight = [s for s in _STANCE_WEIGHT if s in stances]
        colour = stance_class(weight[0]) if weight else "none"
        who = att.speaker.name if att.speaker else (att.source or "unknown source")
        label = Markup('<span class="who">{}').format(who)
        if stances:
            label += Markup(" · {}").format(", ".join(STANCE_LABELS.get(s, s) for s in stances))
        label += Markup("</span>")
        marks.append(
            Mark(att.content_span[0], att.content_span[1], f"att st-{colour}", f"a{idx}", label)
        )
        if att.source_span and tuple(att.source_span) not in mentions:
            mentions.add((att.source_span[0], att.source_span[1]))
            marks.append(Mark(att.source_span[0], att.source_span[1], "src"))
    return marks


def _field(value: str | None) -> str | None:
    """A filter value from the query string: trimmed, capped, empty meaning unset."""
    if value is None:
        return None
    value = value.strip()[:MAX_FIELD]
    return value or None


def _offset(value: str | None) -> int:
    """A page offset from the query string; anything that is not a small number is page one."""
    if value and value.isdigit() and len(value) <= 7:
        return min(int(value), MAX_OFFSET)
    return 0


# ----------------------------------------------------------------- rendering


_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=True,  # every template, whatever its name: all of them are HTML
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(
    safe_url=safe_url, path_part=path_part, day=day, stance_class=stance_class,
    status_class=status_class,
)  # fmt: skip
_env.globals.update(
    STATUSES=STATUSES, STANCE_ORDER=STANCE_ORDER, STANCE_LABELS=STANCE_LABELS,
    API_PREFIX=API_PREFIX,
)  # fmt: skip


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template as an HTML response, with the security headers every page carries."""
    html = _env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(status: int, message: str) -> HTMLResponse:
    """The friendly error page: what went wrong, and a way back to the ledger."""
    titles = {400: "Bad request", 401: "Sign in needed", 403: "Forbidden", 404: "Not found"}
    return render(
        "error.html", status=status, title=titles.get(status, "Something went wrong"),
        message=message, status_code=status,
    )  # fmt: skip


def is_html_path(path: str) -> bool:
    """True for paths the pages own, False for the JSON API and the docs."""
    return not (path == API_PREFIX or path.startswith(_NOT_HTML))


_SECURITY_PAIRS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
_SECURITY_NAMES = frozenset(k for k, _ in _SECURITY_PAIRS)


class SecurityHeaders:
    """Add the CSP and nosniff headers to every response outside the API and docs.

    Pages already set them; this also covers static files and the 404/405
    pages of paths no route matches.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_html_path(scope.get("path", "")):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() not in _SECURITY_NAMES
                ]
                headers += _SECURITY_PAIRS
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


# ----------------------------------------------------------------- views


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    """One stance on the SVG timeline, where it is drawn."""

    x: float
    y: int
    st: StanceView


def _timeline(entry: Entry) -> dict[str, Any]:
    """Points for the SVG timeline: each stance placed by its date on one axis.

    Stances on the same day sit side by side in the order the article tells
    them; the axis spans first to last day (one day when all share a date).
    """
    stances = entry.timeline()
    days: list[date | None] = []
    for st in stances:
        try:
            days.append(date.fromisoformat(day(st.date)))
        except ValueError:
            days.append(None)
    known = [d for d in days if d is not None]
    first = min(known) if known else None
    span = max(1, (max(known) - first).days) if known and first else 1
    width, left, right = 720, 40, 40
    points: list[TimelinePoint] = []
    per_day: dict[Any, int] = {}
    for st, d in zip(stances, days, strict=True):
        slot = per_day.get(d, 0)
        per_day[d] = slot + 1
        frac = ((d - first).days / span) if d is not None and first is not None else 0.0
        x = left + frac * (width - left - right)
        points.append(TimelinePoint(round(x, 1), 30 + 22 * slot, st))
    height = max([p.y for p in points], default=30) + 30
    return {
        "points": points,
        "width": width,
        "height": height,
        "axis_y": 14,
        "left": left,
        "right": width - right,
        "first": first.isoformat() if first else None,
        "last": max(known).isoformat() if known else None,
    }


GRAPH_CLAIMS = 30  # the most recently active claims drawn; a bigger graph is unreadable


def _graph(entries: list[Entry]) -> dict[str, Any]:
    """A two-column layout: sources on the left, claims on the right, one edge per stance.

    Server-side and deterministic (no layout library, no JavaScript): sources
    are ordered by the mean row of the claims they touch, which keeps most
    edges short and uncrossed.
    """
    row_gap, top = 34, 24
    claims = [{"id": e.id, "text": e.claim, "status": e.status, "y": top + i * row_gap}
              for i, e in enumerate(entries)]  # fmt: skip
    touches: dict[str, list[int]] = {}
    names: dict[str, Source] = {}
    edges_raw: list[tuple[str, int, str]] = []
    for i, e in enumerate(entries):
        seen: set[tuple[str, str]] = set()
        for st in e.stances:
            key = st.source.entity_id or f"name:{st.source.name}"
            if (key, st.stance) in seen:
                continue
            seen.add((key, st.stance))
            names.setdefault(key, st.source)
            touches.setdefault(key, []).append(i)
            edges_raw.append((key, i, st.stance))
    order = sorted(touches, key=lambda k: (sum(touches[k]) / len(touches[k]), names[k].name or ""))
    n = max(len(order), 1)
    height = max(len(claims), n) * row_gap + top
    spread = (height - top) / n
    sources = [{"key": k, "source": names[k], "y": round(top + j * spread, 1)} for j, k in enumerate(order)]
    y_of = {src["key"]: src["y"] for src in sources}
    left_x, right_x = 250, 520
    edges = [{"x1": left_x, "y1": y_of[k], "x2": right_x, "y2": claims[i]["y"], "stance": stance}
             for k, i, stance in edges_raw]  # fmt: skip
    return {"claims": claims, "sources": sources, "edges": edges, "height": height + 10,
            "left_x": left_x, "right_x": right_x, "width": 1100}  # fmt: skip


def _page_link(params: dict[str, str | None], offset: int, base: str = "/") -> str:
    """A link to another page of the same listing: the same filters, another offset."""
    query = {k: v for k, v in params.items() if v}
    if offset:
        query["offset"] = str(offset)
    return base + "?" + urlencode(query) if query else base


def _pager(
    rows: list[Any], start: int, params: dict[str, str | None], base: str = "/"
) -> tuple[list[Any], str | None, str | None]:
    """One page of a listing fetched with one row too many, and its next/previous links.

    The extra row says whether a next page exists without a count query,
    which would cost as much as the page itself on a large ledger.
    """
    next_link = _page_link(params, start + PAGE_SIZE, base) if len(rows) > PAGE_SIZE else None
    prev_link = _page_link(params, max(0, start - PAGE_SIZE), base) if start > 0 else None
    return rows[:PAGE_SIZE], next_link, prev_link


def mount(app: FastAPI, settings: Settings) -> None:
    """Add the HTML pages, static files, HTML 404s and security headers to ``app``.

    Call once, inside :func:`claimledger.api.app.create_app`, before the app
    starts.  The API's routes stay first, so ``/api/v1`` and ``/docs`` answer
    exactly as before.
    """

    @contextmanager
    def opened(request: Request) -> Iterator[Store]:
        """The request's Store, after the read check the API applies (when reads are protected)."""
        if settings.protect_reads:
            scheme, token = get_authorization_scheme_param(request.headers.get("authorization"))
            creds = (
                HTTPAuthorizationCredentials(scheme=scheme, credentials=token.strip())
                if scheme.lower() == "bearer" and token.strip()
                else None
            )
            _check_token(settings, creds)
        with open_store(settings) as store:
            yield store

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def ledger_page(
        request: Request,
        q: str | None = None,
        status: str | None = None,
        entity: str | None = None,
        since: str | None = None,
        offset: str | None = None,
    ) -> HTMLResponse:
        """The ledger: claims, newest activity first, with filters and paging."""
        filters = {
            "q": _field(q), "status": _field(status), "entity": _field(entity),
            "since": _field(since),
        }  # fmt: skip
        start = _offset(offset)
        entries: list[Entry] = []
        problem = None
        with opened(request) as store:
            try:
                entries = list_entries(
                    store, query=filters["q"], status=filters["status"],
                    entity=filters["entity"], since=filters["since"],
                    limit=PAGE_SIZE + 1, offset=start,
                )  # fmt: skip
            except ClaimLedgerError as exc:  # a filter the ledger cannot use: say why, show none
                if isinstance(exc, NotFoundError) and filters["entity"] is None:
                    raise
                problem = exc.message
        shown, next_link, prev_link = _pager(entries, start, filters)
        return render(
            "ledger.html",
            entries=shown,
            filters=filters,
            problem=problem,
            offset=start,
            filtered=any(filters.values()),
            next_link=next_link,
            prev_link=prev_link,
        )

    @app.get("/claims/{claim_id}", response_class=HTMLResponse, include_in_schema=False)
    def claim_page(request: Request, claim_id: str) -> HTMLResponse:
        """One claim: origin, every stance by kind, and the timeline."""
        with opened(request) as store:
            entry = get_entry(store, claim_id)
        groups = {k: [st for st in entry.stances if st.stance == k] for k in STANCE_ORDER}
        return render("claim.html", e=entry, groups=groups, timeline=_timeline(entry))

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request, q: str | None = None, offset: str | None = None) -> HTMLResponse:
        """Every person and organisation, by name, with what each said in the ledger."""
        start = _offset(offset)
        query = _field(q)
        with opened(request) as store:
            rows = list_sources(store, query, limit=PAGE_SIZE + 1, offset=start)
        shown, next_link, prev_link = _pager(rows, start, {"q": query}, "/sources")
        return render(
            "sources.html", rows=shown, q=query or "", next_link=next_link, prev_link=prev_link
        )

    @app.get("/sources/{name_or_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def source_page(request: Request, name_or_id: str) -> HTMLResponse:
        """A person or organisation: every claim it made, confirmed or denied."""
        with opened(request) as store:
            report = entity_report(store, name_or_id)
        return render("source.html", ref=name_or_id, report=report)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        """One article's clean text, every attribution highlighted and anchored."""
        with opened(request) as store:
            aid = store.resolve_id(article_id)
            article = store.get_article(aid)
        speakers: dict[str, None] = {}
        for att in article.attributions:
            if att.speaker:
                speakers.setdefault(att.speaker.name)
        return render(
            "article.html",
            a=article,
            aid=aid,
            body=highlight(article.text, article_marks(article)),
            speakers=list(speakers),
            claims=[c for c in article.claims if c.ledger_id],
        )

    @app.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_page(request: Request) -> HTMLResponse:
        """Who stands where, as a picture: sources joined to claims by stance-coloured edges."""
        with opened(request) as store:
            entries = list_entries(store, limit=GRAPH_CLAIMS)
        return render("graph.html", graph=_graph(entries), limit=GRAPH_CLAIMS)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, offset: str | None = None) -> HTMLResponse:
        """Stored articles, most recently ingested first."""
        start = _offset(offset)
        with opened(request) as store:
            rows = store.list_articles(limit=PAGE_SIZE + 1, offset=start)
        shown, next_link, prev_link = _pager(rows, start, {}, "/articles")
        return render("articles.html", rows=shown, next_link=next_link, prev_link=prev_link)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    # Errors: the API keeps its JSON handlers, page paths get an HTML page.
    def for_pages(exc_type: type[Exception], html: Callable[[Exception], Response]) -> None:
        api_handler = app.exception_handlers.get(exc_type)

        async def handler(request: Request, exc: Exception) -> Response:
            if is_html_path(request.url.path) or api_handler is None:
                return html(exc)
            result: Awaitable[Response] | Response = api_handler(request, exc)
            return await result if not isinstance(result, Response) else result

        app.add_exception_handler(exc_type, handler)

    def ledger_error(exc: Exception) -> Response:
        """Unknown claim, ambiguous prefix, no ledger, a token needed: said as a page."""
        assert isinstance(exc, ClaimLedgerError)
        response = error_page(exc.status, exc.message)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    def http_error(exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
        return error_page(exc.status_code, message)

    def crash(exc: Exception) -> Response:  # no internals on the page; the error is logged
        return error_page(500, "The ledger could not show this page; the error is logged.")

    for_pages(ClaimLedgerError, ledger_error)
    for_pages(StarletteHTTPException, http_error)
    for_pages(Exception, crash)
    app.add_middleware(SecurityHeaders)


__all__ = ["Mark", "highlight", "mount", "safe_url"]
