//! Full-text search, `GET /v1/claims?q=`: statements and citation quotes, case- and
//! accent-insensitive, every word required, in Urdu and Pashto as in English. Each test runs on
//! SQLite (FTS5) and PostgreSQL (tsvector) and expects exactly the same claims from both.

use std::collections::{BTreeSet, HashSet};

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, ids, pointers, with_query};
use crate::helpers::{TestApp, assert_problem};

/// The claims `q` finds (as a set: ranking differs between engines).
async fn found(app: &TestApp, token: &str, q: &str) -> BTreeSet<String> {
    found_with(app, token, &[("q", q)]).await
}

async fn found_with(app: &TestApp, token: &str, params: &[(&str, &str)]) -> BTreeSet<String> {
    let items = app.all_pages("/v1/claims", token, params, 500).await;
    let set: BTreeSet<String> = ids(&items).into_iter().collect();
    assert_eq!(set.len(), items.len(), "no claim twice for {params:?}");
    set
}

fn set(ids: &[&String]) -> BTreeSet<String> {
    ids.iter().map(|s| (*s).clone()).collect()
}

struct Corpus {
    team: Team,
    /// Police truck in Quetta; quote: motorbike or rickshaw.
    truck: String,
    /// Serena Hotel in "Quéttá" (accented).
    serena: String,
    /// Lakki Marwat; "QUETTA" only in its quote.
    lakki: String,
    /// Urdu statement, Pashto quote.
    urdu: String,
    /// Kabul.
    kabul: String,
}

impl Corpus {
    async fn new(app: &TestApp) -> Corpus {
        let team = Team::new(app).await;
        let t = &team.editor;
        let source = app.source_id(t, "Reports").await;
        let with_quote = |statement: &str, quote: &str| {
            let mut body = claim_body(statement, &source);
            body["citations"][0]["quote"] = json!(quote);
            body
        };
        let truck = id(&app
            .create_claim(
                t,
                &with_quote(
                    "Suicide attack on a police truck in Quetta",
                    "rammed a motorbike or rickshaw packed with explosives",
                ),
            )
            .await);
        let serena = id(&app
            .create_claim(
                t,
                &claim_body("The Serena Hotel in Quéttá's red zone was bombed", &source),
            )
            .await);
        let lakki = id(&app
            .create_claim(
                t,
                &with_quote(
                    "An operation started in Lakki Marwat on 26 November",
                    "after attacks far from QUETTA",
                ),
            )
            .await);
        let urdu = id(&app
            .create_claim(
                t,
                &with_quote("کوئٹہ میں پولیس ٹرک پر حملہ", "د کوټې پولیسو ټرک ووهل شو"),
            )
            .await);
        let kabul = id(&app
            .create_claim(
                t,
                &with_quote("Afghan Taliban returned to Kabul", "emerged victorious 🎉"),
            )
            .await);
        Corpus {
            team,
            truck,
            serena,
            lakki,
            urdu,
            kabul,
        }
    }
}

both_backends!(
    q_matches_statements_and_quotes_ignoring_case_and_accents,
    |app| async move {
        let c = Corpus::new(&app).await;
        let t = &c.team.editor;
        let quetta = set(&[&c.truck, &c.serena, &c.lakki]);
        for q in [
            "quetta",
            "QUETTA",
            "Quetta",
            "Quéttá",
            "QUÉTTÁ",
            "  quetta  ",
        ] {
            assert_eq!(found(&app, t, q).await, quetta, "q={q:?}");
        }
        assert_eq!(
            found(&app, t, "rickshaw").await,
            set(&[&c.truck]),
            "a quote"
        );
        assert_eq!(found(&app, t, "victorious").await, set(&[&c.kabul]));
        assert_eq!(found(&app, t, "serena").await, set(&[&c.serena]));
        assert_eq!(
            found(&app, t, "26").await,
            set(&[&c.lakki]),
            "digits are words"
        );
        assert!(found(&app, t, "islamabad").await.is_empty());
        // Whole words, not prefixes of them.
        assert!(found(&app, t, "quet").await.is_empty());
    }
);

both_backends!(every_word_of_q_must_match, |app| async move {
    let c = Corpus::new(&app).await;
    let t = &c.team.editor;
    assert_eq!(found(&app, t, "police quetta").await, set(&[&c.truck]));
    assert_eq!(found(&app, t, "Quetta, police!").await, set(&[&c.truck]));
    assert_eq!(
        found(&app, t, "rickshaw quetta").await,
        set(&[&c.truck]),
        "one word from the quote, one from the statement"
    );
    assert_eq!(
        found(&app, t, "attacks quetta").await,
        set(&[&c.lakki]),
        "both in the quote"
    );
    assert!(found(&app, t, "quetta kabul").await.is_empty());
    assert!(found(&app, t, "police islamabad").await.is_empty());
});

both_backends!(q_works_in_urdu_and_pashto, |app| async move {
    let c = Corpus::new(&app).await;
    let t = &c.team.editor;
    let urdu = set(&[&c.urdu]);
    assert_eq!(found(&app, t, "کوئٹہ").await, urdu);
    assert_eq!(found(&app, t, "پولیس ٹرک").await, urdu);
    assert_eq!(found(&app, t, "حملہ").await, urdu);
    // A vowel mark (zabar) does not change the word.
    assert_eq!(found(&app, t, "حَملہ").await, urdu);
    assert_eq!(found(&app, t, "کوټې").await, urdu, "Pashto, in the quote");
    assert_eq!(found(&app, t, "کوئٹہ ټرک").await, urdu);
    assert!(found(&app, t, "کوئٹہ کابل").await.is_empty());
    assert!(
        !found(&app, t, "quetta").await.contains(&c.urdu),
        "scripts are not transliterated"
    );
});

