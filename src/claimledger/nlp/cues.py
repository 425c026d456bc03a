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
    "acknowledge concede admit tout proclaim mention inform complain reply",
    "confirms": "confirm verify corroborate affirm acknowledge validate",
    "denies": "deny refute contradict disavow dismiss debunk",
    "rejects": "reject dispute challenge rebut counter disagree oppose",
    "accuses": "accuse blame charge allege criticise criticize condemn attack slam",
    "questions": "question ask wonder doubt query",
    "reports": "report according show find reveal indicate disclose cite quote publish "
    "recount chronicle",
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
DECLINE = frozenset({"decline", "refuse", "fail"})
_VERIFY = {"verify", "confirm", "corroborate"}


def _negated(token: Any) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in token.children):
        return True
    # "No US official has yet confirmed …", "Nobody has verified …": a subject of no one.
    for c in token.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (
            c.lower_ in ("nobody", "none") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ):
            return True
    # "did not deny": the negation may hang on an auxiliary.
    return any(c.dep_ == "aux" and any(g.dep_ == "neg" for g in c.children) for c in token.children)


def classify(token: Any) -> str | None:
    """Class of the cue whose head token is ``token`` (a spaCy Token), or None if unknown."""
    lemma = token.lemma_.lower()
    if lemma == "aware" or (token.head is not token and token.head.lemma_.lower() == "aware"):
        word = token if lemma == "aware" else token.head
        if _negated(word) or _negated(word.head):
            return "not_aware"
        return "asserts"
    if lemma in DECLINE:
        # "declined | to comment": the cue's head is "declined", the act withheld is its verb.
        act = next((c for c in token.children if c.dep_ == "xcomp" and c.lemma_.lower() in LEXICON), None)
        if act is not None:
            return classify(act)
    base = LEXICON.get(lemma)
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
    head = token.head if token.dep_ == "xcomp" else None
    if head is not None and head.lemma_.lower() in DECLINE:
        return "cannot_verify" if lemma in _VERIFY or base == "asserts" else "questions"
    if _negated(token):
        if lemma in _VERIFY:
            return "cannot_verify"  # "could not independently verify", "did not confirm"
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
        if head in _INTENT_IF_MODAL and (token.head.tag_ != "VBD" or _negated(token.head)):
            # Only "wanted to emphasise that …", "allowed the witness to testify that …"
            # report an act; "wants to announce", "would allow", "did not want to" do not.
            return True
    return any(c.dep_ == "aux" and c.lower_ in _NOT_YET_AUX for c in token.children)


def classify_span(doc: Any, span: tuple[int, int] | None) -> str | None:
    """Class of a cue given by character offsets: its syntactic head decides."""
    if span is None:
        return None
    cue = doc.char_span(span[0], span[1], alignment_mode="expand")
    if cue is None or len(cue) == 0:
        return None
    # "according to": the first word carries the meaning.
    if cue[0].lower_ == "according":
        return "reports"
    return classify(cue.root)
