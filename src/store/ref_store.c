/* ref_store.c: SQL for reference lists and aggregate counts (no personal data leaves here). */
#include "store/ref_store.h"
#include "base/err.h"
#include "domain/region.h"
#include "store/region_memo.h"
#include <limits.h>
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
	*name = NULL;
	if (code == NULL)
		return 0;
	int rc;
	struct region_memo *memo = region_memo_of(db, &rc);
	const char *kept;
	if (rc)
		return rc;
	if (memo && region_memo_find(memo, code, &kept)) {
		if (kept && (*name = arena_strdup(a, kept)) == NULL)
			return ERR_NOMEM;
		return 0;
	}
	struct db_stmt *st;
	rc = db_query(db, &st, "SELECT name FROM region WHERE code=?", "t", code);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW && (*name = db_col_dup(st, 0, a)) == NULL)
		rc = ERR_NOMEM;
	db_finalize(st);
	if (rc >= 0 && memo)
		region_memo_keep(memo, code, *name);
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
	rc = db_step(st);
	*total = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc < 0 ? rc : ERR_DB;
}

int ref_store_region_put(struct db *db, const char *code, const char *name, int level)
{
	return db_run(db,
		      "INSERT INTO region(code, name, level) VALUES (?,?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name,"
		      " level = excluded.level",
		      "tti", code, name, (int64_t)level);
}

/* ref_store_region_rows appends the rows of st (code, name, level) to *items, at most max. */
static int ref_store_region_rows(struct db_stmt *st, struct arena *a, int max, struct region_item **items, int *n,
				 int *cap)
{
	int rc = 0;
	while (*n < max && (rc = db_step(st)) == DB_ROW) {
		if (arena_grow(a, (void **)items, *n, cap, sizeof **items))
			return ERR_NOMEM;
		struct region_item *r = &(*items)[*n];
		r->code = db_col_dup(st, 0, a);
		r->name = db_col_dup(st, 1, a);
		r->level = (int)db_col_int(st, 2);
		r->within = NULL;
		if (r->code == NULL || r->name == NULL)
			return ERR_NOMEM;
		(*n)++;
	}
	return rc < 0 ? rc : 0;
}

/* ref_store_below sets *lo and *hi to the bounds of the codes below the first len bytes of code
 * (the whole list when len is 0): "32.73." < code < "32.73/". */
static int ref_store_below(struct arena *a, const char *code, int len, const char **lo, const char **hi)
{
	*lo = len ? arena_printf(a, "%.*s.", len, code) : "";
	*hi = len ? arena_printf(a, "%.*s/", len, code) : "A"; /* codes start with digits */
	return *lo && *hi ? 0 : ERR_NOMEM;
}

int ref_store_region_children(struct db *db, struct arena *a, const char *parent, struct region_item **items, int *n)
{
	*items = NULL;
	*n = 0;
	int level = parent ? region_level(parent) : 0;
	if (parent && (level == 0 || level == 4))
		return level ? 0 : ERR_INVALID; /* a village has nothing below it */
	const char *lo, *hi;
	int rc = ref_store_below(a, parent, region_code_len(level), &lo, &hi);
	struct db_stmt *st;
	if (rc == 0)
		rc = db_query(db, &st,
			  "SELECT code, name, level FROM region INDEXED BY region_by_level WHERE level = ? AND code > ? AND code < ?"
			  " ORDER BY code",
			  "itt", (int64_t)level + 1, lo, hi);
	if (rc)
		return rc;
	int cap = 0;
	rc = ref_store_region_rows(st, a, INT_MAX, items, n, &cap);
	db_finalize(st);
	return rc;
}

/* ref_store_region_within sets r->within from the names of the regions above r, nearest first:
 * the district, the regency and the province whose codes begin r's, as far as the list knows them
 * (from the connection's memo in a read transaction). */
static int ref_store_region_within(struct db *db, struct arena *a, struct region_item *r)
{
	const char *within = "";
	for (int level = r->level - 1; within && level >= 1; level--) {
		const char *code = arena_strndup(a, r->code, (size_t)region_code_len(level)), *name;
		if (code == NULL)
			return ERR_NOMEM;
		int rc = ref_store_region_name(db, a, code, &name);
		if (rc)
			return rc;
		if (name)
			within = arena_printf(a, "%s%s%s", within, *within ? ", " : "", name);
	}
	if (within == NULL)
		return ERR_NOMEM;
	r->within = within;
	return 0;
}

