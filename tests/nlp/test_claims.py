"""Claims and stances on the reference article: the ledger DESIGN.md promises, read off one page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimledger import pipeline
from claimledger.clean.text import clean_text
from claimledger.model import Article, Attribution, Entity, RawDocument
from claimledger.nlp.claims import analyse, clean_content, name_the_subject


@pytest.fixture(scope="module")
def article(reference_bytes: bytes) -> Article:
    art = clean_text(RawDocument(reference_bytes, "ref.txt", "text"))
    done, failed = pipeline.run_stages(pipeline.build(), [art])
    assert not failed
    return done[0]


def _claim(article: Article, *words: str) -> int:
    found = [i for i, c in enumerate(article.claims) if all(w in c.text for w in words)]
    assert len(found) == 1, (words, [c.text for c in article.claims])
    return found[0]


def _stances(article: Article, claim: int) -> set[tuple[str, str, str | None]]:
    out = set()
    for st in article.stances:
        if st.claim == claim:
            att = article.attributions[st.attribution]
            name = att.speaker.name if att.speaker else att.source or "?"
            out.add((name, st.stance, att.channel))
    return out


def test_testing_equipment_claim(article: Article) -> None:
    c = _claim(article, "testing equipment", "Putin", "short supply")
    claim = article.claims[c]
    assert claim.origin is not None
    origin = article.attributions[claim.origin].speaker
    assert origin is not None and origin.name == "Bob Woodward’s book “War”"
    got = _stances(article, c)
    assert ("Kremlin", "confirms", None) in got
    assert ("Dmitry Peskov", "confirms", "Bloomberg News") in got
    assert ("NBC News", "cannot_verify", None) in got
    assert ("Trump's re-election team", "denies", "Bloomberg") in got
    assert not {s for s in got if s[1] == "denies" and s[0] != "Trump's re-election team"}


def test_phone_calls_claim_and_its_denials(article: Article) -> None:
    c = _claim(article, "spoken on the phone")
    origin = article.attributions[article.claims[c].origin or 0].speaker
    assert origin is not None and origin.name == "Bob Woodward"
    got = _stances(article, c)
    assert ("Dmitry Peskov", "denies", "Russian broadcaster RBC") in got
    assert ("Donald Trump", "denies", "ABC News' Jonathan Karl") in got
    assert ("Trump's re-election team", "denies", "Bloomberg") in got
    assert any(s[0] == "Jason Miller" and s[1] == "not_aware" for s in got)
    assert not any(s[1] in ("confirms", "asserts") and s[0] != "Bob Woodward" for s in got)


def test_one_day_claim_disputed_by_nebenzia(article: Article) -> None:
    c = _claim(article, "resolve the war")
    got = _stances(article, c)
    assert ("Donald Trump", "asserts", None) in got
    assert ("Vasily Nebenzia", "disputes", "reporters") in got


def test_no_claim_from_debris(article: Article) -> None:
    texts = [c.text for c in article.claims]
    assert not any(t in ("War", "Trump", "the journalist of bias") for t in texts)
    # "The story was originally reported in “War”" points at the claim; it is none itself.
    assert not any(t.startswith("The story") for t in texts), texts
    assert not any("express permission" in t for t in texts)  # no source: not a claim
    assert not any(t.startswith("senior adviser Jason Miller told") for t in texts)  # a frame
    for claim in article.claims:
        assert len(claim.text.split()) >= 3
        assert claim.normalised and claim.normalised == claim.normalised.lower()
        for span, _ in claim.mentions:
            assert 0 <= span[0] < span[1] <= len(article.text)


def test_every_stance_points_at_real_things(article: Article) -> None:
    for st in article.stances:
        assert 0 <= st.claim < len(article.claims)
        assert 0 <= st.attribution < len(article.attributions)
        assert article.text[st.evidence[0] : st.evidence[1]].strip()


def test_clean_content() -> None:
    assert clean_content("that “we also sent equipment.”") == "we also sent equipment"
    assert clean_content("“No, that’s not true,”") == "No, that’s not true"


def _att(i: int, who: str, cue: str, cls: str, content: str, text: str) -> Attribution:
    start = text.index(content)
    return Attribution(
        kind="indirect", content=content, content_span=(start, start + len(content)),
        source=who, speaker=Entity(who), cue=cue, cue_lemma=cue, cue_class=cls,
    )  # fmt: skip


def test_without_a_parse_the_text_alone_is_read() -> None:
    text = (
        "Smith said the factory will close in March. Jones denied that the factory will close. "
        "Brown could not verify this."
    )
    atts = [
        _att(0, "Smith", "say", "asserts", "the factory will close in March", text),
        _att(1, "Jones", "deny", "denies", "that the factory will close", text),
        _att(2, "Brown", "verify", "cannot_verify", "this", text),
    ]
    claims, stances = analyse(Article(text=text, attributions=atts))
    assert len(claims) == 1
    assert [(s.attribution, s.stance) for s in stances] == [
        (0, "asserts"), (1, "denies"), (2, "cannot_verify"),
    ]  # fmt: skip


def test_a_bare_verdict_answers_what_the_speaker_was_answering() -> None:
    text = "Lee claimed the mayor took bribes. The mayor rejected the allegation. “That is false,” he said."
    atts = [
        _att(0, "Lee", "claim", "asserts", "the mayor took bribes", text),
        _att(1, "Mayor", "reject", "rejects", "the allegation", text),
        _att(2, "Mayor", "say", "asserts", "“That is false,”", text),
    ]
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, stances = analyse(article)
    assert len(claims) == 1
    assert [(s.attribution, s.stance) for s in stances] == [(0, "asserts"), (1, "denies"), (2, "denies")]


def test_a_statement_on_the_same_topic_is_not_a_confirmation() -> None:
    # Inside one article every sentence shares the topic: a second source's
    # different fact is its own claim, not a confirmation of the first.
    text = (
        "Forecasters warned that air pollution is likely to reach emergency levels on Wednesday. "
        "The US Embassy reported that the air quality index reached 408. "
        "Jones said air pollution will probably reach emergency levels on Wednesday."
    )
    atts = [
        _att(0, "Forecasters", "warn", "asserts",
             "air pollution is likely to reach emergency levels on Wednesday", text),
        _att(1, "US Embassy", "report", "reports", "the air quality index reached 408", text),
        _att(2, "Jones", "say", "asserts",
             "air pollution will probably reach emergency levels on Wednesday", text),
    ]  # fmt: skip
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, stances = analyse(article)
    assert len(claims) == 2
    by_claim = {s.attribution: s.claim for s in stances}
    assert by_claim[1] != by_claim[0]  # another fact on the topic: its own claim
    assert by_claim[2] == by_claim[0]  # the same fact in other words: the same claim
    # ... said again by another source: repeated, not confirmed (that takes a confirming act)
    assert [s.stance for s in stances if s.attribution == 2] == ["asserts"]
    atts[2] = _att(2, "Jones", "confirm", "confirms",
                   "air pollution will probably reach emergency levels on Wednesday", text)  # fmt: skip
    claims, stances = analyse(Article(text=text, attributions=atts, doc=article.doc))
    assert [(s.claim, s.stance) for s in stances if s.attribution == 2] == [(by_claim[0], "confirms")]


def test_naming_needs_a_label_and_a_question_claims_nothing() -> None:
    text = (
        "Critics called the plan a disaster. Neighbours called an ambulance. "
        "The mayor asked whether the plan would ever work?"
    )
    atts = [
        _att(0, "Critics", "call", "asserts", "the plan a disaster", text),
        _att(1, "Neighbours", "call", "asserts", "an ambulance", text),
        _att(2, "Mayor", "say", "asserts", "whether the plan would ever work?", text),
    ]
    for a, cue in zip(atts, ("called the plan", "called an", "asked"), strict=True):
        start = text.index(cue)
        a.cue_span = (start, start + len(cue.split()[0]))
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, _ = analyse(article)
    assert [c.text for c in claims] == ["the plan [is] a disaster"]  # the naming, read as a claim


def test_after_its_denial_a_side_does_not_confirm_by_the_way() -> None:
    # Linked to the claim by the discourse (the same side just denied it), a
    # further statement keeps the side's stance; it is not a confirmation.
    text = (
        "Trump said Russia sent testing equipment to the United States. "
        "The Kremlin denied the claim. The Kremlin said the United States had asked for help."
    )
    atts = [
        _att(0, "Trump", "say", "asserts", "Russia sent testing equipment to the United States", text),
        _att(1, "Kremlin", "deny", "denies", "the claim", text),
        _att(2, "Kremlin", "say", "asserts", "the United States had asked for help", text),
    ]
    claims, stances = analyse(Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text)))
    assert not any(s.stance == "confirms" for s in stances)
    assert (1, "denies") in [(s.attribution, s.stance) for s in stances]


def test_a_title_starting_with_no_is_not_a_verdict() -> None:
    text = "Lee claimed the mayor took bribes. The band called the song “No Place Like Home”."
    atts = [
        _att(0, "Lee", "claim", "asserts", "the mayor took bribes", text),
        _att(1, "Band", "call", "asserts", "“No Place Like Home”", text),
    ]
    claims, stances = analyse(Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text)))
    assert (0, "asserts") in [(s.attribution, s.stance) for s in stances]
    assert not any(s.stance == "denies" for s in stances)  # "No Place …" is a title, not "No."


def test_a_fake_thing_in_a_statement_is_no_verdict_on_a_story() -> None:
    art = _run(
        "Lebanese officials said a woman had been detained at the border.\n\n"
        "The newspaper As-Safir said she had been travelling with a fake passport."
    )
    by_claim = {c.text: {s.stance for s in art.stances if s.claim == k} for k, c in enumerate(art.claims)}
    assert by_claim == {
        "a woman had been detained at the border": {"asserts"},
        "she had been travelling with a fake passport": {"asserts"},
    }, by_claim
    # a story called fake is still a verdict on it
    art = _run('Lebanese officials said a woman had been detained.\n\nA police spokesman said: "It is a fake story."')
    assert {s.stance for s in art.stances} == {"asserts", "denies"}


def test_a_claim_says_who_its_pronoun_is() -> None:
    trump = Entity("Donald Trump")
    said = Attribution(kind="indirect", content="", content_span=(0, 1), speaker=trump)
    assert name_the_subject("he could end the war", said) == "[Donald Trump] could end the war"
    assert name_the_subject("his ties are good", said) == "[Donald Trump’s] ties are good"
    quoted = Attribution(kind="direct", content="", content_span=(0, 1), speaker=trump)
    assert name_the_subject("He is a storyteller", quoted) == "He is a storyteller"  # someone else
    spokesman = Entity("Dmitry Peskov", descriptors=["Kremlin spokesman"])
    peskov = Attribution(kind="mixed", content="", content_span=(0, 1), speaker=spokesman)
    assert name_the_subject("we also sent equipment", peskov) == "[the Kremlin] also sent equipment"
    assert name_the_subject("where we stand", peskov) == "where we stand"
    assert name_the_subject("he had no information", peskov) == "[Dmitry Peskov] had no information"
    # "I" takes the third person's verb with the name
    badeh = Attribution(kind="direct", content="", content_span=(0, 1), speaker=Entity("Alex Badeh", type="PERSON"))
    assert name_the_subject("I am cautiously optimistic", badeh) == "[Alex Badeh] is cautiously optimistic"
    assert name_the_subject("I have not seen it", badeh) == "[Alex Badeh] has not seen it"
    assert name_the_subject("I don't know him", badeh) == "[Alex Badeh] doesn't know him"
    assert name_the_subject("I was there", badeh) == "[Alex Badeh] was there"


def test_a_go_between_known_only_by_role_is_not_the_pronoun_of_what_it_relays() -> None:
    """"A spokesperson for Hunter said he was not backing down": Hunter, not the spokesperson."""
    for role in ("spokesperson for Hunter", "family spokesperson", "the lawyer"):
        said = Attribution(kind="indirect", content="", content_span=(0, 1), speaker=Entity(role))
        assert name_the_subject("he was not backing down", said) == "he was not backing down"
    # one described otherwise is still the natural referent
    man = Attribution(kind="indirect", content="", content_span=(0, 1), speaker=Entity("elderly man", described=True))
    assert name_the_subject("he has clear memories", man) == "[the elderly man] has clear memories"


def test_a_reference_followed_by_its_own_channel_is_still_a_reference() -> None:
    """"denied the reporting in an interview with ABC News' Jonathan Karl" refers to the reporting."""
    from claimledger.model import Attribution
    from claimledger.nlp.claims import _without_channel

    att = Attribution(
        kind="indirect", content="", content_span=(0, 0), channel="ABC News' Jonathan Karl"
    )
    low = "the reporting in an interview with abc news' jonathan karl"
    assert _without_channel(low, att) == "the reporting"
    # a content that does not end with the act's channel is left as it is
    assert _without_channel("the reporting about abc", att) == "the reporting about abc"
    assert _without_channel(low, Attribution(kind="indirect", content="", content_span=(0, 0))) == low


def _run(text: str) -> Article:
    art = clean_text(RawDocument(text.encode(), "t.txt", "text"))
    done, failed = pipeline.run_stages(pipeline.build(), [art])
    assert not failed
    return done[0]


def test_an_accusation_is_a_claim_its_denial_answers() -> None:
    # Before, accusations made no claim, and "denied the allegations" fell on
    # the claim before it (a production company's "We have no further comment").
    art = _run(
        "“We have no further comment,” Dick Clark Productions said.\n\n"
        "On Thursday, Swift accused Braun, Borchetta and Big Machine of disallowing the "
        "production of a Netflix documentary.\n\n"
        "The company flat-out denied the allegations in a statement."
    )
    c = _claim(art, "Big Machine", "Netflix documentary")
    assert art.claims[c].text.startswith("Braun, Borchetta and Big Machine [are guilty of]")
    by = {(art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == c}
    assert by == {("Swift", "asserts"), ("The company", "denies")}  # not "The company flat-"
    assert not any("no further comment" in c.text for c in art.claims)  # a stance withheld, no claim


def test_an_allegation_claims_its_clause_and_criticism_claims_nothing() -> None:
    art = _run(
        "The lawsuit alleges that the company hid losses from investors. "
        "Officials blamed Russia for the hack. The senator slammed the decision."
    )
    assert [c.text for c in art.claims] == [
        "the company hid losses from investors",
        "Russia [is responsible for] the hack",
    ]


def test_a_like_statement_about_another_company_is_its_own_claim() -> None:
    art = _run(
        "Shotwell said SpaceX would be able to start lunar lander missions in 2022. "
        "Roth said SNC would be able to start lunar lander missions in 2022."
    )
    assert len(art.claims) == 2
    assert not any(s.stance == "confirms" for s in art.stances)


def test_rejecting_an_attempt_or_withholding_a_detail_answers_no_claim() -> None:
    art = _run(
        "Hrafnsson said Sweden had dropped the investigation into Assange. "
        "A judge rejected Assange's attempt to delay the full extradition hearing.\n\n"
        "Sims said his company's lander should be available for missions starting in 2023. "
        "Villa declined to say when his company's lander would be ready."
    )
    assert [s.stance for s in art.stances] == ["asserts", "asserts"]


def test_the_narrow_skips_leave_ordinary_answers_alone() -> None:
    # A denied bid is still a denial; a confirmed "where" still confirms; a place
    # named two ways is one subject.
    art = _run(
        "Officials said the company was preparing a bid for the airline. The company denied the bid.\n\n"
        "Reuters reported that Tesla would build a factory in Berlin. Tesla confirmed where the "
        "factory would be built.\n\n"
        "Smith said the U.S. would impose new tariffs on steel. The White House denied that the "
        "United States would impose new tariffs on steel."
    )
    got = {(art.attributions[s.attribution].source, s.stance) for s in art.stances}
    assert {("The company", "denies"), ("Tesla", "confirms"), ("The White House", "denies")} <= got


def test_a_group_named_again_by_its_bare_noun_goes_on_in_its_own_stance() -> None:
    # "prosecutors" is the "Federal prosecutors" just named: their second,
    # negative wording of the same charge is not a dispute of their own claim.
    text = (
        "Federal prosecutors said the guards did not check on the inmate for eight hours. "
        "Prosecutors said the guards checked on the inmate during those eight hours. "
        "Later, prosecutors asserted that the guards did not check on the inmate for eight hours."
    )
    first = "the guards did not check on the inmate for eight hours"
    atts = [
        _att(0, "Federal prosecutors", "say", "asserts", first, text),
        _att(1, "Smith", "say", "asserts", "the guards checked on the inmate during those eight hours", text),
    ]
    later = text.rindex(first)
    atts.append(
        Attribution(
            kind="indirect", content=first, content_span=(later, later + len(first)),
            source="prosecutors", speaker=Entity("prosecutors"), cue="assert", cue_lemma="assert",
            cue_class="asserts",
        )  # fmt: skip
    )
    claims, stances = analyse(Article(text=text, attributions=atts))
    got = {(atts[s.attribution].source, s.stance) for s in stances if s.claim == 0}
    assert ("Smith", "disputes") in got  # another source's opposite wording still disputes
    assert ("prosecutors", "asserts") in got
    assert ("prosecutors", "disputes") not in got


def test_a_bare_noun_two_sides_share_is_read_on_its_own_words() -> None:
    from claimledger.nlp.claims import _own_stance

    two = {"Ukrainian officials": "asserts", "Russian officials": "denies"}
    assert _own_stance("officials", two) is None  # either side: neither stance is taken over
    assert _own_stance("officials", dict(reversed(list(two.items())))) is None
    assert _own_stance("Prosecutors", {"prosecutors": "asserts"}) == "asserts"  # case aside
    assert _own_stance("officials", {"US officials": "denies"}) == "denies"
    assert _own_stance("Russian officials", {"US officials": "denies"}) is None


def test_a_verdict_on_an_owners_allegations_denies_what_that_owner_claimed() -> None:
    # It used to land on the claim just before (an analyst's remark).
    art = _run(
        "The ministry accused U.S. forces of training militants in the camp. Analyst Omar "
        "Lamrani described the idea that the U.S. trains militants as \u201ccertainly absurd.\u201d "
        "Charles Simpson told Polygraph.info the ministry's allegations are false."
    )
    charge = _claim(art, "training militants in the camp")
    denied = {
        s.claim for s in art.stances if s.stance == "denies" and art.attributions[s.attribution].source == "Charles Simpson"
    }
    assert denied == {charge}


def test_an_owned_noun_that_is_not_the_verdicts_subject_denies_no_owner() -> None:
    art = _run(
        "The company said profits would rise. The company also said it would hire 500 workers. "
        "Anna Lee said the company's claims process is wrong."
    )
    company = {
        s.claim for s in art.stances if art.attributions[s.attribution].source == "The company"
    }
    lee = {
        s.claim for s in art.stances
        if art.attributions[s.attribution].source == "Anna Lee" and s.stance == "denies"
    }  # fmt: skip
    assert len(lee & company) <= 1  # at most the claim under discussion, never every one of the company's


def test_the_speakers_of_a_joint_statement_all_assert_it() -> None:
    # Two speakers of one statement: the second does not confirm the first.
    article = _run(
        "Both Alexander Vindman and Jennifer Williams told investigators that the call "
        "was improper. The White House said the call was perfect."
    )
    improper = [
        i for i, a in enumerate(article.attributions) if a.content == "that the call was improper"
    ]
    assert len(improper) == 2
    stances = {(s.attribution, s.stance) for s in article.stances if s.attribution in improper}
    assert stances == {(improper[0], "asserts"), (improper[1], "asserts")}


def test_one_sentence_interrupted_by_its_frame_is_one_claim() -> None:
    # Apart, "allows the car …" was a claim with no subject and "because …" a claim of its own.
    article = _run(
        "That, Audi says, allows the car to highlight features in the road.\n\n"
        '"We are not going to raise prices," the chief executive said, '
        '"because our customers cannot afford it."\n\n'
        '"The sanctions will not work," Peskov said. "Russia has survived worse."'
    )
    texts = [c.text for c in article.claims]
    assert "That allows the car to highlight features in the road" in texts
    assert "We are not going to raise prices because our customers cannot afford it" in texts
    # Two sentences stay two claims.
    assert "The sanctions will not work" in texts
    assert "Russia has survived worse" in texts
    assert not any(t.startswith(("allows", "because")) for t in texts)
    (that,) = [c for c in article.claims if c.text.startswith("That allows")]
    assert article.text[that.span[0] : that.span[1]].endswith("features in the road")


def test_pieces_of_a_joint_statement_and_a_colon_frame() -> None:
    article = _run(
        '"The call was improper," Alexander Vindman and Jennifer Williams told investigators, '
        '"and it should be investigated."\n\n'
        '"We will not raise prices," the chief executive said: "Our customers cannot afford it."'
    )
    texts = [c.text for c in article.claims]
    assert "The call was improper and it should be investigated" in texts
    # After "said:" come new sentences, not the rest of the first.
    assert "We will not raise prices" in texts
    assert "Our customers cannot afford it" in texts


def test_pieces_not_joined_are_each_read() -> None:
    # A verdict and a new statement in one interrupted sentence: the second is its own claim.
    article = _run(
        "Smith was accused of taking bribes.\n\n"
        '"That is simply untrue," Smith said, "and my lawyers will sue the newspaper that printed it."'
    )
    assert any("[Smith’s] lawyers will sue the newspaper" in c.text for c in article.claims)


def test_a_verdict_after_a_question_answers_the_question() -> None:
    # Volker's "That's correct" answered Schiff's question, not the claim before it.
    art = _run(
        "Volker said Giuliani still believed Ukraine needed to investigate the gas company.\n\n"
        "\"So it's fair to say you have not fixed the problem?\" Schiff asked.\n\n"
        "\"That's correct,\" Volker said."
    )
    assert not any(s.stance == "confirms" for s in art.stances), art.stances


def test_words_carried_by_a_statement_are_not_confirmed_by_it() -> None:
    art = _run(
        "\"Here we are on a historic day for the State of Israel,\" Netanyahu told settler "
        "leaders, according to a statement from his office.\n\n"
        "Officials said the move was expected."
    )
    assert not any(s.stance == "confirms" for s in art.stances), [
        (art.attributions[s.attribution].source, s.stance) for s in art.stances
    ]


def test_not_changing_the_fact_says_the_fact() -> None:
    # "would not change the reality that X" says X: agreeing with it is no dispute.
    art = _run(
        "The United Nations said the decision would not change the reality that the "
        "settlements were illegal.\n\n"
        "The European Union said it still considers all settlement activity illegal."
    )
    assert not any(s.stance == "disputes" for s in art.stances), [
        (art.attributions[s.attribution].source, s.stance) for s in art.stances
    ]


def test_an_answer_carries_to_the_next_act_only() -> None:
    # The act right after a denial answers the denied claim; the ones after it
    # are read on their own words, not as more denials of it.
    art = _run(
        "Chaffetz said a porous southern border is letting terrorists into the country.\n\n"
        "Homeland Security Secretary Jeh Johnson shot down claims that a porous southern border "
        "is letting terrorists into the country. He said border security has improved. "
        "He said the number of migrants apprehended in 2014 was 68,434. "
        "He said the government is working to keep Ebola out of the country."
    )
    denials = [art.attributions[s.attribution] for s in art.stances if s.stance == "denies"]
    assert denials and denials[0].cue is not None and denials[0].cue.startswith("shot down")
    assert not any("68,434" in a.content or "Ebola" in a.content for a in denials)


def test_a_dismissed_case_denies_no_claim() -> None:
    art = _run(
        "The district attorney said Brooklyn has stopped prosecuting most low-level marijuana cases.\n\n"
        "The district attorney's office has dismissed 849 marijuana cases since July."
    )
    assert not any(s.stance == "denies" for s in art.stances)


def test_a_verdict_is_not_aimed_at_its_speakers_own_claim() -> None:
    # A bare "No" is no denial of what its own speaker just said; with no other
    # claim in view it is left out.
    art = _run(
        "In 1997, Elise wrote, she interviewed Mike for a convention.\n\n"
        "\u201cNo,\u201d she said. \u201cYou tell me one.\u201d"
    )
    assert not any(s.stance == "denies" for s in art.stances)


def test_a_confirmed_count_of_cases_still_confirms() -> None:
    art = _run(
        "Local doctors said there were 120 new cases of measles in the region.\n\n"
        "The health ministry later confirmed the 120 new cases of measles."
    )
    assert any(s.stance == "confirms" for s in art.stances)


def test_believing_a_fake_article_is_no_denial_and_a_countered_quote_is_its_speakers_words() -> None:
    art = _run(
        "Empire News reported that Kurt Sutter will launch a film with Brad Pitt.\n\n"
        "A number of people apparently believed the fake article.\n\n"
        "\u201cI think it\u2019s sad,\u201d countered Ed Mullins, the union president."
    )
    assert not any(s.stance == "denies" for s in art.stances)
    mullins = [s for s in art.stances if art.attributions[s.attribution].cue == "countered"]
    assert mullins and all(s.stance == "asserts" for s in mullins)


def test_an_unresolved_it_confirms_nothing_in_the_ledger() -> None:
    # "it" here is the vote, not a source: the claim must not read "confirmed".
    art = _run(
        "Trump said voters would repudiate impeachment and vindicate him.\n\n"
        "Instead, voters handed Trump an unambiguous defeat on Tuesday.\n\n"
        "To start, it confirms recent polling on impeachment."
    )
    assert any("repudiate impeachment" in c.text for c in art.claims)
    assert all(st.stance == "asserts" for st in art.stances), [
        (art.attributions[st.attribution].source, st.stance) for st in art.stances
    ]


def test_a_denial_of_named_owners_claims_lands_on_theirs_or_nowhere() -> None:
    art = _run(
        "The Russian and Syrian defense ministries accused U.S. forces of controlling bandit formations.\n\n"
        "Analyst Omar Lamrani said the idea that the U.S. trains militants at the base is absurd.\n\n"
        "Charles Simpson told reporters the Russian Defense Ministry’s allegations are false."
    )
    denials = [
        art.claims[st.claim].text
        for st in art.stances
        if st.stance == "denies" and (art.attributions[st.attribution].speaker or Entity("")).name == "Charles Simpson"
    ]
    assert denials and all("bandit formations" in c for c in denials), denials


@pytest.mark.parametrize(
    "text",
    [
        "The minister did not say that the war was over.",
        "Sadly, nothing in the report suggests Apple will ship a new MacBook Air this year.",
    ],
)
def test_a_negated_act_asserts_nothing(text: str) -> None:
    # Before, "did not say that X" filed the minister as asserting X.
    art = _run(text)
    assert not art.stances, [(art.attributions[s.attribution].source, s.stance) for s in art.stances]


def test_a_quotation_carried_to_its_speaker_is_his_assertion() -> None:
    art = _run(
        '"I always resisted changing companies because the voicemail kept her voice," '
        "Stan Beaton told BBC Radio Leeds.\n\n"
        '"Sadly it disappeared. I was absolutely devastated by it, but also extremely angry."'
    )
    said = {
        art.claims[st.claim].text.split(".")[0]
        for st in art.stances
        if st.stance == "asserts" and (art.attributions[st.attribution].speaker or Entity("")).name == "Stan Beaton"
    }
    assert any("Sadly it disappeared" in c for c in said), said


def test_calling_someones_claim_a_trick_or_illogical_denies_it() -> None:
    art = _run(
        "ISIS claimed that American hostage Kayla Mueller was killed in a Jordanian airstrike on Friday.\n\n"
        'Jordan\'s Foreign Minister Nasser Judeh called ISIS\'s claim "an old and sick trick."\n\n'
        'A Jordanian official said ISIS\'s claim was "illogical".'
    )
    c = _claim(art, "Kayla Mueller", "airstrike")
    stances = {(name, stance) for name, stance, _ in _stances(art, c)}
    assert {("Nasser Judeh", "denies"), ("Jordanian official", "denies")} <= stances, stances


def _who(art: Article) -> set[tuple[str, str]]:
    return {
        ((art.attributions[s.attribution].speaker or Entity(art.attributions[s.attribution].source or "?")).name, s.stance)
        for s in art.stances
    }


def test_a_negation_does_not_follow_the_quotation_that_goes_on_after_it() -> None:
    art = _run('The minister did not say whether the war was over.\n\n"We are working very hard to end it."')
    assert ("minister", "asserts") in _who(art)


def test_a_carried_quotation_after_another_voice_is_not_the_first_speakers() -> None:
    art = _run(
        'Smith said: "We won the vote fairly." But Jones said the vote was rigged.\n\n'
        '"We will appeal the result in court."'
    )
    assert not any("appeal" in art.claims[s.claim].text for s in art.stances if s.stance == "asserts"
                   and (art.attributions[s.attribution].speaker or Entity("")).name == "Smith")  # fmt: skip


def test_an_unresolved_it_still_denies() -> None:
    art = _run("The company issued a statement on Monday. It denied that it had hidden losses from investors.")
    assert any(stance == "denies" for _, stance in _who(art))


def test_owned_claims_match_the_whole_owner() -> None:
    described = _run(
        "The Washington Post reported that the senator took bribes from a contractor.\n\n"
        "The senator's spokesman said the newspaper's allegations are false."
    )
    assert ("senator's spokesman", "denies") in _who(described)
    other = _run(
        "The Ukrainian Defense Ministry said Russian troops shelled the hospital.\n\n"
        "A Russian spokesman said the Russian Defense Ministry's claims are absolutely not true."
    )
    assert not any(stance == "denies" for _, stance in _who(other))


def test_trumps_praise_of_putin_is_his_claim(article: Article) -> None:
    # "Trump called Putin a “very smart” and “strong man”": the parse reads "called" as
    # "a man called …"; the ledger must still hold Trump's words.
    c = _claim(article, "very smart", "strong man")
    assert ("Donald Trump", "asserts") in {(name, stance) for name, stance, _ in _stances(article, c)}


def test_the_opposite_of_a_denied_claim_disputes_it_and_is_not_its_origin() -> None:
    # Nobody asserts the denied report here; a source that says the opposite
    # used to become its origin, and its words the claim's text.
    quote = (
        "“It is unlikely that this case can be a confirmed Ebola case as there is no laboratory "
        "facility in Mosul that could do an Ebola test.”"
    )
    text = (
        "A ministry spokesman denied reports in a local newspaper that militants in Mosul had "
        f"Ebola. Tarik Jasarevic told The Independent: {quote}"
    )
    atts = [
        _att(0, "Spokesman", "deny", "denies",
             "reports in a local newspaper that militants in Mosul had Ebola", text),
        _att(1, "Tarik Jasarevic", "tell", "asserts", quote, text),
    ]  # fmt: skip
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, stances = analyse(article)
    assert len(claims) == 1
    assert claims[0].origin is None
    assert "militants in Mosul had Ebola" in claims[0].text
    assert [(s.attribution, s.stance) for s in stances] == [(0, "denies"), (1, "disputes")]


def test_a_denial_of_reports_that_x_denies_x_and_not_a_claim_near_it_in_topic() -> None:
    """"denied reports in a local newspaper that militants in Mosul had Ebola": the claim
    denied is the reported clause; Mosul's missing laboratory, close in topic, is not it."""
    text = (
        "Tarik Jasarevic said there is no laboratory in Mosul that could test for Ebola. "
        "A ministry spokesman denied reports in a local newspaper that militants in Mosul had "
        "Ebola."
    )
    atts = [
        _att(0, "Tarik Jasarevic", "say", "asserts",
             "there is no laboratory in Mosul that could test for Ebola", text),
        _att(1, "Spokesman", "deny", "denies",
             "reports in a local newspaper that militants in Mosul had Ebola", text),
    ]  # fmt: skip
    claims, stances = analyse(Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text)))
    by_att = {s.attribution: (s.claim, s.stance) for s in stances}
    assert by_att[1][1] == "denies" and by_att[1][0] != by_att[0][0]
    assert claims[by_att[1][0]].text == "militants in Mosul had Ebola"
    # Told as "outlets that claim X", the claim is X too.
    text2 = "The ministry denied reports from Iraqi news outlets that claim the soldier had Ebola."
    atts2 = [_att(0, "Ministry", "deny", "denies",
                  "reports from Iraqi news outlets that claim the soldier had Ebola", text2)]  # fmt: skip
    claims2, _ = analyse(Article(text=text2, attributions=atts2, doc=pipeline.load_nlp()(text2)))
    assert [c.text for c in claims2] == ["the soldier had Ebola"]
    # Not a relative clause on the reports, nor the act of spreading them, nor the words a
    # verdict rule reads: those keep what they denied.
    for content, claim in (
        ("reports that the mayor made about the plant closing", None),
        ("reports the mayor made about the plant closing", None),
        ("reports that went viral on social media last week", None),
        ("spreading rumours that the mayor was ill", None),
        ("reports that the mayor made a deal with the union", "the mayor made a deal with the union"),
        ("reports that the plane ran out of fuel", "the plane ran out of fuel"),
        ("reports that the plant's workers were made redundant", "the plant's workers were made redundant"),
    ):
        text4 = f"The firm denied {content}."
        atts4 = [_att(0, "Firm", "deny", "denies", content, text4)]
        claims4, _ = analyse(Article(text=text4, attributions=atts4, doc=pipeline.load_nlp()(text4)))
        assert [c.text for c in claims4] == [claim or content], content
    text5 = "“The reports that we closed the plant are untrue,” the company denied."
    atts5 = [Attribution(
        kind="direct", content="“The reports that we closed the plant are untrue,”",
        content_span=(0, len("“The reports that we closed the plant are untrue,”")),
        source="the company", speaker=Entity("Company", "ORG"), cue="denied", cue_lemma="deny",
        cue_class="denies",
    )]  # fmt: skip
    claims5, stances5 = analyse(Article(text=text5, attributions=atts5, doc=pipeline.load_nlp()(text5)))
    assert [c.text for c in claims5] == ["[the Company] closed the plant"]
    assert [s.stance for s in stances5] == ["denies"]
    # With no "that", the parse says where the reported clause begins.
    text3 = (
        "Michael Madden said the regime had long admired Scotland's independence movement. "
        "North Korea moved to quash reports its leader Kim Jong-un is planning to open a "
        "restaurant in Scotland."
    )
    atts3 = [
        _att(0, "Michael Madden", "say", "asserts",
             "the regime had long admired Scotland's independence movement", text3),
        _att(1, "North Korea", "quash", "denies",
             "reports its leader Kim Jong-un is planning to open a restaurant in Scotland", text3),
    ]  # fmt: skip
    claims3, stances3 = analyse(Article(text=text3, attributions=atts3, doc=pipeline.load_nlp()(text3)))
    by_att3 = {s.attribution: (s.claim, s.stance) for s in stances3}
    assert by_att3[1][1] == "denies" and by_att3[1][0] != by_att3[0][0]
    assert claims3[by_att3[1][0]].text == (
        "its leader Kim Jong-un is planning to open a restaurant in Scotland"
    )


