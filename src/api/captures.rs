//! Captures (issue 17 §1): `POST`/`GET /v1/sources/{id}/captures`, `GET /v1/captures/{id}` and
//! `GET /v1/captures/{id}/content`. A capture is what a source said when it was retrieved: its
//! bytes (text, HTML or PDF, up to [`MAX_CAPTURE_BYTES`]) stored once per SHA-256, with the text
//! read from them, which citations' quotes are checked against (`quote_check`).

use std::sync::OnceLock;
use std::time::Duration;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use base64::Engine;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Auth, Editor, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::api::pagination::{Page, PageQuery, serve};
use crate::api::records::{Resource, UserRef};
use crate::db::DbConn;
use crate::domain::FieldError;
use crate::domain::capture_text::{CaptureFormat, ExtractError, extract_text};
use crate::store;
use crate::store::Author;
use crate::store::captures::{Blob, Capture, CaptureSnapshot};
use crate::store::engine::{Record, Stored};

/// The largest capture: 10 MiB of content (decoded).
pub const MAX_CAPTURE_BYTES: usize = 10 * 1024 * 1024;
/// The largest body of `POST /v1/sources/{id}/captures`: the base64 of the largest capture,
/// with room for the other fields (every other request keeps its 1 MiB).
pub const CAPTURE_BODY_LIMIT: usize = MAX_CAPTURE_BYTES / 3 * 4 + 64 * 1024;
/// How many captures are read (HTML parsed, PDF extracted) at once; more wait their turn.
pub const CONCURRENT_EXTRACTIONS: usize = 2;
/// How long reading one capture's text may take.
pub const EXTRACTION_TIMEOUT: Duration = Duration::from_secs(30);

/// A capture to store.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaptureRequest {
    /// `text/plain`, `text/html` or `application/pdf` (a `charset` parameter aside; text must
    /// be UTF-8).
    #[schema(example = "text/html", max_length = 200)]
    pub media_type: String,
    /// The content as text (text or HTML). Exactly one of `content` and `content_base64`.
    #[serde(default)]
    pub content: Option<String>,
    /// The content's bytes in base64 (RFC 4648, with padding): any media type, a PDF's only
    /// way in. At most 10 MiB once decoded.
    #[serde(default)]
    pub content_base64: Option<String>,
    /// When the content was retrieved (RFC 3339).
    pub retrieved_at: DateTime<Utc>,
    /// Where an archived copy can be read, e.g. a web-archive snapshot (https).
    #[serde(default)]
    #[schema(example = "https://web.archive.org/web/20221130120000/https://example.org/a")]
    pub archive_url: Option<String>,
}

/// A stored capture (its bytes at `GET /v1/captures/{id}/content`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CaptureResponse {
    pub id: String,
    /// The source captured.
    pub source_id: String,
    /// The SHA-256 of the bytes, lowercase hex.
    #[schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    pub sha256: String,
    pub media_type: String,
    pub retrieved_at: DateTime<Utc>,
    pub archive_url: Option<String>,
    /// The number of bytes.
    pub size: i64,
    /// A capture is never changed: always 1.
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    /// Who stored it.
    pub created_by: UserRef,
}

impl CaptureResponse {
    fn of(stored: Stored<Capture>, username: String) -> Self {
        let Stored { meta, snapshot: s } = stored;
        Self {
            id: meta.id,
            source_id: s.source_id,
            sha256: s.sha256,
            media_type: s.media_type,
            retrieved_at: s.retrieved_at,
            archive_url: s.archive_url,
            size: s.size,
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            created_by: UserRef {
                id: meta.created_by.unwrap_or_default(),
                username,
            },
        }
    }
}

fn username(conn: &mut DbConn, id: Option<&str>) -> diesel::QueryResult<String> {
    use crate::schema::users;
    use diesel::prelude::*;
    Ok(users::table
        .find(id.unwrap_or_default())
        .select(users::username)
        .first::<String>(conn)
        .optional()?
        .unwrap_or_default())
}

impl Resource for Capture {
    type Response = CaptureResponse;
    const PATH: &'static str = "/v1/captures";

    fn respond(conn: &mut DbConn, stored: Stored<Self>) -> ApiResult<CaptureResponse> {
        let name = username(conn, stored.meta.created_by.as_deref())?;
        Ok(CaptureResponse::of(stored, name))
    }
}

