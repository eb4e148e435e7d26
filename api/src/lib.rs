//! ISU API: the HTTP/JSON API for individbaserad systematisk uppföljning (SU-X).
//!
//! Modules, one job each: `db` (storage on SQLite and PostgreSQL), `http` (routes, contract,
//! errors), `validation` (field checks shared by every write), `config` and `telemetry`
//! (start-up), `stats` (statistics and releases).
//!
//! The pure layers are crates of their own, so the compiler refuses an import against the
//! direction (a domain that reached for `http` would not build): `isu_domain` (the form, codes
//! and rules; no I/O) and `isu_disclosure` (which cells of a statistics release to suppress;
//! pure computation). See `docs/architecture.md`.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod stats;
pub mod telemetry;
pub mod validation;

// Transition (issue 14): the pure crates under their old module paths, so `crate::domain::…` and
// `isu_api::disclosure::…` keep working while the remaining layers move out of this crate. New
// code may name `isu_domain`/`isu_disclosure` directly; remove these once nothing uses the paths.
pub use isu_disclosure as disclosure;
pub use isu_domain as domain;
