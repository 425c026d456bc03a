"""The HTML pages in process, over a real ledger (SQLite, then PostgreSQL): the reference article plus a hostile one.

The reference article is ingested once per module (the pipeline is the slow
part).  A hostile article, stored directly, puts script tags, an ``onerror``
image and a ``javascript:`` URL into every field a page shows, so each page is
checked for escaping, not just the one that was thought of.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from claimledger.api.app import API_PREFIX, create_app
from claimledger.model import Article, Attribution, Claim, Entity, RemovedLine, Stance
from claimledger.runner import ingest
from claimledger.store.db import Store
from claimledger.web import pages
from claimledger.web.pages import Mark, highlight, safe_url
from tests.conftest import LedgerFactory

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"
TOKEN = "web-s3cret"


def _hostile_article() -> Article:
    """An article whose every shown field carries markup: title, text, url, speaker, quote, channel."""
    text = f"Officials said {SCRIPT} was fine, {IMG} added. Read {JS_URL} now."
    start = text.index(SCRIPT)
    span = (start, start + len(SCRIPT))
    src_start = text.index("Officials")
    speaker = Entity(IMG, "PERSON", descriptors=[SCRIPT])
    att = Attribution(
        kind="indirect", content=f"{SCRIPT} was fine, {IMG} added", content_span=(span[0], text.index(" added") + 6),
        source="Officials", source_span=(src_start, src_start + len("Officials")), speaker=speaker,
        cue="said", channel=SCRIPT,
    )  # fmt: skip
    claim = Claim(f"{SCRIPT} was fine {IMG}", f"{SCRIPT} was fine {IMG}".lower(), span,
                  mentions=[(span, 0)], subjects=[IMG], origin=0)  # fmt: skip
    return Article(
        text=text, title=f"{SCRIPT} {IMG}", url=JS_URL, publisher=IMG, authors=[SCRIPT],
        published="2030-01-02", removed=[RemovedLine(SCRIPT, IMG)], source="hostile.txt",
        attributions=[att], claims=[claim],
        stances=[Stance(claim=0, attribution=0, stance="confirms", evidence=span)],
    )  # fmt: skip


@pytest.fixture(scope="module")
def ledger(module_ledger: LedgerFactory, reference_path: Path) -> tuple[str, str]:
    path = module_ledger()
    with Store.open(path) as store:
        report = ingest([str(reference_path)], store)
        assert report.stored == 1, report.rejections
        hostile = _hostile_article()
        store.save_batch([hostile], [])
        return path, hostile.id


@pytest.fixture(scope="module")
def client(ledger: tuple[str, str]) -> Iterator[TestClient]:
    with TestClient(create_app(str(ledger[0]), token=TOKEN)) as c:
        yield c


class _Links(HTMLParser):
    """Every href and every id in a page, as a browser would read them (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for k, v in attrs:
            if k == "href" and v is not None:
                self.hrefs.append(v)
            if k == "id" and v is not None:
                self.ids.add(v)


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _html(client: TestClient, url: str, status: int = 200) -> str:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code, resp.text[:500])
    assert resp.headers["content-type"].startswith("text/html")
    csp = resp.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert resp.headers.get("x-content-type-options") == "nosniff"
    return resp.text


def _assert_safe(html: str) -> None:
    """No injected markup survives: no raw script or onerror image, no script tag, no js: link."""
    low = html.lower()
    assert "<script" not in low
    assert "<img" not in low
    assert 'href="javascript:' not in low and "href='javascript:" not in low
    for href in _parse(html).hrefs:
        assert not href.strip().lower().startswith("javascript:"), href


def _entry_block(html: str, words: str) -> str:
    blocks = html.split('<li class="entry"')[1:]
    found = [b for b in blocks if words in b.split("</div>", 1)[0]]  # in the claim, not a title
    assert len(found) == 1, f"{words!r} in {len(found)} ledger entries"
    return found[0]


# ----------------------------------------------------------------- the reference article


def test_ledger_lists_testing_equipment_claim_as_disputed(client: TestClient) -> None:
    html = _html(client, "/")
    block = _entry_block(html, "testing equipment")
    assert 'class="badge status-disputed">disputed<' in block
    assert re.search(r'badge stance-confirms">confirms</span> 3<', block), block
    assert "origin:" in block


def test_claim_page_shows_peskov_confirming_with_anchor_link(client: TestClient) -> None:
    block = _entry_block(_html(client, "/"), "testing equipment")
    link = re.search(r'href="(/claims/[0-9a-f]+)"', block)
    assert link, block
    html = _html(client, link.group(1))
    assert "testing equipment" in html and "status-disputed" in html
    confirms = html.split("stance-col-confirms", 1)[1].split("<section", 1)[0]
    peskov = [li for li in confirms.split('<li class="stance">') if "Dmitry Peskov" in li]
    assert peskov, confirms
    assert "Bloomberg News" in peskov[0]
    anchor = re.search(r'href="/articles/([0-9a-f]+)#(a\d+)"', peskov[0])
    assert anchor, peskov[0]
    assert re.search(r'href="/sources/[^"]+">Dmitry Peskov', peskov[0])
    denies = html.split("stance-col-denies", 1)[1].split("<section", 1)[0]
    assert "re-election team" in denies
    assert '<svg class="timeline"' in html and "<circle" in html

    article = _html(client, f"/articles/{anchor.group(1)}")
    assert anchor.group(2) in _parse(article).ids
    target = article.split(f'id="{anchor.group(2)}"', 1)[1][:300]
    assert "st-confirms" in article.split(f'id="{anchor.group(2)}"', 1)[1][:40]
    assert "Dmitry Peskov" in target and "we also sent equipment" in target


