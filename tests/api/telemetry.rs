//! Operations endpoints: `/healthz`, `/readyz`, `/metrics`.

use serde_json::Value;

use crate::both_backends;
use crate::helpers::TestApp;

async fn metrics(app: &TestApp) -> String {
    let response = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    response.text().await.unwrap()
}

/// The sample lines of one metric (not its `# HELP`/`# TYPE` comments).
fn samples<'a>(text: &'a str, metric: &str) -> Vec<&'a str> {
    text.lines()
        .filter(|line| {
            line.strip_prefix(metric)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .collect()
}

both_backends!(
    healthz_and_readyz_answer_200_without_a_token,
    |app| async move {
        let response = app.client.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers().contains_key("x-request-id"));
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ok");

        let response = app.client.get(app.url("/readyz")).send().await.unwrap();
        assert_eq!(response.status(), 200);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ready");
    }
);

both_backends!(
    metrics_count_requests_by_route_pattern_and_status,
    |app| async move {
        let token = app.admin_token().await;
        let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
        let id = me["id"].as_str().unwrap().to_owned();
        assert_eq!(
            app.get(&format!("/v1/users/{id}"), &token).await.status(),
            200
        );
        let unmatched = format!("/v1/no-such-route-{}", uuid::Uuid::now_v7().simple());
        assert_eq!(app.get(&unmatched, &token).await.status(), 404);
        app.client.get(app.url("/healthz")).send().await.unwrap();

        let text = metrics(&app).await;
        let requests = samples(&text, "http_requests_total");
        assert!(!requests.is_empty(), "no http_requests_total in\n{text}");
        for (route, status) in [
            ("/healthz", "200"),
            ("/v1/me", "200"),
            ("/v1/users/{id}", "200"),
            ("/v1/auth/token", "200"),
        ] {
            let label = format!("route=\"{route}\"");
            let status = format!("status=\"{status}\"");
            assert!(
                requests
                    .iter()
                    .any(|line| line.contains(&label) && line.contains(&status)),
                "no sample for {label} {status} in\n{}",
                requests.join("\n")
            );
        }
        // Routes are labelled by their pattern: no ids or unknown paths in the label set.
        assert!(!text.contains(&id), "a record id leaked into a label");
        assert!(!text.contains(&unmatched), "a raw path leaked into a label");

        assert!(
            !samples(&text, "http_request_duration_seconds_bucket").is_empty()
                || !samples(&text, "http_request_duration_seconds").is_empty(),
            "no request latency histogram"
        );
        for gauge in [
            "db_pool_connections",
            "db_pool_idle_connections",
            "db_pool_max_connections",
        ] {
            let lines = samples(&text, gauge);
            assert!(!lines.is_empty(), "no {gauge} in\n{text}");
        }
    }
);

both_backends!(metrics_and_health_need_no_token, |app| async move {
    for path in ["/healthz", "/readyz", "/metrics", "/openapi.json", "/docs/"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
});

both_backends!(
    invented_methods_are_one_metric_label_so_metrics_cannot_grow,
    |app| async move {
        let invented: Vec<String> = (0..400)
            .map(|i| format!("INVENTED{}X{i}", uuid::Uuid::now_v7().simple()))
            .collect();
        let sends = invented.iter().map(|method| {
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            let request = app.client.request(method, app.url("/v1/claims"));
            async move { request.send().await.unwrap().status() }
        });
        for status in futures_util::future::join_all(sends).await {
            assert!(status.is_client_error(), "{status}");
        }
        let text = metrics(&app).await;
        assert!(
            !text.contains("INVENTED"),
            "an invented method became a label"
        );
        let requests = samples(&text, "http_requests_total");
        assert!(
            requests
                .iter()
                .any(|line| line.contains("method=\"OTHER\"")
                    && line.contains("route=\"/v1/claims\"")),
            "{requests:#?}"
        );
        // Each label takes few values: methods, statuses, routes of the service.
        for (label, bound) in [("method", 10), ("status", 60)] {
            let mut values: Vec<&str> = requests
                .iter()
                .filter_map(|line| line.split(&format!("{label}=\"")).nth(1))
                .filter_map(|rest| rest.split('"').next())
                .collect();
            values.sort();
            values.dedup();
            assert!(values.len() <= bound, "{label}: {values:?}");
        }
    }
);
