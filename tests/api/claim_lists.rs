//! `GET /v1/claims` without full-text search: every filter, every sort, cursors that belong to
//! one sort, and pages that stay stable while other writers insert claims.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, ids, pointers, with_query};
use crate::helpers::{TestApp, assert_problem};

/// A small, varied set of claims; `c[i]` were created in index order.
struct Corpus {
    team: Team,
    c: Vec<String>,
    quetta: String,
    lakki: String,
    s1: String,
    s2: String,
    retracted: String,
}

impl Corpus {
    async fn new(app: &TestApp) -> Corpus {
        let team = Team::new(app).await;
        let t = &team.editor;
        let quetta = app.entity_id(t, "event", "Quetta attack").await;
        let lakki = app.entity_id(t, "event", "Lakki Marwat operation").await;
        let s1 = app.source_id(t, "Source one").await;
        let s2 = app.source_id(t, "Source two").await;
        let cite = |sources: &[&String]| -> Value {
            Value::Array(sources.iter().map(|s| json!({"source_id": s})).collect())
        };
        let day = |d: &str| json!({"value": d, "precision": "day"});
        let bodies = vec![
            // c0
            json!({
                "statement": "A police officer died in Quetta.",
                "subject_id": quetta, "property": "fatalities.police",
                "value": {"type": "quantity", "lower": 1, "upper": null, "unit": "people"},
                "occurred_at": day("2022-11-30"),
                "confidence": 0.75, "tags": ["ttp", "quetta"], "citations": cite(&[&s1]),
            }),
            // c1
            json!({
                "statement": "Twenty police personnel were injured in Quetta.",
                "subject_id": quetta, "property": "injured",
                "value": {"type": "quantity", "lower": 20, "upper": null, "unit": "people"},
                "occurred_at": {"value": "2022-11", "precision": "month"},
                "confidence": 0.7, "tags": ["Quetta"], "citations": cite(&[&s1, &s2]),
            }),
            // c2
            json!({
                "statement": "The Lakki Marwat operation began on 26 November.",
                "subject_id": lakki, "property": "start_date",
                "value": {"type": "time", "value": "2022-11-26", "precision": "day"},
                "occurred_at": day("2022-11-26"),
                "confidence": 0.85, "tags": ["lakki"], "citations": cite(&[&s2]),
            }),
            // c3
            json!({
                "statement": "The Serena Hotel in Quetta was bombed.",
                "occurred_at": {"value": "2021-04", "precision": "month"},
                "confidence": 0.3, "tags": ["ttp"], "citations": cite(&[&s1]),
            }),
            // c4: no event time
            json!({
                "statement": "An analysis without a date.",
                "confidence": 0.75, "citations": cite(&[&s2]),
            }),
            // c5: a minute, with an offset (05:30 UTC)
            json!({
                "statement": "The Taliban entered Kabul.",
                "occurred_at": {"value": "2021-08-15T10:00:00+04:30", "precision": "minute"},
                "confidence": 0.97, "tags": ["afghan"], "citations": cite(&[&s1]),
            }),
        ];
        let mut c = Vec::new();
        for body in &bodies {
            c.push(id(&app.create_claim(t, body).await));
        }
        let retracted = id(&app
            .create_claim(
                t,
                &json!({
                    "statement": "A claim withdrawn later.",
                    "subject_id": quetta, "property": "injured",
                    "value": {"type": "quantity", "lower": 3, "upper": 3, "unit": "people"},
                    "occurred_at": day("2022-12-01"),
                    "confidence": 0.6, "tags": ["quetta"], "citations": cite(&[&s2]),
                }),
            )
            .await);
        let response = app
            .post_if_match(
                &format!("/v1/claims/{retracted}/retract"),
                &team.reviewer,
                Some("\"1\""),
                &json!({"reason": "withdrawn"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        for (claim, verdict) in [(&c[2], "verified"), (&c[3], "false")] {
            let response = app
                .post_if_match(
                    &format!("/v1/claims/{claim}/verdict"),
                    &team.reviewer,
                    Some("\"1\""),
                    &json!({"verdict": verdict}),
                )
                .await;
            assert_eq!(response.status(), 200);
        }
        Corpus {
            team,
            c,
            quetta,
            lakki,
            s1,
            s2,
            retracted,
        }
    }

    fn pick(&self, indexes: &[usize]) -> Vec<String> {
        indexes.iter().map(|&i| self.c[i].clone()).collect()
    }
}

both_backends!(
    every_filter_returns_exactly_the_right_claims,
    |app| async move {
        let corpus = Corpus::new(&app).await;
        let t = &corpus.team.editor;
        let by_created = ("sort", "created_at");
        type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<usize>);
        let cases: Vec<Case> = vec![
            (vec![], vec![0, 1, 2, 3, 4, 5]),
            (vec![("subject_id", &corpus.quetta)], vec![0, 1]),
            (vec![("subject_id", &corpus.lakki)], vec![2]),
            (vec![("property", "injured")], vec![1]),
            (vec![("property", "fatalities.police")], vec![0]),
            (
                vec![("subject_id", &corpus.quetta), ("property", "injured")],
                vec![1],
            ),
            (vec![("source_id", &corpus.s1)], vec![0, 1, 3, 5]),
            (vec![("source_id", &corpus.s2)], vec![1, 2, 4]),
            (vec![("tag", "quetta")], vec![0, 1]),
            (vec![("tag", "QUETTA")], vec![0, 1]),
            (vec![("tag", "ttp")], vec![0, 3]),
            (vec![("tag", "nope")], vec![]),
            (vec![("verdict", "verified")], vec![2]),
            (vec![("verdict", "false")], vec![3]),
            (vec![("verdict", "unreviewed")], vec![0, 1, 4, 5]),
            (vec![("min_confidence", "0.75")], vec![0, 2, 4, 5]),
            (vec![("max_confidence", "0.7")], vec![1, 3]),
            (
                vec![("min_confidence", "0.5"), ("max_confidence", "0.75")],
                vec![0, 1, 4],
            ),
            (vec![("min_confidence", "1")], vec![]),
            // An event time stands for its whole interval; undated claims match no range.
            (vec![("occurred_from", "2022-11-27")], vec![0, 1]),
            (vec![("occurred_from", "2022-11-26")], vec![0, 1, 2]),
            (vec![("occurred_to", "2021-12")], vec![3, 5]),
            (vec![("occurred_to", "2021-04-01")], vec![3]),
            (
                vec![
                    ("occurred_from", "2022-11-26"),
                    ("occurred_to", "2022-11-26"),
                ],
                vec![1, 2],
            ),
            (
                vec![("occurred_from", "2021"), ("occurred_to", "2021")],
                vec![3, 5],
            ),
            (
                vec![("occurred_from", "2021-08-15T05:30:00Z")],
                vec![0, 1, 2, 5],
            ),
            (
                vec![("occurred_from", "2021-08-15T10:01:00+04:30")],
                vec![0, 1, 2],
            ),
            (vec![("occurred_to", "2021-08-15T05:29:00Z")], vec![3]),
            (
                vec![
                    ("tag", "ttp"),
                    ("source_id", &corpus.s1),
                    ("max_confidence", "0.5"),
                ],
                vec![3],
            ),
        ];
        for (params, expected) in cases {
            let mut query = params.clone();
            query.push(by_created);
            assert_eq!(
                app.claim_ids(t, &query).await,
                corpus.pick(&expected),
                "{params:?}"
            );
        }

        // Retracted claims only on request, and then with every filter still applied.
        let mut with_retracted = corpus.c.clone();
        with_retracted.push(corpus.retracted.clone());
        assert_eq!(
            app.claim_ids(t, &[("include_retracted", "true"), by_created])
                .await,
            with_retracted
        );
        assert_eq!(
            app.claim_ids(
                t,
                &[
                    ("include_retracted", "true"),
                    ("subject_id", &corpus.quetta),
                    ("property", "injured"),
                    by_created
                ]
            )
            .await,
            [corpus.c[1].clone(), corpus.retracted.clone()]
        );
        assert_eq!(
            app.claim_ids(t, &[("include_retracted", "false"), by_created])
                .await,
            corpus.c
        );
        assert_eq!(
            app.claim_ids(
                t,
                &[
                    ("source_id", &corpus.s2),
                    ("include_retracted", "true"),
                    by_created
                ]
            )
            .await,
            [
                corpus.c[1].clone(),
                corpus.c[2].clone(),
                corpus.c[4].clone(),
                corpus.retracted.clone()
            ]
        );
        assert_eq!(
            app.claim_ids(t, &[("q", "police quetta"), by_created])
                .await,
            corpus.pick(&[0, 1])
        );
    }
);

both_backends!(bad_filter_values_name_their_parameter, |app| async move {
    let token = app.admin_token().await;
    for (param, value) in [
        ("min_confidence", "1.5"),
        ("max_confidence", "-0.1"),
        ("occurred_from", "yesterday"),
        ("occurred_to", "2022-13"),
        ("limit", "501"),
        ("limit", "0"),
        ("q", "!!!"),
    ] {
        let response = app
            .get(&with_query("/v1/claims", &[(param, value)]), &token)
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), [format!("/{param}")], "{param}={value}");
    }
    let response = app
        .get(&with_query("/v1/claims", &[("limit", "500")]), &token)
        .await;
    assert_eq!(response.status(), 200);
});

