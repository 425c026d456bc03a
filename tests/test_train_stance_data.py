"""What train/stance_model.py feeds the stance model: the protocol the benchmark numbers rely on.

A by-claim cross-validation number means something only if no held-out
claim leaks into its fold's training pairs, and Perspectrum's dev claims
(used to watch a run) must stay out of its training pairs.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "train"))

import stance_model  # noqa: E402

bench = stance_model.bench

needs_data = pytest.mark.skipif(
    not (DATA / "emergent").is_dir() or not (DATA / "perspectrum").is_dir(),
    reason="../shared/data (emergent, perspectrum) is absent",
)


@needs_data
def test_an_emergent_fold_holds_whole_claims_and_none_of_them_is_trained_on() -> None:
    emergent = bench.load_emergent(DATA)
    seen: set[int] = set()
    for k in range(bench.EMERGENT_FOLDS):
        held = stance_model.emergent_heldout(DATA, k)
        assert held and not held & seen  # the folds partition the pairs
        seen |= held
        held_claims = {emergent[i].group for i in held}
        trained = {emergent[i].group for i in range(len(emergent)) if i not in held}
        assert not held_claims & trained
    assert seen == set(range(len(emergent)))
    assert stance_model.emergent_heldout(DATA, -1) == set()


@needs_data
def test_mismatched_pairs_pair_a_claim_with_another_claims_text_as_unrelated() -> None:
    emergent = bench.load_emergent(DATA)
    text_of = {p.text: p.group for p in emergent}
    made = stance_model.mismatched_pairs(emergent, 200)
    assert len(made) == 200
    assert {p.stance for p in made} == {"unrelated"}
    assert all(text_of[p.text] != p.group for p in made)
    # A single claim has nothing to mismatch with: no pairs, and no endless loop.
    one = [p for p in emergent if p.group == emergent[0].group]
    assert stance_model.mismatched_pairs(one, 10) == []


@needs_data
def test_perspectrum_train_and_dev_share_no_claim_and_map_its_stances() -> None:
    train = stance_model.perspectrum_pairs(DATA, "train")
    dev = stance_model.perspectrum_pairs(DATA, "dev")
    assert not {p.claim for p in train} & {p.claim for p in dev}
    counts = Counter(p.stance for p in train)
    assert set(counts) == {"confirms", "denies", "unrelated"}
    # 30 % as many unrelated pairs as sided ones, each against another claim's perspective.
    sided = counts["confirms"] + counts["denies"]
    assert counts["unrelated"] == int(0.3 * sided)
    own = {(p.claim, p.text) for p in train if p.stance != "unrelated"}
    assert not any((p.claim, p.text) in own for p in train if p.stance == "unrelated")


needs_fever = pytest.mark.skipif(
    not (DATA / "fever-symmetric").is_dir() or not (DATA / "emergent").is_dir(),
    reason="../shared/data (fever-symmetric, emergent) is absent",
)


@needs_fever
def test_a_fever_fold_holds_whole_groups_of_four_so_no_twin_is_trained_on() -> None:
    fever = bench.load_fever_symmetric(DATA)
    seen: set[int] = set()
    for k in range(bench.EMERGENT_FOLDS):
        held = stance_model.fever_heldout(DATA, k)
        assert held and not held & seen
        seen |= held
        trained = [fever[i] for i in range(len(fever)) if i not in held]
        claims = {p.claim.strip() for p in trained}
        texts = {p.text.strip() for p in trained}
        for i in held:  # neither the claim nor the evidence of a held-out pair is trained on
            assert fever[i].claim.strip() not in claims and fever[i].text.strip() not in texts
    assert seen == set(range(len(fever)))
    assert stance_model.fever_heldout(DATA, -1) == set()


@needs_fever
def test_fever_groups_join_a_claim_its_twin_and_both_evidences() -> None:
    fever = bench.load_fever_symmetric(DATA)
    groups = stance_model.fever_groups(fever)
    sizes = Counter(groups)
    assert min(sizes.values()) >= 4  # the set is built in fours
    first = [p for p, g in zip(fever, groups, strict=True) if g == groups[0]]
    assert Counter(p.stance for p in first)["confirms"] == Counter(p.stance for p in first)["denies"]


@needs_fever
def test_mixed_pairs_keep_the_claims_own_side_beside_an_opposite_headline() -> None:
    emergent = bench.load_emergent(DATA)
    side_of = {(p.claim, p.text): p.stance for p in emergent}
    made = stance_model.mixed_pairs(emergent, 100)
    assert len(made) == 100
    claim_of = {t.strip().rstrip("."): (p.group, p.stance) for p in emergent for t in [p.text]}
    for p in made:
        assert p.stance in ("confirms", "denies")
        own = [t for (c, t), s in side_of.items() if c == p.claim and s == p.stance and t.rstrip(".") in p.text]
        assert own, p  # the claim's own headline is in the text, with the side it takes
        rest = p.text.replace(own[0].strip().rstrip("."), "", 1)
        others = [k for k in claim_of if k and k in rest]
        # the other headline is another claim's, taking the other side
        assert any(claim_of[k][0] != p.group and claim_of[k][1] != p.stance for k in others), p
    assert stance_model.mixed_pairs([p for p in emergent if p.stance == "reports"], 5) == []


@needs_data
def test_two_act_sentences_take_each_claims_own_side_and_keep_held_out_claims_out() -> None:
    emergent = bench.load_emergent(DATA)
    held = stance_model.emergent_heldout(DATA, 0)
    trained = [p for i, p in enumerate(emergent) if i not in held]
    pairs = stance_model.two_act_pairs(trained, 400)
    assert len(pairs) == 400
    by_text: dict[str, list] = {}
    for p in pairs:
        by_text.setdefault(p.text, []).append(p)
    for text, two in by_text.items():
        # One sentence, two different claims: the confirmed one and the denied one.
        assert sorted(p.stance for p in two) == ["confirms", "denies"], text
        assert two[0].claim != two[1].claim
        for p in two:
            assert bench.as_clause(p.claim) in text
    assert not {p.group for p in pairs} & {emergent[i].group for i in held}
    # The benchmark's check is made apart: other claims (FEVER's), and verbs training never uses.
    check = bench.two_act_pairs(DATA)
    assert len(check) == 300 and not {p.claim for p in check} & {p.claim for p in pairs}
    assert all(v not in stance_model.TWO_ACT_CONFIRM + stance_model.TWO_ACT_DENY
               for v in ("conceded", "rebuffed"))  # fmt: skip
    assert any(" conceded " in p.text for p in check) and any(" rebuffed " in p.text for p in check)
