-- The ledger schema, version 1: articles (with versions), entities, attributions,
-- claims and their mentions, stances, and the inputs that were rejected.
-- Lists are JSON text so that SQLite and PostgreSQL read them alike.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,                 -- hash of the normalised text
    url TEXT,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    publisher TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',  -- [{"text", "reason"}]
    source TEXT NOT NULL DEFAULT '',
    source_format TEXT NOT NULL DEFAULT 'text',
    version INTEGER NOT NULL DEFAULT 1,  -- 1 + number of earlier texts under the same URL
    previous_id TEXT REFERENCES articles(id),
    fetched_at TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_url ON articles (url, version);
CREATE INDEX articles_ingested ON articles (ingested_at);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    descriptors TEXT NOT NULL DEFAULT '[]',
    aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE attributions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    source TEXT,
    source_start INTEGER,
    source_end INTEGER,
    entity_id TEXT REFERENCES entities(id),
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_lemma TEXT,
    cue_class TEXT,
    channel TEXT,
    manner TEXT,
    time TEXT,
    parent_idx INTEGER,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX attributions_entity ON attributions (entity_id);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    normalised TEXT NOT NULL,
    origin_article_id TEXT REFERENCES articles(id),
    origin_entity_id TEXT REFERENCES entities(id),
    created_at TEXT NOT NULL
);

CREATE TABLE claim_mentions (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    attribution_idx INTEGER,
    PRIMARY KEY (claim_id, article_id, start_offset)
);

CREATE TABLE stances (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    entity_id TEXT REFERENCES entities(id),
    stance TEXT NOT NULL CHECK (stance IN
        ('asserts', 'confirms', 'denies', 'disputes', 'cannot_verify', 'not_aware')),
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    attribution_idx INTEGER NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    date TEXT,
    PRIMARY KEY (claim_id, article_id, attribution_idx)
);
CREATE INDEX stances_entity ON stances (entity_id);

CREATE TABLE rejections (
    source TEXT PRIMARY KEY,             -- latest reason per input; cleared when it later succeeds
    reason TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
