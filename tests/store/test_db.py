"""The store on both engines: every test here runs on a SQLite file and on a PostgreSQL database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import numpy as np
import pytest

from claimledger.errors import NotFoundError, Reason, StoreError
from claimledger.model import Article, Attribution, Claim, Entity, Rejection, Stance
from claimledger.store.backend import PgConnection
from claimledger.store.db import Store
from tests.conftest import LedgerFactory


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
def store(new_ledger: LedgerFactory):
    with Store.open(new_ledger()) as s:
        yield s


def _columns(s: Store, table: str) -> set[str]:
    if s.dialect == "sqlite":
        return {r[1] for r in s.conn.execute(f"PRAGMA table_info({table})")}
    rows = s.conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", (table,)
    )
    return {r[0] for r in rows}


def test_migrations_are_recorded_and_not_rerun(new_ledger: LedgerFactory) -> None:
    url = new_ledger()
    Store.open(url).close()
    with Store.open(url) as s:
        names = [r[0] for r in s.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == ["0001_initial", "0002_ledger", "0003_wordings", "0004_merged", "0005_entity_scope",
                     "0006_wording_text"]


def test_both_engines_build_the_same_tables_and_columns(pg_admin_url: str) -> None:
    """PostgreSQL's migrations mirror SQLite's: a column added to one and not the other fails here."""
    from tests import pgserver

    with Store.open(pgserver.create_database(pg_admin_url)) as pg, Store.open(":memory:") as lite:
        for table in ("articles", "entities", "attributions", "claims", "claim_mentions",
                      "claim_wordings", "stances", "rejections", "schema_migrations"):  # fmt: skip
            assert _columns(pg, table) - {"rowid", "fts"} == _columns(lite, table), table


def test_a_version_1_ledger_is_upgraded_with_its_articles(new_ledger: LedgerFactory) -> None:
    from claimledger.store.schema import _statements, migrations

    url = new_ledger("old")
    first = dict(migrations(new_ledger.backend))["0001_initial"]
    conn: sqlite3.Connection | PgConnection
    if new_ledger.backend == "sqlite":
        conn = sqlite3.connect(url, isolation_level=None)
        for statement in _statements(first):
            conn.execute(statement)
    else:
        conn = PgConnection.connect(url)
        conn.executescript(first)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_initial', '2026-01-01')")
    conn.execute(
        "INSERT INTO articles (id, text, ingested_at) VALUES ('a1', 'Old text.', '2026-01-01')"
    )
    conn.close()
    with Store.open(url) as s:
        assert s.count_articles() == 1
        assert {"status", "embedding", "last_activity"} <= _columns(s, "claims")
        assert s.search("old")[0].id == "a1"


def test_a_read_command_never_creates_a_ledger(new_ledger: LedgerFactory) -> None:
    with pytest.raises(NotFoundError):
        Store.open(new_ledger(), create=False)


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    url = "postgresql://reader:hunter2@/claimledger?host=/nonexistent-socket-dir"
    with pytest.raises(StoreError) as err:
        Store.open(url)
    assert "hunter2" not in str(err.value) and "reader:***" in str(err.value)


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


def test_search_pages_through_every_hit_once(store: Store) -> None:
    texts = [f"The Kremlin confirmed report number {i}." for i in range(7)]
    store.save_batch([_article(t, source=f"{i}.txt") for i, t in enumerate(texts)], [])
    store.save_batch([_article("Unrelated weather report.", source="w.txt")], [])
    pages = [store.search("kremlin", limit=3, offset=o) for o in (0, 3, 6, 9)]
    assert [len(p) for p in pages] == [3, 3, 1, 0]
    ids = [h.id for p in pages for h in p]
    assert len(set(ids)) == 7  # no hit twice, none lost between pages


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
    with pytest.raises((TypeError, StoreError)):
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


def _with_claim(text: str, claim: str, vector: np.ndarray) -> Article:
    a = _article(text)
    a.claims = [Claim(claim, claim.lower(), (0, 5), [((0, 5), 0)], ["Trump", "Putin"], 0,
                      embedding=vector)]  # fmt: skip
    a.stances = [Stance(0, 0, "asserts", (0, 5))]
    return a


def test_writers_take_turns_and_see_each_others_claims(new_ledger: LedgerFactory) -> None:
    """Two ingesting processes on one ledger: a claim one stored links the other's restatement."""
    url = new_ledger()
    rng = np.random.default_rng(7)
    base = rng.normal(size=384).astype(np.float32)
    other = rng.normal(size=384).astype(np.float32)
    with Store.open(url) as a, Store.open(url) as b:
        b.save_batch([_with_claim("An unrelated story.", "It rained in Oslo", other)], [])
        a.save_batch([_with_claim("First report.", "Trump sent Putin testing kits", base)], [])
        near = base + 0.01 * rng.normal(size=384).astype(np.float32)
        # b's index was loaded before a stored its claim; b words it differently.
        b.save_batch([_with_claim("Second report.", "Trump gave Putin test machines", near)], [])
        rows = b.conn.execute(
            "SELECT claim_id, count(DISTINCT article_id) AS n FROM claim_mentions GROUP BY claim_id"
            " ORDER BY n DESC"
        ).fetchall()
    assert [r["n"] for r in rows] == [2, 1]


