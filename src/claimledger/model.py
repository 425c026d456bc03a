"""The data model: what flows through the pipeline and what the ledger stores.

Kept explicit and typed because every layer (stages, store, CLI, API) reads
the same objects; a field added here is a field every layer can rely on.
Offsets are ``[start, end)`` character offsets into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from claimledger.errors import InputRejected, Reason

Span = tuple[int, int]


@dataclass(slots=True)
class RawDocument:
    """Bytes from one source, before any cleaning.

    ``media_type`` is what the source declared or what sniffing found
    (``text/html`` or ``text/plain``); ``meta`` holds metadata the source
    already knew (a JSON Lines record's title, a feed entry's date), which
    cleaning prefers over what it can guess from the text.
    """

    data: bytes
    source: str  # where it came from: a path, a URL, "stdin", "file.jsonl:12"
    source_format: str  # text | html | jsonl | url | feed | stdin
    media_type: str = "text/plain"
    encoding: str | None = None  # declared charset, if any
    url: str | None = None
    fetched_at: datetime | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Rejection:
    """An input that did not become an article, and why (stored and shown)."""

    source: str
    reason: Reason
    message: str
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def from_error(cls, err: InputRejected, source: str | None = None) -> Rejection:
        return cls(source=source or err.source, reason=err.reason, message=err.message)


@dataclass(slots=True)
class RemovedLine:
    """A piece of the input that cleaning dropped, kept for transparency."""

    text: str
    reason: str  # e.g. "popup", "duplicate_headline", "comment_form", "boilerplate"


@dataclass(slots=True)
class Entity:
    """A person or organisation a source span resolves to."""

    name: str  # canonical name: the fullest form the article gives
    type: str = "PERSON"  # PERSON | ORG | NORP | GPE | WORK | UNKNOWN
    descriptors: list[str] = field(default_factory=list)  # "Kremlin spokesman"
    aliases: list[str] = field(default_factory=list)  # "Peskov", "he"
    # The article only describes this speaker ("the company", "a source", "officials"):
    # the parse found no name in the words that stand for it.
    described: bool = False
    # Where a described speaker belongs: its article's URL, else the article's id.
    scope: str | None = None

    @property
    def id(self) -> str:
        """Stable across articles: the same canonical name and type is one entity.

        A described speaker is one entity per article (per URL, so a corrected
        version keeps it): "the company said" in two stories is two companies,
        and under one id the ledger filed both under one source, and read one
        company's restatement of the other's claim as the same source's.
        """
        key = f"{self.type}:{normalise_name(self.name)}"
        if self.described and self.scope:
            key += f"@{self.scope}"
        return stable_id(key)

    @property
    def name_key(self) -> tuple[str, str]:
        """Type and normalised name: what makes two speakers one, scope aside."""
        return (self.type, normalise_name(self.name))


@dataclass(slots=True)
class Attribution:
    """One act of saying or claiming in an article."""

    kind: str  # direct | indirect | mixed
    content: str
    content_span: Span
    source: str | None = None  # the source text as written ("he", "Peskov")
    source_span: Span | None = None
    speaker: Entity | None = None  # the resolved entity
    cue: str | None = None
    cue_span: Span | None = None
    cue_lemma: str | None = None
    cue_class: str | None = None
    channel: str | None = None
    manner: str | None = None
    time: str | None = None
    parent: int | None = None  # index of the parent attribution in the article


STANCES = ("asserts", "confirms", "denies", "disputes", "cannot_verify", "not_aware")


@dataclass(slots=True)
class Claim:
    """A proposition an article claims, reports or answers, with where it appears.

    Article-local: ``origin`` and the mentions index this article's
    attributions; the store links the claim to the ledger's entry for the
    same proposition (``ledger_id``) across articles.
    """

    text: str  # as the article words it, quotes and "that" stripped
    normalised: str  # what linking and ids see
    span: Span  # the mention the text comes from
    mentions: list[tuple[Span, int | None]] = field(default_factory=list)  # (span, attribution)
    subjects: list[str] = field(default_factory=list)  # names the claim is about
    origin: int | None = None  # the attribution whose source first made it, if any did
    negated: bool = False
    embedding: Any = None  # transient: a float32 vector, used to link; never exported
    ledger_id: str | None = None


@dataclass(slots=True)
class Stance:
    """Where one attribution's source stands on one claim, and the words that show it."""

    claim: int  # index into Article.claims
    attribution: int  # index into Article.attributions
    stance: str  # one of STANCES
    evidence: Span


@dataclass(slots=True)
class Article:
    """A cleaned article and everything the stages add to it."""

    text: str
    title: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as precise as known
    language: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    source: str = ""
    source_format: str = "text"
    fetched_at: datetime | None = None
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    # Transient: the spaCy Doc, set by the parse stage, never stored.
    doc: Any = None
    _id: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        """Hash of the normalised text: the same story scraped twice is one article.

        Computed once per text (normalising a long article is not free, and the
        id is asked for by de-duplication, the store and every export).
        """
        if self._id is None or self._id[0] is not self.text:
            self._id = (self.text, article_id(self.text))
        return self._id[1]


_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Unicode NFC, curly quotes straightened, whitespace collapsed: what identity hashes see."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_QUOTES)
    return _WS.sub(" ", text).strip().lower()


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def article_id(text: str) -> str:
    return stable_id(normalise_text(text))


def stable_id(value: str) -> str:
    """A short, stable hex id (16 hex digits of sha256: collisions are negligible at news scale)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


# Words that precede a name as a title ("Kremlin spokesman Dmitry Peskov", "Sen. Ted Cruz"):
# the speaker stage strips them from a name and keeps them as a descriptor; linking does
# not count them as words of a name.
TITLE_WORDS = frozenset(
    """
    president former vice sen. senator rep. representative gov. governor mr. mrs. ms. miss dr.
    secretary ambassador gen. general judge justice speaker chairman chairwoman chair
    congressman congresswoman mayor minister prime chancellor king queen prince princess pope
    rev. reverend sheriff attorney lt. col. sgt. capt. adm. maj. cpl. pvt. prof. professor
    director commissioner chief deputy acting first lady sir dame lord candidate nominee
    spokesman spokeswoman spokesperson adviser advisor aide leader lawmaker sheikh rabbi
    imam cardinal bishop father sister brother agent officer detective commander colonel
    captain sergeant admiral lieutenant major premier sultan emir ayatollah the late
    """.split()
)


def normalise_name(name: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", name)).strip().casefold()
