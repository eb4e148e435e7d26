ALTER TABLE cases DROP COLUMN intervention_codes;
ALTER TABLE cases DROP COLUMN problem_area_codes;
