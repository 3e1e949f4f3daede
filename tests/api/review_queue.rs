//! The impact of a retraction or correction and the review queue (issue 17 §3, issue 18 §1):
//! a retracted source queues its citing claims, also two `derives_from` hops away; a regrade;
//! a new capture in which a cited quote is missing; a retracted or superseded claim queues
//! the claims corroborating or duplicating it; clearing a pair with a note (history, the
//! changes feed); filters, cursor pages whose cost does not grow with the dependents; bad
//! inputs.

use std::time::Duration;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, db_queries, etag, id, pointers, with_query};
use crate::helpers::{TestApp, assert_problem, eventually};

const QUEUE: &str = "/v1/review-queue";

async fn source(app: &TestApp, t: &str, title: &str, derives_from: &[(&str, &str)]) -> String {
    let list: Vec<Value> = derives_from
        .iter()
        .map(|(s, r)| json!({"source_id": s, "relation": r}))
        .collect();
    let mut body = json!({"kind": "article", "title": title, "reliability": "B"});
    if !list.is_empty() {
        body["derives_from"] = json!(list);
    }
    id(&app.create_source(t, &body).await)
}

async fn claim(app: &TestApp, t: &str, statement: &str, sources: &[&str]) -> String {
    let citations: Vec<Value> = sources.iter().map(|s| json!({"source_id": s})).collect();
    let body = json!({"statement": statement, "confidence": 0.5, "citations": citations});
    id(&app.create_claim(t, &body).await)
}

