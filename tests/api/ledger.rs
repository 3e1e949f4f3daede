//! The ledger as proof (issue 12, findings 7 and 8): the live record is checked against its
//! head revision, and signed checkpoints catch what a per-record chain cannot (a head rolled
//! back, a record dropped).

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, claim_body, id, source_body};
use crate::helpers::TestApp;
use crate::history_fixtures::{integrity, run_binary, run_sql, sql_text, unique};

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
        let untouched = app
            .create_claim(&team.editor, &claim_body(&unique("Claim"), &id(&source)))
            .await;
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
