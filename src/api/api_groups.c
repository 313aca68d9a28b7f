/* api_groups.c: /api/v1/groups: group work over JSON. */
#include "api/api.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/groupwork.h"
#include <string.h>

static json_t *api_member_json(const struct member_view *m)
{
	json_t *goals = json_loads(m->row.goals ? m->row.goals : "[]", 0, NULL);
	return json_pack("{s:s,s:{s:s,s:s},s:s,s:s?,s:s?,s:s?,s:s?,s:o,s:i,s:i,s:i,s:i,s:f,s:b}", "uid", m->row.uid, "client",
			 "uid", m->row.client_uid, "name", m->row.client_name, "joined_on", m->row.joined_on, "join_reason",
			 m->row.join_reason, "left_on", m->row.left_on, "leave_reason", m->row.leave_reason, "open_case",
			 m->row.open_case, "goals", goals ? goals : json_array(), "sessions_held", m->row.held, "present",
			 m->row.present, "excused", m->row.excused, "absent", m->row.absent, "attendance_rate", m->rate,
			 "low_attendance", m->low);
}

/* api_group_json: counts only unless the caller may see the group's content. */
static int api_group_json(struct request *rq, const struct group_view *g, json_t **out)
{
	const struct group_row *r = &g->row;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i,s:b}", "uid", r->uid, "name", r->name, "purpose", r->purpose,
			      "status", r->status, "capacity", r->capacity, "members_count", r->members, "sessions_count",
			      r->sessions, "content", g->content);
	if (!g->content) {
		*out = j;
		return 0;
	}
	json_t *ppks = json_loads(r->ppks ? r->ppks : "[]", 0, NULL);
	json_t *more = json_pack("{s:s,s:o,s:s?,s:s?,s:s?,s:s?,s:I,s:s,s:s}", "aim", r->aim, "ppks", ppks ? ppks : json_array(),
				 "starts_on", r->starts_on, "ends_on", r->ends_on, "frequency", r->frequency, "place", r->place,
				 "version", (json_int_t)r->version, "created_at", r->created_at, "updated_at", r->updated_at);
	json_object_update(j, more);
	json_decref(more);
	json_t *people = json_array();
	for (int i = 0; i < r->npeople; i++)
		json_array_append_new(people, json_pack("{s:s,s:s,s:s}", "name", r->people[i].name, "full_name",
							r->people[i].full_name ? r->people[i].full_name : "", "role", r->people[i].role));
	json_object_set_new(j, "facilitators", people);
	struct member_view *m;
	int n;
	int rc = groupwork_members(rq->db, &rq->arena, &rq->actor, g, &m, &n);
	if (rc) {
		json_decref(j);
		return rc;
	}
	json_t *members = json_array();
	int held = 0, present = 0;
	for (int i = 0; i < n; i++) {
		json_array_append_new(members, api_member_json(&m[i]));
		held += m[i].row.held;
		present += m[i].row.present;
	}
	json_object_set_new(j, "members", members);
	json_object_set_new(j, "attendance_rate", json_real(held ? (double)present / held : 0));
	struct goal_row *goals;
	struct goal_score_row *scores;
	int ng, ns;
	rc = groupwork_goals(rq->db, &rq->arena, g, &goals, &ng, &scores, &ns);
	if (rc) {
		json_decref(j);
		return rc;
	}
	json_t *garr = json_array();
	for (int i = 0; i < ng; i++) {
		json_t *gj = json_loads(goals[i].data, 0, NULL);
		if (gj == NULL)
			gj = json_object();
		json_object_set_new(gj, "uid", json_string(goals[i].uid));
		json_t *sarr = json_array();
		for (int k = 0; k < ns; k++)
			if (scores[k].goal_id == goals[i].id)
				json_array_append_new(sarr, json_pack("{s:s,s:i}", "date", scores[k].held_on, "score", scores[k].score));
		json_object_set_new(gj, "scores", sarr);
		json_array_append_new(garr, gj);
	}
	json_object_set_new(j, "goals", garr);
	*out = j;
	return 0;
}

