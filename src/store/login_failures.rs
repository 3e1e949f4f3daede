//! The failed-login log that throttles password guessing. It lives in the database so that
//! every instance counts the same failures.
//!
//! An attempt is *reserved* — written as a failure — before its password is verified, in one
//! transaction that first serialises with every other attempt for the same username and the
//! same address: so however many attempts arrive at once, at most the limit of them are let
//! through to the password check. A successful login then deletes its reservation.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConn, WriteTx};
use crate::schema::login_failures;
use crate::store::{new_id, now};

/// How many failures, within how long, each key may have.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub per_username: i64,
    pub per_client: i64,
    pub window: Duration,
}

/// An attempt let through: its failure row, to delete when the password turns out right.
#[derive(Debug, Clone)]
pub struct Reservation {
    pub id: String,
}

/// An attempt refused: the key is at its limit until `retry_at`.
#[derive(Debug, Clone, Copy)]
pub struct Throttled {
    pub retry_at: NaiveDateTime,
}

/// Reserves one attempt for `username` (None: an attempt that names no usable username, counted
/// against the address only) from `client_ip`, or refuses it when either is at its limit.
pub fn reserve(
    tx: &mut WriteTx<'_>,
    username: Option<&str>,
    client_ip: &str,
    limits: Limits,
) -> QueryResult<Result<Reservation, Throttled>> {
    // Always the username first, then the address: one order, so no two attempts deadlock.
    if let Some(username) = username {
        tx.lock(&format!("login-failures:username:{username}"))?;
    }
    tx.lock(&format!("login-failures:client:{client_ip}"))?;
    let since = now() - limits.window;
    if let Some(username) = username {
        let by_username = login_failures::table
            .filter(login_failures::username.eq(username))
            .into_boxed();
        let (count, oldest) = count_since(tx.conn(), by_username, since)?;
        if count >= limits.per_username {
            return Ok(Err(throttled(oldest, limits.window)));
        }
    }
    let by_client = login_failures::table
        .filter(login_failures::client_ip.eq(client_ip))
        .into_boxed();
    let (count, oldest) = count_since(tx.conn(), by_client, since)?;
    if count >= limits.per_client {
        return Ok(Err(throttled(oldest, limits.window)));
    }
    let id = new_id();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(&id),
            // An attempt without a usable username counts against the address only.
            login_failures::username.eq(username.unwrap_or("")),
            login_failures::client_ip.eq(client_ip),
            login_failures::created_at.eq(now()),
        ))
        .execute(tx.conn())?;
    Ok(Ok(Reservation { id }))
}

fn throttled(oldest: Option<NaiveDateTime>, window: Duration) -> Throttled {
    Throttled {
        retry_at: oldest.unwrap_or_else(now) + window,
    }
}

/// How many of `failures` are newer than `since`, and when the oldest of those was.
fn count_since(
    conn: &mut DbConn,
    failures: login_failures::BoxedQuery<'_, <DbConn as Connection>::Backend>,
    since: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    failures
        .filter(login_failures::created_at.gt(since))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(login_failures::created_at),
        ))
        .first(conn)
}

/// A successful login: its reservation was no failure, the username's failures are forgotten,
/// and old rows are pruned.
pub fn succeeded(
    tx: &mut WriteTx<'_>,
    reservation: &Reservation,
    username: &str,
    older_than: Duration,
) -> QueryResult<()> {
    diesel::delete(login_failures::table.find(&reservation.id)).execute(tx.conn())?;
    diesel::delete(login_failures::table.filter(login_failures::username.eq(username)))
        .execute(tx.conn())?;
    diesel::delete(login_failures::table.filter(login_failures::created_at.lt(now() - older_than)))
        .execute(tx.conn())?;
    Ok(())
}
