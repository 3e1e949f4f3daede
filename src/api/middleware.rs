//! The one middleware every request passes through: it gives the request its id (the
//! client's `X-Request-Id` when sane, else a new UUIDv7), opens its tracing span, records
//! its metrics, turns a panic into a logged 500, and makes sure every error response —
//! including actix-web's own — is problem+json.

use std::future::{Ready, ready};
use std::panic::AssertUnwindSafe;
use std::rc::Rc;
use std::time::Instant;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{Error, HttpResponse, ResponseError};
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use tracing::Instrument;

use crate::api::error::{ApiError, InternalCause, PROBLEM_JSON};

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");
/// How many SQL statements the request ran (transaction control not counted).
pub const DB_QUERIES_HEADER: HeaderName = HeaderName::from_static("x-db-queries");

tokio::task_local! {
    static REQUEST_ID: String;
    static REQUEST_QUERIES: std::cell::Cell<u64>;
}

/// Adds to the number of SQL statements the current request ran.
pub fn add_request_queries(n: u64) {
    let _ = REQUEST_QUERIES.try_with(|q| q.set(q.get() + n));
}

/// The id of the request being served on this task, if any.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Accept a client's request id only when it is short and printable; anything else could
/// forge log lines or blow up headers.
fn client_request_id(req: &ServiceRequest) -> Option<String> {
    let value = req.headers().get(&REQUEST_ID_HEADER)?.to_str().ok()?;
    let ok = !value.is_empty()
        && value.len() <= 128
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(&b));
    ok.then(|| value.to_owned())
}

pub struct RequestContext;

impl<S, B> Transform<S, ServiceRequest> for RequestContext
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B, BoxBody>>;
    type Error = Error;
    type Transform = RequestContextService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RequestContextService {
            service: Rc::new(service),
        }))
    }
}

pub struct RequestContextService<S> {
    service: Rc<S>,
}

impl<S, B> Service<ServiceRequest> for RequestContextService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B, BoxBody>>;
    type Error = Error;
    type Future = LocalBoxFuture<'static, Result<Self::Response, Self::Error>>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let started = Instant::now();
        let request_id =
            client_request_id(&req).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
        let method = req.method().to_string();
        let span = tracing::info_span!(
            "request",
            request_id = %request_id,
            method = %method,
            route = tracing::field::Empty,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let service = Rc::clone(&self.service);

        let work = async move {
            // A path or query no handler may see (a NUL, an over-long value) stops here.
            if let Err(problem) = crate::api::input::check(&req) {
                let response = req.into_response(problem.error_response());
                return Ok(response.map_into_right_body());
            }
            // The call itself is inside the async block, so a panic while routing or in the
            // handler's synchronous part is caught too.
            let outcome = AssertUnwindSafe(async move { service.call(req).await })
                .catch_unwind()
                .await;
            match outcome {
                Ok(Ok(response)) => Ok(ensure_problem_json(response.map_into_left_body())),
                Ok(Err(error)) => Err(EdgeError::new(
                    error.as_response_error().status_code(),
                    error.to_string(),
                )),
                Err(panic) => {
                    let message = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    tracing::error!(panic = %message, "handler panicked");
                    Err(EdgeError::new(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "handler panicked".into(),
                    ))
                }
            }
        };

        Box::pin(
            async move {
                let counted = async {
                    let outcome = work.await;
                    (outcome, REQUEST_QUERIES.with(std::cell::Cell::get))
                };
                let (outcome, queries) = REQUEST_ID
                    .scope(
                        request_id.clone(),
                        REQUEST_QUERIES.scope(std::cell::Cell::new(0), counted),
                    )
                    .await;
                let (status, route) = match &outcome {
                    Ok(response) => (
                        response.status(),
                        response
                            .request()
                            .match_pattern()
                            .unwrap_or_else(|| "unmatched".into()),
                    ),
                    Err(error) => (error.status, "unmatched".into()),
                };
                let elapsed = started.elapsed();
                let span = tracing::Span::current();
                span.record("status", status.as_u16());
                span.record("route", route.as_str());
                span.record("latency_ms", elapsed.as_secs_f64() * 1000.0);
                let cause = match &outcome {
                    Ok(response) => response
                        .response()
                        .extensions()
                        .get::<InternalCause>()
                        .cloned(),
                    Err(_) => None,
                };
                if let Some(InternalCause { message, backtrace }) = cause {
                    match backtrace {
                        Some(backtrace) => {
                            tracing::error!(error = %message, %backtrace, "request failed")
                        }
                        None => tracing::error!(error = %message, "request failed"),
                    }
                } else if status.is_server_error() {
                    tracing::error!("request failed");
                } else {
                    tracing::info!("request served");
                }
                // Every label has a bounded set of values: the route pattern (not the raw
                // path), a known method or OTHER, a status code.
                let labels = [
                    ("method", metric_method(&method).to_owned()),
                    ("route", route),
                    ("status", status.as_u16().to_string()),
                ];
                metrics::counter!("http_requests_total", &labels).increment(1);
                metrics::histogram!("http_request_duration_seconds", &labels)
                    .record(elapsed.as_secs_f64());
                match outcome {
                    Ok(mut response) => {
                        if let Ok(value) = HeaderValue::from_str(&request_id) {
                            response.headers_mut().insert(REQUEST_ID_HEADER, value);
                        }
                        response
                            .headers_mut()
                            .insert(DB_QUERIES_HEADER, HeaderValue::from(queries));
                        Ok(response)
                    }
                    // Without the request (it was consumed), the error travels up and actix
                    // renders it with `EdgeError::error_response`, which knows the request id.
                    Err(mut error) => {
                        error.request_id = request_id;
                        Err(error.into())
                    }
                }
            }
            .instrument(span),
        )
    }
}

