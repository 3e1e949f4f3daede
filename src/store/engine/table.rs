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

/// Writes `Record::{update, head_hash, ids}` (with `row:`, `find` too, through
/// `From<Row> for Stored<Self>`; with `insert:`, `Insert::insert`) for a table. `columns` is a
/// function from `&Snapshot` to `StoreResult<Columns>`.
#[macro_export]
macro_rules! record_table {
    (table: $table:ident, key: $key:ident, row: $row:ty, columns: $columns:path) => {
        fn find(
            conn: &mut $crate::db::DbConn,
            id: &str,
        ) -> diesel::QueryResult<Option<$crate::store::engine::Stored<Self>>> {
            use diesel::prelude::*;
            use $crate::schema::$table;
            $table::table
                .filter($table::$key.eq(id))
                .select(<$row>::as_select())
                .first(conn)
                .optional()
                .map(|row| row.map($crate::store::engine::Stored::from))
        }

        $crate::record_table!(table: $table, key: $key, columns: $columns);
    };
    (table: $table:ident, key: $key:ident, columns: $columns:path) => {
        fn update(
            tx: &mut $crate::db::WriteTx<'_>,
            expected_revision: i64,
            meta: &$crate::store::engine::Meta,
            before: &Self::Snapshot,
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
                $columns(snapshot)?.changes_from($columns(before)?),
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

/// Declares a kind's content columns (the struct as written, `Insertable + AsChangeset`) and
/// beside it `$changes`: the same columns as `Option`s, of which an update sets only those that
/// differ from the row as it was (`changes_from`). An edit of a claim's statement then rewrites
/// the statement's indexes, not all seven; a verdict rewrites one column.
#[macro_export]
macro_rules! record_columns {
    (
        changes $changes:ident for $table:ident;
        $(#[$meta:meta])*
        struct $name:ident { $($(#[$field_meta:meta])* $field:ident: $ty:ty),* $(,)? }
    ) => {
        $(#[$meta])*
        struct $name { $($(#[$field_meta])* $field: $ty,)* }

        /// The columns of an update: `None` leaves a column as it is.
        #[derive(diesel::AsChangeset)]
        #[diesel(table_name = $crate::schema::$table)]
        struct $changes { $($field: Option<$ty>,)* }

        impl $name {
            fn changes_from(self, before: Self) -> $changes {
                $changes { $($field: (self.$field != before.$field).then_some(self.$field),)* }
            }
        }
    };
}

/// Declares `$name`, the columns of `$table` that make a record's [`Meta`](super::Meta), to
/// embed in the kind's row struct (`#[diesel(embed)] meta: $name`), with its conversion.
#[macro_export]
macro_rules! record_meta {
    ($name:ident for $table:ident, key $key:ident, created_by $created_by:ty) => {
        /// The columns every record's row keeps.
        #[derive(diesel::Queryable, diesel::Selectable)]
        #[diesel(table_name = $crate::schema::$table)]
        struct $name {
            #[diesel(column_name = $key)]
            id: String,
            revision: i64,
            head_hash: String,
            created_at: chrono::NaiveDateTime,
            updated_at: chrono::NaiveDateTime,
            created_by: $created_by,
        }

        impl From<$name> for $crate::store::engine::Meta {
            fn from(m: $name) -> Self {
                Self {
                    id: m.id,
                    revision: m.revision,
                    head_hash: m.head_hash,
                    created_at: m.created_at,
                    updated_at: m.updated_at,
                    created_by: m.created_by.into(),
                }
            }
        }
    };
}

/// `Retractable` for a kind whose snapshot keeps its retraction in a `retracted` field.
#[macro_export]
macro_rules! retractable {
    ($kind:ty) => {
        impl $crate::store::engine::Retractable for $kind {
            fn retraction(snapshot: &Self::Snapshot) -> Option<&$crate::store::engine::Retraction> {
                snapshot.retracted.as_ref()
            }

            fn set_retraction(
                snapshot: &mut Self::Snapshot,
                retraction: Option<$crate::store::engine::Retraction>,
            ) {
                snapshot.retracted = retraction;
            }
        }
    };
}

/// A struct whose listed fields are copies of the same-named fields of `from` (a document and
/// a snapshot share most of theirs), plus the fields given after it, as `name: value` or as a
/// variable of that name.
#[macro_export]
macro_rules! copy_fields {
    (
        $target:ident { $($field:ident),* $(,)? } from $source:expr
        $(, $extra:ident $(: $value:expr)?)* $(,)?
    ) => {{
        let source = &$source;
        $target {
            $($field: source.$field.clone(),)*
            $($extra: $crate::copy_fields!(@value $extra $($value)?),)*
        }
    }};
    (@value $name:ident) => { $name };
    (@value $name:ident $value:expr) => { $value };
}

/// The first page of `$table` in `$key` order after `$after` (a boxed query, to add filters
/// to), selecting `$row`.
#[macro_export]
macro_rules! page_query {
    ($table:ident . $key:ident, $row:ty, $after:expr, $limit:expr) => {{
        use $crate::schema::$table;
        let mut query = $table::table
            .select(<$row>::as_select())
            .order($table::$key.asc())
            .limit($limit)
            .into_boxed();
        if let Some(after) = $after {
            query = query.filter($table::$key.gt(after.to_owned()));
        }
        query
    }};
}

/// `Editable` for a kind whose snapshot holds its document's fields (listed once here): `doc`
/// copies them out, `validate` is the document's own, `compose` copies them in and, with
/// `keeps <field>` (a retraction, say), keeps that field from the record as it is.
#[macro_export]
macro_rules! editable_fields {
    ($kind:ty: $doc:ident => $snapshot:ident { $($field:ident),+ $(,)? } $(, keeps $kept:ident)? $(,)?) => {
        impl $crate::store::engine::Editable for $kind {
            type Doc = $doc;

            fn doc(s: &$snapshot) -> $doc {
                $crate::copy_fields!($doc { $($field),+ } from s)
            }

            fn validate(doc: $doc) -> Result<$doc, Vec<$crate::domain::FieldError>> {
                doc.validate()
            }

            $crate::editable_fields!(@compose $doc => $snapshot { $($field),+ } $(, keeps $kept)?);
        }
    };
    (@compose $doc:ident => $snapshot:ident { $($field:ident),+ }, keeps $kept:ident) => {
        fn compose(doc: $doc, base: Option<&$snapshot>) -> $snapshot {
            $crate::copy_fields!($snapshot { $($field),+ } from doc,
                $kept: base.and_then(|b| b.$kept.clone()))
        }
    };
    (@compose $doc:ident => $snapshot:ident { $($field:ident),+ }) => {
        fn compose(doc: $doc, _base: Option<&$snapshot>) -> $snapshot {
            $crate::copy_fields!($snapshot { $($field),+ } from doc)
        }
    };
}
