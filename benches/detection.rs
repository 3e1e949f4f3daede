//! Contradiction detection cost per write, at two table sizes.
//!
//! `cargo bench --bench detection` (add `-- --claims 10000,1000000` to choose sizes; set
//! `BENCH_DATABASE_URL=postgres://…` to run on PostgreSQL, else a temporary SQLite file).
//!
//! For each size it bulk-loads that many live structured claims spread over 10,000 subjects,
//! with one hot (subject, property) holding 1,000 live claims, then times writes of new
//! claims into the hot pair through the real write path (`store::claims::create`, which
//! detects in the same transaction; timed inside the write, so without the commit) and the
//! detection step alone (`detect_for`). If detection is an index probe on (subject,
//! property), the figures barely move between sizes.

use std::time::{Duration, Instant};

use std::sync::Arc;

use claimledger::config::{DatabaseUrl, Secret};
use claimledger::db::{Backend, Database, DbConn};
use claimledger::domain::claim::ClaimDoc;
use claimledger::store;
use claimledger::store::Author;
use claimledger::store::ledger::Ledger;
use diesel::Connection;
use diesel::connection::SimpleConnection;

const HOT: usize = 1_000;
const TIMED_WRITES: usize = 200;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let sizes: Vec<usize> = std::env::args()
        .skip_while(|a| a != "--claims")
        .nth(1)
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 1_000_000]);
    println!(
        "detection benchmark: {TIMED_WRITES} timed writes into a hot (subject, property) of {HOT} live claims"
    );
    println!(
        "{:>10} {:>8} {:>16} {:>16} {:>16}",
        "claims", "backend", "create p50 (µs)", "create p99 (µs)", "detect p50 (µs)"
    );
    for size in sizes {
        let (url, _guard) = fresh_database(size)?;
        let db = Database::open(&url, Some(1), Default::default())?;
        let backend = db.backend();
        let ledger = Arc::new(Ledger::new(Secret::new(
            "bench-ledger-key-bench-ledger-key-0123",
        )));
        claimledger::startup::adopt_shipped_properties(&db, &ledger).await?;
        let (author, source, hot_subject) =
            db.write(move |tx| load(tx.conn(), size)).await?.value?;
        let author = Author::new(author);
        let mut create_times = Vec::new();
        let mut detect_times = Vec::new();
        for i in 0..TIMED_WRITES {
            // [10, 10+i]: overlaps every hot claim ([10, ∞)), so no flag is written: the
            // figure is the cost of looking, which is what must not grow with the table.
            let doc: ClaimDoc = serde_json::from_value(serde_json::json!({
                "statement": format!("bench write {i} at size {size}"),
                "subject_id": hot_subject, "property": "injured",
                "value": {"type": "quantity", "lower": 10, "upper": 10 + i, "unit": "people"},
                "confidence": 0.5,
                "citations": [{"source_id": source}]
            }))?;
            let claim = doc.validate().map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let (ledger, author) = (Arc::clone(&ledger), author.clone());
            let timed = db
                .write(move |tx| {
                    let started = Instant::now();
                    let record = store::claims::create(tx, &ledger, claim, &author)?;
                    let create = started.elapsed();
                    let started = Instant::now();
                    store::contradictions::detect_for(tx, &ledger, &record.meta.id, &author)?;
                    Ok::<_, store::StoreError>((create, started.elapsed()))
                })
                .await?
                .value?;
            create_times.push(timed.0);
            detect_times.push(timed.1);
        }
        println!(
            "{:>10} {:>8} {:>16} {:>16} {:>16}",
            size,
            match backend {
                Backend::Postgres => "postgres",
                Backend::Sqlite => "sqlite",
            },
            micros(percentile(&mut create_times, 0.50)),
            micros(percentile(&mut create_times, 0.99)),
            micros(percentile(&mut detect_times, 0.50)),
        );
    }
    Ok(())
}

fn micros(d: Duration) -> u128 {
    d.as_micros()
}

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() as f64 - 1.0) * p).round() as usize]
}

