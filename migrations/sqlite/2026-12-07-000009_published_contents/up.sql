-- What protected statistics still count of a replaced record (issue 15 part 4, decision 0008).
-- When an admitted record is replaced and what statistics count of it changes, its earlier
-- counted content is kept here, and protected answers count this copy instead of the new content
-- until its unit-year has a batch of changes waiting (new records and replacements together);
-- then the copies are dropped and the new contents count, all at once. So two protected answers
-- differ by a batch of changed children, never by the one correction an attacker watched.
-- Erasure removes the copy with its record (the foreign key's cascade): the law wants it gone.
-- `closed_year`: the year the copy counts in (it may differ from the replaced record's);
-- `content`: the counted fields as JSON (`isu_store::stats::CountedContent`), never served.
CREATE TABLE published_contents (
    case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    unit_id TEXT NOT NULL,
    closed_year INTEGER NOT NULL,
    content TEXT NOT NULL
);
CREATE INDEX published_contents_unit_year_idx ON published_contents (unit_id, closed_year);
