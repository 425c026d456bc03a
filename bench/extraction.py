"""Score the HTML cleaning path on the ScrapingHub article-extraction benchmark.

Why this exists: the choice of trafilatura and of its settings rests on one
measured number (body F1 on this benchmark) and on a speed budget.  This script
reproduces the benchmark's own metric, as its ``evaluate.py`` computes it, so our
numbers can be compared with the published ones and a regression shows up here
before it shows up in a fact-checker's ledger:

- tokens are ``\\w+`` runs (Unicode), shingles are word 4-grams, counted as
  multisets; a text shorter than four tokens is one shorter shingle, an empty
  text has none;
- per page, true positives / false positives / false negatives are normalised by
  their sum so that long pages do not outweigh short ones;
- precision is averaged over pages where something was predicted or expected
  (tp + fp > 0), recall over pages where something was expected (tp + fn > 0);
  an empty prediction for an empty truth scores 1; F1 comes from the averages.

Only the ``clean_html`` call is timed, in one process, with the pages already
decompressed into memory.  A page that ``clean_html`` rejects counts as an
empty prediction (which is what the benchmark does with a missing body).

Run: ``python bench/extraction.py [--data DIR] [--json] [--repeat N]``.

Settings measured through ``clean_html`` (trafilatura 2.3.1, 181 pages, 2-core
machine; pages/s vary by +-15% from run to run there, compare within one run):

    settings                                   P       R       F1      pages/s
    default (comments on)                      0.9447  0.9783  0.9612  27
    include_comments=False                     0.9479  0.9783  0.9629  38
    favor_precision                            0.9612  0.9705  0.9659  31
    favor_recall, no comments                  0.9463  0.9785  0.9621  46
    fast                                       0.9487  0.9791  0.9637  38
    fast, no comments                          0.9519  0.9791  0.9653  41
    fast, precision, no comments               0.9502  0.9455  0.9479  42
    fast, recall, no comments (chosen)         0.9534  0.9791  0.9661  48
    fast, recall, no comments, no tables       0.9520  0.9720  0.9619  56
    fast, recall, no comments, deduplicate     0.9551  0.9618  0.9584  55
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "article-extraction-benchmark"

sys.path.insert(0, str(REPO_ROOT / "src"))

from claimledger.errors import InputRejected  # noqa: E402
from claimledger.model import RawDocument  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE = 4

Counts = tuple[float, float, float]


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Word n-grams as a multiset, the benchmark's unit of overlap."""
    tokens = _TOKEN.findall(text or "")
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def page_counts(true: str, pred: str) -> Counts:
    """(tp, fp, fn) over shingles, normalised to sum to 1 when not all zero."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(counts: list[Counts]) -> dict[str, float]:
    """Macro-averaged precision and recall, and the F1 of those averages."""
    precision = statistics.mean(_precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(_recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def load_pages(data: Path) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    truth: dict[str, dict[str, Any]] = json.loads(
        (data / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = {key: gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()) for key in truth}
    return pages, truth


def run(data: Path, *, repeat: int = 1) -> dict[str, Any]:
    from claimledger.clean.html import clean_html

    pages, truth = load_pages(data)
    docs = {
        key: RawDocument(
            data=body,
            source=f"{key}.html",
            source_format="html",
            media_type="text/html",
            url=truth[key].get("url"),
        )
        for key, body in pages.items()
    }
    predicted: dict[str, str] = {}
    rejected: list[str] = []
    elapsed = 0.0
    for _ in range(repeat):
        for key, raw in docs.items():
            start = time.perf_counter()
            try:
                text = clean_html(raw).text
            except InputRejected:
                text = ""
                if key not in rejected:
                    rejected.append(key)
            elapsed += time.perf_counter() - start
            predicted[key] = text
    counts = [page_counts(truth[k].get("articleBody", ""), predicted[k]) for k in truth]
    result: dict[str, Any] = score(counts)
    result["pages"] = len(truth)
    result["rejected"] = len(rejected)
    result["seconds"] = elapsed / repeat
    result["pages_per_s"] = len(truth) * repeat / elapsed if elapsed else float("inf")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"benchmark folder with ground-truth.json and html/ (default: {DEFAULT_DATA})",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="passes over the pages, for steadier timing"
    )
    parser.add_argument("--json", action="store_true", help="also print the result as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file() or not (args.data / "html").is_dir():
        print(
            f"benchmark data not found at {args.data} (expected ground-truth.json and html/); "
            "pass --data DIR",
            file=sys.stderr,
        )
        return 2
    result = run(args.data, repeat=max(1, args.repeat))
    print(
        f"pages={result['pages']} rejected={result['rejected']}  "
        f"precision={result['precision']:.4f}  recall={result['recall']:.4f}  "
        f"F1={result['f1']:.4f}  {result['pages_per_s']:.1f} pages/s "
        f"({result['seconds']:.2f} s in clean_html)"
    )
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
