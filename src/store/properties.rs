//! Properties: the vocabulary of structured claims.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConn, write_transaction};
use crate::domain::claim::ValueType;
use crate::domain::property::PropertyDoc;
use crate::schema::properties;
use crate::store::history::{Author, Versioned, finish_change, finish_create, get_at, snapshot};
use crate::store::revisions::{Action, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult, is_unique_violation, now};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = properties)]
pub struct PropertyRow {
    pub key: String,
    pub label: String,
    pub description: Option<String>,
    pub value_type: String,
    pub single_valued: bool,
    pub unit: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
}

impl PropertyRow {
    pub fn value_type(&self) -> ValueType {
        ValueType::parse(&self.value_type).unwrap_or(ValueType::Text)
    }

    pub fn doc(&self) -> PropertyDoc {
        PropertyDoc {
            key: self.key.clone(),
            label: self.label.clone(),
            description: self.description.clone(),
            value_type: self.value_type(),
            single_valued: self.single_valued,
            unit: self.unit.clone(),
        }
    }
}

impl Versioned for PropertyRow {
    const KIND: RecordKind = RecordKind::Properties;
    const NAME: &'static str = "property";

    fn load(conn: &mut DbConn, key: &str) -> QueryResult<Option<Self>> {
        find(conn, key)
    }

    fn store_head(conn: &mut DbConn, key: &str, head_hash: &str) -> QueryResult<usize> {
        diesel::update(properties::table.find(key))
            .set(properties::head_hash.eq(head_hash))
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
        snapshot(&self.doc(), &[])
    }
}

pub fn find(conn: &mut DbConn, key: &str) -> QueryResult<Option<PropertyRow>> {
    properties::table
        .find(key)
        .select(PropertyRow::as_select())
        .first(conn)
        .optional()
}

pub fn list(conn: &mut DbConn, after: Option<&str>, limit: i64) -> QueryResult<Vec<PropertyRow>> {
    let mut query = properties::table
        .select(PropertyRow::as_select())
        .order(properties::key.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(properties::key.gt(after.to_owned()));
    }
    query.load(conn)
}

pub fn create(
    conn: &mut DbConn,
    ledger: &Ledger,
    doc: PropertyDoc,
    author: &Author,
) -> StoreResult<PropertyRow> {
    let at = now();
    write_transaction(conn, |conn| {
        let inserted = diesel::insert_into(properties::table)
            .values((
                properties::key.eq(&doc.key),
                properties::label.eq(&doc.label),
                properties::description.eq(&doc.description),
                properties::value_type.eq(doc.value_type.as_str()),
                properties::single_valued.eq(doc.single_valued),
                properties::unit.eq(&doc.unit),
                properties::revision.eq(1),
                properties::head_hash.eq(""),
                properties::created_at.eq(at),
                properties::updated_at.eq(at),
                properties::created_by.eq(&author.user_id),
            ))
            .execute(conn);
        match inserted {
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    code: "property_exists",
                    detail: format!("a property with key {:?} exists already", doc.key),
                    existing_id: Some(doc.key.clone()),
                });
            }
            other => other?,
        };
        finish_create(conn, ledger, &doc.key, Some(author), at)
    })
}

/// Replaces a property's label, description, single-valuedness and unit. Its key and value
/// type never change (claims depend on them).
pub fn update(
    conn: &mut DbConn,
    ledger: &Ledger,
    key: &str,
    expected_revision: i64,
    doc: PropertyDoc,
    action: Action,
    author: &Author,
) -> StoreResult<PropertyRow> {
    write_transaction(conn, |conn| {
        let current: PropertyRow = get_at(conn, key, expected_revision)?;
        let mut errors = Vec::new();
        if doc.key != current.key {
            errors.push(crate::domain::FieldError::new(
                "/key",
                "cannot change; create a new property instead",
            ));
        }
        if doc.value_type != current.value_type() {
            errors.push(crate::domain::FieldError::new(
                "/value_type",
                "cannot change; create a new property instead",
            ));
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let at = now();
        let updated = diesel::update(
            properties::table
                .find(key)
                .filter(properties::revision.eq(expected_revision)),
        )
        .set((
            properties::label.eq(&doc.label),
            properties::description.eq(&doc.description),
            properties::single_valued.eq(doc.single_valued),
            properties::unit.eq(&doc.unit),
            properties::revision.eq(expected_revision + 1),
            properties::updated_at.eq(at),
        ))
        .execute(conn)?;
        finish_change(
            conn,
            ledger,
            key,
            &current,
            updated,
            action,
            Some(author),
            at,
        )
    })
}

/// Writes the first revision of the properties the migrations shipped (revision 0): the
/// migrations cannot, as they never see the ledger key.
pub fn adopt_shipped(conn: &mut DbConn, ledger: &Ledger) -> StoreResult<usize> {
    write_transaction(conn, |conn| {
        let shipped: Vec<String> = properties::table
            .filter(properties::revision.eq(0))
            .select(properties::key)
            .load(conn)?;
        for key in &shipped {
            let at = now();
            let claimed = diesel::update(
                properties::table
                    .find(key)
                    .filter(properties::revision.eq(0)),
            )
            .set((properties::revision.eq(1), properties::updated_at.eq(at)))
            .execute(conn)?;
            // Zero rows: another instance starting at the same time adopted it first.
            if claimed == 1 {
                finish_create::<PropertyRow>(conn, ledger, key, None, at)?;
            }
        }
        Ok(shipped.len())
    })
}
