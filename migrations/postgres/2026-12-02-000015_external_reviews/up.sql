-- Other organisations' reviews of our claims (issue 15: ClaimReview import): a record kind of
-- its own, so that their ratings never overwrite our verdict. The review's URL identifies it.

CREATE TABLE external_reviews (
    id               TEXT PRIMARY KEY,
    claim_id         TEXT NOT NULL REFERENCES claims (id),
    url              TEXT NOT NULL UNIQUE,
    publisher        TEXT NOT NULL,
    publisher_url    TEXT,
    title            TEXT,
    reviewed_at      TEXT,
    textual_rating   TEXT,
    language         TEXT,
    rating_value     DOUBLE PRECISION,
    best_rating      DOUBLE PRECISION,
    worst_rating     DOUBLE PRECISION,
    retracted_at     TIMESTAMP,
    retracted_reason TEXT,
    revision         BIGINT NOT NULL,
    head_hash        TEXT NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX external_reviews_claim ON external_reviews (claim_id, id);

-- The importer finds a review page or an appearance by its URL.
CREATE INDEX sources_url ON sources (url);
