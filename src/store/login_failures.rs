//! The failed-login log that throttles password guessing. It lives in the database so that
//! every instance counts the same failures.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::{DbConn, WriteTx};
use crate::schema::login_failures;
use crate::store::{new_id, now};

/// Failures counted, and the oldest of them in the window, per username and per address.
pub struct RecentFailures {
    pub by_username: i64,
    pub oldest_by_username: Option<NaiveDateTime>,
    pub by_client: i64,
    pub oldest_by_client: Option<NaiveDateTime>,
}

pub fn recent(
    conn: &mut DbConn,
    username: &str,
    client_ip: &str,
    window: Duration,
) -> QueryResult<RecentFailures> {
    let since = now() - window;
    let by_username = login_failures::table
        .filter(login_failures::username.eq(username))
        .into_boxed();
    let (by_username, oldest_by_username) = count_since(conn, by_username, since)?;
    let by_client = login_failures::table
        .filter(login_failures::client_ip.eq(client_ip))
        .into_boxed();
    let (by_client, oldest_by_client) = count_since(conn, by_client, since)?;
    Ok(RecentFailures {
        by_username,
        oldest_by_username,
        by_client,
        oldest_by_client,
    })
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

pub fn record(tx: &mut WriteTx<'_>, username: &str, client_ip: &str) -> QueryResult<()> {
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(new_id()),
            login_failures::username.eq(username),
            login_failures::client_ip.eq(client_ip),
            login_failures::created_at.eq(now()),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// A successful login forgets that username's failures, and old rows are pruned.
pub fn clear(tx: &mut WriteTx<'_>, username: &str, older_than: Duration) -> QueryResult<()> {
    diesel::delete(login_failures::table.filter(login_failures::username.eq(username)))
        .execute(tx.conn())?;
    diesel::delete(login_failures::table.filter(login_failures::created_at.lt(now() - older_than)))
        .execute(tx.conn())?;
    Ok(())
}
