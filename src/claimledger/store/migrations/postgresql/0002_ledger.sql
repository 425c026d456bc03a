-- The ledger, version 2, for PostgreSQL: as ../0002_ledger.sql (embeddings as
-- BYTEA, the claims FTS5 table as a stored 'simple' tsvector with a GIN index).

ALTER TABLE claims ADD COLUMN subjects TEXT NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN embedding BYTEA;
ALTER TABLE claims ADD COLUMN origin_attribution_idx INTEGER;
ALTER TABLE claims ADD COLUMN first_date TEXT;
ALTER TABLE claims ADD COLUMN last_activity TEXT;
CREATE INDEX claims_activity ON claims (last_activity DESC, created_at DESC);
CREATE INDEX stances_claim ON stances (claim_id);
CREATE INDEX claim_mentions_article ON claim_mentions (article_id);

-- Stored, as articles.fts: a page of search hits newest first may walk the
-- activity index and test each claim, which must not mean parsing its text.
ALTER TABLE claims ADD COLUMN fts tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX claims_fts ON claims USING GIN (fts);

ALTER TABLE claims ADD COLUMN status TEXT NOT NULL DEFAULT 'asserted';
CREATE INDEX claims_status ON claims (status, last_activity DESC, created_at DESC);