static int api_group_fail(struct request *rq, struct response *rs, int rc, const struct faults *f)
{
	if (rc == ERR_INVALID && f->n)
		return api_faults(rq, rs, rc, f);
	return rc;
}

static int api_group_answer(struct request *rq, struct response *rs, int status, const char *uid)
{
	struct group_view g;
	json_t *j;
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, uid, &g);
	if (rc == 0)
		rc = api_group_json(rq, &g, &j);
	return rc ? rc : api_send(rq, rs, status, j);
}

int api_groups_list(struct request *rq, struct response *rs)
{
	struct group_view *g;
	int n, limit;
	const char *next;
	static const char *const known[] = {"limit", "cursor", NULL};
	if (api_known_params(rq, rs, known) || api_limit(rq, rs, &limit))
		return 0;
	const char *cursor = kv_get(&rq->query, "cursor");
	int rc = groupwork_list(rq->db, &rq->arena, &rq->actor, cursor && *cursor ? cursor : NULL, limit, &g, &n, &next);
	if (rc == ERR_INVALID)
		return api_error(rq, rs, rc, "cursor", "The cursor is not valid: start again from the first page.");
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i,s:b}", "uid", g[i].row.uid, "name",
						       g[i].row.name, "purpose", g[i].row.purpose, "status", g[i].row.status,
						       "capacity", g[i].row.capacity, "members_count", g[i].row.members,
						       "sessions_count", g[i].row.sessions, "content", g[i].content));
	return api_send(rq, rs, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next ? json_string(next) : json_null()));
}

int api_groups_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	struct group_view g;
	int rc = groupwork_create(rq->db, &rq->arena, &rq->actor, body, &g, &f);
	json_decref(body);
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	rs->location = arena_printf(&rq->arena, "/api/v1/groups/%s", g.row.uid);
	return api_group_answer(rq, rs, 201, g.row.uid);
}

int api_group_get(struct request *rq, struct response *rs)
{
	return api_group_answer(rq, rs, 200, rq->params[0]);
}

int api_group_patch(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	struct group_view g;
	int rc = groupwork_update(rq->db, &rq->arena, &rq->actor, rq->params[0], body, &g, &f);
	json_decref(body);
	if (rc == ERR_CONFLICT) {
		json_t *cur;
		struct group_view now;
		int rc2 = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &now);
		if (rc2 == 0 && api_group_json(rq, &now, &cur) == 0) {
			json_t *e = json_pack("{s:s,s:s}", "code", err_code(rc), "message", request_t(rq, err_message(rc)));
			return api_send(rq, rs, 409, json_pack("{s:o,s:o}", "error", e, "current", cur));
		}
	}
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	return api_group_answer(rq, rs, 200, rq->params[0]);
}

int api_group_member_add(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"client", "joined_on", "reason", NULL};
	const char *client, *joined_on, *reason;
	if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "client", &client) ||
	    api_text(rq, rs, body, "joined_on", &joined_on) || api_text(rq, rs, body, "reason", &reason)) {
		json_decref(body);
		return 0;
	}
	json_decref(body);
	struct faults f = {0};
	const char *member;
	int rc = groupwork_join(rq->db, &rq->arena, &rq->actor, rq->params[0], client, joined_on, reason, &member, &f);
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	struct group_view g;
	struct member_view *m;
	int n;
	rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc == 0)
		rc = groupwork_members(rq->db, &rq->arena, &rq->actor, &g, &m, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		if (str_eq(m[i].row.uid, member))
			return api_send(rq, rs, 201, api_member_json(&m[i]));
	return rc ? rc : ERR_NOTFOUND;
}

