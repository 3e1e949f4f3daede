//! Contradiction flags: detected in the same transaction as every write of a structured
//! claim, raised by people, moved through their workflow by reviewers — each change a revision.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::sql::in_list;

use crate::db::{Backend, DbConn, write_transaction};
use crate::domain::FieldError;
use crate::domain::claim::ValueType;
use crate::domain::contradiction::{
    ClaimFacts, FlagStatus, Origin, PropertyRule, conflict, ordered_pair,
};
use crate::schema::{claims, contradictions, properties};
use crate::store::history::{Author, Versioned, finish_change, finish_create, get_at};
use crate::store::revisions::{Action, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult, is_unique_violation, new_id, now};

/// What an automatic resolution says, and how we recognise one to reopen.
pub const AUTO_RESOLVED: &str = "Automatically resolved:";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = contradictions)]
pub struct ContradictionRow {
    pub id: String,
    pub claim_a: String,
    pub claim_b: String,
    pub origin: String,
    pub status: String,
    pub note: Option<String>,
    pub resolution_note: Option<String>,
    pub preferred_claim_id: Option<String>,
    pub subject_id: Option<String>,
    pub property: Option<String>,
    pub revision: i64,
    pub head_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
}

impl ContradictionRow {
    pub fn status(&self) -> FlagStatus {
        FlagStatus::parse(&self.status).unwrap_or(FlagStatus::Open)
    }

    pub fn origin(&self) -> Origin {
        Origin::parse(&self.origin).unwrap_or(Origin::Manual)
    }

    fn other(&self, claim_id: &str) -> &str {
        if self.claim_a == claim_id {
            &self.claim_b
        } else {
            &self.claim_a
        }
    }
}

impl Versioned for ContradictionRow {
    const KIND: RecordKind = RecordKind::Contradictions;
    const NAME: &'static str = "contradiction";

    fn load(conn: &mut DbConn, id: &str) -> QueryResult<Option<Self>> {
        find(conn, id)
    }

