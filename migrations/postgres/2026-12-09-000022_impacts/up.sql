-- The impact of a retraction or correction (issue 17 §3, issue 18 §1), and reviewers'
-- decisions about it. Both are versioned record kinds, written once and never edited: their
-- revisions carry them into the changes feed, webhooks, exports and the hash chain.
--
-- An impact is one row per triggering change (a source retracted or regraded, a capture in
-- which a cited quote was no longer found, a claim retracted or superseded), written in that
-- change's transaction. The claims it affects are not stored: GET /v1/review-queue derives
-- them when read, by index probes (citations_source, source_derivations_from,
-- citations_source_check, relations_to/relations_from).

CREATE TABLE impacts (
    id               TEXT PRIMARY KEY,
    reason           TEXT NOT NULL,
    target_kind      TEXT NOT NULL,
    target_id        TEXT NOT NULL,
    trigger_kind     TEXT NOT NULL,
    trigger_id       TEXT NOT NULL,
    trigger_revision BIGINT NOT NULL,
    revision         BIGINT NOT NULL,
    head_hash        TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    created_by       TEXT REFERENCES users (id)
);
-- One impact per triggering revision (the store looks first; this is the backstop).
CREATE UNIQUE INDEX impacts_trigger ON impacts (trigger_kind, trigger_id, trigger_revision);
-- The review queue filtered by reason, oldest impact first.
CREATE INDEX impacts_reason ON impacts (reason, id);

CREATE TABLE review_decisions (
    id         TEXT PRIMARY KEY,
    impact_id  TEXT NOT NULL REFERENCES impacts (id),
    claim_id   TEXT NOT NULL REFERENCES claims (id),
    note       TEXT NOT NULL,
    revision   BIGINT NOT NULL,
    head_hash  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id)
);
-- One decision per (impact, claim): the queue's probe of a cleared pair, and the backstop of
-- a second clear.
CREATE UNIQUE INDEX review_decisions_pair ON review_decisions (impact_id, claim_id);

-- The claims whose quote from a source was not found in its latest capture, in claim order
-- (the affected claims of a quote_missing impact).
CREATE INDEX citations_source_check ON citations (source_id, check_status, claim_id);
