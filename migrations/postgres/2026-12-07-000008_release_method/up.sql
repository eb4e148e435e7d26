-- How a release is protected (issue 15 part 5, decision 0008): 'suppression' (cell suppression,
-- every release stored before this migration) or 'cell_key' (every count perturbed on the keys of
-- its children). A scope-year's versions keep the method of its first version; the national
-- release by suppression aggregates regional releases by suppression only.
ALTER TABLE releases ADD COLUMN method TEXT NOT NULL DEFAULT 'suppression'
    CHECK (method IN ('suppression', 'cell_key'));