/* The regions of a level (?1) whose name_key starts with a key (?2 <= name_key < ?3) below a
 * region (?4 < code < ?5), followed by their order. */
#define REF_STORE_FIND                                                                                       \
	"SELECT code, name, level FROM region INDEXED BY region_by_key WHERE level = ? AND name_key >= ?"          \
	" AND name_key < ? AND code > ? AND code < ? ORDER BY "

int ref_store_region_find(struct db *db, struct arena *a, const char *key, const char *prefer, const char *parent,
			  int max, struct region_item **items, int *n)
{
	*items = NULL;
	*n = 0;
	int from = parent ? region_level(parent) : 0;
	if (parent && from == 0)
		return ERR_INVALID;
	const char *end = arena_printf(a, "%s\xff", key), *lo, *hi;
	int rc = end ? ref_store_below(a, parent, region_code_len(from), &lo, &hi) : ERR_NOMEM, cap = 0;
	/* The regions and the names above them from one snapshot. */
	bool begun = false;
	if (rc == 0)
		rc = db_begin_read(db, &begun);
	/* Level by level, each in the order of names: the index gives them sorted, and a short
	 * prefix (every village of "s") stops at max rather than sorting thousands. */
	for (int level = from + 1; rc == 0 && level <= 4 && *n < max; level++) {
		struct db_stmt *st;
		if (level == 2 && prefer) /* a few hundred regencies at most: sorted */
			rc = db_query(db, &st, REF_STORE_FIND "name LIKE ? DESC, name_key, code", "ittttt", (int64_t)level,
				      key, end, lo, hi, prefer);
		else
			rc = db_query(db, &st, REF_STORE_FIND "name_key, code", "itttt", (int64_t)level, key, end, lo, hi);
		if (rc == 0) {
			rc = ref_store_region_rows(st, a, max, items, n, &cap);
			db_finalize(st);
		}
	}
	for (int i = 0; rc == 0 && i < *n; i++)
		rc = ref_store_region_within(db, a, &(*items)[i]);
	db_end_read(db, begun);
	return rc;
}

int ref_store_region_get(struct db *db, struct arena *a, const char *code, struct region_item *item, bool *found)
{
	memset(item, 0, sizeof *item);
	*found = false;
	bool begun;
	const char *name = NULL;
	int rc = db_begin_read(db, &begun);
	if (rc == 0)
		rc = ref_store_region_name(db, a, code, &name);
	if (rc == 0 && name) {
		/* A region's level is its code's, as every way of loading one writes it. */
		*item = (struct region_item){.code = arena_strdup(a, code), .name = name, .level = region_level(code)};
		*found = true;
		rc = item->code ? ref_store_region_within(db, a, item) : ERR_NOMEM;
	}
	db_end_read(db, begun);
	return rc;
}

int ref_store_region_listed(struct db *db, struct arena *a, const char *code, bool *listed)
{
	*listed = true;
	/* Each level below the province: "32.99.01" is not listed when 32.99 is not, though the
	 * list has nothing below 32.99. A province's code is checked against the 38. */
	for (int level = 2; *listed && level <= region_level(code); level++) {
		const char *self = arena_strndup(a, code, (size_t)region_code_len(level)), *lo, *hi;
		int rc = self ? ref_store_below(a, code, region_code_len(level - 1), &lo, &hi) : ERR_NOMEM;
		struct db_stmt *st;
		if (rc == 0)
			rc = db_query(db, &st,
				      "SELECT EXISTS (SELECT 1 FROM region WHERE code = ?1) OR NOT EXISTS (SELECT 1 FROM region"
				      " INDEXED BY region_by_level WHERE level = ?2 AND code > ?3 AND code < ?4)",
				      "titt", self, (int64_t)level, lo, hi);
		if (rc)
			return rc;
		rc = db_step(st);
		if (rc == DB_ROW)
			*listed = db_col_int(st, 0) != 0;
		db_finalize(st);
		if (rc < 0)
			return rc;
	}
	return 0;
}
