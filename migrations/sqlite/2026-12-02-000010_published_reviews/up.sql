-- Issue 15: a claim's published review (set with the verdict; JSON, as its snapshot keeps it)
-- and each citation's role. Snapshots written before read both through their defaults (no
-- review; every citation `evidence`), which these column defaults match.
ALTER TABLE claims ADD COLUMN published_review TEXT;
ALTER TABLE citations ADD COLUMN role TEXT NOT NULL DEFAULT 'evidence';
-- `GET /v1/exports/claimreview?updated_since=…` walks only the claims with a review.
CREATE INDEX claims_published_review ON claims (updated_at, id) WHERE published_review IS NOT NULL;
