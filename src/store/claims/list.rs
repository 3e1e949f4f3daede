//! Lists and search: filters, sort orders with their cursors, and the bounded search window.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use crate::db::{Backend, DbConn};
use crate::domain::claim::Verdict;
use crate::schema::{claim_tags, claims};

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimSort {
    CreatedAt {
        descending: bool,
    },
    OccurredAt {
        descending: bool,
    },
    Confidence {
        descending: bool,
    },
    /// Relevance to `q`, best first (the cursor is then a position).
    Relevance,
}

/// Where a page starts.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimCursor {
    /// After the claim with this id (creation order).
    AfterId(String),
    /// After the claim with this confidence and id.
    AfterConfidence(f64, String),
    /// After the claim with this event time (sort key) and id.
    AfterOccurred(NaiveDateTime, String),
    /// After this many results (ranked lists).
    Offset(i64),
}

/// How an `occurred_at` sort value is written into a cursor.
const OCCURRED_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

impl ClaimCursor {
    /// The cursor of `sort` continuing after the claim `id` whose sort value `list_ids` gave
    /// as `value`; None when `value` is not one `list_ids` gives for this sort.
    pub fn after(sort: ClaimSort, value: &str, id: String) -> Option<Self> {
        match sort {
            ClaimSort::CreatedAt { .. } => Some(Self::AfterId(id)),
            ClaimSort::Confidence { .. } => value
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(|v| Self::AfterConfidence(v, id)),
            ClaimSort::OccurredAt { .. } => NaiveDateTime::parse_from_str(value, OCCURRED_FORMAT)
                .ok()
                .map(|t| Self::AfterOccurred(t, id)),
            ClaimSort::Relevance => None,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct ClaimFilter {
    /// Search tokens (already normalised); all must match.
    pub q: Vec<String>,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub source_id: Option<String>,
    pub tag: Option<String>,
    pub verdict: Option<Verdict>,
    pub min_confidence: Option<f64>,
    pub max_confidence: Option<f64>,
    pub occurred_from: Option<NaiveDateTime>,
    pub occurred_to: Option<NaiveDateTime>,
    pub has_open_contradictions: Option<bool>,
    pub include_retracted: bool,
}

type BoxedClaims<'a> = claims::BoxedQuery<'a, <DbConn as Connection>::Backend>;

/// One page of claim ids (up to `limit + 1`, the extra one telling that more exist), with
/// each id's sort value for the next cursor.
pub fn list_ids(
    conn: &mut DbConn,
    filter: &ClaimFilter,
    sort: ClaimSort,
    cursor: Option<&ClaimCursor>,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    let backend = conn.backend();
    if let ClaimSort::Relevance = sort {
        let offset = match cursor {
            Some(ClaimCursor::Offset(n)) => *n,
            _ => 0,
        };
        let mut ranked = search_window(conn, filter)?;
        ranked.sort_by(|(a_id, a), (b_id, b)| a.total_cmp(b).then_with(|| a_id.cmp(b_id)));
        return Ok(ranked
            .into_iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(0))
            .enumerate()
            .map(|(i, (id, _))| (id, (offset + i as i64 + 1).to_string()))
            .collect());
    }
    let mut query = filtered(backend, filter, true);

    match sort {
        ClaimSort::Relevance => unreachable!("answered above"),
        ClaimSort::CreatedAt { descending } => {
            if let Some(ClaimCursor::AfterId(id)) = cursor {
                query = if descending {
                    query.filter(claims::id.lt(id.clone()))
                } else {
                    query.filter(claims::id.gt(id.clone()))
                };
            }
            query = if descending {
                query.order(claims::id.desc())
            } else {
                query.order(claims::id.asc())
            };
            let ids: Vec<String> = query.select(claims::id).limit(limit).load(conn)?;
            Ok(ids.into_iter().map(|id| (id.clone(), id)).collect())
        }
        ClaimSort::Confidence { descending } => {
            if let Some(ClaimCursor::AfterConfidence(v, id)) = cursor {
                let v = *v;
                query = if descending {
                    query.filter(
                        claims::confidence
                            .lt(v)
                            .or(claims::confidence.eq(v).and(claims::id.lt(id.clone()))),
                    )
                } else {
                    query.filter(
                        claims::confidence
                            .gt(v)
                            .or(claims::confidence.eq(v).and(claims::id.gt(id.clone()))),
                    )
                };
            }
            query = if descending {
                query.order((claims::confidence.desc(), claims::id.desc()))
            } else {
                query.order((claims::confidence.asc(), claims::id.asc()))
            };
            let rows: Vec<(String, f64)> = query
                .select((claims::id, claims::confidence))
                .limit(limit)
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(id, c)| (id, format!("{c:?}")))
                .collect())
        }
        ClaimSort::OccurredAt { descending } => {
            if let Some(ClaimCursor::AfterOccurred(v, id)) = cursor {
                let v = *v;
                query = if descending {
                    query.filter(
                        claims::occurred_sort
                            .lt(v)
                            .or(claims::occurred_sort.eq(v).and(claims::id.lt(id.clone()))),
                    )
                } else {
                    query.filter(
                        claims::occurred_sort
                            .gt(v)
                            .or(claims::occurred_sort.eq(v).and(claims::id.gt(id.clone()))),
                    )
                };
            }
            query = if descending {
                query.order((claims::occurred_sort.desc(), claims::id.desc()))
            } else {
                query.order((claims::occurred_sort.asc(), claims::id.asc()))
            };
            let rows: Vec<(String, NaiveDateTime)> = query
                .select((claims::id, claims::occurred_sort))
                .limit(limit)
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(id, t)| (id, t.format(OCCURRED_FORMAT).to_string()))
                .collect())
        }
    }
}

