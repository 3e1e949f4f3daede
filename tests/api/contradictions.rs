//! Contradiction flags (issue 5): detected when a structured claim is written (quantity
//! intervals, single-valued properties, event times by their precision), shown on claims and
//! listed with filters, closed automatically — with a revision — when the conflict goes away,
//! raised by editors, decided by reviewers, flagged exactly once however the writes race, and
//! the demo's walk-through.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{id, ids, pointers};
use crate::helpers::{TestApp, assert_problem, spawn_app_with};
use crate::history_fixtures::{
    Desk, actions, by_path, diff, entity_value, flags_of, history, integrity, open_flags, pair,
    patch_ok, people, post_ok, read, run_binary, status_and_body, tag, text_value, unique,
};

fn claim_path(claim: &Value) -> String {
    format!("/v1/claims/{}", id(claim))
}

fn flag_path(flag: &Value) -> String {
    format!("/v1/contradictions/{}", id(flag))
}

/// Writes `first` then `second` about a fresh subject; returns the claims and the flag
/// between them, if any, after checking that both claims and the list agree about it.
async fn write_pair(
    app: &TestApp,
    desk: &Desk,
    property: &str,
    first: (Value, Option<&str>),
    second: (Value, Option<&str>),
) -> (Value, Value, Option<Value>) {
    let subject = desk.subject(app).await;
    let a = desk.claim(app, &subject, property, first.0, first.1).await;
    assert_eq!(a["open_contradiction_ids"], json!([]), "alone, no conflict");
    let b = desk
        .claim(app, &subject, property, second.0, second.1)
        .await;
    let flag = flag_of_pair(app, desk, &a, &b).await;
    let expected: Vec<String> = flag.iter().map(id).collect();
    let shown: Vec<String> = b["open_contradiction_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        shown, expected,
        "the create's answer shows the flag it opened"
    );
    assert_eq!(open_flags(app, &desk.team.editor, &a).await, expected);
    (a, b, flag)
}

/// The one flag between two claims, or None; never more than one.
async fn flag_of_pair(app: &TestApp, desk: &Desk, a: &Value, b: &Value) -> Option<Value> {
    let flags: Vec<Value> = flags_of(app, &desk.team.editor, a)
        .await
        .into_iter()
        .filter(|f| f["claim_ids"] == pair(a, b))
        .collect();
    assert!(flags.len() <= 1, "one flag per pair: {flags:?}");
    flags.into_iter().next()
}

/// A flag the service detected when `b` was written after `a`.
fn assert_detected(flag: &Value, a: &Value, b: &Value, property: &str) {
    assert_eq!(flag["claim_ids"], pair(a, b));
    assert_eq!(flag["origin"], "detected");
    assert_eq!(flag["status"], "open");
    assert_eq!(flag["subject_id"], a["subject"]["id"]);
    assert_eq!(flag["property"], property);
    assert_eq!(flag["revision"], 1);
    assert_eq!(flag["resolution_note"], Value::Null);
    assert_eq!(flag["preferred_claim_id"], Value::Null);
    assert!(
        flag["note"]
            .as_str()
            .is_some_and(|n| n.starts_with("Detected")),
        "{flag}"
    );
}

both_backends!(
    quantity_claims_are_flagged_exactly_when_their_intervals_are_disjoint,
    |app| async move {
        let desk = Desk::new(&app).await;
        let cases = [
            (
                "at least 20 vs 15",
                people(20.0, None),
                people(15.0, Some(15.0)),
                true,
            ),
            (
                "15 vs at least 20",
                people(15.0, Some(15.0)),
                people(20.0, None),
                true,
            ),
            (
                "at least 20 vs 23",
                people(20.0, None),
                people(23.0, Some(23.0)),
                false,
            ),
            (
                "at least 1 vs 3",
                people(1.0, None),
                people(3.0, Some(3.0)),
                false,
            ),
            (
                "at least 20 vs at least 1",
                people(20.0, None),
                people(1.0, None),
                false,
            ),
            (
                "touching [1, 5] vs [5, 9]",
                people(1.0, Some(5.0)),
                people(5.0, Some(9.0)),
                false,
            ),
            (
                "disjoint [1, 4] vs [5, 9]",
                people(1.0, Some(4.0)),
                people(5.0, Some(9.0)),
                true,
            ),
            (
                "disjoint [5, 9] vs [1, 4]",
                people(5.0, Some(9.0)),
                people(1.0, Some(4.0)),
                true,
            ),
            (
                "nested [1, 9] vs [4, 5]",
                people(1.0, Some(9.0)),
                people(4.0, Some(5.0)),
                false,
            ),
            (
                "equal bounds 2 vs 2",
                people(2.0, Some(2.0)),
                people(2.0, Some(2.0)),
                false,
            ),
            (
                "2 vs 3",
                people(2.0, Some(2.0)),
                people(3.0, Some(3.0)),
                true,
            ),
        ];
        for (what, first, second, conflict) in cases {
            let (a, b, flag) =
                write_pair(&app, &desk, "injured", (first, None), (second, None)).await;
            match flag {
                Some(flag) => {
                    assert!(
                        conflict,
                        "{what}: flagged, but they can both be true: {flag}"
                    );
                    assert_detected(&flag, &a, &b, "injured");
                    let me = app.get_ok("/v1/me", &desk.team.editor).await;
                    assert_eq!(flag["created_by"], me["id"], "{what}: whose write found it");
                }
                None => assert!(!conflict, "{what}: not flagged"),
            }
        }
    }
);

fn day_value(day: &str) -> Value {
    json!({"type": "time", "value": day, "precision": "day"})
}

