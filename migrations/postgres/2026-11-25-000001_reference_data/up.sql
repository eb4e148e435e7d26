-- Reference data: geography (loaded from the embedded SCB list at start-up), regions, units and
-- the manual-method registry. Keep equivalent to migrations/sqlite (a test compares them).
CREATE TABLE counties (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE municipalities (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    county_code TEXT NOT NULL REFERENCES counties (code)
);

CREATE TABLE regions (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A municipality belongs to at most one region, so statistics by region partition the country.
CREATE TABLE region_municipalities (
    municipality_code TEXT PRIMARY KEY NOT NULL REFERENCES municipalities (code),
    region_id TEXT NOT NULL REFERENCES regions (id) ON DELETE CASCADE
);
CREATE INDEX region_municipalities_region_idx ON region_municipalities (region_id);

CREATE TABLE units (
    id TEXT PRIMARY KEY NOT NULL,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (municipality_code, name)
);

CREATE TABLE manual_methods (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    description_sv TEXT NOT NULL,
    description_en TEXT NOT NULL,
    -- The Q8 code the method counts under: manual_method, or crisis_support.
    intervention_code TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Aliases are unique after normalisation, so a free-text name maps to at most one method.
CREATE TABLE manual_method_aliases (
    normalised TEXT PRIMARY KEY NOT NULL,
    alias TEXT NOT NULL,
    method_id TEXT NOT NULL REFERENCES manual_methods (id) ON DELETE CASCADE
);
CREATE INDEX manual_method_aliases_method_idx ON manual_method_aliases (method_id);
