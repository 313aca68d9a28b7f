-- The client list at a million clients (store/client_store.c, client_store_search_in).
-- It reads the clients of its most selective condition when they are few (client_store_driver):
-- archived clients and clients whose NIK needs a check are usually few, and without these
-- indexes listing them read every client.
CREATE INDEX client_archived ON client(org_id) WHERE archived_at IS NOT NULL;
CREATE INDEX client_nik_warned ON client(org_id) WHERE nik_warning IS NOT NULL;
-- When its conditions hold many clients, it walks the index of names or of updates. With the
-- region in those indexes, a region filter is checked on the index entry, and only the rows that
-- pass are read: names follow regions (a province's clients start 5,741 names into the list, not
-- 870), and reading every row walked to find a page took 26 ms at 1,000,000 clients, 1 ms now.
DROP INDEX client_by_name;
CREATE INDEX client_by_name ON client(org_id, name_norm, id, region);
DROP INDEX client_by_update;
CREATE INDEX client_by_update ON client(org_id, updated_at, id, region);
-- A region whose clients fall far into that order (names follow regions: a province's first
-- client by name may be half a million names in) is listed from the index of regions instead: the
-- names and update times of its clients are sorted from the index alone, and only the rows of a
-- page are read.
DROP INDEX client_by_region;
CREATE INDEX client_by_region ON client(org_id, region, name_norm, updated_at, id);
