"""Web latency on a big ledger: p50/p95 of the ledger page, a claim page and a search.

Why: a shared ledger grows to hundreds of thousands of articles, and a page
that scans every claim would be fine in tests and unusable in a newsroom.
This builds a synthetic ledger of ``--articles`` articles (default 100,000)
straight into SQLite through the real schema and migrations (the NLP pipeline
would take days at this size and is not what is measured), with one claim
per article, three stances per claim from a pool of sources, and mentions;
then it starts the real app under uvicorn on a free loopback port and times
requests from an httpx client, sequentially, after a warm-up.

Target (issue 5): p95 under 50 ms for each page.

``--db postgresql://…`` builds the same ledger in an existing, empty
PostgreSQL database instead (the app then reads it there), so a team can see
what its server gives.

    python bench/web.py [--articles 100000] [--requests 200] [--db PATH|URL] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

_SYLLABLES = "ba ko ri ten sul mar vin do pel ast gor ne lu fram is ket zo op han tri".split()
# A news-sized vocabulary (8,000 made-up words) drawn with Zipf-like frequencies, so
# a search word matches as many claims as a real one would, not a third of them.
WORDS = sorted({a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES})[:8000]
_WEIGHTS = [1.0 / (rank + 10) for rank in range(len(WORDS))]
STANCES = ("asserts", "confirms", "denies", "disputes", "cannot_verify", "not_aware")


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choices(WORDS, weights=_WEIGHTS, k=n)).capitalize() + "."


def _query_word(rng: random.Random) -> str:
    """A word of middling frequency (ranks 100-2,000), as people search for names and topics."""
    return WORDS[rng.randrange(100, 2000)]


def build(path: Path | str, n_articles: int, seed: int = 0) -> list[str]:
    """Fill a fresh ledger; return the claim ids."""
    from claimledger.store.db import Store

    rng = random.Random(seed)
    with Store.open(path) as store:
        conn = store.conn
        entities = [(f"e{i:05d}", f"Source Person {i}", "PERSON", "[]", "[]") for i in range(2000)]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO entities VALUES (?, ?, ?, ?, ?)", entities)
        claim_ids = []
        batch_a, batch_t, batch_c, batch_m, batch_s = [], [], [], [], []
        for i in range(n_articles):
            aid = f"a{i:015d}"
            cid = f"c{i:015d}"
            day = f"20{20 + i * 6 // n_articles:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            claim = _sentence(rng, 10)
            text = claim + " " + " ".join(_sentence(rng, 14) for _ in range(6))
            batch_a.append((aid, None, _sentence(rng, 6), "[]", None, day, "en", text, "[]",
                            f"gen{i}.txt", "text", 1, None, None, day))  # fmt: skip
            ents = rng.sample(range(len(entities)), 3)
            for k, e in enumerate(ents):
                batch_t.append((aid, k, "indirect", claim, 0, len(claim), entities[e][1], None, None,
                                entities[e][0], "said", None, None, "say", "asserts", None, None,
                                None, None))  # fmt: skip
                batch_s.append((cid, entities[e][0], STANCES[0] if k == 0 else rng.choice(STANCES),
                                aid, k, 0, len(claim), day))  # fmt: skip
            batch_c.append((cid, claim, claim.lower(), aid, entities[ents[0]][0], day, "[]", 0, day,
                            day, rng.choice(("confirmed", "denied", "disputed", "unverified",
                                             "asserted"))))  # fmt: skip
            batch_m.append((cid, aid, 0, len(claim), 0))
            claim_ids.append(cid)
            if len(batch_a) >= 5000 or i == n_articles - 1:
                conn.executemany("INSERT INTO articles (id, url, title, authors, publisher, published,"
                                 " language, text, removed, source, source_format, version,"
                                 " previous_id, fetched_at, ingested_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_a)  # fmt: skip
                conn.executemany("INSERT INTO attributions VALUES"
                                 " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_t)  # fmt: skip
                conn.executemany("INSERT INTO claims (id, text, normalised, origin_article_id,"
                                 " origin_entity_id, created_at, subjects, origin_attribution_idx,"
                                 " first_date, last_activity, status)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch_c)  # fmt: skip
                conn.executemany("INSERT INTO claim_mentions VALUES (?, ?, ?, ?, ?)", batch_m)
                conn.executemany("INSERT INTO stances VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch_s)
                batch_a, batch_t, batch_c, batch_m, batch_s = [], [], [], [], []
                print(f"  {i + 1} articles", file=sys.stderr, end="\r")
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    print(file=sys.stderr)
    return claim_ids


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def measure(db: Path | str, claim_ids: list[str], n: int, seed: int = 1) -> dict[str, dict[str, float]]:
    import httpx
    import uvicorn

    from claimledger.api.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    rng = random.Random(seed)
    base = f"http://127.0.0.1:{port}"
    kinds = {
        "ledger page": lambda: "/",
        "ledger page, status filter": lambda: "/?status=denied",
        "claim page": lambda: f"/claims/{rng.choice(claim_ids)}",
        "search (claims)": lambda: f"/?q={_query_word(rng)}",
        "search (articles, API)": lambda: f"/api/v1/search?q={_query_word(rng)}",
    }
    out: dict[str, dict[str, float]] = {}
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for name, path in kinds.items():
                for _ in range(5):  # warm-up
                    client.get(path()).raise_for_status()
                times = []
                for _ in range(n):
                    start = time.perf_counter()
                    client.get(path()).raise_for_status()
                    times.append((time.perf_counter() - start) * 1000)
                times.sort()
                out[name] = {
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
                    "max_ms": round(times[-1], 1),
                }
                print(f"{name:28s} p50 {out[name]['p50_ms']:7.1f} ms   p95 {out[name]['p95_ms']:7.1f} ms",
                      file=sys.stderr)  # fmt: skip
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page kind")
    parser.add_argument(
        "--db", help="keep the generated ledger here (default: a temp dir), or an empty postgresql:// database"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        postgres = bool(args.db) and args.db.startswith(("postgresql://", "postgres://"))
        db: Path | str = args.db if postgres else Path(args.db or Path(tmp) / "web-bench.db")
        if isinstance(db, Path) and db.exists():
            sys.exit(f"{db} exists; pass a new path")
        start = time.perf_counter()
        ids = build(db, args.articles)
        built = time.perf_counter() - start
        size = "PostgreSQL" if isinstance(db, str) else f"{db.stat().st_size / 1e6:.0f} MB"
        print(f"built a ledger of {args.articles} articles in {built:.0f} s ({size})", file=sys.stderr)
        result = {"articles": args.articles, "requests": args.requests, "build_s": round(built, 1),
                  "database": "postgresql" if postgres else "sqlite",
                  "pages": measure(db, ids, args.requests)}  # fmt: skip
    if args.json:
        print(json.dumps(result))
    worst = max(p["p95_ms"] for p in result["pages"].values())
    print(f"worst p95: {worst:.1f} ms (target < 50 ms)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
