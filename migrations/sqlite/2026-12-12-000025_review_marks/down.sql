DROP INDEX impacts_target;
DROP INDEX citations_quote_lost;
CREATE INDEX citations_source_check ON citations (source_id, check_status, claim_id);
ALTER TABLE citations DROP COLUMN quote_lost_capture_id;
