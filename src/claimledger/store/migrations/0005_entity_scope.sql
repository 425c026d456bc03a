-- The ledger, version 5: a speaker an article only describes belongs to it.
-- "The company said" in two stories is two companies: such an entity's id is
-- scoped to its article (its URL, else its id; model.Entity.id), and scope
-- keeps which, so the entity reads back with the same id and a reader can be
-- told where it spoke.  NULL for a named person or organisation.  Described
-- speakers stored before this version keep their one shared id.

ALTER TABLE entities ADD COLUMN scope TEXT;
