-- The ledger, version 4, for PostgreSQL: as ../0004_merged.sql.

ALTER TABLE claims ADD COLUMN merged_into TEXT;
CREATE INDEX claims_merged ON claims (merged_into);
