"""Cue classes: what a reporting verb says about the speaker's stance.

The ledger needs more than "said": *confirmed*, *denied*, *could not
verify* and *was not aware* are what a fact-checker reads a ledger for.  The
class comes from the cue's lemma (a lexicon kept here, apart from logic) and
is then flipped or qualified by negation and by the modal frame around it
("could not independently verify", "declined to confirm", "did not deny").
"""

from __future__ import annotations

from typing import Any

CUE_CLASSES = (
    "asserts",
    "confirms",
    "denies",
    "rejects",
    "accuses",
    "cannot_verify",
    "not_aware",
    "questions",
    "reports",
    "believes",
)

LEXICON: dict[str, str] = {}
for cls, lemmas in {
    "asserts": "say tell add state insist argue claim assert maintain declare stress "
    "emphasise emphasize note contend write tweet post announce explain predict promise "
    "vow warn call praise describe boast suggest signal pledge repeat reiterate testify "
    "acknowledge concede admit tout proclaim mention inform complain reply respond answer "
    "recall relate assure quip joke confess remark exclaim retort fume specify forecast "
    "caution clarify comment remind hint imply",
    "confirms": "confirm verify corroborate affirm acknowledge validate",
    "denies": "deny refute contradict disavow dismiss debunk recant retract",
    "rejects": "reject dispute challenge rebut counter disagree oppose",
    "accuses": "accuse blame charge allege criticise criticize condemn attack slam insinuate",
    "questions": "question ask wonder doubt query",
    "reports": "report according show find reveal indicate disclose cite quote publish "
    "recount chronicle conclude relay reportedly",
    "believes": "believe think feel expect hope fear suspect estimate consider guess assume "
    "speculate",
}.items():
    for lemma in lemmas.split():
        LEXICON.setdefault(lemma, cls)

# Verbs whose particle makes them reporting verbs: "ruled out Taliban involvement",
# "pointed out that …", "pushed back on the claim".
_PHRASAL: dict[tuple[str, str], str] = {
    ("rule", "out"): "denies",
    ("point", "out"): "asserts",
    ("push", "back"): "rejects",
    ("shoot", "down"): "rejects",
    ("brush", "aside"): "rejects",
    ("brush", "off"): "rejects",
    ("play", "down"): "rejects",
    ("speak", "out"): "asserts",
}
for _lemma in "denounce decry".split():
    LEXICON.setdefault(_lemma, "accuses")

_NEGATIONS = {"not", "n't", "never", "no"}
_QUOTE_MARKS = frozenset('"“”')
_CLOSING_PUNCT = frozenset({",", ".", "!", "?", "…", "—"})
# Verbs that frame a quotation without saying anything themselves: "…,” Menear
# continued.", "“They’re rats!” the editor laughed."  Only for a direct quote:
# "fires have continued" and "he laughed it off" state nothing.
_QUOTE_FRAMES = frozenset("continue laugh chuckle smile sigh sing shout chant".split())
DECLINE = frozenset({"decline", "refuse", "fail"})
_VERIFY = {"verify", "confirm", "corroborate"}


def negated_act(token: Any) -> bool:
    """Is the act negated ("did not say", "never said", "nothing … suggests")?  Then it
    neither asserts nor denies what follows (claims.py reads no stance from it)."""
    if any((c.dep_ == "neg" or c.lower_ in _NEGATIONS) and not _quoted_apart(c, token) for c in token.children):
        return True
    # "No US official has yet confirmed …", "Nobody has verified …": a subject of no one.
    for c in token.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (
            c.lower_ in ("nobody", "none", "nothing")
            or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ):
            return True
    # "There was no immediate way to verify the claim", "It was not possible to confirm":
    # the infinitive of a way that is not there.
    head = token.head
    infinitive = any(t.tag_ == "TO" for t in token.children)
    if token.dep_ in ("relcl", "acl", "xcomp") and head.i != token.i and infinitive:
        if head.pos_ == "NOUN" and any(d.dep_ == "det" and d.lower_ == "no" for d in head.children):
            return True
        if head.lemma_.lower() == "be" and any(c.dep_ == "neg" for c in head.children) and any(
            c.dep_ == "acomp" and c.lemma_.lower() in ("possible", "able") for c in head.children
        ):
            return True
        if head.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lower_ in _CANNOT for c in head.children
        ):
            return True  # "It is impossible to verify the claim"
        if head.pos_ == "ADJ":
            # "Reuters was unable to confirm", "was not able to confirm": the parse hangs the
            # verb on the adjective, the negation on the copula above it.
            if head.lower_ in _CANNOT:
                return True
            if head.lower_ in ("able", "possible") and any(
                c.dep_ == "neg" for c in (*head.children, *(head.head.children if head.dep_ == "acomp" else ()))
            ):
                return True
    # "did not deny": the negation may hang on an auxiliary.
    return any(c.dep_ == "aux" and any(g.dep_ == "neg" for g in c.children) for c in token.children)


