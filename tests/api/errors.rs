//! Every error — the service's own and actix-web's — is problem+json with a stable `code` and
//! the request id; and the request id itself.

use std::io::{Read, Write};

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{TestApp, assert_problem};

const MIB: usize = 1024 * 1024;

async fn post_raw(
    app: &TestApp,
    path: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let mut request = app.client.post(app.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    request.send().await.unwrap()
}

both_backends!(unknown_route_is_a_404_problem, |app| async move {
    let token = app.admin_token().await;
    for path in [
        "/v1/nothing-here",
        "/",
        "/v1",
        "/v1/users/some-id/extra",
        "/v2/me",
    ] {
        let response = app.get(path, &token).await;
        assert_problem(response, 404, "not_found").await;
    }
    // Without a token too: an unknown path is not an authentication question.
    let response = app
        .client
        .get(app.url("/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_problem(response, 404, "not_found").await;
});

both_backends!(wrong_method_is_a_405_with_allow, |app| async move {
    let response = app.client.delete(app.url("/v1/me")).send().await.unwrap();
    assert_eq!(response.headers()["allow"], "GET");
    assert_problem(response, 405, "method_not_allowed").await;

    for (method, path, allow) in [
        (reqwest::Method::PUT, "/v1/users/some-id", "GET, PATCH"),
        (reqwest::Method::DELETE, "/v1/users", "GET, POST"),
        (reqwest::Method::GET, "/v1/auth/token", "POST"),
        (reqwest::Method::POST, "/healthz", "GET"),
        (reqwest::Method::PATCH, "/v1/tokens/some-id", "DELETE"),
    ] {
        let response = app
            .client
            .request(method.clone(), app.url(path))
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        let problem = assert_problem(response, 405, "method_not_allowed").await;
        assert!(
            problem["detail"].as_str().unwrap().contains(allow),
            "{problem}"
        );
    }
});

both_backends!(malformed_json_is_400_malformed_json, |app| async move {
    for body in [
        &b"{\"username\": "[..],
        b"{\"username\": \"admin\", }",
        b"not json at all",
        b"{} trailing",
        b"{\"username\": 1, \"password\": ",
        b"",
        b"   ",
    ] {
        let response = post_raw(
            &app,
            "/v1/auth/token",
            Some("application/json"),
            body.to_vec(),
        )
        .await;
        let problem = assert_problem(response, 400, "malformed_json").await;
        assert!(!problem["detail"].as_str().unwrap().is_empty());
    }
    // The same on an authenticated endpoint.
    let admin = app.admin_token().await;
    let response = app
        .client
        .post(app.url("/v1/users"))
        .bearer_auth(&admin)
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    assert_problem(response, 400, "malformed_json").await;
});

both_backends!(wrong_content_type_is_415, |app| async move {
    let body = json!({"username": "admin", "password": "x"})
        .to_string()
        .into_bytes();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/xml"),
        None,
    ] {
        let response = post_raw(&app, "/v1/auth/token", content_type, body.clone()).await;
        assert_problem(response, 415, "unsupported_media_type").await;
    }
    // JSON with parameters, and +json types, are JSON.
    for content_type in [
        "application/json; charset=utf-8",
        "application/merge-patch+json",
    ] {
        let response = post_raw(&app, "/v1/auth/token", Some(content_type), body.clone()).await;
        assert_problem(response, 401, "invalid_credentials").await;
    }
});

both_backends!(a_body_over_1_mib_is_413, |app| async move {
    // Valid JSON, padded with whitespace: only the size is wrong.
    let mut body = json!({"username": "admin", "password": "x"})
        .to_string()
        .into_bytes();
    body.resize(MIB + 1, b' ');
    let response = post_raw(&app, "/v1/auth/token", Some("application/json"), body).await;
    assert_problem(response, 413, "payload_too_large").await;
});

both_backends!(a_body_of_exactly_1_mib_is_accepted, |app| async move {
    let mut body = json!({"username": "admin", "password": "x"})
        .to_string()
        .into_bytes();
    body.resize(MIB, b' ');
    let response = post_raw(&app, "/v1/auth/token", Some("application/json"), body).await;
    assert_problem(response, 401, "invalid_credentials").await;
});

/// Sends a chunked body (no Content-Length) of `size` bytes and returns the status line and
/// the rest of the response.
fn post_chunked(address: &str, path: &str, size: usize) -> (String, String) {
    let host = address.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut body = json!({"username": "admin", "password": "x"})
        .to_string()
        .into_bytes();
    body.resize(size, b' ');
    // The server may answer and stop reading before the end: write errors are expected then.
    for chunk in body.chunks(64 * 1024) {
        if stream
            .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
            .and_then(|_| stream.write_all(chunk))
            .and_then(|_| stream.write_all(b"\r\n"))
            .is_err()
        {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let (status_line, rest) = response.split_once("\r\n").unwrap_or((&response, ""));
    (status_line.to_owned(), rest.to_owned())
}

both_backends!(a_chunked_body_over_1_mib_is_413_too, |app| async move {
    let address = app.address.clone();
    let (status, rest) =
        tokio::task::spawn_blocking(move || post_chunked(&address, "/v1/auth/token", MIB + 1))
            .await
            .unwrap();
    assert!(status.starts_with("HTTP/1.1 413"), "{status}\n{rest}");
    assert!(
        rest.to_ascii_lowercase()
            .contains("application/problem+json")
    );
    assert!(rest.contains("\"payload_too_large\""));

    let address = app.address.clone();
    let (status, rest) =
        tokio::task::spawn_blocking(move || post_chunked(&address, "/v1/auth/token", MIB))
            .await
            .unwrap();
    assert!(status.starts_with("HTTP/1.1 401"), "{status}\n{rest}");
});

both_backends!(bad_query_is_400_invalid_query, |app| async move {
    let admin = app.admin_token().await;
    for path in [
        "/v1/users?limit=abc",
        "/v1/users?limit=1.5",
        "/v1/users?limit=99999999999999999999",
        "/v1/users?no_such_parameter=1",
        "/v1/tokens?limit=abc",
    ] {
        let problem = assert_problem(app.get(path, &admin).await, 400, "invalid_query").await;
        assert!(!problem["detail"].as_str().unwrap().is_empty(), "{path}");
    }
});

both_backends!(a_limit_over_500_is_422, |app| async move {
    let admin = app.admin_token().await;
    for path in ["/v1/users?limit=501", "/v1/tokens?limit=501"] {
        let problem = assert_problem(app.get(path, &admin).await, 422, "validation_failed").await;
        assert_eq!(problem["errors"][0]["pointer"], "/limit", "{path}");
    }
});

both_backends!(
    an_unknown_or_mistyped_field_is_422_with_its_pointer,
    |app| async move {
        for (body, pointer) in [
            (
                json!({"username": "admin", "password": "x", "remember_me": true}),
                "/remember_me",
            ),
            (json!({"username": "admin", "password": 12345}), "/password"),
            (json!({"username": "admin"}), "/password"),
        ] {
            let response = app
                .client
                .post(app.url("/v1/auth/token"))
                .json(&body)
                .send()
                .await
                .unwrap();
            let problem = assert_problem(response, 422, "validation_failed").await;
            let errors = problem["errors"].as_array().unwrap();
            assert_eq!(errors.len(), 1, "{problem}");
            assert_eq!(errors[0]["pointer"], pointer, "{body}");
            assert!(!errors[0]["message"].as_str().unwrap().is_empty());
        }
    }
);

both_backends!(problems_have_the_rfc_9457_members, |app| async move {
    let response = app.client.get(app.url("/v1/me")).send().await.unwrap();
    let problem = assert_problem(response, 401, "missing_token").await;
    assert_eq!(problem["type"], "urn:claimledger:problem:missing_token");
    assert_eq!(problem["title"], "Unauthorized");
    assert!(problem["detail"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(problem.get("errors").is_none());
});

fn request_id(response: &reqwest::Response) -> String {
    response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

both_backends!(
    a_client_request_id_is_echoed_on_success_and_error,
    |app| async move {
        let response = app
            .client
            .get(app.url("/healthz"))
            .header("x-request-id", "client-chosen-id.42")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(request_id(&response), "client-chosen-id.42");

        for path in ["/v1/me", "/v1/nothing-here"] {
            let response = app
                .client
                .get(app.url(path))
                .header("x-request-id", "trace-1234")
                .send()
                .await
                .unwrap();
            assert_eq!(request_id(&response), "trace-1234");
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["request_id"], "trace-1234", "{path}");
        }
        // Also on a 405, which actix-web itself produces in part.
        let response = app
            .client
            .delete(app.url("/v1/me"))
            .header("x-request-id", "trace-405")
            .send()
            .await
            .unwrap();
        assert_eq!(request_id(&response), "trace-405");
        assert_problem(response, 405, "method_not_allowed").await;
    }
);

both_backends!(
    a_request_id_is_generated_when_none_or_an_unsafe_one_is_sent,
    |app| async move {
        let first = app.client.get(app.url("/healthz")).send().await.unwrap();
        let second = app.client.get(app.url("/healthz")).send().await.unwrap();
        let (first, second) = (request_id(&first), request_id(&second));
        assert!(!first.is_empty());
        assert_ne!(first, second, "each request gets its own id");
        assert!(uuid::Uuid::parse_str(&first).is_ok(), "{first}");

        for unsafe_id in ["has spaces in it", &"x".repeat(200), "line\tbreak"] {
            let response = app
                .client
                .get(app.url("/v1/me"))
                .header("x-request-id", unsafe_id)
                .send()
                .await
                .unwrap();
            let echoed = request_id(&response);
            assert_ne!(echoed, unsafe_id);
            assert!(uuid::Uuid::parse_str(&echoed).is_ok(), "{echoed}");
            assert_problem(response, 401, "missing_token").await;
        }
    }
);
