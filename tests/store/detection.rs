//! Contradiction detection (`store::contradictions::detect_for`), run by every write of a
//! structured claim (`store::claims::create`, `engine::change`, `engine::set_retracted`), on
//! real connections.

use std::collections::BTreeSet;

use claimledger::domain::claim::ClaimDoc;
use claimledger::domain::contradiction::{FlagStatus, Origin};
use claimledger::domain::entity::EntityKind;
use claimledger::store::claims::Claim;
use claimledger::store::contradictions::{self, ContradictionFilter, Flag};
use claimledger::store::engine::{self, Stored};
use claimledger::store::ledger::{self, Action, RecordKind};
use claimledger::store::{StoreResult, claims};
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Env, claim_doc};

fn quantity(lower: f64, upper: Option<f64>) -> Value {
    json!({"type": "quantity", "lower": lower, "upper": upper})
}

fn exactly(n: f64) -> Value {
    quantity(n, Some(n))
}

fn at_least(n: f64) -> Value {
    quantity(n, None)
}

fn entity(id: &str) -> Value {
    json!({"type": "entity", "entity_id": id})
}

fn text(t: &str) -> Value {
    json!({"type": "text", "text": t})
}

fn day(d: &str) -> Value {
    json!({"type": "time", "value": d, "precision": "day"})
}

fn month(m: &str) -> Value {
    json!({"type": "time", "value": m, "precision": "month"})
}

/// An `occurred_at`.
fn when(value: &str, precision: &str) -> Value {
    json!({"value": value, "precision": precision})
}

impl Env {
    /// A structured claim about `subject`; `occurred` is an `occurred_at` (or null). The
    /// statement names everything, so no two are duplicates.
    fn structured(
        &self,
        subject: &str,
        property: &str,
        value: Value,
        occurred: Value,
        statement: &str,
    ) -> ClaimDoc {
        claim_doc(
            &self.source_id,
            statement,
            json!({
                "subject_id": subject,
                "property": property,
                "value": value,
                "occurred_at": occurred,
            }),
        )
    }

    async fn said(
        &self,
        subject: &str,
        property: &str,
        value: Value,
        occurred: Value,
        statement: &str,
    ) -> String {
        let doc = self.structured(subject, property, value, occurred, statement);
        self.claim(doc).await.meta.id
    }

    async fn flags(&self, filter: ContradictionFilter) -> Vec<Flag> {
        self.read(move |conn| contradictions::list(conn, &filter, None, 10_000))
            .await
    }

    async fn flags_of_subject(&self, subject: &str) -> Vec<Flag> {
        self.flags(ContradictionFilter {
            subject_id: Some(subject.to_owned()),
            ..Default::default()
        })
        .await
    }

    async fn flag(&self, id: &str) -> Flag {
        let id = id.to_owned();
        self.read(move |conn| contradictions::find(conn, &id))
            .await
            .expect("the flag exists")
    }

    /// Runs detection for `claim` again, in a write of its own; the flags it opened.
    async fn detect_again(&self, claim: &str) -> Vec<String> {
        let claim = claim.to_owned();
        self.write(move |tx, ledger, author| contradictions::detect_for(tx, ledger, &claim, author))
            .await
    }

    /// Edits a claim's value.
    async fn edit_value(&self, claim: &str, value: Value) -> Stored<Claim> {
        let value = serde_json::from_value(value).expect("a claim value");
        self.edit(claim, move |doc| doc.value = Some(value)).await
    }

    /// Edits when a claim's event happened.
    async fn edit_occurred(&self, claim: &str, occurred: Value) -> Stored<Claim> {
        let occurred = serde_json::from_value(occurred).expect("an occurred_at");
        self.edit(claim, move |doc| doc.occurred_at = Some(occurred))
            .await
    }

    /// The actions of a flag's revisions, oldest first, and whether its chain verifies.
    async fn flag_history(&self, id: &str) -> (Vec<Action>, bool) {
        let id = id.to_owned();
        let ledger = std::sync::Arc::clone(&self.ledger);
        self.read(move |conn| -> StoreResult<_> {
            let rows = ledger::all_for(conn, RecordKind::Contradictions, &id)?;
            let integrity = engine::integrity::<contradictions::Contradiction>(conn, &ledger, &id)?;
            Ok((
                rows.into_iter().map(|r| r.action).collect(),
                integrity.first_bad_revision.is_none(),
            ))
        })
        .await
    }
}