int api_group_member_remove(struct request *rq, struct response *rs)
{
	const char *reason = kv_get(&rq->query, "reason"), *left_on = kv_get(&rq->query, "left_on");
	json_t *body = NULL;
	if (rq->body_len > 0) {
		if (api_body(rq, rs, &body))
			return 0;
		static const char *const keys[] = {"reason", "left_on", NULL};
		if (api_only(rq, rs, body, keys) || api_text(rq, rs, body, "reason", &reason) ||
		    api_text(rq, rs, body, "left_on", &left_on)) {
			json_decref(body);
			return 0;
		}
		json_decref(body);
	}
	struct faults f = {0};
	int rc = groupwork_leave(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], left_on, reason, &f);
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	return api_group_answer(rq, rs, 200, rq->params[0]);
}

int api_group_member_goals(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		if (strcmp(key, "goals") != 0) {
			const char *field = arena_strdup(&rq->arena, key);
			json_decref(body);
			return api_error(rq, rs, ERR_INVALID, field, "Unknown field.");
		}
	}
	struct faults f = {0};
	int rc = groupwork_member_goals(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1],
					json_object_get(body, "goals"), NULL, &f);
	json_decref(body);
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	return api_group_answer(rq, rs, 200, rq->params[0]);
}

int api_group_goal_add(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	if (json_object_get(body, "domain") == NULL)
		json_object_set_new(body, "domain", json_string("other"));
	struct faults f = {0};
	const char *uid;
	int rc = groupwork_add_goal(rq->db, &rq->arena, &rq->actor, rq->params[0], body, &uid, &f);
	json_decref(body);
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	return api_send(rq, rs, 201, json_pack("{s:s}", "uid", uid));
}

static json_t *api_session_json(const struct session_view *s)
{
	json_t *att = json_array();
	for (int i = 0; i < s->nattendance; i++) {
		const struct attendance_row *a = &s->attendance[i];
		json_t *e = json_pack("{s:s,s:s,s:s,s:s?}", "member", a->member_uid, "client", a->client_uid, "name", a->client_name,
				      "status", a->status);
		json_object_set_new(e, "participation", a->participation ? json_integer(a->participation) : json_null());
		json_object_set_new(e, "observation", s->observations[i] ? json_string(s->observations[i]) : json_null());
		json_array_append_new(att, e);
	}
	json_t *notes = s->notes ? json_loads(s->notes, 0, NULL) : NULL;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s?,s:s,s:I,s:s?,s:i,s:i,s:i,s:o}", "uid", s->row.uid, "date", s->row.held_on,
			      "phase", s->row.phase, "topic", s->row.topic, "activities", s->row.activities, "level", s->row.level,
			      "version", (json_int_t)s->row.version, "created_by", s->row.created_by, "present", s->row.present,
			      "excused", s->row.excused, "absent", s->row.absent, "attendance", att);
	json_object_set_new(j, "notes", notes ? notes : json_null());
	return j;
}

int api_group_sessions(struct request *rq, struct response *rs)
{
	struct group_view g;
	struct session_view *s;
	int n;
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc == 0)
		rc = groupwork_sessions(rq->db, &rq->arena, &rq->actor, &g, &s, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, api_session_json(&s[i]));
	return api_send(rq, rs, 200, json_pack("{s:o,s:n}", "items", items, "next_cursor"));
}

int api_group_session_add(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	const char *uid;
	int rc = groupwork_record(rq->db, &rq->arena, &rq->actor, rq->params[0], body, rq->once, &uid, &f);
	json_decref(body);
	if (rc == ERR_EXISTS && rq->once) {
		rc = 0; /* sent again: the session its first sending recorded, found below */
		uid = rq->once;
	}
	if (rc)
		return api_group_fail(rq, rs, rc, &f);
	struct group_view g;
	struct session_view *s;
	int n;
	rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc == 0)
		rc = groupwork_sessions(rq->db, &rq->arena, &rq->actor, &g, &s, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		if (str_eq(s[i].row.uid, uid)) {
			rs->location = arena_printf(&rq->arena, "/api/v1/groups/%s/sessions", g.row.uid);
			return api_send(rq, rs, 201, api_session_json(&s[i]));
		}
	return rc ? rc : api_error(rq, rs, ERR_CONFLICT, "Idempotency-Key", "This key was used for another record.");
}
