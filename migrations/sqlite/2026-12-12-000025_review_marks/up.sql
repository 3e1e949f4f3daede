-- Issue 17 §3, the review queue's gaps: a claim's own review (GET /v1/claims/{id}'s
-- `review_status`, GET /v1/review-queue?claim_id=…) and a `quote_missing` impact that lists only
-- the quotes the capture LOST.
--
-- The capture at whose recheck a citation's quote, found (verified or normalized) before, was
-- found no more. Set by the background recheck (in the batch that rewrites the check anyway),
-- cleared when the quote is found again, kept while it stays not found; null for a quote that
-- was never found. A quote_missing impact (trigger: that capture) affects exactly the citations
-- that name its capture here. Part of the citation row, like its check: never in a snapshot.
ALTER TABLE citations ADD COLUMN quote_lost_capture_id TEXT;

-- Before this column the queue listed every citation whose quote was not found in the capture
-- of a quote_missing impact: those keep their place (a quote never found among them stays
-- listed; nothing already queued disappears unreviewed).
UPDATE citations SET quote_lost_capture_id = check_capture_id
WHERE check_status = 'not_found'
  AND check_capture_id IN (SELECT trigger_id FROM impacts
                           WHERE reason = 'quote_missing' AND trigger_kind = 'captures');

-- The claims of a quote_missing impact, in claim order. It replaces the probe by status
-- (citations_source_check), which listed quotes never found too and has no other reader.
CREATE INDEX citations_quote_lost ON citations (quote_lost_capture_id, claim_id);
DROP INDEX citations_source_check;

-- One claim's review: the impacts on the sources it cites (and what they derive from) or on
-- the claims related to it, oldest first.
CREATE INDEX impacts_target ON impacts (target_id, target_kind, id);
