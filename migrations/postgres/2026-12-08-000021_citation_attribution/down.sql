DROP INDEX relations_to_kind;
DROP INDEX relations_from_kind;
ALTER TABLE citations DROP COLUMN attributed_to;
