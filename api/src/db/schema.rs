// One diesel schema for both backends: migrations use only types both map identically
// (TEXT, INTEGER, BIGINT, BOOLEAN, DATE, TIMESTAMP). `tests/schema.rs` checks it against both.

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
);
