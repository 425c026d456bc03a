"""Direct and mixed quotes: the quoted words, who said them, and the reporting verb.

A direct quote is the most reliable attribution news offers: the words are
marked, and the speaker and cue sit in a handful of fixed frames around them
(``"…," he said``, ``X said: "…"``, ``X told Y that "…"``, ``X called Y a
"…"``). This stage reads those frames off spaCy's parse, with linear fallbacks
where the small parser goes wrong around quote marks, and resolves the
speaker through :mod:`claimledger.nlp.speakers`.

Quote marks are paired once per article, before any token is looked at, so
the rules only ever see whole quotes; a mark that pairs with nothing is
dropped rather than raised on, since scraped text is often unbalanced.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimledger.model import TITLE_WORDS, Attribution, Entity
from claimledger.nlp.speakers import (
    BROADCAST_NAME_WORDS,
    GROUP_PRONOUNS,
    KNOWN_ACRONYMS,
    NAME_HYPHENS,
    ORG_HEAD_NOUNS,
    OUTLET_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLE_NOUNS,
    PLATFORMS,
    RESOLVABLE_PRONOUNS,
    DocArrays,
    EntityRegistry,
    describes_a_role,
    is_org_name,
    name_words,
    named_thing,
    names_time,
    span_text,
    strip_titles,
)

__all__ = ["QuotePair", "extract_quotes", "find_quote_pairs"]

# -- lexicons (kept apart from the logic) -----------------------------------

# Verbs that report speech on their own: close to a quote, they are its cue.
STRONG_CUES = frozenset(
    """
    say tell add ask write tweet explain continue note reply respond answer state declare
    announce insist argue warn claim recall quip joke remark comment observe acknowledge
    admit concede conclude predict promise vow pledge assert contend maintain complain lament
    emphasize emphasise stress reiterate repeat retort counter testify shout yell scream
    whisper mutter chant boast brag muse wonder suggest urge demand proclaim exclaim email
    interject interrupt agree disagree confirm deny allege caution advise blurt tease
    thunder gush fume inform assure reassure recount recollect summarize summarise opine
    thank apologize apologise confess concur object protest plead beg lecture preach exhort
    implore rant scoff marvel gripe grumble
    """.split()
)

# Verbs that frame a quote only when the parse ties the quote to them
# ("called Putin a "very smart" man", "praised the invasion as "brilliant"").
WEAK_CUES = frozenset(
    """
    call praise label dub brand term deem hail blast slam attack criticize criticise accuse
    report dismiss characterize characterise refer defend question rip laud applaud tout
    celebrate welcome condemn denounce reject consider see find think believe feel know
    mock ridicule deride lambast scold chide credit blame compare liken name nickname
    promote pitch threaten describe put read quote cite sum rail charge post offer
    """.split()
)

# Nouns heading a "in a … statement" phrase: the manner of saying, not the content.
MANNER_NOUNS = frozenset(
    """
    statement interview tweet post email e-mail letter speech op-ed memo release conversation
    call appearance video podcast broadcast message posting filing book report article column
    essay remarks address briefing conference hearing testimony debate rally event
    """.split()
)

# Nouns that name an utterance: ``his "…" remark`` makes "his" the speaker.
SPEECH_NOUNS = frozenset(
    """
    promise pledge remark comment claim statement vow warning quip slogan mantra argument
    assertion boast insult attack line refrain message motto description characterization
    prediction retort taunt threat tweet joke jab dig answer response testimony word speech
    assessment accusation allegation denial admission suggestion explanation complaint
    criticism insistence contention
    """.split()
)

WORK_NOUNS = frozenset(
    """
    book report statement study poll survey letter memo article document filing lawsuit
    complaint ad advertisement video release paper analysis editorial column
    """.split()
)

# Verbs that give something a name: a title-case quote after them is the name, and it is speech.
NAMING_VERBS = frozenset({"call", "dub", "label", "brand", "nickname", "name", "term"})

# Verbs that can follow the quote and precede their subject: "…," said Caddell.
INVERTIBLE_CUES = STRONG_CUES - frozenset(
    {"tell", "inform", "assure", "reassure", "advise", "thank"}
)

_TERMINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CONTENT_TERMINAL = ".!?…"
_TITLE_SMALL = frozenset(
    "a an the of and or in on for to with at by from as vs. vs nor but".split()
)
_SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'\- ]{1,40}):\s")

# -- pairing quote marks ------------------------------------------------------

_MARKS = re.compile("[\u201c\u201d\"\u2018\u2019'\u00ab\u00bb\u201e]")
_PARA = re.compile(r"\n+")
_OPEN_D = "\u201c\u00ab\u201e"
_CLOSE_D = "\u201d\u00bb"
_OPENERS = "([{\u2014\u2013-/\u201c\u2018\"'"
_CLOSERS = ".,;:!?)]}\u2014\u2013-\u201d\u2019\"'"

# Nouns a story uses for the organisation it is about ("The company said", "the group
# added"): a bare one with "the" picks up the organisation named before it.
_GENERIC_ORG_NOUNS = frozenset(
    "company firm group agency organization organisation utility startup charity".split()
)


@dataclass(slots=True)
class QuotePair:
    """One top-level quotation: mark offsets (-1 when absent) and its content span.

    ``open == -1`` means the quote continues from the previous paragraph
    without a fresh mark (or, with ``block``, that the page printed none);
    ``close == -1`` means it runs to the end of the paragraph (the
    multi-paragraph convention: an unclosed quote whose next paragraph opens
    with a quote mark).
    """

    open: int
    close: int
    start: int
    end: int
    para: int
    single: bool = False
    continues: bool = False  # the next paragraph carries on this quote
    block: bool = False  # a paragraph printed without marks after "X said:" (see block_quotes)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def find_quote_pairs(text: str) -> list[QuotePair]:
    """Pair quote marks paragraph by paragraph and keep the outermost pairs.

    Curly marks say which way they face; straight ones are read from the
    characters around them. ``’`` between letters is an apostrophe
    ("that’s"), and a single ``’`` with no open ``‘`` is one too ("voters’").
    """
    paras = _paragraphs(text)
    marks_by_para: list[list[int]] = [[] for _ in paras]
    starts = [p[0] for p in paras]
    for m in _MARKS.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < paras[k][1]:
            marks_by_para[k].append(m.start())

    pairs: list[QuotePair] = []
    dangling_prev = False
    for k, (ps, pe) in enumerate(paras):
        stack: list[tuple[str, int]] = []  # ("d" | "s", offset)
        found: list[tuple[int, int, bool]] = []  # open, close, single
        leading_close_ok = dangling_prev
        for i in marks_by_para[k]:
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            kind = _classify(text[i], prev, nxt, stack)
            if kind == "open_d":
                stack.append(("d", i))
            elif kind == "open_s":
                stack.append(("s", i))
            elif kind in ("close_d", "close_s"):
                want = "d" if kind == "close_d" else "s"
                j = len(stack) - 1
                while j >= 0 and stack[j][0] != want:
                    j -= 1
                if j >= 0:
                    found.append((stack[j][1], i, want == "s"))
                    del stack[j:]
                elif want == "d" and leading_close_ok and not found and not stack:
                    found.append((-1, i, False))  # closes a quote from the paragraph before
            leading_close_ok = False
        dangling = next((o for kind_, o in stack if kind_ == "d"), None)
        continues = False
        if dangling is not None and k + 1 < len(paras):
            nps, npe = paras[k + 1]
            first = text[nps] if nps < npe else ""
            if first in _OPEN_D or first == '"':
                found.append((dangling, -1, False))
                continues = True
        dangling_prev = continues
        for o, c, single in sorted(found):
            start = o + 1 if o >= 0 else ps
            end = c if c >= 0 else pe
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end <= start:
                continue
            if (
                pairs
                and pairs[-1].para == k
                and (
                    pairs[-1].open <= o and (c >= 0 and c <= pairs[-1].close or pairs[-1].close < 0)
                )
            ):
                continue  # nested inside the previous top-level quote
            pairs.append(QuotePair(o, c, start, end, k, single, continues=continues and c < 0))
    return pairs


def block_quotes(text: str, pairs: list[QuotePair]) -> list[QuotePair]:
    """Paragraphs quoted as a block after a frame that ends in a colon, their marks lost.

    "FOX News reported:" or "Scottish SPCA inspector Stewart Taylor said:" as a
    paragraph of its own, then the words as the next paragraph with no quotation
    marks: a page's ``<blockquote>`` carried them, and extraction dropped it.  Only
    the paragraph right after the frame, a sentence or more of prose: not a list item,
    a table row or a heading, and not one holding double or curly quotation marks of
    its own (apostrophes and straight single quotes pass).  Whether
    the frame has a speaking verb is for :func:`quotes_in` to say; without one
    ("Here are the highlights:") the paragraph is dropped there.
    """
    paras = _paragraphs(text)
    quoted = {p.para for p in pairs}
    out: list[QuotePair] = []
    for k in range(len(paras) - 1):
        ps, pe = paras[k]
        frame = text[ps:pe].rstrip()
        if not frame.endswith(":") or k in quoted or k + 1 in quoted or len(frame.split()) > 30:
            continue
        ns, ne = paras[k + 1]
        while ns < ne and text[ns].isspace():
            ns += 1
        while ne > ns and text[ne - 1].isspace():
            ne -= 1
        body = text[ns:ne]
        if (
            len(body.split()) < 6
            or not body[:1].isalpha()
            or body.isupper()
            or not body.endswith((".", "!", "?"))
            or _MARKS.search(body.replace("\u2019", "").replace("'", "")) is not None
        ):
            continue
        out.append(QuotePair(-1, -1, ns, ne, k + 1, block=True))
    return out


def _block_cue(idx: _Index, q: _Quote) -> Token | None:
    """The speaking verb that ends the frame before a block quote ("FOX News reported:").

    The verb must govern no clause of its own after it and be followed, up to the colon,
    only by its channel, manner or time ("told reporters on Monday:", "said in a
    statement:") or "the following".
    """
    doc = idx.doc
    lo, hi = idx.para_bounds(q.pair.para - 1)
    j = hi - 1
    while j >= lo and doc[j].is_space:
        j -= 1
    if j < lo or doc[j].text != ":":
        return None
    for i in range(j - 1, lo - 1, -1):
        tok = doc[i]
        if tok.pos_ in ("VERB", "AUX") or tok.is_punct and tok.text not in ",":
            lemma = tok.lemma_.lower()
            if (_cue_strength(tok) == 2 and lemma != "continue") or (tok.pos_ == "VERB" and lemma == "report"):
                # ("Story continues:" is a page's furniture, not a voice going on)
                if any(c.dep_ in ("ccomp", "xcomp", "advcl") and tok.i < c.i < j for c in tok.children):
                    return None  # its own clause after it ("said he would go:"); one before is fine
                return tok
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("acl", "amod", "relcl") and tok.head.i < tok.i:
                continue  # "said in a statement released Tuesday:"
            if tok.pos_ in ("VERB", "AUX") or tok.is_punct:
                return None
    return None


def _classify(c: str, prev: str, nxt: str, stack: list[tuple[str, int]]) -> str:
    if c in _OPEN_D:
        return "open_d"
    if c in _CLOSE_D:
        return "close_d"
    open_ctx = prev.isspace() or prev in _OPENERS
    close_ctx = nxt.isspace() or nxt in _CLOSERS
    if c == '"':
        if open_ctx and not close_ctx:
            return "open_d"
        if close_ctx and not open_ctx:
            return "close_d"
        top_d = next((True for k, _ in reversed(stack) if k == "d"), False)
        return "close_d" if top_d else "open_d"
    has_single = any(k == "s" for k, _ in stack)
    if c == "\u2018":
        return "open_s" if open_ctx and not nxt.isspace() else "none"
    # ’ or ': an apostrophe unless it can close an open single quote.
    if prev.isalnum() and nxt.isalpha():
        return "none"
    if has_single and not prev.isspace() and not nxt.isalnum():
        return "close_s"
    if c == "'" and open_ctx and nxt.isalpha():
        return "open_s"  # unmatched ones ("'90s", "'em") are dropped at paragraph end
    return "none"


# -- the article, indexed once ----------------------------------------------


@dataclass(slots=True)
class _Quote:
    pair: QuotePair
    first: int  # first content token
    last: int  # last content token (inclusive)
    open_tok: int  # token holding the open mark, or -1
    close_tok: int  # token holding the close mark, or -1
    content: str


class _Index:
    """Per-article lookups the rules share: token offsets, quote masks, paragraphs."""

    def __init__(self, doc: Doc, pairs: list[QuotePair], text: str) -> None:
        self.doc = doc
        self.text = text
        self.arr = DocArrays(doc, text)
        self.starts = self.arr.idx
        self.paras = _paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        n = len(doc)
        self.masked = bytearray(n)  # 1 inside a quote (marks included)
        self.quotes: list[_Quote] = []
        self.open_toks: dict[int, int] = {}
        self.terminal_close: set[int] = set()
        for p in pairs:
            first = bisect_left(self.starts, p.start)
            last = bisect_left(self.starts, p.end) - 1
            if first >= n or last < first:
                continue
            open_tok = self.tok_at(p.open) if p.open >= 0 else -1
            close_tok = self.tok_at(p.close) if p.close >= 0 else -1
            lo = open_tok if open_tok >= 0 else first
            hi = close_tok if close_tok >= 0 else last
            # A block quote stays open to the other rules: its names are the article's
            # (a later "he" may be one of them), and the acts it reports nest in it.
            for i in range(lo, hi + 1) if not p.block else ():
                self.masked[i] = 1
            content = self.text[p.start : p.end]
            self.quotes.append(_Quote(p, first, last, open_tok, close_tok, content))
            if open_tok >= 0:
                self.open_toks[open_tok] = len(self.quotes) - 1
            if close_tok >= 0 and content.rstrip("\u2019'\"")[-1:] in _CONTENT_TERMINAL:
                self.terminal_close.add(close_tok)

    def is_headline(self, k: int) -> bool:
        """The first paragraph in title case: a headline, where capitals say nothing."""
        if k != 0 or not self.paras:
            return False
        words = [
            w for w in self.text[self.paras[0][0] : self.paras[0][1]].split() if w[:1].isalpha()
        ]
        caps = sum(1 for w in words if w[:1].isupper())
        return bool(words) and caps >= 0.6 * len(words)

    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def para_of(self, tok: int) -> int:
        return bisect_right(self.para_starts, self.starts[tok]) - 1

    def para_bounds(self, k: int) -> tuple[int, int]:
        """Token range [lo, hi) of paragraph ``k``."""
        ps, pe = self.paras[k]
        return bisect_left(self.starts, ps), bisect_left(self.starts, pe)

    def is_terminal(self, i: int) -> bool:
        tok = self.doc[i]
        return not self.masked[i] and tok.text in _TERMINAL

    def segment_after(self, i: int, hi: int) -> list[int]:
        """Unquoted tokens from ``i`` to the end of the sentence (inclusive), stopping at a quote."""
        out: list[int] = []
        while i < hi:
            if i in self.open_toks:
                break
            if not self.masked[i] and not self.doc[i].is_space:
                out.append(i)
                if self.is_terminal(i):
                    break
            i += 1
        return out

    def segment_before(self, i: int, lo: int) -> list[int]:
        """Unquoted tokens from the sentence start up to ``i`` (inclusive), in order."""
        out: list[int] = []
        while i >= lo:
            if self.is_terminal(i) or i in self.terminal_close:
                break
            if not self.masked[i] and not self.doc[i].is_space:
                out.append(i)
            i -= 1
        out.reverse()
        return out


# -- cues and speakers ---------------------------------------------------------


def _cue_strength(tok: Token) -> int:
    """2 for a verb that reports speech, 1 for one that frames a quote only when parsed so, else 0.

    A speech noun with an owner ("her claim that …", "his comments") is a
    weak cue too: it names the utterance and its speaker.
    """
    if tok.pos_ == "NOUN":
        if tok.lemma_.lower() in SPEECH_NOUNS and any(c.dep_ == "poss" for c in tok.children):
            return 1
        return 0
    if tok.pos_ not in ("VERB", "AUX") and tok.lower_ != "according":
        return 0
    if tok.dep_ in ("amod", "compound", "nmod", "nn"):
        return 0  # "a written statement", "said" as an adjective
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according":
        return 2 if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to" else 0
    if lemma in STRONG_CUES and tok.pos_ == "VERB":
        return 2
    if lemma in WEAK_CUES and tok.pos_ == "VERB":
        return 1
    return 0


def _ancestor_cues(idx: _Index, q: _Quote, frame: set[int]) -> list[Token]:
    """Cue verbs above the quote in the parse, among the frame's tokens, lowest first."""
    doc = idx.doc
    best: dict[int, int] = {}  # token → fewest steps from the quote
    for i in range(q.first, q.last + 1):
        if q.first <= doc[i].head.i <= q.last:
            continue
        j, steps = i, 0
        while steps < 10:
            tok = doc[j]
            if tok.head.i == j:
                break
            j = tok.head.i
            steps += 1
            if j in frame and _cue_strength(doc[j]) and steps < best.get(j, 99):
                best[j] = steps
    return [doc[j] for j in sorted(best, key=lambda j: best[j])]


def _is_descendant(tok: Token, ancestor: Token) -> bool:
    return any(a.i == ancestor.i for a in tok.ancestors)


def _tail_cue(idx: _Index, seg: list[int], within: int = 6) -> Token | None:
    """A sentence that only says who spoke ("Trump said at a rally.", "Lau said in a statement."), or None.

    The cue must take no content of its own (no clause, no object but the
    addressee), else the sentence is a new attribution, not this quote's.
    ``within`` bounds how far into the sentence the cue may sit.
    """
    doc = idx.doc
    words = [i for i in seg if not doc[i].is_punct]
    if not words or len(words) > 30:
        return None
    for i in words[:within]:
        tok = doc[i]
        if _cue_strength(tok) != 2 or tok.lower_ == "according":
            continue
        for child in tok.children:
            if child.dep_ in ("ccomp", "mark") or (
                child.dep_ == "dobj" and tok.lemma_ not in ("tell", "ask", "add", "write")
            ):
                return None
        return tok
    return None


_NOT_SPEAKER_ENTS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
)


