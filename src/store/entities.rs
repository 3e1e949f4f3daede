//! Entities: the people, organisations, events and places claims are about.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::sql::in_list;
use crate::db::types::JsonText;
use crate::domain::entity::{EntityDoc, EntityKind};
use crate::domain::text::fold_key;
use crate::schema::entities;
use crate::store::engine::{Insert, Record, Retraction, Snapshot, Stored};
use crate::store::ledger::RecordKind;
use crate::store::{StoreResult, like_contains};

/// The entity record kind.
pub struct Entity;

/// An entity as each revision keeps it (format 1, unchanged since release 0.1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntitySnapshot {
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub retracted: Option<Retraction>,
}

impl Snapshot for EntitySnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(EntityMeta for entities, key id, created_by String);

#[derive(Queryable, Selectable)]
#[diesel(table_name = entities)]
struct EntityRow {
    #[diesel(embed)]
    meta: EntityMeta,
    kind: EntityKind,
    name: String,
    aliases: JsonText<Vec<String>>,
    description: Option<String>,
    retracted_at: Option<NaiveDateTime>,
    retracted_reason: Option<String>,
}

impl From<EntityRow> for Stored<Entity> {
    fn from(row: EntityRow) -> Self {
        let snapshot = crate::copy_fields!(EntitySnapshot { kind, name, description } from row,
            aliases: row.aliases.0.clone(),
            retracted: Retraction::from_columns(row.retracted_at, row.retracted_reason.clone()),
        );
        Stored {
            meta: row.meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes EntityColumnChanges for entities;
    /// The columns a snapshot decides.
    #[derive(Insertable, AsChangeset)]
    #[diesel(table_name = entities, treat_none_as_null = true)]
    struct EntityColumns {
        kind: EntityKind,
        name: String,
        aliases: String,
        description: Option<String>,
        /// What `q` matches: name and aliases, case-folded, one per line.
        search_text: String,
        retracted_at: Option<NaiveDateTime>,
        retracted_reason: Option<String>,
    }
}

fn columns(s: &EntitySnapshot) -> StoreResult<EntityColumns> {
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    Ok(
        crate::copy_fields!(EntityColumns { kind, name, description } from s,
            aliases: serde_json::to_string(&s.aliases)
                .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
            search_text: std::iter::once(&s.name)
                .chain(&s.aliases)
                .map(|n| fold_key(n))
                .collect::<Vec<_>>()
                .join("\n"),
            retracted_at,
            retracted_reason,
        ),
    )
}

impl Record for Entity {
    const KIND: RecordKind = RecordKind::Entities;
    const NAME: &'static str = "entity";
    type Snapshot = EntitySnapshot;

    crate::record_table!(table: entities, key: id, row: EntityRow, columns: columns);
}

impl Insert for Entity {
    crate::record_table!(insert: entities, key: id, created_by: String, columns: columns);
}

crate::retractable!(Entity);

crate::editable_fields!(Entity: EntityDoc => EntitySnapshot {
    kind, name, aliases, description,
}, keeps retracted);

#[derive(Debug, Default, Clone)]
pub struct EntityFilter {
    pub q: Option<String>,
    pub kind: Option<EntityKind>,
    pub include_retracted: bool,
}

/// Entities in id (creation) order after the cursor.
pub fn list(
    conn: &mut DbConn,
    filter: &EntityFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Entity>>> {
    let mut query = crate::page_query!(entities.id, EntityRow, after, limit);
    if let Some(q) = filter.q.as_deref().map(fold_key).filter(|q| !q.is_empty()) {
        query = query.filter(entities::search_text.like(like_contains(&q)).escape('\\'));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(entities::kind.eq(kind));
    }
    if !filter.include_retracted {
        query = query.filter(entities::retracted_at.is_null());
    }
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}

/// Which of `ids` name an entity.
pub fn existing(conn: &mut DbConn, ids: &[&String]) -> QueryResult<Vec<String>> {
    entities::table
        .filter(in_list(entities::id, ids))
        .select(entities::id)
        .load(conn)
}

/// Finds an entity by its exact name (the demo data does, to stay idempotent).
pub fn find_by_name(conn: &mut DbConn, name: &str) -> QueryResult<Option<String>> {
    entities::table
        .filter(entities::name.eq(name))
        .select(entities::id)
        .first(conn)
        .optional()
}

/// The name and kind of each of `ids` that names an entity.
pub fn names(conn: &mut DbConn, ids: &[&String]) -> QueryResult<Vec<(String, String, EntityKind)>> {
    entities::table
        .filter(in_list(entities::id, ids))
        .select((entities::id, entities::name, entities::kind))
        .load(conn)
}
