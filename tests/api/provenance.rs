//! Where support comes from (issue 17 §2): `attributed_to` on citations, each claim's
//! `corroboration` (independent origins: root source × speaker), the list filters on it, and
//! `GET /v1/claims/{id}/provenance`.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, id, ids, pointers, with_query};
use crate::helpers::{TestApp, assert_problem};
use crate::history_fixtures::patch_ok;

async fn source(app: &TestApp, t: &str, title: &str, from: &[(&str, &str)]) -> String {
    let list: Vec<Value> = from
        .iter()
        .map(|(source_id, relation)| json!({"source_id": source_id, "relation": relation}))
        .collect();
    id(&app
        .create_source(
            t,
            &json!({"kind": "article", "title": title, "derives_from": list}),
        )
        .await)
}

/// A claim tagged `tag` citing `(source, role, speaker)`s.
async fn claim(
    app: &TestApp,
    t: &str,
    statement: &str,
    tag: &str,
    cites: &[(&str, &str, Option<&str>)],
) -> Value {
    let citations: Vec<Value> = cites
        .iter()
        .map(|(source_id, role, speaker)| {
            json!({"source_id": source_id, "role": role, "attributed_to": speaker})
        })
        .collect();
    app.create_claim(
        t,
        &json!({"statement": statement, "confidence": 0.6, "tags": [tag], "citations": citations}),
    )
    .await
}

