//! The ledger as proof (issue 12, findings 7 and 8): the live record is checked against its
//! head revision, and signed checkpoints catch what a per-record chain cannot (a head rolled
//! back, a record dropped).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use claimledger::config::Secret;

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, source_body};
use crate::helpers::{Backend, TestApp, assert_problem, eventually, spawn_app_with};
use crate::history_fixtures::{
    integrity, patch_ok, run_binary, run_sql, sql_text, status_and_body, tag, unique,
};

/// Runs `claimledger verify` (with extra arguments); its exit code and standard output.
async fn verify(app: &TestApp, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    let output = run_binary(app.db.clone(), &all).await;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    (output.status.code(), format!("{stdout}{stderr}"))
}

both_backends!(
    a_live_row_changed_behind_the_apis_back_fails_integrity_and_verify,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app
            .create_source(&team.editor, &source_body(&unique("Wire report")))
            .await;
        let claim = app
            .create_claim(&team.editor, &claim_body(&unique("Claim"), &id(&source)))
            .await;
        // Tags are a set, read back sorted: not a difference.
        let mut body = claim_body(&unique("Claim"), &id(&source));
        body["tags"] = json!(["zeta", "alpha"]);
        let untouched = app.create_claim(&team.editor, &body).await;
        let claim_path = format!("/v1/claims/{}", id(&claim));
        let source_path = format!("/v1/sources/{}", id(&source));
        for path in [&claim_path, &source_path] {
            assert_eq!(
                integrity(&app, path, &team.editor).await,
                json!({"valid": true, "revisions": 1, "first_bad_revision": null}),
                "{path}"
            );
        }
        let (code, out) = verify(&app, &[]).await;
        assert_eq!(code, Some(0), "{out}");

        // Someone with database access rewrites what the API serves, leaving the revisions be.
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE claims SET statement = 'A statement nobody made.', verdict = 'verified' \
                 WHERE id = {}",
                sql_text(&id(&claim))
            ),
        )
        .await
        .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE sources SET title = 'A forged title' WHERE id = {}",
                sql_text(&id(&source))
            ),
        )
        .await
        .unwrap();
        let served = app.get_ok(&claim_path, &team.editor).await;
        assert_eq!(
            served["verdict"], "verified",
            "the API serves the forged row"
        );

        let check = integrity(&app, &claim_path, &team.editor).await;
        assert_eq!(check["valid"], false, "{check}");
        assert_eq!(
            check["first_bad_revision"],
            Value::Null,
            "the chain is intact"
        );
        assert_eq!(
            check["row_mismatch"],
            "the live claim differs from its revision 1 in statement, verdict"
        );
        let check = integrity(&app, &source_path, &team.editor).await;
        assert_eq!(check["valid"], false, "{check}");
        assert_eq!(
            check["row_mismatch"],
            "the live source differs from its revision 1 in title"
        );
        assert_eq!(
            integrity(
                &app,
                &format!("/v1/claims/{}", id(&untouched)),
                &team.editor
            )
            .await,
            json!({"valid": true, "revisions": 1, "first_bad_revision": null})
        );

        let (code, out) = verify(&app, &[]).await;
        assert_eq!(code, Some(1), "{out}");
        assert!(
            out.contains(&format!(
                "MISMATCH claims/{}: the live claim differs from its revision 1 in statement, verdict",
                id(&claim)
            )),
            "{out}"
        );
        assert!(
            out.contains(&format!("MISMATCH sources/{}:", id(&source))),
            "{out}"
        );
        assert!(!out.contains(&id(&untouched)), "{out}");
        assert!(
            out.contains("2 live record(s) differ from their head revision"),
            "{out}"
        );
    }
);

