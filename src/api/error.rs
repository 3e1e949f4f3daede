//! Every error leaves the service as RFC 9457 problem details (`application/problem+json`)
//! with a stable `code`. Internal causes go to the log, never to the client.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::middleware::current_request_id;
use crate::domain::FieldError;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// RFC 9457 problem details.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem: `urn:claimledger:problem:<code>`.
    #[serde(rename = "type")]
    #[schema(example = "urn:claimledger:problem:validation_failed")]
    pub problem_type: String,
    /// Short human summary of the kind of problem.
    #[schema(example = "Validation failed")]
    pub title: String,
    /// The HTTP status code.
    #[schema(example = 422)]
    pub status: u16,
    /// What went wrong with this request.
    #[schema(example = "2 fields are invalid")]
    pub detail: String,
    /// Stable machine-readable code to match on.
    #[schema(example = "validation_failed")]
    pub code: String,
    /// The request id (also in the `X-Request-Id` header); quote it when reporting a problem.
    #[schema(example = "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1")]
    pub request_id: String,
    /// For validation failures: each bad field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// For 412: the record's current revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_revision: Option<i64>,
    /// For 409 on a duplicate: the id of the record that already exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_id: Option<String>,
}

/// The one error type of the HTTP edge.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    #[error("{detail}")]
    Forbidden { detail: String },
    #[error("{detail}")]
    NotFound { detail: String },
    #[error("method not allowed")]
    MethodNotAllowed { allow: Vec<&'static str> },
    #[error("{detail}")]
    Conflict {
        code: &'static str,
        detail: String,
        existing_id: Option<String>,
    },
    #[error("stale If-Match: the record is at revision {current_revision}")]
    PreconditionFailed { current_revision: i64 },
    #[error("request body larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{detail}")]
    UnsupportedMediaType { detail: String },
    #[error("{} invalid field(s)", .0.len())]
    Validation(Vec<FieldError>),
    #[error("this change needs an If-Match header")]
    PreconditionRequired,
    #[error("too many requests")]
    TooManyRequests {
        detail: String,
        retry_after_secs: u64,
    },
    #[error("database unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Self::BadRequest {
            code,
            detail: detail.into(),
        }
    }

    pub fn unauthorized(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Unauthorized {
            code,
            detail: detail.into(),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::NotFound {
            detail: format!("{what} not found"),
        }
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
            existing_id: None,
        }
    }

    pub fn invalid(pointer: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(pointer, message)])
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest { code, .. }
            | Self::Unauthorized { code, .. }
            | Self::Conflict { code, .. } => code,
            Self::Forbidden { .. } => "forbidden",
            Self::NotFound { .. } => "not_found",
            Self::MethodNotAllowed { .. } => "method_not_allowed",
            Self::PreconditionFailed { .. } => "stale_revision",
            Self::PayloadTooLarge { .. } => "payload_too_large",
            Self::UnsupportedMediaType { .. } => "unsupported_media_type",
            Self::Validation(_) => "validation_failed",
            Self::PreconditionRequired => "if_match_required",
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::Unavailable => "database_unavailable",
            Self::Internal(_) => "internal_error",
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::Validation(errors) if errors.len() == 1 => {
                format!("{} {}", errors[0].pointer, errors[0].message)
            }
            Self::Validation(errors) => format!("{} fields are invalid", errors.len()),
            Self::MethodNotAllowed { allow } => {
                format!("this resource allows {}", allow.join(", "))
            }
            Self::PreconditionFailed { current_revision } => format!(
                "the record changed since you read it: it is now at revision {current_revision}; \
                 read it again and retry with If-Match: \"{current_revision}\""
            ),
            Self::PreconditionRequired => {
                "send If-Match with the ETag (revision) you last read, e.g. If-Match: \"3\"".into()
            }
            Self::TooManyRequests { detail, .. } => detail.clone(),
            Self::Unavailable => "the database is unavailable; retry shortly".into(),
            // Never the cause: that may hold SQL or paths. It is logged instead.
            Self::Internal(_) => "an internal error occurred; it has been logged".into(),
            other => other.to_string(),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            problem_type: format!("urn:claimledger:problem:{}", self.code()),
            title: title_for(status).to_owned(),
            status: status.as_u16(),
            detail: self.detail(),
            code: self.code().to_owned(),
            request_id: current_request_id().unwrap_or_default(),
            errors: match self {
                Self::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
            current_revision: match self {
                Self::PreconditionFailed { current_revision } => Some(*current_revision),
                _ => None,
            },
            existing_id: match self {
                Self::Conflict { existing_id, .. } => existing_id.clone(),
                _ => None,
            },
        }
    }
}

pub fn title_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        412 => "Precondition failed",
        413 => "Payload too large",
        415 => "Unsupported media type",
        422 => "Validation failed",
        428 => "Precondition required",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => status.canonical_reason().unwrap_or("Error"),
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::NotFound { .. } => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            Self::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let mut response = HttpResponse::build(self.status_code());
        if let Self::Internal(cause) = self {
            // Logged once, on the request's own line (see `middleware`).
            response.extensions_mut().insert(InternalCause::of(cause));
        }
        response.content_type(PROBLEM_JSON);
        match self {
            Self::MethodNotAllowed { allow } => {
                response.insert_header((header::ALLOW, allow.join(", ")));
            }
            Self::TooManyRequests {
                retry_after_secs, ..
            } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.max(&1).to_string()));
            }
            Self::Unauthorized { .. } => {
                response
                    .insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
            }
            Self::Unavailable => {
                response.insert_header((header::RETRY_AFTER, "1"));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

/// The cause of a 500, carried on its response to the request's one log line: the error and
/// its causes on one line, and the backtrace only when `CLAIMLEDGER_LOG_BACKTRACES=1` (and one
/// was captured: `RUST_BACKTRACE=1` or `RUST_LIB_BACKTRACE=1`).
#[derive(Debug, Clone)]
pub struct InternalCause {
    pub message: String,
    pub backtrace: Option<String>,
}

impl InternalCause {
    fn of(cause: &anyhow::Error) -> Self {
        let message = format!("{cause:#}")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let backtrace = (crate::telemetry::log_backtraces()
            && cause.backtrace().status() == std::backtrace::BacktraceStatus::Captured)
            .then(|| cause.backtrace().to_string());
        Self { message, backtrace }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        if crate::db::is_unavailable(&error) {
            tracing::warn!(error = %error, "database unavailable");
            return Self::Unavailable;
        }
        Self::Internal(anyhow::Error::new(error).context("database query failed"))
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(error: r2d2::Error) -> Self {
        tracing::warn!(error = %error, "no database connection");
        Self::Unavailable
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::Internal(anyhow::anyhow!("blocking task failed: {error}"))
    }
}

/// The result type of handlers and of everything they call.
pub type ApiResult<T> = Result<T, ApiError>;
