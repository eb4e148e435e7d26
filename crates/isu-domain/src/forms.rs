//! Form versions of SU-X: questions (fields) in form order, their constraints, the conditional
//! rules as data, and the code lists. The version that applies to a record is chosen by its
//! closing date ([`for_closing_date`]).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::codes::{self, CodeList, CodeListId};
use super::reference::data;
use super::LocalizedText;

/// One version of the SU-X form.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = Form)]
pub struct Form {
    /// Stable id of the version; also its URL slug.
    #[schema(example = "su-x-2021")]
    pub id: String,
    /// The year the version was introduced.
    #[schema(example = 2021)]
    pub version: u16,
    /// Title.
    pub title: LocalizedText,
    /// Source and scope of the version, including what differs from other versions.
    pub description: LocalizedText,
    /// Which closing dates the version applies to.
    pub validity: ValidityPeriod,
    /// The record's fields in form order: numbered questions and their free-text companions.
    pub fields: Vec<FormField>,
    /// Conditional and cross-field rules a record must satisfy, as data.
    pub rules: Vec<FormRule>,
    /// The code lists of this version, in form order.
    pub code_lists: Vec<CodeList>,
}

impl Form {
    /// The code list `id`, if this version has it (`birth-backgrounds` is absent in 2020).
    pub fn code_list(&self, id: CodeListId) -> Option<&CodeList> {
        self.code_lists.iter().find(|list| list.id == id)
    }

    /// The field with wire name `name`, if this version has it.
    pub fn field(&self, name: &str) -> Option<&FormField> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// The rule with id `id`, if this version has it.
    pub fn rule(&self, id: &str) -> Option<&FormRule> {
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// Whether a case closed on `closed_on` is registered with this version.
    pub fn applies_to(&self, closed_on: NaiveDate) -> bool {
        self.validity.contains(closed_on)
    }
}

/// The closing dates a form version applies to (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[schema(as = ValidityPeriod)]
pub struct ValidityPeriod {
    /// First closing date the version applies to.
    #[schema(example = "2021-01-01")]
    pub closed_from: NaiveDate,
    /// Last closing date the version applies to; `null` while the version is current.
    #[schema(required = true, example = json!(null))]
    pub closed_to: Option<NaiveDate>,
}

impl ValidityPeriod {
    /// Whether `date` lies within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.closed_from && self.closed_to.is_none_or(|to| date <= to)
    }
}

/// A field of the record as the form defines it.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = FormField)]
pub struct FormField {
    /// Wire name (JSON, snake_case).
    #[schema(example = "problem_areas")]
    pub name: String,
    /// Question number as printed on the form; absent for unnumbered fields (`case_ref`, the
    /// free-text companions of a question, `comment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = 7)]
    pub number: Option<u8>,
    /// Question text; Swedish as on the form.
    pub text: LocalizedText,
    /// Help and instructions for the person registering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = LocalizedText, required = false)]
    pub help: Option<LocalizedText>,
    /// Value type.
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// Whether the field must be present in every record. Fields required only under a
    /// condition are `false` here and named by a rule (`requires_detail`).
    pub required: bool,
    /// Whether `null` is an allowed value (see the rules for when).
    pub nullable: bool,
    /// For `code` and `code_set`: the code list the values come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = CodeListId, required = false)]
    pub code_list: Option<CodeListId>,
    /// For `integer`: smallest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<i64>,
    /// For `integer`: largest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<i64>,
    /// For `code_set` and `text_list`: fewest items when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// For `code_set` and `text_list`: most items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// For `code_set` and `text_list`: items must be distinct (`text_list`: after
    /// [`normalise_method_name`](crate::domain::normalise_method_name)).
    #[serde(default)]
    pub unique_items: bool,
    /// For `text` (and each item of `text_list`): most characters (Unicode scalar values, counted
    /// after trimming surrounding whitespace; a text that is empty after trimming is absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u32>,
    /// For `text`: regular expression the whole value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// The value type of a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = FieldType)]
pub enum FieldType {
    /// A whole number.
    Integer,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// One code from `code_list`.
    Code,
    /// A set of codes from `code_list` (JSON array).
    CodeSet,
    /// Free text.
    Text,
    /// A list of free texts (JSON array of strings).
    TextList,
}

/// A rule a record must satisfy, with a stable id (usable as an error code).
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
#[schema(as = FormRule)]
pub struct FormRule {
    /// Stable id of the rule.
    #[schema(example = "problem_area_other_text")]
    pub id: String,
    /// What the rule says, for people.
    pub description: LocalizedText,
    /// What the rule checks, for machines.
    pub check: RuleCheck,
}

/// The machine-readable content of a rule. Field names are wire names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[schema(as = RuleCheck)]
pub enum RuleCheck {
    /// `detail_field` must be present and non-empty exactly when `field` has (code) or contains
    /// (code set) one of `codes`; a non-empty detail without such a code is refused.
    RequiresDetail {
        /// The code or code-set field.
        field: String,
        /// The codes that require the detail.
        codes: Vec<String>,
        /// The free-text (or text-list) field holding the detail.
        detail_field: String,
    },
    /// The code set `field` is empty exactly when `when_field` has `code`.
    EmptyExactlyWhen {
        /// The code-set field.
        field: String,
        /// The code field that decides.
        when_field: String,
        /// The deciding code.
        code: String,
    },
    /// `field` is `null` exactly when `when_field` has `code`.
    NullExactlyWhen {
        /// The nullable field.
        field: String,
        /// The code field that decides.
        when_field: String,
        /// The deciding code.
        code: String,
    },
    /// The date fields are in non-decreasing order; a `null` date is skipped.
    DateOrder {
        /// Date fields, earliest first.
        fields: Vec<String>,
    },
    /// None of the date fields is after today's date (Europe/Stockholm).
    NotInFuture {
        /// Date fields.
        fields: Vec<String>,
    },
    /// The date field is not before `date`.
    NotBefore {
        /// Date field.
        field: String,
        /// Earliest allowed date.
        date: NaiveDate,
    },
    /// The date field lies within the form version's validity period.
    WithinValidity {
        /// Date field (the closing date).
        field: String,
    },
    /// None of the text fields is or contains a Swedish personal identity number or
    /// coordination number (10 or 12 digits, with or without separator, Luhn-valid).
    NoPersonalIdentityNumber {
        /// Text and text-list fields.
        fields: Vec<String>,
    },
}

/// All form versions, oldest first.
pub fn all() -> &'static [Form] {
    &data().forms
}

