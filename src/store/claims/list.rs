//! Lists and search: filters, sort orders with their cursors, and the bounded search window.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use crate::db::sql::{PlannedPerCall, in_list};
use crate::db::{Backend, DbConn};
use crate::domain::claim::Verdict;
use crate::domain::relation::RelationKind;
use crate::schema::{citations, claim_tags, claims};

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
pub(super) const OCCURRED_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.6f";

impl ClaimCursor {
    /// The cursor of `sort` continuing after the claim `id` whose sort value `list_ids` gave
    /// as `value` (for a ranked list, the position after it); None when `value` is not one
    /// `list_ids` gives for this sort.
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
            ClaimSort::Relevance => value
                .parse::<i64>()
                .ok()
                .filter(|o| *o >= 0)
                .map(Self::Offset),
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
    /// Claims with at least one citation whose quote check has this status.
    pub quote_check: Option<crate::store::quote_checks::CheckStatus>,
    pub verdict: Option<Verdict>,
    pub min_confidence: Option<f64>,
    pub max_confidence: Option<f64>,
    pub occurred_from: Option<NaiveDateTime>,
    pub occurred_to: Option<NaiveDateTime>,
    pub has_open_contradictions: Option<bool>,
    pub include_retracted: bool,
    /// Show claims that are duplicates of another (a live `duplicate_of`); hidden otherwise,
    /// unless `related_to` asks for a claim's related claims.
    pub include_duplicates: bool,
    /// Claims related to this claim (live relations, either side).
    pub related_to: Option<String>,
    /// With `related_to`: only relations of this kind.
    pub relation: Option<RelationKind>,
    /// Claims with at least this many independent origins. This and `single_origin` are
    /// derived when read, so they are applied to loaded pages, not in SQL: see
    /// [`ClaimFilter::CORROBORATION_SCAN`].
    pub min_independent_origins: Option<i64>,
    /// Claims whose support does (true) or does not (false) trace to exactly one origin.
    pub single_origin: Option<bool>,
}

impl ClaimFilter {
    /// The most claims one page request examines for `min_independent_origins` or
    /// `single_origin`; a page can then be short, with a cursor to go on from.
    pub const CORROBORATION_SCAN: i64 = 1000;

    /// True when the filter asks about origins (a filter on loaded claims).
    pub fn on_corroboration(&self) -> bool {
        self.min_independent_origins.is_some() || self.single_origin.is_some()
    }

    /// Whether a claim's corroboration passes the filter.
    pub fn passes(&self, c: &crate::store::provenance::Corroboration) -> bool {
        self.min_independent_origins
            .is_none_or(|min| c.independent_origins >= min)
            && self
                .single_origin
                .is_none_or(|single| c.single_origin == single)
    }
}

type BoxedClaims<'a> = claims::BoxedQuery<'a, <DbConn as Connection>::Backend>;