/// The claim pairs of `flags` with the given status, each pair ordered.
fn pairs(flags: &[Flag], status: FlagStatus) -> BTreeSet<(String, String)> {
    flags
        .iter()
        .filter(|f| f.stored.snapshot.status == status)
        .map(|f| {
            let [a, b] = f.stored.snapshot.claim_ids.clone();
            (a, b)
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}

fn open_pairs(flags: &[Flag]) -> BTreeSet<(String, String)> {
    pairs(flags, FlagStatus::Open)
}

/// The one flag on the pair (a, b).
fn flag_on<'f>(flags: &'f [Flag], a: &str, b: &str) -> &'f Flag {
    let wanted = pair(a, b);
    let on: Vec<&Flag> = flags
        .iter()
        .filter(|f| {
            let [x, y] = &f.stored.snapshot.claim_ids;
            (x.clone(), y.clone()) == wanted
        })
        .collect();
    assert_eq!(on.len(), 1, "one flag on the pair");
    on[0]
}

both_backends!(
    disjoint_quantities_conflict_overlapping_do_not,
    |env| async move {
        let attack = env.entity(EntityKind::Event, "Market attack").await;
        let none = Value::Null;
        let a = env
            .said(
                &attack,
                "injured",
                at_least(20.0),
                none.clone(),
                "At least 20 injured",
            )
            .await;
        assert!(env.flags_of_subject(&attack).await.is_empty());
        let b = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                none.clone(),
                "15 injured",
            )
            .await;
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(open_pairs(&flags), BTreeSet::from([pair(&a, &b)]));
        let flag = flag_on(&flags, &a, &b);
        assert_eq!(flag.stored.snapshot.origin, Origin::Detected);
        assert!(!flag.stored.snapshot.auto_resolved);
        assert_eq!(flag.subject_id.as_deref(), Some(attack.as_str()));
        assert_eq!(flag.property.as_deref(), Some("injured"));
        assert_eq!(
            flag.stored.snapshot.note.as_deref(),
            Some("Detected: their quantity intervals do not overlap.")
        );
        assert_eq!(
            flag.stored.meta.created_by.as_deref(),
            Some(env.author.user_id.as_str())
        );

        // 23 lies within "at least 20" but not at 15; [18, 25] overlaps both 20+ and 23;
        // [15, 18] touches 15 and [18, 25] (bounds are inclusive) and misses 20+ and 23.
        let c = env
            .said(
                &attack,
                "injured",
                exactly(23.0),
                none.clone(),
                "23 injured",
            )
            .await;
        let d = env
            .said(
                &attack,
                "injured",
                quantity(18.0, Some(25.0)),
                none.clone(),
                "18 to 25 injured",
            )
            .await;
        let e = env
            .said(
                &attack,
                "injured",
                quantity(15.0, Some(18.0)),
                none.clone(),
                "15 to 18 injured",
            )
            .await;
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(
            open_pairs(&flags),
            BTreeSet::from([
                pair(&a, &b),
                pair(&b, &c),
                pair(&b, &d),
                pair(&a, &e),
                pair(&c, &e)
            ])
        );
        assert_eq!(flags.len(), 5, "no other flag, in any status");

        // Detection again opens nothing: one flag per pair.
        for claim in [&a, &b, &c, &d, &e] {
            assert_eq!(env.detect_again(claim).await, Vec::<String>::new());
        }
        assert_eq!(env.flags_of_subject(&attack).await.len(), 5);
    }
);

