//! Query plans on a loaded, skewed database: every statement a write path (and the lists and
//! reads beside them) runs must start from a selective index, on both engines. A scan of a
//! big table is a cost that grows with the ledger, and a walk of a popular source's, subject's
//! or tag's rows is a cost that grows with popularity.
//!
//! The fixture is loaded in bulk SQL and `ANALYZE`d, so that the planners see real
//! distributions: on a few rows a planner rightly prefers a scan. Each piece of work runs
//! under a `db::record_statements` guard, and each statement it ran is then explained.

use claimledger::db::{Backend, DbConn};
use claimledger::domain::claim::{ClaimDoc, Verdict};
use claimledger::domain::contradiction::FlagStatus;
use claimledger::store::claims::{self, Claim, ClaimFilter, ClaimSort};
use claimledger::store::contradictions::{self, ContradictionFilter};
use claimledger::store::engine::{self, Change, Editable};
use claimledger::store::entities::Entity;
use claimledger::store::ledger::{self, Action, RecordKind};
use claimledger::store::quote_checks::CheckStatus;
use claimledger::store::sources::Source;
use diesel::connection::SimpleConnection;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Env, claim_doc};

/// Claims in the fixture: enough that a scan costs more than any index probe.
const CLAIMS: i64 = 20_000;

/// The fixture: `CLAIMS` claims, half citing `source-heavy`, a fifth about `subject-heavy`,
/// two thirds tagged `ttp`, most about `fatalities`, the rest spread thin; a stand-in revision
/// per claim and a few open flags.
fn skewed_fixture(backend: Backend) -> String {
    let pad = |n: &str| match backend {
        Backend::Postgres => format!("lpad(({n})::text, 9, '0')"),
        Backend::Sqlite => format!("printf('%09d', {n})"),
    };
    let (series, now) = match backend {
        Backend::Postgres => (
            format!("SELECT generate_series(1, {CLAIMS}) AS i"),
            "(now() AT TIME ZONE 'utc')",
        ),
        Backend::Sqlite => (
            format!(
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {CLAIMS}) \
                 SELECT i FROM s"
            ),
            "strftime('%Y-%m-%d %H:%M:%f', 'now')",
        ),
    };
    let day = match backend {
        Backend::Postgres => "(DATE '2015-01-01' + (i % 3000) * INTERVAL '1 day')",
        Backend::Sqlite => "datetime('2015-01-01', '+' || (i % 3000) || ' days')",
    };
    let day_after = match backend {
        Backend::Postgres => "(DATE '2015-01-02' + (i % 3000) * INTERVAL '1 day')",
        Backend::Sqlite => "datetime('2015-01-02', '+' || (i % 3000) || ' days')",
    };
    let false_ = match backend {
        Backend::Postgres => "FALSE",
        Backend::Sqlite => "0",
    };
    format!(
        "BEGIN;
INSERT INTO users (id, username, role, disabled, password_hash, revision, created_at, updated_at)
    VALUES ('bulk-user', 'bulk-loader', 'editor', {false_}, 'x', 1, {now}, {now});
INSERT INTO sources (id, kind, title, publisher, publisher_key, search_text, reliability, revision, head_hash, created_at, updated_at, created_by)
    SELECT CASE WHEN i = 1 THEN 'source-heavy' ELSE 'source-' || {pad} END, 'article', 'Bulk source ' || i,
           'Publisher ' || (i % 20), 'publisher ' || (i % 20), 'bulk source ' || i, 'C', 1, '', {now}, {now}, 'bulk-user'
    FROM ({series}) s WHERE i <= 2000;
INSERT INTO entities (id, kind, name, search_text, revision, head_hash, created_at, updated_at, created_by)
    SELECT CASE WHEN i = 1 THEN 'subject-heavy' ELSE 'subject-' || {pad} END, 'event', 'Subject ' || i,
           'subject ' || i, 1, '', {now}, {now}, 'bulk-user'
    FROM ({series}) s WHERE i <= 2000;
INSERT INTO claims (id, statement, statement_key, subject_id, property, value, value_lower, value_upper,
                    occurred_start, occurred_end, occurred_sort, confidence, verdict, search_text,
                    revision, head_hash, created_at, updated_at, created_by)
    SELECT 'claim-' || {pad},
           'Report ' || i || ': attack in district ' || (i % 97) || ' left casualties',
           'bulk-' || i,
           CASE WHEN i % 5 = 0 THEN 'subject-heavy' ELSE 'subject-' || lpad_i END,
           CASE WHEN i % 10 < 7 THEN 'fatalities' ELSE 'injured' END,
           '{{\"type\":\"quantity\",\"lower\":' || (i % 50) || ',\"upper\":null,\"unit\":\"people\"}}', i % 50, NULL,
           {day}, {day_after}, {day}, (i % 1000) / 1000.0, 'unreviewed',
           'report ' || i || ' attack in district ' || (i % 97) || ' left casualties',
           1, '', {now}, {now}, 'bulk-user'
    FROM (SELECT i, {subject_pad} AS lpad_i FROM ({series}) s0) s;
INSERT INTO citations (id, claim_id, source_id, position)
    SELECT 'cite-a-' || {pad}, 'claim-' || {pad}, 'source-heavy', 0 FROM ({series}) s WHERE i % 2 = 0;
INSERT INTO citations (id, claim_id, source_id, position)
    SELECT 'cite-b-' || {pad}, 'claim-' || {pad}, 'source-' || {source_pad}, 1 FROM ({series}) s;
UPDATE citations SET check_status = 'not_found' WHERE source_id = 'source-000000042';
INSERT INTO claim_tags (claim_id, tag)
    SELECT 'claim-' || {pad}, 'ttp' FROM ({series}) s WHERE i % 3 <> 0;
INSERT INTO claim_tags (claim_id, tag)
    SELECT 'claim-' || {pad}, 'tag-' || (i % 100) FROM ({series}) s;
INSERT INTO revisions (record_kind, record_id, revision, action, author_id, created_at, snapshot, snapshot_hash, prev_hash, hash)
    SELECT 'claims', id, 1, 'create', 'bulk-user', created_at,
           '{{\"statement\":\"bulk\",\"subject_id\":\"' || subject_id || '\",\"property\":\"' || property
           || '\",\"value\":' || value || ',\"confidence\":' || confidence
           || ',\"tags\":[],\"citations\":[],\"verdict\":\"unreviewed\"}}', 'bulk', '', 'bulk'
    FROM claims;
INSERT INTO claim_subject_history (subject_id, property, claim_id, since)
    SELECT subject_id, property, id, created_at FROM claims;
INSERT INTO contradictions (id, claim_a, claim_b, origin, status, subject_id, property, revision, head_hash,
                            created_at, updated_at, created_by)
    SELECT 'flag-' || {pad}, 'claim-' || {pad}, 'claim-' || {next_pad}, 'detected', 'open',
           'subject-heavy', 'fatalities', 1, '', {now}, {now}, 'bulk-user'
    FROM ({series}) s WHERE i % 50 = 0 AND i < {CLAIMS};
INSERT INTO relations (id, kind, from_claim_id, to_claim_id, note, revision, head_hash, created_at, updated_at, created_by)
    SELECT 'rel-c-' || {pad}, 'corroborates', 'claim-' || {pad}, 'claim-000000002', 'bulk', 1, '', {now}, {now}, 'bulk-user'
    FROM ({series}) s WHERE i % 4 = 0;
INSERT INTO relations (id, kind, from_claim_id, to_claim_id, note, revision, head_hash, created_at, updated_at, created_by)
    SELECT 'rel-d-' || {pad}, 'duplicate_of', 'claim-' || {pad}, 'claim-000000003', 'bulk', 1, '', {now}, {now}, 'bulk-user'
    FROM ({series}) s WHERE i % 100 = 1 AND i > 3;
INSERT INTO relations (id, kind, from_claim_id, to_claim_id, note, revision, head_hash, created_at, updated_at, created_by)
    SELECT 'rel-s-' || {pad}, 'supersedes', 'claim-' || {next_pad}, 'claim-' || {pad}, 'bulk', 1, '', {now}, {now}, 'bulk-user'
    FROM ({series}) s WHERE i % 10 = 5;
INSERT INTO source_derivations (source_id, derives_from_id, relation)
    SELECT 'source-' || {pad}, 'source-000000002', 'syndicates' FROM ({series}) s WHERE i BETWEEN 3 AND 2000;
INSERT INTO source_derivations (source_id, derives_from_id, relation)
    VALUES ('source-heavy', 'source-000000042', 'based_on');
COMMIT;
ANALYZE;",
        pad = pad("i"),
        subject_pad = pad("i % 1998 + 2"),
        source_pad = pad("i % 1998 + 2"),
        next_pad = pad("i + 1"),
    )
}