def test_a_restatement_of_a_denied_claim_still_makes_it() -> None:
    text = (
        "The ministry denied that militants in Mosul had Ebola. "
        "Al-Sabah said militants in Mosul had contracted Ebola."
    )
    atts = [
        _att(0, "Ministry", "deny", "denies", "that militants in Mosul had Ebola", text),
        _att(1, "Al-Sabah", "say", "asserts", "militants in Mosul had contracted Ebola", text),
    ]  # fmt: skip
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, stances = analyse(article)
    assert len(claims) == 1 and claims[0].origin == 1
    assert [(s.attribution, s.stance) for s in stances] == [(0, "denies"), (1, "asserts")]


def test_a_statement_opening_with_not_knowing_is_not_aware_of_what_follows() -> None:
    text = (
        "The newspaper said he is in the hospital. "
        "“We don't know whether he's in the hospital or not,” Breuker said. "
        "Officials said it is unclear whether this was an attempt to flee. "
        "Police said the attack killed 20 people, and it is unclear whether the leader survived. "
        "The mayor said he could confirm that the bridge would reopen."
    )
    atts = [
        _att(0, "Newspaper", "say", "asserts", "he is in the hospital", text),
        _att(1, "Breuker", "say", "asserts", "“We don't know whether he's in the hospital or not,”", text),
        _att(2, "Officials", "say", "asserts", "it is unclear whether this was an attempt to flee", text),
        _att(3, "Police", "say", "asserts",
             "the attack killed 20 people, and it is unclear whether the leader survived", text),
        _att(4, "Mayor", "say", "asserts", "he could confirm that the bridge would reopen", text),
    ]  # fmt: skip
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, stances = analyse(article)
    by = {s.attribution: (s.stance, claims[s.claim].text) for s in stances}
    assert by[1] == ("not_aware", by[0][1])  # on the newspaper's claim
    assert by[2] == ("cannot_verify", "this was an attempt to flee")
    assert by[3][0] == "asserts"  # not knowing one thing, in passing, after a fact
    assert by[4][0] == "asserts"  # "could confirm" is no failure to verify


