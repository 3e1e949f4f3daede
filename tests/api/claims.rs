//! `/v1/claims`: creating a claim with every field and the shape it comes back in, every
//! validation rule (each naming its field by JSON pointer), duplicates, text in any script,
//! edits, verdicts and retraction by role, and the fixed number of queries a read costs.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{
    Team, claim_body, db_queries, etag, id, ids, numbers_as_floats, pointers, with_query,
};
use crate::helpers::{TestApp, assert_problem};

fn claim_path(claim: &Value) -> String {
    format!("/v1/claims/{}", id(claim))
}

/// POSTs a claim that must be refused with 422, and returns the pointers named.
async fn rejected(app: &TestApp, token: &str, body: &Value) -> Vec<String> {
    let response = app.post_json("/v1/claims", token, body).await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    pointers(&problem)
}

/// A source, a subject and the team, for the tests that need a structured claim.
struct World {
    team: Team,
    source: String,
    subject: String,
}

impl World {
    async fn new(app: &TestApp) -> World {
        let team = Team::new(app).await;
        let source = app.source_id(&team.editor, "Initial reports").await;
        let subject = app
            .entity_id(
                &team.editor,
                "event",
                "Quetta police truck bombing, 30 November 2022",
            )
            .await;
        World {
            team,
            source,
            subject,
        }
    }

    /// A structured claim about the subject.
    fn structured(&self, statement: &str, property: &str, value: Value) -> Value {
        let mut body = claim_body(statement, &self.source);
        body["subject_id"] = json!(self.subject);
        body["property"] = json!(property);
        body["value"] = value;
        body
    }
}

fn people(lower: u32, upper: Option<u32>) -> Value {
    json!({"type": "quantity", "lower": lower, "upper": upper, "unit": "people"})
}

both_backends!(
    a_claim_with_every_field_comes_back_in_the_documented_shape,
    |app| async move {
        let team = Team::new(&app).await;
        let me = app.get_ok("/v1/me", &team.editor).await;
        let source = app
            .create_source(
                &team.editor,
                &json!({
                    "kind": "article",
                    "title": "Afghan Taliban, TTP And Pakistan: The Undeniable Nexus",
                    "url": "https://example.org/ttp-nexus",
                    "publisher": "Example Review",
                    "reliability": "C",
                }),
            )
            .await;
        let subject = app
            .create_entity(
                &team.editor,
                &json!({"kind": "event", "name": "Quetta police truck bombing, 30 November 2022"}),
            )
            .await;
        let ttp = app
            .entity_id(&team.editor, "organization", "Tehreek-e-Taliban Pakistan")
            .await;
        let body = json!({
            "statement": "At least one police officer was killed in the attack on the Balochistan Constabulary truck in Quetta.",
            "subject_id": id(&subject),
            "property": "fatalities.police",
            "value": {"type": "quantity", "lower": 1, "upper": null, "unit": "people"},
            "occurred_at": {"value": "2022-11-30", "precision": "day"},
            "place": "Quetta, Balochistan, Pakistan",
            "claimed_at": "2022-11-30T00:00:00Z",
            "claimant": {"entity_id": ttp, "text": "Tehreek-e-Taliban Pakistan (claim of responsibility)"},
            "confidence": 0.75,
            "credibility": 3,
            "tags": ["ttp", "quetta-2022-11-30"],
            "citations": [{
                "source_id": id(&source),
                "quote": "causing at least one police fatality",
                "locator": "paragraph 2",
                "url": "https://example.org/ttp-nexus#p2",
            }],
        });
        let response = app.post_json("/v1/claims", &team.editor, &body).await;
        assert_eq!(response.status(), 201);
        assert_eq!(etag(&response), "\"1\"");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let claim: Value = response.json().await.unwrap();
        assert_eq!(location, claim_path(&claim));

        assert_eq!(claim["statement"], body["statement"]);
        assert_eq!(
            claim["subject"],
            json!({"id": id(&subject), "name": "Quetta police truck bombing, 30 November 2022", "kind": "event"})
        );
        assert_eq!(claim["property"], "fatalities.police");
        assert_eq!(
            numbers_as_floats(&claim["value"]),
            numbers_as_floats(&body["value"])
        );
        assert_eq!(claim["occurred_at"], body["occurred_at"]);
        assert_eq!(claim["place"], "Quetta, Balochistan, Pakistan");
        assert_eq!(claim["claimed_at"], "2022-11-30T00:00:00Z");
        assert_eq!(claim["claimant"], body["claimant"]);
        assert_eq!(claim["confidence"], 0.75);
        assert_eq!(claim["confidence_label"], "likely");
        assert_eq!(claim["credibility"], 3);
        assert_eq!(claim["verdict"], "unreviewed");
        let mut tags: Vec<&str> = claim["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        tags.sort_unstable();
        assert_eq!(tags, ["quetta-2022-11-30", "ttp"]);

        let citations = claim["citations"].as_array().unwrap();
        assert_eq!(citations.len(), 1);
        let citation = &citations[0];
        assert!(citation["id"].as_str().is_some_and(|s| !s.is_empty()));
        assert_eq!(citation["source"]["id"], source["id"]);
        assert_eq!(citation["source"]["title"], source["title"]);
        assert_eq!(citation["source"]["publisher"], "Example Review");
        assert_eq!(citation["source"]["reliability"], "C");
        assert_eq!(citation["source"]["retracted"], false);
        assert_eq!(citation["quote"], "causing at least one police fatality");
        assert_eq!(citation["locator"], "paragraph 2");
        assert_eq!(citation["url"], "https://example.org/ttp-nexus#p2");
        assert_eq!(claim["cites_retracted_source"], false);

        assert_eq!(claim["open_contradiction_ids"], json!([]));
        assert_eq!(claim["retracted"], Value::Null);
        assert_eq!(claim["revision"], 1);
        assert!(claim["created_at"].is_string());
        assert_eq!(claim["updated_at"], claim["created_at"]);
        assert_eq!(
            claim["created_by"],
            json!({"id": me["id"], "username": "editor"})
        );

        let response = app.get(&location, &team.editor).await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"1\"");
        assert_eq!(as_written(response.json::<Value>().await.unwrap()), claim);

        // A viewer reads it; a viewer cannot write.
        let viewer = app.user_with_role("viewer", "viewer").await;
        assert_eq!(as_written(app.get_ok(&location, &viewer).await), claim);
        let response = app.post_json("/v1/claims", &viewer, &body).await;
        assert_problem(response, 403, "forbidden").await;
    }
);