def _other_sense(token: Any, lemma: str) -> bool:
    """A reporting verb used in a sense that reports nothing.

    "a script called “Wild Rose”", "they called an ambulance", "called 911",
    "called an election" (but "called Putin a “very smart” man", "called the
    claim false", "called for a ceasefire", "called them out"); "had admitted
    1.4 million refugees", "was admitted to hospital" (but "admitted that …",
    "admitted two counts of fraud"); "did not respond to a request for
    comment", "to answer this question" (but "responded that …", "“…,” he
    replied with a smile", "replied to the letter, saying …"); "Police found
    the girl in a basket" (but "the CDC found higher rates", "found no evidence");
    "the epidemic has claimed thousands of lives" (but "claimed responsibility");
    "asked them to hand themselves in", "asked for a news blackout" (but "asked
    whether …", "asked about this claim").
    """
    if lemma not in _OTHER_SENSES:
        return False
    deps = {c.dep_ for c in token.children}
    if lemma == "say":
        if token.dep_ == "advcl" and any(c.dep_ == "auxpass" for c in token.children) and any(
            c.dep_ == "nsubjpass" and c.lower_ in ("that", "this") for c in token.children
        ):
            return True  # "That being said, …": a discourse marker
        head = token.head
        adjective = head if head.dep_ == "acomp" else next(
            (c for c in head.children if c.dep_ == "acomp"), None
        )
        return (
            token.dep_ == "xcomp"
            and adjective is not None
            and adjective.lemma_.lower() in _HARD_TO_SAY
            and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in adjective.head.children)
        )  # "It's hard to say who's right", "it is too early to say whether …": no one says
    if lemma == "assure":
        # "the company had been assured that …", "rest assured": the one assured says nothing
        return (
            "nsubjpass" in deps
            or token.dep_ in ("acomp", "amod")
            or token.tag_ == "JJ"
            or token.head.lemma_.lower() == "rest"
        )
    if (
        lemma == "call"
        and token.dep_ == "acl"
        and token.tag_ == "VBN"
        and token.head.dep_ != "ROOT"
        and token.head.pos_ == "NOUN"  # "Trump called Putin a “very smart” man" is parsed so too
    ):
        # naming: "an app called …" ("A 2013 report called New York City “the capital”" is
        # parsed so too, but as the sentence's only verb)
        return True
    if lemma == "ask":
        # "asked the pair to keep it safe", "asked for a news blackout": a request, nothing
        # questioned ("asked whether …", "asked about this claim", '"Is he …?" she asks' are
        # questions)
        if _quote_in_clause(token) or any(
            t.lower_ in ("whether", "if") or t.tag_ in ("WDT", "WP", "WRB")
            for c in token.children
            if c.dep_ in ("xcomp", "ccomp", "advcl")
            for t in c.subtree
        ):
            return False
        return "xcomp" in deps or any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children)
    if deps & {"ccomp", "oprd", "xcomp", "attr", "acomp"} or _quote_in_clause(token):
        return False
    if lemma == "call":
        if any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "out") for c in token.children):
            return False
        return any(
            c.dep_ == "dobj" and (c.like_num or c.pos_ == "PRON" or c.lemma_.lower() in _CALLED_IN)
            for c in token.children
        )
    if lemma in _SHARING:
        # "posted a photo of a man in Arab garb", "tweeted a picture of himself", "a video
        # showing his young son": an image shared, nothing said ("posted that …" says).
        images = _FILMED if lemma == "show" else _IMAGES  # "showed a picture of an economy in decline"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in images for c in token.children)
    if lemma == "claim":
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            # "the lives of 12 people", "thousands of lives"
            of = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
            if any(t.lemma_.lower() in _CLAIMED_TAKEN for t in (obj, *of)):
                return True
        return False
    if lemma == "admit":
        if "nsubjpass" in deps:
            return True  # "was admitted to hospital"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _ADMITTED_IN for c in token.children)
    if lemma == "find":
        if any(c.dep_ == "dobj" and c.lemma_.lower() in _FOUND_OUT for c in token.children):
            return False
        # "Police found the girl in a basket", "a family friend found the car": a search,
        # not a finding.
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        searcher = subject is not None and (
            subject.ent_type_ == "PERSON" or subject.pos_ == "PRON" or subject.lemma_.lower() in _SEARCHERS
        )
        return "dobj" in deps and searcher
    if lemma in ("respond", "answer", "reply"):
        if _quote_in_clause(token, before=True):
            return False  # "“Absolutely,” she replied with a smile"
        negated = negated_act(token)
        says = any(c.dep_ == "advcl" and c.lemma_.lower() in LEXICON for c in token.children) or any(
            c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.lemma_.lower() in LEXICON for g in c.children)
            for c in token.children
        )
        if says and not negated:
            return False  # "replied to the letter, saying …", "responded … by saying that …"
        # "did not respond to a request for comment": no answer, no stance
        return "dobj" in deps or negated or any(
            c.dep_ == "prep" and c.lower_ in ("to", "with") for c in token.children
        )
    return False


