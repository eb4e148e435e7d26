//! Audit middleware: after each request made with a token (or to the token endpoint), one row:
//! who, when, which operation, which unit/case or query, and the status. Never bodies.
//!
//! A request never waits for its row: the middleware hands it to [`AuditLog`], a bounded queue
//! that one writer thread drains in batches. While the database is up every row is written (and
//! the queue is flushed on graceful shutdown and before the log is read); during an outage rows
//! wait in the queue and are retried, and what does not fit is dropped and counted in the log.
//! See `docs/decisions/0007-reliability.md`.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage};

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::oauth::AuditClient;
use super::request_id::RequestId;
use super::AppState;
use crate::auth::Caller;
use isu_store::audit::{self, AuditEvent};
use isu_store::Pool;

const MAX_QUERY_LEN: usize = 1000;

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let res = next.call(req).await?;
    let request = res.request();
    let client_id = {
        let extensions = request.extensions();
        extensions
            .get::<Caller>()
            .map(|c| c.client_id.clone())
            .or_else(|| extensions.get::<AuditClient>().map(|c| c.0.clone()))
    };
    let Some(client_id) = client_id else {
        return Ok(res);
    };
    let Some(state) = request.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(res);
    };
    let request_id = request.extensions().get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let method = request.method().as_str().to_string();
    let operation = request.match_pattern().unwrap_or_else(|| request.path().to_string());
    let mut event = AuditEvent::now(&method, &operation, res.status().as_u16(), &request_id);
    event.client_id = Some(client_id);
    event.unit_id = request.match_info().get("unit_id").map(str::to_string);
    // A case reference that is a personal identity number was refused; it is not kept either.
    event.case_ref = request.match_info().get("case_ref").map(|r| super::request_id::redact_path(r).into_owned());
    // Query strings carry filter values from fixed catalogues (never free text); kept bounded.
    let query = request.query_string();
    if method == "GET" && !query.is_empty() {
        event.query = Some(super::request_id::redact_path(query).chars().take(MAX_QUERY_LEN).collect());
    }
    state.audit.record(event);
    Ok(res)
}

/// Rows the queue holds at most (about 300 bytes each): some minutes of a busy outage.
pub const AUDIT_QUEUE_CAPACITY: usize = 50_000;
/// Rows written per transaction.
const AUDIT_BATCH: usize = 500;
/// How long the writer waits before trying a failed batch again.
const AUDIT_RETRY: Duration = Duration::from_secs(1);

/// The audit log's queue and its writer thread.
pub struct AuditLog {
    shared: Arc<Shared>,
    /// Events enqueued so far (a sequence number: the last one's).
    written: tokio::sync::watch::Receiver<u64>,
}

struct Shared {
    queue: Mutex<Queue>,
    wake: Condvar,
    written: tokio::sync::watch::Sender<u64>,
}

#[derive(Default)]
struct Queue {
    /// Each row with its sequence number.
    events: VecDeque<(u64, AuditEvent)>,
    /// Sequence number of the last event enqueued (or dropped).
    enqueued: u64,
    /// Events refused because the queue was full, since the writer last reported them.
    dropped: u64,
    closed: bool,
}

