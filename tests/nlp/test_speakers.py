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


@pytest.mark.parametrize(
    ("text", "name", "descriptors"),
    [
        # A list the parser hung on the name as an apposition is no role of hers.
        (
            "A row involving Taylor Swift, her former record label and a couple of big name "
            "politicians is ending.",
            "Taylor Swift",
            [],
        ),
        ("Braun has worked with Kanye West - both of whom Swift has had feuds with.", "Kanye West", []),
        # A subject's apposition keeps its coordinated roles.
        ("Jane Doe, the mayor of Springfield and a former nurse, said it.", "Jane Doe",
         ["mayor of Springfield and a former nurse"]),
        ("John Smith, a lawyer and former judge, said the ruling was wrong.", "John Smith",
         ["lawyer and former judge"]),
    ],
)
def test_an_apposition_is_a_descriptor_only_when_it_describes(
    nlp: Any, text: str, name: str, descriptors: list[str]
) -> None:
    from claimledger.nlp.speakers import EntityRegistry

    registry = EntityRegistry(nlp(text), text)
    assert registry.records[name].descriptors == descriptors
