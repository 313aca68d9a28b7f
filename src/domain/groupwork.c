/* groupwork.c: the rules of group work over the store; every change is audited in its transaction. */
#include "domain/groupwork.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/secret.h"
#include "base/str.h"
#include "base/uuid.h"
#include "domain/audit.h"
#include "domain/case_kind.h"
#include "domain/casework.h"
#include "domain/office.h"
#include "store/client_store.h"
#include "store/user_store.h"
#include <stdio.h>
#include <string.h>

const char *const group_purposes[] = {"restorative", "remedial", "preventive", "developmental", NULL};
const char *const group_statuses[] = {"forming", "active", "ended", NULL};
const char *const group_phases[] = {"beginning", "working", "ending", NULL};
const char *const group_attendances[] = {"present", "excused", "absent", NULL};

static bool gw_in(const char *s, const char *const *list)
{
	for (int i = 0; s && list[i]; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static int gw_finish(struct db *db, int rc)
{
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static char *gw_dump(struct arena *a, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	char *copy = s ? arena_strdup(a, s) : NULL;
	free(s);
	return copy;
}

/* gw_text reads an optional text member (max characters, one line unless multi). */
static const char *gw_text(struct arena *a, json_t *in, const char *key, size_t max, bool required, bool multi,
			   struct faults *f)
{
	json_t *v = json_object_get(in, key);
	if (v == NULL || json_is_null(v) || (json_is_string(v) && str_empty(json_string_value(v)))) {
		if (required)
			faults_add(f, key, "This field is required.");
		return NULL;
	}
	const char *s = json_string_value(v);
	if (!json_is_string(v) || !str_utf8_valid(s, json_string_length(v)) || (!multi && strpbrk(s, "\r\n"))) {
		faults_add(f, key, multi ? "Must be valid text." : "Must be one line of text.");
		return NULL;
	}
	if (str_utf8_chars(s) > max) {
		faults_add(f, key, "Too long.");
		return NULL;
	}
	char *copy = arena_strdup(a, s);
	return copy ? str_trim(copy) : NULL;
}

static const char *gw_date(struct arena *a, json_t *in, const char *key, bool required, struct faults *f)
{
	const char *s = gw_text(a, in, key, 10, required, false, f);
	if (s && !str_date_valid(s)) {
		faults_add(f, key, "Must be a real date written YYYY-MM-DD.");
		return NULL;
	}
	return s;
}

static void gw_only(struct arena *a, json_t *in, const char *const *keys, struct faults *f)
{
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		if (!gw_in(key, keys))
			faults_add(f, arena_strdup(a, key), "Unknown field.");
	}
}

/* gw_load reads a group the caller may know of; content tells whether they may see inside. */
static int gw_load(struct db *db, struct arena *a, const struct actor *actor, const char *uid, struct group_view *g)
{
	if (!policy_can(actor, PERM_GROUP_WORK))
		return ERR_FORBIDDEN;
	if (!uuid_valid(uid))
		return ERR_NOTFOUND;
	int rc = group_store_get(db, a, actor->org_id, uid, actor->user_id, &g->row);
	if (rc == 0)
		g->content = policy_group_content(actor, &g->row.access);
	return rc;
}

/* gw_writable: the group's content is the caller's to change. */
static int gw_writable(struct db *db, struct arena *a, const struct actor *actor, const char *uid, struct group_view *g)
{
	int rc = gw_load(db, a, actor, uid, g);
	if (rc == 0 && !g->content)
		rc = ERR_FORBIDDEN;
	return rc;
}

/* gw_fields validates the group's own fields from in onto g (only the members present when patch). */
static void gw_fields(struct db *db, struct arena *a, json_t *in, struct group_row *g, bool patch, struct faults *f)
{
	if (!patch || json_object_get(in, "name"))
		g->name = gw_text(a, in, "name", 200, true, false, f);
	if (!patch || json_object_get(in, "purpose")) {
		g->purpose = gw_text(a, in, "purpose", 40, true, false, f);
		if (g->purpose && !gw_in(g->purpose, group_purposes))
			faults_add(f, "purpose", "Purpose must be restorative, remedial, preventive or developmental.");
	}
	if (!patch || json_object_get(in, "aim"))
		g->aim = gw_text(a, in, "aim", 2000, true, true, f);
	if (!patch || json_object_get(in, "starts_on"))
		g->starts_on = gw_date(a, in, "starts_on", false, f);
	if (!patch || json_object_get(in, "ends_on"))
		g->ends_on = gw_date(a, in, "ends_on", false, f);
	if (g->starts_on && g->ends_on && strcmp(g->ends_on, g->starts_on) < 0)
		faults_add(f, "ends_on", "The end comes before the start.");
	if (!patch || json_object_get(in, "frequency"))
		g->frequency = gw_text(a, in, "frequency", 100, false, false, f);
	if (!patch || json_object_get(in, "place"))
		g->place = gw_text(a, in, "place", 200, false, false, f);
	json_t *cap = json_object_get(in, "capacity");
	if (!patch || cap) {
		if (!json_is_integer(cap) || json_integer_value(cap) < 2 || json_integer_value(cap) > 100)
			faults_add(f, "capacity", "Capacity must be a whole number from 2 to 100.");
		else
			g->capacity = (int)json_integer_value(cap);
	}
	if (!patch || json_object_get(in, "status")) {
		const char *st = gw_text(a, in, "status", 20, false, false, f);
		if (st && !gw_in(st, group_statuses))
			faults_add(f, "status", "Status must be forming, active or ended.");
		g->status = st ? st : (patch ? g->status : "forming");
	}
	json_t *ppks = json_object_get(in, "ppks");
	if (!patch || ppks) {
		if (ppks && !json_is_array(ppks)) {
			faults_add(f, "ppks", "Must be a list of PPKS category codes.");
		} else {
			size_t i;
			json_t *c;
			json_array_foreach(ppks, i, c) {
				bool known = false;
				/* in range before the cast: 4294967297 is not code 1 */
				if (json_is_integer(c) && json_integer_value(c) >= 1 && json_integer_value(c) <= 99 &&
				    client_store_ppks_known(db, (int)json_integer_value(c), &known) == 0 && known)
					continue;
				faults_add(f, "ppks", "Each PPKS code must be a whole number from the reference list.");
				break;
			}
			g->ppks = ppks ? gw_dump(a, ppks) : "[]";
		}
	}
}

/* gw_people adds the named users as facilitators (workers, supervisors) or co-facilitators (any
 * active user of the organisation, usually volunteers). */
static int gw_people(struct db *db, struct arena *a, const struct actor *actor, int64_t group_id, json_t *names,
		     const char *role, const char *field, struct faults *f)
{
	size_t i;
	json_t *v;
	if (names && !json_is_array(names)) {
		faults_add(f, field, "Must be a list of user names.");
		return ERR_INVALID;
	}
	json_array_foreach(names, i, v) {
		struct user u;
		int rc = json_is_string(v) ? user_store_by_name(db, a, json_string_value(v), &u) : ERR_NOTFOUND;
		bool fits = rc == 0 && !u.disabled && u.org_id == actor->org_id &&
			    (str_eq(role, "cofacilitator") ? !str_eq(u.role, "viewer") && !str_eq(u.role, "admin")
							   : str_eq(u.role, "worker") || str_eq(u.role, "supervisor"));
		if (rc && rc != ERR_NOTFOUND)
			return rc;
		if (!fits) {
			faults_add(f, field, str_eq(role, "cofacilitator") ? "Co-facilitators must be active users: workers, supervisors or volunteers."
									    : "Facilitators must be active workers or supervisors.");
			return ERR_INVALID;
		}
		if (u.id == actor->user_id)
			continue;
		rc = group_store_facilitator_add(db, group_id, u.id, role);
		if (rc)
			return rc;
	}
	return 0;
}

int groupwork_create(struct db *db, struct arena *a, const struct actor *actor, json_t *in, struct group_view *out,
		     struct faults *f)
{
	if (!policy_can(actor, PERM_GROUP_MANAGE))
		return ERR_FORBIDDEN;
	static const char *const keys[] = {"name", "purpose", "aim", "ppks", "starts_on", "ends_on", "frequency",
					   "place", "capacity", "status", "facilitators", "cofacilitators", NULL};
	if (!json_is_object(in)) {
		faults_add(f, "", "The body must be a JSON object.");
		return ERR_INVALID;
	}
	gw_only(a, in, keys, f);
	memset(out, 0, sizeof *out);
	gw_fields(db, a, in, &out->row, false, f);
	if (f->n)
		return ERR_INVALID;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = group_store_insert(db, a, actor->org_id, actor->user_id, &out->row);
	if (rc == 0)
		rc = group_store_facilitator_add(db, out->row.id, actor->user_id, "facilitator");
	if (rc == 0)
		rc = gw_people(db, a, actor, out->row.id, json_object_get(in, "facilitators"), "facilitator", "facilitators", f);
	if (rc == 0)
		rc = gw_people(db, a, actor, out->row.id, json_object_get(in, "cofacilitators"), "cofacilitator", "cofacilitators", f);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:i}", "name", out->row.name, "purpose", out->row.purpose, "capacity", out->row.capacity);
		rc = audit_record(db, actor, "create", "group", out->row.uid, d);
		json_decref(d);
	}
	const char *uid = out->row.uid;
	rc = gw_finish(db, rc);
	return rc ? rc : groupwork_get(db, a, actor, uid, out);
}

