//! Store-level tests: the library's write path, contradiction detection and search, through
//! `Database` on real connections, each on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

mod helpers;

mod detection;
mod impact_costs;
mod plans;
mod updates;
mod walks;
mod webhooks;
mod windows;
mod writer;