def _find_speaker(idx: _Index, cue: Token) -> Token | None:
    """The token heading the source of ``cue``: from the parse first, from word order if that fails."""
    if cue.pos_ == "NOUN":
        owner = _noun_owner(idx, cue)
        return owner if owner is not None and _fit_speaker(idx, cue, owner) else None
    for find in (_speaker_token, _linear_speaker):
        head = find(idx, cue)
        if head is not None and _fit_speaker(idx, cue, head):
            return head
    if (
        cue.dep_ == "xcomp"
        and cue.head.dep_ == "acomp"
        and (cue.head.lower_ == "unable" or (cue.head.lower_ == "able" and any(
            c.dep_ == "neg" for c in (*cue.head.children, *cue.head.head.children))))
    ):  # fmt: skip
        # "Reuters was unable to verify the report", "was not able to verify": the subject of
        # "was".  Not "would be able to confirm": what someone can do is no act of theirs.
        # A named or described subject only: "He was unable to verify the report, the
        # minister told parliament" is the minister's, and "who" would need resolving.
        head = next((c for c in cue.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if head is not None and head.pos_ in ("NOUN", "PROPN") and _fit_speaker(idx, cue, head):
            return head
    if cue.dep_ in ("advcl", "conj", "xcomp") and cue.head.pos_ == "VERB":
        # "Trump has delivered a defense of "…," saying …": the main verb's neighbour spoke.
        head = _linear_speaker(idx, cue.head)
        if head is not None and _fit_speaker(idx, cue, head):
            return head
    return None


def _noun_owner(idx: _Index, noun: Token) -> Token | None:
    """The possessor of a speech noun: its ``poss`` child, or the word before "'s" or "his"/"her"."""
    doc = idx.doc
    for child in noun.children:
        if child.dep_ == "poss" and not idx.masked[child.i]:
            return child
    i = noun.i - 1
    while i >= 0 and (idx.masked[i] or doc[i].is_space):
        i -= 1
    if i < 0:
        return None
    if doc[i].tag_ == "PRP$":
        return doc[i]
    if doc[i].text in ("'s", "\u2019s", "'", "\u2019") and i > 0:
        return doc[i - 1]
    return None


def _fit_speaker(idx: _Index, cue: Token, tok: Token) -> bool:
    """A subject inside a quote, in another paragraph, or a date is a misparse: none beats a wrong one."""
    # "One of them, William Martinez, said": a number, but the apposition names the speaker.
    named_one = tok.lower_ == "one" and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)
    if idx.masked[tok.i] or tok.is_space or tok.is_punct or (tok.ent_type_ in _NOT_SPEAKER_ENTS and not named_one):
        return False
    if tok.lower_ in ("its", "this", "that", "which") or (
        tok.tag_ == "PRP$" and cue.pos_ != "NOUN"
    ):
        return False
    return idx.para_of(tok.i) == idx.para_of(cue.i)


def _speaker_token(idx: _Index, cue: Token) -> Token | None:
    """The subject of the cue, climbing through "… and said", "…, saying", "quoted as saying"."""
    doc = idx.doc
    if cue.lower_ == "according":
        to = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
        for parent in (cue, to):
            if parent is None:
                continue
            for child in parent.subtree:
                if child.dep_ == "pobj" and child.head.lower_ == "to":
                    return child
        return None
    if cue.tag_ == "VBG" and cue.i > 0 and not any(c.dep_ == "nsubj" for c in cue.children):
        prev = doc[cue.i - 1]
        if (
            prev.pos_ in ("PROPN", "NOUN")
            and prev.dep_ != "dobj"
            and prev.head.i != cue.i
            and _fit_speaker(idx, cue, prev)
        ):
            return prev  # "footage of Hillary Clinton asking, "…""
    inverted = _inverted_subject(idx, cue)
    if inverted is not None:
        return inverted
    verb = cue
    for _ in range(4):
        relative = None
        if verb.dep_ == "relcl":
            relative = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT")), None)
        if relative is not None:
            # "a campaign surrogate who said …", "an ad that urges …"; and "a kidnapping
            # by the FBI, which stated …": the FBI, where the parse hung the clause higher.
            return _relative_antecedent(relative) or verb.head
        subjects = [
            c
            for c in verb.children
            if (
                c.dep_ in ("nsubj", "csubj")
                or (c.dep_ == "nsubjpass" and verb.lemma_ in ("quote", "cite"))
            )
            and _fit_speaker(idx, cue, c)
        ]
        for c in verb.children:
            if c.dep_ == "agent":
                subjects.extend(
                    g for g in c.children if g.dep_ == "pobj" and _fit_speaker(idx, cue, g)
                )
        if verb.tag_ == "VBG" or not _after_quote_or_comma(idx, verb):
            # "saying the city embodied …", "told Fox News that …": a subject follows
            # its verb only in the inverted "…," said Caddell.
            subjects = [t for t in subjects if t.i < verb.i]
        if subjects:
            subject = min(subjects, key=lambda t: (not _agentive(t), t.i > verb.i, abs(t.i - verb.i)))
            return _named_holder(idx, subject) or subject
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
        elif verb.dep_ == "pcomp":
            # "… quoted as saying", "made a point of saying": up to the governing verb.
            up = verb.head
            for _ in range(3):
                if up.pos_ == "VERB" or up.head.i == up.i:
                    break
                up = up.head
            if up.pos_ != "VERB" or up.i == verb.i:
                break
            verb = up
        elif verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "PRON", "NOUN"):
            return verb.head
        else:
            break
    return None


