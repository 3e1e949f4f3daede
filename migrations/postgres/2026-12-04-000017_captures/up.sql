-- Captures and verified quotes (issue 17 §1).
--
-- A capture's bytes are stored once, keyed by their SHA-256, with the text extracted from them
-- beside them (per format), so that checking a quote never extracts again. A capture is a versioned record
-- (its snapshot names the blob, never holds it); a source's latest capture is the one with the
-- greatest id (ids are time-ordered UUIDv7).
CREATE TABLE capture_blobs (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    content    BYTEA NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- The text read from a blob as one format (`text`, `html`, `pdf`): what quotes are matched
-- against, and what `quote_check` offsets count in.
CREATE TABLE capture_texts (
    sha256 TEXT NOT NULL REFERENCES capture_blobs (sha256),
    format TEXT NOT NULL,
    text   TEXT NOT NULL,
    PRIMARY KEY (sha256, format)
);

CREATE TABLE captures (
    id           TEXT PRIMARY KEY,
    source_id    TEXT NOT NULL REFERENCES sources (id),
    sha256       TEXT NOT NULL REFERENCES capture_blobs (sha256),
    media_type   TEXT NOT NULL,
    retrieved_at TIMESTAMP NOT NULL,
    archive_url  TEXT,
    size         BIGINT NOT NULL,
    revision     BIGINT NOT NULL,
    head_hash    TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    created_by   TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX captures_source ON captures (source_id, id);

-- Each citation row keeps its quote's check against its source's latest capture (not part of
-- the claim's snapshot: a recheck is no revision). Citations written before have no capture
-- to be checked against.
ALTER TABLE citations ADD COLUMN check_status TEXT NOT NULL DEFAULT 'no_capture';
ALTER TABLE citations ADD COLUMN check_capture_id TEXT;
ALTER TABLE citations ADD COLUMN check_start BIGINT;
ALTER TABLE citations ADD COLUMN check_end BIGINT;
UPDATE citations SET check_status = 'no_quote' WHERE quote IS NULL OR trim(quote) = '';
-- GET /v1/claims?quote_check=…
CREATE INDEX citations_check ON citations (check_status, claim_id);
-- A new capture's rechecks walk its source's citations in id order.
CREATE INDEX citations_source_id ON citations (source_id, id);

-- Rechecks still to do after a new capture (all of a source's citations), or after a claim was
-- written while its source's capture changed (that claim's citations only). A background task
-- works through them in batches; a row goes when its work is done.
CREATE TABLE quote_rechecks (
    id         TEXT PRIMARY KEY,
    source_id  TEXT NOT NULL,
    capture_id TEXT NOT NULL,
    claim_id   TEXT,
    after_id   TEXT,
    created_at TIMESTAMP NOT NULL
);
