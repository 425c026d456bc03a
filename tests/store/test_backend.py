"""The PostgreSQL adapter's pure parts: placeholders and secrets in messages."""

from __future__ import annotations

import pytest

from claimledger.store.backend import redact, scrub, to_pyformat


def test_placeholders_become_pyformat_and_percent_signs_stay_literal() -> None:
    sql = "SELECT ? FROM t WHERE a LIKE '50%?' AND b = ? -- 100% sure?\n AND c LIKE ?"
    assert to_pyformat(sql) == (
        "SELECT %s FROM t WHERE a LIKE '50%%?' AND b = %s -- 100%% sure?\n AND c LIKE %s"
    )
    with pytest.raises(ValueError):
        to_pyformat("SELECT $$?$$")


@pytest.mark.parametrize(
    ("url", "as_libpq_quotes_it"),
    [
        ("postgresql://ledger:hunter2@db.example/claims", "hunter2"),
        ("postgresql://ledger@db.example/claims?password=hunter2&sslmode=require", "hunter2"),
        ("postgresql://ledger:hunter%32@db.example/claims", "hunter%32"),
    ],
)
def test_passwords_never_reach_messages(url: str, as_libpq_quotes_it: str) -> None:
    shown = redact(url)
    assert "hunter" not in shown and "db.example/claims" in shown
    message = f'connection to {url} failed: invalid token "{as_libpq_quotes_it}" (hunter2)'
    assert "hunter" not in scrub(message, url)