def _named_holder(idx: _Index, subject: Token) -> Token | None:
    """The person a subject phrase ends on after their role, where the parse hung them lower.

    "Center for Strategic and International Studies analyst Victor Cha told
    CNN": the parse's subject is "Center" and the analyst a preposition's
    object; the speaker is the name closing the phrase after its role noun.
    """
    last = subject.right_edge
    if last.i == subject.i or last.pos_ != "PROPN" or last.ent_type_ != "PERSON" or idx.masked[last.i]:
        return None
    if subject.ent_type_ == "PERSON" or subject.pos_ != "PROPN":
        # "Gary Byrne, a former agent for President Bill Clinton": Byrne; "A senior adviser
        # to Nigeria's President Goodluck Jonathan": the adviser (only an organisation's
        # name, misparsed as the head, hands the subject on)
        return None
    first = last
    while first.i > subject.i and first.doc[first.i - 1].ent_type_ == "PERSON" and first.doc[first.i - 1].pos_ == "PROPN":
        first = first.doc[first.i - 1]
    before = first.doc[first.i - 1] if first.i > subject.left_edge.i else None
    if before is None or before.lower_ not in PERSON_ROLE_NOUNS:
        return None
    k = before.i
    while k > subject.left_edge.i and (
        first.doc[k].lower_ in PERSON_ROLE_NOUNS or first.doc[k].lower_ in TITLE_WORDS
    ):
        k -= 1
    if first.doc[k].pos_ in ("ADP", "DET"):
        return None  # "The Department of Justice under Attorney General Eric Holder said": the department
    up = last
    while up.i != subject.i and up.head.i != up.i:
        if up.dep_ in ("conj", "appos", "relcl", "acl"):
            return None  # "he and his wife Kali explained": two speakers, not the wife
        up = up.head
    return last


def _after_quote_or_comma(idx: _Index, verb: Token) -> bool:
    """Whether the verb may be inverted: right after a quote, or after a comma with no subject to its left."""
    if verb.i == 0:
        return False
    doc = idx.doc
    before = doc[verb.i - 1]
    if idx.masked[before.i] and before.is_punct:
        return True
    if before.text != ",":
        return False
    if verb.i > 1 and idx.masked[verb.i - 2]:
        return True  # "…" , said X
    # "Rand Paul, R-Ky., told Fox News": a name before the commas is the subject.
    return _linear_speaker(idx, verb) is None


def _inverted_subject(idx: _Index, cue: Token) -> Token | None:
    """``…," said Michael Kofman, an expert …``: after a comma or a quote, the name follows the verb."""
    doc = idx.doc
    if cue.i == 0 or cue.i + 1 >= len(doc) or cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    if cue.lemma_.lower() not in INVERTIBLE_CUES:
        return None
    if not _after_quote_or_comma(idx, cue):
        return None
    j = cue.i + 1
    if doc[j].pos_ == "DET" and j + 1 < len(doc):
        # "…, said the company's executive chair Marcelo Claure": the parse's subject
        # when it starts right after the verb; word order alone stops at "company".
        subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.left_edge.i == j), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN") and not idx.masked[subj.i]:
            return subj
        j += 1
        while (
            j + 1 < len(doc)
            and doc[j].pos_ in ("ADJ", "NOUN", "PROPN")
            and doc[j + 1].pos_
            in (
                "NOUN",
                "PROPN",
            )
        ):
            j += 1
        return doc[j] if doc[j].pos_ in ("NOUN", "PROPN") and not idx.masked[j] else None
    if (
        doc[j].pos_ not in ("PROPN", "PRON")
        or idx.masked[j]
        or doc[j].ent_type_ in _NOT_SPEAKER_ENTS
    ):
        return None
    subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.left_edge.i == j), None)
    if (
        subj is not None
        and subj.i > j
        and subj.pos_ == "PROPN"
        and subj.ent_type_ == "PERSON"
        and any(t.lower_ in PERSON_ROLE_NOUNS or t.tag_ == "POS" for t in doc[j : subj.i])
        and not idx.masked[subj.i]
    ):
        # "…,” said NSC spokesperson Caitlin Hayden: the parse's subject, not the
        # organisation that opens its phrase (word order alone stops at "NSC").
        return subj
    if (
        subj is not None
        and subj.i > j
        and doc[j + 1].tag_ == "POS"
        and subj.pos_ in ("NOUN", "PROPN")
        and not idx.masked[subj.i]
    ):
        return subj  # "…,” said Woods' agent, Mark Steinberg: the agent, not Woods
    while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and not idx.masked[j + 1]:
        j += 1
    return doc[j]


def _linear_speaker(idx: _Index, cue: Token) -> Token | None:
    """Where the parse gave the cue no subject: a name or pronoun right next to it.

    Reads "Flynn, a top Trump surrogate, said" through the apposition.
    """
    doc = idx.doc
    i = cue.i - 1
    while i >= 0 and not idx.masked[i] and doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i >= 0 and doc[i].text == "," and not idx.masked[i]:
        j = i - 1
        while j >= max(0, i - 12) and doc[j].text != "," and not idx.masked[j]:
            j -= 1
        if j > 0 and doc[j].text == "," and doc[j - 1].pos_ in ("PROPN", "PRON"):
            return doc[j - 1]
    elif i >= 0 and not idx.masked[i] and doc[i].pos_ in ("PROPN", "PRON", "NOUN"):
        return doc[i]
    return None


# Entity labels that name a speaker ("Russian officials", "Google's lawyers"); a date or
# a number ("the 56-year-old") does not.
_NAMING_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
_NP_DROP = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis"})


def _noun_phrase(idx: _Index, head: Token) -> list[Token]:
    """The source's noun phrase, without relative clauses, appositions or coordinated names."""
    if head.pos_ == "PRON":
        return [head]
    keep = {head.i}
    stack = [head]
    # "Procter and Gamble said": a coordination inside one organisation's name is the name.
    org = entity_bounds(head) if head.ent_type_ == "ORG" else None
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if idx.masked[child.i]:
                continue
            if child.dep_ in _NP_DROP and not (
                (org is not None and org[0] <= child.i < org[1]) or _inner_hyphen(child)
            ):
                continue
            keep.add(child.i)
            stack.append(child)
    doc = idx.doc
    lo = head.i
    while lo - 1 in keep and not doc[lo - 1].is_space:
        lo -= 1
    hi = head.i
    while hi + 1 in keep and not doc[hi + 1].is_space:
        hi += 1
    toks = [doc[i] for i in range(lo, hi + 1)]
    while toks and toks[-1].is_punct:
        toks.pop()
    return toks or [head]


def _apposition_after_clause(head: Token) -> Token | None:
    """The name set off after a relative clause on the noun ("The company that runs the
    AMAs, Dick Clark Productions, denies"): the parser hangs it on the clause's
    last noun, but the comma that closes it hangs on the noun it names."""
    for clause in head.children:
        if clause.dep_ != "relcl":
            continue
        for tok in clause.subtree:
            if tok.dep_ != "appos" or tok.pos_ != "PROPN":
                continue
            after = tok.right_edge.i + 1
            doc = head.doc
            if after < len(doc) and doc[after].text == "," and doc[after].head.i == head.i:
                return tok
    return None


def _org_elsewhere(name: list[Token]) -> bool:
    """Is this name, unmarked here, an organisation where the recogniser marked it?"""
    text = " ".join(t.text for t in name)
    return any(e.label_ == "ORG" and e.text == text for e in name[0].doc.ents)


