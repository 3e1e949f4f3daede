//! A webhook receiver for the tests: a small HTTP server on 127.0.0.1:0 that records every
//! request it gets and answers as told (fail the first N, hang, always fail).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How a receiver answers.
#[derive(Debug, Clone, Copy)]
pub enum Behaviour {
    Ok,
    /// 503 for the first N requests, then 200.
    FailFirst(usize),
    /// Waits this long before answering (longer than the sender's timeout).
    Hang(Duration),
    AlwaysFail,
    /// The first request waits this long (a delivery in flight); the others get 200.
    HangFirst(Duration),
}

/// One request as the receiver got it.
#[derive(Debug, Clone)]
pub struct Received {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
    /// When it arrived.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Received {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("the body is JSON")
    }

    pub fn event_type(&self) -> String {
        self.json()["type"].as_str().unwrap_or_default().to_owned()
    }
}

pub struct Receiver {
    pub url: String,
    got: Arc<Mutex<Vec<Received>>>,
    handle: actix_web::dev::ServerHandle,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        std::mem::drop(self.handle.stop(false));
    }
}

impl Receiver {
    pub async fn start(behaviour: Behaviour) -> Receiver {
        let got = Arc::new(Mutex::new(Vec::new()));
        let calls = Arc::new(AtomicUsize::new(0));
        let (kept, counter) = (Arc::clone(&got), Arc::clone(&calls));
        let server = HttpServer::new(move || {
            let (got, calls) = (Arc::clone(&kept), Arc::clone(&counter));
            App::new().default_service(web::to(move |req: HttpRequest, body: web::Bytes| {
                let (got, calls) = (Arc::clone(&got), Arc::clone(&calls));
                async move {
                    let header = |name: &str| {
                        req.headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_owned()
                    };
                    got.lock().unwrap().push(Received {
                        id: header("webhook-id"),
                        timestamp: header("webhook-timestamp"),
                        signature: header("webhook-signature"),
                        body: String::from_utf8_lossy(&body).into_owned(),
                        at: chrono::Utc::now(),
                    });
                    let n = calls.fetch_add(1, Ordering::SeqCst);
                    match behaviour {
                        Behaviour::Ok => HttpResponse::Ok().body("thanks"),
                        Behaviour::FailFirst(failures) if n < failures => {
                            HttpResponse::ServiceUnavailable().body("down for now")
                        }
                        Behaviour::FailFirst(_) => HttpResponse::Ok().body("thanks"),
                        Behaviour::Hang(d) => {
                            tokio::time::sleep(d).await;
                            HttpResponse::Ok().finish()
                        }
                        Behaviour::AlwaysFail => HttpResponse::InternalServerError().body("broken"),
                        Behaviour::HangFirst(d) => {
                            if n == 0 {
                                tokio::time::sleep(d).await;
                            }
                            HttpResponse::Ok().finish()
                        }
                    }
                }
            }))
        })
        .workers(1)
        .bind("127.0.0.1:0")
        .expect("bind a receiver");
        let port = server.addrs()[0].port();
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Receiver {
            url: format!("http://127.0.0.1:{port}/hook"),
            got,
            handle,
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    /// Waits (at most `within`) until `n` requests came; returns them.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let deadline = Instant::now() + within;
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "{} of {n} requests within {within:?}: {:?}",
                got.len(),
                got.iter().map(Received::event_type).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// Verifies a Standard Webhooks signature the way the reference libraries do: any `v1,`
/// signature of the header that matches HMAC-SHA256(secret, "{id}.{timestamp}.{body}").
pub fn verifies(secret: &str, received: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("a whsec_ secret"))
        .expect("base64");
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.{}", received.id, received.timestamp, received.body).as_bytes());
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    received.signature.split(' ').any(|s| s == expected)
}
