"""Which word of a source names the speaker (nlp/speakers.py: source_head)."""

from __future__ import annotations

from typing import Any

import pytest

from claimledger.nlp.speakers import source_head
from claimledger.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


@pytest.mark.parametrize(
    ("text", "source", "head"),
    [
        # The parse reads "head" as a verb; the name is another head of the phrase.
        ("Research team head Jennifer Ngo-Anh says the idea is not so crazy.",
         "Research team head Jennifer Ngo-Anh", "Anh"),
        # "co" and "Solomonidou" parsed as two subjects.
        ("Said study co-author Anezina Solomonidou, the results were clear.",
         "study co-author Anezina Solomonidou", "Solomonidou"),
        # A name inside a description is not its head: the spokesman speaks.
        ("Trump's spokesman said the call went well.", "Trump's spokesman", "spokesman"),
    ],
)
def test_the_head_of_a_source_is_the_name_it_gives(nlp: Any, text: str, source: str, head: str) -> None:
    start = text.index(source)
    found = source_head(nlp(text), (start, start + len(source)))
    assert found is not None and found.text == head
