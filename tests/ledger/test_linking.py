"""Claim linking: wordings of one claim link, unrelated claims do not, IVF = brute force."""

from __future__ import annotations

import numpy as np
import pytest

from claimledger.ledger.linking import (
    ClaimIndex,
    claim_key,
    cluster,
    cluster_embeddings,
    conflicts,
    jaccard,
)


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=-1, keepdims=True)).astype(np.float32)


def _topic_data(n: int, seed: int = 0) -> np.ndarray:
    """Unit vectors around 300 topic directions, like sentence embeddings of news.

    Two claims of one topic sit at cosine ~0.34 (at most ~0.47 over 800
    claims), below the shipped link threshold, as different claims of one
    story do under the fine-tuned encoder.
    """
    rng = np.random.default_rng(seed)
    topics = _unit(rng.standard_normal((300, 384)))
    noise = rng.standard_normal((n, 384)) / np.sqrt(384)
    return _unit(topics[rng.integers(300, size=n)] + 1.4 * noise)


def test_two_wordings_of_one_claim_link_and_unrelated_do_not() -> None:
    labels = cluster(
        [
            "Apple will sell 19 million Apple Watches in 2015",
            "Two Australian men kept a McDonald's burger for 20 years",
            "BMO forecasts 19M Apple Watch sales in 2015",
            "The central bank raised interest rates by a quarter point",
            "Two blokes kept a McDonald's Quarter Pounder for twenty years",
        ]
    )
    assert labels[0] == labels[2]
    assert labels[1] == labels[4]
    assert len({labels[0], labels[1], labels[3]}) == 3


def test_match_on_index() -> None:
    index = ClaimIndex(4, threshold=0.8)
    assert index.match([1, 0, 0, 0]) == (None, 0.0)
    index.add("a", [1, 0, 0, 0], {"apple"})
    index.add("b", [0, 1, 0, 0])
    index.add("a", [0.9, 0.1, 0.4, 0])  # a second wording of claim "a"
    claim, score = index.match([0.95, 0.05, 0.3, 0])
    assert claim == "a" and score > 0.9
    claim, score = index.match([0, 0, 0, 1])
    assert claim is None and score < 0.8
    assert len(index) == 3


def test_entity_overlap_breaks_a_near_tie() -> None:
    index = ClaimIndex(3, threshold=0.5, entity_weight=0.2)
    index.add("watch-19m", _unit(np.array([1.0, 0.1, 0.0])), {"bmo", "apple"})
    index.add("watch-15m", _unit(np.array([1.0, 0.0, 0.1])), {"apple", "ihs"})
    query = _unit(np.array([1.0, 0.05, 0.06]))
    assert index.match(query, {"ihs"})[0] == "watch-15m"
    assert index.match(query, {"bmo"})[0] == "watch-19m"
    assert jaccard(frozenset(), frozenset({"x"})) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        # two polls of one race, two forecasts of one product: different claims
        ("Clinton beats Trump by 46 percent to 42 percent",
         "as of Friday, Trump is leading Clinton 47.1 percent to 41.7 percent", True),
        ("Apple will sell 19 million Apple Watches", "Apple will sell 24 million Apple Watches", True),
        # words that begin like a month are no date: these are figures
        ("Profits declined 5 percent", "Profits declined 8 percent", True),
        ("10 marines were killed", "12 marines were killed", True),
        ("Clinton won 46-42", "Clinton won 51-40", True),
        ("no one is on pace to get 1,237 delegates", "Trump receives 1,265 delegates", True),
        # one figure read two ways, or a bound beside a figure: maybe one claim
        ("the steel watch will cost 499 dollars", "the steel watch will cost $500", False),
        ("$US200 million lawsuit against Ferguson", "$200 million lawsuit against Ferguson", False),
        ("the release of more than 200 kidnapped schoolgirls", "the release of 219 schoolgirls", False),
        # years, days of a month and names with digits are not figures of the claim
        ("the asteroid 2014 RC came within a tenth of the distance to the Moon",
         "the asteroid, discovered on 31 August, came within a tenth of the distance", False),
        ("Covid-19 tests were sent to Putin", "300 tests were sent to Putin", False),
        ("support was linked to less binge eating (30)", "support eased binge eating (31)", False),
        # one side silent is no evidence
        ("Brown was shot six times", "Brown was shot 6 times", False),
        # subjects the claims stage named: two people differ, organisations and roles may not
        ("[Ted Cruz] would only use waterboarding sparingly",
         "[Donald Trump] would bring back waterboarding", True),
        ("[Donald Trump’s] policy is to go after them", "[Donald Trump] would go after them", False),
        ("[President Obama] will veto it", "[President Trump] will veto it", True),  # a title is no name
        ("[President Donald Trump] would", "[Donald Trump] would", False),
        ("[the NSC] have seen a video", "[the White House] have seen a video", False),
        ("[spokesman for Prime Minister Stephen Harper] was safe", "[Kevin Vickers] is safe", False),
        ("[Ted Cruz] will win", "he will win", False),
    ],
)  # fmt: skip
def test_figures_and_named_subjects_tell_claims_apart(a: str, b: str, apart: bool) -> None:
    assert conflicts(claim_key(a), claim_key(b)) is apart
    assert conflicts(claim_key(b), claim_key(a)) is apart
    assert conflicts(None, claim_key(a)) is False


