//! `POST /v1/imports/claimreview`: published fact-checks in. The body is read (at most
//! [`IMPORT_BODY_LIMIT`] bytes, checked before anything is parsed), every review in it is read
//! and checked (`domain::claimreview`; at most [`MAX_REVIEWS`]), and, when every one can be
//! imported, all of them are written in one transaction (`store::claimreview`). A dry run
//! does the same work in a transaction that is rolled back.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, post, web};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Editor};
use crate::api::error::{ApiError, ApiResult};
use crate::db::Counted;
use crate::domain::FieldError;
use crate::domain::claimreview::{self, IgnoredNode, MAX_REVIEWS, Parsed, UnmappedField};
use crate::store::claimreview::{ImportItemReport, ImportOutcome};
use crate::store::{Author, StoreError, import_batches};

/// The largest import body: 10 MiB (separate from, and larger than, the 1 MiB limit of every
/// other request body).
pub const IMPORT_BODY_LIMIT: usize = 10 * 1024 * 1024;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Answer with the full report and write nothing (default false).
    pub dry_run: Option<bool>,
}

/// How many reviews ended how.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ImportCounts {
    /// Reviews read from the input.
    pub reviews: usize,
    /// Reviews for which something was created.
    pub created: usize,
    /// Reviews found as they were: nothing written.
    pub matched: usize,
    /// Reviews already imported that changed: their external review has a new revision.
    pub updated: usize,
}

impl ImportCounts {
    fn of(items: &[ImportItemReport]) -> Self {
        let mut counts = Self {
            reviews: items.len(),
            ..Default::default()
        };
        for item in items {
            match item.outcome {
                ImportOutcome::Created => counts.created += 1,
                ImportOutcome::Matched => counts.matched += 1,
                ImportOutcome::Updated => counts.updated += 1,
            }
        }
        counts
    }

    /// As the `import.completed` webhook event carries them.
    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "reviews": self.reviews,
            "created": self.created,
            "matched": self.matched,
            "updated": self.updated,
        })
    }
}

/// What an import did (or, with `dry_run`, would do), review by review.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimReviewImportReport {
    /// True when nothing was written.
    pub dry_run: bool,
    pub counts: ImportCounts,
    /// One entry per review, in input order.
    pub items: Vec<ImportItemReport>,
    /// JSON-LD nodes passed over: other types in an HTML page or an `@graph`.
    pub ignored: Vec<IgnoredNode>,
    /// Input fields outside any review that did not map (a Fact Check Tools
    /// `nextPageToken`); each review lists its own in `items[].unmapped`.
    pub unmapped: Vec<UnmappedField>,
}

/// The body's format, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Json,
    Html,
}

fn format_of(req: &HttpRequest) -> Result<Format, ApiError> {
    let essence = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match essence.as_str() {
        "application/json" | "application/ld+json" => Ok(Format::Json),
        "text/html" | "application/xhtml+xml" => Ok(Format::Html),
        _ => Err(ApiError::UnsupportedMediaType {
            detail: "send ClaimReview as application/ld+json or application/json, or an HTML \
                     page as text/html"
                .into(),
        }),
    }
}

/// The body, refused with a 413 as soon as it is known to be over the limit.
async fn read_body(req: &HttpRequest, mut payload: web::Payload) -> Result<Vec<u8>, ApiError> {
    let too_large = || ApiError::PayloadTooLarge {
        limit: IMPORT_BODY_LIMIT,
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > IMPORT_BODY_LIMIT) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| ApiError::bad_request("bad_body", format!("cannot read the body: {e}")))?;
        if body.len() + chunk.len() > IMPORT_BODY_LIMIT {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn parse(format: Format, body: &[u8]) -> Result<Parsed, ApiError> {
    match format {
        // An empty HTML page is a page without a ClaimReview (422, like any other such page);
        // an empty JSON body is no JSON at all.
        Format::Json if body.iter().all(u8::is_ascii_whitespace) => Err(ApiError::bad_request(
            "malformed_json",
            "the request body is empty",
        )),
        Format::Json => {
            let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
                ApiError::bad_request("malformed_json", format!("the body is not valid JSON: {e}"))
            })?;
            Ok(claimreview::parse_json_body(&value))
        }
        Format::Html => {
            let html = std::str::from_utf8(body).map_err(|_| {
                ApiError::bad_request("bad_body", "the HTML page is not UTF-8 text")
            })?;
            Ok(claimreview::parse_html_body(html))
        }
    }
}

