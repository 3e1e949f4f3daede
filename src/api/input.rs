//! What every request's path and query string must be before routing, extractors or handlers
//! see them (checked once, in the request middleware):
//!
//! - no NUL character (U+0000), percent-encoded or not: PostgreSQL can neither store nor compare
//!   it in text, so an id or filter holding one was a 500. In the path it is a `404` (no
//!   resource has such a name); in a query value a `422` naming the parameter.
//! - every query value within its length limit (`q`: [`MAX_Q_CHARS`], the others:
//!   [`MAX_QUERY_VALUE_CHARS`]), so no search or filter ever starts on an unbounded string.
//!   (Cursors decode their own NUL away: see `pagination::cursor_text`.)

use actix_web::dev::ServiceRequest;

use crate::api::error::ApiError;
use crate::domain::FieldError;

/// The longest `q` (search words) accepted, in characters.
pub const MAX_Q_CHARS: usize = 500;
/// The longest value of any other query parameter (ids, filters, cursors), in characters.
pub const MAX_QUERY_VALUE_CHARS: usize = 1000;

/// The request's path and query string, or the problem with them.
pub fn check(req: &ServiceRequest) -> Result<(), ApiError> {
    check_path(req.path())?;
    check_query(req.query_string())
}

fn check_path(path: &str) -> Result<(), ApiError> {
    // `%00` is the only way to spell it: a raw NUL never parses as a request line.
    if path.contains("%00") || path.contains('\0') {
        return Err(ApiError::NotFound {
            detail: "no such resource: the path holds a NUL character (%00)".into(),
        });
    }
    Ok(())
}

fn check_query(query: &str) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let pointer = format!("/{name}");
        if name.contains('\0') || value.contains('\0') {
            errors.push(FieldError::new(
                pointer,
                "must not contain the NUL character (U+0000)",
            ));
            continue;
        }
        let limit = max_chars(&name);
        let length = value.chars().count();
        if length > limit {
            errors.push(FieldError::new(
                pointer,
                format!("must be at most {limit} characters (it has {length})"),
            ));
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::Validation(errors)),
    }
}

/// The length limit of a query parameter's value.
pub fn max_chars(name: &str) -> usize {
    match name {
        "q" => MAX_Q_CHARS,
        _ => MAX_QUERY_VALUE_CHARS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nul_in_the_path_is_not_found() {
        assert!(check_path("/v1/claims/abc").is_ok());
        assert!(matches!(
            check_path("/v1/claims/%00"),
            Err(ApiError::NotFound { .. })
        ));
        assert!(check_path("/v1/claims/a\0b").is_err());
    }

    #[test]
    fn query_values_are_free_of_nul_and_bounded() {
        assert!(check_query("q=police&limit=5").is_ok());
        assert!(check_query("").is_ok());
        let Err(ApiError::Validation(errors)) = check_query("limit=5&q=a%00b&%00=1") else {
            panic!("a NUL must be refused");
        };
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].pointer, "/q");
        let long_q = format!("q={}", "x".repeat(MAX_Q_CHARS + 1));
        assert!(check_query(&long_q).is_err());
        assert!(check_query(&format!("q={}", "x".repeat(MAX_Q_CHARS))).is_ok());
        let long = format!("tag={}", "é".repeat(MAX_QUERY_VALUE_CHARS + 1));
        assert!(check_query(&long).is_err());
    }
}