def _governing_organisation(tok: Token) -> Token | None:
    """The organisation whose reported clause an "it" opens: "Reuters said it could not verify …".

    The subject of the nearest clause above, before the "it", if that subject
    is an organisation or country by name; any other subject there ("the
    minister said it …") leaves the "it" to the rules for it.
    """
    verb = tok.head
    if tok.dep_ != "nsubj":
        return None
    while verb.dep_ in ("ccomp", "conj") and verb.head.i != verb.i:
        up = verb.head
        subj = next((c for c in up.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.i < tok.i:
            ok = subj.pos_ == "PROPN" and subj.ent_type_ in ("ORG", "GPE")
            return subj if ok else None
        verb = up
    return None


def _organisation_before(tok: Token) -> Token | None:
    """The organisation an "it" that speaks stands for: the subject of the sentence before.

    "Emirates had a fleet of 270 aircraft. … it announced an order": only
    an organisation or country by name (a recogniser ORG or GPE), in the same paragraph, so that
    "The report was long. It said …" stays unresolved.
    """
    if tok.dep_ != "nsubj" or tok.sent.start == 0:
        return None
    doc = tok.doc
    prev = doc[tok.sent.start - 1].sent
    if any(t.is_space and "\n" in t.text for t in doc[prev.end - 1 : tok.i]):
        return None
    if any(t.lower_ == "it" and t.dep_ == "nsubj" for t in doc[tok.sent.start : tok.i]):
        return None
    subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "PROPN" or subj.ent_type_ not in ("ORG", "GPE"):
        return None  # GPE too: the small model reads "Emirates" as a place
    return subj


def _copula_subject(noun: Token) -> Token | None:
    """The name a description is predicated of: "Morrison was the third witness"."""
    verb = noun.head
    if noun.dep_ != "attr" or verb.lemma_ != "be":
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None  # "Trump was not the candidate who said …"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ not in ("PERSON", "ORG", ""):
        return None
    if any(c.dep_ == "conj" for c in subject.children):
        return None  # "Biden and Sanders were the candidates who said …": not one of them
    return subject


def _relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for, when it is the subject of its relative clause."""
    if tok.lower_ not in ("who", "which", "that") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = tok.head
    if clause.dep_ != "relcl" or clause.head.pos_ not in ("PROPN", "NOUN"):
        return None
    head = clause.head
    if tok.lower_ == "who" and names_time(head):
        # "He saw a dermatologist on Monday, who told him …": the parse hangs the clause on the
        # day, which tells nothing; the one named before it may (the noun the time phrase
        # qualifies, or the object of its verb, if it can speak), else none here.
        if head.dep_ == "pobj" and head.head.dep_ == "prep":
            anchor = head.head.head
        elif head.dep_ in ("npadvmod", "tmod"):
            anchor = head.head  # "saw a dermatologist Monday, who …"
        else:
            return None
        if anchor.pos_ in ("NOUN", "PROPN") and not names_time(anchor):
            return anchor if _speaks(anchor) else None
        # Its object, or whom it was with or to ("gave an interview to the BBC on Sunday, who").
        before = [c for c in anchor.children if c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN")]
        before += [g for c in anchor.children if c.dep_ == "prep" and c.lower_ in ("to", "with")
                 for g in c.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]  # fmt: skip
        before = sorted((t for t in before if t.i < head.i and _speaks(t)), key=lambda t: -t.i)
        return before[0] if before else None
    if head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.ent_type_ == "PERSON" and head.head.i < head.i:
        # "said Dustin Walker, a spokesman, who could not confirm …": the spokesman is Walker.
        return head.head
    if tok.lower_ != "who" and head.pos_ == "NOUN" and not head.ent_type_ and not _may_speak(head):
        # "classified as a kidnapping by the FBI, which stated …": the parse hangs the
        # clause on "kidnapping"; a kidnapping states nothing, the name right before does.
        # Only the agent of that noun ("… by the FBI, which"): in "signed a law in Texas,
        # which states …" the law states it.
        k = tok.i - 1 if tok.i > 0 and tok.doc[tok.i - 1].text == "," else tok.i
        near = tok.doc[k - 1] if k > 0 else None
        if near is not None and near.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and near.i > head.i:
            start, end = entity_bounds(near)
            root = tok.doc[start:end].root  # "the Department of Justice": Department
            if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.i == head.i:
                return root
    return head


_ACCOUNTS = frozenset("account page profile feed timeline blog channel".split())


def _account_holder(head: Token) -> Token | None:
    """The person or body whose social-media account a source phrase names, if it names one."""
    low = head.lower_
    account = low in _ACCOUNTS and any(c.dep_ == "compound" and c.lower_ in PLATFORMS for c in head.children)
    if not account and low not in PLATFORMS:
        return None
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ in ("its", "their", "our", "your", "my"):
        return None  # "its Facebook page" is the organisation's own; "their" is anyone's
    if not account and poss.pos_ != "PRON":
        return None  # "Elon Musk's Twitter announced": the company he owns, not his account
    return poss


def _speaks(noun: Token) -> bool:
    """A noun that can be the one who spoke: a person's role or an organisation by its word
    (not a work: "sent a letter to the ambassador on Monday, who"), a named person or body,
    or one who does a job by the ending ("dermatologist", "librarian")."""
    lemma = noun.lemma_.lower()
    return (
        lemma in PERSON_ROLE_NOUNS
        or lemma in _JOB_NOUNS
        or lemma in ORG_HEAD_NOUNS
        or noun.ent_type_ in ("PERSON", "ORG", "NORP")
        or (noun.pos_ == "NOUN" and len(lemma) > 6 and lemma.endswith(("ologist", "ician", "ist", "arian"))
            and lemma not in _NOT_JOBS)
    )


_NOT_JOBS = frozenset({"shortlist", "playlist", "checklist", "wishlist", "waitlist", "blacklist", "whitelist"})
# Jobs whose word says nothing by its ending: "spoke with the doctor on Monday, who said".
_JOB_NOUNS = frozenset(
    "doctor nurse surgeon teacher professor pilot officer driver farmer soldier worker manager "
    "director owner neighbour neighbor mother father sister brother wife husband son daughter".split()
)


def _may_speak(noun: Token) -> bool:
    """Can a noun be a source: a person's role, an organisation, a work that says things?"""
    lemma = noun.lemma_.lower()
    return lemma in PERSON_ROLE_NOUNS or lemma in ORG_HEAD_NOUNS or lemma in WORK_NOUNS


def entity_bounds(tok: Token) -> tuple[int, int]:
    """Token bounds of the named entity ``tok`` is in, read off the IOB tags (no walk over ``doc.ents``)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _inner_hyphen(tok: Token) -> bool:
    """A hyphen inside one word ("Fifty-one percent"): the parse makes it punctuation."""
    return (
        tok.dep_ == "punct"
        and tok.text in NAME_HYPHENS
        and not tok.whitespace_
        and tok.i > 0
        and not tok.doc[tok.i - 1].whitespace_
    )


@dataclass(slots=True)
class _Source:
    tokens: list[Token]  # the name span, or the whole description
    entity: Entity | None
    phrase: list[Token] | None = None  # the whole noun phrase as written, titles included

    @property
    def span_tokens(self) -> list[Token]:
        """What the article names the source with: "Kremlin spokesman Dmitry Peskov"."""
        toks = self.phrase or self.tokens
        while len(toks) > 1 and toks[-1].tag_ == "POS":  # "Woodward's claim": the source is Woodward
            toks = toks[:-1]
        return toks


class _Resolver:
    """Turns a source phrase into an entity via the article's registry."""

    def __init__(self, idx: _Index) -> None:
        self.idx = idx
        self.doc = idx.doc
        self.registry = EntityRegistry(idx.doc, idx.text, idx.arr)
        self.registry.skip = idx.masked
        self.runs = self.registry.runs
        self.run_starts = [r[0] for r in self.runs]
        self._works: list[tuple[int, str, str]] | None = None  # (token, work noun, registry key)

    def _run_of(self, i: int) -> tuple[int, int] | None:
        k = bisect_right(self.run_starts, i) - 1
        if k >= 0 and self.runs[k][0] <= i < self.runs[k][1]:
            return self.runs[k]
        return None

    def source(self, head: Token) -> _Source:
        phrase = _noun_phrase(self.idx, head)
        low = head.lower_
        reg = self.registry
        antecedent = _relative_antecedent(head)
        if antecedent is not None and not self.idx.masked[antecedent.i]:
            # "Ryan Suter, who joked that …": "who" is the person the clause is about.
            return _Source([head], self.source(antecedent).entity)
        if head.pos_ == "PRON" and head.text in KNOWN_ACRONYMS:
            # "WHO said the outbreak was contained": the organisation, not a pronoun.
            rec = reg.add_group(head.text, "ORG")
            reg.note_speaker(head.i, head.i + 1, rec.name)
            return _Source([head], rec.as_entity())
        if head.pos_ == "PRON":
            org = _governing_organisation(head) if low == "it" else None
            if org is None and low == "it":
                org = _organisation_before(head)
            if org is not None and not self.idx.masked[org.i]:
                return _Source([head], self.source(org).entity)
            key = None
            if low in RESOLVABLE_PRONOUNS:
                key = reg.resolve_pronoun(head)
            entity = None
            if key is not None:
                rec = reg.record(key)
                rec.add_alias(head.text)
                entity = rec.as_entity()
                reg.note_speaker(head.i, head.i + 1, key)
            return _Source([head], entity)

        holder = _account_holder(head)
        if holder is not None and not self.idx.masked[holder.i]:
            # "according to her Facebook", "Trump's Twitter account said": the holder speaks.
            if holder.pos_ == "PRON":
                key = reg.resolve_possessor(holder)
                entity = reg.record(key).as_entity() if key is not None else None
            else:
                entity = self.source(holder).entity
            if entity is not None:
                return _Source(_trim_det_keep(phrase) or [head], entity)

        work = self._work(head)
        if work is not None:
            return work
        name = self._name_in(phrase, head)
        if (
            name == [head]
            and head.lower_ in PERSON_ROLE_NOUNS
            and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in head.children)
        ):
            # "according to Apple's CEO Tim Cook": the role is tagged a proper noun; the
            # person is the name in apposition.
            name = None
        if name is not None:
            name = _whole_organisation(name, phrase) or _joined_name(name, phrase) or name
        elif (
            head.pos_ == "NOUN"
            and head.text[:1].isupper()
            and not any(c.dep_ in ("det", "poss") for c in head.children)
            and reg.lookup([head.text], head.i) is not None
        ):
            # "Scissors, who consults …, said": a surname the tagger read as a plural
            # noun is still the person named in full before.
            name = [head]
        role: list[Token] = []
        if name is None and (head.pos_ == "NOUN" or head.lower_ == "one" or head.lower_ in PERSON_ROLE_NOUNS):
            # "Another critic, Laurence H. Tribe, likened …": the name is in the apposition.
            for child in head.children:
                if child.dep_ == "appos" and child.pos_ == "PROPN" and not self.idx.masked[child.i]:
                    name = self._name_in(_noun_phrase(self.idx, child), child)
                    if name is not None:
                        role = _trim(phrase)
                        break
            if name is None:
                late = _apposition_after_clause(head)
                if late is not None and not self.idx.masked[late.i]:
                    name = self._name_in(_noun_phrase(self.idx, late), late)
                    if name is not None:
                        role = _trim([t for t in phrase if t.i < late.left_edge.i])
        if name is not None:
            before = [t for t in phrase if t.i < name[0].i] if not role else role
            # "a new book by veteran journalist Bob Woodward": only what follows "by"
            # describes the person ("Ambassador to the United Nations" stays whole).
            cut = max((k for k, t in enumerate(before) if t.lower_ == "by"), default=-1)
            before = before[cut + 1 :]
            titles, name = strip_titles(name)
            desc = _trim([*before, *titles]) if before or titles else []
            if not describes_a_role(desc):
                desc = []  # "A seriously unaware Seidel", "the late Joan Rivers": no role
            descriptor = span_text(self.idx.text, desc) if desc else ""
            words = name_words(name)
            key = reg.lookup(words, name[0].i)
            ent_types = {t.ent_type_ for t in name} - {""}
            is_person = (
                key is not None
                or "PERSON" in ent_types
                or bool(titles)
                or (bool(desc) and any(t.lower_ in PERSON_ROLE_NOUNS for t in desc))
            )
            if not ent_types and key is None and not titles and _org_elsewhere(name):
                # "Big Machine have denied …": the recogniser missed it here, not elsewhere.
                ent_types = {"ORG"}
                is_person = bool(desc) and any(t.lower_ in PERSON_ROLE_NOUNS for t in desc)
            if not is_person and not ent_types & {"ORG", "GPE", "NORP", "FAC", "LOC"}:
                is_person = True  # an unknown proper name saying something: most often a person
            if key is None and not titles and is_org_name(name):
                is_person = False  # "Dick Clark Productions denied": the company
            the_org = None
            if key is None and not titles and named_thing(name):
                # "The Chronicle says": no person, but the organisation of that name met
                # before ("San Francisco Chronicle").
                is_person = False
                the_org = reg.group_ending_with(words)
            if the_org is not None:
                rec = the_org
            elif is_person:
                key = reg.add_person(name, titles, descriptor)
                rec = reg.record(key)
            else:
                label = next((t.ent_type_ for t in name if t.ent_type_ and t.ent_type_ != "PERSON"), "ORG")
                rec = reg.add_group(span_text(self.idx.text, name), _ent_type(label))
            rec.add_alias(span_text(self.idx.text, name))
            reg.note_speaker(name[0].i, name[-1].i + 1, rec.name)
            whole = _trim_det_keep(phrase) if name[0].i >= phrase[0].i else name
            return _Source(name, rec.as_entity(), whole)

        # A description: "Trump's re-election team", "the Republican candidate", "officials".
        phrase = _trim_det_keep(phrase) or [head]
        subject = _copula_subject(head)
        if subject is not None and not self.idx.masked[subject.i]:
            # "Morrison was the third witness … who listened in": the witness is Morrison.
            return _Source(phrase, self.source(subject).entity)
        text = span_text(self.idx.text, phrase)
        root = head
        lemma = root.lemma_.lower()
        definite = any(
            t.dep_ == "det" and t.head.i == root.i and t.lower_ in ("the", "this", "that")
            for t in phrase
        )
        # "the company", "a source", "officials": no name says who; "Trump's team",
        # "Russian officials", "the Kremlin spokesman" are named by their words.
        described = not any(t.pos_ == "PROPN" or t.ent_type_ in _NAMING_ENTS for t in phrase)
        bare_the = definite and len(phrase) == 2  # "the company", "the statement"
        key = reg.resolve_epithet(root) if definite else None
        if key is not None:
            # "The 36-year-old said", "the father-of-four told The Sun": the person just named.
            rec = reg.record(key)
        elif lemma in ORG_HEAD_NOUNS or lemma in OUTLET_NOUNS or root.ent_type_ in ("ORG",):
            # "The agency said" after "the European Space Agency": that agency, not
            # a nameless "agency" the ledger would merge with every other one.
            named = reg.organisation_ending_with(root) if bare_the else None
            if named is None and bare_the and lemma in OUTLET_NOUNS:
                named = reg.outlet_before(root)  # "The paper reported" after "The Mail on Sunday …"
            if named is None and bare_the and lemma in _GENERIC_ORG_NOUNS and root.tag_ == "NN":
                named = reg.organisation_before(root)  # "The company confirmed" after "WeWork said …"
            rec = named if named is not None else reg.add_group(_strip_det(text), "ORG", described)
        elif definite and root.tag_ == "NN" and lemma in PERSON_ROLE_NOUNS:
            mods = [t.text for t in phrase if t.i != root.i and t.pos_ in ("ADJ", "PROPN", "NOUN")]
            key = reg.resolve_description(root, mods)
            if key is None and len(phrase) == 2:
                key = reg.described_before(root)  # "The officer added" after "A police officer"
            if key is not None:
                rec = reg.record(key)
            else:
                rec = reg.add_group(_strip_det(text), "PERSON", described)
        elif (
            bare_the and root.tag_ == "NN" and lemma not in WORK_NOUNS
            and (key := reg.described_before(root)) is not None
        ):  # fmt: skip
            rec = reg.record(key)  # "The employee added" after "A Vogue employee wrote"
        elif (
            lemma == "statement" and bare_the and (issuer := reg.statement_issuer(root)) is not None
        ):  # fmt: skip
            rec = issuer  # "“…,” the statement read" after "Big Machine Records issued a statement"
        elif lemma in WORK_NOUNS:
            rec = reg.add_group(_strip_det(text), "WORK", described)
        elif lemma in PERSON_ROLE_NOUNS or root.tag_ == "NNS":
            rec = reg.add_group(_strip_det(text), "PERSON" if root.tag_ == "NN" else "UNKNOWN", described)
        else:
            rec = reg.add_group(_strip_det(text), "UNKNOWN", described)
        rec.add_alias(text)
        reg.note_speaker(phrase[0].i, phrase[-1].i + 1, rec.name)
        return _Source(phrase, rec.as_entity())

    def _work(self, head: Token) -> _Source | None:
        """A book, report or study as a source, named by its title and author when the article gives them.

        "“War,” a new book by … Bob Woodward" is Bob Woodward's book “War”, and
        a later "the book claims" is that same book: a ledger must say a claim
        came from the book, not from whoever the sentence mentions last.
        """
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or lemma not in WORK_NOUNS or head.tag_ != "NN":
            return None
        if self._works is None:
            self._works = self._named_works()
        reg = self.registry
        named = [(i, key) for i, lem, key in self._works if lem == lemma]
        own = next((key for i, key in named if i == head.i), None)
        if own is None:
            definite = any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children
            )
            before = [key for i, key in named if i < head.i]
            if not definite or not before:
                return None
            own = before[-1]
        rec = reg.record(own)
        phrase = _trim(_noun_phrase(self.idx, head)) or [head]
        rec.add_alias(span_text(self.idx.text, phrase))
        reg.note_speaker(phrase[0].i, phrase[-1].i + 1, rec.name)
        return _Source(phrase, rec.as_entity())

    def _named_works(self) -> list[tuple[int, str, str]]:
        """Every work noun the article names by title or author, in text order."""
        out = []
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or tok.tag_ != "NN" or lemma not in WORK_NOUNS:
                continue
            title = self._work_title(tok)
            author = self._work_author(tok)
            if not title and not author:
                continue
            name = f"{author}’s {lemma}" if author else f"the {lemma}"
            if title:
                name += f" “{title}”"
            out.append((tok.i, lemma, self.registry.add_group(name, "WORK").name))
        return out

    def _work_title(self, head: Token) -> str:
        """The quoted or capitalised title in apposition: "“War,” a new book"."""
        doc = self.doc
        anchor = head.head if head.dep_ == "appos" and head.head.pos_ == "PROPN" else None
        if anchor is None:
            anchor = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if anchor is not None:
            run = self._run_of(anchor.i)
            if run is not None and run[1] - run[0] <= 8:
                return span_text(self.idx.text, [doc[i] for i in range(*run)])
        # The parser often hangs the apposition elsewhere: read the words just before it.
        i = head.left_edge.i - 1
        while i >= 0 and doc[i].is_punct and doc[i].text not in ("“", '"'):
            i -= 1
        end = i
        while i >= 0 and not doc[i].is_punct and not doc[i].is_space and end - i < 8:
            i -= 1
        if i >= 0 and doc[i].text in ("“", '"') and end > i:
            words = [doc[k] for k in range(i + 1, end + 1)]
            if words and words[0].is_title:
                return span_text(self.idx.text, words)
        return ""

    def _work_author(self, head: Token) -> str:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "by":
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None or obj.pos_ != "PROPN":
                continue
            run = self._run_of(obj.i)
            if run is None:
                continue
            words = [self.doc[i].text for i in range(run[0], run[1])]
            key = self.registry.lookup(words, run[0])
            return key if key is not None else " ".join(words)
        return ""

    def _name_in(self, phrase: list[Token], head: Token) -> list[Token] | None:
        """The proper name inside a source phrase, if the phrase holds one that is the speaker.

        The head's own name if it is one ("Kremlin spokesman Dmitry Peskov");
        else a name closing the phrase after a title ("Ambassador to the United
        Nations Vasily Nebenzia"), but not an object ("spokesman for Hillary
        Clinton") nor a possessor ("Trump's team").
        """
        doc = self.doc
        run = self._run_of(head.i)
        lo, hi = phrase[0].i, phrase[-1].i
        if run is not None and all(
            doc[i].lower_ in TITLE_WORDS for i in range(max(run[0], lo), min(run[1], hi + 1))
        ):
            run = None  # "Ambassador" alone is a title: the name comes later in the phrase
        if run is None:
            last = phrase[-1]
            run = self._run_of(last.i)
            if run is None or head.i > last.i:
                return None
            if doc[run[1] - 1].ent_type_ != "PERSON" and all(
                doc[i].lower_ in TITLE_WORDS for i in range(max(run[0], lo), min(run[1], hi + 1))
            ):
                return None  # "the Sioux Falls Argus Leader": a title closing the phrase names no one
            before = doc[run[0] - 1] if run[0] > 0 else None
            if before is None or before.i < lo or before.pos_ in ("ADP", "DET"):
                return None
            k = before.i
            while k > lo and (
                doc[k].lower_ in TITLE_WORDS
                or doc[k].tag_ == "POS"
                # a nationality before a title or a possessive ("Nigeria's President"), not a
                # place the title's own preposition governs ("ambassador to Washington Kim Darroch")
                or (doc[k].ent_type_ in ("GPE", "NORP") and (doc[k + 1].tag_ == "POS" or doc[k + 1].lower_ in TITLE_WORDS))
            ):
                k -= 1
            if doc[k].pos_ == "ADP" and k < before.i:
                # "a spokesman for President Barack Obama", "an adviser to Nigeria's President
                # Goodluck Jonathan": the person is the preposition's object, not the speaker.
                return None
            if not any(t.lower_ in PERSON_ROLE_NOUNS or t.lower_ in _TITLEISH for t in phrase):
                return None
        toks = [doc[i] for i in range(max(run[0], lo), min(run[1], hi + 1))]
        if not toks:
            return None
        first = toks[0].i
        if first > run[0] and doc[first - 1].text in NAME_HYPHENS and not doc[first - 1].whitespace_:
            # The parse cut the name at its hyphen ("Jennifer Ngo-Anh" as "… Ngo" + "-Anh").
            toks = [doc[i] for i in range(run[0], first)] + toks
        after = toks[-1].i + 1
        if after < len(doc) and doc[after].text in ("'s", "’s", "'", "’") and toks[-1].i != head.i:
            return None
        return toks


