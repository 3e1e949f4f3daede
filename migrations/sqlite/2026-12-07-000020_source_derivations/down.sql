DROP TABLE source_derivations;
ALTER TABLE sources DROP COLUMN derives_from;