both_backends!(
    claims_about_times_that_cannot_overlap_do_not_conflict,
    |env| async move {
        let attack = env.entity(EntityKind::Event, "Bombing").await;
        let a = env
            .said(
                &attack,
                "injured",
                at_least(20.0),
                when("2022-11", "month"),
                "At least 20 injured in November",
            )
            .await;
        // December 1 starts where November ends: no shared instant.
        let b = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                when("2022-12-01", "day"),
                "15 injured on December 1",
            )
            .await;
        let year = when("2023", "year");
        let c = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                year,
                "15 injured in 2023",
            )
            .await;
        assert!(env.flags_of_subject(&attack).await.is_empty());
        // November 30 is within November; a claim with no time overlaps every time.
        let occurred = when("2022-11-30", "day");
        let d = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                occurred,
                "15 injured on November 30",
            )
            .await;
        let e = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                Value::Null,
                "15 injured, undated",
            )
            .await;
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(
            open_pairs(&flags),
            BTreeSet::from([pair(&a, &d), pair(&a, &e)])
        );
        assert_eq!(flags.len(), 2);
        assert!(
            flags.iter().all(|f| !f
                .stored
                .snapshot
                .claim_ids
                .iter()
                .any(|id| [&b, &c].contains(&id))),
            "December 1 and 2023 lie outside November"
        );

        // Moved to December 1, d no longer overlaps a: the open flag is re-checked by the rule
        // itself (not narrowed in SQL) and resolves; moved back, the same flag reopens.
        let flag = flag_on(&flags, &a, &d).stored.meta.id.clone();
        env.edit_occurred(&d, when("2022-12-01", "day")).await;
        let moved = env.flag(&flag).await;
        assert_eq!(moved.stored.snapshot.status, FlagStatus::Resolved);
        assert!(moved.stored.snapshot.auto_resolved);
        assert_eq!(
            open_pairs(&env.flags_of_subject(&attack).await),
            BTreeSet::from([pair(&a, &e)])
        );
        env.edit_occurred(&d, when("2022-11-30", "day")).await;
        assert_eq!(
            env.flag(&flag).await.stored.snapshot.status,
            FlagStatus::Open
        );
    }
);

both_backends!(
    single_valued_properties_conflict_on_different_values,
    |env| async move {
        let order = env.entity(EntityKind::Other, "Order 17").await;
        let x = env.entity(EntityKind::Person, "Minister X").await;
        let y = env.entity(EntityKind::Person, "Minister Y").await;
        let none = Value::Null;
        let signed_x = env
            .said(&order, "signatory", entity(&x), none.clone(), "X signed it")
            .await;
        let signed_y = env
            .said(&order, "signatory", entity(&y), none.clone(), "Y signed it")
            .await;
        let signed_x_too = env
            .said(
                &order,
                "signatory",
                entity(&x),
                none.clone(),
                "It was X who signed",
            )
            .await;
        let flags = env.flags_of_subject(&order).await;
        assert_eq!(
            open_pairs(&flags),
            BTreeSet::from([pair(&signed_x, &signed_y), pair(&signed_y, &signed_x_too)])
        );
        assert_eq!(
            flag_on(&flags, &signed_x, &signed_y)
                .stored
                .snapshot
                .note
                .as_deref(),
            Some("Detected: a single-valued property has two different values.")
        );

        // Texts compare in their normal form: "Motorbike " is "motorbike".
        let attack = env.entity(EntityKind::Event, "Ambush").await;
        let motorbike = env
            .said(
                &attack,
                "vehicle",
                text("motorbike"),
                none.clone(),
                "On a motorbike",
            )
            .await;
        let motorbike_too = env
            .said(
                &attack,
                "vehicle",
                text("Motorbike "),
                none.clone(),
                "Riding a motorbike",
            )
            .await;
        let rickshaw = env
            .said(
                &attack,
                "vehicle",
                text("rickshaw"),
                none.clone(),
                "In a rickshaw",
            )
            .await;
        // Properties that take many values never conflict.
        env.said(
            &attack,
            "weapon",
            text("rifle"),
            none.clone(),
            "With a rifle",
        )
        .await;
        env.said(
            &attack,
            "weapon",
            text("grenade"),
            none.clone(),
            "With a grenade",
        )
        .await;
        env.said(&attack, "perpetrator", entity(&x), none.clone(), "X did it")
            .await;
        env.said(&attack, "perpetrator", entity(&y), none.clone(), "Y did it")
            .await;
        // A single-valued time: a day within the month agrees with it; the next day does not.
        let started_30 = env
            .said(
                &attack,
                "start_date",
                day("2022-11-30"),
                none.clone(),
                "Began on November 30",
            )
            .await;
        let started_nov = env
            .said(
                &attack,
                "start_date",
                month("2022-11"),
                none.clone(),
                "Began in November",
            )
            .await;
        let started_dec = env
            .said(
                &attack,
                "start_date",
                day("2022-12-01"),
                none.clone(),
                "Began on December 1",
            )
            .await;
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(
            open_pairs(&flags),
            BTreeSet::from([
                pair(&motorbike, &rickshaw),
                pair(&motorbike_too, &rickshaw),
                pair(&started_30, &started_dec),
                pair(&started_nov, &started_dec),
            ])
        );
        assert_eq!(flags.len(), 4);
        assert_eq!(
            flag_on(&flags, &started_nov, &started_dec)
                .stored
                .snapshot
                .note
                .as_deref(),
            Some("Detected: their times do not overlap.")
        );
    }
);

