//! SQL that must be spelled differently per backend, as diesel expressions.
//!
//! `column IN (?, ?, …)` — what diesel's `eq_any` writes through a `MultiConnection` — has one
//! placeholder per value, so its text changes with the list's length and diesel never keeps
//! the prepared statement: every list page paid for parsing and planning its statements again
//! (a fifth of a SQLite read's CPU in `perf`). [`in_list`] binds the whole list as one JSON
//! array instead, so each statement has one text and is prepared once per connection.

use diesel::expression::{AppearsOnTable, Expression, ValidGrouping};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Bool, Text};

use super::DbConn;

type MultiBackend = <DbConn as Connection>::Backend;

/// `column IN (the values)`, with the values bound as one JSON array:
/// SQLite `IN (SELECT value FROM json_each(?))`, PostgreSQL
/// `IN (SELECT json_array_elements_text($1::json))`. Both still look each value up through the
/// column's index.
pub fn in_list<C, V: AsRef<str>>(column: C, values: &[V]) -> InList<C> {
    let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    InList {
        column,
        values: serde_json::to_string(&values).expect("a list of strings serialises"),
    }
}

#[derive(Debug, Clone)]
pub struct InList<C> {
    column: C,
    values: String,
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
        let postgres = matches!(out.backend(), MultiBackend::Postgres(_));
        out.push_sql(if postgres {
            " IN (SELECT json_array_elements_text("
        } else {
            " IN (SELECT value FROM json_each("
        });
        out.push_bind_param::<Text, _>(&self.values)?;
        out.push_sql(if postgres { "::json))" } else { "))" });
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
