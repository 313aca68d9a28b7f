/* user_store.c: SQL for organisations, users, sessions, tokens and throttling. */
#include "store/user_store.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/uuid.h"
#include <string.h>

int org_store_create(struct db *db, const char *name, int64_t *id)
{
	char uid[37], now[25];
	uuid_v7(uid);
	clock_now_iso(now);
	int rc = db_run(db, "INSERT INTO org(uid, name, created_at, updated_at) VALUES (?,?,?,?)",
			"tttt", uid, name, now, now);
	if (rc == 0)
		*id = db_last_id(db);
	return rc;
}

int org_store_first(struct db *db, struct arena *a, int64_t *id, const char **name)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT id, name FROM org ORDER BY id LIMIT 1", "");
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		if (name)
			*name = db_col_dup(st, 1, a);
	}
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

#define ORG_COLUMNS "uid, name, type, region, time_zone, version, updated_at"

int org_store_get(struct db *db, struct arena *a, int64_t id, struct org *o)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT " ORG_COLUMNS " FROM org WHERE id = ?", "i", id);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*o = (struct org){.id = id,
				  .uid = db_col_dup(st, 0, a),
				  .name = db_col_dup(st, 1, a),
				  .type = db_col_dup(st, 2, a),
				  .region = db_col_dup(st, 3, a),
				  .time_zone = db_col_dup(st, 4, a),
				  .version = db_col_int(st, 5),
				  .updated_at = db_col_dup(st, 6, a)};
		rc = o->uid && o->name && o->type && o->updated_at ? 0 : ERR_NOMEM;
	} else if (rc == DB_DONE) {
		rc = ERR_NOTFOUND;
	}
	db_finalize(st);
	return rc;
}

int org_store_update(struct db *db, const struct org *o)
{
	char now[25];
	clock_now_iso(now);
	int rc = db_run(db,
			"UPDATE org SET name = ?, region = ?, time_zone = ?, version = version + 1, updated_at = ?"
			" WHERE id = ? AND version = ?",
			"ttttii", o->name, o->region, o->time_zone, now, o->id, o->version);
	if (rc == 0 && db_changes(db) == 0)
		rc = ERR_CONFLICT;
	return rc;
}

int user_store_insert(struct db *db, struct arena *a, int64_t by, struct user *u)
{
	char uid[37], now[25];
	uuid_v7(uid);
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO user(uid, org_id, name, full_name, role, supervisor_id, lang,"
			" password_hash, created_at, created_by, updated_at, updated_by)"
			" VALUES (?,?,?,?,?,NULLIF(?,0),?,?,?,?,?,?)",
			"titttitttiti", uid, u->org_id, u->name, u->full_name ? u->full_name : "",
			u->role, u->supervisor_id, u->lang ? u->lang : "id", u->password_hash, now, by,
			now, by);
	if (rc)
		return rc;
	u->id = db_last_id(db);
	u->uid = arena_strdup(a, uid);
	u->created_at = u->updated_at = arena_strdup(a, now);
	u->version = 1;
	return 0;
}

#define USER_COLUMNS                                                                            \
	"u.id, u.org_id, u.supervisor_id, u.uid, u.name, u.full_name, u.role, u.lang,"          \
	" u.password_hash, s.name, u.created_at, u.updated_at, u.disabled, u.version, o.time_zone, o.region"
#define USER_FROM " FROM user u JOIN org o ON o.id = u.org_id LEFT JOIN user s ON s.id = u.supervisor_id"

static void user_store_row(struct arena *a, struct db_stmt *st, struct user *u)
{
	u->id = db_col_int(st, 0);
	u->org_id = db_col_int(st, 1);
	u->supervisor_id = db_col_int(st, 2);
	u->uid = db_col_dup(st, 3, a);
	u->name = db_col_dup(st, 4, a);
	u->full_name = db_col_dup(st, 5, a);
	u->role = db_col_dup(st, 6, a);
	u->lang = db_col_dup(st, 7, a);
	u->password_hash = db_col_dup(st, 8, a);
	u->supervisor_name = db_col_dup(st, 9, a);
	u->created_at = db_col_dup(st, 10, a);
	u->updated_at = db_col_dup(st, 11, a);
	u->disabled = db_col_int(st, 12) != 0;
	u->version = db_col_int(st, 13);
	u->org_time_zone = db_col_dup(st, 14, a);
	u->org_region = db_col_dup(st, 15, a);
}

static int user_store_one(struct db_stmt *st, struct arena *a, struct user *u)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		user_store_row(a, st, u);
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

int user_store_by_name(struct db *db, struct arena *a, const char *name, struct user *u)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT " USER_COLUMNS USER_FROM " WHERE u.name = ?", "t", name);
	return rc ? rc : user_store_one(st, a, u);
}

int user_store_by_id(struct db *db, struct arena *a, int64_t id, struct user *u)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT " USER_COLUMNS USER_FROM " WHERE u.id = ?", "i", id);
	return rc ? rc : user_store_one(st, a, u);
}

