"""claimledger: reads news and keeps a ledger of who said what, who confirmed or denied it, and when."""

from claimledger.errors import ClaimLedgerError, InputRejected, Reason
from claimledger.model import Article, Attribution, Entity, RawDocument, Rejection, RemovedLine

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Attribution",
    "ClaimLedgerError",
    "Entity",
    "InputRejected",
    "RawDocument",
    "Reason",
    "Rejection",
    "RemovedLine",
    "__version__",
]
