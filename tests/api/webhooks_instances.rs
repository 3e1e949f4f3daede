//! Webhooks across instances and crashes (issue 16): two instances on one database send each
//! event once between them; a server killed with SIGKILL while a delivery is in flight sends
//! it again after a restart, with the same webhook-id, and then everything after it, once (on
//! both backends).

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{Value, json};

use crate::fixtures::{Team, id, source_body};
use crate::helpers::{JWT_SECRET, TestApp, spawn_app_with};
use crate::process::{ADMIN_PASSWORD, Server};
use crate::receiver::{Behaviour, Receiver, verifies};
use crate::webhooks::fast;

const PATIENCE: Duration = Duration::from_secs(30);

async fn two_instances_send_each_event_once(first: TestApp) {
    let second = spawn_app_with(first.db.clone(), fast).await;
    let team = Team::new(&first).await;
    let receiver = Receiver::start(Behaviour::Ok).await;
    let body = json!({"url": receiver.url, "event_types": ["source.created"]});
    let created: Value = first
        .post_json("/v1/webhooks", &team.admin, &body)
        .await
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();

    // A burst of writes on both instances at once.
    let burst = 40;
    let writes = (0..burst).map(|n| {
        let app = if n % 2 == 0 { &first } else { &second };
        let token = team.editor.clone();
        async move {
            app.create_source(&token, &source_body(&format!("Burst {n}")))
                .await
        }
    });
    let sources = futures_util::future::join_all(writes).await;
    let got = receiver.wait_for(burst, PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = receiver.received().len().max(got.len());
    assert_eq!(got, burst, "each event once, by one of the two instances");
    let mut seen = BTreeMap::new();
    for received in receiver.received() {
        assert!(verifies(&secret, &received));
        *seen
            .entry(received.json()["data"]["id"].as_str().unwrap().to_owned())
            .or_insert(0) += 1;
    }
    for source in &sources {
        assert_eq!(seen.get(&id(source)), Some(&1), "{seen:?}");
    }
}

mod two_instances_on_one_database_send_each_event_once {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Sqlite).unwrap();
        two_instances_send_each_event_once(spawn_app_with(db, fast).await).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn postgres() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres)
            .expect(crate::helpers::PG_URL_GONE);
        two_instances_send_each_event_once(spawn_app_with(db, fast).await).await;
    }
}

/// The binary, with the tests' fast webhook settings: on embedded SQLite in `dir`, or on the
/// PostgreSQL database `postgres` (with the secrets PostgreSQL needs).
async fn serve(dir: &std::path::Path, postgres: Option<&str>) -> Server {
    let dir = dir.to_owned();
    let postgres = postgres.map(str::to_owned);
    tokio::task::spawn_blocking(move || {
        let mut envs = vec![
            ("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("CLAIMLEDGER_WEBHOOK_ALLOW_HTTP", "true"),
            ("CLAIMLEDGER_WEBHOOK_ALLOW_PRIVATE", "true"),
            ("CLAIMLEDGER_WEBHOOK_POLL_MS", "50"),
            ("CLAIMLEDGER_WEBHOOK_TIMEOUT", "1"),
            ("CLAIMLEDGER_WEBHOOK_RETRY_BASE", "1"),
        ];
        if let Some(url) = &postgres {
            envs.extend([
                ("DATABASE_URL", url.as_str()),
                ("CLAIMLEDGER_JWT_SECRET", JWT_SECRET),
                ("CLAIMLEDGER_LEDGER_KEY", JWT_SECRET),
            ]);
        }
        Server::start(&dir, &envs)
    })
    .await
    .unwrap()
}

mod a_server_killed_mid_delivery_sends_it_again_after_a_restart_and_then_the_rest {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        killed_mid_delivery(None).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
    async fn postgres() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres)
            .expect(crate::helpers::PG_URL_GONE);
        let claimledger::config::DatabaseUrl::Postgres(url) = &db.url else {
            unreachable!()
        };
        killed_mid_delivery(Some(url)).await;
    }
}

