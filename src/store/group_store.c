/* group_store.c: SQL for group work. Process notes and observations arrive sealed. */
#include "store/group_store.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/uuid.h"
#include <string.h>

int group_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct group_row *g)
{
	char uid[37], now[25];
	uuid_v7(uid);
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO grp(uid, org_id, name, purpose, aim, ppks, starts_on, ends_on, frequency, place, capacity,"
			" status, created_at, created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
			"titttttttt" "it" "titi", uid, org, g->name, g->purpose, g->aim, g->ppks, g->starts_on, g->ends_on,
			g->frequency, g->place, (int64_t)g->capacity, g->status, now, user, now, user);
	if (rc)
		return rc;
	g->id = db_last_id(db);
	g->uid = arena_strdup(a, uid);
	g->version = 1;
	g->created_at = g->updated_at = arena_strdup(a, now);
	return 0;
}

int group_store_update(struct db *db, int64_t user, const struct group_row *g)
{
	char now[25];
	clock_now_iso(now);
	int rc = db_run(db,
			"UPDATE grp SET name=?, purpose=?, aim=?, ppks=?, starts_on=?, ends_on=?, frequency=?, place=?,"
			" capacity=?, status=?, version=version+1, updated_at=?, updated_by=? WHERE id=? AND version=?",
			"tttttttt" "it" "tiii", g->name, g->purpose, g->aim, g->ppks, g->starts_on, g->ends_on, g->frequency,
			g->place, (int64_t)g->capacity, g->status, now, user, g->id, g->version);
	if (rc)
		return rc;
	return db_changes(db) ? 0 : ERR_CONFLICT;
}

#define GROUP_COLUMNS                                                                                  \
	"g.id, g.version, g.uid, g.name, g.purpose, g.aim, g.ppks, g.starts_on, g.ends_on, g.frequency," \
	" g.place, g.status, g.created_at, g.updated_at, g.capacity,"                                     \
	" (SELECT count(*) FROM group_member m WHERE m.group_id = g.id AND m.left_on IS NULL),"             \
	" (SELECT count(*) FROM group_session s WHERE s.group_id = g.id),"                                 \
	" (SELECT coalesce(max(CASE f.role WHEN 'facilitator' THEN 2 ELSE 1 END), 0) FROM group_facilitator f" \
	"  WHERE f.group_id = g.id AND f.ended_at IS NULL AND f.user_id = ?2),"                            \
	" EXISTS (SELECT 1 FROM group_facilitator f JOIN user u ON u.id = f.user_id WHERE f.group_id = g.id" \
	"  AND f.ended_at IS NULL AND f.role = 'facilitator' AND u.supervisor_id = ?2)"

static void gs_group(struct arena *a, struct db_stmt *st, struct group_row *g)
{
	memset(g, 0, sizeof *g);
	g->id = db_col_int(st, 0);
	g->version = db_col_int(st, 1);
	g->uid = db_col_dup(st, 2, a);
	g->name = db_col_dup(st, 3, a);
	g->purpose = db_col_dup(st, 4, a);
	g->aim = db_col_dup(st, 5, a);
	g->ppks = db_col_dup(st, 6, a);
	g->starts_on = db_col_dup(st, 7, a);
	g->ends_on = db_col_dup(st, 8, a);
	g->frequency = db_col_dup(st, 9, a);
	g->place = db_col_dup(st, 10, a);
	g->status = db_col_dup(st, 11, a);
	g->created_at = db_col_dup(st, 12, a);
	g->updated_at = db_col_dup(st, 13, a);
	g->capacity = (int)db_col_int(st, 14);
	g->members = (int)db_col_int(st, 15);
	g->sessions = (int)db_col_int(st, 16);
	g->access.facilitates = db_col_int(st, 17) != 0; /* 1 a co-facilitator, 2 a facilitator */
	g->access.leads = db_col_int(st, 17) == 2;
	g->access.supervises = db_col_int(st, 18) != 0;
}

