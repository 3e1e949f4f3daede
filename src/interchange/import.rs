//! Reading an export into an empty database: the header is checked first (format, version,
//! ledger key), then the target (empty but for what the migrations put there), and then every
//! line is written in ONE transaction, a batch of rows per statement. A line that does not
//! parse, a row the database refuses, lines out of order or a file that stops before its end
//! line roll the whole transaction back: nothing is written, and the error names the line.
//!
//! One transaction rather than committed batches: a failed import leaves nothing to clean up,
//! and the ledger is never visible half-imported. Neither backend holds the transaction in
//! memory (SQLite spills it to its WAL file, PostgreSQL writes it as it goes), so memory stays
//! that of one batch.

use std::io::BufRead;

use anyhow::{Context, anyhow, bail};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::rows::{self, UserRow};
use super::{Counts, FORMAT, Header, Line, VERSION};
use crate::db::{Backend, DbConn};
use crate::schema::{
    capture_blobs, capture_texts, captures, checkpoint_heads, checkpoint_keys, checkpoints,
    citations, claim_tags, claims, contradictions, entities, external_reviews, idempotency_keys,
    impacts, login_failures, properties, quote_rechecks, relations, review_decisions, revisions,
    sessions, source_derivations, sources, users, webhooks,
};
use crate::store::ledger::Ledger;

/// Rows written a statement (the widest table, claims, has 30 columns: 30,000 parameters stay
/// under both backends' limits).
const BATCH: usize = 1000;

/// Reads the file's lines, counting them (for errors that name their line).
pub struct Reader<R> {
    input: R,
    number: u64,
    buffer: String,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Self {
        Self {
            input,
            number: 0,
            buffer: String::new(),
        }
    }

    /// The next line without its line break, or None at the end of the input.
    fn next_line(&mut self) -> anyhow::Result<Option<&str>> {
        self.buffer.clear();
        self.number += 1;
        let read = self
            .input
            .read_line(&mut self.buffer)
            .with_context(|| format!("line {}: cannot be read", self.number))?;
        if read == 0 {
            return Ok(None);
        }
        let line = self.buffer.strip_suffix('\n').unwrap_or(&self.buffer);
        Ok(Some(line.strip_suffix('\r').unwrap_or(line)))
    }

    /// Reads and checks the first line.
    pub fn header(&mut self) -> anyhow::Result<Header> {
        let Some(text) = self.next_line()? else {
            bail!("the file is empty: it is not a claimledger export");
        };
        let header: Header = serde_json::from_str(text)
            .map_err(|e| anyhow!("line 1 is not the header of a claimledger export: {e}"))?;
        if header.format != FORMAT {
            bail!(
                "line 1 is not the header of a claimledger export (format {:?})",
                header.format
            );
        }
        if header.version != VERSION {
            bail!(
                "the export is in format version {} (written by claimledger {}); this release ({}) reads version {VERSION}",
                header.version,
                header.release,
                env!("CARGO_PKG_VERSION")
            );
        }
        Ok(header)
    }
}

/// Refuses an export made with another ledger key: its chains would not verify here.
pub fn check_key(header: &Header, ledger: &Ledger) -> anyhow::Result<()> {
    let ours = ledger.fingerprint();
    if header.ledger_key_fingerprint != ours {
        bail!(
            "the export was made with another ledger key (key fingerprint {}…, this instance's is {}…): \
             set CLAIMLEDGER_LEDGER_KEY to the exporting instance's key (on SQLite, the `ledger-key` \
             file beside its database); nothing was imported",
            short(&header.ledger_key_fingerprint),
            short(&ours)
        );
    }
    Ok(())
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..16).unwrap_or(fingerprint)
}

