//! `GET /v1/estimates`: what range the evidence supports for a quantity property of a subject
//! (the rules are in `domain::estimate`), with every claim behind it, a page at a time; now or
//! `as_of` a past instant. `GET /v1/estimates/series`: how that range moved over time, as JSON
//! or CSV. Both are computed from history (`store::estimates`), never stored apart.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::claims::{ClaimResponse, occurred_window};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{decode_cursor, encode_cursor, parse_limit};
use crate::api::records::AsOf;
use crate::db::DbConn;
use crate::domain::Validator;
use crate::domain::claim::ValueType;
use crate::domain::estimate::{Bounds, Conflict};
use crate::domain::estimate::{NotCounted, ReconciledRange, reconcile, with_best};
use crate::store;
use crate::store::engine::{Meta, Record, Stored};
use crate::store::estimates::{EstimateFilter, MAX_CLAIMS, MAX_SERIES_REVISIONS, SeriesLimit};

/// Declares the query of an estimate read: the parameters every one takes (which claims, and
/// the confidence they need), then its own. A macro rather than a shared struct: serde's
/// `flatten` does not combine with `deny_unknown_fields`, which every query keeps (an unknown
/// parameter is a 422, not ignored).
macro_rules! estimate_query {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($(#[$field_meta:meta])* pub $field:ident: $type:ty,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, IntoParams)]
        #[serde(deny_unknown_fields)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            /// The entity the claims are about.
            #[param(max_length = 1000)]
            pub subject_id: String,
            /// A quantity property's key, e.g. `injured`.
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
            $($(#[$field_meta])* pub $field: $type,)*
        }

        impl $name {
            /// Which claims, and the confidence they need; each bad parameter goes to `errors`.
            fn target(&self, errors: &mut Validator) -> (EstimateFilter, f64) {
                target(
                    errors,
                    &self.subject_id,
                    &self.property,
                    (self.occurred_from.as_deref(), self.occurred_to.as_deref()),
                    self.min_confidence,
                )
            }
        }
    };
}

fn target(
    errors: &mut Validator,
    subject_id: &str,
    property: &str,
    (occurred_from, occurred_to): (Option<&str>, Option<&str>),
    min_confidence: Option<f64>,
) -> (EstimateFilter, f64) {
    let min_confidence = min_confidence.unwrap_or(0.5);
    if !(0.0..=1.0).contains(&min_confidence) {
        errors.push("/min_confidence", "must be from 0 to 1");
    }
    let (occurred_from, occurred_to) = occurred_window(errors, occurred_from, occurred_to);
    let filter = EstimateFilter {
        subject_id: subject_id.to_owned(),
        property: property.to_owned(),
        occurred_from,
        occurred_to,
    };
    (filter, min_confidence)
}

estimate_query! {
    /// Which estimate, and which page of its claims.
    pub struct EstimateQuery {
        /// How many claims to return (1–500, default 50).
        #[param(minimum = 1, maximum = 500)]
        pub limit: Option<i64>,
        /// The `next_cursor` of the previous page (with the same parameters).
        #[param(max_length = 1000)]
        pub cursor: Option<String>,
        /// The estimate as it stood at this instant (RFC 3339): the claims, their values,
        /// confidence, verdicts and retractions, and the relations, as they were then (each
        /// claim is shown at its revision then, with the relations live then).
        #[param(value_type = Option<DateTime<Utc>>)]
        pub as_of: Option<String>,
    }
}

/// The range the evidence supports, per unit, and the claims behind it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateResponse {
    pub subject_id: String,
    pub property: String,
    /// The instant the estimate is of, when `as_of` was given (`null`: now).
    pub as_of: Option<DateTime<Utc>>,
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
        (status = 422, description = "A parameter is not valid, or more claims match than one estimate reconciles"),
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
    let (filter, min_confidence) = query.target(&mut errors);
    let as_of = query
        .as_of
        .as_deref()
        .and_then(|raw| errors.check("/as_of", AsOf::parse(raw)));
    errors.finish().map_err(ApiError::Validation)?;
    let limit = parse_limit(query.limit)?;
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    state
        .read(move |conn| estimate(conn, filter, min_confidence, as_of, after, limit))
        .await
        .map(web::Json)
}

/// The property must be a quantity's, and the subject must exist.
fn check_target(conn: &mut DbConn, filter: &EstimateFilter) -> ApiResult<()> {
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
    Ok(())
}

fn too_many_claims() -> ApiError {
    ApiError::invalid(
        "/occurred_from",
        format!(
            "more than {MAX_CLAIMS} claims match: narrow them with occurred_from and occurred_to"
        ),
    )
}

fn estimate(
    conn: &mut DbConn,
    filter: EstimateFilter,
    min_confidence: f64,
    as_of: Option<AsOf>,
    after: Option<String>,
    limit: i64,
) -> ApiResult<EstimateResponse> {
    check_target(conn, &filter)?;
    // As of a past instant, each claim's revision then, to show it as it was.
    let (intervals, mut past) = match as_of {
        None => (
            store::estimates::intervals(conn, &filter)?.ok_or_else(too_many_claims)?,
            HashMap::new(),
        ),
        Some(AsOf(at)) => {
            let pairs =
                store::estimates::intervals_at(conn, &filter, at)?.ok_or_else(too_many_claims)?;
            let mut intervals = Vec::with_capacity(pairs.len());
            let mut past = HashMap::with_capacity(pairs.len());
            for (interval, claim) in pairs {
                past.insert(claim.claim_id.clone(), claim);
                intervals.push(interval);
            }
            (intervals, past)
        }
    };
    let mut ranges = reconcile(&intervals, min_confidence);
    let rule = store::properties::best_rule(conn, &filter.property, as_of.map(|AsOf(at)| at))?;
    with_best(&mut ranges, rule);
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
    // As of a past instant, each claim at its revision then, with the relations live then.
    let views = match as_of {
        None => views,
        Some(AsOf(at)) => {
            let pairs = views
                .into_iter()
                .map(|view| {
                    let then = match past.remove(&view.stored.meta.id) {
                        Some(then) => Stored {
                            meta: Meta {
                                revision: then.revision,
                                head_hash: then.hash,
                                updated_at: then.written_at,
                                ..view.stored.meta.clone()
                            },
                            snapshot: then.snapshot,
                        },
                        // Every claim of a past estimate comes with its revision then.
                        None => view.stored.clone(),
                    };
                    (view, then)
                })
                .collect();
            store::claims::views_at(conn, pairs, at)?
        }
    };
    let mut claims = Vec::with_capacity(views.len());
    for (view, interval) in views.into_iter().zip(&page) {
        let not_counted = interval.not_counted(min_confidence);
        claims.push(EstimateClaim {
            claim: view.into(),
            counted: not_counted.is_none(),
            not_counted_because: not_counted,
        });
    }
    Ok(EstimateResponse {
        subject_id: filter.subject_id,
        property: filter.property,
        as_of: as_of.map(|AsOf(at)| at.and_utc()),
        min_confidence,
        ranges,
        claims,
        next_cursor: more.then(|| encode_cursor(&ids[ids.len() - 1])),
    })
}

estimate_query! {
    /// Which estimate's history, over which instants, and which page of its changes.
    pub struct SeriesQuery {
        /// Start at this instant (RFC 3339): the series opens with the estimate as it stood
        /// then. Default: from the first claim.
        #[param(value_type = Option<DateTime<Utc>>)]
        pub from: Option<String>,
        /// End at this instant (RFC 3339; default now).
        #[param(value_type = Option<DateTime<Utc>>)]
        pub to: Option<String>,
        /// `csv` for CSV (as `Accept: text/csv`), `json` (the default) for JSON.
        #[param(inline)]
        pub format: Option<SeriesFormat>,
        /// How many changes to return (1–500, default 50). JSON only: a CSV series is one
        /// document.
        #[param(minimum = 1, maximum = 500)]
        pub limit: Option<i64>,
        /// The `next_cursor` of the previous page (with the same parameters; it keeps the
        /// first page's `to`). JSON only.
        #[param(max_length = 1000)]
        pub cursor: Option<String>,
    }
}

/// How a series is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SeriesFormat {
    Json,
    Csv,
}

