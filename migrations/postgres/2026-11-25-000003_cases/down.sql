DROP TABLE unit_coverage;
DROP TABLE idempotency_keys;
DROP TABLE case_methods;
DROP TABLE case_interventions;
DROP TABLE case_problem_areas;
DROP TABLE cases;
