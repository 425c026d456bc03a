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
        "Veto Power Impedes Peace Efforts: The council has rarely agreed on anything."
    )
    assert not [a for a in extract(nlp(text), text=text) if a.cue == ":"]
