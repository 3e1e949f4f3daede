//! Cursor pagination: `?limit=` (default 50, at most 500) and an opaque `?cursor=`.
//! A cursor encodes the sort key of the last item served, so pages stay stable while rows
//! are inserted: no duplicates, no gaps.

use actix_web::web;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::error::{ApiError, ApiResult};
use crate::db::DbConn;
use crate::store::engine::{Record, Stored};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

/// Declares a list endpoint's query parameters: the struct with its own fields (filters), then
/// `limit` and `cursor`, documented and bounded alike on every list. (serde's `flatten` of a
/// shared struct cannot be combined with `deny_unknown_fields`, which every query keeps.)
#[macro_export]
macro_rules! list_query {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
        #[serde(deny_unknown_fields)]
        #[into_params(parameter_in = Query)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// How many items to return (1–500, default 50).
            #[param(minimum = 1, maximum = 500, example = 50)]
            pub limit: Option<i64>,
            /// The `next_cursor` of the previous page (with the same filters).
            #[param(max_length = 1000)]
            pub cursor: Option<String>,
        }
    };
}

crate::list_query! {
    pub struct PageQuery {}
}

impl PageQuery {
    pub fn limit(&self) -> Result<i64, ApiError> {
        parse_limit(self.limit)
    }

    /// The key after which this page starts.
    pub fn after(&self) -> Result<Option<String>, ApiError> {
        self.cursor.as_deref().map(decode_cursor).transpose()
    }
}

pub fn parse_limit(limit: Option<i64>) -> Result<i64, ApiError> {
    match limit {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::invalid(
            "/limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        )),
    }
}

pub fn encode_cursor(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(key.as_bytes())
}

/// The text a cursor encodes: base64url of UTF-8 without a NUL character (no key we issue has
/// one, and PostgreSQL cannot compare text holding one). None for anything else.
pub fn cursor_text(cursor: &str) -> Option<String> {
    URL_SAFE_NO_PAD
        .decode(cursor.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|text| !text.contains('\0'))
}

pub fn decode_cursor(cursor: &str) -> Result<String, ApiError> {
    cursor_text(cursor)
        // No sort key is empty, so no issued cursor is: `cursor=` is a client's mistake.
        .filter(|key| !key.is_empty())
        .ok_or_else(|| ApiError::invalid("/cursor", "is not a cursor this service issued"))
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` rows: the extra row only tells that more exist.
    pub fn from_rows<R>(
        mut rows: Vec<R>,
        limit: i64,
        key: impl Fn(&R) -> String,
        map: impl Fn(R) -> T,
    ) -> Self {
        let more = rows.len() as i64 > limit;
        rows.truncate(limit as usize);
        let next_cursor = if more {
            rows.last().map(|row| encode_cursor(&key(row)))
        } else {
            None
        };
        Self {
            items: rows.into_iter().map(map).collect(),
            next_cursor,
        }
    }
}

/// Serves one page of a list ordered by a unique key: `load` reads up to `limit + 1` rows
/// after the cursor's key (the extra row only tells that more exist); `key` is a row's sort
/// key, `shape` its response.
pub async fn serve<R, T, E>(
    state: &AppState,
    limit: Option<i64>,
    cursor: Option<&str>,
    load: impl FnOnce(&mut DbConn, Option<&str>, i64) -> Result<Vec<R>, E> + Send + 'static,
    key: impl Fn(&R) -> String,
    shape: impl Fn(R) -> T,
) -> ApiResult<web::Json<Page<T>>>
where
    R: Send + 'static,
    E: Into<ApiError> + Send + 'static,
{
    let limit = parse_limit(limit)?;
    let after = cursor.map(decode_cursor).transpose()?;
    let rows = state
        .read(move |conn| load(conn, after.as_deref(), limit + 1))
        .await?;
    Ok(web::Json(Page::from_rows(rows, limit, key, shape)))
}

/// Serves one page of records in id (creation) order, as [`serve`] does: `load` reads up to
/// `limit + 1` records after the cursor's id, `shape` makes each one's response.
pub async fn serve_records<R, T, E>(
    state: &AppState,
    limit: Option<i64>,
    cursor: Option<&str>,
    load: impl FnOnce(&mut DbConn, Option<&str>, i64) -> Result<Vec<Stored<R>>, E> + Send + 'static,
    shape: impl Fn(Stored<R>) -> T,
) -> ApiResult<web::Json<Page<T>>>
where
    R: Record,
    Stored<R>: Send + 'static,
    E: Into<ApiError> + Send + 'static,
{
    let id = |stored: &Stored<R>| stored.meta.id.clone();
    serve(state, limit, cursor, load, id, shape).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let key = "0192f0c4-7d1e-7cc2-9a43-55f2d1e0b7a1";
        assert_eq!(decode_cursor(&encode_cursor(key)).unwrap(), key);
        assert!(decode_cursor("!!!").is_err());
        assert!(decode_cursor("").is_err());
        // "AA" is one NUL byte.
        assert!(decode_cursor("AA").is_err());
        assert!(decode_cursor(&encode_cursor("a\0b")).is_err());
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(parse_limit(None).unwrap(), 50);
        assert_eq!(parse_limit(Some(500)).unwrap(), 500);
        assert!(parse_limit(Some(501)).is_err());
        assert!(parse_limit(Some(0)).is_err());
    }

    #[test]
    fn a_page_has_a_cursor_only_when_more_rows_exist() {
        let page = Page::from_rows(vec![1, 2, 3], 2, |n| n.to_string(), |n| n);
        assert_eq!(page.items, vec![1, 2]);
        assert_eq!(
            page.next_cursor
                .as_deref()
                .map(decode_cursor)
                .unwrap()
                .unwrap(),
            "2"
        );
        let last = Page::from_rows(vec![1, 2], 2, |n| n.to_string(), |n| n);
        assert!(last.next_cursor.is_none());
    }
}
