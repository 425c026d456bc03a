"""Fetching one URL safely: the SSRF guard, size and time caps, typed refusals.

claimledger fetches URLs that users (and feeds written by strangers) hand it,
often from a server inside a newsroom's network.  Without a guard, a URL such as
``http://169.254.169.254/latest/meta-data/`` or a redirect to
``http://10.0.0.5/admin`` makes claimledger a proxy into that network.  So:

* only ``http``/``https`` URLs with a host and **no embedded credentials** are
  accepted (``http://trusted.example@evil.example/`` is a classic disguise, and
  claimledger never needs to log in to a news site; such URLs are refused with
  ``BAD_URL`` rather than silently stripped, so the user sees why);
* the host is resolved once, **every** address it resolves to is checked
  (private, loopback, link-local, multicast, reserved, unspecified, shared
  carrier-grade NAT, and IPv6 forms that embed such an IPv4 address), and the
  request is then sent **to the checked address itself** (see "DNS rebinding");
* redirects are followed by hand, one hop at a time, and each hop is resolved
  and checked again, so a public page cannot bounce the fetch inside;
* the whole fetch (all hops, headers and body) has one deadline, and the body
  is streamed and cut off past ``max_bytes``, so a slow-drip or endless server
  cannot hold a worker or fill its memory;
* environment proxies are ignored (``trust_env=False``): a proxy would resolve
  the name itself, after our check, and void it.

DNS rebinding.  Checking a name and then letting the HTTP client resolve it
again leaves a window: a hostile DNS server answers "public" to the check and
"127.0.0.1" to the connection.  We close it by connecting to the IP address we
checked: the request URL carries the IP, the ``Host`` header carries the
original host (and port), and for HTTPS the ``sni_hostname`` request extension
makes httpcore send the original name in SNI *and verify the certificate
against it* (it is passed as ``server_hostname`` to ``ssl.wrap_socket``), so
TLS stays as strict as a normal request.  Limits that remain: name resolution
uses the system resolver (bounded by the fetch deadline, but a hung lookup's
thread lingers until the resolver gives up), and a transparent proxy on the
network path is outside our control.

Gzip/deflate bodies are decoded by httpx; the size cap counts *decoded* bytes,
so a compression bomb is stopped too (one network chunk can still expand to
tens of MiB before the check sees it).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from claimledger.errors import FetchError, Reason
from claimledger.model import RawDocument

__all__ = [
    "ACCEPTED_MEDIA_TYPES",
    "DEFAULT_USER_AGENT",
    "FEED_MEDIA_TYPES",
    "FetchConfig",
    "blocked_reason",
    "fetch_url",
    "system_resolve",
]

DEFAULT_USER_AGENT = "claimledger/0.1 (+https://github.com/claimledger)"

FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "text/xml"}
)
# xhtml is reported as text/html downstream: cleaning treats both alike.
ACCEPTED_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"}) | (
    FEED_MEDIA_TYPES
)

_ACCEPT = (
    "text/html,application/xhtml+xml;q=0.9,application/rss+xml;q=0.9,"
    "application/atom+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,text/plain;q=0.7"
)
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})

# Letters, digits, hyphens (and underscores, which real sites use) in dot-separated labels.
_HOSTNAME = re.compile(
    r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*"
    r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?"
)

Resolver = Callable[[str], list[str]]


def system_resolve(host: str) -> list[str]:
    """Every address the system resolver gives for ``host``, in its preferred order."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


@dataclass(frozen=True, kw_only=True)
class FetchConfig:
    """How fetching behaves; one object so the CLI, API and feeds share one policy.

    ``timeout`` bounds the *whole* fetch (resolution, every redirect hop and the
    body), not each socket operation, because a drip-feeding server defeats
    per-read timeouts.  (The deadline is checked between chunks; one stalled
    read can overrun it by at most the time that was left when its hop began.)  ``allow_private`` exists for tests and for newsrooms
    that deliberately read an intranet; leave it off for user-supplied URLs.
    ``transport`` and ``resolve`` are seams for tests: a fake transport sees the
    pinned-IP requests, a fake resolver lets a test name "public" hosts without
    touching DNS.
    """

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    transport: httpx.BaseTransport | None = None
    resolve: Resolver | None = None


