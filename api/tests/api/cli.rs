//! Start-up failures are clear messages and a non-zero exit, never a panic trace.

use std::net::TcpListener;
use std::process::Command;

fn isu() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_isu"));
    cmd.env_remove("DATABASE_URL").env_remove("ISU_BIND").env("ISU_LOG", "warn");
    cmd
}

fn assert_clean_failure(output: std::process::Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "should fail: {stderr}");
    assert!(stderr.contains(expected), "expected `{expected}` in: {stderr}");
    assert!(!stderr.contains("panicked"), "panic trace: {stderr}");
}

#[test]
fn bad_database_url_is_refused() {
    let output = isu().args(["serve", "--database-url", "mysql://root:pw@db/isu"]).output().unwrap();
    assert_clean_failure(output, "unsupported scheme");
}

#[test]
fn unreachable_database_is_reported() {
    // Port 1 on loopback: nothing listens there.
    let output = isu()
        .args(["serve", "--database-url", "postgres://isu@127.0.0.1:1/isu"])
        .env("ISU_DB_CONNECT_TIMEOUT", "1")
        .output()
        .unwrap();
    assert_clean_failure(output, "cannot connect to the database");
}

#[test]
fn taken_port_is_reported() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite:{}", dir.path().join("isu.db").display());
    let key = dir.path().join("key.pem");
    let output = isu()
        .args(["serve", "--bind", &address, "--database-url", &db, "--dev-key", key.to_str().unwrap()])
        .output()
        .unwrap();
    assert_clean_failure(output, &format!("cannot listen on {address}"));
}

#[test]
fn openapi_command_prints_the_contract() {
    let output = isu().arg("openapi").output().unwrap();
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
}

#[test]
fn migrate_command_creates_and_migrates_a_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/isu.db");
    let db = format!("sqlite:{}", path.display());
    let output = isu().args(["migrate", "--database-url", &db]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(path.exists());
    let again = isu().args(["migrate", "--database-url", &db]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("0 migration(s)"));
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let address = format!("127.0.0.1:{port}");
    let db = format!("sqlite:{}", dir.path().join("isu.db").display());
    let key = dir.path().join("key.pem");
    let mut child = isu()
        .args(["serve", "--bind", &address, "--database-url", &db, "--dev-key", key.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait for an HTTP answer, not just an open port: the port is bound before the workers and
    // the signal handlers start, and a SIGTERM in between kills the process outright.
    let answers = || -> bool {
        use std::io::{Read, Write};
        let Ok(mut stream) = std::net::TcpStream::connect(&address) else { return false };
        let mut response = String::new();
        stream.write_all(b"GET /healthz HTTP/1.0\r\n\r\n").is_ok()
            && stream.read_to_string(&mut response).is_ok()
            && response.starts_with("HTTP/1.0 200")
    };
    let started = std::time::Instant::now();
    while !answers() {
        assert!(started.elapsed().as_secs() < 60, "server did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "graceful stop exits 0: {status}");
            break;
        }
        assert!(started.elapsed().as_secs() < 30, "server did not stop");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
