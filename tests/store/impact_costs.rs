//! The cost of the impact step (issue 17 §3), a measurement rather than a test: the write that
//! retracts a source, the first page of the review queue, and one claim's review (what its
//! `review_status` reads), with N = 10, 1,000 and 100,000 claims citing the source (loaded in
//! bulk SQL). Run:
//!
//! `TEST_DATABASE_URL=postgres://… cargo test --release --test store impact_costs -- --ignored --nocapture --test-threads 1`

use std::time::{Duration, Instant};

use claimledger::db::Backend;
use claimledger::store::engine;
use claimledger::store::review_queue::{self, Filter};
use claimledger::store::sources::Source;
use diesel::connection::SimpleConnection;

use crate::helpers::Env;

fn bulk_claims(backend: Backend, source: &str, user: &str, n: i64) -> String {
    let (series, now) = match backend {
        Backend::Postgres => (
            format!("SELECT generate_series(1, {n}) AS i"),
            "(now() AT TIME ZONE 'utc')",
        ),
        Backend::Sqlite => (
            format!(
                "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) \
                 SELECT i FROM s"
            ),
            "strftime('%Y-%m-%d %H:%M:%f', 'now')",
        ),
    };
    let pad = match backend {
        Backend::Postgres => "lpad(i::text, 9, '0')",
        Backend::Sqlite => "printf('%09d', i)",
    };
    format!(
        "BEGIN;
INSERT INTO claims (id, statement, statement_key, occurred_sort, confidence, verdict, search_text,
                    revision, head_hash, created_at, updated_at, created_by)
    SELECT 'bulk-' || {pad}, 'Bulk claim ' || i, 'bulk-' || i, {now}, 0.5, 'unreviewed', 'bulk claim',
           1, '', {now}, {now}, '{user}'
    FROM ({series}) s;
INSERT INTO citations (id, claim_id, source_id, position)
    SELECT 'bulk-cite-' || {pad}, 'bulk-' || {pad}, '{source}', 0 FROM ({series}) s;
COMMIT;
ANALYZE;"
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn measure(backend: Backend) {
    for n in [10i64, 1_000, 100_000] {
        let Some(env) = Env::open(backend, 4).await else {
            println!("{backend:?}: not configured");
            return;
        };
        let sql = bulk_claims(backend, &env.source_id, &env.author.user_id, n);
        let mut conn = env.outside_connection();
        tokio::task::spawn_blocking(move || conn.batch_execute(&sql))
            .await
            .unwrap()
            .unwrap();
        // The retraction's write (with the impact in its transaction), 5 times: each time
        // restored first (not timed).
        let mut writes = Vec::new();
        for round in 0..5 {
            if round > 0 {
                let source = env.source_id.clone();
                env.write(move |tx, ledger, author| {
                    let current = engine::get::<Source>(tx.conn(), &source)?;
                    engine::set_retracted(tx, ledger, &current, None, author)
                })
                .await;
            }
            let source = env.source_id.clone();
            let started = Instant::now();
            env.write(move |tx, ledger, author| {
                let current = engine::get::<Source>(tx.conn(), &source)?;
                engine::set_retracted(tx, ledger, &current, Some("withdrawn".into()), author)
            })
            .await;
            writes.push(started.elapsed());
        }
        // The first page of the queue (50 items), 9 times.
        let mut reads = Vec::new();
        let mut items = 0;
        for _ in 0..9 {
            let started = Instant::now();
            let page = env
                .read(|conn| review_queue::page(conn, &Filter::default(), None, 50))
                .await;
            reads.push(started.elapsed());
            items = page.items.len();
        }
        // One claim's review (its `review_status`, `?claim_id=`), found up from the claim: the
        // last bulk claim, 9 times.
        let mut own = Vec::new();
        let mut open = 0;
        let last = format!("bulk-{n:09}");
        for _ in 0..9 {
            let claim = last.clone();
            let started = Instant::now();
            let review = env
                .read(move |conn| review_queue::for_claim(conn, &claim, &Filter::default(), None))
                .await
                .expect("the claim exists");
            own.push(started.elapsed());
            open = review.items.len();
        }
        println!(
            "{backend:?} N={n:>6}: retract write median {:?} (first {:?}); first queue page ({items} items) median {:?}; one claim's review ({open} open) median {:?}",
            median(writes.clone()),
            writes[0],
            median(reads),
            median(own)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; prints its figures"]
async fn measure_on_sqlite() {
    measure(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement; prints its figures"]
async fn measure_on_postgres() {
    measure(Backend::Postgres).await;
}
