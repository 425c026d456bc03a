"""A claim's status from the stances taken on it: what a reader sees first.

Order matters and is deliberate: a confirmation and a denial together make a
claim disputed (the ledger does not pick a winner); a denial alone makes it
denied; a rebuttal without a confirmation makes it disputed; confirmations
alone make it confirmed; only "could not verify" or "not aware" leave it
unverified; a claim nobody has answered is merely asserted.
"""

from __future__ import annotations

from collections.abc import Iterable

STATUSES = ("confirmed", "denied", "disputed", "unverified", "asserted")


def status_of(stances: Iterable[str]) -> str:
    kinds = set(stances)
    confirmed = "confirms" in kinds
    denied = "denies" in kinds
    disputed = "disputes" in kinds
    if confirmed and (denied or disputed):
        return "disputed"
    if denied:
        return "denied"
    if disputed:
        return "disputed"
    if confirmed:
        return "confirmed"
    if kinds & {"cannot_verify", "not_aware"}:
        return "unverified"
    return "asserted"
