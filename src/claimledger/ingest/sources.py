"""Sources: turn what the user points at into raw documents, or typed rejections.

A source spec is a file, a folder (read recursively, by type), a JSON Lines
dump, a URL (a page or an RSS/Atom feed), or ``-`` for standard input.  The
generator never raises for one bad input: it yields a :class:`Rejection` and
goes on, so one corrupt file cannot sink a batch.  Files are size-checked
before they are read and gzip is decompressed with a cap, so memory stays
bounded whatever lands in the folder.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from claimledger.clean.decode import sniff_binary
from claimledger.errors import InputRejected, Reason
from claimledger.ingest.feeds import is_feed, read_feed
from claimledger.ingest.fetch import FetchConfig, fetch_url
from claimledger.model import RawDocument, Rejection

Item = RawDocument | Rejection

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES


@dataclass(frozen=True, kw_only=True)
class SourceConfig:
    """Limits for reading sources.  ``max_bytes`` caps one document (decompressed)."""

    max_bytes: int = 10 * 1024 * 1024
    fetch: FetchConfig = field(default_factory=FetchConfig)
    stdin: IO[bytes] | None = None  # a seam for tests; defaults to sys.stdin.buffer


def is_url(spec: str) -> bool:
    return spec.startswith(("http://", "https://"))


def iter_sources(specs: list[str], config: SourceConfig | None = None) -> Iterator[Item]:
    """Expand every spec into raw documents and rejections, lazily, in order."""
    config = config or SourceConfig()
    for spec in specs:
        if spec == "-":
            yield from _read_stdin(config)
        elif "://" in spec:
            yield from _read_url(spec, config)
        else:
            path = Path(spec).expanduser()
            try:
                is_dir = path.is_dir()
            except OSError as err:
                yield Rejection(spec, Reason.UNREADABLE, f"cannot read it ({err.strerror or err})")
                continue
            if is_dir:
                unreadable: list[OSError] = []
                for file in walk(path, unreadable.append):
                    yield from read_path(file, config)
                for problem in unreadable:
                    yield Rejection(
                        str(problem.filename or spec), Reason.UNREADABLE,
                        f"cannot read the folder ({problem.strerror or problem})",
                    )
            else:
                yield from read_path(path, config)


def walk(folder: Path, onerror: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    """Files under ``folder``, sorted, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def count_files(specs: list[str]) -> int | None:
    """How many files the specs name (for a progress bar), or None when unknowable."""
    total = 0
    for spec in specs:
        if spec == "-" or "://" in spec:
            return None
        path = Path(spec).expanduser()
        try:
            files = list(walk(path)) if path.is_dir() else [path]
        except OSError:
            return None
        for file in files:
            if _suffixes(file)[0] in JSONL_SUFFIXES | FEED_SUFFIXES:
                return None  # one file, many documents: the count would mislead
        total += len(files)
    return total


