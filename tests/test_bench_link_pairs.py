"""The labelled real-news claim pairs in bench/ and how bench/link_pairs.py scores them.

The pairs decide how far cross-article linking can be trusted on a newsroom's
own beat, so the file's shape and the scoring rules are pinned here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
sys.path.insert(0, str(ROOT / "bench"))

import link_pairs  # noqa: E402


def test_every_pair_names_two_articles_a_claim_hash_and_a_label_every_reader_agrees_with() -> None:
    pairs = link_pairs.load_pairs()
    assert len(pairs) == 344
    for p in pairs:
        assert p["a"]["file"] != p["b"]["file"]
        assert len(p["a"]["sha"]) == len(p["b"]["sha"]) == 16
        assert p["labels"] and set(p["labels"]) <= {"same", "different"}
        assert p["label"] == ("same" if set(p["labels"]) == {"same"} else "different")
    assert 50 <= sum(p["label"] == "same" for p in pairs) <= 80


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="../shared/data/polnear is absent")
def test_every_article_the_pairs_name_is_in_the_shared_data() -> None:
    have = {f.name for s in ("train", "dev") for f in (POLNEAR / s / "text").glob("*.txt")}
    names = {p[k]["file"] for p in link_pairs.load_pairs() for k in ("a", "b")}
    assert names <= have, sorted(names - have)[:5]


def test_sweep_counts_links_at_or_over_each_threshold() -> None:
    scores = np.array([0.46, 0.52, 0.61, 0.72, 0.91])
    same = np.array([False, False, True, False, True])
    rows = {r["threshold"]: r for r in link_pairs.sweep(scores, same)}
    assert rows[0.5] == {"threshold": 0.5, "links": 4, "precision": 0.5, "recall": 1.0, "f1": 0.667}
    assert rows[0.75]["links"] == 1 and rows[0.75]["precision"] == 1.0 and rows[0.75]["recall"] == 0.5
    assert link_pairs.auc(scores, same) == pytest.approx(5 / 6)
