"""The shipped sentence encoder: shapes, unit rows, paraphrase > unrelated, no torch."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimledger.errors import ClaimLedgerError, ModelMissingError
from claimledger.nlp.embed import DIM, Encoder, configured_threads, get_encoder


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return get_encoder()


def test_shape_dtype_and_unit_rows(encoder: Encoder) -> None:
    texts = ["The Kremlin denied the report.", "x", "", "word " * 400]
    vectors = encoder.encode(texts, batch_size=2)
    assert vectors.shape == (4, DIM)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_empty_input(encoder: Encoder) -> None:
    vectors = encoder.encode([])
    assert vectors.shape == (0, DIM)
    assert vectors.dtype == np.float32


def test_order_is_kept_and_batching_barely_changes_results(encoder: Encoder) -> None:
    # int8 activations are quantised per batch, so neighbours move a row by ~1 %.
    texts = ["a much longer sentence about the central bank raising rates", "short", "medium one"]
    together = encoder.encode(texts, batch_size=32)
    one_by_one = np.vstack([encoder.encode([t]) for t in texts])
    assert np.all(np.sum(together * one_by_one, axis=1) > 0.97)


def test_paraphrase_is_closer_than_unrelated(encoder: Encoder) -> None:
    claim, paraphrase, unrelated = encoder.encode(
        [
            "Apple will sell 19 million Apple Watches in 2015",
            "BMO forecasts 19M Apple Watch sales in 2015",
            "Two Australian men kept a burger for twenty years",
        ]
    )
    assert float(claim @ paraphrase) > float(claim @ unrelated) + 0.3


def test_one_string_is_refused(encoder: Encoder) -> None:
    with pytest.raises(TypeError):
        encoder.encode("not a list")  # type: ignore[arg-type]


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError) as info:
        Encoder(tmp_path)
    assert isinstance(info.value, ClaimLedgerError)
    assert "export_minilm.py" in str(info.value)


def test_threads_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMLEDGER_THREADS", "3")
    assert configured_threads() == 3
    monkeypatch.setenv("CLAIMLEDGER_THREADS", "zero")
    assert configured_threads() == 2


def test_runtime_does_not_import_torch() -> None:
    code = (
        "import sys; from claimledger.nlp.embed import encode; encode(['hello']); "
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_an_encoder_that_does_not_spin_gives_the_same_vectors() -> None:
    # The pipeline asks for one beside spaCy's worker processes; the ledger must not change.
    texts = ["Trump sent Putin testing equipment.", "The Kremlin denied the report."]
    assert np.array_equal(get_encoder(spin=False).encode(texts), get_encoder().encode(texts))
