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
);
