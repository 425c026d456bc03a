"""Learned attribution tagger: Source / Cue / Content spans from a parsed Doc.

Why: rules find direct quotes well but miss most of PolNeAR's attributions
(indirect speech, beliefs, "according to", sources as full noun phrases).
A small BiLSTM tags every token with PolNeAR's scheme
(``B-/I-source|cue|content`` and ``O``; quote marks are part of the content,
sources are whole noun phrases), and the tagged spans are grouped into
:class:`~claimledger.model.Attribution` objects.

Built for speed on top of what spaCy already computed: the features are the
``doc.tensor`` of spaCy's tok2vec (computed by the parse anyway), a learned
embedding of the lower-cased word, tag, dependency label, entity type, a
cue-lexicon class of the lemma (derived from PolNeAR train cues), the relation
of each token to its nearest cue-verb ancestor, quote state and sentence /
paragraph boundaries. One ONNX session (``onnxruntime``, int8-quantised),
one call per paragraph; decoding is a constrained Viterbi in numpy (no ``I-x``
after anything but ``B-x``/``I-x``). No transformer at inference.

Trained by ``train/attribution_tagger.py`` on PolNeAR train; the model and its
vocabularies live in ``models/attribution_tagger/`` (``meta.json`` records the
training data, date and scores). The shipped model may be an ensemble
(``train/attribution_ensemble.py``): ``meta.json`` then lists member folders,
each a model of its own, whose probabilities are averaged before decoding.

Public entry point: :func:`tag_attributions` ``(doc) -> list[Attribution]``;
it never raises on odd input (empty, one token, very long, missing tensor).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    LEMMA,
    LENGTH,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from claimledger.model import Attribution, Entity
from claimledger.nlp.vectors import WordVectors
from claimledger.nlp.vectors import load as load_vectors

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "models" / "attribution_tagger"
TAGS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
ROLES = ("source", "cue", "content")

# Dense per-token flags appended to doc.tensor (order is part of the model's contract).
FLAG_NAMES = (
    "in_quote",
    "open_quote",
    "close_quote",
    "sent_start",
    "sent_end",
    "para_start",
    "para_end",
    "upper_initial",
    "punct",
    "colon",
)
CAT_NAMES = ("word", "tag", "dep", "ent", "cue_lex", "cue_rel", "head_cue")
TENSOR_WIDTH = 96
MAX_CHUNK = 160  # tokens per model call; longer paragraphs are cut at sentence starts
CHUNK_BATCH = 4  # chunks per model call, for a graph that reads their lengths (see _Member)
_MAX_CUE_DEPTH = 6

_OPEN_QUOTES = frozenset({"“", "«", "``", "„"})
_CLOSE_QUOTES = frozenset({"”", "»", "''"})
_TOGGLE_QUOTES = frozenset({'"'})
_DOUBLE_QUOTES = frozenset('"“”„‟«»')
_SPACE_POS = get_string_id("SPACE")


# -- features ------------------------------------------------------------------


@dataclass(slots=True)
class Features:
    """What the model reads for one Doc, plus the chunks (token ranges) it is called on."""

    cats: np.ndarray  # (n, len(CAT_NAMES)) int64
    dense: np.ndarray  # (n, TENSOR_WIDTH + len(FLAG_NAMES)) float32
    chunks: list[tuple[int, int]]  # [start, end) token ranges, paragraph breaks left out
    idx: np.ndarray  # (n,) char offset of each token
    length: np.ndarray  # (n,) char length of each token
    sent_id: np.ndarray  # (n,) sentence number of each token
    para_id: np.ndarray  # (n,) paragraph number of each token
    raw: tuple[np.ndarray, ...] | None = None  # the spaCy columns the categories come from


class FeatureMaps:
    """String vocabularies of the categorical features, keyed by spaCy hash for speed.

    Index 0 is padding/unknown everywhere; for words, 1 is out-of-vocabulary.
    """

    def __init__(self, vocab: dict[str, Any]) -> None:
        self.vocab = vocab
        self.words = self._index(vocab["words"], start=2)
        self.tags = self._index(vocab["tags"])
        self.deps = self._index(vocab["deps"])
        self.ents = self._index(vocab["ents"])
        self.n_deps = len(vocab["deps"]) + 1
        self.cue_lex: dict[int, int] = {
            get_string_id(lemma): int(bucket) for lemma, bucket in vocab["cue_lex"].items()
        }
        self.strong_cue = int(vocab.get("strong_cue_bucket", 2))
        self.sizes = {
            "word": len(vocab["words"]) + 2,
            "tag": len(vocab["tags"]) + 1,
            "dep": len(vocab["deps"]) + 1,
            "ent": 2 * (len(vocab["ents"]) + 1) + 1,
            "cue_lex": 1 + max([int(b) for b in vocab["cue_lex"].values()] or [0]),
            "cue_rel": 2 + 2 * self.n_deps,
            "head_cue": 1 + max([int(b) for b in vocab["cue_lex"].values()] or [0]),
        }

    @staticmethod
    def _index(strings: list[str], start: int = 1) -> dict[int, int]:
        return {get_string_id(s): i + start for i, s in enumerate(strings)}

    @staticmethod
    def _map(col: np.ndarray, table: dict[int, int], default: int) -> np.ndarray:
        uniq, inverse = np.unique(col, return_inverse=True)
        mapped = np.fromiter(
            (table.get(int(h), default) for h in uniq), dtype=np.int64, count=len(uniq)
        )
        return mapped[inverse.reshape(-1)]

    def featurise(self, doc: Doc, text: str | None = None) -> Features:
        n = len(doc)
        n_dense = TENSOR_WIDTH + len(FLAG_NAMES)
        if n == 0:
            empty = np.zeros(0, dtype=np.int64)
            return Features(
                np.zeros((0, len(CAT_NAMES)), np.int64),
                np.zeros((0, n_dense), np.float32),
                [],
                empty,
                empty,
                empty,
                empty,
            )
        arr = doc.to_array(
            [
                LOWER,
                TAG,
                DEP,
                ENT_IOB,
                ENT_TYPE,
                LEMMA,
                HEAD,
                SENT_START,
                IDX,
                LENGTH,
                IS_PUNCT,
                POS,
            ]
        )
        arr_i = arr.astype(np.int64)  # HEAD is relative and may be negative
        lower, tag, dep, iob, ent_type, lemma = (arr[:, k] for k in range(6))
        head = np.arange(n, dtype=np.int64) + arr_i[:, 6]
        head = np.where((head < 0) | (head >= n), np.arange(n), head)
        sent_start = arr_i[:, 7] == 1
        sent_start[0] = True
        idx = arr_i[:, 8]
        length = arr_i[:, 9]
        punct = arr_i[:, 10] == 1
        is_space = arr[:, 11] == _SPACE_POS

        raw = (lower, tag, dep, iob, ent_type, lemma, head)
        cats = self.categories(raw)

        if text is None:
            text = doc.text  # spaCy rebuilds it per access: callers pass it when they have it
        tokens = [text[s : s + ln] for s, ln in zip(idx.tolist(), length.tolist(), strict=True)]
        para_break = np.fromiter(
            (sp and "\n" in t for sp, t in zip(is_space.tolist(), tokens, strict=True)),
            dtype=bool,
            count=n,
        )
        flags = np.zeros((n, len(FLAG_NAMES)), dtype=np.float32)
        in_quote = False
        para_id = np.zeros(n, dtype=np.int64)
        para = 0
        chunks: list[tuple[int, int]] = []
        start = -1
        for i, tok in enumerate(tokens):
            if para_break[i]:
                if start >= 0:
                    chunks.append((start, i))
                    start = -1
                in_quote = False
                para += 1
                para_id[i] = para
                continue
            para_id[i] = para
            if start < 0:
                start = i
                flags[i, 5] = 1.0
            if tok in _OPEN_QUOTES or (tok in _TOGGLE_QUOTES and not in_quote):
                flags[i, 1] = 1.0
                flags[i, 0] = 1.0
                in_quote = True
                continue
            if tok in _CLOSE_QUOTES or (tok in _TOGGLE_QUOTES and in_quote):
                flags[i, 2] = 1.0
                flags[i, 0] = 1.0
                in_quote = False
                continue
            if in_quote:
                flags[i, 0] = 1.0
            if tok[:1].isupper():
                flags[i, 7] = 1.0
            if tok == ":":
                flags[i, 9] = 1.0
        if start >= 0:
            chunks.append((start, n))
        for _, e in chunks:
            flags[e - 1, 6] = 1.0
        flags[:, 3] = sent_start
        sent_end = np.zeros(n, dtype=bool)
        sent_end[:-1] = sent_start[1:]
        sent_end[-1] = True
        flags[:, 4] = sent_end
        flags[:, 8] = punct
        sent_id = np.cumsum(sent_start) - 1

        tensor = doc.tensor
        dense = np.zeros((n, n_dense), dtype=np.float32)
        if (
            isinstance(tensor, np.ndarray)
            and tensor.ndim == 2
            and tensor.shape[0] == n
            and tensor.shape[1] == TENSOR_WIDTH
        ):
            dense[:, :TENSOR_WIDTH] = tensor
        dense[:, TENSOR_WIDTH:] = flags
        return Features(
            cats=cats,
            dense=dense,
            chunks=split_chunks(chunks, sent_start, MAX_CHUNK),
            idx=idx,
            length=length,
            sent_id=sent_id,
            para_id=para_id,
            raw=raw,
        )

    @staticmethod
    def with_vectors(feats: Features, vectors: WordVectors) -> Features:
        """``feats`` with each word's static vector appended to the dense columns.

        A member trained with word vectors (its ``meta.json`` names the
        table) reads them after the tensor and the flags.
        """
        if feats.raw is None:
            raise ValueError("features without their raw columns have no words to look up")
        extra = vectors.lookup(feats.raw[0])
        return replace(feats, dense=np.concatenate([feats.dense, extra], axis=1))

    def refeaturise(self, feats: Features) -> Features:
        """``feats`` (made by another member's maps) with this member's categories.

        Only the categorical columns depend on a member's vocabularies; the
        parse columns, the dense part and the chunks are shared, so a second
        member costs a few table lookups, not a second pass over the Doc.
        """
        if feats.raw is None:
            raise ValueError("features without their raw columns cannot be re-mapped")
        return replace(feats, cats=self.categories(feats.raw))

    def categories(self, raw: tuple[np.ndarray, ...]) -> np.ndarray:
        """The categorical feature columns from spaCy's LOWER, TAG, DEP, IOB, TYPE, LEMMA, HEAD."""
        lower, tag, dep, iob, ent_type, lemma, head = raw
        cats = np.zeros((len(lower), len(CAT_NAMES)), dtype=np.int64)
        cats[:, 0] = self._map(lower, self.words, 1)
        cats[:, 1] = self._map(tag, self.tags, 0)
        dep_ids = self._map(dep, self.deps, 0)
        cats[:, 2] = dep_ids
        # entity: IOB (1 I, 2 O, 3 B) and type folded into one id
        ent_ids = self._map(ent_type, self.ents, 0)
        cats[:, 3] = np.where(iob == 3, 2 * ent_ids + 1, np.where(iob == 1, 2 * ent_ids + 2, 0))
        cue_lex = self._map(lemma, self.cue_lex, 0)
        cats[:, 4] = cue_lex
        cats[:, 6] = cue_lex[head]
        cats[:, 5] = self._cue_relations(cue_lex, head, dep_ids)
        return cats

    def _cue_relations(
        self, cue_lex: np.ndarray, head: np.ndarray, dep_ids: np.ndarray
    ) -> np.ndarray:
        """Per token: how it hangs from its nearest strong-cue ancestor.

        0 none within reach, 1 the token is such a cue, else ``2 + 2 * dep + deep``
        where ``dep`` is the label of the cue's child on the path and ``deep``
        says whether the token sits below that child.
        """
        n = len(head)
        strong = (cue_lex >= self.strong_cue).tolist()
        heads = head.tolist()
        deps = dep_ids.tolist()
        out = [0] * n
        for i in range(n):
            if strong[i]:
                out[i] = 1
                continue
            prev, j = i, heads[i]
            for depth in range(_MAX_CUE_DEPTH):
                if j == prev:
                    break
                if strong[j]:
                    out[i] = 2 + 2 * deps[prev] + (1 if depth > 0 else 0)
                    break
                prev, j = j, heads[j]
        return np.asarray(out, dtype=np.int64)


def split_chunks(
    chunks: list[tuple[int, int]], sent_start: np.ndarray, max_len: int
) -> list[tuple[int, int]]:
    """Cut chunks longer than ``max_len`` at sentence starts (hard cut inside a giant sentence)."""
    out: list[tuple[int, int]] = []
    for s, e in chunks:
        while e - s > max_len:
            cut = 0
            for k in range(s + max_len, s, -1):
                if sent_start[k]:
                    cut = k
                    break
            if cut <= s:
                cut = s + max_len
            out.append((s, cut))
            s = cut
        if e > s:
            out.append((s, e))
    return out


# -- decoding ------------------------------------------------------------------


def _transitions() -> tuple[np.ndarray, np.ndarray]:
    """Log-space transition and start scores: I-x only after B-x or I-x."""
    k = len(TAGS)
    trans = np.zeros((k, k), dtype=np.float32)
    start = np.zeros(k, dtype=np.float32)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            start[j] = -1e4
            role = tag[2:]
            for i, prev in enumerate(TAGS):
                if prev not in (f"B-{role}", f"I-{role}"):
                    trans[i, j] = -1e4
    return trans, start


_TRANS, _START = _transitions()


def viterbi(logp: np.ndarray) -> list[int]:
    """Best tag sequence under the BIO constraint for one chunk's (T, 7) log-probabilities."""
    t_len = logp.shape[0]
    if t_len == 0:
        return []
    # Fast path: when the greedy path is already valid, it is the Viterbi path.
    greedy = logp.argmax(axis=1)
    if _valid(greedy.tolist()):
        return greedy.tolist()
    back = np.zeros((t_len, len(TAGS)), dtype=np.int64)
    score = logp[0] + _START
    for t in range(1, t_len):
        cand = score[:, None] + _TRANS
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    best = [int(score.argmax())]
    for t in range(t_len - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    best.reverse()
    return best


def _valid(tags: list[int]) -> bool:
    prev = 0
    for t in tags:
        if t in (2, 4, 6) and prev not in (t - 1, t):
            return False
        prev = t
    return True


def tags_to_spans(tags: list[int], offset: int) -> list[tuple[str, int, int]]:
    """``(role, start, end)`` token ranges read off a tag sequence (B- opens, I- continues)."""
    spans: list[tuple[str, int, int]] = []
    cur: list[Any] | None = None
    for k, t in enumerate(tags):
        tag = TAGS[t]
        if tag == "O":
            if cur is not None:
                spans.append((cur[0], cur[1], offset + k))
                cur = None
            continue
        kind, role = tag.split("-", 1)
        if kind == "B" or cur is None or cur[0] != role:
            if cur is not None:
                spans.append((cur[0], cur[1], offset + k))
            cur = [role, offset + k]
    if cur is not None:
        spans.append((cur[0], cur[1], offset + len(tags)))
    return spans


# -- grouping ------------------------------------------------------------------


@dataclass(slots=True)
class _Piece:
    role: str
    start: int  # token range [start, end)
    end: int
    sent0: int
    sent1: int
    para: int


def quote_kind(text: str) -> str:
    """``direct`` if every letter is inside double quotes, ``mixed`` if some are, else ``indirect``."""
    if not any(c in _DOUBLE_QUOTES for c in text):
        return "indirect"
    inside = False
    outside_letters = inside_letters = 0
    for c in text:
        if c in _DOUBLE_QUOTES:
            inside = not inside
        elif c.isalpha():
            if inside:
                inside_letters += 1
            else:
                outside_letters += 1
    if outside_letters == 0:
        return "direct"
    return "mixed" if inside_letters else "indirect"


def _gap(a: _Piece, b: _Piece) -> int:
    """Token distance between two pieces (0 when they touch or overlap)."""
    if a.end <= b.start:
        return b.start - a.end
    if b.end <= a.start:
        return a.start - b.end
    return 0


def group(
    doc: Doc,
    feats: Features,
    spans: list[tuple[str, int, int]],
    text: str | None = None,
    speakers: bool = True,
) -> list[Attribution]:
    """Attributions from tagged spans: each content piece with its cue and that cue's source."""
    if not spans:
        return []
    if text is None:
        text = doc.text
    idx, length = feats.idx, feats.length
    pieces = [
        _Piece(role, s, e, int(feats.sent_id[s]), int(feats.sent_id[e - 1]), int(feats.para_id[s]))
        for role, s, e in spans
    ]
    cues = [p for p in pieces if p.role == "cue"]
    sources = [p for p in pieces if p.role == "source"]
    contents = [p for p in pieces if p.role == "content"]

    def char_span(p: _Piece) -> tuple[int, int]:
        return int(idx[p.start]), int(idx[p.end - 1] + length[p.end - 1])

    def near(cands: list[_Piece], p: _Piece, slack: int) -> _Piece | None:
        """The candidate nearest to ``p`` in its paragraph within ``slack`` sentences."""
        best: tuple[int, int, _Piece] | None = None
        for c in cands:
            if c.para != p.para:
                continue
            sent_gap = max(0, c.sent0 - p.sent1, p.sent0 - c.sent1)
            if sent_gap > slack:
                continue
            key = (sent_gap, _gap(c, p))
            if best is None or key < best[:2]:
                best = (key[0], key[1], c)
        return best[2] if best is not None else None

    def subject_source(cue: _Piece) -> _Piece | None:
        """The source span holding the cue's syntactic subject, if one was tagged."""
        for i in range(cue.start, cue.end):
            for child in doc[i].children:
                if child.dep_ in ("nsubj", "nsubjpass", "pobj", "agent"):
                    for s in sources:
                        if s.start <= child.i < s.end:
                            return s
        return None

    subject_of: dict[int, int] = {}  # source piece -> the cue piece whose subject it holds
    for c in cues:
        held = subject_source(c)
        if held is not None:
            subject_of.setdefault(id(held), id(c))

    def has_own_subject(cue: _Piece) -> bool:
        return any(
            child.dep_ in ("nsubj", "nsubjpass")
            for i in range(cue.start, cue.end)
            for child in doc[i].children
        )

    def cue_source_of(cue: _Piece) -> _Piece | None:
        held = subject_source(cue)
        if held is not None:
            return held
        # "The company, whose lawyers said …, declined to comment": another
        # act's subject is not the source of a verb with a subject of its own.
        pool = sources
        if has_own_subject(cue):
            pool = [s for s in sources if subject_of.get(id(s), id(cue)) == id(cue)]
        return near(pool, cue, 0)

    cue_source: dict[int, _Piece | None] = {}
    triples: list[list[Any]] = []  # [content, cue, source]
    for content in contents:
        cue = near(cues, content, 0) or near(cues, content, 1)
        if cue is not None:
            key = id(cue)
            if key not in cue_source:
                cue_source[key] = cue_source_of(cue)
            source = cue_source[key]
        else:
            source = near(sources, content, 0)
        triples.append([content, cue, source])
    # "Peskov told Bloomberg News in a written statement that …": the act is "told";
    # the statement is its manner.  One verb per statement piece, for every content
    # that chose the piece; the piece itself is then used up.
    chosen = {id(t[1]) for t in triples if t[1] is not None}
    free_cues = [c for c in cues if id(c) not in chosen]
    verb_of: dict[int, _Piece] = {}
    for t in triples:
        if t[1] is not None and id(t[1]) not in verb_of:
            verb = _manner_verb(doc, t[1], free_cues)
            if verb is not None:
                verb_of[id(t[1])] = verb
    absorbed = set(verb_of)
    for t in triples:
        verb = verb_of.get(id(t[1])) if t[1] is not None else None
        if verb is not None:
            t[1] = verb
            if id(verb) not in cue_source:
                cue_source[id(verb)] = cue_source_of(verb)
            t[2] = cue_source[id(verb)] or t[2]
    # A tagged source or cue that no content chose goes to the nearest content lacking one
    # (same paragraph, at most a sentence away), so that no tagged span is lost.
    for slot, pool in ((2, sources), (1, cues)):
        used = {id(t[slot]) for t in triples if t[slot] is not None} | absorbed
        for piece in pool:
            if id(piece) in used:
                continue
            free = [t[0] for t in triples if t[slot] is None]
            target = near(free, piece, 1)
            if target is not None:
                for t in triples:
                    if t[0] is target:
                        t[slot] = piece
                        break
    registry = _registry(doc) if speakers and any(t[2] is not None for t in triples) else None
    out: list[Attribution] = []
    for content, cue, source in triples:
        c0, c1 = char_span(content)
        content_text = text[c0:c1]
        att = Attribution(
            kind=quote_kind(content_text), content=content_text, content_span=(c0, c1)
        )
        if cue is not None:
            q0, q1 = char_span(cue)
            att.cue, att.cue_span = text[q0:q1], (q0, q1)
            att.cue_lemma = cue_lemma(doc[cue.start : cue.end])
        if source is not None:
            s0, s1 = char_span(source)
            att.source, att.source_span = text[s0:s1], (s0, s1)
            att.speaker = _speaker(registry, doc, source) if speakers else None
        out.append(att)
    return out


def cue_lemma(tokens: Span) -> str | None:
    """The lemma of the cue's head word, as the rules give it ("has repeatedly said": "say").

    Joining every word's lemma gave "be originally report" and "confirm
    wednesday": not a lemma a reader or a lexicon can look up.
    """
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return None
    if [t.lower_ for t in words[:2]] == ["according", "to"]:
        return "according to"
    root = tokens.root
    return (root if not root.is_punct else words[0]).lemma_.lower()


# What words are said in ("told Bloomberg News in a written statement"); not "calls",
# "claims" or "reports", which are acts of saying themselves.
_VEHICLE_NOUNS = frozenset(
    """statement interview tweet post email e-mail letter speech release memo message
    remarks briefing testimony op-ed column essay video podcast broadcast conference""".split()
)


def _manner_verb(doc: Doc, cue: _Piece | None, free: list[_Piece]) -> _Piece | None:
    """A verb cue piece that a verbless cue piece hangs on through a preposition, if tagged.

    The tagger sometimes marks both "told" and "a written statement" as cues
    and the content takes the nearer, verbless one.
    """
    if cue is None:
        return None
    roots = [doc[i] for i in range(cue.start, cue.end) if not cue.start <= doc[i].head.i < cue.end]
    if len(roots) != 1:
        return None
    noun = roots[0]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    if noun.head.lower_ != "in" or noun.lemma_.lower() not in _VEHICLE_NOUNS:
        return None  # "flooded with calls to boycott", "outraged by reports of": the noun is the act
    for piece in free:
        if piece.sent0 == cue.sent0 and piece.end <= cue.start and (
            piece.start <= noun.head.head.i < piece.end
        ):
            return piece
    return None


def _registry(doc: Doc) -> Any:
    """The speakers module's per-article name registry, or None if it is unavailable."""
    try:
        from claimledger.nlp.speakers import EntityRegistry

        return EntityRegistry(doc)
    except Exception:  # the rule module is optional here; a failure there must not sink tagging
        log.debug("speaker registry unavailable", exc_info=True)
        return None


def _speaker(registry: Any, doc: Doc, source: _Piece) -> Entity | None:
    """Resolve a source span to a named entity: names, pronouns and role descriptions."""
    if registry is None:
        return None
    try:
        span = doc[source.start : source.end]
        head = span.root
        key: str | None = None
        if head.pos_ == "PRON":
            key = registry.resolve_pronoun(head)
        else:
            names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ == "PERSON"]
            if names:
                # the name run that holds the head, else the last one
                run = [t for t in names if t.i <= head.i] or names
                words = [t.text for t in run if t.text[:1].isupper()]
                if words:
                    key = registry.lookup(words[-3:], head.i)
            if key is None and any(t.lower_ == "the" for t in head.lefts):
                key = registry.resolve_epithet(head)  # "The 36-year-old said"
            if key is None and head.pos_ == "NOUN":
                mods = [t.text for t in head.lefts if t.pos_ in ("ADJ", "PROPN", "NOUN")]
                key = registry.resolve_description(head, mods)
        if key is None:
            return None
        entity = registry.record(key).as_entity()
        return entity if isinstance(entity, Entity) else None
    except Exception:
        log.debug("speaker resolution failed", exc_info=True)
        return None


# -- the model -----------------------------------------------------------------


class _Member:
    """One trained model: an ONNX session and the feature vocabularies it was trained with."""

    def __init__(self, model_dir: Path, meta: dict[str, Any]) -> None:
        import onnxruntime as ort

        vocab = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
        self.maps = FeatureMaps(vocab)
        # A member trained with static word vectors names their folder under models/.
        wv = meta.get("word_vectors")
        self.vectors: WordVectors | None = (
            load_vectors(MODEL_DIR.parent / str(wv)) if wv else None
        )
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(model_dir / meta.get("model_file", "model.onnx")),
            sess_options=opts,
            providers=["CPUExecutionProvider"],
        )
        # A member and its vector table must agree, or every document would fail to tag.
        width = TENSOR_WIDTH + len(FLAG_NAMES) + (self.vectors.dims if self.vectors else 0)
        dense = next((i for i in self.session.get_inputs() if i.name == "dense"), None)
        shape = dense.shape if dense is not None else None
        self.lengths = any(i.name == "lens" for i in self.session.get_inputs())
        if shape is None or len(shape) != 3 or (isinstance(shape[2], int) and shape[2] != width):
            raise ValueError(f"{model_dir}: the model reads dense inputs {shape}, features give {width}")

    def logprobs(self, feats: Features) -> list[np.ndarray]:
        """Per chunk, (T, 7) log-probabilities; ``feats`` as :meth:`Tagger.logprobs` made them.

        A graph that reads each row's length (``train/tagger_lengths.py``)
        takes the chunks ``CHUNK_BATCH`` at a time, shortest first, so that
        rows padded together are of about one length.  The int8 graph
        quantises activations per call, so a chunk's probabilities move
        slightly with the chunks beside it; those are the same article's, in
        the same order, so an article is tagged the same whatever else is read.
        """
        chunks = feats.chunks
        if not self.lengths:
            return [
                np.asarray(
                    self.session.run(
                        None, {"cats": feats.cats[None, s:e], "dense": feats.dense[None, s:e]}
                    )[0]
                )[0]
                for s, e in chunks
            ]
        sizes = [e - s for s, e in chunks]
        order = sorted(range(len(chunks)), key=sizes.__getitem__)
        out: list[np.ndarray] = [np.empty(0)] * len(chunks)
        for first in range(0, len(order), CHUNK_BATCH):
            rows = order[first : first + CHUNK_BATCH]
            width = sizes[rows[-1]]
            cats = np.zeros((len(rows), width, feats.cats.shape[1]), dtype=feats.cats.dtype)
            dense = np.zeros((len(rows), width, feats.dense.shape[1]), dtype=feats.dense.dtype)
            lens = np.empty(len(rows), dtype=np.int32)
            for r, k in enumerate(rows):
                s, e = chunks[k]
                cats[r, : e - s] = feats.cats[s:e]
                dense[r, : e - s] = feats.dense[s:e]
                lens[r] = e - s
            res = np.asarray(
                self.session.run(None, {"cats": cats, "dense": dense, "lens": lens})[0]
            )
            for r, k in enumerate(rows):
                out[k] = res[r, : lens[r]]
        return out


