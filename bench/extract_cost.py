"""CPU time of attribution extraction against the parse it reads, on PolNeAR dev.

Why this exists: wall-clock throughput (``bench/pipeline.py``) swings by ten
points between consecutive runs on a shared 2-core VM, which hides whether a
change made extraction slower.  Process CPU time of one process is steadier:
this script times ``nlp.pipe`` over the dev texts and then
``claimledger.nlp.component.extract`` over the very same Docs, best of
``--repeat`` each, and prints milliseconds per article and the share of the
parse in parse + extract (the CPU-time form of issue 3's 80 % floor).

Run: ``python bench/extract_cost.py [--data DIR] [--repeat 3]`` (about two
minutes on the 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from polnear import DEFAULT_ROOT, load_split  # noqa: E402


def best_cpu(work: Callable[[], object], repeat: int) -> float:
    """Lowest process CPU seconds over ``repeat`` runs of ``work``."""
    times = []
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        work()
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from claimledger.nlp.component import extract
    from claimledger.pipeline import load_nlp

    articles = load_split("dev", args.data)
    if not articles:
        raise SystemExit(f"no PolNeAR dev articles under {args.data}")
    nlp = load_nlp()
    texts = [a.text for a in articles]
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = best_cpu(lambda: list(nlp.pipe(texts, batch_size=16)), args.repeat)
    extract_s = best_cpu(lambda: [extract(doc) for doc in docs], args.repeat)
    n = len(texts)
    print(f"PolNeAR dev: {n} articles, one process, best of {args.repeat} (CPU time)")
    print(f"parse   : {parse:.2f} s ({1000 * parse / n:.0f} ms/article)")
    print(f"extract : {extract_s:.2f} s ({1000 * extract_s / n:.0f} ms/article)")
    print(f"parse / (parse + extract): {parse / (parse + extract_s):.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
