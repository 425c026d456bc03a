"""Stance of a text towards a claim: confirms, denies, reports or unrelated.

A MiniLM cross-encoder (fine-tuned by ``train/stance_model.py``, shipped as int8
ONNX under ``models/stance/``) reads the pair (claim, evidence), where the
evidence is the few sentences of the text that bear on the claim: the first
sentence (a news lede usually states the story) plus the sentences sharing the
most content words with the claim, with a small bonus for sentences that carry
a denial or attribution cue ("denied", "hoax", "reportedly"...), in their
original order and under a word budget.  A whole article does not fit the
model's 128 tokens, and the sentence that denies a claim is rarely the first.

:func:`select_evidence` is the one place that choice is made: the training
script imports it, so the model is trained on exactly what it sees here.  The
evidence returned with each prediction is those sentences, each a verbatim
substring of the text, joined by :data:`EVIDENCE_SEP`.

Only onnxruntime, tokenizers and numpy are needed at run time.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from claimledger.errors import ModelMissingError
from claimledger.nlp.embed import THREADS_ENV, configured_threads

MODEL_DIR = Path(__file__).resolve().parent / "models" / "stance"

#: The model's classes, in the order of its output logits.
LABELS: tuple[str, ...] = ("confirms", "denies", "reports", "unrelated")
#: Joins the chosen sentences, both in the model input and in ``evidence``.
EVIDENCE_SEP = " … "
#: Evidence budget in words for a model that reads 128 word pieces, claim
#: included (a model's meta.json may set its own: ``evidence_words``).
MAX_EVIDENCE_WORDS = 90
#: At most this many sentences, the first sentence included.
MAX_EVIDENCE_SENTENCES = 4
#: A claim longer than this many words is cut (claims are headlines, not articles).
MAX_CLAIM_WORDS = 40
#: A single "sentence" longer than this (no punctuation) is cut at a word boundary.
MAX_SENTENCE_CHARS = 400

_WORD = re.compile(r"\w+", re.UNICODE)
# A sentence ends at . ! ? (possibly doubled, possibly followed by a closing
# quote or bracket) followed by space and something that can start a sentence;
# a line break always ends one.
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as into onto over under
    about after before than then that this these those there here is are was were be
    been being am do does did doing has have had having will would shall should can
    could may might must it its it's he she they them his her their our we you your i
    me my mine not no nor so too very just also only s t says said say new one two up
    out who whom whose which what when where why how all any some more most other
    such own same again further once now after while during until against between
    through because above below off down each few both""".split()
)
# Words that mark a denial, a rebuttal or a hedge: the sentence holding them is
# worth reading even when it shares few words with the claim.
_CUES = frozenset(
    """deny denies denied denial denying false falsely fake hoax hoaxes debunk
    debunked debunks untrue rumor rumors rumour rumours refute refuted refutes
    dismiss dismissed dismisses baseless satire satirical fabricated
    reportedly allegedly alleged unconfirmed unverified claim claims claimed
    confirm confirms confirmed confirmation according insist insists insisted""".split()
)


