//! `claimledger verify`: every record of every kind, its hash chain recomputed and its row and
//! revisions read through their formats.

use crate::db::DbConn;
use crate::store::StoreResult;
use crate::store::engine::{self, Finding, Record};
use crate::store::ledger::{Ledger, RecordKind};

/// What a full audit found.
#[derive(Debug, Default)]
pub struct Report {
    pub records: usize,
    pub revisions: usize,
    /// Each fault, with the record it was found on (`claims/<id>`).
    pub findings: Vec<(String, Finding)>,
}

impl Report {
    pub fn tampered(&self) -> usize {
        self.count(|f| matches!(f, Finding::Tampered { .. }))
    }

    pub fn unreadable(&self) -> usize {
        self.count(|f| matches!(f, Finding::Unreadable { .. }))
    }

    /// How many records are served as something their head revision does not say.
    pub fn mismatched(&self) -> usize {
        self.count(|f| matches!(f, Finding::RowMismatch { .. }))
    }

    /// How many records have at least one fault.
    pub fn bad_records(&self) -> usize {
        let mut records: Vec<&str> = self.findings.iter().map(|(r, _)| r.as_str()).collect();
        records.dedup();
        records.len()
    }

    fn count(&self, which: impl Fn(&Finding) -> bool) -> usize {
        let mut records: Vec<&str> = self
            .findings
            .iter()
            .filter(|(_, f)| which(f))
            .map(|(r, _)| r.as_str())
            .collect();
        records.dedup();
        records.len()
    }
}

/// Audits every record of every kind, a page of ids at a time.
pub fn audit_all(conn: &mut DbConn, ledger: &Ledger) -> StoreResult<Report> {
    let mut report = Report::default();
    for kind in RecordKind::all() {
        crate::with_record_kind!(*kind, |R| audit_kind::<R>(conn, ledger, &mut report))?;
    }
    Ok(report)
}

fn audit_kind<R: Record>(
    conn: &mut DbConn,
    ledger: &Ledger,
    report: &mut Report,
) -> StoreResult<()> {
    const PAGE: i64 = 500;
    let mut after: Option<String> = None;
    loop {
        let ids = R::ids(conn, after.as_deref(), PAGE)?;
        for id in &ids {
            let (revisions, findings) = engine::audit::<R>(conn, ledger, id)?;
            report.records += 1;
            report.revisions += revisions;
            for finding in findings {
                report.findings.push((format!("{}/{id}", R::KIND), finding));
            }
        }
        match ids.last() {
            Some(last) if ids.len() as i64 == PAGE => after = Some(last.clone()),
            _ => return Ok(()),
        }
    }
}
