//! `GET /v1/claims` with `Accept: text/csv`: every match (past one stream batch), the same set
//! and order as the JSON pages, RFC 4180 quoting of awkward text, a BOM, formula cells
//! defused, and the parameters that do not apply refused.

use serde_json::{Value, json};

use crate::both_backends;
use crate::fixtures::{Team, ids, with_query};
use crate::helpers::{TestApp, assert_problem};

/// More than one batch of the stream (500).
const MANY: usize = 510;

/// The raw bytes of a CSV answer, after checking its status and headers.
async fn csv_bytes(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Vec<u8> {
    let response = app
        .client
        .get(app.url(&with_query("/v1/claims", params)))
        .bearer_auth(token)
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    response.bytes().await.unwrap().to_vec()
}

/// The records of a CSV answer, read by the `csv` crate: header first.
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("the file starts with a UTF-8 byte order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    reader
        .records()
        .map(|r| r.expect("RFC 4180").iter().map(str::to_owned).collect())
        .collect()
}

/// One row as column name → cell.
fn row_map(header: &[String], row: &[String]) -> std::collections::HashMap<String, String> {
    header.iter().cloned().zip(row.iter().cloned()).collect()
}

/// Awkward text in every column that takes text.
async fn awkward_claims(app: &TestApp, team: &Team) -> (String, String) {
    let t = &team.editor;
    let source = app
        .source_id(t, "Dawn, \"Quetta\" report\nsecond line")
        .await;
    let subject = app.entity_id(t, "event", "=HYPERLINK(\"x\")").await;
    let formula = app
        .create_claim(
            t,
            &json!({
                "statement": "=1+1 and, \"quoted\"\r\nwith a line break",
                "subject_id": subject, "property": "fatalities.police",
                "value": {"type": "quantity", "lower": 1, "upper": 3, "unit": "people"},
                "occurred_at": {"value": "2022-11-30", "precision": "day"},
                "place": "@Quetta",
                "confidence": 0.75, "tags": ["ttp", "quetta"],
                "citations": [{"source_id": source, "quote": "-1 said police"}],
            }),
        )
        .await;
    let urdu = app
        .create_claim(
            t,
            &json!({
                "statement": "کوئٹہ میں پولیس ٹرک پر حملہ",
                "confidence": 0.5, "tags": ["urdu"],
                "citations": [{"source_id": source}],
            }),
        )
        .await;
    (crate::fixtures::id(&formula), crate::fixtures::id(&urdu))
}

both_backends!(csv_quotes_and_defuses_awkward_text, |app| async move {
    let team = Team::new(&app).await;
    let (formula, urdu) = awkward_claims(&app, &team).await;
    let viewer = app.user_with_role("viewer", "viewer").await;
    let bytes = csv_bytes(&app, &viewer, &[]).await;
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let rows = records(&bytes);
    let header = &rows[0];
    assert_eq!(header[0], "id");
    assert_eq!(header.len(), 27, "{header:?}");
    assert_eq!(rows.len(), 3, "a header and two claims");
    let by_id = |id: &str| {
        let row = rows
            .iter()
            .find(|r| r[0] == id)
            .expect("the claim is in the file");
        row_map(header, row)
    };
    let f = by_id(&formula);
    assert_eq!(f["statement"], "'=1+1 and, \"quoted\"\r\nwith a line break");
    assert_eq!(f["subject_name"], "'=HYPERLINK(\"x\")");
    assert_eq!(f["place"], "'@Quetta");
    assert_eq!(f["quotes"], "'-1 said police");
    assert_eq!(f["sources"], "Dawn, \"Quetta\" report\nsecond line");
    assert_eq!(f["value_type"], "quantity");
    assert_eq!(
        (f["value_lower"].as_str(), f["value_upper"].as_str()),
        ("1", "3")
    );
    assert_eq!(f["value_unit"], "people");
    assert_eq!(f["occurred_at"], "2022-11-30");
    assert_eq!(f["occurred_precision"], "day");
    assert_eq!(f["confidence"], "0.75");
    assert_eq!(f["confidence_label"], "likely");
    assert_eq!(f["verdict"], "unreviewed");
    assert_eq!(f["tags"], "quetta; ttp");
    assert_eq!(f["retracted"], "false");
    let u = by_id(&urdu);
    assert_eq!(u["statement"], "کوئٹہ میں پولیس ٹرک پر حملہ");
    assert_eq!(u["value_type"], "");
    assert_eq!(u["quotes"], "");
});

both_backends!(
    csv_holds_every_match_in_the_order_of_the_json_pages,
    |app| async move {
        let team = Team::new(&app).await;
        let t = &team.editor;
        let source = app.source_id(t, "A casualty table").await;
        for i in 0..MANY {
            let tag = if i % 3 == 0 { "third" } else { "other" };
            let body = json!({
                "statement": format!("Row {i} of the casualty table."),
                "confidence": (i % 100) as f64 / 100.0,
                "tags": [tag],
                "citations": [{"source_id": source}],
            });
            let response = app.post_json("/v1/claims", t, &body).await;
            assert_eq!(response.status(), 201);
        }
        for params in [
            vec![],
            vec![("tag", "third")],
            vec![("sort", "confidence")],
            vec![("sort", "-occurred_at"), ("min_confidence", "0.5")],
            vec![("q", "casualty table")],
        ] {
            let json_ids = ids(&app.all_pages("/v1/claims", t, &params, 500).await);
            let rows = records(&csv_bytes(&app, t, &params).await);
            let csv_ids: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
            assert_eq!(csv_ids, json_ids, "{params:?}");
        }
        let all = records(&csv_bytes(&app, t, &[]).await);
        assert_eq!(all.len(), MANY + 1, "every claim, past one batch");
    }
);

both_backends!(csv_refuses_paging_and_needs_a_token, |app| async move {
    let token = app.admin_token().await;
    for (param, value) in [("limit", "10"), ("cursor", "abc")] {
        let response = app
            .client
            .get(app.url(&with_query("/v1/claims", &[(param, value)])))
            .bearer_auth(&token)
            .header("accept", "text/csv")
            .send()
            .await
            .unwrap();
        let problem: Value = assert_problem(response, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], format!("/{param}"));
    }
    let response = app
        .client
        .get(app.url("/v1/claims"))
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    // JSON stays the default, and wins when ranked higher.
    let response = app
        .client
        .get(app.url("/v1/claims"))
        .bearer_auth(&token)
        .header("accept", "application/json, text/csv;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "application/json");
});

/// Python's `csv` module (what data desks script with) reads the file back cell for cell.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(python_tests), ignore = "python3 is not on PATH")]
async fn csv_reads_back_in_pythons_csv_module() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite)
        .await
        .unwrap();
    let team = Team::new(&app).await;
    awkward_claims(&app, &team).await;
    let bytes = csv_bytes(&app, &team.editor, &[]).await;
    let script = "import csv, io, json, sys\n\
        text = sys.stdin.buffer.read().decode('utf-8-sig')\n\
        print(json.dumps(list(csv.reader(io.StringIO(text, newline='')))))";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let from_python: Vec<Vec<String>> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(from_python, records(&bytes));
}
