"""Quotes that run on across paragraphs: the next paragraph's words are the same speaker's.

News style leaves a quotation open at the end of a paragraph when the same
speaker goes on in the next one, which opens with a quote mark again:

    Another homeowner Andrei Kazarian said: "I heard footsteps …

    "They were 5 to 6 centimetres deep …"

The second paragraph names no one and has no cue, so nothing else gives it
a speaker; the open mark at the end of the first is the writer saying who.
A one-line teaser a scraper left between them ("7 terrifying mystery beasts
that never existed") does not close the quotation.

Two weaker signs give a whole-quote paragraph with no frame its speaker
when no quotation was left open: a credit line right below it ("Bill
Bratton, New York City police commissioner"), and, failing that, the
statement the paragraph before ended with. The pipeline asks them in that
order: open quotation, credit line, the voice before.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from claimledger.model import Attribution

_DOUBLE_OPEN = '\u201c"'
_SINGLE_OPEN = "\u2018'"
_SINGLE_OPENING = re.compile(r"(?:^|(?<=\s))[\u2018']")
_SINGLE_CLOSING = re.compile(r"(?<=[\w.,!?\u2026])[\u2019'](?!\w)")
_QUOTE_CHARS = '\u201c\u201d\u2018"'  # not ’: "Bill O’Reilly"
_NOT_CREDIT = re.compile(r"(?:by|photo|photograph|image|credit|reporting|read|watch|see)\b", re.I)
# Before the name: a dash, or capitalised role words ("Brooklyn District Attorney").
_CREDIT_LEAD = re.compile(r"(?:[–—-]{1,2}\s*)?(?:[A-Z][\w.'’&-]*\s+)*")
# "--Mike Ditka", "— Ray Lewis": a dash, then two to four capitalised words, the last one apart.
_DASH_SIGNATURE = re.compile(r"[–—-]{1,2}\s*((?:[A-Z][\w.'’-]*\s+){1,3})?([A-Z][\w'’-]+)")
# Words a credit line under a block quotation may have ("Bill Bratton, New York City police commissioner").
_CREDIT_WORDS = 12
_CLOSING_MARKS = "\u201d\"\u2019'"
# Acts that say something; believing, asking and planning leave no voice to go on in.
_SAYING = frozenset(
    {"asserts", "confirms", "denies", "rejects", "accuses", "cannot_verify", "not_aware", "reports"}
)
_OTHER_CLAUSE = re.compile(r"\b(?:but|while|though|although|whereas|yet)\b", re.I)
_SENTENCE_AFTER = re.compile(r"[.!?][\"'\u201d\u2019]?\s+\S")
# Words a paragraph may go on after its last statement (", he said on Monday.").
_TAIL_WORDS = 8
# Lines between the two paragraphs that may be skipped: short, and holding no quote.
_TEASER_WORDS = 12
_MAX_SKIPPED = 2
# Paragraphs of one quotation, each left open, between a frameless one and its speaker's.
_MAX_CHAINED = 6


def _frameless(att: Attribution) -> bool:
    """No speaker, source or cue: nothing in its own sentence says who said it."""
    return att.speaker is None and att.source_span is None and att.cue_span is None


def _lines_before(text: str, start: int, limit: int = _MAX_SKIPPED + 1) -> list[tuple[int, int]]:
    """(start, end) of the non-empty lines before offset ``start``, nearest first."""
    out: list[tuple[int, int]] = []
    end = text.rfind("\n", 0, start)
    while end > 0 and len(out) < limit:
        begin = text.rfind("\n", 0, end) + 1
        if text[begin:end].strip():
            out.append((begin, end))
        end = begin - 1
    return out


def _left_open(line: str, mark: str) -> bool:
    """Does this paragraph leave a quotation open at its end?"""
    if mark in _DOUBLE_OPEN:
        return line.count("\u201c") > line.count("\u201d") or line.count('"') % 2 == 1
    # Single marks double as apostrophes ("don't", "Korea's"): an opening mark starts a
    # word, a closing one ends one; open if the last opening mark comes after the last close.
    opens = [m.start() for m in _SINGLE_OPENING.finditer(line)]
    closes = [m.start() for m in _SINGLE_CLOSING.finditer(line)]
    return bool(opens) and (not closes or opens[-1] > closes[-1])


def _opens_paragraph(text: str, att: Attribution) -> str | None:
    """The quote mark this content opens its paragraph with, if it does."""
    start = att.content_span[0]
    begin = text.rfind("\n", 0, start) + 1
    if text[begin:start].strip() or start >= len(text):
        return None
    mark = text[start]
    return mark if mark in _DOUBLE_OPEN + _SINGLE_OPEN else None


def _opens_in(line: str, mark: str) -> bool:
    """Does this paragraph open with a quote mark of the kind ``mark`` is (double or single)?"""
    lead = line.lstrip()[:1]
    return bool(lead) and lead in (_DOUBLE_OPEN if mark in _DOUBLE_OPEN else _SINGLE_OPEN)


def _quotes(att: Attribution, mark: str) -> bool:
    """Is this content a quotation in the same marks (the one left open)?"""
    if mark in _DOUBLE_OPEN:
        return any(c in att.content for c in _DOUBLE_OPEN)
    return att.content[:1] in _SINGLE_OPEN


def _whole_quote(text: str, att: Attribution) -> bool:
    """Is the paragraph this content opens one closed quotation and nothing else?

    Not a quoted line in capitals: that is a subhead ("“EVENTUALLY VOTERS MAKE
    GOOD DECISIONS”"), not words someone went on to say.
    """
    end = text.find("\n", att.content_span[0])
    para = text[att.content_span[0] : len(text) if end < 0 else end].rstrip()
    if len(para) <= 2 or para[-1] not in _CLOSING_MARKS or para.upper() == para:
        return False
    return att.content_span[1] >= att.content_span[0] + len(para) - 1


def _ends_paragraph(text: str, inside: list[Attribution], line_end: int) -> Attribution | None:
    """The statement the paragraph ends with, if it ends with one (a quote's speaker named last).

    '"…," they said in a statement. / "In fact, we do not have the right …"':
    the next paragraph's quotation, with no frame of its own, goes on in the
    voice the paragraph before ended in. Not when narrative follows that
    statement in its paragraph: then the writer spoke last.
    """

    def reach(a: Attribution) -> int:
        spans = [a.content_span, a.cue_span, a.source_span]
        return max(span[1] for span in spans if span is not None)

    last = max(inside, key=reach)
    if last.cue_class not in _SAYING or last.speaker is None or last.cue_lemma in ("quote", "cite"):
        return None  # "They think …", "asked for copies", "Frank quotes Alfred Kahn:"
    tail = text[reach(last) : line_end]
    if (
        len(tail.split()) > _TAIL_WORDS
        or _SENTENCE_AFTER.search(tail)
        or _OTHER_CLAUSE.search(tail)
    ):
        return None  # "… have asked for copies. The silence …", "…, but critics disagree."
    return last


def continue_open_quotes(
    text: str, attributions: list[Attribution], *, follow_on: bool = False
) -> None:
    """Give a speakerless, cueless quote paragraph the speaker of the quotation it continues.

    It continues a quotation the paragraph before left open; with
    ``follow_on``, a whole quotation goes on in the statement the paragraph
    before ended with (run that after :func:`credit_lines`, a stronger sign).
    The piece takes the opener's source and cue as well, as the second piece
    of '"A," he said, "B."' does: one statement in two pieces.
    """
    order = sorted(range(len(attributions)), key=lambda k: attributions[k].content_span)
    merged: set[int] = set()
    for k in order:
        att = attributions[k]
        if not _frameless(att) or id(att) in merged:
            continue
        mark = _opens_paragraph(text, att)
        if mark is None or len(att.content.split()) < 3:
            continue  # a lone mark or word the tagger cut off is no quotation
        opener = None
        skipped = chained = 0
        for n_line, (begin, end) in enumerate(_lines_before(text, att.content_span[0], _MAX_SKIPPED + 1 + _MAX_CHAINED)):
            line = text[begin:end]
            in_line = [a for a in attributions if begin <= a.content_span[0] < end and a is not att]
            inside = [a for a in in_line if a.speaker is not None]
            if not inside and not any(c in line for c in _DOUBLE_OPEN + _SINGLE_OPEN + "\u201d"):
                skipped += 1
                if len(line.split()) < _TEASER_WORDS and skipped <= _MAX_SKIPPED:
                    continue  # a teaser or caption between the two paragraphs
                break
            if _left_open(line, mark):
                if (
                    not follow_on
                    and not inside
                    and chained < _MAX_CHAINED
                    and _opens_in(line, mark)
                ):
                    # '‘I was walking around …' / 'I hadn't planned on staying …' / 'I didn't
                    # want to go back …': a paragraph that goes on in the quotation and that
                    # no one was found for passes the voice on from the one before it.
                    chained += 1
                    continue
                if not follow_on and inside:
                    last = max(inside, key=lambda a: a.content_span[0])
                    if _quotes(last, mark):
                        opener = last
            elif follow_on and inside and n_line == 0 and _whole_quote(text, att):
                # Right after, nothing between: a short line between may be the
                # credit of the quotation above ("– Ali"), not a teaser.
                opener = _ends_paragraph(text, in_line, end)
            break
        if opener is None:
            continue
        para_end = text.find("\n", att.content_span[0])
        para_end = len(text) if para_end < 0 else para_end
        pieces = [att]
        for j in order:
            b = attributions[j]
            if b is att or not att.content_span[0] < b.content_span[0] < para_end:
                continue
            if not _frameless(b) or b.content_span[0] < pieces[-1].content_span[0]:
                if b.content_span[0] > att.content_span[0]:
                    break  # a framed act: the quotation's pieces end before it
                continue
            if any(c.isalnum() for c in text[pieces[-1].content_span[1] : b.content_span[0]]):
                break  # the narrator's words between: another quotation, not a piece of this one
            pieces.append(b)  # "'I didn't want" | "to go back to my apartment …": one quotation
        if len(pieces) > 1:
            # The tagger cut one quotation in pieces: one act, the paragraph's words.
            att.content_span = (att.content_span[0], max(p.content_span[1] for p in pieces))
            att.content = text[att.content_span[0] : att.content_span[1]]
            merged.update(id(p) for p in pieces[1:])
        att.speaker = opener.speaker
        att.source = opener.source
        att.source_span = opener.source_span
        att.cue, att.cue_span = opener.cue, opener.cue_span
        att.cue_lemma, att.cue_class = opener.cue_lemma, opener.cue_class
        att.channel, att.manner, att.time = opener.channel, opener.manner, opener.time
    if merged:
        attributions[:] = [a for a in attributions if id(a) not in merged]


def credit_lines(doc: Doc, text: str, attributions: list[Attribution], resolve: Any) -> None:
    """A block quotation credited on the line after it ("Brooklyn District Attorney Kenneth Thompson").

    Pull quotes and boxed quotations print the quotation as its own
    paragraph and the speaker's name and role as a short line below, with no
    verb; the quotation is that person's statement, as a dash signature
    makes it (see :mod:`claimledger.nlp.tweets`). Only a line of a dozen
    words or fewer, with no verb and no quote mark, shaped "[–] [Role
    Words] NAME[, role]": a byline ("By John Smith"), a photo credit
    ("Photo: John Smith/Reuters"), a caption ("Angela Merkel in Berlin") or a
    subhead ("Donald Trump's wall") names a person in another shape.
    ``resolve`` maps the name's head token to (source tokens, speaker entity).
    """
    for att in attributions:
        if (
            not _frameless(att)
            or _opens_paragraph(text, att) is None
            or not _whole_quote(text, att)
        ):
            continue
        para_end = text.find("\n", att.content_span[0])
        if para_end < 0:
            continue
        start = para_end
        while start < len(text) and text[start].isspace():
            start += 1
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
        line = text[start:stop].rstrip()
        if not line or len(line.split()) > _CREDIT_WORDS or any(c in line for c in _QUOTE_CHARS):
            continue
        if _NOT_CREDIT.match(line) or "/" in line or "@" in line:
            continue
        span = doc.char_span(start, start + len(line), alignment_mode="contract")
        if span is None or any(t.pos_ in ("VERB", "AUX") for t in span):
            continue
        person = next((e for e in span.ents if e.label_ == "PERSON"), None)
        signed = _DASH_SIGNATURE.fullmatch(line) if person is None else None
        if signed is not None:
            # "--Mike Ditka": the tokenizer keeps "--Mike" whole and the recogniser misses
            # the name; a dash signature of capitalised words is one all the same, if
            # its last word names a person the article knows.
            last = doc.char_span(start + signed.start(2), start + signed.end(2), alignment_mode="contract")
            _, speaker = resolve(last.root) if last is not None and len(last) else (None, None)
            if speaker is None or speaker.type != "PERSON" or speaker.name[:1] in "–—-":
                continue  # "--Ray" kept whole made a person "--Ray Lewis": no one the article knows
            name_start = start + (signed.start(1) if signed.start(1) >= 0 else signed.start(2))
            att.speaker = speaker
            att.source = text[name_start : start + signed.end(2)]
            att.source_span = (name_start, start + signed.end(2))
            att.cue_class = "asserts"
            continue
        if person is None:
            continue
        before, after = text[start : person.start_char], text[person.end_char : start + len(line)]
        if not _CREDIT_LEAD.fullmatch(before) or not (after == "" or after.startswith(",")):
            continue
        _, speaker = resolve(person.root)
        if speaker is None:
            continue
        source = text[start : person.end_char].lstrip("–—- ")
        att.speaker = speaker
        att.source = source
        att.source_span = (person.end_char - len(source), person.end_char)
        att.cue_class = "asserts"  # no cue word: the credit line is the frame


def carried_quotes_assert(text: str, attributions: list[Attribution]) -> None:
    """A quotation paragraph whose speaker the quote rules carried over asserts its words.

    '"…," he told BBC Radio Leeds. / "Sadly it disappeared. …"': the second
    paragraph has its speaker and no frame of its own, and with no cue class
    the ledger skipped it, losing what the speaker went on to say (readers of
    real pages counted it a missed statement every time).  Only right after
    that speaker's own assertion, no other voice between and at most one
    paragraph back; it then takes that act's cue, as a second piece of one
    statement does.
    """
    order = sorted(attributions, key=lambda a: a.content_span)
    last: Attribution | None = None
    for att in order:
        if att.speaker is None:
            continue
        if (
            att.kind == "direct"
            and att.cue is None
            and att.cue_class is None
            and last is not None
            and last.speaker is not None  # always: only acts with a speaker are kept as last
            and last.speaker.name == att.speaker.name
            and last.cue_class == "asserts"
            and last.content_span[1] <= att.content_span[0]
            and text[last.content_span[1] : att.content_span[0]].count("\n\n") <= 1
        ):
            att.cue, att.cue_span, att.cue_lemma = last.cue, last.cue_span, last.cue_lemma
            att.cue_class = last.cue_class
            if att.channel is None:
                att.channel = last.channel
        if att.cue_class is not None:
            last = att


def first_person_in_quotes(text: str, attributions: list[Attribution]) -> None:
    """An "I" inside a quotation is whoever the quotation is by.

    '‘I was walking around …,' Tan said. / 'I hadn't planned on staying there
    long, I just wanted some chicken wings.': the tagger reads "I just
    wanted" as an act of its own, by "I", which names no one in the ledger.
    The "I" stands inside a quotation: one opened in its own paragraph by a
    speaker named there, or one the paragraphs before left open (as
    :func:`continue_open_quotes` follows them).  Only a person speaks as
    "I"; an "I" outside any quotation (the writer's) is left alone.
    """
    for att in attributions:
        if att.speaker is not None or att.source_span is None or (att.source or "").strip() != "I":
            continue
        at = att.source_span[0]
        begin = text.rfind("\n", 0, at) + 1
        opener = _framing_quote(text, attributions, att, begin, at)
        if opener is None:
            lead = text[begin:at].lstrip()[:1]
            if not lead or lead not in _DOUBLE_OPEN + _SINGLE_OPEN or not _left_open(text[begin:at], lead):
                continue  # not inside a quotation this paragraph opens
            opener = _open_before(text, attributions, begin, lead)
        if opener is not None and opener.speaker is not None and opener.speaker.type == "PERSON":
            att.speaker = opener.speaker


def _framing_quote(
    text: str, attributions: list[Attribution], att: Attribution, begin: int, at: int
) -> Attribution | None:
    """The act of this paragraph whose quotation holds offset ``at``: 'Tan said: ‘I was … I decided'."""
    for other in attributions:
        lo, hi = other.content_span
        if other is att or other.speaker is None or not begin <= lo < at < hi:
            continue
        mark = text[lo] if lo < len(text) else ""
        if mark in _DOUBLE_OPEN + _SINGLE_OPEN and _left_open(text[lo:at], mark):
            return other
    return None


def _open_before(text: str, attributions: list[Attribution], start: int, mark: str) -> Attribution | None:
    """The speaker of the quotation the paragraphs before ``start`` left open, as the
    chained paragraphs of :func:`continue_open_quotes` pass it on."""
    chained = 0
    for begin, end in _lines_before(text, start, 1 + _MAX_CHAINED):
        line = text[begin:end]
        inside = [a for a in attributions if begin <= a.content_span[0] < end and a.speaker is not None]
        if not _left_open(line, mark):
            return None
        if inside:
            # the quotation's own act, not one found inside it ("… where I ordered wings")
            quoting = [a for a in inside if _quotes(a, mark)]
            return max(quoting, key=lambda a: a.content_span[0]) if quoting else None
        if chained >= _MAX_CHAINED or not _opens_in(line, mark):
            return None
        chained += 1
    return None
