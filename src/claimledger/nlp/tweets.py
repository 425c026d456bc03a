"""Embedded posts: a paragraph signed "— Name (@handle) date" is that account's words.

Why: news pages quote social posts by embedding them, and text extraction
flattens an embed into the post's text followed by its signature line
("— Arvind Kejriwal (@ArvindKejriwal) November 3, 2019").  The post has no
quote marks and its speaker is only in the signature, so the quote rules miss
it and the tagger gives "I urge everyone …" to an unresolved "I".  The
signature is as explicit as attribution gets: the post is a direct statement
of the named account, made on the platform.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from claimledger.model import Attribution, Entity
from claimledger.nlp.speakers import span_text

# "— Name (@handle)" with nothing after it but the post's date, alone on its line.
# Not a byline ("— By John Smith (@jsmith) for Reuters", "— Jane Doe (@jdoe)
# contributed reporting") nor a list of contacts ("- Jane Doe (@jdoe)").
_DATE = (
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8},? \d{4}|\d{4}-\d{2}-\d{2})"
)
_SIGNATURE = re.compile(
    r"(?m)^[ \t]*(?P<dash>[\u2014\u2013]|--)[ \t]*"
    r"(?!(?:by|reporting|contributed|written|edited)\b)"
    r"(?P<name>[^\n()@\u2014\u2013]{2,80}?)[ \t]*\(@(?P<handle>\w{1,30})\)"
    rf"(?:[ \t]+{_DATE})?[ \t.]*$",
    re.I,
)
# Link tails that embeds leave at the end of a post's text.
_LINK_TAIL = re.compile(r"(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))+\s*$")
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def unframed(att: Attribution) -> bool:
    """Read without its frame: no source, or only a first-person one ("I urge …" inside a post)."""
    return att.source is None or att.source.strip().lower() in _FIRST_PERSON


def _body(text: str, end: int) -> tuple[int, int, int] | None:
    """The paragraph just before ``end`` (the signature's start): its start, its end
    with link tails cut, and its end as printed.

    Only the last paragraph: a post of several paragraphs cannot be told from
    the article paragraphs before it, so its earlier ones stay as they were read.
    """
    hi = para_hi = len(text[:end].rstrip())
    if hi == 0 or text[hi - 1] == ":":
        return None  # "Follow our reporters:" introduces a list, not a post
    cut = text.rfind("\n", 0, hi)
    lo = cut + 1 if cut >= 0 else 0
    while lo < hi and text[lo].isspace():
        lo += 1
    tail = _LINK_TAIL.search(text, lo, hi)
    if tail is not None:
        hi = tail.start()
    if hi - lo < 3 or _SIGNATURE.match(text, lo):
        return None
    return lo, hi, para_hi


def sign_posts(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> None:
    """Add each signed post as a direct statement of its account; drop what it replaces.

    An attribution inside the post whose source is missing or a first-person
    pronoun ("I urge …") is the post's own words read without their speaker:
    it goes; one that names a third party inside the post stays.  ``resolve`` maps the name's head token to (source tokens,
    speaker entity), as the rules resolve any source (see
    :func:`claimledger.nlp.combine.passive_sources`).
    """
    added: list[Attribution] = []
    for m in _SIGNATURE.finditer(text):
        body = _body(text, m.start())
        if body is None:
            continue
        lo, hi, para_hi = body
        if any(
            a.content_span[0] < para_hi
            and lo < a.content_span[1]
            and a.source is not None
            and a.source.strip().lower() not in _FIRST_PERSON
            for a in attributions
        ):
            continue  # someone named already says this paragraph: it is the article's, quoting them
        name = m.group("name").strip()
        n_lo = m.start("name")
        n_hi = n_lo + len(m.group("name").rstrip())
        speaker: Entity | None = None
        span = doc.char_span(n_lo, n_hi, alignment_mode="expand")
        if span is not None and len(span):
            speaker = resolve(span.root)[1]
        if speaker is None:
            speaker = Entity(name=name, type="UNKNOWN")
        attributions[:] = [
            a
            for a in attributions
            if not (
                lo <= a.content_span[0]
                and a.content_span[1] <= para_hi
                and unframed(a)
            )
        ]
        added.append(
            Attribution(
                kind="direct",
                content=text[lo:hi],
                content_span=(lo, hi),
                source=span_text(text, list(span)) if span is not None and len(span) else name,
                source_span=(n_lo, n_hi),
                speaker=speaker,
                cue=m.group("dash"),
                cue_span=m.span("dash"),
                cue_lemma="post",
                cue_class="asserts",
                channel=f"@{m.group('handle')}",
            )
        )
    if added:
        attributions.extend(added)
        attributions.sort(key=lambda a: a.content_span)
