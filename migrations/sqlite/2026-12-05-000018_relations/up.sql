-- Typed relations between two claims (issue 18 §1): duplicate_of, supersedes, corroborates,
-- refines. A versioned record kind; retracted rather than deleted.

CREATE TABLE relations (
    id               TEXT PRIMARY KEY NOT NULL,
    kind             TEXT NOT NULL,
    from_claim_id    TEXT NOT NULL REFERENCES claims (id),
    to_claim_id      TEXT NOT NULL REFERENCES claims (id),
    note             TEXT NOT NULL,
    retracted_at     TIMESTAMP,
    retracted_reason TEXT,
    revision         BIGINT NOT NULL,
    head_hash        TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id)
);
-- A claim's relations from either side, each in the other claim's id order (the walks of
-- related_to and GET /v1/claims/{id}/relations, the cycle walks, canonical_id, superseded_by).
CREATE INDEX relations_from ON relations (from_claim_id, to_claim_id);
CREATE INDEX relations_to ON relations (to_claim_id, from_claim_id);
-- GET /v1/relations?claim_id=… and GET /v1/claims/{id}/relations: each side in id order.
CREATE INDEX relations_from_id ON relations (from_claim_id, id);
CREATE INDEX relations_to_id ON relations (to_claim_id, id);
-- GET /v1/relations?kind=… in id order.
CREATE INDEX relations_kind ON relations (kind, id);
-- One live duplicate_of per claim (the store checks it first, under the kind's lock; this is
-- the backstop).
CREATE UNIQUE INDEX relations_one_duplicate ON relations (from_claim_id)
    WHERE kind = 'duplicate_of' AND retracted_at IS NULL;