/// How the reconciled range of a quantity moved as claims and relations came in.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateSeries {
    pub subject_id: String,
    pub property: String,
    pub min_confidence: f64,
    /// The first instant of the series (`null`: from the first claim).
    pub from: Option<DateTime<Utc>>,
    /// The last instant of the series.
    pub to: DateTime<Utc>,
    /// Oldest first: with `from`, first the range of each unit as it stood at `from`; then one
    /// item per instant and unit at which the range (or conflict) changed, with its value after.
    /// One page of them.
    pub changes: Vec<EstimateChange>,
    /// Pass as `cursor` (with the same parameters) for the next page of changes; `null` on the
    /// last page (and always in CSV, which is one document).
    pub next_cursor: Option<String>,
}

/// Where a page of a series ends, and which series it is of: a digest of its parameters, and
/// the `to` of its first page (so that every page replays the same window).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesCursor {
    series: String,
    to: NaiveDateTime,
    at: NaiveDateTime,
    unit: Option<String>,
}

/// A digest of what a series is of (all its parameters but `to`, `format` and the page's).
fn series_digest(
    filter: &EstimateFilter,
    min_confidence: f64,
    from: Option<NaiveDateTime>,
) -> String {
    use sha2::{Digest, Sha256};
    let text = serde_json::json!([
        filter.subject_id,
        filter.property,
        filter.occurred_from,
        filter.occurred_to,
        min_confidence,
        from,
    ])
    .to_string();
    hex::encode(&Sha256::digest(text.as_bytes())[..12])
}

