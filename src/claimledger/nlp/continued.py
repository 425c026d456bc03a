"""Quotes that run on across paragraphs: the next paragraph's words are the same speaker's.

News style leaves a quotation open at the end of a paragraph when the same
speaker goes on in the next one, which opens with a quote mark again:

    Another homeowner Andrei Kazarian said: "I heard footsteps …

    "They were 5 to 6 centimetres deep …"

The second paragraph names no one and has no cue, so nothing else gives it
a speaker; the open mark at the end of the first is the writer saying who.
A one-line teaser a scraper left between them ("7 terrifying mystery beasts
that never existed") does not close the quotation.
"""

from __future__ import annotations

import re

from claimledger.model import Attribution

_DOUBLE_OPEN = '\u201c"'
_SINGLE_OPEN = "\u2018'"
_SINGLE_OPENING = re.compile(r"(?:^|(?<=\s))[\u2018']")
_SINGLE_CLOSING = re.compile(r"(?<=[\w.,!?\u2026])[\u2019'](?!\w)")
# Lines between the two paragraphs that may be skipped: short, and holding no quote.
_TEASER_WORDS = 12
_MAX_SKIPPED = 2


def _lines_before(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of the non-empty lines before offset ``start``, nearest first."""
    out: list[tuple[int, int]] = []
    end = text.rfind("\n", 0, start)
    while end > 0 and len(out) < _MAX_SKIPPED + 1:
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


def _quotes(att: Attribution, mark: str) -> bool:
    """Is this content a quotation in the same marks (the one left open)?"""
    if mark in _DOUBLE_OPEN:
        return any(c in att.content for c in _DOUBLE_OPEN)
    return att.content[:1] in _SINGLE_OPEN


def continue_open_quotes(text: str, attributions: list[Attribution]) -> None:
    """Give a speakerless, cueless quote paragraph the speaker of the quotation it continues.

    The piece takes the opener's source and cue as well, as the second piece
    of '"A," he said, "B."' does: one statement in two pieces.
    """
    order = sorted(range(len(attributions)), key=lambda k: attributions[k].content_span)
    for k in order:
        att = attributions[k]
        if att.speaker is not None or att.source_span is not None or att.cue_span is not None:
            continue
        mark = _opens_paragraph(text, att)
        if mark is None or len(att.content.split()) < 3:
            continue  # a lone mark or word the tagger cut off is no quotation
        opener = None
        for begin, end in _lines_before(text, att.content_span[0]):
            line = text[begin:end]
            inside = [
                a
                for a in attributions
                if begin <= a.content_span[0] < end and a is not att and a.speaker is not None
            ]
            if not inside and not any(c in line for c in _DOUBLE_OPEN + _SINGLE_OPEN + "\u201d"):
                if len(line.split()) < _TEASER_WORDS:
                    continue  # a teaser or caption between the two paragraphs
                break
            if _left_open(line, mark) and inside:
                last = max(inside, key=lambda a: a.content_span[0])
                if _quotes(last, mark):
                    opener = last
            break
        if opener is None:
            continue
        att.speaker = opener.speaker
        att.source = opener.source
        att.source_span = opener.source_span
        att.cue, att.cue_span = opener.cue, opener.cue_span
        att.cue_lemma, att.cue_class = opener.cue_lemma, opener.cue_class
        att.channel, att.manner, att.time = opener.channel, opener.manner, opener.time
