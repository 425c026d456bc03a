"""Ingest stage of the claimledger pipeline."""