both_backends!(a_claim_that_does_not_exist_is_404, |app| async move {
    let token = app.admin_token().await;
    let response = app
        .get("/v1/claims/0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1", &token)
        .await;
    assert_problem(response, 404, "not_found").await;
});

both_backends!(
    the_statement_is_trimmed_and_has_1_to_4000_characters,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "S").await;
        let claim = app
            .create_claim(
                &team.editor,
                &claim_body("  \n Trimmed statement. \t ", &source),
            )
            .await;
        assert_eq!(claim["statement"], "Trimmed statement.");

        // Characters, not bytes: 4000 Urdu letters are 8000 bytes.
        let longest = "ک".repeat(4000);
        let claim = app
            .create_claim(&team.editor, &claim_body(&longest, &source))
            .await;
        assert_eq!(claim["statement"], longest.as_str());
        // The limit is on the text as sent (the document's maxLength), then it is trimmed.
        let padded = format!("   {}   ", "b".repeat(3994));
        let claim = app
            .create_claim(&team.editor, &claim_body(&padded, &source))
            .await;
        assert_eq!(claim["statement"].as_str().unwrap().chars().count(), 3994);
        let over = format!(" {}", "b".repeat(4000));

        for statement in ["", "   \n\t ", &"x".repeat(4001), &"ک".repeat(4001), &over] {
            assert_eq!(
                rejected(&app, &team.editor, &claim_body(statement, &source)).await,
                ["/statement"],
                "{} characters",
                statement.chars().count()
            );
        }
        let mut body = claim_body("x", &source);
        body.as_object_mut().unwrap().remove("statement");
        assert_eq!(rejected(&app, &team.editor, &body).await, ["/statement"]);
    }
);

both_backends!(
    confidence_is_within_0_and_1_and_gets_its_icd_203_label,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "S").await;
        for (confidence, label) in [
            (0.0, "almost no chance"),
            (0.049, "almost no chance"),
            (0.05, "very unlikely"),
            (0.19, "very unlikely"),
            (0.2, "unlikely"),
            (0.45, "roughly even chance"),
            (0.549, "roughly even chance"),
            (0.55, "likely"),
            (0.8, "very likely"),
            (0.95, "almost certain"),
            (1.0, "almost certain"),
        ] {
            let mut body = claim_body(&format!("Confidence {confidence}"), &source);
            body["confidence"] = json!(confidence);
            let claim = app.create_claim(&team.editor, &body).await;
            assert_eq!(claim["confidence"], confidence);
            assert_eq!(claim["confidence_label"], label, "{confidence}");
        }
        for bad in [
            json!(-0.01),
            json!(1.01),
            json!(2),
            json!("likely"),
            json!(null),
        ] {
            let mut body = claim_body("Bad confidence", &source);
            body["confidence"] = bad.clone();
            assert_eq!(
                rejected(&app, &team.editor, &body).await,
                ["/confidence"],
                "{bad}"
            );
        }
        let mut body = claim_body("No confidence", &source);
        body.as_object_mut().unwrap().remove("confidence");
        assert_eq!(rejected(&app, &team.editor, &body).await, ["/confidence"]);
    }
);

