//! `claimledger seed --demo`: the binary loads the demo dataset into the test database (after
//! the server created the first admin), a second run adds nothing, and a newcomer finds through
//! the API what the README's walk-through promises.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::sync::Arc;

use claimledger::config::DatabaseUrl;
use claimledger::seed::{ARTICLE, ARTICLE_TITLE};
use serde_json::Value;

use crate::both_backends;
use crate::fixtures::{id, ids};
use crate::helpers::{JWT_SECRET, LEDGER_KEY, TestApp, TestDatabase};

const BINARY: &str = env!("CARGO_BIN_EXE_claimledger");

/// Runs `claimledger seed --demo` against the database, with the test's keys and nothing
/// from the developer's environment; returns its standard output.
pub async fn seed_demo(db: Arc<TestDatabase>) -> String {
    tokio::task::spawn_blocking(move || {
        let url = match &db.url {
            DatabaseUrl::Sqlite(path) => path.display().to_string(),
            DatabaseUrl::Postgres(url) => url.clone(),
        };
        // An empty working folder: no stray `.env` or `./data` is picked up.
        let cwd = tempfile::tempdir().unwrap();
        let output = Command::new(BINARY)
            .args(["seed", "--demo"])
            .env_clear()
            .env("DATABASE_URL", url)
            .env("CLAIMLEDGER_LEDGER_KEY", LEDGER_KEY)
            .env("CLAIMLEDGER_JWT_SECRET", JWT_SECRET)
            .env("RUST_LOG", "warn")
            .current_dir(cwd.path())
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        assert!(
            output.status.success(),
            "seed --demo failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    })
    .await
    .unwrap()
}

/// Every record of every kind the demo makes, as the API shows them.
async fn everything(app: &TestApp, token: &str) -> [Vec<Value>; 3] {
    let include = [("include_retracted", "true")];
    [
        app.all_pages("/v1/sources", token, &include, 500).await,
        app.all_pages("/v1/entities", token, &include, 500).await,
        app.all_pages(
            "/v1/claims",
            token,
            &[("include_retracted", "true"), ("sort", "created_at")],
            500,
        )
        .await,
    ]
}

/// The one entity `q` finds.
async fn entity(app: &TestApp, token: &str, q: &str) -> Value {
    let (items, _) = app.page("/v1/entities", token, &[("q", q)]).await;
    assert_eq!(items.len(), 1, "one entity for {q:?}: {items:?}");
    items[0].clone()
}

fn id_set(items: &[Value]) -> BTreeSet<String> {
    ids(items).into_iter().collect()
}

both_backends!(
    seed_demo_loads_the_example_once_and_the_api_finds_it,
    |app| async move {
        let token = app.admin_token().await;
        let first = seed_demo(app.db.clone()).await;
        let loaded = everything(&app, &token).await;
        let second = seed_demo(app.db.clone()).await;
        assert_eq!(
            everything(&app, &token).await,
            loaded,
            "a second run changes nothing\nfirst run: {first}\nsecond run: {second}"
        );
        let [sources, entities, claims] = loaded;
        assert_eq!(sources.len(), 1, "the article");
        assert!(entities.len() >= 10, "{} entities", entities.len());
        assert!(claims.len() >= 15, "only {} demo claims", claims.len());

        // All claims citing the article, by source_id.
        let (found, _) = app
            .page("/v1/sources", &token, &[("q", "undeniable nexus")])
            .await;
        assert_eq!(found.len(), 1);
        let article = &found[0];
        assert_eq!(article["title"], ARTICLE_TITLE);
        let citing = app
            .all_pages("/v1/claims", &token, &[("source_id", &id(article))], 500)
            .await;
        assert_eq!(
            id_set(&citing),
            id_set(&claims),
            "every demo claim cites it"
        );

        // Every claim about the Quetta attack, by subject_id.
        let attack = entity(&app, &token, "quetta attack").await;
        assert_eq!(attack["kind"], "event");
        let about: Vec<Value> = app
            .all_pages("/v1/claims", &token, &[("subject_id", &id(&attack))], 500)
            .await;
        let expected: BTreeSet<String> = claims
            .iter()
            .filter(|c| c["subject"]["id"] == attack["id"])
            .map(id)
            .collect();
        assert_eq!(id_set(&about), expected);
        let properties: BTreeSet<&str> = about
            .iter()
            .map(|c| c["property"].as_str().unwrap())
            .collect();
        for property in [
            "fatalities.police",
            "fatalities.civilian",
            "injured",
            "responsibility_claimed_by",
            "vehicle",
        ] {
            assert!(
                properties.contains(property),
                "the attack's {property} is there: {properties:?}"
            );
        }
        // Casualties are bounds: "at least one police fatality".
        let police: Vec<&Value> = about
            .iter()
            .filter(|c| c["property"] == "fatalities.police")
            .collect();
        assert_eq!(police.len(), 1);
        assert_eq!(police[0]["value"]["lower"], 1.0);
        assert_eq!(police[0]["value"]["upper"], Value::Null);

        // The vehicle, given as two alternatives, is two claims.
        let vehicles: BTreeSet<&str> = about
            .iter()
            .filter(|c| c["property"] == "vehicle")
            .map(|c| c["value"]["text"].as_str().unwrap())
            .collect();
        assert_eq!(vehicles, BTreeSet::from(["motorbike", "rickshaw"]));

        // "Muzahim" by full-text search finds the signatory claim.
        let muzahim = entity(&app, &token, "muzahim").await;
        assert_eq!(muzahim["kind"], "person");
        let (hits, _) = app
            .page("/v1/claims", &token, &[("q", "Muzahim"), ("limit", "500")])
            .await;
        assert!(
            hits.iter()
                .any(|c| c["property"] == "signatory" && c["value"]["entity_id"] == muzahim["id"]),
            "the signatory claim: {hits:?}"
        );

        // The paragraph the article prints twice is one claim.
        let (pundits, _) = app
            .page("/v1/claims", &token, &[("q", "pundits"), ("limit", "500")])
            .await;
        assert_eq!(pundits.len(), 1, "{pundits:?}");
        // It cites both places, and they are one independent origin: the same source, no
        // speaker named.
        let pundits = &pundits[0];
        assert_eq!(pundits["citations"].as_array().unwrap().len(), 2);
        assert_eq!(pundits["corroboration"]["cited_sources"], 1);
        assert_eq!(pundits["corroboration"]["independent_origins"], 1);
        assert_eq!(pundits["corroboration"]["single_origin"], true);

        // What the TTP claimed and what the police said, in one article, are two origins.
        let target = about
            .iter()
            .find(|c| c["property"] == "target")
            .expect("the target claim");
        let speakers: BTreeSet<&str> = target["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["attributed_to"].as_str().expect("a speaker"))
            .collect();
        let ttp = entity(&app, &token, "Tehreek-e-Taliban Pakistan").await;
        let mahesar = entity(&app, &token, "Azfar Mahesar").await;
        assert_eq!(
            speakers,
            BTreeSet::from([ttp["id"].as_str().unwrap(), mahesar["id"].as_str().unwrap()])
        );
        assert_eq!(
            target["corroboration"]["independent_origins"], 2,
            "{target}"
        );
        assert_eq!(target["corroboration"]["single_origin"], false);

        // Every quote is the article's own words, with a paragraph locator.
        for claim in &claims {
            assert!(
                !claim["citations"].as_array().unwrap().is_empty(),
                "{claim}"
            );
            for citation in claim["citations"].as_array().unwrap() {
                assert_eq!(citation["source"]["id"], article["id"]);
                let quote = citation["quote"].as_str().expect("a quote");
                assert!(ARTICLE.contains(quote), "not in the article: {quote:?}");
                assert!(
                    citation["locator"]
                        .as_str()
                        .is_some_and(|l| l.starts_with("paragraph ")),
                    "{citation}"
                );
            }
            assert_eq!(claim["created_by"]["username"], "admin");
            assert_eq!(claim["retracted"], Value::Null);
        }
    }
);