impl Env {
    /// Loads the skewed fixture and has the planner look at it.
    async fn load_skewed(&self) {
        let sql = skewed_fixture(self.backend);
        let mut conn = self.outside_connection();
        tokio::task::spawn_blocking(move || conn.batch_execute(&sql))
            .await
            .expect("load task")
            .expect("the fixture loads");
    }
}

/// The bind values of a recorded statement (`… -- binds: [..]`, each value as Rust's `Debug`
/// writes it), as SQL literals.
fn bind_literals(binds: &str) -> Vec<String> {
    let binds = binds.trim();
    let inner = binds.strip_prefix('[').unwrap_or(binds);
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    let mut values = Vec::new();
    let mut chars = inner.chars().peekable();
    loop {
        while chars.peek() == Some(&' ') || chars.peek() == Some(&',') {
            chars.next();
        }
        let Some(&first) = chars.peek() else { break };
        // An array (PostgreSQL's `= ANY($1)` of an `eq_any`): its values as an array literal.
        if first == '[' {
            let (mut depth, mut quoted, mut escaped) = (0, false, false);
            let mut inner = String::new();
            for c in chars.by_ref() {
                inner.push(c);
                match c {
                    _ if escaped => escaped = false,
                    '\\' if quoted => escaped = true,
                    '"' => quoted = !quoted,
                    '[' if !quoted => depth += 1,
                    ']' if !quoted => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            values.push(format!(
                "ARRAY[{}]::text[]",
                bind_literals(&inner).join(", ")
            ));
            continue;
        }
        let mut token = String::new();
        if first == '"' {
            chars.next();
            let mut text = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('n') => text.push('\n'),
                        Some('t') => text.push('\t'),
                        Some('r') => text.push('\r'),
                        Some('u') => {
                            let code: String =
                                chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                            text.extend(
                                u32::from_str_radix(&code, 16).ok().and_then(char::from_u32),
                            );
                        }
                        Some(other) => text.push(other),
                        None => {}
                    },
                    c => text.push(c),
                }
            }
            values.push(format!("'{}'", text.replace('\'', "''")));
            continue;
        }
        let mut depth = 0;
        while let Some(&c) = chars.peek() {
            if c == ',' && depth == 0 {
                break;
            }
            depth += i32::from(c == '(') - i32::from(c == ')');
            token.push(c);
            chars.next();
        }
        let token = token.trim();
        let token = token
            .strip_prefix("Some(")
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or(token);
        values.push(if token.starts_with('"') {
            bind_literals(token).remove(0)
        } else if token == "None" {
            "NULL".to_owned()
        } else if token == "true" || token == "false" {
            token.to_uppercase()
        } else if token.parse::<f64>().is_ok() {
            token.to_owned()
        } else if token.starts_with(|c: char| c.is_ascii_digit()) {
            // A date and time.
            format!("'{}'", token.replace('T', " "))
        } else {
            // A stored enum: its Debug name, in the snake_case it is stored as.
            let mut snake = String::new();
            for (i, c) in token.chars().enumerate() {
                if c.is_ascii_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            format!("'{snake}'")
        });
    }
    values
}