fn foreign_cursor(message: &str) -> ApiError {
    ApiError::invalid("/cursor", message.to_owned())
}

/// The reconciled range of one unit after a change.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateChange {
    /// When the revision (a claim written, edited, judged or retracted; a `supersedes`
    /// relation made or retracted) that changed it was written.
    pub at: DateTime<Utc>,
    /// The unit (`null`: claims that gave none).
    pub unit: Option<String>,
    /// Claims in this unit then.
    pub claims: usize,
    /// Of those, the ones that counted.
    pub counted_claims: usize,
    /// The range then, with the claims that set each bound; `null` when none counted or when
    /// they conflicted.
    pub range: Option<Bounds>,
    /// Set instead of `range` when the counted claims could not all be true.
    pub conflict: Option<Conflict>,
}

/// The columns of a series as CSV, in order.
pub const SERIES_COLUMNS: [&str; 12] = [
    "at",
    "unit",
    "claims",
    "counted_claims",
    "lower",
    "upper",
    "lower_set_by",
    "upper_set_by",
    "conflict_highest_lower",
    "conflict_lowest_upper",
    "claims_above",
    "claims_below",
];

/// How the estimate of a quantity property of a subject moved over time: the instants at
/// which its reconciled range (per unit) changed, and its value after each (a range with the
/// claims that set each bound, or a conflict), computed from the claims' and relations'
/// history. At most 2,000 revisions are replayed (`422` naming `from` beyond: narrow the
/// window). The changes come a page at a time (`limit`, `cursor`; the cursor keeps the first
/// page's `to`, so every page is of the same window). With `Accept: text/csv` or
/// `format=csv`, one CSV row per change, all of them in one document (bounded by the replay
/// cap).
#[utoipa::path(
    tag = "estimates",
    params(SeriesQuery),
    responses(
        (status = 200, description = "The changes, oldest first; with `Accept: text/csv` or `format=csv`, \
            as CSV (a UTF-8 byte order mark, a header row, RFC 4180, one row per change; claim ids in a cell are separated by `; `)",
            content(
                (EstimateSeries = "application/json"),
                (String = "text/csv"),
            )),
        (status = 404, description = "No entity has the `subject_id`"),
        (status = 422, description = "A parameter is not valid, `from` is after `to`, the window holds more \
            revisions than one series replays (narrow it with `from` and `to`), the `cursor` is not one this \
            service issued for this series, or `limit`/`cursor` come with CSV"),
    )
)]
#[get("/v1/estimates/series")]
pub async fn get_estimate_series(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    req: actix_web::HttpRequest,
    query: web::Query<SeriesQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let mut errors = Validator::new();
    let (filter, min_confidence) = query.target(&mut errors);
    let instant = |errors: &mut Validator, pointer: &str, raw: Option<&str>| {
        raw.and_then(|raw| {
            errors.check(
                pointer,
                AsOf::parse(raw).map_err(|e| e.replacen("as_of", &pointer[1..], 1)),
            )
        })
        .map(|AsOf(at)| at)
    };
    let from = instant(&mut errors, "/from", query.from.as_deref());
    let to_given = instant(&mut errors, "/to", query.to.as_deref());
    let csv = query.format == Some(SeriesFormat::Csv)
        || (query.format.is_none() && crate::api::claims_csv::wants_csv(&req));
    for (pointer, given) in [
        ("/limit", query.limit.is_some()),
        ("/cursor", query.cursor.is_some()),
    ] {
        if csv && given {
            errors.push(
                pointer,
                "does not apply to CSV, which holds every change (at most 2,000 revisions \
                 are replayed)",
            );
        }
    }
    errors.finish().map_err(ApiError::Validation)?;
    let limit = parse_limit(query.limit)?;
    let digest = series_digest(&filter, min_confidence, from);
    let after = match query.cursor.as_deref() {
        None => None,
        Some(raw) => {
            let text = decode_cursor(raw)?;
            let cursor: SeriesCursor = serde_json::from_str(&text)
                .map_err(|_| foreign_cursor("is not a cursor of an estimate series"))?;
            if cursor.series != digest {
                return Err(foreign_cursor(
                    "is the cursor of another series: pass the parameters of its first page",
                ));
            }
            if to_given.is_some_and(|to| to != cursor.to) {
                return Err(foreign_cursor(
                    "was issued for another `to`: pass the first page's `to`, or none",
                ));
            }
            Some(cursor)
        }
    };
    let to = after
        .as_ref()
        .map(|c| c.to)
        .or(to_given)
        .unwrap_or_else(store::now);
    if from.is_some_and(|from| from > to) {
        return Err(ApiError::invalid("/from", "must not be after `to`"));
    }
    let series = state
        .read(move |conn| {
            check_target(conn, &filter)?;
            let steps = match store::estimates::series(conn, &filter, min_confidence, from, to)? {
                Ok(steps) => steps,
                Err(SeriesLimit::Claims) => return Err(too_many_claims()),
                Err(SeriesLimit::Revisions) => {
                    return Err(ApiError::invalid(
                        "/from",
                        format!(
                            "more than {MAX_SERIES_REVISIONS} revisions fall between from and \
                                 to: narrow the window with from and to"
                        ),
                    ));
                }
            };
            // A page: the changes after the cursor's (instant, unit), in the series' order
            // (instants ascending, units sorted within one). CSV takes them all.
            let mut steps: Vec<_> = steps
                .into_iter()
                .filter(|step| {
                    after
                        .as_ref()
                        .is_none_or(|c| (step.at, &step.range.unit) > (c.at, &c.unit))
                })
                .collect();
            let next_cursor = if !csv && steps.len() > limit as usize {
                steps.truncate(limit as usize);
                let last = steps.last().expect("a page holds at least one change");
                let cursor = SeriesCursor {
                    series: digest,
                    to,
                    at: last.at,
                    unit: last.range.unit.clone(),
                };
                Some(encode_cursor(
                    &serde_json::to_string(&cursor).expect("a cursor serialises"),
                ))
            } else {
                None
            };
            Ok::<_, ApiError>(EstimateSeries {
                subject_id: filter.subject_id,
                property: filter.property,
                min_confidence,
                from: from.map(|t| t.and_utc()),
                to: to.and_utc(),
                changes: steps
                    .into_iter()
                    .map(|step| EstimateChange {
                        at: step.at.and_utc(),
                        unit: step.range.unit,
                        claims: step.range.claims,
                        counted_claims: step.range.counted_claims,
                        range: step.range.range,
                        conflict: step.range.conflict,
                    })
                    .collect(),
                next_cursor,
            })
        })
        .await?;
    if !csv {
        return Ok(HttpResponse::Ok().json(series));
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"estimate-series.csv\"",
        ))
        .body(series_csv(&series)))
}

