-- Users keep a hash-chained history like every other record.
ALTER TABLE users ADD COLUMN head_hash TEXT NOT NULL DEFAULT '';

-- Responses of creates made with an Idempotency-Key, per user, kept at least 24 hours.
CREATE TABLE idempotency_keys (
    user_id       TEXT NOT NULL REFERENCES users (id),
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        INTEGER NOT NULL,
    location      TEXT,
    etag          TEXT,
    response_body TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Flags that two claims cannot both be true. The pair is stored ordered (claim_a < claim_b),
-- so one unique index keeps it unordered-unique.
CREATE TABLE contradictions (
    id                 TEXT PRIMARY KEY NOT NULL,
    claim_a            TEXT NOT NULL REFERENCES claims (id),
    claim_b            TEXT NOT NULL REFERENCES claims (id),
    origin             TEXT NOT NULL CHECK (origin IN ('detected', 'manual')),
    status             TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed', 'resolved')),
    note               TEXT,
    resolution_note    TEXT,
    preferred_claim_id TEXT REFERENCES claims (id),
    subject_id         TEXT REFERENCES entities (id),
    property           TEXT,
    revision           BIGINT NOT NULL,
    head_hash          TEXT NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    created_by         TEXT REFERENCES users (id),
    CHECK (claim_a < claim_b),
    UNIQUE (claim_a, claim_b)
);
CREATE INDEX contradictions_claim_b ON contradictions (claim_b, status);
CREATE INDEX contradictions_claim_a_status ON contradictions (claim_a, status);
CREATE INDEX contradictions_status ON contradictions (status, id);
CREATE INDEX contradictions_subject ON contradictions (subject_id, id);
CREATE INDEX contradictions_origin ON contradictions (origin, id);