both_backends!(
    credibility_is_an_admiralty_grade_from_1_to_6,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "S").await;
        for grade in 1..=6 {
            let mut body = claim_body(&format!("Credibility {grade}"), &source);
            body["credibility"] = json!(grade);
            let claim = app.create_claim(&team.editor, &body).await;
            assert_eq!(claim["credibility"], grade);
        }
        let claim = app
            .create_claim(&team.editor, &claim_body("No credibility", &source))
            .await;
        assert_eq!(claim["credibility"], Value::Null, "optional");
        for bad in [0, 7, -1] {
            let mut body = claim_body("Bad credibility", &source);
            body["credibility"] = json!(bad);
            assert_eq!(
                rejected(&app, &team.editor, &body).await,
                ["/credibility"],
                "{bad}"
            );
        }
    }
);

both_backends!(tags_are_lowercased_and_deduplicated, |app| async move {
    let team = Team::new(&app).await;
    let source = app.source_id(&team.editor, "S").await;
    let mut body = claim_body("Tagged claim", &source);
    body["tags"] = json!(["TTP", "ttp", " Quetta 2022 ", "QUETTA   2022", "Ttp"]);
    let claim = app.create_claim(&team.editor, &body).await;
    let mut tags: Vec<String> = claim["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, ["quetta-2022", "ttp"]);

    // The tag filter normalises the same way.
    for tag in ["ttp", "TTP", "Quetta 2022", "quetta-2022"] {
        assert_eq!(
            app.claim_ids(&team.editor, &[("tag", tag)]).await,
            [id(&claim)],
            "tag={tag}"
        );
    }

    body["tags"] = json!(["ok", "  ", "x".repeat(51)]);
    assert_eq!(
        rejected(&app, &team.editor, &body).await,
        ["/tags/1", "/tags/2"]
    );
});

both_backends!(a_claim_needs_at_least_one_citation, |app| async move {
    let team = Team::new(&app).await;
    let source = app.source_id(&team.editor, "S").await;
    let mut body = claim_body("Unsourced", &source);
    body["citations"] = json!([]);
    assert_eq!(rejected(&app, &team.editor, &body).await, ["/citations"]);
    body.as_object_mut().unwrap().remove("citations");
    assert_eq!(rejected(&app, &team.editor, &body).await, ["/citations"]);
    body["citations"] = json!(null);
    assert_eq!(rejected(&app, &team.editor, &body).await, ["/citations"]);
});

both_backends!(
    a_citation_names_an_existing_source_and_quotes_at_most_2000_characters,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, "S").await;
        let unknown = "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1";

        let body = claim_body("Cites nothing real", unknown);
        assert_eq!(
            rejected(&app, &team.editor, &body).await,
            ["/citations/0/source_id"]
        );
        let mut body = claim_body("Second citation is bad", &source);
        body["citations"] = json!([{"source_id": source}, {"source_id": unknown}]);
        assert_eq!(
            rejected(&app, &team.editor, &body).await,
            ["/citations/1/source_id"]
        );
        body["citations"] = json!([{"source_id": source}, {"source_id": "  "}]);
        assert_eq!(
            rejected(&app, &team.editor, &body).await,
            ["/citations/1/source_id"]
        );

        let mut body = claim_body("Long quote", &source);
        body["citations"][0]["quote"] = json!("ق".repeat(2000));
        let claim = app.create_claim(&team.editor, &body).await;
        assert_eq!(
            claim["citations"][0]["quote"]
                .as_str()
                .unwrap()
                .chars()
                .count(),
            2000
        );
        let mut body = claim_body("Too long a quote", &source);
        body["citations"][0]["quote"] = json!("q".repeat(2001));
        assert_eq!(
            rejected(&app, &team.editor, &body).await,
            ["/citations/0/quote"]
        );

        let mut body = claim_body("Bad citation url", &source);
        body["citations"][0]["url"] = json!("not a url");
        assert_eq!(
            rejected(&app, &team.editor, &body).await,
            ["/citations/0/url"]
        );
    }
);

