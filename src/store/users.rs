//! Accounts. Their history is kept like every record's, but never their password hash: the
//! hash lives on the row only, outside every snapshot.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{DbConn, WriteTx};
use crate::domain::user::Role;
use crate::schema::users;
use crate::store::engine::{self, Change, Record, Snapshot, Stored};
use crate::store::ledger::{Action, Ledger, RecordKind};
use crate::store::{Author, StoreError, StoreResult, is_unique_violation, new_id};

/// The account record kind.
pub struct User;

/// An account as each revision keeps it (format 1, unchanged since release 0.1.0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserSnapshot {
    pub username: String,
    pub display_name: Option<String>,
    pub role: Role,
    pub disabled: bool,
}

impl Snapshot for UserSnapshot {
    const FORMAT: u32 = 1;
}

/// What logging in needs of an account, its password hash included.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct Credentials {
    pub id: String,
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    pub password_hash: String,
}

crate::record_meta!(UserMeta for users, key id, created_by Option<String>);

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    #[diesel(embed)]
    meta: UserMeta,
    #[diesel(embed)]
    columns: UserColumns,
}

impl From<UserRow> for Stored<User> {
    fn from(row: UserRow) -> Self {
        let UserColumns {
            username,
            display_name,
            role,
            disabled,
        } = row.columns;
        Stored {
            meta: row.meta.into(),
            snapshot: UserSnapshot {
                username,
                display_name,
                role,
                disabled,
            },
        }
    }
}

crate::record_columns! {
    changes UserColumnChanges for users;
    #[derive(Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = users, treat_none_as_null = true)]
    struct UserColumns {
        username: String,
        display_name: Option<String>,
        role: Role,
        disabled: bool,
    }
}

fn columns(s: &UserSnapshot) -> StoreResult<UserColumns> {
    Ok(UserColumns {
        username: s.username.clone(),
        display_name: s.display_name.clone(),
        role: s.role,
        disabled: s.disabled,
    })
}

impl Record for User {
    const KIND: RecordKind = RecordKind::Users;
    const NAME: &'static str = "user";
    type Snapshot = UserSnapshot;

    crate::record_table!(table: users, key: id, row: UserRow, columns: columns);

    /// The service never loses its last enabled admin.
    fn check(
        tx: &mut WriteTx<'_>,
        _id: &str,
        before: Option<&UserSnapshot>,
        after: &UserSnapshot,
    ) -> StoreResult<()> {
        let Some(before) = before else {
            return Ok(());
        };
        let is_enabled_admin = |u: &UserSnapshot| u.role == Role::Admin && !u.disabled;
        if is_enabled_admin(before) && !is_enabled_admin(after) {
            let enabled_admins: i64 = users::table
                .filter(users::role.eq(Role::Admin))
                .filter(users::disabled.eq(false))
                .count()
                .get_result(tx.conn())?;
            if enabled_admins <= 1 {
                return Err(StoreError::Conflict {
                    code: "last_admin",
                    detail: "this is the only enabled admin; make another admin first".into(),
                    existing_id: None,
                });
            }
        }
        Ok(())
    }
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: Option<&'a str>,
    pub role: Role,
    pub password_hash: &'a str,
    pub created_by: Option<&'a str>,
}

/// The changes of a PATCH; `None` leaves a field alone, `Some(None)` clears a nullable one.
#[derive(Debug, Default)]
pub struct UserChanges {
    pub display_name: Option<Option<String>>,
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    pub password_hash: Option<String>,
}

pub fn count(conn: &mut DbConn) -> QueryResult<i64> {
    users::table.count().get_result(conn)
}

pub fn find_by_username(conn: &mut DbConn, username: &str) -> QueryResult<Option<Credentials>> {
    users::table
        .filter(users::username.eq(username))
        .select(Credentials::as_select())
        .first(conn)
        .optional()
}

/// An account's current revision; None when there is no such account.
pub fn revision(conn: &mut DbConn, id: &str) -> QueryResult<Option<i64>> {
    users::table
        .find(id)
        .select(users::revision)
        .first(conn)
        .optional()
}

/// The oldest admin's id (the demo data is written in their name).
pub fn first_admin(conn: &mut DbConn) -> QueryResult<Option<String>> {
    users::table
        .filter(users::role.eq(Role::Admin))
        .order(users::created_at.asc())
        .select(users::id)
        .first(conn)
        .optional()
}

/// Creates an account at revision 1.
pub fn create(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    new: NewUser<'_>,
) -> StoreResult<Stored<User>> {
    let taken = |tx: &mut WriteTx<'_>| -> StoreResult<StoreError> {
        Ok(StoreError::Conflict {
            code: "username_taken",
            detail: format!("the username {:?} is already taken", new.username),
            existing_id: find_by_username(tx.conn(), new.username)?.map(|u| u.id),
        })
    };
    if find_by_username(tx.conn(), new.username)?.is_some() {
        return Err(taken(tx)?);
    }
    let snapshot = UserSnapshot {
        username: new.username.to_owned(),
        display_name: new.display_name.map(str::to_owned),
        role: new.role,
        disabled: false,
    };
    let author = new.created_by.map(Author::new);
    let change = Change::now(Action::Create, author.as_ref());
    let meta = engine::first_revision::<User>(tx, ledger, new_id(), &snapshot, &change)?;
    let inserted = tx.savepoint(|tx| {
        diesel::insert_into(users::table)
            .values((
                users::id.eq(&meta.id),
                columns(&snapshot)?,
                users::password_hash.eq(new.password_hash),
                users::revision.eq(meta.revision),
                users::head_hash.eq(&meta.head_hash),
                users::created_at.eq(meta.created_at),
                users::updated_at.eq(meta.updated_at),
                users::created_by.eq(&meta.created_by),
            ))
            .execute(tx.conn())
            .map_err(StoreError::from)
    });
    match inserted {
        // Someone took the name since we looked (PostgreSQL: their transaction committed
        // while ours waited on the unique index).
        Err(StoreError::Db(e)) if is_unique_violation(&e) => Err(taken(tx)?),
        Err(e) => Err(e),
        Ok(_) => Ok(Stored { meta, snapshot }),
    }
}

/// Users in id order (which is creation order), after the cursor's id.
pub fn list(conn: &mut DbConn, after: Option<&str>, limit: i64) -> QueryResult<Vec<Stored<User>>> {
    let query = crate::page_query!(users.id, UserRow, after, limit);
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}

/// Applies `changes` if the account is still at `expected_revision`. A new password is a
/// revision too (its snapshot shows no change: the hash is never in one); a patch that
/// changes nothing else writes nothing.
pub fn update(
    tx: &mut WriteTx<'_>,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    changes: UserChanges,
    author: &Author,
) -> StoreResult<Stored<User>> {
    let current = engine::get_at::<User>(tx.conn(), id, expected_revision)?;
    let mut snapshot = current.snapshot.clone();
    if let Some(display_name) = changes.display_name {
        snapshot.display_name = display_name;
    }
    if let Some(role) = changes.role {
        snapshot.role = role;
    }
    if let Some(disabled) = changes.disabled {
        snapshot.disabled = disabled;
    }
    if changes.password_hash.is_none() && snapshot == current.snapshot {
        // Nothing changes: no revision, so the ETag stays.
        return Ok(current);
    }
    if let Some(hash) = &changes.password_hash {
        diesel::update(users::table.find(id))
            .set(users::password_hash.eq(hash))
            .execute(tx.conn())?;
    }
    engine::change(
        tx,
        ledger,
        &current,
        snapshot,
        Change::now(Action::Update, Some(author)),
    )
}
