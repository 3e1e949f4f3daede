-- Issue 17 §2: a citation may name the entity its source attributes the quoted statement to
-- ("police said", "the TTP claimed"). A claim's independent origins are (root source, speaker)
-- pairs; the speaker is this column. Older citations have none. (No REFERENCES here: SQLite
-- cannot drop a column a foreign key uses, and the one writer checks that the entity exists.)
ALTER TABLE citations ADD COLUMN attributed_to TEXT;

-- A claim's corroborating claims (and the claims superseding it) are read with each claim:
-- probes on (claim, kind), so a claim with many relations of other kinds costs no more.
CREATE INDEX relations_from_kind ON relations (from_claim_id, kind, to_claim_id);
CREATE INDEX relations_to_kind ON relations (to_claim_id, kind, from_claim_id);
