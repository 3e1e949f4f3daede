//! Writing the export: every table read in key order, a batch at a time, inside one read-only
//! transaction that sees one state of the ledger (PostgreSQL: `REPEATABLE READ`; SQLite: the
//! snapshot a WAL read transaction keeps). Memory stays that of one batch, whatever the size.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Context;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::rows::{self, UserRow};
use super::{ClaimLine, Counts, End, FORMAT, Header, Line, VERSION};
use crate::db::{Backend, DbConn};
use crate::schema::{
    capture_blobs, capture_texts, captures, checkpoint_heads, checkpoint_keys, checkpoints,
    citations, claim_tags, claims, contradictions, entities, external_reviews, impacts, properties,
    quote_rechecks, relations, review_decisions, revisions, sources, users, webhooks,
};
use crate::store::ledger::Ledger;

/// Rows read at a time.
const BATCH: i64 = 1000;
/// Capture blobs and texts per batch (each may be 10 MiB).
const BLOB_BATCH: i64 = 4;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Include users' password hashes (the command line's `--include-credentials`; never over
    /// HTTP).
    pub include_credentials: bool,
}

/// Writes the whole ledger to `out`, calling `progress` with the number of lines written
/// after each batch (first with 0, once the header's counts are known). Returns the counts.
pub fn export(
    conn: &mut DbConn,
    ledger: &Ledger,
    options: Options,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(&Counts, u64),
) -> anyhow::Result<Counts> {
    let backend = conn.backend();
    conn.transaction::<_, anyhow::Error, _>(|conn| {
        if backend == Backend::Postgres {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(conn)?;
        }
        let counts = count(conn)?;
        let header = Header {
            format: FORMAT.into(),
            version: VERSION,
            release: env!("CARGO_PKG_VERSION").into(),
            backend: match backend {
                Backend::Sqlite => "sqlite".into(),
                Backend::Postgres => "postgres".into(),
            },
            exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            ledger_key_fingerprint: ledger.fingerprint(),
            credentials: options.include_credentials,
            counts,
        };
        write_line(out, &header)?;
        // Out at once: over HTTP, the header's arrival is what says the export has begun.
        out.flush().context("cannot write the export")?;
        progress(&counts, 0);
        let mut writer = Lines {
            out,
            written: 0,
            progress: &mut |n| progress(&counts, n),
        };
        write_rows(conn, options, &mut writer)?;
        let lines = writer.written;
        write_line(out, &Line::End(End { lines }))?;
        out.flush().context("cannot write the export")?;
        Ok(counts)
    })
}

/// The number of rows of each kind, in the export's transaction.
fn count(conn: &mut DbConn) -> QueryResult<Counts> {
    let n = |v: i64| v as u64;
    Ok(Counts {
        users: n(users::table.count().get_result(conn)?),
        properties: n(properties::table.count().get_result(conn)?),
        sources: n(sources::table.count().get_result(conn)?),
        entities: n(entities::table.count().get_result(conn)?),
        claims: n(claims::table.count().get_result(conn)?),
        citations: n(citations::table.count().get_result(conn)?),
        claim_tags: n(claim_tags::table.count().get_result(conn)?),
        contradictions: n(contradictions::table.count().get_result(conn)?),
        external_reviews: n(external_reviews::table.count().get_result(conn)?),
        relations: n(relations::table.count().get_result(conn)?),
        webhooks: n(webhooks::table.count().get_result(conn)?),
        capture_blobs: n(capture_blobs::table.count().get_result(conn)?),
        capture_texts: n(capture_texts::table.count().get_result(conn)?),
        captures: n(captures::table.count().get_result(conn)?),
        quote_rechecks: n(quote_rechecks::table.count().get_result(conn)?),
        impacts: n(impacts::table.count().get_result(conn)?),
        review_decisions: n(review_decisions::table.count().get_result(conn)?),
        revisions: n(revisions::table.count().get_result(conn)?),
        checkpoint_keys: n(checkpoint_keys::table.count().get_result(conn)?),
        checkpoints: n(checkpoints::table.count().get_result(conn)?),
        checkpoint_heads: n(checkpoint_heads::table.count().get_result(conn)?),
    })
}

fn write_line(out: &mut dyn Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, value).context("cannot write the export")?;
    out.write_all(b"\n").context("cannot write the export")
}

/// Where the row lines go, counted.
struct Lines<'a> {
    out: &'a mut dyn Write,
    written: u64,
    progress: &'a mut dyn FnMut(u64),
}

impl Lines<'_> {
    fn put(&mut self, line: Line) -> anyhow::Result<()> {
        write_line(self.out, &line)?;
        self.written += 1;
        Ok(())
    }

    fn batch_done(&mut self) {
        (self.progress)(self.written);
    }
}