both_backends!(the_value_type_must_match_the_property, |app| async move {
    let world = World::new(&app).await;
    let t = &world.team.editor;
    let ttp = app.entity_id(t, "organization", "TTP").await;

    let cases = [
        (
            "fatalities.police",
            json!({"type": "entity", "entity_id": ttp}),
        ),
        ("signatory", people(1, None)),
        ("vehicle", json!({"type": "boolean", "value": true})),
        ("start_date", json!({"type": "text", "text": "2022-11-26"})),
        (
            "weapon",
            json!({"type": "time", "value": "2022", "precision": "year"}),
        ),
    ];
    for (property, value) in cases {
        let body = world.structured("Mismatched value", property, value.clone());
        assert_eq!(
            rejected(&app, t, &body).await,
            ["/value/type"],
            "{property} with {value}"
        );
    }

    // And the ones that match are accepted.
    let fine = [
        ("fatalities.police", people(1, Some(1))),
        ("signatory", json!({"type": "entity", "entity_id": ttp})),
        ("vehicle", json!({"type": "text", "text": "motorbike"})),
        (
            "start_date",
            json!({"type": "time", "value": "2022-11-26", "precision": "day"}),
        ),
    ];
    for (i, (property, value)) in fine.into_iter().enumerate() {
        let body = world.structured(&format!("Matching value {i}"), property, value.clone());
        let claim = app.create_claim(t, &body).await;
        assert_eq!(
            numbers_as_floats(&claim["value"]),
            numbers_as_floats(&value)
        );
    }

    let body = world.structured("Unknown property", "casualties", people(1, None));
    assert_eq!(rejected(&app, t, &body).await, ["/property"]);
    let mut body = world.structured("Unknown subject", "injured", people(1, None));
    body["subject_id"] = json!("0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1");
    assert_eq!(rejected(&app, t, &body).await, ["/subject_id"]);
    let body = world.structured(
        "Unknown entity value",
        "perpetrator",
        json!({"type": "entity", "entity_id": "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1"}),
    );
    assert_eq!(rejected(&app, t, &body).await, ["/value/entity_id"]);
    let body = world.structured(
        "Time without its precision",
        "start_date",
        json!({"type": "time", "value": "2022-11", "precision": "day"}),
    );
    assert_eq!(rejected(&app, t, &body).await, ["/value/value"]);
    let body = world.structured(
        "Wrong unit",
        "injured",
        json!({"type": "quantity", "lower": 1, "unit": "vehicles"}),
    );
    assert_eq!(rejected(&app, t, &body).await, ["/value/unit"]);
});

both_backends!(
    a_quantity_lower_bound_may_not_exceed_its_upper_bound,
    |app| async move {
        let world = World::new(&app).await;
        let t = &world.team.editor;
        let body = world.structured("Five to two injured", "injured", people(5, Some(2)));
        assert_eq!(rejected(&app, t, &body).await, ["/value/upper"]);

        let exact = app
            .create_claim(
                t,
                &world.structured("Exactly two injured", "injured", people(2, Some(2))),
            )
            .await;
        assert_eq!(
            numbers_as_floats(&exact["value"]),
            numbers_as_floats(&people(2, Some(2)))
        );
        let open = app
            .create_claim(
                t,
                &world.structured("At least 20 injured", "injured", people(20, None)),
            )
            .await;
        assert_eq!(open["value"]["upper"], Value::Null, "open-ended");
        assert_eq!(open["value"]["lower"], 20.0);
    }
);

both_backends!(the_structured_part_is_all_or_none, |app| async move {
    let world = World::new(&app).await;
    let t = &world.team.editor;
    let full = world.structured("Structured", "injured", people(1, None));

    let mut only_subject = claim_body("Only a subject", &world.source);
    only_subject["subject_id"] = full["subject_id"].clone();
    assert_eq!(
        rejected(&app, t, &only_subject).await,
        ["/property", "/value"]
    );
    let mut no_subject = full.clone();
    no_subject.as_object_mut().unwrap().remove("subject_id");
    assert_eq!(rejected(&app, t, &no_subject).await, ["/subject_id"]);
    let mut no_value = full.clone();
    no_value.as_object_mut().unwrap().remove("value");
    assert_eq!(rejected(&app, t, &no_value).await, ["/value"]);
    let mut no_property = full.clone();
    no_property["property"] = json!(null);
    assert_eq!(rejected(&app, t, &no_property).await, ["/property"]);

    // A plain statement has none of them.
    let plain = app
        .create_claim(t, &claim_body("No structure at all", &world.source))
        .await;
    assert_eq!(plain["subject"], Value::Null);
    assert_eq!(plain["property"], Value::Null);
    assert_eq!(plain["value"], Value::Null);
});

