//! Sessions: logins (with their chain of rotating refresh tokens) and named tool tokens.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::auth::cache::SessionState;
use crate::db::{DbConn, WriteTx};
use crate::domain::user::Role;
use crate::schema::{refresh_tokens, sessions, users};
use crate::store::{StoreError, StoreResult, new_id, now};

crate::stored_enum! {
    /// A login (with its chain of refresh tokens) or a named tool token.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum SessionKind {
        Login,
        Api,
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub kind: SessionKind,
    pub name: Option<String>,
    pub role: Role,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    pub last_used_at: Option<NaiveDateTime>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
}

/// Where a login or refresh came from, kept on its session for its user and admins to see.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: String,
    pub user_agent: Option<String>,
}

/// How long a login session lives: `refresh_ttl` after its last refresh, and never more than
/// `max_age` after it began.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub refresh_ttl: Duration,
    pub max_age: Duration,
}

impl Lifetimes {
    fn expiry(&self, began: NaiveDateTime, at: NaiveDateTime) -> NaiveDateTime {
        (at + self.refresh_ttl).min(began + self.max_age)
    }
}

#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSessionRow<'a> {
    id: &'a str,
    user_id: &'a str,
    kind: SessionKind,
    name: Option<&'a str>,
    role: Role,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    last_used_at: Option<NaiveDateTime>,
    client_ip: Option<&'a str>,
    user_agent: Option<&'a str>,
}

#[derive(Insertable)]
#[diesel(table_name = refresh_tokens)]
struct NewRefreshToken<'a> {
    token_hash: &'a str,
    session_id: &'a str,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

/// Starts a login session and stores its first refresh token (by digest).
pub fn start_login(
    tx: &mut WriteTx<'_>,
    user_id: &str,
    role: Role,
    refresh_digest: &str,
    lifetimes: Lifetimes,
    client: &ClientInfo,
) -> QueryResult<SessionRow> {
    let id = new_id();
    let at = now();
    let expires_at = lifetimes.expiry(at, at);
    diesel::insert_into(sessions::table)
        .values(NewSessionRow {
            id: &id,
            user_id,
            kind: SessionKind::Login,
            name: None,
            role,
            created_at: at,
            expires_at,
            last_used_at: Some(at),
            client_ip: Some(&client.ip),
            user_agent: client.user_agent.as_deref(),
        })
        .execute(tx.conn())?;
    diesel::insert_into(refresh_tokens::table)
        .values(NewRefreshToken {
            token_hash: refresh_digest,
            session_id: &id,
            created_at: at,
            expires_at,
        })
        .execute(tx.conn())?;
    find(tx.conn(), &id)
}

/// The outcome of presenting a refresh token.
pub enum Rotation {
    /// The token was live; it is now spent and `new_digest` is the session's live token.
    Rotated { session: SessionRow },
    /// Unknown, expired, or its session revoked.
    Invalid,
    /// The token had already been spent: someone replayed it. The whole session is revoked.
    Reused,
}

/// Spends a refresh token and stores its successor, in one transaction. A token spent twice —
/// even by two requests racing each other — revokes its whole chain.
pub fn rotate_refresh(
    tx: &mut WriteTx<'_>,
    presented_digest: &str,
    new_digest: &str,
    lifetimes: Lifetimes,
    client: &ClientInfo,
) -> QueryResult<Rotation> {
    let at = now();
    let found: Option<(Option<NaiveDateTime>, NaiveDateTime, SessionRow)> = refresh_tokens::table
        .inner_join(sessions::table)
        .filter(refresh_tokens::token_hash.eq(presented_digest))
        .select((
            refresh_tokens::used_at,
            refresh_tokens::expires_at,
            SessionRow::as_select(),
        ))
        .first(tx.conn())
        .optional()?;
    let Some((used_at, expires_at, session)) = found else {
        return Ok(Rotation::Invalid);
    };
    let too_old = session.created_at + lifetimes.max_age <= at;
    if session.revoked_at.is_some() || expires_at <= at || session.expires_at <= at || too_old {
        return Ok(Rotation::Invalid);
    }
    // Spend the token only if nobody else has: the condition is what decides a race.
    let spent = match used_at {
        Some(_) => 0,
        None => diesel::update(
            refresh_tokens::table
                .filter(refresh_tokens::token_hash.eq(presented_digest))
                .filter(refresh_tokens::used_at.is_null()),
        )
        .set(refresh_tokens::used_at.eq(at))
        .execute(tx.conn())?,
    };
    if spent == 0 {
        revoke(tx, &session.id, "refresh token reused")?;
        return Ok(Rotation::Reused);
    }
    // Each refresh slides the expiry, but never past the session's absolute lifetime.
    let expires_at = lifetimes.expiry(session.created_at, at);
    diesel::insert_into(refresh_tokens::table)
        .values(NewRefreshToken {
            token_hash: new_digest,
            session_id: &session.id,
            created_at: at,
            expires_at,
        })
        .execute(tx.conn())?;
    diesel::update(sessions::table.find(&session.id))
        .set((
            sessions::expires_at.eq(expires_at),
            sessions::last_used_at.eq(at),
            sessions::client_ip.eq(&client.ip),
            sessions::user_agent.eq(client.user_agent.as_deref()),
        ))
        .execute(tx.conn())?;
    Ok(Rotation::Rotated { session })
}

