//! Entities.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::sql::in_list;

use crate::db::{DbConn, write_transaction};
use crate::domain::entity::{EntityDoc, EntityKind};
use crate::domain::text::fold_key;
use crate::schema::entities;
use crate::store::history::{
    Author, Versioned, finish_change, finish_create, get_at, like_contains, retraction_json,
    snapshot,
};
use crate::store::revisions::{Action, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult, new_id, now};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = entities)]
pub struct EntityRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub aliases: String,
    pub description: Option<String>,
    pub search_text: String,
    pub retracted_at: Option<NaiveDateTime>,
    pub retracted_reason: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: String,
}

impl EntityRow {
    pub fn doc(&self) -> EntityDoc {
        EntityDoc {
            kind: EntityKind::parse(&self.kind).unwrap_or(EntityKind::Other),
            name: self.name.clone(),
            aliases: serde_json::from_str(&self.aliases).unwrap_or_default(),
            description: self.description.clone(),
        }
    }
}

impl Versioned for EntityRow {
    const KIND: RecordKind = RecordKind::Entities;
    const NAME: &'static str = "entity";

    fn load(conn: &mut DbConn, id: &str) -> QueryResult<Option<Self>> {
        find(conn, id)
    }

    fn store_head(conn: &mut DbConn, id: &str, head_hash: &str) -> QueryResult<usize> {
        diesel::update(entities::table.find(id))
            .set(entities::head_hash.eq(head_hash))
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

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<EntityRow>> {
    entities::table
        .find(id)
        .select(EntityRow::as_select())
        .first(conn)
        .optional()
}

/// The entities among `ids` (for claim subjects), in one query.
pub fn find_many(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<EntityRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    entities::table
        .filter(in_list(entities::id, ids))
        .select(EntityRow::as_select())
        .load(conn)
}

pub fn create(
    conn: &mut DbConn,
    ledger: &Ledger,
    doc: EntityDoc,
    author: &Author,
) -> StoreResult<EntityRow> {
    let id = new_id();
    let at = now();
    write_transaction(conn, |conn| {
        diesel::insert_into(entities::table)
            .values((
                entities::id.eq(&id),
                entities::kind.eq(doc.kind.as_str()),
                entities::name.eq(&doc.name),
                entities::aliases.eq(serde_json::to_string(&doc.aliases).unwrap_or_default()),
                entities::description.eq(&doc.description),
                entities::search_text.eq(doc.search_key()),
                entities::revision.eq(1),
                entities::head_hash.eq(""),
                entities::created_at.eq(at),
                entities::updated_at.eq(at),
                entities::created_by.eq(&author.user_id),
            ))
            .execute(conn)?;
        finish_create(conn, ledger, &id, Some(author), at)
    })
}

pub fn update(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    doc: EntityDoc,
    action: Action,
    author: &Author,
) -> StoreResult<EntityRow> {
    write_transaction(conn, |conn| {
        let current: EntityRow = get_at(conn, id, expected_revision)?;
        let at = now();
        let updated = diesel::update(
            entities::table
                .find(id)
                .filter(entities::revision.eq(expected_revision)),
        )
        .set((
            entities::kind.eq(doc.kind.as_str()),
            entities::name.eq(&doc.name),
            entities::aliases.eq(serde_json::to_string(&doc.aliases).unwrap_or_default()),
            entities::description.eq(&doc.description),
            entities::search_text.eq(doc.search_key()),
            entities::revision.eq(expected_revision + 1),
            entities::updated_at.eq(at),
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

pub fn set_retracted(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    reason: Option<String>,
    author: &Author,
) -> StoreResult<EntityRow> {
    write_transaction(conn, |conn| {
        let current: EntityRow = get_at(conn, id, expected_revision)?;
        let action = retraction_action(reason.is_some(), current.retracted_at.is_some(), "entity")?;
        let at = now();
        let updated = diesel::update(
            entities::table
                .find(id)
                .filter(entities::revision.eq(expected_revision)),
        )
        .set((
            entities::retracted_at.eq(reason.as_ref().map(|_| at)),
            entities::retracted_reason.eq(&reason),
            entities::revision.eq(expected_revision + 1),
            entities::updated_at.eq(at),
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

/// Retract needs a live record, restore a retracted one.
pub fn retraction_action(retract: bool, is_retracted: bool, what: &str) -> StoreResult<Action> {
    match (retract, is_retracted) {
        (true, false) => Ok(Action::Retract),
        (false, true) => Ok(Action::Restore),
        (true, true) => Err(StoreError::Conflict {
            code: "already_retracted",
            detail: format!("the {what} is already retracted"),
            existing_id: None,
        }),
        (false, false) => Err(StoreError::Conflict {
            code: "not_retracted",
            detail: format!("the {what} is not retracted"),
            existing_id: None,
        }),
    }
}

#[derive(Debug, Default, Clone)]
pub struct EntityFilter {
    pub q: Option<String>,
    pub kind: Option<EntityKind>,
    pub include_retracted: bool,
}

pub fn list(
    conn: &mut DbConn,
    filter: &EntityFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<EntityRow>> {
    let mut query = entities::table
        .select(EntityRow::as_select())
        .order(entities::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(q) = filter.q.as_deref().map(fold_key).filter(|q| !q.is_empty()) {
        query = query.filter(entities::search_text.like(like_contains(&q)).escape('\\'));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(entities::kind.eq(kind.as_str()));
    }
    if !filter.include_retracted {
        query = query.filter(entities::retracted_at.is_null());
    }
    if let Some(after) = after {
        query = query.filter(entities::id.gt(after.to_owned()));
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
    doc: EntityDoc,
    retracted: Option<(NaiveDateTime, Option<String>)>,
    author: &Author,
) -> StoreResult<EntityRow> {
    write_transaction(conn, |conn| {
        get_at::<EntityRow>(conn, id, expected_revision)?;
        diesel::update(
            entities::table
                .find(id)
                .filter(entities::revision.eq(expected_revision)),
        )
        .set((
            entities::retracted_at.eq(retracted.as_ref().map(|(at, _)| *at)),
            entities::retracted_reason.eq(retracted.as_ref().and_then(|(_, r)| r.clone())),
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
