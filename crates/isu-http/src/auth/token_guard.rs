//! Protection of the token endpoint, the one endpoint an anonymous caller can make expensive:
//! every request with a secret costs an Argon2 verification (about 19 MiB and tens of
//! milliseconds of one core, on purpose). Unbounded, a flood of wrong secrets starves every other
//! request of threads, cores, memory and database connections. So:
//!
//! - **A bound on concurrent hashing** ([`HashingGate`]): at most `concurrency` verifications run
//!   at once, each after the client's row was read and its database connection returned, on
//!   `concurrency` threads of their own (never on the async workers nor the blocking pool) at a
//!   lower CPU priority (nice 10), so other requests come first when cores are contended. Each
//!   slot reuses one Argon2 memory block, so Argon2 memory is `concurrency × 19 MiB`. At most
//!   `queue` further requests wait for a slot; beyond that the endpoint answers 429 with
//!   `Retry-After: 1` at once instead of queueing without limit.
//! - **Failed attempts are throttled per client id and per source address**
//!   ([`FailureTracker`]): past the limit in a sliding minute, 429 with `Retry-After`, before any
//!   hashing. The source address is the TCP peer; `X-Forwarded-For` is believed only when the
//!   peer is a configured trusted proxy ([`client_address`]). IPv6 addresses count per /64 (one
//!   host's usual allocation).
//! - **Unknown client ids cost the same**: they verify against a dummy hash through the same
//!   gate and count as failures like a wrong secret, so neither timing nor answers tell which ids
//!   exist.
//! - **Bounded memory**: each tracker keeps at most [`TRACKED_KEYS`] keys and, per key, at most
//!   the limit's number of timestamps; random new client ids cannot grow it without bound.
//!
//! All of it is per instance (several instances behind a load balancer each apply their own
//! limits).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use actix_web::HttpRequest;
use tokio::sync::Semaphore;

use super::secrets;

/// Most keys (client ids, addresses) a failure tracker remembers. Failures are recorded only
/// after a verification, which the gate bounds to a few dozen per second, so a minute's window
/// holds far fewer keys than this; the bound is a backstop.
pub const TRACKED_KEYS: usize = 10_000;

/// The sliding window of the failure limits.
const WINDOW: Duration = Duration::from_secs(60);

/// The default bound on concurrent verifications: half the cores, at least one, so the other
/// half stays free for the requests that do the work while a flood of wrong secrets lasts.
pub fn default_hashing_concurrency() -> usize {
    std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1))
}

/// Failed attempts per key in a sliding minute, with bounded memory.
pub struct FailureTracker<K> {
    per_minute: u32,
    failures: Mutex<HashMap<K, Vec<Instant>>>,
}

impl<K: Eq + Hash + Clone> FailureTracker<K> {
    pub fn new(per_minute: u32) -> Self {
        Self { per_minute: per_minute.max(1), failures: Mutex::new(HashMap::new()) }
    }

    /// `Some(seconds)` to wait when `key` has used up its failures of the last minute.
    pub fn blocked_for(&self, key: &K) -> Option<u64> {
        let mut failures = self.failures.lock().ok()?;
        let list = failures.get_mut(key)?;
        list.retain(|at| at.elapsed() < WINDOW);
        if list.len() as u32 >= self.per_minute {
            let oldest = list.first()?;
            Some(WINDOW.saturating_sub(oldest.elapsed()).as_secs().max(1))
        } else {
            None
        }
    }

    pub fn record_failure(&self, key: &K) {
        let Ok(mut failures) = self.failures.lock() else { return };
        if !failures.contains_key(key) && failures.len() >= TRACKED_KEYS {
            failures.retain(|_, list| list.last().is_some_and(|at| at.elapsed() < WINDOW));
            if failures.len() >= TRACKED_KEYS {
                evict_stalest(&mut failures, TRACKED_KEYS / 10);
            }
        }
        let list = failures.entry(key.clone()).or_default();
        list.push(Instant::now());
        // Only the last `per_minute` failures decide whether the key is blocked.
        let excess = list.len().saturating_sub(self.per_minute as usize);
        list.drain(..excess);
    }

    /// Keys remembered now (for tests and diagnostics).
    pub fn tracked_keys(&self) -> usize {
        self.failures.lock().map(|f| f.len()).unwrap_or(0)
    }
}

/// Removes the `count` keys whose last failure is oldest (linear, once per `count` insertions).
fn evict_stalest<K: Eq + Hash + Clone>(failures: &mut HashMap<K, Vec<Instant>>, count: usize) {
    let mut by_age: Vec<(Instant, K)> =
        failures.iter().filter_map(|(key, list)| list.last().map(|at| (*at, key.clone()))).collect();
    let count = count.min(by_age.len());
    if count == 0 {
        return;
    }
    by_age.select_nth_unstable_by_key(count - 1, |(at, _)| *at);
    for (_, key) in by_age.into_iter().take(count) {
        failures.remove(&key);
    }
}

