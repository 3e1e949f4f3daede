//! Relations between claims (issue 18 §1): `duplicate_of`, `supersedes`, `corroborates`,
//! `refines`. A versioned record kind: created by editors, retracted and restored by
//! reviewers, never deleted.
//!
//! The rules across records are checked inside the writing transaction, after taking a lock
//! per relation kind (on PostgreSQL an advisory transaction lock; SQLite's single writer
//! serialises anyway): two editors adding the two halves of a cycle at once are serialised,
//! and the second sees the first. Every read here is an index probe on one claim's relations;
//! the cycle walk is bounded by [`MAX_WALK_DEPTH`] and [`MAX_WALK_CLAIMS`].

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::relation::{RelationDoc, RelationKind};
use crate::schema::{claims, relations};
use crate::store::engine::{Insert, Record, Retraction, Snapshot, Stored};
use crate::store::ledger::{Action, Ledger, RecordKind};
use crate::store::{Author, StoreError, StoreResult};

/// The relation record kind.
pub struct Relation;

/// A relation as each revision keeps it (format 1, since issue 18).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationSnapshot {
    pub kind: RelationKind,
    pub from_claim_id: String,
    pub to_claim_id: String,
    pub note: String,
    pub retracted: Option<Retraction>,
}

impl Snapshot for RelationSnapshot {
    const FORMAT: u32 = 1;
}

/// How many steps a cycle walk follows at most; a longer chain is refused (422).
pub const MAX_WALK_DEPTH: usize = 32;
/// How many claims a cycle walk visits at most; a larger graph is refused (422).
pub const MAX_WALK_CLAIMS: usize = 1000;
/// How many superseding claims a claim's read shows at most.
pub const MAX_SUPERSEDED_BY: i64 = 100;

crate::record_meta!(RelationMeta for relations, key id, created_by String);

#[derive(Queryable, Selectable)]
#[diesel(table_name = relations)]
struct RelationRow {
    #[diesel(embed)]
    meta: RelationMeta,
    #[diesel(embed)]
    columns: RelationColumns,
}

impl From<RelationRow> for Stored<Relation> {
    fn from(RelationRow { meta, columns: c }: RelationRow) -> Self {
        let snapshot = crate::copy_fields!(RelationSnapshot { from_claim_id, to_claim_id, note } from c,
            kind: c.kind,
            retracted: Retraction::from_columns(c.retracted_at, c.retracted_reason.clone()),
        );
        Stored {
            meta: meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes RelationColumnChanges for relations;
    /// The columns a snapshot decides (all but the metadata).
    #[derive(Insertable, AsChangeset, Queryable, Selectable)]
    #[diesel(table_name = relations, treat_none_as_null = true)]
    struct RelationColumns {
        kind: RelationKind,
        from_claim_id: String,
        to_claim_id: String,
        note: String,
        retracted_at: Option<NaiveDateTime>,
        retracted_reason: Option<String>,
    }
}

fn columns(s: &RelationSnapshot) -> StoreResult<RelationColumns> {
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    Ok(
        crate::copy_fields!(RelationColumns { from_claim_id, to_claim_id, note } from s,
            kind: s.kind,
            retracted_at,
            retracted_reason,
        ),
    )
}

fn invalid(pointer: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![FieldError::new(pointer, message)])
}

/// The lock every write of a live relation of `kind` takes.
pub fn kind_lock_key(kind: RelationKind) -> String {
    format!("relation\x1f{kind}")
}

impl Record for Relation {
    const KIND: RecordKind = RecordKind::Relations;
    const NAME: &'static str = "relation";
    type Snapshot = RelationSnapshot;

    crate::record_table!(table: relations, key: id, row: RelationRow, columns: columns);

