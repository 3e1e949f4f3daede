//! A per-instance cache of session state (revoked? user disabled? user's current role?).
//! Entries live at most `TTL`, so a revocation or a disabled account takes effect on every
//! instance within that time without a database round trip on every request.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::domain::user::Role;

pub const TTL: Duration = Duration::from_secs(2);
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Clone)]
pub struct SessionState {
    pub user_id: String,
    pub username: String,
    pub user_role: Role,
    pub user_disabled: bool,
    pub revoked: bool,
    pub expires_at: chrono::NaiveDateTime,
    pub last_used_at: Option<chrono::NaiveDateTime>,
}

#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, (Instant, SessionState)>>,
}

impl SessionCache {
    pub fn get(&self, session_id: &str) -> Option<SessionState> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(session_id)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, state)| state.clone())
    }

    pub fn put(&self, session_id: &str, state: SessionState) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _)| at.elapsed() < TTL);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(session_id.to_owned(), (Instant::now(), state));
    }

    /// Forgets a session on this instance at once (other instances catch up within `TTL`).
    pub fn forget(&self, session_id: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(session_id);
    }
}