def _suffixes(path: Path) -> tuple[str, bool]:
    """(content suffix, gzipped?) — ``a.html.gz`` is ``(".html", True)``."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return Path(path.stem).suffix.lower(), True
    return suffix, False


def read_path(path: Path, config: SourceConfig) -> Iterator[Item]:
    source = str(path)
    try:
        yield from _read_path(path, config)
    except InputRejected as err:
        yield Rejection.from_error(err, source)
    except OSError as err:  # permission denied on a parent folder, a vanished file...
        yield Rejection(source, Reason.UNREADABLE, f"cannot read it ({err.strerror or err})")


def _read_path(path: Path, config: SourceConfig) -> Iterator[Item]:
    source = str(path)
    if not path.exists():
        raise InputRejected(Reason.NOT_FOUND, "no such file or folder", source)
    if not path.is_file():
        raise InputRejected(Reason.UNSUPPORTED, "not a regular file", source)
    suffix, gzipped = _suffixes(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, gzipped, config)
        return
    data = _read_capped(path, gzipped, config.max_bytes)
    yield from _from_bytes(data, source=source, suffix=suffix, config=config)


def _from_bytes(
    data: bytes, *, source: str, suffix: str, config: SourceConfig, fmt: str | None = None
) -> Iterator[Item]:
    if not data.strip():
        raise InputRejected(Reason.EMPTY, "the file is empty", source)
    what = sniff_binary(data)
    if what:
        raise InputRejected(Reason.BINARY, f"this looks like {what}, not text or HTML", source)
    kind = _kind(data, suffix)
    if kind == "feed":
        raw = RawDocument(data, source, "feed", media_type="application/xml")
        yield from read_feed(raw, config.fetch)
    elif kind == "jsonl":
        yield from _jsonl_lines(iter(data.splitlines(keepends=True)), source, config)
    else:
        media = "text/html" if kind == "html" else "text/plain"
        yield RawDocument(data, source, fmt or kind, media_type=media)


def _kind(data: bytes, suffix: str) -> str:
    """html | text | feed | jsonl, from the suffix where it is telling, else by sniffing."""
    head = data[:2048].lstrip().lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in FEED_SUFFIXES or head.startswith(b"<?xml"):
        if is_feed(data, None):
            return "feed"
        return "html" if b"<html" in head or b"<body" in head else "text"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    if is_feed(data, None):
        return "feed"
    if head.startswith(b"{"):
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _read_capped(path: Path, gzipped: bool, cap: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
        if not gzipped and size > cap:
            raise InputRejected(
                Reason.TOO_LARGE,
                f"the file is {size / 2**20:.1f} MiB, over the {cap / 2**20:.0f} MiB limit per document",
                source,
            )
        if size == 0:
            raise InputRejected(Reason.EMPTY, "the file is empty", source)
        opener = gzip.open if gzipped else open
        with opener(path, "rb") as fh:
            data = fh.read(cap + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise InputRejected(Reason.CORRUPT, f"damaged or truncated gzip file ({err})", source) from err
    except PermissionError as err:
        raise InputRejected(Reason.UNREADABLE, "permission denied", source) from err
    except OSError as err:
        raise InputRejected(Reason.UNREADABLE, f"cannot read the file ({err})", source) from err
    if len(data) > cap:
        raise InputRejected(
            Reason.TOO_LARGE, f"decompressed, the file is over the {cap / 2**20:.0f} MiB limit", source
        )
    return data


def _read_jsonl(path: Path, gzipped: bool, config: SourceConfig) -> Iterator[Item]:
    source = str(path)
    try:
        opener = gzip.open if gzipped else open
        with opener(path, "rb") as fh:
            yield from _jsonl_lines(fh, source, config)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        yield Rejection(source, Reason.CORRUPT, f"damaged or truncated gzip file ({err})")
    except OSError as err:
        yield Rejection(source, Reason.UNREADABLE, f"cannot read the file ({err})")


def _jsonl_lines(lines: Any, source: str, config: SourceConfig) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if not line.strip():
            continue
        if len(line) > config.max_bytes:
            yield Rejection(where, Reason.TOO_LARGE, "the record is over the size limit")
            continue
        try:
            yield _jsonl_record(line, where)
        except InputRejected as err:
            yield Rejection.from_error(err, where)


_META_KEYS = ("title", "published", "publisher", "language")


def _jsonl_record(line: bytes, where: str) -> RawDocument:
    try:
        record = json.loads(line)
    except ValueError as err:
        raise InputRejected(Reason.BAD_JSON, f"not valid JSON ({err})", where) from err
    if not isinstance(record, dict):
        raise InputRejected(Reason.BAD_JSON, "a record must be a JSON object", where)
    html, text = record.get("html"), record.get("text")
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        raise InputRejected(
            Reason.BAD_JSON, 'the record has no "text" or "html" field with content', where
        )
    meta: dict[str, Any] = {k: record[k] for k in _META_KEYS if isinstance(record.get(k), str)}
    authors = record.get("authors")
    if isinstance(authors, str):
        authors = [authors]
    if isinstance(authors, list):
        meta["authors"] = [a for a in authors if isinstance(a, str) and a.strip()]
    url = record.get("url") if isinstance(record.get("url"), str) else None
    if url:
        meta["url"] = url
    is_html = body is html
    return RawDocument(
        body.encode("utf-8"),
        where,
        "jsonl",
        media_type="text/html" if is_html else "text/plain",
        encoding="utf-8",
        url=url,
        meta=meta,
    )


def _read_stdin(config: SourceConfig) -> Iterator[Item]:
    stream = config.stdin or sys.stdin.buffer
    data = stream.read(config.max_bytes + 1)
    try:
        if len(data) > config.max_bytes:
            # JSON Lines on stdin may legitimately be large: stream the rest line by line.
            if data.lstrip().startswith(b"{"):
                rest = _chain(data, stream)
                yield from _jsonl_lines(rest, "stdin", config)
                return
            raise InputRejected(Reason.TOO_LARGE, "standard input is over the size limit", "stdin")
        yield from _from_bytes(data, source="stdin", suffix="", config=config, fmt="stdin")
    except InputRejected as err:
        yield Rejection.from_error(err, "stdin")


def _chain(head: bytes, stream: IO[bytes]) -> Iterator[bytes]:
    buf = head
    while True:
        *lines, buf = buf.split(b"\n")
        yield from (line + b"\n" for line in lines)
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        buf += chunk
    if buf:
        yield buf


def _read_url(url: str, config: SourceConfig) -> Iterator[Item]:
    try:
        raw = fetch_url(url, config.fetch)
        if is_feed(raw.data, raw.media_type):
            yield from read_feed(raw, config.fetch)
        else:
            yield raw
    except InputRejected as err:
        yield Rejection.from_error(err, url)