async fn retract(app: &TestApp, t: &str, path: &str) {
    let current = app.get(path, t).await;
    let revision = etag(&current);
    let response = app
        .post_if_match(
            &format!("{path}/retract"),
            t,
            Some(&revision),
            &json!({"reason": "the publisher withdrew it"}),
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
}

/// Every item of the queue (pages of `limit`), with the given filters.
async fn queue(app: &TestApp, t: &str, params: &[(&str, &str)], limit: usize) -> Vec<Value> {
    app.all_pages(QUEUE, t, params, limit).await
}

/// (claim id, reason) of each item.
fn pairs(items: &[Value]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|i| {
            (
                i["claim_id"].as_str().unwrap().to_owned(),
                i["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

async fn clear(app: &TestApp, t: &str, claim: &str, impact: &str, note: &str) -> reqwest::Response {
    app.post_json(
        &format!("{QUEUE}/{claim}/clear"),
        t,
        &json!({"impact_id": impact, "note": note}),
    )
    .await
}

/// The changes feed from its start, of one kind, once it has `n` of them (on PostgreSQL a
/// revision shows once every transaction older than its own has ended).
async fn changes_of(app: &TestApp, t: &str, kind: &str, n: usize) -> Vec<Value> {
    let read = || async {
        let feed = app.get_ok("/v1/changes?limit=500", t).await;
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == kind)
            .cloned()
            .collect::<Vec<Value>>()
    };
    eventually(
        Duration::from_secs(10),
        "the changes feed shows them",
        || async { read().await.len() >= n },
    )
    .await;
    read().await
}

both_backends!(
    a_retracted_source_queues_claims_citing_it_and_two_hops_downstream,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let a = source(&app, t, "Wire story", &[]).await;
        let b = source(&app, t, "Paper reprinting the wire", &[(&a, "syndicates")]).await;
        let c = source(&app, t, "Blog quoting the paper", &[(&b, "quotes")]).await;
        let other = source(&app, t, "Unrelated report", &[]).await;
        let direct = claim(&app, t, "The wire says three died", &[&a]).await;
        let far = claim(&app, t, "The blog says three died", &[&c]).await;
        let unrelated = claim(&app, t, "Another report", &[&other]).await;
        let before = etag(&app.get(&format!("/v1/claims/{direct}"), t).await);
        assert!(queue(&app, r, &[], 50).await.is_empty());

        retract(&app, r, &format!("/v1/sources/{a}")).await;

        let items = queue(&app, r, &[], 50).await;
        let mut got = pairs(&items);
        got.sort();
        let mut want = vec![
            (direct.clone(), "source_retracted".to_owned()),
            (far.clone(), "upstream_source_retracted".to_owned()),
        ];
        want.sort();
        assert_eq!(got, want, "{items:?}");
        assert!(!got.iter().any(|(c, _)| c == &unrelated));
        // One impact for the retraction, naming its trigger; the path of the far claim.
        let impact = &items[0]["impact"];
        assert!(items.iter().all(|i| i["impact"]["id"] == impact["id"]));
        assert_eq!(impact["reason"], "source_retracted");
        assert_eq!(impact["target"], json!({"kind": "source", "id": a}));
        assert_eq!(impact["trigger"]["kind"], "sources");
        assert_eq!(impact["trigger"]["id"], json!(a));
        assert_eq!(impact["trigger"]["revision"], 2);
        assert!(impact["created_by"].is_string());
        let far_item = items.iter().find(|i| i["claim_id"] == json!(far)).unwrap();
        let steps: Vec<(String, String, String)> = far_item["path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["from_id"].as_str().unwrap().to_owned(),
                    s["relation"].as_str().unwrap().to_owned(),
                    s["to_id"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            steps,
            vec![
                (far.clone(), "cites".into(), c.clone()),
                (c.clone(), "quotes".into(), b.clone()),
                (b.clone(), "syndicates".into(), a.clone()),
            ]
        );
        assert_eq!(far_item["claim_summary"], "The blog says three died");

        // The reason filter tells the direct from the downstream.
        let upstream = queue(&app, r, &[("reason", "upstream_source_retracted")], 50).await;
        assert_eq!(
            pairs(&upstream),
            vec![(far.clone(), "upstream_source_retracted".into())]
        );
        let direct_only = queue(&app, r, &[("reason", "source_retracted")], 50).await;
        assert_eq!(
            pairs(&direct_only),
            vec![(direct.clone(), "source_retracted".into())]
        );
        assert!(
            queue(&app, r, &[("reason", "quote_missing")], 50)
                .await
                .is_empty()
        );

        // A needs-review mark is not a revision of the claim.
        let after = etag(&app.get(&format!("/v1/claims/{direct}"), t).await);
        assert_eq!(before, after);
        // The impact is in the changes feed; editors cannot read the queue.
        let impacts = changes_of(&app, r, "impacts", 1).await;
        assert_eq!(impacts.len(), 1);
        assert_eq!(impacts[0]["record_id"], impact["id"]);
        assert_eq!(impacts[0]["action"], "create");
        assert_eq!(app.get(QUEUE, t).await.status(), 403);
        // A retracted dependent claim leaves the queue.
        retract(&app, r, &format!("/v1/claims/{far}")).await;
        assert_eq!(
            pairs(&queue(&app, r, &[], 50).await),
            vec![(direct.clone(), "source_retracted".into())]
        );
    }
);

both_backends!(
    a_regrade_queues_and_a_clear_with_a_note_takes_the_pair_out,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let s = source(&app, t, "Ministry statement", &[]).await;
        let other = source(&app, t, "Other", &[]).await;
        let c1 = claim(&app, t, "First claim", &[&s]).await;
        let c2 = claim(&app, t, "Second claim", &[&s]).await;
        let outside = claim(&app, t, "Outside claim", &[&other]).await;
        // An edit that keeps the grading records nothing.
        let path = format!("/v1/sources/{s}");
        let current = etag(&app.get(&path, t).await);
        let response = app
            .patch_json(
                &path,
                t,
                Some(&current),
                &json!({"title": "Ministry statement (PDF)"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert!(queue(&app, r, &[], 50).await.is_empty());
        let current = etag(&app.get(&path, t).await);
        let response = app
            .patch_json(&path, t, Some(&current), &json!({"reliability": "E"}))
            .await;
        assert_eq!(response.status(), 200);
        let items = queue(&app, r, &[], 50).await;
        assert_eq!(
            sorted(pairs(&items).into_iter().map(|p| p.0).collect()),
            sorted(vec![c1.clone(), c2.clone()])
        );
        assert!(items.iter().all(|i| i["reason"] == "source_regraded"));
        let impact = items[0]["impact"]["id"].as_str().unwrap().to_owned();

        // Bad clears: each a clear 4xx.
        let problem = assert_problem(
            clear(&app, r, &c1, &impact, "  ").await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(pointers(&problem), vec!["/note"]);
        let long = "x".repeat(2001);
        let problem = assert_problem(
            clear(&app, r, &c1, &impact, &long).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(pointers(&problem), vec!["/note"]);
        let problem = assert_problem(
            clear(&app, r, &c1, "no-such-impact", "ok").await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(pointers(&problem), vec!["/impact_id"]);
        assert_problem(
            clear(&app, r, "no-such-claim", &impact, "ok").await,
            404,
            "not_found",
        )
        .await;
        let problem = assert_problem(
            clear(&app, r, &outside, &impact, "ok").await,
            422,
            "validation_failed",
        )
        .await;
        assert!(
            problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("does not affect"),
            "{problem}"
        );
        let response = app
            .post_json(
                &format!("{QUEUE}/{c1}/clear"),
                r,
                &json!({"impact_id": impact}),
            )
            .await;
        assert_eq!(response.status(), 422);
        assert_eq!(clear(&app, t, &c1, &impact, "editor").await.status(), 403);

        // A clear with a note: the pair leaves the queue, the other stays.
        let response = clear(
            &app,
            r,
            &c1,
            &impact,
            "Checked: the regrade does not change it.",
        )
        .await;
        assert_eq!(response.status(), 201);
        let decision: Value = response.json().await.unwrap();
        assert_eq!(decision["impact_id"], json!(impact));
        assert_eq!(decision["claim_id"], json!(c1));
        assert_eq!(decision["note"], "Checked: the regrade does not change it.");
        assert_eq!(decision["revision"], 1);
        assert_eq!(
            pairs(&queue(&app, r, &[], 50).await),
            vec![(c2.clone(), "source_regraded".into())]
        );
        // Twice: 409 naming the decision.
        let problem = assert_problem(
            clear(&app, r, &c1, &impact, "again").await,
            409,
            "already_cleared",
        )
        .await;
        assert_eq!(problem["existing_id"], decision["id"]);
        // The decision is history: in the changes feed, with its author.
        let decisions = changes_of(&app, r, "review_decisions", 1).await;
        assert_eq!(decisions.len(), 1);
        assert_eq!(decisions[0]["record_id"], decision["id"]);
        assert_eq!(decisions[0]["revision"], 1);
        assert_eq!(decisions[0]["author"], decision["created_by"]);
        // Clearing the last one empties the queue.
        assert_eq!(clear(&app, r, &c2, &impact, "Fine.").await.status(), 201);
        assert!(queue(&app, r, &[], 50).await.is_empty());
    }
);

both_backends!(
    a_new_capture_missing_a_cited_quote_queues_the_claim,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let s = source(&app, t, "Changing page", &[]).await;
        let capture = |text: &str| json!({"media_type": "text/plain", "content": text, "retrieved_at": "2022-12-01T10:00:00Z"});
        app.create(
            &format!("/v1/sources/{s}/captures"),
            t,
            &capture("Police said three people died."),
        )
        .await;
        let body = json!({"statement": "Three died", "confidence": 0.5,
        "citations": [{"source_id": s, "quote": "three people died"}]});
        let quoted = id(&app.create_claim(t, &body).await);
        let body =
            json!({"statement": "Unquoted", "confidence": 0.5, "citations": [{"source_id": s}]});
        let unquoted = id(&app.create_claim(t, &body).await);
        let read = app.get_ok(&format!("/v1/claims/{quoted}"), t).await;
        assert_eq!(read["citations"][0]["quote_check"]["status"], "verified");
        assert!(queue(&app, r, &[], 50).await.is_empty());

        let second = app
            .create(
                &format!("/v1/sources/{s}/captures"),
                t,
                &capture("The page now says nothing of it."),
            )
            .await;
        let (app_ref, r2, path) = (&app, r.clone(), format!("/v1/claims/{quoted}"));
        eventually(Duration::from_secs(20), "the quote is rechecked", || {
            let (r2, path) = (r2.clone(), path.clone());
            async move {
                let read = app_ref.get_ok(&path, &r2).await;
                read["citations"][0]["quote_check"]["status"] == "not_found"
            }
        })
        .await;
        let items = queue(&app, r, &[], 50).await;
        assert_eq!(
            pairs(&items),
            vec![(quoted.clone(), "quote_missing".into())],
            "{items:?}"
        );
        assert!(!pairs(&items).iter().any(|(c, _)| c == &unquoted));
        let impact = &items[0]["impact"];
        assert_eq!(impact["trigger"]["kind"], "captures");
        assert_eq!(impact["trigger"]["id"], second["id"]);
        assert_eq!(impact["target"], json!({"kind": "source", "id": s}));
        assert_eq!(impact["created_by"], second["created_by"]["id"]);
    }
);

both_backends!(
    a_retracted_or_superseded_claim_queues_the_claims_related_to_it,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let s = source(&app, t, "Dawn", &[]).await;
        let x = claim(&app, t, "X: at least 20 injured", &[&s]).await;
        let corroborating = claim(&app, t, "Corroborates X", &[&s]).await;
        let corroborated = claim(&app, t, "X corroborates this one", &[&s]).await;
        let duplicate = claim(&app, t, "Duplicate of X", &[&s]).await;
        let narrower = claim(&app, t, "Refines X", &[&s]).await;
        for (kind, from, to) in [
            ("corroborates", &corroborating, &x),
            ("corroborates", &x, &corroborated),
            ("duplicate_of", &duplicate, &x),
            ("refines", &narrower, &x),
        ] {
            let body =
                json!({"kind": kind, "from_claim_id": from, "to_claim_id": to, "note": "checked"});
            app.create("/v1/relations", t, &body).await;
        }
        retract(&app, r, &format!("/v1/claims/{x}")).await;
        let items = queue(&app, r, &[], 50).await;
        assert_eq!(
            sorted(pairs(&items).into_iter().map(|p| p.0).collect()),
            sorted(vec![
                corroborating.clone(),
                corroborated.clone(),
                duplicate.clone()
            ]),
            "{items:?}"
        );
        assert!(
            items
                .iter()
                .all(|i| i["reason"] == "related_claim_retracted")
        );
        assert!(
            items
                .iter()
                .all(|i| i["impact"]["target"] == json!({"kind": "claim", "id": x}))
        );
        let dup = items
            .iter()
            .find(|i| i["claim_id"] == json!(duplicate))
            .unwrap();
        assert_eq!(dup["path"][0]["relation"], "duplicate_of");
        assert_eq!(dup["path"][0]["to_id"], json!(x));

        // Superseded: p is replaced by a later claim; q corroborates p.
        let p = claim(&app, t, "P: 15 injured", &[&s]).await;
        let q = claim(&app, t, "Q corroborates P", &[&s]).await;
        let later = claim(&app, t, "Later: 20 injured", &[&s]).await;
        let body = json!({"kind": "corroborates", "from_claim_id": q, "to_claim_id": p, "note": "same count"});
        app.create("/v1/relations", t, &body).await;
        let body = json!({"kind": "supersedes", "from_claim_id": later, "to_claim_id": p, "note": "newer count"});
        let relation = app.create("/v1/relations", t, &body).await;
        let superseded = queue(&app, r, &[("reason", "related_claim_superseded")], 50).await;
        assert_eq!(
            pairs(&superseded),
            vec![(q.clone(), "related_claim_superseded".into())]
        );
        assert_eq!(superseded[0]["impact"]["trigger"]["kind"], "relations");
        assert_eq!(superseded[0]["impact"]["trigger"]["id"], relation["id"]);
        assert_eq!(superseded[0]["impact"]["target"]["id"], json!(p));
        // A retracted claim with nothing depending on it records no impact.
        retract(&app, r, &format!("/v1/claims/{narrower}")).await;
        assert_eq!(changes_of(&app, r, "impacts", 2).await.len(), 2);
    }
);

both_backends!(
    the_queue_pages_by_cursor_filters_and_costs_the_same_for_more_dependents,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let s = source(&app, t, "Agency report", &[]).await;
        let subject = app.entity_id(t, "event", "Quetta attack").await;
        let mut all = Vec::new();
        for i in 0..7 {
            let mut body = json!({"statement": format!("Claim {i}"), "confidence": 0.5,
                "citations": [{"source_id": s}]});
            if i % 2 == 0 {
                body["subject_id"] = json!(subject);
                body["property"] = json!("injured");
                body["value"] =
                    json!({"type": "quantity", "lower": 20, "upper": null, "unit": "people"});
            }
            if i % 3 == 0 {
                body["tags"] = json!(["casualties"]);
            }
            all.push(id(&app.create_claim(t, &body).await));
        }
        retract(&app, r, &format!("/v1/sources/{s}")).await;

        // Pages of 3: every claim once, in claim id order.
        let items = queue(&app, r, &[], 3).await;
        let got: Vec<String> = items
            .iter()
            .map(|i| i["claim_id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(got, sorted(all.clone()));
        let (first, next) = app.page(QUEUE, r, &[("limit", "3")]).await;
        assert_eq!(first.len(), 3);
        assert!(next.is_some());

        // Filters: subject, tag, both.
        let by_subject = queue(&app, r, &[("subject_id", &subject)], 2).await;
        let want: Vec<String> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, c)| c.clone())
            .collect();
        assert_eq!(
            by_subject
                .iter()
                .map(|i| i["claim_id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>(),
            sorted(want)
        );
        let by_tag = queue(&app, r, &[("tag", "Casualties")], 2).await;
        let want: Vec<String> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 == 0)
            .map(|(_, c)| c.clone())
            .collect();
        assert_eq!(
            by_tag
                .iter()
                .map(|i| i["claim_id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>(),
            sorted(want)
        );
        let both = queue(
            &app,
            r,
            &[("tag", "casualties"), ("subject_id", &subject)],
            50,
        )
        .await;
        assert_eq!(
            both.iter()
                .map(|i| i["claim_id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>(),
            sorted(vec![all[0].clone(), all[6].clone()])
        );

        // The first page costs the same number of statements with 7 dependents or 37.
        // (The fewest of three reads: a read now and then also records the session's
        // activity, one statement more that has nothing to do with the queue.)
        let cost = || async {
            let mut fewest = u64::MAX;
            for _ in 0..3 {
                let response = app.get(&with_query(QUEUE, &[("limit", "2")]), r).await;
                fewest = fewest.min(db_queries(&response));
            }
            fewest
        };
        let before = cost().await;
        for i in 0..30 {
            claim(&app, t, &format!("More {i}"), &[&s]).await;
        }
        let after = cost().await;
        assert_eq!(before, after, "the first page's statements");
        assert_eq!(queue(&app, r, &[], 500).await.len(), 37);

        // Bad inputs: each a 4xx naming the parameter.
        for (params, pointer) in [
            (vec![("limit", "0")], "/limit"),
            (vec![("limit", "501")], "/limit"),
            (vec![("cursor", "bm90IGEgY3Vyc29y")], "/cursor"),
            (vec![("cursor", "")], "/cursor"),
        ] {
            let problem = assert_problem(
                app.get(&with_query(QUEUE, &params), r).await,
                422,
                "validation_failed",
            )
            .await;
            assert_eq!(pointers(&problem), vec![pointer.to_owned()], "{params:?}");
        }
        let long = "x".repeat(101);
        let problem = assert_problem(
            app.get(&with_query(QUEUE, &[("subject_id", &long)]), r)
                .await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(pointers(&problem), vec!["/subject_id"]);
        let response = app.get(&with_query(QUEUE, &[("reason", "bored")]), r).await;
        assert!(response.status().is_client_error());
    }
);

/// A claim's `review_status` (read by a viewer-level token), and its ETag.
async fn review_status(app: &TestApp, t: &str, claim: &str) -> (Value, String) {
    let response = app.get(&format!("/v1/claims/{claim}"), t).await;
    assert_eq!(response.status(), 200);
    let tag = etag(&response);
    let body: Value = response.json().await.unwrap();
    (body["review_status"].clone(), tag)
}

fn not_needed() -> Value {
    json!({"needed": false, "open": 0, "reasons": [], "complete": true})
}

fn needed(open: i64, reasons: &[&str]) -> Value {
    json!({"needed": true, "open": open, "reasons": reasons, "complete": true})
}

both_backends!(
    a_claim_shows_whether_it_needs_review_and_has_its_own_queue,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let a = source(&app, t, "Wire story", &[]).await;
        let b = source(&app, t, "Paper reprinting the wire", &[(&a, "syndicates")]).await;
        let c = source(&app, t, "Blog quoting the paper", &[(&b, "quotes")]).await;
        let d = source(&app, t, "Ministry statement", &[]).await;
        let other = source(&app, t, "Unrelated report", &[]).await;
        let direct = claim(&app, t, "The wire says three died", &[&a, &d]).await;
        let far = claim(&app, t, "The blog says three died", &[&c]).await;
        let unrelated = claim(&app, t, "Another report", &[&other]).await;
        let mut etags = Vec::new();
        for claim in [&direct, &far, &unrelated] {
            let (status, tag) = review_status(&app, t, claim).await;
            assert_eq!(status, not_needed(), "{claim}");
            etags.push(tag);
        }

        retract(&app, r, &format!("/v1/sources/{a}")).await;
        // A regrade of the other source the direct claim cites: a second impact on it.
        let path = format!("/v1/sources/{d}");
        let current = etag(&app.get(&path, t).await);
        let response = app
            .patch_json(&path, t, Some(&current), &json!({"reliability": "E"}))
            .await;
        assert_eq!(response.status(), 200);

        // The claim citing it, and the one two derives_from hops away, need review; the
        // mark is no revision: every ETag is what it was.
        let statuses = [
            needed(2, &["source_retracted", "source_regraded"]),
            needed(1, &["upstream_source_retracted"]),
            not_needed(),
        ];
        for ((claim, want), before) in [&direct, &far, &unrelated]
            .into_iter()
            .zip(&statuses)
            .zip(&etags)
        {
            let (status, tag) = review_status(&app, t, claim).await;
            assert_eq!(&status, want, "{claim}");
            assert_eq!(&tag, before, "{claim}: the ETag");
        }

        // The queue of one claim is the queue's items for that claim, found up from it.
        let everything = queue(&app, r, &[], 50).await;
        for claim in [&direct, &far] {
            let mine = queue(&app, r, &[("claim_id", claim)], 50).await;
            let want: Vec<Value> = everything
                .iter()
                .filter(|i| i["claim_id"] == json!(claim))
                .cloned()
                .collect();
            assert_eq!(mine, want, "{claim}");
        }
        let mine = queue(&app, r, &[("claim_id", &far)], 50).await;
        assert_eq!(mine[0]["path"].as_array().unwrap().len(), 3);
        // Pages of one: oldest impact first, each once.
        let paged = queue(&app, r, &[("claim_id", &direct)], 1).await;
        assert_eq!(
            pairs(&paged),
            vec![
                (direct.clone(), "source_retracted".into()),
                (direct.clone(), "source_regraded".into())
            ]
        );
        let (first, next) = app
            .page(QUEUE, r, &[("claim_id", &direct), ("limit", "1")])
            .await;
        assert_eq!(first.len(), 1);
        assert!(next.is_some());
        // Filters apply to it; a claim with nothing, or none at all, has an empty queue.
        let regraded = queue(
            &app,
            r,
            &[("claim_id", &direct), ("reason", "source_regraded")],
            50,
        )
        .await;
        assert_eq!(
            pairs(&regraded),
            vec![(direct.clone(), "source_regraded".into())]
        );
        assert!(
            queue(&app, r, &[("claim_id", &direct), ("tag", "none")], 50)
                .await
                .is_empty()
        );
        assert!(
            queue(&app, r, &[("claim_id", &unrelated)], 50)
                .await
                .is_empty()
        );
        assert!(
            queue(&app, r, &[("claim_id", "no-such-claim")], 50)
                .await
                .is_empty()
        );
        let long = "x".repeat(101);
        let problem = assert_problem(
            app.get(&with_query(QUEUE, &[("claim_id", &long)]), r).await,
            422,
            "validation_failed",
        )
        .await;
        assert_eq!(pointers(&problem), vec!["/claim_id"]);
        assert_eq!(
            app.get(&with_query(QUEUE, &[("claim_id", &far)]), t)
                .await
                .status(),
            403
        );

        // The mark costs the same statements however many claims share the claim's sources
        // (the fewest of three reads: one may also record the session's activity).
        let cost = || async {
            let mut fewest = u64::MAX;
            for _ in 0..3 {
                let response = app.get(&format!("/v1/claims/{far}"), t).await;
                fewest = fewest.min(db_queries(&response));
            }
            fewest
        };
        let before = cost().await;
        for i in 0..20 {
            claim(&app, t, &format!("Also from the blog {i}"), &[&c, &b]).await;
        }
        assert_eq!(cost().await, before, "a claim read's statements");
        assert_eq!(
            review_status(&app, t, &far).await.0,
            needed(1, &["upstream_source_retracted"])
        );

        // Lists and the answers of writes leave the mark out.
        let list = app.get_ok("/v1/claims?limit=50", t).await;
        assert!(
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c.get("review_status").is_none())
        );
        let body = json!({"statement": "One more", "confidence": 0.5,
                          "citations": [{"source_id": c}]});
        assert!(
            app.create_claim(t, &body)
                .await
                .get("review_status")
                .is_none()
        );

        // Cleared: no longer needed, and still the same ETag.
        let impact = mine[0]["impact"]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            clear(&app, r, &far, &impact, "Checked.").await.status(),
            201
        );
        let (status, tag) = review_status(&app, t, &far).await;
        assert_eq!(status, not_needed());
        assert_eq!(tag, etags[1]);
        let first_impact = paged[0]["impact"]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            clear(&app, r, &direct, &first_impact, "Checked.")
                .await
                .status(),
            201
        );
        let (status, tag) = review_status(&app, t, &direct).await;
        assert_eq!(status, needed(1, &["source_regraded"]));
        assert_eq!(tag, etags[0]);
        // A retracted claim is not reviewed.
        retract(&app, r, &format!("/v1/claims/{direct}")).await;
        assert_eq!(review_status(&app, t, &direct).await.0, not_needed());
    }
);

both_backends!(
    a_quote_missing_impact_lists_only_quotes_the_capture_lost,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let s = source(&app, t, "Changing page", &[]).await;
        let capture = |text: &str| json!({"media_type": "text/plain", "content": text, "retrieved_at": "2022-12-01T10:00:00Z"});
        let add_capture = |text: &str| {
            let body = capture(text);
            let (app, t, s) = (&app, t.clone(), s.clone());
            async move {
                app.create(&format!("/v1/sources/{s}/captures"), &t, &body)
                    .await
            }
        };
        // Waits until the claim's quote check says `status` against `capture`.
        let checked = |claim: String, capture: Value, status: &'static str| {
            let (app, r) = (&app, r.clone());
            async move {
                eventually(Duration::from_secs(20), "the quote is rechecked", || {
                    let (r, claim, capture) = (r.clone(), claim.clone(), capture.clone());
                    async move {
                        let read = app.get_ok(&format!("/v1/claims/{claim}"), &r).await;
                        let check = &read["citations"][0]["quote_check"];
                        check["status"] == status && check["capture_id"] == capture["id"]
                    }
                })
                .await;
            }
        };
        add_capture("Police said three people died.").await;
        let quoted = |statement: &str, quote: &str| {
            json!({"statement": statement, "confidence": 0.5,
                   "citations": [{"source_id": s, "quote": quote, "locator": "p. 1"}]})
        };
        let lost = id(&app
            .create_claim(t, &quoted("Three died", "three people died"))
            .await);
        // A quote that was never found in any capture.
        let never = id(&app
            .create_claim(t, &quoted("Five died", "five people died"))
            .await);
        let read = app.get_ok(&format!("/v1/claims/{never}"), t).await;
        assert_eq!(read["citations"][0]["quote_check"]["status"], "not_found");

        let second = add_capture("The page now says nothing of it.").await;
        checked(lost.clone(), second.clone(), "not_found").await;
        checked(never.clone(), second.clone(), "not_found").await;
        // Only the quote found before and not now: the one never found is not "no longer".
        let items = queue(&app, r, &[], 50).await;
        assert_eq!(
            pairs(&items),
            vec![(lost.clone(), "quote_missing".into())],
            "{items:?}"
        );
        assert_eq!(items[0]["impact"]["trigger"]["id"], second["id"]);
        assert_eq!(
            review_status(&app, t, &lost).await.0,
            needed(1, &["quote_missing"])
        );
        assert_eq!(review_status(&app, t, &never).await.0, not_needed());
        // An edit that rewrites the citation (its locator), keeping the quote, keeps it lost.
        let path = format!("/v1/claims/{lost}");
        let current = etag(&app.get(&path, t).await);
        let mut body = quoted("Three died", "three people died");
        body["citations"][0]["locator"] = json!("p. 2");
        let response = app
            .patch_json(
                &path,
                t,
                Some(&current),
                &json!({"citations": body["citations"]}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            pairs(&queue(&app, r, &[], 50).await),
            vec![(lost.clone(), "quote_missing".into())]
        );

        // Found again in a third capture: the claim leaves the queue of the second.
        let third = add_capture("Police said three people died, the page says again.").await;
        checked(lost.clone(), third.clone(), "verified").await;
        assert!(queue(&app, r, &[], 50).await.is_empty());
        assert_eq!(review_status(&app, t, &lost).await.0, not_needed());
        // Lost again in a fourth: queued anew, for the fourth.
        let fourth = add_capture("Nothing here any more.").await;
        checked(lost.clone(), fourth.clone(), "not_found").await;
        let items = queue(&app, r, &[], 50).await;
        assert_eq!(pairs(&items), vec![(lost.clone(), "quote_missing".into())]);
        assert_eq!(items[0]["impact"]["trigger"]["id"], fourth["id"]);
    }
);

both_backends!(
    impacts_and_decisions_have_history_endpoints,
    |app| async move {
        let team = Team::new(&app).await;
        let (t, r) = (&team.editor, &team.reviewer);
        let s = source(&app, t, "Agency report", &[]).await;
        let c = claim(&app, t, "The agency says so", &[&s]).await;
        retract(&app, r, &format!("/v1/sources/{s}")).await;
        let items = queue(&app, r, &[], 50).await;
        let impact = items[0]["impact"].clone();
        let impact_id = impact["id"].as_str().unwrap().to_owned();

        let response = app.get(&format!("/v1/impacts/{impact_id}"), r).await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"1\"");
        let read: Value = response.json().await.unwrap();
        assert_eq!(read, impact);
        let revisions = app
            .get_ok(&format!("/v1/impacts/{impact_id}/revisions"), r)
            .await;
        let list = revisions["items"].as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["action"], "create");
        let first = app
            .get_ok(&format!("/v1/impacts/{impact_id}/revisions/1"), r)
            .await;
        assert_eq!(first["snapshot"]["reason"], "source_retracted");
        assert_eq!(first["snapshot"]["target_id"], json!(s));
        let integrity = app
            .get_ok(&format!("/v1/impacts/{impact_id}/integrity"), r)
            .await;
        assert_eq!(integrity["valid"], true);

        let response = clear(&app, r, &c, &impact_id, "Checked with the agency.").await;
        assert_eq!(response.status(), 201);
        let decision: Value = response.json().await.unwrap();
        let decision_id = decision["id"].as_str().unwrap().to_owned();
        let read = app
            .get_ok(&format!("/v1/review-decisions/{decision_id}"), r)
            .await;
        assert_eq!(read, decision);
        let first = app
            .get_ok(
                &format!("/v1/review-decisions/{decision_id}/revisions/1"),
                r,
            )
            .await;
        assert_eq!(first["snapshot"]["note"], "Checked with the agency.");
        assert_eq!(first["snapshot"]["claim_id"], json!(c));
        assert_eq!(first["author"]["id"], decision["created_by"]);

        // Unknown ids are 404; the role is the queue's.
        for path in [
            "/v1/impacts/no-such-impact",
            "/v1/review-decisions/no-such-decision",
            "/v1/impacts/no-such-impact/revisions/1",
        ] {
            assert_problem(app.get(path, r).await, 404, "not_found").await;
        }
        for path in [
            format!("/v1/impacts/{impact_id}"),
            format!("/v1/review-decisions/{decision_id}/revisions"),
        ] {
            assert_eq!(app.get(&path, t).await.status(), 403, "{path}");
        }
    }
);
