//! Contradiction detection, run inside the transaction of every write of a structured claim.
//! The candidates are an index probe on (subject, property), narrowed in SQL to claims whose
//! values can conflict; the exact rule (`domain::contradiction::conflict`) decides.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{Flag, decide, find_pair, insert_flag};
use crate::db::sql::in_list;
use crate::db::{DbConn, WriteTx};
use crate::domain::claim::ValueType;
use crate::domain::contradiction::{ClaimFacts, FlagStatus, Origin, PropertyRule, conflict};
use crate::domain::time::LONGEST_SPAN;
use crate::schema::{claims, contradictions};
use crate::store::ledger::{Action, Ledger};
use crate::store::{Author, StoreError, StoreResult, is_unique_violation};

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
    bool,
);

fn facts(
    (id, subject_id, property, lower, upper, key, start, end, retracted_at, superseded): FactsRow,
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
        superseded,
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
            crate::db::sql::fragment::<crate::store::relations::IsSuperseded>(),
        )
    };
}

/// What detection compares of each of `ids`, by id.
pub fn facts_of(conn: &mut DbConn, ids: &[String]) -> QueryResult<HashMap<String, ClaimFacts>> {
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

/// The live claims on `subject` and `property` that may conflict with `me` (the exact rule,
/// `conflict`, decides): those whose time can overlap ours and whose value can differ.
///
/// Each is found through the index on (subject, property, occurred_sort), walking only the
/// claims whose time can overlap ours, so a popular subject or property costs nothing more:
/// an undated claim sorts at one key, and a dated one at its start, which is after
/// `start - LONGEST_SPAN` if it overlaps. (Probed on (subject, property) alone, the walk was
/// every claim of a popular event.) An undated claim of ours overlaps every time, so it is
/// compared with every claim on its subject and property.
fn candidates(
    conn: &mut DbConn,
    claim_id: &str,
    me: &ClaimFacts,
    rule: PropertyRule,
    subject: &str,
    property: &str,
) -> QueryResult<Vec<FactsRow>> {
    let comparable = match rule.value_type {
        ValueType::Quantity => true,
        ValueType::Time if rule.single_valued => true,
        _ if rule.single_valued => false,
        _ => return Ok(Vec::new()),
    };
    let lower = me.lower.unwrap_or(f64::MIN);
    let key = me.key.clone().unwrap_or_default();
    let query = || {
        let query = claims::table
            .filter(claims::subject_id.eq(subject.to_owned()))
            .filter(claims::property.eq(property.to_owned()))
            .filter(claims::id.ne(claim_id.to_owned()))
            .filter(claims::retracted_at.is_null())
            .filter(crate::store::relations::not_superseded())
            .select(facts_columns!())
            .into_boxed();
        match (comparable, me.upper) {
            (true, Some(upper)) => query.filter(
                claims::value_upper
                    .lt(lower)
                    .or(claims::value_lower.gt(upper)),
            ),
            // An open upper bound: only a claim wholly below our lower bound can conflict.
            (true, None) => query.filter(claims::value_upper.lt(lower)),
            (false, _) => query.filter(claims::value_key.ne(key.clone())),
        }
    };
    let Some((start, end)) = me.occurred else {
        return query().load(conn);
    };
    let undated = query()
        .filter(claims::occurred_sort.eq(crate::store::claims::undated_sort_key()))
        .filter(claims::occurred_start.is_null());
    let overlapping = query()
        .filter(claims::occurred_sort.gt(start - LONGEST_SPAN))
        .filter(claims::occurred_sort.lt(end))
        .filter(claims::occurred_start.lt(end))
        .filter(claims::occurred_end.gt(start));
    // Two statements: diesel's MultiConnection has no UNION, and one statement with an OR
    // left SQLite free to probe (subject, property) alone when its statistics said that
    // pair is rare on average.
    let mut rows: Vec<FactsRow> = undated.load(conn)?;
    rows.extend(overlapping.load::<FactsRow>(conn)?);
    Ok(rows)
}

/// Brings the detected flags of one claim up to date after it was written (created, edited,
/// retracted or restored), inside the writer's transaction: opens a flag for every live claim
/// it now contradicts, and resolves — with a revision saying why — every open detected flag
/// whose conflict is gone. Returns the flags it opened.
pub fn detect_for(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    claim_id: &str,
    author: &Author,
) -> StoreResult<Vec<String>> {
    let Some(me) = facts_of(tx.conn(), &[claim_id.to_owned()])?.remove(claim_id) else {
        return Ok(Vec::new());
    };
    detect(tx, ledger, &me, false, author)
}

/// [`detect_for`] with the claim's facts as its writer just wrote them (no read back), and
/// `new` when the claim was just created: a new claim has no flags to close yet. A create on
/// PostgreSQL saves two round trips this way.
pub fn detect(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    me: &ClaimFacts,
    new: bool,
    author: &Author,
) -> StoreResult<Vec<String>> {
    let claim_id = me.id.as_str();
    let rule = match (&me.subject_id, &me.property) {
        (Some(subject), Some(property)) => {
            // Detection per (subject, property) is serialised, so two conflicting claims
            // written at the same moment by two transactions still see each other: the second
            // waits for the first to commit, then reads it.
            tx.lock(&format!("detect\x1f{subject}\x1f{property}"))?;
            crate::store::properties::rule(tx.conn(), property)?
        }
        _ => None,
    };

    // Close what no longer holds.
    let open: Vec<Flag> = if new {
        Vec::new()
    } else {
        open_detected(tx.conn(), claim_id)?
    };
    if !open.is_empty() {
        let others: Vec<String> = open
            .iter()
            .map(|f| f.stored.snapshot.other(claim_id).to_owned())
            .collect();
        let other_facts = facts_of(tx.conn(), &others)?;
        for flag in open {
            let other = other_facts.get(flag.stored.snapshot.other(claim_id));
            let still = match (other, rule) {
                (Some(other), Some(rule)) => conflict(me, other, rule).is_some(),
                _ => false,
            };
            if !still {
                let why = if me.retracted || other.is_some_and(|o| o.retracted) {
                    "one of the claims was retracted"
                } else if me.superseded || other.is_some_and(|o| o.superseded) {
                    "one of the claims was superseded"
                } else {
                    "an edit removed the conflict"
                };
                let note = format!("Automatically resolved: {why}.");
                move_unless_decided(
                    tx,
                    ledger,
                    flag,
                    |f| f.stored.snapshot.status == FlagStatus::Open,
                    |s| {
                        s.status = FlagStatus::Resolved;
                        s.resolution_note = Some(note.clone());
                        s.preferred_claim_id = None;
                        s.auto_resolved = true;
                    },
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
    if me.retracted || me.superseded {
        return Ok(Vec::new());
    }
    let rows = candidates(tx.conn(), claim_id, me, rule, &subject, &property)?;
    let mut opened = Vec::new();
    for other in rows.into_iter().map(facts) {
        let Some(reason) = conflict(me, &other, rule) else {
            continue;
        };
        match find_pair(tx.conn(), claim_id, &other.id)? {
            None => {
                // A person may be flagging this very pair right now (a manual flag takes no
                // detection lock): the unique index on the pair decides, and if their flag
                // committed first it stands. The savepoint keeps the writer's transaction
                // usable after the violation (PostgreSQL aborts it otherwise).
                let inserted = tx.savepoint(|tx| {
                    insert_flag(
                        tx,
                        ledger,
                        (claim_id, &other.id),
                        Origin::Detected,
                        Some(format!("Detected: {reason}.")),
                        Some((&subject, &property)),
                        author,
                    )
                });
                match inserted {
                    Ok(flag) => opened.push(flag.stored.meta.id),
                    Err(StoreError::Db(e)) if is_unique_violation(&e) => {}
                    Err(e) => return Err(e),
                }
            }
            // A flag this service closed by itself opens again when the conflict returns; one a
            // reviewer confirmed, dismissed or resolved stays as they left it.
            Some(flag) if flag.stored.snapshot.is_auto_resolved() => {
                let id = flag.stored.meta.id.clone();
                let reopened = move_unless_decided(
                    tx,
                    ledger,
                    flag,
                    |f| f.stored.snapshot.is_auto_resolved(),
                    |s| {
                        s.status = FlagStatus::Open;
                        s.resolution_note = None;
                        s.preferred_claim_id = None;
                        s.auto_resolved = false;
                    },
                    author,
                )?;
                if reopened {
                    opened.push(id);
                }
            }
            Some(_) => {}
        }
    }
    Ok(opened)
}

/// The open detected flags of a claim.
fn open_detected(conn: &mut DbConn, claim_id: &str) -> QueryResult<Vec<Flag>> {
    Ok(contradictions::table
        .filter(contradictions::origin.eq(Origin::Detected))
        .filter(contradictions::status.eq(FlagStatus::Open))
        .filter(
            contradictions::claim_a
                .eq(claim_id)
                .or(contradictions::claim_b.eq(claim_id)),
        )
        .select(super::FlagRow::as_select())
        .load(conn)?
        .into_iter()
        .map(Flag::from)
        .collect())
}

/// Closes or reopens a detected flag on behalf of a claim's writer, while `applies` to it. A
/// reviewer may decide on the flag at the same moment (on PostgreSQL both can read it before
/// either writes): then the flag is read again, and if the move no longer applies the
/// reviewer's decision stands — the claim's writer must not fail for a change to another
/// record. Returns whether the flag was moved.
fn move_unless_decided(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    mut flag: Flag,
    applies: impl Fn(&Flag) -> bool,
    edit: impl Fn(&mut super::ContradictionSnapshot),
    author: &Author,
) -> StoreResult<bool> {
    for _ in 0..3 {
        let mut snapshot = flag.stored.snapshot.clone();
        edit(&mut snapshot);
        match decide(tx, ledger, &flag, snapshot, Action::Status, author) {
            Ok(_) => return Ok(true),
            Err(StoreError::Stale { .. }) => match super::find(tx.conn(), &flag.stored.meta.id)? {
                Some(fresh) if applies(&fresh) => flag = fresh,
                _ => return Ok(false),
            },
            Err(e) => return Err(e),
        }
    }
    // Still changing under us after three tries: let the writer retry as a whole.
    let current_revision = super::find(tx.conn(), &flag.stored.meta.id)?
        .map_or(flag.stored.meta.revision, |f| f.stored.meta.revision);
    Err(StoreError::Stale { current_revision })
}