    /// A relation that is (or becomes) live must hold every rule; retracting one always may.
    fn check(
        tx: &mut WriteTx<'_>,
        id: &str,
        before: Option<&RelationSnapshot>,
        after: &RelationSnapshot,
    ) -> StoreResult<()> {
        if after.retracted.is_some() {
            return Ok(());
        }
        if let Some(b) = before
            && b.retracted.is_none()
            && (b.kind, &b.from_claim_id, &b.to_claim_id)
                == (after.kind, &after.from_claim_id, &after.to_claim_id)
        {
            return Ok(());
        }
        tx.lock(&kind_lock_key(after.kind))?;
        check_live(tx.conn(), id, after)
    }

    /// A `supersedes` relation that comes or goes brings the superseded claim's detected
    /// contradiction flags up to date: they are resolved while it is superseded (with a
    /// revision saying so), and a flag so closed opens again when the relation is retracted.
    fn after_write(
        tx: &mut WriteTx<'_>,
        ledger: &Ledger,
        before: Option<&RelationSnapshot>,
        after: &Stored<Self>,
        _action: Action,
        author: Option<&Author>,
    ) -> StoreResult<()> {
        let Some(author) = author else {
            return Ok(());
        };
        let s = &after.snapshot;
        let was_live = before.is_some_and(|b| b.retracted.is_none() && b.kind == s.kind);
        let live = s.retracted.is_none();
        if s.kind != RelationKind::Supersedes || was_live == live {
            return Ok(());
        }
        let summary = if live {
            format!(
                "claim {} was superseded by claim {} (relation {})",
                s.to_claim_id, s.from_claim_id, after.meta.id
            )
        } else {
            format!(
                "relation {} (claim {} supersedes claim {}) was retracted",
                after.meta.id, s.from_claim_id, s.to_claim_id
            )
        };
        let author = Author {
            user_id: author.user_id.clone(),
            edit_summary: Some(summary),
        };
        crate::store::contradictions::detect_for(tx, ledger, &s.to_claim_id, &author)?;
        // A claim superseded: the claims that corroborate it or are its duplicates need review.
        if live {
            crate::store::impacts::after_claim_superseded(
                tx,
                ledger,
                &s.to_claim_id,
                &after.meta.id,
                after.meta.revision,
                Some(&author),
            )?;
        }
        Ok(())
    }
}

impl Insert for Relation {
    crate::record_table!(insert: relations, key: id, created_by: String, columns: columns);
}

crate::retractable!(Relation);

crate::editable_fields!(Relation: RelationDoc => RelationSnapshot {
    kind, from_claim_id, to_claim_id, note,
}, keeps retracted);

/// Creates a relation: for `duplicate_of`, a target that is itself a duplicate is replaced by
/// its canonical claim first (no chains), under the kind's lock.
pub fn create(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    mut snapshot: RelationSnapshot,
    author: &Author,
) -> StoreResult<Stored<Relation>> {
    tx.lock(&kind_lock_key(snapshot.kind))?;
    if snapshot.kind == RelationKind::DuplicateOf
        && let Some(canonical) = canonical_of(tx.conn(), &snapshot.to_claim_id)?
    {
        if canonical == snapshot.from_claim_id {
            return Err(invalid(
                "/to_claim_id",
                format!(
                    "would make a cycle of duplicate_of: {} → {} → {}",
                    snapshot.from_claim_id, snapshot.to_claim_id, snapshot.from_claim_id
                ),
            ));
        }
        snapshot.to_claim_id = canonical;
    }
    crate::store::engine::create::<Relation>(tx, ledger, snapshot, Some(author))
}

/// Every rule of a live relation, read inside the writer's transaction.
fn check_live(conn: &mut DbConn, id: &str, s: &RelationSnapshot) -> StoreResult<()> {
    // Both claims exist and are current.
    let found: Vec<(String, Option<NaiveDateTime>)> = claims::table
        .filter(claims::id.eq_any([&s.from_claim_id, &s.to_claim_id]))
        .select((claims::id, claims::retracted_at))
        .load(conn)?;
    let mut errors = Vec::new();
    for (pointer, claim) in [
        ("/from_claim_id", &s.from_claim_id),
        ("/to_claim_id", &s.to_claim_id),
    ] {
        match found.iter().find(|(id, _)| id == claim) {
            None => errors.push(FieldError::new(pointer, "no claim has this id")),
            Some((_, Some(_))) => errors.push(FieldError::new(
                pointer,
                "the claim is retracted: only current claims can be related",
            )),
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(StoreError::Invalid(errors));
    }
    if s.from_claim_id == s.to_claim_id {
        return Err(invalid(
            "/to_claim_id",
            "a claim cannot be related to itself",
        ));
    }
    // The same relation, live already (for a symmetric kind, in either direction).
    let mut pairs = vec![(s.from_claim_id.as_str(), s.to_claim_id.as_str())];
    if s.kind.symmetric() {
        pairs.push((s.to_claim_id.as_str(), s.from_claim_id.as_str()));
    }
    for (from, to) in pairs {
        let existing: Option<String> = relations::table
            .filter(relations::from_claim_id.eq(from))
            .filter(relations::to_claim_id.eq(to))
            .filter(relations::kind.eq(s.kind))
            .filter(relations::retracted_at.is_null())
            .filter(relations::id.ne(id))
            .select(relations::id)
            .first(conn)
            .optional()?;
        if let Some(existing) = existing {
            let mirror = if from == s.from_claim_id {
                ""
            } else {
                " (corroborates is symmetric: it is the same relation)"
            };
            return Err(StoreError::Conflict {
                code: "duplicate_relation",
                detail: format!(
                    "relation {existing} already says that claim {from} {} claim {to}{mirror}",
                    s.kind
                ),
                existing_id: Some(existing),
            });
        }
    }
    match s.kind {
        RelationKind::DuplicateOf => check_duplicate(conn, id, s),
        RelationKind::Supersedes => {
            if let Some(path) = path_between(conn, s.kind, &s.to_claim_id, &s.from_claim_id)? {
                let mut shown = vec![s.from_claim_id.clone()];
                shown.extend(path);
                return Err(invalid(
                    "/to_claim_id",
                    format!("would make a cycle of supersedes: {}", shown.join(" → ")),
                ));
            }
            Ok(())
        }
        RelationKind::Corroborates | RelationKind::Refines => Ok(()),
    }
}

/// `duplicate_of` points at a canonical claim: one per claim, never at a duplicate, and a
/// claim that others duplicate cannot become a duplicate itself.
fn check_duplicate(conn: &mut DbConn, id: &str, s: &RelationSnapshot) -> StoreResult<()> {
    if let Some(canonical) = canonical_of(conn, &s.to_claim_id)? {
        if canonical == s.from_claim_id {
            return Err(invalid(
                "/to_claim_id",
                format!(
                    "would make a cycle of duplicate_of: {} → {} → {}",
                    s.from_claim_id, s.to_claim_id, s.from_claim_id
                ),
            ));
        }
        return Err(invalid(
            "/to_claim_id",
            format!(
                "claim {} is itself a duplicate of claim {canonical}: relate to the canonical claim",
                s.to_claim_id
            ),
        ));
    }
    let own: Option<(String, String)> = live_duplicate_of(conn, &s.from_claim_id)?;
    if let Some((relation, canonical)) = own.filter(|(relation, _)| relation != id) {
        return Err(invalid(
            "/from_claim_id",
            format!(
                "claim {} is already a duplicate of claim {canonical} (relation {relation}); retract that relation first",
                s.from_claim_id
            ),
        ));
    }
    let duplicated_by: Option<String> = relations::table
        .filter(relations::to_claim_id.eq(&s.from_claim_id))
        .filter(relations::kind.eq(RelationKind::DuplicateOf))
        .filter(relations::retracted_at.is_null())
        .select(relations::from_claim_id)
        .first(conn)
        .optional()?;
    if let Some(other) = duplicated_by {
        return Err(invalid(
            "/from_claim_id",
            format!(
                "claim {} is the canonical claim of other duplicates (e.g. claim {other}): retract their duplicate_of relations, or relate them to claim {} instead",
                s.from_claim_id, s.to_claim_id
            ),
        ));
    }
    Ok(())
}

/// The live `duplicate_of` relation of a claim and its canonical claim.
fn live_duplicate_of(conn: &mut DbConn, claim_id: &str) -> QueryResult<Option<(String, String)>> {
    relations::table
        .filter(relations::from_claim_id.eq(claim_id))
        .filter(relations::kind.eq(RelationKind::DuplicateOf))
        .filter(relations::retracted_at.is_null())
        .select((relations::id, relations::to_claim_id))
        .first(conn)
        .optional()
}

/// The canonical claim of a claim that is a duplicate (None when it is not one).
pub fn canonical_of(conn: &mut DbConn, claim_id: &str) -> QueryResult<Option<String>> {
    Ok(live_duplicate_of(conn, claim_id)?.map(|(_, canonical)| canonical))
}

/// True when a live `supersedes` relation points at the claim.
pub fn is_superseded(conn: &mut DbConn, claim_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        relations::table
            .filter(relations::to_claim_id.eq(claim_id))
            .filter(relations::kind.eq(RelationKind::Supersedes))
            .filter(relations::retracted_at.is_null()),
    ))
    .get_result(conn)
}

