ALTER TABLE releases DROP COLUMN method;
