"""The REST API in process, over a real ledger (SQLite, then PostgreSQL) holding the reference article.

The reference article is ingested once per module (the pipeline is the slow
part); every test reads that ledger through the ASGI app as a client would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from claimledger.api.app import API_PREFIX, create_app, decode_cursor, encode_cursor
from claimledger.runner import ingest
from claimledger.store.db import Store
from tests.conftest import LedgerFactory

TOKEN = "s3cret-token"
V1 = API_PREFIX


@pytest.fixture(scope="module")
def ledger(module_ledger: LedgerFactory, reference_path: Path) -> str:
    path = module_ledger()
    with Store.open(path) as store:
        report = ingest([str(reference_path)], store)
    assert report.stored == 1, report.rejections
    return path


@pytest.fixture(scope="module")
def client(ledger: str) -> Iterator[TestClient]:
    with TestClient(create_app(str(ledger), token=TOKEN)) as c:
        yield c


def _error(resp: Any, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["message"]
    return dict(body["error"])


def _all_claims(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        resp = client.get(f"{V1}/claims", params=query)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("paging did not end")


# ------------------------------------------------------------------- claims


def test_claims_page_newest_first_and_visit_each_claim_once(client: TestClient) -> None:
    everything = client.get(f"{V1}/claims", params={"limit": 200}).json()
    assert everything["next_cursor"] is None
    ids = [c["id"] for c in everything["items"]]
    assert len(ids) >= 3
    dates = [c["last_activity"] for c in everything["items"]]
    assert dates == sorted(dates, reverse=True)
    paged = _all_claims(client, limit=2)
    assert [c["id"] for c in paged] == ids  # same order, each once


def test_claims_filter_by_status_entity_dates_and_words(client: TestClient) -> None:
    denied = _all_claims(client, status="denied")
    assert denied and all(c["status"] == "denied" for c in denied)
    peskov = _all_claims(client, entity="Peskov")
    assert peskov
    for c in peskov:
        assert any(st["source"] == "Dmitry Peskov" for st in c["stances"]) or (
            c["origin"]["source"] == "Dmitry Peskov"
        )
    assert _all_claims(client, entity="Nobody Atall") == []
    assert _all_claims(client, until="1999-12-31") == []
    assert _all_claims(client, since="2999-01-01") == []
    assert len(_all_claims(client, since="2000-01-01", until="2999-12-31")) == len(
        _all_claims(client)
    )
    phone = _all_claims(client, q="phone")
    assert phone and all("phone" in c["claim"].lower() for c in phone)


def test_claim_filters_reject_bad_values_as_json(client: TestClient) -> None:
    assert _error(client.get(f"{V1}/claims", params={"status": "bogus"}), 400)["code"] == "usage"
    _error(client.get(f"{V1}/claims", params={"since": "yesterday"}), 400)
    _error(client.get(f"{V1}/claims", params={"until": "soon"}), 400)
    assert _error(client.get(f"{V1}/claims", params={"limit": 0}), 422)["code"] == "validation"
    _error(client.get(f"{V1}/claims", params={"limit": 201}), 422)
    _error(client.get(f"{V1}/claims", params={"cursor": "not-a-cursor!"}), 400)
    _error(client.get(f"{V1}/claims", params={"cursor": encode_cursor(0)[:-2] + "zz"}), 400)


def test_cursor_round_trips() -> None:
    assert decode_cursor(encode_cursor(123)) == 123
    assert decode_cursor(None) == 0


def test_one_claim_with_its_stances(client: TestClient) -> None:
    phone = next(c for c in _all_claims(client) if "phone" in c["claim"].lower())
    resp = client.get(f"{V1}/claims/{phone['id']}")
    assert resp.status_code == 200
    entry = resp.json()
    assert entry["status"] == "denied"
    assert any(
        st["source"] == "Dmitry Peskov" and st["stance"] == "denies"
        and st["channel"] == "Russian broadcaster RBC"
        for st in entry["stances"]
    )  # fmt: skip
    assert entry["appearances"] and entry["appearances"][0]["article"]
    prefix = client.get(f"{V1}/claims/{phone['id'][:8]}")
    assert prefix.json()["id"] == phone["id"]


def test_unknown_claim_and_article_are_json_404(client: TestClient) -> None:
    assert _error(client.get(f"{V1}/claims/ffffffffffffffff"), 404)["code"] == "not_found"
    assert _error(client.get(f"{V1}/articles/ffffffffffffffff"), 404)["code"] == "not_found"
    _error(client.get(f"{V1}/entities/Nobody Atall"), 404)
    _error(client.get(f"{V1}/no-such-route"), 404)


# ----------------------------------------------------------------- articles


def test_articles_and_one_article_with_attributions(client: TestClient) -> None:
    page = client.get(f"{V1}/articles").json()
    assert page["next_cursor"] is None and len(page["items"]) >= 1
    aid = page["items"][-1]["id"]
    art = client.get(f"{V1}/articles/{aid}").json()
    assert art["id"] == aid
    assert art["attributions"] and art["claims"] and art["stances"]
    assert any((a["speaker"] or {}).get("name") == "Dmitry Peskov" for a in art["attributions"])


def test_entities_list_and_peskov(client: TestClient) -> None:
    listed = client.get(f"{V1}/entities", params={"q": "peskov"}).json()["items"]
    assert [e["name"] for e in listed] == ["Dmitry Peskov"]
    assert listed[0]["stances"] >= 1
    everyone = client.get(f"{V1}/entities", params={"limit": 1}).json()
    assert len(everyone["items"]) == 1 and everyone["next_cursor"]
    hostile = client.get(f"{V1}/entities", params={"q": "%_\\'"})
    assert hostile.status_code == 200 and hostile.json()["items"] == []
    rep = client.get(f"{V1}/entities/Peskov").json()
    assert rep["sources"][0]["name"] == "Dmitry Peskov"
    assert any(
        st["stance"] == "denies" and st["channel"] == "Russian broadcaster RBC"
        and "phone" in st["claim"]["claim"].lower()
        for st in rep["stances"]
    )  # fmt: skip
    by_id = client.get(f"{V1}/entities/{listed[0]['id']}").json()
    assert by_id["sources"] == rep["sources"]


@pytest.mark.parametrize(
    "q",
    ["'; DROP TABLE articles; --", '" OR 1=1', "*", '"unbalanced', "Peskov'", "NEAR(", "a:b", "\\"],
)
def test_search_survives_hostile_strings(client: TestClient, ledger: str, q: str) -> None:
    resp = client.get(f"{V1}/search", params={"q": q})
    assert resp.status_code < 500, resp.text
    if resp.status_code == 200:
        assert isinstance(resp.json()["items"], list)
    else:
        _error(resp, resp.status_code)
    with Store.open(ledger, create=False) as store:
        for table in ("articles", "claims", "stances", "entities"):
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 1  # noqa: S608


def test_search_finds_the_article(client: TestClient) -> None:
    hits = client.get(f"{V1}/search", params={"q": "Peskov"}).json()["items"]
    assert hits and hits[0]["id"] and "Peskov" in hits[0]["snippet"]
    _error(client.get(f"{V1}/search", params={"q": ""}), 422)
    # Pages go on past any fixed window: a far page is empty, not an error.
    far = client.get(f"{V1}/search", params={"q": "Peskov", "cursor": encode_cursor(5000)})
    assert far.status_code == 200 and far.json()["items"] == [] and far.json()["next_cursor"] is None
    forged = client.get(f"{V1}/search", params={"q": "Peskov", "cursor": encode_cursor(10**30)})
    _error(forged, 400)  # not an overflow in the database
    _error(client.get(f"{V1}/claims", params={"q": "*"}), 400)


def test_openapi_schema_lists_the_routes(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/claims", "/claims/{claim_id}", "/articles", "/articles/{article_id}",
                 "/entities", "/entities/{name_or_id}", "/search"):  # fmt: skip
        assert f"{V1}{path}" in schema["paths"]
    assert "post" in schema["paths"][f"{V1}/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert assets and all(a.startswith("/") for a in assets), assets  # no CDN
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


# -------------------------------------------------------------------- writes

SMALL = (
    "Acme denies merger report\n\n"
    'Acme Corp spokeswoman Jane Doe said on Monday that "the company is not in talks to merge '
    'with Globex," contradicting a report by the Daily Planet.\n'
)


def test_post_needs_the_token(client: TestClient) -> None:
    body = {"text": SMALL}
    missing = client.post(f"{V1}/articles", json=body)
    assert _error(missing, 401)["code"] == "unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post(f"{V1}/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert _error(wrong, 403)["code"] == "forbidden"
    basic = client.post(f"{V1}/articles", json=body, headers={"Authorization": "Basic eDp5"})
    assert basic.status_code in (401, 403)
    _error(basic, basic.status_code)


def test_writes_refused_without_a_configured_token(
    ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMLEDGER_TOKEN", raising=False)
    with TestClient(create_app(str(ledger))) as c:
        resp = c.post(f"{V1}/articles", json={"text": SMALL}, headers={"Authorization": "Bearer x"})
        err = _error(resp, 403)
        assert err["code"] == "writes_disabled" and "CLAIMLEDGER_TOKEN" in err["message"]


def test_post_text_article_stores_it(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": SMALL, "title": "Acme denies merger report", "published": "2024-10-09"}
    resp = client.post(f"{V1}/articles", json=body, headers=auth)
    assert resp.status_code == 201, resp.text
    out = resp.json()
    assert out["id"] and out["created"] is True and isinstance(out["claims"], list)
    assert resp.headers["location"] == f"{V1}/articles/{out['id']}"
    stored = client.get(f"{V1}/articles/{out['id']}").json()
    assert stored["title"] == "Acme denies merger report" and stored["published"] == "2024-10-09"
    again = client.post(f"{V1}/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["id"] == out["id"]
    assert again.json()["created"] is False


def test_post_rejections_are_typed(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    empty = client.post(f"{V1}/articles", json={"text": "   "}, headers=auth)
    assert _error(empty, 422)["reason"] == "empty"
    assert _error(client.post(f"{V1}/articles", json={}, headers=auth), 422)["code"] == "validation"
    both = client.post(f"{V1}/articles", json={"text": "a", "html": "b"}, headers=auth)
    _error(both, 422)
    bad_json = client.post(
        f"{V1}/articles", content=b"{not json", headers=auth | {"Content-Type": "application/json"}
    )
    _error(bad_json, 422)


def test_post_private_url_is_blocked_unless_allowed(ledger: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"url": "http://127.0.0.1:9/story"}
    with TestClient(create_app(str(ledger), token=TOKEN)) as c:
        err = _error(c.post(f"{V1}/articles", json=body, headers=auth), 422)
        assert err["code"] == "rejected" and err["reason"] == "blocked_address"
    with TestClient(create_app(str(ledger), token=TOKEN, allow_private=True)) as c:
        resp = c.post(f"{V1}/articles", json=body, headers=auth)
        assert resp.status_code == 422  # nothing listens on port 9: the fetch itself fails
        assert resp.json()["error"]["reason"] != "blocked_address"


def test_oversized_body_is_refused(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    resp = client.post(f"{V1}/articles", content=b" " * (11 * 1024 * 1024), headers=auth)
    assert _error(resp, 413)["code"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the bytes are counted as they come
        for _ in range(12):
            yield b" " * (1024 * 1024)

    chunked = client.post(f"{V1}/articles", content=chunks(), headers=auth)
    assert _error(chunked, 413)["code"] == "too_large"


# --------------------------------------------------------------- protection


def test_reads_can_be_protected(ledger: str) -> None:
    with TestClient(create_app(str(ledger), token=TOKEN, protect_reads=True)) as c:
        _error(c.get(f"{V1}/claims"), 401)
        _error(c.get(f"{V1}/articles", headers={"Authorization": "Bearer nope"}), 403)
        ok = c.get(f"{V1}/claims", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200 and ok.json()["items"]


def test_protected_reads_without_a_token_is_a_startup_error(
    ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAIMLEDGER_TOKEN", raising=False)
    from claimledger.errors import UsageError

    with pytest.raises(UsageError):
        create_app(str(ledger), protect_reads=True)


def test_settings_come_from_the_environment(ledger: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_DB", str(ledger))
    monkeypatch.setenv("CLAIMLEDGER_TOKEN", "env-token")
    monkeypatch.setenv("CLAIMLEDGER_PROTECT_READS", "1")
    with TestClient(create_app()) as c:
        _error(c.get(f"{V1}/claims"), 401)
        ok = c.get(f"{V1}/claims", headers={"Authorization": "Bearer env-token"})
        assert ok.status_code == 200 and ok.json()["items"]


def test_unexpected_errors_are_json_500_without_internals(
    ledger: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import claimledger.api.app as api

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(api, "get_entry", boom)
    with TestClient(create_app(str(ledger)), raise_server_exceptions=False) as c:
        err = _error(c.get(f"{V1}/claims/abcd"), 500)
        assert err["code"] == "internal" and "secret" not in err["message"]


def test_claimledger_serve_answers_on_loopback(new_ledger: LedgerFactory) -> None:
    """The README's `claimledger serve` starts a server that answers the API and the pages."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    db = new_ledger("serve")
    Store.open(db).close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimledger.cli", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                api = httpx.get(f"http://127.0.0.1:{port}/api/v1/claims", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert api.status_code == 200 and api.json()["items"] == []
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "claimledger" in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
