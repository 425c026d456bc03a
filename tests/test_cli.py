"""End-to-end through the CLI, as a user runs it: real files, real spaCy, a real SQLite file."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import cli
from tests.conftest import unquote


def invoke(*args: str, input: bytes | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.db")


def _export(db: str) -> list[dict]:
    result = invoke("export", "--db", db)
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_reference_article_end_to_end(db: str, reference_path: Path) -> None:
    result = invoke("ingest", str(reference_path), "--db", db)
    assert result.exit_code == 0, result.output
    assert "The Kremlin confirms Trump sent Covid testing equipment" in result.stdout
    assert "we also sent equipment at the beginning of the pandemic." in result.stdout
    assert "1 new article(s)" in result.stderr

    (article,) = _export(db)
    text = article["text"]
    assert "close" not in text.split("\n\n")
    assert text.count("The Kremlin confirms Trump sent Covid testing equipment") == 1
    assert article["title"].startswith("The Kremlin confirms Trump")
    assert "Leave a Reply" not in text and "Required fields" not in text
    assert {r["reason"] for r in article["removed"]} >= {"popup", "duplicate_headline", "comment_form"}

    peskov = [a for a in article["attributions"] if a["speaker"] and a["speaker"]["name"] == "Dmitry Peskov"]
    contents = {unquote(a["content"]) for a in peskov}
    assert any("we also sent equipment at the beginning of the pandemic." in c for c in contents)
    assert any(c.startswith("No, that\u2019s not true") for c in contents)
    for att in article["attributions"]:
        start, end = att["content_span"]
        assert text[start:end] == att["content"]
        if att["source_span"]:
            assert text[slice(*att["source_span"])] == att["source"]
        if att["cue_span"]:
            assert text[slice(*att["cue_span"])] == att["cue"]

    # Twice is still one article.
    again = invoke("ingest", str(reference_path), "--db", db)
    assert again.exit_code == 0
    assert "0 new article(s)" in again.stderr and "1 already in the ledger" in again.stderr
    assert len(_export(db)) == 1


def test_articles_show_search_and_csv(db: str, reference_path: Path) -> None:
    invoke("ingest", str(reference_path), "--db", db)
    listing = invoke("articles", "--db", db)
    assert "1 article(s)" in listing.stdout and "Kremlin" in listing.stdout
    article_id = _export(db)[0]["id"]
    shown = invoke("show", article_id[:8], "--db", db)
    assert shown.exit_code == 0 and "Dmitry Peskov" in shown.stdout
    assert "NBC News could not independently verify this." in shown.stdout
    found = invoke("search", "Nebenzia", "--db", db)
    assert "[Nebenzia]" in found.stdout
    missing = invoke("show", "ffffffffffff", "--db", db)
    assert missing.exit_code == 2 and "no article" in missing.output
    rows = list(csv.DictReader(io.StringIO(invoke("export", "--format", "csv", "--db", db).stdout)))
    assert rows and all(r["article_id"] == article_id for r in rows)
    assert "Dmitry Peskov" in {r["speaker"] for r in rows}


def test_messy_folder_keeps_the_good_and_reports_the_bad(db: str, tmp_path: Path,
                                                         reference_bytes: bytes) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes(reference_bytes)
    body = "".join(f"<p>Песков заявил журналистам в Москве, что история номер {i} неправда.</p>"
                   for i in range(40))
    page = ('<html><head><meta charset="windows-1251"><title>Кремль отвечает</title></head>'
            f"<body><article><h1>Кремль отвечает</h1>{body}</article></body></html>")
    (folder / "russian.html").write_bytes(page.encode("cp1251"))
    whole = gzip.compress(reference_bytes)
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "blob.bin").write_bytes(os.urandom(4096))
    (folder / "empty.txt").write_bytes(b"")
    with open(folder / "big.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)

    result = invoke("ingest", str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 new article(s)" in result.stderr and "4 rejected" in result.stderr
    for name, reason in [("cut.txt.gz", "corrupt"), ("blob.bin", "binary"),
                         ("empty.txt", "empty"), ("big.txt", "too_large")]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), name
    articles = _export(db)
    russian = next(a for a in articles if "Песков" in a["text"])
    assert "история номер 3 неправда" in russian["text"]
    assert "blob.bin" in invoke("rejected", "--db", db).stdout


def test_nothing_ingested_exits_non_zero(db: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = invoke("ingest", str(tmp_path / "empty.txt"), "--db", db)
    assert result.exit_code == 1
    assert "Nothing could be ingested" in result.stderr


def test_usage_errors_exit_2(db: str) -> None:
    assert invoke("ingest", "--db", db).exit_code == 2
    assert invoke("ingest", "x.txt", "--workers", "0", "--db", db).exit_code == 2


def test_stdin_and_jsonl(db: str, tmp_path: Path, reference_bytes: bytes) -> None:
    result = invoke("ingest", "-", "--db", db, input=reference_bytes)
    assert result.exit_code == 0 and "1 new article(s)" in result.stderr
    record = {"text": 'Ministers met.\n\n"It went well," said Jane Doe, the finance minister.',
              "title": "Ministers meet", "url": "https://example.org/m", "published": "2024-10-09",
              "authors": ["Ann Author"], "publisher": "The Daily"}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(record) + "\n{broken\n")
    result = invoke("ingest", str(path), "--db", db)
    assert result.exit_code == 0 and "1 rejected" in result.stderr
    stored = next(a for a in _export(db) if a["url"] == "https://example.org/m")
    assert (stored["title"], stored["published"], stored["authors"], stored["publisher"]) == (
        "Ministers meet", "2024-10-09", ["Ann Author"], "The Daily")


def test_help_lists_every_command_with_examples() -> None:
    result = invoke("--help")
    for command in ("ingest", "articles", "show", "search", "export", "rejected"):
        assert command in result.stdout
        sub = invoke(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.stdout, command


def _story(i: int) -> str:
    words = " ".join(f"The committee met on day {j} of story {i} and the budget was read." for j in range(25))
    return (f"Story number {i} about the budget\n\n"
            f'"We will publish figure {i} next week," said Minister Alex Smith{i}. {words}.\n')


def test_kill_minus_nine_mid_ingest_then_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        (folder / f"story{i:03d}.txt").write_text(_story(i))
    db = str(tmp_path / "kill.db")
    cmd = [sys.executable, "-m", "claimledger.cli", "ingest", str(folder), "--db", db,
           "--batch-size", "5", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def count() -> int:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    deadline = time.monotonic() + 120
    while count() < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = count()
    assert 0 < partial < 200, "the kill must land mid-batch for this test to mean anything"

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 200
        assert conn.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0] == 200
        assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 200
    assert f"{200 - partial} new article(s)" in rerun.stderr


@pytest.fixture
def site(reference_bytes: bytes):
    """A real HTTP server on 127.0.0.1 serving an article page and a feed."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    paras = reference_bytes.decode("utf-8").split("\n\n")[4:-2]
    body = "".join(f"<p>{p}</p>" for p in paras)
    pages: dict[str, tuple[str, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path not in pages:
                self.send_error(404)
                return
            ctype, content = pages[self.path]
            data = content.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_port}"
    pages["/story.html"] = ("text/html", (
        "<html><head><title>Kremlin confirms test kits - The Wire</title>"
        '<meta property="og:site_name" content="The Wire">'
        '<meta property="article:published_time" content="2024-10-09T10:00:00Z">'
        f"</head><body><article><h1>Kremlin confirms test kits</h1>{body}</article></body></html>"))
    pages["/feed.xml"] = ("application/rss+xml", (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>The Wire</title>'
        f"<link>{base}/</link><description>x</description>"
        f"<item><title>Kremlin confirms test kits</title><link>{base}/story.html</link>"
        "<pubDate>Wed, 09 Oct 2024 10:00:00 GMT</pubDate></item>"
        f"<item><title>Gone</title><link>{base}/missing.html</link></item>"
        "</channel></rss>"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_url_ingest_obeys_the_private_address_rule(db: str, site: str) -> None:
    refused = invoke("ingest", f"{site}/story.html", "--db", db)
    assert refused.exit_code == 1
    assert "blocked_address" in refused.stderr and "--allow-private" not in refused.stdout
    ok = invoke("ingest", f"{site}/story.html", "--db", db, "--allow-private")
    assert ok.exit_code == 0, ok.output
    (article,) = _export(db)
    assert article["url"] == f"{site}/story.html"
    assert article["title"] == "Kremlin confirms test kits"
    assert article["published"].startswith("2024-10-09")
    assert any(a["speaker"] and a["speaker"]["name"] == "Dmitry Peskov" for a in article["attributions"])


def test_feed_ingest_fetches_entries_and_reports_the_broken_one(db: str, site: str) -> None:
    result = invoke("ingest", f"{site}/feed.xml", "--db", db, "--allow-private")
    assert result.exit_code == 0, result.output
    assert "1 new article(s)" in result.stderr and "1 rejected" in result.stderr
    assert "http_error" in result.stderr and "404" in result.stderr
    (article,) = _export(db)
    assert article["published"].startswith("2024-10-09")


def test_two_workers_give_the_same_ledger_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(8):
        (folder / f"s{i}.txt").write_text(_story(i))
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert invoke("ingest", str(folder), "--db", one, "-q").exit_code == 0
    assert invoke("ingest", str(folder), "--db", two, "-q", "--workers", "2").exit_code == 0
    assert _export(one) == _export(two)
    assert all(a["attributions"] for a in _export(two))


def _peak_rss_mb(folder: Path, db: Path) -> tuple[int, str, str]:
    probe = (
        "import resource, sys\n"
        "from claimledger.cli import cli\n"
        "code = 0\n"
        "try:\n"
        f"    cli(['ingest', {str(folder)!r}, '--db', {str(db)!r}, '-q'])\n"
        "except SystemExit as e:\n"
        "    code = e.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, code)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300)
    peak, code = done.stdout.split()
    return int(peak), code, done.stderr


def test_memory_stays_bounded_on_a_huge_file(tmp_path: Path, reference_bytes: bytes) -> None:
    small, big = tmp_path / "small", tmp_path / "big"
    for folder in (small, big):
        folder.mkdir()
        (folder / "good.txt").write_bytes(reference_bytes)
    with open(big / "huge.txt", "wb") as fh:
        fh.write(b"word " * (50 * 1024 * 1024 // 5))  # 50 MB of real text on disk
    base_peak, _, _ = _peak_rss_mb(small, tmp_path / "s.db")
    peak, code, stderr = _peak_rss_mb(big, tmp_path / "b.db")
    assert code == "0", stderr
    assert "huge.txt" in stderr and "too_large" in stderr
    # Reading the 50 MB file even once would raise the peak by 50 MB or more.
    assert peak - base_peak < 25, f"peak RSS {peak} MB against {base_peak} MB without the file"


def test_extract_prints_articles_without_a_database(tmp_path: Path, reference_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("extract", str(reference_path), str(tmp_path / "missing.txt"))
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "not_found" in result.stderr
    assert not list(tmp_path.glob("*.db")), "extract must not create a ledger"
    first = next(a for a in article["attributions"] if a["speaker"]["name"] == "Dmitry Peskov")
    # "told Bloomberg News in a written statement": the act is "told", the statement its manner.
    assert (first["cue"], first["cue_lemma"], first["cue_class"]) == ("told", "tell", "asserts")
    assert first["channel"] == "Bloomberg News"
    assert first["manner"] == "in a written statement"
    assert set(first) >= {"cue_lemma", "cue_class", "channel", "manner", "time", "parent"}
    assert first["speaker"]["entity_id"]
    assert invoke("extract", str(tmp_path / "missing.txt")).exit_code == 1


def test_read_commands_never_create_a_ledger(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for args in (["articles"], ["search", "x"], ["export"], ["rejected"], ["show", "abc"]):
        result = invoke(*args, "--db", str(missing))
        assert result.exit_code == 2 and "no ledger" in result.output, args
    assert not missing.exists()


def test_a_described_speaker_is_one_entity_per_story_a_named_one_across_them(db: str, tmp_path: Path) -> None:
    # "The company said" in two unrelated stories is two companies; a named company is one,
    # and a corrected version of a story (same URL, new text) keeps its company.
    def story(url: str, title: str, body: str) -> str:
        return json.dumps({"url": url, "title": title, "text": f"{title}\n\n{body}"})

    feed = tmp_path / "stories.jsonl"
    feed.write_text(
        "\n".join(
            [
                story("https://example.org/acme", "Acme recalls toasters",
                      "The company said in a statement on Monday that the toasters were safe.\n\n"
                      "Globex Corp. said on Tuesday that it would not recall its own toasters."),
                story("https://example.org/globex", "Globex cuts jobs",
                      "The company said in a statement on Friday that no factory would close.\n\n"
                      "Globex Corp. said on Saturday that 500 jobs would go by March."),
            ]
        )  # fmt: skip
        + "\n"
    )
    assert invoke("ingest", str(feed), "--db", db).exit_code == 0
    company = json.loads(invoke("entity", "company", "--db", db, "--format", "json").stdout)
    assert {s["article"] for s in company["sources"]} == {"Acme recalls toasters", "Globex cuts jobs"}
    assert len({s["entity_id"] for s in company["sources"]}) == 2
    globex = json.loads(invoke("entity", "Globex Corp.", "--db", db, "--format", "json").stdout)
    assert len({s["entity_id"] for s in globex["sources"]}) == 1
    assert len({st["article"] for st in globex["stances"]}) == 2

    corrected = tmp_path / "corrected.jsonl"
    corrected.write_text(
        story("https://example.org/acme", "Acme recalls toasters",
              "The company said in a statement on Monday that the toasters were safe to use.")  # fmt: skip
        + "\n"
    )
    assert invoke("ingest", str(corrected), "--db", db).exit_code == 0
    again = json.loads(invoke("entity", "company", "--db", db, "--format", "json").stdout)
    assert {s["entity_id"] for s in again["sources"]} == {s["entity_id"] for s in company["sources"]}
    text = invoke("entity", "company", "--db", db).stdout
    assert "in “Acme recalls toasters”" in text and "in “Globex cuts jobs”" in text


def test_a_corrected_story_in_a_ledger_from_before_scoping_does_not_dispute_itself(db: str, tmp_path: Path) -> None:
    from claimledger.model import stable_id

    def story(text: str) -> str:
        return json.dumps({"url": "https://example.org/toasters", "title": "Acme toasters", "text": text}) + "\n"

    first = tmp_path / "v1.jsonl"
    first.write_text(story("Acme toasters\n\nThe company said on Monday that the toasters were safe to use."))
    assert invoke("ingest", str(first), "--db", db).exit_code == 0
    # A ledger written before migration 0005 kept every story's "company" under one id.
    legacy = stable_id("ORG:company")
    with sqlite3.connect(db) as conn:
        (scoped,) = conn.execute("SELECT id FROM entities WHERE scope IS NOT NULL").fetchone()
        conn.execute("UPDATE entities SET id = ?, scope = NULL WHERE id = ?", (legacy, scoped))
        conn.execute("UPDATE attributions SET entity_id = ? WHERE entity_id = ?", (legacy, scoped))
        conn.execute("UPDATE claims SET origin_entity_id = ? WHERE origin_entity_id = ?", (legacy, scoped))
        conn.execute("UPDATE stances SET entity_id = ? WHERE entity_id = ?", (legacy, scoped))
    second = tmp_path / "v2.jsonl"
    second.write_text(story("Acme toasters\n\nThe company said on Monday that the toasters were not safe to use."))
    assert invoke("ingest", str(second), "--db", db).exit_code == 0
    entries = json.loads(invoke("ledger", "--db", db, "--format", "json").stdout)
    assert entries and all(e["status"] != "disputed" for e in entries)
