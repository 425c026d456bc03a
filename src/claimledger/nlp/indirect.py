"""Indirect and non-verbal attributions: reported speech without quote marks.

Most attributions in news are not quotes: "Trump has repeatedly said he could
resolve the war", "the Kremlin confirmed Wednesday", "Peskov rejected
Woodward's claim that …", "NBC News could not independently verify this",
"the book claims that …".  These rules read them off the parse: a reporting
verb (or a claim noun) with a clausal complement or an object is the cue,
its subject the source, the complement the content.  The speaker resolver
is the one the quote rules use, so "he" and "the journalist" resolve alike.
Attributions reported inside another's content get it as ``parent``.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc, Token

from claimledger.model import Attribution
from claimledger.nlp.cues import DECLINE, LEXICON
from claimledger.nlp.quotes import (
    MANNER_NOUNS,
    STRONG_CUES,
    WORK_NOUNS,
    _channel_manner_time,
    _find_speaker,
    _Index,
    _Resolver,
    prepare,
    quotes_in,
)
from claimledger.nlp.speakers import (
    RESOLVABLE_PRONOUNS,
    name_words,
    root_token,
    source_head,
    span_text,
)

log = logging.getLogger(__name__)

# Verbs whose object is what they report on ("denied the reporting", "verify this").
OBJECT_CUES = frozenset(
    "deny confirm verify reject dispute refute question report claim allege corroborate "
    "contradict dismiss acknowledge admit announce reveal disclose".split()
)
# Nouns that name a claim and carry its content in a that-clause ("Woodward's claim that …").
CLAIM_NOUNS = frozenset(
    "claim allegation assertion statement suggestion contention insistence denial report "
    "argument accusation charge warning promise".split()
)
_CONTENT_DEPS = ("ccomp",)
_MIN_CONTENT_TOKENS = 2


def _subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _content_tokens(cue: Token) -> tuple[int, int] | None:
    """Token range [lo, hi) of what ``cue`` reports, or None."""
    for child in cue.children:
        if child.dep_ in _CONTENT_DEPS:
            lo, hi = _subtree_span(child)
            # Keep a leading "that" (PolNeAR does); drop a trailing comma or dash.
            mark = [c for c in child.children if c.dep_ == "mark" and c.i == lo]
            if not mark and lo > 0 and cue.doc[lo - 1].lower_ == "that" and cue.doc[lo - 1].head == child:
                lo -= 1
            return lo, hi
    obj = _object(cue)
    if obj is not None:
        lo, hi = _subtree_span(obj)
        # "the reporting in an interview with ABC News": the interview is the channel.
        for child in obj.children:
            if child.dep_ == "prep" and child.i > obj.i and _is_channel_prep(child):
                hi = min(hi, child.left_edge.i)
        return lo, hi
    return None


def _object(cue: Token) -> Token | None:
    if cue.lemma_.lower() not in OBJECT_CUES:
        return None
    return next(
        (c for c in cue.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN", "PRON")),
        None,
    )


def _is_channel_prep(prep: Token) -> bool:
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return obj is not None and (
        obj.lemma_.lower() in MANNER_NOUNS or (prep.lower_ == "to" and obj.pos_ == "PROPN")
    )


def _shared_subject(cue: Token) -> Token | None:
    """ "The Kremlin confirms … and denies …": a conjoined verb without a subject shares its head's.

    The parser often hangs the second verb on the nearest verb instead, the
    one inside the first act's content ("confirms Trump sent X and denies
    Y": "sent … and denies").  When the second verb agrees in form with the
    reporting verb above ("confirms … denies") and not with the verb it hangs
    on ("sent"), the two reporting verbs are the coordinated pair and share
    the reporting verb's subject.
    """
    if cue.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    head = cue.head
    above = head.head
    if (
        head.dep_ == "ccomp"
        and above.i != head.i
        and _is_cue_verb(above)
        and cue.tag_ == above.tag_
        and cue.tag_ != head.tag_
    ):
        head = above
    return next((c for c in head.children if c.dep_ == "nsubj"), None)


def _trim_range(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    while hi > lo and (doc[hi - 1].is_punct and doc[hi - 1].text in ",;:—–-" or doc[hi - 1].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_space or doc[lo].text in ",;:—–-"):
        lo += 1
    return lo, hi


def _is_cue_verb(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "ADJ" and tok.lemma_ == "aware"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in STRONG_CUES or lemma in LEXICON


def indirect_in(idx: _Index, resolver: _Resolver, taken: list[Attribution]) -> list[Attribution]:
    """Attributions without quote marks, skipping cues the quote rules already used."""
    doc = idx.doc
    text = idx.text
    used = {a.cue_span[0] for a in taken if a.cue_span}
    quoted = [a.content_span for a in taken]
    out: list[Attribution] = []
    for tok in doc:
        if idx.masked[tok.i] or tok.idx in used:
            continue
        if tok.lower_ == "according":
            att = _according(idx, resolver, tok, quoted)
            if att is not None:
                out.append(att)
            continue
        is_noun_cue = tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIM_NOUNS
        if not (is_noun_cue or _is_cue_verb(tok)):
            continue
        if is_noun_cue:
            clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                           and any(m.lower_ == "that" for m in c.children)), None)
            if clause is None:
                continue
            rng = _subtree_span(clause)
            lo = rng[0] - 1 if rng[0] > 0 and doc[rng[0] - 1].lower_ == "that" else rng[0]
            rng = (lo, rng[1])
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None:
                continue  # "the statement that …" names no one: the quote rules hold it
        else:
            found = _content_tokens(tok)
            if found is None:
                continue
            rng = found
            owner = _shared_subject(tok) or _find_speaker(idx, tok)
        plo, phi = idx.para_bounds(idx.para_of(tok.i))
        lo, hi = _trim_range(doc, max(rng[0], plo), min(rng[1], phi))
        if hi - lo < _MIN_CONTENT_TOKENS and not (hi - lo == 1 and doc[lo].pos_ in ("PRON", "NOUN")):
            continue
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
        # The quote rules already hold this content with this speaker: nothing to add.
        if any(qs <= start and end <= qe for qs, qe in quoted):
            continue
        att = Attribution(kind="indirect", content=text[start:end], content_span=(start, end))
        if any(start <= qs and qe <= end for qs, qe in quoted):
            att.kind = "mixed"
        if owner is not None:
            src = resolver.source(owner)
            toks = src.span_tokens
            if toks:
                att.source = span_text(text, toks)
                att.source_span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
                att.speaker = src.entity
        att.cue = tok.text
        att.cue_span = (tok.idx, tok.idx + len(tok.text))
        att.cue_lemma = tok.lemma_.lower()
        if not is_noun_cue:
            extra = tuple(h for h in (_object(tok), tok.head if tok.dep_ == "conj" else None) if h)
            att.channel, att.manner, att.time = _channel_manner_time(idx, tok, extra)
        out.append(att)
    return out


def _according(
    idx: _Index, resolver: _Resolver, tok: Token, quoted: list[tuple[int, int]]
) -> Attribution | None:
    """ "According to officials, the talks failed": the rest of the clause is the content."""
    doc = idx.doc
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
    if to is None:
        return None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    head = tok.head if tok.head.i != tok.i else None
    if obj is None or head is None:
        return None
    a_lo, a_hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i) + 1
    h_lo, h_hi = head.left_edge.i, head.right_edge.i + 1
    sent = tok.sent
    h_lo, h_hi = max(h_lo, sent.start), min(h_hi, sent.end)
    # The content is the head clause on the longer side of the "according to" phrase.
    left, right = (h_lo, a_lo), (a_hi, h_hi)
    lo, hi = _trim_range(doc, *(right if right[1] - right[0] >= left[1] - left[0] else left))
    if hi - lo < _MIN_CONTENT_TOKENS:
        return None
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    if any(qs <= start and end <= qe for qs, qe in quoted):
        return None
    att = Attribution(kind="indirect", content=idx.text[start:end], content_span=(start, end))
    src = resolver.source(obj)
    toks = src.span_tokens
    if toks:
        att.source = span_text(idx.text, toks)
        att.source_span = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
        att.speaker = src.entity
    att.cue = idx.text[tok.idx : to.idx + len(to.text)]
    att.cue_span = (tok.idx, to.idx + len(to.text))
    att.cue_lemma = "according to"
    return att


def link_parents(attributions: list[Attribution]) -> None:
    """Give each attribution reported inside another's content that one as ``parent``.

    "Woodward says in the book that senior adviser Jason Miller told him …":
    Miller's cue lies inside Woodward's content, so Woodward's is the parent.
    The innermost enclosing content wins.
    """
    for i, att in enumerate(attributions):
        anchor = att.cue_span or att.source_span
        if anchor is None:
            continue
        best: tuple[int, int] | None = None
        for j, other in enumerate(attributions):
            if j == i or other.parent == i:
                continue
            cs, ce = other.content_span
            if cs <= anchor[0] and anchor[1] <= ce and not (cs <= att.content_span[0] < att.content_span[1] <= ce and other.content_span == att.content_span):
                size = ce - cs
                if best is None or size < best[0]:
                    best = (size, j)
        att.parent = best[1] if best else None


def rule_attributions(idx: _Index, resolver: _Resolver) -> list[Attribution]:
    """Quotes first (their frames are the most reliable), then indirect speech."""
    quotes = quotes_in(idx, resolver)
    return quotes + indirect_in(idx, resolver, quotes)


def extract_attributions(doc: Doc, *, text: str | None = None) -> list[Attribution]:
    """The rules alone, in text order, with parents linked."""
    idx, resolver = prepare(doc, text)
    found = rule_attributions(idx, resolver)
    found.sort(key=lambda a: (a.content_span[0], a.content_span[1]))
    link_parents(found)
    return found


def enrich(idx: _Index, resolver: _Resolver, attributions: list[Attribution]) -> None:
    """Give spans found elsewhere (the tagger's) the rules' speaker and frame.

    The speaker comes from the same resolver the rules use, so a tagged
    "he" or "the journalist" resolves through the article's chain of
    mentions; channel, manner and time are read off the cue's parse.
    """
    doc = idx.doc
    for att in attributions:
        try:
            _enrich_one(idx, resolver, doc, att)
        except Exception:  # a rule gap on one odd span must not cost the article its attributions
            log.debug("could not enrich %r", att.content[:60], exc_info=True)


def _enrich_one(idx: _Index, resolver: _Resolver, doc: Doc, att: Attribution) -> None:
    if att.source_span is not None:
        head = source_head(doc, att.source_span)
        if head is not None and not idx.masked[head.i]:
            src = resolver.source(head)
            if src.entity is not None:
                att.speaker = src.entity
    if att.cue_span is not None and att.channel is None and att.manner is None:
        cue = root_token(doc, att.cue_span)
        if cue is not None and cue.pos_ in ("VERB", "AUX"):
            obj = _object(cue)
            # "declined to comment on the pricing to Reuters": the addressee hangs on "comment"
            # (not "promised to stand with Ukraine": Ukraine was not told anything).
            xcomp = (
                next((c for c in cue.children if c.dep_ == "xcomp"), None)
                if cue.lemma_.lower() in DECLINE
                else None
            )
            extra = tuple(h for h in (obj, cue.head if cue.dep_ == "conj" else None, xcomp) if h)
            att.channel, att.manner, att.time = _channel_manner_time(idx, cue, extra)


def resolve_pronouns_in_order(
    idx: _Index, resolver: _Resolver, attributions: list[Attribution]
) -> None:
    """Resolve every "he"/"she"/"they" source again, in text order, with the whole article registered.

    The rules find quotes before indirect speech, so a quote's "he" was
    first resolved before the sources of the reported speech before it were
    known ("an AutoNation spokesman denied …. "…," he said" went to a man
    named further back).  Read again in text order, each pronoun sees every
    source before it, and each resolved pronoun is, in turn, the antecedent
    the next one sees.
    """
    doc = idx.doc
    sourced = [(a.source_span[0], k, a) for k, a in enumerate(attributions) if a.source_span is not None]
    for _, _, att in sorted(sourced, key=lambda t: t[:2]):
        try:
            head = source_head(doc, att.source_span)  # type: ignore[arg-type]
            if head is None or head.pos_ != "PRON" or head.lower_ not in RESOLVABLE_PRONOUNS:
                continue
            if idx.masked[head.i]:
                continue
            entity = resolver.source(head).entity
            if entity is not None:
                att.speaker = entity
        except Exception:  # one odd span must not cost the article its attributions
            log.debug("could not resolve %r again", att.source, exc_info=True)


_THING_TYPES = frozenset({"ORG", "GPE", "WORK"})


def resolve_it_in_order(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """"…,” the Swedish Prosecution Authority said. “…,” it added.": the organisation that just spoke.

    An "it" the parse leaves unresolved (its antecedent is a speaker, not the
    subject of the sentence before) is the organisation, place or document
    whose act comes right before it, in the same paragraph or the one before.
    Only an "it" that is the subject of its act ("It would be wrong to say"
    says nothing); a person in between, another subject in between ("Al-Nusra
    issued a statement. It described her …", "The new law took effect. It
    says …"), or no speaker at all ("To start, it confirms recent polling")
    leaves it as it is.
    """
    if not any((a.source or "").strip().lower() == "it" and a.speaker is None for a in attributions):
        return
    subjects = [
        t.idx
        for t in doc
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in _TIME_ENTS
    ]
    sourced = sorted(
        (a for a in attributions if a.source_span is not None),
        key=lambda a: a.source_span[0],  # type: ignore[index]
    )
    last: Attribution | None = None
    for att in sourced:
        start = att.source_span[0]  # type: ignore[index]
        if (att.source or "").strip().lower() == "it" and att.speaker is None and last is not None:
            assert last.speaker is not None
            lo = max(last.content_span[1], last.source_span[1])  # type: ignore[index]
            hi = min(start, att.content_span[0])  # a name in its own quotation blocks nothing
            if (
                att.cue_class is not None
                and last.speaker.type in _THING_TYPES
                and lo <= hi
                and text[lo:start].count("\n\n") <= 1
                and bisect_left(subjects, lo) == bisect_left(subjects, hi)  # no subject in [lo, hi)
                and _subject_of_act(doc, att)
            ):
                att.speaker = last.speaker
        if att.speaker is not None and att.cue_class is not None:
            last = att


_TIME_ENTS = frozenset({"DATE", "TIME"})


def _subject_of_act(doc: Doc, att: Attribution) -> bool:
    """Is the "it" the subject of the act's own verb ("it added"), not of a frame around it?"""
    if att.source_span is None or att.cue_span is None:
        return False
    src = doc.char_span(*att.source_span, alignment_mode="expand")
    cue = doc.char_span(*att.cue_span, alignment_mode="expand")
    if src is None or cue is None or len(src) == 0 or len(cue) == 0:
        return False
    it = src.root
    return it.dep_ in ("nsubj", "nsubjpass") and cue.start <= it.head.i < cue.end


def name_introduced_roles(idx: _Index, resolver: _Resolver, attributions: list[Attribution]) -> None:
    """"according to a lawyer representing the resident …. The lawyer, Lopa Blumenthal, said": one person.

    News introduces a source by role first and names them later with a
    definite apposition ("The lawyer, NAME" or "NAME, the lawyer"). A source
    that is an indefinite role ("a lawyer") is the one person the article
    later names so; with two or more so named it stays as written. The
    role's record then names the person everywhere, so a "she" that went to
    the role goes to her too (run before :func:`resolve_pronouns_in_order`).
    """
    doc = idx.doc
    reg = resolver.registry
    named: dict[str, list[tuple[int, str]]] | None = None
    for att in attributions:
        if att.source_span is None:
            continue
        try:
            head = source_head(doc, att.source_span)
            if head is None or head.pos_ != "NOUN" or head.tag_ != "NN" or idx.masked[head.i]:
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
                continue
            lemma = head.lemma_.lower()
            if lemma in WORK_NOUNS:
                continue  # "a book … the book, by Mitchell Zuckoff": the book, not its author
            if named is None:
                named = _named_roles(doc, reg)
            keys = {key for i, key in named.get(lemma, ()) if i > head.i}
            if len(keys) != 1:
                continue
            key = keys.pop()
            role = att.speaker
            att.speaker = reg.record(key).as_entity()
            if role is None or role.name not in reg.records or role.name == key:
                continue
            for m in reg.mentions:
                if m.key == role.name:
                    m.key = key
            for other in attributions:
                if other.speaker is role:
                    other.speaker = att.speaker
        except Exception:  # one odd span must not cost the article its attributions
            log.debug("could not name %r", att.source, exc_info=True)


def _named_roles(doc: Doc, reg: Any) -> dict[str, list[tuple[int, str]]]:
    """Role lemma → (token, person key) for each "the ROLE, NAME" / "NAME, the ROLE" in the article."""
    out: dict[str, list[tuple[int, str]]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        roles = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            roles.append(root.head)
        for role in roles:
            if role.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in role.children):
                continue
            key = reg.lookup(name_words(list(ent)), ent.start)
            if key is not None:
                out.setdefault(role.lemma_.lower(), []).append((role.i, key))
    return out


# Roles news uses for a person it has just named, to name them again differently: "Dr Dan
# Brown said …. The astronomy expert at Nottingham Trent University said: …".  Not roles
# that are, as often, another person (a spokesman, an official, a police officer).
_VARIED_ROLES = frozenset({
    "expert", "scientist", "professor", "researcher", "astronomer", "analyst", "academic",
    "lecturer", "economist", "psychologist", "historian", "biologist", "physicist", "chemist",
    "specialist", "singer", "actor", "actress", "rapper", "comedian", "billionaire", "mogul",
    "tycoon", "entrepreneur", "businessman", "businesswoman",
})  # fmt: skip  (not "mother", "teenager", "star": as often someone else)


def name_varied_descriptions(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """ "Dr Dan Brown said … / The astronomy expert at Nottingham Trent University said: …": Brown.

    A definite description of a trade or a standing ("the astronomy expert",
    "the singer") that speaks right after a named person spoke, in the same
    paragraph or the one before, with no other person named between them, is
    that person named again, as news writes to avoid repeating a name.  The
    description must not have spoken before the name did (then it is someone
    already met).  Pronouns resolved to the description go with it.
    """
    acts = sorted(
        (a for a in attributions if a.source_span is not None and a.speaker is not None),
        key=lambda a: a.source_span[0],  # type: ignore[index]
    )
    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    people = [e.start_char for e in persons]
    for n, att in enumerate(acts):
        role = att.speaker
        assert role is not None and att.source_span is not None
        if role.type != "PERSON" or not (att.source or "").startswith("The "):
            continue
        head = source_head(doc, att.source_span)
        if head is None or head.pos_ != "NOUN" or head.lemma_.lower() not in _VARIED_ROLES:
            continue
        if any(c.dep_ == "poss" for c in head.children):
            continue  # "The boy's lawyer": someone of the one named, not the one named
        lo, hi = att.source_span
        if any(lo <= p < hi for p in people):
            continue  # "The singer Adele": named in its own words
        if n == 0 or any(b.speaker is not None and b.speaker.name_key == role.name_key for b in acts[:n]):
            continue  # no one spoke before, or the description did: someone already met
        named = acts[n - 1]  # the speaker right before: no other speaker between them
        if named.speaker is None or named.speaker.type != "PERSON":
            continue
        if not any(e.text in named.speaker.name or named.speaker.name in e.text for e in persons):
            continue  # a description too ("a spokesman"): no name to go back to
        end = max(s[1] for s in (named.source_span, named.content_span, named.cue_span) if s is not None)
        start = att.source_span[0]
        if text.count("\n\n", end, start) > 1 or end > start:
            continue  # more than the next paragraph away
        if any(end <= p < start for p in people):
            continue  # another person named between them
        person = named.speaker
        for other in attributions:
            if other.speaker is not None and other.speaker.name_key == role.name_key:
                other.speaker = person