int groupwork_update(struct db *db, struct arena *a, const struct actor *actor, const char *uid, json_t *in,
		     struct group_view *out, struct faults *f)
{
	int rc = gw_writable(db, a, actor, uid, out);
	if (rc)
		return rc;
	/* Its name, aim, schedule, capacity and status are for who may run groups, not a kader who
	 * co-facilitates it. */
	if (!policy_can(actor, PERM_GROUP_MANAGE))
		return ERR_FORBIDDEN;
	static const char *const keys[] = {"name", "purpose", "aim", "ppks", "starts_on", "ends_on", "frequency",
					   "place", "capacity", "status", "version", NULL};
	gw_only(a, in, keys, f);
	json_t *version = json_object_get(in, "version");
	if (!json_is_integer(version))
		faults_add(f, "version", "Send the version you read, so that changes by others are not overwritten.");
	struct group_row before = out->row;
	gw_fields(db, a, in, &out->row, true, f);
	if (out->row.capacity < out->row.members)
		faults_add(f, "capacity", "The group already has more members than this.");
	if (f->n)
		return ERR_INVALID;
	if (json_integer_value(version) != before.version)
		return ERR_CONFLICT;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = group_store_update(db, actor->user_id, &out->row);
	if (rc == 0) {
		json_t *b = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:i,s:s}", "name", before.name, "purpose", before.purpose,
				      "aim", before.aim, "starts_on", before.starts_on, "ends_on", before.ends_on, "frequency",
				      before.frequency, "place", before.place, "capacity", before.capacity, "status", before.status);
		const struct group_row *g = &out->row;
		json_t *x = json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s?,s:i,s:s}", "name", g->name, "purpose", g->purpose, "aim",
				      g->aim, "starts_on", g->starts_on, "ends_on", g->ends_on, "frequency", g->frequency, "place",
				      g->place, "capacity", g->capacity, "status", g->status);
		/* Those who read the trail see a group's counts, not its content: its text only changed. */
		static const char *const written[] = {"aim", "frequency", "place", NULL};
		json_t *d = audit_diff(b, x, written);
		rc = audit_record(db, actor, "update", "group", uid, d);
		json_decref(d);
		json_decref(b);
		json_decref(x);
	}
	rc = gw_finish(db, rc);
	return rc ? rc : groupwork_get(db, a, actor, uid, out);
}