/// The path `start → … → goal` along live relations of `kind` (each step from a relation's
/// `from_claim_id` to its `to_claim_id`), if one exists: a breadth-first walk, one index probe
/// per claim, at most [`MAX_WALK_DEPTH`] steps and [`MAX_WALK_CLAIMS`] claims (beyond them,
/// 422: the chain is too long to check).
fn path_between(
    conn: &mut DbConn,
    kind: RelationKind,
    start: &str,
    goal: &str,
) -> StoreResult<Option<Vec<String>>> {
    let mut came_from: HashMap<String, Option<String>> = HashMap::new();
    came_from.insert(start.to_owned(), None);
    let mut queue: VecDeque<(String, usize)> = VecDeque::from([(start.to_owned(), 0)]);
    while let Some((claim, depth)) = queue.pop_front() {
        if claim == goal {
            let mut path = vec![claim.clone()];
            let mut at = claim;
            while let Some(Some(prev)) = came_from.get(&at) {
                path.push(prev.clone());
                at = prev.clone();
            }
            path.reverse();
            return Ok(Some(path));
        }
        if depth >= MAX_WALK_DEPTH {
            return Err(too_large(kind));
        }
        let next: Vec<String> = relations::table
            .filter(relations::from_claim_id.eq(&claim))
            .filter(relations::kind.eq(kind))
            .filter(relations::retracted_at.is_null())
            .select(relations::to_claim_id)
            .limit(MAX_WALK_CLAIMS as i64 + 1)
            .load(conn)?;
        for n in next {
            if !came_from.contains_key(&n) {
                if came_from.len() >= MAX_WALK_CLAIMS {
                    return Err(too_large(kind));
                }
                came_from.insert(n.clone(), Some(claim.clone()));
                queue.push_back((n, depth + 1));
            }
        }
    }
    Ok(None)
}

