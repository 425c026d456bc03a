"""`claimledger stance`: the stance engine on its own, as scripts call it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from claimledger.cli import cli

LABELS = {"confirms", "denies", "reports", "unrelated"}


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_pairs_give_one_line_each_and_bad_lines_are_skipped() -> None:
    text = "The ministry said on Monday that the bridge will reopen in May. Engineers agreed."
    lines = [
        json.dumps({"claim": "The bridge will reopen in May", "text": text}),
        "",
        "not json",
        json.dumps({"claim": "The bridge will reopen in May", "text": ""}),
        json.dumps({"claim": 3, "text": "x"}),
    ]
    result = invoke("stance", "--pairs", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["line"] for o in out] == [1, 4]
    for o in out:
        assert o["stance"] in LABELS and 0.0 <= o["score"] <= 1.0
    assert out[0]["evidence"] and all(part in text for part in out[0]["evidence"].split(" … "))
    assert out[1]["stance"] == "unrelated"  # nothing to read says nothing about the claim
    assert "line 3" in result.stderr and "line 5" in result.stderr


def test_claim_against_files(tmp_path: Path, reference_path: Path) -> None:
    other = tmp_path / "weather.txt"
    other.write_text(
        "Storm warning\n\nHeavy rain and strong winds are expected across the north of the "
        "country on Tuesday, forecasters said. Schools may close.\n",
        encoding="utf-8",
    )
    result = invoke("stance", "--claim", "Trump sent Covid testing equipment to Putin",
                    str(reference_path), str(other))  # fmt: skip
    assert result.exit_code == 0, result.output
    ref, weather = (json.loads(line) for line in result.stdout.splitlines())
    assert ref["source"] == str(reference_path) and ref["stance"] in ("confirms", "reports")
    assert weather["stance"] == "unrelated"


def test_claim_the_article_denies(reference_path: Path) -> None:
    """The reference denies the calls in Peskov's words, while its headline "confirms" another claim.

    A model that reads a headline's first cue as the answer says confirms here
    (the model shipped until the seventeenth session, FS + CPU pass, did:
    confirms 0.88).
    """
    result = invoke("stance", "--claim", "Trump and Putin have spoken since Trump left office",
                    str(reference_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["stance"] == "denies"


def test_usage_errors() -> None:
    assert invoke("stance").exit_code == 2
    assert invoke("stance", "--claim", "x").exit_code == 2  # no sources
    assert invoke("stance", "--claim", "  ", "f.txt").exit_code == 2
