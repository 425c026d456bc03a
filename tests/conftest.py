"""Shared fixtures: the reference article and paths to the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "examples" / "kremlin-trump-covid-tests.txt"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def reference_path() -> Path:
    return REFERENCE


@pytest.fixture(scope="session")
def reference_bytes() -> bytes:
    return REFERENCE.read_bytes()


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019"


def unquote(content: str) -> str:
    """A quote's words without the marks around them (contents keep the marks, as printed)."""
    if content[:1] in QUOTE_MARKS:
        content = content[1:]
    if content[-1:] in QUOTE_MARKS:
        content = content[:-1]
    return content