both_backends!(
    single_valued_properties_are_flagged_when_their_values_differ,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let muzahim = app.entity_id(editor, "person", "Mufti Muzahim").await;
        let mehsud = app.entity_id(editor, "person", "Noor Wali Mehsud").await;
        let cases = [
            (
                "vehicle: motorbike vs rickshaw",
                "vehicle",
                text_value("motorbike"),
                text_value("rickshaw"),
                true,
            ),
            (
                "vehicle: motorbike vs motorbike",
                "vehicle",
                text_value("motorbike"),
                text_value("motorbike"),
                false,
            ),
            (
                "weapon (many): gun vs knife",
                "weapon",
                text_value("gun"),
                text_value("knife"),
                false,
            ),
            (
                "signatory: A vs B",
                "signatory",
                entity_value(&muzahim),
                entity_value(&mehsud),
                true,
            ),
            (
                "signatory: A vs A",
                "signatory",
                entity_value(&muzahim),
                entity_value(&muzahim),
                false,
            ),
            (
                "perpetrator (many): A vs B",
                "perpetrator",
                entity_value(&muzahim),
                entity_value(&mehsud),
                false,
            ),
            (
                "start_date: 26 vs 27 November 2022",
                "start_date",
                day_value("2022-11-26"),
                day_value("2022-11-27"),
                true,
            ),
            (
                "start_date: November 2022 vs 26 November 2022",
                "start_date",
                json!({"type": "time", "value": "2022-11", "precision": "month"}),
                day_value("2022-11-26"),
                false,
            ),
            (
                "start_date: 26 November 2022 vs 26 November 2022",
                "start_date",
                day_value("2022-11-26"),
                day_value("2022-11-26"),
                false,
            ),
        ];
        for (what, property, first, second, conflict) in cases {
            let (a, b, flag) =
                write_pair(&app, &desk, property, (first, None), (second, None)).await;
            match flag {
                Some(flag) => {
                    assert!(conflict, "{what}: flagged: {flag}");
                    assert_detected(&flag, &a, &b, property);
                }
                None => assert!(!conflict, "{what}: not flagged"),
            }
        }
    }
);

both_backends!(
    claims_conflict_only_when_their_event_times_can_overlap_at_their_precision,
    |app| async move {
        let desk = Desk::new(&app).await;
        let cases = [
            (
                "November 2022 vs 30 November 2022",
                Some("2022-11"),
                Some("2022-11-30"),
                true,
            ),
            (
                "30 November 2022 vs 21 April 2021",
                Some("2022-11-30"),
                Some("2021-04-21"),
                false,
            ),
            (
                "2022 vs 30 November 2022",
                Some("2022"),
                Some("2022-11-30"),
                true,
            ),
            (
                "October 2022 vs 30 November 2022",
                Some("2022-10"),
                Some("2022-11-30"),
                false,
            ),
            (
                "November 2022 vs 1 December 2022",
                Some("2022-11"),
                Some("2022-12-01"),
                false,
            ),
            ("no time vs 21 April 2021", None, Some("2021-04-21"), true),
            (
                "30 November 2022 vs no time",
                Some("2022-11-30"),
                None,
                true,
            ),
            (
                "08:15 PKT vs 30 November 2022",
                Some("2022-11-30T08:15:00+05:00"),
                Some("2022-11-30"),
                true,
            ),
            (
                "08:15 PKT vs 29 November 2022",
                Some("2022-11-30T08:15:00+05:00"),
                Some("2022-11-29"),
                false,
            ),
        ];
        for (what, first, second, conflict) in cases {
            // "At least 20 injured" against "15 injured": they conflict if they are about the
            // same moment.
            let (a, b, flag) = write_pair(
                &app,
                &desk,
                "injured",
                (people(20.0, None), first),
                (people(15.0, Some(15.0)), second),
            )
            .await;
            match flag {
                Some(flag) => {
                    assert!(conflict, "{what}: flagged: {flag}");
                    assert_detected(&flag, &a, &b, "injured");
                }
                None => assert!(!conflict, "{what}: not flagged"),
            }
        }
    }
);

both_backends!(
    an_edit_that_makes_two_claims_conflict_opens_a_flag,
    |app| async move {
        let desk = Desk::new(&app).await;
        let (a, b, flag) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), Some("2022-11-30")),
            (people(23.0, Some(23.0)), Some("2022-11-30")),
        )
        .await;
        assert!(flag.is_none());
        let (edited, _) = patch_ok(
            &app,
            &claim_path(&b),
            &desk.team.editor,
            &tag(1),
            &json!({"value": people(15.0, Some(15.0))}),
        )
        .await;
        let flag = flag_of_pair(&app, &desk, &a, &b).await.expect("flagged");
        assert_detected(&flag, &a, &b, "injured");
        assert_eq!(edited["open_contradiction_ids"], json!([id(&flag)]));
        assert_eq!(open_flags(&app, &desk.team.editor, &a).await, [id(&flag)]);

        // Moving the event to another year removes it again; moving it back brings it back.
        patch_ok(
            &app,
            &claim_path(&b),
            &desk.team.editor,
            &tag(2),
            &json!({"occurred_at": {"value": "2021", "precision": "year"}}),
        )
        .await;
        let flag = flag_of_pair(&app, &desk, &a, &b).await.unwrap();
        assert_eq!(flag["status"], "resolved");
        patch_ok(
            &app,
            &claim_path(&b),
            &desk.team.editor,
            &tag(3),
            &json!({"occurred_at": null}),
        )
        .await;
        let flag = flag_of_pair(&app, &desk, &a, &b).await.unwrap();
        assert_eq!(flag["status"], "open");
        assert_eq!(flag["revision"], 3);
    }
);

/// Every flag's history matches the flag: as many revisions as its revision number, the last
/// one holding its status, and an intact chain. A flag never changes without a revision.
async fn assert_every_flag_is_on_the_record(app: &TestApp, token: &str) {
    let flags = app.all_pages("/v1/contradictions", token, &[], 100).await;
    assert!(!flags.is_empty());
    for flag in &flags {
        let path = flag_path(flag);
        let revisions = history(app, &path, token).await;
        assert_eq!(
            revisions.len() as i64,
            flag["revision"].as_i64().unwrap(),
            "{flag}"
        );
        let last = app
            .get_ok(&format!("{path}/revisions/{}", flag["revision"]), token)
            .await;
        assert_eq!(last["snapshot"]["status"], flag["status"], "{flag}");
        assert_eq!(last["snapshot"]["resolution_note"], flag["resolution_note"]);
        assert_eq!(integrity(app, &path, token).await["valid"], true, "{flag}");
        if flag["status"] != "open" {
            assert!(
                revisions
                    .iter()
                    .any(|r| r["action"] == "status" || r["action"] == "revert"),
                "closed with a revision: {revisions:?}"
            );
        }
    }
}

