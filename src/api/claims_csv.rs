//! `GET /v1/claims` as CSV (`Accept: text/csv`), for spreadsheets: every claim the filters
//! match, one flat row each, streamed in batches so memory stays flat however many there are.
//!
//! The file is RFC 4180 (CRLF line ends, quoting where needed) and starts with a UTF-8 byte
//! order mark, without which spreadsheet programs misread Urdu and other non-Latin text. Cells
//! holding text that people typed and that starts like a formula (`=`, `+`, `-`, `@`, or a
//! tab or carriage return) get a leading `'`, so a spreadsheet shows it instead of evaluating
//! it (CSV injection); numbers the server writes itself are left as they are.

use actix_web::HttpResponse;
use actix_web::web::Bytes;
use futures_util::stream;

use tokio::sync::OwnedSemaphorePermit;

use crate::api::AppState;
use crate::api::claims::{ClaimResponse, claim_page};
use crate::api::error::{ApiError, ApiResult};
use crate::domain::claim::{ClaimValue, whole_number};
use crate::store::claims::{ClaimCursor, ClaimFilter, ClaimSort};

/// Claims read and written per step of the stream.
const BATCH: i64 = 500;

/// The header row, in column order.
pub const COLUMNS: [&str; 27] = [
    "id",
    "statement",
    "subject_id",
    "subject_name",
    "property",
    "value_type",
    "value_lower",
    "value_upper",
    "value_unit",
    "value_text",
    "occurred_at",
    "occurred_precision",
    "place",
    "claimed_at",
    "claimant_entity_id",
    "claimant_text",
    "confidence",
    "confidence_label",
    "credibility",
    "verdict",
    "tags",
    "source_ids",
    "sources",
    "quotes",
    "open_contradiction_ids",
    "retracted",
    "updated_at",
];

/// Whether the client asked for CSV: `text/csv` ranks first in its `Accept` header.
pub fn wants_csv(req: &actix_web::HttpRequest) -> bool {
    use actix_web::http::header::{Accept, Header};
    Accept::parse(req)
        .ok()
        .and_then(|accept| accept.ranked().into_iter().next())
        .is_some_and(|mime| mime.essence_str() == "text/csv")
}

/// Streams every claim that `filter` matches as CSV. With a search (`q`), that is the same
/// bounded window of matches that the JSON list pages through.
pub fn respond(
    state: actix_web::web::Data<AppState>,
    filter: ClaimFilter,
    sort: ClaimSort,
) -> ApiResult<HttpResponse> {
    let permit = state.export_permit()?;
    let walk = Walk {
        state,
        filter,
        sort,
        cursor: None,
        started: false,
        done: false,
        _permit: permit,
    };
    let body = stream::unfold(walk, |mut walk| async move {
        let chunk = walk.next_chunk().await?;
        Some((chunk, walk))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", "attachment; filename=\"claims.csv\""))
        .streaming(body))
}

/// Where a CSV stream stands.
struct Walk {
    state: actix_web::web::Data<AppState>,
    filter: ClaimFilter,
    sort: ClaimSort,
    cursor: Option<ClaimCursor>,
    started: bool,
    done: bool,
    _permit: OwnedSemaphorePermit,
}