/// The bound on concurrent Argon2 verifications (see the module documentation).
pub struct HashingGate {
    slots: Arc<Semaphore>,
    /// Requests running or waiting.
    admitted: Arc<AtomicUsize>,
    /// Most requests running or waiting: `concurrency + queue`.
    capacity: usize,
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
    /// Argon2 working memory, one block per slot, allocated once and reused (see
    /// [`secrets::verify_with_memory`]).
    memory: Arc<Mutex<Vec<Vec<argon2::Block>>>>,
    /// Work for the hashing threads (one per slot).
    jobs: std::sync::mpsc::Sender<HashingJob>,
}

type HashingJob = Box<dyn FnOnce() + Send>;

/// The nice value of the hashing threads: when cores are contended, the threads that serve
/// other requests come first (CFS weight 110 against 1024), so a flood of wrong secrets slows
/// token issuance, not the API.
const HASHING_NICE: i32 = 10;

/// `count` threads that run verifications, at a lower CPU priority; they end when the gate (the
/// sender) is dropped.
fn spawn_hashing_threads(count: usize) -> std::sync::mpsc::Sender<HashingJob> {
    let (sender, receiver) = std::sync::mpsc::channel::<HashingJob>();
    let receiver = Arc::new(Mutex::new(receiver));
    for n in 0..count {
        let receiver = receiver.clone();
        let spawned = std::thread::Builder::new().name(format!("isu-secret-hash-{n}")).spawn(move || {
            lower_own_priority();
            loop {
                let job = match receiver.lock() {
                    Ok(receiver) => receiver.recv(),
                    Err(_) => return,
                };
                match job {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            }
        });
        if let Err(err) = spawned {
            tracing::error!(error = %err, "cannot start a secret-hashing thread");
        }
    }
    sender
}

#[cfg(target_os = "linux")]
fn lower_own_priority() {
    // SAFETY: plain system calls without pointers; on Linux `setpriority(PRIO_PROCESS, tid)`
    // changes the nice value of that one thread (this one).
    let result = unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, HASHING_NICE)
    };
    if result != 0 {
        tracing::warn!("cannot lower the priority of a secret-hashing thread");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_own_priority() {}

/// A place among the requests running or waiting for a verification; given back on drop (also
/// when the client goes away while its verification still runs: the closure holds it).
pub struct Admission {
    admitted: Arc<AtomicUsize>,
}

/// The secret-hashing threads are gone (the process is shutting down or a thread panicked): a
/// fault of this process, not of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the secret-hashing threads have stopped")]
pub struct HashingStopped;

impl Drop for Admission {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashingGate {
    pub fn new(concurrency: usize, queue: usize) -> Self {
        let concurrency = concurrency.max(1);
        Self {
            slots: Arc::new(Semaphore::new(concurrency)),
            admitted: Arc::new(AtomicUsize::new(0)),
            capacity: concurrency + queue,
            running: Arc::new(AtomicUsize::new(0)),
            peak: Arc::new(AtomicUsize::new(0)),
            memory: Arc::new(Mutex::new(Vec::new())),
            jobs: spawn_hashing_threads(concurrency),
        }
    }

    /// A place in the gate, or `None` when `concurrency + queue` requests are in already.
    pub fn admit(&self) -> Option<Admission> {
        let before = self.admitted.fetch_add(1, Ordering::AcqRel);
        let admission = Admission { admitted: self.admitted.clone() };
        (before < self.capacity).then_some(admission)
    }

    /// Verifies `secret` against `stored` (or, for an unknown client, against a dummy hash, at
    /// the same cost) once a slot is free, on a hashing thread. The slot and the admission are
    /// held by the job itself, so a cancelled request cannot free its slot while its hash still
    /// runs.
    pub async fn verify(
        &self,
        admission: Admission,
        secret: String,
        stored: Option<String>,
    ) -> Result<bool, HashingStopped> {
        let slot = self.slots.clone().acquire_owned().await.map_err(|_| HashingStopped)?;
        let (running, peak, memory) = (self.running.clone(), self.peak.clone(), self.memory.clone());
        let (reply, verified) = tokio::sync::oneshot::channel();
        let job: HashingJob = Box::new(move || {
            let _held = (slot, admission);
            let now = running.fetch_add(1, Ordering::AcqRel) + 1;
            peak.fetch_max(now, Ordering::AcqRel);
            // At most one block per slot exists: a slot takes one (or makes the first) and
            // gives it back.
            let mut blocks = memory.lock().ok().and_then(|mut free| free.pop()).unwrap_or_default();
            let verified = match &stored {
                Some(hash) => secrets::verify_with_memory(&secret, hash, &mut blocks),
                None => {
                    secrets::verify_with_memory(&secret, secrets::dummy_hash(), &mut blocks);
                    false
                }
            };
            if let Ok(mut free) = memory.lock() {
                free.push(blocks);
            }
            running.fetch_sub(1, Ordering::AcqRel);
            let _ = reply.send(verified);
        });
        self.jobs.send(job).map_err(|_| HashingStopped)?;
        verified.await.map_err(|_| HashingStopped)
    }

    /// The most verifications that ever ran at once in this process.
    pub fn peak_concurrency(&self) -> usize {
        self.peak.load(Ordering::Acquire)
    }
}

/// Settings of the token endpoint's protection.
#[derive(Debug, Clone)]
pub struct TokenGuardSettings {
    pub failures_per_client_per_minute: u32,
    pub failures_per_address_per_minute: u32,
    pub hashing_concurrency: usize,
    pub hashing_queue: usize,
    /// Peers whose `X-Forwarded-For` is believed (reverse proxies, load balancers).
    pub trusted_proxies: Vec<IpAddr>,
}

/// The token endpoint's protection: failure trackers and the hashing gate.
pub struct TokenGuard {
    pub per_client: FailureTracker<String>,
    pub per_address: FailureTracker<IpAddr>,
    pub hashing: HashingGate,
    trusted_proxies: Vec<IpAddr>,
}

impl TokenGuard {
    pub fn new(settings: &TokenGuardSettings) -> Self {
        Self {
            per_client: FailureTracker::new(settings.failures_per_client_per_minute),
            per_address: FailureTracker::new(settings.failures_per_address_per_minute),
            hashing: HashingGate::new(settings.hashing_concurrency, settings.hashing_queue),
            trusted_proxies: settings.trusted_proxies.clone(),
        }
    }

    /// The address a request's failures count against (see [`client_address`]).
    pub fn address_of(&self, req: &HttpRequest) -> Option<IpAddr> {
        client_address(req, &self.trusted_proxies)
    }

    /// `Some(seconds)` when the address or the client id is throttled.
    pub fn blocked_for(&self, address: Option<&IpAddr>, client_id: &str) -> Option<u64> {
        let by_address = address.and_then(|a| self.per_address.blocked_for(a));
        let by_client = self.per_client.blocked_for(&client_id.to_string());
        by_address.into_iter().chain(by_client).max()
    }

    pub fn record_failure(&self, address: Option<&IpAddr>, client_id: &str) {
        if let Some(address) = address {
            self.per_address.record_failure(address);
        }
        self.per_client.record_failure(&client_id.to_string());
    }
}

/// The source address of a request: the TCP peer, or, when the peer is a trusted proxy, the
/// rightmost `X-Forwarded-For` entry that is not a trusted proxy (entries further left are
/// written by the client and prove nothing). IPv6 addresses are cut to their /64.
pub fn client_address(req: &HttpRequest, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip();
    let mut address = peer;
    if trusted_proxies.contains(&peer) {
        let hops: Vec<IpAddr> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map_while(|hop| hop.trim().parse::<IpAddr>().ok())
            .collect();
        if let Some(hop) = hops.iter().rev().find(|hop| !trusted_proxies.contains(hop)).or(hops.first()) {
            address = *hop;
        }
    }
    Some(per_host(address))
}

/// IPv4 as is; IPv6 cut to the /64 a host usually gets (IPv4-mapped addresses as IPv4).
fn per_host(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_blocked_after_its_limit_and_keeps_only_that_many_timestamps() {
        let tracker = FailureTracker::new(3);
        let key = "isu_x".to_string();
        for _ in 0..2 {
            tracker.record_failure(&key);
        }
        assert_eq!(tracker.blocked_for(&key), None);
        tracker.record_failure(&key);
        assert!(tracker.blocked_for(&key).is_some_and(|s| (1..=60).contains(&s)));
        for _ in 0..100 {
            tracker.record_failure(&key);
        }
        assert_eq!(tracker.failures.lock().unwrap()[&key].len(), 3);
    }

    #[test]
    fn random_new_keys_do_not_grow_the_tracker_beyond_its_bound() {
        let tracker = FailureTracker::new(5);
        for n in 0..(TRACKED_KEYS * 3) {
            tracker.record_failure(&format!("isu_random_{n}"));
        }
        assert!(tracker.tracked_keys() <= TRACKED_KEYS, "{}", tracker.tracked_keys());
        // The newest keys are the ones kept.
        assert!(tracker.failures.lock().unwrap().contains_key(&format!("isu_random_{}", TRACKED_KEYS * 3 - 1)));
    }

    #[test]
    fn the_gate_admits_concurrency_plus_queue_and_gives_places_back() {
        let gate = HashingGate::new(2, 3);
        let admitted: Vec<Admission> = (0..5).map_while(|_| gate.admit()).collect();
        assert_eq!(admitted.len(), 5);
        assert!(gate.admit().is_none());
        drop(admitted);
        assert!(gate.admit().is_some());
    }

    #[test]
    fn ipv6_addresses_count_per_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        assert_eq!(per_host(a), per_host(b));
        assert_eq!(per_host("::ffff:10.0.0.1".parse().unwrap()), "10.0.0.1".parse::<IpAddr>().unwrap());
    }
}
