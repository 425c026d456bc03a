"""Behaviour of the stance engine (claimledger.nlp.stance) a user would notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ClaimLedgerError, ModelMissingError
from claimledger.nlp import stance
from claimledger.nlp.stance import EVIDENCE_SEP, LABELS, StancePrediction

CLAIM = "A giant spider was found living under a tourist's skin in Bali."

DENIAL = (
    "Health officials in Bali said on Tuesday that they were aware of the story. "
    "Doctors who examined the tourist said there was no spider under his skin at all. "
    "The story of a spider living under a man's skin is a hoax, experts said, "
    "and the photographs had been faked."
)

UNRELATED = (
    "The central bank left interest rates unchanged on Thursday. "
    "Inflation slowed to 2.1 percent in October, the statistics office said, "
    "and economists expect a cut early next year."
)


@pytest.fixture(scope="module")
def model() -> stance.StanceModel:
    return stance.get_stance_model()


def test_the_model_ships_with_the_package() -> None:
    for name in ("model.onnx", "tokenizer.json", "meta.json"):
        assert (stance.MODEL_DIR / name).is_file(), name
    m = stance.get_stance_model()
    assert m is stance.get_stance_model()  # one per process
    assert m.labels == LABELS


def test_missing_model_files_raise_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError) as info:
        stance.StanceModel(tmp_path)
    assert isinstance(info.value, ClaimLedgerError)
    assert "model.onnx" in str(info.value)


def test_an_explicit_denial_denies(model: stance.StanceModel) -> None:
    (pred,) = model.predict([(CLAIM, DENIAL)])
    assert pred.stance == "denies", pred


def test_an_unrelated_text_is_unrelated(model: stance.StanceModel) -> None:
    (pred,) = model.predict([(CLAIM, UNRELATED)])
    assert pred.stance == "unrelated", pred
    assert pred.score > 0.5


def test_predictions_keep_the_input_order(model: stance.StanceModel) -> None:
    preds = model.predict([(CLAIM, UNRELATED), (CLAIM, DENIAL), (CLAIM, UNRELATED)])
    assert [p.stance for p in preds] == ["unrelated", "denies", "unrelated"]
    for p in preds:
        assert isinstance(p, StancePrediction)
        assert 0.0 <= p.score <= 1.0


def test_an_answer_does_not_depend_on_what_is_read_beside_it(
    model: stance.StanceModel,
) -> None:
    # `claimledger stance --claim C a.txt` and `... a.txt b.txt` must say the same of a.txt.
    alone, _ = model.probabilities([(CLAIM, DENIAL)])
    beside, _ = model.probabilities(
        [(CLAIM, UNRELATED), (CLAIM, DENIAL), ("The bridge will reopen in May.", UNRELATED * 3)]
    )
    assert alone[0].tolist() == beside[1].tolist()


def test_evidence_is_read_verbatim_from_the_text(model: stance.StanceModel) -> None:
    (pred,) = model.predict([(CLAIM, DENIAL)])
    pieces = pred.evidence.split(EVIDENCE_SEP)
    assert pieces and all(piece and piece in DENIAL for piece in pieces)


def test_evidence_finds_the_denial_deep_in_a_long_article() -> None:
    filler = " ".join(
        f"Paragraph {i} describes the island's beaches, its temples and its food."
        for i in range(60)
    )
    text = "Bali is a popular holiday island. " + filler + " " + DENIAL
    pieces = stance.select_evidence(CLAIM, text)
    assert pieces[0] == "Bali is a popular holiday island."  # the lede is always read
    assert any("no spider under his skin" in p for p in pieces)
    assert all(p in text for p in pieces)
    assert sum(len(p.split()) for p in pieces) <= stance.MAX_EVIDENCE_WORDS + 40


def test_empty_and_huge_inputs_do_not_crash(model: stance.StanceModel) -> None:
    huge = "word " * 50_000  # no sentence breaks at all
    preds = model.predict([(CLAIM, ""), (CLAIM, "   \n "), ("", DENIAL), (CLAIM, huge)])
    assert [p.stance for p in preds[:3]] == ["unrelated"] * 3
    assert preds[0] == StancePrediction("unrelated", 1.0, "")
    assert preds[3].stance in LABELS
    assert preds[3].evidence in huge
    assert model.predict([]) == []


def test_allowed_restricts_the_answer(model: stance.StanceModel) -> None:
    (pred,) = model.predict([(CLAIM, UNRELATED)], allowed=("confirms", "denies"))
    assert pred.stance in ("confirms", "denies")
    with pytest.raises(ValueError):
        model.predict([(CLAIM, DENIAL)], allowed=("maybe",))


def test_fnc_score_matches_the_official_weights() -> None:
    gold = ["confirms", "unrelated", "denies", "reports"]
    pred = ["confirms", "unrelated", "reports", "unrelated"]
    score, best = stance.fnc_score(gold, pred)
    # 1.0 (exact related) + 0.25 (unrelated) + 0.25 (related, wrong class) + 0
    assert (score, best) == (1.5, 3.25)


def test_stance_threads_follow_claimledger_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """A newsroom that caps claimledger's threads caps the stance model's too."""
    monkeypatch.setenv("CLAIMLEDGER_THREADS", "1")
    assert stance.stance_threads() == 1
    monkeypatch.setenv("CLAIMLEDGER_THREADS", "3")
    assert stance.stance_threads() == 3
    monkeypatch.delenv("CLAIMLEDGER_THREADS")
    assert 1 <= stance.stance_threads() <= 4
