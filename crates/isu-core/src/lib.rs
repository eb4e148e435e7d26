//! The use cases: what the ISU API does, in the words of the domain, without HTTP.
//!
//! Layer: `isu-domain`, `isu-disclosure` ← `isu-store` ← **`isu-core`** ← `isu-api` (HTTP and
//! the binary). A handler parses the request, checks who is asking, calls one use case here and
//! renders its answer; the use case runs the rules and the storage calls in the right order and
//! transaction, and says what happened (or why not) in its own error type, which the HTTP layer
//! maps to problem+json in one place. Nothing here can name actix, `http` or `auth`: this crate
//! does not depend on them.
//!
//! - [`cases`]: writing records (one, an idempotent create, a batch).
//! - [`releases`]: building a release's versions (regional and national) and storing them.
//! - [`stats`]: statistics and releases (catalogue, facts, counting, protection by the cell-key
//!   method, suppressed releases and their versions, the report's tables and their formats).
//! - [`clock`]: the Swedish calendar the rules are judged by.

pub mod cases;
pub mod clock;
pub mod releases;
pub mod stats;