# A report noun its speaker calls false ("the bogus claim that …"): a denial, see classify.
_REPORT_NOUNS = frozenset("claim report rumor rumour story allegation assertion suggestion".split())
_CALLED_FALSE = frozenset("bogus false fake baseless unfounded groundless fabricated erroneous phony".split())
# What "called the report …" may call it, for a denial: false, a hoax, nonsense.
_VERDICT_WORDS = _CALLED_FALSE | frozenset(
    "untrue inaccurate incorrect misleading wrong nonsense rubbish ridiculous absurd lie lies hoax"
    " fiction fabrication garbage".split()
)
# What is called so: a report or a statement, or a pronoun standing for one ("called it a
# hoax"), not a person ("called the healer a fake" accuses the healer).
_CALLED_THINGS = _REPORT_NOUNS | frozenset(
    "statement remark comment accusation account article tweet post speculation reporting"
    " news idea notion theory it this that these those they".split()  # "them": lemma "they"
)
_NAMING_VERBS = frozenset({"call", "describe", "label", "brand", "term", "dismiss"})
# Reporting verbs with another sense, the only ones _other_sense has to read.
_CANNOT = frozenset({"unable", "impossible", "incapable"})
_HARD_TO_SAY = frozenset("hard difficult impossible tough tricky early premature".split())
_SHARING = frozenset({"post", "tweet", "publish", "show"})
_FILMED = frozenset("photo photograph footage video clip selfie snapshot still".split())
_IMAGES = _FILMED | frozenset("picture pic image snap gif meme".split())
_OTHER_SENSES = frozenset(
    {"call", "admit", "find", "respond", "answer", "reply", "assure", "claim", "say", "ask"} | _SHARING
)
# What is claimed as taken or won, not as said: "has claimed thousands of lives",
# "claimed the title" ("claimed responsibility" and "claimed victory" still claim something).
_CLAIMED_TAKEN = frozenset(
    """life victim title prize seat crown trophy medal championship spot place share land
    territory throne""".split()
)
# What one "continues to" do that is saying something.
_GO_ON_SAYING = frozenset(
    "deny insist maintain claim say argue reject dispute assert question doubt defend".split()
)
# What one calls in, up or together: no act of saying.
_CALLED_IN = frozenset(
    "ambulance police team doctor cab taxi meeting election vote strike halt time end number".split()
)
# Whom a country, hospital or school admits.
_ADMITTED_IN = frozenset(
    """refugee patient student people migrant immigrant member visitor child applicant
    seeker""".split()
)
# What a finding is of: "we have found no evidence to corroborate this claim".
_FOUND_OUT = frozenset("evidence sign proof indication link trace connection".split())
# Who finds things, not facts.
_SEARCHERS = frozenset(
    """police officer friend family relative neighbour neighbor rescuer searcher deputy
    firefighter diver hiker resident passer-by passerby worker crew team""".split()
)


def _quote_in_clause(token: Any, before: bool = False) -> bool:
    """A quotation mark in the verb's own clause, after it (or before it).

    "called the decision “a landmark”"; the clause ends at the sentence's end
    or at a conjunction that starts another: in "called an ambulance and the
    officer said “…”" the quotation is the officer's.
    """
    doc = token.doc
    if before:
        # the frame of a quotation just closed: "“Absolutely,” she replied"
        for i in range(token.i - 1, max(token.i - 6, 0) - 1, -1):
            if doc[i].text in _QUOTE_MARKS:
                return i > 0 and doc[i - 1].text in _CLOSING_PUNCT
            if doc[i].is_sent_start and doc[i].text not in _QUOTE_MARKS:
                return False
        return False
    for t in doc[token.i + 1 :]:
        if t.is_sent_start or (t.dep_ in ("cc", "conj") and t.head.i == token.i):
            return False
        if t.text in _QUOTE_MARKS:
            return True
    return False


