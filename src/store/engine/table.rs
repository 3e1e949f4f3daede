//! The SQL every record table shares, written once: the guarded update, the insert, head
//! hashes and ids. A kind's table has its key column, `revision`, `head_hash`, `created_at`,
//! `updated_at` and `created_by`, plus the columns of its content, which the kind builds from
//! a snapshot as one `Insertable + AsChangeset` struct.

use crate::store::{StoreError, StoreResult};

/// How a table's `created_by` column takes the author of revision 1.
pub trait CreatedBy: Sized {
    fn from_author(author: Option<&str>) -> StoreResult<Self>;
}

/// A NOT NULL `created_by`: records only people create.
impl CreatedBy for String {
    fn from_author(author: Option<&str>) -> StoreResult<Self> {
        author.map(str::to_owned).ok_or_else(|| {
            StoreError::Db(diesel::result::Error::QueryBuilderError(
                "this kind of record needs an author".into(),
            ))
        })
    }
}

/// A nullable `created_by`: records the service may create itself.
impl CreatedBy for Option<String> {
    fn from_author(author: Option<&str>) -> StoreResult<Self> {
        Ok(author.map(str::to_owned))
    }
}

/// Writes `Record::{update, head_hash, ids}` (and, with `insert`, `Insert::insert`) for a
/// table. `columns` is a function from `&Snapshot` to `StoreResult<Columns>`.
#[macro_export]
macro_rules! record_table {
    (table: $table:ident, key: $key:ident, columns: $columns:path) => {
        fn update(
            tx: &mut $crate::db::WriteTx<'_>,
            expected_revision: i64,
            meta: &$crate::store::engine::Meta,
            snapshot: &Self::Snapshot,
        ) -> $crate::store::StoreResult<usize> {
            use diesel::prelude::*;
            use $crate::schema::$table;
            Ok(diesel::update(
                $table::table
                    .filter($table::$key.eq(&meta.id))
                    .filter($table::revision.eq(expected_revision)),
            )
            .set((
                $table::revision.eq(meta.revision),
                $table::head_hash.eq(&meta.head_hash),
                $table::updated_at.eq(meta.updated_at),
                $columns(snapshot)?,
            ))
            .execute(tx.conn())?)
        }

        fn head_hash(
            conn: &mut $crate::db::DbConn,
            id: &str,
        ) -> diesel::QueryResult<Option<String>> {
            use diesel::prelude::*;
            use $crate::schema::$table;
            $table::table
                .filter($table::$key.eq(id))
                .select($table::head_hash)
                .first(conn)
                .optional()
        }

        fn ids(
            conn: &mut $crate::db::DbConn,
            after: Option<&str>,
            limit: i64,
        ) -> diesel::QueryResult<Vec<String>> {
            use diesel::prelude::*;
            use $crate::schema::$table;
            let mut query = $table::table
                .select($table::$key)
                .order($table::$key.asc())
                .limit(limit)
                .into_boxed();
            if let Some(after) = after {
                query = query.filter($table::$key.gt(after.to_owned()));
            }
            query.load(conn)
        }
    };
    (insert: $table:ident, key: $key:ident, created_by: $created_by:ty, columns: $columns:path) => {
        fn insert(
            tx: &mut $crate::db::WriteTx<'_>,
            meta: &$crate::store::engine::Meta,
            snapshot: &Self::Snapshot,
        ) -> $crate::store::StoreResult<()> {
            use diesel::prelude::*;
            use $crate::schema::$table;
            let created_by = <$created_by as $crate::store::engine::CreatedBy>::from_author(
                meta.created_by.as_deref(),
            )?;
            diesel::insert_into($table::table)
                .values((
                    $table::$key.eq(&meta.id),
                    $table::revision.eq(meta.revision),
                    $table::head_hash.eq(&meta.head_hash),
                    $table::created_at.eq(meta.created_at),
                    $table::updated_at.eq(meta.updated_at),
                    $table::created_by.eq(created_by),
                    $columns(snapshot)?,
                ))
                .execute(tx.conn())?;
            Ok(())
        }
    };
}