int groupwork_get(struct db *db, struct arena *a, const struct actor *actor, const char *uid, struct group_view *out)
{
	return gw_load(db, a, actor, uid, out);
}

int groupwork_list(struct db *db, struct arena *a, const struct actor *actor, const char *cursor, int limit,
		   struct group_view **out, int *n, const char **next)
{
	if (!policy_can(actor, PERM_GROUP_WORK))
		return ERR_FORBIDDEN;
	/* The cursor is the number of groups before the page: groups are few per organisation. */
	long offset = 0;
	if (cursor && str_parse_long(cursor, 0, 1000000000L, &offset))
		return ERR_INVALID;
	struct group_row *rows;
	bool more;
	int rc = group_store_list(db, a, actor->org_id, actor->user_id, offset, limit, &rows, n, &more);
	if (rc)
		return rc;
	*next = more ? arena_printf(a, "%ld", offset + *n) : NULL;
	if (more && *next == NULL)
		return ERR_NOMEM;
	*out = arena_alloc(a, sizeof **out * (size_t)(*n + 1));
	if (*out == NULL)
		return ERR_NOMEM;
	for (int i = 0; i < *n; i++) {
		(*out)[i].row = rows[i];
		(*out)[i].content = policy_group_content(actor, &rows[i].access);
	}
	return 0;
}

/* gw_members reads the members of a group whose content the caller may see, each with their open
 * case, for the program's own use (a session's notes go onto those cases). */
static int gw_members(struct db *db, struct arena *a, const struct group_view *g, struct member_view **out, int *n)
{
	*n = 0;
	if (!g->content)
		return ERR_FORBIDDEN;
	struct member_row *rows;
	int rc = group_store_members(db, a, g->row.id, &rows, n);
	if (rc)
		return rc;
	*out = arena_alloc(a, sizeof **out * (size_t)(*n + 1));
	if (*out == NULL)
		return ERR_NOMEM;
	for (int i = 0; i < *n; i++) {
		struct member_view *m = &(*out)[i];
		m->row = rows[i];
		m->rate = rows[i].held ? (double)rows[i].present / rows[i].held : 0;
		m->low = rows[i].held > 0 && m->rate < GROUP_LOW_ATTENDANCE;
	}
	return 0;
}

int groupwork_members(struct db *db, struct arena *a, const struct actor *actor, const struct group_view *g,
		      struct member_view **out, int *n)
{
	int rc = gw_members(db, a, g, out, n);
	/* Who does no casework (a kader co-facilitating) is not told which members have a case open:
	 * neither the case nor the links of the member's goals to its plan. */
	for (int i = 0; rc == 0 && !policy_can(actor, PERM_CASE_WORK) && i < *n; i++) {
		struct member_row *m = &(*out)[i].row;
		m->open_case = NULL;
		json_t *goals = m->goals ? json_loads(m->goals, 0, NULL) : NULL;
		size_t k;
		json_t *e;
		json_array_foreach(goals, k, e)
			json_object_del(e, "case_goal");
		if (goals && (m->goals = gw_dump(a, goals)) == NULL)
			rc = ERR_NOMEM;
		json_decref(goals);
	}
	return rc;
}

/* gw_member_on finds the member who is client_uid and belonged to the group on date. */
static const struct member_view *gw_member_on(const struct member_view *m, int n, const char *client_uid, const char *date)
{
	for (int i = 0; i < n; i++)
		if (str_eq(m[i].row.client_uid, client_uid) && strcmp(m[i].row.joined_on, date) <= 0 &&
		    (m[i].row.left_on == NULL || strcmp(m[i].row.left_on, date) >= 0))
			return &m[i];
	return NULL;
}

