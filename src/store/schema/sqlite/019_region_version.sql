-- A count of the changes to the region list, for the memo of region names each connection keeps
-- (store/region_memo.c): a page of clients names each one's region, and with the Kemendagri list
-- loaded those names were a page or two of the table and its index for each row. The memo reads
-- this count once per read transaction and forgets its names when it moved. Triggers keep it, so
-- that every way of changing the list counts, the region import's and any other; an import that
-- writes a region again as it was changes nothing and counts nothing.
CREATE TABLE region_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
) STRICT;
INSERT INTO region_version (id, n) VALUES (1, 0);
CREATE TRIGGER region_version_insert AFTER INSERT ON region BEGIN
  UPDATE region_version SET n = n + 1;
END;
CREATE TRIGGER region_version_update AFTER UPDATE OF code, name ON region
WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name BEGIN
  UPDATE region_version SET n = n + 1;
END;
CREATE TRIGGER region_version_delete AFTER DELETE ON region BEGIN
  UPDATE region_version SET n = n + 1;
END;
