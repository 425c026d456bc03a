"""The REST API: the ledger's read views and one write endpoint, over FastAPI.

Every view goes through the same library functions as the CLI
(:mod:`claimledger.ledger.entries`, :class:`~claimledger.store.db.Store`,
:mod:`claimledger.export`), so the API cannot drift from what ``claimledger
ledger`` prints.  Design choices, and why:

* **A Store per request, opened inside the (sync) handler.**  sqlite3
  connections refuse use from another thread, and FastAPI may run a sync
  dependency and its endpoint on different worker threads; opening and closing
  in the handler keeps one connection on one thread.  WAL lets many readers
  run beside the one writer.
* **Opaque cursors.**  A cursor is base64url JSON of an offset; clients must
  not build them, so the paging scheme can move to keyset later unannounced.
* **One error shape.**  Every failure is ``{"error": {"code", "message"}}``
  with the status the :class:`~claimledger.errors.ClaimLedgerError` carries;
  rejected inputs add the typed ``reason``.
* **Writes need a token; no token configured means no writes.**  An API that
  accepts anonymous submissions when an operator forgot a setting would let
  anyone fill the ledger, so the safe default is to refuse.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger import pipeline
from claimledger.errors import ClaimLedgerError, InputRejected, NotFoundError, Reason, UsageError
from claimledger.export import article_dict
from claimledger.ingest.feeds import is_feed
from claimledger.ingest.fetch import FetchConfig, fetch_url
from claimledger.ingest.sources import SourceConfig
from claimledger.ledger.entries import Entry, entity_report, get_entry, list_entries, list_sources
from claimledger.model import RawDocument
from claimledger.store.db import Store, default_db_path

API_PREFIX = "/api/v1"
MAX_LIMIT = 200
DEFAULT_LIMIT = 50
# One document (the CLI's cap, SourceConfig's 10 MiB) plus room for the JSON around it.
MAX_DOCUMENT_BYTES = SourceConfig().max_bytes
MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024

_bearer = HTTPBearer(auto_error=False, description="CLAIMLEDGER_TOKEN as a Bearer token")


# ----------------------------------------------------------------- errors


class Unauthorized(ClaimLedgerError):
    """No credentials were sent where a token is required."""

    status = 401
    code = "unauthorized"


class Forbidden(ClaimLedgerError):
    """Credentials were sent but are not the configured token."""

    status = 403
    code = "forbidden"


class WritesDisabled(ClaimLedgerError):
    """The server has no token configured, so it accepts no writes at all."""

    status = 403
    code = "writes_disabled"


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        {"error": {"code": code, "message": message, **extra}}, status_code=status, headers=headers
    )


async def _claimledger_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ClaimLedgerError)
    if isinstance(exc, InputRejected):
        return _error(exc.status, exc.code, exc.message, reason=exc.reason.value)
    return _error(exc.status, exc.code, exc.message)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    return _error(exc.status_code, code, str(exc.detail))


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {
            "loc": list(e.get("loc", ())),
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in exc.errors()
    ]
    summary = (
        "; ".join(f"{'.'.join(str(p) for p in d['loc'])}: {d['msg']}" for d in details)
        or "invalid request"
    )
    return _error(422, "validation", summary, details=details)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the server log (uvicorn); clients get no internals.
    return _error(500, "internal", "internal server error")


class _BodyLimit:
    """Refuse request bodies over ``limit`` bytes before they are buffered whole.

    Starlette reads a JSON body into memory in full; without this an
    authenticated (or, before the auth check runs, anonymous) client could send
    gigabytes.  Declared sizes are refused up front; chunked bodies are counted.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            response = _error(413, "too_large", f"request body over {self.limit} bytes")
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise StarletteHTTPException(413, f"request body over {self.limit} bytes")
            return message

        await self.app(scope, counted, send)


# ----------------------------------------------------------------- cursors


def encode_cursor(offset: int) -> str:
    """Opaque to clients: base64url JSON, so the scheme can change without breaking them."""
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


MAX_OFFSET = 2**53  # a forged cursor past any real ledger must not reach SQL as an overflow


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        offset = data["o"] if isinstance(data, dict) else None
    except (ValueError, binascii.Error, KeyError, UnicodeError):
        offset = None
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise UsageError("invalid cursor; pass the next_cursor of a previous page unchanged")
    return offset


