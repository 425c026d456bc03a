from __future__ import annotations

import pytest

from claimledger.clean.decode import decode
from claimledger.errors import InputRejected, Reason

RUSSIAN = "Песков заявил, что это неправда. " * 20


def test_sniffs_windows_1251_without_a_declaration() -> None:
    assert decode(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_html_meta_charset_is_obeyed() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RUSSIAN}</p></body></html>'
    assert RUSSIAN in decode(html.encode("cp1251"), html=True)


def test_declared_charset_wins_over_sniffing() -> None:
    assert decode("café".encode("latin-1"), "iso-8859-1") == "café"


def test_utf16_with_bom() -> None:
    assert decode("hello world".encode("utf-16")) == "hello world"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", Reason.EMPTY),
        (b"  \n\t ", Reason.EMPTY),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), Reason.BINARY),
        (bytes(range(256)) * 4, Reason.BINARY),
    ],
)
def test_refuses_with_a_reason(data: bytes, reason: Reason) -> None:
    with pytest.raises(InputRejected) as info:
        decode(data)
    assert info.value.reason is reason