fn too_large(kind: RelationKind) -> StoreError {
    invalid(
        "/to_claim_id",
        format!(
            "the {kind} relations beyond this claim are too many to check for a cycle (more than {MAX_WALK_DEPTH} steps or {MAX_WALK_CLAIMS} claims)"
        ),
    )
}

/// Which relations a list shows.
#[derive(Debug, Clone, Default)]
pub struct RelationFilter {
    /// Relations with this claim on either side.
    pub claim_id: Option<String>,
    pub kind: Option<RelationKind>,
    pub include_retracted: bool,
}

/// One page of relations in id (creation) order after the cursor. With a claim, its relations
/// from both sides: two index walks (`(from_claim_id, id)`, `(to_claim_id, id)`) merged.
pub fn list(
    conn: &mut DbConn,
    filter: &RelationFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<Relation>>> {
    let page = |side: Option<(bool, &str)>| {
        let mut query = crate::page_query!(relations.id, RelationRow, after, limit);
        match side {
            Some((true, claim)) => {
                query = query.filter(relations::from_claim_id.eq(claim.to_owned()))
            }
            Some((false, claim)) => {
                query = query.filter(relations::to_claim_id.eq(claim.to_owned()))
            }
            None => {}
        }
        if let Some(kind) = filter.kind {
            query = query.filter(relations::kind.eq(kind));
        }
        if !filter.include_retracted {
            query = query.filter(relations::retracted_at.is_null());
        }
        query
    };
    let rows: Vec<RelationRow> = match &filter.claim_id {
        None => page(None).load(conn)?,
        Some(claim) => {
            let mut rows: Vec<RelationRow> = page(Some((true, claim))).load(conn)?;
            rows.extend(page(Some((false, claim))).load::<RelationRow>(conn)?);
            rows.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
            rows.truncate(limit as usize);
            rows
        }
    };
    Ok(rows.into_iter().map(Stored::from).collect())
}

/// One window of the claims related to `claim` by live relations (of `kind`, when given), in
/// claim id order after `position`: two index walks (`(from_claim_id, to_claim_id)` and
/// `(to_claim_id, from_claim_id)`) merged, up to `size` ids. Also whether the walks ended.
pub fn related_window(
    conn: &mut DbConn,
    claim: &str,
    kind: Option<RelationKind>,
    position: Option<&str>,
    size: i64,
    descending: bool,
) -> QueryResult<(Vec<String>, bool)> {
    macro_rules! side {
        ($key:ident, $other:ident) => {{
            let mut query = relations::table
                .filter(relations::$key.eq(claim.to_owned()))
                .filter(relations::retracted_at.is_null())
                .select(relations::$other)
                .limit(size)
                .into_boxed();
            if let Some(kind) = kind {
                query = query.filter(relations::kind.eq(kind));
            }
            if let Some(p) = position {
                query = if descending {
                    query.filter(relations::$other.lt(p.to_owned()))
                } else {
                    query.filter(relations::$other.gt(p.to_owned()))
                };
            }
            let ids: Vec<String> = if descending {
                query.order(relations::$other.desc()).load(conn)?
            } else {
                query.order(relations::$other.asc()).load(conn)?
            };
            ids
        }};
    }
    let outgoing = side!(from_claim_id, to_claim_id);
    let incoming = side!(to_claim_id, from_claim_id);
    // A side that filled its window may have more beyond its last id: nothing past the nearer
    // of those can be given yet.
    let full = |ids: &Vec<String>| {
        (ids.len() as i64 >= size)
            .then(|| ids.last().cloned())
            .flatten()
    };
    let bounds: Vec<String> = [full(&outgoing), full(&incoming)]
        .into_iter()
        .flatten()
        .collect();
    let cut = if descending {
        bounds.into_iter().max()
    } else {
        bounds.into_iter().min()
    };
    let ended = cut.is_none();
    let mut ids: Vec<String> = outgoing
        .into_iter()
        .chain(incoming)
        .filter(|id| match &cut {
            Some(c) if descending => id >= c,
            Some(c) => id <= c,
            None => true,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    ids.sort();
    if descending {
        ids.reverse();
    }
    Ok((ids, ended))
}

/// The claims that supersede a claim (live relations), in id order, at most
/// [`MAX_SUPERSEDED_BY`].
pub fn superseded_by(conn: &mut DbConn, claim_id: &str) -> QueryResult<Vec<String>> {
    relations::table
        .filter(relations::to_claim_id.eq(claim_id))
        .filter(relations::kind.eq(RelationKind::Supersedes))
        .filter(relations::retracted_at.is_null())
        .select(relations::from_claim_id)
        .order(relations::from_claim_id.asc())
        .limit(MAX_SUPERSEDED_BY)
        .load(conn)
}

// The conditions below are scalar subqueries with `LIMIT 1` rather than `EXISTS`: PostgreSQL
// turns an `EXISTS` into a (hash) semi- or anti-join, or a hashed subplan, over every relation
// of the kind; a scalar subquery stays one index probe per row. A filter is written
// `COALESCE(…, 0) <> 1`: PostgreSQL guesses that `(subquery) IS NULL` keeps 0.5% of the rows
// (and would then rather collect a popular subject's claims than walk them in order), and that
// `<>` keeps 99.5%, which is close to true.

/// "A live `supersedes` relation points at this claim", as a column of a query on `claims`
/// (one probe of `relations (to_claim_id, …)` per row).
pub struct IsSuperseded;
impl crate::db::sql::BackendSql for IsSuperseded {
    type SqlType = diesel::sql_types::Bool;
    const SQLITE: &'static str = "((SELECT 1 FROM relations \
        WHERE relations.to_claim_id = claims.id AND relations.kind = 'supersedes' \
        AND relations.retracted_at IS NULL LIMIT 1) IS NOT NULL)";
    const POSTGRES: &'static str = Self::SQLITE;
}

/// "No live `supersedes` relation points at this claim", as a filter on `claims`.
pub fn not_superseded() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>(
        "(COALESCE((SELECT 1 FROM relations \
         WHERE relations.to_claim_id = claims.id AND relations.kind = 'supersedes' \
         AND relations.retracted_at IS NULL LIMIT 1), 0) <> 1)",
    )
}

/// "This claim is not a duplicate" (no live `duplicate_of` from it), as a filter on `claims`
/// (a probe of `relations (from_claim_id, …)` per row).
pub fn not_duplicate() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql::<diesel::sql_types::Bool>(
        "(COALESCE((SELECT 1 FROM relations \
         WHERE relations.from_claim_id = claims.id AND relations.kind = 'duplicate_of' \
         AND relations.retracted_at IS NULL LIMIT 1), 0) <> 1)",
    )
}

// ── As of a past instant ──────────────────────────────────────────────────────────────────

/// Which end of a relation a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The claim is the relation's `from_claim_id` (the duplicate, the superseding claim).
    From,
    /// The claim is its `to_claim_id` (the canonical claim, the superseded claim).
    To,
}