def _page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page from ``limit + 1`` fetched rows: the extra row only says whether there is more."""
    more = len(items) > limit
    return {
        "items": items[:limit],
        "limit": limit,
        "next_cursor": encode_cursor(offset + limit) if more else None,
    }


# ----------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    db: str
    token: str | None
    protect_reads: bool
    allow_private: bool


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@contextmanager
def _open(settings: Settings, *, create: bool = False) -> Iterator[Store]:
    """A Store for this request only: opened and closed on the calling thread."""
    store = Store.open(settings.db, create=create, pooled=True)
    try:
        yield store
    finally:
        store.close()


def _check_token(settings: Settings, creds: HTTPAuthorizationCredentials | None) -> None:
    if settings.token is None:
        raise WritesDisabled(
            "this server has no API token configured, so it accepts no writes; "
            "set CLAIMLEDGER_TOKEN (or pass token=) and restart"
        )
    if creds is None or not creds.credentials:
        raise Unauthorized("send the API token as 'Authorization: Bearer <token>'")
    # Constant time: the comparison must not reveal how much of a guess was right.
    if not hmac.compare_digest(creds.credentials.encode(), settings.token.encode()):
        raise Forbidden("the API token is wrong")


# ----------------------------------------------------------------- bodies


class ArticleIn(BaseModel):
    """An article to ingest: its ``text`` or ``html``, or a ``url`` to fetch.

    With ``text`` or ``html`` the ``url`` is metadata only (where the text came
    from) and is not fetched.
    """

    text: str | None = Field(None, max_length=MAX_BODY_BYTES)
    html: str | None = Field(None, max_length=MAX_BODY_BYTES)
    url: str | None = Field(None, max_length=4096)
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, max_length=64, description="ISO date, e.g. 2024-10-09")

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if self.text is not None and self.html is not None:
            raise ValueError("give either text or html, not both")
        if self.text is None and self.html is None and not self.url:
            raise ValueError("give text, html or url")
        return self


def _raw_document(body: ArticleIn, allow_private: bool) -> RawDocument:
    """The submitted article as the pipeline's input; a URL goes through the CLI's fetch guard."""
    meta = {k: v for k, v in (("title", body.title), ("published", body.published)) if v}
    content = body.text if body.text is not None else body.html
    if content is None:
        assert body.url is not None
        raw = fetch_url(body.url, FetchConfig(allow_private=allow_private))
        if is_feed(raw.data, raw.media_type):
            raise InputRejected(
                Reason.UNSUPPORTED,
                "this URL is a feed; submit one article page at a time",
                body.url,
            )
        raw.meta.update(meta)
        return raw
    data = content.encode("utf-8")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise InputRejected(Reason.TOO_LARGE, "the article is over the 10 MiB limit", "api")
    if body.url:
        meta["url"] = body.url
    html = body.html is not None
    # A content-derived source name: rejections are keyed by source, so two bad
    # submissions must not overwrite each other's record.
    source = f"api:{hashlib.sha256(data).hexdigest()[:16]}"
    return RawDocument(
        data,
        source,
        "html" if html else "text",
        media_type="text/html" if html else "text/plain",
        encoding="utf-8",
        url=body.url,
        meta=meta,
    )


# ----------------------------------------------------------------- views


def _entry_summary(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "claim": entry.claim, "status": entry.status}


def _entry_detail(entry: Entry) -> dict[str, Any]:
    out = entry.as_json()
    out["counts"] = entry.counts()
    out["appearances"] = list(entry.appearances)
    return out


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page (1..200)")]
Cursor = Annotated[
    str | None, Query(max_length=200, description="next_cursor of the previous page")
]
# Module level: with postponed annotations FastAPI resolves these names in the module's globals.
Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


DOCS_ASSETS = "/docs-assets"


def _mount_docs(app: FastAPI) -> None:
    """/docs from the Swagger UI files the PyPI package swagger-ui-bundle ships: no CDN.

    A newsroom's air-gapped desk and a strict network policy both break a
    page that pulls its JavaScript from a third party.
    """
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="claimledger API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )


def create_app(
    db: str | None = None,
    *,
    token: str | None = None,
    protect_reads: bool = False,
    allow_private: bool = False,
) -> FastAPI:
    """The API over the ledger at ``db``; unset arguments come from the environment.

    ``CLAIMLEDGER_DB``, ``CLAIMLEDGER_TOKEN`` and ``CLAIMLEDGER_PROTECT_READS=1``
    fill in ``db``, ``token`` and ``protect_reads``.  ``allow_private`` lets URL
    submissions reach private addresses (as ``--allow-private`` does in the CLI).
    """
    token = token if token is not None else os.environ.get("CLAIMLEDGER_TOKEN")
    protect_reads = protect_reads or _env_flag("CLAIMLEDGER_PROTECT_READS")
    settings = Settings(
        db=db or default_db_path(),
        token=token or None,  # an empty token is no token: it would match an empty header
        protect_reads=protect_reads,
        allow_private=allow_private,
    )
    if settings.protect_reads and settings.token is None:
        raise UsageError("protected reads need a token: set CLAIMLEDGER_TOKEN")
    write_lock = threading.Lock()  # one pipeline run at a time: CPU-bound, and one writer anyway

    async def require_write(creds: Creds) -> None:
        _check_token(settings, creds)

    async def require_read(creds: Creds) -> None:
        if settings.protect_reads:
            _check_token(settings, creds)

    app = FastAPI(
        docs_url=None,  # served below from the bundled Swagger UI, not a CDN
        redoc_url=None,
        title="claimledger",
        summary="Who said what, and who confirmed or denied it.",
        version="1",
        description=(
            "Read the claims ledger and submit articles. Errors are "
            '`{"error": {"code": ..., "message": ...}}`. Lists page with an opaque '
            "`cursor`: pass back the `next_cursor` of the previous page."
        ),
    )
    app.state.settings = settings
    handlers: dict[type[Exception], Callable[[Request, Exception], Awaitable[JSONResponse]]] = {
        ClaimLedgerError: _claimledger_error,
        StarletteHTTPException: _http_error,
        RequestValidationError: _validation_error,
        Exception: _unexpected,
    }
    for exc_type, handler in handlers.items():
        app.add_exception_handler(exc_type, handler)
    app.add_middleware(_BodyLimit, limit=MAX_BODY_BYTES)

    reads = [Depends(require_read)]
    _mount_docs(app)

    @app.get(f"{API_PREFIX}/claims", dependencies=reads, tags=["claims"])
    def claims(
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        entity: Annotated[str | None, Query(max_length=200)] = None,
        status: Annotated[str | None, Query(max_length=40)] = None,
        since: Annotated[
            str | None, Query(max_length=40, description="last activity on/after")
        ] = None,
        until: Annotated[
            str | None, Query(max_length=40, description="last activity on/before")
        ] = None,
        q: Annotated[str | None, Query(max_length=500, description="words in the claim")] = None,
    ) -> dict[str, Any]:
        """Claims, newest activity first, each with its origin and every stance."""
        offset = decode_cursor(cursor)
        with _open(settings) as store:
            try:
                entries = list_entries(
                    store, entity=entity, status=status, since=since, until=until,
                    query=q, limit=limit + 1, offset=offset,
                )  # fmt: skip
            except NotFoundError:
                if entity is None:
                    raise
                entries = []  # a filter naming nobody in the ledger matches nothing
            return _page([e.as_json() for e in entries], limit, offset)

    @app.get(f"{API_PREFIX}/claims/{{claim_id}}", dependencies=reads, tags=["claims"])
    def claim(claim_id: str) -> dict[str, Any]:
        """One claim (full id or unique prefix) with its stances and the articles it appears in."""
        with _open(settings) as store:
            return _entry_detail(get_entry(store, claim_id))

    @app.get(f"{API_PREFIX}/articles", dependencies=reads, tags=["articles"])
    def articles(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> dict[str, Any]:
        """Stored articles (latest version of each URL), most recently ingested first."""
        offset = decode_cursor(cursor)
        with _open(settings) as store:
            rows = store.list_articles(limit=limit + 1, offset=offset)
            return _page([asdict(r) for r in rows], limit, offset)

    @app.get(f"{API_PREFIX}/articles/{{article_id}}", dependencies=reads, tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        """One article (full id or unique prefix) with its attributions, claims and stances."""
        with _open(settings) as store:
            return article_dict(store.get_article(article_id))

    @app.get(f"{API_PREFIX}/entities", dependencies=reads, tags=["entities"])
    def entities(
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        q: Annotated[
            str | None, Query(max_length=200, description="part of a name or alias")
        ] = None,
    ) -> dict[str, Any]:
        """Sources (people and organisations) by name, with how many stances each took."""
        offset = decode_cursor(cursor)
        with _open(settings) as store:
            return _page(list_sources(store, q, limit=limit + 1, offset=offset), limit, offset)

    @app.get(f"{API_PREFIX}/entities/{{name_or_id}}", dependencies=reads, tags=["entities"])
    def entity(name_or_id: str) -> dict[str, Any]:
        """A source by id or name (a surname works): what it claimed, confirmed or denied."""
        with _open(settings) as store:
            report = entity_report(store, name_or_id)
        return {
            "sources": [
                {"id": s.entity_id, "name": s.name, "type": s.type, "descriptors": s.descriptors,
                 "article": s.article}
                for s in report.sources
            ],
            "stances": [
                {
                    "claim": _entry_summary(entry),
                    "source": st.source.name,
                    "entity_id": st.source.entity_id,
                    "stance": st.stance,
                    "quote": st.quote,
                    "channel": st.channel,
                    "article": st.article_id,
                    "title": st.article_title,
                    "url": st.url,
                    "date": st.date,
                    "evidence": list(st.evidence) if st.evidence else None,
                }
                for entry, st in report.stances
            ],
            "originated": [_entry_summary(e) for e in report.originated],
        }

    @app.get(f"{API_PREFIX}/search", dependencies=reads, tags=["articles"])
    def search(
        q: Annotated[
            str, Query(min_length=1, max_length=500, description="words (FTS5 syntax allowed)")
        ],
        limit: Limit = 20,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Full-text search over article texts, best match first."""
        offset = decode_cursor(cursor)
        with _open(settings) as store:
            hits = store.search(q, limit=limit + 1, offset=offset)
            return _page([asdict(h) for h in hits], limit, offset)

    @app.post(
        f"{API_PREFIX}/articles",
        status_code=201,
        tags=["articles"],
        dependencies=[Depends(require_write)],
        responses={
            200: {"description": "The article was already in the ledger"},
            401: {"description": "No token sent"},
            403: {"description": "Wrong token, or writes disabled (no CLAIMLEDGER_TOKEN)"},
            422: {"description": "Invalid body, or the input was rejected (see error.reason)"},
        },
    )
    def submit(body: ArticleIn) -> JSONResponse:
        """Run the pipeline on one article and store it; answers its id and its claims."""
        raw = _raw_document(body, settings.allow_private)  # fetches a URL, behind the guard
        with write_lock, _open(settings, create=True) as store:
            stages = pipeline.build(workers=1)
            store.rebuts = pipeline.rebuttal_check()
            created: str | None = None
            existing = False
            for batch in pipeline.process([raw], stages, batch_size=1, known=store.existing_ids):
                store.save_batch(batch.articles, batch.rejections, present=batch.skipped_sources)
                if batch.rejections:
                    rej = batch.rejections[0]
                    raise InputRejected(rej.reason, rej.message, rej.source)
                if batch.articles:
                    created = batch.articles[0].id
                existing = existing or bool(batch.skipped)
            if created is None:
                if not existing:
                    raise InputRejected(
                        Reason.NO_TEXT, "the pipeline produced no article", raw.source
                    )
                created = pipeline.clean(raw).id  # already stored: same text, same id
            stored = store.get_article(created)
        exported = article_dict(stored)
        result = {
            "id": stored.id,
            "created": not existing,
            "title": stored.title,
            "url": stored.url,
            "published": stored.published,
            "claims": exported["claims"],
            "stances": exported["stances"],
        }
        return JSONResponse(
            result,
            status_code=200 if existing else 201,
            headers={"Location": f"{API_PREFIX}/articles/{stored.id}"},
        )

    # --- web pages hook: HTML pages at "/" (claimledger.web.pages); API routes above stay first.
    from claimledger.web.pages import mount

    mount(app, settings)
    # --- end web pages hook

    return app
