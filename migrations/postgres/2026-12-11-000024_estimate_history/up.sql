-- Estimates as of a past instant (issue 18 §2): every (subject, property) a claim has ever been
-- about, and since when (its first revision that said so). A claim can change its subject or
-- property later, so the claims row (what it says now) cannot answer "which claims were about
-- S/P at T"; this index can, as one range probe of (subject_id, property, since <= T). Each
-- candidate's revision at T is then one probe of revisions (record_kind, record_id, created_at),
-- and is checked to be about S/P at T. Rows are only ever added (history is forever): a claim
-- that left S/P stays a candidate, found not to match at later instants. Kept by the claims'
-- writes (store::estimates::record_subject) and rebuilt by an import; filled here from the
-- revisions written before it existed.
CREATE TABLE claim_subject_history (
    subject_id TEXT NOT NULL,
    property   TEXT NOT NULL,
    claim_id   TEXT NOT NULL REFERENCES claims (id),
    since      TIMESTAMP NOT NULL,
    PRIMARY KEY (subject_id, property, claim_id)
);
CREATE INDEX claim_subject_history_since ON claim_subject_history (subject_id, property, since);

INSERT INTO claim_subject_history (subject_id, property, claim_id, since)
SELECT subject_id, property, record_id, MIN(created_at)
FROM (SELECT snapshot::jsonb ->> 'subject_id' AS subject_id,
             snapshot::jsonb ->> 'property' AS property,
             record_id, created_at
      FROM revisions WHERE record_kind = 'claims') r
WHERE subject_id IS NOT NULL AND property IS NOT NULL
GROUP BY subject_id, property, record_id;