both_backends!(
    an_unknown_field_is_refused_with_its_pointer,
    |app| async move {
        let world = World::new(&app).await;
        let t = &world.team.editor;
        let mut body = claim_body("Typo", &world.source);
        body["statment"] = json!("oops");
        assert_eq!(rejected(&app, t, &body).await, ["/statment"]);

        let mut body = claim_body("Typo in a citation", &world.source);
        body["citations"][0]["page"] = json!(14);
        assert_eq!(rejected(&app, t, &body).await, ["/citations/0/page"]);

        let mut body = claim_body("Typo in occurred_at", &world.source);
        body["occurred_at"] = json!({"value": "2022", "precision": "year", "zone": "PKT"});
        assert_eq!(rejected(&app, t, &body).await, ["/occurred_at/zone"]);

        let mut body = world.structured("Typo in a value", "injured", people(1, None));
        body["value"]["approx"] = json!(true);
        assert_eq!(rejected(&app, t, &body).await, ["/value/approx"]);
    }
);

both_backends!(every_bad_field_is_listed_at_once, |app| async move {
    let world = World::new(&app).await;
    let t = &world.team.editor;
    let mut body = world.structured("  ", "injured", people(9, Some(3)));
    body["confidence"] = json!(1.5);
    body["credibility"] = json!(9);
    body["occurred_at"] = json!({"value": "2022-11", "precision": "day"});
    body["citations"] = json!([
        {"source_id": world.source, "quote": "q".repeat(2001)},
        {"source_id": world.source, "url": "ftp://example.org/x"},
    ]);
    assert_eq!(
        rejected(&app, t, &body).await,
        [
            "/citations/0/quote",
            "/citations/1/url",
            "/confidence",
            "/credibility",
            "/occurred_at/value",
            "/statement",
            "/value/upper",
        ]
    );

    // What only the database can tell is gathered the same way.
    let mut body = world.structured("Everything unknown", "casualties", people(1, None));
    body["subject_id"] = json!("0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1");
    body["citations"] = json!([
        {"source_id": world.source},
        {"source_id": "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a2"},
    ]);
    assert_eq!(
        rejected(&app, t, &body).await,
        ["/citations/1/source_id", "/property", "/subject_id"]
    );
});

both_backends!(
    the_same_statement_from_the_same_source_is_a_duplicate,
    |app| async move {
        let world = World::new(&app).await;
        let t = &world.team.editor;
        let statement = "At least five police officers were injured in the final blast.";
        let original = app
            .create_claim(t, &world.structured(statement, "injured", people(5, None)))
            .await;

        for variant in [
            statement,
            "at least five police officers were injured in the final blast",
            "  AT LEAST FIVE   police\tofficers were injured in the final blast!!  ",
            "At least \u{FB01}ve police officers were injured in the \u{FB01}nal blast.",
            "At least five police officers were injured in the final blast\u{2026}",
            "\u{FF21}t least five police officers were injured in the final blast.",
        ] {
            let response = app
                .post_json(
                    "/v1/claims",
                    t,
                    &world.structured(variant, "injured", people(5, None)),
                )
                .await;
            let problem = assert_problem(response, 409, "duplicate_claim").await;
            assert_eq!(problem["existing_id"], original["id"], "{variant:?}");
        }

        // Citing the source among others is still the same claim from that source.
        let other = app.source_id(t, "Another outlet").await;
        let mut both = world.structured(statement, "injured", people(5, None));
        both["citations"] = json!([{"source_id": other}, {"source_id": world.source}]);
        let response = app.post_json("/v1/claims", t, &both).await;
        let problem = assert_problem(response, 409, "duplicate_claim").await;
        assert_eq!(problem["existing_id"], original["id"]);

        // The same words from another source are a second, independent claim.
        let mut elsewhere = world.structured(statement, "injured", people(5, None));
        elsewhere["citations"] = json!([{"source_id": other}]);
        let second = app.create_claim(t, &elsewhere).await;
        assert_ne!(second["id"], original["id"]);

        // So are the same words with another structured value, or without one.
        app.create_claim(
            t,
            &world.structured(statement, "injured", people(5, Some(9))),
        )
        .await;
        app.create_claim(t, &claim_body(statement, &world.source))
            .await;
        // And a different statement.
        app.create_claim(
            t,
            &world.structured(
                "At least six police officers were injured in the final blast.",
                "injured",
                people(5, None),
            ),
        )
        .await;
    }
);

