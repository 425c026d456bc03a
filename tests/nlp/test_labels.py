"""Speaker labels: "PENCE: Well, look, …" and "Graham: Trump's rhetoric destroying GOP"."""

from __future__ import annotations

from typing import Any

import pytest

from claimledger.nlp.component import extract
from claimledger.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


TRANSCRIPT = (
    "Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:\n\n"
    '"WALLACE: Let\'s start with breaking news on the debate story. Will she be there?\n\n'
    '"PENCE: Well, look, Hillary Clinton apparently thinks this is an episode of Shark Tank.\n\n'
    '"WALLACE: Governor, I don\'t want to interrupt.'
)


def test_each_turn_of_a_transcript_is_its_speakers(nlp: Any) -> None:
    atts = [a for a in extract(nlp(TRANSCRIPT), text=TRANSCRIPT) if a.cue == ":"]
    turns = [(a.speaker.name if a.speaker else None, a.content) for a in atts]
    assert turns == [
        ("Chris Wallace", "Let's start with breaking news on the debate story. Will she be there?"),
        ("Mike Pence", "Well, look, Hillary Clinton apparently thinks this is an episode of Shark Tank"),
        ("Chris Wallace", "Governor, I don't want to interrupt"),
    ]
    assert all(a.kind == "direct" and a.cue_class == "asserts" for a in atts)
    assert all(TRANSCRIPT[a.cue_span[0] : a.cue_span[1]] == ":" for a in atts if a.cue_span)
    # The turn read in part (the label as a quote's content) is gone.
    assert not any(a.content.strip().startswith('"WALLACE') for a in extract(nlp(TRANSCRIPT), text=TRANSCRIPT))


def test_a_headline_label_names_its_speaker(nlp: Any) -> None:
    text = (
        "Graham: Trump's 'Incredibly Hateful Rhetoric' Destroying GOP\n\n"
        "Senator Lindsey Graham said on Sunday that the party was in trouble."
    )
    (att,) = [a for a in extract(nlp(text), text=text) if a.cue == ":"]
    assert att.speaker is not None and att.speaker.name == "Lindsey Graham"
    assert att.content == "Trump's 'Incredibly Hateful Rhetoric' Destroying GOP"


def test_section_heads_are_not_speakers(nlp: Any) -> None:
    text = (
        "Why it matters: The deal would reshape the industry.\n\n"
        "Editor's note: This story has been updated.\n\n"
        "UPDATE: The company said more.\n\n"
        "Q: What did you see?\n\n"
        "Veto Power Impedes Peace Efforts: The council has rarely agreed on anything.\n\n"
        "NEW DELHI: The government on Monday said it would cut taxes on fuel.\n\n"
        "G7: Leaders agreed to share vaccines with poorer countries.\n\n"
        "Officials in New Delhi said the cut would take effect in May.\n\n"
        "WASHINGTON: The White House said on Monday that it would cut taxes.\n\n"
        "Kent Washington, a local resident, said he welcomed the cut."
    )
    assert not [a for a in extract(nlp(text), text=text) if a.cue == ":"]


def test_an_interviewers_q_is_not_a_speaker(nlp: Any) -> None:
    text = (
        "President Donald Trump spoke with the AP on Tuesday.\n\n"
        "Q: What did you think of the debate last night?\n\n"
        "TRUMP: I think I won it easily and the polls show it.\n\n"
        "Q: Why do you say that so confidently?\n\n"
        "TRUMP: Everyone says so, including the media."
    )
    labelled = [a for a in extract(nlp(text), text=text) if a.cue == ":" and a.cue_class]
    assert [a.speaker.name if a.speaker else None for a in labelled] == ["Donald Trump", "Donald Trump"]


def test_a_transcript_in_ordinary_case_names_its_speakers(nlp: Any) -> None:
    # "Hunter", alone at a paragraph's start, is no entity to the recogniser; the article
    # named Rep. Duncan Hunter before.  A turn that only asks is a question.
    text = (
        "Fox News host Greta Van Susteren spoke to Rep. Duncan Hunter on Tuesday.\n\n"
        "Hunter: At least ten ISIS fighters have been caught coming across the border in Texas.\n\n"
        "Van Susteren: How do you know that?"
    )
    turns = [a for a in extract(nlp(text), text=text) if a.cue == ":"]
    assert [(a.source, a.speaker.name if a.speaker else None, a.cue_class) for a in turns] == [
        ("Hunter", "Duncan Hunter", "asserts"),
        ("Van Susteren", "Van Susteren", "questions"),
    ]


def test_one_line_labelled_with_a_surname_is_no_transcript(nlp: Any) -> None:
    # A fact box's "Price:" after Mark Price: one line, no turns.
    text = (
        "Former Chicago Bulls guard Mark Price said the new sneaker would sell out.\n\n"
        "Price: The shoe costs $120 and goes on sale Friday."
    )
    assert not [a for a in extract(nlp(text), text=text) if a.cue == ":"]