static const struct member_view *gw_member_by(const struct member_view *m, int n, const char *client_uid,
					      const char *member_uid)
{
	for (int i = 0; i < n; i++)
		if (m[i].row.left_on == NULL && (str_eq(m[i].row.client_uid, client_uid) || str_eq(m[i].row.uid, member_uid)))
			return &m[i];
	return NULL;
}

/* gw_join checks and writes a join inside the caller's write transaction, so that two joins sent
 * at once cannot both pass the checks of membership and capacity. */
static int gw_join(struct db *db, struct arena *a, const struct actor *actor, const char *uid, const char *client_uid,
		   const char *joined_on, const char *reason, const char **member_uid, struct faults *f)
{
	struct group_view g;
	int rc = gw_writable(db, a, actor, uid, &g);
	if (rc)
		return rc;
	struct client c;
	rc = client_uid && uuid_valid(client_uid) ? client_store_get(db, a, actor->org_id, client_uid, false, &c) : ERR_NOTFOUND;
	if (rc == ERR_NOTFOUND || (rc == 0 && c.archived_at)) {
		faults_add(f, "client", rc ? "No such client in the registry." : "The client is archived.");
		return ERR_INVALID;
	}
	if (rc)
		return rc;
	struct member_view *m;
	int n;
	rc = gw_members(db, a, &g, &m, &n);
	if (rc)
		return rc;
	char today[11], latest[11];
	office_today(actor, today);
	office_latest_today(latest);
	if (gw_member_by(m, n, c.uid, NULL))
		faults_add(f, "client", "The client is already a member of this group.");
	else if (g.row.members >= g.row.capacity)
		faults_add(f, "client", "The group is full: its capacity is reached. Raise the capacity or wait until a member leaves.");
	if (str_eq(g.row.status, "ended"))
		faults_add(f, "client", "The group has ended.");
	if (joined_on && !str_date_valid(joined_on))
		faults_add(f, "joined_on", "Must be a real date written YYYY-MM-DD.");
	else if (joined_on && strcmp(joined_on, latest) > 0)
		faults_add(f, "joined_on", "Must not be in the future.");

	if (reason && (!str_utf8_valid(reason, strlen(reason)) || str_utf8_chars(reason) > 1000))
		faults_add(f, "reason", "Too long.");
	if (f->n)
		return ERR_INVALID;
	rc = group_store_member_add(db, a, g.row.id, c.id, joined_on ? joined_on : today, str_empty(reason) ? NULL : reason,
				    actor->user_id, member_uid);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:o?}", "group", g.row.uid, "client", c.uid, "reason",
				      str_empty(reason) ? NULL : audit_changed());
		rc = audit_record(db, actor, "join", "group", g.row.uid, d);
		json_decref(d);
	}
	return rc;
}

int groupwork_join(struct db *db, struct arena *a, const struct actor *actor, const char *uid, const char *client_uid,
		   const char *joined_on, const char *reason, const char **member_uid, struct faults *f)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	return gw_finish(db, gw_join(db, a, actor, uid, client_uid, joined_on, reason, member_uid, f));
}

/* gw_active_member loads a group the caller may change and one of its active members. */
static int gw_active_member(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
			    const char *member_uid, struct group_view *g, const struct member_view **who)
{
	int rc = gw_writable(db, a, actor, uid, g);
	struct member_view *m;
	int n;
	if (rc == 0)
		rc = gw_members(db, a, g, &m, &n);
	if (rc)
		return rc;
	*who = gw_member_by(m, n, NULL, member_uid);
	return *who ? 0 : ERR_NOTFOUND;
}

int groupwork_leave(struct db *db, struct arena *a, const struct actor *actor, const char *uid, const char *member_uid,
		    const char *left_on, const char *reason, struct faults *f)
{
	struct group_view g;
	const struct member_view *who;
	int rc = gw_active_member(db, a, actor, uid, member_uid, &g, &who);
	if (rc)
		return rc;
	char today[11], latest[11];
	office_today(actor, today);
	office_latest_today(latest);
	if (left_on && !str_date_valid(left_on))
		faults_add(f, "left_on", "Must be a real date written YYYY-MM-DD.");
	else if (left_on && strcmp(left_on, latest) > 0)
		faults_add(f, "left_on", "Must not be in the future.");
	else if (left_on && strcmp(left_on, who->row.joined_on) < 0)
		faults_add(f, "left_on", "A member cannot leave before joining.");
	const char *last = NULL;
	if (f->n == 0) {
		rc = group_store_last_attendance(db, a, who->row.id, &last);
		if (rc)
			return rc;
		if (left_on && last && strcmp(last, left_on) > 0)
			faults_add(f, "left_on", "The member was recorded at a later session: the leaving date must be on or after it.");
	}
	/* Without a date, the office's today; but never before the member joined or was last seen,
	 * which may be dated up to the date in WIT. */
	const char *on = left_on;
	if (on == NULL) {
		on = strcmp(today, who->row.joined_on) < 0 ? who->row.joined_on : today;
		if (last && strcmp(last, on) > 0)
			on = last;
	}
	if (str_empty(reason))
		faults_add(f, "reason", "Write why the member leaves the group.");
	else if (str_utf8_chars(reason) > 1000)
		faults_add(f, "reason", "Too long.");
	if (f->n)
		return ERR_INVALID;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = group_store_member_leave(db, who->row.id, on, reason);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:o}", "group", g.row.uid, "client", who->row.client_uid, "reason", audit_changed());
		rc = audit_record(db, actor, "leave", "group", g.row.uid, d);
		json_decref(d);
	}
	return gw_finish(db, rc);
}

