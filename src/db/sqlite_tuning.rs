//! Process-wide SQLite settings, applied before the first connection is opened.
//!
//! `.cargo/config.toml` builds the bundled SQLite with `LIBSQLITE3_FLAGS =
//! "-USQLITE_ENABLE_MEMORY_MANAGEMENT -DSQLITE_DEFAULT_MEMSTATUS=0"`: with eight pooled
//! connections reading at once, SQLite's allocation statistics (MEMSTATUS, one global mutex per
//! allocation) and its unified page cache (MEMORY_MANAGEMENT, one mutex for every connection's
//! cache) cost more CPU than the queries. Cargo reads that file only when it runs inside this
//! folder: `cargo install --path`, `cargo build --manifest-path` from elsewhere, or a crate
//! that depends on this one build SQLite with libsqlite3-sys's defaults.
//!
//! MEMSTATUS is also a run-time setting (`sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0)`, allowed
//! only before SQLite initialises itself, that is before the first connection): it is switched
//! off here whatever the build. MEMORY_MANAGEMENT is compile-time only; a binary built with it
//! says so once in the log.

use std::ffi::{CStr, c_int};
use std::sync::Once;

static CONFIGURE: Once = Once::new();

/// Switches SQLite's memory statistics off, once per process, before any connection opens
/// (`ConnectionManager::establish` calls it). Harmless when the build already did so.
pub fn configure_once() {
    CONFIGURE.call_once(|| {
        // SAFETY: sqlite3_config takes SQLITE_CONFIG_MEMSTATUS with one int argument. It may
        // be called only while SQLite is not initialised and no other thread uses SQLite:
        // otherwise it returns SQLITE_MISUSE and changes nothing (a connection opened before
        // this, outside the ConnectionManager, e.g. by a test), which is only a lost
        // optimisation.
        let off: c_int = 0;
        let rc =
            unsafe { libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, off) };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(
                rc,
                "SQLite was initialised already: memory statistics stay as built"
            );
        }
        if compiled_with(c"ENABLE_MEMORY_MANAGEMENT") {
            tracing::info!(
                "SQLite was built with SQLITE_ENABLE_MEMORY_MANAGEMENT (one page-cache mutex for \
                 all connections), without the LIBSQLITE3_FLAGS of .cargo/config.toml, which \
                 cargo reads only in the project folder and never for `cargo install`: set them \
                 in the environment of the build for faster concurrent reads (README)"
            );
        }
    });
}

/// Whether the linked SQLite was compiled with `SQLITE_<option>`.
pub fn compiled_with(option: &CStr) -> bool {
    // SAFETY: a NUL-terminated string; the function only reads it and may run at any time.
    unsafe { libsqlite3_sys::sqlite3_compileoption_used(option.as_ptr()) == 1 }
}

/// Whether SQLite is counting its allocations (MEMSTATUS on): it then reports the memory in
/// use, which stays 0 when it is off.
pub fn memory_statistics_on() -> bool {
    let (mut current, mut highwater) = (0i64, 0i64);
    // SAFETY: two valid out-pointers; sqlite3_status64 is thread-safe.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_status64(
            libsqlite3_sys::SQLITE_STATUS_MEMORY_USED,
            &mut current,
            &mut highwater,
            0,
        )
    };
    rc == libsqlite3_sys::SQLITE_OK && current > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DatabaseUrl;
    use crate::db::{ConnectionManager, Synchronous};

    /// Whatever the build flags, a connection from the ConnectionManager finds SQLite with its
    /// memory statistics off. (In `cargo test` the build flags already do it; the run-time
    /// switch is what keeps it so for a build made outside this folder.)
    #[test]
    fn memory_statistics_are_off_once_a_connection_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let url = DatabaseUrl::Sqlite(dir.path().join("memstatus.db"));
        let _conn = ConnectionManager::new(url, Synchronous::Full)
            .establish()
            .unwrap();
        assert!(!memory_statistics_on());
    }
}
