//! Configuration from flags and environment, validated before anything starts.

pub use isu_store::url::{DatabaseUrl, DEFAULT_DATABASE_URL};

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}
