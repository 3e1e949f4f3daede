DROP INDEX claims_published_review;
ALTER TABLE citations DROP COLUMN role;
ALTER TABLE claims DROP COLUMN published_review;
