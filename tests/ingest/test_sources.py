from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from claimledger.errors import Reason
from claimledger.ingest.sources import SourceConfig, count_files, iter_sources
from claimledger.model import RawDocument, Rejection

RUSSIAN_HTML = (
    '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>'
    "<article><h1>Новости дня</h1>" + "<p>Песков заявил журналистам, что это неправда.</p>" * 30
    + "</article></body></html>"
)


def _split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = {Path(r.source).name: r for r in items if isinstance(r, Rejection)}
    return docs, rejected


def test_a_messy_folder(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nThe minister said it was fine.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "russian.html").write_bytes(RUSSIAN_HTML.encode("cp1251"))
    whole = gzip.compress(b"Some article text. " * 500)
    (tmp_path / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 10)
    (tmp_path / "empty.txt").write_bytes(b"")
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: never read into memory
    (tmp_path / ".hidden.txt").write_text("secret")

    docs, rejected = _split(list(iter_sources([str(tmp_path)], SourceConfig())))

    assert sorted(Path(d.source).name for d in docs) == ["good.txt", "russian.html"]
    html = next(d for d in docs if d.source.endswith(".html"))
    assert html.media_type == "text/html"
    assert rejected["truncated.txt.gz"].reason is Reason.CORRUPT
    assert rejected["photo.jpg"].reason is Reason.BINARY
    assert rejected["empty.txt"].reason is Reason.EMPTY
    assert rejected["huge.txt"].reason is Reason.TOO_LARGE
    assert "50.0 MiB" in rejected["huge.txt"].message
    assert ".hidden.txt" not in rejected
    assert count_files([str(tmp_path)]) == 6


def test_gzip_over_the_cap_after_decompression(tmp_path: Path) -> None:
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>x</p>" * 200_000))
    items = list(iter_sources([str(tmp_path / "bomb.html.gz")], SourceConfig(max_bytes=100_000)))
    assert isinstance(items[0], Rejection) and items[0].reason is Reason.TOO_LARGE


def test_gzipped_html_is_read(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(b"<html><body><p>Hi</p></body></html>"))
    (doc,) = iter_sources([str(tmp_path / "page.html.gz")])
    assert isinstance(doc, RawDocument) and doc.media_type == "text/html"


def test_json_lines_records_and_their_errors(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Body one.", "title": "One", "url": "https://example.org/1",
                    "published": "2024-10-09", "authors": ["Ann Author"], "publisher": "Daily"}),
        "",
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps(["a", "list"]),
        json.dumps({"html": "<html><body><p>Two</p></body></html>"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n")
    items = list(iter_sources([str(path)]))
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert [d.media_type for d in docs] == ["text/plain", "text/html"]
    assert docs[0].meta == {"title": "One", "published": "2024-10-09", "publisher": "Daily",
                            "authors": ["Ann Author"], "url": "https://example.org/1"}
    assert docs[0].url == "https://example.org/1"
    assert [r.source.rsplit(":", 1)[1] for r in rejected] == ["3", "4", "5"]
    assert all(r.reason is Reason.BAD_JSON for r in rejected)


def test_stdin_text_and_jsonl() -> None:
    (doc,) = iter_sources(["-"], SourceConfig(stdin=io.BytesIO(b"Title\n\nBody.")))
    assert isinstance(doc, RawDocument) and doc.source == "stdin" and doc.media_type == "text/plain"
    stream = io.BytesIO(b'{"text": "a"}\n{"text": "b"}\n')
    docs = list(iter_sources(["-"], SourceConfig(stdin=stream)))
    assert [d.data for d in docs if isinstance(d, RawDocument)] == [b"a", b"b"]


def test_missing_path_is_a_rejection_not_a_crash(tmp_path: Path) -> None:
    (rej,) = iter_sources([str(tmp_path / "nope.txt")])
    assert isinstance(rej, Rejection) and rej.reason is Reason.NOT_FOUND


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    (tmp_path / "notes").write_bytes(b"Plain words here.")
    docs = list(iter_sources([str(tmp_path)]))
    assert {Path(d.source).name: d.media_type for d in docs if isinstance(d, RawDocument)} == {
        "notes": "text/plain",
        "page.dat": "text/html",
    }


def test_json_lines_with_long_records_on_stdin() -> None:
    records = [json.dumps({"text": f"Story {i}. " + "word " * 1200}) for i in range(2)]
    stream = io.BytesIO(("\n".join(records) + "\n").encode())
    docs = list(iter_sources(["-"], SourceConfig(stdin=stream)))
    assert len(docs) == 2 and all(isinstance(d, RawDocument) for d in docs)
    assert docs[0].data.startswith(b"Story 0.")