/// "Relation `x` was live at the instant `{at}`", as SQL: created by then, and not retracted
/// as it stood then. A relation not changed since answers from its row; one changed since from
/// its revision then (one backward probe of `revisions (record_kind, record_id, created_at)`).
/// A relation's kind and claims never change (only its retraction does), so its row says which
/// claims it links at every instant. On SQLite, `{at}` is a `?` bound three times.
fn live_then_sql(backend: crate::db::Backend, at: &str) -> String {
    let not_retracted = match backend {
        crate::db::Backend::Postgres => "(p.snapshot::jsonb ->> 'retracted') IS NULL",
        crate::db::Backend::Sqlite => "json_extract(p.snapshot, '$.retracted') IS NULL",
    };
    format!(
        "x.created_at <= {at} AND CASE WHEN x.updated_at <= {at} THEN x.retracted_at IS NULL \
         ELSE COALESCE((SELECT {not_retracted} FROM revisions p \
             WHERE p.record_kind = 'relations' AND p.record_id = x.id AND p.created_at <= {at} \
             ORDER BY p.created_at DESC LIMIT 1), FALSE) END"
    )
}

#[derive(QueryableByName)]
struct RelatedThen {
    #[diesel(sql_type = diesel::sql_types::Text)]
    claim_id: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    others: String,
}