/// Refuses a target that holds anything but what the migrations put there (the shipped
/// properties, without a revision yet).
pub fn check_empty(conn: &mut DbConn) -> anyhow::Result<()> {
    let held = [
        ("user(s)", users::table.count().get_result::<i64>(conn)?),
        ("revision(s)", revisions::table.count().get_result(conn)?),
        ("source(s)", sources::table.count().get_result(conn)?),
        ("entities", entities::table.count().get_result(conn)?),
        ("claim(s)", claims::table.count().get_result(conn)?),
        (
            "contradiction(s)",
            contradictions::table.count().get_result(conn)?,
        ),
        (
            "external review(s)",
            external_reviews::table.count().get_result(conn)?,
        ),
        ("relation(s)", relations::table.count().get_result(conn)?),
        ("webhook(s)", webhooks::table.count().get_result(conn)?),
        ("capture(s)", captures::table.count().get_result(conn)?),
        ("impact(s)", impacts::table.count().get_result(conn)?),
        (
            "capture blob(s)",
            capture_blobs::table.count().get_result(conn)?,
        ),
        (
            "checkpoint(s)",
            checkpoints::table.count().get_result(conn)?,
        ),
        (
            "checkpoint key(s)",
            checkpoint_keys::table.count().get_result(conn)?,
        ),
        ("session(s)", sessions::table.count().get_result(conn)?),
        (
            "idempotency key(s)",
            idempotency_keys::table.count().get_result(conn)?,
        ),
        (
            "login failure(s)",
            login_failures::table.count().get_result(conn)?,
        ),
        (
            "propert(ies) with a revision",
            properties::table
                .filter(properties::revision.ne(0))
                .count()
                .get_result(conn)?,
        ),
    ];
    let found: Vec<String> = held
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{n} {what}"))
        .collect();
    if !found.is_empty() {
        bail!(
            "the target database is not empty (it holds {}): import only into a new database, \
             which `claimledger import` migrates itself (do not start the server on it first); \
             nothing was imported",
            found.join(", ")
        );
    }
    Ok(())
}

/// Writes every line after the header into the (checked, empty) database, in one
/// transaction. `progress` gets the number of row lines written so far.
pub fn import<R: BufRead>(
    conn: &mut DbConn,
    header: &Header,
    reader: &mut Reader<R>,
    progress: &mut dyn FnMut(u64),
) -> anyhow::Result<Counts> {
    let counts = conn.transaction::<_, anyhow::Error, _>(|conn| {
        // The shipped properties the migrations inserted give way to the exported ones.
        diesel::delete(properties::table).execute(conn)?;
        let counts = write_lines(conn, header, reader, progress)?;
        rebuild_derivations(conn)?;
        // Which subject and property each claim has been about, from its revisions.
        crate::store::estimates::rebuild_subject_history(conn)?;
        advance_revision_sequence(conn)?;
        Ok(counts)
    })?;
    advance_transaction_ids(conn)?;
    Ok(counts)
}

/// The edges of what sources derive from, from each source's own list (an export carries
/// the list; the edges are its index). After every source is in, so any may be named.
fn rebuild_derivations(conn: &mut DbConn) -> anyhow::Result<()> {
    let mut after = String::new();
    loop {
        let page: Vec<(String, String)> = sources::table
            .filter(sources::id.gt(&after))
            .filter(sources::derives_from.ne("[]"))
            .order(sources::id)
            .select((sources::id, sources::derives_from))
            .limit(BATCH as i64)
            .load(conn)?;
        let Some((last, _)) = page.last() else {
            return Ok(());
        };
        after = last.clone();
        let mut edges = Vec::new();
        for (id, list) in page {
            let list: Vec<crate::domain::source::Derivation> = serde_json::from_str(&list)
                .map_err(|e| anyhow!("source {id}: derives_from is not a list of sources: {e}"))?;
            edges.extend(list.into_iter().map(|d| {
                (
                    source_derivations::source_id.eq(id.clone()),
                    source_derivations::derives_from_id.eq(d.source_id),
                    source_derivations::relation.eq(d.relation),
                )
            }));
        }
        crate::insert_all!(conn, source_derivations::table, &edges)?;
    }
}

