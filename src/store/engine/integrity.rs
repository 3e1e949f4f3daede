//! Integrity: a record's hash chain recomputed, its live row compared with its head revision,
//! and the thorough audit `claimledger verify` runs.

use super::{Record, Snapshot, decode, get, snapshot};
use crate::db::DbConn;
use crate::store::ledger::{self, Ledger, RevisionRow};
use crate::store::{StoreError, StoreResult};

/// The result of recomputing one record's chain and comparing its live row with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integrity {
    pub revisions: usize,
    /// The first revision that was changed, inserted or dropped behind the API's back.
    pub first_bad_revision: Option<i64>,
    /// How the live row differs from the record its head revision keeps (`None`: it does not).
    pub row_mismatch: Option<String>,
}

/// Recomputes a record's hash chain against the head hash its row keeps, and compares the
/// live row (what the API serves) with its head revision.
pub fn integrity<R: Record>(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
) -> StoreResult<Integrity> {
    let head = R::head_hash(conn, id)?.ok_or(StoreError::NotFound(R::NAME))?;
    let rows = ledger::all_for(conn, R::KIND, id)?;
    let (revisions, first_bad_revision) = ledger.verify(&rows, &head);
    // A broken chain is reported as such: its head revision is no reference to compare with.
    let row_mismatch = match first_bad_revision {
        None => row_mismatch::<R>(conn, id, &rows)?,
        Some(_) => None,
    };
    Ok(Integrity {
        revisions,
        first_bad_revision,
        row_mismatch,
    })
}

/// Compares the live record (its row, and for claims its citations and tags) with the record
/// as the engine would have written it from its head revision: its content and number.
pub fn row_mismatch<R: Record>(
    conn: &mut DbConn,
    id: &str,
    rows: &[RevisionRow],
) -> StoreResult<Option<String>> {
    let Some(head) = rows.last() else {
        return Ok(Some("the record has no revisions".into()));
    };
    let live = match get::<R>(conn, id) {
        Ok(live) => live,
        Err(StoreError::Corrupt { detail, .. }) => {
            return Ok(Some(format!("the live row cannot be read: {detail}")));
        }
        Err(other) => return Err(other),
    };
    let expected = match snapshot::decode::<R::Snapshot>(&head.snapshot) {
        Ok(expected) => R::as_read_back(expected),
        Err(detail) => {
            return Ok(Some(format!(
                "its head revision {} cannot be read: {detail}",
                head.revision
            )));
        }
    };
    // The head hash is the chain's to check. Timestamps and the creator are not compared: the
    // shipped properties' rows and their revision 1 were written apart, by a migration.
    let mut differing = Vec::new();
    if live.meta.revision != head.revision {
        differing.push("revision".to_owned());
    }
    differing.extend(differing_fields(&live.snapshot, &expected)?);
    if differing.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "the live {} differs from its revision {} in {}",
        R::NAME,
        head.revision,
        differing.join(", ")
    )))
}

/// The top-level fields in which two snapshots differ.
fn differing_fields<S: Snapshot>(live: &S, expected: &S) -> StoreResult<Vec<String>> {
    if live == expected {
        return Ok(Vec::new());
    }
    let as_value = |s: &S| {
        serde_json::to_value(s).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
    };
    let (live, expected) = (as_value(live)?, as_value(expected)?);
    let (Some(live), Some(expected)) = (live.as_object(), expected.as_object()) else {
        return Ok(vec!["its content".into()]);
    };
    let mut fields: Vec<String> = live
        .keys()
        .chain(expected.keys())
        .filter(|key| live.get(*key) != expected.get(*key))
        .cloned()
        .collect();
    fields.sort();
    fields.dedup();
    if fields.is_empty() {
        // Equal as JSON but not as values (a float's last bit): still a difference.
        fields.push("its content".into());
    }
    Ok(fields)
}

/// What `claimledger verify` found wrong with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The chain does not verify from this revision on.
    Tampered { first_bad_revision: i64 },
    /// The row or a revision cannot be read (a value this release does not know).
    Unreadable { detail: String },
    /// The live row is not what its head revision says the record is.
    RowMismatch { detail: String },
}

/// Checks one record thoroughly: its chain, that its row decodes, and that every revision's
/// snapshot can be read. Returns how many revisions it checked, and what is wrong.
pub fn audit<R: Record>(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
) -> StoreResult<(usize, Vec<Finding>)> {
    let mut findings = Vec::new();
    let Integrity {
        revisions,
        first_bad_revision,
        row_mismatch,
    } = integrity::<R>(conn, ledger, id)?;
    if let Some(first_bad_revision) = first_bad_revision {
        findings.push(Finding::Tampered { first_bad_revision });
    }
    match get::<R>(conn, id) {
        Err(StoreError::Corrupt { detail, .. }) => findings.push(Finding::Unreadable {
            detail: format!("the record: {detail}"),
        }),
        other => {
            other?;
            if let Some(detail) = row_mismatch {
                findings.push(Finding::RowMismatch { detail });
            }
        }
    }
    for row in ledger::all_for(conn, R::KIND, id)? {
        if let Err(StoreError::Corrupt { record, detail }) = decode::<R>(row) {
            findings.push(Finding::Unreadable {
                detail: format!("{record}: {detail}"),
            });
        }
    }
    Ok((revisions, findings))
}
