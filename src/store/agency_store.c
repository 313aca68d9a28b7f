/* agency_store.c: SQL for partner agencies and supervision records. */
#include "store/agency_store.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/uuid.h"
#include <string.h>

int agency_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct agency_row *r)
{
	char uid[37], now[25];
	uuid_v7(uid);
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO agency(uid, org_id, name, type, services, region, contact, external, created_at,"
			" created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
			"tittttt" "ititi", uid, org, r->name, r->type, r->services, r->region, r->contact,
			(int64_t)r->external, now, user, now, user);
	if (rc)
		return rc;
	r->id = db_last_id(db);
	r->uid = arena_strdup(a, uid);
	r->version = 1;
	r->updated_at = arena_strdup(a, now);
	return 0;
}

int agency_store_list(struct db *db, struct arena *a, int64_t org, const char *q, struct agency_row **rows, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT id, version, uid, name, type, services, region, contact, updated_at, external FROM agency"
			  " WHERE org_id = ?1 AND archived_at IS NULL AND (?2 IS NULL OR name LIKE '%' || ?2 || '%'"
			  " OR services LIKE '%' || ?2 || '%') ORDER BY name",
			  "it", org, q);
	if (rc)
		return rc;
	*n = 0;
	*rows = NULL;
	int cap = 0; /* the whole list: no row is cut silently */
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		struct agency_row *r = &(*rows)[(*n)++];
		r->id = db_col_int(st, 0);
		r->version = db_col_int(st, 1);
		r->uid = db_col_dup(st, 2, a);
		r->name = db_col_dup(st, 3, a);
		r->type = db_col_dup(st, 4, a);
		r->services = db_col_dup(st, 5, a);
		r->region = db_col_dup(st, 6, a);
		r->contact = db_col_dup(st, 7, a);
		r->updated_at = db_col_dup(st, 8, a);
		r->external = db_col_int(st, 9) != 0;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int supervision_store_insert(struct db *db, struct arena *a, int64_t worker, int64_t supervisor, const char *held_on,
			     const unsigned char *box, size_t n, int64_t by, const char **uid)
{
	char id[37], now[25];
	uuid_v7(id);
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO supervision(uid, worker_id, supervisor_id, held_on, box, created_at, created_by)"
			" VALUES (?,?,?,?,?,?,?)",
			"tiit" "bti", id, worker, supervisor, held_on, box, n, now, by);
	if (rc == 0)
		*uid = arena_strdup(a, id);
	return rc;
}

int supervision_store_list(struct db *db, struct arena *a, int64_t worker, int64_t supervisor,
			   struct supervision_row **rows, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT s.uid, s.held_on, w.name, v.name, s.created_at, s.box FROM supervision s"
			  " JOIN user w ON w.id = s.worker_id JOIN user v ON v.id = s.supervisor_id"
			  " WHERE s.worker_id = ? AND s.supervisor_id = ? ORDER BY s.held_on DESC, s.id DESC",
			  "ii", worker, supervisor);
	if (rc)
		return rc;
	*n = 0;
	*rows = NULL;
	int cap = 0; /* the whole list: no row is cut silently */
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		struct supervision_row *r = &(*rows)[(*n)++];
		r->uid = db_col_dup(st, 0, a);
		r->held_on = db_col_dup(st, 1, a);
		r->worker = db_col_dup(st, 2, a);
		r->supervisor = db_col_dup(st, 3, a);
		r->created_at = db_col_dup(st, 4, a);
		r->box = db_col_blob_dup(st, 5, a, &r->box_len);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
