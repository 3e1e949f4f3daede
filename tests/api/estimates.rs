//! `GET /v1/estimates`: the range the credible claims about a quantity allow together, the
//! claims that set each bound, a conflict instead of a number when they cannot all be true,
//! units kept apart, and every claim behind it a page at a time.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, etag, id, pointers, set_verdict, with_query};
use crate::helpers::{TestApp, assert_problem};

/// A claim that `subject` had `lower`–`upper` of `property` on 30 November 2022.
fn quantity(
    subject: &str,
    property: &str,
    statement: &str,
    (lower, upper, unit): (u32, Option<u32>, &str),
    confidence: f64,
    source: &str,
) -> Value {
    json!({
        "statement": statement,
        "subject_id": subject,
        "property": property,
        "value": {"type": "quantity", "lower": lower, "upper": upper, "unit": unit},
        "occurred_at": {"value": "2022-11-30", "precision": "day"},
        "confidence": confidence,
        "citations": [{"source_id": source}],
    })
}

async fn estimate(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Value {
    app.get_ok(&with_query("/v1/estimates", params), token)
        .await
}

/// The ids named in a JSON array.
fn named(list: &Value) -> Vec<String> {
    let mut ids: Vec<String> = list
        .as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .map(|v| v.as_str().expect("an id").to_owned())
        .collect();
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

both_backends!(
    the_credible_claims_give_a_range_and_their_conflict_is_not_a_number,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let attack = app.entity_id(t, "event", "Quetta attack").await;
        let other = app.entity_id(t, "event", "Another attack").await;
        let source = app.source_id(t, "Dawn").await;
        let claim = |statement: &str, value, confidence| {
            quantity(&attack, "fatalities", statement, value, confidence, &source)
        };
        let at_least = id(&app
            .create_claim(
                t,
                &claim("Police: at least 3 dead", (3, None, "people"), 0.8),
            )
            .await);
        let exactly = id(&app
            .create_claim(t, &claim("Hospital: 3 dead", (3, Some(3), "people"), 0.9))
            .await);
        let about = id(&app
            .create_claim(t, &claim("Wire: 2 to 4 dead", (2, Some(4), "people"), 0.6))
            .await);
        let unlikely = id(&app
            .create_claim(t, &claim("A post: 40 dead", (40, Some(40), "people"), 0.2))
            .await);
        let refuted = app
            .create_claim(
                t,
                &claim("A rumour: 50 dead", (50, Some(50), "people"), 0.9),
            )
            .await;
        set_verdict(&app, &team.reviewer, &refuted, json!({"verdict": "false"})).await;
        // Another subject's claim, and a claim about this subject on another property, are
        // not part of this estimate.
        app.create_claim(
            t,
            &quantity(
                &other,
                "fatalities",
                "Elsewhere: 9 dead",
                (9, Some(9), "people"),
                0.9,
                &source,
            ),
        )
        .await;
        app.create_claim(
            t,
            &quantity(
                &attack,
                "injured",
                "20 injured",
                (20, Some(20), "people"),
                0.9,
                &source,
            ),
        )
        .await;

        let viewer = app.user_with_role("viewer", "viewer").await;
        let params = [("subject_id", attack.as_str()), ("property", "fatalities")];
        let body = estimate(&app, &viewer, &params).await;
        assert_eq!(body["min_confidence"], 0.5);
        let ranges = body["ranges"].as_array().expect("ranges");
        assert_eq!(ranges.len(), 1, "{body}");
        let range = &ranges[0];
        assert_eq!(range["unit"], "people");
        assert_eq!(range["claims"], 5);
        assert_eq!(range["counted_claims"], 3);
        assert_eq!(range["conflict"], Value::Null);
        assert_eq!(range["range"]["lower"], 3.0);
        assert_eq!(range["range"]["upper"], 3.0);
        assert_eq!(
            named(&range["range"]["lower_set_by"]),
            sorted(vec![at_least.clone(), exactly.clone()])
        );
        assert_eq!(named(&range["range"]["upper_set_by"]), [exactly.as_str()]);

        let claims = body["claims"].as_array().expect("claims");
        assert_eq!(claims.len(), 5);
        let why: Vec<(String, bool, Value)> = claims
            .iter()
            .map(|c| {
                (
                    id(&c["claim"]),
                    c["counted"].as_bool().unwrap(),
                    c["not_counted_because"].clone(),
                )
            })
            .collect();
        assert!(
            why.contains(&(unlikely.clone(), false, json!("below_min_confidence"))),
            "{why:?}"
        );
        assert!(
            why.contains(&(id(&refuted), false, json!("refuted"))),
            "{why:?}"
        );
        assert!(why.contains(&(about.clone(), true, Value::Null)), "{why:?}");
        assert_eq!(claims[0]["claim"]["value"]["type"], "quantity");
        assert_eq!(
            claims[0]["claim"]["citations"][0]["source"]["title"],
            "Dawn"
        );

        // Let the unlikely claim count, and the claims cannot all be true: no range, the
        // conflict instead, with the claims on each side.
        let mut low = params.to_vec();
        low.push(("min_confidence", "0.1"));
        let body = estimate(&app, &viewer, &low).await;
        let range = &body["ranges"][0];
        assert_eq!(range["counted_claims"], 4);
        assert_eq!(range["range"], Value::Null);
        assert_eq!(range["conflict"]["highest_lower"], 40.0);
        assert_eq!(range["conflict"]["lowest_upper"], 3.0);
        assert_eq!(
            named(&range["conflict"]["claims_above"]),
            [unlikely.as_str()]
        );
        assert_eq!(
            named(&range["conflict"]["claims_below"]),
            sorted(vec![exactly.clone(), about.clone()])
        );

        // Pages of claims, in id order, each claim once.
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut query = params.to_vec();
            query.push(("limit", "2"));
            if let Some(c) = &cursor {
                query.push(("cursor", c));
            }
            let page = estimate(&app, &viewer, &query).await;
            assert_eq!(
                page["ranges"][0]["claims"], 5,
                "every page reconciles them all"
            );
            seen.extend(
                page["claims"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| id(&c["claim"])),
            );
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(seen.len(), 5);
        assert_eq!(seen, sorted(seen.clone()));

        // A retracted claim is not current: it leaves the estimate.
        let path = format!("/v1/claims/{at_least}");
        let revision = etag(&app.get(&path, t).await);
        let response = app
            .post_if_match(
                &format!("{path}/retract"),
                &team.reviewer,
                Some(&revision),
                &json!({"reason": "withdrawn"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let body = estimate(&app, &viewer, &params).await;
        assert_eq!(body["ranges"][0]["claims"], 4);
        assert_eq!(
            named(&body["ranges"][0]["range"]["lower_set_by"]),
            [exactly.as_str()]
        );

        // An event-time window leaves out claims outside it.
        let mut window = params.to_vec();
        window.push(("occurred_from", "2023"));
        let body = estimate(&app, &viewer, &window).await;
        assert_eq!(body["ranges"], json!([]));
        assert_eq!(body["claims"], json!([]));
    }
);

both_backends!(units_are_reconciled_apart, |app| async move {
    let team = Team::new(&app).await;
    let response = app
        .post_json(
            "/v1/properties",
            &team.admin,
            &json!({"key": "explosives", "label": "Explosives", "value_type": "quantity"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let t = &team.editor;
    let attack = app.entity_id(t, "event", "Quetta attack").await;
    let source = app.source_id(t, "Dawn").await;
    for (statement, value) in [
        ("20 kg of explosives", (20, Some(20), "kg")),
        ("About 25 kg", (15, Some(25), "kg")),
        ("Two devices", (2, Some(2), "devices")),
    ] {
        app.create_claim(
            t,
            &quantity(&attack, "explosives", statement, value, 0.7, &source),
        )
        .await;
    }
    let body = estimate(
        &app,
        t,
        &[("subject_id", &attack), ("property", "explosives")],
    )
    .await;
    let ranges: Vec<(Value, Value, Value)> = body["ranges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["unit"].clone(),
                r["range"]["lower"].clone(),
                r["range"]["upper"].clone(),
            )
        })
        .collect();
    assert_eq!(
        ranges,
        [
            (json!("devices"), json!(2), json!(2)),
            (json!("kg"), json!(20), json!(20)),
        ]
    );
});

both_backends!(bad_estimate_requests_are_named, |app| async move {
    let team = Team::new(&app).await;
    let t = &team.editor;
    let attack = app.entity_id(t, "event", "Quetta attack").await;
    let token = &team.editor;
    let get = |params: Vec<(&'static str, String)>| {
        let app = &app;
        let path = with_query(
            "/v1/estimates",
            &params
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
        );
        async move { app.get(&path, token).await }
    };
    let cases: [(Vec<(&str, String)>, &str); 5] = [
        (
            vec![
                ("subject_id", attack.clone()),
                ("property", "no-such".into()),
            ],
            "/property",
        ),
        (
            vec![
                ("subject_id", attack.clone()),
                ("property", "perpetrator".into()),
            ],
            "/property",
        ),
        (
            vec![
                ("subject_id", attack.clone()),
                ("property", "fatalities".into()),
                ("min_confidence", "2".into()),
            ],
            "/min_confidence",
        ),
        (
            vec![
                ("subject_id", attack.clone()),
                ("property", "fatalities".into()),
                ("occurred_from", "yesterday".into()),
            ],
            "/occurred_from",
        ),
        (
            vec![
                ("subject_id", attack.clone()),
                ("property", "fatalities".into()),
                ("limit", "0".into()),
            ],
            "/limit",
        ),
    ];
    for (params, pointer) in cases {
        let problem = assert_problem(get(params).await, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), [pointer], "{problem}");
    }
    let response = get(vec![
        ("subject_id", "no-such-entity".into()),
        ("property", "fatalities".into()),
    ])
    .await;
    assert_problem(response, 404, "not_found").await;
    let response = get(vec![("property", "fatalities".into())]).await;
    assert_eq!(response.status(), 400, "subject_id is required");
    let response = app
        .client
        .get(app.url(&format!(
            "/v1/estimates?subject_id={attack}&property=fatalities"
        )))
        .send()
        .await
        .unwrap();
    assert_problem(response, 401, "missing_token").await;
});

/// An RFC 3339 instant with six fraction digits (exact, as the server stores times), `shift`
/// microseconds after `timestamp`.
fn instant(timestamp: &Value, shift: i64) -> String {
    let at = chrono::DateTime::parse_from_rfc3339(timestamp.as_str().expect("a timestamp"))
        .expect("RFC 3339")
        .with_timezone(&chrono::Utc)
        + chrono::TimeDelta::microseconds(shift);
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The ranges of the first unit of an estimate: (claims, counted, lower, upper, conflict).
fn summary(body: &Value) -> (Value, Value, Value, Value, Value) {
    let range = &body["ranges"][0];
    (
        range["claims"].clone(),
        range["counted_claims"].clone(),
        range["range"]["lower"].clone(),
        range["range"]["upper"].clone(),
        range["conflict"].clone(),
    )
}

/// A change of a series: (unit, lower, upper, lower_set_by, conflict's claims above and below).
fn change(c: &Value) -> (Value, Value, Value, Value, Value, Value) {
    (
        c["unit"].clone(),
        c["range"]["lower"].clone(),
        c["range"]["upper"].clone(),
        c["range"]["lower_set_by"].clone(),
        c["conflict"]["claims_above"].clone(),
        c["conflict"]["claims_below"].clone(),
    )
}

both_backends!(
    an_estimate_as_of_a_past_instant_and_how_it_moved,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let attack = app.entity_id(t, "event", "Quetta attack").await;
        let elsewhere = app.entity_id(t, "event", "Another attack").await;
        let source = app.source_id(t, "Dawn").await;
        let injured = |subject: &str, statement: &str, lower, upper| {
            quantity(
                subject,
                "injured",
                statement,
                (lower, upper, "people"),
                0.8,
                &source,
            )
        };
        // The demo: the police's "at least 20 injured", then the wire's "15 injured" (a
        // conflict), then the desk relates them: the later figure supersedes the early one.
        let twenty = app
            .create_claim(t, &injured(&attack, "At least 20 injured", 20, None))
            .await;
        let fifteen = app
            .create_claim(t, &injured(&attack, "15 injured", 15, Some(15)))
            .await;
        let relation = app
            .create(
                "/v1/relations",
                t,
                &json!({"kind": "supersedes", "from_claim_id": id(&twenty),
                        "to_claim_id": id(&fifteen), "note": "the later count"}),
            )
            .await;
        // A claim first about another attack, moved to this one later (only history knows
        // it was not about this attack before); then refuted.
        let thirty = app
            .create_claim(t, &injured(&elsewhere, "30 injured", 30, None))
            .await;
        let path = format!("/v1/claims/{}", id(&thirty));
        let response = app
            .patch_json(&path, t, Some("\"1\""), &json!({"subject_id": attack}))
            .await;
        assert_eq!(response.status(), 200);
        let moved: Value = response.json().await.unwrap();
        let refuted = set_verdict(&app, &team.reviewer, &thirty, json!({"verdict": "false"})).await;

        let viewer = app.user_with_role("viewer", "viewer").await;
        let (twenty, fifteen, thirty) = (id(&twenty), id(&fifteen), id(&thirty));
        let as_of = |at: String| {
            let (app, viewer, attack) = (&app, &viewer, &attack);
            async move {
                estimate(
                    app,
                    viewer,
                    &[
                        ("subject_id", attack),
                        ("property", "injured"),
                        ("as_of", &at),
                    ],
                )
                .await
            }
        };
        let created = |record: &Value| record["created_at"].clone();
        let counted = json!(null);

        // Before the first claim: nothing.
        let body = as_of(instant(
            &created(&app.get_ok(&format!("/v1/claims/{twenty}"), t).await),
            -1,
        ))
        .await;
        assert_eq!(body["ranges"], json!([]), "{body}");
        assert_eq!(body["claims"], json!([]));
        assert!(body["as_of"].is_string());
        // After the first: at least 20.
        let fifteen_at = created(&app.get_ok(&format!("/v1/claims/{fifteen}"), t).await);
        let body = as_of(instant(&fifteen_at, -1)).await;
        assert_eq!(
            summary(&body),
            (json!(1), json!(1), json!(20), counted.clone(), json!(null))
        );
        // With the wire's 15: a conflict, both claims named.
        let body = as_of(instant(&fifteen_at, 0)).await;
        let (claims, count, lower, _, conflict) = summary(&body);
        assert_eq!(
            (claims, count, lower),
            (json!(2), json!(2), json!(null)),
            "{body}"
        );
        assert_eq!(named(&conflict["claims_above"]), [twenty.as_str()]);
        assert_eq!(named(&conflict["claims_below"]), [fifteen.as_str()]);
        // Just before the relation, still the conflict; at it, superseded: at least 20 again.
        let related_at = created(&relation);
        let body = as_of(instant(&related_at, -1)).await;
        assert!(body["ranges"][0]["conflict"].is_object(), "{body}");
        let body = as_of(instant(&related_at, 0)).await;
        assert_eq!(
            summary(&body),
            (json!(2), json!(1), json!(20), json!(null), json!(null))
        );
        let why: Vec<(String, Value)> = body["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (id(&c["claim"]), c["not_counted_because"].clone()))
            .collect();
        assert!(
            why.contains(&(fifteen.clone(), json!("superseded"))),
            "{why:?}"
        );
        // The moved claim joins at its move, as it was then (revision 2, not yet judged)...
        let moved_at = moved["updated_at"].clone();
        let body = as_of(instant(&moved_at, -1)).await;
        assert_eq!(
            body["ranges"][0]["claims"], 2,
            "not about this attack yet: {body}"
        );
        let body = as_of(instant(&moved_at, 0)).await;
        assert_eq!(
            summary(&body),
            (json!(3), json!(2), json!(30), json!(null), json!(null))
        );
        let shown = body["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| id(&c["claim"]) == thirty)
            .expect("the moved claim")
            .clone();
        assert_eq!(shown["claim"]["revision"], 2);
        assert_eq!(shown["claim"]["verdict"], "unreviewed");
        assert_eq!(shown["counted"], true);
        // ...and leaves the range when refuted; now is the same as no as_of.
        let body = as_of(instant(&refuted["updated_at"], 0)).await;
        assert_eq!(
            summary(&body),
            (json!(3), json!(1), json!(20), json!(null), json!(null))
        );
        let now = estimate(
            &app,
            &viewer,
            &[("subject_id", &attack), ("property", "injured")],
        )
        .await;
        assert_eq!(now["ranges"], body["ranges"]);
        assert_eq!(now["as_of"], Value::Null);

        // The series: every instant at which the range moved, and its value after.
        let series_path = |extra: &[(&str, &str)]| {
            let mut params = vec![("subject_id", attack.as_str()), ("property", "injured")];
            params.extend_from_slice(extra);
            with_query("/v1/estimates/series", &params)
        };
        let series = app.get_ok(&series_path(&[]), &viewer).await;
        let changes = series["changes"].as_array().expect("changes");
        let people = json!("people");
        assert_eq!(
            changes.iter().map(change).collect::<Vec<_>>(),
            [
                (
                    people.clone(),
                    json!(20),
                    json!(null),
                    json!([twenty]),
                    json!(null),
                    json!(null)
                ),
                (
                    people.clone(),
                    json!(null),
                    json!(null),
                    json!(null),
                    json!([twenty]),
                    json!([fifteen])
                ),
                (
                    people.clone(),
                    json!(20),
                    json!(null),
                    json!([twenty]),
                    json!(null),
                    json!(null)
                ),
                (
                    people.clone(),
                    json!(30),
                    json!(null),
                    json!([thirty]),
                    json!(null),
                    json!(null)
                ),
                (
                    people.clone(),
                    json!(20),
                    json!(null),
                    json!([twenty]),
                    json!(null),
                    json!(null)
                ),
            ],
            "{series}"
        );
        let instants: Vec<String> = changes.iter().map(|c| instant(&c["at"], 0)).collect();
        assert_eq!(
            instants,
            [
                instant(
                    &app.get_ok(&format!("/v1/claims/{twenty}"), t).await["created_at"],
                    0
                ),
                instant(&fifteen_at, 0),
                instant(&related_at, 0),
                instant(&moved_at, 0),
                instant(&refuted["updated_at"], 0),
            ]
        );
        assert_eq!(changes[3]["claims"], 3);
        assert_eq!(changes[3]["counted_claims"], 2);
        // From an instant: the range then first, then what changed up to `to`.
        let from = instant(&related_at, 0);
        let to = instant(&moved_at, 0);
        let window = app
            .get_ok(&series_path(&[("from", &from), ("to", &to)]), &viewer)
            .await;
        let changes = window["changes"].as_array().expect("changes");
        assert_eq!(changes.len(), 2, "{window}");
        assert_eq!(instant(&changes[0]["at"], 0), from);
        assert_eq!(change(&changes[0]).1, json!(20));
        assert_eq!(change(&changes[1]).3, json!([thirty]));
        // As CSV, by Accept or by format: one row per change.
        for (accept, extra) in [
            ("text/csv", vec![]),
            ("application/json", vec![("format", "csv")]),
        ] {
            let response = app
                .client
                .get(app.url(&series_path(&extra)))
                .bearer_auth(&viewer)
                .header("accept", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            assert!(
                response.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/csv")
            );
            let text = response.text().await.unwrap();
            let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
            assert_eq!(
                lines[0],
                "at,unit,claims,counted_claims,lower,upper,lower_set_by,upper_set_by,\
                 conflict_highest_lower,conflict_lowest_upper,claims_above,claims_below"
            );
            assert_eq!(lines.len(), 6, "{text}");
            assert!(
                lines[1].ends_with(&format!(",people,1,1,20,,{twenty},,,,,")),
                "{text}"
            );
            assert!(
                lines[2].ends_with(&format!(",people,2,2,,,,,20,15,{twenty},{fifteen}")),
                "{text}"
            );
        }
    }
);

both_backends!(bad_estimates_over_time_are_named, |app| async move {
    let team = Team::new(&app).await;
    let t = &team.editor;
    let attack = app.entity_id(t, "event", "Quetta attack").await;
    type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a str);
    let cases: [Case; 5] = [
        ("/v1/estimates", vec![("as_of", "yesterday")], "/as_of"),
        (
            "/v1/estimates",
            vec![("as_of", "2026-13-01T00:00:00Z")],
            "/as_of",
        ),
        (
            "/v1/estimates/series",
            vec![
                ("from", "2026-01-02T00:00:00Z"),
                ("to", "2026-01-01T00:00:00Z"),
            ],
            "/from",
        ),
        ("/v1/estimates/series", vec![("to", "soon")], "/to"),
        (
            "/v1/estimates/series",
            vec![("min_confidence", "-1")],
            "/min_confidence",
        ),
    ];
    for (path, extra, pointer) in cases {
        let mut params = vec![("subject_id", attack.as_str()), ("property", "injured")];
        params.extend(extra);
        let response = app.get(&with_query(path, &params), t).await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), [pointer], "{problem}");
    }
    let series = |params: &[(&str, &str)]| with_query("/v1/estimates/series", params);
    let response = app
        .get(
            &series(&[("subject_id", &attack), ("property", "perpetrator")]),
            t,
        )
        .await;
    assert_problem(response, 422, "validation_failed").await;
    let response = app
        .get(
            &series(&[("subject_id", "no-such"), ("property", "injured")]),
            t,
        )
        .await;
    assert_problem(response, 404, "not_found").await;
    let response = app
        .get(
            &series(&[
                ("subject_id", &attack),
                ("property", "injured"),
                ("format", "xml"),
            ]),
            t,
        )
        .await;
    assert_eq!(response.status(), 400);
    // Nothing claimed yet: an empty series.
    let body = app
        .get_ok(
            &series(&[("subject_id", &attack), ("property", "injured")]),
            t,
        )
        .await;
    assert_eq!(body["changes"], json!([]));
});

/// Retracts or restores (`action`) a relation as `reviewer`; the relation after.
async fn relation_action(app: &TestApp, reviewer: &str, relation: &Value, action: &str) -> Value {
    let path = format!("/v1/relations/{}", id(relation));
    let current = app.get(&path, reviewer).await;
    let response = app
        .post_if_match(
            &format!("{path}/{action}"),
            reviewer,
            Some(&etag(&current)),
            &json!({"reason": format!("{action} for the test")}),
        )
        .await;
    assert_eq!(response.status(), 200, "{action} {path}");
    response.json().await.unwrap()
}

both_backends!(
    a_past_estimate_and_a_past_claim_read_the_relations_live_then,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let attack = app.entity_id(t, "event", "Quetta attack").await;
        let elsewhere = app.entity_id(t, "event", "Another attack").await;
        let source = app.source_id(t, "Dawn").await;
        let injured = |subject: &str, statement: &str, lower, upper| {
            quantity(
                subject,
                "injured",
                statement,
                (lower, upper, "people"),
                0.8,
                &source,
            )
        };
        let twenty = id(&app
            .create_claim(t, &injured(&attack, "At least 20 injured", 20, None))
            .await);
        let fifteen = id(&app
            .create_claim(t, &injured(&attack, "15 injured", 15, Some(15)))
            .await);
        // About another attack, so that they leave this estimate alone: a duplicate of the
        // twenty and a claim that corroborates it.
        let again = id(&app
            .create_claim(t, &injured(&elsewhere, "Twenty or more injured", 20, None))
            .await);
        let support = id(&app
            .create_claim(t, &injured(&elsewhere, "Over 20 hurt", 21, None))
            .await);
        let relate = |kind: &'static str, from: String, to: String| {
            let app = &app;
            async move {
                app.create(
                    "/v1/relations",
                    t,
                    &json!({"kind": kind, "from_claim_id": from, "to_claim_id": to,
                            "note": "for the test"}),
                )
                .await
            }
        };
        // The twenty supersedes the fifteen (t1); the relation is retracted (t2) and restored
        // (t3): live now, yet not live between t2 and t3, and not before t1.
        let supersedes = relate("supersedes", twenty.clone(), fifteen.clone()).await;
        let t1 = supersedes["created_at"].clone();
        let t2 = relation_action(&app, &team.reviewer, &supersedes, "retract").await["updated_at"]
            .clone();
        let t3 = relation_action(&app, &team.reviewer, &supersedes, "restore").await["updated_at"]
            .clone();
        // A duplicate made (t4) and retracted (t5); a corroboration made (t6).
        let duplicate = relate("duplicate_of", again.clone(), twenty.clone()).await;
        let t4 = duplicate["created_at"].clone();
        let t5 = relation_action(&app, &team.reviewer, &duplicate, "retract").await["updated_at"]
            .clone();
        let corroborates = relate("corroborates", support.clone(), twenty.clone()).await;
        let t6 = corroborates["created_at"].clone();

        let viewer = app.user_with_role("viewer", "viewer").await;
        let estimate_at = |at: String| {
            let (app, viewer, attack) = (&app, &viewer, &attack);
            async move {
                estimate(
                    app,
                    viewer,
                    &[
                        ("subject_id", attack),
                        ("property", "injured"),
                        ("as_of", &at),
                    ],
                )
                .await
            }
        };
        let claim_at = |claim: &str, at: Option<String>| {
            let (app, viewer) = (&app, &viewer);
            let path = match at {
                Some(at) => with_query(&format!("/v1/claims/{claim}"), &[("as_of", &at)]),
                None => format!("/v1/claims/{claim}"),
            };
            async move { app.get_ok(&path, viewer).await }
        };
        // The fifteen in an estimate: (counted, why not, superseded_by).
        let fifteen_in = |body: &Value| {
            let shown = body["claims"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| id(&c["claim"]) == fifteen)
                .unwrap_or_else(|| panic!("the fifteen: {body}"))
                .clone();
            (
                shown["counted"].clone(),
                shown["not_counted_because"].clone(),
                shown["claim"]["superseded_by"].clone(),
            )
        };
        let conflict = |body: &Value| body["ranges"][0]["conflict"].is_object();
        let live = (json!(false), json!("superseded"), json!([twenty]));
        let not_live = (json!(true), json!(null), json!([]));
        for (at, superseded, why) in [
            (instant(&t1, -1), false, "made after as_of: not yet"),
            (instant(&t1, 0), true, "made at as_of"),
            (instant(&t2, -1), true, "retracted after as_of: still"),
            (instant(&t2, 0), false, "retracted at as_of"),
            (instant(&t3, -1), false, "restored after as_of: not yet"),
            (instant(&t3, 0), true, "restored at as_of"),
        ] {
            let body = estimate_at(at.clone()).await;
            assert_eq!(conflict(&body), !superseded, "{why}: {body}");
            let expected = if superseded { &live } else { &not_live };
            assert_eq!(&fifteen_in(&body), expected, "{why}: {body}");
            let claim = claim_at(&fifteen, Some(at)).await;
            assert_eq!(claim["superseded_by"], expected.2, "{why}: {claim}");
        }
        assert_eq!(
            claim_at(&fifteen, None).await["superseded_by"],
            json!([twenty])
        );
        // The duplicate's canonical claim, and the corroboration, as they stood.
        for (at, canonical) in [
            (instant(&t4, -1), json!(null)),
            (instant(&t4, 0), json!(twenty)),
            (instant(&t5, -1), json!(twenty)),
            (instant(&t5, 0), json!(null)),
        ] {
            let claim = claim_at(&again, Some(at.clone())).await;
            assert_eq!(claim["canonical_id"], canonical, "at {at}: {claim}");
        }
        assert_eq!(claim_at(&again, None).await["canonical_id"], json!(null));
        let corroborated_by = |claim: &Value| claim["corroboration"]["corroborated_by"].clone();
        let before = claim_at(&twenty, Some(instant(&t6, -1))).await;
        let after = claim_at(&twenty, Some(instant(&t6, 0))).await;
        assert_eq!(corroborated_by(&before), json!([]), "{before}");
        assert_eq!(corroborated_by(&after), json!([support]), "{after}");
        assert_eq!(
            corroborated_by(&claim_at(&twenty, None).await),
            json!([support])
        );
        // The corroborating claim's origin is counted only once it corroborates (Dawn is
        // the origin of both, so the count stays: the union counts a shared origin once).
        assert_eq!(
            before["corroboration"]["independent_origins"],
            after["corroboration"]["independent_origins"]
        );
    }
);

both_backends!(
    the_series_agrees_with_the_estimate_as_of_each_of_its_instants_and_comes_in_pages,
    |app| async move {
        let team = Team::new(&app).await;
        // A property without a unit, so that its claims can use two.
        let response = app
            .post_json(
                "/v1/properties",
                &team.admin,
                &json!({"key": "harmed", "label": "Harmed", "value_type": "quantity"}),
            )
            .await;
        assert_eq!(response.status(), 201);
        let t = &team.editor;
        let attack = app.entity_id(t, "event", "Quetta attack").await;
        let source = app.source_id(t, "Dawn").await;
        let claim = |statement: &str, lower, upper, unit| {
            quantity(
                &attack,
                "harmed",
                statement,
                (lower, upper, unit),
                0.8,
                &source,
            )
        };
        // Two units; a conflict; a supersede made, retracted and restored; a refutation.
        let twenty = app
            .create_claim(t, &claim("At least 20 injured", 20, None, "people"))
            .await;
        let fifteen = app
            .create_claim(t, &claim("15 injured", 15, Some(15), "people"))
            .await;
        app.create_claim(
            t,
            &claim("Between 3 and 9 vehicles", 3, Some(9), "vehicles"),
        )
        .await;
        let relation = app
            .create(
                "/v1/relations",
                t,
                &json!({"kind": "supersedes", "from_claim_id": id(&twenty),
                        "to_claim_id": id(&fifteen), "note": "the later count"}),
            )
            .await;
        relation_action(&app, &team.reviewer, &relation, "retract").await;
        let wide = app
            .create_claim(t, &claim("5 to 8 vehicles", 5, Some(8), "vehicles"))
            .await;
        relation_action(&app, &team.reviewer, &relation, "restore").await;
        set_verdict(&app, &team.reviewer, &wide, json!({"verdict": "false"})).await;

        let viewer = app.user_with_role("viewer", "viewer").await;
        let base = [("subject_id", attack.as_str()), ("property", "harmed")];
        let series = app
            .get_ok(&with_query("/v1/estimates/series", &base), &viewer)
            .await;
        let changes = series["changes"].as_array().expect("changes").clone();
        assert!(changes.len() >= 7, "{series}");
        // What a change or an estimate's range says about one unit.
        let state = |range: &Value| {
            (
                range["claims"].clone(),
                range["counted_claims"].clone(),
                range["range"].clone(),
                range["conflict"].clone(),
            )
        };
        let unit_of = |body: &Value, unit: &Value| {
            body["ranges"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| &r["unit"] == unit)
                .map(state)
        };
        let mut before: std::collections::HashMap<String, Value> = Default::default();
        for change in &changes {
            let unit = &change["unit"];
            let key = unit.to_string();
            let at = instant(&change["at"], 0);
            let mut params = base.to_vec();
            params.push(("as_of", &at));
            let then = app
                .get_ok(&with_query("/v1/estimates", &params), &viewer)
                .await;
            assert_eq!(unit_of(&then, unit), Some(state(change)), "at {at}: {then}");
            // Just before the change, the estimate is what the series said before it.
            let just_before = instant(&change["at"], -1);
            let mut params = base.to_vec();
            params.push(("as_of", &just_before));
            let earlier = app
                .get_ok(&with_query("/v1/estimates", &params), &viewer)
                .await;
            // (A series steps when the range or conflict moves, so compare those.)
            let range_of = |s: Option<(Value, Value, Value, Value)>| s.map(|s| (s.2, s.3));
            match before.get(&key) {
                Some(previous) => assert_eq!(
                    range_of(unit_of(&earlier, unit)),
                    range_of(Some(state(previous))),
                    "just before {at}: {earlier}"
                ),
                None => assert_eq!(unit_of(&earlier, unit), None, "{earlier}"),
            }
            before.insert(key, change.clone());
        }

        // A page at a time: the pages, joined, are the series; the cursor keeps the window.
        let series_of = |params: &[(&str, &str)]| {
            let mut all = base.to_vec();
            all.extend_from_slice(params);
            with_query("/v1/estimates/series", &all)
        };
        let mut paged: Vec<Value> = Vec::new();
        let mut cursor: Option<String> = None;
        let mut pages = 0;
        loop {
            let mut params = vec![("limit", "2")];
            if let Some(c) = &cursor {
                params.push(("cursor", c));
            }
            let page = app.get_ok(&series_of(&params), &viewer).await;
            let items = page["changes"].as_array().expect("changes");
            assert!(items.len() <= 2, "{page}");
            paged.extend(items.iter().cloned());
            pages += 1;
            if pages == 1 {
                // Written after the first page: not in the window its cursor keeps.
                app.create_claim(t, &claim("At least 40 injured", 40, None, "people"))
                    .await;
            }
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => break,
            }
        }
        assert_eq!(paged, changes, "the pages, joined");
        assert_eq!(pages, changes.len().div_ceil(2));
        let fresh = app.get_ok(&series_of(&[]), &viewer).await;
        assert_eq!(
            fresh["changes"].as_array().unwrap().len(),
            changes.len() + 1,
            "a new series sees the new claim: {fresh}"
        );
        let first = app.get_ok(&series_of(&[("limit", "1")]), &viewer).await;
        let cursor = first["next_cursor"].as_str().expect("more than one page");
        // Cursors of other lists or series, and a `to` that is not the cursor's: 422 /cursor.
        let claims_page = estimate(&app, &viewer, &[base[0], base[1], ("limit", "1")]).await;
        let claims_cursor = claims_page["next_cursor"]
            .as_str()
            .expect("a claims cursor");
        let other_to = instant(&series["to"], -5);
        for params in [
            vec![("cursor", claims_cursor)],
            vec![("cursor", cursor), ("min_confidence", "0.9")],
            vec![("cursor", cursor), ("occurred_from", "2022")],
            vec![("cursor", cursor), ("to", other_to.as_str())],
            vec![("cursor", "bm90IGEgY3Vyc29y")],
        ] {
            let response = app.get(&series_of(&params), &viewer).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/cursor"], "{params:?}: {problem}");
        }
        // The cursor with its own `to` given again is fine.
        let to = instant(&first["to"], 0);
        let second = app
            .get_ok(&series_of(&[("cursor", cursor), ("to", &to)]), &viewer)
            .await;
        assert_eq!(second["changes"][0], changes[1]);
        // CSV is one document: no pages.
        for (param, pointer) in [("limit", "/limit"), ("cursor", "/cursor")] {
            let value = if param == "limit" { "2" } else { cursor };
            let response = app
                .get(&series_of(&[("format", "csv"), (param, value)]), &viewer)
                .await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), [pointer], "{problem}");
        }
    }
);

