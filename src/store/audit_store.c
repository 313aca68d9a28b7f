/* audit_store.c: SQL of the audit table; UPDATE and DELETE are refused by triggers in the schema. */
#include "store/audit_store.h"
#include "base/err.h"
#include <stdio.h>
#include <string.h>

int audit_store_last(struct db *db, int64_t *id, char hash[SECRET_HASH_HEX])
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", "");
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		snprintf(hash, SECRET_HASH_HEX, "%s", db_col_text(st, 1));
	} else {
		*id = 0;
		snprintf(hash, SECRET_HASH_HEX, "%s", AUDIT_GENESIS);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int audit_store_insert(struct db *db, const struct audit_row *row, int64_t user_id, const char *hash)
{
	return db_run(db,
		      "INSERT INTO audit(id, at, user_id, user_name, action, entity, entity_uid, detail,"
		      " prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)",
		      "ititttttt" "t", row->id, row->at, user_id, row->user_name, row->action, row->entity,
		      row->entity_uid, row->detail, row->prev_hash, hash);
}

static void audit_store_row(struct arena *a, struct db_stmt *st, struct audit_row *r)
{
	r->id = db_col_int(st, 0);
	r->at = db_col_dup(st, 1, a);
	r->user_name = db_col_dup(st, 2, a);
	r->action = db_col_dup(st, 3, a);
	r->entity = db_col_dup(st, 4, a);
	r->entity_uid = db_col_dup(st, 5, a);
	r->detail = db_col_dup(st, 6, a);
	r->prev_hash = db_col_dup(st, 7, a);
}

int audit_store_list(struct db *db, struct arena *a, const struct audit_filter *f,
		     struct audit_item **items, int *n, int64_t *next)
{
	struct db_stmt *st;
	/* Each filter is "?N IS NULL OR column = ?N", so one statement serves every combination. */
	int rc = db_query(db, &st,
			  "SELECT id, at, user_name, action, entity, entity_uid, detail, prev_hash, hash"
			  " FROM audit WHERE (?1 IS NULL OR user_name = ?1) AND (?2 IS NULL OR entity = ?2)"
			  " AND (?3 IS NULL OR entity_uid = ?3) AND (?4 IS NULL OR action = ?4)"
			  " AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < ?6)"
			  " AND (?7 = 0 OR id < ?7) ORDER BY id DESC LIMIT ?8",
			  "ttttttii", f->user, f->entity, f->entity_uid, f->action, f->from_at, f->to_at,
			  f->before_id, (int64_t)f->limit + 1);
	if (rc)
		return rc;
	*n = 0;
	*next = 0;
	*items = arena_alloc(a, sizeof **items * (size_t)(f->limit + 1));
	if (*items == NULL) {
		db_finalize(st);
		return ERR_NOMEM;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == f->limit) {
			*next = (*items)[*n - 1].row.id;
			break;
		}
		struct audit_item *it = &(*items)[(*n)++];
		audit_store_row(a, st, &it->row);
		it->hash = db_col_dup(st, 8, a);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int audit_store_walk(struct db *db, int (*fn)(void *ctx, const struct audit_row *row, const char *hash),
		     void *ctx)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT id, at, user_name, action, entity, entity_uid, detail, prev_hash, hash"
			  " FROM audit ORDER BY id",
			  "");
	if (rc)
		return rc;
	int stop = 0;
	while (stop == 0 && (rc = db_step(st)) == DB_ROW) {
		struct audit_row r = {
			.id = db_col_int(st, 0),
			.at = db_col_text(st, 1),
			.user_name = db_col_text(st, 2),
			.action = db_col_text(st, 3),
			.entity = db_col_text(st, 4),
			.entity_uid = db_col_text(st, 5),
			.detail = db_col_text(st, 6),
			.prev_hash = db_col_text(st, 7),
		};
		stop = fn(ctx, &r, db_col_text(st, 8));
	}
	db_finalize(st);
	if (rc < 0)
		return rc;
	return stop;
}

int audit_store_access(struct db *db, struct arena *a, const char *client_uid, struct audit_item **items, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT id, at, user_name, action, entity, entity_uid, detail, prev_hash, hash FROM audit"
			  " WHERE action IN ('open', 'read', 'glass') AND ((entity = 'client' AND entity_uid = ?1)"
			  " OR (entity = 'case' AND entity_uid IN (SELECT f.uid FROM casefile f JOIN client k"
			  " ON k.id = f.client_id WHERE k.uid = ?1))) ORDER BY id DESC",
			  "t", client_uid);
	if (rc)
		return rc;
	*n = 0;
	*items = NULL;
	int cap = 0; /* the whole list: no row is cut silently */
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *items;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **items)) != 0)
			break;
		*items = arr;
		struct audit_item *it = &(*items)[(*n)++];
		audit_store_row(a, st, &it->row);
		it->hash = db_col_dup(st, 8, a);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
