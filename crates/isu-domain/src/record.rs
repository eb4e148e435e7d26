//! Validation of one SU-X record (one closed case) against its form version, and the record's
//! wire form.
//!
//! Pure: no I/O. The HTTP layer hands [`validate`] the raw JSON body, the case reference from
//! the URL (PUT) and today's date in Europe/Stockholm; the manual-method registry is reached
//! through the [`MethodRegistry`] trait. Every violation is reported at once, each with an RFC
//! 6901 JSON pointer into the body and a stable code ([`code`]). Messages never echo a submitted
//! value: they name the field and the rule only (a pointer does contain the name of an unknown
//! field, except when that name itself contains a personal identity number).
//!
//! # The form version
//!
//! The closing date selects the version ([`forms::for_closing_date`]): 2020 → `su-x-2020`, from
//! 2021-01-01 → `su-x-2021`. An explicit `form` in the body is optional; if it names another
//! version than the closing date selects → `/form` `form_mismatch`, an id that is no version →
//! `/form` `unknown_form`. A closing date for which no version exists (before 2020, including
//! 2019, the first year of the scheme) → `/closed_on` `no_form_for_date` (and, before
//! 2019-01-01, also `too_early` from the form's `not_before` rule).
//!
//! When the closing date selects no version (missing, malformed, or before 2020), the rest of
//! the body is still checked, so that every violation is reported at once: against the version
//! named in `form` when that is a known version, else against every version, reporting only the
//! violations that hold in all of them (so `birth_background` is neither demanded nor refused
//! while the version is undecided).
//!
//! # Fields
//!
//! The fields are those of the version's `fields`, checked by their data: type, `required`,
//! `nullable`, code list, `minimum`/`maximum`, `min_items`/`max_items`, `unique_items`,
//! `max_length`, `pattern`. In detail:
//! - `null` is the same as an absent field. A required field that is absent → `required`;
//!   `started_on` is required *and* nullable: it must be sent, as a date or `null`.
//! - Free texts (text fields without a `pattern`) are trimmed; a text that is empty after
//!   trimming is absent. Length counts Unicode characters after trimming (`too_long`). Control
//!   characters other than line feed, carriage return and tab → `invalid_characters`.
//! - Identifier texts (with a `pattern`: `case_ref`) are not trimmed; the exact value must match
//!   the pattern (`invalid_format`). The pattern language understood is `^[class]{m,n}$` (also
//!   `+`, `*`, `{n}`); a pattern outside it refuses every value (the unit tests make sure the
//!   data's patterns are understood).
//! - `case_ref`: when the URL names the case (`path_case_ref`), the body's `case_ref` is optional
//!   and must equal it (`/case_ref` `case_ref_mismatch`); the URL's value is checked like a body
//!   value and reported at pointer `path:case_ref` (format, identity numbers) when the body does
//!   not repeat it.
//! - Dates are exactly `YYYY-MM-DD` (`invalid_date`); a non-string → `invalid_type`.
//! - Integers are JSON integers (`12.0` and `"12"` → `invalid_type`), range → `out_of_range`.
//! - Codes: a string from the version's code list (`unknown_code`, at the element for sets:
//!   `/problem_areas/2`). Code sets: a JSON array; fewer than `min_items` → `too_few`, more
//!   than `max_items` → `too_many` (both at the set), a repeated code → `duplicate` at the
//!   second occurrence. `problem_areas` keeps the order sent; `interventions` are stored in form
//!   order. Arrays are checked element by element up to 100 elements (a longer array is refused
//!   as `too_many` anyway).
//! - `manual_methods` (the one text list): each entry is trimmed; an entry empty after trimming
//!   → `empty`, one with no letter or digit → `invalid_format`, longer than `max_length` →
//!   `too_long`, more than `max_items` entries → `too_many`. Each entry is resolved through the
//!   registry (exact id, or name/alias after [`normalise_method_name`]); two entries naming the
//!   same method (same registry id, or for unresolved texts the same normalised name) →
//!   `duplicate` at the second. An entry that resolves to a method the registry counts under
//!   another intervention code *which this version lists* (crisis support in 2021: the code
//!   `crisis_support`) → `use_intervention_code`: tick the code instead of naming the method,
//!   so that statistics never count it twice. In 2020 crisis support has no code and is named.
//! - Fields of another version only (`birth_background`, `other_intervention_text` in 2020) →
//!   `not_in_form` when they carry a value (`null`, `""` and `[]` are accepted as absent).
//!   Server-owned fields ([`SERVER_FIELDS`]) → `read_only`. Anything else → `unknown_field`.
//!
//! # Rules (the version's `rules`, as data)
//! - `requires_detail`: the detail is required when one of the codes is chosen (`required` at the
//!   detail field), and refused when none is (`not_allowed` at the detail field; not reported
//!   while the deciding field has errors of its own).
//! - `empty_exactly_when`: `interventions` non-empty with closing reason `never_started` →
//!   `not_allowed`; empty with another closing reason → `required` (both at `/interventions`).
//! - `null_exactly_when`: `started_on` set with `never_started` → `not_allowed`; `null` with
//!   another closing reason → `required` (at `/started_on`).
//! - `date_order`: for every pair of present dates in the listed order, the later field is
//!   reported when it is before the earlier (`date_order` at the later field).
//! - `not_in_future`: a date after `today` → `in_future`. `not_before` → `too_early`.
//!   `within_validity` → `no_form_for_date` (or `outside_validity`, which the version selection
//!   makes impossible in practice).
//! - `no_personal_identity_number`: the listed fields (`case_ref` and the free texts, each
//!   `manual_methods` entry) must not contain a personal identity or coordination number
//!   ([`contains_identity_number`]) → `personal_identity_number` at the field or entry.
//!
//! # Derived values
//! - `intervention_days` = `closed_on − started_on`, `None` when never started;
//!   `enrolment_days` = `closed_on − referred_on`.
//! - `intervention_type`: closing reason `never_started` (so no interventions) → `none`.
//!   Otherwise *manual* = the codes `crisis_support` or `manual_method` (in 2020 crisis support is
//!   a named method under `manual_method`, so it is manual there too), *traditional* =
//!   `traditional_family_treatment`; both → `traditional_and_manual`; traditional without
//!   manual → `traditional_only` and manual without traditional → `manual_only`, whether or not
//!   `other_non_manual` accompanies them; only `other_non_manual` → `other_only`.
//!
//! # Wire form
//! [`to_wire`] gives the record as the API answers it: `form` first, then the version's fields in
//! form order, absent optional values as `null`, `manual_methods` as the texts sent (trimmed,
//! `[]` when none), fields of other versions left out, no derived or server fields.
//! `validate(&to_wire(r), None, today, registry) == Ok(r)` for the same registry and a `today`
//! not before the record's dates.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::codes::CodeListId;
use super::forms::{self, FieldType, Form, FormField, RuleCheck};
use super::manual_methods::{self, normalise_method_name};
use super::personnummer::contains_identity_number;

/// Case references the URL scheme reserves.
pub const RESERVED_CASE_REFS: &[&str] = &["batch"];

/// Case references that are not plain path segments: every URL library removes `.` and `..`
/// segments (RFC 3986 §5.2.4), so a record called that could be neither read nor erased.
pub const DOT_SEGMENTS: &[&str] = &[".", ".."];

/// The longest a case can plausibly last, in whole years: the oldest age at referral any version
/// allows (`age_at_referral` maximum, 20) plus one. A child referred at birth is 21 by then; a
/// longer case would have outlasted the youth the form follows up, so it is a typing error (a
/// wrong year) rather than a real case.
pub fn max_case_years() -> u32 {
    let oldest = forms::all()
        .iter()
        .filter_map(|form| form.field("age_at_referral").and_then(|f| f.maximum))
        .max()
        .unwrap_or(20);
    u32::try_from(oldest.max(0)).unwrap_or(20) + 1
}

/// The earliest plausible `referred_on` and `started_on`: the first closing date any version
/// applies to (2020-01-01) minus [`max_case_years`] (so 1999-01-01).
pub fn earliest_case_date() -> NaiveDate {
    let first_closing = forms::all().iter().map(|form| form.validity.closed_from).min().unwrap_or(NaiveDate::MIN);
    first_closing.checked_sub_months(chrono::Months::new(12 * max_case_years())).unwrap_or(first_closing)
}

/// Stable violation codes.
pub mod code {
    /// A field no version of the form has.
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    /// A field the server sets ([`super::SERVER_FIELDS`]).
    pub const READ_ONLY: &str = "read_only";
    /// A field of another version of the form only.
    pub const NOT_IN_FORM: &str = "not_in_form";
    /// A required value is missing (field, detail text, interventions, start date).
    pub const REQUIRED: &str = "required";
    /// A value that the rest of the record rules out (detail without its code, start date or
    /// interventions when never started).
    pub const NOT_ALLOWED: &str = "not_allowed";
    /// Wrong JSON type.
    pub const INVALID_TYPE: &str = "invalid_type";
    /// Not a `YYYY-MM-DD` calendar date.
    pub const INVALID_DATE: &str = "invalid_date";
    /// Integer outside the allowed range.
    pub const OUT_OF_RANGE: &str = "out_of_range";
    /// Not a code of the version's code list.
    pub const UNKNOWN_CODE: &str = "unknown_code";
    /// Fewer items than allowed.
    pub const TOO_FEW: &str = "too_few";
    /// More items than allowed.
    pub const TOO_MANY: &str = "too_many";
    /// The same code or method again (reported at the second occurrence).
    pub const DUPLICATE: &str = "duplicate";
    /// Text longer than allowed (characters after trimming).
    pub const TOO_LONG: &str = "too_long";
    /// A list entry that is empty after trimming.
    pub const EMPTY: &str = "empty";
    /// Control characters in a text.
    pub const INVALID_CHARACTERS: &str = "invalid_characters";
    /// Does not match the field's pattern (or a method name without letters or digits).
    pub const INVALID_FORMAT: &str = "invalid_format";
    /// Contains a personal identity or coordination number.
    pub const PERSONAL_IDENTITY_NUMBER: &str = "personal_identity_number";
    /// A date before an earlier date of the record.
    pub const DATE_ORDER: &str = "date_order";
    /// A date after today.
    pub const IN_FUTURE: &str = "in_future";
    /// A date before the earliest allowed date.
    pub const TOO_EARLY: &str = "too_early";
    /// No form version applies to the closing date.
    pub const NO_FORM_FOR_DATE: &str = "no_form_for_date";
    /// The closing date is outside the chosen version's validity.
    pub const OUTSIDE_VALIDITY: &str = "outside_validity";
    /// `form` names another version than the closing date selects.
    pub const FORM_MISMATCH: &str = "form_mismatch";
    /// `form` is not the id of a form version.
    pub const UNKNOWN_FORM: &str = "unknown_form";
    /// A value the API reserves (the case reference `batch`).
    pub const RESERVED: &str = "reserved";
    /// The body's `case_ref` differs from the URL's.
    pub const CASE_REF_MISMATCH: &str = "case_ref_mismatch";
    /// A named method that this version registers as an intervention code.
    pub const USE_INTERVENTION_CODE: &str = "use_intervention_code";
    /// The form data lacks something the record needs (never with the embedded data).
    pub const UNSUPPORTED_FORM: &str = "unsupported_form";
}

/// Fields the server owns; a client sending them gets `read_only`.
pub const SERVER_FIELDS: [&str; 9] = [
    "id",
    "unit_id",
    "revision",
    "created_at",
    "updated_at",
    "intervention_days",
    "enrolment_days",
    "intervention_type",
    "named_methods",
];

/// The optional body field naming the form version.
pub const FORM_FIELD: &str = "form";

/// Arrays are checked element by element up to this many elements.
const MAX_CHECKED_ITEMS: usize = 100;

/// One violated rule: JSON pointer into the submitted record (e.g. "/problem_areas/3",
/// "/comment", "" for the whole body; `path:case_ref` for the URL's case reference), stable code
/// ([`code`]), message. Messages never echo submitted text values (personal data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub pointer: String,
    pub code: String,
    pub message: String,
}

