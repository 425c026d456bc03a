-- The ledger, version 6: each stored wording keeps its text as the claims
-- stage wrote it ("[Ted Cruz] would only use waterboarding sparingly", "Clinton
-- leads Trump by 43 percent to 38 percent").  The normalised form drops the
-- brackets around a named subject and splits "1,237" in two, and linking reads
-- both (ledger.linking.claim_key: two wordings of different figures or of two
-- named subjects are different claims).  NULL for wordings stored before this
-- version: they link on their embedding alone, as they did.

ALTER TABLE claim_wordings ADD COLUMN text TEXT;
