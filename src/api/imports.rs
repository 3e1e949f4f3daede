//! Imports (stub).
use actix_web::post;

#[utoipa::path(tag = "imports", responses((status = 200, description = "x")))]
#[post("/v1/imports/claimreview")]
pub async fn import_claimreview() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().finish()
}