/// What the planner of `backend` does with a recorded statement and its bind values, one
/// line per plan node. SQLite (with STAT4) and PostgreSQL (a custom plan, as the service
/// runs) both plan for the values given, so a popular value's plan is what is checked.
fn explain(conn: &mut DbConn, backend: Backend, statement: &str) -> Vec<String> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct SqliteLine {
        #[diesel(sql_type = diesel::sql_types::Text)]
        detail: String,
    }
    #[derive(QueryableByName)]
    struct PgLine {
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[diesel(column_name = "QUERY PLAN")]
        line: String,
    }
    let (sql, binds) = statement
        .split_once(" -- binds: ")
        .unwrap_or((statement, "[]"));
    let values = bind_literals(binds);
    match backend {
        Backend::Sqlite => {
            // The values in place of the placeholders, in order (none of our SQL has a `?`
            // inside a literal).
            let mut pieces = sql.split('?');
            let mut inlined = pieces.next().unwrap_or_default().to_owned();
            for (piece, value) in
                pieces.zip(values.iter().chain(std::iter::repeat(&"NULL".to_owned())))
            {
                inlined.push_str(value);
                inlined.push_str(piece);
            }
            diesel::sql_query(format!("EXPLAIN QUERY PLAN {inlined}"))
                .load::<SqliteLine>(conn)
                .unwrap_or_else(|e| panic!("EXPLAIN QUERY PLAN {inlined}: {e}"))
                .into_iter()
                .map(|l| l.detail)
                .collect()
        }
        Backend::Postgres => {
            conn.batch_execute(&format!("DEALLOCATE ALL; PREPARE explained AS {sql}"))
                .unwrap_or_else(|e| panic!("PREPARE {sql}: {e}"));
            let execute = if values.is_empty() {
                "EXPLAIN EXECUTE explained".to_owned()
            } else {
                format!("EXPLAIN EXECUTE explained({})", values.join(", "))
            };
            diesel::sql_query(&execute)
                .load::<PgLine>(conn)
                .unwrap_or_else(|e| panic!("{execute} for {sql}: {e}"))
                .into_iter()
                .map(|l| l.line)
                .collect()
        }
    }
}

/// The tables that grow with the ledger.
const BIG_TABLES: [&str; 8] = [
    "claims",
    "relations",
    "citations",
    "claim_tags",
    "revisions",
    "contradictions",
    "sources",
    "entities",
];

/// Columns on which one value can hold a large share of the rows: an index probe on one of
/// them alone walks all of a popular value's rows.
const POPULAR_COLUMNS: [&str; 4] = ["source_id", "subject_id", "property", "tag"];

/// Tables where a popular column's name means something bounded: a source derives from at
/// most 20 others, so `source_derivations (source_id)` holds at most 20 rows per value.
const BOUNDED_TABLES: [&str; 1] = ["source_derivations"];

