-- Secret per-record keys of the cell-key method (decision 0008). A key is drawn at random by the
-- server when a record is first stored, kept when the record is replaced and removed with it on
-- erasure; it never leaves the server. A cell's key is the sum of its children's keys modulo
-- 2^32 (the "sum modulo 1" of keys in [0, 1) at 32-bit precision). Records stored before this
-- migration get their keys when the server next starts (`db::keys::backfill`), drawn by the
-- server's random generator rather than the database's, identically on both backends.
-- `admitted_in`: NULL while a new record waits to enter protected statistics; a unit-year's waiting
-- records are admitted together once there are enough of them (decision 0008: answers before and
-- after differ by a batch of children, never by one). Records stored before this migration count
-- as admitted.
CREATE TABLE case_keys (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    record_key BIGINT NOT NULL,
    admitted_in BIGINT
);
CREATE INDEX case_keys_waiting_idx ON case_keys (admitted_in);
