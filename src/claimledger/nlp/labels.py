"""Speaker labels: a paragraph "PENCE: Well, look, …" or a headline "Graham: Trump's rhetoric destroying GOP".

Why: transcripts print each turn after its speaker's name and a colon, and
headlines compress "X said Y" to "X: Y".  There is no reporting verb, often
no quote mark, so the quote rules and the parse find no frame; the tagger
learned the form from few examples (PolNeAR dev: 12 of 18 such colons
missed).  The label is as explicit as attribution gets: the colon is the
cue, the name the source, the rest of the paragraph what was said, as
PolNeAR marks it.

A label must name someone: a proper name the recogniser types as a person,
organisation or place, or a capitalised surname of a person the article
names elsewhere ("PENCE" after "Mike Pence").  Section labels ("Why it
matters:", "Editor's note:", "UPDATE:", "Q:") name no one and stay text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from claimledger.model import Attribution
from claimledger.nlp.tweets import unframed

# Paragraph start, an optional opening quote mark, a label of one to five
# words, a colon, then the words said (starting with a letter, a digit or a
# quote mark).
_LABEL = re.compile(
    r"(?m)^[ \t]*(?P<open>[\"“]?)(?P<label>[A-Z][\w.'’&-]*(?:[ \t][\w.'’&-]+){0,4})"
    r"(?P<colon>:)[ \t]+(?P<body>[\w\"“‘'].*)$"
)
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NOT_SPEAKERS = frozenset(
    "note update updated correction clarification source sources photo photos video watch "
    "read related editor editors disclosure transcript q a why what how who when where "
    "background context bottom line big picture flashback driving news the this here "
    "breaking live exclusive opinion analysis warning caption credit image".split()
)


def _names_someone(label: Any, names: frozenset[str], named_turns: Callable[[], int]) -> bool:
    """Is the label a name, all of it, and one the article names again?

    A section head ("Veto Power Impedes Peace Efforts:") is capitalised too,
    and the recogniser may even take it for an organisation.
    """
    words = [t for t in label if not t.is_punct]
    if not words or any(t.lower_ in _NOT_SPEAKERS for t in words):
        return False
    if label.text.isupper():
        # "PENCE": a transcript's label, whose capitals hide it from the recogniser;
        # ``names`` holds people only, so a dateline ("NEW DELHI:") is not one.
        alpha = [t for t in words if t.is_alpha]
        if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in alpha):
            return False  # "WASHINGTON:" is a dateline, even beside a Kent Washington
        return bool(alpha) and all(t.lower_ in names for t in alpha)
    if (
        words[0].lower_ != "the"
        and all(t.is_alpha and t.text[0].isupper() for t in words)
        and _surname_of_someone(words)
        and named_turns() >= 2
    ):
        # "Hunter:" after "Rep. Duncan Hunter": a transcript in ordinary case, its label a
        # surname the recogniser, reading it alone at a paragraph's start, does not type.
        # A transcript has more than one turn; a fact box's "Price:" is one line.
        return True
    if words[0].lower_ == "the":
        words = words[1:]
    ents = {(e.start, e.end) for e in label.doc.ents if e.label_ in _NAME_ENTS}
    if not words or (words[0].i, words[-1].i + 1) not in ents or any(t.pos_ != "PROPN" for t in words):
        return False
    # A speaker is named in the article too; a capitalised section head is not.
    last = words[-1]
    return any(t.lower_ == last.lower_ and t.i != last.i for t in label.doc)


def _named_turns(doc: Doc) -> int:
    """Paragraphs labelled, in ordinary case, with the end of a name the article gives a person."""
    n = 0
    for m in _LABEL.finditer(doc.text):
        span = doc.char_span(*m.span("label"), alignment_mode="contract")
        words = [t for t in span if not t.is_punct] if span is not None else []
        if words and all(t.is_alpha and t.text[0].isupper() for t in words) and _surname_of_someone(words):
            n += 1
    return n


def _surname_of_someone(words: list[Any]) -> bool:
    """Are the words the end of a full name the article gives a person elsewhere ("Duncan Hunter")?

    Not any word of a person's name: a caption's "Serene:" or "Hunt:" may be
    typed a person where it stands.
    """
    want = [t.lower_ for t in words]
    doc = words[0].doc
    return any(
        e.label_ == "PERSON"
        and len(e) > len(want)
        and [t.lower_ for t in e[-len(want) :]] == want
        and not (e.start <= words[-1].i and words[0].i < e.end)
        and not any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in words)
        for e in doc.ents
    )


def _transcript_labels(text: str, names: frozenset[str], doc: Doc) -> frozenset[str]:
    """Capitalised labels of a transcript: once one is a name the article uses, the
    others that recur are its other speakers ("WALLACE:" beside "PENCE:")."""
    caps: dict[str, int] = {}
    for m in _LABEL.finditer(text):
        label = m.group("label")
        words = re.findall(r"[A-Za-z]+", label)
        if label.isupper() and words and len(label.split()) <= 3 and not any(
            w.lower() in _NOT_SPEAKERS for w in words
        ):
            caps[label] = caps.get(label, 0) + 1
    known = any(all(w.lower() in names for w in re.findall(r"[A-Za-z]+", c)) for c in caps)
    return frozenset(c for c, n in caps.items() if n >= 2) if known else frozenset()


def _touches(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def _article_names(doc: Doc) -> frozenset[str]:
    """Lower-cased words of the people the article names in ordinary case (what "PENCE" must be)."""
    return frozenset(
        t.lower_ for e in doc.ents if e.label_ == "PERSON" and not e.text.isupper() for t in e
    )


def label_speakers(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> None:
    """Add each labelled paragraph as a direct statement of its label; drop what it replaces.

    What the tagger and the quote rules made of the paragraph goes when it
    has no source, the label as source, or the colon as cue: the same turn
    read in part ("“WALLACE:" as a quote's content, the label without its
    cue).  An act inside the turn naming a third party stays, as in
    :func:`claimledger.nlp.tweets.sign_posts`.  ``resolve`` maps the label's head token to
    (source tokens, speaker entity).
    """
    names: frozenset[str] | None = None
    counted: list[int] = []

    def turns() -> int:
        # Counted once per article, and only if a label in ordinary case needs it.
        if not counted:
            counted.append(_named_turns(doc))
        return counted[0]

    transcript: frozenset[str] = frozenset()
    added: list[Attribution] = []
    for m in _LABEL.finditer(text):
        colon = m.span("colon")
        lo_l, hi_l = m.span("label")
        label = doc.char_span(lo_l, hi_l, alignment_mode="contract")
        if label is None or not len(label):
            continue
        if names is None:
            names = _article_names(doc)
            transcript = _transcript_labels(text, names, doc)
        if m.group("label") not in transcript and not _names_someone(label, names, turns):
            continue
        lo, hi = m.span("body")
        body = text[lo:hi].rstrip()
        if body.endswith(".") and not body.endswith(".."):
            body = body[:-1]  # PolNeAR leaves a paragraph's closing full stop out
        if len(body.split()) < 2:
            continue
        hi = lo + len(body)
        _, speaker = resolve(label.root)
        para = m.start()
        attributions[:] = [
            a
            for a in attributions
            if not (
                para <= a.content_span[0]
                and a.content_span[1] <= hi + 1
                and (
                    unframed(a)
                    or _touches(a.source_span, (lo_l, hi_l))
                    or _touches(a.cue_span, colon)
                )
            )
        ]
        verbatim = bool(m.group("open")) or label.text.isupper()  # a transcript's turn
        added.append(
            Attribution(
                kind="direct" if verbatim else "indirect",
                content=body,
                content_span=(lo, hi),
                source=label.text,
                source_span=(label.start_char, label.end_char),
                speaker=speaker,
                cue=":",
                cue_span=colon,
                cue_lemma=":",
                cue_class="asserts",
            )
        )
    if added:
        attributions.extend(added)
        attributions.sort(key=lambda a: a.content_span)
