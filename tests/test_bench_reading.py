"""The reading tools of bench/: a reproducible set, and a diff that shows each change once.

Every rule of the ledger is judged by reading what it changed on real news,
so a diff that misaligns (one act inserted shifting every speaker after it)
or a set that cannot be rebuilt from its seed would hide what a rule did.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import cli

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import extract_diff  # noqa: E402
import reading_set  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


@pytest.mark.skipif(not (DATA / "fnc1-train").is_dir(), reason="needs ../shared/data/fnc1-train")
def test_a_reading_set_is_the_same_for_a_seed_and_another_for_another_seed() -> None:
    a = reading_set.fnc_bodies(DATA, 5, seed=7)
    assert a == reading_set.fnc_bodies(DATA, 5, seed=7)
    assert a != reading_set.fnc_bodies(DATA, 5, seed=8)
    assert all(150 <= len(body.split()) <= 700 for _, body in a)


def _line(tmp_path: Path, name: str, text: str) -> Path:
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(story)])
    assert result.exit_code == 0, result.output
    path = tmp_path / name
    path.write_text(result.stdout, encoding="utf-8")
    return path


def test_a_removed_act_shows_as_one_act_not_as_every_later_speaker_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _line(tmp_path, "a.jsonl", "Smith said the bridge was closed. Jones said the road was open.")
    after = _line(tmp_path, "b.jsonl", "Smith said the bridge was closed. Jones said the road was open.")
    # the same run twice: nothing to show
    counts = extract_diff.diff(extract_diff.load(before), extract_diff.load(after), None)
    assert not counts
    docs = extract_diff.load(after)
    (doc,) = docs.values()
    doc["attributions"] = doc["attributions"][1:]  # Smith's act gone, Jones's kept
    doc["claims"], doc["stances"] = [], []
    counts = extract_diff.diff(extract_diff.load(before), docs, None)
    out = capsys.readouterr().out
    assert counts["acts"] == 1 and "speakers" not in counts
    assert "-act  Smith" in out


def test_two_documents_with_one_url_are_both_diffed(tmp_path: Path) -> None:
    import json

    docs = [{"id": k, "url": "https://example.org/news/", "text": "x", "attributions": [], "claims": [],
             "stances": []} for k in ("a1", "b2")]  # fmt: skip
    path = tmp_path / "run.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert len(extract_diff.load(path)) == 2
