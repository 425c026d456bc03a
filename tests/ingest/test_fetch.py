"""fetch_url against a real local server, and the SSRF guard without sending traffic.

The local server lives on 127.0.0.1, which the guard refuses by default, so
tests that talk to it pass ``allow_private=True``.  Tests of the guard itself
use IP literals, ``localhost`` (resolved from /etc/hosts), a fake resolver and
an ``httpx.MockTransport``: nothing is ever sent to a non-loopback address.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from claimledger.errors import FetchError, InputRejected, Reason
from claimledger.ingest.fetch import DEFAULT_USER_AGENT, FetchConfig, blocked_reason, fetch_url

from .conftest import PAGE_HTML, LocalServer, self_signed_cert, serve

LOCAL = FetchConfig(allow_private=True, timeout=5)


def rejected(url: str, config: FetchConfig) -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch_url(url, config)
    assert isinstance(info.value, InputRejected)
    assert info.value.source == url
    return info.value


# --- what a successful fetch returns ---------------------------------------------------------


def test_html_page(server: LocalServer) -> None:
    before = datetime.now(UTC)
    doc = fetch_url(server.url("/page.html"), LOCAL)
    assert doc.data == PAGE_HTML.encode()
    assert doc.media_type == "text/html"
    assert doc.encoding == "utf-8"
    assert doc.source_format == "url"
    assert doc.source == doc.url == server.url("/page.html")
    assert doc.fetched_at is not None and doc.fetched_at >= before
    assert doc.fetched_at.tzinfo is not None


def test_sends_identifying_headers(server: LocalServer) -> None:
    fetch_url(server.url("/page.html"), LOCAL)
    _, headers = server.requests[-1]
    assert headers["user-agent"] == DEFAULT_USER_AGENT
    assert "text/html" in headers["accept"] and "application/rss+xml" in headers["accept"]
    assert headers["host"] == f"127.0.0.1:{server.port}"


def test_custom_user_agent(server: LocalServer) -> None:
    fetch_url(server.url("/page.html"), FetchConfig(allow_private=True, user_agent="newsroom/2"))
    assert server.requests[-1][1]["user-agent"] == "newsroom/2"


def test_text_page_keeps_declared_charset(server: LocalServer) -> None:
    doc = fetch_url(server.url("/text.txt"), LOCAL)
    assert doc.media_type == "text/plain"
    assert doc.encoding == "ISO-8859-1"
    assert doc.data.decode(doc.encoding) == "Caf\u00e9 society, says P\u00e9skov."


def test_xhtml_is_reported_as_html(server: LocalServer) -> None:
    assert fetch_url(server.url("/page.xhtml"), LOCAL).media_type == "text/html"


def test_gzip_is_decoded(server: LocalServer) -> None:
    doc = fetch_url(server.url("/gzip.html"), LOCAL)
    assert doc.data == PAGE_HTML.encode()


def test_missing_content_type_is_sniffed_for_html(server: LocalServer) -> None:
    assert fetch_url(server.url("/no-type.html"), LOCAL).media_type == "text/html"


def test_missing_content_type_and_binary_body_is_refused(server: LocalServer) -> None:
    err = rejected(server.url("/no-type.bin"), LOCAL)
    assert err.reason is Reason.BAD_CONTENT_TYPE
    assert "no Content-Type" in err.message


def test_feed_types_are_accepted(server: LocalServer) -> None:
    assert fetch_url(server.url("/feed.rss"), LOCAL).media_type == "application/rss+xml"
    assert fetch_url(server.url("/feed.atom"), LOCAL).media_type == "application/atom+xml"
    assert fetch_url(server.url("/feed.xml"), LOCAL).media_type == "text/xml"


def test_localhost_name_works_when_private_is_allowed(server: LocalServer) -> None:
    # localhost may resolve to ::1 first, where nothing listens: the next address is tried.
    doc = fetch_url(f"http://localhost:{server.port}/page.html", LOCAL)
    assert doc.url == f"http://localhost:{server.port}/page.html"
    assert server.requests[-1][1]["host"] == f"localhost:{server.port}"


def test_fragment_is_not_sent(server: LocalServer) -> None:
    doc = fetch_url(server.url("/page.html#comments"), LOCAL)
    assert server.paths()[-1] == "/page.html"
    assert doc.url == server.url("/page.html")


# --- redirects ---------------------------------------------------------------------------------


def test_redirect_chain_is_followed_and_final_url_reported(server: LocalServer) -> None:
    doc = fetch_url(server.url("/redirect/3"), LOCAL)
    assert doc.url == server.url("/page.html")
    assert doc.source == server.url("/redirect/3")
    assert server.paths() == [
        "/redirect/3",
        "/redirect/2",
        "/redirect/1",
        "/redirect/0",
        "/page.html",
    ]


def test_redirects_past_the_limit_are_refused(server: LocalServer) -> None:
    config = FetchConfig(allow_private=True, max_redirects=2)
    err = rejected(server.url("/redirect/3"), config)
    assert err.reason is Reason.TOO_MANY_REDIRECTS
    assert "more than 2 redirects" in err.message
    assert len(server.requests) == 3  # the original request and two hops, no more


def test_exactly_max_redirects_is_fine(server: LocalServer) -> None:
    config = FetchConfig(allow_private=True, max_redirects=4)
    assert fetch_url(server.url("/redirect/3"), config).url == server.url("/page.html")


def test_redirect_loop_is_refused_and_named(server: LocalServer) -> None:
    err = rejected(server.url("/loop"), LOCAL)
    assert err.reason is Reason.TOO_MANY_REDIRECTS
    assert "loop" in err.message
    assert len(server.requests) == LOCAL.max_redirects + 1


def test_redirect_without_location(server: LocalServer) -> None:
    err = rejected(server.url("/redirect-no-location"), LOCAL)
    assert err.reason is Reason.HTTP_ERROR
    assert "Location" in err.message


def test_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    err = rejected(server.url("/redirect-to-ftp"), LOCAL)
    assert err.reason is Reason.BAD_URL
    assert "ftp" in err.message


# --- HTTP failures -----------------------------------------------------------------------------


def test_404_is_an_http_error_with_the_status(server: LocalServer) -> None:
    err = rejected(server.url("/missing"), LOCAL)
    assert err.reason is Reason.HTTP_ERROR
    assert "404" in err.message
    assert "404" in str(err) and server.url("/missing") in str(err)


def test_503_is_an_http_error_with_the_status(server: LocalServer) -> None:
    err = rejected(server.url("/error"), LOCAL)
    assert err.reason is Reason.HTTP_ERROR
    assert "503" in err.message


def test_slow_server_times_out(server: LocalServer) -> None:
    err = rejected(server.url("/slow"), FetchConfig(allow_private=True, timeout=0.5))
    assert err.reason is Reason.TIMEOUT
    assert "0.5 s" in err.message


def test_drip_feeding_server_hits_the_overall_deadline(server: LocalServer) -> None:
    # Each chunk arrives well within the timeout; only a whole-fetch deadline stops this.
    err = rejected(server.url("/drip"), FetchConfig(allow_private=True, timeout=0.5))
    assert err.reason is Reason.TIMEOUT


def test_refused_connection_is_a_network_error(server: LocalServer) -> None:
    import socket

    with socket.socket() as probe:  # find a loopback port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    err = rejected(f"http://127.0.0.1:{port}/", LOCAL)
    assert err.reason is Reason.NETWORK
    assert "could not connect" in err.message


def test_unresolvable_host_is_a_network_error() -> None:
    def fail(host: str) -> list[str]:
        raise OSError(-2, "Name or service not known")

    err = rejected("http://no-such-host.invalid/", FetchConfig(resolve=fail))
    assert err.reason is Reason.NETWORK
    assert "no-such-host.invalid" in err.message


def test_hung_resolver_is_bounded_by_the_timeout() -> None:
    import threading

    gate = threading.Event()

    def hang(host: str) -> list[str]:
        gate.wait(5)
        return ["93.184.216.34"]

    try:
        err = rejected("http://news.example/", FetchConfig(resolve=hang, timeout=0.3))
    finally:
        gate.set()
    assert err.reason is Reason.TIMEOUT


# --- content type and size ---------------------------------------------------------------------


def test_image_is_refused_by_content_type(server: LocalServer) -> None:
    err = rejected(server.url("/image.png"), LOCAL)
    assert err.reason is Reason.BAD_CONTENT_TYPE
    assert "image/png" in err.message


def test_oversized_chunked_body_is_cut_off(server: LocalServer) -> None:
    err = rejected(
        server.url("/huge-chunked"), FetchConfig(allow_private=True, max_bytes=256 * 1024)
    )
    assert err.reason is Reason.TOO_LARGE
    assert str(256 * 1024) in err.message


def test_default_cap_stops_a_body_over_10_mib(server: LocalServer) -> None:
    err = rejected(server.url("/huge-chunked"), LOCAL)
    assert err.reason is Reason.TOO_LARGE


def test_big_content_length_is_refused_before_reading(server: LocalServer) -> None:
    err = rejected(server.url("/huge-declared"), LOCAL)
    assert err.reason is Reason.TOO_LARGE
    assert "Content-Length" in err.message


def test_gzip_bomb_is_capped_on_decoded_size(server: LocalServer) -> None:
    # ~4 KiB on the wire, 4 MiB once decoded.
    err = rejected(
        server.url("/gzip-bomb.html"), FetchConfig(allow_private=True, max_bytes=1024**2)
    )
    assert err.reason is Reason.TOO_LARGE


@pytest.mark.parametrize("path", ["/empty", "/blank"])
def test_empty_body_is_refused(server: LocalServer, path: str) -> None:
    err = rejected(server.url(path), LOCAL)
    assert err.reason is Reason.EMPTY


# --- URL validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.org/file.txt", "ftp"),
        ("file:///etc/passwd", "file"),
        ("javascript:alert(1)", "javascript"),
        ("example.org/page", "no scheme"),
        ("http:///nohost", "no host"),
        ("http://user:secret@example.org/", "credentials"),
        ("http://[not-an-ip/", "invalid host"),
        ("http://exa mple.org/", "invalid host"),
        ("http://exa%00mple.org/", "invalid host"),
    ],
)
def test_bad_urls_are_refused(url: str, words: str) -> None:
    err = rejected(url, FetchConfig(transport=_no_traffic(), resolve=_no_dns))
    assert err.reason is Reason.BAD_URL
    assert words in err.message


# --- the SSRF guard ----------------------------------------------------------------------------


def _no_traffic() -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"no request may be sent, got {request.url}")

    return httpx.MockTransport(handler)


def _no_dns(host: str) -> list[str]:
    raise AssertionError(f"no DNS lookup expected for {host}")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://127.0.0.1:{port}/page.html", "loopback"),
        ("http://localhost:{port}/page.html", "loopback"),
        ("http://[::1]:{port}/page.html", "loopback"),
        ("http://127.1:{port}/page.html", "loopback"),  # shorthand, resolved by the system
        ("http://2130706433:{port}/page.html", "loopback"),  # 127.0.0.1 as one integer
        ("http://[::ffff:127.0.0.1]:{port}/page.html", "loopback"),
        ("http://0.0.0.0:{port}/page.html", "unspecified"),
    ],
)
def test_loopback_forms_are_blocked_before_connecting(
    server: LocalServer, url: str, words: str
) -> None:
    url = url.format(port=server.port)
    err = rejected(url, FetchConfig(timeout=5))
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert words in err.message
    assert "allow_private" in err.message
    assert server.requests == []  # the real server on 127.0.0.1 never heard from us


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://10.1.2.3/", "private"),
        ("http://192.168.1.1/admin", "private"),
        ("http://172.16.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://100.64.0.1/", "non-public"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd00::1]/", "private"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://[::ffff:169.254.169.254]/", "link-local"),
        ("http://[2002:a00:1::1]/", "private"),  # 6to4 wrapping 10.0.0.1
        ("https://192.168.0.10/", "private"),
    ],
)
def test_private_ip_literals_are_blocked_without_traffic(url: str, words: str) -> None:
    err = rejected(url, FetchConfig(transport=_no_traffic(), resolve=_no_dns))
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert words in err.message


def test_a_name_resolving_to_a_private_address_is_blocked() -> None:
    config = FetchConfig(transport=_no_traffic(), resolve=lambda host: ["10.0.0.7"])
    err = rejected("http://intranet.example/", config)
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert "intranet.example resolves to 10.0.0.7" in err.message


def test_every_resolved_address_is_checked() -> None:
    config = FetchConfig(
        transport=_no_traffic(),
        resolve=lambda host: ["93.184.216.34", "2606:2800::1", "192.168.0.5"],
    )
    err = rejected("http://mixed.example/", config)
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert "192.168.0.5" in err.message


class Recorder:
    """A fake internet: answers by (pinned address, Host header) and records every request."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self.answer = answer
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)