def test_a_new_version_replaces_the_old_versions_stances_not_adds_to_them(store: Store) -> None:
    """A corrected story restates Peskov's denial: the ledger shows it once, from the newest text."""
    from claimledger.ledger.entries import get_entry

    url = "https://example.org/corrected"
    rng = np.random.default_rng(3)
    kits, rain = rng.normal(size=384).astype(np.float32), rng.normal(size=384).astype(np.float32)
    v1 = _with_claim("Peskov denied it. First text.", "Trump sent Putin testing kits", kits)
    v1.url = url
    v1.stances = [Stance(0, 0, "denies", (0, 5))]
    extra = Claim("It rained in Oslo", "it rained in oslo", (6, 10), [((6, 10), 0)], [], None,
                  embedding=rain)  # fmt: skip
    v1.claims.append(extra)
    v1.stances.append(Stance(1, 0, "asserts", (6, 10)))
    store.save_batch([v1], [])
    v2 = _with_claim("Peskov denied it. Corrected text.", "Trump sent Putin testing kits", kits)
    v2.url = url
    v2.stances = [Stance(0, 0, "denies", (0, 5))]
    assert store.save_batch([v2], []).versions == 1
    kits_entry = get_entry(store, v2.claims[0].ledger_id or "")
    assert [(st.stance, st.article_id) for st in kits_entry.stances] == [("denies", v2.id)]
    assert [a["article"] for a in kits_entry.appearances] == [v2.id]
    assert kits_entry.status == "denied"
    # The claim only the first text made keeps its stance: it was published.
    rain_entry = get_entry(store, v1.claims[1].ledger_id or "")
    assert [(st.stance, st.article_id) for st in rain_entry.stances] == [("asserts", v1.id)]


def test_claim_search_reads_hyphens_and_decimals_as_the_index_does(store: Store) -> None:
    from claimledger.ledger.entries import list_entries

    rng = np.random.default_rng(5)
    store.save_batch(
        [_with_claim("A report.", "Covid-19 tests cost 3.5 dollars each", rng.normal(size=384).astype(np.float32)),
         _with_claim("Another.", "The weather was fine", rng.normal(size=384).astype(np.float32))], [])  # fmt: skip
    for query in ("covid-19", "Covid-19 tests", "3.5 dollars", "tests"):
        found = [e.claim for e in list_entries(store, query=query)]
        assert found == ["Covid-19 tests cost 3.5 dollars each"], query
    assert list_entries(store, query="weather covid") == []


