-- Protected releases: immutable, versioned documents per scope ('national' or a region id) and
-- year. `document` is served as stored; `pattern` (every count cell's value and whether it was
-- hidden) lets the next version keep hidden what this one hid.
CREATE TABLE releases (
    id TEXT PRIMARY KEY NOT NULL,
    scope TEXT NOT NULL,
    year INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    document TEXT NOT NULL,
    pattern TEXT NOT NULL,
    UNIQUE (scope, year, version)
);
CREATE INDEX releases_year_idx ON releases (year, scope);
