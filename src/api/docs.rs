//! The OpenAPI document and docs page, and the answer for paths no route matched: `405` with
//! `Allow` when the path exists with other methods, else `404` (a trailing slash too) — both
//! worked out from the OpenAPI document, so they always agree with the routes.

use std::sync::Arc;

use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use utoipa::openapi::OpenApi;
use utoipa::openapi::path::HttpMethod;

use crate::api::error::ApiError;

/// The path templates of the document and the methods each allows.
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<&'static str>)>,
}

impl RouteTable {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let segments = path
                    .trim_start_matches('/')
                    .split('/')
                    .map(str::to_owned)
                    .collect();
                let mut methods: Vec<&'static str> = [
                    (HttpMethod::Get, "GET"),
                    (HttpMethod::Post, "POST"),
                    (HttpMethod::Put, "PUT"),
                    (HttpMethod::Patch, "PATCH"),
                    (HttpMethod::Delete, "DELETE"),
                ]
                .into_iter()
                .filter(|(method, _)| operation_for(item, method))
                .map(|(_, name)| name)
                .collect();
                methods.sort_unstable();
                (segments, methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods allowed on `path`, or None when no route has that path. The path must
    /// match exactly: `/v1/claims/` is not `/v1/claims`. Where several templates match, the
    /// most literal ones speak for the path: `/v1/webhooks/event-types` is that resource,
    /// not a subscription whose id is `event-types`.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let mut allowed: Vec<&'static str> = Vec::new();
        let mut fewest_placeholders = usize::MAX;
        for (template, methods) in &self.routes {
            let matches = template.len() == segments.len()
                && template
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s);
            if !matches {
                continue;
            }
            let placeholders = template.iter().filter(|t| t.starts_with('{')).count();
            if placeholders < fewest_placeholders {
                fewest_placeholders = placeholders;
                allowed.clear();
            }
            if placeholders == fewest_placeholders {
                allowed.extend(methods);
            }
        }
        allowed.sort_unstable();
        allowed.dedup();
        (!allowed.is_empty()).then_some(allowed)
    }
}

fn operation_for(item: &utoipa::openapi::PathItem, method: &HttpMethod) -> bool {
    match method {
        HttpMethod::Get => item.get.is_some(),
        HttpMethod::Post => item.post.is_some(),
        HttpMethod::Put => item.put.is_some(),
        HttpMethod::Patch => item.patch.is_some(),
        HttpMethod::Delete => item.delete.is_some(),
        _ => false,
    }
}

/// The default service: what no route matched.
pub async fn not_matched(
    req: HttpRequest,
    table: web::Data<Arc<RouteTable>>,
) -> Result<HttpResponse, ApiError> {
    let refused = req.method().as_str();
    Err(match table.allowed(req.path()) {
        // A 405 never lists the method it refused: had the route that method, it would have
        // matched (so the path only looks like the route's, and nothing is there).
        Some(allow) if req.method() != Method::OPTIONS && !allow.contains(&refused) => {
            ApiError::MethodNotAllowed { allow }
        }
        // The path is quoted back only when short: it may be up to 64 KiB.
        _ if req.path().len() > 200 => ApiError::NotFound {
            detail: "no resource at this path".into(),
        },
        _ => ApiError::NotFound {
            detail: format!("no resource at {}", req.path()),
        },
    })
}