int group_store_get(struct db *db, struct arena *a, int64_t org, const char *uid, int64_t viewer, struct group_row *g)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT " GROUP_COLUMNS " FROM grp g WHERE g.org_id = ?1 AND g.uid = ?3", "iit", org,
			  viewer, uid);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		gs_group(a, st, g);
	db_finalize(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	rc = db_query(db, &st,
		      "SELECT f.user_id, u.name, u.full_name, f.role FROM group_facilitator f JOIN user u ON u.id = f.user_id"
		      " WHERE f.group_id = ? AND f.ended_at IS NULL ORDER BY f.role, u.name",
		      "i", g->id);
	if (rc)
		return rc;
	int cap = 0; /* every current facilitator: the policy decides on this list */
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = g->people;
		if ((rc = arena_grow(a, &arr, g->npeople, &cap, sizeof *g->people)) != 0)
			break;
		g->people = arr;
		struct group_person *p = &g->people[g->npeople++];
		p->user_id = db_col_int(st, 0);
		p->name = db_col_dup(st, 1, a);
		p->full_name = db_col_dup(st, 2, a);
		p->role = db_col_dup(st, 3, a);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_list(struct db *db, struct arena *a, int64_t org, int64_t viewer, int64_t offset, int limit,
		     struct group_row **rows, int *n, bool *more)
{
	struct db_stmt *st;
	*n = 0;
	*more = false;
	*rows = NULL;
	int cap = 0;
	/* One row past the page tells whether there is more, in the same statement and snapshot. */
	int rc = db_query(db, &st,
			  "SELECT " GROUP_COLUMNS " FROM grp g WHERE g.org_id = ?1 ORDER BY g.status = 'ended', g.name, g.id"
			  " LIMIT ?3 OFFSET ?4",
			  "iiii", org, viewer, limit > 0 ? (int64_t)limit + 1 : (int64_t)-1, offset);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (limit > 0 && *n == limit) {
			*more = true;
			break;
		}
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		gs_group(a, st, &(*rows)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_facilitator_add(struct db *db, int64_t group_id, int64_t user_id, const char *role)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db, "INSERT INTO group_facilitator(group_id, user_id, role, assigned_at) VALUES (?,?,?,?)", "iitt",
		      group_id, user_id, role, now);
}

int group_store_facilitator_end(struct db *db, int64_t group_id, int64_t user_id)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db, "UPDATE group_facilitator SET ended_at = ? WHERE group_id = ? AND user_id = ? AND ended_at IS NULL",
		      "tii", now, group_id, user_id);
}

int group_store_member_add(struct db *db, struct arena *a, int64_t group_id, int64_t client_id, const char *joined_on,
			   const char *reason, int64_t user, const char **uid)
{
	char id[37], now[25];
	uuid_v7(id);
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO group_member(uid, group_id, client_id, joined_on, join_reason, created_at, created_by)"
			" VALUES (?,?,?,?,?,?,?)",
			"tiittti", id, group_id, client_id, joined_on, reason, now, user);
	if (rc == 0)
		*uid = arena_strdup(a, id);
	return rc;
}

int group_store_member_leave(struct db *db, int64_t member_id, const char *left_on, const char *reason)
{
	return db_run(db, "UPDATE group_member SET left_on = ?, leave_reason = ? WHERE id = ? AND left_on IS NULL", "tti",
		      left_on, reason, member_id);
}

int group_store_member_goals(struct db *db, int64_t member_id, const char *goals)
{
	return db_run(db, "UPDATE group_member SET goals = ? WHERE id = ?", "ti", goals, member_id);
}