def _quoted_apart(word: Any, verb: Any) -> bool:
    """Is the negation the quotation's, not the verb's?

    "“… ‘No, you first,’” Apte said": a quotation mark stands between the
    "No" and "said", whatever the parse hangs it on.  A verb in scare quotes
    keeps its negation: "has not “confirmed” that …".
    """
    lo, hi = sorted((word.i, verb.i))
    doc = word.doc
    # Scare quotes open right before the verb and close right after it ("“said”", not the
    # "”" that ends a quotation before "said Smith").
    wrapped = (
        0 < verb.i < len(doc) - 1
        and doc[verb.i - 1].text in _QUOTE_MARKS
        and doc[verb.i + 1].text in _QUOTE_MARKS
        and doc[verb.i - 1].text != "”"
    )
    return not wrapped and any(t.text in _QUOTE_MARKS for t in doc[lo + 1 : hi])


def _called_false(verb: Any) -> bool:
    """Does ``verb`` call a report, a statement or "it" false: its object one, its verdict another?"""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in _CALLED_THINGS:
        return False
    verdicts = [c for c in verb.children if c.dep_ == "oprd"]
    verdicts += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    verdicts += [c for v in list(verdicts) for c in v.children if c.dep_ == "conj"]
    return any(v.lemma_.lower() in _VERDICT_WORDS or v.lower_ in _VERDICT_WORDS for v in verdicts)


def classify(token: Any) -> str | None:
    """Class of the cue whose head token is ``token`` (a spaCy Token), or None if unknown."""
    if token.dep_ == "amod" and (token.i == 0 or token.doc[token.i - 1].pos_ not in ("PROPN", "NOUN", "PRON")):
        # "most confirmed cases", "the alleged attack", "said customer": no act ("Google
        # promised players …" is an act the parser read as an adjective)
        return None
    lemma = token.lemma_.lower()
    if lemma == "aware" or (token.head is not token and token.head.lemma_.lower() == "aware"):
        word = token if lemma == "aware" else token.head
        if negated_act(word) or negated_act(word.head):
            return "not_aware"
        return "asserts"
    if lemma in DECLINE or lemma == "continue":
        # "declined | to comment", "continued | to deny the report": the cue's head is the
        # first verb, the act withheld or continued is its complement ("continued to attack
        # communities" is no accusation: only verbs of saying go on).
        acts = LEXICON if lemma in DECLINE else _GO_ON_SAYING
        act = next((c for c in token.children if c.dep_ == "xcomp" and c.lemma_.lower() in acts), None)
        if act is not None:
            return classify(act)
    if (
        token.pos_ == "NOUN"
        and lemma in _REPORT_NOUNS
        and any(c.dep_ == "amod" and c.lower_ in _CALLED_FALSE for c in token.children)
        and not any(c.dep_ in ("poss", "agent") or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in token.children)
    ):
        # "NASA denies both the tweet and the bogus claim that …": the one who calls it
        # bogus denies it; no one here claims it.  "Trump's false claim that …" is still
        # Trump's claim: the writer calls it false.
        return "denies"
    withheld = token.dep_ == "xcomp" and token.head.lemma_.lower() in DECLINE
    if lemma in _NAMING_VERBS and not withheld and not _yet_to(token) and _called_false(token):
        # "DHS has called his statements “categorically false”", "Police called the rumours
        # a hoax", "described the report as inaccurate": a verdict on what was said.
        return "reports" if negated_act(token) else "denies"
    if lemma == "remind" and not any(c.dep_ == "ccomp" for c in token.children):
        return None  # "remind the audience of …": no clause reminded of, nothing said
    base = LEXICON.get(lemma)
    if base is not None and _other_sense(token, lemma):
        return None
    if base is None:
        # The parser labels some particles as adverbs ("pushed | back", "brushed | aside"):
        # the word right after the verb counts either way.
        particle = next(
            (
                c.lower_
                for c in token.children
                if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == token.i + 1)
            ),
            None,
        )
        base = _PHRASAL.get((lemma, particle)) if particle else None
    if base is None and token.lower_ == "according":
        base = "reports"
    if base is None:
        return None
    # "declined to confirm", "refused to comment": the speaker withheld a stance.
    if withheld:
        return "cannot_verify" if lemma in _VERIFY or base == "asserts" else "questions"
    if _withheld_pair(token):
        # "declined to confirm or deny", "would neither confirm nor deny": no denial.
        return "cannot_verify"
    if _yet_to(token):
        # "has yet to confirm", "is yet to confirm": not done, so not confirmed
        return "cannot_verify" if lemma in _VERIFY else "reports"
    if negated_act(token):
        if lemma in _VERIFY or lemma == "comment":
            # "could not independently verify", "did not confirm"; "would not comment on
            # the reports" withholds a stance as "declined to comment" does
            return "cannot_verify"
        # "did not deny", "did not say whether": neither a denial nor an assertion.
        return "reports"
    if _not_yet(token):
        return None
    return base


