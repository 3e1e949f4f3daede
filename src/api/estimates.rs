//! `GET /v1/estimates`: what range the evidence supports for a quantity property of a subject
//! (the rules are in `domain::estimate`), with every claim behind it, a page at a time.

use actix_web::{get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::claims::{ClaimResponse, occurred_window};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{decode_cursor, encode_cursor, parse_limit};
use crate::db::DbConn;
use crate::domain::Validator;
use crate::domain::claim::ValueType;
use crate::domain::estimate::{NotCounted, ReconciledRange, reconcile};
use crate::store;
use crate::store::engine::Record;
use crate::store::estimates::{EstimateFilter, MAX_CLAIMS};

/// Which estimate, and which page of its claims.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EstimateQuery {
    /// The entity the claims are about.
    #[param(max_length = 1000)]
    pub subject_id: String,
    /// A quantity property's key, e.g. `fatalities`.
    #[param(max_length = 1000)]
    pub property: String,
    /// Only claims whose event time can fall on or after this: `2022`, `2022-11`,
    /// `2022-11-30` or RFC 3339.
    #[param(max_length = 1000)]
    pub occurred_from: Option<String>,
    /// Only claims whose event time can fall on or before this (same forms).
    #[param(max_length = 1000)]
    pub occurred_to: Option<String>,
    /// The confidence a claim needs to count (0 to 1, default 0.5).
    #[param(minimum = 0.0, maximum = 1.0)]
    pub min_confidence: Option<f64>,
    /// How many claims to return (1–500, default 50).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page (with the same parameters).
    #[param(max_length = 1000)]
    pub cursor: Option<String>,
}

/// The range the evidence supports, per unit, and the claims behind it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateResponse {
    pub subject_id: String,
    pub property: String,
    /// The confidence a claim needed to count.
    pub min_confidence: f64,
    /// One per unit the claims use (intervals in different units are never mixed).
    pub ranges: Vec<ReconciledRange>,
    /// This page of the claims (current, not retracted, with a quantity value), in id order.
    pub claims: Vec<EstimateClaim>,
    /// Pass as `cursor` for the next page of claims; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// A claim behind an estimate, and whether it counts towards the range.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateClaim {
    pub claim: ClaimResponse,
    /// True when the claim is credible enough to count.
    pub counted: bool,
    /// Why it does not count, when it does not.
    pub not_counted_because: Option<NotCounted>,
}

/// The estimate of a quantity property of a subject: every current claim's interval, and the
/// range the credible ones allow together (their intersection, with the claims that set each
/// bound), or, when they cannot all be true, the conflict instead of a number. A claim counts
/// when its verdict is not `false` and its confidence is at least `min_confidence`.
#[utoipa::path(
    tag = "estimates",
    params(EstimateQuery),
    responses(
        (status = 200, description = "The estimate, with one page of its claims", body = EstimateResponse),
        (status = 404, description = "No entity has the `subject_id`"),
    )
)]
#[get("/v1/estimates")]
pub async fn get_estimate(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    query: web::Query<EstimateQuery>,
) -> ApiResult<web::Json<EstimateResponse>> {
    let query = query.into_inner();
    let mut errors = Validator::new();
    let min_confidence = query.min_confidence.unwrap_or(0.5);
    if !(0.0..=1.0).contains(&min_confidence) {
        errors.push("/min_confidence", "must be from 0 to 1");
    }
    let (occurred_from, occurred_to) = occurred_window(
        &mut errors,
        query.occurred_from.as_deref(),
        query.occurred_to.as_deref(),
    );
    errors.finish().map_err(ApiError::Validation)?;
    let limit = parse_limit(query.limit)?;
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let filter = EstimateFilter {
        subject_id: query.subject_id,
        property: query.property,
        occurred_from,
        occurred_to,
    };
    state
        .read(move |conn| estimate(conn, filter, min_confidence, after, limit))
        .await
        .map(web::Json)
}

fn estimate(
    conn: &mut DbConn,
    filter: EstimateFilter,
    min_confidence: f64,
    after: Option<String>,
    limit: i64,
) -> ApiResult<EstimateResponse> {
    match store::properties::value_type_and_unit(conn, &filter.property)? {
        None => {
            return Err(ApiError::invalid(
                "/property",
                format!("no property has the key {:?}", filter.property),
            ));
        }
        Some((value_type, _)) if value_type != ValueType::Quantity => {
            return Err(ApiError::invalid(
                "/property",
                format!(
                    "estimates are of quantities; {} takes {value_type} values",
                    filter.property
                ),
            ));
        }
        Some(_) => {}
    }
    if <store::entities::Entity as Record>::head_hash(conn, &filter.subject_id)?.is_none() {
        return Err(ApiError::not_found("subject entity"));
    }
    let Some(intervals) = store::estimates::intervals(conn, &filter)? else {
        return Err(ApiError::invalid(
            "/occurred_from",
            format!(
                "more than {MAX_CLAIMS} claims match: narrow them with occurred_from and occurred_to"
            ),
        ));
    };
    let ranges = reconcile(&intervals, min_confidence);
    let mut page: Vec<_> = intervals
        .iter()
        .filter(|i| {
            after
                .as_deref()
                .is_none_or(|after| i.claim_id.as_str() > after)
        })
        .take(limit as usize + 1)
        .collect();
    let more = page.len() > limit as usize;
    page.truncate(limit as usize);
    let ids: Vec<String> = page.iter().map(|i| i.claim_id.clone()).collect();
    let views = store::claims::load_views(conn, &ids)?;
    let claims = views
        .into_iter()
        .zip(&page)
        .map(|(view, interval)| {
            let not_counted = interval.not_counted(min_confidence);
            EstimateClaim {
                claim: view.into(),
                counted: not_counted.is_none(),
                not_counted_because: not_counted,
            }
        })
        .collect();
    Ok(EstimateResponse {
        subject_id: filter.subject_id,
        property: filter.property,
        min_confidence,
        ranges,
        claims,
        next_cursor: more.then(|| encode_cursor(&ids[ids.len() - 1])),
    })
}
