//! What only the database knows about a claim about to be written: that what it names exists,
//! that its value fits its property, and that it is not a duplicate.

use diesel::prelude::*;

use super::ClaimSnapshot;
use crate::db::sql::in_list;
use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::claim::ClaimValue;
use crate::schema::{citations, claims, sources};
use crate::store::{StoreError, StoreResult};

/// The sources, entities and property named exist, and the value fits the property.
pub fn references(conn: &mut DbConn, claim: &ClaimSnapshot) -> StoreResult<()> {
    let mut errors = Vec::new();
    let source_ids: Vec<&String> = claim.citations.iter().map(|c| &c.source_id).collect();
    let known_sources: Vec<String> = sources::table
        .filter(in_list(sources::id, &source_ids))
        .select(sources::id)
        .load(conn)?;
    for (i, id) in source_ids.iter().enumerate() {
        if !known_sources.contains(id) {
            errors.push(FieldError::new(
                format!("/citations/{i}/source_id"),
                "no source has this id",
            ));
        }
    }
    let mut entity_ids: Vec<(String, &String)> = Vec::new();
    if let (Some(subject_id), Some(property), Some(value)) =
        (&claim.subject_id, &claim.property, &claim.value)
    {
        entity_ids.push(("/subject_id".into(), subject_id));
        if let ClaimValue::Entity { entity_id } = value {
            entity_ids.push(("/value/entity_id".into(), entity_id));
        }
        check_value_fits(conn, property, value, &mut errors)?;
    }
    if let Some(id) = claim.claimant.as_ref().and_then(|c| c.entity_id.as_ref()) {
        entity_ids.push(("/claimant/entity_id".into(), id));
    }
    for (i, citation) in claim.citations.iter().enumerate() {
        if let Some(id) = &citation.attributed_to {
            entity_ids.push((format!("/citations/{i}/attributed_to"), id));
        }
    }
    if !entity_ids.is_empty() {
        let ids: Vec<&String> = entity_ids.iter().map(|(_, id)| *id).collect();
        let known = crate::store::entities::existing(conn, &ids)?;
        for (pointer, id) in &entity_ids {
            if !known.contains(id) {
                errors.push(FieldError::new(pointer.as_str(), "no entity has this id"));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(errors))
    }
}

fn check_value_fits(
    conn: &mut DbConn,
    property: &str,
    value: &ClaimValue,
    errors: &mut Vec<FieldError>,
) -> QueryResult<()> {
    let Some((value_type, unit)) = crate::store::properties::value_type_and_unit(conn, property)?
    else {
        errors.push(FieldError::new(
            "/property",
            format!("no property has the key {property:?}"),
        ));
        return Ok(());
    };
    if value_type != value.value_type() {
        errors.push(FieldError::new(
            "/value/type",
            format!(
                "the property {property} takes {value_type} values, not {}",
                value.value_type()
            ),
        ));
    }
    if let (
        ClaimValue::Quantity {
            unit: Some(given), ..
        },
        Some(expected),
    ) = (value, &unit)
        && given != expected
    {
        errors.push(FieldError::new(
            "/value/unit",
            format!("the property {property} is counted in {expected}"),
        ));
    }
    Ok(())
}

/// The same statement and structured part from a source that already backs it is the same
/// claim (the example article prints one paragraph twice): `409 duplicate_claim`, naming it.
///
/// Two identical creates at the same moment must not both pass this check. Each takes a
/// transaction-scoped lock on each duplicate key it could make — (statement key, cited
/// source) — before looking (`WriteTx::lock`): the second waits for the first to commit, then
/// sees its claim. The lock is on the key itself, never on the source, so writes citing a
/// popular source do not queue behind each other.
pub fn not_a_duplicate(tx: &mut WriteTx<'_>, id: &str, claim: &ClaimSnapshot) -> StoreResult<()> {
    let statement_key = claim.statement_key();
    let mut source_ids: Vec<&String> = claim.citations.iter().map(|c| &c.source_id).collect();
    // In one order, so two writers locking the same keys cannot deadlock.
    source_ids.sort();
    source_ids.dedup();
    for source_id in &source_ids {
        tx.lock(&format!("duplicate\x1f{statement_key}\x1f{source_id}"))?;
    }
    let conn = tx.conn();
    let existing: Option<String> = claims::table
        .inner_join(citations::table)
        .filter(claims::statement_key.eq(&statement_key))
        .filter(claims::retracted_at.is_null())
        .filter(in_list(citations::source_id, &source_ids))
        .filter(claims::id.ne(id))
        .select(claims::id)
        .first(conn)
        .optional()?;
    match existing {
        Some(existing) => Err(StoreError::Conflict {
            code: "duplicate_claim",
            detail: format!(
                "claim {existing} already makes this statement, citing the same source"
            ),
            existing_id: Some(existing),
        }),
        None => Ok(()),
    }
}
