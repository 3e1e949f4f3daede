//! The HTTP ceiling for the load benchmark: the least a claimledger request can cost on this
//! machine — actix-web, the same JWT verification, and a ~400-byte JSON body from memory.
//! `benches/load.sh` starts it; by hand: `cargo bench --bench ceiling -- 127.0.0.1:8099`.

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
    let addr = std::env::args()
        .nth(1)
        .filter(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "127.0.0.1:8099".into());
    let secret = std::env::var("CLAIMLEDGER_JWT_SECRET")
        .unwrap_or_else(|_| "bench-jwt-secret-bench-jwt-secret-0123".into());
    let keys = web::Data::new(JwtKeys::new(&Secret::new(secret.as_bytes()), &[]));
    HttpServer::new(move || {
        App::new()
            .app_data(keys.clone())
            .default_service(web::to(claim))
    })
    .bind(addr)?
    .run()
    .await
}
