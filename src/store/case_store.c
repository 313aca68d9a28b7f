/* case_store.c: SQL for casework. Item narratives arrive sealed; this file never sees plaintext. */
#include "store/case_store.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include "base/uuid.h"
#include <stdio.h>
#include <string.h>

/* An item i past its due date (today) and not done: a task or a follow-up. */
#define CASE_ITEM_OVERDUE(today)                                                                       \
	" ((i.kind = 'task' AND json_extract(i.data, '$.due') < " today                               \
	"  AND coalesce(json_extract(i.data, '$.status'), 'todo') NOT IN ('done', 'dropped'))"         \
	" OR (i.kind = 'followup' AND json_extract(i.data, '$.due') < " today                         \
	"  AND json_extract(i.data, '$.done_on') IS NULL))"

#define CASE_OVERDUE                                                                                   \
	"EXISTS (SELECT 1 FROM case_item i WHERE i.case_id = c.id AND i.archived_at IS NULL AND"      \
	CASE_ITEM_OVERDUE("?9") ")"

#define CASE_COLUMNS                                                                                 \
	"c.id, c.client_id, c.version, c.uid, c.stage, c.opened_reason, c.closed_at, c.created_at,"   \
	" cu.name, c.updated_at, k.uid, k.name, k.nik, k.birth_date, k.sex,"                          \
	" (SELECT u.name FROM case_worker w JOIN user u ON u.id = w.user_id WHERE w.case_id = c.id"  \
	"  AND w.ended_at IS NULL AND w.role = 'primary' LIMIT 1), " CASE_OVERDUE

static void case_store_row(struct arena *a, struct db_stmt *st, struct case_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(st, 0);
	r->client_id = db_col_int(st, 1);
	r->version = db_col_int(st, 2);
	r->uid = db_col_dup(st, 3, a);
	r->stage = db_col_dup(st, 4, a);
	r->opened_reason = db_col_dup(st, 5, a);
	r->closed_at = db_col_dup(st, 6, a);
	r->created_at = db_col_dup(st, 7, a);
	r->created_by = db_col_dup(st, 8, a);
	r->updated_at = db_col_dup(st, 9, a);
	r->client_uid = db_col_dup(st, 10, a);
	r->client_name = db_col_dup(st, 11, a);
	r->client_nik = db_col_dup(st, 12, a);
	r->client_birth_date = db_col_dup(st, 13, a);
	r->client_sex = db_col_dup(st, 14, a);
	r->primary_name = db_col_dup(st, 15, a);
	r->overdue = db_col_int(st, 16) != 0;
}

int case_store_insert(struct db *db, struct arena *a, int64_t org, int64_t client_id, const char *reason,
		      int64_t user, struct case_row *out)
{
	char uid[37], now[25];
	uuid_v7(uid);
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO casefile(uid, org_id, client_id, stage, opened_reason, created_at, created_by,"
			" updated_at, updated_by) VALUES (?,?,?,'intake',?,?,?,?,?)",
			"tiittiti", uid, org, client_id, reason, now, user, now, user);
	if (rc)
		return rc;
	memset(out, 0, sizeof *out);
	out->id = db_last_id(db);
	out->uid = arena_strdup(a, uid);
	out->stage = "intake";
	out->version = 1;
	return 0;
}

