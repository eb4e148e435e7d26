//! ISU API: the HTTP/JSON API for individbaserad systematisk uppföljning (SU-X) — the binary
//! `isu` and what only it needs: the command line (`cli`: serve, migrate, clients, seeding, the
//! contract), configuration (`config`) and logging (`telemetry`).
//!
//! Everything else is a crate of its own, so the compiler holds the layers (Cargo refuses a
//! circle): `isu_domain` (the form, codes and rules; no I/O), `isu_disclosure` (small-number
//! protection; pure), `isu_store` (diesel on SQLite and PostgreSQL, its own errors), `isu_core`
//! (the use cases and statistics; no HTTP) and `isu_http` (routes, policies, problem+json, the
//! contract). See `docs/architecture.md`.

pub mod cli;
pub mod config;
pub mod telemetry;

// Transition (issue 14): the crates under the module paths this code had while it was one
// crate, so `isu_api::db::…`, `isu_api::http::…`, `isu_api::stats::…` keep working for the tests
// and benchmarks. New code names the crates directly; remove these once nothing uses them.
pub use isu_core as usecases;
pub use isu_core::stats;
pub use isu_disclosure as disclosure;
pub use isu_domain as domain;
pub use isu_domain::validation;
pub use isu_http as http;
pub use isu_http::auth;
pub use isu_store as db;
