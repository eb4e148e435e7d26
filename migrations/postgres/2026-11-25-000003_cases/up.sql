-- SU-X records (one per closed case), normalised: problem areas, interventions and named
-- methods in tables of their own. Keep equivalent across backends (a test compares them).
CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units (id),
    case_ref TEXT NOT NULL,
    form TEXT NOT NULL,
    age_at_referral INTEGER NOT NULL,
    gender TEXT NOT NULL,
    birth_background TEXT,
    referred_on DATE NOT NULL,
    started_on DATE,
    previously_active TEXT NOT NULL,
    problem_area_other TEXT,
    other_intervention_text TEXT,
    closed_on DATE NOT NULL,
    closing_reason TEXT NOT NULL,
    closing_reason_text TEXT,
    comment TEXT,
    intervention_type TEXT NOT NULL,
    intervention_days INTEGER,
    enrolment_days INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (unit_id, case_ref)
);
CREATE INDEX cases_unit_closed_idx ON cases (unit_id, closed_on);
CREATE INDEX cases_closed_idx ON cases (closed_on);
CREATE INDEX cases_updated_idx ON cases (unit_id, updated_at);

CREATE TABLE case_problem_areas (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (case_id, code)
);
CREATE INDEX case_problem_areas_code_idx ON case_problem_areas (code);

CREATE TABLE case_interventions (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (case_id, code)
);

CREATE TABLE case_methods (
    case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    method_id TEXT REFERENCES manual_methods (id),
    PRIMARY KEY (case_id, position)
);
CREATE INDEX case_methods_method_idx ON case_methods (method_id);

-- Idempotency keys of POST requests, per client, kept 24 hours. `status` is NULL while the
-- first request is still running.
CREATE TABLE idempotency_keys (
    client_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (client_id, idempotency_key)
);

-- How many cases a unit's own system closed (whole year: quarter 0; or quarters 1–4).
CREATE TABLE unit_coverage (
    unit_id TEXT NOT NULL REFERENCES units (id),
    year INTEGER NOT NULL,
    quarter INTEGER NOT NULL,
    closed_cases INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (unit_id, year, quarter)
);
