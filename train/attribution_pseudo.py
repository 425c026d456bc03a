"""Soft attribution tags for unlabelled news, from a teacher, to train the tagger on.

Why: PolNeAR train is 840 articles of one election; the runtime tagger can
only afford two small networks (the speed floor), so it cannot simply grow.
A teacher (``--tagger``: a pair trained on PolNeAR alone, or more networks
than could ship, optionally with a MiniLM tagger, ``--minilm``,
``train/attribution_minilm.py``) can still label text nobody annotated, and
the small networks learn from its probabilities (knowledge distillation on
unlabelled data). The unlabelled text is FNC-1's training bodies of 60 words
or more (1,590 of 1,683; news of 2014-2016; the stance engine trains on the
same file), never PolNeAR dev. The shipped pair learnt from the pair trained
on PolNeAR alone (README); richer teachers did no better (BENCHMARKS.md).

Writes, under ``--out``: ``docs.spacy`` and ``tensor.npz`` (the parsed
bodies, as the tagger trainer caches PolNeAR), ``soft.npz`` (per body, a
``(tokens, 7)`` float16 array of the teacher's mean tag probabilities) and
``meta.json``. ``train/attribution_tagger.py --pseudo DIR`` reads them.

Run (from the repository root; ~5 min on two cores)::

    python train/attribution_pseudo.py --out /tmp/claimledger_pseudo \\
        [--tagger DIR] [--minilm /tmp/claimledger_minilm_tagger] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimledger.nlp import tagger as rt  # noqa: E402


def fnc_bodies(data: Path, min_words: int = 60) -> list[str]:
    """FNC-1 training bodies long enough to hold an attribution, in file order, deduplicated."""
    path = data / "fnc1-train" / "train_bodies.csv"
    seen: set[str] = set()
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            body = (row.get("articleBody") or "").strip()
            if len(body.split()) >= min_words and body not in seen:
                seen.add(body)
                out.append(body)
    return out


def teacher_probs(docs: list[Any], tagger: rt.Tagger, minilm: Any | None) -> list[np.ndarray]:
    """Per doc, (tokens, 7) mean probabilities of the shipped members and the MiniLM tagger.

    Tokens outside every chunk (paragraph breaks) get "O" with certainty;
    the trainer never reads them.
    """
    out = []
    for doc in docs:
        feats, logps = tagger.logprobs(doc)
        n_votes = len(tagger.members)
        probs = np.zeros((len(doc), len(rt.TAGS)), dtype=np.float32)
        probs[:, 0] = 1.0
        for (s, e), lp in zip(feats.chunks, logps, strict=True):
            probs[s:e] = np.exp(lp) * n_votes
        if minilm is not None:
            for (s, e), lp in zip(feats.chunks, minilm.logprobs(doc, feats), strict=True):
                probs[s:e] += np.exp(lp)
            n_votes += 1
        for s, e in feats.chunks:
            probs[s:e] /= n_votes
        out.append(probs)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=Path("/tmp/claimledger_pseudo"))
    parser.add_argument(
        "--minilm", type=Path, default=None, help="a MiniLM tagger folder (attribution_minilm.py)"
    )
    parser.add_argument(
        "--tagger",
        type=Path,
        default=rt.MODEL_DIR,
        help="the teacher's tagger folder (one model, or members assembled by "
        "train/attribution_ensemble.py; default: the shipped one, itself a student)",
    )
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)

    import spacy
    from attribution_tagger import SPACY_MODEL, save_parsed

    texts = fnc_bodies(args.data)[: args.limit]
    if not texts:
        print(f"no FNC-1 training bodies under {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    nlp = spacy.load(SPACY_MODEL)
    docs = list(nlp.pipe(texts, batch_size=16, n_process=2))
    print(f"parsed {len(docs)} bodies in {time.perf_counter() - t0:.0f} s", flush=True)
    minilm = None
    if args.minilm is not None:
        from attribution_minilm import MiniLMTagger

        minilm = MiniLMTagger(args.minilm)
    t1 = time.perf_counter()
    probs = teacher_probs(docs, rt.Tagger(args.tagger), minilm)
    print(f"labelled in {time.perf_counter() - t1:.0f} s", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    save_parsed(docs, args.out / "docs.spacy", args.out / "tensor.npz")
    np.savez(args.out / "soft.npz", **{f"a{i}": p.astype(np.float16) for i, p in enumerate(probs)})
    tagged = sum(float((p[:, 0] < 0.5).sum()) for p in probs)
    meta = {
        "texts": "FNC-1 training bodies (fnc1-train/train_bodies.csv), deduplicated, >= 60 words",
        "bodies": len(docs),
        "tokens": sum(len(d) for d in docs),
        "tokens_tagged_not_O": int(tagged),
        "teacher": [str(args.tagger)] + ([str(args.minilm)] if minilm else []),
        "spacy_model": SPACY_MODEL,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    print(json.dumps(meta), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