/// For each of `claim_ids`, the other claims of the relations of `kind` that had it at `end`
/// and were live at `at` (as they stood then: a relation made later is not there, one
/// retracted later is), in id order, at most `per_claim` each. One statement: per claim, a
/// walk of `relations (to_claim_id, from_claim_id)` or `(from_claim_id, to_claim_id)` in the
/// other claim's order, stopped by the LIMIT once `per_claim` live ones are found; a relation
/// changed since `at` costs one more probe of `revisions`. Claims with none are left out.
pub fn related_at(
    conn: &mut DbConn,
    claim_ids: &[&str],
    kind: RelationKind,
    end: End,
    at: NaiveDateTime,
    per_claim: i64,
) -> StoreResult<HashMap<String, Vec<String>>> {
    use diesel::sql_types::{BigInt, Text, Timestamp};
    if claim_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let (key, other) = match end {
        End::From => ("from_claim_id", "to_claim_id"),
        End::To => ("to_claim_id", "from_claim_id"),
    };
    let backend = conn.backend();
    let rows: Vec<RelatedThen> = match backend {
        crate::db::Backend::Postgres => diesel::sql_query(format!(
            "SELECT c.id AS claim_id, \
                 (SELECT coalesce(json_agg(s.other), '[]')::text FROM (\
                     SELECT x.{other} AS other FROM relations x \
                     WHERE x.{key} = c.id AND x.kind = $2 AND {live} \
                     ORDER BY x.{other} LIMIT $4) s) AS others \
             FROM unnest($1::text[]) AS c(id)",
            live = live_then_sql(backend, "$3"),
        ))
        .bind::<Text, _>(crate::db::sql::pg_text_array(claim_ids))
        .bind::<Text, _>(kind.to_string())
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(per_claim)
        .load(conn)?,
        crate::db::Backend::Sqlite => diesel::sql_query(format!(
            "SELECT c.value AS claim_id, \
                 (SELECT json_group_array(other) FROM (\
                     SELECT x.{other} AS other FROM relations x \
                     WHERE x.{key} = c.value AND x.kind = ? AND {live} \
                     ORDER BY x.{other} LIMIT ?)) AS others \
             FROM json_each(?) c",
            live = live_then_sql(backend, "?"),
        ))
        .bind::<Text, _>(kind.to_string())
        .bind::<Timestamp, _>(at)
        .bind::<Timestamp, _>(at)
        .bind::<Timestamp, _>(at)
        .bind::<BigInt, _>(per_claim)
        .bind::<Text, _>(serde_json::to_string(claim_ids).expect("a list of strings serialises"))
        .load(conn)?,
    };
    let mut related = HashMap::new();
    for row in rows {
        let mut others: Vec<String> =
            serde_json::from_str(&row.others).map_err(|e| StoreError::Corrupt {
                record: format!("the relations of claim {}", row.claim_id),
                detail: format!("their aggregate does not parse: {e}"),
            })?;
        if others.is_empty() {
            continue;
        }
        others.sort();
        related.insert(row.claim_id, others);
    }
    Ok(related)
}