class Tagger:
    """The shipped model: one network, or several trained alike whose votes are averaged.

    Why several: networks trained from different seeds (and different
    held-out articles) err in different places; averaging their
    probabilities before decoding is the cheapest gain a small tagger can
    buy (``meta.json`` lists the members and what they scored).
    """

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        self.meta = meta
        members = meta.get("members")
        if members:
            self.members = [
                _Member(model_dir / m, json.loads((model_dir / m / "meta.json").read_text("utf-8")))
                for m in members
            ]
        else:
            self.members = [_Member(model_dir, meta)]
        self.maps = self.members[0].maps

    def logprobs(self, doc: Doc, text: str | None = None) -> tuple[Features, list[np.ndarray]]:
        """The features of the first member and, per chunk, the members' mean log-probabilities.

        The mean is taken over probabilities, not log-probabilities, so that
        one confident member cannot veto the others.
        """
        feats = self.members[0].maps.featurise(doc, text)
        # The vectors are looked up once, for every member that reads them.
        extended: dict[int, Features] = {}

        def member_feats(member: _Member, base: Features) -> Features:
            if member.vectors is None:
                return base
            key = id(member.vectors)
            if key not in extended:
                extended[key] = FeatureMaps.with_vectors(feats, member.vectors)
            return replace(extended[key], cats=base.cats)

        first = self.members[0]
        summed = first.logprobs(member_feats(first, feats))
        if len(self.members) == 1:
            return feats, summed
        summed = [np.exp(lp) for lp in summed]
        for member in self.members[1:]:
            own = member_feats(member, member.maps.refeaturise(feats))
            for acc, lp in zip(summed, member.logprobs(own), strict=True):
                acc += np.exp(lp)
        n = float(len(self.members))
        return feats, [np.log(np.maximum(acc / n, 1e-12)) for acc in summed]

    def __call__(
        self, doc: Doc, text: str | None = None, speakers: bool = True
    ) -> list[Attribution]:
        feats, logps = self.logprobs(doc, text)
        return decode_and_group(doc, feats, logps, text, speakers)