# "is set to announce", "plans to confirm": an act planned, not one that took place.
_INTENT = frozenset("set plan hope expect intend aim schedule prepare seek going".split())
# "would allow leaders to claim", "wants to announce": not (yet) done; but
# "wanted to emphasise that …", "tried to explain that …" report what was said.
_INTENT_IF_MODAL = frozenset("want wish try allow let enable".split())
_NOT_YET_AUX = frozenset({"will", "'ll", "shall", "may", "might", "could", "should"})


def _yet_to(token: Any) -> bool:
    """ "has yet to confirm", "is yet to confirm" (a "Yet" opening the sentence is no such thing)."""
    first = token.head if token.dep_ == "conj" else token
    head = first.head if first.dep_ == "xcomp" else None
    return (
        head is not None
        and head.lemma_.lower() in ("have", "be")
        and any(c.lower_ == "yet" and head.i < c.i < first.i for c in head.children)
    )


def _withheld_pair(token: Any) -> bool:
    """ "confirm or deny" after "declined to" or "has yet to", or under "neither … nor"."""
    first = token.head if token.dep_ == "conj" else token
    pair = {first.lemma_.lower(), *(c.lemma_.lower() for c in first.children if c.dep_ == "conj")}
    if not {"confirm", "deny"} <= pair:
        return False
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children):
        return True
    return first.dep_ == "xcomp" and (first.head.lemma_.lower() in DECLINE or _yet_to(first))


def _not_yet(token: Any) -> bool:
    """Is the act only planned, hoped for or possible?  Then it states nothing yet.

    "The company is set to announce the terms on Wednesday" made a claim of
    the announcement, and the outlet reporting it a confirmation of it.
    ("would" is left alone: "a spokesman would only say that …" reports what
    was said.)
    """
    infinitive = token.dep_ == "xcomp" or (
        token.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )
    if infinitive:
        head = token.head.lemma_.lower()
        if head in _INTENT:
            return True
        if head in _INTENT_IF_MODAL and (token.head.tag_ != "VBD" or negated_act(token.head)):
            # Only "wanted to emphasise that …", "allowed the witness to testify that …"
            # report an act; "wants to announce", "would allow", "did not want to" do not.
            return True
    return any(c.dep_ == "aux" and c.lower_ in _NOT_YET_AUX for c in token.children)


def classify_span(doc: Any, span: tuple[int, int] | None, direct: bool = False) -> str | None:
    """Class of a cue given by character offsets: its syntactic head decides.

    ``direct``: the cue frames a quotation, so a verb of manner ("laughed",
    "continued") is the act of saying it.
    """
    if span is None:
        return None
    cue = doc.char_span(span[0], span[1], alignment_mode="expand")
    if cue is None or len(cue) == 0:
        return None
    # "according to": the first word carries the meaning.
    if cue[0].lower_ == "according":
        return "reports"
    root = cue.root
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in root.children):
        return None  # "If her death is confirmed, …", "If Cook actually said …": no one did
    found = classify(root)
    lemma = root.lemma_.lower()
    if found is None and direct and (lemma in _QUOTE_FRAMES or lemma == "read") and not negated_act(root):
        # "continued to insist" is no frame; "“…,” the statement read" (what a text says, its
        # issuer's words) is one, "he read the statement aloud" is not
        blocking = ("xcomp", "dobj") if lemma == "read" else ("xcomp",)
        if not any(c.dep_ in blocking for c in root.children):
            return "asserts"
    return found