/// The body, refused with a 413 as soon as it is known to be over the limit.
async fn read_body(req: &HttpRequest, mut payload: web::Payload) -> ApiResult<Vec<u8>> {
    let too_large = || ApiError::PayloadTooLarge {
        limit: CAPTURE_BODY_LIMIT,
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > CAPTURE_BODY_LIMIT) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| ApiError::bad_request("bad_body", format!("cannot read the body: {e}")))?;
        if body.len() + chunk.len() > CAPTURE_BODY_LIMIT {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn invalid(pointer: &str, message: impl Into<String>) -> ApiError {
    ApiError::Validation(vec![FieldError::new(pointer, message)])
}

/// A checked request: the content's bytes, their format and the snapshot's other fields.
struct Checked {
    bytes: Vec<u8>,
    format: CaptureFormat,
    media_type: String,
    retrieved_at: DateTime<Utc>,
    archive_url: Option<String>,
    /// Where the content came from, for errors about it.
    pointer: &'static str,
}

fn check(request: CaptureRequest) -> ApiResult<Checked> {
    let media_type = request.media_type.trim().to_ascii_lowercase();
    let format = (media_type.len() <= 200)
        .then(|| CaptureFormat::of_media_type(&media_type))
        .flatten()
        .ok_or_else(|| {
            invalid(
                "/media_type",
                "must be text/plain, text/html or application/pdf",
            )
        })?;
    let (bytes, pointer) = match (request.content, request.content_base64) {
        (Some(text), None) => (text.into_bytes(), "/content"),
        (None, Some(encoded)) => {
            if encoded.len() > CAPTURE_BODY_LIMIT {
                return Err(ApiError::PayloadTooLarge {
                    limit: MAX_CAPTURE_BYTES,
                });
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .map_err(|e| invalid("/content_base64", format!("is not base64: {e}")))?;
            (bytes, "/content_base64")
        }
        (Some(_), Some(_)) => {
            return Err(invalid(
                "/content",
                "give content or content_base64, not both",
            ));
        }
        (None, None) => {
            return Err(invalid(
                "/content",
                "give the capture's content (content, or content_base64)",
            ));
        }
    };
    if bytes.len() > MAX_CAPTURE_BYTES {
        return Err(ApiError::PayloadTooLarge {
            limit: MAX_CAPTURE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(invalid(pointer, "is empty"));
    }
    if request.retrieved_at > Utc::now() + chrono::TimeDelta::minutes(5) {
        return Err(invalid("/retrieved_at", "is in the future"));
    }
    let archive_url = match request.archive_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            let url = crate::domain::parse_http_url(raw)
                .map_err(|message| invalid("/archive_url", message))?;
            if !url.starts_with("https://") || url.len() > 2000 {
                return Err(invalid(
                    "/archive_url",
                    "must be an https URL of at most 2000 characters",
                ));
            }
            Some(url)
        }
    };
    Ok(Checked {
        bytes,
        format,
        media_type,
        retrieved_at: request.retrieved_at,
        archive_url,
        pointer,
    })
}

fn extractions() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| tokio::sync::Semaphore::new(CONCURRENT_EXTRACTIONS))
}

/// The text of a capture, read on the blocking pool, a few at a time, within a time limit.
/// A PDF that cannot be read is a 422 naming the content, never a 500.
async fn extract(
    format: CaptureFormat,
    bytes: Vec<u8>,
    pointer: &'static str,
) -> ApiResult<(Vec<u8>, String)> {
    let _slot = extractions()
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let work = tokio::task::spawn_blocking(move || {
        let text = extract_text(format, &bytes);
        (bytes, text)
    });
    let (bytes, text) = match tokio::time::timeout(EXTRACTION_TIMEOUT, work).await {
        Err(_) => {
            return Err(invalid(
                pointer,
                format!(
                    "reading its text took longer than {} seconds",
                    EXTRACTION_TIMEOUT.as_secs()
                ),
            ));
        }
        Ok(joined) => joined.map_err(|e| ApiError::Internal(e.into()))?,
    };
    let text = text.map_err(|e| match e {
        ExtractError::NotUtf8 => invalid(pointer, "is not UTF-8 text"),
        ExtractError::Pdf(why) => invalid(pointer, format!("is not a PDF that can be read: {why}")),
    })?;
    // PostgreSQL's text cannot hold U+0000; a replacement character keeps every offset.
    Ok((bytes, text.replace('\0', "\u{FFFD}")))
}

