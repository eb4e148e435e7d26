//! The integration tests, one binary (as in zero2prod): a real server on a loopback port over a
//! real database (SQLite file or a fresh PostgreSQL database), spoken to over real HTTP. One
//! binary links once instead of once per file, and the helpers in `helpers/` are compiled once,
//! so an unused helper is a warning rather than something each file must allow.
//!
//! Run one file's tests with its module name as the filter, e.g.
//! `cargo test --locked -p isu-api --test api outage::` (add `-- --ignored` for the timing runs).

// First, so that its `both_backends!` is in scope in every module below.
#[macro_use]
mod helpers;

mod access_matrix;
mod auth;
mod cases_api;
mod cellkey_attack;
mod cli;
mod contract;
mod disclosure;
mod disclosure_scale;
mod hardening_input;
mod http_basics;
mod instances;
mod organisation_api;
mod outage;
mod outputs;
mod reference_api;
mod release_attack;
mod release_method;
mod releases;
mod report_page;
mod schema;
mod seed;
mod stats;
mod stats_percentiles;
mod versions_attack;