/// Keyset paging on (`$column`, id): the rows after the cursor's `(value, id)` in that order.
/// A macro because each column is its own diesel type.
macro_rules! keyset_page {
    ($query:expr, $column:expr, $after:expr, $descending:expr) => {{
        let mut query = $query;
        if let Some((v, id)) = $after {
            query = if $descending {
                query.filter(
                    $column
                        .lt(v)
                        .or($column.eq(v).and(claims::id.lt(id.clone()))),
                )
            } else {
                query.filter(
                    $column
                        .gt(v)
                        .or($column.eq(v).and(claims::id.gt(id.clone()))),
                )
            };
        }
        if $descending {
            query.order(($column.desc(), claims::id.desc()))
        } else {
            query.order(($column.asc(), claims::id.asc()))
        }
    }};
}

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
    if !filter.q.is_empty() {
        return super::search::searched(conn, filter, sort, cursor, limit);
    }
    if let ClaimSort::CreatedAt { descending } = sort
        && let Some(driver) = Driver::of(filter)
    {
        let after = match cursor {
            Some(ClaimCursor::AfterId(id)) => Some(id.as_str()),
            _ => None,
        };
        let ids = walk_in_creation_order(conn, filter, driver, descending, after, limit)?;
        return Ok(ids.into_iter().map(|id| (id.clone(), id)).collect());
    }
    let mut query = filtered(backend, filter, Membership::Collected);

    match sort {
        ClaimSort::Relevance => unreachable!("a ranked list has words to rank by"),
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
            let after = match cursor {
                Some(ClaimCursor::AfterConfidence(v, id)) => Some((*v, id)),
                _ => None,
            };
            let rows: Vec<(String, f64)> =
                keyset_page!(query, claims::confidence, after, descending)
                    .select((claims::id, claims::confidence))
                    .limit(limit)
                    .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(id, c)| (id, format!("{c:?}")))
                .collect())
        }
        ClaimSort::OccurredAt { descending } => {
            let after = match cursor {
                Some(ClaimCursor::AfterOccurred(v, id)) => Some((*v, id)),
                _ => None,
            };
            let rows: Vec<(String, NaiveDateTime)> =
                keyset_page!(query, claims::occurred_sort, after, descending)
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

/// How `filtered` writes "cites this source" and "has this tag".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Membership {
    /// `id IN (every claim of the source or tag)`, collected first: for plans that walk
    /// another index.
    Collected,
    /// `EXISTS (this claim cites the source)`, probed per row: for a window of known ids, where
    /// collecting every claim of a popular source would cost more than the window.
    Probed,
}

/// The claims matching `filter` but for its words (`searched` and `search_window` apply
/// those their own way), as a query to sort and page.
pub(super) fn filtered<'a>(
    backend: Backend,
    filter: &'a ClaimFilter,
    membership: Membership,
) -> BoxedClaims<'a> {
    let mut query: BoxedClaims<'a> = claims::table.into_boxed().filter(PlannedPerCall);
    if let Some(subject) = &filter.subject_id {
        query = query.filter(claims::subject_id.eq(subject.clone()));
    }
    if let Some(property) = &filter.property {
        query = query.filter(claims::property.eq(property.clone()));
    }
    if let Some(source) = &filter.source_id {
        query = query.filter(match membership {
            Membership::Collected => cited_source_condition(backend, source),
            Membership::Probed => Box::new(
                sql::<Bool>(
                    "EXISTS (SELECT 1 FROM citations \
                     WHERE citations.claim_id = claims.id AND citations.source_id = ",
                )
                .bind::<Text, _>(source.clone())
                .sql(")"),
            ),
        });
    }
    if let Some(tag) = &filter.tag {
        query = match membership {
            Membership::Collected => query.filter(
                claims::id.eq_any(
                    claim_tags::table
                        .filter(claim_tags::tag.eq(tag.clone()))
                        .select(claim_tags::claim_id),
                ),
            ),
            Membership::Probed => query.filter(
                sql::<Bool>(
                    "EXISTS (SELECT 1 FROM claim_tags \
                     WHERE claim_tags.claim_id = claims.id AND claim_tags.tag = ",
                )
                .bind::<Text, _>(tag.clone())
                .sql(")"),
            ),
        };
    }
    if let Some(status) = filter.quote_check {
        query = match membership {
            Membership::Collected => query.filter(
                claims::id.eq_any(
                    citations::table
                        .filter(citations::check_status.eq(status))
                        .select(citations::claim_id),
                ),
            ),
            Membership::Probed => query.filter(
                sql::<Bool>(
                    "EXISTS (SELECT 1 FROM citations \
                     WHERE citations.claim_id = claims.id AND citations.check_status = ",
                )
                .bind::<Text, _>(<&str>::from(status))
                .sql(")"),
            ),
        };
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
    if let Some(related) = &filter.related_to {
        query = query.filter(related_condition(
            backend,
            related,
            filter.relation,
            membership,
        ));
    } else if !filter.include_duplicates {
        query = query.filter(crate::store::relations::not_duplicate());
    }
    query
}