async fn killed_mid_delivery(postgres: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    // The first request hangs longer than the kill takes: it is never acknowledged.
    let receiver = Receiver::start(Behaviour::HangFirst(Duration::from_secs(20))).await;
    let mut server = serve(dir.path(), postgres).await;
    let client = reqwest::Client::new();
    let login: Value = client
        .post(server.url("/v1/auth/token"))
        .json(&json!({"username": "admin", "password": ADMIN_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["access_token"].as_str().unwrap().to_owned();
    let body = json!({"url": receiver.url, "event_types": ["source.created"]});
    let created: Value = client
        .post(server.url("/v1/webhooks"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let secret = created["secret"].as_str().unwrap().to_owned();
    for n in 0..5 {
        let response = client
            .post(server.url("/v1/sources"))
            .bearer_auth(&token)
            .json(&source_body(&format!("Before the crash {n}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
    }
    let in_flight = receiver.wait_for(1, PATIENCE).await[0].clone();

    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    let _restarted = serve(dir.path(), postgres).await;

    receiver.wait_for(6, PATIENCE).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = receiver
        .received()
        .into_iter()
        .filter(|r| !r.id.is_empty())
        .collect::<Vec<_>>();
    assert_eq!(
        got.len(),
        6,
        "the unacknowledged one twice, the rest once: {got:?}"
    );
    assert_eq!(
        got[1].id, in_flight.id,
        "sent again with the same webhook-id"
    );
    assert_eq!(got[1].body, in_flight.body);
    let titles: Vec<String> = got[1..]
        .iter()
        .map(|r| {
            r.json()["data"]["record"]["title"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        titles,
        (0..5)
            .map(|n| format!("Before the crash {n}"))
            .collect::<Vec<_>>()
    );
    assert!(got.iter().all(|r| verifies(&secret, r)));
}

/// Delivery throughput and lag under a burst of claim creations (16 writers, 800 claims; and
/// one writer, 200 claims):
/// `cargo test --test api webhook_throughput -- --ignored --nocapture`. Prints events/s to a
/// local receiver and the lag from each revision's commit time to its arrival.
async fn measure(app: TestApp, writers: usize, each: usize) {
    let team = Team::new(&app).await;
    let receiver = Receiver::start(Behaviour::Ok).await;
    let body = json!({"url": receiver.url, "event_types": ["claim.created"]});
    let response = app.post_json("/v1/webhooks", &team.admin, &body).await;
    assert_eq!(response.status(), 201);
    let source = app.source_id(&team.editor, "Load").await;
    let started = std::time::Instant::now();
    let writes = (0..writers).map(|w| {
        let (app, token, source) = (&app, team.editor.clone(), source.clone());
        async move {
            for n in 0..each {
                let claim = crate::fixtures::claim_body(&format!("Load claim {w}-{n}"), &source);
                app.create_claim(&token, &claim).await;
            }
        }
    });
    futures_util::future::join_all(writes).await;
    let written = started.elapsed();
    let got = receiver
        .wait_for(writers * each, Duration::from_secs(600))
        .await;
    let delivered = started.elapsed();
    let mut lags: Vec<f64> = got
        .iter()
        .map(|r| {
            let created: chrono::DateTime<chrono::Utc> = r.json()["data"]["created_at"]
                .as_str()
                .unwrap()
                .parse()
                .unwrap();
            (r.at - created).num_microseconds().unwrap() as f64 / 1000.0
        })
        .collect();
    lags.sort_by(f64::total_cmp);
    let pct = |p: f64| lags[((lags.len() as f64 * p) as usize).min(lags.len() - 1)];
    let span = (got.last().unwrap().at - got[0].at).num_milliseconds() as f64 / 1000.0;
    println!(
        "{:?}: {} claims written in {:.1} s ({:.0}/s); delivered {} events in {:.1} s from the first \
         write ({:.0} events/s while delivering); lag commit→arrival p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        app.backend,
        writers * each,
        written.as_secs_f64(),
        (writers * each) as f64 / written.as_secs_f64(),
        got.len(),
        delivered.as_secs_f64(),
        got.len() as f64 / span.max(0.001),
        pct(0.5),
        pct(0.99),
        lags.last().unwrap()
    );
}

mod webhook_throughput {
    use super::*;

    /// The default poll interval (1 s), as deployed.
    fn deployed(config: &mut claimledger::config::Config) {
        fast(config);
        config.webhooks.poll_interval = Duration::from_secs(1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a measurement, not a test: run with --ignored --nocapture"]
    async fn sqlite() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Sqlite).unwrap();
        measure(spawn_app_with(db, deployed).await, 16, 50).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a measurement, not a test: run with --ignored --nocapture"]
    async fn postgres() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres)
            .expect(crate::helpers::PG_URL_GONE);
        measure(spawn_app_with(db, deployed).await, 16, 50).await;
    }

    /// One writer, one claim at a time: the lag when the sender keeps up.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a measurement, not a test: run with --ignored --nocapture"]
    async fn one_writer_sqlite() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Sqlite).unwrap();
        measure(spawn_app_with(db, deployed).await, 1, 200).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[ignore = "a measurement, not a test: run with --ignored --nocapture"]
    async fn one_writer_postgres() {
        let db = crate::helpers::TestDatabase::create(crate::helpers::Backend::Postgres)
            .expect(crate::helpers::PG_URL_GONE);
        measure(spawn_app_with(db, deployed).await, 1, 200).await;
    }
}
