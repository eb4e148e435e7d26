//! ISU API: the HTTP/JSON API for individbaserad systematisk uppföljning (SU-X) — the binary
//! `isu` and what only it needs: the command line (`cli`: serve, migrate, clients, seeding, the
//! contract), configuration (`config`), logging (`telemetry`) and the allocator's settings
//! (`memory`).
//!
//! Everything else is a crate of its own, so the compiler holds the layers (Cargo refuses a
//! circle): `isu_domain` (the form, codes and rules; no I/O), `isu_disclosure` (small-number
//! protection; pure), `isu_store` (diesel on SQLite and PostgreSQL, its own errors), `isu_core`
//! (the use cases and statistics; no HTTP) and `isu_http` (routes, policies, problem+json, the
//! contract). See `docs/architecture.md`.

pub mod cli;
pub mod config;
pub mod memory;
pub mod telemetry;
