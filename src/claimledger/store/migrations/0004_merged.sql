-- The ledger, version 4: an entry folded into another stays, as a tombstone.
-- Greedy online linking splits a claim whose first wordings arrived far apart;
-- a later wording close to both folds the small entry into the one it joined
-- (store/db.py: Store._fold_claim).  The folded row is kept, not deleted: its
-- id keeps answering (`claimledger claim OLD-ID`, a writer whose index still
-- files it), SQLite never hands its rowid to the next new entry, and its first
-- embedding stays an exemplar of the entry it now points to.  merged_into
-- always names a live entry (folds re-point older tombstones); readers list
-- only rows where it is NULL.

ALTER TABLE claims ADD COLUMN merged_into TEXT;
CREATE INDEX claims_merged ON claims (merged_into);