both_backends!(
    retraction_closes_flags_and_restoring_reopens_them,
    |env| async move {
        let attack = env.entity(EntityKind::Event, "Raid").await;
        let none = Value::Null;
        let a = env
            .said(
                &attack,
                "injured",
                at_least(20.0),
                none.clone(),
                "At least 20 injured",
            )
            .await;
        let b = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                none.clone(),
                "15 injured",
            )
            .await;
        let flags = env.flags_of_subject(&attack).await;
        let id = flag_on(&flags, &a, &b).stored.meta.id.clone();
        let resolved_by_retraction = |flag: &Flag, revision: i64| {
            assert_eq!(flag.stored.snapshot.status, FlagStatus::Resolved);
            assert!(flag.stored.snapshot.auto_resolved);
            assert_eq!(
                flag.stored.snapshot.resolution_note.as_deref(),
                Some("Automatically resolved: one of the claims was retracted.")
            );
            assert_eq!(flag.stored.meta.revision, revision);
        };

        env.retract(&b, Some("misread the report")).await;
        resolved_by_retraction(&env.flag(&id).await, 2);
        // A live claim that would conflict with the retracted one raises nothing against it.
        env.said(
            &attack,
            "injured",
            exactly(30.0),
            none.clone(),
            "30 injured",
        )
        .await;
        assert_eq!(env.flags_of_subject(&attack).await.len(), 1);

        env.retract(&b, None).await;
        let flag = env.flag(&id).await;
        assert_eq!(
            flag.stored.snapshot.status,
            FlagStatus::Open,
            "restoring reopens it"
        );
        assert!(!flag.stored.snapshot.auto_resolved);
        assert_eq!(flag.stored.snapshot.resolution_note, None);
        assert_eq!(flag.stored.meta.revision, 3);
        // Restored, b (15) now also conflicts with the 30 written while it was retracted.
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(flags.len(), 2);
        assert_eq!(open_pairs(&flags).len(), 2);

        // Retracting the other side closes it the same way.
        env.retract(&a, Some("duplicate of another report")).await;
        resolved_by_retraction(&env.flag(&id).await, 4);
        assert_eq!(
            env.flag_history(&id).await,
            (
                vec![
                    Action::Create,
                    Action::Status,
                    Action::Status,
                    Action::Status
                ],
                true
            )
        );
    }
);