/* gw_keep_links gives each goal of goals without a link the link of the stored goal (JSON text)
 * it was edited from: the one at its "from" position when the form gave it, else the one of the
 * same text. "from" is taken off every goal: it is not stored (stored_text NULL, for one who
 * sees and sends the links: only that). */
static void gw_keep_links(json_t *goals, const char *stored_text)
{
	json_t *stored = stored_text ? json_loads(stored_text, 0, NULL) : NULL;
	size_t i, k;
	json_t *e, *s;
	json_array_foreach(goals, i, e) {
		json_t *link = json_object_get(e, "case_goal"), *from = json_object_get(e, "from");
		if (link && !json_is_null(link)) {
			json_object_del(e, "from");
			continue;
		}
		if (from) {
			json_t *had = json_object_get(json_array_get(stored, (size_t)json_integer_value(from)), "case_goal");
			if (json_is_string(had))
				json_object_set(e, "case_goal", had);
			json_object_del(e, "from");
			continue;
		}
		json_array_foreach(stored, k, s) {
			json_t *had = json_object_get(s, "case_goal");
			if (json_is_string(had) && json_equal(json_object_get(s, "text"), json_object_get(e, "text"))) {
				json_object_set(e, "case_goal", had);
				break;
			}
		}
	}
	json_decref(stored);
}

void groupwork_goals_tag(const char *goals_text, bool links, char tag[9])
{
	json_t *goals = goals_text ? json_loads(goals_text, 0, NULL) : NULL;
	const char *parts[42];
	size_t n = 0, i;
	json_t *e;
	json_array_foreach(goals, i, e) {
		if (n + 2 > sizeof parts / sizeof parts[0])
			break;
		parts[n++] = json_string_value(json_object_get(e, "text"));
		if (links)
			parts[n++] = json_string_value(json_object_get(e, "case_goal"));
	}
	str_tag(parts, n, tag);
	json_decref(goals);
}

/* gw_member_goals checks and writes a member's goals inside the caller's write transaction, so
 * that the goals it compares with was are those it replaces. */
static int gw_member_goals(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
			   const char *member_uid, json_t *goals, const char *was, struct faults *f)
{
	struct group_view g;
	const struct member_view *who;
	int rc = gw_active_member(db, a, actor, uid, member_uid, &g, &who);
	if (rc)
		return rc;
	char now[9];
	groupwork_goals_tag(who->row.goals, policy_can(actor, PERM_CASE_WORK), now);
	if (was && strcmp(was, now) != 0)
		return ERR_CONFLICT;
	if (!json_is_array(goals) || json_array_size(goals) > 20) {
		faults_add(f, "goals", "Must be a list of at most 20 goals.");
		return ERR_INVALID;
	}
	size_t i;
	json_t *e;
	json_array_foreach(goals, i, e) {
		json_t *text = json_object_get(e, "text"), *link = json_object_get(e, "case_goal");
		/* Stored as given: nothing but its one line of text and its link. */
		const char *key;
		json_t *member;
		bool other = false;
		/* "from": the position of the stored goal a row of the form was edited from, which the
		 * tag (was) of the goals the form showed makes safe to trust. */
		json_object_foreach(e, key, member)
			other = other || (strcmp(key, "text") != 0 && strcmp(key, "case_goal") != 0 &&
					  (strcmp(key, "from") != 0 || was == NULL || !json_is_integer(member) ||
					   json_integer_value(member) < 0 || json_integer_value(member) >= 20));
		const char *t = json_string_value(text);
		if (!json_is_object(e) || other || t == NULL || str_empty(t) || strlen(t) != json_string_length(text) ||
		    strpbrk(t, "\r\n") || str_utf8_chars(t) > 500) {
			faults_add(f, arena_printf(a, "goals[%zu]", i),
				   "Each goal is one line of text (at most 500 characters) and, if any, its case_goal.");
			break;
		}
		if (link && !json_is_null(link)) {
			/* the linked goal must belong to the member's open case plan, which only those who
			 * do casework may see */
			bool ok = false;
			if (json_is_string(link) && who->row.open_case && policy_can(actor, PERM_CASE_WORK)) {
				struct db_stmt *st;
				rc = db_query(db, &st,
					      "SELECT 1 FROM case_item i JOIN casefile c ON c.id = i.case_id WHERE c.uid = ?"
					      " AND i.uid = ? AND i.kind = 'goal' AND i.archived_at IS NULL",
					      "tt", who->row.open_case, json_string_value(link));
				if (rc)
					return rc;
				ok = db_step(st) == DB_ROW;
				db_finalize(st);
			}
			if (!ok) {
				faults_add(f, arena_printf(a, "goals[%zu]", i), "A linked goal must be a goal in the member's open case plan.");
				break;
			}
		}
	}
	if (f->n)
		return ERR_INVALID;
	/* A kader does not see the links (groupwork_members): a goal they keep, or edit on its row of
	 * the form, keeps its link. */
	if (policy_can(actor, PERM_CASE_WORK))
		gw_keep_links(goals, NULL);
	else
		gw_keep_links(goals, who->row.goals);
	rc = group_store_member_goals(db, who->row.id, gw_dump(a, goals));
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:o}", "client", who->row.client_uid, "goals", audit_changed());
		rc = audit_record(db, actor, "goals", "group", g.row.uid, d);
		json_decref(d);
	}
	return rc;
}

