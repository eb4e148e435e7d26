// One diesel schema for both backends: migrations use only types both map identically
// (TEXT, INTEGER, BIGINT, BOOLEAN, DATE, TIMESTAMP). `api/tests/api/schema.rs` checks it against both.

diesel::table! {
    counties (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    municipalities (code) {
        code -> Text,
        name -> Text,
        county_code -> Text,
    }
}

diesel::table! {
    regions (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    region_municipalities (municipality_code) {
        municipality_code -> Text,
        region_id -> Text,
    }
}

diesel::table! {
    units (id) {
        id -> Text,
        municipality_code -> Text,
        name -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    manual_methods (id) {
        id -> Text,
        name -> Text,
        description_sv -> Text,
        description_en -> Text,
        intervention_code -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    manual_method_aliases (normalised) {
        normalised -> Text,
        alias -> Text,
        method_id -> Text,
    }
}

diesel::table! {
    api_clients (id) {
        id -> Text,
        name -> Text,
        role -> Text,
        region_id -> Nullable<Text>,
        secret_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_client_units (client_id, unit_id) {
        client_id -> Text,
        unit_id -> Text,
    }
}

diesel::table! {
    api_client_municipalities (client_id, municipality_code) {
        client_id -> Text,
        municipality_code -> Text,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        occurred_at -> Timestamp,
        client_id -> Nullable<Text>,
        method -> Text,
        operation -> Text,
        unit_id -> Nullable<Text>,
        case_ref -> Nullable<Text>,
        query -> Nullable<Text>,
        status -> Integer,
        request_id -> Text,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        unit_id -> Text,
        case_ref -> Text,
        form -> Text,
        age_at_referral -> Integer,
        gender -> Text,
        birth_background -> Nullable<Text>,
        referred_on -> Date,
        started_on -> Nullable<Date>,
        previously_active -> Text,
        problem_area_other -> Nullable<Text>,
        other_intervention_text -> Nullable<Text>,
        closed_on -> Date,
        closing_reason -> Text,
        closing_reason_text -> Nullable<Text>,
        comment -> Nullable<Text>,
        intervention_type -> Text,
        intervention_days -> Nullable<Integer>,
        enrolment_days -> Integer,
        revision -> Integer,
        content_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        problem_area_codes -> Text,
        intervention_codes -> Text,
    }
}

diesel::table! {
    case_problem_areas (case_id, code) {
        case_id -> Text,
        code -> Text,
        position -> Integer,
    }
}

diesel::table! {
    case_interventions (case_id, code) {
        case_id -> Text,
        code -> Text,
    }
}

diesel::table! {
    case_keys (case_id) {
        case_id -> Text,
        record_key -> BigInt,
        admitted_in -> Nullable<BigInt>,
        unit_id -> Nullable<Text>,
    }
}

diesel::table! {
    published_contents (case_id) {
        case_id -> Text,
        unit_id -> Text,
        closed_year -> Integer,
        content -> Text,
    }
}

diesel::table! {
    case_methods (case_id, position) {
        case_id -> Text,
        position -> Integer,
        name -> Text,
        method_id -> Nullable<Text>,
    }
}

diesel::table! {
    idempotency_keys (client_id, idempotency_key) {
        client_id -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    unit_coverage (unit_id, year, quarter) {
        unit_id -> Text,
        year -> Integer,
        quarter -> Integer,
        closed_cases -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    stats_generations (unit_id, year) {
        unit_id -> Text,
        year -> Integer,
        generation -> BigInt,
    }
}

diesel::table! {
    /// A counter per registry (`manual_methods`), raised in every transaction that changes it.
    registry_generations (registry) {
        registry -> Text,
        generation -> BigInt,
    }
}

diesel::table! {
    releases (id) {
        id -> Text,
        scope -> Text,
        year -> Integer,
        version -> Integer,
        created_at -> Timestamp,
        created_by -> Text,
        document -> Text,
        pattern -> Text,
        method -> Text,
    }
}

diesel::joinable!(cases -> units (unit_id));
diesel::joinable!(case_problem_areas -> cases (case_id));
diesel::joinable!(case_interventions -> cases (case_id));
diesel::joinable!(case_methods -> cases (case_id));
diesel::joinable!(case_keys -> cases (case_id));
diesel::joinable!(published_contents -> cases (case_id));
diesel::joinable!(unit_coverage -> units (unit_id));
diesel::joinable!(api_client_units -> api_clients (client_id));
diesel::joinable!(api_client_municipalities -> api_clients (client_id));
diesel::joinable!(municipalities -> counties (county_code));
diesel::joinable!(region_municipalities -> municipalities (municipality_code));
diesel::joinable!(region_municipalities -> regions (region_id));
diesel::joinable!(units -> municipalities (municipality_code));
diesel::joinable!(manual_method_aliases -> manual_methods (method_id));

diesel::allow_tables_to_appear_in_same_query!(
    counties,
    municipalities,
    regions,
    region_municipalities,
    units,
    manual_methods,
    manual_method_aliases,
    api_clients,
    api_client_units,
    api_client_municipalities,
    audit_events,
    cases,
    case_problem_areas,
    case_interventions,
    case_methods,
    idempotency_keys,
    unit_coverage,
    stats_generations,
    registry_generations,
    releases,
    case_keys,
    published_contents,
);