    fn store_head(conn: &mut DbConn, id: &str, head_hash: &str) -> QueryResult<usize> {
        diesel::update(contradictions::table.find(id))
            .set(contradictions::head_hash.eq(head_hash))
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
        serde_json::json!({
            "claim_ids": [self.claim_a, self.claim_b],
            "origin": self.origin,
            "status": self.status,
            "note": self.note,
            "resolution_note": self.resolution_note,
            "preferred_claim_id": self.preferred_claim_id,
        })
    }
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<ContradictionRow>> {
    contradictions::table
        .find(id)
        .select(ContradictionRow::as_select())
        .first(conn)
        .optional()
}

pub fn head_hash(conn: &mut DbConn, id: &str) -> QueryResult<Option<String>> {
    contradictions::table
        .find(id)
        .select(contradictions::head_hash)
        .first(conn)
        .optional()
}

pub fn all_heads(conn: &mut DbConn) -> QueryResult<Vec<(String, String)>> {
    contradictions::table
        .select((contradictions::id, contradictions::head_hash))
        .load(conn)
}

fn find_pair(conn: &mut DbConn, a: &str, b: &str) -> QueryResult<Option<ContradictionRow>> {
    let (a, b) = ordered_pair(a, b);
    contradictions::table
        .filter(contradictions::claim_a.eq(a))
        .filter(contradictions::claim_b.eq(b))
        .select(ContradictionRow::as_select())
        .first(conn)
        .optional()
}

type FactsRow = (
    String,
    Option<String>,
    Option<String>,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

fn facts(
    (id, subject_id, property, lower, upper, key, start, end, retracted_at): FactsRow,
) -> ClaimFacts {
    ClaimFacts {
        id,
        subject_id,
        property,
        lower,
        upper,
        key,
        occurred: start.zip(end),
        retracted: retracted_at.is_some(),
    }
}

macro_rules! facts_columns {
    () => {
        (
            claims::id,
            claims::subject_id,
            claims::property,
            claims::value_lower,
            claims::value_upper,
            claims::value_key,
            claims::occurred_start,
            claims::occurred_end,
            claims::retracted_at,
        )
    };
}

fn load_facts(conn: &mut DbConn, ids: &[String]) -> QueryResult<HashMap<String, ClaimFacts>> {
    let rows: Vec<FactsRow> = claims::table
        .filter(in_list(claims::id, ids))
        .select(facts_columns!())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(facts)
        .map(|f| (f.id.clone(), f))
        .collect())
}

fn property_rule(conn: &mut DbConn, key: &str) -> QueryResult<Option<PropertyRule>> {
    let row: Option<(String, bool)> = properties::table
        .find(key)
        .select((properties::value_type, properties::single_valued))
        .first(conn)
        .optional()?;
    Ok(row.map(|(value_type, single_valued)| PropertyRule {
        value_type: ValueType::parse(&value_type).unwrap_or(ValueType::Text),
        single_valued,
    }))
}

/// Serialises detection per (subject, property), so two conflicting claims written at the same
/// moment by two transactions still see each other: the second waits for the first to commit,
/// then reads it. SQLite has one writer, which serialises everything already.
fn lock_subject_property(conn: &mut DbConn, subject_id: &str, property: &str) -> QueryResult<()> {
    if conn.backend() == Backend::Postgres {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(format!("detect\x1f{subject_id}\x1f{property}").as_bytes());
        let key = i64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(key)
            .execute(conn)?;
    }
    Ok(())
}

/// Brings the detected flags of one claim up to date after it was written (created, edited,
/// retracted or restored), inside the writer's transaction: opens a flag for every live claim
/// it now contradicts, and resolves — with a revision saying why — every open detected flag
/// whose conflict is gone. Returns the flags it opened.
pub fn detect_for(
    conn: &mut DbConn,
    ledger: &Ledger,
    claim_id: &str,
    author: &Author,
) -> StoreResult<Vec<String>> {
    let Some(me) = load_facts(conn, &[claim_id.to_owned()])?.remove(claim_id) else {
        return Ok(Vec::new());
    };
    let rule = match (&me.subject_id, &me.property) {
        (Some(subject), Some(property)) => {
            lock_subject_property(conn, subject, property)?;
            property_rule(conn, property)?
        }
        _ => None,
    };

    // Close what no longer holds.
    let open: Vec<ContradictionRow> = contradictions::table
        .filter(contradictions::origin.eq(Origin::Detected.as_str()))
        .filter(contradictions::status.eq(FlagStatus::Open.as_str()))
        .filter(
            contradictions::claim_a
                .eq(claim_id)
                .or(contradictions::claim_b.eq(claim_id)),
        )
        .select(ContradictionRow::as_select())
        .load(conn)?;
    if !open.is_empty() {
        let others: Vec<String> = open.iter().map(|f| f.other(claim_id).to_owned()).collect();
        let other_facts = load_facts(conn, &others)?;
        for flag in open {
            let other = other_facts.get(flag.other(claim_id));
            let still = match (other, rule) {
                (Some(other), Some(rule)) => conflict(&me, other, rule).is_some(),
                _ => false,
            };
            if !still {
                let why = if me.retracted || other.is_some_and(|o| o.retracted) {
                    "one of the claims was retracted"
                } else {
                    "an edit removed the conflict"
                };
                move_unless_decided(
                    conn,
                    ledger,
                    flag,
                    |f| f.status() == FlagStatus::Open,
                    FlagStatus::Resolved,
                    Some(format!("{AUTO_RESOLVED} {why}.")),
                    author,
                )?;
            }
        }
    }

    let (Some(rule), Some(subject), Some(property)) =
        (rule, me.subject_id.clone(), me.property.clone())
    else {
        return Ok(Vec::new());
    };
    if me.retracted {
        return Ok(Vec::new());
    }
    // The candidates: an index probe on (subject, property), narrowed in SQL to claims whose
    // values can conflict with ours; the exact rule is applied below.
    let mut candidates = claims::table
        .filter(claims::subject_id.eq(&subject))
        .filter(claims::property.eq(&property))
        .filter(claims::id.ne(claim_id))
        .filter(claims::retracted_at.is_null())
        .select(facts_columns!())
        .into_boxed();
    if let Some((start, end)) = me.occurred {
        candidates = candidates.filter(
            claims::occurred_start.is_null().or(claims::occurred_start
                .lt(end)
                .and(claims::occurred_end.gt(start))),
        );
    }
    match rule.value_type {
        ValueType::Quantity | ValueType::Time
            if rule.value_type == ValueType::Quantity || rule.single_valued =>
        {
            let lower = me.lower.unwrap_or(f64::MIN);
            candidates = match me.upper {
                Some(upper) => candidates.filter(
                    claims::value_upper
                        .lt(lower)
                        .or(claims::value_lower.gt(upper)),
                ),
                // An open upper bound: only a claim wholly below our lower bound can conflict.
                None => candidates.filter(claims::value_upper.lt(lower)),
            };
        }
        _ if rule.single_valued => {
            candidates =
                candidates.filter(claims::value_key.ne(me.key.clone().unwrap_or_default()));
        }
        _ => return Ok(Vec::new()),
    }
    let rows: Vec<FactsRow> = candidates.load(conn)?;
    let mut opened = Vec::new();
    for other in rows.into_iter().map(facts) {
        let Some(reason) = conflict(&me, &other, rule) else {
            continue;
        };
        match find_pair(conn, claim_id, &other.id)? {
            None => {
                // A person may be flagging this very pair right now (a manual flag takes no
                // detection lock): the unique index on the pair decides, and if their flag
                // committed first it stands. The savepoint keeps the writer's transaction
                // usable after the violation (PostgreSQL aborts it otherwise).
                let inserted = conn.transaction(|conn| {
                    insert_flag(
                        conn,
                        ledger,
                        claim_id,
                        &other.id,
                        Origin::Detected,
                        Some(format!("Detected: {reason}.")),
                        Some((&subject, &property)),
                        author,
                    )
                });
                match inserted {
                    Ok(flag) => opened.push(flag.id),
                    Err(StoreError::Db(e)) if is_unique_violation(&e) => {}
                    Err(e) => return Err(e),
                }
            }
            // A flag this service closed by itself opens again when the conflict returns; one a
            // reviewer confirmed, dismissed or resolved stays as they left it.
            Some(flag) if auto_resolved(&flag) => {
                let id = flag.id.clone();
                if move_unless_decided(
                    conn,
                    ledger,
                    flag,
                    auto_resolved,
                    FlagStatus::Open,
                    None,
                    author,
                )? {
                    opened.push(id);
                }
            }
            Some(_) => {}
        }
    }
    Ok(opened)
}

/// A flag this service closed by itself (and no one has decided on since).
fn auto_resolved(flag: &ContradictionRow) -> bool {
    flag.status() == FlagStatus::Resolved
        && flag
            .resolution_note
            .as_deref()
            .is_some_and(|n| n.starts_with(AUTO_RESOLVED))
}

/// Closes or reopens a detected flag on behalf of a claim's writer, while `applies` to it. A
/// reviewer may decide on the flag at the same moment (on PostgreSQL both can read it before
/// either writes): then the flag is read again, and if the move no longer applies the
/// reviewer's decision stands — the claim's writer must not fail for a change to another
/// record. Returns whether the flag was moved.
fn move_unless_decided(
    conn: &mut DbConn,
    ledger: &Ledger,
    mut flag: ContradictionRow,
    applies: impl Fn(&ContradictionRow) -> bool,
    status: FlagStatus,
    resolution_note: Option<String>,
    author: &Author,
) -> StoreResult<bool> {
    for _ in 0..3 {
        match set_status_in_tx(
            conn,
            ledger,
            &flag,
            Action::Status,
            status,
            resolution_note.clone(),
            None,
            author,
        ) {
            Ok(_) => return Ok(true),
            Err(StoreError::Stale { .. }) => match find(conn, &flag.id)? {
                Some(fresh) if applies(&fresh) => flag = fresh,
                _ => return Ok(false),
            },
            Err(e) => return Err(e),
        }
    }
    // Still changing under us after three tries: let the writer retry as a whole.
    let current_revision = find(conn, &flag.id)?.map_or(flag.revision, |f| f.revision);
    Err(StoreError::Stale { current_revision })
}

#[allow(clippy::too_many_arguments)]
fn insert_flag(
    conn: &mut DbConn,
    ledger: &Ledger,
    a: &str,
    b: &str,
    origin: Origin,
    note: Option<String>,
    subject_property: Option<(&str, &str)>,
    author: &Author,
) -> StoreResult<ContradictionRow> {
    let (claim_a, claim_b) = ordered_pair(a, b);
    let id = new_id();
    let at = now();
    diesel::insert_into(contradictions::table)
        .values((
            contradictions::id.eq(&id),
            contradictions::claim_a.eq(claim_a),
            contradictions::claim_b.eq(claim_b),
            contradictions::origin.eq(origin.as_str()),
            contradictions::status.eq(FlagStatus::Open.as_str()),
            contradictions::note.eq(note),
            contradictions::subject_id.eq(subject_property.map(|(s, _)| s)),
            contradictions::property.eq(subject_property.map(|(_, p)| p)),
            contradictions::revision.eq(1),
            contradictions::head_hash.eq(""),
            contradictions::created_at.eq(at),
            contradictions::updated_at.eq(at),
            contradictions::created_by.eq(&author.user_id),
        ))
        .execute(conn)?;
    finish_create(conn, ledger, &id, Some(author), at)
}

#[allow(clippy::too_many_arguments)]
fn set_status_in_tx(
    conn: &mut DbConn,
    ledger: &Ledger,
    current: &ContradictionRow,
    action: Action,
    status: FlagStatus,
    resolution_note: Option<String>,
    preferred_claim_id: Option<String>,
    author: &Author,
) -> StoreResult<ContradictionRow> {
    let at = now();
    let updated = diesel::update(
        contradictions::table
            .find(&current.id)
            .filter(contradictions::revision.eq(current.revision)),
    )
    .set((
        contradictions::status.eq(status.as_str()),
        contradictions::resolution_note.eq(resolution_note),
        contradictions::preferred_claim_id.eq(preferred_claim_id),
        contradictions::revision.eq(current.revision + 1),
        contradictions::updated_at.eq(at),
    ))
    .execute(conn)?;
    let summary = author
        .edit_summary
        .clone()
        .unwrap_or_else(|| format!("status: {}", status.as_str()));
    let author = author.clone().with_summary(Some(summary));
    finish_change(
        conn,
        ledger,
        &current.id,
        current,
        updated,
        action,
        Some(&author),
        at,
    )
}

/// A person flags two claims (unordered; one flag per pair).
pub fn create_manual(
    conn: &mut DbConn,
    ledger: &Ledger,
    a: &str,
    b: &str,
    note: Option<String>,
    author: &Author,
) -> StoreResult<ContradictionRow> {
    if a == b {
        return Err(StoreError::Invalid(vec![FieldError::new(
            "/claim_ids/1",
            "a claim cannot contradict itself",
        )]));
    }
    let result = write_transaction(conn, |conn| {
        let facts = load_facts(conn, &[a.to_owned(), b.to_owned()])?;
        let mut errors = Vec::new();
        for (i, id) in [a, b].into_iter().enumerate() {
            match facts.get(id) {
                None => errors.push(FieldError::new(
                    format!("/claim_ids/{i}"),
                    "no claim has this id",
                )),
                Some(f) if f.retracted => errors.push(FieldError::new(
                    format!("/claim_ids/{i}"),
                    "the claim is retracted and cannot be newly flagged",
                )),
                Some(_) => {}
            }
        }
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        if let Some(existing) = find_pair(conn, a, b)? {
            return Err(duplicate(existing.id));
        }
        let subject = facts
            .get(a)
            .and_then(|f| f.subject_id.clone())
            .filter(|s| facts.get(b).and_then(|f| f.subject_id.as_ref()) == Some(s));
        let property = facts
            .get(a)
            .and_then(|f| f.property.clone())
            .filter(|p| facts.get(b).and_then(|f| f.property.as_ref()) == Some(p));
        let subject_property = subject.as_deref().zip(property.as_deref());
        insert_flag(
            conn,
            ledger,
            a,
            b,
            Origin::Manual,
            note.clone(),
            subject_property,
            author,
        )
    });
    match result {
        // Two people flagged the same pair at once: the unique index decided; name the winner.
        Err(StoreError::Db(e)) if is_unique_violation(&e) => {
            let existing = find_pair(conn, a, b)?.map(|f| f.id).unwrap_or_default();
            Err(duplicate(existing))
        }
        other => other,
    }
}

fn duplicate(existing: String) -> StoreError {
    StoreError::Conflict {
        code: "duplicate_flag",
        detail: format!("these claims are already flagged: contradiction {existing}"),
        existing_id: Some(existing),
    }
}

/// A reviewer moves a flag to a new status.
#[allow(clippy::too_many_arguments)]
pub fn set_status(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    action: Action,
    status: FlagStatus,
    resolution_note: Option<String>,
    preferred_claim_id: Option<String>,
    author: &Author,
) -> StoreResult<ContradictionRow> {
    write_transaction(conn, |conn| {
        let current: ContradictionRow = get_at(conn, id, expected_revision)?;
        if let Some(preferred) = &preferred_claim_id
            && preferred != &current.claim_a
            && preferred != &current.claim_b
        {
            return Err(StoreError::Invalid(vec![FieldError::new(
                "/preferred_claim_id",
                "must be one of the flag's two claims",
            )]));
        }
        set_status_in_tx(
            conn,
            ledger,
            &current,
            action,
            status,
            resolution_note,
            preferred_claim_id,
            author,
        )
    })
}

#[derive(Debug, Default, Clone)]
pub struct ContradictionFilter {
    pub status: Option<FlagStatus>,
    pub origin: Option<Origin>,
    pub claim_id: Option<String>,
    pub subject_id: Option<String>,
}

/// Flags in id (creation) order after the cursor.
pub fn list(
    conn: &mut DbConn,
    filter: &ContradictionFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ContradictionRow>> {
    let mut query = contradictions::table
        .select(ContradictionRow::as_select())
        .order(contradictions::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(contradictions::status.eq(status.as_str()));
    }
    if let Some(origin) = filter.origin {
        query = query.filter(contradictions::origin.eq(origin.as_str()));
    }
    if let Some(claim) = &filter.claim_id {
        query = query.filter(
            contradictions::claim_a
                .eq(claim.clone())
                .or(contradictions::claim_b.eq(claim.clone())),
        );
    }
    if let Some(subject) = &filter.subject_id {
        query = query.filter(contradictions::subject_id.eq(subject.clone()));
    }
    if let Some(after) = after {
        query = query.filter(contradictions::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// The open flags of each of `claim_ids`, in one query.
pub fn open_for_claims(
    conn: &mut DbConn,
    claim_ids: &[String],
) -> QueryResult<HashMap<String, Vec<String>>> {
    let mut by_claim: HashMap<String, Vec<String>> = HashMap::new();
    if claim_ids.is_empty() {
        return Ok(by_claim);
    }
    let rows: Vec<(String, String, String)> = contradictions::table
        .filter(contradictions::status.eq(FlagStatus::Open.as_str()))
        .filter(
            in_list(contradictions::claim_a, claim_ids)
                .or(in_list(contradictions::claim_b, claim_ids)),
        )
        .order(contradictions::id.asc())
        .select((
            contradictions::id,
            contradictions::claim_a,
            contradictions::claim_b,
        ))
        .load(conn)?;
    for (id, a, b) in rows {
        for claim in [a, b] {
            if claim_ids.contains(&claim) {
                by_claim.entry(claim).or_default().push(id.clone());
            }
        }
    }
    Ok(by_claim)
}
