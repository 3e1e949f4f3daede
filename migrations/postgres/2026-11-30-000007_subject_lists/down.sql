DROP INDEX claims_subject_id;