def test_calling_a_suggestion_false_denies_what_it_suggests() -> None:
    art = _run(
        "Rep. Duncan Hunter said Tuesday that border officials have caught at least 10 Islamic "
        "State fighters trying to enter the U.S. through Mexico.\n\n"
        "The Department of Homeland Security spokeswoman disputed Hunter's claim on Wednesday.\n\n"
        "“The suggestion that individuals who have ties to ISIL have been apprehended at the "
        "southwest border is categorically false,” said Marsha Catron.\n\n"
        "But Hunter's office replied by saying Hunter was told by a senior official that people "
        "with ties to the Islamic State have in fact been apprehended."
    )
    c = _claim(art, "10 Islamic State fighters")
    by = {(art.attributions[s.attribution].speaker.name, s.stance)  # type: ignore[union-attr]
          for s in art.stances if s.claim == c}  # fmt: skip
    assert ("Duncan Hunter", "asserts") in by
    # The dispute names Hunter's claim; the later reply from his office reads closer.
    assert ("Department of Homeland Security spokeswoman", "denies") in by
    # Her own words call it false: a denial, never her assertion of the opposite.
    assert not [s for s in art.stances if art.attributions[s.attribution].source == "Marsha Catron"
                and s.stance == "asserts"]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A negation in a second, coordinated clause says nothing of the first.
        ("The ministry denied reports that the plant had leaked radiation into the river. "
         "Greenpeace said the plant had leaked radiation into the river, and no one had warned "
         "the villagers.", {("Greenpeace", "asserts")}),
        # A relative "that" is no clause of what is not known; no claim of not knowing.
        ("“We don't know who carried out the attack that killed 20 people,” the mayor said.", set()),
        ("“We don't know what happened to the plane,” the airline said.", set()),
        ("“We don't know whether or not the leader survived the attack,” the mayor said.",
         {("the mayor", "not_aware", "the leader survived the attack")}),
        ("The newspaper reported that the leader was killed in the attack. "
         "“We don't know if that is true,” the mayor said.",
         {("The newspaper", "asserts"), ("the mayor", "not_aware", "the leader was killed in the attack")}),
        ("“We're not sure whether the bridge will reopen,” the mayor said.",
         {("the mayor", "not_aware", "the bridge will reopen")}),
        ("“It is not clear whether the dam held,” officials said.",
         {("officials", "cannot_verify", "the dam held")}),
    ],
)  # fmt: skip
def test_what_a_source_does_not_know(text: str, expected: set[tuple[str, ...]]) -> None:
    art = _run(text)
    got = set()
    for s in art.stances:
        src = art.attributions[s.attribution].source or ""
        got.add((src, s.stance))
        got.add((src, s.stance, art.claims[s.claim].text))
    assert expected <= got
    if not expected:
        assert not art.stances


