//! The HTTP ceiling for the load benchmark: the least a claimledger request can cost on this
//! machine — actix-web, the same JWT verification, and a ~400-byte JSON body from memory.
//! `benches/load.sh` starts it; by hand: `cargo bench --bench ceiling -- 127.0.0.1:8099`.
//! With `--middleware` the same handler runs behind claimledger's middleware stack (request
//! id, tracing span, Prometheus metrics, problem+json errors), so the benchmark can tell the
//! framework's cost, our middleware's and the database's apart.

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use claimledger::auth::jwt::JwtKeys;
use claimledger::config::Secret;

const BODY: &str = r#"{"id":"01a21655-2d37-75c5-8618-27098d96aa4e","statement":"At least 20 police personnel were injured in the attack on the Balochistan Constabulary truck in Quetta.","property":"injured","value":{"type":"quantity","lower":20,"upper":null,"unit":"people"},"occurred_at":{"value":"2022-11-30","precision":"day"},"confidence":0.7,"confidence_label":"likely","verdict":"unreviewed","tags":["ttp","quetta-2022-11-30"],"revision":1}"#;

async fn claim(req: HttpRequest, keys: web::Data<JwtKeys>) -> HttpResponse {
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match token.map(|t| keys.verify(t)) {
        Some(Ok(_)) => HttpResponse::Ok()
            .content_type("application/json")
            .body(BODY),
        _ => HttpResponse::Unauthorized().finish(),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addr = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:8099".into());
    let middleware = args.iter().any(|a| a == "--middleware");
    if middleware {
        // The service records its metrics into this recorder; without one they cost nothing.
        metrics_exporter_prometheus::PrometheusBuilder::new()
            .install_recorder()
            .expect("a Prometheus recorder");
    }
    let secret = std::env::var("CLAIMLEDGER_JWT_SECRET")
        .unwrap_or_else(|_| "bench-jwt-secret-bench-jwt-secret-0123".into());
    let keys = web::Data::new(JwtKeys::new(&Secret::new(secret.as_bytes()), &[]));
    HttpServer::new(move || {
        App::new()
            .wrap(actix_web::middleware::Condition::new(
                middleware,
                claimledger::api::middleware::RequestContext,
            ))
            .app_data(keys.clone())
            .default_service(web::to(claim))
    })
    .bind(addr)?
    .run()
    .await
}