def _html(body: str = "<p>public page</p>") -> httpx.Response:
    return httpx.Response(200, headers={"Content-Type": "text/html"}, content=body.encode())


def test_request_goes_to_the_checked_ip_with_host_and_sni_preserved() -> None:
    web = Recorder(lambda request: _html())
    config = FetchConfig(transport=web.transport, resolve=lambda host: ["93.184.216.34"])
    doc = fetch_url("https://news.example/story?id=7", config)
    (sent,) = web.requests
    assert sent.url.host == "93.184.216.34"  # connect to what was checked, no second lookup
    assert sent.url.path == "/story" and sent.url.query == b"id=7"
    assert sent.headers["host"] == "news.example"
    assert sent.extensions["sni_hostname"] == "news.example"  # TLS name and cert check
    assert doc.url == "https://news.example/story?id=7"


def test_non_default_port_is_kept_in_host_header() -> None:
    web = Recorder(lambda request: _html())
    config = FetchConfig(transport=web.transport, resolve=lambda host: ["2606:2800:220:1::1"])
    fetch_url("http://news.example:8080/", config)
    (sent,) = web.requests
    assert sent.url.host == "2606:2800:220:1::1" and sent.url.port == 8080
    assert sent.headers["host"] == "news.example:8080"
    assert "sni_hostname" not in sent.extensions