/// Store a capture of a source (editor): its content as retrieved, with its media type,
/// retrieval time and an optional archive URL.
///
/// The bytes are stored once per SHA-256 (the same bytes captured twice are one blob, two
/// captures) and never modified; a new capture is a new record. Text is read from HTML
/// (what a reader sees) and PDF for checking quotes. At most 10 MiB of content (a body of up
/// to about 13.4 MiB, for its base64). Every citation of the source is then rechecked against
/// this capture **in the background**: a citation's `quote_check.capture_id` names the
/// capture it was checked against.
#[utoipa::path(
    tag = "captures",
    params(("id" = String, Path, description = "The source's id")),
    request_body = CaptureRequest,
    responses(
        (status = 201, description = "The capture", body = CaptureResponse, headers(("Location" = String, description = "The capture's URL"))),
        (status = 404, description = "No such source"),
        (status = 413, description = "The content is over 10 MiB (or the body over its limit)"),
        (status = 415, description = "The body is not JSON"),
        (status = 422, description = "A field is wrong: the media type, content and content_base64 (none or both, bad base64, not UTF-8, a PDF that cannot be read), retrieved_at, archive_url"),
    )
)]
#[post("/v1/sources/{id}/captures")]
pub async fn create_capture(
    state: web::Data<AppState>,
    auth: Auth<Editor>,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !json {
        return Err(ApiError::UnsupportedMediaType {
            detail: "send the body as application/json".into(),
        });
    }
    let body = read_body(&req, payload).await?;
    let request: CaptureRequest = crate::api::json::parse_json_unbounded(&body)?;
    drop(body);
    let checked = check(request)?;
    let source_id = id.into_inner();
    // A missing source is a 404 before any work on the content.
    let lookup = source_id.clone();
    state
        .read_now(move |conn| {
            <store::sources::Source as Record>::head_hash(conn, &lookup)?
                .ok_or(ApiError::not_found("source"))
        })
        .await?;
    let Checked {
        bytes,
        format,
        media_type,
        retrieved_at,
        archive_url,
        pointer,
    } = checked;
    let (bytes, text) = extract(format, bytes, pointer).await?;
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let snapshot = CaptureSnapshot {
        source_id,
        sha256: sha256.clone(),
        media_type: media_type.clone(),
        retrieved_at,
        archive_url,
        size: bytes.len() as i64,
    };
    let blob = Blob {
        sha256,
        content: bytes,
        format: store::quote_checks::format_key(&media_type),
        text,
    };
    let author = Author::new(&auth.user_id);
    let ledger = state.ledger.clone();
    let (id, revision, response) = state
        .write(move |tx| {
            let stored = store::captures::create(tx, &ledger, snapshot, blob, &author)?;
            let (id, revision) = (stored.meta.id.clone(), stored.meta.revision);
            Ok::<_, ApiError>((id, revision, Capture::respond(tx.conn(), stored)?))
        })
        .await?;
    state.rechecks.notify_one();
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/v1/captures/{id}")))
        .insert_header((header::ETAG, format!("\"{revision}\"")))
        .json(response))
}

/// A source's captures, oldest first (id order; the last is the one quotes are checked
/// against).
#[utoipa::path(
    tag = "captures",
    params(("id" = String, Path, description = "The source's id"), PageQuery),
    responses(
        (status = 200, description = "One page of captures", body = Page<CaptureResponse>),
        (status = 404, description = "No such source"),
    )
)]
#[get("/v1/sources/{id}/captures")]
pub async fn list_source_captures(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> ApiResult<web::Json<Page<CaptureResponse>>> {
    let source_id = id.into_inner();
    let load = move |conn: &mut DbConn, after: Option<&str>, limit| {
        if <store::sources::Source as Record>::head_hash(conn, &source_id)?.is_none() {
            return Err(ApiError::not_found("source"));
        }
        let page = store::captures::list_for_source(conn, &source_id, after, limit)?;
        page.into_iter()
            .map(|stored| {
                let name = username(conn, stored.meta.created_by.as_deref())?;
                Ok((stored.meta.id.clone(), CaptureResponse::of(stored, name)))
            })
            .collect::<ApiResult<Vec<_>>>()
    };
    serve(
        &state,
        query.limit,
        query.cursor.as_deref(),
        load,
        |(id, _): &(String, CaptureResponse)| id.clone(),
        |(_, response)| response,
    )
    .await
}

crate::read_endpoint! {
    /// Read a capture's metadata (its bytes: `GET /v1/captures/{id}/content`).
    get_capture: Capture, response CaptureResponse, role Viewer,
    tag "captures", get "/v1/captures/{id}", "id" = "The capture's id",
}

/// A capture's bytes, exactly as stored, with their media type; `Repr-Digest` carries their
/// SHA-256 (RFC 9530) and the `ETag` is the SHA-256 in hex. Served as a sandboxed download,
/// never run as a page of this site.
#[utoipa::path(
    tag = "captures",
    params(("id" = String, Path, description = "The capture's id")),
    responses(
        (status = 200, description = "The bytes",
            content(
                (String = "text/plain"),
                (String = "text/html"),
                (Vec<u8> = "application/pdf"),
            ),
            headers(
                ("Repr-Digest" = String, description = "`sha-256=:<base64>:`"),
                ("ETag" = String, description = "The SHA-256, hex, quoted"),
            )),
        (status = 404, description = "No such capture"),
    )
)]
#[get("/v1/captures/{id}/content")]
pub async fn get_capture_content(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (snapshot, bytes) = state
        .read(move |conn| {
            let stored = <Capture as Record>::find(conn, &id)?
                .ok_or_else(|| ApiError::not_found("capture"))?;
            let bytes = store::captures::content(conn, &stored.snapshot.sha256)?
                .ok_or_else(|| ApiError::not_found("capture content"))?;
            Ok::<_, ApiError>((stored.snapshot, bytes))
        })
        .await?;
    let digest = base64::engine::general_purpose::STANDARD
        .encode(hex::decode(&snapshot.sha256).unwrap_or_default());
    Ok(HttpResponse::Ok()
        .content_type(snapshot.media_type)
        .insert_header(("Repr-Digest", format!("sha-256=:{digest}:")))
        .insert_header((header::ETAG, format!("\"{}\"", snapshot.sha256)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "sandbox"))
        .insert_header((header::CONTENT_DISPOSITION, "attachment"))
        .body(bytes))
}
