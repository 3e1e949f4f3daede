//! `/v1/properties`: the default vocabulary that ships, admins adding to it, and edits that
//! may change a label but never a value type.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, etag, pointers};
use crate::helpers::assert_problem;

both_backends!(
    the_default_properties_ship_at_revision_1,
    |app| async move {
        let token = app.user_with_role("viewer", "viewer").await;
        let properties: HashMap<String, Value> = app
            .all_pages("/v1/properties", &token, &[], 500)
            .await
            .into_iter()
            .map(|p| (p["key"].as_str().unwrap().to_owned(), p))
            .collect();

        // (key, value_type, single_valued, unit); quantities are compared as intervals, so
        // their single-valuedness is not part of the contract.
        let expected: &[(&str, &str, Option<bool>, Option<&str>)] = &[
            ("fatalities", "quantity", None, Some("people")),
            ("fatalities.police", "quantity", None, Some("people")),
            ("fatalities.civilian", "quantity", None, Some("people")),
            ("fatalities.perpetrator", "quantity", None, Some("people")),
            ("injured", "quantity", None, Some("people")),
            ("perpetrator", "entity", Some(false), None),
            ("responsibility_claimed_by", "entity", Some(false), None),
            ("target", "entity", Some(false), None),
            ("signatory", "entity", Some(true), None),
            ("location", "entity", Some(true), None),
            ("vehicle", "text", Some(true), None),
            ("weapon", "text", Some(false), None),
            ("start_date", "time", Some(true), None),
            ("end_date", "time", Some(true), None),
        ];
        for (key, value_type, single_valued, unit) in expected {
            let property = properties
                .get(*key)
                .unwrap_or_else(|| panic!("the default property {key} is missing"));
            assert_eq!(property["value_type"], *value_type, "{key}");
            if let Some(single) = single_valued {
                assert_eq!(property["single_valued"], *single, "{key}");
            }
            assert_eq!(property["unit"], json!(unit), "{key}");
            assert_eq!(property["revision"], 1, "{key}");
            assert!(
                property["label"].as_str().is_some_and(|l| !l.is_empty()),
                "{key} has a label"
            );

            let response = app.get(&format!("/v1/properties/{key}"), &token).await;
            assert_eq!(response.status(), 200, "{key}");
            assert_eq!(etag(&response), "\"1\"", "{key}");
            assert_eq!(response.json::<Value>().await.unwrap(), *property);
        }

        let response = app.get("/v1/properties/no.such.key", &token).await;
        assert_problem(response, 404, "not_found").await;
    }
);

both_backends!(
    the_property_list_is_ordered_by_key_and_pages,
    |app| async move {
        let token = app.admin_token().await;
        let all = app.all_pages("/v1/properties", &token, &[], 500).await;
        let keys: Vec<&str> = all.iter().map(|p| p["key"].as_str().unwrap()).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        let paged = app.all_pages("/v1/properties", &token, &[], 4).await;
        assert_eq!(paged, all);
    }
);

both_backends!(
    an_admin_adds_a_property_and_an_editor_cannot,
    |app| async move {
        let team = Team::new(&app).await;
        let body = json!({
            "key": "abducted",
            "label": "Abducted",
            "description": "People abducted.",
            "value_type": "quantity",
            "unit": "people",
        });
        let response = app.post_json("/v1/properties", &team.editor, &body).await;
        assert_problem(response, 403, "forbidden").await;
        let response = app.post_json("/v1/properties", &team.reviewer, &body).await;
        assert_problem(response, 403, "forbidden").await;

        let me = app.get_ok("/v1/me", &team.admin).await;
        let response = app.post_json("/v1/properties", &team.admin, &body).await;
        assert_eq!(response.status(), 201);
        assert_eq!(etag(&response), "\"1\"");
        assert_eq!(
            response.headers()["location"].to_str().unwrap(),
            "/v1/properties/abducted"
        );
        let created: Value = response.json().await.unwrap();
        assert_eq!(created["key"], "abducted");
        assert_eq!(created["value_type"], "quantity");
        assert_eq!(created["single_valued"], false, "the default");
        assert_eq!(created["unit"], "people");
        assert_eq!(created["revision"], 1);
        assert_eq!(created["created_by"], me["id"]);
        assert_eq!(
            app.get_ok("/v1/properties/abducted", &team.editor).await,
            created
        );

        // Claims can use it at once.
        let source = app.source_id(&team.editor, "Police report").await;
        let subject = app.entity_id(&team.editor, "event", "Kidnapping").await;
        let mut claim = claim_body("Three people were abducted.", &source);
        claim["subject_id"] = json!(subject);
        claim["property"] = json!("abducted");
        claim["value"] = json!({"type": "quantity", "lower": 3, "upper": 3, "unit": "people"});
        app.create_claim(&team.editor, &claim).await;

        let response = app.post_json("/v1/properties", &team.admin, &body).await;
        assert_problem(response, 409, "property_exists").await;
        let mut default_again = body.clone();
        default_again["key"] = json!("fatalities.police");
        let response = app
            .post_json("/v1/properties", &team.admin, &default_again)
            .await;
        assert_problem(response, 409, "property_exists").await;
    }
);

both_backends!(a_bad_property_names_each_bad_field, |app| async move {
    let admin = app.admin_token().await;
    for key in ["Bad Key", "", ".leading", "trailing.", "ünïcode"] {
        let response = app
            .post_json(
                "/v1/properties",
                &admin,
                &json!({"key": key, "label": "L", "value_type": "text"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/key"], "key {key:?}");
    }
    let response = app
        .post_json(
            "/v1/properties",
            &admin,
            &json!({"key": "nickname", "label": " ", "value_type": "text", "unit": "letters"}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), ["/label", "/unit"]);

    let response = app
        .post_json(
            "/v1/properties",
            &admin,
            &json!({"key": "colour", "label": "Colour", "value_type": "colour"}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), ["/value_type"]);
});

both_backends!(
    a_property_label_changes_with_if_match_and_its_value_type_never,
    |app| async move {
        let team = Team::new(&app).await;
        let path = "/v1/properties/vehicle";
        let patch = json!({"label": "Vehicle used", "edit_summary": "clearer label"});

        let response = app
            .patch_json(path, &team.editor, Some("\"1\""), &patch)
            .await;
        assert_problem(response, 403, "forbidden").await;

        let response = app.patch_json(path, &team.admin, None, &patch).await;
        assert_problem(response, 428, "if_match_required").await;

        let response = app
            .patch_json(path, &team.admin, Some("\"1\""), &patch)
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let patched: Value = response.json().await.unwrap();
        assert_eq!(patched["label"], "Vehicle used");
        assert_eq!(patched["value_type"], "text");
        assert_eq!(patched["single_valued"], true);
        assert_eq!(patched["revision"], 2);

        let response = app
            .patch_json(path, &team.admin, Some("\"1\""), &json!({"label": "x"}))
            .await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 2);

        let response = app
            .patch_json(
                path,
                &team.admin,
                Some("\"2\""),
                &json!({"value_type": "entity"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/value_type"]);

        let response = app
            .patch_json(
                path,
                &team.admin,
                Some("\"2\""),
                &json!({"key": "vehicles"}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/key"]);

        let read = app.get(path, &team.editor).await;
        assert_eq!(etag(&read), "\"2\"", "rejected edits change nothing");
        let read: Value = read.json().await.unwrap();
        assert_eq!(read["value_type"], "text");
        assert_eq!(read["label"], "Vehicle used");
    }
);
