"""Static word vectors for the attribution tagger, looked up by spaCy's LOWER hash.

Why: the tagger's own word embeddings know only PolNeAR train's words; the
static vectors (Explosion's CC0 English vectors, shrunk by
``train/word_vectors.py``) give every common English word a place near the
words it behaves like, so an unseen reporting verb or title is not just
"unknown". spaCy's small model (the parse) has no vectors of its own, and a
bigger spaCy model would double the parse's cost for a lookup table.

The table is read once per process; a lookup is a vectorised binary search
over sorted 64-bit keys (no Python loop per token). Unknown words get the
zero row.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np

VECTORS_DIR = Path(__file__).resolve().parent / "models" / "word_vectors"


class WordVectors:
    """A (keys -> rows -> table) vector table; see ``models/word_vectors/meta.json``."""

    def __init__(self, folder: Path = VECTORS_DIR) -> None:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        with np.load(folder / meta.get("file", "vectors.npz")) as data:
            self.keys = np.asarray(data["keys"], dtype=np.uint64)
            self.rows = np.asarray(data["rows"], dtype=np.int64)
            self.table = np.asarray(data["table"], dtype=np.float32)
        if not (len(self.keys) == len(self.rows) and self.table.ndim == 2):
            raise ValueError(f"malformed word-vector table in {folder}")
        if len(self.keys) > 1 and not bool(np.all(self.keys[1:] > self.keys[:-1])):
            raise ValueError(f"word-vector keys in {folder} are not sorted")
        if len(self.rows) and not 0 <= int(self.rows.min()) <= int(self.rows.max()) < len(self.table):
            raise ValueError(f"word-vector rows in {folder} point outside the table")
        self.dims = int(self.table.shape[1])
        if "dims" in meta and int(meta["dims"]) != self.dims:
            raise ValueError(f"{folder}: meta.json says {meta['dims']} dims, the table has {self.dims}")
        self.meta = meta

    def lookup(self, hashes: np.ndarray) -> np.ndarray:
        """(n, dims) float32 vectors for spaCy string hashes (e.g. the LOWER column)."""
        h = np.asarray(hashes).astype(np.uint64, copy=False).reshape(-1)
        if len(h) == 0 or len(self.keys) == 0:
            return np.zeros((len(h), self.dims), dtype=np.float32)
        pos = np.searchsorted(self.keys, h)
        pos = np.minimum(pos, len(self.keys) - 1)
        hit = self.keys[pos] == h
        return self.table[np.where(hit, self.rows[pos], 0)]


_LOCK = threading.Lock()
_CACHE: dict[Path, WordVectors] = {}


def load(folder: Path = VECTORS_DIR) -> WordVectors:
    """The table in ``folder``, read once per process and shared."""
    folder = folder.resolve()
    with _LOCK:
        if folder not in _CACHE:
            _CACHE[folder] = WordVectors(folder)
        return _CACHE[folder]