def test_a_claim_links_through_any_wording_the_ledger_has(new_ledger: LedgerFactory) -> None:
    """A third wording close to the second and not to the first is still the same entry,
    also for a writer that opens the ledger later."""
    at = _plane(11)
    a, b, c = at(0), at(32), at(64)  # cos(a, b) = cos(b, c) = 0.85, cos(a, c) = 0.44
    url = new_ledger()
    with Store.open(url) as s:
        s.save_batch([_with_claim("First report.", "Trump sent Putin testing kits", a)], [])
        s.save_batch([_with_claim("Second report.", "Trump gave Putin test machines", b)], [])
    with Store.open(url) as s:
        s.save_batch([_with_claim("Third report.", "Putin got US test kits", c)], [])
        rows = s.conn.execute(
            "SELECT claim_id, count(DISTINCT article_id) AS n FROM claim_mentions GROUP BY claim_id"
        ).fetchall()
    assert [r["n"] for r in rows] == [3]


def test_wordings_that_drift_away_from_the_first_start_their_own_entry(new_ledger: LedgerFactory) -> None:
    """Single link chains: each wording close to the one before, the last far from the first
    ("Kim fractured both ankles" joined "Kim is still in control but struggling with
    illnesses" through two wordings in between). A wording joins an entry only if it is also
    near the entry's first wording (LEDGER_ANCHOR_FLOOR), for every writer."""
    from claimledger.ledger.linking import LEDGER_ANCHOR_FLOOR, LEDGER_THRESHOLD

    at = _plane(16)
    a, b, c, d = at(0), at(40), at(80), at(48)
    assert LEDGER_ANCHOR_FLOOR is not None
    assert _cos(a, b) >= LEDGER_THRESHOLD and _cos(b, c) >= LEDGER_THRESHOLD > _cos(a, c)
    assert _cos(a, c) < LEDGER_ANCHOR_FLOOR
    url = new_ledger()
    with Store.open(url) as s:
        s.save_batch([_with_claim("First.", "Kim is in control but ill", a)], [])
        s.save_batch([_with_claim("Second.", "Kim is ill, his ankles hurt", b)], [])
    with Store.open(url) as s:
        third = _with_claim("Third.", "Kim fractured both ankles", c)
        s.save_batch([third], [])
        fourth = _with_claim("Fourth.", "Kim's ankles are hurt", d)  # near the first two: joins them
        s.save_batch([fourth], [])
        first_id = s.conn.execute(
            "SELECT claim_id FROM claim_mentions m JOIN articles a ON a.id = m.article_id"
            " WHERE a.text = 'First.'"
        ).fetchone()[0]
    assert third.claims[0].ledger_id != first_id
    assert fourth.claims[0].ledger_id == first_id


def _plane(seed: int) -> Callable[..., np.ndarray]:
    """Unit vectors by angle: ``at(deg)`` lies in one plane (cos of the angle between two is
    their cosine); ``lift`` tilts it by that sine into a third direction, ``other`` into a
    fourth (an unrelated claim).  The ledger links at 0.60 and folds at 0.70."""
    e1, e2, e3, e4 = np.linalg.qr(np.random.default_rng(seed).normal(size=(384, 4)))[0].T

    def at(deg: float, lift: float = 0.0, other: float = 0.0) -> np.ndarray:
        v = np.cos(np.radians(deg)) * e1 + np.sin(np.radians(deg)) * e2
        v = np.sqrt(1 - lift**2 - other**2) * v + lift * e3 + other * e4
        return v.astype(np.float32)

    return at


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def _live_entries(s: Store) -> int:
    return int(s.conn.execute("SELECT count(*) FROM claims WHERE merged_into IS NULL").fetchone()[0])


