//! Quote checks (issue 17 §1): each citation row keeps how its quote stands in its source's
//! latest capture — `quote_check` in reads. A check is part of the citation *row*, not of the
//! claim's snapshot: redoing one writes no revision and changes no ETag.
//!
//! When: a claim write's checks are computed before its transaction (`prepare`, on a read
//! connection: the text search never runs in a write) and stored with the citation rows it
//! writes (`for_write`). A new capture enqueues a recheck of its source's citations, done after
//! the capture is acknowledged by a background task in batches (`run`): the capture's write
//! costs the same for a source cited once or 100,000 times. The queue is a table, so a restart
//! resumes it.
//!
//! The race: a claim whose checks were computed against capture C1 while C2 lands. On
//! PostgreSQL a capture takes its source's lock exclusively, a claim write or a recheck batch
//! takes it shared (SQLite has one writer), and a claim write reads the latest capture again
//! under that lock: a check computed against an older capture is stored as computed and a
//! recheck of that claim's citations is enqueued. So every check ends up against its source's
//! latest capture; while one is pending, its `capture_id` is not the latest capture's.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{Database, DbConn, WriteTx};
use crate::domain::capture_text::CaptureFormat;
use crate::domain::quote::{self, QuoteMatch};
use crate::schema::{citations, quote_rechecks};
use crate::store::captures;
use crate::store::claims::CitationSnapshot;
use crate::store::ledger::Ledger;
use crate::store::{StoreResult, new_id};

crate::stored_enum! {
    /// How a citation's quote stands in its source's latest capture: `verified` (found word
    /// for word), `normalized` (found after Unicode NFKC, white space and quote-mark
    /// normalisation), `not_found`, `no_capture` (the source has none yet), `no_quote` (the
    /// citation quotes nothing).
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum CheckStatus {
        Verified,
        Normalized,
        NotFound,
        NoCapture,
        NoQuote,
    }
}

/// A citation's quote check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct QuoteCheck {
    pub status: CheckStatus,
    /// The capture checked against (`GET /v1/captures/{id}`); none for `no_capture` and
    /// `no_quote`. When it is not the source's latest capture, a recheck is under way.
    pub capture_id: Option<String>,
    /// Where the quote starts in the capture's extracted text, in Unicode scalar values
    /// (`verified` and `normalized` only).
    pub start: Option<i64>,
    /// Where it ends (exclusive).
    pub end: Option<i64>,
}

impl QuoteCheck {
    fn bare(status: CheckStatus, capture_id: Option<String>) -> Self {
        Self {
            status,
            capture_id,
            start: None,
            end: None,
        }
    }

    /// The check a citation row has before anything was checked.
    pub fn unchecked(quote: Option<&str>) -> Self {
        if has_quote(quote) {
            Self::bare(CheckStatus::NoCapture, None)
        } else {
            Self::bare(CheckStatus::NoQuote, None)
        }
    }
}

fn has_quote(quote: Option<&str>) -> bool {
    quote.is_some_and(|q| !q.trim().is_empty())
}

/// The key a capture's text is kept under for its media type.
pub fn format_key(media_type: &str) -> &'static str {
    match CaptureFormat::of_media_type(media_type) {
        Some(CaptureFormat::Html) => "html",
        Some(CaptureFormat::Pdf) => "pdf",
        _ => "text",
    }
}