/// The form version with id `id` (e.g. `su-x-2021`).
pub fn get(id: &str) -> Option<&'static Form> {
    all().iter().find(|form| form.id == id)
}

/// The form version a case closed on `closed_on` is registered with: 2020 → `su-x-2020`,
/// from 2021-01-01 → `su-x-2021`; `None` before 2020.
pub fn for_closing_date(closed_on: NaiveDate) -> Option<&'static Form> {
    all().iter().find(|form| form.applies_to(closed_on))
}

/// The current (newest) form version.
pub fn current() -> &'static Form {
    // `validate_versions` guarantees at least one form, the last being open-ended.
    &all()[all().len() - 1]
}

/// Checks one form: unique fields and rules, code lists consistent with the fields, rules
/// referring to existing fields and codes.
pub(crate) fn validate_form(form: &Form) -> Result<(), String> {
    let id = &form.id;
    if id != &format!("su-x-{}", form.version) {
        return Err(format!("form id `{id}` does not match version {}", form.version));
    }
    let mut lists = HashSet::new();
    for list in &form.code_lists {
        if !lists.insert(list.id) {
            return Err(format!("{id}: duplicate code list {}", list.id));
        }
        codes::validate_list(list).map_err(|e| format!("{id}: {e}"))?;
    }
    let mut names = HashSet::new();
    let mut last_number = 0;
    for field in &form.fields {
        let name = &field.name;
        if !names.insert(name.as_str()) {
            return Err(format!("{id}: duplicate field `{name}`"));
        }
        if let Some(number) = field.number {
            if number != last_number + 1 {
                return Err(format!("{id}: field `{name}` has number {number}, expected {}", last_number + 1));
            }
            last_number = number;
        }
        let is_coded = matches!(field.field_type, FieldType::Code | FieldType::CodeSet);
        match (is_coded, field.code_list) {
            (true, Some(list)) if list.field() == name && form.code_list(list).is_some() => {}
            (false, None) => {}
            _ => return Err(format!("{id}: field `{name}` has a missing, unknown or misplaced code list")),
        }
    }
    for list in &form.code_lists {
        if form.field(list.id.field()).and_then(|f| f.code_list) != Some(list.id) {
            return Err(format!("{id}: code list {} is used by no field", list.id));
        }
    }
    let field_of = |name: &str, types: &[FieldType]| -> Result<&FormField, String> {
        match form.field(name) {
            Some(field) if types.contains(&field.field_type) => Ok(field),
            _ => Err(format!("{id}: a rule names `{name}`, which is not a field of type {types:?}")),
        }
    };
    let has_code = |field: &FormField, code: &str| -> Result<(), String> {
        let list = field.code_list.and_then(|l| form.code_list(l));
        match list {
            Some(list) if list.contains(code) => Ok(()),
            _ => Err(format!("{id}: a rule names code `{code}`, which is not in the list of `{}`", field.name)),
        }
    };
    let mut rule_ids = HashSet::new();
    for rule in &form.rules {
        if !rule_ids.insert(rule.id.as_str()) {
            return Err(format!("{id}: duplicate rule `{}`", rule.id));
        }
        use FieldType as T;
        match &rule.check {
            RuleCheck::RequiresDetail { field, codes, detail_field } => {
                let field = field_of(field, &[T::Code, T::CodeSet])?;
                codes.iter().try_for_each(|code| has_code(field, code))?;
                field_of(detail_field, &[T::Text, T::TextList])?;
            }
            RuleCheck::EmptyExactlyWhen { field, when_field, code } => {
                field_of(field, &[T::CodeSet])?;
                has_code(field_of(when_field, &[T::Code])?, code)?;
            }
            RuleCheck::NullExactlyWhen { field, when_field, code } => {
                if !field_of(field, &[T::Date, T::Code, T::Integer, T::Text])?.nullable {
                    return Err(format!("{id}: rule `{}` names a field that is not nullable", rule.id));
                }
                has_code(field_of(when_field, &[T::Code])?, code)?;
            }
            RuleCheck::DateOrder { fields } | RuleCheck::NotInFuture { fields } => {
                fields.iter().try_for_each(|f| field_of(f, &[T::Date]).map(drop))?;
            }
            RuleCheck::NotBefore { field, .. } | RuleCheck::WithinValidity { field } => {
                field_of(field, &[T::Date])?;
            }
            RuleCheck::NoPersonalIdentityNumber { fields } => {
                fields.iter().try_for_each(|f| field_of(f, &[T::Text, T::TextList]).map(drop))?;
            }
        }
    }
    if let Some(to) = form.validity.closed_to {
        if to < form.validity.closed_from {
            return Err(format!("{id}: validity ends before it starts"));
        }
    }
    Ok(())
}

