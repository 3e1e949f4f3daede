//! An update writes only the columns that changed (`record_columns!`): an edit of a claim's
//! statement leaves its value, time and verdict columns — and their indexes — alone, a verdict
//! writes one column. What is read back afterwards is exactly what was written.

use std::collections::BTreeSet;

use claimledger::domain::claim::Verdict;
use claimledger::store::claims::{self, Claim};
use claimledger::store::engine;
use claimledger::store::ledger::Action;
use serde_json::json;

use crate::both_backends;
use crate::helpers::claim_doc;

/// The columns the one `UPDATE` of `table` among `statements` sets.
fn set_columns(statements: &[String], table: &str) -> BTreeSet<String> {
    let updates: Vec<&String> = statements
        .iter()
        .filter(|s| {
            let s = s.replace(['"', '`'], "");
            s.starts_with(&format!("UPDATE {table} "))
        })
        .collect();
    assert_eq!(updates.len(), 1, "one UPDATE of {table} in {statements:#?}");
    let sql = updates[0].replace(['"', '`'], "");
    let set = sql
        .split_once(" SET ")
        .and_then(|(_, rest)| rest.split_once(" WHERE "))
        .map(|(set, _)| set)
        .unwrap_or_else(|| panic!("an UPDATE with SET and WHERE: {sql}"));
    set.split(", ")
        .map(|part| {
            part.split(" = ")
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .collect()
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The columns every update writes: the record's new revision.
const BOOKKEEPING: [&str; 3] = ["revision", "head_hash", "updated_at"];

both_backends!(updates_write_only_changed_columns, |env| async move {
    let subject = env
        .entity(
            claimledger::domain::entity::EntityKind::Event,
            "The market blast",
        )
        .await;
    let claim = env
        .claim(claim_doc(
            &env.source_id,
            "The blast killed at least 12 people",
            json!({
                "subject_id": subject,
                "property": "fatalities",
                "value": {"type": "quantity", "lower": 12, "upper": 12},
                "occurred_at": {"value": "2022-05-01", "precision": "day"},
                "tags": ["ttp"],
            }),
        ))
        .await;
    let id = claim.meta.id.clone();
    let recording = claimledger::db::record_statements();

    let edit_id = id.clone();
    let (edited, statements) = env
        .write_recorded(move |tx, ledger, author| {
            let current = engine::get::<Claim>(tx.conn(), &edit_id)?;
            let mut doc = <Claim as engine::Editable>::doc(&current.snapshot);
            doc.statement = "The blast killed at least 14 people".into();
            let snapshot = <Claim as engine::Editable>::compose(doc, Some(&current.snapshot));
            engine::change(
                tx,
                ledger,
                &current,
                snapshot,
                engine::Change::now(Action::Update, Some(author)),
            )
        })
        .await;
    let mut expected = names(&BOOKKEEPING);
    expected.extend(names(&["statement", "statement_key", "search_text"]));
    assert_eq!(set_columns(&statements, "claims"), expected);

    let verdict_id = id.clone();
    let (_, statements) = env
        .write_recorded(move |tx, ledger, author| {
            claims::set_verdict(
                tx,
                ledger,
                &verdict_id,
                2,
                claims::VerdictChange::only(Verdict::Verified),
                author,
            )
        })
        .await;
    let mut expected = names(&BOOKKEEPING);
    expected.insert("verdict".into());
    assert_eq!(set_columns(&statements, "claims"), expected);

    // A change that sets a column back to NULL writes that NULL.
    let (_, statements) = env
        .write_recorded({
            let id = id.clone();
            move |tx, ledger, author| {
                let current = engine::get::<Claim>(tx.conn(), &id)?;
                let mut doc = <Claim as engine::Editable>::doc(&current.snapshot);
                doc.occurred_at = None;
                let snapshot = <Claim as engine::Editable>::compose(doc, Some(&current.snapshot));
                engine::change(
                    tx,
                    ledger,
                    &current,
                    snapshot,
                    engine::Change::now(Action::Update, Some(author)),
                )
            }
        })
        .await;
    let set = set_columns(&statements, "claims");
    assert!(
        set.contains("occurred_value") && set.contains("occurred_sort"),
        "{set:?}"
    );
    assert!(
        !set.contains("statement") && !set.contains("value"),
        "{set:?}"
    );
    drop(recording);

    // What the row now holds is the last revision's snapshot, column for column.
    let read_id = id.clone();
    let now = env
        .read(move |conn| engine::get::<Claim>(conn, &read_id))
        .await;
    assert_eq!(now.meta.revision, 4);
    assert_eq!(now.snapshot.statement, edited.snapshot.statement);
    assert_eq!(now.snapshot.verdict, Verdict::Verified);
    assert_eq!(now.snapshot.occurred_at, None);
    assert_eq!(now.snapshot.value, claim.snapshot.value);
    assert_eq!(now.snapshot.tags, vec!["ttp".to_string()]);
    let head = env
        .read(move |conn| engine::revision::<Claim>(conn, &id, 4))
        .await
        .expect("revision 4");
    assert_eq!(head.snapshot, now.snapshot);
});
