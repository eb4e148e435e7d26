//! Writing SU-X records: one record (create or replace), a create made safe to retry by an
//! idempotency key, and a batch. The handler has already checked that the caller may write the
//! unit; everything here runs inside the connection the handler's `db_write` lends it, so a
//! failure at any step rolls back every step (no partial writes).

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::Connection;
use isu_domain::record::{self, ValidRecord};
use isu_domain::FieldError;
use sha2::{Digest, Sha256};

use isu_store::cases::{self, MethodRegistryCache, Precondition, PutOutcome, StoredCase};
use isu_store::{idempotency, DbConnection, StoreError};

/// Why a write did not happen, in the use case's words (HTTP maps each to one problem type).
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The record breaks rules of the form; every violation, each naming its field.
    #[error("the record is invalid ({} errors)", .0.len())]
    Invalid(Vec<FieldError>),
    /// A create found a record of this case reference already stored.
    #[error("a record exists for this case reference; use PUT to replace it")]
    Exists,
    /// The idempotency key was used before with a different request.
    #[error("this Idempotency-Key was used with a different request")]
    KeyReused,
    /// The idempotency key's first request is running right now.
    #[error("a request with this Idempotency-Key is still being processed")]
    KeyInUse,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<diesel::result::Error> for CaseError {
    fn from(err: diesel::result::Error) -> Self {
        CaseError::Store(err.into())
    }
}

/// Validates `body` against the form in force on its closing date, with named methods resolved
/// through the registry as stored now (`methods`: the server's copy, read again when it changed).
pub fn validate(
    conn: &mut DbConnection,
    methods: &MethodRegistryCache,
    body: &serde_json::Value,
    path_case_ref: Option<&str>,
    today: NaiveDate,
) -> Result<ValidRecord, CaseError> {
    let registry = methods.current(conn)?;
    record::validate(body, path_case_ref, today, registry.as_ref())
        .map_err(|violations| CaseError::Invalid(violations.into_iter().map(FieldError::from).collect()))
}

/// Validates each item of a batch as [`validate`] does one record (in order; an item's errors
/// are its own). Needs no writer: see [`put`] for why it may run before the write.
pub fn validate_batch(
    conn: &mut DbConnection,
    methods: &MethodRegistryCache,
    items: &[serde_json::Value],
    today: NaiveDate,
) -> Result<Vec<Result<ValidRecord, Vec<FieldError>>>, CaseError> {
    let registry = methods.current(conn)?;
    Ok(items
        .iter()
        .map(|item| {
            record::validate(item, None, today, registry.as_ref())
                .map_err(|v| v.into_iter().map(FieldError::from).collect())
        })
        .collect())
}

/// `PUT`: creates or replaces the record in `unit_id`, under the caller's precondition.
/// Repeating the same content is harmless (`Unchanged`, no new revision). `record` comes from
/// [`validate`], which may run before, outside the write's transaction (and outside SQLite's
/// writer lock): what validation reads of the registry does not change under a stored record —
/// a method is never deleted and keeps its id and intervention code — so a record validated a
/// moment before its write is stored as if written at that moment.
pub fn put(
    conn: &mut DbConnection,
    unit_id: &str,
    record: &ValidRecord,
    precondition: Precondition,
) -> Result<PutOutcome, CaseError> {
    Ok(cases::put(conn, unit_id, record, precondition)?)
}

/// An `Idempotency-Key` as the caller sent it, with who sent it: keys are per client.
pub struct IdempotencyKey<'a> {
    pub client_id: &'a str,
    pub key: &'a str,
}

/// What a create answered.
pub enum Created {
    /// Written now.
    New(Box<StoredCase>),
    /// The same key and request were answered before: this is the stored answer, unchanged.
    Replayed { status: u16, body: String },
}

