-- The claims database: sources, entities, properties, claims with citations and tags, and
-- the append-only revisions every record's changes are written to.
-- JSON values are stored as TEXT (diesel maps it the same way on both backends). `search_text` columns hold text already normalised and
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

-- Full-text search: a tsvector built straight from the application's tokens (no parser, no
-- dictionary, no stemming), so PostgreSQL matches exactly what SQLite's FTS5 matches.
ALTER TABLE claims ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))) STORED;
CREATE INDEX claims_search ON claims USING GIN (search_vector);

-- Every change of every record, append-only. `seq` orders the changes feed.
CREATE TABLE revisions (
    seq           BIGSERIAL PRIMARY KEY,
    -- The writing transaction (see src/store/changes.rs: the feed serves a revision only once
    -- every transaction that could still commit a lower seq has finished).
    txid          BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
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

CREATE INDEX revisions_txid ON revisions (txid, seq);

-- The ledger is append-only: the database itself refuses to change or remove a revision.
CREATE FUNCTION revisions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'revisions are append-only';
END;
$$;
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
    FOR EACH ROW EXECUTE FUNCTION revisions_refuse_change();
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION revisions_refuse_change();
CREATE TRIGGER revisions_no_truncate BEFORE TRUNCATE ON revisions
    FOR EACH STATEMENT EXECUTE FUNCTION revisions_refuse_change();

-- The default property vocabulary. Revision 0 and an empty head hash mark rows that have no
-- revision yet: on start the service writes their first revision (it needs the ledger key,
-- which the database never sees).
INSERT INTO properties (key, label, description, value_type, single_valued, unit, revision, head_hash, created_at, updated_at) VALUES
    ('fatalities', 'Fatalities', 'People killed.', 'quantity', FALSE, 'people', 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('fatalities.police', 'Police fatalities', 'Police personnel killed.', 'quantity', FALSE, 'people', 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('fatalities.civilian', 'Civilian fatalities', 'Civilians killed.', 'quantity', FALSE, 'people', 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('fatalities.perpetrator', 'Perpetrator fatalities', 'Attackers killed.', 'quantity', FALSE, 'people', 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('injured', 'Injured', 'People injured.', 'quantity', FALSE, 'people', 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('perpetrator', 'Perpetrator', 'Who carried out the act.', 'entity', FALSE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('responsibility_claimed_by', 'Responsibility claimed by', 'Who claimed responsibility.', 'entity', FALSE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('target', 'Target', 'Who or what was targeted.', 'entity', FALSE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('signatory', 'Signatory', 'Who signed a document or order.', 'entity', TRUE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('location', 'Location', 'Where it happened.', 'entity', TRUE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('vehicle', 'Vehicle', 'The vehicle used.', 'text', TRUE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('weapon', 'Weapon', 'A weapon used.', 'text', FALSE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('start_date', 'Start date', 'When it started.', 'time', TRUE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc')),
    ('end_date', 'End date', 'When it ended.', 'time', TRUE, NULL, 0, '', (now() AT TIME ZONE 'utc'), (now() AT TIME ZONE 'utc'));
