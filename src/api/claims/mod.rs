//! Claims: `/v1/claims` — create, read, edit, verdicts, retraction, lists and search.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Caller, Editor, Reviewer, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::etag::required_revision;
use crate::api::json::ApiJson;
use crate::api::pagination::{Page, parse_limit};
use crate::api::records::{
    AsOf, AsOfQuery, Resource, RetractableResource, Retraction, UserRef, ok_with_etag,
};
use crate::db::DbConn;
use crate::domain::claim::{
    CitationRole, ClaimDoc, ClaimValue, Claimant, PublishedReview, Verdict, confidence_label,
};
use crate::domain::entity::EntityKind;
use crate::domain::text::search_tokens;
use crate::domain::time::{Precision, TimeValue};
use crate::domain::user::Role;
use crate::store;
use crate::store::Author;
use crate::store::claims::{Claim, ClaimCursor, ClaimFilter, ClaimSnapshot, ClaimSort, ClaimView};
use crate::store::engine::Stored;

/// The entity a claim is about, in brief.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectRef {
    pub id: String,
    #[schema(example = "Quetta police truck bombing, 30 November 2022")]
    pub name: String,
    pub kind: EntityKind,
}

/// A cited source, in brief (the read model's summary, named `SourceRef` in the API).
pub use crate::store::claims::SourceSummary as SourceRef;

/// One piece of support for a claim: the source, and where in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CitationResponse {
    /// The citation's own id, stable across edits of the claim that keep it.
    pub id: String,
    pub source: SourceRef,
    /// The words of the source that support the claim, as cited.
    pub quote: Option<String>,
    /// Where in the source: a page, paragraph, timestamp or section.
    pub locator: Option<String>,
    /// A deep link to the cited passage, when it differs from the source's URL.
    pub url: Option<String>,
    /// `evidence`, or `appearance`: where the claim itself was made.
    pub role: CitationRole,
}

/// A claim, as stored, with its citations and their sources.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimResponse {
    pub id: String,
    /// The assertion in plain words.
    pub statement: String,
    /// The entity the claim is about (with `property` and `value`, or none of the three).
    pub subject: Option<SubjectRef>,
    /// The property key, e.g. `fatalities.police`.
    pub property: Option<String>,
    pub value: Option<ClaimValue>,
    /// When the event happened, with its precision.
    pub occurred_at: Option<TimeValue>,
    pub place: Option<String>,
    /// When the claim was made.
    pub claimed_at: Option<DateTime<Utc>>,
    /// The analyst's probability that the claim is true, 0 to 1.
    pub confidence: f64,
    /// The ICD 203 estimative label of `confidence`.
    #[schema(example = "likely")]
    pub confidence_label: &'static str,
    /// Admiralty credibility: 1 confirmed … 5 improbable, 6 cannot be judged.
    pub credibility: Option<i32>,
    /// Who made the claim.
    pub claimant: Option<Claimant>,
    /// A reviewer's verdict (`POST /v1/claims/{id}/verdict`).
    pub verdict: Verdict,
    pub verdict_note: Option<String>,
    /// Our published fact-check of the claim, set with the verdict.
    pub published_review: Option<PublishedReview>,
    /// Free labels, lowercase.
    pub tags: Vec<String>,
    /// The claim's support, in the order given.
    pub citations: Vec<CitationResponse>,
    /// True when any cited source has been retracted.
    pub cites_retracted_source: bool,
    /// Open contradiction flags that involve this claim.
    pub open_contradiction_ids: Vec<String>,
    /// Present while the claim is retracted: who, when and why.
    pub retracted: Option<Retraction>,
    /// The current revision; send it back as `If-Match` to edit.
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: UserRef,
}