def test_a_wording_close_to_two_small_entries_folds_them_into_one(new_ledger: LedgerFactory) -> None:
    """Two wordings of one claim arrived far apart and started two entries; a third close to
    both shows they are one: one entry with every appearance and stance, the old ids still
    answering, the earlier origin kept, and the folded entry's own wordings still linking."""
    from claimledger.ledger.entries import get_entry, list_entries, list_sources

    at = _plane(12)
    kits, machines, bridge = at(0), at(60), at(28)
    earlier_v, fourth_v = at(60, lift=0.436), at(60, lift=-0.751)
    assert _cos(kits, machines) < 0.60 <= _cos(earlier_v, machines)  # two entries; earlier joins one
    assert min(_cos(bridge, kits), _cos(bridge, machines)) >= 0.70 > 0.60 > _cos(earlier_v, kits)
    assert _cos(fourth_v, machines) >= 0.60 > max(_cos(fourth_v, v) for v in (kits, bridge, earlier_v))
    url = new_ledger()
    with Store.open(url) as s:
        first = _with_claim("First report.", "Trump sent Putin testing kits", kits)
        second = _with_claim("Second report.", "Putin got American test machines", machines)
        second.published = "2020-10-20"
        s.save_batch([first, second], [])
        # An earlier article moves the second entry's origin (and text) to itself.
        earlier = _with_claim("Earlier report.", "Putin got US test machines", earlier_v)
        earlier.published = "2020-09-01"
        s.save_batch([earlier], [])
        assert earlier.claims[0].ledger_id == second.claims[0].ledger_id != first.claims[0].ledger_id
        assert _live_entries(s) == 2
        third = _with_claim("Third report.", "Trump gave Putin test kits", bridge)
        s.save_batch([third], [])
        assert _live_entries(s) == 1
        kept = third.claims[0].ledger_id or ""
        assert kept == first.claims[0].ledger_id
        entry = get_entry(s, kept)
        assert sorted(a["article"] for a in entry.appearances) == sorted(
            x.id for x in (first, second, earlier, third)
        )
        assert len(entry.stances) == 4
        assert entry.claim == "Putin got US test machines"  # the earliest origin's wording
        assert entry.origin.article_id == earlier.id
        assert [e.id for e in list_entries(s)] == [kept]
        for old in (first.claims[0].ledger_id, second.claims[0].ledger_id):
            assert get_entry(s, old or "").id == kept
            assert get_entry(s, (old or "")[:8]).id == kept  # a short id too
        (peskov,) = list_sources(s)
        assert peskov["originated"] == 1
    # A writer opening the ledger later links through the folded entry's first wording (only).
    with Store.open(url) as s:
        fourth = _with_claim("Fourth report.", "Putin was sent US test machines", fourth_v)
        s.save_batch([fourth], [])
        assert fourth.claims[0].ledger_id == kept
        assert _live_entries(s) == 1


def test_a_new_entry_after_a_fold_reaches_a_writer_opened_before_it(new_ledger: LedgerFactory) -> None:
    """A fold keeps the folded row (a tombstone): SQLite hands its rowid to no new entry, so
    another writer, which reads new entries by rowid, does not miss the next one."""
    at = _plane(13)
    url = new_ledger()
    with Store.open(url) as a, Store.open(url) as b:
        b.save_batch([_with_claim("Unrelated.", "It rained in Oslo", at(0, lift=1.0))], [])
        a.save_batch([_with_claim("One.", "Trump sent Putin testing kits", at(0)),
                      _with_claim("Two.", "Putin got American test machines", at(60))], [])  # fmt: skip
        # b reads all three; the entry that will fold is the newest row b has read
        b.save_batch([_with_claim("Rain.", "It rained in Oslo again", at(0, lift=0.99))], [])
        a.save_batch([_with_claim("Three.", "Trump gave Putin test kits", at(28))], [])
        assert _live_entries(a) == 2
        a.save_batch([_with_claim("Four.", "The mayor resigned", at(0, other=1.0))], [])
        resigned = _with_claim("Five.", "The mayor has resigned", at(0, other=0.99))
        b.save_batch([resigned], [])
        n = b.conn.execute(
            "SELECT count(DISTINCT article_id) FROM claim_mentions WHERE claim_id = ?",
            (resigned.claims[0].ledger_id,),
        ).fetchone()[0]
        assert n == 2
        assert _live_entries(b) == 3


