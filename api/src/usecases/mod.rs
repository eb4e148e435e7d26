//! The use cases: what the API does, in the words of the domain, without HTTP.
//!
//! A handler in `http/` parses the request, checks who is asking, calls one use case here and
//! renders its answer; the use case runs the rules and the storage calls in the right order and
//! transaction, and says what happened (or why not) in its own error type, which `http/problem.rs`
//! maps to problem+json in one place. Issue 14, step 3: this module is the seed of the
//! `isu-core` crate, and names nothing from `http` or `auth` so that it can move there.

pub mod cases;
pub mod clock;
