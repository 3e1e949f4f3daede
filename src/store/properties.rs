//! Properties: the vocabulary of structured claims, keyed by their `key`.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::claim::ValueType;
use crate::domain::contradiction::PropertyRule;
use crate::domain::property::{BestRule, PropertyDoc};
use crate::schema::properties;
use crate::store::engine::{self, Change, Insert, Record, Snapshot, Stored};
use crate::store::ledger::{Action, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult};

/// The property record kind.
pub struct Property;

/// A property as each revision keeps it (format 1 since release 0.1.0; `best`, added for issue
/// 18, is left out when unset, so older snapshots read and hash as they did).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PropertySnapshot {
    pub key: String,
    pub label: String,
    pub description: Option<String>,
    pub value_type: ValueType,
    pub single_valued: bool,
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best: Option<BestRule>,
}

impl Snapshot for PropertySnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(PropertyMeta for properties, key key, created_by Option<String>);

#[derive(Queryable, Selectable)]
#[diesel(table_name = properties)]
struct PropertyRow {
    #[diesel(embed)]
    meta: PropertyMeta,
    key: String,
    #[diesel(embed)]
    columns: PropertyColumns,
}

impl From<PropertyRow> for Stored<Property> {
    fn from(row: PropertyRow) -> Self {
        let snapshot = crate::copy_fields!(PropertySnapshot {
            label, description, value_type, single_valued, unit, best,
        } from row.columns, key: row.key);
        Stored {
            meta: row.meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes PropertyColumnChanges for properties;
    /// The columns a snapshot decides (the key is the record's id).
    #[derive(Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = properties, treat_none_as_null = true)]
    struct PropertyColumns {
        label: String,
        description: Option<String>,
        value_type: ValueType,
        single_valued: bool,
        unit: Option<String>,
        best: Option<BestRule>,
    }
}

fn columns(s: &PropertySnapshot) -> StoreResult<PropertyColumns> {
    Ok(crate::copy_fields!(PropertyColumns {
        label, description, value_type, single_valued, unit, best,
    } from s))
}

impl Record for Property {
    const KIND: RecordKind = RecordKind::Properties;
    const NAME: &'static str = "property";
    type Snapshot = PropertySnapshot;

    crate::record_table!(table: properties, key: key, row: PropertyRow, columns: columns);

    /// The key and the value type never change: claims depend on them.
    fn check(
        _tx: &mut WriteTx<'_>,
        _key: &str,
        before: Option<&PropertySnapshot>,
        after: &PropertySnapshot,
    ) -> StoreResult<()> {
        let Some(before) = before else {
            return Ok(());
        };
        let mut errors = Vec::new();
        if before.key != after.key {
            errors.push(FieldError::new(
                "/key",
                "cannot change; create a new property instead",
            ));
        }
        if before.value_type != after.value_type {
            errors.push(FieldError::new(
                "/value_type",
                "cannot change; create a new property instead",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(errors))
        }
    }
}

impl Insert for Property {
    const NATURAL_KEY: bool = true;

    fn new_id(snapshot: &PropertySnapshot) -> String {
        snapshot.key.clone()
    }

    crate::record_table!(insert: properties, key: key, created_by: Option<String>, columns: columns);

    fn already_exists(key: &str) -> StoreError {
        StoreError::Conflict {
            code: "property_exists",
            detail: format!("a property with key {key:?} exists already"),
            existing_id: Some(key.to_owned()),
        }
    }
}

crate::editable_fields!(Property: PropertyDoc => PropertySnapshot {
    key, label, description, value_type, single_valued, unit, best,
});

pub fn list(
    conn: &mut DbConn,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Property>>> {
    let query = crate::page_query!(properties.key, PropertyRow, after, limit);
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}

/// What a claim's value must fit: the property's value type and unit.
pub fn value_type_and_unit(
    conn: &mut DbConn,
    key: &str,
) -> QueryResult<Option<(ValueType, Option<String>)>> {
    properties::table
        .find(key)
        .select((properties::value_type, properties::unit))
        .first(conn)
        .optional()
}

/// The rule by which estimates of a property give a `best` value, now or (`at`) as the property
/// stood then; `None` without one (or for a property that did not exist then).
pub fn best_rule(
    conn: &mut DbConn,
    key: &str,
    at: Option<chrono::NaiveDateTime>,
) -> StoreResult<Option<BestRule>> {
    match at {
        None => Ok(properties::table
            .find(key)
            .select(properties::best)
            .first::<Option<BestRule>>(conn)
            .optional()?
            .flatten()),
        Some(at) => Ok(engine::as_of::<Property>(conn, key, at)?.and_then(|p| p.snapshot.best)),
    }
}

/// The facts that decide what "cannot both be true" means for a property.
pub fn rule(conn: &mut DbConn, key: &str) -> QueryResult<Option<PropertyRule>> {
    let row: Option<(ValueType, bool)> = properties::table
        .find(key)
        .select((properties::value_type, properties::single_valued))
        .first(conn)
        .optional()?;
    Ok(row.map(|(value_type, single_valued)| PropertyRule {
        value_type,
        single_valued,
    }))
}

/// Writes the first revision of the properties the migrations shipped (revision 0): the
/// migrations cannot, as they never see the ledger key.
pub fn adopt_shipped(tx: &mut WriteTx<'_>, ledger: &Ledger) -> StoreResult<usize> {
    let shipped: Vec<String> = properties::table
        .filter(properties::revision.eq(0))
        .select(properties::key)
        .load(tx.conn())?;
    let mut adopted = 0;
    for key in &shipped {
        let row = engine::get::<Property>(tx.conn(), key)?;
        let snapshot = row.snapshot.clone();
        match engine::change(
            tx,
            ledger,
            &row,
            snapshot,
            Change::now(Action::Create, None),
        ) {
            Ok(_) => adopted += 1,
            // Another instance starting at the same time adopted it first.
            Err(StoreError::Stale { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(adopted)
}
