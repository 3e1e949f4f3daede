//! What sources derive from, as one row per edge (`source_derivations`), kept in step with
//! each source's snapshot. Every walk goes one index probe per source it visits, and stops at
//! [`MAX_WALK`] sources: a ledger's derivation chains are short (a wire story, the papers
//! that reprint it), and no walk may grow with the size of the ledger.

use std::collections::{HashMap, HashSet, VecDeque};

use diesel::prelude::*;

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::source::Derivation;
use crate::schema::{source_derivations, sources};
use crate::store::{StoreError, StoreResult};

/// The most sources one walk visits.
pub const MAX_WALK: usize = 1000;

/// What `source` derives from directly.
pub fn parents(conn: &mut DbConn, source: &str) -> QueryResult<Vec<String>> {
    source_derivations::table
        .filter(source_derivations::source_id.eq(source))
        .select(source_derivations::derives_from_id)
        .load(conn)
}

/// The sources derived from exist and are not `id`, and none of them leads back to `id` (a
/// 422 naming the path otherwise).
pub fn check(conn: &mut DbConn, id: &str, derives_from: &[Derivation]) -> StoreResult<()> {
    let invalid = |i: usize, message: String| {
        StoreError::Invalid(vec![FieldError::new(
            format!("/derives_from/{i}/source_id"),
            message,
        )])
    };
    let targets: Vec<&str> = derives_from.iter().map(|d| d.source_id.as_str()).collect();
    let found: HashSet<String> = sources::table
        .filter(sources::id.eq_any(&targets))
        .select(sources::id)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    for (i, target) in targets.iter().enumerate() {
        if *target == id {
            return Err(invalid(i, "a source cannot derive from itself".into()));
        }
        if !found.contains(*target) {
            return Err(invalid(i, format!("no source has the id {target:?}")));
        }
    }
    for (i, target) in targets.iter().enumerate() {
        if let Some(path) = path_to(conn, target, id)? {
            let mut names = vec![id.to_owned()];
            names.extend(path);
            return Err(invalid(
                i,
                format!(
                    "would make a cycle of sources deriving from each other: {}",
                    names.join(" → ")
                ),
            ));
        }
    }
    Ok(())
}

/// The path from `from` up to `to` along what sources derive from, if there is one.
fn path_to(conn: &mut DbConn, from: &str, to: &str) -> StoreResult<Option<Vec<String>>> {
    let mut came_from: HashMap<String, Option<String>> = HashMap::new();
    came_from.insert(from.to_owned(), None);
    let mut queue = VecDeque::from([from.to_owned()]);
    while let Some(at) = queue.pop_front() {
        if at == to {
            let mut path = vec![at.clone()];
            let mut step = came_from.get(&at).cloned().flatten();
            while let Some(previous) = step {
                step = came_from.get(&previous).cloned().flatten();
                path.push(previous);
            }
            path.reverse();
            return Ok(Some(path));
        }
        for parent in parents(conn, &at)? {
            if came_from.contains_key(&parent) {
                continue;
            }
            if came_from.len() >= MAX_WALK {
                return Err(StoreError::Invalid(vec![FieldError::new(
                    "/derives_from",
                    format!(
                        "the sources it derives from reach more than {MAX_WALK} others; \
                         cannot check for cycles"
                    ),
                )]));
            }
            came_from.insert(parent.clone(), Some(at.clone()));
            queue.push_back(parent);
        }
    }
    Ok(None)
}

/// Makes the edges of `id` those of its snapshot.
pub fn replace(tx: &mut WriteTx<'_>, id: &str, derives_from: &[Derivation]) -> StoreResult<()> {
    diesel::delete(source_derivations::table.filter(source_derivations::source_id.eq(id)))
        .execute(tx.conn())?;
    let rows: Vec<_> = derives_from
        .iter()
        .map(|d| {
            (
                source_derivations::source_id.eq(id),
                source_derivations::derives_from_id.eq(&d.source_id),
                source_derivations::relation.eq(d.relation),
            )
        })
        .collect();
    if !rows.is_empty() {
        crate::insert_all!(tx.conn(), source_derivations::table, &rows)?;
    }
    Ok(())
}
