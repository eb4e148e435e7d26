//! Statistics over the stored records: a fixed catalogue of dimensions and measures
//! ([`catalogue`]), records read as compact facts harmonised across form versions ([`facts`]),
//! one counting pass per query ([`engine`]), the yearly SU-X report as named tables
//! ([`report`]), and the synthetic-data generator for demos and benchmarks ([`synthetic`]).
//!
//! Figures here are exact (for callers entitled to case-level data of the whole scope), except
//! [`protected`]: any query by the cell-key method, for everyone else. Releases protect by
//! suppression ([`release`]) or by the cell-key method ([`cellkey_release`]).

pub mod cache;
pub mod catalogue;
pub mod cellkey_release;
pub mod csv;
pub mod cube;
pub mod engine;
pub mod facts;
pub mod harmonisation;
pub mod jsonstat;
pub mod loss;
pub mod organisation;
pub mod protected;
pub mod release;
pub mod report;
pub mod report_page;
pub mod request;
pub mod revision;
pub mod snapshot;
pub mod synthetic;
pub mod table;
pub mod workbook;
