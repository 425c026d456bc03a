-- The ledger, version 3: every wording that linked to a claim, with its embedding.
-- Cross-article linking compares a new claim with each wording a ledger entry
-- already has (ledger/linking.py: exemplars, single link), not with its first
-- wording only; the claims table keeps that first one, this table the others.

CREATE TABLE claim_wordings (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    normalised TEXT NOT NULL,
    subjects TEXT NOT NULL DEFAULT '[]',
    embedding BLOB NOT NULL,
    PRIMARY KEY (claim_id, article_id, normalised)
);

-- An entry folded into another (a late merge: its first wordings arrived far
-- apart and started two entries) leaves its id here, so that a reference to it
-- (`claimledger claim ID`, a writer whose index still holds it) finds the entry.
CREATE TABLE claim_aliases (
    id TEXT PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE
);
CREATE INDEX claim_aliases_claim ON claim_aliases (claim_id);