def test_article_page_text_marks_and_removed_lines(client: TestClient) -> None:
    ref = client.get(f"{API_PREFIX}/articles").json()["items"]
    aid = next(a["id"] for a in ref if "Kremlin" in (a["title"] or ""))
    html = _html(client, f"/articles/{aid}")
    ids = _parse(html).ids
    n_atts = len(client.get(f"{API_PREFIX}/articles/{aid}").json()["attributions"])
    assert {f"a{i}" for i in range(n_atts)} <= ids
    assert "<details" in html and "Removed boilerplate" in html
    assert "st-denies" in html and 'class="src"' in html
    # Removing the markup gives back the text, so no character was lost or doubled.
    text = re.sub(r'<span class="who">.*?</span>', "", html.split('class="article-text">', 1)[1])
    text = re.sub(r"<[^>]+>", "", text.split("</div>", 1)[0])
    stored = client.get(f"{API_PREFIX}/articles/{aid}").json()["text"]
    assert text.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"') == stored


def test_source_page_by_surname_and_by_link(client: TestClient) -> None:
    html = _html(client, "/sources/Peskov")
    assert "Dmitry Peskov" in html and "Kremlin spokesman" in html
    assert "status-denied" in html and "No, that’s not true" in html
    assert re.search(r'href="/articles/[0-9a-f]+#a\d+"', html)
    # the name with an apostrophe, as the claim page links it (by entity id) and by name
    team = _html(client, "/sources/Trump%27s%20re-election%20team")
    assert "Trump&#39;s re-election team" in team