impl Walk {
    /// The next piece of the file: the header first, then one batch of rows at a time.
    /// A read that fails after the first bytes went out can only end the stream early; it is
    /// logged, and the client sees a cut-off response rather than a complete-looking file.
    async fn next_chunk(&mut self) -> Option<Result<Bytes, ApiError>> {
        if !self.started {
            self.started = true;
            let mut out = "\u{feff}".as_bytes().to_vec();
            out.extend(row_bytes(COLUMNS.iter().map(|c| c.to_string())));
            return Some(Ok(Bytes::from(out)));
        }
        if self.done {
            return None;
        }
        let (filter, sort, cursor) = (self.filter.clone(), self.sort, self.cursor.take());
        let page = self
            .state
            .read(move |conn| claim_page(conn, &filter, sort, cursor.as_ref(), BATCH))
            .await;
        match page {
            Ok((views, next)) => {
                self.cursor =
                    next.and_then(|(id, value)| ClaimCursor::after(self.sort, &value, id));
                self.done = self.cursor.is_none();
                let mut out = Vec::new();
                for view in views {
                    out.extend(row_bytes(cells(ClaimResponse::from(view))));
                }
                Some(Ok(Bytes::from(out)))
            }
            Err(e) => {
                tracing::error!(error = %e, "CSV export stopped: a read failed");
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// One claim's cells, in the order of [`COLUMNS`].
fn cells(c: ClaimResponse) -> Vec<String> {
    let (value_type, lower, upper, unit, text) = match &c.value {
        None => (String::new(), String::new(), String::new(), None, None),
        Some(value) => {
            let kind = value.value_type().as_str().to_owned();
            match value {
                ClaimValue::Quantity { lower, upper, unit } => (
                    kind,
                    number(*lower),
                    upper.map(number).unwrap_or_default(),
                    unit.clone(),
                    None,
                ),
                ClaimValue::Entity { entity_id } => (
                    kind,
                    String::new(),
                    String::new(),
                    None,
                    Some(entity_id.clone()),
                ),
                ClaimValue::Text { text } => {
                    (kind, String::new(), String::new(), None, Some(text.clone()))
                }
                ClaimValue::Time { value, precision } => (
                    kind,
                    String::new(),
                    String::new(),
                    Some(precision.as_str().to_owned()),
                    Some(value.clone()),
                ),
                ClaimValue::Boolean { value } => (
                    kind,
                    String::new(),
                    String::new(),
                    None,
                    Some(value.to_string()),
                ),
            }
        }
    };
    let sources: Vec<&str> = c
        .citations
        .iter()
        .map(|x| x.source.title.as_str())
        .collect();
    let source_ids: Vec<&str> = c.citations.iter().map(|x| x.source.id.as_str()).collect();
    let quotes: Vec<&str> = c
        .citations
        .iter()
        .map(|x| x.quote.as_deref().unwrap_or(""))
        .collect();
    let (claimant_entity, claimant_text) = c
        .claimant
        .as_ref()
        .map(|who| (who.entity_id.clone(), who.text.clone()))
        .unwrap_or_default();
    vec![
        c.id,
        typed(c.statement),
        c.subject.as_ref().map(|s| s.id.clone()).unwrap_or_default(),
        typed(c.subject.map(|s| s.name).unwrap_or_default()),
        typed(c.property.unwrap_or_default()),
        value_type,
        lower,
        upper,
        typed(unit.unwrap_or_default()),
        typed(text.unwrap_or_default()),
        c.occurred_at
            .as_ref()
            .map(|t| typed(t.value.clone()))
            .unwrap_or_default(),
        c.occurred_at
            .map(|t| t.precision.as_str().to_owned())
            .unwrap_or_default(),
        typed(c.place.unwrap_or_default()),
        c.claimed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
        claimant_entity.unwrap_or_default(),
        typed(claimant_text.unwrap_or_default()),
        number(c.confidence),
        c.confidence_label.to_owned(),
        c.credibility.map(|v| v.to_string()).unwrap_or_default(),
        c.verdict.as_str().to_owned(),
        typed(c.tags.join("; ")),
        source_ids.join("; "),
        typed(sources.join(" | ")),
        typed(quotes.join(" | ")),
        c.open_contradiction_ids.join("; "),
        c.retracted.is_some().to_string(),
        c.updated_at.to_rfc3339(),
    ]
}

/// A number as the JSON shows it: `20`, not `20.0`.
pub(crate) fn number(value: f64) -> String {
    match whole_number(value) {
        Some(whole) => whole.to_string(),
        None => value.to_string(),
    }
}

/// A cell of typed text, defused if a spreadsheet would read it as a formula.
pub(crate) fn typed(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// One RFC 4180 record: quoted where a cell holds a comma, quote or line break; CRLF-ended.
pub(crate) fn row_bytes(cells: impl IntoIterator<Item = String>) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; an empty row would only mean a bug in `cells`.
    let _ = writer.write_record(cells);
    writer.into_inner().unwrap_or_default()
}
