from __future__ import annotations

import pytest

from claimledger.clean.text import clean_text
from claimledger.errors import InputRejected, Reason
from claimledger.model import RawDocument


def _clean(text: str, **meta: str):
    return clean_text(RawDocument(text.encode("utf-8"), "t.txt", "text", meta=dict(meta)))


def test_reference_article_loses_its_debris(reference_bytes: bytes) -> None:
    a = clean_text(RawDocument(reference_bytes, "ref.txt", "text"))
    lines = a.text.split("\n\n")
    assert "close" not in lines
    assert a.title == (
        "The Kremlin confirms Trump sent Covid testing equipment to Putin and denies "
        "Putin's phone calls since leaving office"
    )
    assert a.text.count(a.title) == 1
    assert "Leave a Reply" not in a.text
    assert "Your email address will not be published" not in a.text
    assert a.text.rstrip().endswith("as \u201cbrilliant.\u201d")
    reasons = [r.reason for r in a.removed]
    assert reasons.count("popup") == 2
    assert "duplicate_headline" in reasons
    assert reasons.count("comment_form") == 2
    # Every paragraph of the body survived.
    assert "NBC News could not independently verify this." in a.text
    assert len(lines) == 14  # headline + 13 body paragraphs


def test_debris_is_judged_per_whole_line_not_inside_sentences() -> None:
    a = _clean('He said: "Subscribe to nothing, share nothing, close nothing."\n\nShare\n\nSubscribe')
    assert a.text == 'He said: "Subscribe to nothing, share nothing, close nothing."'
    assert {r.reason for r in a.removed} == {"share", "subscribe"}


def test_hard_wrapped_lines_join_into_one_paragraph() -> None:
    a = _clean("Headline here\n\nThe minister said the plan\nwould be ready next week.\nA second paragraph.")
    assert a.text.split("\n\n") == [
        "Headline here",
        "The minister said the plan would be ready next week.",
        "A second paragraph.",
    ]
    assert a.title == "Headline here"


def test_metadata_from_the_source_wins() -> None:
    a = _clean("A headline\n\nBody text.", title="Real title", url="https://example.org/a",
               published="2024-10-09")
    assert a.title == "Real title"
    assert a.url == "https://example.org/a"
    assert a.published == "2024-10-09"


def test_only_debris_is_rejected_with_a_reason() -> None:
    with pytest.raises(InputRejected) as info:
        _clean("close\n\nclose\n\nLeave a Reply\n")
    assert info.value.reason is Reason.NO_TEXT


def test_windows_line_endings_and_zero_width_characters() -> None:
    a = _clean("Title\r\n\r\nBody\u200b text.\r\n")
    assert a.text == "Title\n\nBody text."


def test_a_related_links_block_is_dropped_and_the_article_goes_on() -> None:
    # Left in, each linked headline became an attribution ("VICKERS: Sergeant-at-arms …").
    a = _clean(
        "Gunfire in Ottawa\n\n"
        "Police said a gunman was shot dead inside the parliament building.\n\n"
        "MORE:\n\n"
        "At Least 2 Dead After Parliament Hill Shooting (+Photos, Video)\n\n"
        "VICKERS: Sergeant-at-arms the hero of Ottawa\n\n"
        "See an Associated Press update below.\n\n"
        "RELATED: Does the Senate have a security problem?\n\n"
        "More than 200 people were in the building, officials said.\n\n"
        "Related roundup: Parliament security"
    )
    assert a.text.split("\n\n")[1:] == [
        "Police said a gunman was shot dead inside the parliament building.",
        "See an Associated Press update below.",
        "More than 200 people were in the building, officials said.",
    ]
    assert {r.reason for r in a.removed} == {"navigation"}
    assert len(a.removed) == 5


def test_a_related_links_block_ends_at_the_first_line_that_is_no_link() -> None:
    # A quotation, a byline, a question or a sentence ends the block; a bare "Read more" or
    # "More" starts none (the lines after it may be the article).
    a = _clean(
        "Lede of the story here.\n\n"
        "MORE:\n\n"
        "At Least 2 Dead After Parliament Hill Shooting\n\n"
        "\u201cWe will go on,\u201d Smith said\n\n"
        "By John Smith\n\n"
        "Why does it matter?\n\n"
        "Read more\n\n"
        "Gunfire in Ottawa"
    )
    assert a.text.split("\n\n") == [
        "Lede of the story here.",
        "\u201cWe will go on,\u201d Smith said",
        "By John Smith",
        "Why does it matter?",
        "Gunfire in Ottawa",
    ]
    # Teasers: a capitalised question is a headline, a lower-case one a sentence.
    b = _clean("Lede of the story here.\n\nRelated to that: how will the city pay for it?")
    assert b.text.endswith("how will the city pay for it?")
