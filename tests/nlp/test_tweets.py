"""Embedded posts signed "— Name (@handle) date" are that account's words."""

from __future__ import annotations

from typing import Any

import pytest

from claimledger.nlp.component import extract
from claimledger.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


POST = (
    "Delhi's air quality worsened on Sunday.\n\n"
    "I urge all Delhiites to use them whenever needed pic.twitter.com/MYwRz9euaq\n\n"
    "\u2014 Arvind Kejriwal (@ArvindKejriwal) November 1, 2019\n\n"
    "Schools were closed, Kejriwal said."
)


def test_a_signed_post_is_its_accounts_direct_statement(nlp: Any) -> None:
    atts = extract(nlp(POST), text=POST)
    posts = [a for a in atts if a.cue_lemma == "post"]
    assert len(posts) == 1
    post = posts[0]
    assert post.kind == "direct"
    assert post.content == "I urge all Delhiites to use them whenever needed"  # the link tail cut
    assert post.speaker is not None and post.speaker.name == "Arvind Kejriwal"
    assert post.channel == "@ArvindKejriwal"
    # the tagger's reading of the post, with "I" as its unresolved source, is gone
    assert not any(a.source == "I" for a in atts)
    # and the surname later is the same person
    said = [a for a in atts if a.content == "Schools were closed"]
    assert said and said[0].speaker is not None and said[0].speaker.id == post.speaker.id


@pytest.mark.parametrize(
    "text",
    [
        "\u2014 Arvind Kejriwal (@ArvindKejriwal) November 1, 2019",  # a signature with nothing before it
        "\u2014 A (@a)\n\n\u2014 B (@b)",  # two signatures, no post
        "He said it was over \u2014 and then (@home) he left.",  # a dash and a handle mid-sentence
        # bylines, credits and contact lists are not signatures
        "Officials said the storm had passed.\n\n\u2014 By John Smith (@jsmith) for Reuters",
        "Officials said the storm had passed.\n\n\u2014 Jane Doe (@jdoe) contributed reporting.",
        "Contacts for this story:\n\n- Jane Doe (@jdoe)\n\n- John Roe (@jroe)",
        "Follow our reporters for updates:\n\n\u2014 Jane Doe (@jdoe) March 3, 2023",
    ],
)
def test_odd_signatures_add_nothing(nlp: Any, text: str) -> None:
    assert not [a for a in extract(nlp(text), text=text) if a.cue_lemma == "post"]


def test_a_paragraph_that_quotes_a_named_speaker_is_not_made_a_post(nlp: Any) -> None:
    text = (
        "\u201cI urge everyone to stay home,\u201d Kejriwal said.\n\n"
        "\u2014 Jane Doe (@jdoe) November 1, 2019"
    )
    atts = extract(nlp(text), text=text)
    assert not [a for a in atts if a.cue_lemma == "post"]
    assert [a.source for a in atts] == ["Kejriwal"]