def test_a_writer_with_a_stale_index_never_folds_a_large_entry(new_ledger: LedgerFactory) -> None:
    """Another writer's index still files a folded entry under its old id and thinks it small;
    what it now belongs to is large.  Size is read from the ledger, so nothing folds."""
    at = _plane(14)
    big, small, bridge = at(0), at(60), at(28)
    masks = at(60, lift=0.85)  # 0.53 with the small entry: its own entry
    wording = (0.30 * small + 0.34 * masks).astype(np.float32)
    wording /= np.linalg.norm(wording)
    assert _cos(wording, masks) > _cos(wording, small) >= 0.70 > 0.60 > _cos(wording, big)
    url = new_ledger()
    with Store.open(url) as a, Store.open(url) as b:
        a.save_batch([_with_claim(f"Big {k}.", f"Trump sent Putin testing kits {'abcd'[k]}", big) for k in range(4)]
                     + [_with_claim("Small.", "Putin got American test machines", small)], [])  # fmt: skip
        b.save_batch([_with_claim("Other.", "Putin got Chinese masks", masks)], [])  # loads the index
        a.save_batch([_with_claim("Bridge.", "Trump gave Putin test kits", bridge)], [])
        assert _live_entries(a) == 2  # the small entry folded into the large one
        b.save_batch([_with_claim("Masks.", "Putin was sent masks and machines", wording)], [])
        assert _live_entries(b) == 2  # the large entry (6 articles) did not fold into the masks


def test_an_entry_stored_before_wordings_were_kept_counts_all_its_articles(new_ledger: LedgerFactory) -> None:
    """A ledger from before claim_wordings has one exemplar per entry, however many articles
    it appears in: a bridging wording must not fold such an entry as if it were small."""
    at = _plane(15)
    url = new_ledger()
    with Store.open(url) as s:
        s.save_batch([_with_claim(f"Big {k}.", f"Trump sent Putin testing kits {'abcd'[k]}", at(0)) for k in range(4)]
                     + [_with_claim("Small.", "Putin got American test machines", at(60))], [])  # fmt: skip
        s.conn.execute("DELETE FROM claim_wordings")  # as an upgraded ledger has it
    with Store.open(url) as s:
        bridge = _with_claim("Bridge.", "Putin got US test kits", at(32))  # nearer the small one
        s.save_batch([bridge], [])
        assert _live_entries(s) == 2


def test_a_fold_keeps_only_the_newest_version_of_a_corrected_article(store: Store) -> None:
    """The old text of a corrected story spoke to one entry, its new text to the other; once
    the two entries fold, only the new text's stance counts (the supersede rule)."""
    from claimledger.ledger.entries import get_entry

    at = _plane(16)
    v1 = _with_claim("Peskov denied it. First text.", "Putin got American test machines", at(60))
    v1.url, v1.stances = "https://example.org/corrected", [Stance(0, 0, "denies", (0, 5))]
    store.save_batch([v1], [])
    v2 = _with_claim("Peskov denied it. Corrected text.", "Trump sent Putin testing kits", at(0))
    v2.url, v2.stances = v1.url, [Stance(0, 0, "denies", (0, 5))]
    store.save_batch([v2], [])
    bridge = _with_claim("Another paper.", "Trump gave Putin test kits", at(28))
    store.save_batch([bridge], [])
    entry = get_entry(store, bridge.claims[0].ledger_id or "")
    assert sorted((st.stance, st.article_id) for st in entry.stances) == sorted(
        [("denies", v2.id), ("asserts", bridge.id)]
    )
    assert sorted(a["article"] for a in entry.appearances) == sorted([v2.id, bridge.id])
    # the folded entry's wording still finds the entry it joined
    from claimledger.ledger.entries import list_entries

    assert [e.id for e in list_entries(store, query="American machines")] == [entry.id]


