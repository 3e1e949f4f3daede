-- Signed checkpoints of the ledger (src/store/checkpoints.rs). All three tables are
-- append-only, like revisions.

-- Every public key a checkpoint was ever signed with: old keys stay after a rotation.
CREATE TABLE checkpoint_keys (
    key_id     TEXT PRIMARY KEY NOT NULL,
    public_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE checkpoints (
    id         BIGINT PRIMARY KEY NOT NULL,
    created_at TIMESTAMP NOT NULL,
    root       TEXT NOT NULL,
    records    BIGINT NOT NULL,
    revisions  BIGINT NOT NULL,
    feed_txid  BIGINT NOT NULL,
    feed_seq   BIGINT NOT NULL,
    key_id     TEXT NOT NULL REFERENCES checkpoint_keys (key_id),
    signature  TEXT NOT NULL
);

-- The leaves of each checkpoint, kept as a delta: a record's head is stored with the first
-- checkpoint that saw it; a checkpoint's leaves are each record's latest entry up to it.
CREATE TABLE checkpoint_heads (
    record_kind   TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    checkpoint_id BIGINT NOT NULL REFERENCES checkpoints (id),
    revision      BIGINT NOT NULL,
    hash          TEXT NOT NULL,
    PRIMARY KEY (record_kind, record_id, checkpoint_id)
);
CREATE INDEX checkpoint_heads_checkpoint ON checkpoint_heads (checkpoint_id);

CREATE TRIGGER checkpoint_keys_no_update BEFORE UPDATE ON checkpoint_keys BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;
CREATE TRIGGER checkpoint_keys_no_delete BEFORE DELETE ON checkpoint_keys BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;
CREATE TRIGGER checkpoint_heads_no_update BEFORE UPDATE ON checkpoint_heads BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;
CREATE TRIGGER checkpoint_heads_no_delete BEFORE DELETE ON checkpoint_heads BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;