/// `POST /v1/ledger/checkpoints`.
async fn mint(app: &TestApp, token: &str) -> reqwest::Response {
    app.client
        .post(app.url("/v1/ledger/checkpoints"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

/// Takes a checkpoint that must be new.
async fn checkpoint(app: &TestApp, admin: &str) -> Value {
    let response = mint(app, admin).await;
    let location = response.headers().get("location").cloned();
    let (status, body) = status_and_body(response).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        location.unwrap().to_str().unwrap(),
        format!("/v1/ledger/checkpoints/{}", body["id"])
    );
    body
}

/// `POST /v1/ledger/checkpoint/verify`.
async fn verify_against(app: &TestApp, token: &str, checkpoint: &Value) -> reqwest::Response {
    app.post_json("/v1/ledger/checkpoint/verify", token, checkpoint)
        .await
}

async fn verified(app: &TestApp, token: &str, checkpoint: &Value) -> Value {
    let (status, body) = status_and_body(verify_against(app, token, checkpoint).await).await;
    assert_eq!(status, 200, "{body}");
    body
}

/// `claimledger verify --checkpoint FILE` with the checkpoint written to a file.
async fn verify_file(app: &TestApp, checkpoint: &Value) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("checkpoint.json");
    std::fs::write(&file, checkpoint.to_string()).unwrap();
    verify(app, &["--checkpoint", file.to_str().unwrap()]).await
}

/// SQL that turns an append-only trigger off (as the table's owner could).
fn bypass(app: &TestApp, table: &str, trigger: &str) -> String {
    match app.backend {
        Backend::Sqlite => format!("DROP TRIGGER {trigger};"),
        Backend::Postgres => format!("ALTER TABLE {table} DISABLE TRIGGER {trigger};"),
    }
}

/// RFC 6962's Merkle tree hash over leaf digests, written again here from the README.
fn merkle_root(leaves: &[[u8; 32]]) -> [u8; 32] {
    match leaves.len() {
        0 => Sha256::digest(b"").into(),
        1 => leaves[0],
        n => {
            let split = n.next_power_of_two() / 2;
            let mut hasher = Sha256::new();
            hasher.update([1u8]);
            hasher.update(merkle_root(&leaves[..split]));
            hasher.update(merkle_root(&leaves[split..]));
            hasher.finalize().into()
        }
    }
}

fn leaf_digest(head: &Value) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(
        format!(
            "{}\n{}\n{}\n{}",
            head["kind"].as_str().unwrap(),
            head["record_id"].as_str().unwrap(),
            head["revision"],
            head["hash"].as_str().unwrap()
        )
        .as_bytes(),
    );
    hasher.finalize().into()
}