def test_two_claims_of_one_article_never_fold_together(new_ledger: LedgerFactory) -> None:
    """An article's own claims were told apart at the stricter within-article threshold: a
    wording from it, or from a later article, close to both does not make them one entry."""
    at = _plane(17)
    url = new_ledger()
    with Store.open(url) as s:
        s.save_batch([_with_claim("Earlier.", "Trump sent Putin testing kits", at(0))], [])
        both = _with_claim("Both claims.", "Putin got American test machines", at(60))
        # its first claim is new; its second links to the earlier entry and is close to the first
        both.claims.append(Claim("Trump gave Putin test kits", "trump gave putin test kits", (6, 10),
                                 [((6, 10), 0)], [], 0, embedding=at(28)))  # fmt: skip
        s.save_batch([both], [])
        assert len({c.ledger_id for c in both.claims}) == 2
        later = _with_claim("Later.", "Trump gave Putin US test kits", at(29))
        s.save_batch([later], [])
        assert _live_entries(s) == 2


def test_the_ledger_does_not_link_two_claims_that_only_share_a_topic(store: Store) -> None:
    """Claims of one beat sit near each other: 0.55 is a shared topic, not a shared claim.
    Headline clustering (ledger.linking.cluster) links there; the ledger does not."""
    from claimledger.ledger.linking import LEDGER_THRESHOLD, LINK_THRESHOLD

    at = _plane(18)
    topic, other = at(0), at(56.6)  # cosine 0.55
    assert LINK_THRESHOLD < _cos(topic, other) < LEDGER_THRESHOLD
    a = _with_claim("One.", "They would vote for Hillary Clinton", topic)
    b = _with_claim("Two.", "She hopes to be elected president", other)
    store.save_batch([a, b], [])
    assert a.claims[0].ledger_id != b.claims[0].ledger_id


def test_a_claim_linked_by_another_claim_of_the_article_is_not_folded(store: Store) -> None:
    """The article's second claim links to entry X; its first claim, linking to Y and close to X,
    must not fold X into Y: the article holds its two claims apart."""
    at = _plane(19)
    store.save_batch([_with_claim("Y.", "Trump sent Putin testing kits", at(0)),
                      _with_claim("X.", "Putin got American test machines", at(60))], [])  # fmt: skip
    both = _with_claim("Both.", "Trump gave Putin test kits", at(28))  # links Y, 0.85 with X
    both.claims.append(Claim("Putin got machines", "putin got machines", (6, 10), [((6, 10), 0)], [], 0,
                             embedding=at(104)))  # links X (0.72), 0.24 with the first  # fmt: skip
    store.save_batch([both], [])
    assert _live_entries(store) == 2
    assert both.claims[0].ledger_id != both.claims[1].ledger_id


def test_a_writer_that_missed_a_fold_writes_to_the_entry_it_joined(new_ledger: LedgerFactory) -> None:
    """Writer b's index still files the folded entry's first wording under its old id; a
    wording closest to it is the kept entry's, and nothing is written under the tombstone."""
    at = _plane(20)
    url = new_ledger()
    with Store.open(url) as a, Store.open(url) as b:
        a.save_batch([_with_claim("Y.", "Trump sent Putin testing kits", at(0)),
                      _with_claim("X.", "Putin got American test machines", at(60))], [])  # fmt: skip
        b.save_batch([_with_claim("Other.", "It rained in Oslo", at(0, lift=1.0))], [])  # b loads its index
        third = _with_claim("Bridge.", "Trump gave Putin test kits", at(28))
        a.save_batch([third], [])
        kept = third.claims[0].ledger_id
        late = _with_claim("Late.", "Putin got US test machines", at(62))  # 0.999 with X's first wording
        b.save_batch([late], [])
        assert late.claims[0].ledger_id == kept
        (n,) = b.conn.execute(
            "SELECT count(*) FROM claim_mentions m JOIN claims c ON c.id = m.claim_id"
            " WHERE c.merged_into IS NOT NULL"
        ).fetchone()
        assert n == 0
        assert _live_entries(b) == 2