both_backends!(
    an_edit_resolves_a_flag_and_an_edit_back_reopens_it,
    |env| async move {
        let attack = env.entity(EntityKind::Event, "Convoy attack").await;
        let none = Value::Null;
        let a = env
            .said(
                &attack,
                "injured",
                at_least(20.0),
                none.clone(),
                "At least 20 injured",
            )
            .await;
        let b = env
            .said(
                &attack,
                "injured",
                exactly(15.0),
                none.clone(),
                "15 injured",
            )
            .await;
        let id = flag_on(&env.flags_of_subject(&attack).await, &a, &b)
            .stored
            .meta
            .id
            .clone();

        env.edit_value(&b, exactly(25.0)).await;
        let flag = env.flag(&id).await;
        assert_eq!(flag.stored.snapshot.status, FlagStatus::Resolved);
        assert!(flag.stored.snapshot.auto_resolved);
        assert_eq!(
            flag.stored.snapshot.resolution_note.as_deref(),
            Some("Automatically resolved: an edit removed the conflict.")
        );

        env.edit_value(&b, exactly(15.0)).await;
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(flags.len(), 1, "the same flag, not a second one");
        let flag = &flags[0];
        assert_eq!(flag.stored.meta.id, id);
        assert_eq!(flag.stored.snapshot.status, FlagStatus::Open);
        assert!(!flag.stored.snapshot.auto_resolved);
        assert_eq!(flag.stored.meta.revision, 3);
        assert_eq!(
            env.flag_history(&id).await,
            (vec![Action::Create, Action::Status, Action::Status], true)
        );

        // A reviewer's decision is never undone by detection: dismissed, it stays dismissed
        // through an edit away and back.
        let flag_id = id.clone();
        env.write(move |tx, ledger, author| {
            let current = contradictions::find(tx.conn(), &flag_id)?.expect("the flag");
            let mut snapshot = current.stored.snapshot.clone();
            snapshot.status = FlagStatus::Dismissed;
            snapshot.resolution_note = Some("Different counting windows.".into());
            contradictions::decide(tx, ledger, &current, snapshot, Action::Status, author)
        })
        .await;
        env.edit_value(&b, exactly(25.0)).await;
        env.edit_value(&b, exactly(15.0)).await;
        let flags = env.flags_of_subject(&attack).await;
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].stored.snapshot.status, FlagStatus::Dismissed);
        assert_eq!(flags[0].stored.meta.revision, 4);
    }
);

both_backends!(
    detection_looks_only_at_the_same_subject_and_property,
    |env| async move {
        let hot = env.entity(EntityKind::Event, "The hot subject").await;
        let mut others = Vec::new();
        for i in 0..40 {
            others.push(
                env.entity(EntityKind::Event, &format!("Other event {i}"))
                    .await,
            );
        }
        // Many claims about the hot subject on other properties, and about other subjects on
        // the same property, whose values would conflict with the two below if detection
        // compared across properties or subjects. None conflicts within its own pair.
        let mut docs = Vec::new();
        for i in 0..120 {
            let (property, value) = match i % 3 {
                // Open intervals always overlap one another.
                0 => ("fatalities.police", at_least(100.0 + f64::from(i))),
                1 => ("weapon", text(&format!("weapon {i}"))),
                _ => ("fatalities", at_least(50.0 + f64::from(i))),
            };
            docs.push(env.structured(
                &hot,
                property,
                value,
                Value::Null,
                &format!("Hot claim {i}"),
            ));
        }
        for (i, other) in others.iter().enumerate() {
            let n = 40.0 + i as f64;
            docs.push(env.structured(
                other,
                "injured",
                exactly(n),
                Value::Null,
                &format!("{n} hurt"),
            ));
            docs.push(env.structured(
                other,
                "vehicle",
                text(&format!("truck {i}")),
                Value::Null,
                &format!("A truck, {i}"),
            ));
        }
        env.write(move |tx, ledger, author| {
            docs.into_iter()
                .map(|doc| claims::create(tx, ledger, doc, author).map(|_| ()))
                .collect::<StoreResult<Vec<()>>>()
        })
        .await;
        assert!(env.flags(ContradictionFilter::default()).await.is_empty());

        let none = Value::Null;
        let a = env
            .said(
                &hot,
                "injured",
                at_least(20.0),
                none.clone(),
                "At least 20 injured",
            )
            .await;
        let b = env
            .said(&hot, "injured", exactly(15.0), none.clone(), "15 injured")
            .await;
        env.said(&hot, "vehicle", text("bus"), none.clone(), "A bus")
            .await;
        let all = env.flags(ContradictionFilter::default()).await;
        assert_eq!(open_pairs(&all), BTreeSet::from([pair(&a, &b)]));
        assert_eq!(all.len(), 1, "nothing extra");
        assert!(env.detect_again(&b).await.is_empty());

        // Moved to another property, b no longer shares one with a: the flag resolves.
        env.edit(&b, |doc| doc.property = Some("fatalities.civilian".into()))
            .await;
        let all = env.flags(ContradictionFilter::default()).await;
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].stored.snapshot.status, FlagStatus::Resolved);
        assert!(all[0].stored.snapshot.auto_resolved);
    }
);