both_backends!(
    every_sort_orders_the_claims_and_pages_through_them_with_its_cursor,
    |app| async move {
        let corpus = Corpus::new(&app).await;
        let t = &corpus.team.editor;
        // c0 and c4 share a confidence (0.75): ties go by creation.
        let orders: [(&str, Vec<usize>); 6] = [
            ("created_at", vec![0, 1, 2, 3, 4, 5]),
            ("-created_at", vec![5, 4, 3, 2, 1, 0]),
            // By the start of the event's interval; undated claims after dated ones.
            ("occurred_at", vec![3, 5, 1, 2, 0, 4]),
            ("-occurred_at", vec![4, 0, 2, 1, 5, 3]),
            ("confidence", vec![3, 1, 0, 4, 2, 5]),
            ("-confidence", vec![5, 2, 4, 0, 1, 3]),
        ];
        for (sort, expected) in &orders {
            let expected = corpus.pick(expected);
            assert_eq!(
                app.claim_ids(t, &[("sort", sort)]).await,
                expected,
                "sort={sort}"
            );
            for limit in [1, 2, 4] {
                let paged = ids(&app
                    .all_pages("/v1/claims", t, &[("sort", sort)], limit)
                    .await);
                assert_eq!(paged, expected, "sort={sort} in pages of {limit}");
            }
        }
        // Without `sort` (and without `q`): newest first.
        assert_eq!(
            app.claim_ids(t, &[]).await,
            corpus.pick(&[5, 4, 3, 2, 1, 0])
        );

        // The combinations the indexes serve.
        let paged = ids(&app
            .all_pages(
                "/v1/claims",
                t,
                &[
                    ("subject_id", &corpus.quetta),
                    ("property", "injured"),
                    ("sort", "occurred_at"),
                ],
                1,
            )
            .await);
        assert_eq!(paged, corpus.pick(&[1]));
        let paged = ids(&app
            .all_pages(
                "/v1/claims",
                t,
                &[("source_id", &corpus.s1), ("sort", "-confidence")],
                1,
            )
            .await);
        assert_eq!(paged, corpus.pick(&[5, 0, 1, 3]));
        let paged = ids(&app
            .all_pages(
                "/v1/claims",
                t,
                &[("tag", "ttp"), ("sort", "-created_at")],
                1,
            )
            .await);
        assert_eq!(paged, corpus.pick(&[3, 0]));
    }
);

