"""Web stage of the claimledger pipeline."""