/// Checks a checkpoint's signature as an outside auditor would: with the published key.
fn signature_holds(checkpoint: &Value, public_key: &str) -> bool {
    let key: [u8; 32] = STANDARD.decode(public_key).unwrap().try_into().unwrap();
    let key = VerifyingKey::from_bytes(&key).unwrap();
    let mut statement = checkpoint.clone();
    let map = statement.as_object_mut().unwrap();
    map.remove("id");
    let signature = map.remove("signature").unwrap();
    let signature: [u8; 64] = STANDARD
        .decode(signature.as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let bytes = serde_json_canonicalizer::to_vec(&statement).unwrap();
    key.verify(&bytes, &Signature::from_bytes(&signature))
        .is_ok()
}

both_backends!(
    checkpoints_are_signed_published_listed_and_verified,
    |app| async move {
        let team = Team::new(&app).await;
        let viewer = app.user_with_role("viewer", "viewer").await;
        let source = app.source_id(&team.editor, &unique("Wire report")).await;
        for _ in 0..3 {
            app.create_claim(&team.editor, &claim_body(&unique("Claim"), &source))
                .await;
        }
        let response = app.get("/v1/ledger/checkpoint", &viewer).await;
        assert_problem(response, 404, "not_found").await;
        assert_problem(mint(&app, &team.editor).await, 403, "forbidden").await;

        let taken = checkpoint(&app, &team.admin).await;
        assert_eq!(taken["id"], 1);
        assert_eq!(taken["format"], "claimledger-checkpoint/1");
        // 14 shipped properties, 4 users, 1 source and 3 claims.
        assert_eq!(taken["records"], 22, "{taken}");
        let again = mint(&app, &team.admin).await;
        let retry_after = again.headers().get("retry-after").cloned();
        assert_problem(again, 429, "too_many_requests").await;
        let retry_after: u64 = retry_after.unwrap().to_str().unwrap().parse().unwrap();
        assert!((1..=10).contains(&retry_after), "{retry_after}");

        assert_eq!(app.get_ok("/v1/ledger/checkpoint", &viewer).await, taken);
        assert_eq!(app.get_ok("/v1/ledger/checkpoints/1", &viewer).await, taken);
        assert_eq!(
            app.all_pages("/v1/ledger/checkpoints", &viewer, &[], 10)
                .await,
            std::slice::from_ref(&taken)
        );
        let response = app.get("/v1/ledger/checkpoints/2", &viewer).await;
        assert_problem(response, 404, "not_found").await;

        // An auditor recomputes the root from the leaves, in pages.
        let heads = app
            .all_pages("/v1/ledger/checkpoints/1/heads", &viewer, &[], 5)
            .await;
        assert_eq!(heads.len() as i64, taken["records"].as_i64().unwrap());
        let digests: Vec<[u8; 32]> = heads.iter().map(leaf_digest).collect();
        assert_eq!(hex::encode(merkle_root(&digests)), taken["root"]);
        let mut keys: Vec<(String, String)> = heads
            .iter()
            .map(|h| (h["kind"].to_string(), h["record_id"].to_string()))
            .collect();
        keys.dedup();
        assert_eq!(keys.len(), heads.len(), "each record once");

        // ...and checks the signature with the published key, fetched without a token.
        let keys = app
            .client
            .get(app.url("/v1/ledger/public-key"))
            .send()
            .await
            .unwrap();
        assert_eq!(keys.status(), 200);
        let keys: Value = keys.json().await.unwrap();
        assert_eq!(keys["current_key_id"], taken["key_id"]);
        let key = keys["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["key_id"] == taken["key_id"])
            .expect("the key is published");
        assert_eq!(key["algorithm"], "Ed25519");
        assert!(signature_holds(&taken, key["public_key"].as_str().unwrap()));

        let check = verified(&app, &viewer, &taken).await;
        assert_eq!(check["valid"], true, "{check}");
        assert_eq!(check["root"], taken["root"]);
        assert_eq!(check["revisions"], taken["revisions"]);
        assert_eq!(check["first_difference"], Value::Null);
        // Later writes do not disturb a checkpoint: it is checked as of its position.
        app.create_claim(&team.editor, &claim_body(&unique("Claim"), &source))
            .await;
        assert_eq!(verified(&app, &viewer, &taken).await["valid"], true);
        let (code, out) = verify_file(&app, &taken).await;
        assert_eq!(code, Some(0), "{out}");
        assert!(out.contains("checkpoint 1 holds"), "{out}");
        let (code, out) = verify(&app, &[]).await;
        assert_eq!(code, Some(0), "{out}");
        assert!(out.contains("checkpoint 1 holds"), "{out}");

        // The checkpoints themselves are append-only.
        for sql in [
            "UPDATE checkpoints SET root = 'x'",
            "DELETE FROM checkpoint_heads",
            "DELETE FROM checkpoint_keys",
        ] {
            let error = run_sql(app.db.clone(), sql.into()).await.expect_err(sql);
            assert!(error.contains("append-only"), "{sql}: {error}");
        }
    }
);

both_backends!(
    a_forged_or_altered_checkpoint_is_refused,
    |app| async move {
        let team = Team::new(&app).await;
        let taken = checkpoint(&app, &team.admin).await;
        let forgeries = [
            ("/signature", json!({"root": "00".repeat(32)})),
            ("/signature", json!({"records": 1})),
            (
                "/signature",
                json!({"signature": STANDARD.encode([7u8; 64])}),
            ),
            ("/signature", json!({"signature": "not base64"})),
            ("/key_id", json!({"key_id": "0011223344556677"})),
            ("/feed_position", json!({"feed_position": "!!"})),
            ("/format", json!({"format": "claimledger-checkpoint/9"})),
        ];
        for (pointer, change) in forgeries {
            let mut forged = taken.clone();
            for (field, value) in change.as_object().unwrap() {
                forged[field] = value.clone();
            }
            let response = verify_against(&app, &team.editor, &forged).await;
            let problem = assert_problem(response, 422, "validation_failed").await;
            assert_eq!(
                problem["errors"][0]["pointer"], pointer,
                "{change}: {problem}"
            );
            let (code, out) = verify_file(&app, &forged).await;
            assert_eq!(code, Some(1), "{change}: {out}");
            assert!(out.contains("checkpoint 1 is refused"), "{change}: {out}");
        }
        let mut extra = taken.clone();
        extra["note"] = json!("trust me");
        let response = verify_against(&app, &team.editor, &extra).await;
        assert_problem(response, 422, "validation_failed").await;
    }
);

both_backends!(a_burst_of_mints_takes_one_checkpoint, |app| async move {
    let admin = app.admin_token().await;
    let burst = (0..6).map(|_| mint(&app, &admin));
    let statuses: Vec<u16> = futures_util::future::join_all(burst)
        .await
        .into_iter()
        .map(|r| r.status().as_u16())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        app.all_pages("/v1/ledger/checkpoints", &admin, &[], 10)
            .await
            .len(),
        1
    );
});

both_backends!(
    checkpoints_are_taken_on_schedule_when_the_ledger_changed_and_old_keys_stay_published,
    |app| async move {
        let team = Team::new(&app).await;
        let first = checkpoint(&app, &team.admin).await;
        // A second instance with a key of its own (a rotation) and a one-second schedule.
        let rotated = spawn_app_with(app.db.clone(), |config| {
            config.checkpoint_key = Some(Secret::new([9u8; 32].to_vec()));
            config.checkpoint_interval_secs = 1;
        })
        .await;
        app.create_claim(
            &team.editor,
            &claim_body(&unique("Claim"), &app.source_id(&team.editor, "Wire").await),
        )
        .await;
        eventually(
            Duration::from_secs(15),
            "a scheduled checkpoint",
            || async {
                rotated
                    .get("/v1/ledger/checkpoint", &team.editor)
                    .await
                    .status()
                    == 200
                    && rotated.get_ok("/v1/ledger/checkpoint", &team.editor).await["id"] == 2
            },
        )
        .await;
        let second = rotated.get_ok("/v1/ledger/checkpoint", &team.editor).await;
        assert_ne!(second["key_id"], first["key_id"]);
        assert!(second["revisions"].as_i64() > first["revisions"].as_i64());
        let keys: Value = rotated
            .client
            .get(rotated.url("/v1/ledger/public-key"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(keys["current_key_id"], second["key_id"]);
        let ids: Vec<&Value> = keys["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| &k["key_id"])
            .collect();
        assert_eq!(ids, [&first["key_id"], &second["key_id"]], "{keys}");
        // Each instance verifies both, the old key read from the database.
        for instance in [&app, &rotated] {
            for taken in [&first, &second] {
                assert_eq!(verified(instance, &team.editor, taken).await["valid"], true);
            }
        }
    }
);

/// A ledger to tamper with: two claims of three revisions each and a source no claim cites,
/// then a checkpoint that still verifies.
struct Tampered {
    team: Team,
    claims: [String; 2],
    lone_source: String,
    checkpoint: Value,
}

impl Tampered {
    async fn new(app: &TestApp) -> Tampered {
        let team = Team::new(app).await;
        let source = app.source_id(&team.editor, &unique("Wire report")).await;
        let mut claims = Vec::new();
        for _ in 0..2 {
            let claim = app
                .create_claim(&team.editor, &claim_body(&unique("Claim"), &source))
                .await;
            let path = format!("/v1/claims/{}", id(&claim));
            for (n, confidence) in [(1, 0.6), (2, 0.7)] {
                patch_ok(
                    app,
                    &path,
                    &team.editor,
                    &tag(n),
                    &json!({"confidence": confidence}),
                )
                .await;
            }
            claims.push(id(&claim));
        }
        let lone_source = app.source_id(&team.editor, &unique("Unused")).await;
        let checkpoint = checkpoint(app, &team.admin).await;
        assert_eq!(
            verified(app, &team.editor, &checkpoint).await["valid"],
            true
        );
        Tampered {
            team,
            claims: claims.try_into().unwrap(),
            lone_source,
            checkpoint,
        }
    }

    /// The checkpoint no longer holds, through the API and the command line, and the first
    /// difference names `kind/record_id`.
    async fn assert_caught(&self, app: &TestApp, kind: &str, record_id: &str, detail: &str) {
        let check = verified(app, &self.team.editor, &self.checkpoint).await;
        assert_eq!(check["valid"], false, "{check}");
        assert_eq!(check["first_difference"]["kind"], kind, "{check}");
        assert_eq!(check["first_difference"]["record_id"], record_id, "{check}");
        let found = check["first_difference"]["detail"].as_str().unwrap();
        assert!(found.contains(detail), "{found}");
        // Saved in a file, and the newest stored one, which plain `verify` checks too.
        for args in [&[][..], &["--checkpoint"][..]] {
            let (code, out) = match args {
                [] => verify(app, &[]).await,
                _ => verify_file(app, &self.checkpoint).await,
            };
            assert_eq!(code, Some(1), "{args:?}: {out}");
            assert!(
                out.contains(&format!("CHECKPOINT 1 BROKEN {kind}/{record_id}: ")),
                "{args:?}: {out}"
            );
        }
    }

    /// The claim that sorts first, so that it is the first difference.
    fn first_claim(&self) -> String {
        self.claims.iter().min().unwrap().clone()
    }
}

fn where_revision(kind: &str, record_id: &str, revision: i64) -> String {
    format!(
        "record_kind = '{kind}' AND record_id = {} AND revision = {revision}",
        sql_text(record_id)
    )
}

both_backends!(
    a_dropped_tail_with_its_head_rolled_back_passes_integrity_but_not_the_checkpoint,
    |app| async move {
        let t = Tampered::new(&app).await;
        let claim = t.first_claim();
        run_sql(
            app.db.clone(),
            bypass(&app, "revisions", "revisions_no_delete"),
        )
        .await
        .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "DELETE FROM revisions WHERE {};
                 UPDATE claims SET revision = 2, confidence = 0.6,
                     head_hash = (SELECT hash FROM revisions WHERE {})
                 WHERE id = {};",
                where_revision("claims", &claim, 3),
                where_revision("claims", &claim, 2),
                sql_text(&claim)
            ),
        )
        .await
        .unwrap();
        // The record's own chain cannot tell: it is a valid chain of two revisions.
        let path = format!("/v1/claims/{claim}");
        assert_eq!(
            integrity(&app, &path, &t.team.editor).await,
            json!({"valid": true, "revisions": 2, "first_bad_revision": null})
        );
        t.assert_caught(
            &app,
            "claims",
            &claim,
            "holds revision 3 as its head; the ledger now has revision 2",
        )
        .await;
    }
);

both_backends!(
    a_rewritten_middle_revision_is_caught_by_the_checkpoint,
    |app| async move {
        let t = Tampered::new(&app).await;
        let claim = t.first_claim();
        run_sql(
            app.db.clone(),
            bypass(&app, "revisions", "revisions_no_update"),
        )
        .await
        .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE revisions SET snapshot = replace(snapshot, '0.6', '0.9') WHERE {}",
                where_revision("claims", &claim, 2)
            ),
        )
        .await
        .unwrap();
        t.assert_caught(
            &app,
            "claims",
            &claim,
            "no longer gives the signed head hash",
        )
        .await;
    }
);