/// Checks `quote` against a capture's text (a [`quote::Haystack`] of it, so that the quotes
/// checked against one capture share its normalisation).
pub fn check(quote: Option<&str>, capture: Option<(&str, &quote::Haystack<'_>)>) -> QuoteCheck {
    let Some(quote) = quote.filter(|q| has_quote(Some(q))) else {
        return QuoteCheck::bare(CheckStatus::NoQuote, None);
    };
    let Some((capture_id, text)) = capture else {
        return QuoteCheck::bare(CheckStatus::NoCapture, None);
    };
    let (status, span) = match text.find(quote) {
        QuoteMatch::Verbatim(span) => (CheckStatus::Verified, Some(span)),
        QuoteMatch::Normalized(span) => (CheckStatus::Normalized, Some(span)),
        QuoteMatch::NotFound => (CheckStatus::NotFound, None),
    };
    QuoteCheck {
        status,
        capture_id: Some(capture_id.to_owned()),
        start: span.map(|s| s.start as i64),
        end: span.map(|s| s.end as i64),
    }
}

/// A source's latest capture with its text.
struct Latest {
    id: String,
    text: String,
}

fn latest_with_text(conn: &mut DbConn, source_id: &str) -> QueryResult<Option<Latest>> {
    let Some((id, sha256, media_type)) = captures::latest(conn, source_id)? else {
        return Ok(None);
    };
    let text = captures::text(conn, &sha256, format_key(&media_type))?.unwrap_or_default();
    Ok(Some(Latest { id, text }))
}

/// Checks computed before a claim write, by (source id, quote).
#[derive(Debug, Clone, Default)]
pub struct Prepared(HashMap<(String, String), QuoteCheck>);

/// Computes the checks of a claim's citations against their sources' latest captures (a read:
/// one index probe per cited source, then the search).
pub fn prepare(conn: &mut DbConn, cited: &[CitationSnapshot]) -> QueryResult<Prepared> {
    let quoted = || {
        cited
            .iter()
            .filter_map(|c| Some((c, c.quote.as_deref().filter(|q| has_quote(Some(q)))?)))
    };
    let mut latest: HashMap<&str, Option<Latest>> = HashMap::new();
    for (c, _) in quoted() {
        if !latest.contains_key(c.source_id.as_str()) {
            latest.insert(&c.source_id, latest_with_text(conn, &c.source_id)?);
        }
    }
    // One haystack per capture: a claim quoting one source five times normalises it once.
    let haystacks: HashMap<&str, (&str, quote::Haystack<'_>)> = latest
        .iter()
        .filter_map(|(source, l)| {
            let l = l.as_ref()?;
            Some((*source, (l.id.as_str(), quote::Haystack::new(&l.text))))
        })
        .collect();
    let mut out = HashMap::new();
    for (c, q) in quoted() {
        let capture = haystacks.get(c.source_id.as_str()).map(|(id, h)| (*id, h));
        out.insert((c.source_id.clone(), q.to_owned()), check(Some(q), capture));
    }
    Ok(Prepared(out))
}

thread_local! {
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

/// Runs a write with the checks prepared for it (the claim's `after_write` takes them; the
/// write runs on this thread).
pub fn with_prepared<T>(prepared: Prepared, write: impl FnOnce() -> T) -> T {
    PREPARED.with(|p| *p.borrow_mut() = Some(prepared));
    let out = write();
    PREPARED.with(|p| *p.borrow_mut() = None);
    out
}

/// The checks of a claim's citations as its write stores them, one per citation: prepared
/// ones that are against their source's latest capture as it is now (read under the source's
/// shared lock); for any other, what was prepared (or nothing) and a recheck enqueued.
pub fn for_write(
    tx: &mut WriteTx<'_>,
    claim_id: &str,
    cited: &[CitationSnapshot],
) -> StoreResult<Vec<QuoteCheck>> {
    let prepared = PREPARED.with(|p| p.borrow_mut().take()).unwrap_or_default();
    let sources: BTreeSet<&str> = cited
        .iter()
        .filter(|c| has_quote(c.quote.as_deref()))
        .map(|c| c.source_id.as_str())
        .collect();
    let mut latest: HashMap<&str, Option<String>> = HashMap::new();
    for source_id in sources {
        tx.lock_shared(&captures::source_lock(source_id))?;
        let id = captures::latest(tx.conn(), source_id)?.map(|(id, _, _)| id);
        latest.insert(source_id, id);
    }
    let mut enqueued: BTreeSet<&str> = BTreeSet::new();
    let mut out = Vec::with_capacity(cited.len());
    for c in cited {
        let Some(q) = c.quote.as_deref().filter(|q| has_quote(Some(q))) else {
            out.push(QuoteCheck::bare(CheckStatus::NoQuote, None));
            continue;
        };
        let Some(Some(capture_id)) = latest.get(c.source_id.as_str()) else {
            out.push(QuoteCheck::bare(CheckStatus::NoCapture, None));
            continue;
        };
        let done = prepared.0.get(&(c.source_id.clone(), q.to_owned()));
        match done {
            Some(check) if check.capture_id.as_ref() == Some(capture_id) => out.push(check.clone()),
            _ => {
                if enqueued.insert(c.source_id.as_str()) {
                    enqueue(tx, &c.source_id, capture_id, Some(claim_id))?;
                }
                out.push(
                    done.cloned()
                        .unwrap_or_else(|| QuoteCheck::unchecked(Some(q))),
                );
            }
        }
    }
    Ok(out)
}

/// Queues a recheck against `capture_id`: of all of a source's citations, or of one claim's.
pub fn enqueue(
    tx: &mut WriteTx<'_>,
    source_id: &str,
    capture_id: &str,
    claim_id: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(quote_rechecks::table)
        .values((
            quote_rechecks::id.eq(new_id()),
            quote_rechecks::source_id.eq(source_id),
            quote_rechecks::capture_id.eq(capture_id),
            quote_rechecks::claim_id.eq(claim_id),
            quote_rechecks::after_id.eq(None::<String>),
            quote_rechecks::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// How many citations one recheck step reads and rewrites.
pub const RECHECK_BATCH: i64 = 500;

#[derive(Queryable)]
struct Job {
    id: String,
    source_id: String,
    capture_id: String,
    claim_id: Option<String>,
    after_id: Option<String>,
}

/// The number of rechecks queued (the health of the background task; tests wait on it).
pub fn pending(conn: &mut DbConn) -> QueryResult<i64> {
    quote_rechecks::table.count().get_result(conn)
}

/// One step of the recheck queue: the oldest job's next batch. `false` when the queue is empty.
pub async fn step(db: &Database, ledger: &Arc<Ledger>) -> anyhow::Result<bool> {
    let found = db
        .read(|conn| -> QueryResult<_> {
            let Some(job) = quote_rechecks::table
                .order(quote_rechecks::id)
                .select((
                    quote_rechecks::id,
                    quote_rechecks::source_id,
                    quote_rechecks::capture_id,
                    quote_rechecks::claim_id,
                    quote_rechecks::after_id,
                ))
                .first::<Job>(conn)
                .optional()?
            else {
                return Ok(None);
            };
            let latest = latest_with_text(conn, &job.source_id)?;
            let Some(latest) = latest.filter(|l| l.id == job.capture_id) else {
                // A newer capture has a job of its own, which covers this one's citations.
                return Ok(Some((job, None)));
            };
            let batch = to_recheck(
                conn,
                &job.source_id,
                job.claim_id.as_deref(),
                job.after_id.as_deref(),
                RECHECK_BATCH,
            )?;
            Ok(Some((job, Some((latest, batch)))))
        })
        .await?
        .value?;
    let Some((job, work)) = found else {
        return Ok(false);
    };
    let Some((latest, batch)) = work else {
        let id = job.id.clone();
        db.write(move |tx| finish(tx, &id)).await?.value?;
        return Ok(true);
    };
    // The search, off the async threads and outside any write.
    let latest = Arc::new(latest);
    let checks: Vec<(String, QuoteCheck)> = tokio::task::spawn_blocking(move || {
        // One normalisation of the capture for the whole batch.
        let haystack = quote::Haystack::new(&latest.text);
        batch
            .into_iter()
            .map(|(id, q)| {
                let check = check(q.as_deref(), Some((&latest.id, &haystack)));
                (id, check)
            })
            .collect()
    })
    .await?;
    let full = checks.len() as i64 == RECHECK_BATCH;
    let ledger = Arc::clone(ledger);
    db.write(move |tx| -> StoreResult<()> {
        tx.lock_shared(&captures::source_lock(&job.source_id))?;
        let now_latest = captures::latest(tx.conn(), &job.source_id)?.map(|(id, _, _)| id);
        if now_latest.as_deref() == Some(job.capture_id.as_str()) {
            // A quote found before and not found in this capture: the impact of the capture
            // (one per capture, recorded by the first batch that sees a quote lost), and the
            // citation marked lost at this capture (the impact's claims are those so marked).
            let ids: Vec<&String> = checks.iter().map(|(id, _)| id).collect();
            let was: HashMap<String, CheckStatus> = citations::table
                .filter(citations::id.eq_any(ids))
                .select((citations::id, citations::check_status))
                .load::<(String, CheckStatus)>(tx.conn())?
                .into_iter()
                .collect();
            let mut lost = false;
            for (id, check) in &checks {
                let marker = lost_marker(was.get(id).copied(), check.status, &job.capture_id);
                lost |= matches!(marker, Lost::At(_));
                store_check(tx, id, check, marker)?;
            }
            if lost {
                crate::store::impacts::after_quote_lost(
                    tx,
                    &ledger,
                    &job.source_id,
                    &job.capture_id,
                )?;
            }
        }
        match checks.last() {
            Some((last, _)) if full && now_latest.as_deref() == Some(job.capture_id.as_str()) => {
                diesel::update(quote_rechecks::table.find(&job.id))
                    .set(quote_rechecks::after_id.eq(last))
                    .execute(tx.conn())?;
                Ok(())
            }
            _ => Ok(finish(tx, &job.id)?),
        }
    })
    .await?
    .value?;
    Ok(true)
}

/// The next citations of a source (of one claim, or all) a recheck reads, in id order after
/// `after`: a walk of `citations_source_id` (or `citations_claim`), `limit` rows at a time.
pub fn to_recheck(
    conn: &mut DbConn,
    source_id: &str,
    claim_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(String, Option<String>)>> {
    let mut query = citations::table
        .filter(citations::source_id.eq(source_id.to_owned()))
        .order(citations::id)
        .limit(limit)
        .select((citations::id, citations::quote))
        .into_boxed();
    if let Some(claim_id) = claim_id {
        query = query.filter(citations::claim_id.eq(claim_id.to_owned()));
    }
    if let Some(after) = after {
        query = query.filter(citations::id.gt(after.to_owned()));
    }
    query.load(conn)
}

fn finish(tx: &mut WriteTx<'_>, job_id: &str) -> QueryResult<()> {
    diesel::delete(quote_rechecks::table.find(job_id)).execute(tx.conn())?;
    Ok(())
}

/// What a recheck does to a citation's `quote_lost_capture_id`: the capture at which its
/// quote, found before, was found no more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lost<'a> {
    /// Lost at this capture: it was found (verified or normalized) and is not found now.
    At(&'a str),
    /// Left as it is: still not found (lost at an earlier capture, or never found).
    Keep,
    /// Found again, or nothing to find: not lost.
    Clear,
}

/// The marker a recheck against `capture_id` writes, from the check the citation had (`was`)
/// and the new one.
pub fn lost_marker(was: Option<CheckStatus>, now: CheckStatus, capture_id: &str) -> Lost<'_> {
    match now {
        CheckStatus::NotFound
            if matches!(was, Some(CheckStatus::Verified | CheckStatus::Normalized)) =>
        {
            Lost::At(capture_id)
        }
        CheckStatus::NotFound => Lost::Keep,
        _ => Lost::Clear,
    }
}

fn store_check(
    tx: &mut WriteTx<'_>,
    citation_id: &str,
    check: &QuoteCheck,
    lost: Lost<'_>,
) -> QueryResult<usize> {
    let row = citations::table.find(citation_id);
    let marker = match lost {
        Lost::Keep => {
            return diesel::update(row)
                .set((
                    citations::check_status.eq(check.status),
                    citations::check_capture_id.eq(&check.capture_id),
                    citations::check_start.eq(check.start),
                    citations::check_end.eq(check.end),
                ))
                .execute(tx.conn());
        }
        Lost::At(capture_id) => Some(capture_id),
        Lost::Clear => None,
    };
    diesel::update(row)
        .set((
            citations::check_status.eq(check.status),
            citations::check_capture_id.eq(&check.capture_id),
            citations::check_start.eq(check.start),
            citations::check_end.eq(check.end),
            citations::quote_lost_capture_id.eq(marker),
        ))
        .execute(tx.conn())
}

/// Works through the queue until it is empty (the demo seed; tests).
pub async fn drain(db: &Database, ledger: &Arc<Ledger>) -> anyhow::Result<()> {
    while step(db, ledger).await? {}
    Ok(())
}

/// The background task: works through the queue, waking when a capture arrives (`wake`) or
/// every few seconds (another instance's capture, a restart's leftovers).
pub fn spawn(db: Database, ledger: Arc<Ledger>, wake: Arc<tokio::sync::Notify>) {
    tokio::spawn(async move {
        loop {
            match step(&db, &ledger).await {
                Ok(true) => continue,
                Ok(false) => {
                    let _ = tokio::time::timeout(Duration::from_secs(5), wake.notified()).await;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "quote recheck step failed");
                    tokio::time::sleep(Duration::from_secs(5)).await;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_quote_and_the_capture() {
        let text = "Police said “at least three” died.";
        let text = &quote::Haystack::new(text);
        assert_eq!(check(None, Some(("c", text))).status, CheckStatus::NoQuote);
        assert_eq!(
            check(Some("  "), Some(("c", text))).status,
            CheckStatus::NoQuote
        );
        assert_eq!(check(Some("three"), None).status, CheckStatus::NoCapture);
        let verified = check(Some("Police said"), Some(("c", text)));
        assert_eq!(
            (verified.status, verified.start, verified.end),
            (CheckStatus::Verified, Some(0), Some(11))
        );
        let normalized = check(Some("\"at least three\""), Some(("c", text)));
        assert_eq!(normalized.status, CheckStatus::Normalized);
        assert_eq!(normalized.capture_id.as_deref(), Some("c"));
        assert_eq!(
            check(Some("four"), Some(("c", text))).status,
            CheckStatus::NotFound
        );
    }

    #[test]
    fn a_quote_is_lost_only_when_it_was_found_before() {
        use CheckStatus::*;
        for was in [Verified, Normalized] {
            assert_eq!(lost_marker(Some(was), NotFound, "c2"), Lost::At("c2"));
        }
        // Never found (or never checked): not lost, whatever marker it has stays.
        for was in [None, Some(NotFound), Some(NoCapture), Some(NoQuote)] {
            assert_eq!(lost_marker(was, NotFound, "c2"), Lost::Keep, "{was:?}");
        }
        // Found again: no longer lost.
        for now in [Verified, Normalized, NoQuote, NoCapture] {
            assert_eq!(
                lost_marker(Some(NotFound), now, "c2"),
                Lost::Clear,
                "{now:?}"
            );
        }
    }

    /// The cost of checking one quote against a 10 MiB capture, in the three cases: found word
    /// for word at the very end, found only once normalised, not there at all (both of the last
    /// normalise the whole text). Run:
    /// `cargo test --lib quote_checks::tests::one_quote_against_10_mib -- --ignored --nocapture`
    /// (add `--release` for the figure a release build gives).
    #[test]
    #[ignore = "a measurement; prints its figures"]
    fn one_quote_against_10_mib() {
        let paragraph = "The police said that the attack on the truck, which the TTP \
                         claimed, left “several” people injured near Quetta.\n";
        let mut text = String::with_capacity(10 * 1024 * 1024 + 200);
        while text.len() < 10 * 1024 * 1024 - 200 {
            text.push_str(paragraph);
        }
        text.push_str("In the end the ‘final sentence’ is here.");
        for (case, quote, status) in [
            (
                "verbatim, at the end",
                "the ‘final sentence’ is here",
                CheckStatus::Verified,
            ),
            (
                "normalised, at the end",
                "the 'final sentence' is here",
                CheckStatus::Normalized,
            ),
            (
                "not found",
                "a sentence that is nowhere",
                CheckStatus::NotFound,
            ),
        ] {
            let started = std::time::Instant::now();
            let found = check(Some(quote), Some(("c", &quote::Haystack::new(&text))));
            let took = started.elapsed();
            assert_eq!(found.status, status);
            println!(
                "one quote against {:.1} MiB, {case}: {took:?}",
                text.len() as f64 / 1024.0 / 1024.0
            );
        }
        // A recheck batch: 100 quotes, none verbatim, against one capture, which is
        // normalised once for all of them.
        let haystack = quote::Haystack::new(&text);
        let started = std::time::Instant::now();
        for n in 0..100 {
            let found = check(
                Some(&format!("a sentence that is nowhere {n}")),
                Some(("c", &haystack)),
            );
            assert_eq!(found.status, CheckStatus::NotFound);
        }
        println!(
            "100 quotes, not found, against one {:.1} MiB capture: {:?}",
            text.len() as f64 / 1024.0 / 1024.0,
            started.elapsed()
        );
    }
}