/// Reads a table in batches: `load` gets the last row of the previous batch.
fn batches<R>(
    conn: &mut DbConn,
    mut load: impl FnMut(&mut DbConn, Option<&R>) -> QueryResult<Vec<R>>,
    mut each: impl FnMut(&mut DbConn, Vec<R>) -> anyhow::Result<()>,
) -> anyhow::Result<()>
where
    R: Clone,
{
    let mut last: Option<R> = None;
    loop {
        let batch = load(conn, last.as_ref())?;
        let full = batch.len() as i64 == BATCH;
        last = batch.last().cloned();
        if !batch.is_empty() {
            each(conn, batch)?;
        }
        if !full {
            return Ok(());
        }
    }
}

/// Writes every row of `$table` in `$key` order (the row's field of that name), a batch at a
/// time, each as a `$line`.
macro_rules! by_key {
    ($conn:ident, $lines:ident, $table:ident . $key:ident, $row:ty, $line:expr) => {
        batches(
            $conn,
            |conn, last: Option<&$row>| {
                let after = last.map(|l| &l.$key);
                crate::page_query!($table.$key, $row, after, BATCH).load(conn)
            },
            |_, batch| put_all($lines, batch, $line),
        )?
    };
}

fn write_rows(conn: &mut DbConn, options: Options, lines: &mut Lines<'_>) -> anyhow::Result<()> {
    // Users by creation, so that whoever created an account comes before it.
    batches(
        conn,
        |conn, last: Option<&UserRow>| {
            let mut query = users::table
                .order((users::created_at, users::id))
                .limit(BATCH)
                .select(UserRow::as_select())
                .into_boxed();
            if let Some(last) = last {
                let (at, id): (NaiveDateTime, String) = (last.created_at, last.id.clone());
                query = query.filter(
                    users::created_at
                        .gt(at)
                        .or(users::created_at.eq(at).and(users::id.gt(id))),
                );
            }
            query.load(conn)
        },
        |_, batch| {
            for row in batch {
                lines.put(Line::User(row.into_line(options.include_credentials)))?;
            }
            lines.batch_done();
            Ok(())
        },
    )?;
    by_key!(conn, lines, properties.key, rows::Property, Line::Property);
    by_key!(conn, lines, sources.id, rows::Source, Line::Source);
    by_key!(conn, lines, entities.id, rows::Entity, Line::Entity);
    batches(
        conn,
        |conn, last: Option<&rows::Claim>| {
            let after = last.map(|l| &l.id);
            crate::page_query!(claims.id, rows::Claim, after, BATCH).load(conn)
        },
        |conn, batch| write_claims(conn, lines, batch),
    )?;
    by_key!(
        conn,
        lines,
        contradictions.id,
        rows::Contradiction,
        Line::Contradiction
    );
    by_key!(
        conn,
        lines,
        external_reviews.id,
        rows::ExternalReview,
        Line::ExternalReview
    );
    by_key!(conn, lines, relations.id, rows::Relation, Line::Relation);
    batches(
        conn,
        |conn, last: Option<&rows::Webhook>| {
            let mut query = webhooks::table
                .order(webhooks::id)
                .limit(BATCH)
                .select(rows::Webhook::as_select())
                .into_boxed();
            if let Some(last) = last {
                query = query.filter(webhooks::id.gt(last.id.clone()));
            }
            query.load(conn)
        },
        |_, batch| put_all(lines, batch, Line::Webhook),
    )?;
    // Blobs a few at a time: each may be 10 MiB.
    batches(
        conn,
        |conn, last: Option<&rows::CaptureBlob>| {
            let mut query = capture_blobs::table
                .order(capture_blobs::sha256)
                .limit(BLOB_BATCH)
                .select(rows::CaptureBlob::as_select())
                .into_boxed();
            if let Some(last) = last {
                query = query.filter(capture_blobs::sha256.gt(last.sha256.clone()));
            }
            query.load(conn)
        },
        |_, batch| put_all(lines, batch, Line::CaptureBlob),
    )?;
    batches(
        conn,
        |conn, last: Option<&rows::CaptureText>| {
            let mut query = capture_texts::table
                .order((capture_texts::sha256, capture_texts::format))
                .limit(BLOB_BATCH)
                .select(rows::CaptureText::as_select())
                .into_boxed();
            if let Some(last) = last {
                let (sha, format) = (last.sha256.clone(), last.format.clone());
                query = query.filter(
                    capture_texts::sha256
                        .gt(sha.clone())
                        .or(capture_texts::sha256
                            .eq(sha)
                            .and(capture_texts::format.gt(format))),
                );
            }
            query.load(conn)
        },
        |_, batch| put_all(lines, batch, Line::CaptureText),
    )?;
    by_key!(conn, lines, captures.id, rows::Capture, Line::Capture);
    by_key!(
        conn,
        lines,
        quote_rechecks.id,
        rows::QuoteRecheck,
        Line::QuoteRecheck
    );
    by_key!(conn, lines, impacts.id, rows::Impact, Line::Impact);
    by_key!(
        conn,
        lines,
        review_decisions.id,
        rows::ReviewDecision,
        Line::ReviewDecision
    );
    batches(
        conn,
        |conn, last: Option<&rows::Revision>| revisions_after(conn, last.map_or(0, |r| r.seq)),
        |_, batch| put_all(lines, batch, Line::Revision),
    )?;
    by_key!(
        conn,
        lines,
        checkpoint_keys.key_id,
        rows::CheckpointKey,
        Line::CheckpointKey
    );
    by_key!(
        conn,
        lines,
        checkpoints.id,
        rows::Checkpoint,
        Line::Checkpoint
    );
    batches(
        conn,
        |conn, last: Option<&rows::CheckpointHead>| {
            use checkpoint_heads::dsl as h;
            let mut query = checkpoint_heads::table
                .order((h::checkpoint_id, h::record_kind, h::record_id))
                .limit(BATCH)
                .select(rows::CheckpointHead::as_select())
                .into_boxed();
            if let Some(last) = last {
                let (id, kind, record) = (
                    last.checkpoint_id,
                    last.record_kind.clone(),
                    last.record_id.clone(),
                );
                query = query.filter(
                    h::checkpoint_id.gt(id).or(h::checkpoint_id.eq(id).and(
                        h::record_kind
                            .gt(kind.clone())
                            .or(h::record_kind.eq(kind).and(h::record_id.gt(record))),
                    )),
                );
            }
            query.load(conn)
        },
        |_, batch| put_all(lines, batch, Line::CheckpointHead),
    )?;
    Ok(())
}

