"""Feeds: sniffing, full-content entries, link-only entries fetched safely, bad entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import FetchError, InputRejected, Reason
from claimledger.ingest.feeds import is_feed, read_feed
from claimledger.ingest.fetch import FetchConfig, fetch_url
from claimledger.model import RawDocument, Rejection

from .conftest import FULL_CONTENT_HTML, LINKED_ARTICLE_HTML, LocalServer, atom_feed, rss_feed

LOCAL = FetchConfig(allow_private=True, timeout=5)


def feed_doc(data: str | bytes, url: str, media_type: str = "application/rss+xml") -> RawDocument:
    raw = data.encode() if isinstance(data, str) else data
    return RawDocument(data=raw, source=url, source_format="url", media_type=media_type, url=url)


# --- is_feed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', "text/xml"),
        (b'<rss version="2.0"><channel/></rss>', None),
        (b'\xef\xbb\xbf<?xml version="1.0"?><rss version="0.92"></rss>', "application/xml"),
        (
            b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?><!-- hi -->\n'
            b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
            "application/xml",
        ),
        (
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns="http://purl.org/rss/1.0/"></rdf:RDF>',
            None,
        ),
        ('<?xml version="1.0" encoding="utf-16"?><rss></rss>'.encode("utf-16"), None),
        (b"anything at all", "application/rss+xml"),
        (b"anything at all", "application/atom+xml; charset=utf-8"),
    ],
)
def test_is_feed_recognises_feeds(data: bytes, media_type: str | None) -> None:
    assert is_feed(data, media_type)


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (
            b"<!doctype html><html><body>Subscribe to our &lt;rss&gt; feed</body></html>",
            "text/html",
        ),
        (b"<html><body><rss>not at the root</rss></body></html>", None),
        (b'<?xml version="1.0"?><feed><title>no Atom namespace</title></feed>', "text/xml"),
        (b'<?xml version="1.0"?><sitemap></sitemap>', "application/xml"),
        (b"plain words about <rss", "text/plain"),
        (b"", None),
    ],
)
def test_is_feed_rejects_pages(data: bytes, media_type: str | None) -> None:
    assert not is_feed(data, media_type)


def test_fetched_feeds_are_recognised(server: LocalServer) -> None:
    for path in ("/feed.rss", "/feed.atom", "/feed.xml"):
        doc = fetch_url(server.url(path), LOCAL)
        assert is_feed(doc.data, doc.media_type), path
    page = fetch_url(server.url("/page.html"), LOCAL)
    assert not is_feed(page.data, page.media_type)


# --- RSS ---------------------------------------------------------------------------------------


def test_rss_full_content_entry_and_link_only_entry(server: LocalServer) -> None:
    raw = fetch_url(server.url("/feed.rss"), LOCAL)
    full, linked = list(read_feed(raw, LOCAL))

    assert isinstance(full, RawDocument)
    assert full.source_format == "feed"
    assert full.source == server.url("/feed.rss") + "#story-full"
    assert full.url == server.url("/stories/full.html")
    assert full.media_type == "text/html" and full.encoding == "utf-8"
    assert "we also sent equipment" in full.data.decode()
    assert full.meta == {
        "title": "Full story in the feed",
        "published": "2024-10-08T14:30:00+00:00",
        "authors": ["Jane Reporter"],
        "publisher": "Local News",
    }

    assert isinstance(linked, RawDocument)
    assert linked.source_format == "feed"
    assert linked.source == server.url("/feed.rss") + "#story-linked"
    assert linked.url == server.url("/stories/linked.html")
    assert linked.data == LINKED_ARTICLE_HTML.encode()
    assert linked.media_type == "text/html"
    assert linked.fetched_at is not None
    assert linked.meta["title"] == "Link-only story"
    assert linked.meta["published"] == "2024-10-09T06:00:00+00:00"  # normalised to UTC
    assert linked.meta["publisher"] == "Local News"

    # The full-content entry cost no request; the link-only one cost exactly one.
    assert server.paths() == ["/feed.rss", "/stories/linked.html"]


def test_full_content_is_not_refetched_even_if_link_is_dead(server: LocalServer) -> None:
    # /stories/full.html does not exist on the server: using the feed's content avoids it.
    raw = fetch_url(server.url("/feed.rss"), LOCAL)
    first = next(iter(read_feed(raw, LOCAL)))
    assert isinstance(first, RawDocument)
    assert "/stories/full.html" not in server.paths()


def test_short_content_means_fetch_the_link(server: LocalServer) -> None:
    base = server.base
    feed = f"""<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
      <title>T</title><item><title>Teaser</title><link>{base}/stories/linked.html</link>
      <content:encoded><![CDATA[<p>{"Only four hundred characters. " * 13}</p>]]></content:encoded>
      </item></channel></rss>"""
    (doc,) = read_feed(feed_doc(feed, server.url("/t.rss")), LOCAL)
    assert isinstance(doc, RawDocument)
    assert doc.data == LINKED_ARTICLE_HTML.encode()


def test_long_description_counts_as_full_content(server: LocalServer) -> None:
    feed = f"""<rss version="2.0"><channel><title>T</title><item><title>Long</title>
      <link>{server.base}/nowhere</link>
      <description><![CDATA[{FULL_CONTENT_HTML}]]></description></item></channel></rss>"""
    (doc,) = read_feed(feed_doc(feed, server.url("/t.rss")), LOCAL)
    assert isinstance(doc, RawDocument)
    assert "we also sent equipment" in doc.data.decode()
    assert server.paths() == []


def test_entries_without_id_are_numbered(server: LocalServer) -> None:
    feed = f"""<rss version="2.0"><channel><title>T</title>
      <item><title>A</title><link>{server.base}/stories/linked.html</link></item>
      <item><title>B</title><link>{server.base}/stories/linked.html</link></item>
      </channel></rss>"""
    docs = list(read_feed(feed_doc(feed, "http://feeds.example/t.rss"), LOCAL))
    assert [d.source for d in docs] == [
        "http://feeds.example/t.rss#0",
        "http://feeds.example/t.rss#1",
    ]


def test_one_bad_entry_does_not_stop_the_feed(server: LocalServer) -> None:
    raw = fetch_url(server.url("/mixed.rss"), LOCAL)
    gone, picture, not_web, nothing, works = list(read_feed(raw, LOCAL))

    assert isinstance(gone, Rejection)
    assert gone.reason is Reason.HTTP_ERROR and "404" in gone.message
    assert gone.source == server.url("/mixed.rss") + "#0"

    assert isinstance(picture, Rejection)
    assert picture.reason is Reason.BAD_CONTENT_TYPE and "image/png" in picture.message

    assert isinstance(not_web, Rejection)
    assert not_web.reason is Reason.BAD_URL and "ftp" in not_web.message

    assert isinstance(nothing, Rejection)
    assert nothing.reason is Reason.EMPTY
    assert "link" in nothing.message

    assert isinstance(works, RawDocument)
    assert works.data == LINKED_ARTICLE_HTML.encode()
    assert works.meta["title"] == "Works"


def test_entry_links_obey_the_private_address_rule(server: LocalServer) -> None:
    # A feed (from anywhere) pointing at loopback: without allow_private nothing is fetched.
    raw = feed_doc(rss_feed(server.base), "https://feeds.example/news.rss")
    full, linked = list(read_feed(raw, FetchConfig()))
    assert isinstance(full, RawDocument)  # content came with the feed, no fetch needed
    assert isinstance(linked, Rejection)
    assert linked.reason is Reason.BLOCKED_ADDRESS
    assert "loopback" in linked.message
    assert linked.source == "https://feeds.example/news.rss#story-linked"
    assert server.requests == []


def test_entry_fetch_uses_the_same_limits(server: LocalServer) -> None:
    feed = f"""<rss version="2.0"><channel><title>T</title>
      <item><title>Big</title><link>{server.base}/huge-chunked</link></item>
      <item><title>Slow</title><link>{server.base}/slow</link></item>
      </channel></rss>"""
    config = FetchConfig(allow_private=True, max_bytes=64 * 1024, timeout=0.5)
    big, slow = list(read_feed(feed_doc(feed, server.url("/t.rss")), config))
    assert isinstance(big, Rejection) and big.reason is Reason.TOO_LARGE
    assert isinstance(slow, Rejection) and slow.reason is Reason.TIMEOUT


# --- Atom --------------------------------------------------------------------------------------


def test_atom_feed(server: LocalServer) -> None:
    raw = fetch_url(server.url("/feed.atom"), LOCAL)
    full, linked = list(read_feed(raw, LOCAL))

    assert isinstance(full, RawDocument)
    assert full.source == server.url("/feed.atom") + "#urn:uuid:atom-full"
    assert full.url == server.url("/stories/atom-full.html")
    assert "<p>" in full.data.decode() and "we also sent equipment" in full.data.decode()
    assert full.meta == {
        "title": "Atom full entry",
        "published": "2024-10-09T08:15:00+00:00",  # published wins over updated
        "authors": ["Ann Writer", "Bob Writer"],
        "publisher": "Atom Wire",
    }

    assert isinstance(linked, RawDocument)
    assert linked.data == LINKED_ARTICLE_HTML.encode()
    assert linked.meta["published"] == "2024-10-10T09:00:00+00:00"  # from updated
    assert "authors" not in linked.meta
    assert server.paths() == ["/feed.atom", "/stories/linked.html"]


def test_atom_served_as_generic_xml(server: LocalServer) -> None:
    raw = feed_doc(atom_feed(server.base), server.url("/a.xml"), media_type="application/xml")
    assert len(list(read_feed(raw, LOCAL))) == 2


# --- broken feeds ------------------------------------------------------------------------------


def test_broken_feed_is_refused(server: LocalServer) -> None:
    raw = fetch_url(server.url("/broken.rss"), LOCAL)
    with pytest.raises(FetchError) as info:
        read_feed(raw, LOCAL)  # raised on the call, before any iteration
    assert isinstance(info.value, InputRejected)
    assert info.value.reason is Reason.BAD_FEED
    assert "feed" in info.value.message
    assert info.value.source == server.url("/broken.rss")


def test_html_page_is_not_a_feed(server: LocalServer) -> None:
    raw = fetch_url(server.url("/page.html"), LOCAL)
    with pytest.raises(FetchError) as info:
        read_feed(raw, LOCAL)
    assert info.value.reason is Reason.BAD_FEED


def test_empty_but_valid_feed_yields_nothing() -> None:
    raw = feed_doc('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "http://f/x")
    assert list(read_feed(raw, LOCAL)) == []


def test_feed_bytes_are_never_opened_as_a_file_name(tmp_path: Path, server: LocalServer) -> None:
    # Given bare bytes, feedparser would try them as a path; a feed body naming a local
    # file must not make us read that file.
    secret = tmp_path / "secret.rss"
    secret.write_text(rss_feed(server.base))
    raw = feed_doc(str(secret).encode(), "http://feeds.example/x.rss")
    with pytest.raises(FetchError) as info:
        read_feed(raw, LOCAL)
    assert info.value.reason is Reason.BAD_FEED


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    long_text = "x" * 600
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>T</title><item><title>&leak;</title>
<description>{long_text}</description></item></channel></rss>"""
    docs = list(read_feed(feed_doc(feed, "http://feeds.example/x.rss"), LOCAL))
    assert len(docs) == 1
    for doc in docs:
        assert isinstance(doc, RawDocument)
        assert b"TOP-SECRET" not in doc.data
        assert "TOP-SECRET" not in str(doc.meta)
