//! The record endpoints every editable kind shares, written once: create (with
//! `Idempotency-Key`), read (now or `as_of`), edit by JSON Merge Patch with `If-Match`,
//! retract and restore, revert. A kind implements [`Resource`] (its response and path) on top
//! of its `store::engine` traits; the macros of `api::endpoints` declare its routes with their
//! OpenAPI descriptions, each a thin call into the functions here.

use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::Caller;
use crate::api::error::{ApiError, ApiResult};
use crate::api::etag::{etag, required_revision};
use crate::api::history::RevertRequest;
use crate::api::idempotency::{Created, IdempotencyKey, create_once};
use crate::api::json::ApiJson;
use crate::db::DbConn;
use crate::domain::text::required_text;
use crate::domain::user::Role;
use crate::store::engine::{self, Change, Editable, Insert, Record, Retractable, Stored};
use crate::store::ledger::Action;
use crate::store::{Author, StoreError};

/// A record kind served by the generic handlers.
pub trait Resource: Record {
    /// What reads and writes answer with.
    type Response: Serialize + Send + 'static;
    /// The collection's path, e.g. `/v1/sources`.
    const PATH: &'static str;

    /// Shapes a record, as it is now, into its response (claims read what they show besides
    /// themselves, so this may query).
    fn respond(conn: &mut DbConn, stored: Stored<Self>) -> ApiResult<Self::Response>;

    /// What a revert from `before` to `after` changes that needs more than an editor: the role
    /// and, for the message, what it is.
    /// Whether a write of this kind has work done before its transaction (`prepare`).
    const PREPARES: bool = false;

    /// Work a write needs done before its transaction, on a read connection, so that the
    /// write does not do it (claims: their quote checks, see `store::quote_checks`).
    fn prepare(conn: &mut DbConn, snapshot: &Self::Snapshot) -> ApiResult<Prepared> {
        let _ = (conn, snapshot);
        Ok(Prepared::default())
    }

    fn revert_needs(
        before: &Self::Snapshot,
        after: &Self::Snapshot,
    ) -> Option<(Role, &'static str)> {
        let _ = (before, after);
        None
    }
}

/// A retractable kind: who besides reviewers may retract one (claims: their author).
pub trait RetractableResource: Resource + Editable + Retractable {
    fn may_retract(caller: &Caller, current: &Stored<Self>) -> bool {
        let _ = current;
        caller.role >= Role::Reviewer
    }
}

use crate::store::quote_checks::{Prepared, with_prepared};

/// What `R::prepare` computes for a snapshot about to be written.
async fn prepare<R: Resource>(state: &AppState, snapshot: &R::Snapshot) -> ApiResult<Prepared> {
    if !R::PREPARES {
        return Ok(Prepared::default());
    }
    let snapshot = snapshot.clone();
    state.read(move |conn| R::prepare(conn, &snapshot)).await
}

/// `200 OK` with `ETag`.
pub fn ok_with_etag(revision: i64, body: impl Serialize) -> HttpResponse {
    HttpResponse::Ok().insert_header(etag(revision)).json(body)
}