int user_store_list(struct db *db, struct arena *a, int64_t org, struct user **users, int *n)
{
	struct db_stmt *st;
	*n = 0;
	*users = NULL;
	int cap = 0; /* the whole list, read in one statement: no row is cut silently */
	int rc = db_query(db, &st, "SELECT " USER_COLUMNS USER_FROM " WHERE u.org_id = ? ORDER BY u.name",
			  "i", org);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *users;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **users)) != 0)
			break;
		*users = arr;
		user_store_row(a, st, &(*users)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int user_store_set_text(struct db *db, int64_t by, int64_t id, const char *column, const char *value)
{
	static const char *const sql[][2] = {
		{"password_hash", "UPDATE user SET password_hash=?, version=version+1, updated_at=?, updated_by=? WHERE id=?"},
		{"lang", "UPDATE user SET lang=?, version=version+1, updated_at=?, updated_by=? WHERE id=?"},
		{"role", "UPDATE user SET role=?, version=version+1, updated_at=?, updated_by=? WHERE id=?"},
		{"full_name", "UPDATE user SET full_name=?, version=version+1, updated_at=?, updated_by=? WHERE id=?"},
	};
	char now[25];
	clock_now_iso(now);
	for (unsigned i = 0; i < sizeof sql / sizeof sql[0]; i++)
		if (strcmp(column, sql[i][0]) == 0)
			return db_run(db, sql[i][1], "ttii", value, now, by, id);
	return ERR_INVALID;
}

int user_store_set_disabled(struct db *db, int64_t by, int64_t id, bool disabled)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db, "UPDATE user SET disabled=?, version=version+1, updated_at=?, updated_by=? WHERE id=?",
		      "itii", (int64_t)disabled, now, by, id);
}

int session_store_create(struct db *db, const char *token_hash, int64_t user_id, const char *csrf,
			 int64_t now)
{
	return db_run(db, "INSERT INTO session(token_hash, user_id, csrf, created_at, seen_at) VALUES (?,?,?,?,?)",
		      "titii", token_hash, user_id, csrf, now, now);
}

int session_store_find(struct db *db, struct arena *a, const char *token_hash, int64_t *user_id,
		       const char **csrf, int64_t *created, int64_t *seen)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT user_id, csrf, created_at, seen_at FROM session WHERE token_hash=?",
			  "t", token_hash);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*user_id = db_col_int(st, 0);
		*csrf = db_col_dup(st, 1, a);
		*created = db_col_int(st, 2);
		*seen = db_col_int(st, 3);
	}
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

int session_store_touch(struct db *db, const char *token_hash, int64_t now)
{
	return db_run(db, "UPDATE session SET seen_at=? WHERE token_hash=?", "it", now, token_hash);
}

int session_store_delete(struct db *db, const char *token_hash)
{
	return db_run(db, "DELETE FROM session WHERE token_hash=?", "t", token_hash);
}

int session_store_delete_user(struct db *db, int64_t user_id)
{
	return db_run(db, "DELETE FROM session WHERE user_id=?", "i", user_id);
}

int session_store_purge(struct db *db, int64_t created_before, int64_t seen_before)
{
	return db_run(db, "DELETE FROM session WHERE created_at < ? OR seen_at < ?", "ii", created_before,
		      seen_before);
}

int token_store_create(struct db *db, const char *token_hash, int64_t user_id, const char *now,
		       const char *expires_at)
{
	return db_run(db, "INSERT INTO api_token(token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)", "titt",
		      token_hash, user_id, now, expires_at);
}

int user_store_by_token(struct db *db, struct arena *a, const char *token_hash, const char *now, struct user *u)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT " USER_COLUMNS USER_FROM
			  " JOIN api_token t ON t.user_id = u.id WHERE t.token_hash = ? AND t.revoked = 0"
			  " AND (t.expires_at IS NULL OR t.expires_at > ?)", "tt", token_hash, now);
	return rc ? rc : user_store_one(st, a, u);
}

int throttle_store_get(struct db *db, const char *key, int64_t *window_start, int64_t *failures)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT window_start, failures FROM login_attempt WHERE key=?", "t", key);
	if (rc)
		return rc;
	rc = db_step(st);
	*window_start = rc == DB_ROW ? db_col_int(st, 0) : 0;
	*failures = rc == DB_ROW ? db_col_int(st, 1) : 0;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int throttle_store_set(struct db *db, const char *key, int64_t window_start, int64_t failures)
{
	return db_run(db,
		      "INSERT INTO login_attempt(key, window_start, failures) VALUES (?,?,?)"
		      " ON CONFLICT(key) DO UPDATE SET window_start=excluded.window_start,"
		      " failures=excluded.failures",
		      "tii", key, window_start, failures);
}

int throttle_store_clear(struct db *db, const char *key)
{
	return db_run(db, "DELETE FROM login_attempt WHERE key=?", "t", key);
}

int token_store_revoke(struct db *db, int64_t user_id, int *n)
{
	int rc = db_run(db, "UPDATE api_token SET revoked = 1 WHERE user_id = ? AND revoked = 0", "i", user_id);
	*n = rc == 0 ? db_changes(db) : 0;
	return rc;
}