/// A new empty database for one size, and what removes it afterwards.
fn fresh_database(size: usize) -> anyhow::Result<(DatabaseUrl, Option<tempfile::TempDir>)> {
    match std::env::var("BENCH_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!("claimledger_bench_{size}");
            let mut conn = diesel::pg::PgConnection::establish(&admin)?;
            // Two calls: a multi-statement string runs as one transaction, and neither
            // statement may run inside one.
            conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))?;
            conn.batch_execute(&format!("CREATE DATABASE {name}"))?;
            let base = &admin[..admin.rfind('/').unwrap_or(admin.len())];
            Ok((DatabaseUrl::Postgres(format!("{base}/{name}")), None))
        }
        _ => {
            let dir = tempfile::tempdir()?;
            Ok((DatabaseUrl::Sqlite(dir.path().join("bench.db")), Some(dir)))
        }
    }
}

/// Bulk-loads `size` structured claims in plain SQL (the API would take far longer) and
/// returns (author id, source id, hot subject id).
fn load(conn: &mut DbConn, size: usize) -> anyhow::Result<(String, String, String)> {
    let postgres = conn.backend() == Backend::Postgres;
    let series = |n: usize| {
        if postgres {
            format!("SELECT generate_series(1, {n}) AS i")
        } else {
            format!(
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s"
            )
        }
    };
    let now = if postgres {
        "(now() AT TIME ZONE 'utc')"
    } else {
        "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    };
    let pad = |expr: &str| {
        if postgres {
            format!("lpad(({expr})::text, 9, '0')")
        } else {
            format!("printf('%09d', {expr})")
        }
    };
    let sql = format!(
        "INSERT INTO users (id, username, role, disabled, password_hash, revision, created_at, updated_at)
             VALUES ('bench-user', 'bench', 'admin', FALSE, 'x', 1, {now}, {now});
         INSERT INTO sources (id, kind, title, search_text, reliability, revision, head_hash, created_at, updated_at, created_by)
             VALUES ('bench-source', 'report', 'Bench source', 'bench source', 'F', 1, '', {now}, {now}, 'bench-user');
         INSERT INTO entities (id, kind, name, search_text, revision, head_hash, created_at, updated_at, created_by)
             SELECT 'subject-' || {subject}, 'event', 'Subject ' || i, 'subject', 1, '', {now}, {now}, 'bench-user' FROM ({entities}) s;
         INSERT INTO entities (id, kind, name, search_text, revision, head_hash, created_at, updated_at, created_by)
             VALUES ('subject-hot', 'event', 'Hot subject', 'hot', 1, '', {now}, {now}, 'bench-user');
         INSERT INTO claims (id, statement, statement_key, subject_id, property, value, value_lower, value_upper,
                             occurred_sort, confidence, verdict, search_text, revision, head_hash, created_at, updated_at, created_by)
             SELECT 'claim-' || {claim}, 'Bulk claim ' || i, 'key-' || i,
                    CASE WHEN i <= {HOT} THEN 'subject-hot' ELSE 'subject-' || {spread} END,
                    CASE WHEN i <= {HOT} THEN 'injured' ELSE (CASE i % 3 WHEN 0 THEN 'injured' WHEN 1 THEN 'fatalities' ELSE 'fatalities.police' END) END,
                    '{{\"type\":\"quantity\",\"lower\":10,\"upper\":null,\"unit\":\"people\"}}', 10, NULL,
                    '9999-12-31 00:00:00', 0.5, 'unreviewed', 'bulk claim', 1, '', {now}, {now}, 'bench-user'
             FROM ({claims}) s;",
        subject = pad("i"),
        entities = series(10_000),
        claim = pad("i"),
        spread = pad("(i % 10000) + 1"),
        claims = series(size),
    );
    let sql = if postgres {
        sql
    } else {
        sql.replace("FALSE", "0")
    };
    conn.batch_execute(&sql)?;
    conn.batch_execute("ANALYZE")?;
    Ok((
        "bench-user".into(),
        "bench-source".into(),
        "subject-hot".into(),
    ))
}