both_backends!(
    a_cursor_only_works_with_the_sort_that_made_it,
    |app| async move {
        let corpus = Corpus::new(&app).await;
        let t = &corpus.team.editor;
        let (_, cursor) = app
            .page("/v1/claims", t, &[("sort", "confidence"), ("limit", "2")])
            .await;
        let cursor = cursor.expect("more than one page");
        for other in ["occurred_at", "-confidence", "created_at"] {
            let response = app
                .get(
                    &with_query("/v1/claims", &[("sort", other), ("cursor", &cursor)]),
                    t,
                )
                .await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/cursor"], "sort={other}");
        }
        // The default order is -created_at: a cursor of it is not one of created_at.
        let (_, default_cursor) = app.page("/v1/claims", t, &[("limit", "2")]).await;
        let response = app
            .get(
                &with_query(
                    "/v1/claims",
                    &[("sort", "created_at"), ("cursor", &default_cursor.unwrap())],
                ),
                t,
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/cursor"]);
        // A ranked search's cursor is not a sorted list's.
        let (_, ranked) = app
            .page("/v1/claims", t, &[("q", "quetta"), ("limit", "1")])
            .await;
        let response = app
            .get(
                &with_query(
                    "/v1/claims",
                    &[("sort", "confidence"), ("cursor", &ranked.unwrap())],
                ),
                t,
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/cursor"]);

        for garbage in ["garbage!", "eyJzIjoiY29uZmlkZW5jZSJ9", ""] {
            let response = app
                .get(
                    &with_query("/v1/claims", &[("sort", "confidence"), ("cursor", garbage)]),
                    t,
                )
                .await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/cursor"], "cursor {garbage:?}");
        }
        // The right cursor still works.
        let (page, _) = app
            .page(
                "/v1/claims",
                t,
                &[("sort", "confidence"), ("limit", "2"), ("cursor", &cursor)],
            )
            .await;
        assert_eq!(ids(&page), corpus.pick(&[0, 4]));
    }
);

/// Creates a claim through its own client (for a task that runs beside the test).
async fn insert_claim(client: &reqwest::Client, base: &str, token: &str, body: &Value) -> String {
    let response = client
        .post(format!("{base}/v1/claims"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201, "concurrent insert");
    id(&response.json::<Value>().await.unwrap())
}

/// Pages through `sort` with pages of 3 while a task inserts claims, waiting after each page
/// for at least one more insert, until the list ends or `enough` ids were seen; returns the
/// ids seen, in order.
async fn page_while_inserting(
    app: &TestApp,
    token: &str,
    source: &str,
    sort: &str,
    enough: usize,
) -> Vec<String> {
    let inserted = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (client, base, token) = (app.client.clone(), app.address.clone(), token.to_owned());
        let (inserted, stop, source) = (inserted.clone(), stop.clone(), source.to_owned());
        let sort = sort.to_owned();
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let body = claim_body(&format!("Inserted while paging {sort} #{n}"), &source);
                insert_claim(&client, &base, &token, &body).await;
                n += 1;
                inserted.fetch_add(1, Ordering::SeqCst);
            }
        })
    };

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..1000 {
        let before = inserted.load(Ordering::SeqCst);
        let mut query = vec![("sort", sort), ("limit", "3")];
        if let Some(c) = &cursor {
            query.push(("cursor", c));
        }
        let (page, next) = app.page("/v1/claims", token, &query).await;
        seen.extend(ids(&page));
        let Some(next) = next else { break };
        if seen.len() >= enough {
            break;
        }
        cursor = Some(next);
        // Let at least one insert land between this page and the next (a bound on waiting,
        // not a timing assertion).
        let deadline = Instant::now() + Duration::from_secs(30);
        while inserted.load(Ordering::SeqCst) == before {
            assert!(Instant::now() < deadline, "the writer made no progress");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(inserted.load(Ordering::SeqCst) > 0);
    seen
}

both_backends!(
    cursor_pages_stay_stable_while_claims_are_inserted,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let source = app.source_id(t, "Wire").await;
        let mut existing = Vec::new();
        for i in 0..14 {
            existing.push(id(&app
                .create_claim(t, &claim_body(&format!("Existing claim {i}"), &source))
                .await));
        }

        // Oldest first: every claim that existed appears once, in order, before any new one.
        // The writer keeps adding to the end, so stop a few pages past the pre-existing claims.
        let enough = existing.len() + 9;
        let seen = page_while_inserting(&app, t, &source, "created_at", enough).await;
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "no claim twice: {seen:?}");
        assert!(seen.len() >= existing.len());
        assert_eq!(seen[..existing.len()], existing[..], "no gaps, in order");

        // Newest first: inserts land before the cursor, so the pages still hold every older
        // claim exactly once, in order.
        let before: Vec<String> = app.claim_ids(t, &[("sort", "-created_at")]).await;
        let seen = page_while_inserting(&app, t, &source, "-created_at", usize::MAX).await;
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "no claim twice");
        let old: Vec<&String> = seen.iter().filter(|id| before.contains(id)).collect();
        assert_eq!(old, before.iter().collect::<Vec<_>>(), "no gaps, in order");
    }
);