fn write_lines<R: BufRead>(
    conn: &mut DbConn,
    header: &Header,
    reader: &mut Reader<R>,
    progress: &mut dyn FnMut(u64),
) -> anyhow::Result<Counts> {
    let mut pending = Pending::default();
    let mut counts = Counts::default();
    let mut rows = 0u64;
    let mut rank = 0u8;
    let mut previous = "header";
    loop {
        let number = reader.number + 1;
        let Some(text) = reader.next_line()? else {
            bail!(
                "the file ends at line {} without its end line: it is incomplete; nothing was imported",
                number - 1
            );
        };
        let line: Line = serde_json::from_str(text).map_err(|e| {
            anyhow!("line {number} is not a valid export line: {e}; nothing was imported")
        })?;
        if line.rank() < rank {
            bail!(
                "line {number}: a {} after a {previous}: an export lists users, properties, sources, \
                 entities, claims, contradictions, revisions, checkpoint keys, checkpoints and \
                 checkpoint heads in that order; nothing was imported",
                line.name()
            );
        }
        if line.rank() > rank {
            pending.flush(conn)?;
            rank = line.rank();
        }
        previous = line.name();
        if let Line::End(end) = line {
            if end.lines != rows || counts != header.counts {
                bail!(
                    "line {number}: the file holds {rows} row line(s) ({counts:?}) but says it holds {} ({:?}): \
                     it is incomplete or was edited; nothing was imported",
                    end.lines,
                    header.counts
                );
            }
            break;
        }
        rows += 1;
        pending.push(conn, number, line, &mut counts)?;
        if rows.is_multiple_of(BATCH as u64) {
            progress(rows);
        }
    }
    progress(rows);
    while let Some(text) = reader.next_line()? {
        if !text.trim().is_empty() {
            bail!(
                "line {}: nothing may follow the end line; nothing was imported",
                reader.number
            );
        }
    }
    Ok(counts)
}

#[derive(Insertable)]
#[diesel(table_name = claim_tags)]
struct Tag {
    claim_id: String,
    tag: String,
}

/// Rows read but not yet written, of one kind at a time, and the line the batch began at.
#[derive(Default)]
struct Pending {
    first_line: u64,
    last_line: u64,
    users: Vec<UserRow>,
    properties: Vec<rows::Property>,
    sources: Vec<rows::Source>,
    entities: Vec<rows::Entity>,
    claims: Vec<rows::Claim>,
    citations: Vec<rows::Citation>,
    tags: Vec<Tag>,
    contradictions: Vec<rows::Contradiction>,
    external_reviews: Vec<rows::ExternalReview>,
    relations: Vec<rows::Relation>,
    webhooks: Vec<rows::Webhook>,
    capture_blobs: Vec<rows::CaptureBlob>,
    capture_texts: Vec<rows::CaptureText>,
    captures: Vec<rows::Capture>,
    quote_rechecks: Vec<rows::QuoteRecheck>,
    impacts: Vec<rows::Impact>,
    review_decisions: Vec<rows::ReviewDecision>,
    revisions: Vec<rows::Revision>,
    checkpoint_keys: Vec<rows::CheckpointKey>,
    checkpoints: Vec<rows::Checkpoint>,
    checkpoint_heads: Vec<rows::CheckpointHead>,
}