both_backends!(text_in_any_script_round_trips_exactly, |app| async move {
    let team = Team::new(&app).await;
    let source = app.source_id(&team.editor, "بی بی سی اردو").await;
    let statement = "کوئٹہ میں پولیس ٹرک پر خودکش حملہ، کم از کم ایک اہلکار ہلاک۔ \
                         په کوټه کې پر پولیسو بريد. هجوم انتحاري في كويتا 🚨🇵🇰 \
                         cafe\u{301} vs café";
    let quote = "د پولیسو یو ټرک په چاودنه کې ووهل شو؛ «شاهد» 👀";
    let tags = json!(["کوئٹہ", "پښتو", "عربي", "🚨"]);
    let body = json!({
        "statement": statement,
        "place": "كويتا، بلوشستان",
        "claimant": {"text": "تحریک طالبان پاکستان"},
        "confidence": 0.6,
        "tags": tags,
        "citations": [{"source_id": source, "quote": quote, "locator": "پیراگراف ۲"}],
    });
    let claim = app.create_claim(&team.editor, &body).await;
    let read = app.get_ok(&claim_path(&claim), &team.editor).await;
    for view in [&claim, &read] {
        assert_eq!(view["statement"], statement);
        assert_eq!(view["place"], body["place"]);
        assert_eq!(view["claimant"]["text"], "تحریک طالبان پاکستان");
        assert_eq!(view["citations"][0]["quote"], quote);
        assert_eq!(view["citations"][0]["locator"], "پیراگراف ۲");
        assert_eq!(view["citations"][0]["source"]["title"], "بی بی سی اردو");
        let mut got: Vec<&str> = view["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        let mut want: Vec<&str> = tags
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }
    assert_eq!(
        app.claim_ids(&team.editor, &[("tag", "کوئٹہ")]).await,
        [id(&claim)]
    );
    assert_eq!(
        app.claim_ids(&team.editor, &[("tag", "🚨")]).await,
        [id(&claim)]
    );
});

both_backends!(
    patch_replaces_citations_as_a_whole_list_and_never_empties_them,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let (s1, s2, s3) = (
            app.source_id(t, "One").await,
            app.source_id(t, "Two").await,
            app.source_id(t, "Three").await,
        );
        let mut body = claim_body("Edited claim", &s1);
        body["citations"] = json!([
            {"source_id": s1, "quote": "first", "locator": "p. 1"},
            {"source_id": s2, "quote": "second"},
        ]);
        body["tags"] = json!(["a", "b"]);
        let claim = app.create_claim(t, &body).await;
        let path = claim_path(&claim);

        let patch = json!({"citations": [{"source_id": s3, "quote": "third"}]});
        let response = app.patch_json(&path, t, None, &patch).await;
        assert_problem(response, 428, "if_match_required").await;
        let response = app.patch_json(&path, t, Some("\"5\""), &patch).await;
        let problem = assert_problem(response, 412, "stale_revision").await;
        assert_eq!(problem["current_revision"], 1);

        let response = app.patch_json(&path, t, Some("\"1\""), &patch).await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let patched: Value = response.json().await.unwrap();
        let citations = patched["citations"].as_array().unwrap();
        assert_eq!(citations.len(), 1, "the list is replaced, not merged");
        assert_eq!(citations[0]["source"]["id"], json!(s3));
        assert_eq!(citations[0]["quote"], "third");
        assert_eq!(citations[0]["locator"], Value::Null);
        assert_eq!(patched["statement"], "Edited claim", "the rest stays");
        assert_eq!(patched["revision"], 2);
        assert_eq!(as_written(app.get_ok(&path, t).await), patched);
        assert_eq!(
            app.claim_ids(t, &[("source_id", &s1)]).await,
            Vec::<String>::new(),
            "no longer cites the first source"
        );
        assert_eq!(app.claim_ids(t, &[("source_id", &s3)]).await, [id(&claim)]);

        for empty in [json!({"citations": []}), json!({"citations": null})] {
            let response = app.patch_json(&path, t, Some("\"2\""), &empty).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(pointers(&problem), ["/citations"], "{empty}");
        }
        let response = app
            .patch_json(
                &path,
                t,
                Some("\"2\""),
                &json!({"citations": [{"source_id": "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1"}]}),
            )
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/citations/0/source_id"]);
        let response = app
            .patch_json(&path, t, Some("\"2\""), &json!({"statment": "typo"}))
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/statment"]);

        let response = app.get(&path, t).await;
        assert_eq!(etag(&response), "\"2\"", "refused edits change nothing");

        // Other fields change alone; citations stay.
        let response = app
            .patch_json(
                &path,
                t,
                Some("\"2\""),
                &json!({"statement": "  Edited twice  ", "confidence": 0.96, "tags": ["C"]}),
            )
            .await;
        assert_eq!(response.status(), 200);
        let patched: Value = response.json().await.unwrap();
        assert_eq!(patched["statement"], "Edited twice");
        assert_eq!(patched["confidence_label"], "almost certain");
        assert_eq!(patched["tags"], json!(["c"]));
        assert_eq!(patched["citations"][0]["source"]["id"], json!(s3));
        assert_eq!(patched["revision"], 3);
    }
);