int groupwork_member_goals(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
			   const char *member_uid, json_t *goals, const char *was, struct faults *f)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	return gw_finish(db, gw_member_goals(db, a, actor, uid, member_uid, goals, was, f));
}

int groupwork_add_goal(struct db *db, struct arena *a, const struct actor *actor, const char *uid, json_t *in,
		       const char **goal_uid, struct faults *f)
{
	struct group_view g;
	int rc = gw_writable(db, a, actor, uid, &g);
	if (rc)
		return rc;
	const struct case_kind *k = case_kind_find("goal");
	json_t *plain, *sealed;
	const char *level, *at;
	char today[11];
	office_today(actor, today);
	rc = case_kind_parse(a, k, in, NULL, today, &plain, &sealed, &level, &at, f);
	if (rc == 0 && json_object_get(plain, "domain") == NULL)
		rc = ERR_INVALID;
	if (rc) {
		json_decref(plain);
		json_decref(sealed);
		return ERR_INVALID;
	}
	rc = db_begin(db);
	if (rc == 0) {
		rc = group_store_goal_insert(db, a, g.row.id, gw_dump(a, plain), actor->user_id, goal_uid);
		if (rc == 0) {
			const char **written = case_kind_written(a, k);
			json_t *goal = written ? audit_fields(plain, written) : NULL;
			json_t *d = goal ? json_pack("{s:s,s:o}", "group", g.row.uid, "goal", goal) : NULL;
			rc = d ? audit_record(db, actor, "goal", "group", g.row.uid, d) : ERR_NOMEM;
			json_decref(d);
		}
		rc = gw_finish(db, rc);
	}
	json_decref(plain);
	json_decref(sealed);
	return rc;
}

/* gw_seal encrypts text for group session uid (field: "notes" or a member uid). */
static int gw_seal(struct arena *a, const char *session_uid, const char *field, const char *text, unsigned char **box,
		   size_t *n)
{
	*box = NULL;
	*n = 0;
	if (text == NULL)
		return 0;
	char ad[128];
	snprintf(ad, sizeof ad, "group_session:%s:%s", session_uid, field);
	return secret_seal(a, ad, text, strlen(text), box, n);
}

