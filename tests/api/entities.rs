//! `/v1/entities`: people, organisations, events and places with their aliases; `q` over name
//! and aliases in any case and script; the kind filter; edits with If-Match.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, etag, id, ids, pointers};
use crate::helpers::{TestApp, assert_problem};

async fn entity_ids(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Vec<String> {
    let (items, _) = app.page("/v1/entities", token, params).await;
    ids(&items)
}

both_backends!(
    an_entity_is_created_with_its_aliases_location_and_etag,
    |app| async move {
        let team = Team::new(&app).await;
        let response = app
            .post_json(
                "/v1/entities",
                &team.editor,
                &json!({
                    "kind": "organization",
                    "name": " Tehreek-e-Taliban Pakistan ",
                    "aliases": ["TTP", " Pakistani Taliban ", "TTP"],
                    "description": "Militant organisation fighting the Pakistani state.",
                }),
            )
            .await;
        assert_eq!(response.status(), 201);
        assert_eq!(etag(&response), "\"1\"");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let created: Value = response.json().await.unwrap();
        assert_eq!(location, format!("/v1/entities/{}", id(&created)));
        assert_eq!(created["kind"], "organization");
        assert_eq!(created["name"], "Tehreek-e-Taliban Pakistan");
        assert_eq!(
            created["aliases"],
            json!(["TTP", "Pakistani Taliban"]),
            "trimmed, duplicates dropped, order kept"
        );
        assert_eq!(
            created["description"],
            "Militant organisation fighting the Pakistani state."
        );
        assert_eq!(created["revision"], 1);
        assert_eq!(created["retracted"], Value::Null);

        let response = app.get(&location, &team.editor).await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"1\"");
        assert_eq!(response.json::<Value>().await.unwrap(), created);
    }
);

both_backends!(
    q_finds_an_entity_through_any_alias_in_any_case,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let ttp = id(&app
            .create_entity(
                t,
                &json!({"kind": "organization", "name": "Tehreek-e-Taliban Pakistan", "aliases": ["TTP", "Pakistani Taliban"]}),
            )
            .await);
        let afghan = id(&app
            .create_entity(
                t,
                &json!({"kind": "organization", "name": "Afghan Taliban", "aliases": ["Islamic Emirate of Afghanistan"]}),
            )
            .await);
        let pakistan = id(&app
            .create_entity(
                t,
                &json!({"kind": "place", "name": "Pakistan", "aliases": ["Islamic Republic of Pakistan"]}),
            )
            .await);

        for q in [
            "pakistani taliban",
            "Pakistani Taliban",
            "PAKISTANI TALIBAN",
            "  pakistani   TALIBAN ",
        ] {
            assert_eq!(
                entity_ids(&app, t, &[("q", q)]).await,
                [ttp.as_str()],
                "q={q:?}"
            );
        }
        assert_eq!(entity_ids(&app, t, &[("q", "ttp")]).await, [ttp.as_str()]);
        assert_eq!(
            entity_ids(&app, t, &[("q", "tehreek-e")]).await,
            [ttp.as_str()]
        );
        assert_eq!(
            entity_ids(&app, t, &[("q", "taliban")]).await,
            [ttp.as_str(), afghan.as_str()]
        );
        assert_eq!(
            entity_ids(&app, t, &[("q", "islamic")]).await,
            [afghan.as_str(), pakistan.as_str()]
        );
        assert_eq!(
            entity_ids(&app, t, &[("q", "pakistan")]).await,
            [ttp.as_str(), pakistan.as_str()]
        );
        assert!(entity_ids(&app, t, &[("q", "quetta")]).await.is_empty());
        // LIKE wildcards are taken literally.
        assert!(entity_ids(&app, t, &[("q", "%")]).await.is_empty());
        assert!(entity_ids(&app, t, &[("q", "t_p")]).await.is_empty());
    }
);

both_backends!(
    an_urdu_name_round_trips_exactly_and_is_found_by_q,
    |app| async move {
        let team = Team::new(&app).await;
        let name = "تحریک طالبان پاکستان";
        let aliases = json!(["ٹی ٹی پی", "د پاکستان طالبان", "طالبان 🇵🇰"]);
        let description = "پاکستانی ریاست کے خلاف لڑنے والی عسکریت پسند تنظیم۔";
        let created = app
            .create_entity(
                &team.editor,
                &json!({"kind": "organization", "name": name, "aliases": aliases, "description": description}),
            )
            .await;
        assert_eq!(created["name"], name);
        assert_eq!(created["aliases"], aliases);
        assert_eq!(created["description"], description);
        let read = app
            .get_ok(&format!("/v1/entities/{}", id(&created)), &team.editor)
            .await;
        assert_eq!(read["name"], name);
        assert_eq!(read["aliases"], aliases);
        assert_eq!(read["description"], description);

        let other = app.entity_id(&team.editor, "place", "Quetta").await;
        assert_eq!(
            entity_ids(&app, &team.editor, &[("q", "طالبان")]).await,
            [id(&created)]
        );
        assert_eq!(
            entity_ids(&app, &team.editor, &[("q", "ٹی ٹی پی")]).await,
            [id(&created)],
            "found through an Urdu alias"
        );
        assert_eq!(
            entity_ids(&app, &team.editor, &[("q", "quetta")]).await,
            [other]
        );
    }
);