/// Runs a write and answers `200` with the record as written and its `ETag`.
async fn write_and_respond<R: Resource>(
    state: &AppState,
    write: impl FnOnce(&mut crate::db::WriteTx<'_>) -> ApiResult<Stored<R>> + Send + 'static,
) -> ApiResult<HttpResponse> {
    let (revision, response) = state
        .write(move |tx| {
            let stored = write(tx)?;
            let revision = stored.meta.revision;
            Ok::<_, ApiError>((revision, R::respond(tx.conn(), stored)?))
        })
        .await?;
    Ok(ok_with_etag(revision, response))
}

/// `POST` on the collection.
pub async fn create<R: Resource + Editable + Insert>(
    state: &AppState,
    caller: &Caller,
    key: IdempotencyKey,
    body: ApiJson<R::Doc>,
) -> ApiResult<HttpResponse> {
    let ApiJson(doc, digest) = body;
    let doc = R::validate(doc).map_err(ApiError::Validation)?;
    let snapshot = R::compose(doc, None);
    let prepared = prepare::<R>(state, &snapshot).await?;
    let author = Author::new(&caller.user_id);
    let ledger = state.ledger.clone();
    create_once(state, &caller.user_id, key, digest, move |tx| {
        let stored = with_prepared(prepared, || {
            engine::create::<R>(tx, &ledger, snapshot, Some(&author))
        })?;
        let (id, revision) = (stored.meta.id.clone(), stored.meta.revision);
        let response = R::respond(tx.conn(), stored)?;
        Created::new(format!("{}/{id}", R::PATH), revision, &response)
    })
    .await
}

/// `GET` of one record, now or as it stood at `as_of`.
pub async fn read<R: Resource>(
    state: &AppState,
    id: String,
    as_of: Option<AsOf>,
) -> ApiResult<HttpResponse> {
    let (revision, response) = state
        .read_now(move |conn| {
            let stored = match as_of {
                None => engine::get::<R>(conn, &id)?,
                Some(AsOf(at)) => {
                    engine::as_of::<R>(conn, &id, at)?.ok_or_else(|| ApiError::NotFound {
                        detail: format!("the {} did not exist yet at as_of", R::NAME),
                    })?
                }
            };
            let revision = stored.meta.revision;
            Ok::<_, ApiError>((revision, R::respond(conn, stored)?))
        })
        .await?;
    Ok(ok_with_etag(revision, response))
}

/// The record as it is now, which must still be at `expected` (else 412).
async fn current<R: Resource>(state: &AppState, id: String, expected: i64) -> ApiResult<Stored<R>> {
    state
        .read_now(move |conn| engine::get_at::<R>(conn, &id, expected))
        .await
}

/// `PATCH`: a JSON Merge Patch (RFC 7396) onto the record's document, with `If-Match`. Every
/// rule of a create applies to the result. The record read here is the one the change
/// applies to: the write is guarded by its revision, so a concurrent change makes it `412`.
pub async fn update<R: Resource + Editable>(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: String,
    patch: serde_json::Value,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(req)?;
    let lookup = id.clone();
    let current = state
        .read_now(move |conn| engine::get::<R>(conn, &lookup))
        .await?;
    // A bad body is a 422 even when the If-Match is stale too: say what is wrong with the
    // request before saying that the record moved on.
    let (doc, summary) = merge_patch(&R::doc(&current.snapshot), patch)?;
    let doc = R::validate(doc).map_err(ApiError::Validation)?;
    let snapshot = R::compose(doc, Some(&current.snapshot));
    if current.meta.revision != expected {
        return Err(ApiError::PreconditionFailed {
            current_revision: current.meta.revision,
        });
    }
    if snapshot == current.snapshot {
        // Nothing changes once normalised (an edit summary alone changes nothing): no
        // revision is written, so everyone's If-Match stays good, and the ETag stays.
        let revision = current.meta.revision;
        let response = state
            .read_now(move |conn| R::respond(conn, current))
            .await?;
        return Ok(ok_with_etag(revision, response));
    }
    let prepared = prepare::<R>(state, &snapshot).await?;
    let author = Author::new(&caller.user_id).with_summary(summary);
    let ledger = state.ledger.clone();
    write_and_respond::<R>(state, move |tx| {
        let change = Change::now(Action::Update, Some(&author));
        Ok(with_prepared(prepared, || {
            engine::change(tx, &ledger, &current, snapshot, change)
        })?)
    })
    .await
}

/// `POST …/retract` (`retract: true`) and `POST …/restore`, with a reason and `If-Match`.
pub async fn set_retracted<R: RetractableResource>(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: String,
    body: ReasonRequest,
    retract: bool,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(req)?;
    let reason = body.reason()?;
    let author = Author::new(&caller.user_id).with_summary(Some(reason.clone()));
    let (ledger, caller) = (state.ledger.clone(), caller.clone());
    write_and_respond::<R>(state, move |tx| {
        let current = engine::get::<R>(tx.conn(), &id)?;
        if !R::may_retract(&caller, &current) {
            return Err(ApiError::Forbidden {
                detail: format!(
                    "only a reviewer, or the editor who created the {}, may retract or restore it",
                    R::NAME
                ),
            });
        }
        if current.meta.revision != expected {
            return Err(StoreError::Stale {
                current_revision: current.meta.revision,
            }
            .into());
        }
        let reason = retract.then_some(reason);
        Ok(engine::set_retracted(
            tx, &ledger, &current, reason, &author,
        )?)
    })
    .await
}

/// `POST …/revert`: the record goes back to the content of an earlier revision, as a new
/// revision. The old document must pass today's rules; what it changes beyond an editor's
/// reach (a verdict, a retraction) needs the role for it.
pub async fn revert<R: Resource + Editable>(
    state: &AppState,
    caller: &Caller,
    req: &HttpRequest,
    id: String,
    body: RevertRequest,
) -> ApiResult<HttpResponse> {
    let expected = required_revision(req)?;
    let n = body.to_revision;
    let lookup = id.clone();
    let target = state
        .read_now(move |conn| {
            engine::get::<R>(conn, &lookup)?;
            engine::revision::<R>(conn, &lookup, n)?.ok_or_else(|| {
                StoreError::Invalid(vec![crate::domain::FieldError::new(
                    "/to_revision",
                    "no such revision",
                )])
            })
        })
        .await?;
    let doc = R::validate(R::doc(&target.snapshot)).map_err(ApiError::Validation)?;
    let snapshot = R::compose(doc, Some(&target.snapshot));
    let current = current::<R>(state, id, expected).await?;
    if let Some((needed, what)) = R::revert_needs(&current.snapshot, &snapshot)
        && caller.role < needed
    {
        return Err(ApiError::Forbidden {
            detail: format!(
                "this revert changes {what}, which needs the {needed} role; you have {}",
                caller.role
            ),
        });
    }
    let summary = match body.edit_summary.as_deref().map(edit_summary).transpose()? {
        Some(Some(summary)) => summary,
        _ => format!("revert to revision {n}"),
    };
    let prepared = prepare::<R>(state, &snapshot).await?;
    let author = Author::new(&caller.user_id).with_summary(Some(summary));
    let ledger = state.ledger.clone();
    write_and_respond::<R>(state, move |tx| {
        let change = Change::now(Action::Revert, Some(&author));
        Ok(with_prepared(prepared, || {
            engine::change(tx, &ledger, &current, snapshot, change)
        })?)
    })
    .await
}

/// A retraction as records show it: the one their snapshots keep.
pub use crate::store::engine::Retraction;

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
    let mut document = serde_json::to_value(current).map_err(|e| ApiError::Internal(e.into()))?;
    let patch = serde_json::Value::Object(patch);
    json_patch::merge(&mut document, &patch);
    let merged = crate::api::json::from_value::<D>(document.clone())?;
    refuse_unknown_nulls::<D>(&document, &patch, "")?;
    Ok((merged, summary))
}