impl Violation {
    fn new(pointer: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self { pointer: pointer.into(), code: code.to_string(), message: message.into() }
    }
}

/// A manual method as resolved through the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMethod {
    pub id: String,
    pub intervention_code: String,
}

/// The registry (the lead implements it over the DB): exact id, or name/alias after
/// [`normalise_method_name`]. [`validate`] passes each entry trimmed.
pub trait MethodRegistry {
    fn resolve(&self, name_or_id: &str) -> Option<ResolvedMethod>;
}

/// The embedded seed registry (`crates/isu-domain/reference/manual-methods.json`), for tests and tools that
/// have no database.
#[derive(Debug, Clone, Copy, Default)]
pub struct SeedMethods;

impl MethodRegistry for SeedMethods {
    fn resolve(&self, name_or_id: &str) -> Option<ResolvedMethod> {
        manual_methods::find(name_or_id)
            .map(|m| ResolvedMethod { id: m.id.clone(), intervention_code: m.intervention_code.clone() })
    }
}

/// The kind of intervention a child received (the report's diagrams 4, 5, 7 and 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = InterventionType)]
pub enum InterventionType {
    /// Traditional family treatment, no manual-based method (other non-manual support may
    /// accompany it).
    TraditionalOnly,
    /// Crisis support or named manual-based methods, no traditional treatment.
    ManualOnly,
    /// Both traditional treatment and manual-based methods.
    TraditionalAndManual,
    /// Only other, non-manual-based support.
    OtherOnly,
    /// The intervention never started.
    None,
}

/// A named method as stored: the text as sent (trimmed), and the registry id when it resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedMethod {
    pub name: String,
    pub method_id: Option<String>,
    pub intervention_code: Option<String>,
}

/// A record that passed every rule of its form version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidRecord {
    pub case_ref: String,
    /// "su-x-2020" | "su-x-2021"
    pub form: String,
    pub age_at_referral: i32,
    pub gender: String,
    /// Some in 2021, None in 2020.
    pub birth_background: Option<String>,
    pub referred_on: NaiveDate,
    pub started_on: Option<NaiveDate>,
    pub previously_active: String,
    /// In the order sent, 1–3 distinct.
    pub problem_areas: Vec<String>,
    /// Trimmed; None when absent/empty.
    pub problem_area_other: Option<String>,
    /// Distinct, in form order (canonical).
    pub interventions: Vec<String>,
    /// In the order sent, trimmed.
    pub manual_methods: Vec<NamedMethod>,
    pub other_intervention_text: Option<String>,
    pub closed_on: NaiveDate,
    pub closing_reason: String,
    pub closing_reason_text: Option<String>,
    pub comment: Option<String>,
    // derived
    /// closed_on − started_on; None when never started.
    pub intervention_days: Option<i32>,
    /// closed_on − referred_on.
    pub enrolment_days: i32,
    pub intervention_type: InterventionType,
}

/// Validates one submitted record (the raw JSON body, so every violation can be reported at
/// once with a pointer, including type errors).
///
/// `path_case_ref`: the case reference from the URL (PUT); when Some, the body's `case_ref` is
/// optional and must equal it if present; when None (POST/batch item) `case_ref` is required in
/// the body. `today`: the current date in Europe/Stockholm (the caller computes it), for "no
/// future dates". Returns every violation found (not just the first), sorted by pointer then
/// code, deduplicated (on pointer and code).
pub fn validate(
    body: &Value,
    path_case_ref: Option<&str>,
    today: NaiveDate,
    methods: &dyn MethodRegistry,
) -> Result<ValidRecord, Vec<Violation>> {
    let Some(obj) = body.as_object() else {
        return Err(vec![Violation::new("", code::INVALID_TYPE, "the record must be a JSON object")]);
    };
    let mut out = Vec::new();

    // The explicit version, if any.
    let explicit: Option<&'static Form> = match obj.get(FORM_FIELD) {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => match forms::get(id) {
            Some(form) => Some(form),
            None => {
                out.push(Violation::new(
                    "/form",
                    code::UNKNOWN_FORM,
                    format!("form must be one of {}", form_ids().join(", ")),
                ));
                None
            }
        },
        Some(_) => {
            out.push(Violation::new("/form", code::INVALID_TYPE, "form must be a string (a form version id)"));
            None
        }
    };

    // The version selected by the closing date.
    let closed_on = obj.get("closed_on").and_then(Value::as_str).and_then(parse_date);
    let by_date = closed_on.and_then(forms::for_closing_date);
    if let (Some(selected), Some(explicit)) = (by_date, explicit) {
        if selected.id != explicit.id {
            out.push(Violation::new(
                "/form",
                code::FORM_MISMATCH,
                format!("the closing date selects form {}; form must be that or absent", selected.id),
            ));
        }
    }
    if closed_on.is_some() && by_date.is_none() {
        out.push(no_form_for_date());
    }

    let result = match (by_date, explicit) {
        (Some(form), _) | (None, Some(form)) => {
            let mut checker = Checker::new(obj, form, path_case_ref, today, methods);
            checker.run();
            if out.is_empty() && checker.out.is_empty() && by_date.is_some() {
                checker.build()
            } else {
                out.append(&mut checker.out);
                Err(out)
            }
        }
        (None, None) => {
            // Undecided version: keep what every version reports.
            let mut common: Option<Vec<Violation>> = None;
            for form in forms::all() {
                let mut checker = Checker::new(obj, form, path_case_ref, today, methods);
                checker.run();
                common = Some(match common {
                    None => checker.out,
                    Some(previous) => {
                        let keys: HashSet<(String, String)> =
                            checker.out.into_iter().map(|v| (v.pointer, v.code)).collect();
                        previous.into_iter().filter(|v| keys.contains(&(v.pointer.clone(), v.code.clone()))).collect()
                    }
                });
            }
            out.extend(common.unwrap_or_default());
            if out.is_empty() {
                // Unreachable with a closing date that selects no version (it is reported by
                // every version), kept as a guard.
                out.push(no_form_for_date());
            }
            Err(out)
        }
    };
    result.map_err(finish)
}

/// The record as the API answers it (wire names; `manual_methods` as the texts sent; no derived
/// or server fields — the HTTP layer adds them). `validate(&to_wire(r))` gives back `r`.
pub fn to_wire(record: &ValidRecord) -> Value {
    let mut out = Map::new();
    out.insert(FORM_FIELD.into(), Value::String(record.form.clone()));
    let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
    let date = |d: NaiveDate| Value::String(d.format("%Y-%m-%d").to_string());
    let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
    let value = |name: &str| -> Option<Value> {
        Some(match name {
            "case_ref" => Value::String(record.case_ref.clone()),
            "age_at_referral" => Value::from(record.age_at_referral),
            "gender" => Value::String(record.gender.clone()),
            "birth_background" => text(&record.birth_background),
            "referred_on" => date(record.referred_on),
            "started_on" => record.started_on.map_or(Value::Null, date),
            "previously_active" => Value::String(record.previously_active.clone()),
            "problem_areas" => strings(&record.problem_areas),
            "problem_area_other" => text(&record.problem_area_other),
            "interventions" => strings(&record.interventions),
            "manual_methods" => {
                Value::Array(record.manual_methods.iter().map(|m| Value::String(m.name.clone())).collect())
            }
            "other_intervention_text" => text(&record.other_intervention_text),
            "closed_on" => date(record.closed_on),
            "closing_reason" => Value::String(record.closing_reason.clone()),
            "closing_reason_text" => text(&record.closing_reason_text),
            "comment" => text(&record.comment),
            _ => return None,
        })
    };
    match forms::get(&record.form) {
        Some(form) => {
            for field in &form.fields {
                if let Some(v) = value(&field.name) {
                    out.insert(field.name.clone(), v);
                }
            }
        }
        None => {
            for name in WIRE_FIELDS {
                if let Some(v) = value(name) {
                    if !(v.is_null() && matches!(name, "birth_background" | "other_intervention_text")) {
                        out.insert(name.to_string(), v);
                    }
                }
            }
        }
    }
    Value::Object(out)
}

/// Every record field of any version, in 2021 form order (fallback of [`to_wire`]).
const WIRE_FIELDS: [&str; 16] = [
    "case_ref",
    "age_at_referral",
    "gender",
    "birth_background",
    "referred_on",
    "started_on",
    "previously_active",
    "problem_areas",
    "problem_area_other",
    "interventions",
    "manual_methods",
    "other_intervention_text",
    "closed_on",
    "closing_reason",
    "closing_reason_text",
    "comment",
];

fn form_ids() -> Vec<&'static str> {
    forms::all().iter().map(|f| f.id.as_str()).collect()
}

fn no_form_for_date() -> Violation {
    Violation::new(
        "/closed_on",
        code::NO_FORM_FOR_DATE,
        format!(
            "no form version applies to this closing date; the first ({}) applies from {}",
            forms::all().first().map_or("", |f| f.id.as_str()),
            forms::all().first().map_or(String::new(), |f| f.validity.closed_from.to_string()),
        ),
    )
}

/// Sorts by pointer then code and removes repeated (pointer, code) pairs.
fn finish(mut violations: Vec<Violation>) -> Vec<Violation> {
    violations.sort_by(|a, b| (&a.pointer, &a.code).cmp(&(&b.pointer, &b.code)));
    violations.dedup_by(|a, b| a.pointer == b.pointer && a.code == b.code);
    violations
}

