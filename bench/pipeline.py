"""Pipeline throughput: bare spaCy ``nlp.pipe`` against the whole claimledger pipeline.

Both run in the same process on the same texts with the same model and
workers, so the ratio says what our stages cost on top of parsing (the
attribution issue's target: the pipeline keeps >= 80 % of bare spaCy's
throughput).  Texts are PolNeAR dev articles (real news, ~1,000 tokens each);
the store is left out of that ratio.

The ledger issue's target is measured beside it: what the claims-and-stance
stage and cross-article linking (done while storing) add per article, against
the pipeline up to attribution.

    python bench/pipeline.py [--workers 2] [--limit 84] [--repeat 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from claimledger import pipeline
from claimledger.model import Article, RawDocument
from claimledger.store.db import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear"


def load_texts(data: Path, split: str, limit: int | None) -> list[str]:
    folder = data / split / "text"
    if not folder.is_dir():
        sys.exit(f"PolNeAR {split} texts not found at {folder}; pass --data DIR")
    files = sorted(folder.glob("*.txt"))[:limit]
    return [f.read_text("utf-8") for f in files]


def time_bare(texts: list[str], workers: int) -> float:
    nlp = pipeline.load_nlp()
    start = time.perf_counter()
    n_process = workers if workers > 1 else 1
    for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
        pass
    return time.perf_counter() - start


ATTRIBUTION_ONLY = ("claimledger.parse.v1", "claimledger.attribution.v1")


def time_pipeline(
    texts: list[str], workers: int, names: tuple[str, ...] = pipeline.DEFAULT_STAGES
) -> tuple[float, int, list[Article]]:
    stages = pipeline.build(names, workers=workers)
    raws = [RawDocument(t.encode("utf-8"), f"doc{i}", "text") for i, t in enumerate(texts)]
    start = time.perf_counter()
    found = 0
    done: list[Article] = []
    for batch in pipeline.process(raws, stages, batch_size=32):
        found += sum(len(a.attributions) for a in batch.articles)
        done.extend(batch.articles)
    return time.perf_counter() - start, found, done


def time_store(articles: list[Article]) -> tuple[float, int]:
    """Storing with cross-article linking, into a fresh SQLite file."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        for i in range(0, len(articles), 32):
            store.save_batch(articles[i : i + 32], [])
        elapsed = time.perf_counter() - start
        claims = int(store.conn.execute("SELECT count(*) FROM claims").fetchone()[0])
    return elapsed, claims


def time_store_without_claims(articles: list[Article]) -> float:
    bare = [replace(a, claims=[], stances=[]) for a in articles]
    return time_store(bare)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    texts = load_texts(args.data, args.split, args.limit)
    words = sum(len(t.split()) for t in texts)
    pipeline.load_nlp()  # load once, outside the timings
    time_bare(texts[:2], 1)  # warm-up
    # Alternate the two so that a slow spell of this shared machine hits both alike.
    bares: list[float] = []
    runs: list[tuple[float, int, list[Article]]] = []
    upto: list[float] = []
    for _ in range(args.repeat):
        bares.append(time_bare(texts, args.workers))
        runs.append(time_pipeline(texts, args.workers))
        upto.append(time_pipeline(texts, args.workers, ATTRIBUTION_ONLY)[0])
    bare = min(bares)
    full = min(r[0] for r in runs)
    attribution = min(upto)
    stored, n_claims = time_store(runs[0][2])
    stored_plain = time_store_without_claims(runs[0][2])
    ledger_cost = (full - attribution) + max(0.0, stored - stored_plain)
    result = {
        "articles": len(texts),
        "words": words,
        "workers": args.workers,
        "bare_spacy_articles_per_s": round(len(texts) / bare, 2),
        "bare_spacy_words_per_s": round(words / bare),
        "pipeline_articles_per_s": round(len(texts) / full, 2),
        "pipeline_words_per_s": round(words / full),
        "ratio": round(bare / full, 3),
        "ratio_up_to_attribution": round(bare / attribution, 3),
        "attributions": runs[0][1],
        "claims": n_claims,
        "attribution_pipeline_s": round(attribution, 2),
        "claims_stage_s": round(full - attribution, 2),
        "linking_in_store_s": round(max(0.0, stored - stored_plain), 2),
        "ledger_overhead": round(ledger_cost / attribution, 3),
    }
    print(
        f"{len(texts)} articles, {words} words, workers={args.workers}\n"
        f"bare spaCy nlp.pipe : {result['bare_spacy_articles_per_s']:7.2f} articles/s "
        f"({result['bare_spacy_words_per_s']} words/s)\n"
        f"claimledger pipeline: {result['pipeline_articles_per_s']:7.2f} articles/s "
        f"({result['pipeline_words_per_s']} words/s), {runs[0][1]} attributions\n"
        f"pipeline / bare     : {result['ratio']:.1%} "
        f"(up to attribution: {result['ratio_up_to_attribution']:.1%})\n"
        f"claims+stance stage : {full - attribution:.2f} s; linking while storing "
        f"{result['linking_in_store_s']:.2f} s ({n_claims} ledger claims)\n"
        f"ledger stages add   : {result['ledger_overhead']:.1%} to the pipeline up to attribution"
    )
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
