"""A real HTTP server on 127.0.0.1 for the fetch and feed tests.

Real sockets, not mocks, because the behaviour under test (redirect hops,
chunked bodies, slow servers, gzip, Content-Length) lives in the HTTP layer.
The server binds to loopback only, on a free port; nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import gzip
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ARTICLE_TEXT = (
    "Kremlin spokesman Dmitry Peskov told Bloomberg News in a written statement that "
    '"we also sent equipment". NBC News could not independently verify this. '
)
FULL_CONTENT_HTML = "<p>" + ARTICLE_TEXT * 6 + "</p><p>More text follows here.</p>"
PAGE_HTML = (
    "<!doctype html><html><head><title>Local page</title></head>"
    f"<body><article><h1>Local page</h1><p>{ARTICLE_TEXT}</p></article></body></html>"
)
LINKED_ARTICLE_HTML = (
    "<!doctype html><html><head><title>Linked article</title></head>"
    "<body><article><p>The linked article body, fetched from its page.</p></article></body></html>"
)


def rss_feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Local News</title>
  <link>{base}/</link>
  <description>Test feed</description>
  <item>
    <title>Full story in the feed</title>
    <link>{base}/stories/full.html</link>
    <guid isPermaLink="false">story-full</guid>
    <dc:creator>Jane Reporter</dc:creator>
    <pubDate>Tue, 08 Oct 2024 14:30:00 GMT</pubDate>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[{FULL_CONTENT_HTML}]]></content:encoded>
  </item>
  <item>
    <title>Link-only story</title>
    <link>{base}/stories/linked.html</link>
    <guid isPermaLink="false">story-linked</guid>
    <author>desk@example.org (John Editor)</author>
    <pubDate>Wed, 09 Oct 2024 08:00:00 +0200</pubDate>
    <description>Only a teaser; read the rest on the site.</description>
  </item>
</channel>
</rss>"""


def mixed_feed(base: str) -> str:
    """Entries that fail in different ways, between two that work."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mixed</title><link>{base}/</link><description>x</description>
  <item><title>Gone</title><link>{base}/missing</link></item>
  <item><title>Picture</title><link>{base}/image.png</link></item>
  <item><title>Not web</title><link>ftp://files.example/story.txt</link></item>
  <item><title>Nothing</title><description>Just a line.</description></item>
  <item><title>Works</title><link>{base}/stories/linked.html</link></item>
</channel></rss>"""


def atom_feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Wire</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-10-09T12:00:00Z</updated>
  <link href="{base}/"/>
  <entry>
    <title>Atom full entry</title>
    <id>urn:uuid:atom-full</id>
    <link rel="alternate" href="{base}/stories/atom-full.html"/>
    <published>2024-10-09T10:15:00+02:00</published>
    <updated>2024-10-09T11:00:00Z</updated>
    <author><name>Ann Writer</name></author>
    <author><name>Bob Writer</name></author>
    <content type="html">{_escape(FULL_CONTENT_HTML)}</content>
  </entry>
  <entry>
    <title>Atom linked entry</title>
    <id>urn:uuid:atom-linked</id>
    <link rel="alternate" href="{base}/stories/linked.html"/>
    <updated>2024-10-10T09:00:00Z</updated>
    <summary>Short summary.</summary>
  </entry>
</feed>"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class LocalServer:
    """Handle on the running server: its base URL and what it was asked."""

    base: str
    port: int
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


