"""Tests that fail when the README drifts from the code (datasette's habit)."""

from __future__ import annotations

import re
from pathlib import Path

from claimledger.cli import cli
from claimledger.errors import Reason
from claimledger.export import article_dict
from claimledger.model import Article

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")


def test_every_command_in_the_readme_exists() -> None:
    used = set(re.findall(r"^claimledger (\w+)", README, flags=re.M))
    assert used, "the README shows no claimledger commands"
    assert used <= set(cli.commands), used - set(cli.commands)


def test_every_command_is_documented_in_the_readme() -> None:
    for name in cli.commands:
        assert f"claimledger {name}" in README, name


def test_reasons_named_in_the_readme_exist() -> None:
    listed = re.search(r"typed reason\s*\((.*?)\)", README, flags=re.S)
    assert listed
    names = re.findall(r"`(\w+)`", listed.group(1))
    assert names and set(names) <= {r.value for r in Reason}


def test_export_fields_in_the_readme_match_the_export() -> None:
    fields = set(article_dict(Article(text="x")))
    block = README[README.index("## Export format"):]
    for name in fields:
        assert f'"{name}"' in block, name