#[derive(QueryableByName)]
struct RelationId {
    #[diesel(sql_type = diesel::sql_types::Text)]
    id: String,
}

/// Which of the relations `ids` were live at `at` (as [`related_at`] reads them): one
/// statement, a probe of the relation's row each, and of `revisions` for one changed since.
pub fn live_at(conn: &mut DbConn, ids: &[&str], at: NaiveDateTime) -> StoreResult<HashSet<String>> {
    use diesel::sql_types::{Text, Timestamp};
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    let backend = conn.backend();
    let rows: Vec<RelationId> = match backend {
        crate::db::Backend::Postgres => diesel::sql_query(format!(
            "SELECT x.id FROM unnest($1::text[]) AS c(id) JOIN relations x ON x.id = c.id \
             WHERE {live}",
            live = live_then_sql(backend, "$2"),
        ))
        .bind::<Text, _>(crate::db::sql::pg_text_array(ids))
        .bind::<Timestamp, _>(at)
        .load(conn)?,
        crate::db::Backend::Sqlite => diesel::sql_query(format!(
            "SELECT x.id FROM json_each(?) c JOIN relations x ON x.id = c.value WHERE {live}",
            live = live_then_sql(backend, "?"),
        ))
        .bind::<Text, _>(serde_json::to_string(ids).expect("a list of strings serialises"))
        .bind::<Timestamp, _>(at)
        .bind::<Timestamp, _>(at)
        .bind::<Timestamp, _>(at)
        .load(conn)?,
    };
    Ok(rows.into_iter().map(|r| r.id).collect())
}