int case_store_get(struct db *db, struct arena *a, int64_t org, const char *uid, const char *today,
		   struct case_row *out)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT " CASE_COLUMNS " FROM casefile c JOIN client k ON k.id = c.client_id"
			    " LEFT JOIN user cu ON cu.id = c.created_by WHERE c.org_id = ?1 AND c.uid = ?2 AND ?3 IS NULL",
			    &st);
	if (rc)
		return rc;
	rc = db_bind_int(st, 1, org);
	if (rc == 0)
		rc = db_bind_text(st, 2, uid);
	if (rc == 0)
		rc = db_bind_null(st, 3);
	if (rc == 0)
		rc = db_bind_text(st, 9, today);
	if (rc == 0)
		rc = db_step(st);
	if (rc == DB_ROW)
		case_store_row(a, st, out);
	db_finalize(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	rc = db_query(db, &st,
		      "SELECT w.user_id, u.name, u.full_name, w.role, w.assigned_at, w.reason FROM case_worker w"
		      " JOIN user u ON u.id = w.user_id WHERE w.case_id = ? AND w.ended_at IS NULL"
		      " ORDER BY w.role = 'primary' DESC, w.id",
		      "i", out->id);
	if (rc)
		return rc;
	int cap = 0; /* every current worker: the policy decides on this list */
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = out->workers;
		if ((rc = arena_grow(a, &arr, out->nworkers, &cap, sizeof *out->workers)) != 0)
			break;
		out->workers = arr;
		struct case_worker_row *w = &out->workers[out->nworkers++];
		w->user_id = db_col_int(st, 0);
		w->name = db_col_dup(st, 1, a);
		w->full_name = db_col_dup(st, 2, a);
		w->role = db_col_dup(st, 3, a);
		w->assigned_at = db_col_dup(st, 4, a);
		w->reason = db_col_dup(st, 5, a);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int case_store_access(struct db *db, int64_t case_id, int64_t user, const char *now, struct case_access *acc,
		      const char **glass_until)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT"
			  " EXISTS (SELECT 1 FROM case_worker WHERE case_id = ?1 AND user_id = ?2 AND ended_at IS NULL),"
			  " EXISTS (SELECT 1 FROM case_worker WHERE case_id = ?1 AND user_id = ?2 AND ended_at IS NULL"
			  "  AND role = 'primary'),"
			  " EXISTS (SELECT 1 FROM case_worker w JOIN user u ON u.id = w.user_id WHERE w.case_id = ?1"
			  "  AND w.ended_at IS NULL AND u.supervisor_id = ?2),"
			  " (SELECT max(expires_at) FROM case_glass WHERE case_id = ?1 AND user_id = ?2 AND expires_at > ?3)",
			  "iit", case_id, user, now);
	if (rc)
		return rc;
	rc = db_step(st);
	memset(acc, 0, sizeof *acc);
	if (rc == DB_ROW) {
		acc->assigned = db_col_int(st, 0) != 0;
		acc->primary = db_col_int(st, 1) != 0;
		acc->supervises = db_col_int(st, 2) != 0;
		acc->glass = !db_col_null(st, 3);
		if (glass_until)
			*glass_until = NULL;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int case_store_open_count(struct db *db, int64_t client_id, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT count(*) FROM casefile WHERE client_id = ? AND closed_at IS NULL", "i",
			  client_id);
	if (rc)
		return rc;
	rc = db_step(st);
	*n = rc == DB_ROW ? (int)db_col_int(st, 0) : 0;
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc < 0 ? rc : ERR_DB;
}

int case_store_set_stage(struct db *db, int64_t case_id, const char *stage, bool closed, int64_t user)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db,
		      "UPDATE casefile SET stage = ?, closed_at = CASE WHEN ? THEN coalesce(closed_at, ?) ELSE NULL END,"
		      " version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
		      "titti" "i", stage, (int64_t)closed, now, now, user, case_id);
}

int case_store_touch(struct db *db, int64_t case_id, int64_t user)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db, "UPDATE casefile SET updated_at = ?, updated_by = ? WHERE id = ?", "tii", now, user, case_id);
}

int case_store_worker_add(struct db *db, int64_t case_id, int64_t user_id, const char *role, int64_t by,
			  const char *reason)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db,
		      "INSERT INTO case_worker(case_id, user_id, role, assigned_at, assigned_by, reason) VALUES (?,?,?,?,?,?)",
		      "iittit", case_id, user_id, role, now, by, reason);
}

int case_store_worker_end(struct db *db, int64_t case_id, int64_t user_id, bool primary_only, int64_t by,
			  const char *reason)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db,
		      "UPDATE case_worker SET ended_at = ?, ended_by = ?, end_reason = ? WHERE case_id = ?"
		      " AND ended_at IS NULL AND (? = 0 OR user_id = ?) AND (? = 0 OR role = 'primary')",
		      "titiiii", now, by, reason, case_id, user_id, user_id, (int64_t)primary_only);
}

int case_store_glass_add(struct db *db, int64_t case_id, int64_t user, const char *reason, const char *until)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db, "INSERT INTO case_glass(case_id, user_id, reason, granted_at, expires_at) VALUES (?,?,?,?,?)",
		      "iittt", case_id, user, reason, now, until);
}