impl AuditLog {
    /// Starts the writer on `pool`; `write_lock` is the process's SQLite writer lock, if any.
    pub fn start(pool: Pool, write_lock: Option<Arc<Mutex<()>>>) -> Self {
        let (written_tx, written) = tokio::sync::watch::channel(0);
        let shared =
            Arc::new(Shared { queue: Mutex::new(Queue::default()), wake: Condvar::new(), written: written_tx });
        let writer = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || writer.run(&pool, write_lock.as_deref()))
            .expect("spawn the audit writer");
        Self { shared, written }
    }

    /// Queues one row; never waits. A full queue drops the row and counts it.
    pub fn record(&self, event: AuditEvent) {
        let mut queue = self.shared.lock();
        queue.enqueued += 1;
        if queue.events.len() >= AUDIT_QUEUE_CAPACITY {
            queue.dropped += 1;
            return;
        }
        let seq = queue.enqueued;
        queue.events.push_back((seq, event));
        drop(queue);
        self.shared.wake.notify_one();
    }

    /// Waits (at most `timeout`) until every row queued before this call is written or dropped;
    /// `false` when the time ran out (the database is down).
    pub async fn flush(&self, timeout: Duration) -> bool {
        let target = self.shared.lock().enqueued;
        self.shared.wake.notify_one();
        let mut written = self.written.clone();
        let caught_up = tokio::time::timeout(timeout, written.wait_for(|w| *w >= target)).await;
        matches!(caught_up, Ok(Ok(_)))
    }

    /// Graceful shutdown: writes what is queued (for at most `timeout`), then stops the writer.
    pub fn close(&self, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        let target = {
            let mut queue = self.shared.lock();
            queue.closed = true;
            queue.enqueued
        };
        self.shared.wake.notify_one();
        let mut written = self.written.clone();
        while *written.borrow_and_update() < target && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        let left = target.saturating_sub(*written.borrow());
        if left > 0 {
            tracing::error!(rows = left, "audit rows not written at shutdown: the database is unavailable");
        }
    }

    /// Rows waiting to be written.
    pub fn pending(&self) -> usize {
        self.shared.lock().events.len()
    }
}

impl Drop for AuditLog {
    fn drop(&mut self) {
        // The last handle: let the writer finish what is queued and stop.
        self.shared.lock().closed = true;
        self.shared.wake.notify_one();
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The writer: takes up to a batch, writes it in one transaction, and on failure keeps it at
    /// the head of the queue and tries again after [`AUDIT_RETRY`]. Exits once closed and empty
    /// (or closed and the database is down: what is left is reported by `close`).
    fn run(&self, pool: &Pool, write_lock: Option<&Mutex<()>>) {
        let mut failing_since: Option<Instant> = None;
        loop {
            let (batch, last_seq, dropped, closed) = {
                let mut queue = self.lock();
                while queue.events.is_empty() && !queue.closed {
                    // Dropped rows are accounted for (the sequence moves on) even with nothing to write.
                    if *self.written.borrow() < queue.enqueued {
                        self.written.send_replace(queue.enqueued);
                    }
                    queue = self.wake.wait(queue).unwrap_or_else(|poisoned| poisoned.into_inner());
                }
                if queue.events.is_empty() {
                    self.written.send_replace(queue.enqueued);
                    return;
                }
                let n = queue.events.len().min(AUDIT_BATCH);
                let batch: Vec<AuditEvent> = queue.events.iter().take(n).map(|(_, e)| e.clone()).collect();
                let last_seq = queue.events[n - 1].0;
                (batch, last_seq, std::mem::take(&mut queue.dropped), queue.closed)
            };
            if dropped > 0 {
                tracing::error!(dropped, capacity = AUDIT_QUEUE_CAPACITY, "audit queue full: rows dropped");
            }
            let result = pool.get().map_err(|e| e.to_string()).and_then(|mut conn| {
                let _guard = write_lock.map(|l| l.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
                audit::record_batch(&mut conn, &batch).map_err(|e| e.to_string())
            });
            match result {
                Ok(()) => {
                    self.lock().events.drain(..batch.len());
                    self.written.send_replace(last_seq);
                    if let Some(since) = failing_since.take() {
                        tracing::warn!(after_secs = since.elapsed().as_secs(), "audit writes resumed");
                    }
                }
                Err(error) => {
                    if failing_since.is_none() {
                        failing_since = Some(Instant::now());
                        tracing::error!(%error, queued = self.lock().events.len(), "audit rows cannot be written; retrying");
                    }
                    if closed {
                        return;
                    }
                    std::thread::sleep(AUDIT_RETRY);
                }
            }
        }
    }
}