impl Pending {
    fn push(
        &mut self,
        conn: &mut DbConn,
        number: u64,
        line: Line,
        counts: &mut Counts,
    ) -> anyhow::Result<()> {
        if self.len() == 0 {
            self.first_line = number;
        }
        self.last_line = number;
        match line {
            Line::User(user) => {
                counts.users += 1;
                self.users.push(user.into());
            }
            Line::Property(row) => {
                counts.properties += 1;
                self.properties.push(row);
            }
            Line::Source(row) => {
                counts.sources += 1;
                self.sources.push(row);
            }
            Line::Entity(row) => {
                counts.entities += 1;
                self.entities.push(row);
            }
            Line::Claim(claim) => {
                let claim = *claim;
                counts.claims += 1;
                counts.citations += claim.citations.len() as u64;
                counts.claim_tags += claim.tags.len() as u64;
                for citation in &claim.citations {
                    if citation.claim_id != claim.record.id {
                        bail!(
                            "line {number}: citation {} names claim {}, not its line's claim {}; nothing was imported",
                            citation.id,
                            citation.claim_id,
                            claim.record.id
                        );
                    }
                }
                self.tags.extend(claim.tags.into_iter().map(|tag| Tag {
                    claim_id: claim.record.id.clone(),
                    tag,
                }));
                // An older export's citations were never checked: one without a quote has
                // nothing to check.
                self.citations
                    .extend(claim.citations.into_iter().map(|mut citation| {
                        if citation.check_status == "no_capture"
                            && citation
                                .quote
                                .as_deref()
                                .is_none_or(|q| q.trim().is_empty())
                        {
                            citation.check_status = "no_quote".into();
                        }
                        citation
                    }));
                self.claims.push(claim.record);
            }
            Line::Contradiction(row) => {
                counts.contradictions += 1;
                self.contradictions.push(row);
            }
            Line::ExternalReview(row) => {
                counts.external_reviews += 1;
                self.external_reviews.push(row);
            }
            Line::Relation(row) => {
                counts.relations += 1;
                self.relations.push(row);
            }
            Line::Webhook(row) => {
                counts.webhooks += 1;
                self.webhooks.push(row);
            }
            Line::CaptureBlob(row) => {
                counts.capture_blobs += 1;
                self.capture_blobs.push(row);
                // Each may be 10 MiB: written at once rather than a thousand held.
                self.flush(conn)?;
                return Ok(());
            }
            Line::CaptureText(row) => {
                counts.capture_texts += 1;
                self.capture_texts.push(row);
                self.flush(conn)?;
                return Ok(());
            }
            Line::Capture(row) => {
                counts.captures += 1;
                self.captures.push(row);
            }
            Line::QuoteRecheck(row) => {
                counts.quote_rechecks += 1;
                self.quote_rechecks.push(row);
            }
            Line::Impact(row) => {
                counts.impacts += 1;
                self.impacts.push(row);
            }
            Line::ReviewDecision(row) => {
                counts.review_decisions += 1;
                self.review_decisions.push(row);
            }
            Line::Revision(row) => {
                counts.revisions += 1;
                self.revisions.push(row);
            }
            Line::CheckpointKey(row) => {
                counts.checkpoint_keys += 1;
                self.checkpoint_keys.push(row);
            }
            Line::Checkpoint(row) => {
                counts.checkpoints += 1;
                self.checkpoints.push(row);
            }
            Line::CheckpointHead(row) => {
                counts.checkpoint_heads += 1;
                self.checkpoint_heads.push(row);
            }
            Line::End(_) => unreachable!("the end line is handled by the caller"),
        }
        if self.len() >= BATCH {
            self.flush(conn)?;
        }
        Ok(())
    }

    fn len(&self) -> usize {
        self.users.len()
            + self.properties.len()
            + self.sources.len()
            + self.entities.len()
            + self.claims.len()
            + self.contradictions.len()
            + self.external_reviews.len()
            + self.relations.len()
            + self.webhooks.len()
            + self.capture_blobs.len()
            + self.capture_texts.len()
            + self.captures.len()
            + self.quote_rechecks.len()
            + self.impacts.len()
            + self.review_decisions.len()
            + self.revisions.len()
            + self.checkpoint_keys.len()
            + self.checkpoints.len()
            + self.checkpoint_heads.len()
    }

    /// Writes what is pending; a refusal names the lines of the batch.
    fn flush(&mut self, conn: &mut DbConn) -> anyhow::Result<()> {
        if self.len() == 0 {
            return Ok(());
        }
        let (first, last) = (self.first_line, self.last_line);
        self.write(conn).map_err(|e| {
            anyhow!(
                "lines {first}–{last} cannot be written: {e}; nothing was imported \
                 (is the target really empty, and the file an unedited export?)"
            )
        })
    }