def test_a_wording_that_conflicts_with_the_best_exemplar_takes_the_next_claim() -> None:
    """Linking passes over an exemplar of other figures: the next claim, or a new one."""
    index = ClaimIndex(3, threshold=0.6)
    poll_a = "Clinton leads Trump 46 percent to 42 percent"
    index.add("poll-a", _unit(np.array([1.0, 0.0, 0.0])), key=claim_key(poll_a))
    index.add("poll-b", _unit(np.array([0.8, 0.6, 0.0])), key=claim_key("Clinton leads Trump 43 to 38"))
    query = _unit(np.array([1.0, 0.2, 0.0]))  # nearer poll-a
    assert index.match(query)[0] == "poll-a"
    assert index.match(query, key=claim_key("Clinton is ahead of Trump 43 to 38"))[0] == "poll-b"
    assert index.match(query, key=claim_key("Clinton leads Trump 51 to 40")) == (None, 0.0)
    labels = cluster_embeddings(
        np.stack([_unit(np.array([1.0, 0.0, 0.0])), _unit(np.array([1.0, 0.1, 0.0]))]),
        keys=[claim_key(poll_a), claim_key("Clinton leads Trump 51 to 40")],
    )
    assert labels == [0, 1]


def test_an_anchor_floor_stops_a_chain_of_rewordings_drifting_to_another_claim() -> None:
    """Each wording near the one before, the third far from the first: with the floor, the third
    starts its own claim; a fold makes the folded claim's first wording an anchor too."""
    angle = lambda deg: _unit(np.array([np.cos(np.radians(deg)), np.sin(np.radians(deg)), 0.0]))  # noqa: E731
    chain = np.stack([angle(0), angle(45), angle(90)])  # cos 0.71 step by step, 0 end to end
    assert cluster_embeddings(chain, threshold=0.6, merge_margin=None) == [0, 0, 0]
    assert cluster_embeddings(chain, threshold=0.6, merge_margin=None, anchor_floor=0.4) == [0, 0, 1]
    index = ClaimIndex(3, threshold=0.6, anchor_floor=0.4)
    index.add("a", angle(0))
    index.add("b", angle(90))
    index.add("a", angle(40))  # a second wording of "a"
    assert index.match(angle(75))[0] == "b"
    assert index.match(angle(-30))[0] == "a"
    index.merge("a", "b")
    assert index.match(angle(75))[0] == "a"  # near b's first wording, now a's
    assert index.match(angle(-60)) == (None, pytest.approx(0.5, abs=1e-6))  # below the threshold


def test_linking_only_above_the_threshold_finds_the_same_links() -> None:
    """The store asks only for links: a query whose best row is barred by its figures still
    links to the next claim over the threshold, and one with nothing over it links nowhere."""
    index = ClaimIndex(3, threshold=0.8)
    index.add("poll-a", [1.0, 0.0, 0.0], key=claim_key("Clinton leads Trump 43 to 38"))
    index.add("poll-b", [0.9, 0.3, 0.0], key=claim_key("Clinton leads Trump 51 to 40"))
    index.add("far", [0.0, 0.6, 0.8])
    barred = claim_key("Clinton is ahead of Trump 51 to 40")
    linked = index.match_wording([1.0, 0.05, 0.0], key=barred, linked_only=True)
    assert linked[0] == "poll-b" and linked == index.match_wording([1.0, 0.05, 0.0], key=barred)
    lone = claim_key("Clinton leads Trump 60 to 30")  # every poll barred; "far" is below 0.8
    assert index.match_wording([1.0, 0.05, 0.0], key=lone, linked_only=True) == (None, 0.0, None)
    claim, score = index.match([1.0, 0.05, 0.0], key=lone)
    assert claim is None and 0.0 < score < 0.8  # match still reports the best score under the bar


def test_ivf_index_agrees_with_brute_force_on_planted_duplicates() -> None:
    base = _topic_data(6000)
    index = ClaimIndex(384, threshold=0.56, entity_weight=0.0, brute_force_limit=1500)
    for i, vector in enumerate(base):
        index.add(i, vector)
    assert index.uses_ivf
    rng = np.random.default_rng(1)
    originals = rng.integers(len(base), size=200)
    queries = _unit(base[originals] + 0.5 * rng.standard_normal((200, 384)) / np.sqrt(384))
    for original, query in zip(originals, queries, strict=True):
        approx = index.match(query)
        exact = index.match(query, exact=True)
        assert approx[0] == exact[0] == original
        assert approx[1] == pytest.approx(exact[1], abs=1e-5)


def test_cluster_embeddings_recovers_planted_claims_past_the_brute_force_limit() -> None:
    base = _topic_data(800, seed=2)
    rng = np.random.default_rng(3)
    dups = _unit(base + 0.5 * rng.standard_normal(base.shape) / np.sqrt(384))
    vectors = np.vstack([base, dups])
    labels = cluster_embeddings(vectors, brute_force_limit=500)
    assert labels[:800] == list(range(800))
    assert labels[800:] == labels[:800]


def test_empty_entities_and_no_input() -> None:
    assert cluster_embeddings(np.zeros((0, 384), dtype=np.float32)) == []
    index = ClaimIndex(384)
    with pytest.raises(ValueError):
        index.add("x", [1.0, 0.0])


def test_entity_weight_leaves_every_claim_to_search() -> None:
    """The entity bonus's own cut-off is no floor on the scan: the second claim is still found."""
    index = ClaimIndex(3, threshold=0.5, entity_weight=0.2)
    index.add("a", [1.0, 0.0, 0.0], {"apple"})
    index.add("b", [0.6, 0.8, 0.0], {"apple"})
    found = index.search([1.0, 0.0, 0.0], {"apple"}, k=2)
    assert [c for c, _ in found] == ["a", "b"]
