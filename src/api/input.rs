//! What every request's path and query string must be before routing, extractors or handlers
//! see them (checked once, in the request middleware):
//!
//! - no NUL character (U+0000), percent-encoded or not: PostgreSQL can neither store nor compare
//!   it in text, so an id or filter holding one was a 500. In the path it is a `404` (no
//!   resource has such a name); in a query value a `422` naming the parameter.
//! - every query value within [`MAX_QUERY_VALUE_CHARS`], so no search or filter ever starts on
//!   an unbounded string (a 50,000-character `q` was over SQLite's LIKE pattern limit).
//!   (Cursors decode their own NUL away: see `pagination::cursor_text`.)

use actix_web::dev::ServiceRequest;

use crate::api::error::ApiError;
use crate::domain::FieldError;

/// The longest value of any query parameter (`q`, ids, filters, cursors), in characters. `q`
/// on sources and entities becomes a LIKE pattern of its case-folded NFKC form, at most 33
/// bytes a character (U+FDFA), so 1,000 characters stay well under SQLite's 50,000-byte limit.
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
        let length = value.chars().count();
        if length > MAX_QUERY_VALUE_CHARS {
            errors.push(FieldError::new(
                pointer,
                format!("must be at most {MAX_QUERY_VALUE_CHARS} characters (it has {length})"),
            ));
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::Validation(errors)),
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
        let long_q = format!("q={}", "x".repeat(MAX_QUERY_VALUE_CHARS + 1));
        assert!(check_query(&long_q).is_err());
        assert!(check_query(&format!("q={}", "x".repeat(MAX_QUERY_VALUE_CHARS))).is_ok());
        let long = format!("tag={}", "é".repeat(MAX_QUERY_VALUE_CHARS + 1));
        assert!(check_query(&long).is_err());
    }

    #[test]
    fn the_longest_q_is_a_like_pattern_sqlite_accepts() {
        // U+FDFA has the longest NFKC expansion (18 characters, 33 bytes).
        let q = "\u{FDFA}".repeat(MAX_QUERY_VALUE_CHARS);
        let pattern = crate::store::like_contains(&crate::domain::text::fold_key(&q));
        assert!(pattern.len() < 50_000, "{} bytes", pattern.len());
    }
}
