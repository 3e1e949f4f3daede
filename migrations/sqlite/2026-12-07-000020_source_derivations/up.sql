-- What a source derives from (issue 17 §2): wire copy it syndicates, a report it is based on.
-- The list is part of the source's snapshot, kept on its row as JSON (`derives_from`, like
-- `authors`), and as one row per edge here, so a walk up or down the graph (independent
-- origins, the impact of a retraction) is an index probe per step.
ALTER TABLE sources ADD COLUMN derives_from TEXT NOT NULL DEFAULT '[]';

CREATE TABLE source_derivations (
    source_id       TEXT NOT NULL REFERENCES sources (id),
    derives_from_id TEXT NOT NULL REFERENCES sources (id),
    -- syndicates | quotes | cites | based_on
    relation        TEXT NOT NULL,
    PRIMARY KEY (source_id, derives_from_id)
);
CREATE INDEX source_derivations_from ON source_derivations (derives_from_id, source_id);