/// Checks the set of versions: ordered, contiguous, non-overlapping, the newest open-ended.
pub(crate) fn validate_versions(forms: &[Form]) -> Result<(), String> {
    let Some(last) = forms.last() else {
        return Err("no form versions".into());
    };
    if last.validity.closed_to.is_some() {
        return Err(format!("the newest form {} must be open-ended", last.id));
    }
    for pair in forms.windows(2) {
        let (older, newer) = (&pair[0], &pair[1]);
        let expected = older.validity.closed_to.and_then(|to| to.succ_opt());
        if expected != Some(newer.validity.closed_from) {
            return Err(format!("{} must start the day after {} ends", newer.id, older.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn form_id(closed_on: NaiveDate) -> Option<&'static str> {
        for_closing_date(closed_on).map(|form| form.id.as_str())
    }

    #[test]
    fn versions_are_2020_and_2021() {
        let ids: Vec<_> = all().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["su-x-2020", "su-x-2021"]);
        assert_eq!(current().id, "su-x-2021");
        assert_eq!(get("su-x-2020").unwrap().version, 2020);
        assert!(get("su-x-2019").is_none());
    }

    #[test]
    fn closing_date_selects_the_version_at_the_boundaries() {
        assert_eq!(form_id(date(2019, 12, 31)), None);
        assert_eq!(form_id(date(2020, 1, 1)), Some("su-x-2020"));
        assert_eq!(form_id(date(2020, 12, 31)), Some("su-x-2020"));
        assert_eq!(form_id(date(2021, 1, 1)), Some("su-x-2021"));
        assert_eq!(form_id(date(2035, 6, 30)), Some("su-x-2021"));
        let v2020 = get("su-x-2020").unwrap().validity;
        assert_eq!((v2020.closed_from, v2020.closed_to), (date(2020, 1, 1), Some(date(2020, 12, 31))));
        assert_eq!(get("su-x-2021").unwrap().validity.closed_to, None);
    }

    #[test]
    fn field_constraints() {
        for form in all() {
            let f = |name: &str| form.field(name).unwrap_or_else(|| panic!("{}: no {name}", form.id));
            let age = f("age_at_referral");
            assert_eq!((age.field_type, age.minimum, age.maximum), (FieldType::Integer, Some(0), Some(20)));
            let pa = f("problem_areas");
            assert_eq!((pa.min_items, pa.max_items, pa.unique_items), (Some(1), Some(3), true));
            assert!(f("started_on").nullable && f("started_on").required);
            assert!(!f("closed_on").nullable);
            assert_eq!(f("comment").max_length, Some(2000));
            assert_eq!(f("case_ref").max_length, Some(64));
            assert_eq!(f("case_ref").pattern.as_deref(), Some("^[A-Za-z0-9._-]{1,64}$"));
            assert_eq!(f("problem_area_other").max_length, Some(200));
            assert_eq!(f("closing_reason_text").max_length, Some(500));
            let mm = f("manual_methods");
            assert_eq!((mm.field_type, mm.max_items, mm.max_length), (FieldType::TextList, Some(10), Some(100)));
            let interventions = f("interventions");
            assert_eq!(interventions.min_items, Some(0));
            let n_codes = form.code_list(CodeListId::Interventions).unwrap().codes.len();
            assert_eq!(interventions.max_items, Some(n_codes as u32));
            for field in &form.fields {
                if matches!(field.field_type, FieldType::Text | FieldType::TextList) {
                    assert!(field.max_length.is_some(), "{}: {} has no max_length", form.id, field.name);
                }
            }
            let rule = form.rule("closed_on_not_before_2019").unwrap();
            assert_eq!(rule.check, RuleCheck::NotBefore { field: "closed_on".into(), date: date(2019, 1, 1) });
            assert_eq!(
                form.rule("interventions_empty_when_never_started").unwrap().check,
                RuleCheck::EmptyExactlyWhen {
                    field: "interventions".into(),
                    when_field: "closing_reason".into(),
                    code: "never_started".into()
                }
            );
            assert_eq!(
                form.rule("date_order").unwrap().check,
                RuleCheck::DateOrder { fields: vec!["referred_on".into(), "started_on".into(), "closed_on".into()] }
            );
        }
    }

    #[test]
    fn detail_rules_name_the_codes_of_the_specification() {
        let details = |form: &Form| -> Vec<(String, Vec<String>, String)> {
            form.rules
                .iter()
                .filter_map(|r| match &r.check {
                    RuleCheck::RequiresDetail { field, codes, detail_field } => {
                        Some((field.clone(), codes.clone(), detail_field.clone()))
                    }
                    _ => None,
                })
                .collect()
        };
        let s = |v: &str| v.to_string();
        let common = [
            (s("problem_areas"), vec![s("other")], s("problem_area_other")),
            (s("interventions"), vec![s("manual_method")], s("manual_methods")),
        ];
        let closing = (s("closing_reason"), vec![s("not_matching_needs"), s("other")], s("closing_reason_text"));
        let other_iv = (s("interventions"), vec![s("other_non_manual")], s("other_intervention_text"));
        let mut expected_2020 = common.to_vec();
        expected_2020.push(closing.clone());
        let mut expected_2021 = common.to_vec();
        expected_2021.extend([other_iv, closing]);
        assert_eq!(details(get("su-x-2020").unwrap()), expected_2020);
        assert_eq!(details(get("su-x-2021").unwrap()), expected_2021);
    }

    #[test]
    fn versions_differ_exactly_as_the_report_says() {
        let (v2020, v2021) = (get("su-x-2020").unwrap(), get("su-x-2021").unwrap());
        let names = |form: &Form| form.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>();
        let mut without_new = names(v2021);
        without_new.retain(|n| n != "birth_background" && n != "other_intervention_text");
        assert_eq!(names(v2020), without_new);
        assert!(v2020.code_list(CodeListId::BirthBackgrounds).is_none());
        assert!(v2021.code_list(CodeListId::BirthBackgrounds).is_some());

        let codes = |form: &Form, id| form.code_list(id).unwrap().code_values().map(String::from).collect::<Vec<_>>();
        for id in [CodeListId::Genders, CodeListId::PreviouslyActive, CodeListId::ClosingReasons] {
            assert_eq!(codes(v2020, id), codes(v2021, id), "{id}");
        }
        let mut pa2020 = codes(v2020, CodeListId::ProblemAreas);
        let pos = pa2020.iter().position(|c| c == "parent_mental_health_or_disability").unwrap();
        pa2020[pos] = "parent_mental_health".into();
        assert_eq!(pa2020, codes(v2021, CodeListId::ProblemAreas));
        let pa = v2020.code_list(CodeListId::ProblemAreas).unwrap();
        assert_eq!(
            pa.get("parent_mental_health_or_disability").unwrap().label.sv,
            "Brister i hemmiljön, pga. psykisk ohälsa/intellektuell funktionsnedsättning hos förälder"
        );
        // 2020: no other_non_manual, and crisis support was a named manual method, not a code.
        assert_eq!(codes(v2020, CodeListId::Interventions), ["traditional_family_treatment", "manual_method"]);
        assert_eq!(
            codes(v2021, CodeListId::Interventions),
            ["traditional_family_treatment", "crisis_support", "manual_method", "other_non_manual"]
        );
    }

    #[test]
    fn validation_catches_broken_forms() {
        let mut form = current().clone();
        form.rules[0].check = RuleCheck::RequiresDetail {
            field: "problem_areas".into(),
            codes: vec!["no_such_code".into()],
            detail_field: "problem_area_other".into(),
        };
        assert!(validate_form(&form).unwrap_err().contains("no_such_code"));

        let mut form = current().clone();
        form.code_lists[0].codes.swap(0, 1);
        assert!(validate_form(&form).unwrap_err().contains("position"));

        let mut forms = all().to_vec();
        forms[0].validity.closed_to = Some(date(2020, 12, 30));
        assert!(validate_versions(&forms).is_err());
    }
}