def blocked_reason(address: str) -> str | None:
    """Why ``address`` must not be fetched (e.g. "a loopback address"), or None if public.

    Embedded IPv4 addresses (IPv4-mapped ``::ffff:10.0.0.1``, 6to4, Teredo)
    are checked as well, since the kernel or a relay may route them to the
    IPv4 host they name.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not a valid IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            # A dual-stack socket connects to the IPv4 host itself: judge that address.
            why = blocked_reason(str(ip.ipv4_mapped))
            return f"{why} (as {ip})" if why else None
        embedded: list[ipaddress.IPv4Address] = []
        if ip.sixtofour is not None:
            embedded.append(ip.sixtofour)
        if ip.teredo is not None:
            embedded.append(ip.teredo[1])
        for inner in embedded:
            why = blocked_reason(str(inner))
            if why:
                return f"{why} (embedded in {ip})"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local, "a site-local address"),
        (not ip.is_global, "a non-public address"),
    )
    for hit, why in checks:
        if hit:
            return why
    return None


def fetch_url(url: str, config: FetchConfig) -> RawDocument:
    """Fetch one page or feed, or raise :class:`FetchError` with a reason a user can act on.

    The returned document's ``source`` is the URL as given and ``url`` the
    final URL after redirects (what an article should cite).
    """
    source = url
    deadline = time.monotonic() + config.timeout
    current = _parse_url(url, source)
    seen: set[str] = set()
    redirects = 0
    with httpx.Client(
        transport=config.transport,
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": config.user_agent, "Accept": _ACCEPT},
    ) as client:
        while True:
            seen.add(str(current))
            response = _send(client, current, config, deadline, source)
            try:
                location = _redirect_target(response, current, source)
                if location is None:
                    return _read(response, current, config, deadline, source)
            finally:
                response.close()
            redirects += 1
            if redirects > config.max_redirects:
                loop = " (a redirect loop)" if str(location) in seen else ""
                raise FetchError(
                    Reason.TOO_MANY_REDIRECTS,
                    f"more than {config.max_redirects} redirects{loop}; last pointed to {location}",
                    source,
                )
            current = location


def _parse_url(url: str, source: str) -> httpx.URL:
    """Refuse what is not a plain http(s) URL before anything touches the network."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(Reason.BAD_URL, f"not a valid URL: {exc}", source) from exc
    if parsed.scheme not in ("http", "https"):
        shown = parsed.scheme or "no scheme"
        raise FetchError(
            Reason.BAD_URL, f"only http and https URLs can be fetched, not {shown}", source
        )
    if not parsed.raw_host:
        raise FetchError(Reason.BAD_URL, "the URL has no host", source)
    if not _valid_host(parsed.raw_host.decode("ascii", errors="replace")):
        raise FetchError(Reason.BAD_URL, f"invalid host name {parsed.host!r}", source)
    if parsed.userinfo:
        raise FetchError(
            Reason.BAD_URL,
            "URLs with embedded credentials (user:password@) are refused",
            source,
        )
    return parsed.copy_with(fragment=None)


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return len(host) <= 253 and _HOSTNAME.fullmatch(host) is not None
    return True


