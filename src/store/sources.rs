//! Sources.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConn, write_transaction};
use crate::domain::source::{Reliability, SourceDoc, SourceKind};
use crate::domain::text::fold_key;
use crate::schema::sources;
use crate::store::entities::retraction_action;
use crate::store::history::{
    Author, Versioned, finish_change, finish_create, get_at, like_contains, retraction_json,
    snapshot,
};
use crate::store::revisions::{Action, Ledger, RecordKind};
use crate::store::{StoreResult, new_id, now};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sources)]
pub struct SourceRow {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub authors: String,
    pub published_at: Option<String>,
    pub language: Option<String>,
    pub reliability: String,
    pub archived_url: Option<String>,
    pub search_text: String,
    pub publisher_key: Option<String>,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

impl SourceRow {
    pub fn doc(&self) -> SourceDoc {
        SourceDoc {
            kind: SourceKind::parse(&self.kind).unwrap_or(SourceKind::Other),
            title: self.title.clone(),
            url: self.url.clone(),
            publisher: self.publisher.clone(),
            authors: serde_json::from_str(&self.authors).unwrap_or_default(),
            published_at: self.published_at.clone(),
            language: self.language.clone(),
            reliability: Reliability::parse(&self.reliability).unwrap_or(Reliability::F),
            archived_url: self.archived_url.clone(),
        }
    }
}

impl Versioned for SourceRow {
    const KIND: RecordKind = RecordKind::Sources;
    const NAME: &'static str = "source";

    fn load(conn: &mut DbConn, id: &str) -> QueryResult<Option<Self>> {
        find(conn, id)
    }

    fn store_head(conn: &mut DbConn, id: &str, head_hash: &str) -> QueryResult<usize> {
        diesel::update(sources::table.find(id))
            .set(sources::head_hash.eq(head_hash))
            .execute(conn)
    }

    fn revision(&self) -> i64 {
        self.revision
    }

    fn head_hash(&self) -> &str {
        &self.head_hash
    }

    fn set_head_hash(&mut self, head_hash: String) {
        self.head_hash = head_hash;
    }

