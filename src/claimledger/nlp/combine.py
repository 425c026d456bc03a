"""Learned spans, rule structure: one list of attributions from the tagger and the rules.

The tagger (trained on PolNeAR) finds more attributions and truer span edges
than the rules; the rules know what the tagger does not model: who "he" is
across the article, the channel ("told Bloomberg News"), the manner, the
time, and what is nested in what.  Each tagged attribution takes those from
the rule attribution that says the same thing (contents overlapping by at
least half, one to one), and rule attributions the tagger missed are kept
where their evidence is strong (a quote with a speaker, or a cue and a source
found by the parse).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from claimledger.model import Attribution, Span
from claimledger.nlp.cues import LEXICON
from claimledger.nlp.quotes import STRONG_CUES, entity_bounds
from claimledger.nlp.speakers import root_token
from claimledger.nlp.tagger import cue_lemma, quote_kind

MIN_OVERLAP = 0.5
_QUOTE_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’]+\s*$")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s")


def _overlap(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(a[1] - a[0], b[1] - b[0])


def _touches(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _nearer_cue(t: Attribution, r: Attribution) -> bool:
    """The rule's cue sits between the tagged cue and the content: the content is the rule's.

    "Woodward says … that Jason Miller told him that he was "not aware …"":
    a tagger trained on univocal labels gives the content to the outer
    "says"; the parse knows that "told" governs it.
    """
    if t.cue_span is None or r.cue_span is None:
        return False
    start = t.content_span[0]
    return t.cue_span[1] <= r.cue_span[0] and r.cue_span[1] <= start + 1 or (
        t.cue_span[0] > start and start <= r.cue_span[0] < t.cue_span[0]
    )


def _manner_of(doc: Doc | None, t: Attribution, r: Attribution) -> bool:
    """The rule's cue is a noun in a phrase hanging on the tagged cue: the same act.

    "Peskov told Bloomberg News in a written statement that …": the parser
    may hang the content clause on "statement", and the rules then read a
    nearer act there, but the statement is how "told" was done.
    """
    if doc is None or t.cue_span is None or r.cue_span is None:
        return False
    verb, noun = root_token(doc, t.cue_span), root_token(doc, r.cue_span)
    if verb is None or noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.i == verb.i


def match(
    tagged: list[Attribution], ruled: list[Attribution], doc: Doc | None = None, text: str = ""
) -> dict[int, int]:
    """Tagged index -> rule index, one to one.

    A rule act whose cue is nearer the content comes first, then the same
    cue, then contents overlapping by half with the same source; within each,
    the larger overlap wins.
    """
    candidates: list[tuple[int, float, int, int]] = []
    for ti, t in enumerate(tagged):
        for ri, r in enumerate(ruled):
            overlap = _overlap(t.content_span, r.content_span)
            if overlap == 0:
                continue
            same_source = t.source_span is None or r.source_span is None or _touches(
                t.source_span, r.source_span
            )
            if (
                _nearer_cue(t, r)
                and _inside(r.content_span, t.content_span)
                and not _manner_of(doc, t, r)
            ):
                rank = 0
            elif _touches(t.cue_span, r.cue_span):
                rank = 1
            elif overlap >= MIN_OVERLAP and (same_source or _borrowed_quote(t, r, doc, text)):
                rank = 2
            else:
                continue  # two acts of saying whose contents overlap (one reports the other)
            candidates.append((rank, -overlap, ti, ri))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, ti, ri in sorted(candidates):
        if ti in out or ri in used:
            continue
        out[ti] = ri
        used.add(ri)
    return out


def _inside(span: Span | None, outer: Span) -> bool:
    return span is not None and outer[0] <= span[0] and span[1] <= outer[1]


def _duplicates(r: Attribution, t: Attribution) -> bool:
    """Does rule attribution ``r`` say what tagged ``t`` already says?

    The same cue over overlapping contents is the same act ("called Putin a
    "very smart" and "strong man""), and so are overlapping contents, unless
    one is reported inside the other ("rejected Woodward's claim that …",
    "Woodward says … that Miller told him …"), which the ledger keeps.
    """
    if _overlap(r.content_span, t.content_span) == 0:
        return False
    if _touches(r.cue_span, t.cue_span):
        return True
    if _coordinated(r, t) or _coordinated(t, r):
        return False
    return not (_reported_inside(r, t) or _reported_inside(t, r))


def _coordinated(inner: Attribution, outer: Attribution) -> bool:
    """A second act of the same source, written inside the first's content ("confirms X and denies Y")."""
    return (
        _touches(inner.source_span, outer.source_span)
        and _inside(inner.cue_span, outer.content_span)
        and not _touches(inner.cue_span, outer.cue_span)
    )


def _reported_inside(inner: Attribution, outer: Attribution) -> bool:
    """The act (its cue, its source, the start of its content) lies inside the other's content.

    Only the start of the content is asked for: parses often end the outer
    content early ("says … that Miller told him that he was "…" between …").
    """
    outer_span = outer.content_span
    return (
        inner.cue_span is not None
        and _inside(inner.cue_span, outer_span)
        and outer_span[0] <= inner.content_span[0] < outer_span[1]
        and (inner.source_span is None or _inside(inner.source_span, outer_span))
    )


def _borrowed_quote(t: Attribution, r: Attribution, doc: Doc | None, text: str) -> bool:
    """A quote the tagger gave to a verb in another sentence that says something else.

    The rules gave the same quote to the speaker of the quote before it (no
    cue of its own); the tagger took a subject from the next sentence or the
    one before, whose verb has business of its own and is no act of saying:
    "“…” Hundreds of demonstrators blocked roads", "Claure said in the email,
    which was seen by The Real Deal. “…”".  "“Let me talk.” Trump shot back."
    stays Trump's: that verb takes nothing but the quote.
    """
    if doc is None or not (
        t.kind == "direct"
        and r.cue_span is None
        and r.speaker is not None
        and t.cue_span is not None
        and t.cue_class is None
        and not _touches(t.source_span, r.source_span)
        and (t.speaker is None or t.speaker.name != r.speaker.name)
    ):
        return False
    cue = root_token(doc, t.cue_span)
    if cue is None or cue.lemma_.lower() in STRONG_CUES:
        return False
    if t.cue_span[0] >= t.content_span[1]:
        # After the quote, a verb with an object of its own ("blocked roads"); a bare
        # verb is the quote's own cue ("“Let me talk.” Trump shot back."), and so is
        # one after a comma (“…,” the letter reads).
        has_object = any(c.dep_ in ("dobj", "attr") for c in cue.children)
        return has_object and _QUOTE_ENDS_SENTENCE.search(t.content) is not None
    # Before the quote, only a relative clause in the sentence before ("…, which was
    # seen by The Real Deal. “…”"): a main clause there may introduce the next
    # speaker ("Chief executive John Park offered a rebuttal. “…”").
    return cue.dep_ in ("relcl", "acl") and (
        SENTENCE_END.search(text[t.cue_span[1] : t.content_span[0]]) is not None
    )


def _join_around_nested(tagged: list[Attribution], ruled: list[Attribution], text: str = "") -> list[Attribution]:
    """One content again where the tagger cut it at an act it reports.

    "The Lebanese army says it has detained a wife …, the BBC reported": the
    tagger gives the BBC two pieces, "The Lebanese army says" and "it has
    detained …", and the army's own act is then a duplicate of the second.
    Where a piece is exactly a rule act's source and cue and the next piece
    of the same act is that act's content, the BBC reported the whole, and
    the army's act stays, reported inside it.
    """
    out: list[Attribution] = []
    skip: set[int] = set()
    for k, t in enumerate(tagged):
        if k in skip:
            continue
        nxt = tagged[k + 1] if k + 1 < len(tagged) else None
        if (
            nxt is not None
            and t.cue_span is not None
            and t.cue_span == nxt.cue_span
            and 0 <= nxt.content_span[0] - t.content_span[1] <= 1
            and any(
                r.source_span is not None
                and r.cue_span is not None
                and r.source_span[0] == t.content_span[0]
                and r.cue_span[1] == t.content_span[1]
                and _overlap(r.content_span, nxt.content_span) >= MIN_OVERLAP
                for r in ruled
            )
        ):
            lo, hi = t.content_span[0], nxt.content_span[1]
            joined = text[lo:hi] if text else t.content + " " * (nxt.content_span[0] - t.content_span[1]) + nxt.content
            out.append(replace(t, content=joined, content_span=(lo, hi)))
            skip.add(k + 1)
            continue
        out.append(t)
    return out


def _end_before_outer_frame(r: Attribution, tagged: list[Attribution], text: str) -> None:
    """A reported act's content ends where the act reporting it begins its frame.

    "The Syrian Observatory said at least 20 fighters died, the Associated
    Press reported": the rules run the Observatory's content on over ", the
    Associated Press reported", the frame of the act that reports it (and
    "Bishop claims that X, according to his remarks, which were filmed …"
    past it).
    """
    lo, hi = r.content_span
    for t in tagged:
        frame = [x for x in (t.source_span, t.cue_span) if x is not None]
        if t.cue_span is None or not _reported_inside(r, t):
            continue
        start = min(a for a, _ in frame)
        if lo < start < hi:
            end = start
            while end > lo and text[end - 1] in _EDGE:
                end -= 1
            if end > lo:
                r.content_span = (lo, end)
                r.content = text[lo:end]
            return


def _strong(att: Attribution) -> bool:
    """Rule evidence worth keeping when the tagger saw nothing there."""
    return att.speaker is not None and att.cue_span is not None


def combine(
    tagged: list[Attribution], ruled: list[Attribution], doc: Doc | None = None, text: str = ""
) -> list[Attribution]:
    """Tagged attributions enriched by the rules, plus strong rule-only ones, in text order.

    ``doc`` and its ``text``, when given, let a rule read across sentences.
    """
    tagged = _join_around_nested(tagged, ruled, text)
    pairs = match(tagged, ruled, doc, text)
    out: list[Attribution] = []
    for ti, t in enumerate(tagged):
        ri = pairs.get(ti)
        if ri is not None:
            r = ruled[ri]
            if (
                _nearer_cue(t, r)
                and not _touches(t.cue_span, r.cue_span)
                and not _manner_of(doc, t, r)
            ):
                # The parse ties this content to a nearer act: take its source and cue.
                t.source, t.source_span, t.speaker = r.source, r.source_span, r.speaker
                t.cue, t.cue_span, t.cue_lemma, t.cue_class = r.cue, r.cue_span, r.cue_lemma, r.cue_class
                t.channel, t.manner, t.time = r.channel, r.manner, r.time
            if _borrowed_quote(t, r, doc, text):
                # "…,” said Luther. “…” Hundreds of demonstrators blocked roads: the
                # second quote is Luther's, not the next sentence's subject's.
                t.source, t.source_span, t.speaker = r.source, r.source_span, r.speaker
                t.cue = t.cue_span = t.cue_lemma = None
            # The rules found this source by the parse of this very cue.
            if r.speaker is not None and (t.source_span is None or _touches(t.source_span, r.source_span)):
                t.speaker = r.speaker
                if t.source_span is None:
                    t.source, t.source_span = r.source, r.source_span
            if t.cue_span is None:
                t.cue, t.cue_span, t.cue_lemma = r.cue, r.cue_span, r.cue_lemma
            t.cue_class = t.cue_class or r.cue_class  # "told … in a written statement"
            t.channel = t.channel or r.channel
            t.manner = t.manner or r.manner
            t.time = t.time or r.time
        out.append(t)
    matched = set(pairs.values())
    for ri, r in enumerate(ruled):
        if ri in matched or not _strong(r) or any(_duplicates(r, t) for t in tagged):
            continue
        _end_before_outer_frame(r, tagged, text)
        out.append(r)
    out.sort(key=lambda a: (a.content_span[0], a.content_span[1]))
    return out


def split_coordinated(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """End a content where its own source's next act begins.

    "The Kremlin confirms Trump sent X and denies Y": when an act inside
    another's content has the same source, written once, it is not reported
    by the first act but coordinated with it; the first content ends before
    it ("… and" dropped), so the confirmation is not of the denial too.
    Only a verb joined as a second clause ("and denies", ", saying") ends
    the content: "right in saying X" keeps its gerund, which belongs to it.
    """
    for outer in attributions:
        if outer.source_span is None:
            continue
        cs, ce = outer.content_span
        inner_cues = [
            a.cue_span[0]
            for a in attributions
            if a is not outer
            and a.cue_span is not None
            and cs < a.cue_span[0]
            and _coordinated(a, outer)
            and _second_clause(doc, a.cue_span)
        ]
        if not inner_cues:
            continue
        end = min(inner_cues)
        head = text[cs:end].rstrip()
        for joint in (" and", " but", ",", ";"):
            head = head.removesuffix(joint).rstrip()
        if len(head.split()) < 2:
            continue
        outer.content_span = (cs, cs + len(head))
        outer.content = head


def _second_clause(doc: Doc, cue: Span) -> bool:
    head = root_token(doc, cue)
    return head is not None and head.dep_ in _SECOND_CLAUSE


_SECOND_CLAUSE = frozenset({"conj", "advcl", "parataxis"})
_OPEN, _CLOSE = "\u201c\"", "\u201d\""
_DOUBLE_MARKS = frozenset(_OPEN + _CLOSE)


def balance_quotes(text: str, attributions: list[Attribution]) -> None:
    """Close a content that stops one character short of its closing quote mark.

    A tagger sometimes ends a quote before its mark (“… pandemic.); a reader
    expects the quotation whole, and so does PolNeAR.
    """
    for att in attributions:
        start, end = att.content_span
        chunk = text[start:end]
        opens = sum(chunk.count(c) for c in "\u201c")
        closes = sum(chunk.count(c) for c in "\u201d")
        straight = chunk.count('"')
        if end < len(text) and text[end] in _CLOSE and (opens > closes or straight % 2 == 1):
            att.content_span = (start, end + 1)
            att.content = text[start : end + 1]


_BROKEN_TAIL = re.compile(r"\s+\S*-$")


# A clause about how the words were obtained, glued to the source by the tagger.
_RELAY_TAIL = re.compile(
    r"(?:,?\s+(?:when|after|as|while|if)\s+(?:contacted|reached|asked|reported|quoted|interviewed)\b"
    r"|,\s+via\s)(?:.*)$",
    re.S,
)

_RELAY_BY = re.compile(r"\b(?:by|via)\s+(.+?)[\s,]*$", re.S)


def mend_source_edges(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """End a source before a word it cuts in half ("The company flat-" of "flat-out denied"),
    before an adverb of the act ("The company flat-out" of "… denied"), and
    before a clause on how the words were got ("… when contacted by Reuters");
    start it after a relative pronoun ("who police say").

    spaCy splits "flat-out" at its hyphen and the tagger can stop there, or
    take the adverb with the subject; a reader would see a broken word, or
    the manner of the denial, in the ledger's source column.
    """
    for att in attributions:
        if att.source_span is None or att.source is None:
            continue
        _drop_relative_pronoun(doc, text, att)
        _drop_act_adverb(doc, text, att)
        _complete_noun_phrase(doc, text, att)
        start, end = att.source_span
        relay = _RELAY_TAIL.search(text[start:end])
        if relay is not None and relay.start() > 0:
            # "a WeWork spokesperson when contacted by Reuters": the outlet is the channel.
            by = _RELAY_BY.search(relay.group(0))
            if att.channel is None and by is not None:
                att.channel = by.group(1)
            end = start + relay.start()
            att.source_span = (start, end)
            att.source = text[start:end]
        if end >= len(text) or not text[end].isalnum() or not text[start:end].endswith("-"):
            continue
        m = _BROKEN_TAIL.search(text[start:end])
        if m is None:
            continue
        att.source_span = (start, start + m.start())
        att.source = text[start : start + m.start()]


# Adverbs spaCy splits at their hyphen and may parse as the subject's head noun
# ("The company flat-out denied": "out" as the noun, "company" its compound).
_HYPHENATED_ADVERB = re.compile(r"\s(?:flat-out|point-blank|out-and-out)$", re.IGNORECASE)


def end_at_relative_clause(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """End a content with the relative clause its cue heads ("Jones, who said the vote was
    rigged, | lost the race").

    What the speaker said ends with the clause; the rest of the sentence is
    the writer's, about the antecedent.
    """
    for att in attributions:
        if att.cue_span is None:
            continue
        verb = root_token(doc, att.cue_span)
        if verb is None or verb.dep_ != "relcl":
            continue
        last = verb.right_edge
        clause_end = last.idx + len(last)
        start, end = att.content_span
        if not start < clause_end < end or last.i + 2 >= len(doc):
            continue
        # Only where a comma closes the clause and the antecedent's own verb
        # follows: the parse's clause ends are often early inside long contents.
        comma, after = doc[last.i + 1], doc[last.i + 2]
        if comma.text != "," or after.pos_ not in ("VERB", "AUX"):
            continue
        cut = text[start:clause_end].rstrip(" \t\n,;:—–-")
        if len(cut.split()) < 2 or sum(cut.count(q) for q in _DOUBLE_MARKS) % 2:
            continue
        att.content_span = (start, start + len(cut))
        att.content = cut


# Nouns whose "that" clause is what is reported: "Rumors that Culkin died | have flourished".
_CONTENT_NOUNS = frozenset(
    "report rumor rumour speculation claim allegation suggestion story assertion notion theory".split()
)


def end_at_noun_complement(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """End a content with the "that" clause of the report noun it belongs to.

    "Rumors that Macaulay Culkin died have flourished online": the tagger ran the
    content on through the sentence's own predicate, and the claim read as
    "that Macaulay Culkin died have flourished online" (or as nothing).  What the
    rumour says ends with the noun's clause; the rest is the writer's, about it.
    """
    for att in attributions:
        if att.cue_span is None:
            continue
        noun = root_token(doc, att.cue_span)
        if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in _CONTENT_NOUNS:
            continue
        if noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        start, end = att.content_span
        clause = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp") and start <= c.left_edge.idx < end),
            None,
        )
        if clause is None or not any(t.lower_ == "that" and t.dep_ == "mark" for t in clause.children):
            continue
        main = noun.head
        last = clause.right_edge
        clause_end = last.idx + len(last)
        if not (start < clause_end < main.idx < end):
            continue  # the noun's own verb is not inside the content: nothing ran on
        cut = text[start:clause_end].rstrip(" \t\n,;:\u2014\u2013-")
        if len(cut.split()) < 3 or sum(cut.count(q) for q in _DOUBLE_MARKS) % 2:
            continue
        att.content_span = (start, start + len(cut))
        att.content = cut


def reports_no_one_made(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """A "that" clause of a report noun no one is named for is that report's content.

    "The hospital issued the statement to stop rumors and online reports that the
    patient was being treated for the disease": the tagger gave the clause to the
    hospital's statement, so the hospital said what it denied, and the rumour was
    no claim for "These reports are inaccurate" to answer.  The cue becomes the
    report noun, with no source; not where a verb of saying governs the noun
    ("denied reports that …" is the denier's act) or someone owns it ("Reuters'
    report that …").
    """
    for att in attributions:
        if att.cue_span is None:
            continue
        verb = root_token(doc, att.content_span)
        if verb is None or verb.dep_ != "acl" or not any(
            c.lower_ == "that" and c.dep_ == "mark" for c in verb.children
        ):
            continue
        noun = verb.head
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _CONTENT_NOUNS or noun.idx >= att.content_span[0]:
            continue
        top = noun
        while top.dep_ == "conj" and top.head.pos_ == "NOUN":
            top = top.head  # "rumors and online reports that …"
        cue = root_token(doc, att.cue_span)
        if cue is None or top.left_edge.i <= cue.i <= noun.i:
            continue  # the noun is the cue already
        governor = top.head
        while governor.dep_ == "prep" and governor.head.i != governor.i:
            governor = governor.head  # "reported on rumors that …"
        if governor.i == cue.i or governor.lemma_.lower() in LEXICON or governor.lower_ in _AMID:
            continue
        owned = any(
            c.dep_ == "poss"
            or (c.dep_ == "prep" and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children))
            for n in (top, noun)
            for c in n.children
            if c.i < verb.i
        )
        if owned:
            continue  # "Reuters' report that …", "reports in the Journal that …" ("rumors on social media" are no one's)
        lo = top.left_edge.idx
        hi = noun.idx + len(noun)
        att.cue, att.cue_span, att.cue_lemma = text[lo:hi], (lo, hi), noun.lemma_.lower()
        att.source, att.source_span, att.speaker = None, None, None
        att.channel = att.manner = att.time = None  # the statement's, not the rumour's
        att.parent = None
        att.cue_class = "reports"


_CITING = frozenset({"cite", "quote"})
_REPORTING = frozenset({"report", "say", "write", "tell", "claim"})


def report_before_citing(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """'X, the Chosun Ilbo reported on Tuesday, citing an unnamed source': the act is "reported".

    The tagger takes "citing" for the cue and "an unnamed source" for the content,
    and the report itself (X) is lost.  When the source is written after the
    reported clause, a reporting verb sits between it and "citing", and no act has
    that verb for its cue, the verb is the cue and the clause before the source the
    content (the source cited is left out: no act of the outlet's).
    """
    cues = {a.cue_span for a in attributions}
    for att in attributions:
        if att.cue_span is None or att.source_span is None:
            continue
        cue = root_token(doc, att.cue_span)
        if cue is None or cue.tag_ != "VBG" or cue.lemma_.lower() not in _CITING:
            continue
        s0, s1 = att.source_span
        sent = cue.sent
        verb = next(
            (t for t in sent if s1 <= t.idx < cue.idx and t.pos_ == "VERB" and t.lemma_.lower() in _REPORTING),
            None,
        )
        if verb is None or (verb.idx, verb.idx + len(verb)) in cues:
            continue
        between = text[verb.idx + len(verb) : cue.idx]
        if not re.fullmatch(r"[^,;:.]*,\s*", between) or not re.fullmatch(r"[\s,]*", text[s1 : verb.idx]):
            continue  # "reported on Tuesday, citing": the verb's own words only
        lo = sent.start_char
        hi = len(text[:s0].rstrip(" ,\u2014\u2013-"))
        said = text[lo:hi]
        while said[:1].isspace():
            said, lo = said[1:], lo + 1
        if hi <= lo or len(said.split()) < 4 or not text[hi:s0].strip().startswith(","):
            continue
        att.cue, att.cue_span, att.cue_lemma = verb.text, (verb.idx, verb.idx + len(verb)), verb.lemma_.lower()
        att.content, att.content_span = said, (lo, hi)
        att.kind = quote_kind(said)
        cues.add(att.cue_span)


_AMID_REPORT_NOUNS = frozenset("report rumour rumor speculation allegation".split())
_AMID = frozenset("amid amidst after following despite over with".split())
# Rumours that go round by themselves: "Rumors are flying that …" (claims.py reads these
# cues as unnamed reports too).
RUMOURS_GO = r"(?:are|were|is|was|have been|has been) (?:flying|swirling|circulating|rife|spreading|mounting)"
_RUMOURS_GO = re.compile(rf"^{RUMOURS_GO}$", re.I)


def unnamed_report_nouns(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """Reports no one is named for: "The Kremlin moved troops amid reports that Putin is ill".

    The tagger gives such a report noun the sentence's subject for a source, and the
    Kremlin "reported" that Putin is ill.  A report noun that is the object of "amid",
    "after", "with" … ("went crazy with reports that …"), or rumours that "are flying",
    has no source: the source is dropped and the act is a report.
    """
    for att in attributions:
        if att.cue_span is None or att.source_span is None:
            continue
        cue = doc.char_span(att.cue_span[0], att.cue_span[1], alignment_mode="expand")
        if cue is None or not len(cue):
            continue
        noun = cue[-1]
        s0, s1 = att.source_span
        amid = (
            noun.lemma_.lower() in _AMID_REPORT_NOUNS
            and noun.tag_ in ("NNS", "NN")
            and noun.dep_ == "pobj"
            and noun.head.lower_ in _AMID
            # the noun's own source stays ("amid Reuters reports", "reports in the Journal")
            and not (noun.left_edge.idx <= s0 and s1 <= noun.idx + len(noun))
            and not re.fullmatch(r"\s*(?:in|by|from|on)\s+", text[noun.idx + len(noun) : s0])
        )
        source = re.sub(r"^(?:(?:the|these|those|unconfirmed|persistent)\s+)+", "", text[s0:s1].lower())
        flying = _RUMOURS_GO.match(att.cue or "") is not None and source in ("rumors", "rumours", "reports", "speculation")
        if amid or flying:
            att.source, att.source_span, att.speaker = None, None, None
            att.cue_class = att.cue_class or "reports"


def _drop_relative_pronoun(doc: Doc, text: str, att: Attribution) -> None:
    """Start a source after a relative pronoun it opens with ("who police | say fled").

    In "The suspect, who police say fled on foot", "who" is the subject of
    what was said, not part of who said it; kept, it made the suspect the
    speaker.  "whose lawyers say" keeps "whose": the lawyers are the
    antecedent's.
    """
    assert att.source_span is not None
    span = doc.char_span(*att.source_span, alignment_mode="expand")
    if span is None or len(span) < 2 or span[0].tag_ not in ("WP", "WDT"):
        return
    rest = span[1]
    if rest.is_punct or rest.pos_ not in ("PROPN", "NOUN", "DET", "ADJ", "NUM", "PRON"):
        return
    att.source_span = (rest.idx, att.source_span[1])
    att.source = text[rest.idx : att.source_span[1]]


_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "poss", "nummod", "quantmod", "case"})


def _complete_noun_phrase(doc: Doc, text: str, att: Attribution) -> None:
    """Run a source of modifiers only on to the noun they modify ("The" of "The company").

    The tagger can stop after the article; "The" names no one in the ledger.
    """
    assert att.source_span is not None
    span = doc.char_span(*att.source_span, alignment_mode="expand")
    if span is None or len(span) == 0:
        return
    head = span[-1].head
    if head.i < span.end or head.pos_ not in ("NOUN", "PROPN"):
        return
    if head.pos_ == "NOUN" and head.text[:1].isupper():
        return  # a headline's verb read as a noun ("Sanders Vows")
    if any(t.dep_ not in _MODIFIER_DEPS or t.head.i != head.i for t in span):
        return
    if any(t.dep_ not in _MODIFIER_DEPS and t.i != head.i for t in doc[span.end : head.i + 1]):
        return
    if att.cue_span is not None and head.idx + len(head) > att.cue_span[0] > att.source_span[0]:
        return
    att.source_span = (att.source_span[0], head.idx + len(head))
    att.source = text[att.source_span[0] : att.source_span[1]]


def _drop_act_adverb(doc: Doc, text: str, att: Attribution) -> None:
    """Cut a last word that is an adverb of the cue's verb ("flat-out", "also", "however").

    Not in a source that holds a clause of its own: in "People who know him
    well said", "well" is the clause's, whatever the parse hangs it on.
    """
    assert att.source_span is not None
    start, end = att.source_span
    m = _HYPHENATED_ADVERB.search(text[start:end])
    if m is not None and m.start() > 0:
        att.source_span = (start, start + m.start())
        att.source = text[start : start + m.start()]
        return
    if att.cue_span is None:
        return
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = root_token(doc, att.cue_span)
    if span is None or len(span) < 2 or verb is None:
        return
    last = doc[span.end - 1]
    if (
        last.pos_ != "ADV"
        or last.dep_ != "advmod"
        or last.head.i != verb.i
        or any(t.pos_ in ("VERB", "AUX") for t in span)
    ):
        return
    end = span.end - 1
    while end > span.start + 1 and not doc[end - 1].whitespace_:
        end -= 1  # the rest of a hyphenated word: "flat" and "-" of "flat-out"
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1  # "Smith, however": no comma left behind
    new_end = doc[end - 1].idx + len(doc[end - 1])
    att.source_span = (att.source_span[0], new_end)
    att.source = text[att.source_span[0] : new_end]


def drop_sources_read_as_content(attributions: list[Attribution]) -> None:
    """Drop a piece that is only another piece's source, or a part of it.

    "…, said the company's executive chair Marcelo Claure in an email" gave the
    tagger two contents for "said": the clause, and the words naming who said
    it.  When the same cue's other piece has its source inside this
    (sourceless) content, the content is that source, not something said.
    "Research team head Jennifer Ngo-Anh says …" gave "Research team head"
    as a content too, inside the other piece's source: the speaker's title.
    """
    by_cue: dict[Span, list[Attribution]] = {}
    for att in attributions:
        if att.cue_span is not None:
            by_cue.setdefault(att.cue_span, []).append(att)
    keep = []
    for att in attributions:
        if att.cue_span is not None:
            lo, hi = att.content_span
            if any(
                other is not att
                and other.source_span is not None
                and (
                    (
                        att.source is None
                        and lo <= other.source_span[0]
                        and other.source_span[1] <= hi
                    )
                    or (other.source_span[0] <= lo and hi <= other.source_span[1])
                )
                for other in by_cue[att.cue_span]
            ):
                continue
        keep.append(att)
    attributions[:] = keep


# Words that say nothing on their own: a content made only of them is debris
# of a tagged span cut short ("announced over | the | weekend").
_EMPTY_POS = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PUNCT", "PART", "SPACE", "AUX"})
# A word in one of these relations names something, whatever its part of speech.
_NAMING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "expl", "pobj"})


def drop_empty_contents(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """Mend a content that holds no word that could state anything ("the", "that").

    A piece beside another of the same cue is debris of a content cut
    short ("announced over | the | weekend …"): it goes, and the act keeps
    its other content.  A content that ends in "that" where another act of
    the same sentence begins ("Woodward says in the book that | senior
    adviser Jason Miller told him that …") reports that act: it runs on to
    the end of the inner act's content, so the inner act nests in it.  Any
    other lone act keeps its empty content, since its source and cue are
    often right (PolNeAR dev: dropping those cost three cues for 18 fewer
    false contents).
    """
    cues: dict[Span, int] = {}
    for att in attributions:
        if att.cue_span is not None:
            cues[att.cue_span] = cues.get(att.cue_span, 0) + 1
    kept: list[tuple[Attribution, Any]] = []
    for att in attributions:
        span = doc.char_span(*att.content_span, alignment_mode="expand")
        if (
            span is not None
            and len(span)
            and att.cue_span is not None
            and cues[att.cue_span] > 1
            and all(t.pos_ in _EMPTY_POS and t.dep_ not in _NAMING_DEPS for t in span)
        ):
            # Not "That, Audi says, allows …": that "That" names what allows.
            cues[att.cue_span] -= 1
            continue
        kept.append((att, span))
    keep = [att for att, _ in kept]
    for att, span in kept:
        if span is None or not len(span):
            continue
        words = [t for t in span if not (t.is_punct or t.is_space)]
        # "that" before a clause is a complementiser even where the tagger says pronoun.
        if not words or words[-1].lower_ != "that" or not all(t.pos_ in _EMPTY_POS or t.lower_ == "that" for t in words):
            continue
        inner = _act_right_after(text, span[-1].sent.end_char, att, keep)
        if inner is not None:
            att.content_span = (att.content_span[0], inner.content_span[1])
            att.content = text[att.content_span[0] : att.content_span[1]]
    attributions[:] = keep


def _act_right_after(
    text: str, sent_end: int, att: Attribution, attributions: list[Attribution]
) -> Attribution | None:
    """The act whose source (or cue) begins just after ``att``'s content, in its sentence."""
    end = att.content_span[1]
    for other in attributions:
        first = other.source_span or other.cue_span
        if (
            other is not att
            and first is not None
            and end <= first[0] < sent_end
            and not text[end : first[0]].strip()
            and other.content_span[0] >= end
        ):
            return other
    return None


def mend_cue_edges(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """End a cue before the time the tagger ran it into: a day or date ("confirmed | Wednesday",
    "said last | month") or a preposition that opens a time phrase ("announced over | the weekend").

    The time is the act's ``time`` field (read from the parse); in the cue
    it hides the reporting verb's form from the reader and from the cue
    classes.  "according to" keeps its preposition: its object is the source.
    A cue of time words only, or one that would end on punctuation, stays.
    """
    for att in attributions:
        if att.cue_span is None or att.cue is None:
            continue
        span = doc.char_span(*att.cue_span, alignment_mode="expand")
        if span is None or len(span) < 2:
            continue
        whole = len(span)
        keep = whole
        while keep > 1 and span[keep - 1].ent_type_ in ("DATE", "TIME"):
            keep -= 1
        if keep < whole and (
            span[keep - 1].ent_type_ in ("DATE", "TIME") or span[keep - 1].is_punct
        ):
            keep = whole
        span = span[:keep]
        last = span[-1]
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if (
            len(span) > 1
            and last.pos_ == "ADP"
            and last.dep_ == "prep"
            and objects
            and all(o.ent_type_ in ("DATE", "TIME") and o.i >= span.end for o in objects)
        ):
            span = span[:-1]
        if len(span) < whole:  # untouched cues keep their span as the tagger gave it
            end = span[-1].idx + len(span[-1])
            att.cue_span = (att.cue_span[0], end)
            att.cue = text[att.cue_span[0] : end]
            att.cue_lemma = cue_lemma(span)


# Passive cues whose subject is the one who spoke ("is understood to have told").
_SUBJECT_SPEAKS = frozenset(
    "quote report record understand hear believe think know expect rumor rumour cite".split()
)


def _no_way(cue: Any, source_span: tuple[int, int]) -> bool:
    """Whether the source is the "no way" ("no immediate way to verify") or the "it" ("it was not
    possible to verify") an infinitive cue hangs on."""
    head = cue.head
    if cue.dep_ == "xcomp" and head.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and c.lower_ in ("possible", "impossible") for c in head.children
    ):
        # "It was not possible to independently verify the report": "it" names no one
        return any(c.dep_ == "nsubj" and c.lower_ == "it" and source_span[0] <= c.idx < source_span[1]
                   for c in head.children)  # fmt: skip
    if cue.dep_ not in ("relcl", "acl") or head.pos_ != "NOUN":
        return False
    if not any(d.dep_ == "det" and d.lower_ == "no" for d in head.children):
        return False
    return source_span[0] <= head.idx < source_span[1]


def _asked_answerer(cue: Any, source_span: tuple[int, int]) -> bool:
    """Whether the source is the one asked: "(When) asked if …, X said", X outside the cue's clause."""
    if cue.lemma_.lower() not in ("ask", "question") or cue.tag_ != "VBN" or cue.dep_ != "advcl":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in cue.children):
        return False  # "after he was asked", "as she asked whether"
    lo = cue.left_edge.idx
    hi = cue.right_edge.idx + len(cue.right_edge.text)
    return not (source_span[0] < hi and lo < source_span[1])


def _auxiliary_hedge(doc: Doc, span: tuple[int, int]) -> bool:
    """ "has reportedly", "is reportedly (being)", "had reportedly been": the hedge and its verb's
    auxiliaries, or the copula ("The singer is reportedly in talks")."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand")
    if words is None or not any(t.lower_ == "reportedly" for t in words):
        return False
    return all(
        t.lower_ == "reportedly" or t.dep_ in ("aux", "auxpass") or t.lemma_.lower() == "be" for t in words
    )


def passive_sources(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> None:
    """The subject of a passive cue is told or accused, not the one who speaks.

    "Employees were told that layoffs will begin" made the employees the
    speaker, and "the party was accused of trying to deceive" the accuser.
    The agent ("by the chairman") becomes the source; with no agent the act
    has no source named.  ``resolve`` maps the agent's head token to
    (source tokens, speaker entity), as the rules resolve any source.
    PolNeAR dev: source 79.4 -> 79.6, end-to-end 71.4 -> 71.5; train unchanged.
    """
    for att in attributions:
        if att.cue_span is not None and att.cue_class is None and _auxiliary_hedge(doc, att.cue_span):
            # "has reportedly": the head word of the tagger's cue is the auxiliary, no cue,
            # so the act had no class (and, with a source, made no claim).
            att.cue_lemma, att.cue_class = "reportedly", "reports"
        if att.source_span is None or att.cue_span is None:
            continue
        cue = root_token(doc, att.cue_span)
        if cue is not None and (cue.lower_ == "reportedly" or att.cue_lemma == "reportedly"):
            # "Gonzalez reportedly overpowered an officer", "J.J. Abrams has reportedly approached
            # Disney" (the auxiliary's cue, classed above): the reports are no one's named, and
            # Gonzalez is what they are about, not who reports it.
            att.source = att.source_span = att.speaker = None
            continue
        if cue is not None and _no_way(cue, att.source_span):
            # "There was no immediate way to verify the claim": no one is named.
            att.source = att.source_span = att.speaker = None
            continue
        if cue is not None and _asked_answerer(cue, att.source_span):
            # "Asked whether he would run, Smith said no": Smith is asked and answers;
            # who asked is not said (PolNeAR gives such a cue no source), unless
            # "asked by reporters", whose words are the source.
            head = _agent_of(cue)
            att.source = att.source_span = att.speaker = None
            if head is not None:
                # Its words only: resolving would make the asker the strongest antecedent of
                # the answerer's next "he" ("Asked by Stephanopoulos …, Carson said …. “…,”
                # he continued").
                tokens = list(head.subtree)
                att.source_span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
                att.source = text[att.source_span[0] : att.source_span[1]]
            continue
        if cue is None or not any(c.dep_ == "auxpass" for c in cue.children):
            continue
        words: Any = doc.char_span(*att.cue_span, alignment_mode="expand") or []
        if cue.lemma_.lower() in _SUBJECT_SPEAKS or any(
            t.i != cue.i and t.pos_ == "VERB" and t.lemma_.lower() in STRONG_CUES for t in words
        ):
            continue  # "Smith was quoted as saying", "was reported to have said": Smith spoke
        subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
        if subj is None:
            continue
        lo = subj.left_edge.idx
        hi = subj.right_edge.idx + len(subj.right_edge.text)
        if not (att.source_span[0] < hi and lo < att.source_span[1]):
            continue
        head = _agent_of(cue)
        if head is None:
            att.source = att.source_span = att.speaker = None
            continue
        tokens, entity = resolve(head)
        if not tokens:
            tokens = list(head.subtree)
        att.source_span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        att.source = text[att.source_span[0] : att.source_span[1]]
        att.speaker = entity


# What a withheld comment withholds: "comment", "a request for comment", "emails seeking comment"
# (read here in the text, and by claims.py in an act's content).
COMMENT_REQUESTED = (
    r"(?:(?:an?|any|the|our|multiple|several|repeated)\s+)?(?:immediate\s+|further\s+|official\s+)?"
    r"(?:(?:\w+\s+)?(?:requests?|calls?|emails?|messages?|inquir(?:y|ies))\s+(?:\w+\s+)?(?:for|seeking)\s+)?comment"
)
# "Sony had no comment.", "Esquire did not immediately return a request for comment.",
# "A Vice spokesman did not respond to requests for comment": a comment withheld, as
# "declined to comment" is.  The verb (group 1) and what was not given (group 2).
_NO_COMMENT_GIVEN = re.compile(
    r"\b((?:had|has|have|offered|gave)\s+no|(?:did not|didn't|could not|couldn't)\s+(?:yet\s+|immediately\s+)?"
    r"(?:respond|return|reply|answer)(?:\s+to)?|(?:has not|hasn't|have not|haven't|had not|hadn't)\s+(?:yet\s+|immediately\s+)?"
    r"(?:responded|returned|replied|answered)(?:\s+to)?)"
    rf"\s+({COMMENT_REQUESTED})\b(?!\s*(?:section|box|field|thread|board|form)s?\b)"
)


def no_comment_acts(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> list[Attribution]:
    """Comments withheld in so many words are acts: "Sony had no comment."

    Neither the tagger (PolNeAR annotates no such act) nor the rules saw
    one, or the tagger's act had no class ("did not respond"), so the one
    who would not comment answered nothing in the ledger, as "declined to
    comment" does (cannot_verify on the claim under discussion).  Only with
    a subject the parse names, and not inside another act's content ("said
    the company had no comment" is read there).
    """
    out = list(attributions)
    for m in _NO_COMMENT_GIVEN.finditer(text):
        verb_at = m.start(1)
        known = next((a for a in attributions if _touches(a.cue_span, (verb_at, m.end(1)))), None)
        if known is not None:
            if known.cue_class is None and not re.search(r"\b(?:if|unless)\b[^.!?]*$", text[max(0, verb_at - 80) : verb_at]):
                known.cue_class = "cannot_verify"  # not "if it did not respond …": that class stays none
            continue
        if any(a.content_span[0] <= verb_at < a.content_span[1] for a in attributions):
            continue
        words = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if words is None:
            continue
        verb = next((t for t in words if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "neg")), words.root)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i > verb.i:
            continue
        tokens, entity = resolve(subject)
        if not tokens:
            tokens = list(subject.subtree)
        source_span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        out.append(
            Attribution(
                kind="indirect", content=m.group(2), content_span=m.span(2),
                source=text[source_span[0] : source_span[1]], source_span=source_span, speaker=entity,
                cue=m.group(1), cue_span=m.span(1), cue_lemma="comment", cue_class="cannot_verify",
            )
        )  # fmt: skip
    out.sort(key=lambda a: (a.content_span[0], a.content_span[1]))
    return out


_QUOTED_AS = frozenset({"say", "tell", "write", "state", "add", "describe", "call"})


def _agent_of(verb: Any) -> Any:
    """ "by Reuters" of a passive verb: the head of its agent phrase, or None."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _quoted_as_saying(verb: Any) -> Any:
    """The one quoted, when ``verb`` is "quoted" with "as saying": "Reuters quoted a spokesman as
    saying", "a spokesman was quoted by Reuters as saying"."""
    if verb.lemma_.lower() != "quote" or verb.pos_ != "VERB":
        return None
    role = "nsubjpass" if _agent_of(verb) is not None else "dobj"
    quoted = next((c for c in verb.children if c.dep_ == role and c.pos_ in ("NOUN", "PROPN")), None)
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    if quoted is None or as_ is None:
        return None
    if not any(c.dep_ == "pcomp" and c.lemma_.lower() in _QUOTED_AS for c in as_.children):
        return None
    return quoted


def _subject_of(verb: Any) -> Any:
    """The subject of "quoted", or of the verb it hangs on ("reported the blast, quoting a
    spokesman as saying", "published the photos and quoted a friend as saying")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("conj", "advcl", "xcomp", "acl") or verb.head.i == verb.i:
            return subject
        verb = verb.head
    return None


def quoted_sources(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> None:
    """ "CNN quoted an American witness as saying he saw …": the witness spoke, CNN carried it.

    The outlet was the speaker of the words, and the one who said them was
    lost (the ledger's origin of "he saw one person in the truck" was CNN).
    The outlet (by its name, where "the tabloid" resolved to one) becomes the
    act's channel.  Where the tagger's act of quoting holds the whole "an
    American witness as saying …" (as PolNeAR annotates it), the act of
    saying inside it takes the source and the outer act stays as it is; with
    no such act inside, the outer act is cut to what was said.  Only an act
    whose source is the one quoting moves.  ``resolve`` maps the one quoted's
    head token to (source tokens, speaker entity).
    """
    said_at = {a.cue_span[0] for a in attributions if a.cue_span is not None}
    for att in attributions:
        if att.cue_span is None or att.source_span is None:
            continue
        cue = root_token(doc, att.cue_span)
        if cue is None:
            continue
        inner = cue.dep_ == "pcomp" and cue.head.lower_ == "as"
        verb = cue.head.head if inner else cue
        quoted = _quoted_as_saying(verb)
        if quoted is None:
            continue
        subject = _agent_of(verb) or _subject_of(verb)  # who quotes: "by Reuters", or the subject
        if subject is not None and not _touches(
            att.source_span, (subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))
        ):
            # "CBS, which quoted Ottawa Police as saying": the act inside took "CBS" itself.
            quoting = resolve(subject)[1]
            if quoting is None or att.speaker is None or quoting.name != att.speaker.name:
                continue  # the act's source is not the one quoting
        saying = next(c for c in next(c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as").children
                      if c.dep_ == "pcomp")  # fmt: skip
        lo, hi = att.content_span
        if not inner and lo <= quoted.idx < hi:
            # The content holds "Kim as saying the test was a success".
            if saying.idx in said_at:
                continue  # the act of saying inside is the statement
            clause = next((c for c in saying.children if c.dep_ == "ccomp"), None)
            if clause is None:
                continue  # "as calling the launch a victory": no clause to cut to
            first = next((t for t in clause.subtree if t.dep_ != "mark"), clause)  # "that" off
            if not (lo <= first.idx < hi) or len(text[first.idx : hi].split()) < 3:
                continue
            lo = first.idx
            att.content_span = (lo, hi)
            att.content = text[lo:hi]
        tokens, entity = resolve(quoted)
        if not tokens:
            tokens = [t for t in quoted.subtree if t.i <= quoted.i]  # "a police spokesman"
        outlet = att.speaker.name if att.speaker is not None else att.source  # "the tabloid": the Mirror
        if not inner and att.cue_class == "reports":
            att.cue_class = "asserts"  # the one quoted says the words; the outlet reported them
        att.source_span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        att.source = text[att.source_span[0] : att.source_span[1]]
        att.speaker = entity
        if att.channel is None or att.channel.lower() in ("it", "them", "him", "her", "us"):
            att.channel = outlet  # "as telling it that …": "it" is the outlet


_RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom"})


def relative_clause_sources(
    doc: Doc, text: str, attributions: list[Attribution], resolve: Any
) -> None:
    """A name between a relative pronoun and its cue is the source ("which Nissan claims is …").

    The tagger leaves such a name untagged now and then; the cue then has
    no source and the ledger no one to hold to the claim.
    """
    for att in attributions:
        if att.source_span is not None or att.cue_span is None:
            continue
        cue = root_token(doc, att.cue_span)
        if cue is None or cue.pos_ != "VERB" or cue.dep_ not in ("relcl", "ccomp", "ROOT"):
            continue
        if cue.i < 2 or doc[cue.i - 1].pos_ != "PROPN" or not doc[cue.i - 1].ent_type_:
            continue
        name = doc[cue.i - 1]
        first = name
        while first.i > 0 and first.ent_iob_ == "I":
            first = doc[first.i - 1]  # back to the entity's first word ("General | Motors")
        if first.i == 0 or doc[first.i - 1].lower_ not in _RELATIVE_PRONOUNS:
            continue
        tokens, entity = resolve(name)
        if not tokens:
            tokens = list(doc[first.i : name.i + 1])
        att.source_span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        att.source = text[att.source_span[0] : att.source_span[1]]
        att.speaker = entity


def split_joint_sources(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> list[Attribution]:
    """One act per named speaker when the source names several ("Vindman and Williams told …").

    The ledger answers "who said it"; a joint statement is said by each of
    its speakers, and the parse's source head is only the first of them, so
    the second speaker vanished from the ledger.  Each further name joined by
    "and" gets a copy of the act with its own speaker; the source as written
    stays the whole phrase, so scorers that read spans see one statement.
    Only proper names split: "Trump and his aides" keeps Trump alone rather
    than invent a nameless speaker, and a name the recogniser holds as one
    entity ("Procter and Gamble") is one speaker.
    """
    out: list[Attribution] = []
    for att in attributions:
        out.append(att)
        if att.source_span is None or att.speaker is None or not _AND.search(text[slice(*att.source_span)]):
            continue
        head = root_token(doc, att.source_span)
        if head is None or head.pos_ != "PROPN":
            continue
        lo, hi = att.source_span
        others = [
            c
            for c in head.conjuncts
            if c.i > head.i and c.pos_ == "PROPN" and lo <= c.idx and c.idx + len(c) <= hi
            # "the Islamic State of Iraq and Syria", "the Department of Health and Human
            # Services": an "and" after an institution's "of" is inside its name
            and not (head.lower_ in _INSTITUTION_WORDS and any(t.lower_ in ("of", "for") for t in doc[head.i + 1 : c.i]))
        ]
        if not others or not _joined_by_and(head, others):
            continue
        seen = {att.speaker.name}
        for conj in others:
            if _same_entity(head, conj):
                continue
            _, entity = resolve(conj)
            if entity is None or entity.name in seen:
                continue
            seen.add(entity.name)
            out.append(replace(att, speaker=entity))
    return out


_AND = re.compile(r"\band\b", re.I)
_INSTITUTION_WORDS = frozenset(
    """state states department ministry bureau office institute institutes republic council organization
    organisation union agency commission committee center centre centers centres school university college
    academy society association federation kingdom league board court church museum foundation""".split()
)


def _joined_by_and(head: Any, conjuncts: list[Any]) -> bool:
    ccs = [c for t in (head, *conjuncts) for c in t.children if c.dep_ == "cc"]
    return bool(ccs) and all(c.lower_ == "and" for c in ccs)


def _same_entity(a: Any, b: Any) -> bool:
    if a.ent_iob_ == "O":
        return False
    start, end = entity_bounds(a)
    return start <= b.i < end


# "This article was originally published by Futurism.", "Originally published on
# Live Science.": where the page came from, not something anyone said.
_PROVENANCE = re.compile(
    r"(?im)^[ \t]*(?:this (?:article|story|post|piece|report) )?(?:(?:was|is|has been) )?"
    r"(?:originally|first) (?:published|appeared|posted|ran) (?:on|in|by|at) [^\n,;]{1,80}?\.?"
    r"(?:[ \t]+read the original(?: article)?\.?)?[ \t]*$"
)

# A line of the page around the story, not of the story: a related-link teaser ("lRelated
# North Korea's Kim had ankle surgery, officials say"; the "l" is a scraped icon), a video
# teaser, a photo credit.
_PAGE_FURNITURE = re.compile(
    r"(?im)^[ \t]*(?:lrelated\b:?|related(?: (?:stories|articles|coverage|content|links?))?:|see video:|watch video:"
    r"|(?:photo|image|picture) credit:|read more:|more from [^\n:]{1,40}:)[ \t]+\S[^\n]*$"
)


def drop_split_phrases(doc: Doc, attributions: list[Attribution]) -> None:
    """Drop an act of no known kind whose cue ends inside a noun phrase its content goes on with.

    "Trump would need the express | permission of the sitting president":
    the tagger took "would need the express" for a cue and the rest for what
    was said.  A cue that stops between an adjective and its noun is no act
    of saying; one that names its act ("confirmed", "denied") is kept.
    """
    keep = []
    for att in attributions:
        if att.cue_class is None and att.cue_span is not None:
            cue = doc.char_span(*att.cue_span, alignment_mode="expand")
            if cue is not None and len(cue) > 1:
                last, noun = cue[-1], cue[-1].head
                if (
                    last.dep_ in ("amod", "det")
                    and last.pos_ in ("DET", "ADJ")
                    and last.tag_ not in ("VBN", "VBG")
                    and noun.i >= cue.end
                    and noun.dep_ == "dobj"
                    and cue.start <= noun.head.i < cue.end
                    and att.content_span[0] <= noun.idx < att.content_span[1]
                ):
                    continue  # the cue's verb and half its object
        keep.append(att)
    attributions[:] = keep


_EDGE = " \t\n,;:\u2014\u2013-"
_LEADING_OBJECT = re.compile(r"(?:(?:him|her|them|me|us)\s+)?(?:that\s+)?")
_LEADING_THAT = re.compile(r"(?:that\s+)?")
_TELLING = frozenset("tell inform assure warn remind promise show notify advise".split())


def addressee_out(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """The one told is no part of what was told: "told visiting Ukraine officials they would need …".

    The tagger runs the content of "told", "warned", "assured" … from the
    verb's object on, and the claim then reads "visiting Ukraine officials
    they would need to announce …".  When the cue's object stands between it
    and the clause it governs, the content starts at the clause, and the
    one told becomes the act's channel if it has none ("told reporters").
    """
    for att in attributions:
        if att.cue_span is None:
            continue
        cue = root_token(doc, att.cue_span)
        if cue is None or cue.lemma_.lower() not in _TELLING:
            continue
        clause = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
        if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in clause.children):
            continue  # "tell Variety talks have taken longer": the parse gave the clause's subject to "tell"
        lo, hi = att.content_span
        start = clause.left_edge.idx
        told = [t for t in doc[cue.i + 1 : clause.left_edge.i] if not t.is_space]
        if not told or not lo <= told[0].idx <= lo + 1 or not start < hi or len(told) > 6:
            continue
        if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in told) or any(
            t.lower_ == "that" or t.is_punct for t in told
        ):
            continue  # "told that …", "told: …": nothing told to anyone named
        att.content_span = (start, hi)
        att.content = text[start:hi]
        if att.channel is None:
            att.channel = text[told[0].idx : told[-1].idx + len(told[-1].text)]


def cut_own_frame(text: str, attributions: list[Attribution]) -> None:
    """A content that holds its own cue keeps the side of it that was said.

    '“Here we are on a historic day …,” he told settler leaders': steps that
    widen a content (quotation rules, a nested "…, Bloomberg reported") can
    leave the act's own source and cue inside what it says, and the claim
    read off it then says "…, he told settler leaders".  No act says its own
    cue: the content is a quotation that ends before the frame, else what
    follows the frame ("…, it believed that the majority came from Tunisia"),
    else what comes before it ("A meteorite crashed …, officials said").  A
    part of under two words is none.
    """
    for att in attributions:
        if att.cue_span is None:
            continue
        lo, hi = att.content_span
        c0, c1 = att.cue_span
        if not (lo <= c0 and c1 <= hi) or (c0, c1) == (lo, hi):
            continue
        f0, f1 = c0, c1
        if att.source_span is not None and lo <= att.source_span[0] and att.source_span[1] <= hi:
            f0, f1 = min(f0, att.source_span[0]), max(f1, att.source_span[1])
        before, after = _trimmed(text, lo, f0), _trimmed(text, f1, hi)
        # (both patterns match, at worst empty)
        lead = (_LEADING_OBJECT if (att.cue_lemma or "") in _TELLING else _LEADING_THAT).match(text, after[0], after[1])
        assert lead is not None
        after = (lead.end(), after[1])  # "told him it was an insect bite": what was told
        if text[before[0] : before[1]].lower() in ("what", "which", "who", "that"):
            continue  # "what they thought was a prayer rug": a noun's clause, not a statement
        if before[1] <= before[0] and text[after[0] : after[0] + 3].lower() == "to ":
            continue  # "A car bomb thought to have been planted by …": no one's words
        words = [len(text[a:b].split()) if b > a else 0 for a, b in (before, after)]
        quoted = before[1] > before[0] and text[before[1] - 1] in "\"\u201d'\u2019"
        if quoted and words[0] >= 2:
            new = before  # "“…,” he said, chuckling"
        elif words[1] >= 4 or (words[1] >= 2 and (words[0] == 0 or lead.end() > lead.start())):
            new = after  # "…, it believed that the majority came from Tunisia"; not "…, said on Tuesday"
        elif words[0] >= 2:
            new = before  # "A meteorite crashed down in Managua …, government officials said"
        else:
            continue
        att.content_span = new
        att.content = text[new[0] : new[1]]


def _trimmed(text: str, lo: int, hi: int) -> Span:
    while lo < hi and text[lo] in _EDGE:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGE:
        hi -= 1
    return lo, hi


def drop_provenance_lines(text: str, attributions: list[Attribution]) -> None:
    """Drop acts read off a republication notice ("Futurism" was not a source of "This article"),
    or off a related-link or video teaser or a photo credit around the story.

    Only a line that is the notice and nothing else: "Originally published in
    2019, the report said …" is a sentence with a source.
    """
    lines = [m.span() for m in _PROVENANCE.finditer(text)] + [m.span() for m in _PAGE_FURNITURE.finditer(text)]
    if lines:
        attributions[:] = [a for a in attributions if not _anchored_in(a, lines)]


# "That said, …", "With all that said, …", "Having said that, …", "That being said, …":
# a writer's turn of phrase, not an act of saying.
_CONNECTIVE = re.compile(
    r"(?i)(?:(?:and|but|so|now|still|yet|with|all)\s+)*"
    r"(?:(?:that|this)(?:\s+(?:being|having\s+been))?\s+said|having\s+said\s+(?:all\s+)?(?:that|this))"
    r"\s*,\s*"
)


_SENTENCE_START = re.compile(rf"{SENTENCE_END.pattern}|\n|[“\"]")  # the start is past the spaces after


def drop_connectives(text: str, attributions: list[Attribution]) -> None:
    """No act is read off "That said, …", and no content opens with it.

    The tagger and the rules read "said" there as a cue whose content is the
    rest of the sentence, or "that"; the ledger then held the writer's own
    sentence as something said by no one.  A connective at the head of a
    real content ("With all that said, buyers are happy, the company said")
    is the writer's, and is cut from it.
    """
    kept = []
    for att in attributions:
        if att.cue_span is not None and text[att.cue_span[1] - 4 : att.cue_span[1]].lower() in ("said", "that", "this"):
            c0, c1 = att.cue_span
            starts = [m.end() for m in _SENTENCE_START.finditer(text, max(0, c0 - 300), c0)]
            m = _CONNECTIVE.match(text, _skip_space(text, starts[-1] if starts else 0, c0))
            if m is not None and m.start() <= c0 < c1 <= m.end():
                continue
        lo, hi = att.content_span
        m = _CONNECTIVE.match(text, lo, hi)
        if m is not None and m.end() < hi:
            att.content_span = (m.end(), hi)
            att.content = text[m.end() : hi]
        kept.append(att)
    attributions[:] = kept


def _skip_space(text: str, i: int, limit: int) -> int:
    while i < limit and text[i] in " \t\n\"\u201c":
        i += 1
    return i


def _anchored_in(att: Attribution, spans: list[tuple[int, int]]) -> bool:
    """Does the act begin (its cue, else its content) inside one of ``spans``?"""
    at = (att.cue_span or att.content_span)[0]
    return any(lo <= at < hi for lo, hi in spans)


# Words a headline leaves in lower case.
_HEADLINE_SMALL = frozenset(
    "a an the of in on to for and or but at by with from as is are was vs via over after into off up out than"
    " that this".split()
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_PROSE_BREAK = re.compile(r"\b[a-z]{2,}[.!?][\"”’']?\s+[\"“‘]?[A-Z]")  # "… the talks failed. The minister …"


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines written as a headline.

    Four to twenty words, every word of weight capitalised, no sentence of
    prose ended inside it, not ending in a stop, question or exclamation
    mark or a colon (a quote mark may follow it), and no line that opens
    with a dash (a post's credit line, "— Name (@handle) date", or a list's
    bullet).
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped or stripped[0] in "—–-" or re.search(r"[.!?:][\"”’']?$", stripped):
            continue
        if _PROSE_BREAK.search(stripped):
            continue  # two sentences of prose, whatever their case ("Say What? ‘At Least …’" is a headline)
        all_words = _WORD.findall(stripped)
        words = [w for w in all_words if w.lower() not in _HEADLINE_SMALL]
        if 4 <= len(all_words) <= 20 and words and all(w[0].isupper() for w in words):
            out.append((start, end))
    return out


def drop_headline_acts(text: str, attributions: list[Attribution]) -> None:
    """Drop the acts a headline or a subhead kept in the text gives to no one the story names.

    "Willie Nelson Death Hoax Dismissed Since Guitarist Is ‘Alive And Well’"
    gave a denial to "Death Hoax" (to "Willie Nelson Death Hoax" when the
    line opens the text), "15 Fun Facts About …" the speaker "Fun": in title
    case the parse (the recogniser too) takes capitals for names and headline
    grammar for sentences, and a page ends with headlines of other stories.
    A headline act stays when its cue has a class and its speaker is named in
    the story outside the headlines ("Obama Says African-American Museum Will
    Tell of …"), unless it holds an act that goes ("ISIS Revealed: Top ISIS
    Commander Abu Ahmed Says …").  A text that is all headline keeps all.
    """
    lines = _headline_lines(text)
    heads = [a for a in attributions if _anchored_in(a, lines)]
    if not heads:
        return
    # the story: the text with its headline lines blanked, offsets kept
    pieces, at = [], 0
    for lo, hi in lines:
        pieces += [text[at:lo], " " * (hi - lo)]
        at = hi
    story = "".join(pieces) + text[at:]
    if not story.strip():
        return  # nothing but headlines: no story to find the speakers in

    def named(a: Attribution) -> bool:
        if a.cue_class is None or a.speaker is None or not a.speaker.name.strip():
            return False
        # as a word, in its own case: "Death Hoax" is not the story's "death hoax"
        return re.search(rf"\b{re.escape(a.speaker.name)}\b", story) is not None

    dropped = [a for a in heads if not named(a)]
    cues = [(a.cue_span or a.content_span)[0] for a in dropped]
    gone = {id(a) for a in dropped}
    # "ISIS Revealed: Top ISIS Commander Abu Ahmed Says …": a kept act holding a dropped one
    gone.update(id(a) for a in heads if any(a.content_span[0] <= c < a.content_span[1] for c in cues))
    if gone:
        attributions[:] = [a for a in attributions if id(a) not in gone]


# A sentence end inside a quotation: a stop, then a capital.  "Mr." and "U.S." are no end.
_SENTENCE_BREAK = re.compile(r"[.!?]+[\"”’']*\s+(?=[\"“‘]?[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|St|Sen|Sens|Rep|Reps|Gov|Gen|Gens|Lt|Col|Sgt|Capt|Det|Supt|Jr|Sr|Prof|Rev|No"
    r"|Mt|Ft|Ave|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Co|Ltd|[A-Z]|(?:[A-Z]\.)+[A-Z])"
)  # "George W. Bush", "U.S."


_QUESTION_OPENER = re.compile(
    r"^(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|am|do|does|did|can|could"
    r"|will|would|should|shall|may|might|must|has|have|had)\b(?!'t)",
    re.I,
)


def _one_question(words: str) -> bool:
    """ "How do you know that?": one sentence, a question.  "We did it. Why not?" asserts first.

    It opens as a question does: "I cannot believe the emails, do people really
    exist who …?" states something before it asks; and not in the negative,
    which asserts ("Don't you know the schoolgirls have converted?").
    """
    if not words.endswith("?") or not _QUESTION_OPENER.match(words.replace("’", "'")):
        return False
    body = words[:-1]
    for m in _SENTENCE_BREAK.finditer(body):
        before = body[: m.start()].split()
        if m.group().startswith(".") and before and _ABBREVIATION.fullmatch(before[-1]):
            continue
        return False
    return True


def questions_asked(attributions: list[Attribution]) -> None:
    """A quoted question is asked, whatever its frame's verb ("said", a label's colon).

    Read as asserted, the act's class said so ("How do you know that?",
    "Could it be Professor Edelman has a problem with people of Asian
    descent?"); the claims stage already made no claim of such words, and now
    reads them as it reads any question, a claim only when they point back
    at one.
    """
    for att in attributions:
        if att.cue_class != "asserts" or (att.kind != "direct" and att.cue_lemma != ":"):
            continue  # (a label's turn, "Van Susteren: …", is the speaker's words, marks or not)
        words = att.content.strip().rstrip(",").strip("\"“”‘’'").rstrip(",").strip()
        if len(words.split()) >= 3 and _one_question(words):
            att.cue_class = "questions"
