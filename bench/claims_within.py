"""Fit the threshold at which a plain statement restates an earlier claim of the same article.

Why this exists: inside one article every sentence shares the topic, so two
statements can be close in embedding space and still say different things
("forecasters warned pollution will reach emergency levels" / "the US
Embassy reported the air quality index reached 408").  Linking them makes
the second source "confirm" a claim it never made.  Cross-article linking
(``bench/linking.py``, Emergent) fits a threshold for headlines about one
claim *among headlines about other claims*; the within-article question is
harder: one proposition among others *on the same topic*.

Data: Perspectrum (Chen et al., NAACL 2019; ``../shared/data/perspectrum``).
Each debate claim has perspectives grouped into clusters of equivalent
wordings; the other clusters of the same debate are the same-topic
distractors.  Per debate, its perspectives are linked greedily in file order
(each joins the earlier cluster holding its most similar wording, if that
similarity reaches the threshold: ``ledger.linking.cluster_embeddings``, the
rule ``claimledger.nlp.claims`` applies inside an article), and
B-cubed precision / recall / F1 is pooled over the debates.  Pairwise
precision / recall is reported beside it.  The threshold is fitted on the
train debates and checked on the dev debates (the test split is held out).

Run: ``python bench/claims_within.py [--data DIR] [--json]`` (about a minute
on the 2-core machine, mostly encoding 11,000 perspectives).

``--pages FILE...`` instead runs the whole pipeline on real pages (for
example the extraction benchmark's ``html/*.html.gz``) and prints every
claim that two or more attributions address, with each stance, for a person
to read: there is no gold for within-article links on news pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "perspectrum"
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from claimledger.ledger.linking import cluster_embeddings  # noqa: E402
from claimledger.nlp.claims import SAME_CLAIM_THRESHOLD  # noqa: E402
from linking import bcubed  # noqa: E402

THRESHOLDS = [round(0.45 + 0.05 * i, 2) for i in range(10)]  # 0.45 .. 0.90
Debate = list[tuple[str, int]]  # (perspective text, cluster number)


def load_debates(data: Path, split: str) -> list[Debate]:
    """Debates of ``split`` with at least two clusters and three perspectives."""
    try:
        claims = json.loads((data / "perspectrum_with_answers_v1.0.train_dev_only.json").read_text())
        pool = {p["pId"]: p["text"] for p in json.loads((data / "perspective_pool_v1.0.json").read_text())}
        splits = json.loads((data / "dataset_split_v1.0.json").read_text())
    except FileNotFoundError as exc:
        raise SystemExit(f"Perspectrum files not found under {data}: {exc.filename}") from exc
    out: list[Debate] = []
    for claim in claims:
        if splits.get(str(claim["cId"])) != split:
            continue
        items = [
            (pool[pid], k)
            for k, cluster in enumerate(claim["perspectives"])
            for pid in cluster["pids"]
            if pid in pool
        ]
        if len({k for _, k in items}) >= 2 and len(items) >= 3:
            out.append(items)
    return out


def score(debates: Sequence[Debate], vectors: Sequence[np.ndarray], threshold: float) -> dict[str, float]:
    """Pooled B-cubed of greedy linking (the library's own rule) and pairwise precision/recall."""
    pred: list[tuple[int, int]] = []
    gold: list[tuple[int, int]] = []
    tp = fp = positives = 0
    for d, (debate, vecs) in enumerate(zip(debates, vectors, strict=True)):
        labels = np.array([k for _, k in debate])
        pred.extend((d, c) for c in cluster_embeddings(
            vecs, None, threshold=threshold, entity_weight=0.0, merge_margin=None  # as nlp/claims.py groups
        ))
        gold.extend((d, int(k)) for k in labels)
        below = np.tril_indices(len(labels), -1)  # each pair once
        same = (labels[:, None] == labels[None, :])[below]
        linked = (vecs @ vecs.T)[below] >= threshold
        positives += int(same.sum())
        tp += int((linked & same).sum())
        fp += int((linked & ~same).sum())
    b = bcubed(pred, gold)
    pair_p = tp / (tp + fp) if tp + fp else 0.0
    pair_r = tp / positives if positives else 0.0
    return {"threshold": threshold, "pair_precision": pair_p, "pair_recall": pair_r,
            "bcubed_precision": b["precision"], "bcubed_recall": b["recall"], "bcubed_f1": b["f1"]}


def debate_vectors(debates: Sequence[Debate]) -> list[np.ndarray]:
    """Unit embeddings of each debate's perspectives, encoded in one call."""
    from claimledger.nlp.embed import encode

    flat = encode([t for debate in debates for t, _ in debate])
    vectors, k = [], 0
    for debate in debates:
        vectors.append(flat[k : k + len(debate)])
        k += len(debate)
    return vectors


def run(data: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"data": str(data), "shipped_threshold": SAME_CLAIM_THRESHOLD}
    for split in ("train", "dev"):
        debates = load_debates(data, split)
        vectors = debate_vectors(debates)
        rows = [score(debates, vectors, t) for t in THRESHOLDS]
        result[split] = {"debates": len(debates), "perspectives": sum(map(len, debates)), "grid": rows}
    best = max(result["train"]["grid"], key=lambda r: r["bcubed_f1"])
    result["fitted_on_train"] = best["threshold"]
    result["dev_at_fitted"] = next(r for r in result["dev"]["grid"] if r["threshold"] == best["threshold"])
    return result


def shared_claims(pages: Sequence[str]) -> list[dict[str, Any]]:
    """Claims that two or more attributions address, with their stances (pages not in English have none)."""
    from claimledger import pipeline
    from claimledger.ingest.sources import iter_sources

    out: list[dict[str, Any]] = []
    for batch in pipeline.process(iter_sources(list(pages)), pipeline.build()):
        for art in batch.articles:
            for j, claim in enumerate(art.claims):
                stances = [s for s in art.stances if s.claim == j]
                if len(stances) < 2:
                    continue
                rows = []
                for st in stances:
                    att = art.attributions[st.attribution]
                    who = att.speaker.name if att.speaker else att.source
                    rows.append({"stance": st.stance, "source": who, "cue": att.cue, "content": att.content})
                out.append({"article": art.title or art.source, "claim": claim.text, "stances": rows})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.add_argument("--pages", nargs="+", metavar="FILE", help="list shared claims of real pages instead")
    args = parser.parse_args(argv)
    if args.pages:
        shared = shared_claims(args.pages)
        if args.json:
            print(json.dumps(shared, indent=2, ensure_ascii=False))
            return 0
        for entry in shared:
            print(f"## {entry['article'][:60]} :: {entry['claim'][:100]}")
            for row in entry["stances"]:
                print(f"    {row['stance']:<13} {row['source']} | {row['cue']} | {row['content'][:90]}")
        print(f"{len(shared)} claims addressed by two or more attributions")
        return 0
    result = run(args.data)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for split in ("train", "dev"):
        info = result[split]
        print(f"Perspectrum {split}: {info['debates']} debates, {info['perspectives']} perspectives")
        print("  threshold  pair P  pair R  B3 P   B3 R   B3 F1")
        for r in info["grid"]:
            print(f"  {r['threshold']:.2f}       {r['pair_precision']:.3f}   {r['pair_recall']:.3f}   "
                  f"{r['bcubed_precision']:.3f}  {r['bcubed_recall']:.3f}  {r['bcubed_f1']:.3f}")
    dev = result["dev_at_fitted"]
    print(f"fitted on train: {result['fitted_on_train']:.2f} (shipped: {SAME_CLAIM_THRESHOLD:.2f}); "
          f"dev B-cubed F1 there {dev['bcubed_f1']:.3f}, pair precision {dev['pair_precision']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
