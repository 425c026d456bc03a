"""Api stage of the claimledger pipeline."""