/// The series as CSV: a byte order mark, the header, one row per change.
fn series_csv(series: &EstimateSeries) -> Vec<u8> {
    use crate::api::claims_csv::{number, row_bytes, typed};
    let mut out = "\u{feff}".as_bytes().to_vec();
    out.extend(row_bytes(SERIES_COLUMNS.iter().map(|c| (*c).to_owned())));
    let ids = |ids: &[String]| ids.join("; ");
    for change in &series.changes {
        let range = change.range.as_ref();
        let conflict = change.conflict.as_ref();
        out.extend(row_bytes([
            change.at.to_rfc3339(),
            typed(change.unit.clone().unwrap_or_default()),
            change.claims.to_string(),
            change.counted_claims.to_string(),
            range.map(|r| number(r.lower)).unwrap_or_default(),
            range.and_then(|r| r.upper).map(number).unwrap_or_default(),
            range.map(|r| ids(&r.lower_set_by)).unwrap_or_default(),
            range.map(|r| ids(&r.upper_set_by)).unwrap_or_default(),
            conflict
                .map(|c| number(c.highest_lower))
                .unwrap_or_default(),
            conflict.map(|c| number(c.lowest_upper)).unwrap_or_default(),
            conflict.map(|c| ids(&c.claims_above)).unwrap_or_default(),
            conflict.map(|c| ids(&c.claims_below)).unwrap_or_default(),
        ]));
    }
    out
}
