-- The record's problem areas (in the order sent) and interventions (a set) also as one
-- comma-separated column each, so that statistics read one row per case instead of joining three
-- tables. The child tables stay the source for case reads; both are written in one transaction.
ALTER TABLE cases ADD COLUMN problem_area_codes TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN intervention_codes TEXT NOT NULL DEFAULT '';
UPDATE cases SET
    problem_area_codes = COALESCE((SELECT string_agg(code, ',' ORDER BY position)
        FROM case_problem_areas p WHERE p.case_id = cases.id), ''),
    intervention_codes = COALESCE((SELECT string_agg(code, ',' ORDER BY code)
        FROM case_interventions i WHERE i.case_id = cases.id), '');
