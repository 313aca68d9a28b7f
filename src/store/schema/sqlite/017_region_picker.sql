-- The region picker (GET /api/v1/regions): the regions one level below another, and regions by
-- the start of their name. The full Kemendagri list has 91,599 rows; without these indexes each
-- list of children or names read all of them. A regency is found by the name people call it:
-- "Bandung" for "Kabupaten Bandung" and "Kota Bandung", "Jakarta Pusat" for "Kota Administrasi
-- Jakarta Pusat"; name_key is the name in lower case without that prefix, computed by SQLite
-- for every row however it is written.
ALTER TABLE region ADD COLUMN name_key TEXT GENERATED ALWAYS AS (lower(CASE
    WHEN name LIKE 'Kabupaten Administrasi %' THEN substr(name, 24)
    WHEN name LIKE 'Kota Administrasi %' THEN substr(name, 19)
    WHEN name LIKE 'Kabupaten %' THEN substr(name, 11)
    WHEN name LIKE 'Kota %' THEN substr(name, 6)
    ELSE name END)) VIRTUAL;
CREATE INDEX region_by_level ON region(level, code);
CREATE INDEX region_by_key ON region(level, name_key, code);