def test_next_address_is_tried_when_one_does_not_connect() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "2606:2800:220:1::1":
            raise httpx.ConnectError("Network is unreachable", request=request)
        return _html()

    web = Recorder(answer)
    config = FetchConfig(
        transport=web.transport, resolve=lambda host: ["2606:2800:220:1::1", "93.184.216.34"]
    )
    fetch_url("http://news.example/", config)
    assert [r.url.host for r in web.requests] == ["2606:2800:220:1::1", "93.184.216.34"]


def test_public_page_redirecting_to_metadata_service_is_blocked() -> None:
    web = Recorder(
        lambda request: httpx.Response(
            302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
        )
    )
    config = FetchConfig(transport=web.transport, resolve=lambda host: ["93.184.216.34"])
    err = rejected("http://news.example/story", config)
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert "169.254.169.254" in err.message
    assert [str(r.url) for r in web.requests] == ["http://93.184.216.34/story"]  # one hop only


def test_public_page_redirecting_to_a_private_name_is_blocked() -> None:
    addresses = {"news.example": ["93.184.216.34"], "admin.internal": ["192.168.10.2"]}
    web = Recorder(
        lambda request: httpx.Response(301, headers={"Location": "http://admin.internal/"})
    )
    config = FetchConfig(transport=web.transport, resolve=addresses.__getitem__)
    err = rejected("http://news.example/", config)
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert "admin.internal resolves to 192.168.10.2" in err.message
    assert len(web.requests) == 1


