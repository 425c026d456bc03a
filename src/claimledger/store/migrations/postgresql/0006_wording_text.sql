-- The ledger, version 6, for PostgreSQL: as ../0006_wording_text.sql.

ALTER TABLE claim_wordings ADD COLUMN text TEXT;
