/* ref_store.c: SQL for reference lists and aggregate counts (no personal data leaves here). */
#include "store/ref_store.h"
#include "base/err.h"
#include <string.h>

int ref_store_ppks(struct db *db, struct arena *a, struct ppks_item **items, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT code, name_id, name_en FROM ppks WHERE active=1 ORDER BY code", "");
	if (rc)
		return rc;
	*n = 0;
	*items = arena_alloc(a, sizeof **items * 100);
	if (*items == NULL) {
		db_finalize(st);
		return ERR_NOMEM;
	}
	while ((rc = db_step(st)) == DB_ROW && *n < 100) {
		struct ppks_item *p = &(*items)[(*n)++];
		p->code = (int)db_col_int(st, 0);
		p->name_id = db_col_dup(st, 1, a);
		p->name_en = db_col_dup(st, 2, a);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int ref_store_region_name(struct db *db, struct arena *a, const char *code, const char **name)
{
	struct db_stmt *st;
	*name = NULL;
	int rc = db_query(db, &st, "SELECT name FROM region WHERE code=?", "t", code);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		*name = db_col_dup(st, 0, a);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int ref_store_counts(struct db *db, struct arena *a, int64_t org, const char *by,
		     struct count_item **items, int *n, int64_t *total)
{
	const char *sql;
	if (strcmp(by, "province") == 0)
		sql = "SELECT coalesce(substr(c.region,1,2),''), coalesce(r.name,''), count(*) FROM client c"
		      " LEFT JOIN region r ON r.code = substr(c.region,1,2)"
		      " WHERE c.org_id=? AND c.archived_at IS NULL GROUP BY 1 ORDER BY 3 DESC, 1";
	else if (strcmp(by, "ppks") == 0)
		sql = "SELECT p.code, p.name_id, count(*) FROM client_ppks cp JOIN client c ON c.id=cp.client_id"
		      " JOIN ppks p ON p.code=cp.code WHERE c.org_id=? AND c.archived_at IS NULL"
		      " GROUP BY p.code ORDER BY 3 DESC, p.code";
	else if (strcmp(by, "sex") == 0)
		sql = "SELECT coalesce(sex,''), '', count(*) FROM client WHERE org_id=? AND archived_at IS NULL"
		      " GROUP BY 1 ORDER BY 1";
	else
		return ERR_INVALID;
	struct db_stmt *st;
	int rc = db_query(db, &st, sql, "i", org);
	if (rc)
		return rc;
	*n = 0;
	*items = arena_alloc(a, sizeof **items * 128);
	if (*items == NULL) {
		db_finalize(st);
		return ERR_NOMEM;
	}
	while ((rc = db_step(st)) == DB_ROW && *n < 128) {
		struct count_item *c = &(*items)[(*n)++];
		c->key = db_col_dup(st, 0, a);
		c->label = db_col_dup(st, 1, a);
		c->count = db_col_int(st, 2);
	}
	db_finalize(st);
	if (rc < 0)
		return rc;
	rc = db_query(db, &st, "SELECT count(*) FROM client WHERE org_id=? AND archived_at IS NULL", "i", org);
	if (rc)
		return rc;
	*total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return 0;
}

int ref_store_region_put(struct db *db, const char *code, const char *name, int level)
{
	return db_run(db,
		      "INSERT INTO region(code, name, level) VALUES (?,?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
		      " level = excluded.level",
		      "tti", code, name, (int64_t)level);
}