/// Revokes the session a refresh token belongs to. Returns its id, or None for an unknown token.
pub fn revoke_by_refresh(
    tx: &mut WriteTx<'_>,
    presented_digest: &str,
) -> QueryResult<Option<String>> {
    let session_id: Option<String> = refresh_tokens::table
        .filter(refresh_tokens::token_hash.eq(presented_digest))
        .select(refresh_tokens::session_id)
        .first(tx.conn())
        .optional()?;
    if let Some(id) = &session_id {
        revoke(tx, id, "revoked by its holder")?;
    }
    Ok(session_id)
}

/// Marks a session revoked (idempotent: the first reason stays).
pub fn revoke(tx: &mut WriteTx<'_>, session_id: &str, reason: &str) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .find(session_id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(now()),
        sessions::revoked_reason.eq(reason),
    ))
    .execute(tx.conn())
}

/// What every authenticated request needs to know about its session, in one query.
pub fn state(conn: &mut DbConn, session_id: &str) -> QueryResult<Option<SessionState>> {
    let row: Option<(SessionRow, String, Role, bool)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(session_id))
        .select((
            SessionRow::as_select(),
            users::username,
            users::role,
            users::disabled,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(session, username, user_role, user_disabled)| SessionState {
            user_id: session.user_id,
            username,
            user_role,
            user_disabled,
            revoked: session.revoked_at.is_some(),
            expires_at: session.expires_at,
            last_used_at: session.last_used_at,
        },
    ))
}

/// Creates a named tool token's session.
pub fn create_api_token(
    tx: &mut WriteTx<'_>,
    user_id: &str,
    name: &str,
    role: Role,
    expires_at: NaiveDateTime,
) -> QueryResult<SessionRow> {
    let id = new_id();
    diesel::insert_into(sessions::table)
        .values(NewSessionRow {
            id: &id,
            user_id,
            kind: SessionKind::Api,
            name: Some(name),
            role,
            created_at: now(),
            expires_at,
            last_used_at: None,
            client_ip: None,
            user_agent: None,
        })
        .execute(tx.conn())?;
    find(tx.conn(), &id)
}

fn find(conn: &mut DbConn, id: &str) -> QueryResult<SessionRow> {
    sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
}

/// Tool tokens in id order after the cursor; only `user_id`'s when given.
pub fn list_api_tokens(
    conn: &mut DbConn,
    user_id: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<SessionRow>> {
    let mut query = crate::page_query!(sessions.id, SessionRow, after, limit)
        .filter(sessions::kind.eq(SessionKind::Api));
    if let Some(user_id) = user_id {
        query = query.filter(sessions::user_id.eq(user_id.to_owned()));
    }
    query.load(conn)
}

pub fn find_api_token(conn: &mut DbConn, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .filter(sessions::kind.eq(SessionKind::Api))
        .filter(sessions::id.eq(id))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

/// Revokes a tool token, returning it as it now stands.
pub fn revoke_api_token(tx: &mut WriteTx<'_>, id: &str, reason: &str) -> StoreResult<SessionRow> {
    revoke(tx, id, reason)?;
    find_api_token(tx.conn(), id)?.ok_or(StoreError::NotFound("token"))
}

/// Revokes every live session of a user — logins and tool tokens — but `keep`. Returns the ids
/// revoked (for the caller to forget in its cache).
pub fn revoke_all_of_user(
    tx: &mut WriteTx<'_>,
    user_id: &str,
    only_kind: Option<SessionKind>,
    keep: Option<&str>,
    reason: &str,
) -> QueryResult<Vec<String>> {
    let mut live = sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .select(sessions::id)
        .into_boxed();
    if let Some(kind) = only_kind {
        live = live.filter(sessions::kind.eq(kind));
    }
    if let Some(keep) = keep {
        live = live.filter(sessions::id.ne(keep.to_owned()));
    }
    let ids: Vec<String> = live.load(tx.conn())?;
    diesel::update(sessions::table.filter(sessions::id.eq_any(&ids)))
        .set((
            sessions::revoked_at.eq(now()),
            sessions::revoked_reason.eq(reason),
        ))
        .execute(tx.conn())?;
    Ok(ids)
}

/// A user's live login sessions (not revoked, not expired) in id order after the cursor.
pub fn list_logins(
    conn: &mut DbConn,
    user_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<SessionRow>> {
    crate::page_query!(sessions.id, SessionRow, after, limit)
        .filter(sessions::kind.eq(SessionKind::Login))
        .filter(sessions::user_id.eq(user_id.to_owned()))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now()))
        .load(conn)
}

/// Revokes one of a user's login sessions. False when the user has no such session.
pub fn revoke_login(
    tx: &mut WriteTx<'_>,
    user_id: &str,
    session_id: &str,
    reason: &str,
) -> QueryResult<bool> {
    let found = sessions::table
        .filter(sessions::id.eq(session_id))
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::kind.eq(SessionKind::Login))
        .select(sessions::id)
        .first::<String>(tx.conn())
        .optional()?;
    if found.is_none() {
        return Ok(false);
    }
    revoke(tx, session_id, reason)?;
    Ok(true)
}

/// Notes that a session was used just now (at most about once a minute per session: the
/// caller decides when).
pub fn touch(tx: &mut WriteTx<'_>, session_id: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(session_id))
        .set(sessions::last_used_at.eq(now()))
        .execute(tx.conn())?;
    Ok(())
}
