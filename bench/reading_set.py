"""Write a reproducible set of real documents for reading the ledger by eye.

Accuracy on PolNeAR says little about the ledger a user reads on an ordinary
news page: the pages are other sources, and the errors that matter (a
speaker that is a camera, a claim that is debris) are counted by no gold
file. Each rule change is therefore also run over such a set, and every
change it makes is read (`bench/extract_diff.py`). Earlier sessions kept
their sets in /tmp and lost them; this script makes a set from a seed, so a
set can be named in BENCHMARKS and rebuilt.

    python bench/reading_set.py OUT --fnc 120 --seed 1818 [--pages]
    claimledger extract OUT --format jsonl > before.jsonl

FNC-1 bodies are drawn from the training bodies with 150–700 words; the
held-out test split is never read. `--pages` adds the 181 pages of the
article-extraction benchmark (HTML, cleaned by the pipeline as any page is).
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def fnc_bodies(data: Path, n: int, seed: int, low: int = 150, high: int = 700) -> list[tuple[str, str]]:
    """Draw ``n`` training bodies whose length lies in [low, high] words."""
    csv.field_size_limit(sys.maxsize)
    with open(data / "fnc1-train" / "train_bodies.csv", encoding="utf-8", newline="") as f:
        rows = [(r["Body ID"], r["articleBody"]) for r in csv.DictReader(f)]
    rows = [r for r in rows if low <= len(r[1].split()) <= high]
    rows.sort(key=lambda r: int(r[0]))
    return random.Random(seed).sample(rows, min(n, len(rows)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="folder to write (must be empty or absent)")
    ap.add_argument("--fnc", type=int, default=120, help="FNC-1 training bodies to draw")
    ap.add_argument("--seed", type=int, default=1818)
    ap.add_argument("--pages", action="store_true", help="add the article-extraction benchmark's pages")
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        ap.error(f"{args.out} is not empty")
    args.out.mkdir(parents=True, exist_ok=True)
    bodies = fnc_bodies(args.data, args.fnc, args.seed)
    for body_id, text in bodies:
        (args.out / f"fnc-{int(body_id):05d}.txt").write_text(text, encoding="utf-8")
    written = len(bodies)
    if args.pages:
        pages = sorted((args.data / "article-extraction-benchmark" / "html").glob("*.html.gz"))
        for p in pages:
            shutil.copy(p, args.out / p.name)
        written += len(pages)
    shutil.copy(REPO / "examples" / "kremlin-trump-covid-tests.txt", args.out / "reference.txt")
    print(f"wrote {written + 1} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