def decode_and_group(
    doc: Doc,
    feats: Features,
    logps: list[np.ndarray],
    text: str | None = None,
    speakers: bool = True,
) -> list[Attribution]:
    spans: list[tuple[str, int, int]] = []
    for (s, _), lp in zip(feats.chunks, logps, strict=True):
        spans.extend(tags_to_spans(viterbi(lp), s))
    return group(doc, feats, spans, text, speakers)


_LOCK = threading.Lock()
_TAGGER: Tagger | None = None
_LOAD_FAILED = False


def get_tagger() -> Tagger | None:
    """The shared tagger, loaded once; None (logged once) if the model cannot be loaded."""
    global _TAGGER, _LOAD_FAILED
    if _TAGGER is not None or _LOAD_FAILED:
        return _TAGGER
    with _LOCK:
        if _TAGGER is None and not _LOAD_FAILED:
            try:
                _TAGGER = Tagger()
            except Exception:
                _LOAD_FAILED = True
                log.warning("attribution tagger model could not be loaded", exc_info=True)
    return _TAGGER


def tag_attributions(
    doc: Doc, *, text: str | None = None, speakers: bool = True
) -> list[Attribution]:
    """Attributions found by the learned tagger in a parsed Doc; [] on any failure.

    ``text`` may pass ``doc.text`` when the caller has it; ``speakers=False``
    skips resolving speakers, for callers that resolve them their own way.
    """
    try:
        if doc is None or len(doc) == 0:
            return []
        tagger = get_tagger()
        if tagger is None:
            return []
        return tagger(doc, text, speakers)
    except Exception:
        log.warning("attribution tagging failed on a document", exc_info=True)
        return []
