//! Entities: the people, organisations, events and places claims are about.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::sql::in_list;
use crate::db::types::JsonText;
use crate::domain::FieldError;
use crate::domain::entity::{EntityDoc, EntityKind};
use crate::domain::text::fold_key;
use crate::schema::entities;
use crate::store::engine::{
    Editable, Insert, Meta, Record, Retractable, Retraction, Snapshot, Stored,
};
use crate::store::ledger::RecordKind;
use crate::store::{StoreResult, like_contains};

/// The entity record kind.
pub struct Entity;

/// An entity as each revision keeps it (format 1, unchanged since release 0.1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Queryable, Selectable)]
#[diesel(table_name = entities)]
struct EntityRow {
    id: String,
    kind: EntityKind,
    name: String,
    aliases: JsonText<Vec<String>>,
    description: Option<String>,
    retracted_at: Option<NaiveDateTime>,
    retracted_reason: Option<String>,
    revision: i64,
    head_hash: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    created_by: String,
}

impl From<EntityRow> for Stored<Entity> {
    fn from(row: EntityRow) -> Self {
        Stored {
            meta: Meta {
                id: row.id,
                revision: row.revision,
                head_hash: row.head_hash,
                created_at: row.created_at,
                updated_at: row.updated_at,
                created_by: Some(row.created_by),
            },
            snapshot: EntitySnapshot {
                kind: row.kind,
                name: row.name,
                aliases: row.aliases.0,
                description: row.description,
                retracted: Retraction::from_columns(row.retracted_at, row.retracted_reason),
            },
        }
    }
}

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

fn columns(s: &EntitySnapshot) -> StoreResult<EntityColumns> {
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    Ok(EntityColumns {
        kind: s.kind,
        name: s.name.clone(),
        aliases: serde_json::to_string(&s.aliases)
            .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
        description: s.description.clone(),
        search_text: std::iter::once(&s.name)
            .chain(&s.aliases)
            .map(|n| fold_key(n))
            .collect::<Vec<_>>()
            .join("\n"),
        retracted_at,
        retracted_reason,
    })
}

impl Record for Entity {
    const KIND: RecordKind = RecordKind::Entities;
    const NAME: &'static str = "entity";
    type Snapshot = EntitySnapshot;

    fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<Stored<Self>>> {
        entities::table
            .find(id)
            .select(EntityRow::as_select())
            .first(conn)
            .optional()
            .map(|row| row.map(Stored::from))
    }

    crate::record_table!(table: entities, key: id, columns: columns);
}

impl Insert for Entity {
    crate::record_table!(insert: entities, key: id, created_by: String, columns: columns);
}

impl Retractable for Entity {
    fn retraction(snapshot: &EntitySnapshot) -> Option<&Retraction> {
        snapshot.retracted.as_ref()
    }

    fn set_retraction(snapshot: &mut EntitySnapshot, retraction: Option<Retraction>) {
        snapshot.retracted = retraction;
    }
}

impl Editable for Entity {
    type Doc = EntityDoc;

    fn doc(s: &EntitySnapshot) -> EntityDoc {
        EntityDoc {
            kind: s.kind,
            name: s.name.clone(),
            aliases: s.aliases.clone(),
            description: s.description.clone(),
        }
    }

    fn validate(doc: EntityDoc) -> Result<EntityDoc, Vec<FieldError>> {
        doc.validate()
    }

    fn compose(doc: EntityDoc, base: Option<&EntitySnapshot>) -> EntitySnapshot {
        EntitySnapshot {
            kind: doc.kind,
            name: doc.name,
            aliases: doc.aliases,
            description: doc.description,
            retracted: base.and_then(|b| b.retracted.clone()),
        }
    }
}

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
    let mut query = entities::table
        .select(EntityRow::as_select())
        .order(entities::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(q) = filter.q.as_deref().map(fold_key).filter(|q| !q.is_empty()) {
        query = query.filter(entities::search_text.like(like_contains(&q)).escape('\\'));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(entities::kind.eq(kind));
    }
    if !filter.include_retracted {
        query = query.filter(entities::retracted_at.is_null());
    }
    if let Some(after) = after {
        query = query.filter(entities::id.gt(after.to_owned()));
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