impl From<ClaimView> for ClaimResponse {
    fn from(view: ClaimView) -> Self {
        let ClaimView {
            stored: Stored { meta, snapshot: s },
            cited,
            subject,
            creator,
            open_flags,
        } = view;
        let citations: Vec<CitationResponse> = s
            .citations
            .into_iter()
            .zip(cited)
            .map(|(c, cited)| CitationResponse {
                id: cited.citation_id,
                source: cited.source,
                quote: c.quote,
                locator: c.locator,
                url: c.url,
                role: c.role,
            })
            .collect();
        ClaimResponse {
            subject: subject.map(|e| SubjectRef {
                id: e.id,
                name: e.name,
                kind: e.kind,
            }),
            cites_retracted_source: citations.iter().any(|c| c.source.retracted),
            citations,
            statement: s.statement,
            property: s.property,
            value: s.value,
            occurred_at: s.occurred_at,
            place: s.place,
            claimed_at: s.claimed_at,
            confidence: s.confidence,
            confidence_label: confidence_label(s.confidence),
            credibility: s.credibility,
            claimant: s.claimant,
            verdict: s.verdict,
            verdict_note: s.verdict_note,
            published_review: s.published_review,
            tags: s.tags,
            open_contradiction_ids: open_flags,
            retracted: s.retracted,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: UserRef {
                username: creator.unwrap_or_default(),
                id: meta.created_by.unwrap_or_default(),
            },
            id: meta.id,
        }
    }
}

impl Resource for Claim {
    type Response = ClaimResponse;
    const PATH: &'static str = "/v1/claims";

    /// A claim is shown with its sources, subject, author and open flags, read after the
    /// write on the same connection.
    fn respond(conn: &mut DbConn, stored: Stored<Self>) -> ApiResult<ClaimResponse> {
        store::claims::load_views(conn, &[stored.meta.id])?
            .pop()
            .map(ClaimResponse::from)
            .ok_or_else(|| ApiError::not_found("claim"))
    }

    fn revert_needs(before: &ClaimSnapshot, after: &ClaimSnapshot) -> Option<(Role, &'static str)> {
        if before.verdict != after.verdict || before.verdict_note != after.verdict_note {
            Some((Role::Reviewer, "the verdict"))
        } else if before.retracted.is_some() != after.retracted.is_some() {
            Some((Role::Reviewer, "whether the claim is retracted"))
        } else {
            None
        }
    }
}

impl RetractableResource for Claim {
    /// Reviewers, and the editor who created the claim.
    fn may_retract(caller: &Caller, current: &Stored<Self>) -> bool {
        caller.role >= Role::Reviewer
            || current.meta.created_by.as_deref() == Some(caller.user_id.as_str())
    }
}

crate::create_endpoint! {
    /// Create a claim.
    ///
    /// Needs at least one citation. The same statement with the same structured part, citing a
    /// source that already backs it, is `409 duplicate_claim` naming the existing claim.
    create_claim: Claim, body ClaimDoc, response ClaimResponse, role Editor,
    tag "claims", post "/v1/claims", location "The claim's URL",
    responses [(status = 409, description = "The same claim exists (see `existing_id`)")],
}

/// Read a claim with its citations (retracted claims too), now or as of a past instant.
#[utoipa::path(
    tag = "claims",
    params(("id" = String, Path, description = "The claim's id"), AsOfQuery),
    responses(
        (status = 200, description = "The claim", body = ClaimResponse, headers(("ETag" = String, description = "Its revision"))),
        (status = 404, description = "No such claim (or not yet at `as_of`)"),
    )
)]
#[get("/v1/claims/{id}")]
pub async fn get_claim(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<AsOfQuery>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = match query.as_of {
        None => state
            .read_now(move |conn| store::claims::load_views(conn, &[id]))
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found("claim"))?,
        Some(AsOf(at)) => state
            .read(move |conn| store::claims::as_of(conn, &id, at))
            .await?
            .ok_or_else(|| ApiError::NotFound {
                detail: "the claim did not exist yet at as_of".into(),
            })?,
    };
    let claim = ClaimResponse::from(view);
    Ok(ok_with_etag(claim.revision, claim))
}