def test_a_described_speaker_reads_back_with_its_article_scoped_id(store: Store) -> None:
    a = _article("The company said no. It is not true.", url="https://example.org/a")
    b = _article("The company said yes. It is true.", url="https://example.org/b")
    for art in (a, b):
        art.attributions[0].speaker = Entity("company", "ORG", described=True, scope=art.url)
    store.save_batch([a, b], [])
    ids = {r[0] for r in store.conn.execute("SELECT entity_id FROM attributions")}
    assert len(ids) == 2  # two stories' companies
    loaded = store.get_article(a.id)
    speaker = loaded.attributions[0].speaker
    assert speaker is not None and speaker.described and speaker.scope == a.url
    assert speaker.id == a.attributions[0].speaker.id  # the id export prints is the stored one
    (stored,) = store.conn.execute(
        "SELECT entity_id FROM attributions WHERE article_id = ?", (a.id,)
    ).fetchone()
    assert stored == speaker.id


def test_a_described_role_is_no_surname_of_a_named_one(store: Store) -> None:
    # One stored "Kremlin spokesman" is not what another story's "the spokesman" means.
    first = _article("Peskov said no. It is not true.")
    first.attributions[0].speaker = Entity("Kremlin spokesman", "PERSON")
    later = _article("The spokesman said it again.")
    later.attributions[0].speaker = Entity("spokesman", "PERSON", described=True, scope=later.id)
    store.save_batch([first, later], [])
    assert len({r[0] for r in store.conn.execute("SELECT entity_id FROM attributions")}) == 2


def test_a_bare_surname_is_never_another_storys_described_speaker(store: Store) -> None:
    pop = _article("The pop singer said on Monday that the tour was over.", url="https://example.org/pop")
    pop.attributions[0].speaker = Entity("pop singer", "PERSON", described=True, scope=pop.url)
    tax = _article("Mr. Singer said on Tuesday that the tax bill would pass.", url="https://example.org/tax")
    tax.attributions[0].speaker = Entity("Singer", "PERSON")
    store.save_batch([pop, tax], [])
    assert len({r[0] for r in store.conn.execute("SELECT entity_id FROM attributions")}) == 2


def test_two_polls_of_one_race_stay_two_entries_for_every_writer(new_ledger: LedgerFactory) -> None:
    """Close in words, different in figures: two claims, also for a writer that opens the
    ledger later and reads the wordings back; a third wording of the first poll's figures
    joins the first poll."""
    at = _plane(21)
    url = new_ledger()
    with Store.open(url) as s:
        first = _with_claim("A poll.", "Clinton leads Trump by 46 percent to 42 percent", at(0))
        s.save_batch([first], [])
    with Store.open(url) as s:
        second = _with_claim("Another poll.", "Trump leads Clinton 47.1 percent to 41.7 percent", at(20))
        s.save_batch([second], [])
        assert second.claims[0].ledger_id != first.claims[0].ledger_id
        # a restatement of the second poll, nearer the first in words
        third = _with_claim("A third.", "Trump is ahead of Clinton, 47.1 percent to 41.7", at(5))
        s.save_batch([third], [])
        assert third.claims[0].ledger_id == second.claims[0].ledger_id


def _said_by(a: Article, name: str) -> Article:
    """``a`` with its one attribution's words the claim's, spoken by ``name``."""
    a.attributions[0].content = a.claims[0].text
    a.attributions[0].speaker = Entity(name, "PERSON")
    return a


def test_another_article_disputes_an_entry_only_by_restating_it_negated(store: Store) -> None:
    """Opposite negation is a rebuttal when the statement restates the entry (the bar a
    restatement meets inside one article), not when it only shares the entry's topic."""
    from claimledger.nlp.claims import rebuts

    store.rebuts = rebuts
    at = _plane(22)
    first = _said_by(_with_claim("One.", "Trump sent Putin testing kits", at(0)), "Bob Woodward")
    store.save_batch([first], [])
    close = _said_by(_with_claim("Two.", "Trump did not send Putin testing kits", at(30)), "Tom Smith")
    near = _said_by(_with_claim("Three.", "Putin did not get enough tests", at(-50)), "Ann Jones")
    assert _cos(at(0), at(30)) >= 0.75 > _cos(at(0), at(-50)) >= 0.60
    store.save_batch([close], [])
    store.save_batch([near], [])
    assert close.claims[0].ledger_id == near.claims[0].ledger_id == first.claims[0].ledger_id
    assert [s.stance for s in close.stances] == ["disputes"]
    assert [s.stance for s in near.stances] == ["asserts"]  # linked, but no restatement