    fn write(&mut self, conn: &mut DbConn) -> QueryResult<()> {
        let backend = conn.backend();
        crate::insert_all!(conn, users::table, &std::mem::take(&mut self.users))?;
        crate::insert_all!(
            conn,
            properties::table,
            &std::mem::take(&mut self.properties)
        )?;
        crate::insert_all!(conn, sources::table, &std::mem::take(&mut self.sources))?;
        crate::insert_all!(conn, entities::table, &std::mem::take(&mut self.entities))?;
        crate::insert_all!(conn, claims::table, &std::mem::take(&mut self.claims))?;
        for chunk in std::mem::take(&mut self.citations).chunks(BATCH) {
            crate::insert_all!(conn, citations::table, chunk)?;
        }
        for chunk in std::mem::take(&mut self.tags).chunks(BATCH) {
            crate::insert_all!(conn, claim_tags::table, chunk)?;
        }
        crate::insert_all!(
            conn,
            contradictions::table,
            &std::mem::take(&mut self.contradictions)
        )?;
        crate::insert_all!(
            conn,
            external_reviews::table,
            &std::mem::take(&mut self.external_reviews)
        )?;
        crate::insert_all!(conn, relations::table, &std::mem::take(&mut self.relations))?;
        crate::insert_all!(conn, webhooks::table, &std::mem::take(&mut self.webhooks))?;
        crate::insert_all!(
            conn,
            capture_blobs::table,
            &std::mem::take(&mut self.capture_blobs)
        )?;
        crate::insert_all!(
            conn,
            capture_texts::table,
            &std::mem::take(&mut self.capture_texts)
        )?;
        crate::insert_all!(conn, captures::table, &std::mem::take(&mut self.captures))?;
        crate::insert_all!(
            conn,
            quote_rechecks::table,
            &std::mem::take(&mut self.quote_rechecks)
        )?;
        crate::insert_all!(conn, impacts::table, &std::mem::take(&mut self.impacts))?;
        crate::insert_all!(
            conn,
            review_decisions::table,
            &std::mem::take(&mut self.review_decisions)
        )?;
        let revisions = std::mem::take(&mut self.revisions);
        match backend {
            Backend::Postgres => {
                crate::insert_all!(conn, rows::pg::revisions::table, &revisions)?;
            }
            Backend::Sqlite => {
                let revisions: Vec<rows::SqliteRevision> =
                    revisions.into_iter().map(Into::into).collect();
                crate::insert_all!(conn, revisions::table, &revisions)?;
            }
        }
        crate::insert_all!(
            conn,
            checkpoint_keys::table,
            &std::mem::take(&mut self.checkpoint_keys)
        )?;
        crate::insert_all!(
            conn,
            checkpoints::table,
            &std::mem::take(&mut self.checkpoints)
        )?;
        crate::insert_all!(
            conn,
            checkpoint_heads::table,
            &std::mem::take(&mut self.checkpoint_heads)
        )?;
        Ok(())
    }
}

/// PostgreSQL: the next revision gets a `seq` above every imported one. (SQLite's
/// AUTOINCREMENT already moved past the highest `seq` inserted.)
fn advance_revision_sequence(conn: &mut DbConn) -> QueryResult<()> {
    if conn.backend() == Backend::Postgres {
        diesel::sql_query(
            "SELECT setval(pg_get_serial_sequence('revisions', 'seq'), MAX(seq))
             FROM revisions HAVING COUNT(*) > 0",
        )
        .execute(conn)?;
    }
    Ok(())
}

/// PostgreSQL: revisions keep the transaction ids of the database they were exported from,
/// because the changes feed and the checkpoints' signed feed positions are ordered by them.
/// New writes must sort after them, so when this server's transaction ids are not yet past
/// the highest imported one (an export from another, older server), empty transactions are
/// committed until they are.
fn advance_transaction_ids(conn: &mut DbConn) -> QueryResult<()> {
    #[derive(QueryableByName)]
    struct Ids {
        #[diesel(sql_type = BigInt)]
        imported: i64,
        #[diesel(sql_type = BigInt)]
        next: i64,
    }
    if conn.backend() != Backend::Postgres {
        return Ok(());
    }
    let ids: Ids = diesel::sql_query(
        "SELECT COALESCE(MAX(txid), 0) AS imported,
                pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS next
         FROM revisions",
    )
    .get_result(conn)?;
    if ids.next > ids.imported {
        return Ok(());
    }
    tracing::info!(
        from = ids.next,
        to = ids.imported + 1,
        "advancing this server's transaction ids past the imported ones"
    );
    // A DO block may commit between its statements (it is not inside a transaction here):
    // each turn takes one transaction id and commits it.
    diesel::sql_query(format!(
        "DO $$ BEGIN
            WHILE pg_current_xact_id()::text::bigint <= {} LOOP COMMIT; END LOOP;
         END $$",
        ids.imported
    ))
    .execute(conn)?;
    Ok(())
}