/// What is wrong with `plan`, if anything: a scan of a big table, or an index probe on a
/// popular column alone that is not walked in order under a LIMIT (collected, hashed or sorted
/// whole, it costs as much as the value is popular).
fn plan_problem(backend: Backend, sql: &str, plan: &[String]) -> Option<String> {
    let only_popular = |terms: &str, equals: &str| {
        terms.split(" AND ").all(|term| {
            let term = term.trim_matches(|c| c == '(' || c == ')');
            POPULAR_COLUMNS
                .iter()
                .any(|c| term.starts_with(&format!("{c}{equals}")))
        })
    };
    match backend {
        Backend::Sqlite => {
            // SQLite's plan does not show a LIMIT; the statement does.
            let walked_in_order =
                sql.contains(" LIMIT ") && !plan.iter().any(|l| l.contains("USE TEMP B-TREE"));
            for (i, line) in plan.iter().enumerate() {
                let line = line.trim();
                let mut words = line.split_whitespace();
                let (verb, table) = (words.next(), words.next());
                if verb == Some("SCAN") && table.is_some_and(|t| BIG_TABLES.contains(&t)) {
                    return Some(format!("scans: {line}"));
                }
                let collected = i > 0 && plan[i - 1].trim().starts_with("LIST SUBQUERY");
                if verb == Some("SEARCH")
                    && !table.is_some_and(|t| BOUNDED_TABLES.contains(&t))
                    && (!walked_in_order || collected)
                    && let Some((_, probe)) = line.rsplit_once('(')
                    && only_popular(probe.trim_end_matches(')'), "=")
                {
                    return Some(format!("collects a popular value: {line}"));
                }
            }
        }
        Backend::Postgres => {
            let walked_in_order = plan
                .first()
                .is_some_and(|l| l.trim_start().starts_with("Limit"))
                && !plan
                    .iter()
                    .any(|l| l.contains("Sort") || l.contains("InitPlan") || l.contains("Hash"));
            for (i, line) in plan.iter().enumerate() {
                let trimmed = line.trim().trim_start_matches("->").trim();
                if let Some(table) = trimmed.strip_prefix("Seq Scan on ") {
                    let table = table.split_whitespace().next().unwrap_or_default();
                    if BIG_TABLES.contains(&table) {
                        return Some(format!("scans: {trimmed}"));
                    }
                }
                if let Some(cond) = trimmed
                    .strip_prefix("Index Cond: ")
                    .or_else(|| trimmed.strip_prefix("Recheck Cond: "))
                    && only_popular(cond, " = ")
                    && !walked_in_order
                    && !plan[..i]
                        .iter()
                        .rev()
                        .find(|l| l.contains(" on "))
                        .is_some_and(|l| {
                            BOUNDED_TABLES
                                .iter()
                                .any(|t| l.contains(&format!(" on {t} ")))
                        })
                {
                    return Some(format!("collects a popular value: {trimmed}"));
                }
                // An index scan without an Index Cond walks the whole index, unless a LIMIT
                // stops it (the planner expects matches to be common, from the value's
                // statistics).
                if !walked_in_order
                    && (trimmed.contains("Index Scan") || trimmed.contains("Index Only Scan"))
                {
                    let depth = line.len() - line.trim_start().len();
                    let has_cond = plan[i + 1..]
                        .iter()
                        .take_while(|l| !l.contains("->") && l.len() - l.trim_start().len() > depth)
                        .any(|l| l.trim_start().starts_with("Index Cond:"));
                    let table = trimmed
                        .split(" on ")
                        .nth(1)
                        .and_then(|t| t.split_whitespace().next());
                    if !has_cond && table.is_some_and(|t| BIG_TABLES.contains(&t)) {
                        return Some(format!("walks a whole index: {trimmed}"));
                    }
                }
            }
        }
    }
    None
}