both_backends!(q_without_any_word_is_422, |app| async move {
    let token = app.admin_token().await;
    let too_many = (0..33)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    for q in ["!!!", "...", "🎉", "— ?", too_many.as_str()] {
        let response = app
            .get(&with_query("/v1/claims", &[("q", q)]), &token)
            .await;
        let problem = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(pointers(&problem), ["/q"], "q={q:?}");
    }
});

both_backends!(
    search_combines_with_filters_sort_and_retraction,
    |app| async move {
        let c = Corpus::new(&app).await;
        let t = &c.team.editor;
        // q with a sort is in that order, not ranked.
        let (items, _) = app
            .page(
                "/v1/claims",
                t,
                &[("q", "quetta"), ("sort", "created_at"), ("limit", "500")],
            )
            .await;
        assert_eq!(
            ids(&items),
            [c.truck.clone(), c.serena.clone(), c.lakki.clone()]
        );
        let (items, _) = app
            .page(
                "/v1/claims",
                t,
                &[("q", "quetta"), ("sort", "-created_at"), ("limit", "500")],
            )
            .await;
        assert_eq!(
            ids(&items),
            [c.lakki.clone(), c.serena.clone(), c.truck.clone()]
        );
        assert_eq!(
            found_with(&app, t, &[("q", "quetta"), ("max_confidence", "0.4")]).await,
            BTreeSet::new()
        );

        let response = app
            .post_if_match(
                &format!("/v1/claims/{}/retract", c.lakki),
                &c.team.reviewer,
                Some("\"1\""),
                &json!({"reason": "wrong operation"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            found(&app, t, "quetta").await,
            set(&[&c.truck, &c.serena]),
            "retracted claims are left out"
        );
        assert_eq!(
            found_with(&app, t, &[("q", "quetta"), ("include_retracted", "true")]).await,
            set(&[&c.truck, &c.serena, &c.lakki])
        );
    }
);

both_backends!(
    editing_a_claim_updates_what_search_finds,
    |app| async move {
        let c = Corpus::new(&app).await;
        let t = &c.team.editor;
        let response = app
            .patch_json(
                &format!("/v1/claims/{}", c.kabul),
                t,
                Some("\"1\""),
                &json!({"statement": "Afghan Taliban delegates travelled to Quetta"}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert!(found(&app, t, "quetta").await.contains(&c.kabul));
        assert!(found(&app, t, "returned").await.is_empty(), "old words go");
        assert_eq!(
            found(&app, t, "victorious").await,
            set(&[&c.kabul]),
            "the quote is unchanged"
        );

        // Replacing the citations replaces the quotes searched.
        let truck = app.get_ok(&format!("/v1/claims/{}", c.truck), t).await;
        let source = truck["citations"][0]["source"]["id"].clone();
        let response = app
            .patch_json(
                &format!("/v1/claims/{}", c.truck),
                t,
                Some("\"1\""),
                &json!({"citations": [{"source_id": source, "quote": "a vehicle-borne device"}]}),
            )
            .await;
        assert_eq!(response.status(), 200);
        assert!(found(&app, t, "rickshaw").await.is_empty());
        assert_eq!(found(&app, t, "vehicle borne").await, set(&[&c.truck]));
    }
);

both_backends!(
    ranked_results_page_without_duplicates_or_gaps,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let source = app.source_id(t, "Wire").await;
        let mut matching = BTreeSet::new();
        for i in 0..9 {
            // Some mention the word more often than others, so ranks differ.
            let statement = format!("Report {i} from Quetta{}", " about Quetta".repeat(i % 3));
            matching.insert(id(&app
                .create_claim(t, &claim_body(&statement, &source))
                .await));
        }
        for i in 0..4 {
            app.create_claim(t, &claim_body(&format!("Report {i} from Kabul"), &source))
                .await;
        }
        for limit in [1, 2, 4] {
            let items = app
                .all_pages("/v1/claims", t, &[("q", "quetta")], limit)
                .await;
            let seen = ids(&items);
            let unique: HashSet<&String> = seen.iter().collect();
            assert_eq!(
                unique.len(),
                seen.len(),
                "no duplicates in pages of {limit}"
            );
            let seen: BTreeSet<String> = seen.into_iter().collect();
            assert_eq!(seen, matching, "no gaps in pages of {limit}");
        }
        let full: Vec<Value> = app
            .all_pages("/v1/claims", t, &[("q", "quetta")], 500)
            .await;
        let paged = app.all_pages("/v1/claims", t, &[("q", "quetta")], 2).await;
        assert_eq!(ids(&paged), ids(&full), "pages keep the ranked order");
    }
);

both_backends!(
    a_word_longer_than_postgresql_indexes_is_stored_and_found_on_both_engines,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let source = app.source_id(t, "Wire").await;
        // 990 letters of 4 bytes in one word: 3960 bytes, over PostgreSQL's 2047-byte lexeme
        // limit, yet a `q` within its 1,000 characters.
        let word = "𠀀".repeat(990);
        let long = id(&app
            .create_claim(t, &claim_body(&format!("{word} Quetta"), &source))
            .await);
        let mut body = claim_body("A quote of one long word", &source);
        body["citations"][0]["quote"] = json!("q".repeat(1000));
        let quoted = id(&app.create_claim(t, &body).await);

        assert_eq!(found(&app, t, &word).await, set(&[&long]));
        assert_eq!(
            found(&app, t, &format!("quetta {word}")).await,
            set(&[&long])
        );
        assert_eq!(found(&app, t, &"Q".repeat(1000)).await, set(&[&quoted]));
        assert!(found(&app, t, &"x".repeat(1000)).await.is_empty());
    }
);
