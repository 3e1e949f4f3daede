-- Webhooks (issue 16). Subscriptions are a record kind (their revisions are in the ledger,
-- visible to admins only). Their signing secrets, feed positions and deliveries are the
-- service's working state beside the ledger: never in a snapshot, never exported.

CREATE TABLE webhooks (
    id              TEXT PRIMARY KEY,
    url             TEXT NOT NULL,
    -- A JSON array of event type names, sorted.
    event_types     TEXT NOT NULL,
    subject_id      TEXT,
    tag             TEXT,
    property        TEXT,
    description     TEXT,
    enabled         BOOLEAN NOT NULL,
    payload_format  TEXT NOT NULL,
    -- False: events carry ids and a link, not the record.
    include_record  BOOLEAN NOT NULL,
    disabled_reason TEXT,
    retracted_at    TIMESTAMP,
    retracted_reason TEXT,
    revision        BIGINT NOT NULL,
    head_hash       TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users (id)
);

-- Signing secrets (whsec_…): the newest signs; an older one also signs until it expires
-- (the grace period after a rotation).
CREATE TABLE webhook_secrets (
    webhook_id TEXT NOT NULL REFERENCES webhooks (id),
    secret     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    PRIMARY KEY (webhook_id, created_at)
);

-- Each subscription's position in the changes feed, and the lease of the instance sending
-- its events.
CREATE TABLE webhook_cursors (
    webhook_id  TEXT PRIMARY KEY REFERENCES webhooks (id),
    txid        BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    lease_owner TEXT,
    lease_until TIMESTAMP
);

-- One event for one subscription; its id is the webhook-id, the same on every attempt.
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL REFERENCES webhooks (id),
    event_type       TEXT NOT NULL,
    txid             BIGINT NOT NULL,
    seq              BIGINT NOT NULL,
    payload          TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         BIGINT NOT NULL,
    next_attempt_at  TIMESTAMP NOT NULL,
    first_attempt_at TIMESTAMP,
    last_attempt_at  TIMESTAMP,
    last_status      BIGINT,
    last_latency_ms  BIGINT,
    last_response    TEXT,
    last_error       TEXT,
    created_at       TIMESTAMP NOT NULL,
    delivered_at     TIMESTAMP
);
CREATE INDEX webhook_deliveries_queue ON webhook_deliveries (webhook_id, status, txid, seq);
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
