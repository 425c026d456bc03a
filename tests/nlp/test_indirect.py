"""Indirect and nested attributions on the reference article, through the pipeline's extractor."""

from __future__ import annotations

import pytest

from claimledger.clean.text import clean_text
from claimledger.model import Attribution, RawDocument
from claimledger.nlp.component import extract
from claimledger.pipeline import load_nlp


@pytest.fixture(scope="module")
def atts(reference_bytes: bytes) -> list[Attribution]:
    article = clean_text(RawDocument(reference_bytes, "ref.txt", "text"))
    found = extract(load_nlp()(article.text), text=article.text)
    for a in found:
        assert article.text[slice(*a.content_span)] == a.content
    return found


def _by(atts: list[Attribution], speaker: str, cue_word: str) -> list[Attribution]:
    """Attributions of ``speaker`` whose cue contains ``cue_word`` ("also rejected" has "rejected")."""
    return [
        a for a in atts
        if a.speaker and a.speaker.name == speaker and a.cue and cue_word in a.cue.split()
    ]


def test_could_not_verify(atts: list[Attribution]) -> None:
    (nbc,) = _by(atts, "NBC News", "verify")
    assert (nbc.content, nbc.cue_class) == ("this", "cannot_verify")


def test_rejection_of_a_claim_nests_the_claim(atts: list[Attribution]) -> None:
    (peskov,) = _by(atts, "Dmitry Peskov", "rejected")
    assert peskov.cue_class == "rejects"
    assert "Woodward's claim that Trump and Putin have spoken" in peskov.content
    (claim,) = _by(atts, "Bob Woodward", "claim")
    assert claim.content.startswith("that Trump and Putin have spoken on the phone")
    assert atts[claim.parent] is peskov  # type: ignore[index]


def test_denial_with_its_channel(atts: list[Attribution]) -> None:
    (trump,) = _by(atts, "Donald Trump", "denied")
    assert "the reporting" in trump.content and trump.cue_class == "denies"
    assert trump.channel == "ABC News' Jonathan Karl"


def test_channel_of_a_statement_to_an_outlet(atts: list[Attribution]) -> None:
    said = [a for a in _by(atts, "Trump's re-election team", "said:") + _by(atts, "Trump's re-election team", "said")
            if "None of these fabricated stories" in a.content]
    assert said and said[0].channel == "Bloomberg"


def test_nested_attribution_inside_the_book(atts: list[Attribution]) -> None:
    (woodward,) = _by(atts, "Bob Woodward", "says")
    assert woodward.manner == "in the book"
    miller = _by(atts, "Jason Miller", "told")
    assert any("not aware of any conversations" in a.content for a in miller)
    assert any("they would know how to get in touch with each other." in a.content for a in miller)
    assert miller and all(atts[a.parent] is woodward for a in miller)  # type: ignore[index]


def test_confirmation_and_indirect_claim(atts: list[Attribution]) -> None:
    confirmed = _by(atts, "Kremlin", "confirmed")
    assert confirmed and confirmed[0].time == "Wednesday"
    assert "Former President Donald Trump sent coronavirus testing" in confirmed[0].content
    said = [a for a in _by(atts, "Donald Trump", "said") if "resolve the war" in a.content]
    assert said and said[0].content.startswith("he could resolve the war between Russia and Ukraine")


@pytest.mark.parametrize(
    ("sentence", "content", "source"),
    [
        ("According to officials, the talks failed on Monday.", "the talks failed on Monday", "officials"),
        ("The talks failed, according to two people familiar with the matter.", "The talks failed",
         "two people familiar with the matter"),
    ],
)
def test_according_to(sentence: str, content: str, source: str) -> None:
    (att,) = extract(load_nlp()(sentence))
    assert att.content.rstrip(".") == content.rstrip(".")
    assert (att.source, att.cue_class) == (source, "reports")
    assert att.cue is not None and att.cue.lower() == "according to"


