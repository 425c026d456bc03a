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
