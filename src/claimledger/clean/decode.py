"""Bytes to text: declared charset first, then the HTML meta tag, then sniffing.

News pages still arrive in Windows-1251, Shift-JIS or Latin-1 with wrong or
missing declarations; guessing wrong silently corrupts every quote, so the
order here is: BOM, declared charset (HTTP header / JSON Lines), ``<meta
charset>``, strict UTF-8, then charset-normalizer.  Binary input is refused
with a reason instead of decoded into garbage.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from claimledger.errors import InputRejected, Reason

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab/newline/carriage return/form feed: text has few.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "gzip data",
    b"BZh": "bzip2 data",
    b"RIFF": "a RIFF media file",
    b"\x00\x00\x01\x00": "an icon",
}


def sniff_binary(data: bytes) -> str | None:
    """Say what a binary blob looks like, or None if it may be text."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return what
    head = data[:8192]
    if not head:
        return None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def decode(data: bytes, declared: str | None = None, *, html: bool = False) -> str:
    """Decode ``data`` to str or raise :class:`InputRejected` (EMPTY, BINARY, DECODE)."""
    if not data.strip():
        raise InputRejected(Reason.EMPTY, "the input is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    what = sniff_binary(data)
    if what:
        raise InputRejected(Reason.BINARY, f"this looks like {what}, not text or HTML")
    candidates: list[str] = []
    declared_codec = _valid_codec(declared)
    if declared_codec:
        candidates.append(declared_codec)
    if html:
        m = _META_CHARSET.search(data[:4096])
        meta_codec = _valid_codec(m.group(1).decode("ascii", "ignore")) if m else None
        if meta_codec:
            candidates.append(meta_codec)
    for enc in candidates:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputRejected(Reason.DECODE, "could not find a text encoding for these bytes")
    return data.decode(best.encoding, errors="replace")
