"""The ledger as a user reads it: ingest the reference article, then `ledger`, `claim`, `entity`.

Each test runs twice: on a SQLite file, and on a PostgreSQL database given as
``--db postgresql://…``, as a team would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import cli
from tests.conftest import LedgerFactory


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(module_ledger: LedgerFactory, reference_path: Path) -> str:
    path = module_ledger()
    result = invoke("ingest", str(reference_path), "--db", path)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def entries(db: str) -> list[dict]:
    result = invoke("ledger", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _entry(entries: list[dict], *words: str) -> dict:
    found = [e for e in entries if all(w in e["claim"] for w in words)]
    assert len(found) == 1, [e["claim"] for e in entries]
    return found[0]


def _has(entry: dict, source: str, stance: str, channel: str | None = None) -> bool:
    return any(
        s["source"] == source and s["stance"] == stance and (channel is None or s["channel"] == channel)
        for s in entry["stances"]
    )


def test_json_shape(entries: list[dict]) -> None:
    assert entries
    for e in entries:
        assert set(e) >= {"id", "claim", "origin", "status", "stances"}
        assert set(e["origin"]) >= {"source", "article", "date"}
        for s in e["stances"]:
            assert set(s) >= {"source", "stance", "quote", "channel", "article", "date"}


def test_testing_equipment_entry(entries: list[dict]) -> None:
    e = _entry(entries, "testing equipment", "short supply")
    assert e["origin"]["source"] == "Bob Woodward’s book “War”"
    assert _has(e, "Kremlin", "confirms")
    assert _has(e, "Dmitry Peskov", "confirms", "Bloomberg News")
    assert _has(e, "NBC News", "cannot_verify")
    assert _has(e, "Trump's re-election team", "denies", "Bloomberg")
    assert e["status"] == "disputed"  # confirmed by the Kremlin, denied by Trump's team


def test_phone_calls_entry(entries: list[dict]) -> None:
    e = _entry(entries, "spoken on the phone")
    assert e["origin"]["source"] == "Bob Woodward"
    assert _has(e, "Dmitry Peskov", "denies", "Russian broadcaster RBC")
    assert _has(e, "Donald Trump", "denies", "ABC News' Jonathan Karl")
    assert _has(e, "Trump's re-election team", "denies")
    assert _has(e, "Jason Miller", "not_aware")
    assert e["status"] == "denied"


def test_one_day_entry(entries: list[dict]) -> None:
    e = _entry(entries, "resolve the war")
    assert e["origin"]["source"] == "Donald Trump"
    assert _has(e, "Vasily Nebenzia", "disputes", "reporters")
    assert e["status"] == "disputed"


def test_filters(db: str, entries: list[dict]) -> None:
    denied = json.loads(invoke("ledger", "--db", db, "--status", "denied", "--format", "json").stdout)
    assert denied and all(e["status"] == "denied" for e in denied)
    peskov = json.loads(invoke("ledger", "--db", db, "--entity", "Peskov", "--format", "json").stdout)
    assert {e["id"] for e in peskov} < {e["id"] for e in entries}
    assert all(any(s["source"] == "Dmitry Peskov" for s in e["stances"]) for e in peskov)
    future = invoke("ledger", "--db", db, "--since", "2999-01-01")
    assert future.exit_code == 0 and "No claims match" in future.stderr
    bad = invoke("ledger", "--db", db, "--since", "yesterday")
    assert bad.exit_code == 2 and "date" in bad.output
    unknown = invoke("ledger", "--db", db, "--entity", "Nobody Atall")
    assert unknown.exit_code == 2 and "no source named" in unknown.output


def test_table_claim_and_entity_views(db: str, entries: list[dict]) -> None:
    table = invoke("ledger", "--db", db)
    assert table.exit_code == 0 and "newest activity first" in table.stdout
    e = _entry(entries, "spoken on the phone")
    shown = invoke("claim", e["id"][:8], "--db", db)
    assert shown.exit_code == 0
    assert "denies" in shown.stdout and "Russian broadcaster RBC" in shown.stdout
    assert "timeline" in shown.stdout
    who = invoke("entity", "Peskov", "--db", db)
    assert who.exit_code == 0 and "Dmitry Peskov" in who.stdout and "confirms" in who.stdout
    missing = invoke("claim", "ffffffffffff", "--db", db)
    assert missing.exit_code == 2 and "no claim" in missing.output


def test_claims_as_schema_org_jsonld(db: str) -> None:
    result = invoke("ledger", "--db", db, "--format", "jsonld")
    doc = json.loads(result.stdout)
    assert doc["@context"] == "https://schema.org"
    claims = doc["@graph"]
    phone = next(c for c in claims if "spoken on the phone" in c["text"])
    assert phone["@type"] == "Claim"
    assert phone["author"] == {"@type": "Person", "name": "Bob Woodward", "jobTitle": "veteran Washington Post journalist"}
    assert phone["firstAppearance"]["@type"] == "NewsArticle"
    assert phone["appearance"] and phone["appearance"][0]["headline"].startswith("The Kremlin confirms")


def test_export_carries_claims_and_stances(db: str) -> None:
    (article,) = [json.loads(line) for line in invoke("export", "--db", db).stdout.splitlines()]
    assert article["claims"] and article["stances"]
    ids = {c["id"] for c in article["claims"]}
    for st in article["stances"]:
        assert st["claim_id"] in ids
        assert 0 <= st["attribution"] < len(article["attributions"])


def test_reading_a_ledger_that_does_not_exist(tmp_path: Path) -> None:
    result = invoke("ledger", "--db", str(tmp_path / "nope.db"))
    assert result.exit_code == 2 and "no ledger" in result.output


def test_the_same_claim_in_two_articles_is_one_entry(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text(
        "Acme to close Detroit plant\n\n"
        "Acme Corp will close its Detroit assembly plant next year, chief executive Jane Smith "
        "told Reuters on Monday.\n\n"
        "The closure will cost about 2,000 jobs, the company said in a statement.\n",
        encoding="utf-8",
    )
    b = tmp_path / "b.txt"
    b.write_text(
        "Acme boss repeats plan\n\n"
        "Jane Smith, the head of Acme, said last week that Acme plans to shut its Detroit car "
        "plant in 2025.\n\n"
        "But union leader Tom Baker denied that the Detroit factory would close. "
        '"That is simply false," Baker told the Detroit Free Press.\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "two.db")
    assert invoke("ingest", str(a), str(b), "--db", db).exit_code == 0
    entries = json.loads(invoke("ledger", "--db", db, "--format", "json").stdout)
    plant = [e for e in entries if "Detroit" in e["claim"]]
    assert len(plant) == 1, [e["claim"] for e in entries]
    (entry,) = plant
    assert len({s["article"] for s in entry["stances"]}) == 2
    assert entry["origin"]["source"] == "Jane Smith"
    assert _has(entry, "Tom Baker", "denies", "the Detroit Free Press")
    assert entry["status"] == "denied"
    jsonld = json.loads(invoke("claim", entry["id"], "--db", db, "--format", "jsonld").stdout)
    assert len(jsonld["appearance"]) == 2


def test_a_second_report_in_other_words_joins_the_reference_articles_entries(
    tmp_path: Path, reference_path: Path
) -> None:
    """The issue's check, as a user makes it: a second outlet reports the testing-equipment
    claim and the phone-calls denial in its own words; each joins the entry it restates."""
    second = tmp_path / "second.txt"
    second.write_text(
        "Kremlin says Trump gave Putin Covid test machines early in the pandemic\n\n"
        "MOSCOW (Reuters) - The Kremlin said on Tuesday that Donald Trump had sent Vladimir "
        "Putin Covid-19 testing machines at the start of the pandemic, a claim first made in "
        "Bob Woodward's new book.\n\n"
        '"Yes, the United States sent us test equipment at the beginning of the pandemic," '
        "Kremlin spokesman Dmitry Peskov told reporters.\n\n"
        "Peskov denied that Trump and Putin had talked by phone since Trump left the White "
        'House. "There were no such calls," he said.\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "two.db")
    assert invoke("ingest", str(reference_path), str(second), "--db", db).exit_code == 0
    entries = json.loads(invoke("ledger", "--db", db, "--format", "json").stdout)
    for words in (("testing equipment",), ("spoken on the phone",)):
        entry = _entry(entries, *words)
        assert len({s["article"] for s in entry["stances"]}) == 2, entry


def test_a_page_that_does_not_hold_every_claim_says_so(db: str, entries: list[dict]) -> None:
    assert len(entries) > 1
    first = invoke("ledger", "--db", db, "--format", "json", "--limit", "1")
    assert first.exit_code == 0
    assert [e["id"] for e in json.loads(first.stdout)] == [entries[0]["id"]]  # stdout stays JSON
    assert "more match" in first.stderr and "--offset 1" in first.stderr
    whole = invoke("ledger", "--db", db, "--format", "json", "--limit", str(len(entries)))
    assert "more match" not in whole.stderr
    past = invoke("ledger", "--db", db, "--offset", str(len(entries)))
    assert "fewer match" in past.stderr and "no claims yet" not in past.stderr
