//! Where a database call is, so that its caller can be answered when the database stops answering.
//!
//! A PostgreSQL server that is frozen (stopped process, stalled storage, a partition where the
//! kernel still acknowledges packets) never cancels its own statements, and libpq waits for it
//! forever. The caller must not wait with it: [`CallWatch`] records whether the blocking side is
//! checking out a connection, working on its own (CPU: building a release may take seconds), or
//! waiting on the database in a query, and since when. The async side asks [`CallWatch::overdue`]
//! and answers 503 once a wait on the database has run past its bound; only waits on the database
//! count, never the work between queries.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::connection::{Instrumentation, InstrumentationEvent};

/// What the blocking side of a database call is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for a pooled connection (including the pool's liveness check of it).
    Checkout = 0,
    /// Running its own code between queries: unbounded.
    Working = 1,
    /// Waiting for the database to answer a statement.
    Query = 2,
}

/// The bounds on waits for the database, derived from the pool's checkout timeout and the
/// statement timeout set on each connection. `grace` lets the pool's and the server's own
/// timeouts fire first (they leave the connection in a known state); the watch is the backstop.
#[derive(Debug, Clone, Copy)]
pub struct WaitBounds {
    pub checkout: Duration,
    /// `None`: statements are not bounded (SQLite, which cannot hang on a remote server).
    pub statement: Option<Duration>,
    pub grace: Duration,
}

impl WaitBounds {
    fn limit(&self, phase: Phase) -> Option<Duration> {
        match phase {
            Phase::Checkout => Some(self.checkout + self.grace),
            Phase::Working => None,
            Phase::Query => self.statement.map(|s| s + self.grace),
        }
    }
}

/// Shared by the blocking side (which moves it between phases) and the async side (which reads).
#[derive(Debug)]
pub struct CallWatch {
    origin: Instant,
    /// Phase in the low 2 bits, milliseconds since `origin` at which it began above them.
    state: AtomicU64,
}

impl CallWatch {
    pub fn new() -> Arc<Self> {
        Arc::new(Self { origin: Instant::now(), state: AtomicU64::new(Phase::Checkout as u64) })
    }

    pub fn enter(&self, phase: Phase) {
        let since = u64::try_from(self.origin.elapsed().as_millis()).unwrap_or(u64::MAX >> 2);
        self.state.store((since << 2) | phase as u64, Ordering::Release);
    }

    fn current(&self) -> (Phase, Instant) {
        let raw = self.state.load(Ordering::Acquire);
        let phase = match raw & 3 {
            0 => Phase::Checkout,
            2 => Phase::Query,
            _ => Phase::Working,
        };
        (phase, self.origin + Duration::from_millis(raw >> 2))
    }

    /// `Err(description)` when the current wait on the database has outlived its bound; otherwise
    /// the instant at which to ask again (`None`: not waiting on the database now).
    pub fn overdue(&self, bounds: &WaitBounds) -> Result<Option<Instant>, String> {
        let (phase, since) = self.current();
        let Some(limit) = bounds.limit(phase) else { return Ok(None) };
        let deadline = since + limit;
        if Instant::now() >= deadline {
            return Err(match phase {
                Phase::Checkout => format!("no database connection within {} ms", limit.as_millis()),
                _ => format!("the database did not answer a statement within {} ms", limit.as_millis()),
            });
        }
        Ok(Some(deadline))
    }

    /// Instrumentation for a connection serving this call: moves the watch into and out of
    /// [`Phase::Query`] around every statement diesel sends.
    pub fn instrumentation(self: &Arc<Self>) -> impl Instrumentation {
        let watch = Arc::clone(self);
        move |event: InstrumentationEvent<'_>| match event {
            InstrumentationEvent::StartQuery { .. } => watch.enter(Phase::Query),
            InstrumentationEvent::FinishQuery { .. } => watch.enter(Phase::Working),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_waits_on_the_database_are_bounded() {
        let bounds = WaitBounds {
            checkout: Duration::from_millis(0),
            statement: Some(Duration::from_millis(0)),
            grace: Duration::ZERO,
        };
        let watch = CallWatch::new();
        assert!(watch.overdue(&bounds).is_err(), "checkout past its bound");
        watch.enter(Phase::Working);
        assert_eq!(watch.overdue(&bounds), Ok(None), "own work is never cut off");
        watch.enter(Phase::Query);
        assert!(watch.overdue(&bounds).unwrap_err().contains("statement"));
        let unbounded = WaitBounds { statement: None, ..bounds };
        assert_eq!(watch.overdue(&unbounded), Ok(None));
    }

    #[test]
    fn a_wait_within_its_bound_says_when_to_look_again() {
        let bounds = WaitBounds {
            checkout: Duration::from_secs(3),
            statement: Some(Duration::from_secs(4)),
            grace: Duration::from_secs(1),
        };
        let watch = CallWatch::new();
        watch.enter(Phase::Query);
        let next = watch.overdue(&bounds).unwrap().expect("a deadline");
        let left = next - Instant::now();
        assert!(left > Duration::from_millis(4_500) && left <= Duration::from_secs(5), "{left:?}");
    }
}