/// Explains each distinct statement `ran` and fails, listing every offender with its plan,
/// when a plan scans a big table or walks a popular value.
fn assert_no_scans(env: &Env, ran: &[(&str, Vec<String>)]) {
    let mut conn = env.outside_connection();
    let mut seen = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    let mut explained = 0;
    for (work, statements) in ran {
        assert!(
            !statements.is_empty(),
            "{work}: no statements were recorded"
        );
        for statement in statements {
            let sql = statement.split(" -- binds: ").next().unwrap_or(statement);
            let upper = sql.trim_start().to_ascii_uppercase();
            if ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]
                .iter()
                .any(|w| upper.starts_with(w))
                || !seen.insert(sql.to_owned())
            {
                continue;
            }
            // SQLite's plan of an INSERT lists the probes of the tables whose foreign keys
            // point at the new row; they run only to settle deferred violations, which we never
            // have (`OP_FkIfZero` skips them), so they cost nothing.
            if env.backend == Backend::Sqlite && upper.starts_with("INSERT") {
                continue;
            }
            let plan = explain(&mut conn, env.backend, statement);
            explained += 1;
            if std::env::var_os("SHOW_PLANS").is_some() {
                eprintln!("=== {work}: {statement}\n    {}", plan.join("\n    "));
            }
            if let Some(problem) = plan_problem(env.backend, sql, &plan) {
                problems.push(format!(
                    "{work}: {problem}\n  {sql}\n    {}",
                    plan.join("\n    ")
                ));
            }
        }
    }
    assert!(
        explained >= ran.len(),
        "only {explained} statements explained"
    );
    assert!(
        problems.is_empty(),
        "{} plans start badly:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A claim about the heaviest subject and property, citing the heaviest source, tagged with
/// the heaviest tag.
fn heavy_claim(statement: &str, value: i64, day: &str) -> ClaimDoc {
    claim_doc(
        "source-heavy",
        statement,
        json!({
            "subject_id": "subject-heavy",
            "property": "fatalities",
            "value": {"type": "quantity", "lower": value, "upper": value},
            "occurred_at": {"value": day, "precision": "day"},
            "tags": ["ttp"],
        }),
    )
}

both_backends!(write_paths_start_from_selective_indexes, |env| async move {
    env.load_skewed().await;
    let _recording = claimledger::db::record_statements();
    let mut ran: Vec<(&str, Vec<String>)> = Vec::new();

    let doc = heavy_claim("The heavy event left 12 dead", 12, "2016-03-01");
    let (claim, statements) = env
        .write_recorded(move |tx, ledger, author| {
            let stored = claims::create(tx, ledger, doc, author)?;
            claims::load_views(tx.conn(), std::slice::from_ref(&stored.meta.id))?;
            Ok(stored)
        })
        .await;
    ran.push(("create a claim", statements));
    let id = claim.meta.id.clone();

    let edit_id = id.clone();
    let (_, statements) = env
        .write_recorded(move |tx, ledger, author| {
            let current = engine::get::<Claim>(tx.conn(), &edit_id)?;
            let mut doc = Claim::doc(&current.snapshot);
            doc.statement = "The heavy event left 14 dead".into();
            doc.value = Some(
                serde_json::from_value(json!({"type": "quantity", "lower": 14, "upper": 14}))
                    .expect("a value"),
            );
            doc.tags = vec!["ttp".into(), "quetta".into()];
            let snapshot = Claim::compose(doc, Some(&current.snapshot));
            engine::change(
                tx,
                ledger,
                &current,
                snapshot,
                Change::now(Action::Update, Some(author)),
            )
        })
        .await;
    ran.push(("edit a claim (statement, value, tags)", statements));

    let verdict_id = id.clone();
    let (_, statements) = env
        .write_recorded(move |tx, ledger, author| {
            claims::set_verdict(
                tx,
                ledger,
                &verdict_id,
                2,
                claims::VerdictChange::only(Verdict::Verified),
                author,
            )
        })
        .await;
    ran.push(("set a verdict", statements));

    for (what, reason) in [
        ("retract a claim", Some("wrong")),
        ("restore a claim", None),
    ] {
        let claim_id = id.clone();
        let (_, statements) = env
            .write_recorded(move |tx, ledger, author| {
                let current = engine::get::<Claim>(tx.conn(), &claim_id)?;
                engine::set_retracted(tx, ledger, &current, reason.map(str::to_owned), author)
            })
            .await;
        ran.push((what, statements));
    }

    let flag_claim = id.clone();
    let (flag, statements) = env
        .write_recorded(move |tx, ledger, author| {
            contradictions::create_manual(tx, ledger, &flag_claim, "claim-000000010", None, author)
        })
        .await;
    ran.push(("flag two claims", statements));
    let (_, statements) = env
        .write_recorded(move |tx, ledger, author| {
            let mut snapshot = flag.stored.snapshot.clone();
            snapshot.status = FlagStatus::Dismissed;
            contradictions::decide(tx, ledger, &flag, snapshot, Action::Update, author)
        })
        .await;
    ran.push(("decide a flag", statements));

    let (_, statements) = env
        .write_recorded(|tx, ledger, author| {
            let current = engine::get::<Source>(tx.conn(), "source-heavy")?;
            let mut doc = Source::doc(&current.snapshot);
            doc.title = "The heavy source, renamed".into();
            let snapshot = Source::compose(doc, Some(&current.snapshot));
            engine::change(
                tx,
                ledger,
                &current,
                snapshot,
                Change::now(Action::Update, Some(author)),
            )
        })
        .await;
    ran.push(("edit the heaviest source", statements));
    let (_, statements) = env
        .write_recorded(|tx, ledger, author| {
            let current = engine::get::<Entity>(tx.conn(), "subject-heavy")?;
            let mut doc = Entity::doc(&current.snapshot);
            doc.name = "The heavy event, renamed".into();
            let snapshot = Entity::compose(doc, Some(&current.snapshot));
            engine::change(
                tx,
                ledger,
                &current,
                snapshot,
                Change::now(Action::Update, Some(author)),
            )
        })
        .await;
    ran.push(("edit the heaviest subject", statements));

    assert_no_scans(&env, &ran);
});

both_backends!(lists_start_from_selective_indexes, |env| async move {
    env.load_skewed().await;
    let _recording = claimledger::db::record_statements();
    let mut ran: Vec<(&str, Vec<String>)> = Vec::new();
    // Creation order, the default: other orders of a popular source's claims sort all of
    // them (no index holds a source's claims by confidence or event time).
    let sorts = [
        ("newest first", ClaimSort::CreatedAt { descending: true }),
        ("oldest first", ClaimSort::CreatedAt { descending: false }),
    ];
    let filters: [(&str, ClaimFilter); 10] = [
        (
            "by the commonest quote check",
            ClaimFilter {
                quote_check: Some(CheckStatus::NoCapture),
                ..Default::default()
            },
        ),
        (
            "by a rare quote check",
            ClaimFilter {
                quote_check: Some(CheckStatus::NotFound),
                ..Default::default()
            },
        ),
        (
            "by the heaviest source",
            ClaimFilter {
                source_id: Some("source-heavy".into()),
                ..Default::default()
            },
        ),
        (
            "by the heaviest subject",
            ClaimFilter {
                subject_id: Some("subject-heavy".into()),
                ..Default::default()
            },
        ),
        (
            "by the heaviest tag",
            ClaimFilter {
                tag: Some("ttp".into()),
                ..Default::default()
            },
        ),
        (
            "by a rare source",
            ClaimFilter {
                source_id: Some("source-000000042".into()),
                ..Default::default()
            },
        ),
        (
            "by a rare tag",
            ClaimFilter {
                tag: Some("tag-42".into()),
                ..Default::default()
            },
        ),
        (
            "by the commonest property",
            ClaimFilter {
                property: Some("fatalities".into()),
                ..Default::default()
            },
        ),
        (
            "by the heaviest source and tag",
            ClaimFilter {
                source_id: Some("source-heavy".into()),
                tag: Some("ttp".into()),
                ..Default::default()
            },
        ),
        (
            "with words",
            ClaimFilter {
                q: vec!["attack".into(), "district".into()],
                ..Default::default()
            },
        ),
    ];
    for (filter_name, filter) in filters {
        for (sort_name, sort) in sorts {
            let filter = filter.clone();
            let (_, statements) = env
                .read_recorded(move |conn| {
                    let page = claims::list_ids(conn, &filter, sort, None, 51)?;
                    let ids: Vec<String> = page.into_iter().map(|(id, _)| id).collect();
                    claims::load_views(conn, &ids)
                })
                .await;
            ran.push((
                Box::leak(format!("list {filter_name}, {sort_name}").into_boxed_str()),
                statements,
            ));
        }
    }
    let searched = ClaimFilter {
        q: vec!["attack".into(), "casualties".into()],
        source_id: Some("source-heavy".into()),
        ..Default::default()
    };
    for sort in [
        ClaimSort::Relevance,
        ClaimSort::Confidence { descending: true },
    ] {
        let filter = searched.clone();
        let (_, statements) = env
            .read_recorded(move |conn| claims::list_ids(conn, &filter, sort, None, 51))
            .await;
        ran.push(("search with a source filter", statements));
    }
    let (_, statements) = env
        .read_recorded(|conn| {
            engine::get::<Claim>(conn, "claim-000000010")?;
            ledger::page_for(conn, RecordKind::Claims, "claim-000000010", None, 51)?;
            // The fixture's stand-in snapshots do not decode; the statement is what counts.
            let _ = claims::as_of(conn, "claim-000000010", chrono::Utc::now().naive_utc());
            // The claim most corroborated (a quarter of all claims corroborate it) and the one
            // most duplicated: their corroboration reads at most 21 relations each way.
            claims::load_views(
                conn,
                &["claim-000000002".to_owned(), "claim-000000003".to_owned()],
            )?;
            // The provenance graph above the heaviest source and a source that 1,998 others
            // syndicate: a walk up `derives_from`, one level at a time.
            claimledger::store::provenance::nodes(
                conn,
                &["source-heavy".to_owned(), "source-000000100".to_owned()],
                &["subject-heavy".to_owned()],
            )?;
            contradictions::list(
                conn,
                &ContradictionFilter {
                    subject_id: Some("subject-heavy".into()),
                    ..Default::default()
                },
                None,
                51,
            )?;
            Ok::<_, claimledger::store::StoreError>(())
        })
        .await;
    ran.push((
        "read a claim, its history and its subject's flags",
        statements,
    ));
    // A new capture's recheck of the heaviest source: its latest capture, then batch after
    // batch of its citations in id order, each from where the last ended.
    let (_, statements) = env
        .read_recorded(|conn| {
            claimledger::store::captures::latest(conn, "source-heavy")?;
            let first = claimledger::store::quote_checks::to_recheck(
                conn,
                "source-heavy",
                None,
                None,
                500,
            )?;
            let last = first.last().map(|(id, _)| id.clone());
            claimledger::store::quote_checks::to_recheck(
                conn,
                "source-heavy",
                None,
                last.as_deref(),
                500,
            )?;
            claimledger::store::quote_checks::to_recheck(
                conn,
                "source-heavy",
                Some("claim-000000010"),
                None,
                500,
            )?;
            Ok::<_, claimledger::store::StoreError>(())
        })
        .await;
    ran.push(("a recheck batch of the heaviest source", statements));
    let (intervals, statements) = env
        .read_recorded(|conn| {
            claimledger::store::estimates::intervals(
                conn,
                &claimledger::store::estimates::EstimateFilter {
                    subject_id: "subject-heavy".into(),
                    property: "fatalities".into(),
                    occurred_from: None,
                    occurred_to: None,
                },
            )
        })
        .await;
    assert!(
        intervals.is_some_and(|i| i.len() > 1000),
        "the heaviest subject's fatalities are an estimate of over a thousand claims"
    );
    assert_no_scans(&env, &ran);
    // An estimate reconciles every claim of its subject and property (at most
    // `estimates::MAX_CLAIMS`): it collects them by design, from the index that holds exactly
    // those, never the subject's other claims.
    let mut conn = env.outside_connection();
    // The claims, then which of them are superseded (the second must probe, as every other).
    let [statement, superseded] = &statements[..] else {
        panic!("two statements per estimate: {statements:?}");
    };
    assert_no_scans(
        &env,
        &[(
            "which claims of an estimate are superseded",
            vec![superseded.clone()],
        )],
    );
    let plan = explain(&mut conn, env.backend, statement);
    assert!(
        plan.iter().any(|l| l.contains("claims_subject_property"))
            && !plan
                .iter()
                .any(|l| l.contains("SCAN claims") || l.contains("Seq Scan")),
        "{plan:#?}"
    );

    // As of a past instant: the claims that had been about the subject and property, from
    // `claim_subject_history`, each one's revision then by a probe of `revisions`; then the
    // relations that superseded them, probed per claim. And a series of the heaviest
    // estimate: too many revisions, found by probes, not by a walk of the ledger.
    let heavy = claimledger::store::estimates::EstimateFilter {
        subject_id: "subject-heavy".into(),
        property: "fatalities".into(),
        occurred_from: None,
        occurred_to: None,
    };
    let at = chrono::Utc::now().naive_utc();
    let filter = heavy.clone();
    let (past, statements) = env
        .read_recorded(move |conn| claimledger::store::estimates::intervals_at(conn, &filter, at))
        .await;
    let past = past.expect("under the cap");
    assert!(past.len() > 1000, "{}", past.len());
    assert!(past.iter().any(|(i, _)| i.superseded));
    let [claims_then, rest @ ..] = &statements[..] else {
        panic!("statements: {statements:?}");
    };
    assert_no_scans(
        &env,
        &[(
            "which claims of a past estimate were superseded",
            rest.to_vec(),
        )],
    );
    let plan = explain(&mut conn, env.backend, claims_then);
    assert!(
        plan.iter()
            .any(|l| l.contains("claim_subject_history_since"))
            && plan.iter().any(|l| l.contains("revisions_created"))
            && !plan.iter().any(|l| {
                l.contains("SCAN claim_subject_history")
                    || l.contains("SCAN revisions")
                    || l.contains("SCAN p")
                    || l.contains("Seq Scan")
            }),
        "{plan:#?}"
    );
    let (series, statements) = env
        .read_recorded(move |conn| {
            claimledger::store::estimates::series(conn, &heavy, 0.5, None, at)
        })
        .await;
    assert_eq!(
        series.err(),
        Some(claimledger::store::estimates::SeriesLimit::Revisions)
    );
    let [candidates, rest @ ..] = &statements[..] else {
        panic!("statements: {statements:?}");
    };
    assert_no_scans(&env, &[("the revisions of a series", rest.to_vec())]);
    let plan = explain(&mut conn, env.backend, candidates);
    assert!(
        plan.iter()
            .any(|l| l.contains("claim_subject_history_since")),
        "{plan:#?}"
    );
});

// The relation filters of claim lists, a claim's relations, its canonical claim and the claims
// that supersede it: index probes of one claim's relations, the most related claim (5,000
// relations) as cheap as a rare one.
both_backends!(
    relation_reads_start_from_selective_indexes,
    |env| async move {
        use claimledger::domain::relation::RelationKind;
        use claimledger::store::relations::{self, RelationFilter};
        env.load_skewed().await;
        let _recording = claimledger::db::record_statements();
        let mut ran: Vec<(&str, Vec<String>)> = Vec::new();
        let filters: [(&str, ClaimFilter); 4] = [
            (
                "related to the most related claim",
                ClaimFilter {
                    related_to: Some("claim-000000002".into()),
                    ..Default::default()
                },
            ),
            (
                "related to a rare claim",
                ClaimFilter {
                    related_to: Some("claim-000000015".into()),
                    ..Default::default()
                },
            ),
            (
                "the duplicates of a canonical claim",
                ClaimFilter {
                    related_to: Some("claim-000000003".into()),
                    relation: Some(RelationKind::DuplicateOf),
                    ..Default::default()
                },
            ),
            (
                "related to the most related claim, citing the heaviest source",
                ClaimFilter {
                    related_to: Some("claim-000000002".into()),
                    source_id: Some("source-heavy".into()),
                    ..Default::default()
                },
            ),
        ];
        for (filter_name, filter) in filters {
            for (sort_name, sort) in [
                ("newest first", ClaimSort::CreatedAt { descending: true }),
                ("oldest first", ClaimSort::CreatedAt { descending: false }),
            ] {
                let filter = filter.clone();
                let (_, statements) = env
                    .read_recorded(move |conn| {
                        let page = claims::list_ids(conn, &filter, sort, None, 51)?;
                        let ids: Vec<String> = page.into_iter().map(|(id, _)| id).collect();
                        claims::load_views(conn, &ids)
                    })
                    .await;
                ran.push((
                    Box::leak(format!("list {filter_name}, {sort_name}").into_boxed_str()),
                    statements,
                ));
            }
        }
        for (name, filter) in [
            (
                "the relations of the most related claim",
                RelationFilter {
                    claim_id: Some("claim-000000002".into()),
                    ..Default::default()
                },
            ),
            (
                "the supersedes relations of the most related claim",
                RelationFilter {
                    claim_id: Some("claim-000000002".into()),
                    kind: Some(RelationKind::Supersedes),
                    ..Default::default()
                },
            ),
            (
                "the duplicate_of relations",
                RelationFilter {
                    kind: Some(RelationKind::DuplicateOf),
                    ..Default::default()
                },
            ),
        ] {
            let (_, statements) = env
                .read_recorded(move |conn| relations::list(conn, &filter, None, 51))
                .await;
            ran.push((name, statements));
        }
        let (canonical, statements) = env
            .read_recorded(|conn| {
                let canonical = relations::canonical_of(conn, "claim-000000101")?;
                relations::is_superseded(conn, "claim-000000015")?;
                relations::superseded_by(conn, "claim-000000015")?;
                Ok::<_, diesel::result::Error>(canonical)
            })
            .await;
        assert_eq!(canonical.as_deref(), Some("claim-000000003"));
        ran.push((
            "a claim's canonical claim and what supersedes it",
            statements,
        ));
        // As of an instant: the relations live then, per kind, by the same probes (the most
        // related claim, a superseded one, a duplicate), and whether a past estimate's claims
        // were superseded then.
        let at = chrono::Utc::now().naive_utc();
        let (views, statements) = env
            .read_recorded(move |conn| {
                let mut views = Vec::new();
                for id in ["claim-000000002", "claim-000000015", "claim-000000101"] {
                    views.push(claims::as_of(conn, id, at)?.expect("existed then"));
                }
                relations::related_at(
                    conn,
                    &["claim-000000002", "claim-000000015"],
                    RelationKind::Supersedes,
                    relations::End::To,
                    at,
                    1,
                )?;
                relations::live_at(conn, &["rel-s-000000015", "rel-c-000000004"], at)?;
                Ok::<_, claimledger::store::StoreError>(views)
            })
            .await;
        assert!(!views[0].corroboration.corroborated_by.is_empty());
        assert_eq!(views[1].superseded_by, ["claim-000000016"]);
        assert_eq!(views[2].canonical_id.as_deref(), Some("claim-000000003"));
        ran.push(("a claim's relations as of an instant", statements));
        assert_no_scans(&env, &ran);
    }
);

both_backends!(
    the_review_queue_and_the_reverse_derivation_walk_probe_indexes,
    |env| async move {
        use claimledger::store::impacts::{self, ReviewReason};
        use claimledger::store::review_queue::{self, Cursor, Filter};
        env.load_skewed().await;
        let now = match env.backend {
            Backend::Postgres => "(now() AT TIME ZONE 'utc')",
            Backend::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', 'now')",
        };
        // The heaviest source (10,000 citing claims) is retracted and two sources derive from
        // it; a source with 10 quotes lost; the claim 5,000 others corroborate is retracted.
        // One pair is cleared.
        let sql = format!(
            "INSERT INTO source_derivations (source_id, derives_from_id, relation) VALUES
                ('source-000000005', 'source-heavy', 'syndicates'),
                ('source-000000006', 'source-000000005', 'quotes');
             INSERT INTO impacts (id, reason, target_kind, target_id, trigger_kind, trigger_id,
                                  trigger_revision, revision, head_hash, created_at, updated_at, created_by) VALUES
                ('impact-1', 'source_retracted', 'source', 'source-heavy', 'sources', 'source-heavy', 2, 1, '', {now}, {now}, 'bulk-user'),
                ('impact-2', 'quote_missing', 'source', 'source-000000042', 'captures', 'capture-x', 1, 1, '', {now}, {now}, 'bulk-user'),
                ('impact-3', 'related_claim_retracted', 'claim', 'claim-000000002', 'claims', 'claim-000000002', 2, 1, '', {now}, {now}, 'bulk-user');
             INSERT INTO review_decisions (id, impact_id, claim_id, note, revision, head_hash, created_at, updated_at, created_by)
                VALUES ('decision-1', 'impact-1', 'claim-000000002', 'ok', 1, '', {now}, {now}, 'bulk-user');
             UPDATE citations SET quote_lost_capture_id = 'capture-x' WHERE source_id = 'source-000000042';
             ANALYZE;"
        );
        let mut conn = env.outside_connection();
        tokio::task::spawn_blocking(move || conn.batch_execute(&sql))
            .await
            .unwrap()
            .unwrap();
        let _recording = claimledger::db::record_statements();
        let mut ran: Vec<(&str, Vec<String>)> = Vec::new();
        let (walk, statements) = env
            .read_recorded(|conn| review_queue::derived_from(conn, "source-heavy"))
            .await;
        assert_eq!(walk.len(), 3, "the source and the two deriving from it");
        ran.push(("the reverse derivation walk", statements));
        for (name, filter) in [
            ("the queue", Filter::default()),
            (
                "the queue, downstream only",
                Filter {
                    reason: Some(ReviewReason::UpstreamSourceRetracted),
                    ..Default::default()
                },
            ),
            (
                "the queue of quotes lost",
                Filter {
                    reason: Some(ReviewReason::QuoteMissing),
                    ..Default::default()
                },
            ),
            (
                "the queue of a retracted claim's relations",
                Filter {
                    reason: Some(ReviewReason::RelatedClaimRetracted),
                    ..Default::default()
                },
            ),
            (
                "the queue about the heaviest subject, tagged ttp",
                Filter {
                    subject_id: Some("subject-heavy".into()),
                    tag: Some("ttp".into()),
                    ..Default::default()
                },
            ),
        ] {
            let (page, statements) = env
                .read_recorded(move |conn| {
                    let first = review_queue::page(conn, &filter, None, 50)?;
                    let next = first.next.clone();
                    if let Some(next) = &next {
                        review_queue::page(conn, &filter, Some(next), 50)?;
                    }
                    Ok::<_, claimledger::store::StoreError>(first)
                })
                .await;
            assert!(!page.items.is_empty(), "{name}: nothing queued");
            assert!(page.scanned <= review_queue::SCAN_BUDGET + 100, "{name}");
            ran.push((name, statements));
        }
        // Going on from the middle of the heaviest impact, and the check of a clear.
        let (_, statements) = env
            .read_recorded(|conn| {
                let cursor = Cursor {
                    impact_id: "impact-1".into(),
                    claim_id: Some("claim-000010000".into()),
                };
                review_queue::page(conn, &Filter::default(), Some(&cursor), 50)?;
                for id in ["impact-1", "impact-2", "impact-3"] {
                    let impact = impacts::find(conn, id)?.unwrap();
                    review_queue::path_for(conn, &impact, "claim-000000010")?;
                }
                impacts::decision_for(conn, "impact-1", "claim-000000010")?;
                Ok::<_, claimledger::store::StoreError>(())
            })
            .await;
        ran.push((
            "a page from the middle, and the checks of a clear",
            statements,
        ));
        // One claim's review, up from the claim: claim 40 cites the heaviest source and the
        // one whose quotes were lost, and corroborates the claim 5,000 others corroborate;
        // that claim itself (its relations read 101 a side); one tagged and about a subject.
        for (name, claim, filter) in [
            ("one claim's review", "claim-000000040", Filter::default()),
            (
                "the review of the most related claim",
                "claim-000000002",
                Filter::default(),
            ),
            (
                "one claim's review, filtered",
                "claim-000000040",
                Filter {
                    reason: Some(ReviewReason::QuoteMissing),
                    subject_id: Some("subject-heavy".into()),
                    tag: Some("ttp".into()),
                },
            ),
        ] {
            let (review, statements) = env
                .read_recorded(move |conn| {
                    review_queue::for_claim(conn, claim, &filter, None).map(Option::unwrap)
                })
                .await;
            if name == "one claim's review" {
                let mut reasons: Vec<String> =
                    review.items.iter().map(|i| i.reason.to_string()).collect();
                reasons.sort();
                assert_eq!(
                    reasons,
                    [
                        "quote_missing",
                        "related_claim_retracted",
                        "source_retracted"
                    ],
                    "{name}"
                );
            }
            ran.push((name, statements));
        }
        assert_no_scans(&env, &ran);
    }
);