def test_every_reference_quote_has_its_speaker_and_channel(atts: list[Attribution]) -> None:
    def one(fragment: str) -> Attribution:
        hits = [a for a in atts if fragment in a.content]
        assert hits, fragment
        return min(hits, key=lambda a: len(a.content))

    expected = [
        ("we also sent equipment at the beginning of the pandemic.", "Dmitry Peskov", "Bloomberg News"),
        ("No, that\u2019s not true,", "Dmitry Peskov", "Russian broadcaster RBC"),
        ("None of these fabricated stories from Bob Woodward are true.", "Trump's re-election team",
         "Bloomberg"),
        ("the Ukraine crisis cannot be solved in one day.", "Vasily Nebenzia", "reporters"),
        ("very good.", "Donald Trump", None),
        ("very smart", "Donald Trump", None),
        ("strong man", "Donald Trump", None),
        ("brilliant.", "Donald Trump", None),
        ("He is a storyteller.", "Donald Trump", None),
    ]
    for fragment, speaker, channel in expected:
        att = one(fragment)
        assert att.speaker is not None and att.speaker.name == speaker, (fragment, att.speaker)
        if channel:
            assert att.channel == channel, (fragment, att.channel)
    he = one("No, that\u2019s not true,")
    assert he.source == "he"


def test_a_name_behind_the_is_the_organisation_named_before() -> None:
    # spaCy tags the bare "Chronicle" as a PERSON; "the Chronicle" is the paper.
    text = (
        "A man was stabbed on a train in Hayward on Tuesday, The San Francisco Chronicle reported. "
        "The Chronicle says he was arrested a block away after employees of a car dealership "
        "said he tried to steal a van."
    )
    found = extract(load_nlp()(text), text=text)
    (paper,) = [a for a in found if a.source == "The Chronicle"]
    assert paper.speaker is not None
    assert (paper.speaker.name, paper.speaker.type) == ("San Francisco Chronicle", "ORG")


def test_the_agency_is_the_agency_named_before() -> None:
    # A nameless "agency" would join every other agency in the ledger's entities.
    text = (
        "The European Space Agency published a study on hibernation. "
        "The agency said Monday that its researchers examined how hibernation would "
        "affect a crewed mission to Mars."
    )
    found = extract(load_nlp()(text), text=text)
    (agency,) = [a for a in found if a.source == "The agency"]
    assert agency.speaker is not None
    assert (agency.speaker.name, agency.speaker.type) == ("European Space Agency", "ORG")


def test_a_description_with_no_organisation_of_that_kind_before_stays_as_it_is() -> None:
    text = "Apple sold more phones. The company said profits rose by a fifth."
    found = extract(load_nlp()(text), text=text)
    (company,) = [a for a in found if a.source == "The company"]
    assert company.speaker is not None and company.speaker.name == "company"


def test_a_dateline_is_not_the_speaker() -> None:
    # Parsed with its sentence, "BERLIN --" was the subject of "says".
    for text, speaker in (
        ("BERLIN -- The European Space Agency says astronauts could hibernate on the way "
         "to Mars.", "European Space Agency"),
        ("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper said Wednesday that China "
         "is undermining the security of the region.", "Mark Esper"),
    ):
        found = extract(load_nlp()(text), text=text)
        assert [a.speaker.name if a.speaker else None for a in found] == [speaker], text


def test_a_hyphenated_name_is_one_name() -> None:
    # spaCy splits "Ngo-Anh" at the hyphen; the speaker was "Anh".
    text = (
        "Research team head Jennifer Ngo-Anh says the idea is not so crazy. "
        "Later, she said similar methods were already used to save trauma victims."
    )
    found = extract(load_nlp()(text), text=text)
    assert found and {a.speaker.name for a in found if a.speaker} == {"Jennifer Ngo-Anh"}


def test_a_name_ending_in_productions_or_records_is_an_organisation() -> None:
    text = (
        "Dick Clark Productions denied that it had settled on an arrangement with the label. "
        "Big Machine Records said Swift could perform at the awards."
    )
    found = extract(load_nlp()(text), text=text)
    assert {(a.speaker.name, a.speaker.type) for a in found if a.speaker} == {
        ("Dick Clark Productions", "ORG"),
        ("Big Machine Records", "ORG"),
    }


def test_the_company_is_not_an_earlier_company_when_another_was_named_since() -> None:
    text = (
        "The Walt Disney Company bought Fox. Apple, meanwhile, said it would launch a service. "
        "The company said the service would cost $5."
    )
    found = extract(load_nlp()(text), text=text)
    (company,) = [a for a in found if a.source == "The company"]
    assert company.speaker is not None and company.speaker.name != "Walt Disney Company"