int group_store_members(struct db *db, struct arena *a, int64_t group_id, struct member_row **rows, int *n)
{
	struct db_stmt *st;
	*n = 0;
	*rows = NULL;
	int cap = 0; /* the whole list, read in one statement: no row is cut silently */
	int rc = db_query(db, &st,
		      "SELECT m.id, m.client_id, m.uid, k.uid, k.name, m.joined_on, m.join_reason, m.left_on, m.leave_reason,"
		      " m.goals,"
		      " (SELECT c.uid FROM casefile c WHERE c.client_id = m.client_id AND c.closed_at IS NULL ORDER BY c.id DESC LIMIT 1),"
		      " (SELECT count(*) FROM group_attendance t JOIN group_session s ON s.id = t.session_id WHERE t.member_id = m.id"
		      "  AND s.held_on >= m.joined_on AND (m.left_on IS NULL OR s.held_on <= m.left_on)),"
		      " (SELECT count(*) FROM group_attendance t JOIN group_session s ON s.id = t.session_id WHERE t.member_id = m.id"
		      "  AND t.status = 'present' AND s.held_on >= m.joined_on AND (m.left_on IS NULL OR s.held_on <= m.left_on)),"
		      " (SELECT count(*) FROM group_attendance t JOIN group_session s ON s.id = t.session_id WHERE t.member_id = m.id"
		      "  AND t.status = 'excused' AND s.held_on >= m.joined_on AND (m.left_on IS NULL OR s.held_on <= m.left_on)),"
		      " (SELECT count(*) FROM group_attendance t JOIN group_session s ON s.id = t.session_id WHERE t.member_id = m.id"
		      "  AND t.status = 'absent' AND s.held_on >= m.joined_on AND (m.left_on IS NULL OR s.held_on <= m.left_on))"
		      " FROM group_member m JOIN client k ON k.id = m.client_id WHERE m.group_id = ?"
		      " ORDER BY m.left_on IS NOT NULL, k.name_norm",
		      "i", group_id);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		struct member_row *m = &(*rows)[(*n)++];
		m->id = db_col_int(st, 0);
		m->client_id = db_col_int(st, 1);
		m->uid = db_col_dup(st, 2, a);
		m->client_uid = db_col_dup(st, 3, a);
		m->client_name = db_col_dup(st, 4, a);
		m->joined_on = db_col_dup(st, 5, a);
		m->join_reason = db_col_dup(st, 6, a);
		m->left_on = db_col_dup(st, 7, a);
		m->leave_reason = db_col_dup(st, 8, a);
		m->goals = db_col_dup(st, 9, a);
		m->open_case = db_col_dup(st, 10, a);
		m->held = (int)db_col_int(st, 11);
		m->present = (int)db_col_int(st, 12);
		m->excused = (int)db_col_int(st, 13);
		m->absent = (int)db_col_int(st, 14);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_session_insert(struct db *db, struct arena *a, int64_t group_id, const char *held_on, const char *phase,
			       const char *topic, const char *activities, const char *level, const unsigned char *box,
			       size_t box_len, int64_t user, const char *uid, int64_t *id)
{
	(void)a;
	char now[25];
	clock_now_iso(now);
	int rc = db_run(db,
			"INSERT INTO group_session(uid, group_id, held_on, phase, topic, activities, level, box, created_at,"
			" created_by, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
			"titttt" "t" "b" "titi", uid, group_id, held_on, phase, topic, activities, level, box, box_len, now, user,
			now, user);
	if (rc == 0)
		*id = db_last_id(db);
	return rc;
}

int group_store_attendance_insert(struct db *db, int64_t session_id, int64_t member_id, const char *status,
				  int participation, const unsigned char *box, size_t box_len)
{
	return db_run(db,
		      "INSERT INTO group_attendance(session_id, member_id, status, participation, box)"
		      " VALUES (?,?,?,NULLIF(?,0),?)",
		      "iiti" "b", session_id, member_id, status, (int64_t)participation, box, box_len);
}

#define SESSION_COLUMNS                                                                                 \
	"s.id, s.version, s.created_by, s.uid, s.held_on, s.phase, s.topic, s.activities, s.level, u.name,"  \
	" s.updated_at, s.box,"                                                                             \
	" (SELECT count(*) FROM group_attendance t WHERE t.session_id = s.id AND t.status = 'present'),"    \
	" (SELECT count(*) FROM group_attendance t WHERE t.session_id = s.id AND t.status = 'excused'),"    \
	" (SELECT count(*) FROM group_attendance t WHERE t.session_id = s.id AND t.status = 'absent')"

static void gs_session(struct arena *a, struct db_stmt *st, struct session_row *s)
{
	memset(s, 0, sizeof *s);
	s->id = db_col_int(st, 0);
	s->version = db_col_int(st, 1);
	s->author_id = db_col_int(st, 2);
	s->uid = db_col_dup(st, 3, a);
	s->held_on = db_col_dup(st, 4, a);
	s->phase = db_col_dup(st, 5, a);
	s->topic = db_col_dup(st, 6, a);
	s->activities = db_col_dup(st, 7, a);
	s->level = db_col_dup(st, 8, a);
	s->created_by = db_col_dup(st, 9, a);
	s->updated_at = db_col_dup(st, 10, a);
	s->box = db_col_blob_dup(st, 11, a, &s->box_len);
	s->present = (int)db_col_int(st, 12);
	s->excused = (int)db_col_int(st, 13);
	s->absent = (int)db_col_int(st, 14);
}

int group_store_sessions(struct db *db, struct arena *a, int64_t group_id, struct session_row **rows, int *n)
{
	struct db_stmt *st;
	*n = 0;
	*rows = NULL;
	int cap = 0; /* the whole list, read in one statement: no row is cut silently */
	int rc = db_query(db, &st,
		      "SELECT " SESSION_COLUMNS " FROM group_session s LEFT JOIN user u ON u.id = s.created_by"
		      " WHERE s.group_id = ? ORDER BY s.held_on, s.id",
		      "i", group_id);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		gs_session(a, st, &(*rows)[(*n)++]);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_session_get(struct db *db, struct arena *a, int64_t group_id, const char *uid, struct session_row *s)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT " SESSION_COLUMNS " FROM group_session s LEFT JOIN user u ON u.id = s.created_by"
			  " WHERE s.group_id = ? AND s.uid = ?",
			  "it", group_id, uid);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		gs_session(a, st, s);
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? ERR_NOTFOUND : rc;
}