int case_store_item_insert(struct db *db, struct arena *a, int64_t case_id, const char *kind, const char *at,
			   const char *level, const char *data, const unsigned char *box, size_t box_len,
			   int64_t user, struct case_item_row *out)
{
	char uid[37], now[25];
	clock_now_iso(now);
	if (out->uid == NULL) {
		uuid_v7(uid);
		out->uid = arena_strdup(a, uid);
	}
	int rc = db_run(db,
			"INSERT INTO case_item(uid, case_id, kind, at, level, data, box, created_at, created_by,"
			" updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
			"titttt" "b" "titi", out->uid, case_id, kind, at, level, data, box, box_len, now, user, now, user);
	if (rc)
		return rc;
	out->id = db_last_id(db);
	out->kind = kind;
	out->at = at;
	out->level = level;
	out->data = data;
	out->version = 1;
	out->author_id = user;
	out->created_at = out->updated_at = arena_strdup(a, now);
	return 0;
}

int case_store_item_update(struct db *db, int64_t id, int64_t version, const char *at, const char *level,
			   const char *data, const unsigned char *box, size_t box_len, int64_t user)
{
	char now[25];
	clock_now_iso(now);
	int rc = db_run(db,
			"UPDATE case_item SET at = ?, level = ?, data = ?, box = ?, version = version + 1,"
			" updated_at = ?, updated_by = ? WHERE id = ? AND version = ? AND archived_at IS NULL",
			"ttt" "b" "tiii", at, level, data, box, box_len, now, user, id, version);
	if (rc)
		return rc;
	return db_changes(db) ? 0 : ERR_CONFLICT;
}

int case_store_item_archive(struct db *db, int64_t id, int64_t user)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db,
		      "UPDATE case_item SET archived_at = ?, version = version + 1, updated_at = ?, updated_by = ?"
		      " WHERE id = ? AND archived_at IS NULL",
		      "ttii", now, now, user, id);
}

#define ITEM_COLUMNS                                                                                 \
	"i.id, i.created_by, i.version, i.uid, i.kind, i.at, i.level, i.data, i.created_at, cu.name,"  \
	" i.updated_at, uu.name, i.archived_at, i.box"
#define ITEM_FROM " FROM case_item i LEFT JOIN user cu ON cu.id = i.created_by LEFT JOIN user uu ON uu.id = i.updated_by"

static void case_store_item_row(struct arena *a, struct db_stmt *st, struct case_item_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(st, 0);
	r->author_id = db_col_int(st, 1);
	r->version = db_col_int(st, 2);
	r->uid = db_col_dup(st, 3, a);
	r->kind = db_col_dup(st, 4, a);
	r->at = db_col_dup(st, 5, a);
	r->level = db_col_dup(st, 6, a);
	r->data = db_col_dup(st, 7, a);
	r->created_at = db_col_dup(st, 8, a);
	r->created_by = db_col_dup(st, 9, a);
	r->updated_at = db_col_dup(st, 10, a);
	r->updated_by = db_col_dup(st, 11, a);
	r->archived_at = db_col_dup(st, 12, a);
	r->box = db_col_blob_dup(st, 13, a, &r->box_len);
}

int case_store_item_get(struct db *db, struct arena *a, int64_t case_id, const char *uid, struct case_item_row *out)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT " ITEM_COLUMNS ITEM_FROM " WHERE i.case_id = ? AND i.uid = ?", "it",
			  case_id, uid);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		case_store_item_row(a, st, out);
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

