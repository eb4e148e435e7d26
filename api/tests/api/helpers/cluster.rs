//! A PostgreSQL cluster of a test's own, which the test may crash, restart, freeze and thaw
//! (outage drills), through `scripts/pg-test-cluster.sh`.

use std::path::PathBuf;
use std::process::Command;

pub struct OwnCluster {
    dir: String,
    /// Where to connect as the cluster's superuser.
    pub admin_url: String,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scripts/pg-test-cluster.sh")
}

fn run(args: &[&str]) -> String {
    let output = Command::new(script()).args(args).output().expect("run scripts/pg-test-cluster.sh");
    assert!(output.status.success(), "pg-test-cluster.sh {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

impl OwnCluster {
    /// A new cluster, or `None` (with a printed message) where PostgreSQL's server binaries are
    /// absent and `CI` is not set. In CI their absence fails the test.
    pub fn start() -> Option<Self> {
        Self::start_with(false)
    }

    /// Like [`OwnCluster::start`]; `durable`: every acknowledged commit survives a crash
    /// (`synchronous_commit = on`), for drills that count what was written.
    pub fn start_with(durable: bool) -> Option<Self> {
        let available = Command::new(script()).arg("available").status().is_ok_and(|s| s.success());
        if !available {
            if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false") {
                panic!("PostgreSQL server binaries are required for the outage tests in CI");
            }
            eprintln!("SKIPPED: PostgreSQL server binaries not found; the outage drill needs a cluster of its own");
            return None;
        }
        let out = {
            let output = Command::new(script())
                .arg("start")
                .env("PG_TEST_SYNCHRONOUS_COMMIT", if durable { "on" } else { "off" })
                .output()
                .expect("run scripts/pg-test-cluster.sh");
            assert!(output.status.success(), "pg-test-cluster.sh start: {}", String::from_utf8_lossy(&output.stderr));
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let value = |key: &str| {
            out.lines()
                .find_map(|l| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("pg-test-cluster.sh start printed no {key}: {out}"))
                .to_string()
        };
        Some(Self { dir: value("PG_TEST_DIR="), admin_url: value("TEST_DATABASE_URL=") })
    }

    /// `pg_ctl stop -m immediate`: every connection dies at once.
    pub fn crash(&self) {
        run(&["crash", &self.dir]);
    }

    /// Starts the crashed cluster again on the same port.
    pub fn restart(&self) {
        run(&["restart", &self.dir]);
    }

    /// SIGSTOP of the postmaster and its backends: connections stay open, nothing answers.
    pub fn freeze(&self) {
        run(&["freeze", &self.dir]);
    }

    pub fn thaw(&self) {
        run(&["thaw", &self.dir]);
    }
}

impl Drop for OwnCluster {
    fn drop(&mut self) {
        // Never leave a stopped cluster behind (stop would wait for it forever).
        let _ = Command::new(script()).args(["thaw", &self.dir]).output();
        let _ = Command::new(script()).args(["stop", &self.dir]).output();
    }
}
