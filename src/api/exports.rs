//! `GET /v1/exports/ledger`: the whole ledger as JSON Lines, streamed (admins). The same file
//! as `claimledger export`, never with password hashes; `claimledger import` reads it.

use std::io::Write;

use actix_web::http::header::{ACCEPT, CONTENT_DISPOSITION};
use actix_web::{HttpRequest, HttpResponse, get, web};
use tokio::sync::mpsc;

use crate::api::AppState;
use crate::api::auth::{Admin, Auth};
use crate::api::error::{ApiError, ApiResult};
use crate::interchange::export;
use futures_util::StreamExt;

/// Bytes handed to the response at a time, and how many such chunks may wait for a slow
/// client before the export waits too (so memory stays bounded).
const CHUNK: usize = 64 * 1024;
const CHUNKS_IN_FLIGHT: usize = 4;

/// Export the whole ledger (admins).
///
/// Every record of every kind with its full revision history, users without password hashes,
/// and the checkpoints, as JSON Lines: a header line (format version, release, counts, and a
/// fingerprint of the ledger key), one line a row, and an end line. `claimledger import`
/// rebuilds the ledger from it in an empty database. The body is streamed from one consistent
/// read of the database; a body without its `{"end":…}` line was cut short.
#[utoipa::path(
    tag = "exports",
    responses(
        (status = 200, description = "The ledger as JSON Lines",
            content(
                (String = "application/x-ndjson"),
                (String = "application/jsonl"),
            ),
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"claimledger-export.jsonl\"`"))),
        (status = 429, description = "Too many exports at once; retry after `Retry-After` seconds"),
    )
)]
#[get("/v1/exports/ledger")]
pub async fn export_ledger(
    state: web::Data<AppState>,
    request: HttpRequest,
    _auth: Auth<Admin>,
) -> ApiResult<HttpResponse> {
    let content_type = match request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()) {
        Some(accept) if accept.contains("application/jsonl") => "application/jsonl",
        _ => "application/x-ndjson",
    };
    // Held until the export ends or its client goes: whole-ledger walks share the instance's
    // export slots with the CSV and ClaimReview exports.
    let permit = state.export_permit()?;
    let (sender, receiver) = mpsc::channel::<web::Bytes>(CHUNKS_IN_FLIGHT);
    let db = state.db.clone();
    let ledger = state.ledger.clone();
    tokio::spawn(async move {
        let _permit = permit;
        let outcome = db
            .read(move |conn| {
                let mut out = ChannelWriter {
                    buffer: Vec::with_capacity(CHUNK),
                    sender,
                };
                let options = export::Options::default();
                export::export(conn, &ledger, options, &mut out, &mut |_, _| {})
            })
            .await;
        // The status is sent: a failure can only cut the body short (no end line).
        match outcome {
            Ok(counted) => {
                if let Err(e) = counted.value {
                    tracing::warn!(error = %format!("{e:#}"), "the ledger export stopped");
                }
            }
            Err(e) => tracing::warn!(error = %e, "the ledger export did not start"),
        }
    });
    // The status waits for the header line: an export that cannot begin (no connection free,
    // the database gone) is a 503 problem, not an empty 200.
    let mut receiver = receiver;
    let Some(header) = receiver.recv().await else {
        return Err(ApiError::Unavailable);
    };
    let rest = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let chunk = receiver.recv().await?;
        Some((Ok::<_, std::io::Error>(chunk), receiver))
    });
    let body = futures_util::stream::once(async { Ok(header) }).chain(rest);
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            CONTENT_DISPOSITION,
            "attachment; filename=\"claimledger-export.jsonl\"",
        ))
        .streaming(body))
}

/// Hands what the export writes to the response, a chunk at a time. When the client has gone,
/// the write fails and the export stops.
struct ChannelWriter {
    buffer: Vec<u8>,
    sender: mpsc::Sender<web::Bytes>,
}

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = web::Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK),
        ));
        self.sender
            .blocking_send(chunk)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client left"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(export_ledger);
}