fn roots(claim: &Value) -> BTreeSet<(String, Option<String>)> {
    claim["corroboration"]["origins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["root_source_id"].as_str().unwrap().to_owned(),
                o["speaker_id"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

both_backends!(
    independent_origins_follow_syndication_and_speakers,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        // A wire story, two papers reprinting it, and a weekly quoting one of the papers.
        let wire = source(&app, t, "Wire story", &[]).await;
        let daily = source(&app, t, "Daily", &[(&wire, "syndicates")]).await;
        let evening = source(&app, t, "Evening paper", &[(&wire, "syndicates")]).await;
        let weekly = source(&app, t, "Weekly", &[(&daily, "quotes")]).await;
        let article = source(&app, t, "One article", &[]).await;
        let police = app.entity_id(t, "organization", "Quetta police").await;
        let ttp = app.entity_id(t, "organization", "TTP").await;

        // Three papers reprinting one wire story: one origin.
        let echo = claim(
            &app,
            t,
            "Three papers say so",
            "echo",
            &[
                (&daily, "evidence", None),
                (&evening, "evidence", None),
                (&weekly, "evidence", None),
            ],
        )
        .await;
        let c = &echo["corroboration"];
        assert_eq!(c["cited_sources"], 3, "{c}");
        assert_eq!(c["independent_origins"], 1, "{c}");
        assert_eq!(c["single_origin"], true);
        assert_eq!(c["complete"], true);
        assert_eq!(roots(&echo), BTreeSet::from([(wire.clone(), None)]));

        // Police and the TTP, as two speakers in one article: two origins.
        let speakers = claim(
            &app,
            t,
            "Two speakers say so",
            "speakers",
            &[
                (&article, "evidence", Some(&police)),
                (&article, "evidence", Some(&ttp)),
            ],
        )
        .await;
        assert_eq!(speakers["citations"][0]["attributed_to"], police.as_str());
        let c = &speakers["corroboration"];
        assert_eq!(
            (
                c["cited_sources"].as_i64(),
                c["independent_origins"].as_i64()
            ),
            (Some(1), Some(2))
        );
        assert_eq!(c["single_origin"], false);

        // An appearance is where the claim was made, not support for it.
        let appearance = claim(
            &app,
            t,
            "Made in one place, supported by another",
            "appearance",
            &[(&article, "appearance", None), (&weekly, "evidence", None)],
        )
        .await;
        assert_eq!(roots(&appearance), BTreeSet::from([(wire.clone(), None)]));
        assert_eq!(appearance["corroboration"]["cited_sources"], 1);

        // Filters: at least two origins, or exactly one.
        assert_eq!(
            app.claim_ids(t, &[("min_independent_origins", "2")]).await,
            [id(&speakers)]
        );
        let single: BTreeSet<String> = app
            .claim_ids(t, &[("single_origin", "true")])
            .await
            .into_iter()
            .collect();
        assert_eq!(single, BTreeSet::from([id(&echo), id(&appearance)]));
        assert_eq!(
            app.claim_ids(t, &[("single_origin", "false"), ("tag", "echo")])
                .await,
            Vec::<String>::new()
        );

        // A retracted source supports nothing: the evening paper alone leaves the count at one,
        // but retracting the article leaves the two-speaker claim with no origin at all.
        let response = app
            .post_if_match(
                &format!("/v1/sources/{article}/retract"),
                &team.reviewer,
                Some("\"1\""),
                &json!({"reason": "withdrawn by its publisher"}),
            )
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        let now = app
            .get_ok(&format!("/v1/claims/{}", id(&speakers)), t)
            .await;
        assert_eq!(now["corroboration"]["independent_origins"], 0, "{now}");
        assert_eq!(now["corroboration"]["single_origin"], false);
    }
);

both_backends!(
    corroborating_claims_add_their_origins_once,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let wire = source(&app, t, "Wire", &[]).await;
        let daily = source(&app, t, "Daily", &[(&wire, "syndicates")]).await;
        let local = source(&app, t, "Local radio", &[]).await;
        let a = claim(
            &app,
            t,
            "Reported by the daily",
            "a",
            &[(&daily, "evidence", None)],
        )
        .await;
        let b = claim(
            &app,
            t,
            "Reported by the radio",
            "b",
            &[(&local, "evidence", None)],
        )
        .await;
        // A third claim sharing the wire origin adds nothing new to `a`.
        let c = claim(
            &app,
            t,
            "Reported by the wire",
            "c",
            &[(&wire, "evidence", None)],
        )
        .await;
        for other in [&b, &c] {
            let response = app
                .post_json(
                    "/v1/relations",
                    t,
                    &json!({"kind": "corroborates", "from_claim_id": id(other),
                            "to_claim_id": id(&a), "note": "independent report"}),
                )
                .await;
            assert_eq!(response.status(), 201);
        }
        let a_now = app.get_ok(&format!("/v1/claims/{}", id(&a)), t).await;
        let corr = &a_now["corroboration"];
        assert_eq!(corr["cited_sources"], 1);
        assert_eq!(corr["independent_origins"], 2, "{corr}");
        assert_eq!(
            roots(&a_now),
            BTreeSet::from([(wire.clone(), None), (local.clone(), None)])
        );
        let mut expected = vec![id(&b), id(&c)];
        expected.sort();
        assert_eq!(corr["corroborated_by"], json!(expected));
        // Symmetric: `b` gains `a`'s origin (and not `c`'s, one hop only — here the same).
        let b_now = app.get_ok(&format!("/v1/claims/{}", id(&b)), t).await;
        assert_eq!(b_now["corroboration"]["independent_origins"], 2);

        // The graph behind `a`: its citation, the daily deriving from the wire (a root), and
        // the radio's origin reached through `b`.
        let graph = app
            .get_ok(&format!("/v1/claims/{}/provenance", id(&a)), t)
            .await;
        assert_eq!(graph["claim_id"], id(&a).as_str());
        assert_eq!(graph["complete"], true);
        let citation_id = a_now["citations"][0]["id"].clone();
        assert_eq!(graph["citations"][0]["id"], citation_id);
        assert_eq!(graph["citations"][0]["counts"], true);
        let source_ids: BTreeSet<&str> = graph["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            source_ids,
            BTreeSet::from([wire.as_str(), daily.as_str(), local.as_str()])
        );
        let node = |sid: &str| {
            graph["sources"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == sid)
                .cloned()
                .unwrap()
        };
        assert_eq!(node(&daily)["root"], false);
        assert_eq!(node(&daily)["derives_from"][0]["source_id"], wire.as_str());
        assert_eq!(node(&wire)["root"], true);
        assert_eq!(node(&wire)["latest_capture_id"], Value::Null);
        let origins = graph["origins"].as_array().unwrap();
        assert_eq!(origins.len(), 2, "{graph}");
        let wire_origin = origins
            .iter()
            .find(|o| o["root_source_id"] == wire.as_str())
            .unwrap();
        assert_eq!(wire_origin["via_citation_ids"], json!([citation_id]));
        assert_eq!(wire_origin["via_claim_ids"], json!([id(&c)]));
        let radio = origins
            .iter()
            .find(|o| o["root_source_id"] == local.as_str())
            .unwrap();
        assert_eq!(radio["via_claim_ids"], json!([id(&b)]));

        let response = app.get("/v1/claims/no-such-claim/provenance", t).await;
        assert_problem(response, 404, "not_found").await;
    }
);

both_backends!(
    attribution_is_checked_versioned_and_filters_page_through,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let article = source(&app, t, "Article", &[]).await;
        let other = source(&app, t, "Other", &[]).await;

        // An unknown speaker, or a too long one, is named by its pointer.
        for (speaker, status) in [("no-such-entity", 422), (&"x".repeat(101)[..], 422)] {
            let response = app
                .post_json(
                    "/v1/claims",
                    t,
                    &json!({"statement": "s", "confidence": 0.5, "citations": [
                        {"source_id": article}, {"source_id": article, "attributed_to": speaker}]}),
                )
                .await;
            let problem = assert_problem(response, status, "validation_failed").await;
            assert_eq!(
                pointers(&problem),
                ["/citations/1/attributed_to"],
                "{problem}"
            );
        }
        for bad in ["-1", "1001", "two"] {
            let response = app
                .get(&format!("/v1/claims?min_independent_origins={bad}"), t)
                .await;
            assert!(
                [400, 422].contains(&response.status().as_u16()),
                "{bad}: {}",
                response.status()
            );
        }

        // Adding a speaker is a new revision; the first keeps none, and `as_of` before it
        // counts the origins as they were.
        let police = app.entity_id(t, "organization", "Police").await;
        let ttp = app.entity_id(t, "organization", "TTP").await;
        let c = claim(
            &app,
            t,
            "Said by two",
            "two",
            &[
                (&article, "evidence", Some(&police)),
                (&article, "evidence", None),
            ],
        )
        .await;
        let path = format!("/v1/claims/{}", id(&c));
        assert_eq!(c["corroboration"]["independent_origins"], 2);
        let before = c["updated_at"].as_str().unwrap().to_owned();
        let body = json!({"citations": [
            {"source_id": article, "attributed_to": police},
            {"source_id": article, "attributed_to": ttp}]});
        let (now, _) = patch_ok(&app, &path, t, "\"1\"", &body).await;
        assert_eq!(now["citations"][1]["attributed_to"], ttp.as_str());
        assert_eq!(now["corroboration"]["independent_origins"], 2);
        let first = app.get_ok(&format!("{path}/revisions/1"), t).await;
        assert_eq!(
            first["snapshot"]["citations"][0]["attributed_to"],
            police.as_str()
        );
        assert!(
            first["snapshot"]["citations"][1]
                .get("attributed_to")
                .is_none(),
            "{first}"
        );
        let then = app
            .get_ok(&with_query(&path, &[("as_of", &before)]), t)
            .await;
        assert_eq!(then["revision"], 1);
        assert_eq!(roots(&then).len(), 2);
        assert!(roots(&then).contains(&(article.clone(), None)));

        // Matching claims among many that do not: pages follow the cursor to all of them.
        let mut wanted = Vec::new();
        for i in 0..12 {
            let cites: Vec<(&str, &str, Option<&str>)> = if i % 4 == 0 {
                vec![(&article, "evidence", None), (&other, "evidence", None)]
            } else {
                vec![(&article, "evidence", None)]
            };
            let made = claim(&app, t, &format!("Claim number {i}"), "many", &cites).await;
            if i % 4 == 0 {
                wanted.push(id(&made));
            }
        }
        let found = app
            .all_pages(
                "/v1/claims",
                t,
                &[
                    ("tag", "many"),
                    ("min_independent_origins", "2"),
                    ("sort", "created_at"),
                ],
                2,
            )
            .await;
        assert_eq!(ids(&found), wanted);
    }
);
