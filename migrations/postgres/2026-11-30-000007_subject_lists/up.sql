-- A list of one subject's claims in creation order walks this index from its cursor and stops
-- after a page; without it, every claim of a popular subject was read and sorted.
CREATE INDEX claims_subject_id ON claims (subject_id, id);