/// A method as a metric label: the standard ones by name, any other (a client can invent
/// any token) as `OTHER`, so that no client can grow `/metrics`.
fn metric_method(method: &str) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT",
    ];
    KNOWN
        .into_iter()
        .find(|known| *known == method)
        .unwrap_or("OTHER")
}

/// An error that escaped the app (a panic, or a middleware error) and must still leave as
/// problem+json with the request id.
#[derive(Debug)]
struct EdgeError {
    status: StatusCode,
    cause: String,
    request_id: String,
}

impl EdgeError {
    fn new(status: StatusCode, cause: String) -> Self {
        Self {
            status,
            cause,
            request_id: String::new(),
        }
    }
}

impl std::fmt::Display for EdgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.cause)
    }
}

impl ResponseError for EdgeError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = generic_problem(self.status, None);
        let problem = {
            let error = ApiError::Internal(anyhow::anyhow!("{}", self.cause));
            let mut problem = error.problem();
            problem.status = self.status.as_u16();
            problem.title = crate::api::error::title_for(self.status).to_owned();
            problem.request_id = self.request_id.clone();
            problem
        };
        if let Ok(value) = HeaderValue::from_str(&self.request_id) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        response.set_body(BoxBody::new(
            serde_json::to_vec(&problem).unwrap_or_default(),
        ))
    }
}

/// Replaces the body of an error response that is not problem+json yet (actix-web's own
/// 404s, 405s, payload and extractor errors) with a problem document for its status.
fn ensure_problem_json<B>(
    response: ServiceResponse<EitherBody<B, BoxBody>>,
) -> ServiceResponse<EitherBody<B, BoxBody>>
where
    B: MessageBody + 'static,
{
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let (request, _) = response.into_parts();
    ServiceResponse::new(request, generic_problem(status, allow)).map_into_right_body()
}

/// A problem response for a bare status.
fn generic_problem(status: StatusCode, allow: Option<HeaderValue>) -> HttpResponse {
    let error = match status {
        StatusCode::NOT_FOUND => ApiError::NotFound {
            detail: "no such resource".into(),
        },
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge {
            limit: crate::api::json::BODY_LIMIT,
        },
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType {
            detail: "send the body as application/json".into(),
        },
        StatusCode::METHOD_NOT_ALLOWED => ApiError::MethodNotAllowed { allow: Vec::new() },
        s if s.is_server_error() => ApiError::Internal(anyhow::anyhow!("{s} from the framework")),
        _ => ApiError::bad_request(
            "bad_request",
            status.canonical_reason().unwrap_or("bad request"),
        ),
    };
    let mut problem = error.problem();
    problem.status = status.as_u16();
    problem.title = crate::api::error::title_for(status).to_owned();
    let mut response = HttpResponse::build(status);
    response.content_type(PROBLEM_JSON);
    if let Some(allow) = allow {
        response.insert_header((header::ALLOW, allow));
    }
    response.json(problem)
}
