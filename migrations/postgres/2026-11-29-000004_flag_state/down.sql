ALTER TABLE contradictions DROP COLUMN auto_resolved;