both_backends!(only_a_reviewer_sets_a_verdict, |app| async move {
    let team = Team::new(&app).await;
    let source = app.source_id(&team.editor, "S").await;
    let claim = app
        .create_claim(&team.editor, &claim_body("Reviewed claim", &source))
        .await;
    let path = format!("{}/verdict", claim_path(&claim));
    let verdict = json!({"verdict": "verified", "note": "Matches the police statement."});

    let response = app
        .post_if_match(&path, &team.editor, Some("\"1\""), &verdict)
        .await;
    assert_problem(response, 403, "forbidden").await;
    let response = app
        .post_if_match(&path, &team.reviewer, None, &verdict)
        .await;
    assert_problem(response, 428, "if_match_required").await;
    let response = app
        .post_if_match(
            &path,
            &team.reviewer,
            Some("\"1\""),
            &json!({"verdict": "true"}),
        )
        .await;
    let problem = assert_problem(response, 422, "validation_failed").await;
    assert_eq!(pointers(&problem), ["/verdict"]);

    let response = app
        .post_if_match(&path, &team.reviewer, Some("\"1\""), &verdict)
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(etag(&response), "\"2\"");
    let judged: Value = response.json().await.unwrap();
    assert_eq!(judged["verdict"], "verified");
    assert_eq!(judged["verdict_note"], "Matches the police statement.");
    assert_eq!(judged["revision"], 2);

    let response = app
        .post_if_match(
            &path,
            &team.reviewer,
            Some("\"1\""),
            &json!({"verdict": "false"}),
        )
        .await;
    let problem = assert_problem(response, 412, "stale_revision").await;
    assert_eq!(problem["current_revision"], 2);

    let admin = app.admin_token().await;
    let response = app
        .post_if_match(
            &path,
            &admin,
            Some("\"2\""),
            &json!({"verdict": "misleading"}),
        )
        .await;
    assert_eq!(response.status(), 200, "an admin is a reviewer too");
    let read = app.get_ok(&claim_path(&claim), &team.editor).await;
    assert_eq!(read["verdict"], "misleading");
});

