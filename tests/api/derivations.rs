//! What sources derive from (issue 17 §2): `derives_from` on a source, versioned with it;
//! unknown sources, itself and repeats refused by name; cycles refused with their path, also
//! when two editors add the two halves of one at the same moment.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, id, pointers};
use crate::helpers::{TestApp, assert_problem};
use crate::history_fixtures::patch_ok;

fn derived(title: &str, from: &[(&str, &str)]) -> Value {
    let list: Vec<Value> = from
        .iter()
        .map(|(source_id, relation)| json!({"source_id": source_id, "relation": relation}))
        .collect();
    json!({"kind": "article", "title": title, "derives_from": list})
}

async fn refused(app: &TestApp, token: &str, path: &str, etag: &str, body: &Value) -> Value {
    let response = app.patch_json(path, token, Some(etag), body).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(
        pointers(&problem),
        ["/derives_from/0/source_id"],
        "{problem}"
    );
    problem
}

both_backends!(
    sources_derive_from_others_without_cycles,
    |app| async move {
        let team = Team::new(&app).await;
        let wire = id(&app
            .create_source(&team.editor, &derived("Wire story", &[]))
            .await);
        let paper = app
            .create_source(
                &team.editor,
                &derived("Daily reprint", &[(&wire, "syndicates")]),
            )
            .await;
        assert_eq!(
            paper["derives_from"],
            json!([{"source_id": wire, "relation": "syndicates"}])
        );
        let paper = id(&paper);
        let weekly = id(&app
            .create_source(
                &team.editor,
                &derived("Weekly digest", &[(&paper, "quotes")]),
            )
            .await);

        // The wire deriving from the weekly would close wire → weekly → paper → wire.
        let wire_path = format!("/v1/sources/{wire}");
        let body = json!({"derives_from": [{"source_id": weekly, "relation": "cites"}]});
        let problem = refused(&app, &team.editor, &wire_path, "\"1\"", &body).await;
        let message = problem["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("{wire} → {weekly} → {paper} → {wire}")),
            "{message}"
        );
        let body = json!({"derives_from": [{"source_id": wire, "relation": "cites"}]});
        refused(&app, &team.editor, &wire_path, "\"1\"", &body).await;
        let body = json!({"derives_from": [{"source_id": "no-such-source", "relation": "cites"}]});
        refused(&app, &team.editor, &wire_path, "\"1\"", &body).await;
        let response = app
            .post_json(
                "/v1/sources",
                &team.editor,
                &json!({"kind": "article", "title": "t", "derives_from": [
                    {"source_id": wire, "relation": "cites"},
                    {"source_id": wire, "relation": "quotes"}]}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/derives_from/1/source_id"]);
        let response = app
            .post_json(
                "/v1/sources",
                &team.editor,
                &json!({"kind": "article", "title": "t", "derives_from": [
                    {"source_id": wire, "relation": "reprints"}]}),
            )
            .await;
        assert_eq!(response.status(), 422);

        // Dropping the edge is a new revision; the old one keeps it, and the cycle is then fine.
        let paper_path = format!("/v1/sources/{paper}");
        patch_ok(
            &app,
            &paper_path,
            &team.editor,
            "\"1\"",
            &json!({"derives_from": []}),
        )
        .await;
        let first = app
            .get_ok(&format!("{paper_path}/revisions/1"), &team.editor)
            .await;
        assert_eq!(
            first["snapshot"]["derives_from"][0]["source_id"], wire,
            "{first}"
        );
        let body = json!({"derives_from": [{"source_id": weekly, "relation": "cites"}]});
        let (now, _) = patch_ok(&app, &wire_path, &team.editor, "\"1\"", &body).await;
        assert_eq!(now["derives_from"][0]["source_id"], weekly);
    }
);

both_backends!(
    two_editors_closing_a_cycle_at_once_cannot_both_win,
    |app| async move {
        let team = Team::new(&app).await;
        for round in 0..5 {
            let a = id(&app
                .create_source(&team.editor, &derived(&format!("A{round}"), &[]))
                .await);
            let b = id(&app
                .create_source(&team.editor, &derived(&format!("B{round}"), &[]))
                .await);
            let a_path = format!("/v1/sources/{a}");
            let b_path = format!("/v1/sources/{b}");
            let a_body = json!({"derives_from": [{"source_id": b, "relation": "cites"}]});
            let b_body = json!({"derives_from": [{"source_id": a, "relation": "cites"}]});
            let (first, second) = tokio::join!(
                app.patch_json(&a_path, &team.editor, Some("\"1\""), &a_body),
                app.patch_json(&b_path, &team.reviewer, Some("\"1\""), &b_body),
            );
            let mut statuses = [first.status().as_u16(), second.status().as_u16()];
            statuses.sort_unstable();
            assert_eq!(statuses, [200, 422], "round {round}: exactly one wins");
        }
    }
);