def test_sources_page_lists_everyone_and_leads_to_each(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    html = _html(client, "/sources")
    assert 'href="/sources"' in html  # in the menu
    links = dict(re.findall(r'<a class="source" href="(/sources/[^"]+)">([^<]+)</a>', html))
    names = list(links.values())
    assert {"Dmitry Peskov", "NBC News", "Vasily Nebenzia"} <= set(names)
    assert names == sorted(names)  # by name
    peskov = next(href for href, name in links.items() if name == "Dmitry Peskov")
    assert "No, that’s not true" in _html(client, peskov)
    found = _html(client, "/sources?q=PESKOV")
    assert "Dmitry Peskov" in found and "NBC News" not in found
    assert "No source named like" in _html(client, "/sources?q=%25_nobody")
    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    first = _html(client, "/sources")
    more = re.search(r'rel="next" href="([^"]+)"', first)
    assert more and "offset=2" in more.group(1)
    assert _html(client, more.group(1).replace("&amp;", "&")).count('class="source"') == 2


def test_filters_and_paging(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    denied = _html(client, "/?status=denied")
    assert "status-denied" in denied and "status-disputed" not in denied.split("<ol", 1)[1]
    assert "testing equipment" in _html(client, "/?q=testing+equipment")
    assert "testing equipment" not in _html(client, "/?q=zebra+unicorn")
    assert "testing equipment" in _html(client, "/?entity=Peskov&since=2020-01-01")
    assert "testing equipment" not in _html(client, "/?since=2999-01-01")
    assert "no source named" in _html(client, "/?entity=Nobody+Atall")

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    first = _html(client, "/?status=")
    nxt = re.search(r'rel="next" href="([^"]+)"', first)
    assert nxt and "offset=2" in nxt.group(1) and "status" not in nxt.group(1)
    second = _html(client, nxt.group(1).replace("&amp;", "&"))
    assert 'rel="prev" href="/"' in second
    claims = lambda h: set(re.findall(r'href="/claims/([0-9a-f]+)"', h))  # noqa: E731
    assert claims(first) and claims(second) and not claims(first) & claims(second)


def test_unknown_pages_are_friendly_404s(client: TestClient) -> None:
    for url in ("/claims/ffffffffffffffff", "/claims/zz", "/articles/nothing-here",
                "/sources/Nobody%20Atall", "/no/such/page"):  # fmt: skip
        html = _html(client, url, 404)
        assert "Back to the ledger" in html and 'href="/static/style.css"' in html


def test_crash_is_an_html_500_on_pages_and_json_on_the_api(
    ledger: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(pages, "get_entry", boom)
    monkeypatch.setattr("claimledger.api.app.get_entry", boom)
    app = create_app(str(ledger[0]))
    with TestClient(app, raise_server_exceptions=False) as c:
        page = c.get("/claims/ffffffffffffffff")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "secret internals" not in page.text and "content-security-policy" in page.headers
        api = c.get(f"{API_PREFIX}/claims/ffffffffffffffff")
        assert api.status_code == 500 and api.json()["error"]["code"] == "internal"


def test_api_and_docs_unchanged(client: TestClient) -> None:
    resp = client.get(f"{API_PREFIX}/claims")
    assert resp.status_code == 200 and resp.headers["content-type"] == "application/json"
    missing = client.get(f"{API_PREFIX}/claims/ffffffffffffffff")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    unknown = client.get(f"{API_PREFIX}/no-such-thing")
    assert unknown.status_code == 404 and "error" in unknown.json()
    docs = client.get("/docs")
    assert docs.status_code == 200 and "content-security-policy" not in docs.headers
    paths = client.get("/openapi.json").json()["paths"]
    assert all(p.startswith(API_PREFIX) for p in paths)


def test_static_css_served_with_headers(client: TestClient) -> None:
    resp = client.get("/static/style.css")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/css")
    assert resp.headers.get("x-content-type-options") == "nosniff"
    assert ".status-disputed" in resp.text


# ----------------------------------------------------------------- hostile content


def test_hostile_article_is_escaped_everywhere(
    client: TestClient, ledger: tuple[str, str]
) -> None:
    aid = ledger[1]
    article = _html(client, f"/articles/{aid}")
    _assert_safe(article)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert JS_URL in article  # shown as text, never as a link
    assert 'id="a0"' in article

    ledger_html = _html(client, "/")
    _assert_safe(ledger_html)
    block = _entry_block(ledger_html, "was fine")
    claim_id = re.search(r'href="/claims/([0-9a-f]+)"', block)
    assert claim_id
    claim = _html(client, f"/claims/{claim_id.group(1)}")
    _assert_safe(claim)
    assert "&lt;script&gt;" in claim
    source = re.search(r'href="(/sources/[^"]+)"', claim.split("stance-col-confirms", 1)[1])
    assert source
    _assert_safe(_html(client, source.group(1)))
    _assert_safe(_html(client, "/sources/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"))
    _assert_safe(_html(client, "/articles"))
    _assert_safe(_html(client, "/sources"))
    _assert_safe(_html(client, f"/sources?q={SCRIPT}"))


@pytest.mark.parametrize(
    "query",
    [
        {"q": SCRIPT},
        {"q": '"unbalanced AND ( OR *'},
        {"q": "!!!"},
        {"status": SCRIPT},
        {"status": "confirmed' OR 1=1 --"},
        {"entity": IMG},
        {"entity": "%_\\"},
        {"since": JS_URL},
        {"since": "2024-13-45"},
        {"offset": "-5"},
        {"offset": "abc"},
        {"offset": "9" * 40},
        {"q": "x" * 5000, "entity": SCRIPT * 50},
    ],
)
def test_hostile_filters_answer_200(client: TestClient, query: dict[str, str]) -> None:
    resp = client.get("/", params=query)
    assert resp.status_code == 200, resp.text[:500]
    assert "content-security-policy" in resp.headers
    _assert_safe(resp.text)


def test_protected_reads_need_the_token(ledger: tuple[str, str]) -> None:
    with TestClient(create_app(str(ledger[0]), token=TOKEN, protect_reads=True)) as c:
        resp = c.get("/")
        assert resp.status_code == 401 and resp.headers["content-type"].startswith("text/html")
        assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 403
        ok = c.get("/", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and "testing equipment" in ok.text


# ----------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/a?b=1", True),
        ("HTTP://example.com", True),
        (JS_URL, False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        ("https://ex.com/\nx", False),
        (None, False),
        ("", False),
    ],
)
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) == url) if ok else safe_url(url) is None


def test_highlight_escapes_and_nests_crossing_marks() -> None:
    text = "a<b>c&d\"e'f"
    marks = [Mark(1, 6, "att", "a0"), Mark(3, 9, "src"), Mark(0, 99, "bad"), Mark(5, 5, "empty")]
    html = str(highlight(text, marks))
    assert "<b" not in html and "&lt;b" in html and "&gt;c&amp;" in html and "&#39;f" in html
    assert html.count('id="a0"') == 1 and 'class="src cont"' in html
    assert html.count("<span") == html.count("</span>")
    parser = _Links()
    parser.feed(html)
    assert parser.tags == ["span", "span", "span"]
    assert re.sub(r"<[^>]+>", "", html) == str(highlight(text, []))


def test_graph_joins_sources_to_claims_by_stance(client: TestClient) -> None:
    page = client.get("/graph")
    assert page.status_code == 200 and "content-security-policy" in page.headers
    html = page.text
    assert "<svg" in html and 'class="edge stance-denies"' in html and 'class="edge stance-confirms"' in html
    assert "Dmitry Peskov" in html and "/claims/" in html
    assert SCRIPT not in html and "<img" not in html  # the hostile article's names stay text
