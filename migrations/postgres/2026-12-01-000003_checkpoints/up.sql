-- Signed checkpoints of the ledger (src/store/checkpoints.rs). All three tables are
-- append-only, like revisions.

-- Every public key a checkpoint was ever signed with: old keys stay after a rotation.
CREATE TABLE checkpoint_keys (
    key_id     TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE checkpoints (
    id         BIGINT PRIMARY KEY,
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

CREATE FUNCTION checkpoints_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'checkpoints are append-only';
END;
$$;
CREATE TRIGGER checkpoint_keys_no_update BEFORE UPDATE OR DELETE ON checkpoint_keys
    FOR EACH ROW EXECUTE FUNCTION checkpoints_refuse_change();
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION checkpoints_refuse_change();
CREATE TRIGGER checkpoint_heads_no_update BEFORE UPDATE OR DELETE ON checkpoint_heads
    FOR EACH ROW EXECUTE FUNCTION checkpoints_refuse_change();