fn put_all<R>(lines: &mut Lines<'_>, batch: Vec<R>, line: fn(R) -> Line) -> anyhow::Result<()> {
    for row in batch {
        lines.put(line(row))?;
    }
    lines.batch_done();
    Ok(())
}

/// A batch of claims with their citations (in order) and tags.
fn write_claims(
    conn: &mut DbConn,
    lines: &mut Lines<'_>,
    batch: Vec<rows::Claim>,
) -> anyhow::Result<()> {
    let ids: Vec<&str> = batch.iter().map(|c| c.id.as_str()).collect();
    let mut cited: HashMap<String, Vec<rows::Citation>> = HashMap::new();
    for citation in citations::table
        .filter(citations::claim_id.eq_any(&ids))
        .order((citations::claim_id, citations::position, citations::id))
        .select(rows::Citation::as_select())
        .load(conn)?
    {
        cited
            .entry(citation.claim_id.clone())
            .or_default()
            .push(citation);
    }
    let mut tagged: HashMap<String, Vec<String>> = HashMap::new();
    for (claim_id, tag) in claim_tags::table
        .filter(claim_tags::claim_id.eq_any(&ids))
        .order((claim_tags::claim_id, claim_tags::tag))
        .select((claim_tags::claim_id, claim_tags::tag))
        .load::<(String, String)>(conn)?
    {
        tagged.entry(claim_id).or_default().push(tag);
    }
    for record in batch {
        let citations = cited.remove(&record.id).unwrap_or_default();
        let tags = tagged.remove(&record.id).unwrap_or_default();
        lines.put(Line::Claim(Box::new(ClaimLine {
            record,
            citations,
            tags,
        })))?;
    }
    lines.batch_done();
    Ok(())
}

/// A batch of revisions after `seq`, with their transaction id on PostgreSQL (0 on SQLite).
fn revisions_after(conn: &mut DbConn, seq: i64) -> QueryResult<Vec<rows::Revision>> {
    const COLUMNS: &str = "record_kind, record_id, revision, action, author_id, created_at, \
                           edit_summary, snapshot, snapshot_hash, prev_hash, hash";
    let sql = match conn.backend() {
        Backend::Postgres => format!(
            "SELECT seq, txid, {COLUMNS} FROM revisions WHERE seq > $1 ORDER BY seq LIMIT $2"
        ),
        Backend::Sqlite => format!(
            "SELECT seq, 0 AS txid, {COLUMNS} FROM revisions WHERE seq > ? ORDER BY seq LIMIT ?"
        ),
    };
    diesel::sql_query(sql)
        .bind::<BigInt, _>(seq)
        .bind::<BigInt, _>(BATCH)
        .load(conn)
}