/// "Related to this claim" (by a live relation, of `kind` when given, either side). Collected:
/// the related ids first (two probes of `relations`), then the claims by primary key; probed:
/// two index probes per row.
fn related_condition(
    backend: Backend,
    claim: &str,
    kind: Option<RelationKind>,
    membership: Membership,
) -> Box<dyn BoxableExpression<claims::table, <DbConn as Connection>::Backend, SqlType = Bool>> {
    // An empty kind matches every kind.
    let kind_value = kind.map(|k| k.as_str()).unwrap_or("");
    // Each side: "... <claim> AND (kind = <kind> OR <kind> = '') AND retracted_at IS NULL".
    macro_rules! side {
        ($query:expr) => {
            $query
                .bind::<Text, _>(claim.to_owned())
                .sql(" AND (kind = ")
                .bind::<Text, _>(kind_value)
                .sql(" OR ")
                .bind::<Text, _>(kind_value)
                .sql(" = '') AND retracted_at IS NULL")
        };
    }
    match (membership, backend) {
        (Membership::Probed, _) => Box::new(
            side!(side!(sql::<Bool>(
                "((SELECT 1 FROM relations WHERE from_claim_id = claims.id AND to_claim_id = "
            ))
            .sql(" LIMIT 1) IS NOT NULL OR (SELECT 1 FROM relations WHERE to_claim_id = claims.id AND from_claim_id = "))
            .sql(" LIMIT 1) IS NOT NULL)"),
        ),
        (Membership::Collected, Backend::Postgres) => Box::new(
            side!(side!(sql::<Bool>(
                "claims.id = ANY(ARRAY(SELECT to_claim_id FROM relations WHERE from_claim_id = "
            ))
            .sql(" UNION ALL SELECT from_claim_id FROM relations WHERE to_claim_id = "))
            .sql("))"),
        ),
        (Membership::Collected, Backend::Sqlite) => Box::new(
            side!(side!(sql::<Bool>(
                "claims.id IN (SELECT to_claim_id FROM relations WHERE from_claim_id = "
            ))
            .sql(" UNION ALL SELECT from_claim_id FROM relations WHERE to_claim_id = "))
            .sql(")"),
        ),
    }
}

/// The index a list in creation order walks when it asks for a source's or a tag's claims:
/// `citations (source_id, claim_id)` or `claim_tags (tag, claim_id)`, both in claim id
/// (creation) order.
#[derive(Debug, Clone, Copy)]
enum Driver {
    Source,
    Tag,
    /// `citations (check_status, claim_id)`.
    QuoteCheck,
    /// `relations (from_claim_id, to_claim_id)` and `(to_claim_id, from_claim_id)`, merged.
    Related,
}

impl Driver {
    fn of(filter: &ClaimFilter) -> Option<Self> {
        if filter.related_to.is_some() {
            Some(Self::Related)
        } else if filter.source_id.is_some() {
            Some(Self::Source)
        } else if filter.tag.is_some() {
            Some(Self::Tag)
        } else if filter.quote_check.is_some() {
            Some(Self::QuoteCheck)
        } else {
            None
        }
    }
}

/// The first window a walk reads; each next one is twice as large, up to the last.
const WALK_FIRST_WINDOW: i64 = 64;
const WALK_LARGEST_WINDOW: i64 = 4096;

/// One window of the driving index: the claim ids of the `$table` rows whose `$column` is
/// `$key`, from `$position` on in claim id order, at most `$size` of them.
macro_rules! window {
    ($table:ident . $column:ident, $key:expr, $position:expr, $size:expr, $descending:expr) => {{
        let mut query = $table::table
            .filter($table::$column.eq(&$key))
            .select($table::claim_id)
            .limit($size)
            .into_boxed();
        if let Some(p) = &$position {
            query = if $descending {
                query.filter($table::claim_id.lt(p))
            } else {
                query.filter($table::claim_id.gt(p))
            };
        }
        if $descending {
            query.order($table::claim_id.desc())
        } else {
            query.order($table::claim_id.asc())
        }
    }};
}

