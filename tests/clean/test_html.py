"""The HTML path: what a user gets out of a news page, metadata first.

Every page here is written by hand for the test; none comes from a dataset.
"""

from __future__ import annotations

import json

import pytest

from claimledger.clean.html import clean_html
from claimledger.errors import InputRejected, Reason
from claimledger.model import RawDocument

PARAGRAPHS = [
    "The harbour authority said on Tuesday that the new breakwater would be finished "
    "before the winter storms arrive, two months earlier than planned.",
    "Engineers working on the project told reporters that the concrete blocks had been "
    "cast on site to save the cost of shipping them from the mainland.",
    "Local fishermen, who had opposed the plan for years, said they were not aware of any "
    "consultation and would ask the council to review the decision.",
    "The council did not answer a request for comment before publication, and a spokesman "
    "for the harbour declined to say how much the works would cost in total.",
]


def page(
    *,
    head: str = "",
    body_top: str = "",
    paragraphs: list[str] | None = None,
    lang: str = "en",
    charset: str = "utf-8",
) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="{charset}">
{head}
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
{body_top}
{paras}
</article>
<footer><p>Copyright 2024 The Harbour Gazette. All rights reserved. Terms of use apply.</p></footer>
</body>
</html>"""


def raw_html(html: str, *, encoding: str = "utf-8", **kwargs: object) -> RawDocument:
    return RawDocument(
        data=html.encode(encoding),
        source="test.html",
        source_format="html",
        media_type="text/html",
        **kwargs,  # type: ignore[arg-type]
    )


def jsonld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


ARTICLE_LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Breakwater to be finished before winter",
    "datePublished": "2024-03-05T09:30:00+01:00",
    "author": [
        {"@type": "Person", "name": "Maria Olsen"},
        {"@type": "Organization", "name": "Gazette Newsdesk"},
    ],
    "publisher": {"@type": "Organization", "name": "The Harbour Gazette"},
    "mainEntityOfPage": {"@type": "WebPage", "@id": "https://gazette.example/breakwater"},
    "inLanguage": "en-GB",
}

META_TAGS = """
<title>Meta title of the page | The Harbour Gazette</title>
<meta property="og:title" content="Meta title of the page">
<meta property="og:site_name" content="Gazette Online">
<meta property="article:published_time" content="2023-01-01T00:00:00Z">
<meta name="author" content="Someone Else">
<meta property="og:url" content="https://gazette.example/meta-url">
"""


def test_jsonld_metadata_is_preferred_over_meta_tags() -> None:
    html = page(head=META_TAGS + jsonld(ARTICLE_LD))
    article = clean_html(raw_html(html, url="https://gazette.example/fetched"))
    assert article.title == "Breakwater to be finished before winter"
    assert article.authors == ["Maria Olsen"]
    assert article.publisher == "The Harbour Gazette"
    assert article.published == "2024-03-05T09:30:00+01:00"
    assert article.url == "https://gazette.example/breakwater"
    assert article.language == "en"


def test_meta_tags_are_used_when_there_is_no_jsonld() -> None:
    html = page(head=META_TAGS, lang="en-US")
    article = clean_html(raw_html(html, url="https://gazette.example/fetched"))
    assert article.title == "Meta title of the page"
    assert article.authors == ["Someone Else"]
    assert article.publisher == "Gazette Online"
    assert article.published == "2023-01-01T00:00:00+00:00"
    assert article.url == "https://gazette.example/meta-url"
    assert article.language == "en"


def test_jsonld_inside_a_graph_is_found() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "The Harbour Gazette"},
            {"@type": "Organization", "@id": "#org", "name": "Harbour Gazette Ltd"},
            {
                "@type": ["NewsArticle"],
                "headline": "Graph headline",
                "author": {"@id": "#org"},
                "publisher": {"@id": "#org"},
                "datePublished": "2024-02-29",
            },
        ],
    }
    article = clean_html(raw_html(page(head=jsonld(graph))))
    assert article.title == "Graph headline"
    assert article.publisher == "Harbour Gazette Ltd"
    assert article.published == "2024-02-29"
    assert article.authors == []  # the only author is the organisation itself


@pytest.mark.parametrize(
    "title",
    [
        "Breakwater to be finished before winter - The Harbour Gazette",
        "Breakwater to be finished before winter | The Harbour Gazette",
        "Breakwater to be finished before winter — The Harbour Gazette",
    ],
)
def test_title_loses_the_site_name_tail(title: str) -> None:
    head = (
        f'<meta property="og:title" content="{title}">'
        '<meta property="og:site_name" content="The Harbour Gazette">'
    )
    article = clean_html(raw_html(page(head=head)))
    assert article.title == "Breakwater to be finished before winter"


def test_title_keeps_a_tail_that_is_not_the_site_name() -> None:
    head = (
        '<meta property="og:title" content="Harbour works - what residents need to know">'
        '<meta property="og:site_name" content="The Harbour Gazette">'
    )
    article = clean_html(raw_html(page(head=head)))
    assert article.title == "Harbour works - what residents need to know"


def test_title_tail_matching_the_domain_is_removed() -> None:
    head = '<meta property="og:title" content="Breakwater delayed | gazette.example">'
    article = clean_html(raw_html(page(head=head), url="https://www.gazette.example/a/1"))
    assert article.title == "Breakwater delayed"


def test_organisation_author_is_skipped() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Breakwater",
        "author": [
            {"@type": "Organization", "name": "Reuters"},
            {"@type": "Person", "name": "Jonas Berg"},
        ],
    }
    article = clean_html(raw_html(page(head=jsonld(ld))))
    assert article.authors == ["Jonas Berg"]


def test_byline_in_meta_is_split_into_people() -> None:
    head = '<meta name="author" content="By Anna Lind, Peter Vos and Staff Reporters">'
    article = clean_html(raw_html(page(head=head)))
    assert article.authors == ["Anna Lind", "Peter Vos"]


def test_emails_and_urls_are_not_authors() -> None:
    head = (
        '<meta name="author" content="newsdesk@gazette.example; https://gazette.example/staff">'
        '<meta property="article:author" content="https://facebook.example/anna.lind">'
    )
    article = clean_html(raw_html(page(head=head)))
    assert article.authors == []


def test_windows_1251_page_declared_by_meta_charset_decodes() -> None:
    russian = [
        "Пресс-секретарь Кремля Дмитрий Песков заявил журналистам, что Москва "
        "получила оборудование для тестов летом прошлого года.",
        "По его словам, никаких других договорённостей между странами не было, "
        "и он не знает о каких-либо телефонных разговорах.",
        "Представитель Белого дома отказался комментировать это сообщение "
        "до официальной публикации книги в следующем месяце.",
    ]
    html = page(paragraphs=russian, lang="ru", charset="windows-1251")
    data = html.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the bytes really are not UTF-8
    article = clean_html(
        RawDocument(data=data, source="ru.html", source_format="html", media_type="text/html")
    )
    assert "Дмитрий Песков заявил журналистам" in article.text
    assert "телефонных разговорах" in article.text
    assert article.language == "ru"


NO_ARTICLE_PAGES = {
    "navigation only": """<!DOCTYPE html><html><head><title>Gazette</title></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <script>var x = 1;</script></body></html>""",
    "javascript app shell": """<!DOCTYPE html><html><head><title>Gazette</title></head>
        <body><div id="root"></div>
        <noscript>You need to enable JavaScript to run this app.</noscript>
        <script src="/static/app.js"></script></body></html>""",
    "section front of headlines": "<!DOCTYPE html><html><head><title>World</title></head><body><ul>"
    + "".join(
        f'<li><a href="/story/{i}">Council approves the new harbour plan after debate, part {i}</a></li>'
        for i in range(15)
    )
    + "</ul></body></html>",
}


@pytest.mark.parametrize("html", NO_ARTICLE_PAGES.values(), ids=NO_ARTICLE_PAGES.keys())
def test_page_without_article_body_is_rejected_with_no_text(html: str) -> None:
    with pytest.raises(InputRejected) as err:
        clean_html(raw_html(html))
    assert err.value.reason is Reason.NO_TEXT
    assert err.value.source == "test.html"
    assert "no article text" in err.value.message


def test_short_article_with_a_related_links_list_is_kept() -> None:
    related = (
        "<ul>"
        + "".join(
            f'<li><a href="/s/{i}">Another harbour story number {i} from our archive</a></li>'
            for i in range(3)
        )
        + "</ul>"
    )
    article = clean_html(raw_html(page(paragraphs=PARAGRAPHS[:2], body_top=related)))
    assert PARAGRAPHS[0] in article.text


def test_source_metadata_overrides_the_page() -> None:
    html = page(head=META_TAGS + jsonld(ARTICLE_LD))
    raw = raw_html(
        html,
        url="https://gazette.example/fetched",
        meta={
            "title": "Title from the feed",
            "authors": ["Feed Author"],
            "published": "2024-04-01",
            "publisher": "Feed Publisher",
            "language": "de",
            "url": "https://feed.example/item",
        },
    )
    article = clean_html(raw)
    assert article.title == "Title from the feed"
    assert article.authors == ["Feed Author"]
    assert article.published == "2024-04-01"
    assert article.publisher == "Feed Publisher"
    assert article.language == "de"
    assert article.url == "https://feed.example/item"


def test_empty_source_metadata_does_not_erase_the_page_metadata() -> None:
    raw = raw_html(page(head=jsonld(ARTICLE_LD)), meta={"title": "", "authors": []})
    article = clean_html(raw)
    assert article.title == "Breakwater to be finished before winter"
    assert article.authors == ["Maria Olsen"]


def test_paragraphs_are_separated_by_blank_lines() -> None:
    article = clean_html(raw_html(page()))
    assert article.text.split("\n\n") == PARAGRAPHS


def test_boilerplate_is_left_out_and_recorded() -> None:
    article = clean_html(raw_html(page()))
    assert "Copyright 2024" not in article.text
    assert "Home" not in article.text
    removed = [r.text for r in article.removed]
    assert any("Copyright 2024 The Harbour Gazette" in t for t in removed)
    assert all(r.reason for r in article.removed)


def test_headline_repeated_at_the_top_of_the_body_is_dropped() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": "Breakwater to be finished before winter"})
    body_top = "<h1>Breakwater to be finished before winter</h1>"
    article = clean_html(raw_html(page(head=head, body_top=body_top)))
    assert article.title == "Breakwater to be finished before winter"
    assert not article.text.startswith("Breakwater to be finished")
    assert article.text.startswith(PARAGRAPHS[0])


def test_source_fields_are_carried_over() -> None:
    article = clean_html(raw_html(page()))
    assert article.source == "test.html"
    assert article.source_format == "html"


def test_url_falls_back_to_where_the_page_came_from() -> None:
    article = clean_html(raw_html(page(), url="https://gazette.example/fetched"))
    assert article.url == "https://gazette.example/fetched"


def test_relative_canonical_url_is_resolved() -> None:
    head = '<link rel="canonical" href="/story/42">'
    article = clean_html(raw_html(page(head=head), url="https://gazette.example/x?utm=1"))
    assert article.url == "https://gazette.example/story/42"


def test_html_text_skips_decoding() -> None:
    html = page()
    raw = RawDocument(data=b"", source="given.html", source_format="html")
    article = clean_html(raw, html_text=html)
    assert article.text.split("\n\n") == PARAGRAPHS


def test_broken_jsonld_is_ignored_not_fatal() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    head += '<meta property="og:title" content="Title from og">'
    article = clean_html(raw_html(page(head=head)))
    assert article.title == "Title from og"


def test_scripts_are_not_run_and_do_not_leak_into_text() -> None:
    body_top = "<script>document.write('INJECTED TEXT FROM SCRIPT');</script>"
    article = clean_html(raw_html(page(body_top=body_top)))
    assert "INJECTED" not in article.text


def test_the_pages_own_jsonld_article_wins_over_related_ones() -> None:
    related = {
        "@type": "NewsArticle",
        "headline": "A related story",
        "url": "https://gazette.example/other",
        "datePublished": "2020-01-01",
    }
    own = {
        "@type": "NewsArticle",
        "headline": "The story on this page",
        "url": "https://gazette.example/this",
        "datePublished": "2024-05-06",
    }
    head = '<link rel="canonical" href="https://gazette.example/this">' + jsonld([related, own])
    article = clean_html(raw_html(page(head=head)))
    assert article.title == "The story on this page"
    assert article.published == "2024-05-06"


def test_teasers_for_other_articles_are_not_body_text() -> None:
    # Left in, "READ MORE: China plague outbreak confirmed: …" became an attribution
    # with "China plague outbreak" as its source.
    paras = [
        *PARAGRAPHS[:2],
        "READ MORE: Harbour outbreak confirmed: two fishermen taken to hospital",
        "DON'T MISS",
        "Storm warning: council names EIGHT streets at risk [WARNING]",
        *PARAGRAPHS[2:],
    ]
    art = clean_html(raw_html(page(paragraphs=paras)))
    assert "READ MORE" not in art.text and "DON'T MISS" not in art.text
    assert "[WARNING]" not in art.text
    for p in PARAGRAPHS:
        assert p in art.text


def test_lines_that_only_look_like_teasers_stay() -> None:
    paras = [
        *PARAGRAPHS[:2],
        "Related: prices at the harbour rose 3 percent last year, the bureau said.",
        "“We will build it before winter, believe me [applause],” the mayor told the crowd.",
        *PARAGRAPHS[2:],
    ]
    art = clean_html(raw_html(page(paragraphs=paras)))
    for p in paras:
        assert p in art.text


def test_a_hover_card_inside_a_name_is_not_article_text() -> None:
    # The Hill nests a card (full name, three headlines, "MORE") inside a name.
    card = (
        '<span class="rollover-people"><a href="/people/kristi-noem">Kristi Noem</a>'
        '<span class="rollover-people-block"><span class="rollover-block">'
        '<a class="name" href="/people/kristi-noem">Kristi Lynn Noem</a>'
        '<a href="/x">South Dakota drops pipeline protest laws after lawsuit</a>'
        '<a href="/more">MORE</a></span></span></span>'
    )
    first = f"South Dakota Gov. {card} (R) is defending the state's launch of an anti-drug campaign."
    article = clean_html(raw_html(page(paragraphs=[first, *PARAGRAPHS])))
    assert "South Dakota Gov. Kristi Noem (R) is defending" in article.text
    assert "MORE" not in article.text and "pipeline protest" not in article.text
