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
