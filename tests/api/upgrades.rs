//! Databases across releases and stored data this release cannot read: a database migrated by
//! a newer release is refused at start, and a value or snapshot that does not parse is an
//! error for that record (a 500 naming it in the log, and `claimledger verify` names it),
//! never a plausible default.

use serde_json::json;

use crate::both_backends;
use crate::fixtures::id;
use crate::helpers::{Backend, TestApp, assert_problem, test_config};
use crate::history_fixtures::{run_binary, run_sql, sql_text};

async fn source(app: &TestApp, token: &str, title: &str) -> String {
    let response = app
        .post_json(
            "/v1/sources",
            token,
            &json!({"kind": "article", "title": title}),
        )
        .await;
    assert_eq!(response.status(), 201);
    id(&response.json().await.unwrap())
}

both_backends!(
    a_database_migrated_by_a_newer_release_is_refused_with_a_clear_message,
    |app| async move {
        // A release from the future applied a migration this one does not know.
        run_sql(
            app.db.clone(),
            "INSERT INTO __diesel_schema_migrations (version) VALUES ('99991231000001')".into(),
        )
        .await
        .unwrap();
        let refused = claimledger::startup::Application::build(test_config(&app.db)).await;
        let message = format!("{:#}", refused.err().expect("the start is refused"));
        assert!(
            message.contains("newer release") && message.contains("99991231000001"),
            "{message}"
        );
        // The CLI refuses too, before it changes anything.
        let output = run_binary(app.db.clone(), &["verify"]).await;
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("newer release"), "{stderr}");
    }
);

both_backends!(
    a_stored_value_that_does_not_parse_fails_that_record_loudly_and_verify_names_it,
    |app| async move {
        let token = app.admin_token().await;
        let broken = source(&app, &token, "Broken").await;
        let fine = source(&app, &token, "Fine").await;
        run_sql(
            app.db.clone(),
            format!(
                "UPDATE sources SET kind = 'pamphlet' WHERE id = {}",
                sql_text(&broken)
            ),
        )
        .await
        .unwrap();

        let response = app.get(&format!("/v1/sources/{broken}"), &token).await;
        let problem = assert_problem(response, 500, "internal_error").await;
        assert!(
            !problem.to_string().contains("pamphlet"),
            "the cause stays in the log: {problem}"
        );
        let response = app.get(&format!("/v1/sources/{fine}"), &token).await;
        assert_eq!(response.status(), 200, "other records read as ever");

        let output = run_binary(app.db.clone(), &["verify"]).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!("UNREADABLE sources/{broken}"))
                && stdout.contains("\"pamphlet\" is not a stored SourceKind"),
            "{stdout}"
        );
        assert!(!stdout.contains(&fine), "only the broken record: {stdout}");
    }
);

both_backends!(
    a_snapshot_in_a_format_this_release_cannot_read_is_an_error_not_a_guess,
    |app| async move {
        let token = app.admin_token().await;
        let record = source(&app, &token, "Rewritten behind the ledger's back").await;
        // Stored revisions cannot be changed (a trigger refuses): someone would have to turn
        // it off first.
        let (off, on) = match app.backend {
            Backend::Sqlite => (
                "DROP TRIGGER revisions_no_update;".to_owned(),
                String::new(),
            ),
            Backend::Postgres => (
                "ALTER TABLE revisions DISABLE TRIGGER revisions_no_update;".to_owned(),
                "ALTER TABLE revisions ENABLE TRIGGER revisions_no_update;".to_owned(),
            ),
        };
        run_sql(
            app.db.clone(),
            format!(
                "{off} UPDATE revisions SET snapshot = '{{\"format\":99,\"title\":\"x\"}}' \
                 WHERE record_id = {} AND revision = 1; {on}",
                sql_text(&record)
            ),
        )
        .await
        .unwrap();

        let response = app
            .get(&format!("/v1/sources/{record}/revisions/1"), &token)
            .await;
        assert_problem(response, 500, "internal_error").await;

        let output = run_binary(app.db.clone(), &["verify"]).await;
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(output.status.code(), Some(1), "{stdout}");
        assert!(
            stdout.contains(&format!("TAMPERED sources/{record}: first bad revision 1"))
                && stdout.contains(&format!("UNREADABLE sources/{record}"))
                && stdout.contains("format 99, newer than this release reads"),
            "{stdout}"
        );
    }
);