both_backends!(the_entity_list_filters_by_kind, |app| async move {
    let team = Team::new(&app).await;
    let t = &team.editor;
    let person = app.entity_id(t, "person", "Mufti Muzahim").await;
    let organization = app
        .entity_id(t, "organization", "Balochistan Constabulary")
        .await;
    let event = app
        .entity_id(t, "event", "Quetta police truck bombing, 30 November 2022")
        .await;
    let place = app.entity_id(t, "place", "Quetta").await;
    let other = app
        .entity_id(t, "other", "TTP order to initiate nationwide attacks")
        .await;

    for (kind, expected) in [
        ("person", &person),
        ("organization", &organization),
        ("event", &event),
        ("place", &place),
        ("other", &other),
    ] {
        assert_eq!(
            entity_ids(&app, t, &[("kind", kind)]).await,
            [expected.as_str()],
            "kind={kind}"
        );
    }
    assert_eq!(
        entity_ids(&app, t, &[("kind", "place"), ("q", "quetta")]).await,
        [place.as_str()],
        "kind and q together"
    );
    assert_eq!(
        entity_ids(&app, t, &[]).await,
        [person, organization, event, place, other],
        "oldest first"
    );
});

both_backends!(a_bad_entity_names_each_bad_field, |app| async move {
    let team = Team::new(&app).await;
    let response = app
        .post_json(
            "/v1/entities",
            &team.editor,
            &json!({"kind": "organization", "name": "   ", "aliases": ["ok", " "]}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), ["/aliases/1", "/name"]);

    let response = app
        .post_json(
            "/v1/entities",
            &team.editor,
            &json!({"kind": "company", "name": "Acme"}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), ["/kind"]);

    let response = app
        .post_json(
            "/v1/entities",
            &team.editor,
            &json!({"kind": "place", "name": "Quetta", "country": "Pakistan"}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), ["/country"]);
});

both_backends!(
    patching_an_entity_with_if_match_changes_what_q_finds,
    |app| async move {
        let team = Team::new(&app).await;
        let entity = app
            .create_entity(
                &team.editor,
                &json!({"kind": "event", "name": "Quetta attack"}),
            )
            .await;
        let path = format!("/v1/entities/{}", id(&entity));
        let patch = json!({"aliases": ["Balochistan Constabulary truck bombing"]});

        let response = app.patch_json(&path, &team.editor, None, &patch).await;
        assert_problem(response, 428, "if_match_required").await;

        let response = app
            .patch_json(&path, &team.editor, Some("\"1\""), &patch)
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let patched: Value = response.json().await.unwrap();
        assert_eq!(patched["name"], "Quetta attack");
        assert_eq!(patched["aliases"], patch["aliases"]);

        assert_eq!(
            entity_ids(&app, &team.editor, &[("q", "constabulary truck")]).await,
            [id(&entity)]
        );

        let response = app
            .patch_json(&path, &team.editor, Some("\"1\""), &json!({"name": "x"}))
            .await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 2);
    }
);

both_backends!(
    only_a_reviewer_retracts_an_entity_which_then_leaves_the_list,
    |app| async move {
        let team = Team::new(&app).await;
        let kept = app.entity_id(&team.editor, "place", "Quetta").await;
        let gone = app
            .entity_id(&team.editor, "person", "Invented person")
            .await;
        let retract = format!("/v1/entities/{gone}/retract");
        let reason = json!({"reason": "does not exist"});

        let response = app
            .post_if_match(&retract, &team.editor, Some("\"1\""), &reason)
            .await;
        assert_problem(response, 403, "forbidden").await;
        let response = app
            .post_if_match(&retract, &team.reviewer, Some("\"1\""), &reason)
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");

        assert_eq!(entity_ids(&app, &team.editor, &[]).await, [kept.as_str()]);
        assert_eq!(
            entity_ids(&app, &team.editor, &[("include_retracted", "true")]).await,
            [kept.as_str(), gone.as_str()]
        );
        let read = app
            .get_ok(&format!("/v1/entities/{gone}"), &team.editor)
            .await;
        assert_eq!(read["retracted"]["reason"], "does not exist");
    }
);
