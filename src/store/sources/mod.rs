//! Sources: where claims come from.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

pub mod derivations;

use crate::db::types::JsonText;
use crate::db::{DbConn, WriteTx};
use crate::domain::source::{Derivation, Reliability, SourceDoc, SourceKind};
use crate::domain::text::fold_key;
use crate::schema::sources;
use crate::store::engine::{Insert, Record, Retraction, Snapshot, Stored};
use crate::store::ledger::{Action, Ledger, RecordKind};
use crate::store::{Author, StoreResult, like_contains};

/// The source record kind.
pub struct Source;

/// A source as each revision keeps it (format 1, unchanged since release 0.1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceSnapshot {
    pub kind: SourceKind,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub authors: Vec<String>,
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub reliability: Reliability,
    pub archived_url: Option<String>,
    /// Since issue 17: older snapshots read as deriving from nothing, and a source that
    /// derives from nothing is written as before (the field left out), so its snapshots,
    /// hashes and diffs are those of the older format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub derives_from: Vec<Derivation>,
    pub retracted: Option<Retraction>,
}

impl Snapshot for SourceSnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(SourceMeta for sources, key id, created_by String);

#[derive(Queryable, Selectable)]
#[diesel(table_name = sources)]
struct SourceRow {
    #[diesel(embed)]
    meta: SourceMeta,
    kind: SourceKind,
    title: String,
    url: Option<String>,
    publisher: Option<String>,
    authors: JsonText<Vec<String>>,
    published_at: Option<String>,
    language: Option<String>,
    reliability: Reliability,
    archived_url: Option<String>,
    derives_from: JsonText<Vec<Derivation>>,
    retracted_at: Option<NaiveDateTime>,
    retracted_reason: Option<String>,
}

impl From<SourceRow> for Stored<Source> {
    fn from(row: SourceRow) -> Self {
        let snapshot = crate::copy_fields!(SourceSnapshot {
            kind, title, url, publisher, published_at, language, reliability, archived_url,
        } from row,
            authors: row.authors.0.clone(),
            derives_from: row.derives_from.0.clone(),
            retracted: Retraction::from_columns(row.retracted_at, row.retracted_reason.clone()),
        );
        Stored {
            meta: row.meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes SourceColumnChanges for sources;
    /// The columns a snapshot decides.
    #[derive(Insertable, AsChangeset)]
    #[diesel(table_name = sources, treat_none_as_null = true)]
    struct SourceColumns {
        kind: SourceKind,
        title: String,
        url: Option<String>,
        publisher: Option<String>,
        authors: String,
        published_at: Option<String>,
        language: Option<String>,
        reliability: Reliability,
        archived_url: Option<String>,
        derives_from: String,
        /// What `q` matches: title and publisher, case-folded, one per line.
        search_text: String,
        publisher_key: Option<String>,
        retracted_at: Option<NaiveDateTime>,
        retracted_reason: Option<String>,
    }
}

fn columns(s: &SourceSnapshot) -> StoreResult<SourceColumns> {
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    Ok(crate::copy_fields!(SourceColumns {
        kind, title, url, publisher, published_at, language, reliability, archived_url,
    } from s,
        authors: serde_json::to_string(&s.authors)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
        derives_from: serde_json::to_string(&s.derives_from)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
        search_text: [Some(s.title.as_str()), s.publisher.as_deref()]
            .into_iter()
            .flatten()
            .map(fold_key)
            .collect::<Vec<_>>()
            .join("\n"),
        publisher_key: s.publisher.as_deref().map(fold_key),
        retracted_at,
        retracted_reason,
    ))
}

impl Record for Source {
    const KIND: RecordKind = RecordKind::Sources;
    const NAME: &'static str = "source";
    type Snapshot = SourceSnapshot;

    crate::record_table!(table: sources, key: id, row: SourceRow, columns: columns);

    /// The sources derived from exist, and none leads back to this one (also when two
    /// editors add the two halves of a cycle at once: on PostgreSQL changes of what sources
    /// derive from queue on one lock; SQLite has one writer).
    fn check(
        tx: &mut WriteTx<'_>,
        id: &str,
        before: Option<&SourceSnapshot>,
        after: &SourceSnapshot,
    ) -> StoreResult<()> {
        if before.is_some_and(|b| b.derives_from == after.derives_from)
            || after.derives_from.is_empty()
        {
            return Ok(());
        }
        tx.lock("source-derivations")?;
        derivations::check(tx.conn(), id, &after.derives_from)
    }

    /// Keeps `source_derivations` in step, and records the impact of a retraction or a
    /// regrade (`store::impacts`: one row, whatever the number of dependent claims).
    fn after_write(
        tx: &mut WriteTx<'_>,
        ledger: &Ledger,
        before: Option<&SourceSnapshot>,
        after: &Stored<Self>,
        _: Action,
        author: Option<&Author>,
    ) -> StoreResult<()> {
        let unchanged = before.map_or(after.snapshot.derives_from.is_empty(), |b| {
            b.derives_from == after.snapshot.derives_from
        });
        if !unchanged {
            derivations::replace(tx, &after.meta.id, &after.snapshot.derives_from)?;
        }
        crate::store::impacts::after_source_write(tx, ledger, before, after, author)
    }
}

impl Insert for Source {
    crate::record_table!(insert: sources, key: id, created_by: String, columns: columns);
}

crate::retractable!(Source);

crate::editable_fields!(Source: SourceDoc => SourceSnapshot {
    kind, title, url, publisher, authors, published_at, language, reliability, archived_url,
    derives_from,
}, keeps retracted);

#[derive(Debug, Default, Clone)]
pub struct SourceFilter {
    pub q: Option<String>,
    pub kind: Option<SourceKind>,
    pub publisher: Option<String>,
    pub reliability: Option<Reliability>,
    pub include_retracted: bool,
}

/// Sources in id (creation) order after the cursor.
pub fn list(
    conn: &mut DbConn,
    filter: &SourceFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Source>>> {
    let mut query = crate::page_query!(sources.id, SourceRow, after, limit);
    if let Some(q) = filter.q.as_deref().map(fold_key).filter(|q| !q.is_empty()) {
        query = query.filter(sources::search_text.like(like_contains(&q)).escape('\\'));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(sources::kind.eq(kind));
    }
    if let Some(publisher) = &filter.publisher {
        query = query.filter(sources::publisher_key.eq(fold_key(publisher)));
    }
    if let Some(reliability) = filter.reliability {
        query = query.filter(sources::reliability.eq(reliability));
    }
    if !filter.include_retracted {
        query = query.filter(sources::retracted_at.is_null());
    }
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}

/// Finds a source by its exact title (the demo data does, to stay idempotent).
pub fn find_by_title(conn: &mut DbConn, title: &str) -> QueryResult<Option<String>> {
    sources::table
        .filter(sources::title.eq(title))
        .select(sources::id)
        .first(conn)
        .optional()
}
