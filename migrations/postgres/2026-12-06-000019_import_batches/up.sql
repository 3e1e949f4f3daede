-- Bulk imports as one unit of the changes feed (issue 16: `import.completed`). An import that
-- wrote something records the span of revisions it wrote, in its own transaction: every one
-- of them has this `txid` (PostgreSQL; 0 on SQLite, whose feed is ordered by `seq` alone) and
-- a `seq` from `first_seq` to `last_seq`. A webhook subscription then sends one event for the
-- import, with its counts, instead of one per record. Working state beside the ledger, like
-- webhook positions: not exported.
CREATE TABLE import_batches (
    id          TEXT PRIMARY KEY NOT NULL,
    txid        BIGINT NOT NULL,
    first_seq   BIGINT NOT NULL,
    last_seq    BIGINT NOT NULL,
    -- What was imported: `claimreview`.
    format      TEXT NOT NULL,
    author_id   TEXT REFERENCES users (id),
    created_at  TIMESTAMP NOT NULL,
    -- The import's counts, as its report gave them (a JSON object).
    counts      TEXT NOT NULL
);
CREATE INDEX import_batches_span ON import_batches (txid, first_seq);

-- Whether a subscription gets one `import.completed` event per import (`summary`, the
-- default) or each imported record's events (`each`).
ALTER TABLE webhooks ADD COLUMN import_events TEXT NOT NULL DEFAULT 'summary';

-- The delivery log keeps acknowledged deliveries for CLAIMLEDGER_WEBHOOK_LOG_RETENTION; the
-- hourly housekeeping forgets older ones through this index.
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (delivered_at);
