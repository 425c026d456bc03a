"""Assemble one attribution tagger from several networks trained by ``attribution_tagger.py``.

Why: taggers trained alike from different seeds (each also holding out
different train articles for early stopping) make different mistakes;
averaging their probabilities before decoding buys accuracy no single run of
the same size reaches. Each member is small (int8, ~1.8 MB) but costs a
tagger pass per article: BENCHMARKS.md weighs the two (two small networks ship).

Run (from the repository root), after training each member::

    python train/attribution_tagger.py --hidden 96 --seed 13 --out /tmp/small13
    python train/attribution_tagger.py --hidden 96 --seed 29 --out /tmp/small29
    python train/attribution_ensemble.py /tmp/small13 /tmp/small29 \\
        --out src/claimledger/nlp/models/attribution_tagger [--dev]

Each member folder is copied under ``--out`` by its seed (``s13/``; by its
folder name when two members share a seed, as a teacher of networks and
their students does), and
``--out/meta.json`` lists them; :class:`claimledger.nlp.tagger.Tagger` reads
that list. ``--dev`` scores the assembled model on PolNeAR dev with the
benchmark and records the scores in ``meta.json`` (dev is never used for
training or selection).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
sys.path.insert(0, str(REPO_ROOT / "bench"))

MEMBER_FILES = ("model.onnx", "vocab.json", "meta.json")


def member_name(folder: Path) -> str:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    seed = meta.get("hyperparameters", {}).get("seed")
    return f"s{seed}" if seed is not None else folder.name


def assemble(members: list[Path], out: Path) -> dict[str, object]:
    """Copy the members under ``out`` and write the ensemble's meta.json; returns it."""
    for folder in members:
        missing = [f for f in MEMBER_FILES if not (folder / f).is_file()]
        if missing:
            raise SystemExit(f"{folder}: not a trained tagger (missing {', '.join(missing)})")
    names = [member_name(f) for f in members]
    if len(set(names)) != len(names):
        # Members of one seed (a teacher ensemble: a network and its distilled
        # student) go by their folder names instead.
        names = [f.name for f in members]
    if len(set(names)) != len(names):
        raise SystemExit(f"members share a seed and a folder name: {names}")
    # Build next to the target, then swap, so a failure never leaves half a model behind.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tagger-", dir=out.parent))
    first = json.loads((members[0] / "meta.json").read_text(encoding="utf-8"))
    for name, folder in zip(names, members, strict=True):
        (staging / name).mkdir()
        for f in MEMBER_FILES:
            shutil.copy2(folder / f, staging / name / f)
    meta: dict[str, object] = {
        "name": "claimledger attribution tagger (ensemble)",
        "members": names,
        "combination": "mean of the members' per-token probabilities, then constrained Viterbi",
        "architecture": first.get("architecture"),
        "spacy_model": first.get("spacy_model"),
        "training_data": first.get("training_data"),
        "licence_note": first.get("licence_note"),
        "assembled": datetime.now(UTC).date().isoformat(),
        "rebuild": "train/attribution_tagger.py per member (with --pseudo when the members "
        "learnt from a teacher's tags, train/attribution_pseudo.py), then "
        "train/attribution_ensemble.py; the README has the commands",
    }
    (staging / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "members", nargs="+", type=Path, help="folders written by attribution_tagger.py"
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dev", action="store_true", help="score the result on PolNeAR dev")
    parser.add_argument(
        "--data", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "polnear"
    )
    args = parser.parse_args(argv)
    meta = assemble(args.members, args.out)
    print(f"wrote {args.out}: members {', '.join(meta['members'])}")  # type: ignore[arg-type]
    if args.dev:
        from attribution import evaluate, format_table, model_card_scores
        from claimledger.nlp import tagger as rt
        from claimledger.pipeline import load_nlp
        from polnear import load_split

        model = rt.Tagger(args.out)
        result = evaluate(load_split("dev", args.data), model, load_nlp())
        result.update(split="dev", extractor="claimledger.nlp.tagger:Tagger (ensemble)")
        print(format_table(result))
        meta["dev"] = model_card_scores(result)
        (args.out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