/// "Every token matches", in each backend's full-text engine. The tokens come from
/// `domain::text::search_tokens`: letters and digits only, so they need no escaping.
/// The claims matching `filter`, as a query to sort and page; `search: false` leaves out the
/// full-text condition (`search_window` applies it its own way).
fn filtered<'a>(backend: Backend, filter: &'a ClaimFilter, search: bool) -> BoxedClaims<'a> {
    let mut query: BoxedClaims<'a> = claims::table.into_boxed();
    if search && !filter.q.is_empty() {
        query = query.filter(search_condition(backend, &filter.q));
    }
    if let Some(subject) = &filter.subject_id {
        query = query.filter(claims::subject_id.eq(subject.clone()));
    }
    if let Some(property) = &filter.property {
        query = query.filter(claims::property.eq(property.clone()));
    }
    if let Some(source) = &filter.source_id {
        query = query.filter(cited_source_condition(backend, source));
    }
    if let Some(tag) = &filter.tag {
        query = query.filter(
            claims::id.eq_any(
                claim_tags::table
                    .filter(claim_tags::tag.eq(tag.clone()))
                    .select(claim_tags::claim_id),
            ),
        );
    }
    if let Some(verdict) = filter.verdict {
        query = query.filter(claims::verdict.eq(verdict));
    }
    if let Some(min) = filter.min_confidence {
        query = query.filter(claims::confidence.ge(min));
    }
    if let Some(max) = filter.max_confidence {
        query = query.filter(claims::confidence.le(max));
    }
    if let Some(from) = filter.occurred_from {
        query = query.filter(claims::occurred_end.gt(from));
    }
    if let Some(to) = filter.occurred_to {
        query = query.filter(claims::occurred_start.lt(to));
    }
    if !filter.include_retracted {
        query = query.filter(claims::retracted_at.is_null());
    }
    if let Some(has_open) = filter.has_open_contradictions {
        query = query.filter(open_flag_condition(backend, has_open));
    }
    query
}