both_backends!(
    a_claim_is_retracted_by_its_editor_or_a_reviewer_but_not_by_another_editor,
    |app| async move {
        let team = Team::new(&app).await;
        let other_editor = app.user_with_role("other-editor", "editor").await;
        let source = app.source_id(&team.editor, "S").await;
        let mine = app
            .create_claim(&team.editor, &claim_body("Editor's own claim", &source))
            .await;
        let reviewed = app
            .create_claim(
                &team.editor,
                &claim_body("Claim a reviewer retracts", &source),
            )
            .await;
        let reason = json!({"reason": "Misread the source."});

        let response = app
            .post_if_match(
                &format!("{}/retract", claim_path(&mine)),
                &other_editor,
                Some("\"1\""),
                &reason,
            )
            .await;
        assert_problem(response, 403, "forbidden").await;

        let response = app
            .post_if_match(
                &format!("{}/retract", claim_path(&mine)),
                &team.editor,
                Some("\"1\""),
                &reason,
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"2\"");
        let retracted: Value = response.json().await.unwrap();
        assert_eq!(retracted["retracted"]["reason"], "Misread the source.");

        let response = app
            .post_if_match(
                &format!("{}/retract", claim_path(&reviewed)),
                &team.reviewer,
                Some("\"1\""),
                &reason,
            )
            .await;
        assert_eq!(response.status(), 200);

        // Hidden from lists unless asked for; still readable by id.
        assert!(app.claim_ids(&team.editor, &[]).await.is_empty());
        let mut all = app
            .claim_ids(&team.editor, &[("include_retracted", "true")])
            .await;
        all.sort_unstable();
        let mut expected = vec![id(&mine), id(&reviewed)];
        expected.sort_unstable();
        assert_eq!(all, expected);
        let read = app.get_ok(&claim_path(&mine), &team.editor).await;
        assert_eq!(read["retracted"], retracted["retracted"]);

        let response = app
            .post_if_match(
                &format!("{}/retract", claim_path(&mine)),
                &team.editor,
                Some("\"2\""),
                &reason,
            )
            .await;
        assert_problem(response, 409, "already_retracted").await;

        let response = app
            .post_if_match(
                &format!("{}/restore", claim_path(&mine)),
                &other_editor,
                Some("\"2\""),
                &json!({"reason": "not mine to restore"}),
            )
            .await;
        assert_problem(response, 403, "forbidden").await;
        let response = app
            .post_if_match(
                &format!("{}/restore", claim_path(&mine)),
                &team.editor,
                Some("\"2\""),
                &json!({"reason": "Read it again: it was right."}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(etag(&response), "\"3\"");
        assert_eq!(app.claim_ids(&team.editor, &[]).await, [id(&mine)]);
    }
);

/// The fewest queries a `GET` cost over a few tries: the first may also pay for the auth
/// cache or a fresh pooled connection, which have nothing to do with the claim.
async fn fewest_queries(app: &TestApp, path: &str, token: &str) -> u64 {
    let mut fewest = u64::MAX;
    for _ in 0..4 {
        let response = app.get(path, token).await;
        assert_eq!(response.status(), 200, "GET {path}");
        fewest = fewest.min(db_queries(&response));
    }
    fewest
}

both_backends!(
    reading_a_claim_costs_the_same_queries_with_one_citation_or_three,
    |app| async move {
        let world = World::new(&app).await;
        let t = &world.team.editor;
        let s2 = app.source_id(t, "Second").await;
        let s3 = app.source_id(t, "Third").await;
        let mut one = world.structured("One citation", "injured", people(1, None));
        one["tags"] = json!(["a"]);
        let one = app.create_claim(t, &one).await;
        let mut three = world.structured("Three citations", "injured", people(1, None));
        three["tags"] = json!(["a", "b", "c"]);
        three["citations"] = json!([
            {"source_id": world.source, "quote": "one"},
            {"source_id": s2, "quote": "two"},
            {"source_id": s3, "quote": "three"},
        ]);
        let three = app.create_claim(t, &three).await;
        assert_eq!(three["citations"].as_array().unwrap().len(), 3);

        let with_one = fewest_queries(&app, &claim_path(&one), t).await;
        let with_three = fewest_queries(&app, &claim_path(&three), t).await;
        eprintln!("queries to read a claim: 1 citation {with_one}, 3 citations {with_three}");
        assert!(with_one > 0, "the header counts the queries");
        assert_eq!(with_one, with_three, "not one query per citation");
    }
);

both_backends!(
    a_list_page_of_50_claims_costs_the_same_queries_as_a_page_of_5,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let mut sources = Vec::new();
        for i in 0..5 {
            sources.push(app.source_id(t, &format!("Source {i}")).await);
        }
        let mut subjects = Vec::new();
        for i in 0..5 {
            subjects.push(app.entity_id(t, "event", &format!("Event {i}")).await);
        }
        for i in 0..50 {
            let mut body = claim_body(&format!("Claim number {i}"), &sources[i % 5]);
            body["citations"] = json!([
                {"source_id": sources[i % 5], "quote": format!("quote {i}")},
                {"source_id": sources[(i + 1) % 5]},
            ]);
            body["subject_id"] = json!(subjects[i % 5]);
            body["property"] = json!("injured");
            body["value"] = people(i as u32, None);
            body["tags"] = json!([format!("t{}", i % 3), "all"]);
            app.create_claim(t, &body).await;
        }
        let five = fewest_queries(&app, "/v1/claims?limit=5", t).await;
        let fifty = fewest_queries(&app, "/v1/claims?limit=50", t).await;
        let searched = fewest_queries(&app, "/v1/claims?limit=50&q=claim&tag=all", t).await;
        eprintln!(
            "queries for a list page: 5 claims {five}, 50 claims {fifty}, 50 searched {searched}"
        );
        let page = app.get_ok("/v1/claims?limit=50", t).await;
        assert_eq!(page["items"].as_array().unwrap().len(), 50);
        assert_eq!(five, fifty, "a fixed number of queries, not one per row");
        // A search adds at most one statement (on SQLite, the window of newest matches from
        // the full-text index); other filters add conditions, not queries.
        assert!(
            searched <= fifty + 1,
            "a search costs {searched} queries, a plain page {fifty}"
        );
    }
);

both_backends!(
    every_response_says_how_many_queries_it_ran,
    |app| async move {
        let token = app.admin_token().await;
        for path in [
            "/v1/claims",
            "/v1/claims/0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1",
            "/v1/sources",
            "/v1/properties",
        ] {
            let response = app.get(path, &token).await;
            db_queries(&response);
        }
        let response = app.post_json("/v1/claims", &token, &json!({})).await;
        db_queries(&response);
        // Also on a list query, whatever its filter.
        let response = app
            .get(&with_query("/v1/claims", &[("q", "nothing")]), &token)
            .await;
        assert_eq!(response.status(), 200);
        db_queries(&response);
        let body: Value = response.json().await.unwrap();
        assert!(ids(body["items"].as_array().unwrap()).is_empty());
    }
);

/// A claim as read, less what only a single claim's read shows: `review_status` is derived when
/// read and left out of a write's answer (and of lists). The rest must equal the write's answer.
fn as_written(mut read: Value) -> Value {
    let status = read.as_object_mut().unwrap().remove("review_status");
    assert!(
        status.is_some_and(|s| s["needed"].is_boolean()),
        "a claim's read shows its review_status"
    );
    read
}