/// A page of the claims of a source (or tag) in creation order: the driving index is walked
/// in claim id order from the cursor, a window of ids at a time, and each window meets the
/// other filters by primary key, until the page is full or the index ends. A popular
/// source's page thus costs what a rare one's does; collecting all its claims first (as
/// `id IN (…)` does) cost a walk of every one.
fn walk_in_creation_order(
    conn: &mut DbConn,
    filter: &ClaimFilter,
    driver: Driver,
    descending: bool,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<String>> {
    let backend = conn.backend();
    // The window's ids already pass the driver's own condition.
    let mut rest = filter.clone();
    let key = match driver {
        Driver::Source => rest.source_id.take(),
        Driver::Tag => rest.tag.take(),
        Driver::QuoteCheck => rest.quote_check.take().map(|s| <&str>::from(s).to_owned()),
        Driver::Related => {
            rest.relation = None;
            rest.related_to.take()
        }
    }
    .unwrap_or_default();
    if matches!(driver, Driver::Related) {
        // The window's claims are related ones, shown duplicates or not.
        rest.include_duplicates = true;
    }
    let mut position: Option<String> = after.map(str::to_owned);
    let mut size = WALK_FIRST_WINDOW.max(limit);
    let mut found: Vec<String> = Vec::new();
    loop {
        // A claim citing the source twice comes twice, side by side: `IN` takes it once.
        let (window, ended): (Vec<String>, bool) = match driver {
            Driver::Source => {
                let w: Vec<String> =
                    window!(citations.source_id, key, position, size, descending).load(conn)?;
                let ended = (w.len() as i64) < size;
                (w, ended)
            }
            Driver::Tag => {
                let w: Vec<String> =
                    window!(claim_tags.tag, key, position, size, descending).load(conn)?;
                let ended = (w.len() as i64) < size;
                (w, ended)
            }
            Driver::QuoteCheck => {
                let w: Vec<String> =
                    window!(citations.check_status, key, position, size, descending).load(conn)?;
                let ended = (w.len() as i64) < size;
                (w, ended)
            }
            Driver::Related => crate::store::relations::related_window(
                conn,
                &key,
                filter.relation,
                position.as_deref(),
                size,
                descending,
            )?,
        };
        let Some(last) = window.last().cloned() else {
            break;
        };
        let wanted = limit - found.len() as i64;
        let query = filtered(backend, &rest, Membership::Probed)
            .filter(in_list(claims::id, &window))
            .select(claims::id)
            .limit(wanted);
        let passing: Vec<String> = if descending {
            query.order(claims::id.desc()).load(conn)?
        } else {
            query.order(claims::id.asc()).load(conn)?
        };
        found.extend(passing);
        if found.len() as i64 >= limit || ended {
            break;
        }
        position = Some(last);
        size = (size * 2).min(WALK_LARGEST_WINDOW);
    }
    Ok(found)
}

pub(super) fn search_condition(
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

pub(super) fn fts5_query(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The live claims with a published review, updated at or after `since`, in (`updated_at`,
/// id) order after `after`: what `GET /v1/exports/claimreview` walks, through the partial
/// index `claims_published_review`, so its cost follows the reviewed claims, not all claims.
pub fn with_published_review(
    conn: &mut DbConn,
    since: Option<NaiveDateTime>,
    after: Option<&(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    let mut query = claims::table
        .filter(claims::published_review.is_not_null())
        .filter(claims::retracted_at.is_null())
        .select((claims::id, claims::updated_at))
        .order((claims::updated_at.asc(), claims::id.asc()))
        .limit(limit)
        .into_boxed();
    if let Some(since) = since {
        query = query.filter(claims::updated_at.ge(since));
    }
    if let Some((at, id)) = after {
        query = query.filter(
            claims::updated_at
                .gt(*at)
                .or(claims::updated_at.eq(*at).and(claims::id.gt(id.clone()))),
        );
    }
    query.load(conn)
}