    fn snapshot(&self) -> serde_json::Value {
        snapshot(
            &self.doc(),
            &[(
                "retracted",
                retraction_json(self.retracted_at, self.retracted_reason.as_deref()),
            )],
        )
    }
}

fn search_key(doc: &SourceDoc) -> String {
    [Some(doc.title.as_str()), doc.publisher.as_deref()]
        .into_iter()
        .flatten()
        .map(fold_key)
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<SourceRow>> {
    sources::table
        .find(id)
        .select(SourceRow::as_select())
        .first(conn)
        .optional()
}

pub fn create(
    conn: &mut DbConn,
    ledger: &Ledger,
    doc: SourceDoc,
    author: &Author,
) -> StoreResult<SourceRow> {
    let id = new_id();
    let at = now();
    write_transaction(conn, |conn| {
        diesel::insert_into(sources::table)
            .values((
                sources::id.eq(&id),
                sources::kind.eq(doc.kind.as_str()),
                sources::title.eq(&doc.title),
                sources::url.eq(&doc.url),
                sources::publisher.eq(&doc.publisher),
                sources::authors.eq(serde_json::to_string(&doc.authors).unwrap_or_default()),
                sources::published_at.eq(&doc.published_at),
                sources::language.eq(&doc.language),
                sources::reliability.eq(doc.reliability.as_str()),
                sources::archived_url.eq(&doc.archived_url),
                sources::search_text.eq(search_key(&doc)),
                sources::publisher_key.eq(doc.publisher.as_deref().map(fold_key)),
                sources::revision.eq(1),
                sources::head_hash.eq(""),
                sources::created_at.eq(at),
                sources::updated_at.eq(at),
                sources::created_by.eq(&author.user_id),
            ))
            .execute(conn)?;
        finish_create(conn, ledger, &id, Some(author), at)
    })
}

/// Replaces the document of a source at `expected_revision`.
pub fn update(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    doc: SourceDoc,
    action: Action,
    author: &Author,
) -> StoreResult<SourceRow> {
    write_transaction(conn, |conn| {
        let current: SourceRow = get_at(conn, id, expected_revision)?;
        let at = now();
        let updated = diesel::update(
            sources::table
                .find(id)
                .filter(sources::revision.eq(expected_revision)),
        )
        .set((
            sources::kind.eq(doc.kind.as_str()),
            sources::title.eq(&doc.title),
            sources::url.eq(&doc.url),
            sources::publisher.eq(&doc.publisher),
            sources::authors.eq(serde_json::to_string(&doc.authors).unwrap_or_default()),
            sources::published_at.eq(&doc.published_at),
            sources::language.eq(&doc.language),
            sources::reliability.eq(doc.reliability.as_str()),
            sources::archived_url.eq(&doc.archived_url),
            sources::search_text.eq(search_key(&doc)),
            sources::publisher_key.eq(doc.publisher.as_deref().map(fold_key)),
            sources::revision.eq(current.revision + 1),
            sources::updated_at.eq(at),
        ))
        .execute(conn)?;
        finish_change(
            conn,
            ledger,
            id,
            &current,
            updated,
            action,
            Some(author),
            at,
        )
    })
}

/// Retracts (with a reason) or restores (`None`) a source at `expected_revision`.
pub fn set_retracted(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    reason: Option<String>,
    author: &Author,
) -> StoreResult<SourceRow> {
    write_transaction(conn, |conn| {
        let current: SourceRow = get_at(conn, id, expected_revision)?;
        let action = retraction_action(reason.is_some(), current.retracted_at.is_some(), "source")?;
        let at = now();
        let updated = diesel::update(
            sources::table
                .find(id)
                .filter(sources::revision.eq(expected_revision)),
        )
        .set((
            sources::retracted_at.eq(reason.as_ref().map(|_| at)),
            sources::retracted_reason.eq(&reason),
            sources::revision.eq(current.revision + 1),
            sources::updated_at.eq(at),
        ))
        .execute(conn)?;
        finish_change(
            conn,
            ledger,
            id,
            &current,
            updated,
            action,
            Some(author),
            at,
        )
    })
}

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
) -> QueryResult<Vec<SourceRow>> {
    let mut query = sources::table
        .select(SourceRow::as_select())
        .order(sources::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(q) = filter.q.as_deref().map(fold_key).filter(|q| !q.is_empty()) {
        query = query.filter(sources::search_text.like(like_contains(&q)).escape('\\'));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(sources::kind.eq(kind.as_str()));
    }
    if let Some(publisher) = &filter.publisher {
        query = query.filter(sources::publisher_key.eq(fold_key(publisher)));
    }
    if let Some(reliability) = filter.reliability {
        query = query.filter(sources::reliability.eq(reliability.as_str()));
    }
    if !filter.include_retracted {
        query = query.filter(sources::retracted_at.is_null());
    }
    if let Some(after) = after {
        query = query.filter(sources::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// Puts a record back to an earlier revision's document and retraction state, as one new
/// revision (action `revert`).
pub fn revert(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    doc: SourceDoc,
    retracted: Option<(NaiveDateTime, Option<String>)>,
    author: &Author,
) -> StoreResult<SourceRow> {
    write_transaction(conn, |conn| {
        get_at::<SourceRow>(conn, id, expected_revision)?;
        diesel::update(
            sources::table
                .find(id)
                .filter(sources::revision.eq(expected_revision)),
        )
        .set((
            sources::retracted_at.eq(retracted.as_ref().map(|(at, _)| *at)),
            sources::retracted_reason.eq(retracted.as_ref().and_then(|(_, r)| r.clone())),
        ))
        .execute(conn)?;
        update(
            conn,
            ledger,
            id,
            expected_revision,
            doc,
            Action::Revert,
            author,
        )
    })
}