int group_store_attendance(struct db *db, struct arena *a, int64_t group_id, int64_t session_id,
			   struct attendance_row **rows, int *n)
{
	struct db_stmt *st;
	*n = 0;
	*rows = NULL;
	int cap = 0; /* the whole list, read in one statement: no row is cut silently */
	int rc = db_query(db, &st,
		      "SELECT t.member_id, m.uid, k.uid, k.name, t.status, s.held_on, coalesce(t.participation, 0), t.box, s.id"
		      " FROM group_attendance t JOIN group_session s ON s.id = t.session_id"
		      " JOIN group_member m ON m.id = t.member_id JOIN client k ON k.id = m.client_id"
		      " WHERE s.group_id = ?1 AND (?2 = 0 OR s.id = ?2) ORDER BY s.held_on, s.id, k.name_norm",
		      "ii", group_id, session_id);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		struct attendance_row *r = &(*rows)[(*n)++];
		r->member_id = db_col_int(st, 0);
		r->member_uid = db_col_dup(st, 1, a);
		r->client_uid = db_col_dup(st, 2, a);
		r->client_name = db_col_dup(st, 3, a);
		r->status = db_col_dup(st, 4, a);
		r->held_on = db_col_dup(st, 5, a);
		r->participation = (int)db_col_int(st, 6);
		r->box = db_col_blob_dup(st, 7, a, &r->box_len);
		r->session_id = db_col_int(st, 8);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_goal_insert(struct db *db, struct arena *a, int64_t group_id, const char *data, int64_t user,
			    const char **uid)
{
	char id[37], now[25];
	uuid_v7(id);
	clock_now_iso(now);
	int rc = db_run(db, "INSERT INTO group_goal(uid, group_id, data, created_at, created_by) VALUES (?,?,?,?,?)",
			"titti", id, group_id, data, now, user);
	if (rc == 0)
		*uid = arena_strdup(a, id);
	return rc;
}

int group_store_goals(struct db *db, struct arena *a, int64_t group_id, struct goal_row **rows, int *n)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT id, uid, data FROM group_goal WHERE group_id = ? ORDER BY id", "i", group_id);
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
		struct goal_row *g = &(*rows)[(*n)++];
		g->id = db_col_int(st, 0);
		g->uid = db_col_dup(st, 1, a);
		g->data = db_col_dup(st, 2, a);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_goal_score(struct db *db, int64_t goal_id, int64_t session_id, int score)
{
	return db_run(db, "INSERT OR REPLACE INTO group_goal_score(goal_id, session_id, score) VALUES (?,?,?)", "iii", goal_id,
		      session_id, (int64_t)score);
}

int group_store_goal_scores(struct db *db, struct arena *a, int64_t group_id, struct goal_score_row **rows, int *n)
{
	struct db_stmt *st;
	*n = 0;
	*rows = NULL;
	int cap = 0; /* the whole list, read in one statement: no row is cut silently */
	int rc = db_query(db, &st,
		      "SELECT c.goal_id, s.held_on, c.score FROM group_goal_score c JOIN group_goal g ON g.id = c.goal_id"
		      " JOIN group_session s ON s.id = c.session_id WHERE g.group_id = ? ORDER BY s.held_on, s.id, c.goal_id",
		      "i", group_id);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		void *arr = *rows;
		if ((rc = arena_grow(a, &arr, *n, &cap, sizeof **rows)) != 0)
			break;
		*rows = arr;
		struct goal_score_row *r = &(*rows)[(*n)++];
		r->goal_id = db_col_int(st, 0);
		r->held_on = db_col_dup(st, 1, a);
		r->score = (int)db_col_int(st, 2);
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

static int gs_date(struct db *db, struct arena *a, const char *sql, int64_t id, const char **date)
{
	struct db_stmt *st;
	*date = NULL;
	int rc = db_query(db, &st, sql, "i", id);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		*date = db_col_dup(st, 0, a);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int group_store_last_attendance(struct db *db, struct arena *a, int64_t member_id, const char **date)
{
	return gs_date(db, a,
		       "SELECT max(s.held_on) FROM group_attendance t JOIN group_session s ON s.id = t.session_id"
		       " WHERE t.member_id = ?",
		       member_id, date);
}
