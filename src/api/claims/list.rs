//! Listing and searching claims: `GET /v1/claims`, its query, filters and cursors.

use actix_web::{HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ClaimResponse;
use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{Page, parse_limit};
use crate::db::DbConn;
use crate::domain::claim::Verdict;
use crate::domain::relation::RelationKind;
use crate::domain::text::search_tokens;
use crate::domain::time::{Precision, TimeValue};
use crate::store;
use crate::store::claims::{ClaimCursor, ClaimFilter, ClaimSort, ClaimView};

/// How to order a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
pub enum ClaimSortParam {
    #[serde(rename = "created_at")]
    CreatedAt,
    #[serde(rename = "-created_at")]
    CreatedAtDesc,
    #[serde(rename = "occurred_at")]
    OccurredAt,
    #[serde(rename = "-occurred_at")]
    OccurredAtDesc,
    #[serde(rename = "confidence")]
    Confidence,
    #[serde(rename = "-confidence")]
    ConfidenceDesc,
}

impl ClaimSortParam {
    fn sort(self) -> ClaimSort {
        match self {
            Self::CreatedAt => ClaimSort::CreatedAt { descending: false },
            Self::CreatedAtDesc => ClaimSort::CreatedAt { descending: true },
            Self::OccurredAt => ClaimSort::OccurredAt { descending: false },
            Self::OccurredAtDesc => ClaimSort::OccurredAt { descending: true },
            Self::Confidence => ClaimSort::Confidence { descending: false },
            Self::ConfidenceDesc => ClaimSort::Confidence { descending: true },
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClaimListQuery {
    /// Full-text search over statements and citation quotes (every word must match; case and
    /// accents ignored). Results are ranked by relevance unless `sort` is given; when more
    /// than 500 claims match (and pass the other filters), the ranking — or the `sort` — covers
    /// the newest 500 of them: add words or filters to narrow it.
    #[param(max_length = 1000)]
    pub q: Option<String>,
    #[param(max_length = 1000)]
    pub subject_id: Option<String>,
    /// A property key, e.g. `injured`.
    #[param(max_length = 1000)]
    pub property: Option<String>,
    /// Claims citing this source.
    #[param(max_length = 1000)]
    pub source_id: Option<String>,
    #[param(max_length = 1000)]
    pub tag: Option<String>,
    /// Claims with at least one citation whose quote check has this status, e.g. `not_found`:
    /// the quotes to look at.
    pub quote_check: Option<crate::store::quote_checks::CheckStatus>,
    pub verdict: Option<Verdict>,
    #[param(minimum = 0.0, maximum = 1.0)]
    pub min_confidence: Option<f64>,
    #[param(minimum = 0.0, maximum = 1.0)]
    pub max_confidence: Option<f64>,
    /// Claims whose event time can fall on or after this: `2022`, `2022-11`, `2022-11-30` or RFC 3339.
    #[param(max_length = 1000)]
    pub occurred_from: Option<String>,
    /// Claims whose event time can fall on or before this (same forms).
    #[param(max_length = 1000)]
    pub occurred_to: Option<String>,
    /// Only claims with (true) or without (false) an open contradiction flag.
    pub has_open_contradictions: Option<bool>,
    /// Include retracted claims (default false).
    pub include_retracted: Option<bool>,
    /// Include claims that are duplicates of another (a live `duplicate_of` relation; default
    /// false: a list shows the canonical claims). With `related_to`, duplicates are shown.
    pub include_duplicates: Option<bool>,
    /// Claims related to this claim by a live relation, either way (see `GET /v1/claims/{id}/relations`).
    #[param(max_length = 100)]
    pub related_to: Option<String>,
    /// With `related_to`: only relations of this kind.
    pub relation: Option<RelationKind>,
    /// Claims with at least this many independent origins (`corroboration`). Origins are
    /// derived when read: with this or `single_origin`, one request examines at most 1,000
    /// claims, so a page may hold fewer than `limit` (even none) and still have a
    /// `next_cursor` to go on from.
    #[param(minimum = 0, maximum = 1000)]
    pub min_independent_origins: Option<i64>,
    /// Claims whose support traces to exactly one origin (true: circular reporting) or not.
    pub single_origin: Option<bool>,
    /// Order: `created_at`, `-created_at` (default without `q`), `occurred_at`, `-occurred_at`,
    /// `confidence`, `-confidence`. Claims with no event time sort after dated ones ascending.
    pub sort: Option<ClaimSortParam>,
    /// How many items to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (it only works with the same filters and sort).
    #[param(max_length = 1000)]
    pub cursor: Option<String>,
}

/// List and search claims, as pages of JSON or, with `Accept: text/csv`, as one CSV file of
/// every match (see `claims_csv`).
#[utoipa::path(
    tag = "claims",
    params(ClaimListQuery),
    responses(
        (status = 200, description = "One page of claims; with `Accept: text/csv`, every matching claim as CSV \
            (a UTF-8 byte order mark, a header row, RFC 4180; `limit` and `cursor` do not apply; with `q`, the same \
            window of matches as the JSON search)",
            content(
                (crate::api::pagination::Page<ClaimResponse> = "application/json"),
                (String = "text/csv"),
            )),
        (status = 429, description = "Too many CSV exports at once; retry after `Retry-After` seconds"),
    )
)]
#[get("/v1/claims")]
pub async fn list_claims(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    req: actix_web::HttpRequest,
    query: web::Query<ClaimListQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let (filter, sort) = claim_filter(&query)?;
    if crate::api::claims_csv::wants_csv(&req) {
        for (pointer, given) in [
            ("/limit", query.limit.is_some()),
            ("/cursor", query.cursor.is_some()),
        ] {
            if given {
                return Err(ApiError::invalid(
                    pointer,
                    "does not apply to CSV, which holds every match",
                ));
            }
        }
        return crate::api::claims_csv::respond(state, filter, sort);
    }
    let limit = parse_limit(query.limit)?;
    let cursor = query
        .cursor
        .as_deref()
        .map(|c| decode_claim_cursor(c, sort))
        .transpose()?;
    let (views, next) = state
        .read(move |conn| claim_page(conn, &filter, sort, cursor.as_ref(), limit))
        .await?;
    Ok(HttpResponse::Ok().json(Page {
        items: views
            .into_iter()
            .map(ClaimResponse::from)
            .collect::<Vec<_>>(),
        next_cursor: next.map(|(id, value)| encode_claim_cursor(sort, &value, &id)),
    }))
}

/// A page of claims, and the id and sort value of its last claim when another page follows.
pub(crate) type ClaimPage = (Vec<ClaimView>, Option<(String, String)>);

/// One page of claims after `cursor`, and where the next page starts, as the last claim's id and
/// sort value (none: this was the last page).
pub(crate) fn claim_page(
    conn: &mut DbConn,
    filter: &ClaimFilter,
    sort: ClaimSort,
    cursor: Option<&ClaimCursor>,
    limit: i64,
) -> ApiResult<ClaimPage> {
    if filter.on_corroboration() {
        return corroboration_page(conn, filter, sort, cursor, limit);
    }
    let mut ids = store::claims::list_ids(conn, filter, sort, cursor, limit + 1)?;
    let more = ids.len() as i64 > limit;
    ids.truncate(limit as usize);
    let next = ids.last().filter(|_| more).cloned();
    let ids: Vec<String> = ids.into_iter().map(|(id, _)| id).collect();
    Ok((store::claims::load_views(conn, &ids)?, next))
}

/// A page of claims that pass a filter on their origins, which are known only once loaded:
/// pages of the other filters are loaded and sifted until `limit` pass or
/// [`ClaimFilter::CORROBORATION_SCAN`] claims were examined. A short page then ends with the
/// last claim examined, so the next request goes on from there.
fn corroboration_page(
    conn: &mut DbConn,
    filter: &ClaimFilter,
    sort: ClaimSort,
    cursor: Option<&ClaimCursor>,
    limit: i64,
) -> ApiResult<ClaimPage> {
    let mut kept: Vec<(ClaimView, (String, String))> = Vec::new();
    let mut after = cursor.cloned();
    let mut examined = 0;
    loop {
        let want = (limit + 1 - kept.len() as i64)
            .max(50)
            .min(ClaimFilter::CORROBORATION_SCAN - examined);
        let ids = store::claims::list_ids(conn, filter, sort, after.as_ref(), want)?;
        let exhausted = (ids.len() as i64) < want;
        examined += ids.len() as i64;
        let just_ids: Vec<String> = ids.iter().map(|(id, _)| id.clone()).collect();
        let mut views: std::collections::HashMap<String, ClaimView> =
            store::claims::load_views(conn, &just_ids)?
                .into_iter()
                .map(|v| (v.stored.meta.id.clone(), v))
                .collect();
        let mut last = None;
        for (id, value) in ids {
            if let Some(view) = views.remove(&id)
                && filter.passes(&view.corroboration)
            {
                kept.push((view, (id.clone(), value.clone())));
                if kept.len() as i64 > limit {
                    kept.truncate(limit as usize);
                    let next = kept.last().map(|(_, at)| at.clone());
                    return Ok((kept.into_iter().map(|(v, _)| v).collect(), next));
                }
            }
            last = Some((id, value));
        }
        let views =
            |kept: Vec<(ClaimView, (String, String))>| kept.into_iter().map(|(v, _)| v).collect();
        if exhausted {
            return Ok((views(kept), None));
        }
        if examined >= ClaimFilter::CORROBORATION_SCAN {
            return Ok((views(kept), last));
        }
        after = last.and_then(|(id, value)| ClaimCursor::after(sort, &value, id));
        if after.is_none() {
            return Ok((views(kept), None));
        }
    }
}

fn claim_filter(query: &ClaimListQuery) -> ApiResult<(ClaimFilter, ClaimSort)> {
    let mut errors = crate::domain::Validator::new();
    let q = match query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => {
            let tokens = search_tokens(q);
            if tokens.is_empty() {
                errors.push("/q", "has no words to search for");
            }
            if tokens.len() > 32 {
                errors.push("/q", "at most 32 words");
            }
            tokens
        }
        None => Vec::new(),
    };
    for (pointer, value) in [
        ("/min_confidence", query.min_confidence),
        ("/max_confidence", query.max_confidence),
    ] {
        if value.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
            errors.push(pointer, "must be from 0 to 1");
        }
    }
    let (occurred_from, occurred_to) = occurred_window(
        &mut errors,
        query.occurred_from.as_deref(),
        query.occurred_to.as_deref(),
    );
    if query
        .min_independent_origins
        .is_some_and(|n| !(0..=1000).contains(&n))
    {
        errors.push("/min_independent_origins", "must be from 0 to 1000");
    }
    if query.relation.is_some() && query.related_to.is_none() {
        errors.push(
            "/relation",
            "needs related_to (the claim the relation is with)",
        );
    }
    if query
        .related_to
        .as_ref()
        .is_some_and(|r| r.chars().count() > 100)
    {
        errors.push("/related_to", "must be at most 100 characters");
    }
    errors.finish().map_err(ApiError::Validation)?;
    let sort = match query.sort {
        Some(sort) => sort.sort(),
        None if !q.is_empty() => ClaimSort::Relevance,
        None => ClaimSort::CreatedAt { descending: true },
    };
    let filter = ClaimFilter {
        q,
        subject_id: query.subject_id.clone(),
        property: query.property.clone(),
        source_id: query.source_id.clone(),
        tag: query
            .tag
            .as_deref()
            .map(|t| crate::domain::text::fold_key(t).replace(' ', "-")),
        quote_check: query.quote_check,
        verdict: query.verdict,
        min_confidence: query.min_confidence,
        max_confidence: query.max_confidence,
        occurred_from,
        occurred_to,
        has_open_contradictions: query.has_open_contradictions,
        include_retracted: query.include_retracted.unwrap_or(false),
        include_duplicates: query.include_duplicates.unwrap_or(false),
        related_to: query.related_to.clone(),
        relation: query.relation,
        min_independent_origins: query.min_independent_origins,
        single_origin: query.single_origin,
    };
    Ok((filter, sort))
}

