-- A counter per unit and closing year, raised in the same transaction as every write to that
-- unit-year's records or reported closures. Statistics cache a year's facts together with the sum
-- of its counters: a sum that moved means something changed, on whichever instance wrote it.
CREATE TABLE stats_generations (
    unit_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    generation BIGINT NOT NULL,
    PRIMARY KEY (unit_id, year)
);