_TITLEISH = frozenset({"ambassador", "secretary", "president", "minister", "chairman", "director"})


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].pos_ in ("DET", "PUNCT") or tokens[0].text in ("'s", "’s")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ == "PUNCT" or tokens[-1].text in ("'s", "’s", "'", "’")):
        tokens = tokens[:-1]
    return tokens


def _trim_det_keep(tokens: list[Token]) -> list[Token]:
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    return tokens


def _strip_det(text: str) -> str:
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            return text[len(det) :]
    return text


def _ent_type(label: str) -> str:
    return {"ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "NORP": "NORP", "FAC": "ORG"}.get(
        label, "UNKNOWN"
    )


# -- the frames around one quote ----------------------------------------------


def _frames(idx: _Index, q: _Quote) -> tuple[list[int], list[int]]:
    """Unquoted tokens of the quote's own sentence(s) before and after it."""
    doc = idx.doc
    k = q.pair.para
    lo, hi = idx.para_bounds(k)
    left = idx.segment_before(q.open_tok - 1, lo) if q.open_tok >= 0 else []
    right: list[int] = []
    if q.close_tok >= 0:
        right = idx.segment_after(q.close_tok + 1, hi)
        if q.close_tok in idx.terminal_close and right:
            first = doc[right[0]]
            if not (first.text[:1].islower() or _cue_strength(first) == 2):
                right = right if _tail_cue(idx, right) is not None else []
    return left, right


