DROP TABLE claim_subject_history;