/// How many matches a search ranks: the newest `SEARCH_WINDOW` claims that match the words
/// and pass the other filters. Ranking every match made a search for common words cost
/// seconds on a large ledger (it matched every claim); within the window it costs about a
/// millisecond. Words that match fewer claims than this are ranked in full.
pub const SEARCH_WINDOW: i64 = 500;
/// SQLite looks through at most this many windows of newest matches for ones that pass the
/// other filters (so a rare filter on common words ends instead of scanning everything).
const SEARCH_WINDOWS_SCANNED: usize = 20;

/// The search window, newest first, ranked (lower is better) by `text::match_rank`, in Rust
/// and alike on both backends: SQLite's bm25() first counts every match of every word (its
/// IDF), which is the whole index for common words, and its IDF is the same for every claim
/// of an all-words search anyway.
fn search_window(conn: &mut DbConn, filter: &ClaimFilter) -> QueryResult<Vec<(String, f64)>> {
    let backend = conn.backend();
    let window: Vec<(String, String)> = match backend {
        // Newest first by id (UUIDv7: creation order), so PostgreSQL walks the primary key
        // backwards and stops after the window when the words are common, or collects the
        // few matches through the GIN index when they are rare.
        Backend::Postgres => filtered(backend, filter, true)
            .select((claims::id, claims::search_text))
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
            let mut found: Vec<(String, String)> = Vec::new();
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
                let passing: Vec<(String, String)> = filtered(backend, filter, false)
                    .filter(
                        sql::<Bool>("claims.rowid IN (SELECT value FROM json_each(")
                            .bind::<Text, _>(rowids)
                            .sql("))"),
                    )
                    .select((claims::id, claims::search_text))
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
    let lengths: usize = window.iter().map(|(_, text)| text.split(' ').count()).sum();
    let average_length = lengths as f64 / window.len().max(1) as f64;
    Ok(window
        .into_iter()
        .map(|(id, text)| {
            let rank = -crate::domain::text::match_rank(&filter.q, &text, average_length);
            (id, rank)
        })
        .collect())
}

fn search_condition(
    backend: Backend,
    tokens: &[String],
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    match backend {
        Backend::Postgres => Box::new(
            sql::<Bool>("claims.search_vector @@ ")
                .bind::<Text, _>(pg_tsquery(tokens))
                .sql("::tsquery"),
        ),
        Backend::Sqlite => Box::new(
            sql::<Bool>("claims.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ")
                .bind::<Text, _>(fts5_query(tokens))
                .sql(")"),
        ),
    }
}

/// "Cites this source". On PostgreSQL the claim ids are collected first (an InitPlan over
/// `citations_source`) and probed in the primary key, instead of the semi-join the planner
/// otherwise picks for a LIMITed list, which walks the claims newest-first until it has found
/// enough: slow for a source cited by few claims.
fn cited_source_condition(
    backend: Backend,
    source_id: &str,
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    match backend {
        Backend::Postgres => Box::new(
            sql::<Bool>("claims.id = ANY(ARRAY(SELECT claim_id FROM citations WHERE source_id = ")
                .bind::<Text, _>(source_id.to_owned())
                .sql("))"),
        ),
        Backend::Sqlite => Box::new(
            sql::<Bool>("claims.id IN (SELECT claim_id FROM citations WHERE source_id = ")
                .bind::<Text, _>(source_id.to_owned())
                .sql(")"),
        ),
    }
}

/// "Has an open contradiction flag" (or not), probed from the (few) open flags rather than by
/// walking all claims; see `cited_source_condition`.
fn open_flag_condition(
    backend: Backend,
    has_open: bool,
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    let open_ids = "SELECT claim_a FROM contradictions WHERE status = 'open' \
                    UNION ALL SELECT claim_b FROM contradictions WHERE status = 'open'";
    let negate = if has_open { "" } else { "NOT " };
    match backend {
        Backend::Postgres => Box::new(sql::<Bool>(&format!(
            "{negate}(claims.id = ANY(ARRAY({open_ids})))"
        ))),
        Backend::Sqlite => Box::new(sql::<Bool>(&format!("{negate}(claims.id IN ({open_ids}))"))),
    }
}

/// Best match first.
fn pg_tsquery(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(" & ")
}

fn fts5_query(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" ")
}