def _nominal_cue(idx: _Index, left: list[int], right: list[int]) -> Token | None:
    """``Obama's "if you like your plan, you can keep it" promise``: a speech noun owned by its speaker."""
    doc = idx.doc
    if not left or not right:
        return None
    noun = doc[right[0]]
    owner = doc[left[-1]]
    if noun.lemma_.lower() not in SPEECH_NOUNS or noun.pos_ != "NOUN":
        return None
    if owner.text in ("'s", "’s", "'", "’") or owner.tag_ == "PRP$":
        return noun
    return None


def _cue_candidates(idx: _Index, q: _Quote, left: list[int], right: list[int]) -> list[Token]:
    """Cues that may frame the quote, best first; the caller takes the first with a fit speaker."""
    doc = idx.doc
    frame = set(left) | set(right)
    chain = _ancestor_cues(idx, q, frame)
    near = _nearest_strong(idx, left, right)
    nominal = _nominal_cue(idx, left, right)
    if nominal is not None:
        return [nominal, *chain, *([near] if near is not None and near not in chain else [])]
    if not chain:
        return [near] if near is not None else []
    cue = chain[0]
    # Nested reports ("X says that Y told him … "…"): the innermost speaker spoke the words.
    for i in reversed(left):
        if i <= cue.i:
            break
        tok = doc[i]
        if _cue_strength(tok) == 2 and tok.dep_ == "ccomp" and _is_descendant(tok, cue):
            return [tok, *chain]
    if _cue_strength(cue) == 1 and near is not None and cue.i < near.i < q.open_tok:
        # A weak cue must govern the quote closely, else a strong one nearer to it wins.
        return [near, *chain]
    if near is not None and near not in chain:
        chain.append(near)
    return chain


def _nearest_strong(idx: _Index, left: list[int], right: list[int]) -> Token | None:
    doc = idx.doc
    for i in right[:5]:
        if _cue_strength(doc[i]) == 2:
            return doc[i]
    for i in reversed(left):
        if _cue_strength(doc[i]) == 2:
            return doc[i]
    for i in right:
        if _cue_strength(doc[i]) == 2:
            return doc[i]
    return None


def _title_case(words: list[str]) -> bool:
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _TITLE_SMALL for w in words)


def _is_title(idx: _Index, q: _Quote, cue: Token | None) -> bool:
    """A quoted name of a book, show or slogan ("reported in "War,""), not speech.

    Title case inside a sentence, after a preposition, article, possessive
    or name, reads as a title; so does any title-case quote with no cue. A
    headline is all title case, so there the test is off.
    """
    words = [w for w in q.content.strip(" ,.;:!?").split() if w]
    if not words or len(words) > 10:
        return False
    if not _title_case(words) or idx.is_headline(q.pair.para):
        return False
    if cue is not None and cue.lemma_ in NAMING_VERBS:
        return False
    if q.open_tok <= 0:
        return cue is None
    before = idx.doc[q.open_tok - 1]
    if (
        before.pos_ in ("ADP", "DET", "PROPN")
        or before.dep_ in ("poss", "case")
        or before.tag_ == "PRP$"
    ):
        return True
    return cue is None


def _looks_like_speech(idx: _Index, q: _Quote) -> bool:
    """A quote with no cue is kept only if it reads as an utterance, not a scare quote."""
    doc = idx.doc
    words = [doc[i] for i in range(q.first, q.last + 1) if not doc[i].is_punct]
    return len(words) >= 5 and any(t.pos_ in ("VERB", "AUX") for t in words)


def _kind(
    idx: _Index,
    q: _Quote,
    cue: Token | None,
    source: list[Token],
    left: list[int],
    right: list[int],
) -> str:
    """Direct when the quote is the whole reported utterance; mixed when it is a fragment.

    Direct: the quote opens its sentence or follows ``:``, ``that``, the cue
    or "said,", and after it comes nothing but punctuation, the cue and
    the speaker. Anything else woven around it is paraphrase, so "mixed".
    """
    doc = idx.doc
    ok_left = not left or q.open_tok < 0
    if not ok_left:
        prev = doc[left[-1]]
        if prev.text == ":" or (prev.lower_ == "that" and prev.dep_ == "mark"):
            ok_left = True
        elif prev.text == ",":
            ok_left = len(left) < 2 or _cue_near(doc, left[-2], cue)
        elif cue is not None and prev.i == cue.i:
            ok_left = True
    if not ok_left:
        return "mixed"
    if q.close_tok < 0 or not right:
        return "direct"
    nxt = doc[right[0]]
    src = {t.i for t in source}
    if nxt.is_punct or (cue is not None and cue.i in right[:10]) or nxt.i in src:
        return "direct"
    return "mixed"


def _cue_near(doc: Doc, i: int, cue: Token | None) -> bool:
    if cue is None:
        return False
    return abs(cue.i - i) <= 3


# Words that make a name an outlet one can say something on.
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today".split())
_OUTLET_WORDS = BROADCAST_NAME_WORDS | frozenset(
    """twitter facebook instagram youtube tiktok telegram weibo linkedin reddit threads
    bluesky truth television news network npr podcast""".split()
)


def _outlet(tokens: list[Token]) -> bool:
    return any(t.lower_ in _OUTLET_WORDS for t in tokens) and tokens[-1].pos_ in ("PROPN", "NOUN")