def _remaining(deadline: float, config: FetchConfig, source: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(Reason.TIMEOUT, f"the fetch took longer than {config.timeout:g} s", source)
    return left


def _resolve(host: str, config: FetchConfig, deadline: float, source: str) -> list[str]:
    """Resolve in a helper thread so a hung DNS lookup cannot outlive the deadline."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return [host]  # an IP literal: nothing to resolve, nothing for DNS to swap
    resolver = config.resolve or system_resolve
    result: list[list[str]] = []
    error: list[BaseException] = []

    def work() -> None:
        try:
            result.append(list(resolver(host)))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            error.append(exc)

    worker = threading.Thread(target=work, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(_remaining(deadline, config, source))
    if worker.is_alive():
        raise FetchError(
            Reason.TIMEOUT, f"resolving {host} took longer than {config.timeout:g} s", source
        )
    if error:
        exc = error[0]
        if isinstance(exc, UnicodeError):
            raise FetchError(Reason.BAD_URL, f"invalid host name {host!r}", source) from exc
        if isinstance(exc, OSError):
            raise FetchError(
                Reason.NETWORK, f"could not resolve host {host}: {exc}", source
            ) from exc
        raise exc
    addresses = result[0] if result else []
    if not addresses:
        raise FetchError(Reason.NETWORK, f"could not resolve host {host}: no addresses", source)
    return addresses


def _checked_addresses(
    url: httpx.URL, config: FetchConfig, deadline: float, source: str
) -> list[str]:
    host = url.raw_host.decode("ascii")
    addresses = _resolve(host, config, deadline, source)
    if not config.allow_private:
        for address in addresses:
            why = blocked_reason(address)
            if why:
                shown = host if host == address else f"{host} resolves to {address},"
                raise FetchError(
                    Reason.BLOCKED_ADDRESS,
                    f"{shown} {why}; fetching non-public addresses is refused "
                    "(allow_private permits it)",
                    source,
                )
    return addresses


def _send(
    client: httpx.Client, url: httpx.URL, config: FetchConfig, deadline: float, source: str
) -> httpx.Response:
    """Send one GET to the checked address(es) of ``url``'s host, trying each until one connects."""
    addresses = _checked_addresses(url, config, deadline, source)
    host = url.raw_host.decode("ascii")
    last_error: httpx.ConnectError | None = None
    for address in addresses:
        left = _remaining(deadline, config, source)
        extensions: dict[str, str] = {}
        if url.scheme == "https":
            extensions["sni_hostname"] = host
        try:
            pinned = url.copy_with(host=address.split("%", 1)[0])
        except httpx.InvalidURL:
            continue
        request = client.build_request(
            "GET",
            pinned,
            headers={"Host": url.netloc.decode("ascii")},
            extensions=extensions,
            timeout=httpx.Timeout(min(config.timeout, left)),
        )
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError as exc:
            last_error = exc  # e.g. an IPv6 address on an IPv4-only machine: try the next
        except httpx.TimeoutException as exc:
            raise FetchError(
                Reason.TIMEOUT, f"{host} did not answer within {config.timeout:g} s", source
            ) from exc
        except httpx.HTTPError as exc:
            raise FetchError(Reason.NETWORK, f"{host}: {_describe(exc)}", source) from exc
    detail = _describe(last_error) if last_error else "no usable address"
    raise FetchError(Reason.NETWORK, f"could not connect to {host}: {detail}", source)


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _redirect_target(response: httpx.Response, current: httpx.URL, source: str) -> httpx.URL | None:
    if response.status_code not in _REDIRECT_CODES:
        return None
    location = response.headers.get("Location")
    if not location:
        raise FetchError(
            Reason.HTTP_ERROR,
            f"HTTP {response.status_code} redirect without a Location header",
            source,
        )
    try:
        target = current.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(
            Reason.BAD_URL, f"redirect to an invalid URL {location!r}", source
        ) from exc
    return _parse_url(str(target), source)


def _parse_content_type(value: str) -> tuple[str, str | None]:
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'").strip() or None
    return media_type.strip().lower(), charset


def _sniff_media_type(data: bytes) -> str | None:
    """Only for servers that declare no Content-Type: recognise HTML and XML, nothing else."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")):
        return "application/xml"
    return None


def _read(
    response: httpx.Response, url: httpx.URL, config: FetchConfig, deadline: float, source: str
) -> RawDocument:
    status = response.status_code
    if not 200 <= status < 300:
        phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchError(Reason.HTTP_ERROR, f"the server answered HTTP {status}{phrase}", source)
    declared = response.headers.get("Content-Type")
    media_type, charset = _parse_content_type(declared) if declared else ("", None)
    if declared and media_type not in ACCEPTED_MEDIA_TYPES:
        raise FetchError(
            Reason.BAD_CONTENT_TYPE,
            f"content type {media_type or declared!r} is not a web page, text or feed",
            source,
        )
    length = response.headers.get("Content-Length")
    if length is not None and length.strip().isdigit() and int(length) > config.max_bytes:
        raise FetchError(
            Reason.TOO_LARGE,
            f"Content-Length {int(length)} bytes is over the {config.max_bytes}-byte cap",
            source,
        )
    data = _stream_body(response, config, deadline, source)
    if not data.strip():
        raise FetchError(Reason.EMPTY, "the server sent an empty body", source)
    if not declared:
        sniffed = _sniff_media_type(data)
        if sniffed is None:
            raise FetchError(
                Reason.BAD_CONTENT_TYPE,
                "the server declared no Content-Type and the body is not HTML or XML",
                source,
            )
        media_type = sniffed
    if media_type == "application/xhtml+xml":
        media_type = "text/html"
    return RawDocument(
        data=data,
        source=source,
        source_format="url",
        media_type=media_type,
        encoding=charset,
        url=str(url),
        fetched_at=datetime.now(UTC),
    )


def _stream_body(
    response: httpx.Response, config: FetchConfig, deadline: float, source: str
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > config.max_bytes:
                raise FetchError(
                    Reason.TOO_LARGE,
                    f"the body is over the {config.max_bytes}-byte cap (stopped reading)",
                    source,
                )
            chunks.append(chunk)
            _remaining(deadline, config, source)
    except httpx.TimeoutException as exc:
        raise FetchError(
            Reason.TIMEOUT, f"the body did not arrive within {config.timeout:g} s", source
        ) from exc
    except httpx.DecodingError as exc:
        raise FetchError(
            Reason.CORRUPT, f"the compressed body could not be decoded: {exc}", source
        ) from exc
    except httpx.HTTPError as exc:
        raise FetchError(
            Reason.NETWORK, f"the connection failed while reading: {_describe(exc)}", source
        ) from exc
    return b"".join(chunks)
