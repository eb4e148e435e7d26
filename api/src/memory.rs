//! The allocator's settings for a long-running server (issue #18, goal 4: the server's resident
//! memory bounded). Measured in `make bench` (`api/benches/stats.rs`, the server's `VmRSS` from
//! `/proc/PID/status`): decision 0009, "Memory".
//!
//! glibc's malloc gives each thread that allocates concurrently an arena of its own, up to eight
//! per core, and raises its threshold for serving a large block by `mmap` each time such a block
//! is freed. A server that reads a unit-year's rows on one of many blocking threads, converts
//! them and frees them leaves that memory spread over many arenas and heaps that glibc cannot give
//! back. With two arenas and a fixed 1 MiB `mmap` threshold (large transient buffers are mapped and
//! unmapped, never left in a heap) the server at a million records holds 172 MiB after every
//! region's report instead of 222 MiB (PostgreSQL). Speed: the 126 reports took 26 s with glibc's
//! defaults and 18 s with these settings in the same session, within the shared machine's noise.

/// Arenas at most: two, whatever the number of cores (one per core on the benchmark's machine).
const ARENAS: i32 = 2;
/// Blocks of at least this size are mapped on their own and returned to the system when freed.
const MMAP_THRESHOLD: i32 = 1 << 20;

/// Applies the settings above, unless the operator chose their own through glibc's environment
/// variables (`MALLOC_ARENA_MAX`, `MALLOC_MMAP_THRESHOLD_`), which glibc has read already. Call
/// once, first thing in `main`, before any thread starts. Does nothing on other C libraries.
pub fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
            // SAFETY: `mallopt` only changes malloc's parameters; no thread allocates yet.
            unsafe { libc::mallopt(libc::M_ARENA_MAX, ARENAS) };
        }
        if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
            // SAFETY: as above.
            unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD) };
        }
    }
}