def test_we_deny_these_allegations_denies_the_claim_under_discussion() -> None:
    art = _run(
        "Olsen said Tiger Woods had been suspended by the PGA Tour for failing a drug test. "
        "“We categorically deny these allegations,” the spokesman said."
    )
    c = _claim(art, "suspended by the PGA Tour")
    assert {(art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == c} == {
        ("Olsen", "asserts"), ("the spokesman", "denies"),
    }  # fmt: skip
    assert clean_content("whether or not the fighters are ill") == "the fighters are ill"


@pytest.mark.parametrize(
    "quote",
    [
        "There is no truth whatsoever to these claims. We categorically deny these allegations,",
        "There is no truth to the story. We deny these reports,",
    ],
)
def test_a_denial_in_two_sentences_denies_the_claim_under_discussion(quote: str) -> None:
    art = _run(
        "Golf writer Robert Lusetich said Tiger Woods is serving a suspension for failing a drug "
        f"test.\n\n“{quote}” said Ty Votaw, executive vice president of the PGA Tour."
    )
    c = _claim(art, "serving a suspension")
    assert {(art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == c} >= {
        ("Golf writer Robert Lusetich", "asserts"),
        ("Ty Votaw, executive vice president of the PGA Tour", "denies"),
    }  # fmt: skip
    assert len(art.claims) == 1  # the denial is no claim of its own


def test_a_rank_abbreviation_ends_no_sentence() -> None:
    art = _run(
        "One of the five Taliban members swapped for Army Sgt. Bowe Bergdahl has reportedly tried "
        "to return to terrorist activity, CNN reported.\n\n"
        "“We found him in the garage,” said Det. James Patterson."
    )
    (claim,) = [c for c in art.claims if "terrorist activity" in c.text]
    assert claim.text.startswith("One of the five Taliban members")  # not "Bowe Bergdahl has …"
    (quote,) = [a for a in art.attributions if "garage" in a.content]
    assert quote.speaker is not None and quote.speaker.name == "James Patterson"


def test_a_verdict_out_of_the_blue_falls_on_the_other_sides_claim() -> None:
    art = _run(
        "Dan Olsen said Tiger Woods had been suspended by the PGA Tour for failing a drug test.\n\n"
        "Woods said he was taking a break to deal with the issues in his game.\n\n"
        "“These claims are completely false,” said Mark Steinberg, Woods' agent."
    )
    olsen = _claim(art, "suspended by the PGA Tour")
    denials = [s for s in art.stances if s.stance == "denies"]
    assert denials and {s.claim for s in denials} == {olsen}  # not Woods' own statement


def test_an_order_not_to_do_something_is_no_negation_of_the_report() -> None:
    text = (
        "The newspaper reported that North Koreans are prohibited from sharing the name of their leader. "
        "Yonhap said North Korea ordered its people not to use the name of their leader."
    )
    atts = [
        _att(0, "Newspaper", "report", "asserts",
             "North Koreans are prohibited from sharing the name of their leader", text),
        _att(1, "Yonhap", "say", "asserts",
             "North Korea ordered its people not to use the name of their leader", text),
    ]  # fmt: skip
    article = Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text))
    claims, stances = analyse(article)
    assert [(s.attribution, s.stance) for s in stances if s.claim == 0] != [(0, "asserts"), (1, "disputes")]
    assert not [s for s in stances if s.stance == "disputes"]


@pytest.mark.parametrize(
    "quote",
    [
        "“They deny the allegations, but the evidence is overwhelming,” the prosecutor said.",
        "“We initially denied the reports, but they turned out to be true,” the spokesman said.",
        "“We reject the report's conclusions about our finances,” the spokesman said.",
    ],
)
def test_only_a_speakers_own_outright_denial_is_one(quote: str) -> None:
    art = _run("Olsen said Tiger Woods had been suspended by the PGA Tour for failing a drug test. " + quote)
    assert not [s for s in art.stances if s.stance == "denies"]


def test_a_former_aides_verdict_is_not_on_his_old_bosss_side() -> None:
    art = _run(
        "Police said the donations were under investigation. Senator Bob Smith said he had never "
        "taken money from the group. “That is absolutely false,” said John Doe, Smith's former "
        "chief of staff."
    )
    (denial,) = [s for s in art.stances if s.stance == "denies"]
    assert "never taken money" in art.claims[denial.claim].text


def test_a_fake_thing_quoted_is_no_verdict_on_the_claim() -> None:
    art = _run(
        "A DEA agent told a Senate panel that he came across rabbits that were too stoned to run "
        "away.\n\nThe Onion quoted fake people's reactions to the all-too-real news."
    )
    assert {s.stance for s in art.stances} == {"asserts"}


def test_not_being_surprised_is_no_denial() -> None:
    art = _run(
        "The Mirror reported that Kim Jong-un is planning to open a restaurant in Scotland.\n\n"
        "Michael Madden told the Scotsman it \"would not surprise me at all if they opted to open "
        "a restaurant in Scotland\".\n\n"
        "John Smith said he wouldn't be surprised if Kim opened a restaurant in Scotland."
    )
    by = {art.attributions[s.attribution].source: s.stance for s in art.stances}
    assert by["Michael Madden"] not in ("denies", "disputes")
    assert by["John Smith"] not in ("denies", "disputes")


def test_a_negated_act_of_content_before_it_asserts_nothing() -> None:
    # The tagger can hang the sentence before on a negated act ("Kim Jong-Un plans" as what
    # Madden "didn't even write up"); read as his restatement, it confirmed the claim.
    from claimledger.model import Attribution
    from claimledger.nlp.claims import _negated_cue
    from claimledger.pipeline import load_nlp

    text = (
        "Kim Jong-Un plans to open a restaurant in Scotland. Madden, who didn't even write up "
        "the story on his own blog, says that the use of his quote is misleading."
    )
    doc = load_nlp()(text)

    def span(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    before = Attribution(kind="indirect", content="Kim Jong-Un plans", content_span=span("Kim Jong-Un plans"),
                         source="who", source_span=span("who"), cue="didn't even write up",
                         cue_span=span("didn't even write up"), cue_class="reports")  # fmt: skip
    assert _negated_cue(before, doc)


def test_a_verdict_of_two_adjectives_denies() -> None:
    art = _run(
        'Smith claimed that the company hid its losses. "False and defamatory," the company said '
        "of the claims."
    )
    assert ("the company", "denies") in {(art.attributions[s.attribution].source, s.stance) for s in art.stances}


def test_a_surprise_denied_of_no_clause_is_still_a_negation() -> None:
    art = _run("Analysts said the rate cut surprised investors. Jones said the rate cut did not surprise investors.")
    assert ("Jones", "disputes") in {(art.attributions[s.attribution].source, s.stance) for s in art.stances}


def test_a_long_denial_of_one_thing_is_no_blanket() -> None:
    art = _run(
        'Lee claimed the company bribed officials. "We deny the reports that we hid billions in losses '
        'from the regulator and our investors for years. We deny the claims," the firm said.'
    )
    bribery = _claim(art, "bribed officials")
    assert not [s for s in art.stances if s.claim == bribery and s.stance == "denies"]


@pytest.mark.parametrize(
    "text",
    [
        "The Sun reported that the plant would close. Reuters said it could not independently verify "
        "the report.",
        "The Sun reported that the plant would close. It was not possible to independently verify the "
        "report, Reuters said.",
    ],
)
def test_reuters_could_not_verify_the_report(text: str) -> None:
    art = _run(text)
    closing = _claim(art, "plant would close")
    got = {(art.attributions[s.attribution].speaker.name, s.stance)  # type: ignore[union-attr]
           for s in art.stances if s.claim == closing and art.attributions[s.attribution].speaker}  # fmt: skip
    assert ("Reuters", "cannot_verify") in got
    assert ("Sun", "cannot_verify") not in got and ("Reuters", "asserts") not in got
    assert len(art.claims) == 1


def test_he_in_what_his_mother_said_is_not_his_mother() -> None:
    art = _run("American journalist James Foley was killed in Syria. His mother said he was brave.")
    assert [c.text for c in art.claims] == ["he was brave"]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        # the parse hangs the clause on "members": the phrase up to the pronoun says whose
        ("Johnson said the four individuals were investigated and found to be members of the "
         "Kurdish Worker's Party, which he said \"is actually fighting against ISIL.\"",
         "[members of the Kurdish Worker's Party] is actually fighting against ISIL"),
        # "at him" hangs on "threw", not on the phone
        ("Police said the man threw a mobile phone at him, which they said had his fingerprints "
         "on it and was linked to calls made to Osama bin Laden.",
         "[a mobile phone] had his fingerprints on it and was linked to calls made to Osama bin Laden"),
    ],
)  # fmt: skip
def test_a_claim_that_opens_with_a_relative_pronoun_names_what_it_stands_for(text: str, claim: str) -> None:
    """"which crashed in Logar province" says nothing read alone in the ledger."""
    texts = [c.text for c in _run(text).claims]
    assert claim in texts
    assert not any(t.startswith(("which", "who")) for t in texts)


def test_an_object_relative_pronoun_is_left_as_it_is() -> None:
    """"whom witnesses saw at the scene" is no "[the man] witnesses saw at the scene"."""
    from claimledger.nlp.claims import name_the_antecedent

    text = "Police arrested the man whom witnesses saw at the scene."
    doc = pipeline.load_nlp()(text)
    start = text.index("whom")
    assert name_the_antecedent("whom witnesses saw at the scene", start, doc) == (
        "whom witnesses saw at the scene"
    )


@pytest.mark.parametrize(
    ("content", "claim"),
    [
        ("BEIRUT — Islamic State group jihadists are being trained by former pilots",
         "Islamic State group jihadists are being trained by former pilots"),
        ("(CNN)President Donald Trump made an unscheduled trip to Walter Reed",
         "President Donald Trump made an unscheduled trip to Walter Reed"),
        ("New York, NY – The range of native ad units has grown", "The range of native ad units has grown"),
        ("Meanwhile they’re trying to buy time through shrinkage", "they’re trying to buy time through shrinkage"),
        ("However, it was this type of fluffy bedding", "it was this type of fluffy bedding"),
        # words that only look like one stay
        ("US - China talks stalled", "US - China talks stalled"),
        ("ISIS fighters are winning", "ISIS fighters are winning"),
        ("Now she has taken on more responsibility", "Now she has taken on more responsibility"),
        ("Instead of telling them, I told them the opposite", "Instead of telling them, I told them the opposite"),
        ("NATO - the alliance - will respond", "NATO - the alliance - will respond"),
        ("Thus far, 3 died", "Thus far, 3 died"),
        ("However much he tries, he fails", "However much he tries, he fails"),
        ("In addition to the fines, he faces jail", "In addition to the fines, he faces jail"),
    ],
)  # fmt: skip
def test_a_dateline_or_a_connective_opening_a_content_is_no_part_of_the_claim(content: str, claim: str) -> None:
    assert clean_content(content) == claim


