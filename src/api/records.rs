//! What the record endpoints share: responses with `ETag`/`Location`, JSON Merge Patch onto a
//! record's document, and the retract/restore body.

use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::error::ApiError;
use crate::api::etag::{etag, required_revision};
use crate::domain::text::required_text;
use crate::store::history::Author;

/// `200 OK` with `ETag`.
pub fn ok_with_etag(revision: i64, body: impl Serialize) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(revision)).json(body)
}

/// Retraction as shown on a record: when, and why.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Retraction {
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

pub fn retraction(at: Option<NaiveDateTime>, reason: Option<&String>) -> Option<Retraction> {
    at.map(|at| Retraction {
        at: at.and_utc(),
        reason: reason.cloned(),
    })
}

/// The body of `…/retract` and `…/restore`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    /// Why (1–1000 characters); kept on the record's history.
    #[schema(
        example = "The outlet withdrew the article.",
        min_length = 1,
        max_length = 1000,
        pattern = r"\S"
    )]
    pub reason: String,
}

impl ReasonRequest {
    pub fn reason(&self) -> Result<String, ApiError> {
        required_text(&self.reason, 1000).map_err(|e| ApiError::invalid("/reason", e))
    }

    /// What a retract (`retract = true`) or restore asks the store for: the revision from
    /// `If-Match`, the reason kept on the record (retract only), and the author with the reason
    /// as the revision's edit summary (both).
    pub fn change(
        &self,
        req: &HttpRequest,
        user_id: &str,
        retract: bool,
    ) -> Result<RetractionChange, ApiError> {
        let expected = required_revision(req)?;
        let reason = self.reason()?;
        Ok(RetractionChange {
            expected,
            author: Author::new(user_id).with_summary(Some(reason.clone())),
            reason: retract.then_some(reason),
        })
    }
}

/// A parsed retract or restore request (see `ReasonRequest::change`).
pub struct RetractionChange {
    pub expected: i64,
    pub reason: Option<String>,
    pub author: Author,
}

/// Applies a JSON Merge Patch (RFC 7396) to a record's document and parses the result, so
/// every rule of a create applies to an edit too. `edit_summary` is taken out of the patch.
pub fn merge_patch<D>(
    current: &D,
    patch: serde_json::Value,
) -> Result<(D, Option<String>), ApiError>
where
    D: Serialize + DeserializeOwned,
{
    let serde_json::Value::Object(mut patch) = patch else {
        return Err(ApiError::invalid("", "a merge patch must be a JSON object"));
    };
    let summary = match patch.remove("edit_summary") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(edit_summary(&s)?),
        Some(_) => return Err(ApiError::invalid("/edit_summary", "must be a string")),
    }
    .flatten();
    if patch.is_empty() {
        return Err(ApiError::invalid("", "names no field to change"));
    }
    let mut document = serde_json::to_value(current).map_err(|e| ApiError::Internal(e.into()))?;
    json_patch::merge(&mut document, &serde_json::Value::Object(patch));
    let merged = crate::api::json::from_value::<D>(document)?;
    Ok((merged, summary))
}

/// An edit summary: trimmed, at most 500 characters; blank means none.
pub fn edit_summary(raw: &str) -> Result<Option<String>, ApiError> {
    crate::domain::text::optional_text(Some(raw), 500)
        .map_err(|e| ApiError::invalid("/edit_summary", e))
}

/// `created_by` on records: the author's id and username.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserRef {
    pub id: String,
    pub username: String,
}