/// A merge patch's `null` deletes a field, so an unknown field set to `null` would vanish
/// unseen. Each `null` of the patch that left no field behind is put back, as `null`, into
/// the merged document, which must still parse: an unknown one is refused like any other.
fn refuse_unknown_nulls<D: DeserializeOwned>(
    merged: &serde_json::Value,
    patch: &serde_json::Value,
    at: &str,
) -> Result<(), ApiError> {
    let serde_json::Value::Object(fields) = patch else {
        return Ok(());
    };
    for (key, value) in fields {
        let pointer = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
        if !value.is_null() {
            refuse_unknown_nulls::<D>(merged, value, &pointer)?;
            continue;
        }
        if merged.pointer(&pointer).is_some() {
            continue;
        }
        let mut probe = merged.clone();
        if let Some(serde_json::Value::Object(parent)) = probe.pointer_mut(at) {
            parent.insert(key.clone(), serde_json::Value::Null);
        }
        if let Err(ApiError::Validation(errors)) = crate::api::json::from_value::<D>(probe)
            && let Some(unknown) = errors
                .into_iter()
                .find(|e| e.message == crate::api::json::UNKNOWN_FIELD)
        {
            return Err(ApiError::Validation(vec![unknown]));
        }
    }
    Ok(())
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

/// `?as_of=` on reads of one record.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AsOfQuery {
    /// Read the record as it stood at this instant (RFC 3339): the last revision written at
    /// or before it; `404` if it did not exist yet. The instant covers the whole of its last
    /// digit: `…T10:00:00.123Z` (milliseconds, as a JavaScript `Date` writes an `updated_at`
    /// it read) includes everything written within that millisecond, `…T10:00:00Z` within
    /// that second; six fraction digits are exact, as the server writes them.
    #[param(value_type = Option<DateTime<Utc>>)]
    pub as_of: Option<AsOf>,
}

/// An `as_of` instant, as the latest stored time it covers (timestamps are stored in
/// microseconds; see [`AsOfQuery`]).
#[derive(Debug, Clone, Copy)]
pub struct AsOf(pub chrono::NaiveDateTime);

impl AsOf {
    /// The latest microsecond within the precision `raw` was written with.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let at = DateTime::parse_from_rfc3339(raw)
            .map_err(|e| format!("as_of is not an RFC 3339 date-time ({e})"))?
            .with_timezone(&Utc);
        // The fraction digits of the seconds: after the '.' up to the zone (`Z`, `+`, `-`).
        let digits = raw.split_once('.').map_or(0, |(_, rest)| {
            rest.chars().take_while(char::is_ascii_digit).count()
        });
        // Stored times are whole microseconds: drop any nanoseconds, then add what the
        // precision leaves open (999 µs for milliseconds, none for microseconds).
        let nanos = i64::from(at.timestamp_subsec_nanos());
        let start = at.naive_utc() - chrono::TimeDelta::nanoseconds(nanos % 1000);
        let unit = 10_i64.pow(6 - digits.min(6) as u32);
        let covered = unit - 1 - (nanos / 1000) % unit;
        Ok(Self(start + chrono::TimeDelta::microseconds(covered)))
    }
}

impl<'de> Deserialize<'de> for AsOf {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}
