//! The rules of the records: newtypes whose constructors check their input ("parse, don't
//! validate"), and the checks that gather every bad field of a request at once.

pub mod capture_text;
pub mod claim;
pub mod claimreview;
pub mod contradiction;
pub mod entity;
pub mod estimate;
pub mod external_review;
pub mod property;
pub mod quote;
pub mod relation;
pub mod source;
pub mod text;
pub mod time;
pub mod user;
pub mod webhook;

use serde::Serialize;
use utoipa::ToSchema;

/// One bad field of a request, named by its JSON pointer (RFC 6901).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// JSON pointer to the offending field, e.g. `/citations/0/source_id`.
    #[schema(example = "/username")]
    pub pointer: String,
    /// What is wrong with it.
    #[schema(example = "must be 3 to 64 characters")]
    pub message: String,
}

impl FieldError {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Collects field errors while a request is parsed, so the client hears about all of them.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when `result` is Ok; records the error under `pointer` otherwise.
    pub fn check<T>(&mut self, pointer: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.errors.push(FieldError::new(pointer, message));
                None
            }
        }
    }

    /// An optional text field: absent or blank is `None`; otherwise `parse` decides, and an
    /// error is recorded under `pointer` (the field then reads as `None`).
    pub fn optional(
        &mut self,
        pointer: &str,
        raw: Option<&str>,
        parse: impl FnOnce(&str) -> Result<String, String>,
    ) -> Option<String> {
        let raw = raw.filter(|r| !r.trim().is_empty())?;
        self.check(pointer, parse(raw))
    }

    /// An optional free-text field (see [`text::optional_text`]): trimmed, blank is `None`;
    /// over `max_chars` as sent is recorded under `pointer`.
    pub fn optional_text(
        &mut self,
        pointer: &str,
        raw: Option<&str>,
        max_chars: usize,
    ) -> Option<String> {
        self.check(pointer, text::optional_text(raw, max_chars))
            .flatten()
    }

    pub fn push(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(pointer, message));
    }

    /// Ok when nothing was recorded.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

/// An absolute http(s) URL.
pub fn parse_http_url(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let url = url::Url::parse(raw).map_err(|e| format!("is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err("must be an http or https URL".into());
    }
    if raw.len() > 2000 {
        return Err("must be at most 2000 characters".into());
    }
    Ok(raw.to_owned())
}