Route = Callable[["_Handler"], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass  # keep test output quiet

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        state = self.server.state
        state.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        route = ROUTES.get(self.path.split("?", 1)[0])
        try:
            if route is None:
                self.send_body(404, "text/html", b"<h1>Not found</h1>")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up on purpose (size cap, timeout)

    def send_body(
        self,
        status: int,
        content_type: str | None,
        body: bytes,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_body(status, "text/html", b"", {"Location": location})

    @property
    def base(self) -> str:
        return self.server.state.base


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: LocalServer


def _chunked(handler: _Handler, chunks: Iterator[bytes], content_type: str = "text/html") -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Transfer-Encoding", "chunked")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    for chunk in chunks:
        handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        handler.wfile.flush()
    handler.wfile.write(b"0\r\n\r\n")


def _huge_chunked(h: _Handler) -> None:
    _chunked(h, (b"<p>" + b"x" * 65536 + b"</p>" for _ in range(200)))  # ~13 MiB


def _huge_declared(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(5 * 1024**3))
    h.send_header("Connection", "close")
    h.end_headers()
    h.close_connection = True
    h.wfile.write(b"<p>the first of five gigabytes</p>")


def _slow(h: _Handler) -> None:
    h.server.state.release.wait(5)  # set at teardown so the server stops promptly
    h.send_body(200, "text/html", PAGE_HTML.encode())


def _drip(h: _Handler) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            if h.server.state.release.is_set():
                return
            yield b"<p>drip</p>"
            time.sleep(0.05)

    _chunked(h, chunks())


def _gzip_page(h: _Handler) -> None:
    h.send_body(
        200,
        "text/html; charset=utf-8",
        gzip.compress(PAGE_HTML.encode()),
        {"Content-Encoding": "gzip"},
    )


def _gzip_bomb(h: _Handler) -> None:
    body = gzip.compress(b"<p>" + b" " * (4 * 1024 * 1024) + b"</p>")
    h.send_body(200, "text/html", body, {"Content-Encoding": "gzip"})


def _hop(n: int) -> Route:
    def route(h: _Handler) -> None:
        target = "/page.html" if n == 0 else f"/redirect/{n - 1}"
        # Alternate absolute and relative Location headers.
        h.redirect(h.base + target if n % 2 else target, 301 if n % 2 else 302)

    return route


ROUTES: dict[str, Route] = {
    "/page.html": lambda h: h.send_body(200, "text/html; charset=utf-8", PAGE_HTML.encode()),
    "/page.xhtml": lambda h: h.send_body(200, "application/xhtml+xml", PAGE_HTML.encode()),
    "/text.txt": lambda h: h.send_body(
        200,
        "text/plain; charset=ISO-8859-1",
        "Caf\u00e9 society, says P\u00e9skov.".encode("latin-1"),
    ),
    "/no-type.html": lambda h: h.send_body(200, None, PAGE_HTML.encode()),
    "/no-type.bin": lambda h: h.send_body(200, None, b"\x00\x01\x02binary"),
    "/gzip.html": _gzip_page,
    "/gzip-bomb.html": _gzip_bomb,
    "/stories/linked.html": lambda h: h.send_body(
        200, "text/html; charset=utf-8", LINKED_ARTICLE_HTML.encode()
    ),
    **{f"/redirect/{n}": _hop(n) for n in range(8)},
    "/loop": lambda h: h.redirect("/loop"),
    "/redirect-no-location": lambda h: h.send_body(302, "text/html", b""),
    "/redirect-to-ftp": lambda h: h.redirect("ftp://files.example/x"),
    "/missing": lambda h: h.send_body(404, "text/html", b"<h1>Not found</h1>"),
    "/error": lambda h: h.send_body(503, "text/html", b"<h1>Busy</h1>"),
    "/slow": _slow,
    "/drip": _drip,
    "/huge-chunked": _huge_chunked,
    "/huge-declared": _huge_declared,
    "/empty": lambda h: h.send_body(200, "text/html", b""),
    "/blank": lambda h: h.send_body(200, "text/html", b"  \n\t \n"),
    "/image.png": lambda h: h.send_body(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "/feed.rss": lambda h: h.send_body(
        200, "application/rss+xml; charset=utf-8", rss_feed(h.base).encode()
    ),
    "/feed.atom": lambda h: h.send_body(200, "application/atom+xml", atom_feed(h.base).encode()),
    "/feed.xml": lambda h: h.send_body(200, "text/xml", rss_feed(h.base).encode()),
    "/mixed.rss": lambda h: h.send_body(200, "application/rss+xml", mixed_feed(h.base).encode()),
    "/broken.rss": lambda h: h.send_body(
        200, "application/rss+xml", b"this is {{ not <xml at all & never was"
    ),
}


@contextlib.contextmanager
def serve(ssl_context: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    """Run the routes on 127.0.0.1 (over TLS when given a server context) until the block ends."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    if ssl_context is not None:
        httpd.socket = ssl_context.wrap_socket(httpd.socket, server_side=True)
    port = httpd.server_address[1]
    scheme = "https" if ssl_context is not None else "http"
    state = LocalServer(base=f"{scheme}://127.0.0.1:{port}", port=port)
    httpd.state = state
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as state:
        yield state


def self_signed_cert(directory: Path, name: str) -> tuple[Path, Path]:
    """A throwaway certificate for ``name`` made with the openssl CLI (the test skips without it)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = directory / f"{name}.crt", directory / f"{name}.key"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
