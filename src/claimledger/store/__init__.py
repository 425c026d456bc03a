"""Store stage of the claimledger pipeline."""
