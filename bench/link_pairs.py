"""How often cross-article linking joins two claims of real news that are the same claim.

Why this exists: ``bench/linking.py`` fits and scores linking on Emergent,
headlines that each state one claim, pooled over 240 claims from many
stories.  A ledger fed by a newsroom holds attribution contents ("they would
vote for Hillary Clinton", "the businessman is on a glide path to 1,237
delegates") from many articles on one beat, where most claims share a topic
with many others.  There, likeness of topic proves nothing, as it does not
inside one article (``bench/claims_within.py``).

Data: ``bench/data/polnear_link_pairs.jsonl``, 344 pairs of claims that the
pipeline extracted from two different PolNeAR articles (train and dev
splits), each pair close under the shipped encoder (cosine 0.45-0.95; exact
restatements above 0.95 left out, as they link correctly), read and labelled
"same" (the same specific proposition, stated, denied or disputed) or
"different" (only a shared topic, person or theme) by two readers (helpers
of the session that built it, 2026-11-26; agreement 98 % on 160
double-read pairs, 95 % on 40).  A pair is "same" only when every reader
said so.  Batch 1 (160) is the nearest earlier claim of another article,
sampled evenly over cosine bands; batch 2 (184) is any cross-article pair in
0.55-0.95 not in batch 1.  The file names the articles and a hash of each
claim's normalised text, not the text (PolNeAR's news texts carry no
licence to redistribute): the bench runs the pipeline on those articles and
finds the claims again, reporting how many it found (a pipeline change can
reword a claim).

Reported per encoder (and for the shipped one as the ledger links, with
``ledger.linking.claim_key``: a pair of different figures or named subjects
never links): ROC AUC of the cosine, and precision / recall / F1 of
"cosine >= t" against the labels for a sweep of t, the ledger's threshold
(``LEDGER_THRESHOLD``) marked, with F1 apart on the pairs that hold an
article of PolNeAR's dev split (139) and on the rest (205): the ledger's
threshold weighs the second's F1 alike with Emergent's held-out B-cubed
(``bench/linking.py --held-out-of DIR --at …``), and the first checks it.
Recall is among these close pairs only.

Run: ``python bench/link_pairs.py [--encoder DIR ...] [--cache FILE] [--json]``
(about two minutes on the 2-core machine, mostly parsing 209 articles).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "polnear"
PAIRS = REPO_ROOT / "bench" / "data" / "polnear_link_pairs.jsonl"
THRESHOLDS = [round(0.45 + 0.05 * i, 2) for i in range(10)]  # 0.45 .. 0.90
sys.path.insert(0, str(REPO_ROOT / "src"))

from claimledger.ledger.linking import LEDGER_THRESHOLD, conflicts  # noqa: E402
from claimledger.ledger.linking import claim_key as linking_key  # noqa: E402


def claim_key(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def extract(files: list[Path], workers: int) -> dict[tuple[str, str], tuple[str, np.ndarray | None]]:
    """(file name, claim hash) -> (claim text, shipped embedding), by running the whole pipeline."""
    from claimledger import pipeline
    from claimledger.model import RawDocument

    raws = [RawDocument(f.read_bytes(), f.name, "text") for f in files]
    stages = pipeline.build(pipeline.DEFAULT_STAGES, workers=workers)
    found: dict[tuple[str, str], tuple[str, np.ndarray | None]] = {}
    done = 0
    for batch in pipeline.process(raws, stages, batch_size=32):
        for a in batch.articles:
            for c in a.claims:
                vec = None if c.embedding is None else np.asarray(c.embedding, dtype=np.float32)
                found.setdefault((a.source, claim_key(c.normalised)), (c.text, vec))
        done += len(batch.articles) + len(batch.rejections)
        print(f"  {done}/{len(raws)} articles", file=sys.stderr, end="\r")
    print(file=sys.stderr)
    return found


def auc(scores: np.ndarray, y: np.ndarray) -> float:
    pos, neg = scores[y], scores[~y]
    if not len(pos) or not len(neg):
        return float("nan")
    return float(np.mean([(p > neg).mean() + 0.5 * (p == neg).mean() for p in pos]))


def sweep(scores: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
    out = []
    for t in THRESHOLDS:
        linked = scores >= t
        tp = int((linked & y).sum())
        p = tp / int(linked.sum()) if linked.any() else 0.0
        r = tp / int(y.sum()) if y.any() else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append({"threshold": t, "links": int(linked.sum()), "precision": round(p, 3),
                    "recall": round(r, 3), "f1": round(f, 3)})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the PolNeAR folder")
    parser.add_argument("--encoder", type=Path, action="append", default=[],
                        help="also score this exported encoder folder (repeatable)")
    parser.add_argument("--cache", type=Path, help="keep the extracted claims here between runs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    pairs = load_pairs()
    names = sorted({p[k]["file"] for p in pairs for k in ("a", "b")})
    if args.cache and args.cache.is_file():
        found = pickle.loads(args.cache.read_bytes())
    else:
        files = []
        for name in names:
            path = next((args.data / s / "text" / name for s in ("train", "dev")
                         if (args.data / s / "text" / name).is_file()), None)
            if path is None:
                raise SystemExit(f"PolNeAR article {name} not found under {args.data}; pass --data DIR")
            files.append(path)
        found = extract(files, args.workers)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(found))

    def claim(p: dict[str, Any], side: str) -> tuple[str, np.ndarray | None]:
        return found.get((p[side]["file"], p[side]["sha"]), ("", None))

    kept = [p for p in pairs if claim(p, "a")[1] is not None and claim(p, "b")[1] is not None]
    y = np.array([p["label"] == "same" for p in kept])
    texts_a = [claim(p, "a")[0] for p in kept]
    texts_b = [claim(p, "b")[0] for p in kept]

    def unit(m: np.ndarray) -> np.ndarray:
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    results: dict[str, Any] = {"pairs": len(pairs), "found": len(kept), "same": int(y.sum()),
                               "ledger_threshold": LEDGER_THRESHOLD, "encoders": {}}
    va = unit(np.stack([v for p in kept if (v := claim(p, "a")[1]) is not None]))
    vb = unit(np.stack([v for p in kept if (v := claim(p, "b")[1]) is not None]))
    encoders: list[tuple[str, np.ndarray]] = [("shipped", (va * vb).sum(1))]
    # As the ledger links: a pair whose figures or named subjects conflict never links.
    apart = np.array(
        [conflicts(linking_key(a), linking_key(b)) for a, b in zip(texts_a, texts_b, strict=True)]
    )
    encoders.append(("shipped, with claim keys", np.where(apart, -1.0, encoders[0][1])))
    for folder in args.encoder:
        from claimledger.nlp.embed import Encoder

        enc = Encoder(folder)
        ea, eb = unit(enc.encode(texts_a)), unit(enc.encode(texts_b))
        encoders.append((str(folder), (ea * eb).sum(1)))
    # pairs with an article of PolNeAR's dev split, and the rest: fit on one, check on the other
    dev = np.array([p["a"]["split"] == "dev" or p["b"]["split"] == "dev" for p in kept])
    for name, scores in encoders:
        results["encoders"][name] = {
            "auc": round(auc(scores, y), 4),
            "sweep": sweep(scores, y),
            "f1_train_articles": {r["threshold"]: r["f1"] for r in sweep(scores[~dev], y[~dev])},
            "f1_dev_articles": {r["threshold"]: r["f1"] for r in sweep(scores[dev], y[dev])},
        }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{len(kept)} of {len(pairs)} labelled pairs found again ({int(y.sum())} same)")
    for name, r in results["encoders"].items():
        print(f"\n{name}: ROC AUC {r['auc']:.3f}")
        print("  threshold  links  precision  recall     F1  F1 train-article pairs  F1 dev-article pairs")
        for row in r["sweep"]:
            t = row["threshold"]
            mark = "  <- the ledger's" if abs(t - LEDGER_THRESHOLD) < 1e-9 else ""
            print(f"  {t:9.2f}  {row['links']:5d}  {row['precision']:9.3f}"
                  f"  {row['recall']:6.3f}  {row['f1']:5.3f}  {r['f1_train_articles'][t]:21.3f}"
                  f"  {r['f1_dev_articles'][t]:20.3f}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
