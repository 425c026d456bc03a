from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimledger.errors import NotFoundError, Reason
from claimledger.model import Article, Attribution, Entity, Rejection
from claimledger.store.db import Store


def _article(text: str, url: str | None = None, source: str = "a.txt") -> Article:
    a = Article(text=text, title=text.split(".")[0], url=url, source=source)
    a.attributions = [
        Attribution(
            kind="direct",
            content=text[:5],
            content_span=(0, 5),
            source="he",
            source_span=(6, 8),
            speaker=Entity("Dmitry Peskov", "PERSON", ["Kremlin spokesman"], ["he"]),
            cue="told",
            cue_span=(9, 13),
            cue_lemma="tell",
        )
    ]
    return a


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "ledger.db") as s:
        yield s


def test_migrations_are_recorded_and_not_rerun(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    Store.open(path).close()
    with Store.open(path) as s:
        names = [r[0] for r in s.conn.execute("SELECT name FROM schema_migrations")]
    assert names == ["0001_initial", "0002_ledger"]


def test_a_version_1_ledger_is_upgraded_with_its_articles(tmp_path: Path) -> None:
    import sqlite3

    from claimledger.store.schema import _statements, migrations

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    first = dict(migrations())["0001_initial"]
    for statement in _statements(first):
        conn.execute(statement)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_initial', '2026-01-01')")
    conn.execute(
        "INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'Old text.', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        assert s.count_articles() == 1
        cols = {r[1] for r in s.conn.execute("PRAGMA table_info(claims)")}
        assert {"status", "embedding", "last_activity"} <= cols


def test_same_article_twice_is_one_article(store: Store) -> None:
    first = store.save_batch([_article("Peskov said no. It is not true.")], [])
    again = store.save_batch([_article("Peskov  said no.\nIt is not true.")], [])  # same text, reflowed
    assert (first.new, again.new, again.unchanged) == (1, 0, 1)
    assert store.count_articles() == 1


def test_round_trip_keeps_attributions_and_entities(store: Store) -> None:
    original = _article("Quote text here. More.")
    store.save_batch([original], [])
    loaded = store.get_article(original.id[:8])
    assert loaded.id == original.id
    assert loaded.attributions == original.attributions
    assert loaded.attributions[0].speaker is not None
    assert loaded.attributions[0].speaker.descriptors == ["Kremlin spokesman"]


def test_changed_text_under_same_url_is_a_new_version(store: Store) -> None:
    url = "https://example.org/story"
    store.save_batch([_article("First text.", url)], [])
    result = store.save_batch([_article("Corrected text.", url)], [])
    assert result.versions == 1
    assert store.count_articles() == 2
    latest = store.list_articles()
    assert [r.version for r in latest] == [2]
    assert sorted(r.version for r in store.list_articles(all_versions=True)) == [1, 2]
    assert store.get_article(url).text == "Corrected text."


def test_full_text_search_and_hostile_queries(store: Store) -> None:
    store.save_batch([_article("The Kremlin confirmed the testing equipment."),
                      _article("Unrelated weather report.")], [])
    hits = store.search("kremlin")
    assert len(hits) == 1 and "[Kremlin]" in hits[0].snippet
    for hostile in ['"', "'; DROP TABLE articles; --", "kremlin OR", "NEAR(", "*", "a AND"]:
        store.search(hostile)  # never raises
    assert store.count_articles() == 2
    assert len(store.search("kremlin'); --")) == 1  # unparsable: searched as words


def test_rejections_are_upserted_and_cleared_on_success(store: Store) -> None:
    store.save_batch([], [Rejection("x.txt", Reason.EMPTY, "the file is empty")])
    store.save_batch([], [Rejection("x.txt", Reason.BINARY, "binary")])
    assert [(r.source, r.reason) for r in store.rejections()] == [("x.txt", Reason.BINARY)]
    store.save_batch([_article("Now it has text.", source="x.txt")], [])
    assert store.rejections() == []


def test_unknown_article_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_article("deadbeef")


def test_a_failed_batch_writes_nothing(store: Store) -> None:
    good = _article("Good one.")
    bad = _article("Bad one.")
    bad.attributions[0].content_span = None  # type: ignore[assignment]
    with pytest.raises((TypeError, sqlite3.IntegrityError)):
        store.save_batch([good, bad], [])
    assert store.count_articles() == 0


def test_an_input_found_already_stored_clears_its_old_rejection(store: Store) -> None:
    store.save_batch([], [Rejection("x.txt", Reason.TIMEOUT, "timed out")])
    store.save_batch([], [], present=["x.txt"])
    assert store.rejections() == []


def test_a_bare_surname_is_the_one_person_of_that_name(store: Store) -> None:
    first = _article("Peskov said no. It is not true.")
    later = _article("Later, Peskov said it again.")
    later.attributions[0].speaker = Entity("Peskov", "PERSON")
    store.save_batch([first, later], [])
    ids = {r[0] for r in store.conn.execute("SELECT entity_id FROM attributions")}
    assert len(ids) == 1
    (aliases,) = store.conn.execute("SELECT aliases FROM entities").fetchone()
    assert "Peskov" in aliases
    # Two people share the surname: a bare "Smith" stays its own entity rather than guess.
    a, b, c = (_article(f"Text number {n} is here.") for n in (1, 2, 3))
    a.attributions[0].speaker = Entity("Jane Smith", "PERSON")
    b.attributions[0].speaker = Entity("John Smith", "PERSON")
    c.attributions[0].speaker = Entity("Smith", "PERSON")
    store.save_batch([a, b, c], [])
    names = {r[0] for r in store.conn.execute("SELECT name FROM entities")}
    assert {"Jane Smith", "John Smith", "Smith"} <= names