def _channel_manner_time(
    idx: _Index, cue: Token, extra: tuple[Token, ...] = ()
) -> tuple[str | None, str | None, str | None]:
    """Who was told, how, and when: read off the cue's own dependents.

    ``extra`` are other heads whose prepositional phrases may carry them: the
    object of "denied the reporting in an interview with …", or the first verb
    of "accused … and said" ("In a statement to Bloomberg, the team accused … and said").
    """
    channel = manner = time = None
    children = list(cue.children)
    for head in extra:
        children.extend(c for c in head.children if c.dep_ == "prep" and c.i not in {x.i for x in children})
    for child in children:
        if idx.masked[child.i]:
            continue
        dep = child.dep_
        if channel is None:
            channel = _relayed_by(idx, child)
        if dep in ("dative", "dobj") and cue.lemma_ in ("tell", "ask", "inform", "assure", "warn"):
            if child.pos_ in ("PROPN", "NOUN", "PRON"):
                channel = span_text(idx.text, _addressees(idx, child))
        elif (
            dep in ("advmod", "npadvmod")
            and cue.lemma_ == "tell"
            and child.i == cue.i + 1
            and child.text[:1].isupper()
            and not child.ent_type_
            and child.lower_ not in _WEEKDAYS
            and channel is None
        ):
            # "told Ruptly that …": a name the parser did not know, read as an adverb.
            channel = child.text
        elif (
            dep == "prep"
            and child.lower_ in ("to", "with")
            and channel is None
            and cue.lower_ != "according"  # "according to X": X is the source, not the addressee
        ):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and _addressee(obj):
                channel = span_text(idx.text, _addressees(idx, obj))
        elif dep == "prep" and child.lower_ in ("in", "on", "during", "at", "via", "through", "over"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.ent_type_ in ("DATE", "TIME"):
                time = span_text(idx.text, [child, *_clip_phrase(idx, obj)])
            elif child.lower_ == "on" and channel is None and _outlet(_clip_phrase(idx, obj)):
                # "said on Twitter", "said on Fox News": the outlet it was said on
                # (not "said on Capitol Hill": a place).
                channel = span_text(idx.text, _clip_phrase(idx, obj))
            elif obj.lemma_.lower() in MANNER_NOUNS:
                phrase = _clip_phrase(idx, obj)
                # "in a statement on Wednesday", "in a speech last week": the day is the
                # act's time, not its manner.
                when = next(
                    (
                        sub
                        for sub in obj.children
                        if sub.i > obj.i
                        and (
                            sub.dep_ == "prep"
                            and any(
                                g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME")
                                for g in sub.children
                            )
                            or sub.dep_ in ("npadvmod", "tmod") and sub.ent_type_ in ("DATE", "TIME")
                        )
                    ),
                    None,
                )
                if when is not None:
                    if time is None:
                        time = span_text(idx.text, [t for t in when.subtree if not idx.masked[t.i]])
                    phrase = [t for t in phrase if t.i < when.left_edge.i]
                manner = span_text(idx.text, [child, *phrase])
                for sub in obj.children:
                    if sub.dep_ == "prep" and sub.lower_ in ("with", "to") and channel is None:
                        o2 = next((g for g in sub.children if g.dep_ == "pobj"), None)
                        if o2 is not None:
                            channel = span_text(idx.text, _clip_phrase(idx, o2))
        elif dep in ("npadvmod", "tmod") and child.ent_type_ in ("DATE", "TIME"):
            time = span_text(idx.text, _clip_phrase(idx, child))
    return channel, manner, time


_RELAY_VERBS = frozenset("report contact quote interview reach cite".split())


def _relayed_by(idx: _Index, child: Token) -> str | None:
    """The outlet that carried the words, named beside the cue rather than as its object.

    "Richardson, via USA Today, said …" (on the subject), "…, as reported by
    the Independent newspaper", "… when contacted by Reuters".
    """
    if child.dep_ == "nsubj":
        for prep in child.children:
            # an aside, set off by commas ("Richardson, via USA Today, said"), not
            # a route ("Travellers via Heathrow said")
            aside = prep.i > 0 and idx.doc[prep.i - 1].text == ","
            if aside and not idx.masked[prep.i] and (outlet := _via(idx, prep)) is not None:
                return outlet
        return None
    if child.dep_ == "prep":
        return _via(idx, child)
    if child.dep_ == "advcl" and child.lemma_.lower() in _RELAY_VERBS:
        for agent in child.children:
            if agent.dep_ != "agent":
                continue
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
            phrase = _clip_phrase(idx, obj) if obj is not None else []
            if any(t.ent_type_ == "ORG" or t.pos_ == "PROPN" for t in phrase) or (
                phrase and _outlet(phrase)
            ):
                return span_text(idx.text, phrase)
    return None


_AUDIENCE_NOUNS = frozenset(
    "reporter journalist audience crowd supporter lawmaker official interviewer press "
    "voter viewer reader listener host anchor correspondent committee panel".split()
)


def _addressee(obj: Token) -> bool:
    """Someone one says things to ("told reporters", "to Bloomberg"), not a topic ("objected to his friendliness")."""
    if obj.lower_ in _NOT_ADDRESSEES:
        return False  # "To that, Cook joked": a reply to something, not someone
    return (
        obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or obj.pos_ in ("PROPN", "PRON")
        or obj.lemma_.lower() in _AUDIENCE_NOUNS
    )


_NOT_ADDRESSEES = frozenset({"that", "this", "these", "those", "which", "what", "it"})


def _addressees(idx: _Index, head: Token) -> list[Token]:
    """Everyone told: "told friends and family", "told CNN and the BBC", not just the first."""
    toks = _clip_phrase(idx, head)
    conjuncts = [c for c in head.conjuncts if c.i > head.i and not idx.masked[c.i]]
    if not conjuncts:
        return toks
    last = _clip_phrase(idx, conjuncts[-1])[-1]
    doc = idx.doc
    whole = [doc[i] for i in range(toks[0].i, last.i + 1)]
    return whole if not any(idx.masked[t.i] or t.is_space for t in whole) else toks


def _clip_phrase(idx: _Index, head: Token) -> list[Token]:
    toks = _noun_phrase(idx, head)
    return [t for t in toks if not idx.masked[t.i]] or [head]


# -- the stage -------------------------------------------------------------------


def extract_quotes(doc: Doc, *, text: str | None = None) -> list[Attribution]:
    """Every direct or mixed quote in a parsed article, with its speaker and cue where found.

    Never raises on odd punctuation: unmatched marks are ignored, and a
    quote whose speaker cannot be found in its sentence or the ones next to
    it is returned with ``source=None`` if it reads as speech, dropped if it
    reads as a title or scare quote.

    ``text`` may pass ``doc.text`` when the caller has it (``Article.text``):
    spaCy rebuilds the string token by token on every access, which costs
    as much as the rules on a long article.
    """
    idx, resolver = prepare(doc, text)
    return quotes_in(idx, resolver)


def prepare(doc: Doc, text: str | None = None) -> tuple[_Index, _Resolver]:
    """The per-article index and speaker resolver that every attribution rule shares."""
    if text is None or (len(doc) and len(text) != doc[-1].idx + len(doc[-1].text_with_ws)):
        text = doc.text
    pairs = find_quote_pairs(text)
    if ":" in text:
        blocks = block_quotes(text, pairs)
        if blocks:
            pairs = sorted(pairs + blocks, key=lambda p: p.start)
    idx = _Index(doc, pairs, text)
    return idx, _Resolver(idx)


def quotes_in(idx: _Index, resolver: _Resolver) -> list[Attribution]:
    """The direct and mixed quotes of a prepared article (see :func:`extract_quotes`)."""
    doc = idx.doc
    if not idx.quotes:
        return []
    out: list[Attribution] = []
    placed: list[_Quote] = []  # the quote behind each attribution in ``out``
    prev_by_para: dict[int, Attribution] = {}
    carried: Attribution | None = None  # the speaker of a quote running over paragraphs
    for q in idx.quotes:
        inherited: Attribution | None = None
        going_on: Attribution | None = None
        label: _Source | None = None
        dash: tuple[int, int] | None = None
        left: list[int]
        right: list[int]
        if q.pair.block:
            left, right = [], []
            cue = _block_cue(idx, q)
            if cue is None:
                continue  # "Here are some of the highlights:"
            head = _find_speaker(idx, cue)
            if head is None:
                continue
        else:
            left, right = _frames(idx, q)
            cue, head = _choose_cue(idx, _cue_candidates(idx, q, left, right))
        if cue is None:
            label = _speaker_label(idx, q, resolver)
            if label is None and (name := _colon_name(idx, left)) is not None:
                label = resolver.source(name)
            if label is None and (byline := _dash_byline(idx, q)) is not None:
                dash, name = byline
                label = resolver.source(name)
        if cue is None and label is None:
            alone = _alone_in_para(idx, q)
            if carried is not None and (q.pair.open < 0 or _starts_para(idx, q)):
                inherited = carried
            elif not alone and not left and (prev := prev_by_para.get(q.pair.para)) is not None:
                inherited = prev if prev.speaker is not None or prev.source else None
            if inherited is None:
                cue = _adjacent_cue(idx, q, left, right, alone)
                if cue is None and alone:
                    # A quotation paragraph right after one that ends on a speaker's quote
                    # goes on in that voice and act ("'…,' he said. 'It's that simple.'"
                    # then "'ISIS doesn't have a navy …'"), before any frame the next
                    # paragraph may hold ("The White House did not respond").
                    inherited = going_on = _quote_paragraph_before(idx, q, prev_by_para)
                if cue is None and inherited is None:
                    cue = _next_paragraph_cue(idx, q, right, alone)
                if cue is not None:
                    head = _find_speaker(idx, cue)
            if cue is None and inherited is None and alone:
                prev = prev_by_para.get(q.pair.para - 1)
                inherited = prev if prev is not None and prev.speaker is not None else None
        if _is_title(idx, q, cue) and inherited is None and label is None:
            continue
        # The quotation as printed, marks included (PolNeAR's convention, and citron's):
        # the marks are part of what a reader sees as the quote.
        lo = q.pair.open if q.pair.open >= 0 else q.pair.start
        hi = q.pair.close + 1 if q.pair.close >= 0 else q.pair.end
        att = Attribution(kind="direct", content=idx.text[lo:hi], content_span=(lo, hi))
        if cue is not None:
            src = resolver.source(head) if head is not None else None
            source_toks = src.span_tokens if src is not None else []
            att.kind = _kind(idx, q, cue, src.tokens if src is not None else [], left, right)
            if source_toks:
                att.source = span_text(idx.text, source_toks)
                att.source_span = (
                    source_toks[0].idx,
                    source_toks[-1].idx + len(source_toks[-1].text),
                )
                att.speaker = src.entity if src is not None else None
            if cue.lower_ == "according":
                att.cue = span_text(idx.text, [cue, doc[cue.i + 1]])
                att.cue_lemma = "according to"
            else:
                att.cue = cue.text
                att.cue_lemma = cue.lemma_.lower()
                extra = (cue.head,) if cue.dep_ == "conj" else ()
                att.channel, att.manner, att.time = _channel_manner_time(idx, cue, extra)
            att.cue_span = (cue.idx, cue.idx + len(att.cue))
        elif label is not None:
            att.source = span_text(idx.text, label.tokens)
            att.source_span = (
                label.tokens[0].idx,
                label.tokens[-1].idx + len(label.tokens[-1].text),
            )
            att.speaker = label.entity
            if dash is not None:  # "“…” ― Carla Sanchez": the dash says who said it
                att.cue, att.cue_lemma = idx.text[dash[0] : dash[1]], "say"
                att.cue_span = dash
            else:
                att.cue, att.cue_lemma = ":", "say"  # a transcript's "NAME:" is an implicit "said"
        elif inherited is not None:
            att.source = inherited.source
            att.source_span = inherited.source_span
            att.speaker = inherited.speaker
            # The act it goes on with: that quote's, or the one its own quote went on with.
            act = next(
                (a for a in reversed(out) if going_on is not None and a.cue_span is not None
                 and a.source_span == going_on.source_span),
                None,
            )  # fmt: skip
            if act is not None:
                att.cue, att.cue_span, att.cue_lemma = act.cue, act.cue_span, act.cue_lemma
                att.channel, att.manner, att.time = act.channel, act.manner, act.time
        elif not _looks_like_speech(idx, q):
            continue
        out.append(att)
        placed.append(q)
        prev_by_para[q.pair.para] = att
        carried = att if q.pair.continues else None
    _inherit_forward(idx, placed, out)
    return out


def _inherit_forward(idx: _Index, placed: list[_Quote], out: list[Attribution]) -> None:
    """A lone quote paragraph with no speaker, followed by a quote paragraph that has one:
    news names the speaker once, at the end of a run of quotes ("…," Viguerie notes.)."""
    for n in range(len(out) - 2, -1, -1):
        att, q = out[n], placed[n]
        nxt, nq = out[n + 1], placed[n + 1]
        if att.source is not None or att.cue is not None or nxt.source is None:
            continue
        if nq.pair.para == q.pair.para + 1 and _starts_para(idx, nq) and _alone_in_para(idx, q):
            att.source, att.source_span, att.speaker = nxt.source, nxt.source_span, nxt.speaker


COGNITIVE_CUES = frozenset({"think", "believe", "feel", "know", "consider", "see", "find"})


def _choose_cue(idx: _Index, cands: list[Token]) -> tuple[Token | None, Token | None]:
    """The first candidate cue whose subject can speak; an outer cue beats an inner one that cannot.

    "Holm said … that the advertisement "unmistakably" suggests …": the ad
    does not speak, Holm does. "Obama said, a majority of Americans believe
    "…"": a belief is not an utterance. With no outer cue left, the lowest
    cue stands even so ("The book claims …").
    """
    for n, cue in enumerate(cands):
        head = _find_speaker(idx, cue)
        has_outer = n + 1 < len(cands)
        if has_outer and (cue.lemma_ in COGNITIVE_CUES or head is None or not _agentive(head)):
            continue
        return cue, head
    if not cands:
        return None, None
    cue = cands[0]
    return cue, _find_speaker(idx, cue)


def _agentive(head: Token) -> bool:
    """Can this noun say something? People, organisations and pronouns can; ads and letters cannot."""
    if head.pos_ == "PRON":
        return head.lower_ in PERSON_PRONOUNS or head.lower_ in GROUP_PRONOUNS
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = head.lemma_.lower()
    return lemma in PERSON_ROLE_NOUNS or lemma in ORG_HEAD_NOUNS


def _alone_in_para(idx: _Index, q: _Quote) -> bool:
    lo, hi = idx.para_bounds(q.pair.para)
    doc = idx.doc
    return all(idx.masked[i] or doc[i].is_space or doc[i].is_punct for i in range(lo, hi))


def _quote_paragraph_before(
    idx: _Index, q: _Quote, prev_by_para: dict[int, Attribution]
) -> Attribution | None:
    """The direct quote closing the paragraph before, if it has a speaker.

    Not for a quoted line in title case: "'Legend in the Coal Fields.'" is a
    section head, whatever quote the paragraph above ends on.
    """
    words = [w for w in q.content.strip(" ,.;:!?").split() if w]
    if len(words) <= 10 and _title_case(words):
        return None
    if len(words) < 6 or not q.content.rstrip(" \"'\u201d\u2019").endswith((".", "?", "!")):
        return None  # "'Savagely massacred'", "'A really tough decision.'"; a comma awaits its frame
    prev = prev_by_para.get(q.pair.para - 1)
    if prev is None or prev.kind != "direct" or prev.speaker is None:
        return None
    _, phi = idx.para_bounds(q.pair.para - 1)
    doc = idx.doc
    end = phi - 1
    while end >= 0 and doc[end].is_space:
        end -= 1
    if end < 0:
        return None
    # The paragraph's last sentence holds that quote: it ends on the quote or on its frame
    # ("'…,' a Homeland Security spokesman said in a statement.").
    last = doc[end].sent
    return prev if last.start_char < prev.content_span[1] else None


def _adjacent_cue(
    idx: _Index, q: _Quote, left: list[int], right: list[int], alone: bool
) -> Token | None:
    """No cue in the quote's sentence: try "X continued:" before it or "X said." after it,
    in its own paragraph (across a paragraph break: :func:`_next_paragraph_cue`)."""
    doc = idx.doc
    k = q.pair.para
    lo, hi = idx.para_bounds(k)
    # The sentence before introduces the quote: "Caddell continued:", "Lau said in a statement."
    start = left[0] if left else (q.open_tok if q.open_tok >= 0 else q.first)
    j = start - 1
    while j >= 0 and (doc[j].is_space or (idx.masked[j] and j not in idx.terminal_close)):
        j -= 1
    same_para = j >= lo
    if j >= 0 and not left and not idx.masked[j] and (same_para or alone or _starts_para(idx, q)):
        seg = idx.segment_before(j - 1, idx.para_bounds(idx.para_of(j))[0])
        if doc[j].text == ":":
            for i in reversed(seg):
                if _cue_strength(doc[i]) == 2:
                    return doc[i]
        elif doc[j].text == ".":
            cue = _tail_cue(idx, seg, within=30)
            if cue is not None and cue.i == max(
                (i for i in seg if _cue_strength(doc[i]) == 2), default=-1
            ):
                return cue
    # The sentence after only names the speaker.
    if q.close_tok >= 0 and not right:
        nxt = q.close_tok + 1
        while nxt < hi and doc[nxt].is_space:
            nxt += 1
        if nxt < hi:
            return _tail_cue(idx, idx.segment_after(nxt, hi))
    return None


def _next_paragraph_cue(idx: _Index, q: _Quote, right: list[int], alone: bool) -> Token | None:
    """ "X said." as the next paragraph, after a quotation that is a paragraph of its own
    and has nothing after it in its own (what :func:`_adjacent_cue` leaves)."""
    if q.close_tok < 0 or right or not alone or q.pair.para + 1 >= len(idx.paras):
        return None
    doc = idx.doc
    _, hi = idx.para_bounds(q.pair.para)
    nxt = q.close_tok + 1
    while nxt < hi and doc[nxt].is_space:
        nxt += 1
    if nxt < hi:
        return None
    nlo, nhi = idx.para_bounds(q.pair.para + 1)
    return _tail_cue(idx, idx.segment_after(nlo, nhi))


def _speaker_label(idx: _Index, q: _Quote, resolver: _Resolver) -> _Source | None:
    """A transcript line ("PENCE: Well, look, …"): the label names the speaker."""
    m = _SPEAKER_LABEL.match(q.content)
    if m is None:
        return None
    doc = idx.doc
    start = q.pair.start + m.start(1)
    end = q.pair.start + m.end(1)
    toks = [doc[i] for i in range(bisect_left(idx.starts, start), bisect_left(idx.starts, end))]
    if not toks:
        return None
    words = [w.capitalize() for w in m.group(1).split()]
    key = resolver.registry.lookup(words, toks[0].i)
    if key is None:
        return _Source(toks, None)
    rec = resolver.registry.record(key)
    rec.add_alias(m.group(1))
    return _Source(toks, rec.as_entity())


def _colon_name(idx: _Index, left: list[int]) -> Token | None:
    """``Philip Bump: "…"`` and headlines like ``Pat Caddell: Voters Worried …``: a name and a colon.

    The name must sit right before the quote's colon, or open the sentence
    (or follow a dash) when the colon is further back.
    """
    doc = idx.doc
    for n, i in enumerate(left):
        if doc[i].text != ":":
            continue
        j = n - 1
        while j >= 0 and _is_name_like(doc[left[j]]):
            j -= 1
        if j == n - 1 or n - 1 - j > 4:
            continue
        last = doc[left[n - 1]]
        run = doc[left[j + 1] : last.i + 1]
        named = last.ent_type_ in ("PERSON", "ORG") or any(d.ent_type_ == "PERSON" for d in run)
        if not named and not (2 <= len(run) <= 3 and not any(d.ent_type_ for d in run)):
            continue
        starts = j < 0 or doc[left[j]].text in ("-", "—", "–", "--")
        if starts or n == len(left) - 1:
            return doc[left[n - 1]]
    return None


_BYLINE_DASH = re.compile(r"[ \t\u00a0]*(\u2015|\u2014|\u2013|--?)[ \t\u00a0]*")


def _via(idx: _Index, prep: Token) -> str | None:
    """The named outlet of a "via X" phrase."""
    if prep.dep_ != "prep" or prep.lower_ != "via":
        return None
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return span_text(idx.text, _clip_phrase(idx, obj)) if obj is not None and obj.pos_ == "PROPN" else None


# Heads of an organisation's name that may follow a possessive: "the U.S. Attorney's Office".
_POSSESSED_ORG_HEADS = frozenset(
    "office department bureau service agency council commission committee institute "
    "association foundation society fund hospital".split()
)


def _joined_name(name: list[Token], phrase: list[Token]) -> list[Token] | None:
    """The words of one name the recogniser or the parse cut off its front.

    "He Jianxiong" (a surname read as the pronoun), "The Hollywood Reporter"
    (the recogniser's organisation "The Hollywood" stops before "Reporter"),
    "the U.S. Attorney's Office" (a possessive inside the name): the ledger
    showed "Jianxiong", "Reporter" and "Office".
    """
    doc = name[0].doc
    lo = phrase[0].i
    first = name[0]
    if any(t.ent_type_ == "PERSON" for t in name) and first.i > lo:
        prev = doc[first.i - 1]
        # "He Jianxiong": a capitalised pronoun hanging on the name as a compound.
        if prev.pos_ == "PRON" and prev.dep_ == "compound" and prev.head.i in {t.i for t in name}:
            return [prev, *name]
        return None
    if len(name) > 1 or first.ent_type_ not in ("", "ORG"):
        return None  # "… the United Nations Vasily Nebenzia": two names side by side
    if first.lower_ in TITLE_WORDS:
        return None  # "The Pentagon Press Secretary": a person's title
    start = first.i
    if (
        len(name) == 1
        and first.lower_ in _POSSESSED_ORG_HEADS
        and start - 2 >= lo
        and doc[start - 1].tag_ == "POS"
        and doc[start - 2].pos_ == "PROPN"
    ):
        start -= 2  # "Attorney's | Office"
    elif start - 1 < lo or doc[start - 1].pos_ != "PROPN" or not doc[start - 1].whitespace_:
        return None
    while (
        start - 1 >= lo
        and doc[start - 1].pos_ == "PROPN"
        and doc[start - 1].ent_type_ != "PERSON"
        and doc[start - 1].whitespace_
    ):
        start -= 1
    if start == first.i:
        return None
    return [*doc[start : first.i], *name]


def _whole_organisation(name: list[Token], phrase: list[Token]) -> list[Token] | None:
    """The organisation's whole name when the parse's name run is only part of it.

    Name runs stop at a preposition: "The National Institute on Drug Abuse"
    gave "National Institute", "the Department of Social Services"
    "Department".  When the named entity recogniser marks one organisation
    over the run, and it lies inside the source phrase, its span is the name (a
    leading "the" aside).  A word the recogniser left outside is not joined:
    "[the Sioux Falls Argus] Leader" would be, but so would "[the European
    Central Bank] President" before Christine Lagarde.
    """
    head = name[-1]
    if head.ent_type_ != "ORG":
        return None
    start, end = entity_bounds(head)
    toks = [t for t in head.doc[start:end] if not (t.i == start and t.pos_ == "DET")]
    while toks and toks[-1].tag_ == "POS":
        toks.pop()
    lo, hi = phrase[0].i, phrase[-1].i
    if len(toks) <= len(name) or toks[0].i < lo or toks[-1].i > hi:
        return None
    covered = {t.i for t in toks}
    if not all(t.i in covered for t in name):
        return None
    return toks


def _dash_byline(idx: _Index, q: _Quote) -> tuple[tuple[int, int], Token] | None:
    """``“…” ― Carla Sanchez``: a quote signed after a dash, the name ending its paragraph.

    Vox pops and pull quotes sign each quotation this way.  Returns (the
    dash's character span, the name's last token), or None unless the dash
    follows the closing mark and one to five name words run to the end of the
    paragraph (a full stop, or a short tail after a comma such as an age or a
    town, aside).  Read on characters: spaCy glues "”―" into one token.
    """
    if q.pair.close < 0:
        return None
    text, doc = idx.text, idx.doc
    m = _BYLINE_DASH.match(text, q.pair.close + 1)
    if m is None:
        return None
    _, hi = idx.para_bounds(q.pair.para)
    i = bisect_left(idx.starts, m.end())
    if i >= len(idx.starts) or idx.starts[i] != m.end():
        return None  # the name is glued to the dash ("”―Carla"): no clean name tokens to give
    run: list[Token] = []
    while i < hi and len(run) <= 5 and _is_name_word(doc[i]):
        run.append(doc[i])
        i += 1
    rest = [t for t in doc[i:hi] if not t.is_space]
    if rest and rest[0].text == ".":
        rest = rest[1:]
    tail_ok = not rest or (
        rest[0].text == "," and len(rest) <= 5 and not any(t.pos_ in ("VERB", "AUX") for t in rest)
    )
    if not 1 <= len(run) <= 5 or not tail_ok or not run[0].text[:1].isupper():
        return None
    return m.span(1), run[-1]


def _is_name_word(tok: Token) -> bool:
    """A word of a name as printed: "Julie", "A.", "Diaz", "Gonzàlez"."""
    return _is_name_like(tok) or bool(re.fullmatch(r"[A-Z]\.", tok.text))


def _is_name_like(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _starts_para(idx: _Index, q: _Quote) -> bool:
    return q.open_tok >= 0 and q.open_tok == idx.para_bounds(q.pair.para)[0]