def test_a_connective_inside_a_quote_is_no_part_of_the_claim() -> None:
    assert clean_content("“However, it has attracted the attention of the world.”") == (
        "it has attracted the attention of the world"
    )


def test_confirming_the_opposite_of_a_claim_denies_it() -> None:
    """"The WHO confirmed that the fighters do not have Ebola" denies "the fighters have Ebola";
    a denial is not turned round, and a negation outside the main clause does not count."""
    text = (
        "Local papers reported that the fighters have Ebola. "
        "The WHO confirmed that the fighters do not have Ebola. "
        "A doctor confirmed that the fighters have Ebola, but he did not say how many."
    )
    atts = [
        _att(0, "Local papers", "report", "reports", "the fighters have Ebola", text),
        _att(1, "WHO", "confirm", "confirms", "the fighters do not have Ebola", text),
        _att(2, "doctor", "confirm", "confirms",
             "the fighters have Ebola, but he did not say how many", text),
    ]  # fmt: skip
    claims, stances = analyse(Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text)))
    by_att = {s.attribution: (s.claim, s.stance) for s in stances}
    assert by_att[1] == (by_att[0][0], "denies")
    assert by_att[2] == (by_att[0][0], "confirms")


def test_a_speaker_does_not_deny_his_own_claim() -> None:
    """The spokesman who says the virus could be anywhere, Mosul included, and denies that the
    fighters in Mosul have Ebola denies the reports, not his own words."""
    text = (
        "Rudaini said the Ebola virus could be in any area in the world, including Mosul. "
        "Rudaini denied that two cases of Ebola were found in Mosul."
    )
    atts = [
        _att(0, "Rudaini", "say", "asserts",
             "the Ebola virus could be in any area in the world, including Mosul", text),
        _att(1, "Rudaini", "deny", "denies", "that two cases of Ebola were found in Mosul", text),
    ]  # fmt: skip
    claims, stances = analyse(Article(text=text, attributions=atts, doc=pipeline.load_nlp()(text)))
    by_att = {s.attribution: (s.claim, s.stance) for s in stances}
    assert by_att[1][1] == "denies" and by_att[1][0] != by_att[0][0]
    assert claims[by_att[1][0]].text == "two cases of Ebola were found in Mosul"


def test_a_descriptor_naming_an_organisation_puts_only_its_officers_on_its_side() -> None:
    """"Michael Madden, editor of the North Korea Leadership Watch blog" is not North Korea's
    side: his restatement of what North Korea denied is his own assertion, not its denial.
    "Kremlin spokesman Dmitry Peskov" is the Kremlin's."""
    from claimledger.nlp.claims import _same_side

    text = "x"
    madden = Attribution(kind="indirect", content=text, content_span=(0, 1),
                         speaker=Entity("Michael Madden", descriptors=["editor of the North Korea Leadership Watch blog"]))  # fmt: skip
    peskov = Attribution(kind="indirect", content=text, content_span=(0, 1),
                         speaker=Entity("Dmitry Peskov", descriptors=["Kremlin spokesman"]))  # fmt: skip
    assert not _same_side(madden, "North Korea")
    assert _same_side(peskov, "the Kremlin")


@pytest.mark.parametrize(
    ("second", "claim"),
    [
        ("The State Department said: “We have nothing to confirm these reports about missing airliners.”",
         "11 jetliners were missing from Tripoli airport"),
        ("A White House spokeswoman said there's been no confirmation that aircraft had been stolen.",
         "aircraft had been stolen"),
        ("The State Department said: “We don't have any confirmation of these reports.”",
         "11 jetliners were missing from Tripoli airport"),
        ("The State Department said: “We have no confirmation.”",
         "11 jetliners were missing from Tripoli airport"),
        ("“I can just say that I have no confirmation of the reports,” the State Department said.",
         "11 jetliners were missing from Tripoli airport"),
    ],
)  # fmt: skip
def test_saying_nothing_confirms_a_claim_cannot_verify_it(second: str, claim: str) -> None:
    """A doubt worded with "said" ("there's been no confirmation that …") is no assertion."""
    art = _run("Local media reported that 11 jetliners were missing from Tripoli airport. " + second)
    texts = [c.text for c in art.claims]
    assert claim in texts and not any("confirmation" in t for t in texts)
    assert (texts.index(claim), 1, "cannot_verify") in [(s.claim, s.attribution, s.stance) for s in art.stances]


_ASBO = (
    "A nine-year-old boy has been threatened with an anti-social behaviour order, the Daily Mail "
    "reported.\n\nThe paper said the council had started Asbo proceedings against the boy after "
    "neighbours complained about the noise.\n\n{} a spokesman for Tameside Council said {} "
    "against the child."
)


def _disputes(art: Article) -> set[tuple[str, str]]:
    return {
        (art.attributions[s.attribution].speaker.name, art.claims[s.claim].text)  # type: ignore[union-attr]
        for s in art.stances
        if s.stance == "disputes"
    }


def test_a_contrasted_statement_of_the_opposite_answers_the_claim_before_it() -> None:
    # Below the restatement bar (0.58 by the encoder), but "But …" sets the
    # spokesman's words against the paper's: the council's side disputes them.
    art = _run(_ASBO.format("But", "no Asbo proceedings have been brought"))
    got = _disputes(art)
    assert [c for _, c in got if "council had started Asbo proceedings" in c], got
    # Nothing sets it against the paper: the spokesman's words are a claim of their own.
    plain = _run(_ASBO.format("Separately,", "no Asbo proceedings have been brought"))
    assert not _disputes(plain)
    # "But" with the same polarity adds to the story; it does not answer it.
    same = _run(_ASBO.format("But", "Asbo proceedings have been brought"))
    assert not _disputes(same)


def test_a_report_with_no_source_named_is_a_claim_a_denial_can_answer() -> None:
    # The tagger cuts "X has reportedly been killed" round its hedge into a subject and a
    # predicate with no source; the ledger had no claim, so the denial had nothing to deny.
    art = _run(
        "A 10-year-old member of the militant group has reportedly been killed in battle near "
        "Kobani.\n\nThe group's spokesman denied that the 10-year-old had been killed in battle."
    )
    texts = [c.text for c in art.claims]
    # The claim is what was reported; "reportedly" is the stance's evidence.
    assert "A 10-year-old member of the militant group has been killed in battle near Kobani" in texts
    claim = texts.index("A 10-year-old member of the militant group has been killed in battle near Kobani")
    assert "reportedly" in art.text[slice(*next(s.evidence for s in art.stances if s.claim == claim))]
    assert art.claims[claim].origin is not None
    assert art.attributions[art.claims[claim].origin].speaker is None  # no one named made it
    assert ("spokesman", "denies") in {
        ((art.attributions[s.attribution].speaker or Entity("?")).name.split()[-1], s.stance)
        for s in art.stances
        if s.claim == claim
    }


@pytest.mark.parametrize(
    "sentence",
    [
        # whose act: the verb has no subject of its own to name
        "The soldiers arrived at dawn and reportedly opened fire on the protesters.",
        # a noun's clause, however its subject is named (this one once recursed without end)
        "The bill, which Congress reportedly passed on Friday, is dead.",
        "Sorkin's script is expected to be loosely based on the biography.",  # a forecast
        "She left the band, which she reportedly quit seven years ago, in May.",  # a noun's clause
    ],
)
def test_no_claim_from_a_hedge_without_its_own_subject_or_from_a_forecast(sentence: str) -> None:
    art = _run("Officials met on Monday.\n\n" + sentence)
    assert not art.claims, [c.text for c in art.claims]


_NK = (
    "A leaked document banning anyone else from using the name Kim Jong-un was published by "
    "South Korean TV, the Daily Mail reported.\n\n"
)


@pytest.mark.parametrize(
    "answer",
    [
        "A spokesperson for the North Korean embassy declined to comment on the authenticity of the report.",
        "The North Korean embassy would not comment on the reports.",
        "The North Korean embassy said it would not comment on specific cases.",
        "The North Korean embassy said it had nothing to add to the reports.",
        "The embassy told the Post it had \u201cno further details\u201d about the reports.",
        'The embassy told Reuters: "There are no further details at this stage."',
        "A spokesperson for the embassy refused to confirm the reports.",
    ],
)
def test_declining_to_comment_withholds_a_stance_on_the_claim_under_discussion(answer: str) -> None:
    art = _run(_NK + answer)
    assert [c.text for c in art.claims] == [
        "A leaked document banning anyone else from using the name Kim Jong-un was published by South Korean TV"
    ]  # "it would not comment on specific cases" is no claim
    assert (0, 1, "cannot_verify") in [(s.claim, s.attribution, s.stance) for s in art.stances]


def test_what_a_speaker_says_after_withholding_a_stance_is_their_own_claim() -> None:
    art = _run(
        _NK + '"We do not comment on specific cases," embassy spokesman Kim Song said.\n\n'
        "Kim Song told reporters that the leaked document had been published by the television station."
    )
    # On the topic of the claim withheld on, so a carried stance would make it cannot_verify too.
    said = next(i for i, a in enumerate(art.attributions) if a.cue and a.cue.startswith("told"))
    assert {s.stance for s in art.stances if s.attribution == said} <= {"asserts"}, [
        (s.attribution, s.stance) for s in art.stances
    ]


def test_commented_is_a_verb_of_saying() -> None:
    art = _run('Senior author Silvia Martins commented: "Cannabis use in adolescence has lasting effects."')
    assert [c.text for c in art.claims] == ["Cannabis use in adolescence has lasting effects"]


def test_a_no_comment_followed_by_a_denial_is_not_swallowed_and_whether_names_the_claim() -> None:
    art = _run(_NK + "The embassy said it would not comment further but that the document was a fake.")
    assert "cannot_verify" not in {s.stance for s in art.stances}
    art = _run(_NK + "The embassy declined to comment on whether the document was authentic.")
    assert "the document was authentic" in [c.text for c in art.claims]
    assert "cannot_verify" in {s.stance for s in art.stances}
    art = _run(_NK + "The embassy declined to comment on the pricing.")
    assert len(art.claims) == 1  # no claim "to comment on the pricing"
    art = _run(_NK + "Officials declined to independently verify whether the document was authentic.")
    assert "the document was authentic" in [c.text for c in art.claims]  # not "to … verify whether …"
    assert "cannot_verify" in {s.stance for s in art.stances}


@pytest.mark.parametrize(
    "answer",
    [
        "The embassy said there are no more details to release because the inquiry has been closed.",
        "The embassy said there was no further information about the victims' identities.",
    ],
)
def test_no_further_details_on_another_matter_withholds_nothing_on_the_claim(answer: str) -> None:
    art = _run(_NK + answer)
    assert "cannot_verify" not in {s.stance for s in art.stances if s.claim == 0}


def test_a_contrary_with_a_second_negated_clause_still_disputes() -> None:
    art = _run(
        "The paper said the council had started Asbo proceedings against the boy after neighbours "
        "complained about the noise.\n\nBut a spokesman for Tameside Council said Asbo proceedings "
        "had not been brought against the child, and no warning was given."
    )
    assert "disputes" in {s.stance for s in art.stances if s.claim == 0}


def test_an_unnamed_report_answers_nothing_and_talk_about_a_topic_is_no_claim() -> None:
    art = _run("The boy died in the fire, his family said.\n\nIt is understood that the reports are false.")
    assert {s.stance for s in art.stances} == {"asserts"}
    assert not _run("Much has been said about the deal, which was signed in May.").claims


@pytest.mark.parametrize(
    ("answer", "denied"),
    [
        ("Banksy's publicist has confirmed it is a hoax.", True),
        ('"The story is a hoax," a police spokesman said.', True),
        ('"It is not a hoax," a police spokesman said.', False),
        ("Banksy's publicist confirmed that something had gone wrong.", False),
    ],
)
def test_calling_the_story_a_hoax_denies_it(answer: str, denied: bool) -> None:
    art = _run("A satirical website claimed that Banksy had been arrested in London.\n\n" + answer)
    assert (("denies" in {s.stance for s in art.stances if s.claim == 0}) is denied), [
        (s.claim, s.attribution, s.stance) for s in art.stances
    ]


