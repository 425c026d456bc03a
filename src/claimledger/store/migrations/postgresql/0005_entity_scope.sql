-- The ledger, version 5, for PostgreSQL: as ../0005_entity_scope.sql.

ALTER TABLE entities ADD COLUMN scope TEXT;