/// An event-time window from `occurred_from` and `occurred_to` (each `2022`, `2022-11`,
/// `2022-11-30` or RFC 3339): from the start of the first to the end of the second. A value
/// that does not parse is recorded in `errors`, naming its parameter.
pub(crate) fn occurred_window(
    errors: &mut crate::domain::Validator,
    from: Option<&str>,
    to: Option<&str>,
) -> (Option<chrono::NaiveDateTime>, Option<chrono::NaiveDateTime>) {
    let from = from.and_then(|v| {
        errors
            .check("/occurred_from", calendar_span(v))
            .map(|s| s.start)
    });
    let to = to.and_then(|v| {
        errors
            .check("/occurred_to", calendar_span(v))
            .map(|s| s.end)
    });
    (from, to)
}

/// A calendar value in any of its precisions, as the interval it names.
fn calendar_span(value: &str) -> Result<crate::domain::time::TimeSpan, String> {
    let precision = match value.trim().len() {
        4 => Precision::Year,
        7 => Precision::Month,
        10 => Precision::Day,
        _ => Precision::Minute,
    };
    TimeValue {
        value: value.trim().to_owned(),
        precision,
    }
    .span()
}

#[derive(Serialize, Deserialize)]
struct CursorData {
    s: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    v: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    o: Option<i64>,
}

