//! The process's memory, on glibc: fewer arenas, large buffers straight from the kernel, and
//! freed memory handed back now and then.
//!
//! glibc's malloc gives every busy thread an arena of its own (up to 8 per core) and raises its
//! mmap threshold after each large free, so argon2's 19 MiB buffers, once freed, stayed in an
//! arena for good, and memory freed after start-up (building each worker's routes and OpenAPI
//! paths) stayed in the arenas that built it: the server sat near 100 MiB under load. Two
//! arenas cost no measurable speed once database work stopped running on dozens of threads.

/// Sets malloc's parameters; call first thing in `main`, before any thread starts.
pub fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Hands free memory at the top and in the middle of every arena back to the kernel.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim is thread-safe and only returns free pages.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Calls [`release_free_memory`] shortly after start-up and then every ten seconds (a few
/// milliseconds of work each time).
pub fn spawn_release_free_memory() {
    tokio::spawn(async {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(10));
        every.tick().await;
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        loop {
            release_free_memory();
            every.tick().await;
        }
    });
}