int groupwork_record(struct db *db, struct arena *a, const struct actor *actor, const char *uid, json_t *in,
		     const char *once, const char **session_uid, struct faults *f)
{
	struct group_view g;
	int rc = gw_writable(db, a, actor, uid, &g);
	if (rc)
		return rc;
	if (!json_is_object(in)) {
		faults_add(f, "", "The body must be a JSON object.");
		return ERR_INVALID;
	}
	static const char *const keys[] = {"date", "phase", "topic", "activities", "level", "notes", "attendance", "goal_scores", NULL};
	gw_only(a, in, keys, f);
	char today[11];
	office_latest_today(today);
	const char *date = gw_date(a, in, "date", true, f);
	if (date && strcmp(date, today) > 0)
		faults_add(f, "date", "Must not be in the future.");
	const char *phase = gw_text(a, in, "phase", 20, false, false, f);
	if (phase && !gw_in(phase, group_phases))
		faults_add(f, "phase", "Phase must be beginning, working or ending.");
	const char *topic = gw_text(a, in, "topic", 300, true, false, f);
	const char *activities = gw_text(a, in, "activities", 4000, false, true, f);
	const char *level = gw_text(a, in, "level", 20, false, false, f);
	if (level && !str_eq(level, "normal") && !str_eq(level, "restricted") && !str_eq(level, "sealed"))
		faults_add(f, "level", "Level must be normal, restricted or sealed.");
	json_t *notes = json_object_get(in, "notes");
	json_t *clean_notes = json_object();
	if (notes && !json_is_null(notes)) {
		static const char *const nkeys[] = {"atmosphere", "dynamics", "conflicts", "techniques", NULL};
		if (!json_is_object(notes)) {
			faults_add(f, "notes", "Must be an object: atmosphere, dynamics, conflicts, techniques.");
		} else {
			const char *key;
			json_t *v;
			json_object_foreach(notes, key, v) {
				if (!gw_in(key, nkeys))
					faults_add(f, arena_printf(a, "notes.%s", key), "Unknown field.");
				else if (!json_is_string(v) || str_utf8_chars(json_string_value(v)) > 8000 ||
					 !str_utf8_valid(json_string_value(v), json_string_length(v)))
					faults_add(f, arena_printf(a, "notes.%s", key), "Must be valid text of at most 8000 characters.");
				else if (!str_empty(json_string_value(v)))
					json_object_set(clean_notes, key, v);
			}
		}
	}
	struct member_view *m;
	int n;
	rc = gw_members(db, a, &g, &m, &n);
	if (rc) {
		json_decref(clean_notes);
		return rc;
	}
	/* one entry per active member: listed ones as given, the rest absent */
	const char **status = arena_alloc(a, sizeof *status * (size_t)(n + 1));
	int *part = arena_alloc(a, sizeof *part * (size_t)(n + 1));
	const char **obs = arena_alloc(a, sizeof *obs * (size_t)(n + 1));
	if (status == NULL || part == NULL || obs == NULL) {
		json_decref(clean_notes);
		return ERR_NOMEM;
	}
	json_t *att = json_object_get(in, "attendance");
	if (att && !json_is_array(att))
		faults_add(f, "attendance", "Must be a list: one entry per member.");
	size_t i;
	json_t *e;
	json_array_foreach(att, i, e) {
		const char *field = arena_printf(a, "attendance[%zu]", i);
		json_t *cl = json_object_get(e, "client"), *st = json_object_get(e, "status");
		json_t *p = json_object_get(e, "participation"), *o = json_object_get(e, "observation");
		const char *key;
		json_t *v;
		json_object_foreach(e, key, v) {
			if (!str_eq(key, "client") && !str_eq(key, "status") && !str_eq(key, "participation") && !str_eq(key, "observation"))
				faults_add(f, arena_printf(a, "%s.%s", field, key), "Unknown field.");
		}
		const struct member_view *who = json_is_string(cl) && date ? gw_member_on(m, n, json_string_value(cl), date) : NULL;
		if (!json_is_object(e) || who == NULL) {
			faults_add(f, arena_printf(a, "%s.client", field), "Must be the uid of someone who was a member of this group on that date.");
			continue;
		}
		int k = (int)(who - m);
		if (status[k]) {
			faults_add(f, arena_printf(a, "%s.client", field), "This member is listed twice.");
			continue;
		}
		if (!json_is_string(st) || !gw_in(json_string_value(st), group_attendances)) {
			faults_add(f, arena_printf(a, "%s.status", field), "Status must be present, excused or absent.");
			continue;
		}
		status[k] = json_string_value(st);
		if (p && !json_is_null(p)) {
			if (!json_is_integer(p) || json_integer_value(p) < 1 || json_integer_value(p) > 5)
				faults_add(f, arena_printf(a, "%s.participation", field), "Participation must be a whole number from 1 to 5.");
			else if (!str_eq(status[k], "present"))
				faults_add(f, arena_printf(a, "%s.participation", field), "Only a member who was present has a participation score.");
			else
				part[k] = (int)json_integer_value(p);
		}
		if (o && !json_is_null(o)) {
			if (!json_is_string(o) || str_utf8_chars(json_string_value(o)) > 4000 ||
			    !str_utf8_valid(json_string_value(o), json_string_length(o)))
				faults_add(f, arena_printf(a, "%s.observation", field), "Must be valid text of at most 4000 characters.");
			else if (!str_empty(json_string_value(o)))
				obs[k] = arena_strdup(a, json_string_value(o));
		}
	}
	struct goal_row *goals = NULL;
	int ngoals = 0;
	rc = group_store_goals(db, a, g.row.id, &goals, &ngoals);
	json_t *gs = json_object_get(in, "goal_scores");
	/* Each goal scored once: the scores are at most the goals, and held in arrays sized by the list. */
	bool scores_listed = gs == NULL || (json_is_array(gs) && json_array_size(gs) <= GW_MAX_SCORES);
	if (!scores_listed)
		faults_add(f, "goal_scores", "Must be a list of goal scores.");
	size_t room = scores_listed ? json_array_size(gs) + 1 : 1;
	int64_t *score_goal = arena_alloc(a, sizeof *score_goal * room);
	int *score = arena_alloc(a, sizeof *score * room);
	int nscores = 0;
	if (rc == 0 && (score_goal == NULL || score == NULL))
		rc = ERR_NOMEM;
	if (rc == 0 && scores_listed) {
		json_array_foreach(gs, i, e) {
			const char *guid = json_string_value(json_object_get(e, "goal"));
			json_t *sc = json_object_get(e, "score");
			int64_t gid = 0;
			for (int k = 0; guid && k < ngoals; k++)
				if (str_eq(goals[k].uid, guid))
					gid = goals[k].id;
			if (gid == 0 || !json_is_integer(sc) || json_integer_value(sc) < -2 || json_integer_value(sc) > 2) {
				faults_add(f, "goal_scores", "Each score needs a goal of this group and a score from -2 to +2.");
				break;
			}
			bool again = false;
			for (int k = 0; k < nscores; k++)
				again = again || score_goal[k] == gid;
			if (again) {
				faults_add(f, "goal_scores", "Each goal may be scored once a session.");
				break;
			}
			score_goal[nscores] = gid;
			score[nscores++] = (int)json_integer_value(sc);
		}
	}
	if (rc == 0 && f->n)
		rc = ERR_INVALID;
	char id[37];
	uuid_v7(id);
	uuid_take(id, once); /* a form's one-time key, when it has one */
	unsigned char *box = NULL;
	size_t blen = 0;
	if (rc == 0 && json_object_size(clean_notes))
		rc = gw_seal(a, id, "notes", gw_dump(a, clean_notes), &box, &blen);
	json_decref(clean_notes);
	if (rc)
		return rc;
	rc = db_begin(db);
	if (rc)
		return rc;
	int64_t sid = 0;
	rc = group_store_session_insert(db, a, g.row.id, date, phase ? phase : "working", topic, activities,
					level ? level : "normal", box, blen, actor->user_id, id, &sid);
	for (int k = 0; rc == 0 && k < n; k++) {
		if (strcmp(m[k].row.joined_on, date) > 0 || (m[k].row.left_on && strcmp(m[k].row.left_on, date) < 0))
			continue; /* not a member on that day */
		unsigned char *ob = NULL;
		size_t olen = 0;
		rc = gw_seal(a, id, m[k].row.uid, obs[k], &ob, &olen);
		if (rc == 0)
			rc = group_store_attendance_insert(db, sid, m[k].row.id, status[k] ? status[k] : "absent", part[k], ob, olen);
		if (rc == 0 && m[k].row.open_case) {
			json_t *plain = json_pack("{s:s,s:s,s:s}", "group", g.row.name, "date", date, "attendance",
						  status[k] ? status[k] : "absent");
			if (part[k])
				json_object_set_new(plain, "participation", json_integer(part[k]));
			rc = casework_group_note(db, a, actor, actor->org_id, m[k].row.open_case, plain, obs[k], level, date);
			json_decref(plain);
		}
	}
	for (int k = 0; rc == 0 && k < nscores; k++)
		rc = group_store_goal_score(db, score_goal[k], sid, score[k]);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:o,s:s,s:o}", "group", g.row.uid, "date", date, "topic", audit_changed(), "level",
				      level ? level : "normal", "notes", audit_changed());
		json_object_set_new(d, "session", json_string(id));
		rc = audit_record(db, actor, "session", "group", g.row.uid, d);
		json_decref(d);
	}
	rc = gw_finish(db, rc);
	if (rc == 0)
		*session_uid = arena_strdup(a, id);
	return rc;
}

