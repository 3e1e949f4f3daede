DROP TABLE contradictions;
DROP TABLE idempotency_keys;
ALTER TABLE users DROP COLUMN head_hash;
