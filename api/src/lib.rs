//! ISU API: the HTTP/JSON API for individbaserad systematisk uppföljning (SU-X).
//!
//! Modules, one job each: `http` (routes, contract, errors), `auth`, `usecases` (what the API
//! does, without HTTP), `config` and `telemetry` (start-up), `stats` (statistics and releases).
//!
//! The pure layers are crates of their own, so the compiler refuses an import against the
//! direction (a domain that reached for `http` would not build): `isu_domain` (the form, codes
//! and rules; no I/O) and `isu_disclosure` (which cells of a statistics release to suppress;
//! pure computation); storage is `isu_store` (diesel on SQLite and PostgreSQL, its own errors),
//! which depends on the domain only. See `docs/architecture.md`.

pub mod auth;
pub mod cli;
pub mod config;
pub mod http;
pub mod stats;
pub mod telemetry;
pub mod usecases;

// Transition (issue 14): the lower crates under their old module paths, so `crate::db::…`,
// `crate::domain::…` and `isu_api::disclosure::…` keep working while the remaining layers move
// out of this crate. New code may name the crates directly; remove these once nothing uses them.
pub use isu_disclosure as disclosure;
pub use isu_domain as domain;
pub use isu_domain::validation;
pub use isu_store as db;