/// `POST`: creates the record (never replaces one). With an idempotency key, the key's claim, the
/// write and the stored answer are one transaction: whatever fails (a refusal, the database)
/// rolls back all three, so a retry may reuse the key at once. `answer` renders the created
/// record as the response body to be replayed (the view is the caller's to choose).
pub fn create(
    conn: &mut DbConnection,
    methods: &MethodRegistryCache,
    unit_id: &str,
    body: &serde_json::Value,
    key: Option<IdempotencyKey<'_>>,
    today: NaiveDate,
    answer: impl Fn(&StoredCase) -> String,
) -> Result<Created, CaseError> {
    let request_hash = format!("{:x}", Sha256::digest(format!("POST {unit_id}\n{body}").as_bytes()));
    conn.transaction(|conn| {
        if let Some(IdempotencyKey { client_id, key }) = &key {
            match idempotency::claim(conn, client_id, key, &request_hash)? {
                idempotency::Begin::Proceed => {}
                idempotency::Begin::Replay { status, body } => return Ok(Created::Replayed { status, body }),
                idempotency::Begin::Mismatch => return Err(CaseError::KeyReused),
                idempotency::Begin::InProgress => return Err(CaseError::KeyInUse),
            }
        }
        let record = validate(conn, methods, body, None, today)?;
        let outcome = cases::put(conn, unit_id, &record, Precondition::IfNoneMatchAny).map_err(|e| match e {
            StoreError::PreconditionFailed(_) => CaseError::Exists,
            other => other.into(),
        })?;
        if let Some(IdempotencyKey { client_id, key }) = &key {
            idempotency::complete(conn, client_id, key, &request_hash, 201, &answer(outcome.case()))?;
        }
        Ok(Created::New(Box::new(outcome.case().clone())))
    })
}

/// What became of one item of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemOutcome {
    Created {
        revision: i32,
    },
    Replaced {
        revision: i32,
    },
    Unchanged {
        revision: i32,
    },
    /// Refused by the form's rules; nothing of it was written.
    Refused(Vec<FieldError>),
}

/// One item's result, in the order the batch named them.
#[derive(Debug, Clone)]
pub struct BatchItem {
    /// Position in the batch, from 0.
    pub index: usize,
    /// The item's case reference, when it had a readable one.
    pub case_ref: Option<String>,
    pub outcome: ItemOutcome,
}

/// Writes every valid item of a batch, each like a `PUT` of its `case_ref`: one transaction for
/// the batch (one commit instead of a thousand); an item is written whole or not at all. References
/// new to the unit and named once in the batch go in as multi-row inserts; the rest (replacements,
/// repeats) item by item. Database trouble stops the batch and rolls all of it back, so retrying
/// the whole batch is safe. `validated` is [`validate_batch`] of `items`.
pub fn batch(
    conn: &mut DbConnection,
    unit_id: &str,
    items: &[serde_json::Value],
    validated: Vec<Result<ValidRecord, Vec<FieldError>>>,
) -> Result<Vec<BatchItem>, CaseError> {
    conn.transaction(|conn| {
        let refs: Vec<String> = validated.iter().filter_map(|r| r.as_ref().ok().map(|r| r.case_ref.clone())).collect();
        let stored = cases::existing_refs(conn, unit_id, &refs)?;
        let mut named = HashMap::<&str, usize>::new();
        for r in &refs {
            *named.entry(r.as_str()).or_default() += 1;
        }
        let is_fresh = |r: &ValidRecord| !stored.contains(&r.case_ref) && named[r.case_ref.as_str()] == 1;
        let fresh: Vec<(String, ValidRecord)> = validated
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .filter(|r| is_fresh(r))
            .map(|r| (unit_id.to_string(), r.clone()))
            .collect();
        cases::insert_many(conn, &fresh)?;

        let mut results = Vec::with_capacity(items.len());
        for (index, (item, validation)) in items.iter().zip(validated).enumerate() {
            let case_ref = item.get("case_ref").and_then(|v| v.as_str()).map(str::to_string);
            let outcome = match validation {
                Err(errors) => ItemOutcome::Refused(errors),
                Ok(record) if is_fresh(&record) => ItemOutcome::Created { revision: 1 },
                Ok(record) => match cases::put(conn, unit_id, &record, Precondition::None)? {
                    PutOutcome::Created(case) => ItemOutcome::Created { revision: case.revision },
                    PutOutcome::Replaced(case) => ItemOutcome::Replaced { revision: case.revision },
                    PutOutcome::Unchanged(case) => ItemOutcome::Unchanged { revision: case.revision },
                },
            };
            results.push(BatchItem { index, case_ref, outcome });
        }
        Ok(results)
    })
}