@pytest.mark.parametrize(
    "answer",
    [
        "Police confirmed that the man had made false statements.",
        "Police confirmed the hoax caller was arrested.",
        "Police confirmed that the photo was not fake.",
        '"It is not a real hoax," a police spokesman said.',
        '"It was never a hoax," a police spokesman said.',
        '"A hoax caller was jailed last year," a police spokesman said.',
    ],
)
def test_an_event_with_a_false_thing_in_it_or_a_denied_hoax_denies_nothing(answer: str) -> None:
    art = _run("A satirical website claimed that Banksy had been arrested in London.\n\n" + answer)
    assert "denies" not in {s.stance for s in art.stances if s.claim == 0}, [
        (s.claim, s.attribution, s.stance) for s in art.stances
    ]


def test_an_unnamed_report_takes_the_named_subject_the_tagger_left_out() -> None:
    art = _run("Officials met on Monday.\n\nThe company reportedly laid off several hundred workers in May.")
    assert [c.text for c in art.claims] == ["The company laid off several hundred workers"]


@pytest.mark.parametrize(
    ("answer", "stance"), [("had denied", "denies"), ("have not confirmed", "cannot_verify")]
)
def test_saying_around_an_answer_does_not_also_assert_the_claim(answer: str, stance: str) -> None:
    art = _run(
        "Islamic State militants in Mosul have contracted Ebola, Iraqi media reported on Wednesday.\n\n"
        f"WHO officials said they {answer} the reports."
    )
    by_who = {
        s.stance
        for s in art.stances
        if s.claim == 0 and art.attributions[s.attribution].source != "Iraqi media"
    }
    assert by_who == {stance}  # not also "asserts": WHO did not assert the Ebola claim


@pytest.mark.parametrize(
    "answer",
    ["Reuters was unable to verify the report.", "Reuters was not immediately able to verify the report."],
)
def test_a_subject_unable_to_verify_withholds_on_the_claim(answer: str) -> None:
    art = _run(
        "Islamic State militants in Mosul have contracted Ebola, Iraqi media reported on Wednesday.\n\n"
        + answer
    )
    assert ("Reuters", "cannot_verify") in {
        (art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == 0
    }


def test_unable_to_verify_under_a_named_speaker_stays_the_speakers() -> None:
    art = _run(
        "MH370 crashed into the Indian Ocean, the Daily Star reported.\n\n"
        "He was unable to verify the report, the minister told parliament."
    )
    assert ("the minister", "cannot_verify") in {
        (art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == 0
    }
    assert len(art.claims) == 1  # no claim "He was unable to verify the report"
    art = _run(
        "MH370 crashed into the Indian Ocean, the Daily Star reported.\n\n"
        "The airline sent a spokesman, who was unable to verify the report."
    )
    assert "who" not in {a.source for a in art.attributions}


@pytest.mark.parametrize(
    "answer",
    [
        "Officials said they were not able to confirm the report.",
        "The ministry said it was not able to verify the claims.",
        "The zoo said it cannot confirm that and it hopes it isn't true.",
    ],
)
def test_not_able_to_confirm_the_report_withholds_on_it(answer: str) -> None:
    art = _run("Reports said a lion escaped from the zoo in Berlin.\n\n" + answer)
    assert [c.text for c in art.claims] == ["a lion escaped from the zoo in Berlin"]
    assert "cannot_verify" in {s.stance for s in art.stances if s.attribution == 1 and s.claim == 0}
    assert "asserts" not in {s.stance for s in art.stances if s.attribution == 1}


@pytest.mark.parametrize(
    "answer",
    [
        "Police said they were unable to say whether the animal had been found.",
        "A zoo spokesman said he could not tell whether the animal had been found.",
    ],
)
def test_unable_to_say_whether_withholds_on_that_clause(answer: str) -> None:
    art = _run("Reports said a lion escaped from the zoo in Berlin.\n\n" + answer)
    texts = [c.text for c in art.claims]
    assert "the animal had been found" in texts
    found = texts.index("the animal had been found")
    assert {(s.claim, s.stance) for s in art.stances if s.attribution == 1} == {(found, "cannot_verify")}


def test_a_block_quote_after_a_colon_frame_is_its_speakers_claim() -> None:
    art = _run(
        "A video shows the killing of James Foley.\n\n"
        "FOX News reported:\n\n"
        "American and British intelligence officials are eyeing a British-born rapper as the "
        "militant who beheaded James Foley.\n\n"
        "The rapper left London last year."
    )
    eyeing = _claim(art, "are eyeing a British-born rapper")
    assert {(art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == eyeing} == {
        ("FOX News", "asserts")
    }


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"We are not going to raise prices," the chief executive said, "because our customers '
         'cannot afford it."', "raise prices"),
        ("Their new offices on the 25th floor are said to be infested with rats.", "infested with rats"),
    ],
)  # fmt: skip
def test_the_pieces_of_one_act_are_one_line_of_the_ledger(text: str, words: str) -> None:
    art = _run(text)
    claim = _claim(art, words)
    (line,) = [s for s in art.stances if s.claim == claim]
    quoted = art.text[line.evidence[0] : line.evidence[1]]
    assert quoted.startswith(('"We', "Their")) and quoted.rstrip('."').endswith(("afford it", "with rats"))


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("Their new offices on the 25th floor are said to be infested with rats.",
         "Their new offices on the 25th floor are infested with rats"),
        ("It was initially reported that a wife and son of the caliph had been arrested in November.",
         "a wife and son of the caliph had been arrested in November"),
        ("Kim was said to own three yachts.", "Kim was said to own three yachts"),  # no plain form to give
        ("Kim is said to own three yachts.", "Kim owns three yachts"),
        ("The twins are believed to still live in Ohio.", "The twins still live in Ohio"),
        ("The ruler is believed to still be in hospital.", "The ruler is still in hospital"),
        ("The rule is believed to apply to all firms.", "The rule applies to all firms"),  # not an adverb
        ("The firm is believed to never have paid tax.", "The firm is believed to never have paid tax"),
    ],
)  # fmt: skip
def test_an_unnamed_reports_claim_is_what_was_reported_without_the_hedge(sentence: str, claim: str) -> None:
    assert [c.text for c in _run(sentence).claims] == [claim]


@pytest.mark.parametrize(
    "sentence",
    [
        "The World Health Organisation is investigating reports that ISIS militants have been showing "
        "up at an Iraqi hospital with Ebola.",
        "The World Health Organisation said it was investigating reports that ISIS militants have been "
        "showing up at an Iraqi hospital with Ebola.",
    ],
)
def test_investigating_reports_that_x_makes_x_a_claim_not_yet_verified(sentence: str) -> None:
    art = _run(sentence)
    assert [c.text for c in art.claims] == ["ISIS militants have been showing up at an Iraqi hospital with Ebola"]
    assert [s.stance for s in art.stances] == ["cannot_verify"]
    assert art.claims[0].origin is None  # the WHO did not make the claim


def test_a_report_noun_with_no_one_named_is_an_unnamed_report_not_the_subjects() -> None:
    art = _run(
        "The Kremlin moved troops on Monday amid reports that Putin is ill.\n\n"
        "Rumors are flying that Kim is ill with gout."
    )
    assert [c.text for c in art.claims] == ["Putin is ill", "Kim is ill with gout"]
    assert all(art.attributions[s.attribution].speaker is None for s in art.stances)  # not the Kremlin's
    assert all(c.origin is not None for c in art.claims)  # an unnamed report made each


def test_a_connective_opening_a_statement_is_not_its_claim() -> None:
    # "However," alone is the first piece of the interrupted sentence; "But" opens a quote.
    art = _run(
        "However, Zehaf Bibeau was associated with “an individual known to us,” Paulson said.\n\n"
        "“But we will not stop the search,” he said. “So many people are still missing,” he added."
    )
    texts = {c.text for c in art.claims}
    assert "Zehaf Bibeau was associated with an individual known to us" in texts
    assert "we will not stop the search" in texts
    assert "So many people are still missing" in texts  # "so many": no connective


@pytest.mark.parametrize(
    "words",
    ["So did the Russians", "But for the rain, the fire would have spread", "And yet the economy grew",
     "So great was the damage that the town was abandoned", "So as not to alarm anyone, they waited"],
)  # fmt: skip
def test_words_that_only_look_like_a_connective_stay(words: str) -> None:
    assert clean_content(words) == words


def test_a_connective_after_a_dash_and_a_quote_mark_goes() -> None:
    assert clean_content("-- “But we will not stop the search") == "we will not stop the search"


def test_no_validity_to_the_rumor_that_x_denies_x() -> None:
    # A verdict on the rumor with its proposition after it: the denial of that claim, not a
    # dispute by a statement of opposite polarity.
    art = _run(
        "The Daily Beast reported that Baghdadi was killed in an airstrike.\n\n"
        "“There is no validity to the rumor that we've killed Baghdadi,” a senior defense "
        "official told The Daily Beast."
    )
    (claim,) = [i for i, c in enumerate(art.claims) if c.text == "Baghdadi was killed in an airstrike"]
    said = {art.attributions[s.attribution].source: s.stance for s in art.stances if s.claim == claim}
    assert said["a senior defense official"] == "denies"


def test_no_truth_to_the_claim_denies_only_the_claim() -> None:
    # "There's", and nothing said after the denied clause is denied with it.
    art = _run(
        "Reports said the plant would close.\n\n"
        "“There's no truth to the rumor that the plant will close,” the mayor said.\n\n"
        "“There is no truth to the claim that the plant will close, and the company is hiring 300 "
        "new workers this year,” the manager said."
    )
    denied = {art.attributions[s.attribution].source for s in art.stances if s.stance == "denies"}
    assert "the mayor" in denied
    assert not any(s.stance == "denies" and "hiring" in art.claims[s.claim].text for s in art.stances)


def test_a_question_named_not_answered_is_no_claim() -> None:
    # "explained why …", "shows what appears to be …": the content names a question or a
    # thing; a conditional before its main clause, an exclamation, and a relative clause
    # about a noun named outside the content are still claims.
    art = _run(
        "Obama explained why he was hesitant to press the new king. "
        "The video shows what appears to be a fighter with a stack of boxes. "
        "Brown said if the dam breaks, the valley will flood. "
        "Jones said what a shame it was that the bridge had closed. "
        "Holding down the crown activates Siri, which the report claims works well and can "
        "be used for directions."
    )
    texts = [c.text for c in art.claims]
    assert not any(t.startswith(("why", "what appears")) for t in texts), texts
    assert any(t.startswith("if the dam breaks, the valley will flood") for t in texts), texts
    assert any("a shame" in t for t in texts), texts
    assert "[Siri] works well and can be used for directions" in texts, texts


def test_claiming_to_have_done_a_thing_claims_that_the_claimant_did_it() -> None:
    art = _run(
        "Leonid Tenkaev claimed to have obtained the ability to attract metal objects. "
        "Two Australian men claim to have 'the oldest burger' in the world. "
        "His father, Adel Abdul Bary, thought to be one of the group's leaders, was extradited. "
        "Officials claimed to be met with hostility."
    )
    texts = [c.text for c in art.claims]
    assert "[Leonid Tenkaev] has obtained the ability to attract metal objects" in texts, texts
    assert "[Two Australian men] have the oldest burger in the world" in texts, texts
    # a passive participle has no claimant, and a passive infinitive has no one tense
    assert not any(t.startswith(("[Adel", "[Officials")) for t in texts), texts


def test_a_rumour_ends_where_the_sentence_goes_on_about_it() -> None:
    art = _run(
        "The actor was seen in New York on Monday.\n\n"
        "Rumors that Macaulay Culkin died have flourished online."
    )
    texts = [c.text for c in art.claims]
    assert "Macaulay Culkin died" in texts, texts
    assert not any("flourished" in t for t in texts), texts


def test_reports_called_inaccurate_deny_the_rumour_no_one_was_named_for() -> None:
    art = _run(
        "Research Medical Center said a patient who came to its emergency department does not "
        "have the symptom profile of Ebola.\n\n"
        "The hospital issued the statement to stop rumors and online reports that the patient "
        "was being treated for the disease.\n\n"
        "\"These reports are inaccurate,\" said HCA Midwest Health spokeswoman Chris Hamele."
    )
    rumour = _claim(art, "the patient was being treated for the disease")
    assert ("Chris Hamele", "denies") in {(s[0], s[1]) for s in _stances(art, rumour)}
    hospital = _claim(art, "does not have the symptom profile")
    assert not any(s[0] == "Chris Hamele" for s in _stances(art, hospital))