both_backends!(
    an_edit_that_removes_the_conflict_closes_the_flag_with_a_revision_saying_why,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let (a, b, flag) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), None),
            (people(15.0, Some(15.0)), None),
        )
        .await;
        let flag = flag.expect("flagged");
        let (edited, _) = patch_ok(
            &app,
            &claim_path(&b),
            editor,
            &tag(1),
            &json!({"value": people(25.0, Some(25.0)), "edit_summary": "the hospital's count"}),
        )
        .await;
        assert_eq!(edited["open_contradiction_ids"], json!([]));
        assert_eq!(open_flags(&app, editor, &a).await, Vec::<String>::new());

        let (closed, etag) = read(&app, &flag_path(&flag), editor).await;
        assert_eq!(etag, tag(2));
        assert_eq!(closed["status"], "resolved");
        assert_eq!(closed["auto_resolved"], true, "the service resolved it");
        let note = closed["resolution_note"].as_str().unwrap();
        assert!(note.starts_with("Automatically resolved"), "{note}");
        assert_eq!(
            actions(&app, &flag_path(&flag), editor).await,
            ["status", "create"]
        );
        let revisions = history(&app, &flag_path(&flag), editor).await;
        assert_eq!(
            revisions[0]["author"]["username"], "editor",
            "whose edit closed it"
        );
        assert_eq!(
            by_path(&diff(&app, &flag_path(&flag), editor, 2, None).await),
            [
                json!({"op": "replace", "path": "/auto_resolved", "value": true}),
                json!({"op": "replace", "path": "/resolution_note", "value": note}),
                json!({"op": "replace", "path": "/status", "value": "resolved"}),
            ]
        );

        // The conflict comes back: the flag the service closed opens again (no second flag).
        patch_ok(
            &app,
            &claim_path(&b),
            editor,
            &tag(2),
            &json!({"value": people(12.0, Some(12.0))}),
        )
        .await;
        let reopened = flag_of_pair(&app, &desk, &a, &b).await.unwrap();
        assert_eq!(id(&reopened), id(&flag));
        assert_eq!(reopened["status"], "open");
        assert_eq!(reopened["revision"], 3);
        assert_eq!(flags_of(&app, editor, &a).await.len(), 1);
        assert_every_flag_is_on_the_record(&app, editor).await;
    }
);

both_backends!(
    retracting_a_claim_closes_its_flags_and_restoring_it_opens_them_again,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let (a, b, flag) = write_pair(
            &app,
            &desk,
            "vehicle",
            (text_value("motorbike"), Some("2022-11-30")),
            (text_value("rickshaw"), Some("2022-11-30")),
        )
        .await;
        let flag = flag.expect("flagged");
        post_ok(
            &app,
            &format!("{}/retract", claim_path(&b)),
            &desk.team.reviewer,
            &tag(1),
            &json!({"reason": "the outlet corrected itself"}),
        )
        .await;
        let (closed, _) = read(&app, &flag_path(&flag), editor).await;
        assert_eq!(closed["status"], "resolved");
        assert_eq!(closed["auto_resolved"], true, "the service resolved it");
        let note = closed["resolution_note"].as_str().unwrap();
        assert!(note.starts_with("Automatically resolved"), "{note}");
        assert!(note.contains("retracted"), "{note}");
        assert_eq!(
            actions(&app, &flag_path(&flag), editor).await,
            ["status", "create"]
        );
        assert_eq!(
            history(&app, &flag_path(&flag), editor).await[0]["author"]["username"],
            "reviewer"
        );
        assert_eq!(open_flags(&app, editor, &a).await, Vec::<String>::new());

        post_ok(
            &app,
            &format!("{}/restore", claim_path(&b)),
            &desk.team.reviewer,
            &tag(2),
            &json!({"reason": "the correction was wrong"}),
        )
        .await;
        let (reopened, etag) = read(&app, &flag_path(&flag), editor).await;
        assert_eq!(reopened["status"], "open");
        assert_eq!(etag, tag(3));
        assert_eq!(open_flags(&app, editor, &a).await, [id(&flag)]);
        assert_every_flag_is_on_the_record(&app, editor).await;
    }
);

both_backends!(
    a_dismissed_detected_flag_stays_dismissed_through_unrelated_edits,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let (a, b, flag) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), None),
            (people(15.0, Some(15.0)), None),
        )
        .await;
        let flag = flag.expect("flagged");
        patch_ok(
            &app,
            &flag_path(&flag),
            &desk.team.reviewer,
            &tag(1),
            &json!({"status": "dismissed", "resolution_note": "15 were hospitalised, others treated on site"}),
        )
        .await;
        patch_ok(
            &app,
            &claim_path(&a),
            editor,
            &tag(1),
            &json!({"tags": ["quetta"]}),
        )
        .await;
        patch_ok(
            &app,
            &claim_path(&b),
            editor,
            &tag(1),
            &json!({"confidence": 0.8}),
        )
        .await;
        patch_ok(
            &app,
            &claim_path(&a),
            editor,
            &tag(2),
            &json!({"statement": unique("At least twenty were injured")}),
        )
        .await;
        let (still, etag) = read(&app, &flag_path(&flag), editor).await;
        assert_eq!(still["status"], "dismissed");
        assert_eq!(etag, tag(2), "no revision since the dismissal");
        assert_eq!(
            flags_of(&app, editor, &a).await.len(),
            1,
            "and no second flag"
        );
        assert_eq!(open_flags(&app, editor, &a).await, Vec::<String>::new());
        assert_eq!(open_flags(&app, editor, &b).await, Vec::<String>::new());
    }
);

