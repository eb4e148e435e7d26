-- API clients (OAuth2 client credentials) with their tenancy, and the append-only audit log.
CREATE TABLE api_clients (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    region_id TEXT REFERENCES regions (id),
    secret_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);

CREATE TABLE api_client_units (
    client_id TEXT NOT NULL REFERENCES api_clients (id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (client_id, unit_id)
);

CREATE TABLE api_client_municipalities (
    client_id TEXT NOT NULL REFERENCES api_clients (id) ON DELETE CASCADE,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    PRIMARY KEY (client_id, municipality_code)
);

-- Who did what, when, to which unit/case or with which statistics query, and how it ended.
-- Never request bodies or free text. Ids are UUIDv7, so they sort by time (cursor pagination).
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    client_id TEXT,
    method TEXT NOT NULL,
    operation TEXT NOT NULL,
    unit_id TEXT,
    case_ref TEXT,
    query TEXT,
    status INTEGER NOT NULL,
    request_id TEXT NOT NULL
);
CREATE INDEX audit_events_client_idx ON audit_events (client_id, id);

-- Append-only: the database itself refuses changes to history.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
