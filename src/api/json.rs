//! Request bodies: the `ApiJson<T>` extractor accepts `application/json` (and `+json` types such
//! as `application/merge-patch+json`), caps the body at 1 MiB, and tells malformed JSON (400)
//! apart from JSON of the wrong shape (422, naming the field by JSON pointer).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::api::error::ApiError;
use crate::domain::FieldError;

/// The largest request body accepted.
pub const BODY_LIMIT: usize = 1024 * 1024;

#[derive(Debug)]
pub struct ApiJson<T>(pub T, pub BodyDigest);

/// The SHA-256 of a body's canonical JSON (RFC 8785): equal for equal JSON, whatever its
/// white space or key order. Idempotency keys compare it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyDigest(pub String);

impl BodyDigest {
    fn of(body: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        let canonical = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .and_then(|v| serde_json_canonicalizer::to_vec(&v).ok())
            .unwrap_or_else(|| body.to_vec());
        Self(hex::encode(Sha256::digest(&canonical)))
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = is_json_content_type(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::UnsupportedMediaType {
                    detail: "send the body as application/json".into(),
                });
            }
            if declared_length.is_some_and(|len| len > BODY_LIMIT) {
                return Err(ApiError::PayloadTooLarge { limit: BODY_LIMIT });
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::bad_request("bad_body", format!("cannot read the body: {e}"))
                })?;
                if body.len() + chunk.len() > BODY_LIMIT {
                    return Err(ApiError::PayloadTooLarge { limit: BODY_LIMIT });
                }
                body.extend_from_slice(&chunk);
            }
            let value = parse_json(&body)?;
            Ok(ApiJson(value, BodyDigest::of(&body)))
        })
    }
}

fn is_json_content_type(req: &HttpRequest) -> bool {
    let Some(value) = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Parses a body, classifying serde's error: syntax → 400, shape → 422 with a pointer.
pub fn parse_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    parse_json_checked(body, true)
}

/// [`parse_json`] without the limit on every string's length, for a body whose one long string
/// its handler bounds itself (a capture's content).
pub fn parse_json_unbounded<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    parse_json_checked(body, false)
}

fn parse_json_checked<T: DeserializeOwned>(body: &[u8], bounded: bool) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "malformed_json",
            "the request body is empty; send a JSON object",
        ));
    }
    // Syntax before shape: a body that is not JSON at all is a 400, even when a field before
    // the broken part already has the wrong type (which alone would be a 422).
    if let Err(error) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        return Err(ApiError::bad_request(
            "malformed_json",
            format!(
                "the body is not valid JSON: {}",
                strip_position(&error.to_string())
            ),
        ));
    }
    // PostgreSQL cannot store U+0000 in text; refuse it on both backends alike. And no string
    // is longer than the longest field, whatever it is for (ids, keys, units...).
    if let Some((pointer, message)) = bounded
        .then(|| serde_json::from_slice::<serde_json::Value>(body).ok())
        .flatten()
        .and_then(|value| bad_string_at(&value, String::new()))
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            pointer, message,
        )]));
    }
    let normalized = integral_floats_as_integers(body);
    let body = normalized.as_deref().unwrap_or(body);
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize::<_, T>(&mut deserializer).map_err(|error| {
        let pointer = to_json_pointer(error.path());
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let (pointer, message) = describe_data_error(pointer, &inner);
                ApiError::Validation(vec![FieldError::new(pointer, message)])
            }
            _ => ApiError::bad_request(
                "malformed_json",
                format!(
                    "the body is not valid JSON: {}",
                    strip_position(&inner.to_string())
                ),
            ),
        }
    })?;
    deserializer.end().map_err(|_| {
        ApiError::bad_request(
            "malformed_json",
            "the body has trailing characters after the JSON value",
        )
    })?;
    Ok(value)
}

/// The longest string a body may hold anywhere, in characters: the longest field's limit (a
/// claim's statement, an entity's description). Each field has its own, often lower, limit.
pub const MAX_BODY_STRING_CHARS: usize = 4000;

/// The JSON pointer of the first string (or object key) holding U+0000 or longer than
/// [`MAX_BODY_STRING_CHARS`], and what is wrong with it.
fn bad_string_at(value: &serde_json::Value, at: String) -> Option<(String, String)> {
    let problem = |text: &str| -> Option<String> {
        if text.contains('\0') {
            return Some("must not contain the NUL character (U+0000)".into());
        }
        // Fields are trimmed before their own limits apply; so is this one.
        let length = text.trim().chars().count();
        (length > MAX_BODY_STRING_CHARS).then(|| {
            format!("must be at most {MAX_BODY_STRING_CHARS} characters (it has {length})")
        })
    };
    match value {
        serde_json::Value::String(text) => problem(text).map(|message| (at, message)),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| bad_string_at(v, format!("{at}/{i}"))),
        serde_json::Value::Object(map) => map.iter().find_map(|(key, v)| {
            let at = format!("{at}/{}", escape_pointer(key));
            match problem(key) {
                Some(message) => Some((at, message)),
                None => bad_string_at(v, at),
            }
        }),
        _ => None,
    }
}