def test_the_one_who_calls_a_claim_bogus_denies_it() -> None:
    art = _run(
        "A tweet said a planetary alignment will let you float for three seconds on January 4.\n\n"
        "But NASA denies both the tweet and the bogus claim that a planetary alignment will "
        "somehow let you float."
    )
    assert not any(s[0] == "NASA" and s[1] == "asserts" for c in range(len(art.claims)) for s in _stances(art, c))


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("She said how grateful she was to the firefighters.", "how grateful she was to the firefighters"),
        ("Smith warned if nothing changes people will die.", "if nothing changes people will die"),
        ('"Which is why we won the game," Smith said.', "Which is why we won the game"),
        ("The group, which claims to have 5,000 members, held a rally.", "[The group] has 5,000 members"),
        ("Smith claimed to be a doctor when he was arrested in 2010.", "[Smith] was a doctor when he was arrested in 2010"),
        ("Smith claimed to have rock 'n' roll in his blood.", "[Smith] has rock 'n' roll in his blood"),
    ],
)
def test_exclamations_conditionals_and_claimants_read_as_claims(text: str, claim: str) -> None:
    assert claim in [c.text for c in _run(text).claims]


@pytest.mark.parametrize(
    "text",
    [
        "Smith vowed to be back next year.",
        "Did Smith claim to have met the president?",
        "Smith no longer claims to be the owner of the team.",
    ],
)
def test_a_promise_a_question_or_a_claim_given_up_asserts_no_fact(text: str) -> None:
    assert not any(c.text.startswith("[Smith]") for c in _run(text).claims)


def test_a_text_ending_in_a_wh_word_is_read_without_error() -> None:
    art = _run("Smith said what")
    assert art.attributions


def test_a_claim_the_writer_calls_false_is_still_its_owners() -> None:
    art = _run("Trump's false claim that the election was stolen spread quickly online.")
    stolen = _claim(art, "the election was stolen")
    assert {s[1] for s in _stances(art, stolen)} == {"asserts"}


def test_implying_insinuating_hinting_and_reminding_of_a_clause_claim_it() -> None:
    art = _run(
        "Olsen implied that the Tour had covered up the suspension. "
        "He insinuated that Woods was faking his back injury. "
        "Mayer hinted that the company was pleased with retention so far. "
        "The CDC also reminds the public that Ebola is not spread through the air. "
        "The terrorists remind the audience of the strikes."
    )
    texts = [c.text for c in art.claims]
    for claim in ("the Tour had covered up the suspension", "the company was pleased with retention so far",
                  "Ebola is not spread through the air"):  # fmt: skip
        assert claim in texts, texts
    assert any("faking his back injury" in t for t in texts), texts
    assert not any("strikes" in t for t in texts), texts


def test_a_denial_of_any_of_the_claims_one_named_made_answers_each_of_them() -> None:
    art = _run(
        "Dan Olsen claimed that Woods had been suspended by the Tour for failing a drug test. "
        "Olsen also said that Woods was faking his back injury.\n\n"
        "Tour spokesman Ty Votaw denied any of the claims brought forth by Olsen."
    )
    for words in ("suspended by the Tour", "faking his back injury"):
        assert ("Ty Votaw", "denies") in {(s[0], s[1]) for s in _stances(art, _claim(art, words))}


def test_claims_called_false_are_denied_and_reports_of_a_name_are_not_its_claims() -> None:
    art = _run(
        "Johnson said border security had improved. Claims that four terrorists had crossed the "
        "border were false, he said."
    )
    terrorists = _claim(art, "four terrorists had crossed the border")
    assert {s[1] for s in _stances(art, terrorists)} == {"denies"}
    art = _run(
        "Jordanian King Abdullah, himself a pilot, will fly sorties on ISIS targets, Arabic media "
        "reported. Abdullah's spokesman said the air force had struck 56 targets.\n\n"
        "An official spokesperson denied reports of Abdullah's flight."
    )
    strikes = _claim(art, "56 targets")
    assert not any(s[1] == "denies" for s in _stances(art, strikes))


def test_an_act_saying_two_things_makes_two_claims_pointing_at_the_one_act() -> None:
    art = _run(
        "The army spokesman said the girls have been broken up into several groups, and that some "
        "may have been carried across borders into Cameroon.\n\n"
        "Sorkin said Christian Bale was the best actor to play Jobs, and that he had agreed to the "
        "part without an audition.\n\n"
        "The family denied that he was arrested and that he had fled the country.\n\n"
        "The dealer said the truck was sold in 2013, and that was the last he saw of it.\n\n"
        "Police said the victim had fallen from the balcony, or that someone had pushed him."
    )
    texts = [c.text for c in art.claims]
    for claim in ("the girls have been broken up into several groups",
                  "some may have been carried across borders into Cameroon",
                  # whose "he"? Bale here, the speaker as often: read whole
                  "Christian Bale was the best actor to play Jobs, and that he had agreed to the part without an audition",
                  "the truck was sold in 2013, and that was the last he saw of it"):  # fmt: skip
        assert claim in texts, texts
    assert not any(t.startswith("someone had pushed") for t in texts), texts  # "or that": neither asserted
    assert len(art.attributions) == 5  # the acts keep their whole contents
    for words in ("he was arrested", "he had fled the country"):
        assert {s[1] for s in _stances(art, _claim(art, words))} == {"denies"}
    for st in art.stances:
        lo, hi = art.claims[st.claim].span
        act = art.attributions[st.attribution]
        assert act.content_span[0] <= lo and hi <= act.content_span[1] or st.stance != "asserts"
    for c in art.claims:
        assert c.origin is None or 0 <= c.origin < len(art.attributions)


@pytest.mark.parametrize(
    "text",
    [
        "A lawsuit filed on Monday claims that the company's safety reports were false.",
        "Claims that four terrorists had crossed the border were not false, he said.",
        "Olsen said Armstrong had failed a drug test. Armstrong said he had never taken banned drugs. "
        "The Tour denied the allegations made by Olsen against Armstrong.",
    ],
)
def test_no_denial_from_a_verb_a_negated_verdict_or_a_name_that_owns_nothing(text: str) -> None:
    art = _run(text)
    denied = [art.claims[s.claim].text for s in art.stances if s.stance == "denies"]
    assert all("Armstrong had failed" in t for t in denied), denied


def test_a_quote_opening_by_calling_the_claims_false_denies_them() -> None:
    art = _run(
        "Dan Olsen claimed that Woods had been suspended for failing a drug test.\n\n"
        "\"These claims are absolutely, unequivocally and completely false. They are unsourced, "
        "unverified and completely ridiculous,\" said Woods' agent, Mark Steinberg."
    )
    suspended = _claim(art, "suspended for failing a drug test")
    assert ("Mark Steinberg", "denies") in {(s[0], s[1]) for s in _stances(art, suspended)}
    assert not any(c.text.startswith("These claims") for c in art.claims)


@pytest.mark.parametrize(
    ("text", "claim", "stance"),
    [
        ("Local residents reported hearing a loud boom Saturday night.",
         "[Local residents] heard a loud boom Saturday night", "asserts"),
        ("Michael Webb admitted to threatening the girl, and hiding her in a laundry basket.",
         "[Michael Webb] threatened the girl, and hid her in a laundry basket", "asserts"),
        ("Scooter Braun has consistently denied being unfair to her.", "[Scooter Braun] was unfair to her", "denies"),
    ],
)  # fmt: skip
def test_reporting_or_denying_doing_a_thing_is_a_claim_that_it_was_done(text: str, claim: str, stance: str) -> None:
    art = _run(text)
    assert {s[1] for s in _stances(art, _claim(art, claim))} == {stance}


def test_a_passive_gerund_or_a_negated_act_claims_nothing() -> None:
    art = _run("Others reported being abruptly logged off the service. He did not deny stopping the car.")
    assert not any(c.text.startswith("[") for c in art.claims), [c.text for c in art.claims]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("The suspect admitted committing the robbery.", "[The suspect] committed the robbery"),
        ("The gunman admitted opening fire on the crowd.", "[The gunman] opened fire on the crowd"),
        ("The suspects admitted stealing the car and being drunk.", "[The suspects] stole the car and were drunk"),
        ("Residents reported overhearing an argument.", "[Residents] overheard an argument"),
    ],
)
def test_a_gerund_is_put_in_the_past_as_written(text: str, claim: str) -> None:
    assert claim in [c.text for c in _run(text).claims]


@pytest.mark.parametrize(
    "text",
    ["Police reported looting in the city.", "Did Smith admit taking the money?", "Smith no longer denies taking the money."],
)
def test_an_event_seen_a_question_or_a_denial_given_up_makes_no_claimant_claim(text: str) -> None:
    assert not any(c.text.startswith("[") for c in _run(text).claims)


def test_a_bracketed_name_reads_as_the_article_writes_it() -> None:
    def said(name: str, type_: str, described: bool = False) -> Attribution:
        speaker = Entity(name, type=type_, described=described)
        return Attribution(kind="indirect", content="x", content_span=(0, 1), speaker=speaker)

    assert name_the_subject("she was there", said("woman", "PERSON", True)) == "[the woman] was there"
    assert name_the_subject("he saw it", said("one witness", "PERSON", True)) == "[one witness] saw it"
    assert name_the_subject("he said no", said("de Blasio", "PERSON")) == "[de Blasio] said no"
    comcast = said("Comcast", "ORG")
    assert name_the_subject("we respect privacy", comcast, frozenset({"Comcast"}), frozenset({"Comcast"})) == (
        "[Comcast] respect privacy"
    )
    pentagon = said("Pentagon", "ORG")
    known = frozenset({"Pentagon"})
    assert name_the_subject("we struck", pentagon, known, bare_names=frozenset()) == "[the Pentagon] struck"
    assert name_the_subject("we struck", pentagon) == "[the Pentagon] struck"  # no text to go by


def test_a_name_written_in_lower_case_takes_no_the_and_a_possessive_no_second_s() -> None:
    def said(name: str) -> Attribution:
        speaker = Entity(name, type="PERSON", described=True)
        return Attribution(kind="indirect", content="x", content_span=(0, 1), speaker=speaker)

    assert name_the_subject("he was right", said("eBay")) == "[eBay] was right"
    assert name_the_subject("his car was there", said("James'")) == "[James'] car was there"
    assert name_the_subject("his car was there", said("man’s")) == "[the man’s] car was there"


def test_an_organisation_that_says_what_it_knows_or_plans_is_the_it() -> None:
    art = _run(
        "The Pentagon said it was reviewing the footage of the strike.\n\n"
        "UBS said it will become the spiritual successor to the iPhone.\n\n"
        "The agency said it didn't take long for reporters to find the man.\n\n"
        "Russia's foreign ministry said it viewed the move as a blow to the peace talks."
    )
    texts = [c.text for c in art.claims]
    assert "[the Pentagon] was reviewing the footage of the strike" in texts
    assert "[Russia's foreign ministry] viewed the move as a blow to the peace talks" in texts
    # what the organisation speaks of, and an "it" that stands for nothing, stay as written
    assert any(t.startswith("it will become the spiritual successor") for t in texts)
    assert any(t.startswith("it didn't take long") for t in texts)


def test_the_writers_i_and_a_joint_sources_he_are_not_the_speaker() -> None:
    art = _run(
        "Dale and Martha disputed that Mike was estranged from them, saying instead he was "
        "\u201cintroverted by nature.\u201d\n\n"
        "I wrote back to them. Ford and Fry replied that I was threatening them with "
        "\u201cthe unsubstantiated beliefs of uncited individuals.\u201d\n\n"
        '"I am glad Mike found caring friends," Dale Ford wrote.'
    )
    texts = [c.text for c in art.claims]
    assert not any(t.startswith(("[Dale", "[Martha", "[Ford", "[Fry")) and "introverted" in t for t in texts), texts
    assert not any(t.startswith("[") and "threatening them" in t for t in texts), texts
    assert "[Dale Ford] is glad Mike found caring friends" in texts  # his own quote's "I" is his


def test_she_in_what_he_said_is_not_the_speaker() -> None:
    art = _run(
        "Interior Minister Nouhad Mashnuq said Dulaimi had been arrested in Lebanon.\n\n"
        "She had been married three times, he said."
    )
    texts = [c.text for c in art.claims]
    assert not any(t.startswith("[Nouhad Mashnuq]") for t in texts), texts


def test_a_prayer_thanks_or_a_wish_in_one_sentence_is_no_claim() -> None:
    art = _run(
        '"We pray for the full recovery of both men," the embassy said.\n\n'
        '"Let\'s face whatever it is together," the ministry said in a statement.\n\n'
        '"Let\'s be clear about ISIL. They have rampaged across cities and villages," Obama said.'
    )
    texts = [c.text for c in art.claims]
    assert not any("full recovery" in t or "face whatever" in t for t in texts), texts
    assert any("rampaged across cities" in t for t in texts)  # a second sentence with a claim stays


