"""The exception tree and the catalogue of reasons an input can be rejected.

Every input that does not become an article gets a :class:`Reason` code and a
sentence a user can act on (trafilatura's habit of returning ``None`` with no
word of why is what we avoid).  Exceptions carry an HTTP status so the API
layer can map them without a lookup table of its own (datasette's habit).
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why an input was rejected.  Stable strings: they are stored and exported."""

    NOT_FOUND = "not_found"  # path or URL does not exist
    UNREADABLE = "unreadable"  # permission denied, I/O error
    EMPTY = "empty"  # zero bytes, or only whitespace
    BINARY = "binary"  # not text or HTML (image, archive, executable...)
    DECODE = "decode_error"  # bytes that no plausible encoding turns into text
    CORRUPT = "corrupt"  # truncated or damaged compressed file
    TOO_LARGE = "too_large"  # over the size cap
    BAD_JSON = "bad_json"  # a JSON Lines record that is not valid JSON / lacks text
    UNSUPPORTED = "unsupported"  # a source kind we do not read
    BLOCKED_ADDRESS = "blocked_address"  # URL resolves to a private/loopback address
    BAD_URL = "bad_url"  # not http(s), malformed
    HTTP_ERROR = "http_error"  # non-2xx answer
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TIMEOUT = "timeout"
    NETWORK = "network_error"  # DNS failure, refused connection, TLS error
    BAD_CONTENT_TYPE = "bad_content_type"  # not text/html/plain/xml
    BAD_FEED = "bad_feed"  # a feed that cannot be parsed
    NO_TEXT = "no_text"  # extraction found no article text
    PIPELINE_ERROR = "pipeline_error"  # an NLP stage raised on this document


class ClaimLedgerError(Exception):
    """Base of every error claimledger raises on purpose."""

    status: int = 500
    code: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(ClaimLedgerError):
    """The user asked for something impossible (bad option, unknown article)."""

    status = 400
    code = "usage"


class NotFoundError(ClaimLedgerError):
    """A requested record (article, claim, entity) is not in the ledger."""

    status = 404
    code = "not_found"


class StoreError(ClaimLedgerError):
    """The database could not be opened, migrated or written."""

    status = 500
    code = "store"


class InputRejected(ClaimLedgerError):
    """One input could not become an article.  Caught per document, never fatal to a batch."""

    status = 422
    code = "rejected"

    def __init__(self, reason: Reason, message: str, source: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.reason.value}: {self.message}"


class FetchError(InputRejected):
    """A URL or feed could not be fetched (network, policy or HTTP failure)."""


class ModelMissingError(ClaimLedgerError):
    """A shipped model file (ONNX graph, tokenizer, metadata) is absent or unreadable.

    Raised when a model is first loaded, not at import, so commands that do not
    need the model keep working; the message names the file and how to rebuild it.
    """

    status = 500
    code = "model_missing"
