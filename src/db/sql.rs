//! SQL that must be spelled differently per backend, as diesel expressions.
//!
//! `column IN (?, ?, …)` — what diesel's `eq_any` writes through a `MultiConnection` — has one
//! placeholder per value, so its text changes with the list's length and diesel never keeps
//! the prepared statement: every list page paid for parsing and planning its statements again
//! (a fifth of a SQLite read's CPU in `perf`). [`in_list`] binds the whole list as one value
//! instead, so each statement has one text and is prepared once per connection.

use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Bool, Text};

use super::DbConn;

type MultiBackend = <DbConn as Connection>::Backend;

/// `column IN (the values)`, with the values bound as one parameter: SQLite
/// `IN (SELECT value FROM json_each(?))` (a JSON array), PostgreSQL `= ANY($1::text[])` (an
/// array literal). Both look each value up through the column's index. PostgreSQL's planner
/// sees the array's length in a custom plan; through `json_array_elements_text` it guessed
/// 100 rows, and so preferred a scan of any table of a few hundred rows.
pub fn in_list<C, V: AsRef<str>>(column: C, values: &[V]) -> InList<C> {
    let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    InList {
        column,
        json: serde_json::to_string(&values).expect("a list of strings serialises"),
        pg_array: pg_text_array(&values),
    }
}

/// A PostgreSQL array literal of `values`: each quoted, with `"` and `\` escaped.
pub(crate) fn pg_text_array(values: &[&str]) -> String {
    let quoted: Vec<String> = values
        .iter()
        .map(|v| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"")))
        .collect();
    format!("{{{}}}", quoted.join(","))
}

#[derive(Debug, Clone)]
pub struct InList<C> {
    column: C,
    json: String,
    pg_array: String,
}

impl<C: ValidGrouping<GB>, GB> ValidGrouping<GB> for InList<C> {
    type IsAggregate = C::IsAggregate;
}

impl<C: Expression> Expression for InList<C> {
    type SqlType = Bool;
}

impl<C: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for InList<C> {}

impl<C: QueryId> QueryId for InList<C> {
    type QueryId = InList<C::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = C::HAS_STATIC_QUERY_ID;
}

impl<C: QueryFragment<MultiBackend>> QueryFragment<MultiBackend> for InList<C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        if matches!(out.backend(), MultiBackend::Postgres(_)) {
            out.push_sql(" = ANY(");
            out.push_bind_param::<Text, _>(&self.pg_array)?;
            out.push_sql("::text[])");
        } else {
            out.push_sql(" IN (SELECT value FROM json_each(");
            out.push_bind_param::<Text, _>(&self.json)?;
            out.push_sql("))");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::pg_text_array;

    #[test]
    fn array_literals_quote_and_escape_every_value() {
        assert_eq!(pg_text_array(&[]), "{}");
        assert_eq!(pg_text_array(&["a", "b c"]), r#"{"a","b c"}"#);
        assert_eq!(
            pg_text_array(&[r#"say "hi""#, r"back\slash", "{,}", "NULL"]),
            r#"{"say \"hi\"","back\\slash","{,}","NULL"}"#
        );
    }
}

/// `1 = 1`, which keeps its statement out of PostgreSQL's statement cache, so PostgreSQL plans
/// it for the values of each call. Once a cached statement has run five times, PostgreSQL may
/// switch to one generic plan for every value; on a skewed column (a property most claims
/// have, a rare one) that plan suits the common value and walks the whole table for a rare
/// one. Lists filter on such columns; planning them afresh costs far less than that walk.
/// SQLite (built with STAT4) re-plans a cached statement by itself when a new value could
/// change its plan, so there its statements stay cached.
#[derive(Debug, Clone, Copy)]
pub struct PlannedPerCall;

impl Expression for PlannedPerCall {
    type SqlType = Bool;
}

impl<QS> AppearsOnTable<QS> for PlannedPerCall {}

impl<GB> ValidGrouping<GB> for PlannedPerCall {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl QueryId for PlannedPerCall {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl QueryFragment<MultiBackend> for PlannedPerCall {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        if matches!(out.backend(), MultiBackend::Postgres(_)) {
            out.unsafe_to_cache_prepared();
        }
        out.push_sql("1 = 1");
        Ok(())
    }
}

/// A fixed piece of SQL, spelled per backend, usable as an expression of type `SqlType`
/// (e.g. a correlated subquery in a select). Unlike diesel's `sql()`, whose text diesel cannot
/// trust to be the same each time and so never keeps prepared, a fragment's text is a
/// constant: the statement is prepared once per connection.
pub trait BackendSql: 'static {
    type SqlType: diesel::sql_types::SqlType + diesel::sql_types::SingleValue;
    const SQLITE: &'static str;
    const POSTGRES: &'static str;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Fragment<F>(std::marker::PhantomData<F>);

/// The expression for fragment `F`.
pub fn fragment<F: BackendSql>() -> Fragment<F> {
    Fragment(std::marker::PhantomData)
}

impl<F: BackendSql> Expression for Fragment<F> {
    type SqlType = F::SqlType;
}

impl<F: BackendSql, QS> AppearsOnTable<QS> for Fragment<F> {}

impl<F: BackendSql, QS> diesel::expression::SelectableExpression<QS> for Fragment<F> {}

impl<F, GB> ValidGrouping<GB> for Fragment<F> {
    type IsAggregate = diesel::expression::is_aggregate::Never;
}

impl<F: 'static> QueryId for Fragment<F> {
    type QueryId = Self;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<F: BackendSql> QueryFragment<MultiBackend> for Fragment<F> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        let postgres = matches!(out.backend(), MultiBackend::Postgres(_));
        out.push_sql(if postgres { F::POSTGRES } else { F::SQLITE });
        Ok(())
    }
}

/// `INSERT … VALUES (…), (…), …` of many rows in one statement, on whichever backend the
/// `DbConn` is (the multi-backend connection does not batch an insert of many rows itself).
#[macro_export]
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::db::DbConn::Postgres(c) => diesel::insert_into($table).values($rows).execute(c),
            $crate::db::DbConn::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c),
        }
    };
}
