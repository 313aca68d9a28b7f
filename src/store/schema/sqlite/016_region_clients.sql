-- An estimate of the clients of each province and regency of an organisation, for the client
-- list's plans (store/client_store.c): with words and a region, the region's ids are read when
-- they are few next to the words' candidates, and each candidate is tested otherwise; without
-- the region's size the list read up to 8 ids per candidate to find out. Like name_term.clients
-- it is a sample: 16 for each client whose id is a multiple of 16, the only clients that write
-- it when they are added or move. Districts and villages hold few clients, and are not kept.
CREATE TABLE region_clients (
  org_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  clients INTEGER NOT NULL,
  PRIMARY KEY (org_id, code)
) STRICT, WITHOUT ROWID;

INSERT INTO region_clients(org_id, code, clients)
SELECT org_id, substr(region, 1, 2), 16 * count(*) FROM client
WHERE id % 16 = 0 AND length(region) >= 2 GROUP BY org_id, substr(region, 1, 2);

INSERT INTO region_clients(org_id, code, clients)
SELECT org_id, substr(region, 1, 5), 16 * count(*) FROM client
WHERE id % 16 = 0 AND length(region) >= 5 GROUP BY org_id, substr(region, 1, 5);