crate::update_endpoint! {
    /// Edit a claim (JSON Merge Patch, with `If-Match`).
    ///
    /// `citations` and `tags`, when given, replace the whole list (citations never to empty).
    update_claim: Claim, response ClaimResponse, role Editor, tag "claims",
    patch "/v1/claims/{id}", "id" = "The claim's id",
    responses [(status = 409, description = "The edit makes it a duplicate of another claim")],
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictRequest {
    pub verdict: Verdict,
    /// Why (at most 2000 characters).
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
    /// Our published fact-check of the claim, for ClaimReview (`GET /v1/claims/{id}/claimreview`).
    /// A verdict is set whole: leave this out and the claim has no published review.
    #[serde(default)]
    pub published_review: Option<PublishedReview>,
}

/// Set the reviewers' verdict on a claim (reviewer, with `If-Match`).
#[utoipa::path(
    tag = "claims",
    params(
        ("id" = String, Path, description = "The claim's id"),
        ("If-Match" = String, Header, description = "The ETag (revision) you last read"),
    ),
    request_body = VerdictRequest,
    responses(
        (status = 200, description = "The claim with its verdict", body = ClaimResponse, headers(("ETag" = String, description = "The new revision"))),
    )
)]
#[post("/v1/claims/{id}/verdict")]
pub async fn set_claim_verdict(
    state: web::Data<AppState>,
    auth: Auth<Reviewer>,
    req: HttpRequest,
    id: web::Path<String>,
    body: ApiJson<VerdictRequest>,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(&req)?;
    let VerdictRequest {
        verdict,
        note,
        published_review,
    } = body.0;
    let mut v = crate::domain::Validator::new();
    let note = v
        .check(
            "/note",
            crate::domain::text::optional_text(note.as_deref(), 2000),
        )
        .flatten();
    let published_review = published_review.map(|r| r.validate("/published_review", &mut v));
    v.finish().map_err(ApiError::Validation)?;
    let id = id.into_inner();
    let author = Author::new(&auth.user_id).with_summary(note.clone());
    let ledger = state.ledger.clone();
    let (revision, claim) = state
        .write(move |tx| {
            let stored = store::claims::set_verdict(
                tx,
                &ledger,
                &id,
                expected,
                store::claims::VerdictChange {
                    verdict,
                    note,
                    published_review,
                },
                &author,
            )?;
            let revision = stored.meta.revision;
            Ok::<_, ApiError>((revision, Claim::respond(tx.conn(), stored)?))
        })
        .await?;
    Ok(ok_with_etag(revision, claim))
}

crate::retraction_endpoint! {
    /// Retract a claim (reviewer, or the editor who created it), with a reason and `If-Match`.
    retract_claim: Claim, retract, response ClaimResponse, role Editor, tag "claims",
    post "/v1/claims/{id}/retract", "id" = "The claim's id",
}

crate::retraction_endpoint! {
    /// Restore a retracted claim (reviewer, or the editor who created it).
    restore_claim: Claim, restore, response ClaimResponse, role Editor, tag "claims",
    post "/v1/claims/{id}/restore", "id" = "The claim's id",
}

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
    let mut ids = store::claims::list_ids(conn, filter, sort, cursor, limit + 1)?;
    let more = ids.len() as i64 > limit;
    ids.truncate(limit as usize);
    let next = ids.last().filter(|_| more).cloned();
    let ids: Vec<String> = ids.into_iter().map(|(id, _)| id).collect();
    Ok((store::claims::load_views(conn, &ids)?, next))
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
    let occurred_from = query.occurred_from.as_deref().and_then(|v| {
        errors
            .check("/occurred_from", calendar_span(v))
            .map(|s| s.start)
    });
    let occurred_to = query.occurred_to.as_deref().and_then(|v| {
        errors
            .check("/occurred_to", calendar_span(v))
            .map(|s| s.end)
    });
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
        verdict: query.verdict,
        min_confidence: query.min_confidence,
        max_confidence: query.max_confidence,
        occurred_from,
        occurred_to,
        has_open_contradictions: query.has_open_contradictions,
        include_retracted: query.include_retracted.unwrap_or(false),
    };
    Ok((filter, sort))
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

crate::revert_endpoint! {
    /// Revert a claim to an earlier revision, as a new revision (with `If-Match`).
    ///
    /// Editors may revert the content; a revert that would change the verdict or the retraction
    /// needs a reviewer.
    revert_claim: Claim, response ClaimResponse, role Editor, tag "claims",
    post "/v1/claims/{id}/revert", "id" = "The claim's id",
}