def test_dns_rebinding_on_a_later_hop_is_caught() -> None:
    # The same name answers "public" first, then "loopback": each hop resolves and checks anew,
    # and each request goes to the address that was checked on that hop.
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])
    web = Recorder(lambda request: httpx.Response(302, headers={"Location": "/next"}))
    config = FetchConfig(transport=web.transport, resolve=lambda host: next(answers))
    err = rejected("http://rebind.example/", config)
    assert err.reason is Reason.BLOCKED_ADDRESS
    assert "127.0.0.1" in err.message and "loopback" in err.message
    assert [r.url.host for r in web.requests] == ["93.184.216.34"]


def test_allow_private_lets_an_intranet_through() -> None:
    web = Recorder(lambda request: _html())
    config = FetchConfig(
        transport=web.transport, resolve=lambda host: ["10.0.0.7"], allow_private=True
    )
    assert fetch_url("http://wiki.newsroom.internal/page", config).data == b"<p>public page</p>"
    assert web.requests[0].url.host == "10.0.0.7"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
        ("8.8.8.8", None),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:192.168.1.1", "private"),
        ("::ffff:8.8.8.8", None),
        ("2002:c0a8:101::1", "private"),  # 6to4 of 192.168.1.1
        ("not-an-ip", "not a valid IP address"),
    ],
)
def test_blocked_reason(address: str, expected: str | None) -> None:
    why = blocked_reason(address)
    if expected is None:
        assert why is None
    else:
        assert why is not None and expected in why