int case_store_items(struct db *db, struct arena *a, int64_t case_id, const char *kind,
		     struct case_item_row **items, int *n)
{
	struct db_stmt *st;
	*n = 0;
	*items = NULL;
	int cap = 0; /* the whole list, read in one statement: no row is cut silently */
	int rc = db_query(db, &st,
		      "SELECT " ITEM_COLUMNS ITEM_FROM " WHERE i.case_id = ?1 AND i.archived_at IS NULL"
		      " AND (?2 IS NULL OR i.kind = ?2) ORDER BY i.at, i.id",
		      "it", case_id, kind);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *items;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **items)) != 0)
			break;
		*items = arr;
		case_store_item_row(a, st, &(*items)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

#define CASE_VISIBLE                                                                                  \
	" c.org_id = ?1 AND (EXISTS (SELECT 1 FROM case_worker w WHERE w.case_id = c.id AND w.ended_at IS NULL" \
	"  AND w.user_id = ?2) OR EXISTS (SELECT 1 FROM case_worker w JOIN user u ON u.id = w.user_id"       \
	"  WHERE w.case_id = c.id AND w.ended_at IS NULL AND u.supervisor_id = ?2))"                         \
	" AND (?3 = 0 OR EXISTS (SELECT 1 FROM case_worker w WHERE w.case_id = c.id AND w.ended_at IS NULL"  \
	"  AND w.user_id = ?3)) AND (?6 IS NULL OR k.uid = ?6)"

static int case_store_bind_filter(struct db_stmt *st, int64_t org, const struct case_filter *f)
{
	int rc = db_bind_int(st, 1, org);
	if (rc == 0)
		rc = db_bind_int(st, 2, f->viewer);
	if (rc == 0)
		rc = db_bind_int(st, 3, f->worker);
	if (rc == 0)
		rc = db_bind_text(st, 6, f->client_uid);
	if (rc == 0)
		rc = db_bind_text(st, 9, f->today);
	return rc;
}

int case_store_list(struct db *db, struct arena *a, int64_t org, const struct case_filter *f,
		    struct case_row **rows, int *n, const char **next_cursor)
{
	const char *ckey = NULL;
	int64_t cid = 0;
	*n = 0;
	*next_cursor = NULL;
	if (f->cursor) {
		const char *bar = strchr(f->cursor, '_');
		long v;
		if (bar == NULL || str_parse_long(bar + 1, 1, 0x7fffffffffffffffL, &v))
			return ERR_INVALID;
		ckey = arena_strndup(a, f->cursor, (size_t)(bar - f->cursor));
		cid = v;
	}
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT " CASE_COLUMNS " FROM casefile c JOIN client k ON k.id = c.client_id"
			    " LEFT JOIN user cu ON cu.id = c.created_by WHERE" CASE_VISIBLE
			    " AND (?4 IS NULL OR c.stage = ?4) AND (?5 = 0 OR " CASE_OVERDUE ")"
			    " AND (?7 IS NULL OR c.updated_at < ?7 OR (c.updated_at = ?7 AND c.id < ?8))"
			    " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?10",
			    &st);
	if (rc)
		return rc;
	rc = case_store_bind_filter(st, org, f);
	if (rc == 0)
		rc = db_bind_text(st, 4, f->stage);
	if (rc == 0)
		rc = db_bind_int(st, 5, f->overdue);
	if (rc == 0)
		rc = db_bind_text(st, 7, ckey);
	if (rc == 0)
		rc = db_bind_int(st, 8, cid);
	if (rc == 0)
		rc = db_bind_int(st, 10, f->limit + 1);
	*rows = arena_alloc(a, sizeof **rows * (size_t)(f->limit + 1));
	if (*rows == NULL)
		rc = ERR_NOMEM;
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		rc = 0;
		if (*n == f->limit) {
			struct case_row *last = &(*rows)[*n - 1];
			*next_cursor = arena_printf(a, "%s_%lld", last->updated_at, (long long)last->id);
			break;
		}
		case_store_row(a, st, &(*rows)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int case_store_counts(struct db *db, int64_t org, const struct case_filter *f, int counts[STAGE_COUNT],
		      int *overdue)
{
	struct db_stmt *st;
	int rc = db_prepare(db,
			    "SELECT c.stage, count(*), sum(" CASE_OVERDUE ") FROM casefile c JOIN client k ON k.id = c.client_id"
			    " WHERE" CASE_VISIBLE " GROUP BY c.stage",
			    &st);
	if (rc)
		return rc;
	rc = case_store_bind_filter(st, org, f);
	memset(counts, 0, sizeof(int) * STAGE_COUNT);
	*overdue = 0;
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		rc = 0;
		int i = stage_index(db_col_text(st, 0));
		if (i >= 0)
			counts[i] = (int)db_col_int(st, 1);
		*overdue += (int)db_col_int(st, 2);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int case_store_plan_changed(struct db *db, int64_t case_id, const char *since, bool *changed)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
		"SELECT EXISTS (SELECT 1 FROM case_item WHERE case_id = ? AND kind IN ('goal', 'task', 'resource')"
		" AND updated_at > ?)", "it", case_id, since);
	if (rc)
		return rc;
	rc = db_step(st);
	*changed = rc == DB_ROW && db_col_int(st, 0) != 0;
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc < 0 ? rc : ERR_DB;
}

int case_store_facts(struct db *db, int64_t case_id, bool normal_only, const char *today, struct stage_facts *facts,
		     bool *overdue)
{
	struct db_stmt *st;
	/* The plan counts as approved when its latest approval was granted and requested after the
	 * last change to a goal, task or resource (what changed after the request, the supervisor
	 * may not have seen); the closure when its latest approval was granted. With ?2, only the
	 * items of normal level count. */
	int rc = db_query(db, &st,
		"SELECT (SELECT k.consent IS NOT NULL FROM casefile c JOIN client k ON k.id = c.client_id WHERE c.id = ?1),"
		" (SELECT count(*) FROM case_item WHERE case_id = ?1 AND kind = 'goal' AND archived_at IS NULL"
		"  AND (?2 = 0 OR level = 'normal')),"
		" (SELECT count(*) FROM case_item WHERE case_id = ?1 AND kind = 'signoff' AND archived_at IS NULL"
		"  AND (?2 = 0 OR level = 'normal')"
		"  AND (json_extract(data, '$.how') <> 'none' OR json_extract(data, '$.reason') IS NOT NULL)),"
		" coalesce((SELECT json_extract(data, '$.status') = 'approved'"
		"  AND created_at >= coalesce((SELECT max(updated_at) FROM case_item"
		"   WHERE case_id = ?1 AND kind IN ('goal', 'task', 'resource') AND (?2 = 0 OR level = 'normal')), '')"
		"  FROM case_item WHERE case_id = ?1 AND kind = 'approval' AND json_extract(data, '$.type') = 'plan'"
		"  ORDER BY id DESC LIMIT 1), 0),"
		" (SELECT count(*) FROM case_item WHERE case_id = ?1 AND kind = 'termination' AND archived_at IS NULL"
		"  AND (?2 = 0 OR level = 'normal')),"
		" coalesce((SELECT json_extract(data, '$.status') = 'approved' FROM case_item WHERE case_id = ?1"
		"  AND kind = 'approval' AND json_extract(data, '$.type') = 'closure' ORDER BY id DESC LIMIT 1), 0),"
		" EXISTS (SELECT 1 FROM case_item i WHERE i.case_id = ?1 AND i.archived_at IS NULL"
		"  AND (?2 = 0 OR i.level = 'normal') AND" CASE_ITEM_OVERDUE("?3") ")",
		"iit", case_id, (int64_t)normal_only, today);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		facts->consent = db_col_int(st, 0) != 0;
		facts->goals = (int)db_col_int(st, 1);
		facts->signoff = db_col_int(st, 2) != 0;
		facts->plan_approved = db_col_int(st, 3) != 0;
		facts->termination = db_col_int(st, 4) != 0;
		facts->closure_approved = db_col_int(st, 5) != 0;
		*overdue = db_col_int(st, 6) != 0;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int case_store_agency(struct db *db, int64_t org, const char *uid, bool *external, const char **name,
		      struct arena *a)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT external, name FROM agency WHERE org_id = ? AND uid = ? AND archived_at IS NULL",
			  "it", org, uid);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*external = db_col_int(st, 0) != 0;
		if (name)
			*name = db_col_dup(st, 1, a);
	}
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