both_backends!(
    a_dropped_record_is_caught_by_the_checkpoint,
    |app| async move {
        let t = Tampered::new(&app).await;
        run_sql(
            app.db.clone(),
            bypass(&app, "revisions", "revisions_no_delete"),
        )
        .await
        .unwrap();
        run_sql(
            app.db.clone(),
            format!(
                "DELETE FROM revisions WHERE record_kind = 'sources' AND record_id = {0};
                 DELETE FROM sources WHERE id = {0};",
                sql_text(&t.lone_source)
            ),
        )
        .await
        .unwrap();
        t.assert_caught(
            &app,
            "sources",
            &t.lone_source,
            "the ledger no longer has the record",
        )
        .await;
    }
);

both_backends!(
    a_live_row_changed_after_a_checkpoint_is_caught_by_it,
    |app| async move {
        let t = Tampered::new(&app).await;
        let claim = t.claims.iter().max().unwrap().clone();
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE claims SET statement = 'A statement nobody made.' WHERE id = {}",
                sql_text(&claim)
            ),
        )
        .await
        .unwrap();
        t.assert_caught(
            &app,
            "claims",
            &claim,
            "differs from its revision 3 in statement",
        )
        .await;
    }
);

both_backends!(
    writes_sent_while_a_checkpoint_is_taken_all_succeed_and_it_verifies,
    |app| async move {
        let team = Team::new(&app).await;
        let source = app.source_id(&team.editor, &unique("Wire report")).await;
        let bodies: Vec<Value> = (0..12)
            .map(|_| claim_body(&unique("Claim"), &source))
            .collect();
        let start = std::sync::Arc::new(tokio::sync::Barrier::new(bodies.len() + 1));
        let writes = bodies.iter().map(|body| {
            let start = start.clone();
            let (app, token) = (&app, &team.editor);
            async move {
                start.wait().await;
                app.post_json("/v1/claims", token, body)
                    .await
                    .status()
                    .as_u16()
            }
        });
        let taking = async {
            start.wait().await;
            let response = mint(&app, &team.admin).await;
            status_and_body(response).await
        };
        let (statuses, (status, taken)) =
            futures_util::future::join(futures_util::future::join_all(writes), taking).await;
        assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
        assert_eq!(status, 201, "{taken}");
        let check = verified(&app, &team.editor, &taken).await;
        assert_eq!(check["valid"], true, "{check}");
        assert_eq!(check["records"], taken["records"]);
    }
);

#[test]
fn a_bad_checkpoint_key_or_interval_stops_the_program_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("db.sqlite");
    let cases = [
        ("CLAIMLEDGER_CHECKPOINT_KEY", "not base64!", "is not base64"),
        (
            "CLAIMLEDGER_CHECKPOINT_KEY",
            "c2hvcnQ=",
            "must decode to 32 bytes, not 5",
        ),
        ("CLAIMLEDGER_CHECKPOINT_INTERVAL", "0", "greater than zero"),
        ("CLAIMLEDGER_CHECKPOINT_INTERVAL", "1h", "a whole number"),
    ];
    for (variable, value, message) in cases {
        let output = std::process::Command::new(crate::history_fixtures::BINARY)
            .arg("verify")
            .env_clear()
            .env("DATABASE_URL", &database)
            .env(variable, value)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{variable}={value}: {stderr}"
        );
        assert!(
            stderr.starts_with(&format!("error: {variable} ")) && stderr.contains(message),
            "{variable}={value}: {stderr}"
        );
    }
}
