"""The static word-vector table the attribution tagger reads (nlp/vectors.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from spacy.strings import get_string_id

from claimledger.nlp.vectors import WordVectors, load


def _vec(table: WordVectors, *words: str) -> np.ndarray:
    return table.lookup(np.array([get_string_id(w) for w in words], dtype=np.uint64))


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_reporting_verbs_sit_nearer_each_other_than_a_fruit() -> None:
    table = load()
    denied, rejected, banana = _vec(table, "denied", "rejected", "banana")
    assert _cos(denied, rejected) > _cos(denied, banana) + 0.3


def test_an_unknown_word_reads_as_zeros_and_the_batch_keeps_its_order() -> None:
    table = load()
    out = _vec(table, "said", "qzxqvwk", "spokesman")
    assert out.shape == (3, table.dims)
    assert not out[1].any()
    assert out[0].any() and out[2].any()
    assert np.array_equal(out[2], _vec(table, "spokesman")[0])


def test_no_words_give_an_empty_table() -> None:
    assert load().lookup(np.zeros(0, dtype=np.uint64)).shape == (0, load().dims)


def test_a_table_with_unsorted_keys_is_refused(tmp_path: Path) -> None:
    np.savez(
        tmp_path / "vectors.npz",
        keys=np.array([5, 3], dtype=np.uint64),
        rows=np.array([1, 2], dtype=np.uint16),
        table=np.zeros((3, 4), dtype=np.float16),
    )
    (tmp_path / "meta.json").write_text(json.dumps({"file": "vectors.npz"}))
    with pytest.raises(ValueError, match="not sorted"):
        WordVectors(tmp_path)


def _table(folder: Path, rows: list[int], dims_in_meta: int = 4) -> None:
    np.savez(
        folder / "vectors.npz",
        keys=np.array([3, 5], dtype=np.uint64),
        rows=np.array(rows, dtype=np.uint16),
        table=np.zeros((3, 4), dtype=np.float16),
    )
    (folder / "meta.json").write_text(json.dumps({"file": "vectors.npz", "dims": dims_in_meta}))


def test_a_table_that_disagrees_with_itself_is_refused(tmp_path: Path) -> None:
    _table(tmp_path, [1, 7])
    with pytest.raises(ValueError, match="outside the table"):
        WordVectors(tmp_path)
    _table(tmp_path, [1, 2], dims_in_meta=128)
    with pytest.raises(ValueError, match="128 dims"):
        WordVectors(tmp_path)
    _table(tmp_path, [1, 2])
    assert WordVectors(tmp_path).dims == 4
