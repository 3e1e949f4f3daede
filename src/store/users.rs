//! Users.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::{DbConn, write_transaction};
use crate::domain::user::Role;
use crate::schema::users;
use crate::store::history::{Author, Versioned, finish_change, finish_create};
use crate::store::revisions::{Action, Ledger, RecordKind};
use crate::store::{StoreError, StoreResult, is_unique_violation, new_id, now};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: Option<String>,
    pub role: String,
    pub disabled: bool,
    pub password_hash: String,
    pub revision: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub created_by: Option<String>,
    pub head_hash: String,
}

impl Versioned for UserRow {
    const KIND: RecordKind = RecordKind::Users;
    const NAME: &'static str = "user";

    fn load(conn: &mut DbConn, id: &str) -> QueryResult<Option<Self>> {
        find(conn, id)
    }

    fn store_head(conn: &mut DbConn, id: &str, head_hash: &str) -> QueryResult<usize> {
        diesel::update(users::table.find(id))
            .set(users::head_hash.eq(head_hash))
            .execute(conn)
    }

    fn revision(&self) -> i64 {
        self.revision
    }

    fn head_hash(&self) -> &str {
        &self.head_hash
    }

    fn set_head_hash(&mut self, head_hash: String) {
        self.head_hash = head_hash;
    }

    /// Never the password hash: history is readable by admins, hashes by nobody.
    fn snapshot(&self) -> serde_json::Value {
        serde_json::json!({
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "disabled": self.disabled,
        })
    }
}

impl UserRow {
    pub fn role(&self) -> Role {
        // The column has a CHECK constraint; anything else is a corrupted row.
        self.role.parse().unwrap_or(Role::Viewer)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
struct NewUserRow<'a> {
    id: &'a str,
    username: &'a str,
    display_name: Option<&'a str>,
    role: &'a str,
    disabled: bool,
    password_hash: &'a str,
    revision: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    created_by: Option<&'a str>,
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

pub fn find_by_username(conn: &mut DbConn, username: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::username.eq(username))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn create(conn: &mut DbConn, ledger: &Ledger, new: NewUser<'_>) -> StoreResult<UserRow> {
    let id = new_id();
    let at = now();
    let row = NewUserRow {
        id: &id,
        username: new.username,
        display_name: new.display_name,
        role: new.role.as_str(),
        disabled: false,
        password_hash: new.password_hash,
        revision: 1,
        created_at: at,
        updated_at: at,
        created_by: new.created_by,
    };
    let created = write_transaction(conn, |conn| {
        diesel::insert_into(users::table)
            .values(&row)
            .execute(conn)?;
        let author = new.created_by.map(Author::new);
        finish_create(conn, ledger, &id, author.as_ref(), at)
    });
    match created {
        // Looked up after the rollback: on PostgreSQL the failed insert has aborted the
        // transaction, which refuses every further statement.
        Err(StoreError::Db(e)) if is_unique_violation(&e) => {
            let existing = find_by_username(conn, new.username)?.map(|u| u.id);
            Err(StoreError::Conflict {
                code: "username_taken",
                detail: format!("the username {:?} is already taken", new.username),
                existing_id: existing,
            })
        }
        other => other,
    }
}

/// Users in id order (which is creation order), after the cursor's id.
pub fn list(conn: &mut DbConn, after: Option<&str>, limit: i64) -> QueryResult<Vec<UserRow>> {
    let mut query = users::table
        .select(UserRow::as_select())
        .order(users::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(users::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// Applies `changes` if the user is still at `expected_revision`. Refuses to leave the
/// service without an enabled admin.
pub fn update(
    conn: &mut DbConn,
    ledger: &Ledger,
    id: &str,
    expected_revision: i64,
    changes: UserChanges,
    author: &Author,
) -> StoreResult<UserRow> {
    write_transaction(conn, |conn| {
        let current = find(conn, id)?.ok_or(StoreError::NotFound("user"))?;
        if current.revision != expected_revision {
            return Err(StoreError::Stale {
                current_revision: current.revision,
            });
        }
        let loses_admin = current.role() == Role::Admin
            && !current.disabled
            && (changes.role.is_some_and(|r| r != Role::Admin) || changes.disabled == Some(true));
        if loses_admin {
            let enabled_admins: i64 = users::table
                .filter(users::role.eq(Role::Admin.as_str()))
                .filter(users::disabled.eq(false))
                .count()
                .get_result(conn)?;
            if enabled_admins <= 1 {
                return Err(StoreError::Conflict {
                    code: "last_admin",
                    detail: "this is the only enabled admin; make another admin first".into(),
                    existing_id: None,
                });
            }
        }
        let at = now();
        let display_name = match changes.display_name {
            Some(value) => value,
            None => current.display_name.clone(),
        };
        let role = changes.role.unwrap_or(current.role());
        let disabled = changes.disabled.unwrap_or(current.disabled);
        let password_hash = changes
            .password_hash
            .unwrap_or(current.password_hash.clone());
        // The revision condition makes the write itself refuse a concurrent change that slipped
        // in after our read (PostgreSQL's READ COMMITTED would otherwise let it).
        let updated = diesel::update(
            users::table
                .filter(users::id.eq(id))
                .filter(users::revision.eq(expected_revision)),
        )
        .set((
            users::display_name.eq(display_name),
            users::role.eq(role.as_str()),
            users::disabled.eq(disabled),
            users::password_hash.eq(password_hash),
            users::revision.eq(expected_revision + 1),
            users::updated_at.eq(at),
        ))
        .execute(conn)?;
        finish_change(
            conn,
            ledger,
            id,
            &current,
            updated,
            Action::Update,
            Some(author),
            at,
        )
    })
}
