//! ISU API: the HTTP/JSON API for individbaserad systematisk uppföljning (SU-X).
//!
//! Modules, one job each: `domain` (the form, codes and rules; no I/O), `db` (storage on SQLite
//! and PostgreSQL), `http` (routes, contract, errors), `validation` (field checks shared by
//! every write), `config` and `telemetry` (start-up), `disclosure` (which cells of a statistics
//! release to suppress; pure computation).

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod disclosure;
pub mod domain;
pub mod http;
pub mod stats;
pub mod telemetry;
pub mod validation;
