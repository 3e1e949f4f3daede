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