both_backends!(
    claims_show_their_open_flags_and_lists_filter_by_them,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let (a, b, injured) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), None),
            (people(15.0, Some(15.0)), None),
        )
        .await;
        let (d, e, vehicle) = write_pair(
            &app,
            &desk,
            "vehicle",
            (text_value("motorbike"), None),
            (text_value("rickshaw"), None),
        )
        .await;
        let (injured, vehicle) = (injured.unwrap(), vehicle.unwrap());
        let c = desk.plain_claim(&app).await;
        for (claim, expected) in [
            (&a, vec![id(&injured)]),
            (&b, vec![id(&injured)]),
            (&d, vec![id(&vehicle)]),
            (&e, vec![id(&vehicle)]),
            (&c, vec![]),
        ] {
            assert_eq!(open_flags(&app, editor, claim).await, expected);
        }
        let listed = |open: &'static str| {
            let app = &app;
            async move {
                let mut found = app
                    .claim_ids(editor, &[("has_open_contradictions", open)])
                    .await;
                found.sort();
                found
            }
        };
        let sorted = |claims: &[&Value]| {
            let mut ids: Vec<String> = claims.iter().map(|c| id(c)).collect();
            ids.sort();
            ids
        };
        assert_eq!(listed("true").await, sorted(&[&a, &b, &d, &e]));
        assert_eq!(listed("false").await, sorted(&[&c]));

        let of_a = flags_of(&app, editor, &a).await;
        assert_eq!(ids(&of_a), [id(&injured)]);
        assert_eq!(flags_of(&app, editor, &c).await, Vec::<Value>::new());
        let response = app
            .get("/v1/claims/no-such-claim/contradictions", editor)
            .await;
        assert_problem(response, 404, "not_found").await;

        // Dismissed: no longer open, still listed on the claim.
        patch_ok(
            &app,
            &flag_path(&vehicle),
            &desk.team.reviewer,
            &tag(1),
            &json!({"status": "dismissed", "resolution_note": "the article says either"}),
        )
        .await;
        assert_eq!(open_flags(&app, editor, &d).await, Vec::<String>::new());
        assert_eq!(listed("true").await, sorted(&[&a, &b]));
        assert_eq!(listed("false").await, sorted(&[&c, &d, &e]));
        let of_d = flags_of(&app, editor, &d).await;
        assert_eq!(ids(&of_d), [id(&vehicle)]);
        assert_eq!(of_d[0]["status"], "dismissed");
    }
);

both_backends!(
    the_flag_list_filters_by_status_origin_claim_and_subject_and_pages_with_a_cursor,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let (a, _, f1) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), None),
            (people(15.0, Some(15.0)), None),
        )
        .await;
        let (c, d, f2) = write_pair(
            &app,
            &desk,
            "vehicle",
            (text_value("motorbike"), None),
            (text_value("rickshaw"), None),
        )
        .await;
        let (f1, f2) = (f1.unwrap(), f2.unwrap());
        let response = app
            .post_json(
                "/v1/contradictions",
                editor,
                &json!({"claim_ids": [id(&a), id(&c)], "note": "the same source contradicts itself"}),
            )
            .await;
        assert_eq!(response.status(), 201);
        let f3: Value = response.json().await.unwrap();
        patch_ok(
            &app,
            &flag_path(&f2),
            &desk.team.reviewer,
            &tag(1),
            &json!({"status": "dismissed"}),
        )
        .await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let list = |params: Vec<(&'static str, String)>| {
            let (app, viewer) = (&app, &viewer);
            async move {
                let params: Vec<(&str, &str)> =
                    params.iter().map(|(k, v)| (*k, v.as_str())).collect();
                ids(&app
                    .all_pages("/v1/contradictions", viewer, &params, 100)
                    .await)
            }
        };
        let s = |v: &str| v.to_owned();
        let (f1, f2, f3) = (id(&f1), id(&f2), id(&f3));
        assert_eq!(
            list(vec![]).await,
            [f1.clone(), f2.clone(), f3.clone()],
            "in creation order"
        );
        assert_eq!(
            list(vec![("status", s("open"))]).await,
            [f1.clone(), f3.clone()]
        );
        assert_eq!(
            list(vec![("status", s("dismissed"))]).await,
            vec![f2.clone()]
        );
        assert_eq!(
            list(vec![("status", s("confirmed"))]).await,
            Vec::<String>::new()
        );
        assert_eq!(list(vec![("origin", s("manual"))]).await, vec![f3.clone()]);
        assert_eq!(
            list(vec![("origin", s("detected"))]).await,
            [f1.clone(), f2.clone()]
        );
        assert_eq!(
            list(vec![("claim_id", id(&a))]).await,
            [f1.clone(), f3.clone()]
        );
        assert_eq!(list(vec![("claim_id", id(&d))]).await, vec![f2.clone()]);
        assert_eq!(
            list(vec![(
                "subject_id",
                a["subject"]["id"].as_str().unwrap().to_owned()
            )])
            .await,
            vec![f1.clone()]
        );
        assert_eq!(
            list(vec![(
                "subject_id",
                c["subject"]["id"].as_str().unwrap().to_owned()
            )])
            .await,
            vec![f2.clone()]
        );
        assert_eq!(
            list(vec![("origin", s("detected")), ("status", s("open"))]).await,
            vec![f1.clone()]
        );

        // One at a time: every flag once, in the same order, and the last page says so.
        let mut cursor: Option<String> = None;
        let mut paged = Vec::new();
        loop {
            let mut params = vec![("limit", "1")];
            if let Some(c) = &cursor {
                params.push(("cursor", c));
            }
            let (items, next) = app.page("/v1/contradictions", &viewer, &params).await;
            assert_eq!(items.len(), 1);
            paged.extend(ids(&items));
            match next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(paged, [f1, f2, f3]);

        for bad in ["status=closed", "origin=robot", "limit=0", "cursor=%25%25"] {
            let response = app.get(&format!("/v1/contradictions?{bad}"), &viewer).await;
            let status = response.status().as_u16();
            assert!(status == 400 || status == 422, "{bad}: {status}");
        }
    }
);