both_backends!(
    a_property_rule_gives_an_estimate_its_best_value,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let attack = app.entity_id(t, "event", "Quetta attack").await;
        let source = app.source_id(t, "Dawn").await;
        let injured = |statement: &str, lower, upper| {
            quantity(
                &attack,
                "injured",
                statement,
                (lower, upper, "people"),
                0.8,
                &source,
            )
        };
        // Police: at least 3; hospital: 3 to 6; a wire: 2 to 4. The range: 3 to 4.
        let police = id(&app
            .create_claim(t, &injured("At least 3 injured", 3, None))
            .await);
        let hospital = id(&app
            .create_claim(t, &injured("3 to 6 injured", 3, Some(6)))
            .await);
        let wire = id(&app
            .create_claim(t, &injured("2 to 4 injured", 2, Some(4)))
            .await);
        let viewer = app.user_with_role("viewer", "viewer").await;
        let best_at = |at: Option<String>| {
            let (app, viewer, attack) = (&app, &viewer, &attack);
            async move {
                let mut params = vec![("subject_id", attack.as_str()), ("property", "injured")];
                if let Some(at) = &at {
                    params.push(("as_of", at));
                }
                let body = estimate(app, viewer, &params).await;
                assert_eq!(body["ranges"][0]["range"]["upper"], 4, "{body}");
                body["ranges"][0]["best"].clone()
            }
        };
        // No rule, no best; and a property without one shows none.
        assert_eq!(best_at(None).await, json!(null));
        let property = app.get_ok("/v1/properties/injured", &viewer).await;
        assert!(property.get("best").is_none(), "{property}");

        let set_rule = |rule: Value| {
            let app = &app;
            let admin = &team.admin;
            async move {
                let current = app.get("/v1/properties/injured", admin).await;
                let response = app
                    .patch_json(
                        "/v1/properties/injured",
                        admin,
                        Some(&etag(&current)),
                        &json!({"best": rule}),
                    )
                    .await;
                assert_eq!(response.status(), 200);
                response.json::<Value>().await.unwrap()
            }
        };
        let midpoint = set_rule(json!("midpoint")).await;
        assert_eq!(midpoint["best"], "midpoint");
        assert_eq!(
            best_at(None).await,
            json!({"rule": "midpoint", "value": 3.5,
                   "from_claims": sorted(vec![police.clone(), hospital.clone(), wire.clone()])})
        );
        let lower = set_rule(json!("lower")).await;
        assert_eq!(
            best_at(None).await,
            json!({"rule": "lower", "value": 3, "from_claims": sorted(vec![police, hospital])})
        );
        // As of an instant, the property's rule then.
        assert_eq!(
            best_at(Some(instant(&midpoint["updated_at"], -1))).await,
            json!(null)
        );
        assert_eq!(
            best_at(Some(instant(&midpoint["updated_at"], 0))).await["rule"],
            "midpoint"
        );
        assert_eq!(
            best_at(Some(instant(&lower["updated_at"], 0))).await["rule"],
            "lower"
        );
        // Unset again (a merge patch's null): no best, and the snapshot says nothing of it.
        let unset = set_rule(json!(null)).await;
        assert!(unset.get("best").is_none(), "{unset}");
        assert_eq!(best_at(None).await, json!(null));
        // Older revisions keep their shape: no `best` where none was set.
        let first = app
            .get_ok("/v1/properties/injured/revisions/1", &viewer)
            .await;
        assert!(first["snapshot"].get("best").is_none(), "{first}");
        assert_eq!(first["snapshot"]["key"], "injured");
        let third = app
            .get_ok(
                &format!("/v1/properties/injured/revisions/{}", midpoint["revision"]),
                &viewer,
            )
            .await;
        assert_eq!(third["snapshot"]["best"], "midpoint", "{third}");

        // Only quantities have a rule, and only the rules there are.
        let current = app.get("/v1/properties/perpetrator", &team.admin).await;
        let response = app
            .patch_json(
                "/v1/properties/perpetrator",
                &team.admin,
                Some(&etag(&current)),
                &json!({"best": "lower"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/best"], "{problem}");
        let response = app
            .post_json(
                "/v1/properties",
                &team.admin,
                &json!({"key": "wounded", "label": "Wounded", "value_type": "quantity",
                        "best": "mean"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/best"], "{problem}");
    }
);