/// RFC 6901 pointer to a member of the body.
fn pointer(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Strictly `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// Whether a raw value counts as given: not null, not a blank string, not an empty array.
fn is_given(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    }
}

/// A parsed field value.
#[derive(Debug, Clone)]
enum Val {
    Int(i64),
    Date(NaiveDate),
    Code(String),
    Codes(Vec<String>),
    Text(String),
    Methods(Vec<NamedMethod>),
}

/// What is known about a field after its own checks.
#[derive(Debug, Clone)]
struct Slot {
    /// The value (for a code set with errors: the valid codes found).
    value: Option<Val>,
    /// Whether the field passed its own checks (an absent optional field did).
    ok: bool,
}

impl Slot {
    const ABSENT: Slot = Slot { value: None, ok: true };
    const FAILED: Slot = Slot { value: None, ok: false };
    fn valid(value: Val) -> Slot {
        Slot { value: Some(value), ok: true }
    }
}

/// Checks one body against one form version.
struct Checker<'a> {
    obj: &'a Map<String, Value>,
    form: &'static Form,
    path_case_ref: Option<&'a str>,
    today: NaiveDate,
    methods: &'a dyn MethodRegistry,
    slots: HashMap<&'static str, Slot>,
    out: Vec<Violation>,
}

impl<'a> Checker<'a> {
    fn new(
        obj: &'a Map<String, Value>,
        form: &'static Form,
        path_case_ref: Option<&'a str>,
        today: NaiveDate,
        methods: &'a dyn MethodRegistry,
    ) -> Self {
        Self { obj, form, path_case_ref, today, methods, slots: HashMap::new(), out: Vec::new() }
    }

    fn push(&mut self, pointer: impl Into<String>, code: &str, message: impl Into<String>) {
        self.out.push(Violation::new(pointer, code, message));
    }

    fn run(&mut self) {
        self.check_members();
        for field in &self.form.fields {
            let slot = self.check_field(field);
            self.slots.insert(field.name.as_str(), slot);
        }
        for rule in &self.form.rules {
            self.check_rule(&rule.check);
        }
        self.check_plausible_dates();
    }

    /// Dates no real case has: before [`earliest_case_date`], or a referral more than
    /// [`max_case_years`] before the closing date (`too_early`). Future dates and closing dates
    /// without a version are the form's own rules.
    fn check_plausible_dates(&mut self) {
        let earliest = earliest_case_date();
        for field in ["referred_on", "started_on"] {
            if self.date(field).is_some_and(|d| d < earliest) {
                self.push(pointer(field), code::TOO_EARLY, format!("{field} must not be before {earliest}"));
            }
        }
        let years = max_case_years();
        if let (Some(referred_on), Some(closed_on)) = (self.date("referred_on"), self.date("closed_on")) {
            let limit = closed_on.checked_sub_months(chrono::Months::new(12 * years)).unwrap_or(NaiveDate::MIN);
            if referred_on >= earliest && referred_on < limit {
                self.push(
                    "/referred_on",
                    code::TOO_EARLY,
                    format!("referred_on must not be more than {years} years before closed_on"),
                );
            }
        }
    }

    /// Members that are not fields of this version.
    fn check_members(&mut self) {
        for (key, value) in self.obj {
            if key == FORM_FIELD || self.form.field(key).is_some() {
                continue;
            }
            if SERVER_FIELDS.contains(&key.as_str()) {
                self.push(pointer(key), code::READ_ONLY, format!("{key} is set by the server"));
            } else if forms::all().iter().any(|f| f.field(key).is_some()) {
                if is_given(Some(value)) {
                    self.push(pointer(key), code::NOT_IN_FORM, format!("{key} is not a field of {}", self.form.id));
                }
            } else if contains_identity_number(key) {
                self.push(
                    "",
                    code::UNKNOWN_FIELD,
                    "a field name that is no field of the record (not shown: it contains a personal identity number)",
                );
            } else {
                self.push(pointer(key), code::UNKNOWN_FIELD, format!("{key} is not a field of the record"));
            }
        }
    }

    fn check_field(&mut self, field: &'static FormField) -> Slot {
        let name = field.name.as_str();
        let ptr = pointer(name);
        let raw = self.obj.get(name);
        if field.pattern.is_some() || name == "case_ref" {
            return self.check_identifier(field);
        }
        let raw = match raw {
            None => {
                if field.required {
                    self.push(ptr, code::REQUIRED, format!("{name} is required"));
                    return Slot::FAILED;
                }
                return Slot::ABSENT;
            }
            Some(Value::Null) => {
                if field.required && !field.nullable {
                    self.push(ptr, code::REQUIRED, format!("{name} is required and must not be null"));
                    return Slot::FAILED;
                }
                return Slot::ABSENT;
            }
            Some(raw) => raw,
        };
        match field.field_type {
            FieldType::Integer => self.check_integer(field, &ptr, raw),
            FieldType::Date => match raw {
                Value::String(s) => match parse_date(s) {
                    Some(d) => Slot::valid(Val::Date(d)),
                    None => {
                        self.push(ptr, code::INVALID_DATE, format!("{name} must be a calendar date YYYY-MM-DD"));
                        Slot::FAILED
                    }
                },
                _ => {
                    self.push(ptr, code::INVALID_TYPE, format!("{name} must be a string (date YYYY-MM-DD)"));
                    Slot::FAILED
                }
            },
            FieldType::Code => match raw {
                Value::String(s) => {
                    if self.code_ok(field, s) {
                        Slot::valid(Val::Code(s.clone()))
                    } else {
                        let message = self.unknown_code_message(field);
                        self.push(ptr, code::UNKNOWN_CODE, message);
                        Slot::FAILED
                    }
                }
                _ => {
                    self.push(ptr, code::INVALID_TYPE, format!("{name} must be a string (a code)"));
                    Slot::FAILED
                }
            },
            FieldType::CodeSet => self.check_code_set(field, &ptr, raw),
            FieldType::Text => match raw {
                Value::String(s) => match self.check_free_text(field, &ptr, s, true) {
                    Some(text) if text.is_empty() => Slot::ABSENT,
                    Some(text) => Slot::valid(Val::Text(text)),
                    None => Slot::FAILED,
                },
                _ => {
                    self.push(ptr, code::INVALID_TYPE, format!("{name} must be a string"));
                    Slot::FAILED
                }
            },
            FieldType::TextList => self.check_methods(field, &ptr, raw),
        }
    }

    fn code_ok(&self, field: &FormField, code: &str) -> bool {
        field.code_list.and_then(|id| self.form.code_list(id)).is_some_and(|list| list.contains(code))
    }

    fn unknown_code_message(&self, field: &FormField) -> String {
        match field.code_list {
            Some(list) => format!("not a code of the list {list} in {}", self.form.id),
            None => format!("{} has no code list in {}", field.name, self.form.id),
        }
    }

    fn check_integer(&mut self, field: &FormField, ptr: &str, raw: &Value) -> Slot {
        let name = &field.name;
        let Value::Number(n) = raw else {
            self.push(ptr, code::INVALID_TYPE, format!("{name} must be an integer"));
            return Slot::FAILED;
        };
        let value = match (n.as_i64(), n.is_u64()) {
            (Some(v), _) => v,
            (None, true) => i64::MAX,
            (None, false) => {
                self.push(ptr, code::INVALID_TYPE, format!("{name} must be an integer"));
                return Slot::FAILED;
            }
        };
        let (min, max) = (field.minimum.unwrap_or(i64::MIN), field.maximum.unwrap_or(i64::MAX));
        let max = max.min(i64::from(i32::MAX));
        let min = min.max(i64::from(i32::MIN));
        if value < min || value > max {
            self.push(ptr, code::OUT_OF_RANGE, format!("{name} must be between {min} and {max}"));
            return Slot::FAILED;
        }
        Slot::valid(Val::Int(value))
    }

    fn check_code_set(&mut self, field: &FormField, ptr: &str, raw: &Value) -> Slot {
        let name = &field.name;
        let Value::Array(items) = raw else {
            self.push(ptr, code::INVALID_TYPE, format!("{name} must be an array of codes"));
            return Slot::FAILED;
        };
        let mut ok = true;
        if let Some(min) = field.min_items {
            if items.len() < min as usize {
                self.push(ptr, code::TOO_FEW, format!("{name} needs at least {min}"));
                ok = false;
            }
        }
        if let Some(max) = field.max_items {
            if items.len() > max as usize {
                self.push(ptr, code::TOO_MANY, format!("{name} allows at most {max}"));
                ok = false;
            }
        }
        let mut codes: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in items.iter().take(MAX_CHECKED_ITEMS).enumerate() {
            let item_ptr = format!("{ptr}/{i}");
            let Value::String(s) = item else {
                self.push(item_ptr, code::INVALID_TYPE, "must be a string (a code)");
                ok = false;
                continue;
            };
            if field.unique_items && !seen.insert(s.as_str()) {
                self.push(item_ptr, code::DUPLICATE, format!("this code is already in {name}"));
                continue;
            }
            if self.code_ok(field, s) {
                codes.push(s.clone());
            } else {
                let message = self.unknown_code_message(field);
                self.push(item_ptr, code::UNKNOWN_CODE, message);
                ok = false;
            }
        }
        if items.len() > MAX_CHECKED_ITEMS {
            ok = false;
        }
        Slot { value: Some(Val::Codes(codes)), ok }
    }

    /// A free text: trimmed, length, control characters. `Some("")` when blank (absent), `None`
    /// when refused.
    fn check_free_text(&mut self, field: &FormField, ptr: &str, raw: &str, multiline: bool) -> Option<String> {
        let text = raw.trim();
        let mut ok = true;
        if let Some(max) = field.max_length {
            if text.chars().count() > max as usize {
                self.push(ptr, code::TOO_LONG, format!("at most {max} characters"));
                ok = false;
            }
        }
        let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
        if !text.chars().all(allowed) {
            let message = if multiline {
                "must not contain control characters other than line breaks and tabs"
            } else {
                "must not contain control characters"
            };
            self.push(ptr, code::INVALID_CHARACTERS, message);
            ok = false;
        }
        ok.then(|| text.to_string())
    }

    /// An identifier (a text with a pattern: `case_ref`), not trimmed; `case_ref` may come from
    /// the URL instead of the body.
    fn check_identifier(&mut self, field: &FormField) -> Slot {
        let name = field.name.as_str();
        let ptr = pointer(name);
        let path = if name == "case_ref" { self.path_case_ref } else { None };
        let (value, ptr) = match (self.obj.get(name), path) {
            (None | Some(Value::Null), Some(path)) => (path, "path:case_ref".to_string()),
            (None | Some(Value::Null), None) => {
                if field.required {
                    self.push(ptr, code::REQUIRED, format!("{name} is required"));
                    return Slot::FAILED;
                }
                return Slot::ABSENT;
            }
            (Some(Value::String(s)), path) => {
                if path.is_some_and(|p| p != s) {
                    self.push(
                        &ptr,
                        code::CASE_REF_MISMATCH,
                        format!("{name} must equal the case reference in the URL"),
                    );
                }
                (s.as_str(), ptr)
            }
            (Some(_), _) => {
                self.push(ptr, code::INVALID_TYPE, format!("{name} must be a string"));
                return Slot::FAILED;
            }
        };
        let mut ok = true;
        // `/units/{unit_id}/cases/batch` is the batch resource, so no case may be called that.
        if name == "case_ref" && RESERVED_CASE_REFS.contains(&value) {
            self.push(&ptr, code::RESERVED, format!("{name} must not be `{value}`: it names the batch endpoint"));
            ok = false;
        }
        if name == "case_ref" && DOT_SEGMENTS.contains(&value) {
            self.push(
                &ptr,
                code::RESERVED,
                format!(
                    "{name} must not be `.` or `..`: URLs drop such a path segment, so the record could not be read"
                ),
            );
            ok = false;
        }
        if let Some(max) = field.max_length {
            if value.chars().count() > max as usize {
                self.push(&ptr, code::TOO_LONG, format!("at most {max} characters"));
                ok = false;
            }
        }
        let pattern_ok = match &field.pattern {
            Some(pattern) => SimplePattern::parse(pattern).is_some_and(|p| p.matches(value)),
            None => !value.is_empty(),
        };
        if !pattern_ok {
            let shape = field.pattern.as_deref().unwrap_or("a non-empty text");
            self.push(&ptr, code::INVALID_FORMAT, format!("{name} must match {shape}"));
            ok = false;
        }
        if ok {
            Slot::valid(Val::Text(value.to_string()))
        } else {
            Slot::FAILED
        }
    }

    /// `manual_methods`: texts resolved through the registry.
    fn check_methods(&mut self, field: &FormField, ptr: &str, raw: &Value) -> Slot {
        let name = &field.name;
        let Value::Array(items) = raw else {
            self.push(ptr, code::INVALID_TYPE, format!("{name} must be an array of strings"));
            return Slot::FAILED;
        };
        if items.is_empty() {
            return Slot::ABSENT;
        }
        let mut ok = true;
        if let Some(max) = field.max_items {
            if items.len() > max as usize {
                self.push(ptr, code::TOO_MANY, format!("{name} allows at most {max} entries"));
                ok = false;
            }
        }
        let interventions = self.form.code_list(CodeListId::Interventions);
        let mut methods = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in items.iter().take(MAX_CHECKED_ITEMS).enumerate() {
            let item_ptr = format!("{ptr}/{i}");
            let Value::String(s) = item else {
                self.push(item_ptr, code::INVALID_TYPE, "must be a string (a method name or registry id)");
                ok = false;
                continue;
            };
            let Some(text) = self.check_free_text(field, &item_ptr, s, false) else {
                ok = false;
                continue;
            };
            if text.is_empty() {
                self.push(item_ptr, code::EMPTY, "a method name must not be empty");
                ok = false;
                continue;
            }
            let key = normalise_method_name(&text);
            if key.is_empty() {
                self.push(item_ptr, code::INVALID_FORMAT, "a method name needs at least one letter or digit");
                ok = false;
                continue;
            }
            let resolved = self.methods.resolve(&text);
            let key = match &resolved {
                Some(m) => format!("id:{}", m.id),
                None => format!("name:{key}"),
            };
            if field.unique_items && !seen.insert(key) {
                self.push(item_ptr, code::DUPLICATE, format!("this method is already in {name}"));
                ok = false;
                continue;
            }
            if let (Some(m), Some(list)) = (&resolved, interventions) {
                if m.intervention_code != "manual_method" && list.contains(&m.intervention_code) {
                    self.push(
                        item_ptr,
                        code::USE_INTERVENTION_CODE,
                        format!(
                            "in {} this method is the intervention code {}, not a named method",
                            self.form.id, m.intervention_code
                        ),
                    );
                    ok = false;
                    continue;
                }
            }
            methods.push(NamedMethod {
                name: text,
                method_id: resolved.as_ref().map(|m| m.id.clone()),
                intervention_code: resolved.map(|m| m.intervention_code),
            });
        }
        if items.len() > MAX_CHECKED_ITEMS {
            ok = false;
        }
        Slot { value: Some(Val::Methods(methods)), ok }
    }

    fn slot(&self, name: &str) -> Slot {
        self.slots.get(name).cloned().unwrap_or(Slot::FAILED)
    }

    /// Whether the code or code-set field has one of `codes` (among its valid codes).
    fn has_any(&self, field: &str, codes: &[String]) -> bool {
        match self.slot(field).value {
            Some(Val::Code(c)) => codes.contains(&c),
            Some(Val::Codes(cs)) => cs.iter().any(|c| codes.contains(c)),
            _ => false,
        }
    }

    fn date(&self, field: &str) -> Option<NaiveDate> {
        match self.slot(field).value {
            Some(Val::Date(d)) => Some(d),
            _ => None,
        }
    }

    /// The valid code of a code field.
    fn code_of(&self, field: &str) -> Option<String> {
        match self.slot(field) {
            Slot { value: Some(Val::Code(c)), ok: true } => Some(c),
            _ => None,
        }
    }

    fn check_rule(&mut self, check: &RuleCheck) {
        match check {
            RuleCheck::RequiresDetail { field, codes, detail_field } => {
                if self.form.field(detail_field).is_none() {
                    return;
                }
                let chosen = self.has_any(field, codes);
                let given = is_given(self.obj.get(detail_field.as_str()));
                let ptr = pointer(detail_field);
                if chosen && !given {
                    self.push(
                        ptr,
                        code::REQUIRED,
                        format!("{detail_field} is required when {field} is {}", codes.join(" or ")),
                    );
                } else if !chosen && given && self.slot(field).ok {
                    self.push(
                        ptr,
                        code::NOT_ALLOWED,
                        format!("{detail_field} is only allowed when {field} is {}", codes.join(" or ")),
                    );
                }
            }
            RuleCheck::EmptyExactlyWhen { field, when_field, code: when_code } => {
                let Some(when) = self.code_of(when_field) else { return };
                let ptr = pointer(field);
                let non_empty = matches!(self.obj.get(field.as_str()), Some(Value::Array(a)) if !a.is_empty());
                let slot = self.slot(field);
                let empty = slot.ok && matches!(&slot.value, Some(Val::Codes(c)) if c.is_empty());
                if &when == when_code && non_empty {
                    self.push(
                        ptr,
                        code::NOT_ALLOWED,
                        format!("{field} must be empty when {when_field} is {when_code}"),
                    );
                } else if &when != when_code && empty {
                    self.push(
                        ptr,
                        code::REQUIRED,
                        format!("{field} must not be empty unless {when_field} is {when_code}"),
                    );
                }
            }
            RuleCheck::NullExactlyWhen { field, when_field, code: when_code } => {
                let Some(when) = self.code_of(when_field) else { return };
                let ptr = pointer(field);
                let raw = self.obj.get(field.as_str());
                if &when == when_code && is_given(raw) {
                    self.push(ptr, code::NOT_ALLOWED, format!("{field} must be null when {when_field} is {when_code}"));
                } else if &when != when_code && matches!(raw, Some(Value::Null)) {
                    self.push(
                        ptr,
                        code::REQUIRED,
                        format!("{field} must not be null unless {when_field} is {when_code}"),
                    );
                }
            }
            RuleCheck::DateOrder { fields } => {
                let dates: Vec<(&String, NaiveDate)> =
                    fields.iter().filter_map(|f| self.date(f).map(|d| (f, d))).collect();
                for (j, (later, later_date)) in dates.iter().enumerate() {
                    for (earlier, earlier_date) in &dates[..j] {
                        if later_date < earlier_date {
                            self.push(
                                pointer(later),
                                code::DATE_ORDER,
                                format!("{later} must not be before {earlier}"),
                            );
                        }
                    }
                }
            }
            RuleCheck::NotInFuture { fields } => {
                for f in fields {
                    if self.date(f).is_some_and(|d| d > self.today) {
                        self.push(
                            pointer(f),
                            code::IN_FUTURE,
                            format!("{f} must not be after today (Europe/Stockholm)"),
                        );
                    }
                }
            }
            RuleCheck::NotBefore { field, date } => {
                if self.date(field).is_some_and(|d| d < *date) {
                    self.push(pointer(field), code::TOO_EARLY, format!("{field} must not be before {date}"));
                }
            }
            RuleCheck::WithinValidity { field } => {
                if let Some(d) = self.date(field) {
                    if !self.form.applies_to(d) {
                        if forms::for_closing_date(d).is_none() {
                            self.out.push(no_form_for_date());
                        } else {
                            self.push(
                                pointer(field),
                                code::OUTSIDE_VALIDITY,
                                format!("{field} is outside the validity of {}", self.form.id),
                            );
                        }
                    }
                }
            }
            RuleCheck::NoPersonalIdentityNumber { fields } => {
                for f in fields {
                    self.check_identity_numbers(f);
                }
            }
        }
    }

    fn check_identity_numbers(&mut self, field: &str) {
        let message = format!("{field} must not contain a personal identity or coordination number");
        match self.obj.get(field) {
            Some(Value::String(s)) if contains_identity_number(s) => {
                self.push(pointer(field), code::PERSONAL_IDENTITY_NUMBER, message);
            }
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().take(MAX_CHECKED_ITEMS).enumerate() {
                    if item.as_str().is_some_and(contains_identity_number) {
                        self.push(
                            format!("{}/{i}", pointer(field)),
                            code::PERSONAL_IDENTITY_NUMBER,
                            format!("an entry of {field} must not contain a personal identity or coordination number"),
                        );
                    }
                }
            }
            None | Some(Value::Null)
                if field == "case_ref" && self.path_case_ref.is_some_and(contains_identity_number) =>
            {
                self.push("path:case_ref", code::PERSONAL_IDENTITY_NUMBER, message);
            }
            _ => {}
        }
    }

    /// The record, once every check passed.
    fn build(self) -> Result<ValidRecord, Vec<Violation>> {
        let missing = |name: &str| {
            vec![Violation::new(
                "",
                code::UNSUPPORTED_FORM,
                format!("form {} does not define the field {name} the record needs", self.form.id),
            )]
        };
        let slots = &self.slots;
        let value = |name: &str| slots.get(name).and_then(|s| s.value.clone());
        let text = |name: &str| match value(name) {
            Some(Val::Text(t)) => Some(t),
            _ => None,
        };
        let code = |name: &str| match value(name) {
            Some(Val::Code(c)) => Some(c),
            _ => None,
        };
        let date = |name: &str| match value(name) {
            Some(Val::Date(d)) => Some(d),
            _ => None,
        };
        let codes = |name: &str| match value(name) {
            Some(Val::Codes(c)) => Some(c),
            _ => None,
        };
        let case_ref = text("case_ref").ok_or_else(|| missing("case_ref"))?;
        let age_at_referral = match value("age_at_referral") {
            Some(Val::Int(v)) => i32::try_from(v).map_err(|_| missing("age_at_referral"))?,
            _ => return Err(missing("age_at_referral")),
        };
        let gender = code("gender").ok_or_else(|| missing("gender"))?;
        let referred_on = date("referred_on").ok_or_else(|| missing("referred_on"))?;
        let started_on = date("started_on");
        let previously_active = code("previously_active").ok_or_else(|| missing("previously_active"))?;
        let problem_areas = codes("problem_areas").ok_or_else(|| missing("problem_areas"))?;
        let sent_interventions = codes("interventions").unwrap_or_default();
        let interventions: Vec<String> = match self.form.code_list(CodeListId::Interventions) {
            Some(list) => {
                let sent: BTreeSet<&str> = sent_interventions.iter().map(String::as_str).collect();
                list.code_values().filter(|c| sent.contains(c)).map(str::to_string).collect()
            }
            None => sent_interventions,
        };
        let manual_methods = match value("manual_methods") {
            Some(Val::Methods(m)) => m,
            _ => Vec::new(),
        };
        let closed_on = date("closed_on").ok_or_else(|| missing("closed_on"))?;
        let closing_reason = code("closing_reason").ok_or_else(|| missing("closing_reason"))?;
        let intervention_type = intervention_type(&closing_reason, &interventions);
        let days = |from: NaiveDate| i32::try_from((closed_on - from).num_days()).unwrap_or(i32::MAX);
        Ok(ValidRecord {
            case_ref,
            form: self.form.id.clone(),
            age_at_referral,
            gender,
            birth_background: code("birth_background"),
            referred_on,
            started_on,
            previously_active,
            problem_areas,
            problem_area_other: text("problem_area_other"),
            interventions,
            manual_methods,
            other_intervention_text: text("other_intervention_text"),
            closed_on,
            closing_reason,
            closing_reason_text: text("closing_reason_text"),
            comment: text("comment"),
            intervention_days: started_on.map(days),
            enrolment_days: days(referred_on),
            intervention_type,
        })
    }
}

/// The intervention type (see the module documentation).
pub fn intervention_type(closing_reason: &str, interventions: &[String]) -> InterventionType {
    let has = |c: &str| interventions.iter().any(|i| i == c);
    if closing_reason == "never_started" {
        return InterventionType::None;
    }
    let manual = has("crisis_support") || has("manual_method");
    let traditional = has("traditional_family_treatment");
    match (traditional, manual) {
        (true, true) => InterventionType::TraditionalAndManual,
        (true, false) => InterventionType::TraditionalOnly,
        (false, true) => InterventionType::ManualOnly,
        (false, false) if has("other_non_manual") => InterventionType::OtherOnly,
        (false, false) => InterventionType::None,
    }
}

/// The pattern language of the form data: `^[class]{m,n}$` (or `+`, `*`, `{n}`), where the class
/// holds literal characters, ranges `a-z` and `\`-escapes; a `-` first or last is literal.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SimplePattern {
    ranges: Vec<(char, char)>,
    min: usize,
    max: usize,
}

impl SimplePattern {
    fn parse(pattern: &str) -> Option<SimplePattern> {
        let rest = pattern.strip_prefix("^[")?.strip_suffix('$')?;
        let close = {
            // The first `]` not escaped.
            let mut escaped = false;
            let mut found = None;
            for (i, c) in rest.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    ']' if !escaped && i > 0 => {
                        found = Some(i);
                        break;
                    }
                    _ => escaped = false,
                }
            }
            found?
        };
        let (class, quantifier) = (&rest[..close], &rest[close + 1..]);
        let mut chars = Vec::new();
        let mut iter = class.chars();
        while let Some(c) = iter.next() {
            chars.push(if c == '\\' { (iter.next()?, true) } else { (c, false) });
        }
        let mut ranges = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (c, _) = chars[i];
            if i + 2 < chars.len() && chars[i + 1] == ('-', false) {
                let end = chars[i + 2].0;
                if end < c {
                    return None;
                }
                ranges.push((c, end));
                i += 3;
            } else {
                if c == '^' && i == 0 && !chars[i].1 {
                    return None; // negated classes are not supported
                }
                ranges.push((c, c));
                i += 1;
            }
        }
        let (min, max) = match quantifier {
            "+" => (1, usize::MAX),
            "*" => (0, usize::MAX),
            "" => (1, 1),
            q => {
                let inner = q.strip_prefix('{')?.strip_suffix('}')?;
                match inner.split_once(',') {
                    Some((a, "")) => (a.parse().ok()?, usize::MAX),
                    Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
                    None => {
                        let n = inner.parse().ok()?;
                        (n, n)
                    }
                }
            }
        };
        (min <= max && !ranges.is_empty()).then_some(SimplePattern { ranges, min, max })
    }

    fn matches(&self, s: &str) -> bool {
        let n = s.chars().count();
        n >= self.min && n <= self.max && s.chars().all(|c| self.ranges.iter().any(|&(a, b)| a <= c && c <= b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::CodeList;
    use proptest::prelude::*;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2025, 6, 15)
    }

    /// A Luhn-valid personal identity number (Skatteverket's test number).
    const PNR: &str = "811218-9876";

    fn valid_2021() -> Value {
        json!({
            "case_ref": "GVL-2021.0042_a",
            "age_at_referral": 12,
            "gender": "girl",
            "birth_background": "sweden_one_parent_abroad",
            "referred_on": "2021-02-01",
            "started_on": "2021-02-15",
            "previously_active": "once",
            "problem_areas": ["domestic_violence", "other", "school"],
            "problem_area_other": "  Förälders intellektuella funktionsnedsättning ",
            "interventions": ["manual_method", "traditional_family_treatment", "other_non_manual"],
            "manual_methods": [" Trygghetscirkeln", "Trappan"],
            "other_intervention_text": "Praktiskt stöd vid flytt",
            "closed_on": "2021-09-30",
            "closing_reason": "other",
            "closing_reason_text": "Familjen flyttade",
            "comment": "Trappan – extern insats\nTvå samtal"
        })
    }

    fn valid_2020() -> Value {
        json!({
            "case_ref": "2020-17",
            "age_at_referral": 0,
            "gender": "boy",
            "referred_on": "2019-11-20",
            "started_on": "2020-01-10",
            "previously_active": "no",
            "problem_areas": ["parent_mental_health_or_disability"],
            "interventions": ["manual_method"],
            "manual_methods": ["Krisstöd vid orosanmälan om våld mot barn"],
            "closed_on": "2020-03-31",
            "closing_reason": "goals_met"
        })
    }

    fn never_started_2021() -> Value {
        json!({
            "case_ref": "N1",
            "age_at_referral": 16,
            "gender": "other_identity",
            "birth_background": "unknown",
            "referred_on": "2024-12-01",
            "started_on": null,
            "previously_active": "unknown",
            "problem_areas": ["child_mental_health"],
            "interventions": [],
            "closed_on": "2025-01-20",
            "closing_reason": "never_started"
        })
    }

    fn check(body: &Value) -> Result<ValidRecord, Vec<Violation>> {
        validate(body, None, today(), &SeedMethods)
    }

    fn pairs(violations: &[Violation]) -> Vec<(String, String)> {
        violations.iter().map(|v| (v.pointer.clone(), v.code.clone())).collect()
    }

    #[track_caller]
    fn violations(body: &Value) -> Vec<(String, String)> {
        match check(body) {
            Ok(_) => panic!("accepted: {body}"),
            Err(v) => pairs(&v),
        }
    }

    /// The body is refused with exactly these (pointer, code) pairs.
    #[track_caller]
    fn assert_refused(body: &Value, expected: &[(&str, &str)]) {
        let mut expected: Vec<(String, String)> =
            expected.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
        expected.sort();
        assert_eq!(violations(body), expected, "body: {body}");
    }

    fn with(body: &Value, key: &str, value: Value) -> Value {
        let mut body = body.clone();
        body.as_object_mut().unwrap().insert(key.into(), value);
        body
    }

    fn without(body: &Value, key: &str) -> Value {
        let mut body = body.clone();
        body.as_object_mut().unwrap().remove(key);
        body
    }

    fn form(id: &str) -> &'static Form {
        forms::get(id).unwrap()
    }

    #[test]
    fn implausible_dates_are_too_early() {
        assert_eq!(max_case_years(), 21);
        assert_eq!(earliest_case_date(), d(1999, 1, 1));
        // valid_2021: referred 2021-02-01, closed 2021-09-30.
        for referred_on in ["0000-01-01", "0001-01-01", "1900-01-01", "1998-12-31"] {
            assert_refused(&with(&valid_2021(), "referred_on", json!(referred_on)), &[("/referred_on", "too_early")]);
        }
        assert!(check(&with(&valid_2021(), "referred_on", json!("2000-09-30"))).is_ok(), "21 years exactly");
        assert_refused(&with(&valid_2021(), "referred_on", json!("2000-09-29")), &[("/referred_on", "too_early")]);
        let both = with(&with(&valid_2021(), "referred_on", json!("1900-01-01")), "started_on", json!("1900-01-02"));
        assert_refused(&both, &[("/referred_on", "too_early"), ("/started_on", "too_early")]);
    }

    #[test]
    fn dot_segments_are_no_case_references() {
        for dots in [".", ".."] {
            assert_refused(&with(&valid_2021(), "case_ref", json!(dots)), &[("/case_ref", "reserved")]);
            let mut body = valid_2021();
            body.as_object_mut().unwrap().remove("case_ref");
            let v = validate(&body, Some(dots), today(), &SeedMethods).unwrap_err();
            assert_eq!(pairs(&v), [("path:case_ref".to_string(), "reserved".to_string())]);
        }
        assert!(check(&with(&valid_2021(), "case_ref", json!("..."))).is_ok(), "three dots are a plain segment");
    }

    #[test]
    fn a_valid_2021_record() {
        let r = check(&valid_2021()).unwrap();
        let named = |name: &str, id: Option<&str>| NamedMethod {
            name: name.into(),
            method_id: id.map(Into::into),
            intervention_code: id.map(|_| "manual_method".into()),
        };
        let expected = ValidRecord {
            case_ref: "GVL-2021.0042_a".into(),
            form: "su-x-2021".into(),
            age_at_referral: 12,
            gender: "girl".into(),
            birth_background: Some("sweden_one_parent_abroad".into()),
            referred_on: d(2021, 2, 1),
            started_on: Some(d(2021, 2, 15)),
            previously_active: "once".into(),
            problem_areas: vec!["domestic_violence".into(), "other".into(), "school".into()],
            problem_area_other: Some("Förälders intellektuella funktionsnedsättning".into()),
            interventions: vec![
                "traditional_family_treatment".into(),
                "manual_method".into(),
                "other_non_manual".into(),
            ],
            manual_methods: vec![named("Trygghetscirkeln", Some("trygghetscirkeln")), named("Trappan", None)],
            other_intervention_text: Some("Praktiskt stöd vid flytt".into()),
            closed_on: d(2021, 9, 30),
            closing_reason: "other".into(),
            closing_reason_text: Some("Familjen flyttade".into()),
            comment: Some("Trappan – extern insats\nTvå samtal".into()),
            intervention_days: Some(227),
            enrolment_days: 241,
            intervention_type: InterventionType::TraditionalAndManual,
        };
        assert_eq!(r, expected);
        let wire = to_wire(&r);
        assert_eq!(wire["form"], "su-x-2021");
        assert_eq!(wire["manual_methods"], json!(["Trygghetscirkeln", "Trappan"]));
        assert!(wire.get("intervention_type").is_none() && wire.get("enrolment_days").is_none());
        assert_eq!(check(&wire), Ok(r));
        // The explicit, matching form is accepted.
        assert!(check(&with(&valid_2021(), "form", json!("su-x-2021"))).is_ok());
    }

    #[test]
    fn a_valid_2020_record_with_crisis_support_as_named_method() {
        let r = check(&valid_2020()).unwrap();
        assert_eq!(r.form, "su-x-2020");
        assert_eq!(r.birth_background, None);
        assert_eq!(r.other_intervention_text, None);
        assert_eq!(r.age_at_referral, 0);
        assert_eq!(r.problem_areas, ["parent_mental_health_or_disability"]);
        assert_eq!(
            r.manual_methods,
            [NamedMethod {
                name: "Krisstöd vid orosanmälan om våld mot barn".into(),
                method_id: Some("krisstod-vid-orosanmalan-om-vald-mot-barn".into()),
                intervention_code: Some("crisis_support".into()),
            }]
        );
        assert_eq!(r.intervention_type, InterventionType::ManualOnly);
        assert_eq!((r.intervention_days, r.enrolment_days), (Some(81), 132));
        let wire = to_wire(&r);
        assert!(wire.get("birth_background").is_none() && wire.get("other_intervention_text").is_none());
        assert_eq!(wire["problem_area_other"], Value::Null);
        assert_eq!(check(&wire), Ok(r));
        // Fields of the other version are accepted when they carry no value.
        let body = with(&with(&valid_2020(), "birth_background", Value::Null), "other_intervention_text", json!(" "));
        assert!(check(&body).is_ok());
    }

    #[test]
    fn a_valid_never_started_record() {
        let r = check(&never_started_2021()).unwrap();
        assert_eq!(r.started_on, None);
        assert_eq!(r.interventions, Vec::<String>::new());
        assert_eq!(r.intervention_type, InterventionType::None);
        assert_eq!((r.intervention_days, r.enrolment_days), (None, 50));
        assert_eq!(check(&to_wire(&r)), Ok(r));
    }

    #[test]
    fn the_body_must_be_an_object() {
        for body in [json!([]), json!("x"), Value::Null, json!(1)] {
            assert_refused(&body, &[("", "invalid_type")]);
        }
    }

    #[test]
    fn unknown_fields() {
        assert_refused(&with(&valid_2021(), "colour", json!(1)), &[("/colour", "unknown_field")]);
        assert_refused(&with(&valid_2021(), "a/b~c", json!(null)), &[("/a~1b~0c", "unknown_field")]);
        // A field name holding an identity number is not echoed in the pointer.
        let v = check(&with(&valid_2021(), PNR, json!(1))).unwrap_err();
        assert_eq!(pairs(&v), [("".to_string(), "unknown_field".to_string())]);
        assert!(!v[0].message.contains(PNR));
    }

    #[test]
    fn server_fields_are_read_only() {
        for field in SERVER_FIELDS {
            let pointer = format!("/{field}");
            assert_refused(&with(&valid_2021(), field, json!(1)), &[(pointer.as_str(), "read_only")]);
        }
    }

    #[test]
    fn fields_of_the_other_version() {
        assert_refused(
            &with(&valid_2020(), "birth_background", json!("unknown")),
            &[("/birth_background", "not_in_form")],
        );
        assert_refused(
            &with(&valid_2020(), "other_intervention_text", json!("Stöd")),
            &[("/other_intervention_text", "not_in_form")],
        );
        assert_refused(&without(&valid_2021(), "birth_background"), &[("/birth_background", "required")]);
        assert_refused(&with(&valid_2021(), "birth_background", Value::Null), &[("/birth_background", "required")]);
    }

    #[test]
    fn required_fields() {
        for (body, form_id) in [(valid_2020(), "su-x-2020"), (valid_2021(), "su-x-2021")] {
            for field in form(form_id).fields.iter().filter(|f| f.required) {
                if field.name == "closed_on" {
                    continue; // without it the version is undecided: below
                }
                let pointer = format!("/{}", field.name);
                assert_refused(&without(&body, &field.name), &[(pointer.as_str(), "required")]);
            }
        }
        // Null in a required, non-nullable field.
        assert_refused(&with(&valid_2021(), "gender", Value::Null), &[("/gender", "required")]);
        assert_refused(&with(&valid_2021(), "problem_areas", Value::Null), &[("/problem_areas", "required")]);
        // Without a closing date only what holds in every version is reported.
        assert_refused(&without(&valid_2021(), "closed_on"), &[("/closed_on", "required")]);
        assert_refused(&without(&valid_2020(), "closed_on"), &[("/closed_on", "required")]);
    }

    #[test]
    fn case_ref_from_the_url() {
        let body = without(&valid_2021(), "case_ref");
        let r = validate(&body, Some("URL-1"), today(), &SeedMethods).unwrap();
        assert_eq!(r.case_ref, "URL-1");
        let same = with(&body, "case_ref", json!("URL-1"));
        assert_eq!(validate(&same, Some("URL-1"), today(), &SeedMethods), Ok(r));
        let other = with(&body, "case_ref", json!("URL-2"));
        let v = validate(&other, Some("URL-1"), today(), &SeedMethods).unwrap_err();
        assert_eq!(pairs(&v), [("/case_ref".to_string(), "case_ref_mismatch".to_string())]);
        // The URL's value is checked like a body value.
        let v = validate(&body, Some("a b"), today(), &SeedMethods).unwrap_err();
        assert_eq!(pairs(&v), [("path:case_ref".to_string(), "invalid_format".to_string())]);
        let v = validate(&body, Some("x19811218-9876"), today(), &SeedMethods).unwrap_err();
        assert_eq!(pairs(&v), [("path:case_ref".to_string(), "personal_identity_number".to_string())]);
        assert!(!v[0].message.contains("9876"));
    }

    #[test]
    fn case_ref_format() {
        for bad in ["", " GVL-1", "a b", "å1", "x/y", "a+b"] {
            assert_refused(&with(&valid_2021(), "case_ref", json!(bad)), &[("/case_ref", "invalid_format")]);
        }
        let long = "a".repeat(65);
        assert_refused(
            &with(&valid_2021(), "case_ref", json!(long)),
            &[("/case_ref", "invalid_format"), ("/case_ref", "too_long")],
        );
        assert!(check(&with(&valid_2021(), "case_ref", json!("a".repeat(64)))).is_ok());
        assert!(check(&with(&valid_2021(), "case_ref", json!("A.z_0-9"))).is_ok());
        assert_refused(&with(&valid_2021(), "case_ref", json!(42)), &[("/case_ref", "invalid_type")]);
    }

    #[test]
    fn types() {
        let cases = [
            ("age_at_referral", json!("12"), "/age_at_referral"),
            ("age_at_referral", json!(12.5), "/age_at_referral"),
            ("age_at_referral", json!(12.0), "/age_at_referral"),
            ("age_at_referral", json!(true), "/age_at_referral"),
            ("gender", json!(1), "/gender"),
            ("referred_on", json!(20210201), "/referred_on"),
            ("problem_areas", json!("school"), "/problem_areas"),
            ("problem_areas", json!(["school", 1]), "/problem_areas/1"),
            ("interventions", json!({}), "/interventions"),
            ("manual_methods", json!("Trappan"), "/manual_methods"),
            ("manual_methods", json!(["Trappan", ["x"]]), "/manual_methods/1"),
            ("comment", json!(5), "/comment"),
            ("closing_reason_text", json!(["x"]), "/closing_reason_text"),
            ("form", json!(2021), "/form"),
        ];
        for (field, value, pointer) in cases {
            assert_refused(&with(&valid_2021(), field, value), &[(pointer, "invalid_type")]);
        }
    }

    #[test]
    fn dates() {
        for bad in ["2021-02-30", "2021-2-1", "01/02/2021", "2021-02-01T00:00:00", "", "2021-13-01", "+2021-02-01"] {
            assert_refused(&with(&valid_2021(), "referred_on", json!(bad)), &[("/referred_on", "invalid_date")]);
        }
    }

    #[test]
    fn age_range() {
        for bad in [-1, 21, 1000] {
            assert_refused(
                &with(&valid_2021(), "age_at_referral", json!(bad)),
                &[("/age_at_referral", "out_of_range")],
            );
        }
        assert_refused(
            &with(&valid_2021(), "age_at_referral", json!(u64::MAX)),
            &[("/age_at_referral", "out_of_range")],
        );
        for ok in [0, 20] {
            assert_eq!(check(&with(&valid_2021(), "age_at_referral", json!(ok))).unwrap().age_at_referral, ok);
        }
    }

    #[test]
    fn codes_come_from_the_version_s_lists() {
        let v21 = valid_2021();
        let v20 = valid_2020();
        assert_refused(&with(&v21, "gender", json!("flicka")), &[("/gender", "unknown_code")]);
        assert_refused(&with(&v21, "birth_background", json!("sweden")), &[("/birth_background", "unknown_code")]);
        assert_refused(&with(&v21, "previously_active", json!("twice")), &[("/previously_active", "unknown_code")]);
        assert_refused(&with(&v21, "closing_reason", json!("moved")), &[("/closing_reason", "unknown_code")]);
        let areas = json!(["domestic_violence", "other", "parent_mental_health_or_disability"]);
        assert_refused(&with(&v21, "problem_areas", areas), &[("/problem_areas/2", "unknown_code")]);
        assert_refused(
            &with(&v20, "problem_areas", json!(["parent_mental_health"])),
            &[("/problem_areas/0", "unknown_code")],
        );
        assert!(check(&with(&v21, "problem_areas", json!(["parent_mental_health", "other"]))).is_ok());
        // 2020 has neither crisis_support nor other_non_manual.
        let interventions = json!(["manual_method", "crisis_support"]);
        assert_refused(&with(&v20, "interventions", interventions), &[("/interventions/1", "unknown_code")]);
        let interventions = json!(["other_non_manual", "manual_method"]);
        assert_refused(&with(&v20, "interventions", interventions), &[("/interventions/0", "unknown_code")]);
    }

    #[test]
    fn problem_area_count_and_duplicates() {
        let v21 = valid_2021();
        assert_refused(&with(&v21, "problem_areas", json!([])), &[("/problem_areas", "too_few")]);
        let four = json!(["domestic_violence", "other", "school", "crime"]);
        assert_refused(&with(&v21, "problem_areas", four), &[("/problem_areas", "too_many")]);
        let dup = json!(["school", "other", "school"]);
        assert_refused(&with(&v21, "problem_areas", dup), &[("/problem_areas/2", "duplicate")]);
        let dup = json!(["manual_method", "traditional_family_treatment", "other_non_manual", "manual_method"]);
        assert_refused(&with(&v21, "interventions", dup), &[("/interventions/3", "duplicate")]);
        let five = json!(["manual_method", "traditional_family_treatment", "other_non_manual", "crisis_support", "x"]);
        assert_refused(
            &with(&v21, "interventions", five),
            &[("/interventions", "too_many"), ("/interventions/4", "unknown_code")],
        );
    }

    #[test]
    fn details_are_required_with_their_code() {
        let v21 = valid_2021();
        assert_refused(&without(&v21, "problem_area_other"), &[("/problem_area_other", "required")]);
        assert_refused(&with(&v21, "problem_area_other", json!("   ")), &[("/problem_area_other", "required")]);
        assert_refused(&without(&v21, "manual_methods"), &[("/manual_methods", "required")]);
        assert_refused(&with(&v21, "manual_methods", json!([])), &[("/manual_methods", "required")]);
        assert_refused(
            &with(&v21, "other_intervention_text", Value::Null),
            &[("/other_intervention_text", "required")],
        );
        assert_refused(&without(&v21, "closing_reason_text"), &[("/closing_reason_text", "required")]);
        let not_matching = with(&v21, "closing_reason", json!("not_matching_needs"));
        assert!(check(&not_matching).is_ok());
        assert_refused(&without(&not_matching, "closing_reason_text"), &[("/closing_reason_text", "required")]);
        // 2020: the same rules except other_non_manual.
        let v20 = valid_2020();
        assert_refused(&with(&v20, "manual_methods", json!([])), &[("/manual_methods", "required")]);
        let other = with(&v20, "problem_areas", json!(["other"]));
        assert_refused(&other, &[("/problem_area_other", "required")]);
        let other = with(&v20, "closing_reason", json!("other"));
        assert_refused(&other, &[("/closing_reason_text", "required")]);
    }

    #[test]
    fn details_are_refused_without_their_code() {
        let v21 = valid_2021();
        let areas = with(&v21, "problem_areas", json!(["school"]));
        assert_refused(&areas, &[("/problem_area_other", "not_allowed")]);
        let interventions = json!(["traditional_family_treatment", "other_non_manual"]);
        assert_refused(&with(&v21, "interventions", interventions), &[("/manual_methods", "not_allowed")]);
        let interventions = json!(["traditional_family_treatment", "manual_method"]);
        assert_refused(&with(&v21, "interventions", interventions), &[("/other_intervention_text", "not_allowed")]);
        assert_refused(&with(&v21, "closing_reason", json!("goals_met")), &[("/closing_reason_text", "not_allowed")]);
        let v20 = valid_2020();
        assert_refused(&with(&v20, "closing_reason_text", json!("x")), &[("/closing_reason_text", "not_allowed")]);
        assert_refused(&with(&v20, "problem_area_other", json!("x")), &[("/problem_area_other", "not_allowed")]);
        let trad = with(&v20, "interventions", json!(["traditional_family_treatment"]));
        assert_refused(&trad, &[("/manual_methods", "not_allowed")]);
        // While the deciding field is itself wrong, only its own error is reported.
        assert_refused(
            &with(&v21, "problem_areas", json!(["school", "othr"])),
            &[("/problem_areas/1", "unknown_code")],
        );
    }

    #[test]
    fn never_started_means_no_interventions_and_no_start_date() {
        let ns = never_started_2021();
        assert_refused(
            &with(&ns, "interventions", json!(["traditional_family_treatment"])),
            &[("/interventions", "not_allowed")],
        );
        assert_refused(&with(&ns, "started_on", json!("2024-12-10")), &[("/started_on", "not_allowed")]);
        assert_refused(&without(&ns, "started_on"), &[("/started_on", "required")]);
        assert_refused(&without(&ns, "interventions"), &[("/interventions", "required")]);
        let v21 = valid_2021();
        assert_refused(&with(&v21, "started_on", Value::Null), &[("/started_on", "required")]);
        // Empty interventions with another closing reason: the interventions are missing, and
        // with them the named methods and the other-intervention text are not allowed.
        assert_refused(
            &with(&v21, "interventions", json!([])),
            &[
                ("/interventions", "required"),
                ("/manual_methods", "not_allowed"),
                ("/other_intervention_text", "not_allowed"),
            ],
        );
        let v20 = valid_2020();
        assert_refused(&with(&v20, "started_on", Value::Null), &[("/started_on", "required")]);
        let ns20 = with(&v20, "closing_reason", json!("never_started"));
        assert_refused(&ns20, &[("/interventions", "not_allowed"), ("/started_on", "not_allowed")]);
    }

    #[test]
    fn dates_in_order() {
        let v21 = valid_2021();
        assert_refused(&with(&v21, "started_on", json!("2021-01-31")), &[("/started_on", "date_order")]);
        assert_refused(&with(&v21, "closed_on", json!("2021-02-14")), &[("/closed_on", "date_order")]);
        // Start after closing: reported at the closing date.
        assert_refused(&with(&v21, "started_on", json!("2021-10-01")), &[("/closed_on", "date_order")]);
        // Equal dates are in order.
        let same = with(&with(&v21, "started_on", json!("2021-02-01")), "closed_on", json!("2021-02-01"));
        assert_eq!(check(&same).unwrap().intervention_days, Some(0));
        // A null start date is skipped.
        let ns = with(&never_started_2021(), "referred_on", json!("2025-01-21"));
        assert_refused(&ns, &[("/closed_on", "date_order")]);
        let v20 = valid_2020();
        assert_refused(&with(&v20, "referred_on", json!("2020-02-01")), &[("/started_on", "date_order")]);
    }

    #[test]
    fn no_dates_in_the_future() {
        let ns = never_started_2021();
        let tomorrow = json!("2025-06-16");
        let future = with(&ns, "closed_on", tomorrow.clone());
        assert_refused(&future, &[("/closed_on", "in_future")]);
        assert!(check(&with(&ns, "closed_on", json!("2025-06-15"))).is_ok());
        let all = with(&with(&valid_2021(), "referred_on", tomorrow.clone()), "started_on", tomorrow.clone());
        let all = with(&all, "closed_on", tomorrow);
        assert_refused(
            &all,
            &[("/closed_on", "in_future"), ("/referred_on", "in_future"), ("/started_on", "in_future")],
        );
    }

    #[test]
    fn the_closing_date_selects_the_version() {
        // A 2021 record closed in 2020 is checked against 2020.
        let moved = with(&valid_2021(), "closed_on", json!("2020-12-31"));
        let v = violations(&moved);
        assert!(v.contains(&("/birth_background".into(), "not_in_form".into())), "{v:?}");
        assert!(v.contains(&("/interventions/2".into(), "unknown_code".into())), "{v:?}");
        // A 2020 record closed in 2021 needs a birth background.
        let moved = with(&valid_2020(), "closed_on", json!("2021-01-01"));
        assert_refused(
            &moved,
            &[
                ("/birth_background", "required"),
                ("/manual_methods/0", "use_intervention_code"),
                ("/problem_areas/0", "unknown_code"),
            ],
        );
    }

    #[test]
    fn closing_dates_without_a_version() {
        let early = |closed: &str| {
            let body = with(&valid_2020(), "closed_on", json!(closed));
            with(&with(&body, "referred_on", json!("2018-01-01")), "started_on", json!("2018-02-01"))
        };
        assert_refused(&early("2019-12-31"), &[("/closed_on", "no_form_for_date")]);
        assert_refused(&early("2019-01-01"), &[("/closed_on", "no_form_for_date")]);
        assert_refused(&early("2018-12-31"), &[("/closed_on", "no_form_for_date"), ("/closed_on", "too_early")]);
        // Version-specific fields are neither demanded nor refused while the version is
        // undecided, but errors common to both versions are reported.
        let body = with(&early("2019-06-30"), "birth_background", json!("unknown"));
        assert_refused(&body, &[("/closed_on", "no_form_for_date")]);
        let body = with(&early("2019-06-30"), "gender", json!("x"));
        assert_refused(&body, &[("/closed_on", "no_form_for_date"), ("/gender", "unknown_code")]);
        // With an explicit version, that version is used.
        let body = with(&early("2019-06-30"), "form", json!("su-x-2021"));
        assert_refused(
            &body,
            &[
                ("/birth_background", "required"),
                ("/closed_on", "no_form_for_date"),
                ("/manual_methods/0", "use_intervention_code"),
                ("/problem_areas/0", "unknown_code"),
            ],
        );
    }

    #[test]
    fn an_explicit_form_must_agree_with_the_closing_date() {
        assert_refused(&with(&valid_2021(), "form", json!("su-x-2020")), &[("/form", "form_mismatch")]);
        assert_refused(&with(&valid_2020(), "form", json!("su-x-2021")), &[("/form", "form_mismatch")]);
        assert_refused(&with(&valid_2021(), "form", json!("su-x-2019")), &[("/form", "unknown_form")]);
        assert!(check(&with(&valid_2020(), "form", json!("su-x-2020"))).is_ok());
        assert!(check(&with(&valid_2020(), "form", Value::Null)).is_ok());
        // With an unusable closing date, the explicit version decides what else is checked.
        let body = with(&with(&valid_2021(), "form", json!("su-x-2020")), "closed_on", json!("soon"));
        assert_refused(
            &body,
            &[
                ("/birth_background", "not_in_form"),
                ("/closed_on", "invalid_date"),
                ("/interventions", "too_many"),
                ("/interventions/2", "unknown_code"),
                ("/other_intervention_text", "not_in_form"),
            ],
        );
    }

    #[test]
    fn text_limits_come_from_the_form_data() {
        for (field, max) in [
            ("problem_area_other", 200),
            ("other_intervention_text", 200),
            ("closing_reason_text", 500),
            ("comment", 2000),
        ] {
            assert_eq!(form("su-x-2021").field(field).unwrap().max_length, Some(max));
            let pointer = format!("/{field}");
            let at_max = format!("  {}\n", "ö".repeat(max as usize));
            assert!(check(&with(&valid_2021(), field, json!(at_max))).is_ok(), "{field}");
            let over = "a".repeat(max as usize + 1);
            assert_refused(&with(&valid_2021(), field, json!(over)), &[(pointer.as_str(), "too_long")]);
        }
        let long_method = json!(["Trappan", "m".repeat(101)]);
        assert_refused(&with(&valid_2021(), "manual_methods", long_method), &[("/manual_methods/1", "too_long")]);
        assert!(check(&with(&valid_2021(), "manual_methods", json!(["m".repeat(100)]))).is_ok());
        // An empty comment is absent.
        assert_eq!(check(&with(&valid_2021(), "comment", json!(" \n "))).unwrap().comment, None);
    }

    #[test]
    fn control_characters() {
        assert_refused(&with(&valid_2021(), "comment", json!("a\u{7}b")), &[("/comment", "invalid_characters")]);
        assert!(check(&with(&valid_2021(), "comment", json!("a\r\n\tb"))).is_ok());
        let methods = json!(["Tra\nppan"]);
        assert_refused(&with(&valid_2021(), "manual_methods", methods), &[("/manual_methods/0", "invalid_characters")]);
    }

    #[test]
    fn manual_method_entries() {
        let v21 = valid_2021();
        let eleven: Vec<String> = (0..11).map(|i| format!("Metod {}", char::from(b'a' + i))).collect();
        assert_refused(&with(&v21, "manual_methods", json!(eleven)), &[("/manual_methods", "too_many")]);
        assert!(check(&with(&v21, "manual_methods", json!(eleven[..10]))).is_ok());
        assert_refused(&with(&v21, "manual_methods", json!(["Trappan", "  "])), &[("/manual_methods/1", "empty")]);
        assert_refused(&with(&v21, "manual_methods", json!(["--"])), &[("/manual_methods/0", "invalid_format")]);
        // Duplicates: same normalised text, or the same registry method under two names.
        for dup in
            [json!(["Marte Meo", "marte-meo"]), json!(["COS-P", "Trygghetscirkeln"]), json!(["Trappan", " TRAPPAN!"])]
        {
            assert_refused(&with(&v21, "manual_methods", dup), &[("/manual_methods/1", "duplicate")]);
        }
        // Registry ids resolve; unknown texts are kept as sent.
        let r = check(&with(&v21, "manual_methods", json!(["marte-meo", "Trappan"]))).unwrap();
        assert_eq!(r.manual_methods[0].method_id.as_deref(), Some("marte-meo"));
        assert_eq!(r.manual_methods[0].name, "marte-meo");
        assert_eq!(r.manual_methods[1].method_id, None);
    }

    #[test]
    fn crisis_support_is_a_code_in_2021_and_a_named_method_in_2020() {
        let v21 = valid_2021();
        assert_refused(
            &with(&v21, "manual_methods", json!(["Trappan", "Krisstöd"])),
            &[("/manual_methods/1", "use_intervention_code")],
        );
        let crisis =
            with(&without(&v21, "manual_methods"), "interventions", json!(["crisis_support", "other_non_manual"]));
        let r = check(&crisis).unwrap();
        assert_eq!(r.intervention_type, InterventionType::ManualOnly);
        assert_eq!(r.interventions, ["crisis_support", "other_non_manual"]);
        let v20 = with(&valid_2020(), "manual_methods", json!(["I stunden", "Marte meo"]));
        let r = check(&v20).unwrap();
        assert_eq!(r.manual_methods[0].intervention_code.as_deref(), Some("crisis_support"));
        assert_eq!(r.intervention_type, InterventionType::ManualOnly);
    }

    #[test]
    fn intervention_types() {
        let t = |reason: &str, codes: &[&str]| {
            intervention_type(reason, &codes.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        };
        use InterventionType as I;
        assert_eq!(t("never_started", &[]), I::None);
        assert_eq!(t("goals_met", &["traditional_family_treatment"]), I::TraditionalOnly);
        assert_eq!(t("goals_met", &["traditional_family_treatment", "other_non_manual"]), I::TraditionalOnly);
        assert_eq!(t("goals_met", &["manual_method"]), I::ManualOnly);
        assert_eq!(t("goals_met", &["crisis_support", "other_non_manual"]), I::ManualOnly);
        assert_eq!(t("goals_met", &["traditional_family_treatment", "crisis_support"]), I::TraditionalAndManual);
        assert_eq!(
            t("other", &["traditional_family_treatment", "manual_method", "other_non_manual"]),
            I::TraditionalAndManual
        );
        assert_eq!(t("ended_by_child", &["other_non_manual"]), I::OtherOnly);
        let json = serde_json::to_value(I::TraditionalAndManual).unwrap();
        assert_eq!(json, "traditional_and_manual");
    }

    #[test]
    fn identity_numbers_in_case_ref_and_free_texts() {
        let v21 = valid_2021();
        let cases = [
            ("case_ref", json!("x199001011234y".replace("199001011234", "198112189876")), "/case_ref"),
            ("problem_area_other", json!(format!("Se {PNR}")), "/problem_area_other"),
            ("other_intervention_text", json!(format!("Stöd {PNR}")), "/other_intervention_text"),
            ("closing_reason_text", json!(format!("Flyttade, {PNR}")), "/closing_reason_text"),
            ("comment", json!(format!("Barnet {PNR} flyttade")), "/comment"),
            ("manual_methods", json!(["Trappan", format!("Metod {PNR}")]), "/manual_methods/1"),
        ];
        for (field, value, pointer) in cases {
            let v = check(&with(&v21, field, value)).unwrap_err();
            assert_eq!(pairs(&v), [(pointer.to_string(), "personal_identity_number".to_string())]);
            assert!(!v[0].message.contains("9876"), "{}", v[0].message);
        }
        // Also in 2020, and in a case_ref that is otherwise well formed.
        let v = check(&with(&valid_2020(), "case_ref", json!("8112189876"))).unwrap_err();
        assert_eq!(pairs(&v), [("/case_ref".to_string(), "personal_identity_number".to_string())]);
    }

    #[test]
    fn messages_never_echo_submitted_values() {
        let body = json!({
            "case_ref": "secret ref",
            "age_at_referral": "secret-age",
            "gender": "secret-gender",
            "birth_background": "secret-bb",
            "referred_on": "secret-date",
            "started_on": "secret-start",
            "previously_active": "secret-prev",
            "problem_areas": ["secret-area"],
            "problem_area_other": format!("secret {PNR}"),
            "interventions": ["secret-int"],
            "manual_methods": ["secret\u{1}", format!("{PNR}")],
            "closed_on": "2021-03-01",
            "closing_reason": "secret-reason",
            "closing_reason_text": "secret".repeat(200),
            "comment": format!("secret {PNR}"),
        });
        let v = check(&body).unwrap_err();
        assert!(v.len() > 10);
        for violation in &v {
            assert!(!violation.message.contains("secret") && !violation.message.contains("9876"), "{violation:?}");
        }
    }

    #[test]
    fn every_violation_at_once_sorted() {
        let body = json!({
            "case_ref": "bad ref",
            "age_at_referral": 25,
            "gender": "girl",
            "referred_on": "2021-05-01",
            "started_on": "2021-04-01",
            "previously_active": "never",
            "problem_areas": ["school", "school", "other", "bogus"],
            "interventions": ["traditional_family_treatment"],
            "manual_methods": ["Trappan"],
            "closed_on": "2025-07-01",
            "closing_reason": "goals_met",
            "closing_reason_text": "x",
            "comment": "a\u{0}",
            "colour": "red",
            "revision": 3
        });
        let v = check(&body).unwrap_err();
        let expected = [
            ("/age_at_referral", "out_of_range"),
            ("/birth_background", "required"),
            ("/case_ref", "invalid_format"),
            ("/closed_on", "in_future"),
            ("/closing_reason_text", "not_allowed"),
            ("/colour", "unknown_field"),
            ("/comment", "invalid_characters"),
            ("/manual_methods", "not_allowed"),
            ("/previously_active", "unknown_code"),
            ("/problem_area_other", "required"),
            ("/problem_areas", "too_many"),
            ("/problem_areas/1", "duplicate"),
            ("/problem_areas/3", "unknown_code"),
            ("/revision", "read_only"),
            ("/started_on", "date_order"),
        ];
        let expected: Vec<(String, String)> = expected.iter().map(|(p, c)| (p.to_string(), c.to_string())).collect();
        assert_eq!(pairs(&v), expected);
        let mut sorted = v.clone();
        sorted.sort_by(|a, b| (&a.pointer, &a.code).cmp(&(&b.pointer, &b.code)));
        assert_eq!(sorted, v);
    }

    #[test]
    fn patterns_of_the_form_data_are_understood() {
        for form in forms::all() {
            for field in &form.fields {
                if let Some(pattern) = &field.pattern {
                    assert!(SimplePattern::parse(pattern).is_some(), "{}: {pattern}", form.id);
                }
            }
        }
        let p = SimplePattern::parse("^[A-Za-z0-9._-]{1,64}$").unwrap();
        assert!(p.matches("a") && p.matches("A-9._z") && !p.matches("") && !p.matches("a b") && !p.matches("ö"));
        assert!(!p.matches(&"a".repeat(65)));
        assert_eq!(SimplePattern::parse("^[-a]+$").unwrap().ranges, [('-', '-'), ('a', 'a')]);
        assert_eq!(
            SimplePattern::parse("^[\\]x]{2}$").unwrap(),
            SimplePattern { ranges: vec![(']', ']'), ('x', 'x')], min: 2, max: 2 }
        );
        for unsupported in ["[a]", "^[^a]+$", "^(a|b)$", "^[a]{2,1}$", "^[z-a]$"] {
            assert!(SimplePattern::parse(unsupported).is_none(), "{unsupported}");
        }
    }

    // ---- property tests -------------------------------------------------------------------

    /// Deterministic choices from proptest-generated numbers (so that failures shrink).
    struct Entropy {
        values: Vec<u32>,
        next: usize,
    }

    impl Entropy {
        fn pick(&mut self, n: usize) -> usize {
            let v = self.values[self.next % self.values.len()];
            self.next += 1;
            v as usize % n.max(1)
        }
        fn chance(&mut self) -> bool {
            self.pick(2) == 0
        }
        fn code<'l>(&mut self, list: &'l CodeList) -> &'l str {
            &list.codes[self.pick(list.codes.len())].code
        }
    }

    /// Texts without digits (so without identity numbers), padded with whitespace.
    fn texts() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[ \t\n]{0,2}[A-Za-zÅÄÖåäöé][A-Za-zÅÄÖåäöé ,.()'&/–-]{0,40}[ \n]{0,2}", 12)
    }

    fn case_refs() -> impl Strategy<Value = String> {
        "[A-Za-z0-9._-]{1,64}".prop_map(|s| {
            if contains_identity_number(&s) || DOT_SEGMENTS.contains(&s.as_str()) {
                "safe-ref".into()
            } else {
                s
            }
        })
    }

    /// Method names: the registry's ids, names and aliases, and free texts.
    fn method_pool(texts: &[String]) -> Vec<String> {
        let mut pool: Vec<String> = manual_methods::seed()
            .iter()
            .flat_map(|m| std::iter::once(m.id.clone()).chain(m.names().map(str::to_string)))
            .collect();
        pool.extend(texts.iter().map(|t| format!("Metod {}", t.trim())));
        pool
    }

    /// A valid record generated from the form data.
    fn generate(e: &mut Entropy, texts: &[String], case_ref: &str) -> Value {
        let form = &forms::all()[e.pick(forms::all().len())];
        let list = |id: CodeListId| form.code_list(id).unwrap();
        let mut text_at = 0;
        let mut text = |e: &mut Entropy| {
            text_at += 1 + e.pick(3);
            texts[text_at % texts.len()].clone()
        };
        let mut body = Map::new();
        if e.chance() {
            body.insert("form".into(), json!(form.id));
        }
        body.insert("case_ref".into(), json!(case_ref));
        let age = form.field("age_at_referral").unwrap();
        let (min, max) = (age.minimum.unwrap(), age.maximum.unwrap());
        body.insert("age_at_referral".into(), json!(min + e.pick((max - min + 1) as usize) as i64));
        for id in [
            CodeListId::Genders,
            CodeListId::BirthBackgrounds,
            CodeListId::PreviouslyActive,
            CodeListId::ClosingReasons,
        ] {
            if let Some(list) = form.code_list(id) {
                body.insert(id.field().into(), json!(e.code(list)));
            }
        }
        // Dates: closed within the version's validity and not after today.
        let from = form.validity.closed_from;
        let to = form.validity.closed_to.unwrap_or(today()).min(today());
        let closed = from + chrono::Days::new(e.pick(((to - from).num_days() + 1) as usize) as u64);
        let referred = closed - chrono::Days::new(e.pick(900) as u64);
        let started = referred + chrono::Days::new(e.pick(((closed - referred).num_days() + 1) as usize) as u64);
        let never = body["closing_reason"] == "never_started";
        body.insert("referred_on".into(), json!(referred.to_string()));
        body.insert("closed_on".into(), json!(closed.to_string()));
        body.insert("started_on".into(), if never { Value::Null } else { json!(started.to_string()) });
        // Problem areas: 1–max distinct, in random order.
        let areas = list(CodeListId::ProblemAreas);
        let field = form.field("problem_areas").unwrap();
        let (min, max) = (field.min_items.unwrap() as usize, field.max_items.unwrap() as usize);
        let mut codes: Vec<&str> = areas.code_values().collect();
        let mut chosen = Vec::new();
        for _ in 0..min + e.pick(max - min + 1) {
            chosen.push(codes.remove(e.pick(codes.len())));
        }
        body.insert("problem_areas".into(), json!(chosen));
        // Interventions: empty exactly when never started, in random order.
        let mut interventions: Vec<&str> = Vec::new();
        if !never {
            let mut codes: Vec<&str> = list(CodeListId::Interventions).code_values().collect();
            let n = 1 + e.pick(codes.len());
            for _ in 0..n {
                interventions.push(codes.remove(e.pick(codes.len())));
            }
        }
        body.insert("interventions".into(), json!(interventions));
        // Details, driven by the form's requires_detail rules.
        let pool = method_pool(texts);
        for rule in &form.rules {
            let RuleCheck::RequiresDetail { field, codes, detail_field } = &rule.check else { continue };
            let has = match &body[field.as_str()] {
                Value::String(s) => codes.contains(s),
                Value::Array(items) => items.iter().any(|i| codes.iter().any(|c| i == c)),
                _ => false,
            };
            let detail_type = form.field(detail_field).unwrap().field_type;
            if has && detail_type == FieldType::TextList {
                let mut names = Vec::new();
                let mut keys = HashSet::new();
                let wanted = 1 + e.pick(3);
                for _ in 0..20 {
                    if names.len() == wanted {
                        break;
                    }
                    let name = pool[e.pick(pool.len())].clone();
                    let resolved = SeedMethods.resolve(&name);
                    if resolved.as_ref().is_some_and(|m| {
                        m.intervention_code != "manual_method"
                            && list(CodeListId::Interventions).contains(&m.intervention_code)
                    }) {
                        continue;
                    }
                    let key = resolved.map_or_else(|| normalise_method_name(&name), |m| m.id);
                    if keys.insert(key) {
                        names.push(if e.chance() { format!(" {name}\t") } else { name });
                    }
                }
                if names.is_empty() {
                    names.push("Metod utan namn".into());
                }
                body.insert(detail_field.clone(), json!(names));
            } else if has {
                body.insert(detail_field.clone(), json!(text(e)));
            } else {
                match e.pick(4) {
                    0 => {}
                    1 => {
                        body.insert(detail_field.clone(), Value::Null);
                    }
                    2 if detail_type == FieldType::TextList => {
                        body.insert(detail_field.clone(), json!([]));
                    }
                    _ if detail_type == FieldType::Text => {
                        body.insert(detail_field.clone(), json!(" "));
                    }
                    _ => {}
                }
            }
        }
        match e.pick(3) {
            0 => {
                body.insert("comment".into(), json!(text(e)));
            }
            1 => {
                body.insert("comment".into(), Value::Null);
            }
            _ => {}
        }
        Value::Object(body)
    }

    fn entropy() -> impl Strategy<Value = Vec<u32>> {
        prop::collection::vec(any::<u32>(), 48)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn generated_valid_records_validate_and_round_trip(values in entropy(), texts in texts(), case_ref in case_refs()) {
            let body = generate(&mut Entropy { values, next: 0 }, &texts, &case_ref);
            let r = match check(&body) {
                Ok(r) => r,
                Err(v) => return Err(TestCaseError::fail(format!("{v:?}\n{body:#}"))),
            };
            prop_assert_eq!(check(&to_wire(&r)), Ok(r.clone()));
            // What the record keeps of the body.
            prop_assert_eq!(&r.problem_areas, &serde_json::from_value::<Vec<String>>(body["problem_areas"].clone()).unwrap());
            let order = forms::get(&r.form).unwrap().code_list(CodeListId::Interventions).unwrap();
            let positions: Vec<u8> = r.interventions.iter().map(|c| order.get(c).unwrap().position).collect();
            prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
            prop_assert_eq!(r.enrolment_days as i64, (r.closed_on - r.referred_on).num_days());
            prop_assert_eq!(r.intervention_days.is_none(), r.closing_reason == "never_started");
            prop_assert_eq!(r.birth_background.is_some(), r.form == "su-x-2021");
            for text in [&r.problem_area_other, &r.other_intervention_text, &r.closing_reason_text, &r.comment].into_iter().flatten() {
                prop_assert!(!text.is_empty() && text.trim() == text);
            }
            // The same record under its URL case reference.
            let put = without(&to_wire(&r), "case_ref");
            prop_assert_eq!(validate(&put, Some(&r.case_ref), today(), &SeedMethods), Ok(r));
        }

        #[test]
        fn single_mutations_are_refused_at_the_expected_pointer(
            values in entropy(), texts in texts(), case_ref in case_refs(), kind in 0usize..8, extra in any::<u32>()
        ) {
            let mut e = Entropy { values, next: 0 };
            let body = generate(&mut e, &texts, &case_ref);
            let form = forms::get(check(&body).unwrap().form.as_str()).unwrap();
            let closed = parse_date(body["closed_on"].as_str().unwrap()).unwrap();
            let extra = extra as usize;
            let (mutated, pointer, code) = match kind {
                0 => (with(&body, "gender", json!("unknown_gender")), "/gender".to_string(), "unknown_code"),
                1 => {
                    let mut areas = body["problem_areas"].as_array().unwrap().clone();
                    let i = extra % areas.len();
                    areas[i] = json!("no_such_area");
                    (with(&body, "problem_areas", json!(areas)), format!("/problem_areas/{i}"), "unknown_code")
                }
                2 => {
                    let list = form.code_list(CodeListId::ProblemAreas).unwrap();
                    let start = extra % list.codes.len();
                    let four: Vec<&str> = (0..4).map(|k| list.codes[(start + k) % list.codes.len()].code.as_str()).collect();
                    (with(&body, "problem_areas", json!(four)), "/problem_areas".to_string(), "too_many")
                }
                3 => {
                    let b = with(&without(&body, "closing_reason_text"), "closing_reason", json!("other"));
                    (b, "/closing_reason_text".to_string(), "required")
                }
                4 => {
                    let later = closed + chrono::Days::new(1 + (extra % 30) as u64);
                    (with(&body, "referred_on", json!(later.to_string())), "/closed_on".to_string(), "date_order")
                }
                5 => {
                    let future = today() + chrono::Days::new(1 + (extra % 400) as u64);
                    (with(&body, "closed_on", json!(future.to_string())), "/closed_on".to_string(), "in_future")
                }
                6 => {
                    let required: Vec<&FormField> = form.fields.iter().filter(|f| f.required && f.name != "closed_on").collect();
                    let field = required[extra % required.len()];
                    (without(&body, &field.name), format!("/{}", field.name), "required")
                }
                _ => {
                    let comment = format!("{} 19{PNR} {}", texts[0].trim(), texts[1].trim());
                    (with(&body, "comment", json!(comment)), "/comment".to_string(), "personal_identity_number")
                }
            };
            let refused = match check(&mutated) {
                Ok(_) => return Err(TestCaseError::fail(format!("accepted: {mutated:#}"))),
                Err(v) => v,
            };
            prop_assert!(
                refused.iter().any(|v| v.pointer == pointer && v.code == code),
                "expected {} {}, got {:?}", pointer, code, pairs(&refused)
            );
            for v in &refused {
                prop_assert!(!v.message.contains("9876"));
            }
        }
    }
}
