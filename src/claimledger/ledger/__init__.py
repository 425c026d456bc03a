"""Ledger stage of the claimledger pipeline."""
