"""How the ledger should decide that a statement rebuts a claim it restates in the negative.

Why this exists: inside an article (``nlp/claims.py``) and across articles
(``store/db.py``), a statement close in meaning to a claim but of opposite
polarity ("the Ukraine crisis cannot be solved in one day" against "Trump could
resolve the war in a day") is recorded as a dispute.  Whether the stance model
should be asked first is an empirical question: this script answers it on the
development data, restricted to the pairs where that question arises -
claim and text of opposite negation (``nlp.claims.negated_text``):

- FEVER-Symmetric dev (SUPPORTS / REFUTES evidence sentences);
- Emergent train, for / against headlines;
- Emergent train, all headlines (observing ones included).

For each rule it prints accuracy and the precision, recall and F1 of
"rebuts" against the gold ``denies``.  The ledger uses the rule with the best
F1 on all three (the number that weighs a missed dispute and a false one
alike).

Run: ``python bench/rebuttal.py [--data ../shared/data] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

import stance as bench  # noqa: E402
from claimledger.nlp.claims import negated_text  # noqa: E402
from claimledger.nlp.stance import LABELS, StanceModel  # noqa: E402

Rule = Callable[[np.ndarray], np.ndarray]
RULES: dict[str, Rule] = {
    "opposite negation alone": lambda p: np.ones(len(p), dtype=bool),
    "... and model argmax = denies": lambda p: p.argmax(1) == LABELS.index("denies"),
    "... and model denies > confirms": lambda p: (
        p[:, LABELS.index("denies")] > p[:, LABELS.index("confirms")]
    ),
    "... and model argmax not confirms/unrelated": lambda p: ~np.isin(
        p.argmax(1), [LABELS.index("confirms"), LABELS.index("unrelated")]
    ),
}


def score(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp = int((gold & pred).sum())
    prec = tp / max(1, int(pred.sum()))
    rec = tp / max(1, int(gold.sum()))
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "accuracy": round(float((gold == pred).mean()), 3),
        "precision": round(prec, 3),
        "recall": round(rec, 3),
        "f1": round(f1, 3),
        "flagged": int(pred.sum()),
    }


def run(data: Path, model: StanceModel) -> dict[str, Any]:
    emergent = bench.load_emergent(data)
    sets: Sequence[tuple[str, list[bench.Pair]]] = (
        ("FEVER-Symmetric dev", bench.load_fever_symmetric(data)),
        ("Emergent for/against", [p for p in emergent if p.stance != "reports"]),
        ("Emergent all", emergent),
    )
    out: dict[str, Any] = {}
    for name, pairs in sets:
        sub = [p for p in pairs if negated_text(p.claim) != negated_text(p.text)]
        probs, _ = model.probabilities([(p.claim, p.text) for p in sub])
        gold = np.array([p.stance == "denies" for p in sub])
        out[name] = {
            "pairs": len(sub),
            "denies": int(gold.sum()),
            "rules": {rule: score(gold, fn(probs)) for rule, fn in RULES.items()},
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    ap.add_argument("--model", type=Path, default=None, help="stance model folder (default: shipped)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    missing = bench.check_data(args.data)
    if missing:
        print(f"data missing, nothing measured: {missing}", file=sys.stderr)
        return 2
    res = run(args.data, StanceModel(args.model) if args.model else StanceModel())
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    for name, r in res.items():
        print(f"{name}: {r['pairs']} opposite-negation pairs, {r['denies']} of them denials")
        for rule, s in r["rules"].items():
            print(
                f"  {rule:45s} acc {s['accuracy']:.3f}  P {s['precision']:.3f}  R {s['recall']:.3f}"
                f"  F1 {s['f1']:.3f}  ({s['flagged']} flagged)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