/// Why an import's transaction ended without committing.
enum Abort {
    /// A dry run: the report of what was done, rolled back.
    DryRun(Vec<ImportItemReport>),
    Failed(ApiError),
}

impl From<StoreError> for Abort {
    fn from(error: StoreError) -> Self {
        Abort::Failed(error.into())
    }
}

/// Import published fact-checks (editor): schema.org ClaimReview as one document, an array, an
/// `@graph`, the `<script type="application/ld+json">` blocks of an HTML page, or a Google Fact
/// Check Tools `claims:search` response.
///
/// Each review becomes a source for its page (kind `fact_check`), the claimant as an entity
/// (found by name or alias, else created), the claim (statement from `claimReviewed` or
/// `text`, `claimed_at` from `itemReviewed.datePublished` or `claimDate`, its appearances
/// cited; confidence 0.5 and the tag `imported` when new), and an external review attached to
/// the claim: other organisations' ratings never change our verdict. A review already
/// imported (same URL) is matched, or updated as a new revision when it changed: importing
/// the same file twice changes nothing.
///
/// Every review is checked before anything is written: one that cannot be imported at all (no
/// `claimReviewed`/`text`, no `url`, no rating, an unsupported `@type` sent as an item) makes
/// the import a 422 naming each by pointer, and nothing is written. Otherwise all reviews are
/// written in one transaction. In an HTML page or an `@graph`, nodes of other types are passed
/// over (listed in `ignored`); a page with no ClaimReview at all is a 422. Nothing is fetched,
/// not even a JSON-LD `@context`.
///
/// The body may be up to 10 MiB (not the 1 MiB of other requests) and hold up to 1,000 reviews.
#[utoipa::path(
    tag = "imports",
    params(ImportQuery),
    request_body(
        description = "ClaimReview JSON-LD (a document, an array, an `@graph`), a Fact Check Tools `claims:search` response, or an HTML page",
        content(
            (serde_json::Value = "application/ld+json"),
            (serde_json::Value = "application/json"),
            (String = "text/html"),
        )
    ),
    responses(
        (status = 200, description = "The report: what was created, matched or updated for each review, and every input field that did not map (with `dry_run`, what would be done; nothing is written)", body = ClaimReviewImportReport),
        (status = 413, description = "The body is larger than 10 MiB"),
        (status = 415, description = "The body is neither JSON, JSON-LD nor HTML"),
        (status = 422, description = "Reviews that cannot be imported (or more than 1,000, or none at all); `errors` names each by JSON pointer, and nothing was written"),
    )
)]
#[post("/v1/imports/claimreview")]
pub async fn import_claimreview(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    req: HttpRequest,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let dry_run = query.dry_run.unwrap_or(false);
    let format = format_of(&req)?;
    let body = read_body(&req, payload).await?;
    let parsed = web::block(move || parse(format, &body)).await??;
    if !parsed.failures.is_empty() {
        return Err(ApiError::Validation(parsed.failures));
    }
    if parsed.items.is_empty() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "",
            "holds no ClaimReview to import",
        )]));
    }
    if parsed.items.len() > MAX_REVIEWS {
        return Err(ApiError::Validation(vec![FieldError::new(
            "",
            format!(
                "holds {} reviews; at most {MAX_REVIEWS} are imported at once",
                parsed.items.len()
            ),
        )]));
    }
    let Parsed {
        items,
        ignored,
        unmapped,
        ..
    } = parsed;
    let author = Author::new(&auth.user_id).with_summary(Some("ClaimReview import".into()));
    let ledger = state.ledger.clone();
    let outcome = state
        .db
        .write(move |tx| {
            let mark = import_batches::mark(tx)?;
            let reports = crate::store::claimreview::apply(tx, &ledger, items, &author)?;
            if dry_run {
                return Err(Abort::DryRun(reports));
            }
            let counts = ImportCounts::of(&reports).to_json();
            import_batches::record(tx, mark, "claimreview", Some(&author.user_id), &counts)?;
            Ok(reports)
        })
        .await?;
    let Counted { value, queries, .. } = outcome;
    crate::api::middleware::add_request_queries(queries);
    let items = match value {
        Ok(items) => items,
        Err(Abort::DryRun(mut items)) => {
            crate::store::claimreview::forget_created_ids(&mut items);
            items
        }
        Err(Abort::Failed(e)) => return Err(e),
    };
    let counts = ImportCounts::of(&items);
    Ok(HttpResponse::Ok().json(ClaimReviewImportReport {
        dry_run,
        counts,
        items,
        ignored,
        unmapped,
    }))
}
