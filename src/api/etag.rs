//! Optimistic concurrency: reads carry `ETag: "<revision>"`; changes must send it back in
//! `If-Match` (missing → 428, stale → 412, checked by the store inside the write).

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderValue};

use crate::api::error::ApiError;

pub fn etag(revision: i64) -> (header::HeaderName, HeaderValue) {
    (
        header::ETAG,
        HeaderValue::from_str(&format!("\"{revision}\"")).expect("digits are a valid header"),
    )
}

/// The revision named by the request's `If-Match`.
pub fn required_revision(req: &HttpRequest) -> Result<i64, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .ok_or(ApiError::PreconditionRequired)?;
    let value = value.to_str().unwrap_or("").trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            ApiError::bad_request(
                "invalid_if_match",
                // Quoted back only when short: a header may be up to 128 KiB.
                match value.chars().count() {
                    0..=40 => {
                        format!("If-Match must be the ETag you read, e.g. \"3\", not {value:?}")
                    }
                    _ => "If-Match must be the ETag you read, e.g. \"3\"".to_owned(),
                },
            )
        })
}
