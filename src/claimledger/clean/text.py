"""The cleaner for already-scraped text: drop debris lines, keep paragraphs, find the title.

Scraped text arrives with the page's furniture still in it: popup buttons
("close"), the headline printed twice, share bars, comment forms.  Left in,
they become fake sentences, fake quotes and fake claims downstream.  Every
removed line is kept with its reason, so the cleaning is auditable.
"""

from __future__ import annotations

import re
import unicodedata

from claimledger.clean.decode import decode
from claimledger.clean.patterns import RELATED_HEADER, match_debris
from claimledger.errors import InputRejected, Reason
from claimledger.model import Article, RawDocument, RemovedLine

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]…]$")
_MAX_TITLE_WORDS = 30
# Once a comment form starts, the short lines after it are the form, not the article.
_FORM_TAIL_MAX_WORDS = 12
# Under a related-links header ("MORE:"), at most this many lines this short, with no stop,
# no question and no quotation, are other headlines; any other line ends the block.
_LINK_MAX_WORDS = 20
_LINK_MAX_LINES = 8
_NOT_A_LINK = re.compile(r"[.!?\"'\u201d\u2019]$|[.!?]\s|^[\"'\u201c\u2018]|^By\s")


def _lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]


def _paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs.

    A blank line always ends a paragraph.  A line break inside a block ends
    one too, unless the text is hard-wrapped (the line does not end a
    sentence and the next starts in lower case), in which case the lines join.
    """
    paras: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paras.append(" ".join(current))
                current = []
            continue
        if current and (_SENTENCE_END.search(current[-1]) or not line[:1].islower()):
            paras.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paras.append(" ".join(current))
    return paras


def _looks_like_title(para: str) -> bool:
    words = para.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and not para.endswith(".")


def clean_lines(text: str) -> tuple[list[str], list[RemovedLine]]:
    """Split ``text`` into kept paragraphs and removed lines (with reasons).

    Debris is judged line by line before lines are joined into paragraphs, so
    two "close" buttons never merge into a sentence; duplicates are judged per
    paragraph.
    """
    removed: list[RemovedLine] = []
    lines: list[str] = []
    in_form = False
    links_left = 0
    for line in _lines(text):
        if not line:
            lines.append(line)
            continue
        reason = match_debris(line)
        if reason == "comment_form":
            in_form = True
        elif in_form and len(line.split()) <= _FORM_TAIL_MAX_WORDS:
            reason = "comment_form"
        else:
            in_form = False
        if reason == "navigation" and RELATED_HEADER.fullmatch(line):
            links_left = _LINK_MAX_LINES  # "MORE:" then "At Least 2 Dead After Parliament Hill Shooting"
        elif links_left and not reason and len(line.split()) <= _LINK_MAX_WORDS and not _NOT_A_LINK.search(line):
            reason = "navigation"
            links_left -= 1
        elif not reason:
            links_left = 0
        if reason:
            removed.append(RemovedLine(text=line, reason=reason))
            lines.append("")  # a removed line still separates paragraphs
        else:
            lines.append(line)
    kept: list[str] = []
    seen: set[str] = set()
    for para in _paragraphs(lines):
        key = para.casefold()
        if key in seen:
            reason = "duplicate_headline" if key == kept[0].casefold() else "duplicate"
            removed.append(RemovedLine(text=para, reason=reason))
            continue
        seen.add(key)
        kept.append(para)
    return kept, removed


def clean_text(raw: RawDocument, *, text: str | None = None) -> Article:
    """Turn a scraped-text document into an :class:`Article`.

    The headline (a short first paragraph that does not end a sentence) is
    taken as the title and kept once as the first paragraph of the text, so
    a claim made in a headline is still found.  Metadata the source already
    knew (``raw.meta``) wins over what is guessed here.
    """
    if text is None:
        text = decode(raw.data, raw.encoding)
    kept, removed = clean_lines(text)
    if not kept:
        raise InputRejected(
            Reason.NO_TEXT,
            f"nothing but debris was found ({len(removed)} line(s) removed)",
            raw.source,
        )
    meta = raw.meta
    title = meta.get("title") or (kept[0] if _looks_like_title(kept[0]) else None)
    return Article(
        text="\n\n".join(kept),
        title=title,
        url=meta.get("url") or raw.url,
        authors=list(meta.get("authors") or []),
        publisher=meta.get("publisher"),
        published=meta.get("published"),
        language=meta.get("language"),
        removed=removed,
        source=raw.source,
        source_format=raw.source_format,
        fetched_at=raw.fetched_at,
    )
