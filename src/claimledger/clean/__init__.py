"""Clean stage of the claimledger pipeline."""