fn sort_name(sort: ClaimSort) -> &'static str {
    match sort {
        ClaimSort::CreatedAt { descending: false } => "created_at",
        ClaimSort::CreatedAt { descending: true } => "-created_at",
        ClaimSort::OccurredAt { descending: false } => "occurred_at",
        ClaimSort::OccurredAt { descending: true } => "-occurred_at",
        ClaimSort::Confidence { descending: false } => "confidence",
        ClaimSort::Confidence { descending: true } => "-confidence",
        ClaimSort::Relevance => "relevance",
    }
}

fn encode_claim_cursor(sort: ClaimSort, value: &str, id: &str) -> String {
    let data = match sort {
        ClaimSort::Relevance => CursorData {
            s: sort_name(sort).into(),
            v: None,
            id: None,
            o: value.parse().ok(),
        },
        _ => CursorData {
            s: sort_name(sort).into(),
            v: Some(value.into()),
            id: Some(id.into()),
            o: None,
        },
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&data).unwrap_or_default())
}

fn decode_claim_cursor(cursor: &str, sort: ClaimSort) -> ApiResult<ClaimCursor> {
    let bad = || {
        ApiError::invalid(
            "/cursor",
            "is not a cursor of this list (pass next_cursor back with the same sort)",
        )
    };
    let text = crate::api::pagination::cursor_text(cursor).ok_or_else(bad)?;
    let data: CursorData = serde_json::from_str(&text).map_err(|_| bad())?;
    // JSON can still spell a NUL (`\u0000`), which no key we issue holds.
    let holds_nul = |field: &Option<String>| field.as_deref().is_some_and(|f| f.contains('\0'));
    if holds_nul(&data.v) || holds_nul(&data.id) {
        return Err(bad());
    }
    if data.s != sort_name(sort) {
        return Err(bad());
    }
    match (sort, data) {
        (ClaimSort::Relevance, CursorData { o: Some(o), .. }) => {
            ClaimCursor::after(sort, &o.to_string(), String::new()).ok_or_else(bad)
        }
        (
            _,
            CursorData {
                v: Some(value),
                id: Some(id),
                ..
            },
        ) => ClaimCursor::after(sort, &value, id).ok_or_else(bad),
        _ => Err(bad()),
    }
}