def _stem(word: str) -> str:
    """A crude plural/verb-ending folding, enough for overlap counting."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def content_words(text: str) -> set[str]:
    """Lower-cased, stemmed words of ``text`` that are not stop words."""
    return {_stem(w) for w in (m.group().lower() for m in _WORD.finditer(text)) if w not in _STOP}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, stripped of surrounding space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() + len(m.group().rstrip())
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and _WORD.search(text, s, e):
            if e - s > MAX_SENTENCE_CHARS:
                cut = text.rfind(" ", s, s + MAX_SENTENCE_CHARS)
                e = cut if cut > s else s + MAX_SENTENCE_CHARS
            out.append((s, e))
    return out


def _n_words(text: str) -> int:
    return len(text.split())


def select_evidence(
    claim: str,
    text: str,
    max_words: int = MAX_EVIDENCE_WORDS,
    max_sentences: int = MAX_EVIDENCE_SENTENCES,
) -> list[str]:
    """The sentences of ``text`` the model reads for ``claim``, in text order.

    Each is a verbatim substring of ``text``.  The first sentence is always
    kept; the others are ranked by the number of claim content words they
    share (+0.5 for a denial/attribution cue, +0.1 for an early position) and
    taken while the word budget lasts.  An empty text gives [].
    """
    spans = sentence_spans(text or "")
    if not spans:
        return []
    sents = [text[s:e] for s, e in spans]
    if sum(_n_words(s) for s in sents) <= max_words and len(sents) <= max_sentences:
        return sents
    claim_words = content_words(claim or "")
    scores: list[tuple[float, int]] = []
    for i, sent in enumerate(sents[1:], start=1):
        words = content_words(sent)
        score = float(len(claim_words & words))
        if words & _CUES:
            score += 0.5
        score += 0.1 / i
        scores.append((score, i))
    scores.sort(key=lambda x: (-x[0], x[1]))
    chosen = [0]
    budget = max_words - _n_words(sents[0])
    for _, i in scores:
        if len(chosen) >= max_sentences or budget <= 0:
            break
        n = _n_words(sents[i])
        if n > budget and len(chosen) > 1:
            continue
        chosen.append(i)
        budget -= n
    return [sents[i] for i in sorted(chosen)]


def model_input(
    claim: str,
    text: str,
    max_words: int = MAX_EVIDENCE_WORDS,
    max_sentences: int = MAX_EVIDENCE_SENTENCES,
) -> tuple[str, str]:
    """The (first, second) segment pair the cross-encoder reads for (claim, text).

    The evidence budget belongs to the model (its meta.json): a model trained
    on longer evidence must be given as much at run time.
    """
    words = (claim or "").split()
    short_claim = " ".join(words[:MAX_CLAIM_WORDS])
    return short_claim, EVIDENCE_SEP.join(select_evidence(claim, text, max_words, max_sentences))


def load_tokenizer(path: Path, max_length: int) -> Any:
    """The word-piece tokenizer, truncating pairs longest-first, padding to the batch."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=max_length, strategy="longest_first")
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def encode_pairs(tokenizer: Any, pairs: Sequence[tuple[str, str]]) -> dict[str, np.ndarray]:
    """input_ids / attention_mask / token_type_ids (int64, padded to the longest)."""
    encs = tokenizer.encode_batch([(a, b) for a, b in pairs])
    return {
        "input_ids": np.asarray([e.ids for e in encs], dtype=np.int64),
        "attention_mask": np.asarray([e.attention_mask for e in encs], dtype=np.int64),
        "token_type_ids": np.asarray([e.type_ids for e in encs], dtype=np.int64),
    }


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


def stance_threads() -> int:
    """``$CLAIMLEDGER_THREADS`` when the user set it (as for the encoder), else up to 4 cores.

    The default stays as it was: the cross-encoder's matrix products gain
    from cores the encoder's default of 2 would leave idle, even one pair at
    a time.
    """
    if os.environ.get(THREADS_ENV, "").strip():
        return configured_threads()
    return min(4, os.cpu_count() or 1)


@dataclass(frozen=True)
class StancePrediction:
    """What a text does to a claim, how sure the model is, and what it read."""

    stance: str  # one of LABELS
    score: float  # probability of ``stance`` (renormalised over the allowed labels)
    evidence: str  # the sentences read, verbatim, joined by EVIDENCE_SEP


