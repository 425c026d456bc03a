"""Nlp stage of the claimledger pipeline."""
