//! Search: the bounded window of newest matches, ranked by relevance or sorted as asked.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::list::{
    ClaimCursor, ClaimFilter, ClaimSort, Membership, OCCURRED_FORMAT, filtered, fts5_query,
    search_condition,
};
use crate::db::{Backend, DbConn};
use crate::schema::claims;

/// How many matches a search ranks: the newest `SEARCH_WINDOW` claims that match the words
/// and pass the other filters. Ranking every match made a search for common words cost
/// seconds on a large ledger (it matched every claim); within the window it costs about a
/// millisecond. Words that match fewer claims than this are ranked in full.
pub const SEARCH_WINDOW: i64 = 500;
/// SQLite looks through at most this many windows of newest matches for ones that pass the
/// other filters (so a rare filter on common words ends instead of scanning everything).
const SEARCH_WINDOWS_SCANNED: usize = 20;

/// One claim of the search window, with what it can be sorted by.
struct Windowed {
    id: String,
    /// Lower is better.
    rank: f64,
    confidence: f64,
    occurred_sort: NaiveDateTime,
}

type WindowRow = (String, String, f64, NaiveDateTime);

macro_rules! window_columns {
    () => {
        (
            claims::id,
            claims::search_text,
            claims::confidence,
            claims::occurred_sort,
        )
    };
}

/// A search: the window of newest matches (see [`SEARCH_WINDOW`]), ranked by relevance or
/// sorted as asked, then paged. An explicit sort orders the same window a ranked search would
/// rank, so a search costs the same whatever its order (sorting every match of common words
/// was a walk of the whole index).
pub(super) fn searched(
    conn: &mut DbConn,
    filter: &ClaimFilter,
    sort: ClaimSort,
    cursor: Option<&ClaimCursor>,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    let mut window = search_window(conn, filter)?;
    let limit = usize::try_from(limit).unwrap_or(0);
    if let ClaimSort::Relevance = sort {
        let offset = match cursor {
            Some(ClaimCursor::Offset(n)) => *n,
            _ => 0,
        };
        window.sort_by(|a, b| a.rank.total_cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
        return Ok(window
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(limit)
            .enumerate()
            .map(|(i, w)| (w.id, (offset + i as i64 + 1).to_string()))
            .collect());
    }
    // Each item's place in the order asked for: (sort value, id).
    let key = |w: &Windowed| -> (SortValue, String) {
        let value = match sort {
            ClaimSort::Confidence { .. } => SortValue::Number(w.confidence),
            ClaimSort::OccurredAt { .. } => SortValue::Time(w.occurred_sort),
            _ => SortValue::Id,
        };
        (value, w.id.clone())
    };
    let descending = matches!(
        sort,
        ClaimSort::CreatedAt { descending: true }
            | ClaimSort::Confidence { descending: true }
            | ClaimSort::OccurredAt { descending: true }
    );
    let after: Option<(SortValue, String)> = match cursor {
        Some(ClaimCursor::AfterId(id)) => Some((SortValue::Id, id.clone())),
        Some(ClaimCursor::AfterConfidence(v, id)) => Some((SortValue::Number(*v), id.clone())),
        Some(ClaimCursor::AfterOccurred(t, id)) => Some((SortValue::Time(*t), id.clone())),
        _ => None,
    };
    let order = |a: &(SortValue, String), b: &(SortValue, String)| {
        let ascending = a.0.compare(&b.0).then_with(|| a.1.cmp(&b.1));
        if descending {
            ascending.reverse()
        } else {
            ascending
        }
    };
    window.sort_by(|a, b| order(&key(a), &key(b)));
    Ok(window
        .into_iter()
        .filter(|w| {
            after
                .as_ref()
                .is_none_or(|after| order(&key(w), after).is_gt())
        })
        .take(limit)
        .map(|w| {
            let value = match sort {
                ClaimSort::Confidence { .. } => format!("{:?}", w.confidence),
                ClaimSort::OccurredAt { .. } => w.occurred_sort.format(OCCURRED_FORMAT).to_string(),
                _ => w.id.clone(),
            };
            (w.id, value)
        })
        .collect())
}

/// What a searched claim is sorted by, besides its id.
enum SortValue {
    Id,
    Number(f64),
    Time(NaiveDateTime),
}

impl SortValue {
    fn compare(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.total_cmp(b),
            (Self::Time(a), Self::Time(b)) => a.cmp(b),
            _ => std::cmp::Ordering::Equal,
        }
    }
}

/// The search window, newest first, ranked (lower is better) by `text::match_rank`, in Rust
/// and alike on both backends: SQLite's bm25() first counts every match of every word (its
/// IDF), which is the whole index for common words, and its IDF is the same for every claim
/// of an all-words search anyway.
fn search_window(conn: &mut DbConn, filter: &ClaimFilter) -> QueryResult<Vec<Windowed>> {
    let backend = conn.backend();
    let window: Vec<WindowRow> = match backend {
        // Newest first by id (UUIDv7: creation order), so PostgreSQL walks the primary key
        // backwards and stops after the window when the words are common, or collects the
        // few matches through the GIN index when they are rare. A source or tag is a
        // semi-join the planner may drive either way (collected first, a popular source's
        // claims were all read).
        Backend::Postgres => filtered(backend, filter, Membership::Probed)
            .filter(search_condition(backend, &filter.q))
            .select(window_columns!())
            .order(claims::id.desc())
            .limit(SEARCH_WINDOW)
            .load(conn)?,
        // FTS5 walks its matches newest first (by rowid); each window of them then meets the
        // other filters in one indexed lookup.
        Backend::Sqlite => {
            #[derive(QueryableByName)]
            struct Match {
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                rowid: i64,
            }
            let words = fts5_query(&filter.q);
            let window = usize::try_from(SEARCH_WINDOW).unwrap_or(0);
            let mut found: Vec<WindowRow> = Vec::new();
            let mut before = i64::MAX;
            for _ in 0..SEARCH_WINDOWS_SCANNED {
                let matches: Vec<Match> = diesel::sql_query(
                    "SELECT rowid FROM claims_fts \
                     WHERE claims_fts MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT ?",
                )
                .bind::<Text, _>(&words)
                .bind::<diesel::sql_types::BigInt, _>(before)
                .bind::<diesel::sql_types::BigInt, _>(SEARCH_WINDOW)
                .load(conn)?;
                let Some(last) = matches.last() else {
                    break;
                };
                before = last.rowid;
                let rowids: Vec<i64> = matches.iter().map(|m| m.rowid).collect();
                let rowids = serde_json::to_string(&rowids).expect("numbers serialise");
                let passing: Vec<WindowRow> = filtered(backend, filter, Membership::Probed)
                    .filter(
                        sql::<Bool>("claims.rowid IN (SELECT value FROM json_each(")
                            .bind::<Text, _>(rowids)
                            .sql("))"),
                    )
                    .select(window_columns!())
                    .order(sql::<diesel::sql_types::BigInt>("claims.rowid DESC"))
                    .load(conn)?;
                let room = window - found.len();
                found.extend(passing.into_iter().take(room));
                if found.len() >= window || matches.len() < window {
                    break;
                }
            }
            found
        }
    };
    let lengths: usize = window
        .iter()
        .map(|(_, text, ..)| text.split(' ').count())
        .sum();
    let average_length = lengths as f64 / window.len().max(1) as f64;
    Ok(window
        .into_iter()
        .map(|(id, text, confidence, occurred_sort)| Windowed {
            rank: -crate::domain::text::match_rank(&filter.q, &text, average_length),
            id,
            confidence,
            occurred_sort,
        })
        .collect())
}