# --- TLS through a pinned address (a real handshake on loopback) -------------------------------


def _tls_setup(
    tmp_path: Path, served_name: str
) -> tuple[ssl.SSLContext, ssl.SSLContext, list[str]]:
    cert, key = self_signed_cert(tmp_path, served_name)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    names: list[str] = []

    def remember_sni(sock: object, name: str | None, ctx: object) -> None:
        names.append(name or "")

    server_ctx.sni_callback = remember_sni
    client_ctx = ssl.create_default_context(cafile=str(cert))
    return server_ctx, client_ctx, names


def test_tls_to_the_pinned_ip_sends_sni_and_verifies_the_original_name(tmp_path: Path) -> None:
    server_ctx, client_ctx, names = _tls_setup(tmp_path, "news.test")
    with serve(server_ctx) as tls:
        config = FetchConfig(
            allow_private=True,  # news.test "resolves" to loopback, where the server is
            resolve=lambda host: ["127.0.0.1"],
            transport=httpx.HTTPTransport(verify=client_ctx),
            timeout=5,
        )
        doc = fetch_url(f"https://news.test:{tls.port}/page.html", config)
    assert doc.data == PAGE_HTML.encode()
    assert doc.url == f"https://news.test:{tls.port}/page.html"
    assert names == ["news.test"]  # SNI carried the name, not the IP we connected to
    assert tls.requests[0][1]["host"] == f"news.test:{tls.port}"


def test_tls_certificate_for_another_name_is_refused(tmp_path: Path) -> None:
    # The pinned connection must not weaken TLS: a certificate that does not name the
    # requested host fails exactly as it would without pinning.
    server_ctx, client_ctx, _ = _tls_setup(tmp_path, "other.test")
    with serve(server_ctx) as tls:
        config = FetchConfig(
            allow_private=True,
            resolve=lambda host: ["127.0.0.1"],
            transport=httpx.HTTPTransport(verify=client_ctx),
            timeout=5,
        )
        err = rejected(f"https://news.test:{tls.port}/page.html", config)
    assert err.reason is Reason.NETWORK
    assert "certificate" in err.message.lower() or "hostname" in err.message.lower()
    assert tls.requests == []