class StanceModel:
    """The int8 ONNX cross-encoder and its tokenizer."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int | None = None) -> None:
        meta_path = model_dir / "meta.json"
        model_path = model_dir / "model.onnx"
        tok_path = model_dir / "tokenizer.json"
        missing = [p.name for p in (meta_path, model_path, tok_path) if not p.is_file()]
        if missing:
            raise ModelMissingError(
                f"stance model files missing in {model_dir}: {', '.join(missing)}; "
                "reinstall claimledger or rebuild with `python train/stance_model.py`"
            )
        import onnxruntime as ort

        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
            self.labels: tuple[str, ...] = tuple(self.meta.get("labels", LABELS))
            self.max_length = int(self.meta.get("max_length", 128))
            self.evidence_words = int(self.meta.get("evidence_words", MAX_EVIDENCE_WORDS))
            self.evidence_sentences = int(
                self.meta.get("evidence_sentences", MAX_EVIDENCE_SENTENCES)
            )
            self.tokenizer = load_tokenizer(tok_path, self.max_length)
            opts = ort.SessionOptions()
            n = threads if threads is not None else stance_threads()
            opts.intra_op_num_threads = max(1, n)
            opts.inter_op_num_threads = 1
            opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self.session = ort.InferenceSession(
                str(model_path), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:
            raise ModelMissingError(
                f"stance model in {model_dir} could not be loaded: {type(exc).__name__}: {exc}"
            ) from exc
        self._input_names = {i.name for i in self.session.get_inputs()}

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, list[str]]:
        """(N, len(labels)) class probabilities and the evidence read, per (claim, text).

        Each pair is run alone.  The int8 model quantizes its activations with
        one scale per tensor, computed at run time over the whole batch
        (padding included), so in a batch one pair's answer moved with its
        neighbours': a candidate model (FS + 1,000 two-act pairs, 2026-11-27)
        read the reference article as denying the testing-equipment claim
        alone and confirming it beside two other claims.  A text's stance must not depend
        on what else is read with it; one pair per run also pads nothing.
        """
        inputs = [model_input(c, t, self.evidence_words, self.evidence_sentences) for c, t in pairs]
        probs = np.zeros((len(inputs), len(self.labels)), dtype=np.float32)
        for i, pair in enumerate(inputs):
            feed = encode_pairs(self.tokenizer, [pair])
            feed = {name: arr for name, arr in feed.items() if name in self._input_names}
            logits = np.asarray(self.session.run(None, feed)[0], dtype=np.float32)
            probs[i] = softmax(logits)[0]
        return probs, [ev for _, ev in inputs]

    def predict(
        self,
        pairs: Sequence[tuple[str, str]],
        allowed: Sequence[str] | None = None,
    ) -> list[StancePrediction]:
        """One prediction per (claim, text).

        ``allowed`` restricts the answer to some labels (e.g. ``("confirms",
        "denies")`` when the text is known to take a side); the score is then
        renormalised over them.  An empty claim or text is "unrelated", score 1.
        """
        keep = [i for i, (c, t) in enumerate(pairs) if (c or "").strip() and (t or "").strip()]
        out: list[StancePrediction | None] = [None] * len(pairs)
        mask = np.ones(len(self.labels), dtype=bool)
        if allowed is not None:
            unknown = set(allowed) - set(self.labels)
            if unknown or not allowed:
                raise ValueError(f"allowed labels must be among {self.labels}: {sorted(unknown)}")
            mask = np.array([lab in allowed for lab in self.labels])
        if keep:
            probs, evidence = self.probabilities([pairs[i] for i in keep])
            for j, i in enumerate(keep):
                p = np.where(mask, probs[j], 0.0)
                total = float(p.sum())
                best = int(np.argmax(p))
                score = float(p[best] / total) if total > 0 else 0.0
                out[i] = StancePrediction(self.labels[best], score, evidence[j])
        for i, pred in enumerate(out):
            if pred is None:
                out[i] = StancePrediction("unrelated", 1.0, "")
        return [p for p in out if p is not None]


_LOCK = threading.Lock()
_MODEL: StanceModel | None = None


def get_stance_model() -> StanceModel:
    """The process-wide stance model, loaded on first use.

    Raises :class:`~claimledger.errors.ModelMissingError` when the shipped
    files are missing or unreadable (not cached: a later call tries again).
    """
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                _MODEL = StanceModel()
    return _MODEL


def fnc_score(gold: Sequence[str], pred: Sequence[str]) -> tuple[float, float]:
    """(score, max score) of the FNC-1 metric on our label names."""
    score = best = 0.0
    for g, p in zip(gold, pred, strict=True):
        related_g, related_p = g != "unrelated", p != "unrelated"
        best += 1.0 if related_g else 0.25
        if g == p:
            score += 0.25
            if related_g:
                score += 0.50
        if related_g and related_p:
            score += 0.25
    return score, best


__all__ = [
    "EVIDENCE_SEP",
    "LABELS",
    "MODEL_DIR",
    "StanceModel",
    "StancePrediction",
    "content_words",
    "encode_pairs",
    "fnc_score",
    "get_stance_model",
    "load_tokenizer",
    "model_input",
    "select_evidence",
    "sentence_spans",
]