/// JSON (and JSON Schema) has one number type: `20.0` is the integer 20, but serde refuses it
/// for an integer field. Returns the body with every float that has no fractional part (and
/// fits an i64) written as an integer, or None when there is none.
fn integral_floats_as_integers(body: &[u8]) -> Option<Vec<u8>> {
    fn visit(value: &mut serde_json::Value) -> bool {
        match value {
            serde_json::Value::Number(n) if n.is_f64() => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                // 2^63 is exactly representable; every integral f64 below it fits an i64.
                if f.fract() == 0.0
                    && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f)
                {
                    *value = serde_json::Value::from(f as i64);
                    true
                } else {
                    false
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, v| visit(v) | c),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |c, v| visit(v) | c),
            _ => false,
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    if visit(&mut value) {
        serde_json::to_vec(&value).ok()
    } else {
        None
    }
}

/// Parses a JSON value already in hand (a merged patch, a snapshot) into `T`, naming a bad
/// field by JSON pointer.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|error| {
        let pointer = to_json_pointer(error.path());
        let (pointer, message) = describe_data_error(pointer, error.inner());
        ApiError::Validation(vec![FieldError::new(pointer, message)])
    })
}

fn to_json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push_str(&escape_pointer(key))
            }
            Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

fn escape_pointer(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The message of a field that the document does not have.
pub const UNKNOWN_FIELD: &str = "is not a known field";

/// serde says "unknown field `x`" and "missing field `y`" about the enclosing object; point
/// at the field itself instead.
fn describe_data_error(pointer: String, error: &serde_json::Error) -> (String, String) {
    let message = strip_position(&error.to_string());
    for (prefix, explanation) in [
        ("unknown field `", UNKNOWN_FIELD),
        ("missing field `", "is required"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some(name) = rest.split('`').next()
        {
            // serde_path_to_error already ends the path with an unknown field's name.
            let field = format!("/{}", escape_pointer(name));
            let pointer = if pointer.ends_with(&field) {
                pointer
            } else {
                format!("{pointer}{field}")
            };
            return (pointer, explanation.to_owned());
        }
    }
    let pointer = if pointer.is_empty() {
        "/".to_owned()
    } else {
        pointer
    };
    (pointer, message)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// For JSON Merge Patch fields: absent → `None` (leave alone), `null` → `Some(None)` (clear),
/// a value → `Some(Some(v))`. Use with `#[serde(default, deserialize_with = "double_option")]`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        n: u32,
    }

    fn pointer_of(body: &str) -> String {
        match parse_json::<Body>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => errors[0].pointer.clone(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn nul_characters_are_refused() {
        assert_eq!(pointer_of(r#"{"name": "a\u0000b", "items": []}"#), "/name");
    }

    #[test]
    fn integral_floats_are_integers() {
        let body: Body = parse_json(br#"{"name": "x", "items": [{"n": 20.0}, {"n": 3}]}"#).unwrap();
        assert_eq!(body.items[0].n, 20);
        assert_eq!(
            pointer_of(r#"{"name": "x", "items": [{"n": 2.5}]}"#),
            "/items/0/n"
        );
    }

    #[test]
    fn shape_errors_name_the_field() {
        assert_eq!(
            pointer_of(r#"{"name":"a","items":[{"n":1},{"n":"x"}]}"#),
            "/items/1/n"
        );
        assert_eq!(pointer_of(r#"{"name":"a","items":[],"extra":1}"#), "/extra");
        assert_eq!(pointer_of(r#"{"items":[]}"#), "/name");
        assert_eq!(
            pointer_of(r#"{"name":"a","items":[{"n":1,"m":2}]}"#),
            "/items/0/m"
        );
    }

    #[test]
    fn syntax_errors_are_bad_requests() {
        assert!(matches!(
            parse_json::<Body>(b"{\"name\": "),
            Err(ApiError::BadRequest {
                code: "malformed_json",
                ..
            })
        ));
        assert!(matches!(
            parse_json::<Body>(b""),
            Err(ApiError::BadRequest { .. })
        ));
        // Broken JSON is a 400 even where its shape is also wrong.
        for body in [
            &b"{} trailing"[..],
            b"{\"name\": 1, ",
            b"{\"items\": [{\"n\": \"x\"}",
        ] {
            assert!(
                matches!(
                    parse_json::<Body>(body),
                    Err(ApiError::BadRequest {
                        code: "malformed_json",
                        ..
                    })
                ),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }
}