@pytest.mark.parametrize(
    ("text", "channel", "time"),
    [
        ("He said on Twitter that he would run for the seat.", "Twitter", None),
        ("She said on Fox News that the plan would fail.", "Fox News", None),
        ("He said on Capitol Hill that the bill would pass.", None, None),
        ("The company announced over the weekend that it would cut jobs.", None, "over the weekend"),
    ],
)
def test_the_outlet_and_the_time_of_an_act(text: str, channel: str | None, time: str | None) -> None:
    (att,) = extract(load_nlp()(text), text=text)
    assert (att.channel, att.time) == (channel, time)


def test_according_to_names_the_source_not_the_channel() -> None:
    text = "According to the White House, Trump made an unscheduled trip to the hospital."
    (att,) = extract(load_nlp()(text), text=text)
    assert (att.source, att.channel) == ("the White House", None)


def _speaker_of(text: str, content: str) -> str | None:
    found = [a for a in extract(load_nlp()(text)) if content in a.content]
    assert found, f"no attribution of {content!r}"
    return found[0].speaker.name if found[0].speaker else None


def test_it_is_the_organisation_that_just_spoke() -> None:
    text = (
        "The investigation was dropped, the Swedish Prosecution Authority said on Tuesday.\n\n"
        '"The reason for this decision is that the evidence has weakened considerably," it added.\n\n'
        '"Assange is no longer a suspect," it said.'
    )
    assert _speaker_of(text, "evidence has weakened") == "Swedish Prosecution Authority"
    assert _speaker_of(text, "no longer a suspect") == "Swedish Prosecution Authority"


@pytest.mark.parametrize(
    "text",
    [
        # a person spoke last: "it" is not the organisation before her
        "The ministry said the plan was final. Anna Berg said the plan was late.\n\n"
        "It also said the budget would grow.",
        # another named subject comes between
        "The ministry said the plan was final. Reuters published the letter on Monday.\n\n"
        "It also said the budget would grow.",
        # another subject: the law says it
        "The ministry said the plan was final. The new law took effect in May.\n\n"
        "It also said the budget would grow.",
        # "it" is no one's subject here
        "The ministry said the plan was final. It would be wrong to say the budget would grow.",
    ],
)
def test_it_is_not_an_organisation_someone_else_followed(text: str) -> None:
    assert _speaker_of(text, "budget would grow") != "ministry"


def test_told_a_name_the_parser_does_not_know_is_the_channel() -> None:
    # "Ruptly" is read as an adverb; it is the agency the doctor told.
    (att,) = [
        a
        for a in extract(load_nlp()("A doctor on the scene told Ruptly that the deaths were caused by gunshot wounds."))
        if "gunshot" in a.content
    ]
    assert att.channel == "Ruptly"


def test_told_and_a_day_is_no_channel() -> None:
    (att,) = [a for a in extract(load_nlp()("The minister told Monday that the plan was final.")) if "plan" in a.content]
    assert att.channel is None


def test_a_trade_named_again_after_a_person_spoke_is_that_person() -> None:
    from claimledger import pipeline

    text = (
        "British scientist Dr Dan Brown said he agreed that the crater may be linked to the asteroid.\n\n"
        'The astronomy expert at Nottingham Trent University said: "Although the impact occurred '
        '12 hours before the asteroid passed, it could still be a fragment."\n\n'
        'The spokesman for the observatory said: "We are still studying the crater."'
    )
    art = clean_text(RawDocument(text.encode(), "t.txt", "text"))
    (done,), _ = pipeline.run_stages(pipeline.build(("claimledger.parse.v1", "claimledger.attribution.v1")), [art])
    by = {a.content[:12]: a.speaker.name for a in done.attributions if a.speaker is not None}
    assert by['"Although th'] == "Dan Brown"  # the expert is the scientist just named
    assert by['"We are stil'] != "Dan Brown"  # a spokesman is someone else
    text = (
        "Detective Jane Doe said the boy was found in the woods late on Sunday night.\n\n"
        "The boy's mother said she was relieved that he was safe and well."
    )
    art = clean_text(RawDocument(text.encode(), "t.txt", "text"))
    (done,), _ = pipeline.run_stages(pipeline.build(("claimledger.parse.v1", "claimledger.attribution.v1")), [art])
    mother = next(a for a in done.attributions if a.content.startswith("she was relieved"))
    assert mother.speaker is None or mother.speaker.name != "Jane Doe"  # the boy's, not the detective
