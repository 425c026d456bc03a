from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from claimledger import pipeline
from claimledger.errors import Reason, UsageError
from claimledger.model import Article, RawDocument, Rejection


class Boom:
    """A stage (a seam we own) that fails on one document only."""

    name = "test.boom"
    requires = ("text",)
    assigns = ("boom",)

    def predict(self, articles: list[Article]) -> list[Any]:
        if any("explode" in a.text for a in articles):
            raise RuntimeError("kaboom")
        return [len(a.text) for a in articles]

    def set_annotations(self, articles: list[Article], predictions: list[Any]) -> None:
        for a, p in zip(articles, predictions, strict=True):
            a.title = f"len={p}"


def _raw(text: str, source: str) -> RawDocument:
    return RawDocument(text.encode(), source, "text")


def test_one_failing_document_does_not_sink_the_batch() -> None:
    items = [_raw("Fine one.", "a"), _raw("Please explode.", "b"), _raw("Fine two.", "c")]
    (batch,) = pipeline.process(items, [Boom()], batch_size=10)
    assert [a.source for a in batch.articles] == ["a", "c"]
    assert batch.articles[0].title == "len=9"
    (rej,) = batch.rejections
    assert (rej.source, rej.reason) == ("b", Reason.PIPELINE_ERROR)
    assert "kaboom" in rej.message and "test.boom" in rej.message


def test_rejections_pass_through_and_known_articles_are_skipped() -> None:
    items = [Rejection("x", Reason.EMPTY, "empty"), _raw("Stored already.", "s"), _raw("New.", "n")]
    stored_id = Article(text="Stored already.").id
    (batch,) = pipeline.process(items, [], known=lambda ids: {i for i in ids if i == stored_id})
    assert [a.source for a in batch.articles] == ["n"]
    assert batch.skipped == 1
    assert [r.source for r in batch.rejections] == ["x"]


def test_duplicates_inside_one_batch_are_one_article() -> None:
    (batch,) = pipeline.process([_raw("Same text.", "a"), _raw("Same  text.", "b")], [])
    assert len(batch.articles) == 1 and batch.skipped == 1


def test_stage_order_is_checked_before_work_starts() -> None:
    quotes = pipeline.STAGES["claimledger.attribution.v1"]()
    with pytest.raises(UsageError, match="needs"):
        pipeline.check_order([quotes])
    with pytest.raises(UsageError, match="unknown stage"):
        pipeline.build(["claimledger.nope.v1"])


def test_batches_are_bounded() -> None:
    items = [_raw(f"Text {i}.", str(i)) for i in range(10)]
    sizes = [len(b.articles) for b in pipeline.process(items, [], batch_size=4)]
    assert sizes == [4, 4, 2]


def test_a_failing_source_is_not_swallowed_by_the_parallel_parse() -> None:
    def items():
        yield _raw("First text here.", "a")
        yield _raw("Second text here.", "b")
        raise RuntimeError("source broke")

    stages = pipeline.build(workers=2)
    with pytest.raises(RuntimeError, match="source broke"):
        list(pipeline.process(items(), stages, batch_size=1))


def test_an_extraction_error_rejects_only_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimledger.nlp import component

    real = component.extract

    def flaky(doc, text=None):
        if "explode" in doc.text:
            raise ValueError("boom")
        return real(doc, text)

    monkeypatch.setattr(component, "extract", flaky)
    items = [_raw('"Fine," said Ann Lee.', "a"), _raw("Please explode.", "b"),
             _raw('"Also fine," said Bo Ray.', "c")]
    (batch,) = pipeline.process(items, pipeline.build(), batch_size=10)
    assert [a.source for a in batch.articles] == ["a", "c"]
    assert [len(a.attributions) for a in batch.articles] == [1, 1]
    (rej,) = batch.rejections
    assert rej.source == "b" and rej.reason is Reason.PIPELINE_ERROR and "boom" in rej.message


def test_an_articles_ledger_does_not_depend_on_what_it_was_ingested_with(
    reference_bytes: bytes,
) -> None:
    # The int8 encoder quantises per call: encoded beside other articles' texts, a
    # claim's vector moved, and links near a threshold held or broke with it.
    from claimledger.clean.text import clean_text

    def run(*raws: RawDocument) -> Article:
        arts = [clean_text(r) for r in raws]
        done, failed = pipeline.run_stages(pipeline.build(), arts)
        assert not failed
        return next(a for a in done if a.source == "ref.txt")

    ref = RawDocument(reference_bytes, "ref.txt", "text")
    other = _raw(
        "The central bank left interest rates unchanged on Thursday, its governor said. "
        "Economists said inflation had slowed to 2.1 percent in October and predicted "
        "that the bank would cut rates early next year, a move the finance minister "
        "said he would welcome.",
        "other.txt",
    )
    alone, together = run(ref), run(other, ref)
    assert [c.text for c in alone.claims] == [c.text for c in together.claims]
    for a, b in zip(alone.claims, together.claims, strict=True):
        assert np.array_equal(a.embedding, b.embedding), a.text
    assert [(s.claim, s.attribution, s.stance) for s in alone.stances] == [
        (s.claim, s.attribution, s.stance) for s in together.stances
    ]
