-- A counter per registry that writers raise in the transaction that changes it (issue 18:
-- ingestion at scale). Every record write resolves its named methods through the manual-method
-- registry; reading the whole registry on each write was a fifth of a PUT's database work. A
-- server keeps the registry it read with the counter it read first, and reads the registry again
-- only when the counter moved: one indexed row instead of two tables, and right across instances
-- (the counter lives in the database every instance writes to).
CREATE TABLE registry_generations (
    registry TEXT PRIMARY KEY NOT NULL,
    generation BIGINT NOT NULL
);
INSERT INTO registry_generations (registry, generation) VALUES ('manual_methods', 1);