both_backends!(
    editors_flag_two_claims_once_per_unordered_pair,
    |app| async move {
        let desk = Desk::new(&app).await;
        let editor = &desk.team.editor;
        let a = desk.plain_claim(&app).await;
        let b = desk.plain_claim(&app).await;
        let response = app
            .post_json(
                "/v1/contradictions",
                editor,
                &json!({"claim_ids": [id(&b), id(&a)], "note": "  one says Tuesday, one Wednesday "}),
            )
            .await;
        assert_eq!(response.status(), 201);
        assert_eq!(response.headers()["etag"], tag(1).as_str());
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let flag: Value = response.json().await.unwrap();
        assert_eq!(location, flag_path(&flag));
        assert_eq!(flag["claim_ids"], pair(&a, &b));
        assert_eq!(flag["origin"], "manual");
        assert_eq!(flag["status"], "open");
        assert_eq!(flag["note"], "one says Tuesday, one Wednesday");
        assert_eq!(flag["revision"], 1);
        let me = app.get_ok("/v1/me", editor).await;
        assert_eq!(flag["created_by"], me["id"]);
        let (read_back, _) = read(&app, &location, editor).await;
        assert_eq!(read_back, flag);
        assert_eq!(open_flags(&app, editor, &a).await, [id(&flag)]);
        assert_eq!(open_flags(&app, editor, &b).await, [id(&flag)]);
        assert_eq!(actions(&app, &location, editor).await, ["create"]);

        // The same pair again, in either order, by anyone: 409 naming the first.
        let colleague = app.user_with_role("colleague", "editor").await;
        for (token, claim_ids) in [
            (editor, json!([id(&a), id(&b)])),
            (&colleague, json!([id(&b), id(&a)])),
        ] {
            let response = app
                .post_json(
                    "/v1/contradictions",
                    token,
                    &json!({"claim_ids": claim_ids}),
                )
                .await;
            let problem = assert_problem(response, 409, "duplicate_flag").await;
            assert_eq!(problem["existing_id"], flag["id"]);
        }

        // A claim cannot contradict itself; unknown and retracted claims cannot be flagged.
        let response = app
            .post_json(
                "/v1/contradictions",
                editor,
                &json!({"claim_ids": [id(&a), id(&a)]}),
            )
            .await;
        assert_problem(response, 422, "validation_failed").await;
        let response = app
            .post_json(
                "/v1/contradictions",
                editor,
                &json!({"claim_ids": [id(&a), "no-such-claim"]}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/claim_ids/1"]);
        let c = desk.plain_claim(&app).await;
        post_ok(
            &app,
            &format!("{}/retract", claim_path(&c)),
            &desk.team.reviewer,
            &tag(1),
            &json!({"reason": "duplicate of another"}),
        )
        .await;
        let response = app
            .post_json(
                "/v1/contradictions",
                editor,
                &json!({"claim_ids": [id(&a), id(&c)]}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/claim_ids/1"]);
        for claim_ids in [json!([id(&a)]), json!([id(&a), id(&b), id(&c)]), json!([])] {
            let response = app
                .post_json(
                    "/v1/contradictions",
                    editor,
                    &json!({"claim_ids": claim_ids}),
                )
                .await;
            assert_problem(response, 422, "validation_failed").await;
        }

        // Viewers read flags but cannot raise them.
        let viewer = app.user_with_role("viewer", "viewer").await;
        let d = desk.plain_claim(&app).await;
        let response = app
            .post_json(
                "/v1/contradictions",
                &viewer,
                &json!({"claim_ids": [id(&a), id(&d)]}),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;
        read(&app, &location, &viewer).await;
        assert_eq!(
            app.all_pages("/v1/contradictions", &viewer, &[], 100)
                .await
                .len(),
            1,
            "nothing but the first flag was created"
        );
    }
);

both_backends!(
    a_manual_flag_on_a_pair_already_detected_names_the_detected_flag,
    |app| async move {
        let desk = Desk::new(&app).await;
        let (a, b, flag) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), None),
            (people(15.0, Some(15.0)), None),
        )
        .await;
        let response = app
            .post_json(
                "/v1/contradictions",
                &desk.team.editor,
                &json!({"claim_ids": [id(&a), id(&b)], "note": "these disagree"}),
            )
            .await;
        let problem = assert_problem(response, 409, "duplicate_flag").await;
        assert_eq!(problem["existing_id"], flag.unwrap()["id"]);
    }
);

both_backends!(
    reviewers_decide_flags_and_every_decision_is_a_revision,
    |app| async move {
        let desk = Desk::new(&app).await;
        let (editor, reviewer) = (&desk.team.editor, &desk.team.reviewer);
        let (a, b, flag) = write_pair(
            &app,
            &desk,
            "injured",
            (people(20.0, None), None),
            (people(15.0, Some(15.0)), None),
        )
        .await;
        let path = flag_path(&flag.unwrap());
        let decision = json!({
            "status": "confirmed",
            "resolution_note": "the hospital counted 23",
            "preferred_claim_id": id(&a),
            "edit_summary": "checked with the hospital",
        });

        // Editors cannot decide; reviewers need If-Match; the preferred claim is one of the pair.
        let response = app
            .patch_json(&path, editor, Some(&tag(1)), &decision)
            .await;
        assert_problem(response, 403, "forbidden").await;
        let response = app.patch_json(&path, reviewer, None, &decision).await;
        assert_problem(response, 428, "if_match_required").await;
        let response = app
            .patch_json(&path, reviewer, Some(&tag(7)), &decision)
            .await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 1);
        let other = desk.plain_claim(&app).await;
        let response = app
            .patch_json(
                &path,
                reviewer,
                Some(&tag(1)),
                &json!({"status": "resolved", "preferred_claim_id": id(&other)}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/preferred_claim_id"]);
        for body in [json!({"status": null}), json!({"status": "closed"})] {
            let response = app.patch_json(&path, reviewer, Some(&tag(1)), &body).await;
            let (status, body) = status_and_body(response).await;
            assert_eq!(status, 422, "{body}");
        }
        // A patch that changes nothing writes nothing (issue 12).
        for body in [
            json!({}),
            json!({"status": "open", "edit_summary": "still open"}),
        ] {
            let (_, etag) = patch_ok(&app, &path, reviewer, &tag(1), &body).await;
            assert_eq!(etag, tag(1), "{body}");
        }
        let (_, etag) = read(&app, &path, editor).await;
        assert_eq!(etag, tag(1), "nothing was written");

        let (confirmed, etag) = patch_ok(&app, &path, reviewer, &tag(1), &decision).await;
        assert_eq!(etag, tag(2));
        assert_eq!(confirmed["status"], "confirmed");
        assert_eq!(confirmed["resolution_note"], "the hospital counted 23");
        assert_eq!(confirmed["preferred_claim_id"], id(&a));
        assert_eq!(open_flags(&app, editor, &a).await, Vec::<String>::new());
        let (dismissed, _) = patch_ok(
            &app,
            &path,
            reviewer,
            &tag(2),
            &json!({"status": "dismissed", "preferred_claim_id": null}),
        )
        .await;
        assert_eq!(
            dismissed["resolution_note"], "the hospital counted 23",
            "kept"
        );
        assert_eq!(dismissed["preferred_claim_id"], Value::Null);
        let (resolved, _) = patch_ok(
            &app,
            &path,
            reviewer,
            &tag(3),
            &json!({"status": "resolved", "resolution_note": "the outlet corrected to 23", "preferred_claim_id": id(&b)}),
        )
        .await;
        assert_eq!(resolved["preferred_claim_id"], id(&b));

        // On the record: history, one revision, a diff, an intact chain — readable by viewers.
        let viewer = app.user_with_role("viewer", "viewer").await;
        let revisions = history(&app, &path, &viewer).await;
        assert_eq!(
            revisions
                .iter()
                .map(|r| r["action"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["status", "status", "status", "create"]
        );
        assert_eq!(
            revisions
                .iter()
                .map(|r| r["author"]["username"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["reviewer", "reviewer", "reviewer", "editor"]
        );
        assert_eq!(revisions[2]["edit_summary"], "checked with the hospital");
        let second = app.get_ok(&format!("{path}/revisions/2"), &viewer).await;
        assert_eq!(second["snapshot"]["status"], "confirmed");
        assert_eq!(
            by_path(&diff(&app, &path, &viewer, 2, None).await),
            [
                json!({"op": "replace", "path": "/preferred_claim_id", "value": id(&a)}),
                json!({"op": "replace", "path": "/resolution_note", "value": "the hospital counted 23"}),
                json!({"op": "replace", "path": "/status", "value": "confirmed"}),
            ]
        );
        assert_eq!(
            integrity(&app, &path, &viewer).await,
            json!({"valid": true, "revisions": 4, "first_bad_revision": null})
        );

        // Revert: reviewers only, back to the open flag, as a new revision.
        let response = app
            .post_if_match(
                &format!("{path}/revert"),
                editor,
                Some(&tag(4)),
                &json!({"to_revision": 1}),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;
        let (reverted, etag) = post_ok(
            &app,
            &format!("{path}/revert"),
            reviewer,
            &tag(4),
            &json!({"to_revision": 1}),
        )
        .await;
        assert_eq!(etag, tag(5));
        assert_eq!(reverted["status"], "open");
        assert_eq!(reverted["resolution_note"], Value::Null);
        assert_eq!(reverted["preferred_claim_id"], Value::Null);
        assert_eq!(actions(&app, &path, &viewer).await[0], "revert");
        let fifth = app.get_ok(&format!("{path}/revisions/5"), &viewer).await;
        let first = app.get_ok(&format!("{path}/revisions/1"), &viewer).await;
        assert_eq!(fifth["snapshot"], first["snapshot"]);
        assert_eq!(open_flags(&app, editor, &a).await, [id(&reverted)]);
    }
);

/// The claims of one round of the race: their values, written all at once.
async fn race_claims(
    apps: &[Arc<TestApp>],
    desk: &Desk,
    subject: &str,
    values: &[Value],
) -> Vec<Value> {
    let tasks: Vec<_> = values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let app = apps[i % apps.len()].clone();
            let body = desk.body(subject, "injured", value.clone(), Some("2022-11-30"));
            let token = desk.team.editor.clone();
            tokio::spawn(async move {
                let response = app.post_json("/v1/claims", &token, &body).await;
                let (status, body) = status_and_body(response).await;
                assert_eq!(status, 201, "{body}");
                body
            })
        })
        .collect();
    let mut claims = Vec::new();
    for task in tasks {
        claims.push(task.await.unwrap());
    }
    claims
}

fn bounds(value: &Value) -> (f64, f64) {
    (
        value["lower"].as_f64().unwrap(),
        value["upper"].as_f64().unwrap_or(f64::INFINITY),
    )
}

/// Conflicting claims written at the same moment, round after round: every conflicting pair
/// is flagged exactly once, never twice and never not at all.
async fn every_conflicting_pair_flagged_once(apps: &[Arc<TestApp>]) {
    let app = &apps[0];
    let desk = Desk::new(app).await;
    let rounds: Vec<Vec<Value>> = (0..10)
        .map(|round| {
            if round % 5 == 4 {
                vec![
                    people(20.0, None),
                    people(15.0, Some(15.0)),
                    people(10.0, Some(10.0)),
                    people(23.0, Some(23.0)),
                ]
            } else {
                vec![people(20.0, None), people(15.0, Some(15.0))]
            }
        })
        .collect();
    for (round, values) in rounds.iter().enumerate() {
        let subject = desk.subject(app).await;
        let claims = race_claims(apps, &desk, &subject, values).await;
        let mut expected = BTreeSet::new();
        for (i, a) in claims.iter().enumerate() {
            for b in &claims[i + 1..] {
                let ((a_low, a_high), (b_low, b_high)) = (bounds(&a["value"]), bounds(&b["value"]));
                if a_high < b_low || b_high < a_low {
                    expected.insert(pair(a, b).to_string());
                }
            }
        }
        let flags = app
            .all_pages(
                "/v1/contradictions",
                &desk.team.editor,
                &[("subject_id", &subject)],
                100,
            )
            .await;
        let found: Vec<String> = flags.iter().map(|f| f["claim_ids"].to_string()).collect();
        let unique_found: BTreeSet<String> = found.iter().cloned().collect();
        assert_eq!(
            found.len(),
            unique_found.len(),
            "round {round}: a pair flagged twice: {flags:?}"
        );
        assert_eq!(unique_found, expected, "round {round}: {flags:?}");
        for flag in &flags {
            assert_eq!(flag["origin"], "detected");
            assert_eq!(flag["status"], "open");
        }
        for claim in &claims {
            let mut shown = open_flags(app, &desk.team.editor, claim).await;
            shown.sort();
            let mut of_claim: Vec<String> = flags
                .iter()
                .filter(|f| f["claim_ids"].as_array().unwrap().contains(&claim["id"]))
                .map(id)
                .collect();
            of_claim.sort();
            assert_eq!(shown, of_claim, "round {round}");
        }
    }
}

both_backends!(
    conflicting_claims_written_at_the_same_moment_are_flagged_exactly_once,
    |app| async move {
        every_conflicting_pair_flagged_once(&[Arc::new(app)]).await;
    }
);

both_backends!(
    conflicting_claims_written_at_once_through_two_instances_are_flagged_exactly_once,
    |app| async move {
        let second = spawn_app_with(app.db.clone(), |_| {}).await;
        every_conflicting_pair_flagged_once(&[Arc::new(app), Arc::new(second)]).await;
    }
);

both_backends!(
    two_editors_flagging_one_pair_at_once_make_one_flag_and_a_409_naming_it,
    |app| async move {
        let second = Arc::new(spawn_app_with(app.db.clone(), |_| {}).await);
        let desk = Desk::new(&app).await;
        let colleague = app.user_with_role("colleague", "editor").await;
        let app = Arc::new(app);
        for _ in 0..5 {
            let a = desk.plain_claim(&app).await;
            let b = desk.plain_claim(&app).await;
            let send = |app: Arc<TestApp>, token: String, ids: Value| {
                tokio::spawn(async move {
                    let response = app
                        .post_json("/v1/contradictions", &token, &json!({"claim_ids": ids}))
                        .await;
                    status_and_body(response).await
                })
            };
            let first = send(
                app.clone(),
                desk.team.editor.clone(),
                json!([id(&a), id(&b)]),
            );
            let other = send(second.clone(), colleague.clone(), json!([id(&b), id(&a)]));
            let mut answers = vec![first.await.unwrap(), other.await.unwrap()];
            answers.sort_by_key(|(status, _)| *status);
            let [(created, flag), (conflict, problem)] =
                <[(u16, Value); 2]>::try_from(answers).unwrap();
            assert_eq!((created, conflict), (201, 409), "{flag} {problem}");
            assert_eq!(problem["code"], "duplicate_flag");
            assert_eq!(problem["existing_id"], flag["id"]);
            assert_eq!(flags_of(&app, &desk.team.editor, &a).await.len(), 1);
        }
    }
);

both_backends!(
    the_demo_flags_the_vehicle_and_a_newcomer_s_count_is_flagged_resolved_and_on_the_record,
    |app| async move {
        // The server has made the first admin; the demo is written in their name.
        let output = run_binary(app.db.clone(), &["seed", "--demo"]).await;
        assert!(
            output.status.success(),
            "seed --demo: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let viewer = app.user_with_role("viewer", "viewer").await;

        // The article's "motorbike or rickshaw" is two claims, flagged as detected.
        let vehicles = app
            .all_pages("/v1/claims", &viewer, &[("property", "vehicle")], 100)
            .await;
        assert_eq!(vehicles.len(), 2, "{vehicles:?}");
        let detected = app
            .all_pages(
                "/v1/contradictions",
                &viewer,
                &[("origin", "detected")],
                100,
            )
            .await;
        let vehicle_flags: Vec<&Value> = detected
            .iter()
            .filter(|f| f["property"] == "vehicle")
            .collect();
        assert_eq!(vehicle_flags.len(), 1, "{detected:?}");
        assert_eq!(
            vehicle_flags[0]["claim_ids"],
            pair(&vehicles[0], &vehicles[1])
        );
        assert_eq!(vehicle_flags[0]["status"], "open");
        assert_eq!(
            vehicles[0]["open_contradiction_ids"],
            json!([vehicle_flags[0]["id"]])
        );

        // A newcomer adds a count from a second source.
        let editor = app.user_with_role("newcomer", "editor").await;
        let reviewer = app.user_with_role("reviewer", "reviewer").await;
        let (attacks, _) = app
            .page("/v1/entities", &viewer, &[("q", "quetta attack")])
            .await;
        assert_eq!(attacks.len(), 1, "{attacks:?}");
        let attack = id(&attacks[0]);
        let dawn = app
            .source_id(&editor, "Dawn: Quetta blast injures 15")
            .await;
        let claim = app
            .create_claim(
                &editor,
                &json!({
                    "statement": "15 people were injured in the Quetta attack",
                    "subject_id": attack,
                    "property": "injured",
                    "value": people(15.0, Some(15.0)),
                    "occurred_at": {"value": "2022-11-30", "precision": "day"},
                    "confidence": 0.6,
                    "citations": [{"source_id": dawn, "quote": "15 injured"}],
                }),
            )
            .await;
        let flag_ids = claim["open_contradiction_ids"].as_array().unwrap().clone();
        assert_eq!(flag_ids.len(), 1, "{claim}");
        let path = format!("/v1/contradictions/{}", flag_ids[0].as_str().unwrap());
        let (flag, etag) = read(&app, &path, &viewer).await;
        let at_least_20 = app
            .all_pages(
                "/v1/claims",
                &viewer,
                &[("subject_id", &attack), ("property", "injured")],
                100,
            )
            .await
            .into_iter()
            .find(|c| c["value"]["lower"] == 20.0 && c["value"]["upper"].is_null())
            .expect("the demo's \"at least 20 injured\"");
        assert_eq!(flag["claim_ids"], pair(&claim, &at_least_20));
        assert_eq!(flag["origin"], "detected");
        assert_eq!(flag["status"], "open");

        // A reviewer resolves it; the flag's history tells the story.
        let (resolved, _) = patch_ok(
            &app,
            &path,
            &reviewer,
            &etag,
            &json!({
                "status": "resolved",
                "resolution_note": "15 were taken to hospital; at least 20 were hurt in all",
                "preferred_claim_id": id(&at_least_20),
            }),
        )
        .await;
        assert_eq!(resolved["status"], "resolved");
        let revisions = history(&app, &path, &viewer).await;
        assert_eq!(
            revisions
                .iter()
                .map(|r| r["action"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["status", "create"]
        );
        assert_eq!(
            revisions
                .iter()
                .map(|r| r["author"]["username"].as_str().unwrap())
                .collect::<Vec<_>>(),
            ["reviewer", "newcomer"]
        );
        assert_eq!(
            open_flags(&app, &viewer, &claim).await,
            Vec::<String>::new()
        );
    }
);

both_backends!(
    a_manual_flag_racing_the_edit_that_makes_the_same_pair_conflict_fails_neither_write,
    |app| async move {
        let second = Arc::new(spawn_app_with(app.db.clone(), |_| {}).await);
        let desk = Desk::new(&app).await;
        let app = Arc::new(app);
        for round in 0..20 {
            let subject = desk.subject(&app).await;
            let a = desk
                .claim(&app, &subject, "injured", people(20.0, None), None)
                .await;
            let b = desk
                .claim(&app, &subject, "injured", people(23.0, Some(23.0)), None)
                .await;
            let flag = {
                let (app, token, ids) = (
                    app.clone(),
                    desk.team.editor.clone(),
                    json!([id(&a), id(&b)]),
                );
                tokio::spawn(async move {
                    let response = app
                        .post_json("/v1/contradictions", &token, &json!({"claim_ids": ids}))
                        .await;
                    status_and_body(response).await
                })
            };
            let edit = {
                let (app, token, path) = (second.clone(), desk.team.editor.clone(), claim_path(&b));
                tokio::spawn(async move {
                    let response = app
                        .patch_json(
                            &path,
                            &token,
                            Some(&tag(1)),
                            &json!({"value": people(15.0, Some(15.0))}),
                        )
                        .await;
                    status_and_body(response).await
                })
            };
            let (flag, edit) = (flag.await.unwrap(), edit.await.unwrap());
            assert_eq!(edit.0, 200, "round {round}: the edit succeeds: {}", edit.1);
            match flag.0 {
                201 => assert_eq!(flag.1["origin"], "manual"),
                409 => assert_eq!(flag.1["code"], "duplicate_flag", "round {round}"),
                other => panic!("round {round}: {other} {}", flag.1),
            }
            let flags = flags_of(&app, &desk.team.editor, &a).await;
            assert_eq!(
                flags.len(),
                1,
                "round {round}: one flag for the pair: {flags:?}"
            );
            assert_eq!(flags[0]["status"], "open");
        }
    }
);

both_backends!(
    a_reviewer_deciding_a_flag_while_an_edit_removes_its_conflict_never_fails_the_edit,
    |app| async move {
        let second = Arc::new(spawn_app_with(app.db.clone(), |_| {}).await);
        let desk = Desk::new(&app).await;
        let app = Arc::new(app);
        for round in 0..20 {
            let (a, b, flag) = write_pair(
                &app,
                &desk,
                "injured",
                (people(20.0, None), None),
                (people(15.0, Some(15.0)), None),
            )
            .await;
            let path = flag_path(&flag.expect("flagged"));
            let decision = {
                let (app, token, path) = (app.clone(), desk.team.reviewer.clone(), path.clone());
                tokio::spawn(async move {
                    let response = app
                        .patch_json(
                            &path,
                            &token,
                            Some(&tag(1)),
                            &json!({"status": "dismissed"}),
                        )
                        .await;
                    status_and_body(response).await
                })
            };
            let edit = {
                let (app, token, path) = (second.clone(), desk.team.editor.clone(), claim_path(&b));
                tokio::spawn(async move {
                    let response = app
                        .patch_json(
                            &path,
                            &token,
                            Some(&tag(1)),
                            &json!({"value": people(25.0, Some(25.0))}),
                        )
                        .await;
                    status_and_body(response).await
                })
            };
            let (decision, edit) = (decision.await.unwrap(), edit.await.unwrap());
            assert_eq!(
                edit.0, 200,
                "round {round}: the claim's If-Match was right: {}",
                edit.1
            );
            let (flag, etag) = read(&app, &path, &desk.team.editor).await;
            match decision.0 {
                // The reviewer decided first: their decision stands.
                200 => {
                    assert_eq!(flag["status"], "dismissed", "round {round}");
                    assert_eq!(etag, tag(2), "round {round}");
                }
                // The edit closed it first: the reviewer is told it changed.
                412 => {
                    assert_eq!(flag["status"], "resolved", "round {round}");
                    assert_eq!(etag, tag(2), "round {round}");
                }
                other => panic!("round {round}: {other} {}", decision.1),
            }
            assert_eq!(
                open_flags(&app, &desk.team.editor, &a).await,
                Vec::<String>::new()
            );
        }
    }
);

both_backends!(
    a_reviewer_deciding_a_flag_while_an_edit_brings_its_conflict_back_never_fails_the_edit,
    |app| async move {
        let second = Arc::new(spawn_app_with(app.db.clone(), |_| {}).await);
        let desk = Desk::new(&app).await;
        let app = Arc::new(app);
        for round in 0..20 {
            let (_, b, flag) = write_pair(
                &app,
                &desk,
                "injured",
                (people(20.0, None), None),
                (people(15.0, Some(15.0)), None),
            )
            .await;
            let path = flag_path(&flag.expect("flagged"));
            // The service closes it when the conflict goes away...
            patch_ok(
                &app,
                &claim_path(&b),
                &desk.team.editor,
                &tag(1),
                &json!({"value": people(25.0, Some(25.0))}),
            )
            .await;
            // ...and while a reviewer settles it for good, an edit brings the conflict back.
            let decision = {
                let (app, token, path) = (app.clone(), desk.team.reviewer.clone(), path.clone());
                tokio::spawn(async move {
                    let response = app
                        .patch_json(
                            &path,
                            &token,
                            Some(&tag(2)),
                            &json!({"status": "dismissed", "resolution_note": "different counts"}),
                        )
                        .await;
                    status_and_body(response).await
                })
            };
            let edit = {
                let (app, token, path) = (second.clone(), desk.team.editor.clone(), claim_path(&b));
                tokio::spawn(async move {
                    let response = app
                        .patch_json(
                            &path,
                            &token,
                            Some(&tag(2)),
                            &json!({"value": people(15.0, Some(15.0))}),
                        )
                        .await;
                    status_and_body(response).await
                })
            };
            let (decision, edit) = (decision.await.unwrap(), edit.await.unwrap());
            assert_eq!(edit.0, 200, "round {round}: {}", edit.1);
            let (flag, etag) = read(&app, &path, &desk.team.editor).await;
            assert_eq!(etag, tag(3), "round {round}: one change after the close");
            match decision.0 {
                200 => assert_eq!(flag["status"], "dismissed", "round {round}"),
                412 => assert_eq!(flag["status"], "open", "round {round}"),
                other => panic!("round {round}: {other} {}", decision.1),
            }
        }
    }
);
