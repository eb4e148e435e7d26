-- Each key row names its record's unit (issue 18: ingestion at scale). Every write asks which
-- records of its unit wait for admission to protected statistics (decision 0008); joined through
-- `cases`, that question read every record of the unit (the planner starts from `cases.unit_id`),
-- so a PUT cost grew with its unit's size: 6 ms at 9,000 records. With the unit here, one index
-- seek finds the few waiting rows. A record never changes unit, so the copy cannot drift. Nullable
-- only because SQLite cannot add a NOT NULL column without a default; every write sets it, and
-- this migration fills it for the rows already stored.
ALTER TABLE case_keys ADD COLUMN unit_id TEXT;
UPDATE case_keys SET unit_id = (SELECT cases.unit_id FROM cases WHERE cases.id = case_keys.case_id);
CREATE INDEX case_keys_unit_waiting_idx ON case_keys (unit_id, admitted_in);