int groupwork_sessions(struct db *db, struct arena *a, const struct actor *actor, const struct group_view *g,
		       struct session_view **out, int *n)
{
	*n = 0;
	if (!g->content)
		return ERR_FORBIDDEN;
	struct session_row *rows;
	int rc = group_store_sessions(db, a, g->row.id, &rows, n);
	struct attendance_row *att = NULL;
	int natt = 0;
	if (rc == 0)
		rc = group_store_attendance(db, a, g->row.id, 0, &att, &natt);
	if (rc)
		return rc;
	*out = arena_alloc(a, sizeof **out * (size_t)(*n + 1));
	if (*out == NULL)
		return ERR_NOMEM;
	for (int i = 0; i < *n; i++) {
		struct session_view *s = &(*out)[i];
		s->row = rows[i];
		bool readable = policy_group_level(actor, &g->row.access, policy_level_parse(rows[i].level), rows[i].author_id);
		if (readable && rows[i].box) {
			char ad[128];
			snprintf(ad, sizeof ad, "group_session:%s:notes", rows[i].uid);
			char *plain = NULL;
			rc = secret_open(a, ad, rows[i].box, rows[i].box_len, &plain, NULL);
			if (rc)
				return rc;
			s->notes = plain;
		}
		/* the attendance rows of one session are contiguous: the query orders by session */
		for (int k = 0; k < natt; k++) {
			if (att[k].session_id != rows[i].id)
				continue;
			if (s->attendance == NULL)
				s->attendance = &att[k];
			s->nattendance++;
		}
		s->observations = arena_alloc(a, sizeof *s->observations * (size_t)(s->nattendance + 1));
		if (s->observations == NULL)
			return ERR_NOMEM;
		for (int k = 0; k < s->nattendance; k++) {
			const struct attendance_row *r = &s->attendance[k];
			if (r->box == NULL || !readable)
				continue; /* observations are as confidential as the session's notes */
			char ad[128];
			snprintf(ad, sizeof ad, "group_session:%s:%s", rows[i].uid, r->member_uid);
			char *plain = NULL;
			rc = secret_open(a, ad, r->box, r->box_len, &plain, NULL);
			if (rc)
				return rc;
			s->observations[k] = plain;
		}
	}
	return 0;
}

int groupwork_goals(struct db *db, struct arena *a, const struct group_view *g, struct goal_row **goals, int *ng,
		    struct goal_score_row **scores, int *ns)
{
	*ng = *ns = 0;
	if (!g->content)
		return ERR_FORBIDDEN;
	int rc = group_store_goals(db, a, g->row.id, goals, ng);
	return rc ? rc : group_store_goal_scores(db, a, g->row.id, scores, ns);
}
