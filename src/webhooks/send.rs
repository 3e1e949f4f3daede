//! One HTTP attempt: the signed POST, its timeouts, and at most [`MAX_RESPONSE_BYTES`] of the
//! answer read (the first [`EXCERPT_CHARS`] kept for the delivery log). And the retry
//! schedule.

use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeDelta};
use rand::RngExt;

use crate::config::WebhookConfig;
use crate::webhooks::{net, sign};

/// The most of a receiver's answer that is read.
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;
/// How much of it the delivery log keeps.
pub const EXCERPT_CHARS: usize = 1000;

/// What an attempt found.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: Option<u16>,
    pub latency_ms: i64,
    pub response: Option<String>,
    pub error: Option<String>,
    /// The receiver's `Retry-After`, if it sent one.
    pub retry_after: Option<Duration>,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    fn refused(error: String) -> Self {
        Self {
            status: None,
            latency_ms: 0,
            response: None,
            error: Some(error),
            retry_after: None,
        }
    }
}

/// POSTs `body` to `url`, signed with `secrets` (Standard Webhooks headers).
pub async fn attempt(
    client: &reqwest::Client,
    config: &WebhookConfig,
    url: &str,
    secrets: &[String],
    msg_id: &str,
    body: &str,
) -> Outcome {
    if let Some(reason) = net::refuse_target(url, config) {
        return Outcome::refused(format!("not sent: the URL {reason}"));
    }
    let timestamp = chrono::Utc::now().timestamp();
    let signature = match sign::header(secrets, msg_id, timestamp, body.as_bytes()) {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => {
            return Outcome::refused(
                "not sent: the subscription has no signing secret (rotate it)".into(),
            );
        }
        Err(e) => return Outcome::refused(format!("not sent: {e}")),
    };
    let started = Instant::now();
    let sent = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", msg_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body.to_owned())
        .send()
        .await;
    let mut response = match sent {
        Ok(r) => r,
        Err(e) => {
            return Outcome {
                latency_ms: started.elapsed().as_millis() as i64,
                ..Outcome::refused(describe(&e))
            };
        }
    };
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(parse_retry_after);
    let mut bytes = Vec::new();
    let mut error = None;
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                bytes.extend_from_slice(&chunk);
                if bytes.len() >= MAX_RESPONSE_BYTES {
                    bytes.truncate(MAX_RESPONSE_BYTES);
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                error = Some(describe(&e));
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    Outcome {
        status: Some(status),
        latency_ms: started.elapsed().as_millis() as i64,
        response: Some(text.chars().take(EXCERPT_CHARS).collect())
            .filter(|t: &String| !t.is_empty()),
        error,
        retry_after,
    }
}

/// An error without the URL's query (which may carry a token).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_redirect() {
        "redirect not followed"
    } else {
        "request failed"
    };
    let mut detail = String::new();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        detail = inner.to_string();
        source = inner.source();
    }
    match detail.is_empty() {
        true => kind.to_owned(),
        false => format!("{kind}: {detail}"),
    }
}

/// `Retry-After`: seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(value.trim()).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now())
        .to_std()
        .ok()
}

/// When to try again after the `attempts`-th failed attempt, or None when the retry window
/// (counted from the first attempt) has run out. The delay doubles from `retry_base` up to
/// `retry_max`, each drawn from ±20 % around it (jitter, so receivers coming back are not hit by
/// every sender at once); a receiver's `Retry-After` is honoured up to `retry_max`.
pub fn next_attempt(
    config: &WebhookConfig,
    attempts: i64,
    first_attempt: NaiveDateTime,
    now: NaiveDateTime,
    retry_after: Option<Duration>,
) -> Option<NaiveDateTime> {
    let window = TimeDelta::from_std(config.retry_window).unwrap_or(TimeDelta::MAX);
    if now - first_attempt >= window {
        return None;
    }
    let exponent = u32::try_from(attempts.clamp(1, 40) - 1).unwrap_or(0);
    let backoff = config
        .retry_base
        .saturating_mul(2u32.saturating_pow(exponent))
        .min(config.retry_max);
    let jittered = backoff.mul_f64(rand::rng().random_range(0.8..1.2));
    let delay = match retry_after {
        Some(asked) => asked.min(config.retry_max),
        None => jittered,
    };
    Some(now + TimeDelta::from_std(delay).unwrap_or(TimeDelta::hours(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_stop_after_the_window() {
        let config = WebhookConfig::default();
        let t0 = crate::store::now();
        let mut now = t0;
        let mut attempts = 0;
        while let Some(next) = next_attempt(&config, attempts + 1, t0, now, None) {
            attempts += 1;
            assert!(next > now);
            now = next;
        }
        // At least a day of retries, and not one attempt a second.
        assert!(now - t0 >= TimeDelta::hours(24), "{}", now - t0);
        assert!((10..60).contains(&attempts), "{attempts}");
        let asked = next_attempt(&config, 1, t0, t0, Some(Duration::from_secs(120))).unwrap();
        assert_eq!(asked - t0, TimeDelta::seconds(120));
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
    }
}
