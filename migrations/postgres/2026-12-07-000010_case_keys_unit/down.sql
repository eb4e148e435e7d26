DROP INDEX case_keys_unit_waiting_idx;
ALTER TABLE case_keys DROP COLUMN unit_id;
