-- The claims database: sources, entities, properties, claims with citations and tags, and
-- the append-only revisions every record's changes are written to.
-- JSON values are stored as TEXT. `search_text` columns hold text already normalised and
-- tokenised by the application (see src/domain/text.rs), so both backends search alike.

CREATE TABLE sources (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL,
    url             TEXT,
    publisher       TEXT,
    authors         TEXT NOT NULL DEFAULT '[]',
    published_at    TEXT,
    language        TEXT,
    reliability     TEXT NOT NULL DEFAULT 'F',
    archived_url    TEXT,
    search_text     TEXT NOT NULL,
    publisher_key   TEXT,
    retracted_at    TIMESTAMP,
    retracted_reason TEXT,
    revision        BIGINT NOT NULL,
    head_hash       TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX sources_kind ON sources (kind, id);
CREATE INDEX sources_publisher ON sources (publisher_key, id);
CREATE INDEX sources_reliability ON sources (reliability, id);

CREATE TABLE entities (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    aliases         TEXT NOT NULL DEFAULT '[]',
    description     TEXT,
    search_text     TEXT NOT NULL,
    retracted_at    TIMESTAMP,
    retracted_reason TEXT,
    revision        BIGINT NOT NULL,
    head_hash       TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX entities_kind ON entities (kind, id);

CREATE TABLE properties (
    key             TEXT PRIMARY KEY NOT NULL,
    label           TEXT NOT NULL,
    description     TEXT,
    value_type      TEXT NOT NULL CHECK (value_type IN ('quantity', 'entity', 'text', 'time', 'boolean')),
    single_valued   BOOLEAN NOT NULL,
    unit            TEXT,
    revision        BIGINT NOT NULL,
    head_hash       TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    created_by      TEXT REFERENCES users (id)
);

CREATE TABLE claims (
    id                 TEXT PRIMARY KEY NOT NULL,
    statement          TEXT NOT NULL,
    statement_key      TEXT NOT NULL,
    subject_id         TEXT REFERENCES entities (id),
    property           TEXT REFERENCES properties (key),
    value              TEXT,
    value_lower        DOUBLE PRECISION,
    value_upper        DOUBLE PRECISION,
    value_key          TEXT,
    occurred_value     TEXT,
    occurred_precision TEXT,
    occurred_start     TIMESTAMP,
    occurred_end       TIMESTAMP,
    occurred_sort      TIMESTAMP NOT NULL,
    place              TEXT,
    claimed_at         TIMESTAMP,
    claimant_entity_id TEXT REFERENCES entities (id),
    claimant_text      TEXT,
    confidence         DOUBLE PRECISION NOT NULL,
    credibility        INTEGER,
    verdict            TEXT NOT NULL DEFAULT 'unreviewed',
    verdict_note       TEXT,
    search_text        TEXT NOT NULL,
    retracted_at       TIMESTAMP,
    retracted_reason   TEXT,
    revision           BIGINT NOT NULL,
    head_hash          TEXT NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    created_by         TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX claims_subject_property ON claims (subject_id, property, occurred_sort, id);
CREATE INDEX claims_property_confidence ON claims (property, confidence, id);
CREATE INDEX claims_property_id ON claims (property, id);
CREATE INDEX claims_statement_key ON claims (statement_key);
CREATE INDEX claims_confidence ON claims (confidence, id);
CREATE INDEX claims_occurred ON claims (occurred_sort, id);
CREATE INDEX claims_verdict ON claims (verdict, id);

CREATE TABLE citations (
    id         TEXT PRIMARY KEY NOT NULL,
    claim_id   TEXT NOT NULL REFERENCES claims (id),
    source_id  TEXT NOT NULL REFERENCES sources (id),
    position   INTEGER NOT NULL,
    quote      TEXT,
    locator    TEXT,
    url        TEXT
);
CREATE INDEX citations_claim ON citations (claim_id, position);
CREATE INDEX citations_source ON citations (source_id, claim_id);

CREATE TABLE claim_tags (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    tag      TEXT NOT NULL,
    PRIMARY KEY (claim_id, tag)
);
CREATE INDEX claim_tags_tag ON claim_tags (tag, claim_id);

-- Full-text search over statements and citation quotes (an external-content FTS5 index
-- over claims.search_text, kept in step by triggers).
CREATE VIRTUAL TABLE claims_fts USING fts5(
    search_text,
    content = 'claims',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF search_text ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO claims_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

-- Every change of every record, append-only. `seq` orders the changes feed.
CREATE TABLE revisions (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind   TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    revision      BIGINT NOT NULL,
    action        TEXT NOT NULL,
    author_id     TEXT REFERENCES users (id),
    created_at    TIMESTAMP NOT NULL,
    edit_summary  TEXT,
    snapshot      TEXT NOT NULL,
    snapshot_hash TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    UNIQUE (record_kind, record_id, revision)
);
CREATE INDEX revisions_created ON revisions (record_kind, record_id, created_at);

-- The ledger is append-only: the database itself refuses to change or remove a revision.
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions BEGIN
    SELECT RAISE(ABORT, 'revisions are append-only');
END;

-- The default property vocabulary. Revision 0 and an empty head hash mark rows that have no
-- revision yet: on start the service writes their first revision (it needs the ledger key,
-- which the database never sees).
INSERT INTO properties (key, label, description, value_type, single_valued, unit, revision, head_hash, created_at, updated_at) VALUES
    ('fatalities', 'Fatalities', 'People killed.', 'quantity', 0, 'people', 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('fatalities.police', 'Police fatalities', 'Police personnel killed.', 'quantity', 0, 'people', 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('fatalities.civilian', 'Civilian fatalities', 'Civilians killed.', 'quantity', 0, 'people', 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('fatalities.perpetrator', 'Perpetrator fatalities', 'Attackers killed.', 'quantity', 0, 'people', 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('injured', 'Injured', 'People injured.', 'quantity', 0, 'people', 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('perpetrator', 'Perpetrator', 'Who carried out the act.', 'entity', 0, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('responsibility_claimed_by', 'Responsibility claimed by', 'Who claimed responsibility.', 'entity', 0, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('target', 'Target', 'Who or what was targeted.', 'entity', 0, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('signatory', 'Signatory', 'Who signed a document or order.', 'entity', 1, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('location', 'Location', 'Where it happened.', 'entity', 1, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('vehicle', 'Vehicle', 'The vehicle used.', 'text', 1, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('weapon', 'Weapon', 'A weapon used.', 'text', 0, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('start_date', 'Start date', 'When it started.', 'time', 1, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now')),
    ('end_date', 'End date', 'When it ended.', 'time', 1, NULL, 0, '', strftime('%Y-%m-%d %H:%M:%f', 'now'), strftime('%Y-%m-%d %H:%M:%f', 'now'));
