"""Run the REST API with uvicorn: the one function ``claimledger serve`` calls.

Binds to loopback by default: the ledger's reads are open unless
``protect_reads`` is set, so exposing it on a network must be a deliberate
``host=`` choice.
"""

from __future__ import annotations

from claimledger.api.app import create_app


def serve(
    db: str | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    token: str | None = None,
    protect_reads: bool = False,
    allow_private: bool = False,
    log_level: str = "info",
) -> None:
    """Serve the API over the ledger at ``db`` until interrupted.

    One process: the pipeline's models load once and writes are serialised in
    it; SQLite's WAL lets the request threads read concurrently.  Unset
    arguments fall back to CLAIMLEDGER_DB / CLAIMLEDGER_TOKEN /
    CLAIMLEDGER_PROTECT_READS as in :func:`~claimledger.api.app.create_app`.
    """
    import uvicorn

    app = create_app(db, token=token, protect_reads=protect_reads, allow_private=allow_private)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False)