def test_a_rebuttal_is_read_against_the_wording_it_links_through(store: Store) -> None:
    """An entry's wordings may word different parts of it: a statement close to a negated
    wording, and negated itself, does not dispute the entry's first, plain wording."""
    from claimledger.nlp.claims import rebuts

    store.rebuts = rebuts
    at = _plane(23)
    first = _said_by(_with_claim("One.", "Kim is ill and out of sight", at(0)), "Ann Jones")
    second = _said_by(_with_claim("Two.", "Kim has not been seen in public", at(30)), "Tom Smith")
    store.save_batch([first], [])
    store.save_batch([second], [])
    assert second.claims[0].ledger_id == first.claims[0].ledger_id
    third = _said_by(_with_claim("Three.", "Kim has not been seen since September", at(40)), "Lee Park")
    store.save_batch([third], [])
    assert third.claims[0].ledger_id == first.claims[0].ledger_id
    assert [s.stance for s in third.stances] == ["asserts"]


def test_a_clause_split_from_an_act_is_read_alone_for_a_rebuttal(store: Store) -> None:
    """"Smith said the plant was closed, and that the workers were not paid": the first
    clause restates the entry "the plant was closed"; the second clause's "not" is no
    rebuttal of it."""
    from claimledger.nlp.claims import rebuts

    store.rebuts = rebuts
    at = _plane(25)
    first = _said_by(_with_claim("One.", "the plant was closed", at(0)), "Ann Jones")
    store.save_batch([first], [])
    words = "the plant was closed, and that the workers were not paid"
    text = f"Smith said {words}."
    second = _article(text)
    start = text.index(words)
    piece_a = (start, start + len("the plant was closed"))
    piece_b = (text.index("the workers"), start + len(words))
    att = second.attributions[0]
    att.content, att.content_span = words, (start, start + len(words))
    att.speaker = Entity("Tom Smith", "PERSON")
    second.claims = [
        Claim("the plant was closed", "the plant was closed", piece_a, [(piece_a, 0)], [], 0,
              embedding=at(20)),
        Claim("the workers were not paid", "the workers were not paid", piece_b, [(piece_b, 0)], [],
              0, negated=True, embedding=at(90, other=0.9)),
    ]  # fmt: skip
    second.stances = [Stance(0, 0, "asserts", piece_a), Stance(1, 0, "asserts", piece_b)]
    store.save_batch([second], [])
    assert second.claims[0].ledger_id == first.claims[0].ledger_id
    assert [s.stance for s in second.stances] == ["asserts", "asserts"]


def test_the_rebuttal_bar_is_the_restatement_bar_inside_an_article() -> None:
    from claimledger.ledger.linking import REBUTTAL_FLOOR
    from claimledger.nlp.claims import SAME_CLAIM_THRESHOLD

    assert REBUTTAL_FLOOR == SAME_CLAIM_THRESHOLD


def test_confirming_a_claim_that_negates_its_entry_denies_the_entry(store: Store) -> None:
    """Another article's "the WHO confirmed ISIS does not have Ebola" restates the entry "the
    fighters do have Ebola" negated: on the entry it is a denial."""
    from claimledger.nlp.claims import rebuts

    store.rebuts = rebuts
    at = _plane(24)
    first = _said_by(_with_claim("One.", "the fighters do have Ebola", at(0)), "Al-Sabah")
    store.save_batch([first], [])
    who = _said_by(_with_claim("Two.", "the fighters do not have Ebola", at(20)), "WHO")
    who.stances = [Stance(0, 0, "confirms", (0, 5))]
    store.save_batch([who], [])
    assert who.claims[0].ledger_id == first.claims[0].ledger_id
    assert [s.stance for s in who.stances] == ["denies"]