int case_store_of_client(struct db *db, struct arena *a, int64_t org, const char *client_uid, int64_t viewer,
			 struct case_row **rows, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT c.uid, c.stage, c.closed_at, c.created_at,"
			  " (SELECT u.name FROM case_worker w JOIN user u ON u.id = w.user_id WHERE w.case_id = c.id"
			  "  AND w.ended_at IS NULL AND w.role = 'primary' LIMIT 1),"
			  " EXISTS (SELECT 1 FROM case_worker w JOIN user u ON u.id = w.user_id WHERE w.case_id = c.id"
			  "  AND w.ended_at IS NULL AND (w.user_id = ?3 OR u.supervisor_id = ?3))"
			  " FROM casefile c JOIN client k ON k.id = c.client_id WHERE c.org_id = ?1 AND k.uid = ?2"
			  " ORDER BY c.id DESC",
			  "iti", org, client_uid, viewer);
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
		struct case_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->uid = db_col_dup(st, 0, a);
		r->stage = db_col_dup(st, 1, a);
		r->closed_at = db_col_dup(st, 2, a);
		r->created_at = db_col_dup(st, 3, a);
		r->primary_name = db_col_dup(st, 4, a);
		r->overdue = db_col_int(st, 5) != 0; /* here: visible to the viewer */
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int case_store_atensi_known(struct db *db, int code, bool *known)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT 1 FROM atensi WHERE code = ? AND active = 1", "i", (int64_t)code);
	if (rc)
		return rc;
	rc = db_step(st);
	*known = rc == DB_ROW;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}
