-- The ledger, version 2: what cross-article linking and the ledger views need.
-- A claim keeps its embedding (float32 bytes) so that a new article's claims
-- link to it without re-encoding the ledger; stances keep the channel-bearing
-- attribution they come from (joined on read), and activity dates are kept
-- on the claim so "newest activity first" is an index scan.

ALTER TABLE claims ADD COLUMN subjects TEXT NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN embedding BLOB;
ALTER TABLE claims ADD COLUMN origin_attribution_idx INTEGER;
ALTER TABLE claims ADD COLUMN first_date TEXT;
ALTER TABLE claims ADD COLUMN last_activity TEXT;
-- Newest activity first, ties in the order claims were stored: one forward index scan.
CREATE INDEX claims_activity ON claims (last_activity DESC, created_at DESC);
CREATE INDEX stances_claim ON stances (claim_id);
CREATE INDEX claim_mentions_article ON claim_mentions (article_id);

CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER claims_au AFTER UPDATE OF text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    INSERT INTO claims_fts (rowid, text) VALUES (new.rowid, new.text);
END;

-- The status a reader filters on, kept current on every write (see ledger/status.py).
ALTER TABLE claims ADD COLUMN status TEXT NOT NULL DEFAULT 'asserted';
CREATE INDEX claims_status ON claims (status, last_activity DESC, created_at DESC);