def test_an_instruction_a_promise_or_a_hope_is_no_claim() -> None:
    art = _run(
        "Masayoshi Son told WeWork executives to look for new sources of revenue.\n\n"
        'Barack Obama pledged to continue to "do what is necessary" to protect Americans.\n\n'
        "Islamic State claims to have executed James Foley.\n\n"
        "The company said it expects the phone to ship in May."
    )
    texts = [c.text for c in art.claims]
    assert not any(t.startswith("to ") for t in texts), texts
    assert any("executed James Foley" in t for t in texts)  # a claim "to have done" still is one
    assert any("expects the phone to ship in May" in t for t in texts)


def test_review_cases_for_the_twentieth_sessions_claim_rules() -> None:
    art = _run(
        "John Smith was falsely accused of theft by his employer.\n\n"
        "If Jane Roe is accused of fraud, the board will ask her to resign.\n\n"
        "Police said any evidence that the suspect was armed would be released to the public.\n\n"
        '"Thanks to the new vaccine, deaths fell by half last year," the health minister said.\n\n'
        "Officials said there were no indications that the gunman was armed."
    )
    by_text = {c.text: {s.stance for s in art.stances if s.claim == k} for k, c in enumerate(art.claims)}
    assert not any("guilty of" in t for t in by_text), by_text  # false or hypothetical charges
    assert "disputes" not in by_text.get("any evidence that the suspect was armed would be released to the public", set())
    assert any(t.startswith("Thanks to the new vaccine") for t in by_text)
    assert by_text.get("the gunman was armed") == {"disputes"}
    veterans = Attribution(
        kind="indirect", content="x", content_span=(0, 1), speaker=Entity("Veterans' Affairs department", type="ORG")
    )
    assert name_the_subject("we cut it", veterans) == "[the Veterans' Affairs department] cut it"
    # a clause with its own subject after the widened report is not part of its claim
    art = _run(
        "Michelle Obama's face was reportedly blurred by Saudi state television, and the network "
        "refused to comment on the decision."
    )
    assert "Michelle Obama's face was blurred by Saudi state television" in [c.text for c in art.claims]


def test_a_passive_accusation_is_a_claim_and_its_denial_answers_it() -> None:
    art = _run(
        "Julian Assange was accused of rape by a woman following a conference in Stockholm in 2010. "
        "Julian Assange has always denied the allegations.\n\n"
        "Russia and the Syrian government have been accused of blocking the delivery of aid."
    )
    texts = [c.text for c in art.claims]
    assert "Russia and the Syrian government [are guilty of] blocking the delivery of aid" in texts
    rape = texts.index("Julian Assange [is guilty of] rape")
    assert ("Julian Assange", "denies") in {
        (art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == rape
    }


def test_an_unnamed_report_whose_content_is_its_subject_claims_the_whole_clause() -> None:
    art = _run(
        "Michelle Obama's face was reportedly blurred by Saudi state television during the broadcast.\n\n"
        "North Korean leader Kim Jong-un is alleged to be eyeing up Scotland as a holiday destination.\n\n"
        "A third case of plague was reported in a 55-year-old man.\n\n"
        "The original post is alleged to have said: 'Our beloved actor passed away.'"
    )
    texts = [c.text for c in art.claims]
    assert "Michelle Obama's face was blurred by Saudi state television during the broadcast" in texts
    assert "North Korean leader Kim Jong-un is eyeing up Scotland as a holiday destination" in texts
    # an event reported is no hedge, and what a post said is not "the post said"
    assert not any(t.startswith(("A third case", "The original post")) for t in texts), texts


def test_no_evidence_that_a_thing_happened_disputes_it_and_no_proof_leaves_it_unverified() -> None:
    art = _run(
        "Rep. Duncan Hunter said at least 10 Islamic State fighters had been caught crossing the border.\n\n"
        "Intelligence officials said they had no credible evidence to support the theory that militants "
        "are operating next door, nor that they are plotting to cross.\n\n"
        'GlobalPost said there is "no reliable proof that this execution is authentic".\n\n'
        "There was no evidence of drug abuse, police said."
    )
    by_claim = {c.text: {s.stance for s in art.stances if s.claim == k} for k, c in enumerate(art.claims)}
    assert by_claim.get("militants are operating next door") == {"disputes"}
    assert by_claim.get("this execution is authentic") == {"cannot_verify"}
    # no clause, no claim of its own to answer: the words stay the police's statement
    assert by_claim.get("There was no evidence of drug abuse") == {"asserts"}


def test_no_comment_in_so_many_words_withholds_a_stance() -> None:
    art = _run(
        "Christian Bale will play Steve Jobs in the film, Variety reported.\n\n"
        "Sony had no comment. Disney did not respond to a request for comment. "
        "A spokeswoman for Apple said the company had no comment at this time."
    )
    assert [c.text for c in art.claims] == ["Christian Bale will play Steve Jobs in the film"]
    by_speaker = {art.attributions[s.attribution].speaker.name: s.stance for s in art.stances}
    assert by_speaker == {
        "Variety": "asserts", "Sony": "cannot_verify", "Disney": "cannot_verify",
        "spokeswoman for Apple": "cannot_verify",
    }  # fmt: skip


def test_review_cases_for_the_twenty_first_sessions_rules() -> None:
    art = _run(
        "Reports said the singer had posted racist tweets.\n\n"
        '"This is a fake Twitter account," her agent said.\n\n'
        "A spokesman said the firm was looking into whether to sell the unit.\n\n"
        '"We\'re looking into the report," police said. The band has not responded to a request for comment.'
    )
    by_speaker = {art.attributions[s.attribution].speaker.name: s.stance for s in art.stances}
    assert by_speaker.get("her agent") == "denies", by_speaker  # a fake account is a verdict on the story
    assert by_speaker.get("police") == "cannot_verify", by_speaker
    assert by_speaker.get("band") == "cannot_verify", by_speaker
    assert not any(c.text.startswith("to sell") for c in art.claims)


def test_a_retraction_denies_the_retracting_speakers_own_claim() -> None:
    art = _run(
        "The Daily Star reported that a nun gave birth. The newspaper retracted its report.\n\n"
        "Police said the hospital was closed. Corriere della Sera quickly retracted its story."
    )
    by_claim = {c.text: {(art.attributions[s.attribution].speaker.name, s.stance) for s in art.stances if s.claim == k}
                for k, c in enumerate(art.claims)}  # fmt: skip
    assert ("Daily Star", "denies") in by_claim["a nun gave birth"], by_claim
    # a paper that made no claim here takes back nothing the ledger holds
    assert not any(name == "Corriere della Sera" for v in by_claim.values() for name, _ in v), by_claim


def test_looking_into_a_report_has_not_verified_it() -> None:
    art = _run(
        "Islamic State said an American aid worker was killed in a Jordanian air strike.\n\n"
        "American officials said they were looking into the report. US officials had said they were "
        "still investigating to see whether the strike had killed the aid worker."
    )
    assert [c.text for c in art.claims] == ["an American aid worker was killed in a Jordanian air strike"]
    by_speaker = {art.attributions[s.attribution].speaker.name: s.stance for s in art.stances}
    assert by_speaker == {"Islamic State": "asserts", "American officials": "cannot_verify", "US officials": "cannot_verify"}


def test_having_no_indication_of_a_thing_is_not_knowing_of_it() -> None:
    # "We have no indication that …" says what the speaker does not know of, not that it is false;
    # "there is no indication that …" still disputes it.
    art = _run(
        "Some reports said the plane was hijacked and the crew had been taken hostage.\n\n"
        '"We have no indication that the plane was hijacked," a police spokesman said.\n\n'
        '"There is no indication that the crew had been taken hostage," an airline official said.'
    )
    by_claim = {c.text: {s.stance for s in art.stances if s.claim == k} for k, c in enumerate(art.claims)}
    stances = {s for v in by_claim.values() for s in v}
    assert "not_aware" in stances and "disputes" in stances, by_claim
    hijack = next(v for t, v in by_claim.items() if "hijacked" in t)
    assert "not_aware" in hijack and "disputes" not in hijack, by_claim


def test_the_speakers_me_and_my_are_named_in_a_quotation() -> None:
    art = _run(
        'Ryan Roche, 28, drank a gallon of eggnog. "I can\'t tell you how many doctors would walk into '
        'my room," Roche said. "After I was put on antibiotics I was no longer nauseous," he said. '
        '"The nurses told me that I\'m lucky," he said. "Oh my God, it was bad," he added.'
    )
    texts = [c.text for c in art.claims]
    assert "[Ryan Roche] can't tell you how many doctors would walk into [Ryan Roche’s] room" in texts
    assert "After [Ryan Roche] was put on antibiotics [Ryan Roche] was no longer nauseous" in texts
    assert "The nurses told [Ryan Roche] that [Ryan Roche] is lucky" in texts
    assert not any("[Ryan Roche’s] God" in t for t in texts)  # an interjection names no one


def test_an_i_in_a_quotation_is_named_where_the_parse_says_its_verb() -> None:
    art = _run(
        'John Smith leads the union. "The mine was unsafe and my men knew it," said John Smith. '
        '"My wife and I have received threats," Smith said. "Do I have regrets? I think I shot him," '
        'Smith said. "World War I changed everything. I\'d like to go," he said.'
    )
    text = " | ".join(c.text for c in art.claims)
    assert "The mine was unsafe and [John Smith’s] men" in text  # "mine" is a noun as often
    assert "[John Smith’s] wife and I have received" in text  # a shared subject: the parse has no form for it
    assert "[John Smith] thinks [John Smith] shot him" in text  # present agrees, past stays
    assert "Do I have" in text  # not "Do [John Smith] has"
    assert "World War I" in text and "[John Smith] would like to go" in text


def test_the_verbs_an_i_governs_agree_with_the_name_put_in_its_place() -> None:
    art = _run(
        '"I frankly cringe when I hear it," Kurt Volker said.\n\n'
        '"I am committed to the inquiry and am confident in its outcome," Hawk Sawyer said.\n\n'
        '"I personally try to stay out of it," Ann Lee said. "I thought it was over."'
    )
    texts = [c.text for c in art.claims]
    assert "[Kurt Volker] frankly cringes when [Kurt Volker] hears it" in texts
    assert "[Hawk Sawyer] is committed to the inquiry and is confident in its outcome" in texts
    assert "[Ann Lee] personally tries to stay out of it" in texts
    assert "[Ann Lee] thought it was over" in texts  # the past has nothing to change


def test_a_possessive_organisation_takes_no_the() -> None:
    ministry = Attribution(
        kind="indirect", content="x", content_span=(0, 1), speaker=Entity("Russia's foreign ministry", type="ORG")
    )
    assert name_the_subject("we regret it", ministry) == "[Russia's foreign ministry] regret it"
    bank = replace(ministry, speaker=Entity("People's Bank of China", type="ORG"))
    assert name_the_subject("we cut rates", bank) == "[the People's Bank of China] cut rates"


def test_calling_a_statement_false_denies_the_claim_it_made() -> None:
    art = _run(
        "Rep. Duncan Hunter said at least 10 Islamic State fighters were caught crossing the "
        "border into Texas.\n\n"
        'But the Department of Homeland Security has called his statements "categorically false."'
    )
    c = _claim(art, "Islamic State fighters", "into Texas")
    by = {(art.attributions[s.attribution].source, s.stance) for s in art.stances if s.claim == c}
    assert by == {("Rep. Duncan Hunter", "asserts"), ("the Department of Homeland Security", "denies")}
    assert len(art.claims) == 1  # "his statements “categorically false”" is no claim of its own


def test_she_in_the_words_of_one_speaking_as_i_is_someone_else() -> None:
    jiang = Attribution(
        kind="indirect", content="x", content_span=(0, 1), source="I", speaker=Entity("Jiang Li Lung", "PERSON")
    )
    assert name_the_subject("she looked really familiar", jiang) == "she looked really familiar"


def test_what_a_speaker_is_not_aware_of_is_the_claim_answered() -> None:
    """An FNC-1 training body (Reuters): Central Command "said it was not aware of Islamic State
    flying jets in Syria" answers the Observatory's claim; it is no claim of its own."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "fnc1-isis-jets.txt").read_text(encoding="utf-8")
    art = _run(text)
    assert not any("not aware" in c.text for c in art.claims)
    c = _claim(art, "flying the planes", "al-Jarrah")
    by = {(art.attributions[s.attribution].speaker.name, s.stance) for s in art.stances if s.claim == c}  # type: ignore[union-attr]
    assert {("Rami Abdulrahman", "asserts"), ("U.S. Central Command", "not_aware")} <= by


def test_a_topic_not_known_of_leaves_the_sentence_the_claim() -> None:
    art = _run("The minister said he was not aware of the details of the agreement with the union.")
    assert not any(c.text.startswith("the details of the agreement") for c in art.claims)
