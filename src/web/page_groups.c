/* page_groups.c: group work pages: the list, a group with its members, sessions and charts, the
 * session form with the attendance of every member at once, and the printed attendance sheet. */
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/case_kind.h"
#include "domain/casework.h"
#include "domain/client.h"
#include "domain/gas.h"
#include "domain/groupwork.h"
#include "domain/office.h"
#include "report/chart.h"
#include "web/html.h"
#include "web/pages.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

#define C(s) T(case_kind_choice_label(s))

static const char *web_percent(struct request *rq, double rate)
{
	return arena_printf(&rq->arena, "%.0f%%", rate * 100.0);
}

int web_groups(struct request *rq, struct response *rs)
{
	struct group_view *g = NULL;
	int n = 0;
	const char *next = NULL, *problem = NULL;
	const char *cursor = kv_get(&rq->query, "cursor");
	if (cursor && !*cursor)
		cursor = NULL;
	int rc = groupwork_list(rq->db, &rq->arena, &rq->actor, cursor, 50, &g, &n, &next);
	if (rc == ERR_INVALID) {
		problem = T("The page link is no longer valid: start again from the first page.");
		cursor = NULL;
		rs->status = 422;
		rc = 0;
	}
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Groups"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"head\"><h1>%s</h1>", T("Groups"));
	if (rc == 0 && policy_can(&rq->actor, PERM_GROUP_MANAGE))
		rc = html_printf(&rs->body, "<a class=\"button\" href=\"/groups/new\">%s</a>", T("New group"));
	if (rc == 0)
		rc = html_printf(&rs->body, "</div>");
	if (rc == 0 && problem)
		rc = html_printf(&rs->body, "<p class=\"error\" role=\"alert\">%s <a href=\"/groups\">%s</a></p>", problem,
				 T("First page"));
	if (rc == 0 && n == 0 && !problem)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No groups yet."));
	if (rc == 0 && n)
		rc = html_printf(&rs->body, "<div class=\"scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\"><table class=\"list\"><thead><tr>"
				 "<th>%s</th><th>%s</th><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
				 T("Groups"), T("Name"), T("Purpose"), T("Status"), T("Members"), T("Sessions"));
	for (int i = 0; rc == 0 && i < n; i++) {
		/* The name is the facilitator's text: escaped, whether or not it is a link. */
		rc = g[i].content ? html_printf(&rs->body, "<tr><td><a href=\"/groups/%s\">%s</a></td>", g[i].row.uid, g[i].row.name)
				  : html_printf(&rs->body, "<tr><td>%s</td>", g[i].row.name);
		if (rc == 0)
			rc = html_printf(&rs->body, "<td>%s</td><td>%s</td><td class=\"num\">%d / %d</td><td class=\"num\">%d</td></tr>",
					 C(g[i].row.purpose), C(g[i].row.status), g[i].row.members, g[i].row.capacity, g[i].row.sessions);
	}
	if (rc == 0 && n)
		rc = html_printf(&rs->body, "</tbody></table></div><p class=\"hint\">%s</p>",
				 T("Only a group's facilitators and their supervisors open it; others see the counts."));
	if (rc == 0 && (next || cursor)) {
		rc = html_printf(&rs->body, "<nav class=\"pager\" aria-label=\"%s\">", T("Pages"));
		if (rc == 0 && cursor)
			rc = html_printf(&rs->body, "<a href=\"/groups\">%s</a> ", T("First page"));
		if (rc == 0 && next)
			rc = html_printf(&rs->body, "<a rel=\"next\" href=\"/groups?cursor=%U\">%s</a>", next, T("Next page"));
		if (rc == 0)
			rc = html_printf(&rs->body, "</nav>");
	}
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

static int web_group_form(struct request *rq, struct response *rs, const struct faults *f)
{
	int rc = web_page_begin(rq, rs, T("New group"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/groups\">← %s</a></p><h1>%s</h1>", T("Groups"), T("New group"));
	static const struct web_label labels[] = {
		{"name", "Name"}, {"purpose", "Purpose"}, {"aim", "Aim"}, {"capacity", "Capacity (members)"},
		{"starts_on", "Starts on"}, {"ends_on", "Ends on"}, {"frequency", "Frequency"}, {"place", "Place"},
		{"cofacilitators", "Co-facilitators (user names, separated by commas)"}, {"facilitators", "Facilitators"},
		{"status", "Status"}, {"ppks", "PPKS categories"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/groups\" class=\"stack narrow\">");
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" required value=\"%s\">"
				 "<label for=\"purpose\">%s</label><select id=\"purpose\" name=\"purpose\">",
				 T("Name"), kv_get(&rq->form, "name"), T("Purpose"));
	for (int i = 0; rc == 0 && group_purposes[i]; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", group_purposes[i],
				 str_eq(kv_get(&rq->form, "purpose"), group_purposes[i]) ? " selected" : "", C(group_purposes[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><label for=\"aim\">%s</label><textarea id=\"aim\" name=\"aim\" rows=\"3\" required>%s</textarea>"
				 "<label for=\"capacity\">%s</label><input id=\"capacity\" name=\"capacity\" type=\"number\" min=\"2\" max=\"100\" value=\"%s\" required>"
				 "<label for=\"starts_on\">%s</label><input id=\"starts_on\" name=\"starts_on\" type=\"date\" value=\"%s\">"
				 "<label for=\"ends_on\">%s</label><input id=\"ends_on\" name=\"ends_on\" type=\"date\" value=\"%s\">"
				 "<label for=\"frequency\">%s</label><input id=\"frequency\" name=\"frequency\" value=\"%s\" placeholder=\"%s\">"
				 "<label for=\"place\">%s</label><input id=\"place\" name=\"place\" value=\"%s\">"
				 "<label for=\"cofacilitators\">%s</label><input id=\"cofacilitators\" name=\"cofacilitators\" value=\"%s\" placeholder=\"volunteer\">"
				 "<button type=\"submit\">%s</button></form>",
				 T("Aim"), kv_get(&rq->form, "aim"), T("Capacity (members)"), kv_get(&rq->form, "capacity") ? kv_get(&rq->form, "capacity") : "12",
				 T("Starts on"), kv_get(&rq->form, "starts_on"), T("Ends on"), kv_get(&rq->form, "ends_on"), T("Frequency"),
				 kv_get(&rq->form, "frequency"), T("e.g. every Tuesday"), T("Place"), kv_get(&rq->form, "place"),
				 T("Co-facilitators (user names, separated by commas)"), kv_get(&rq->form, "cofacilitators"), T("Create the group"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_group_new(struct request *rq, struct response *rs)
{
	return web_group_form(rq, rs, NULL);
}

int web_group_create(struct request *rq, struct response *rs)
{
	json_t *in = json_object();
	static const char *const keys[] = {"name", "purpose", "aim", "starts_on", "ends_on", "frequency", "place"};
	for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = kv_get(&rq->form, keys[i]);
		if (!str_empty(v))
			json_object_set_new(in, keys[i], json_string(v));
	}
	const char *cs = kv_get(&rq->form, "capacity");
	json_object_set_new(in, "capacity", web_form_number(cs ? cs : ""));
	json_t *co = json_array();
	const char *names = kv_get(&rq->form, "cofacilitators");
	char *copy = names ? arena_strdup(&rq->arena, names) : NULL;
	for (char *p = copy; p && *p;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = 0;
		char *t = str_trim(p);
		if (*t)
			json_array_append_new(co, json_string(t));
		p = comma ? comma + 1 : p + strlen(p);
	}
	json_object_set_new(in, "cofacilitators", co);
	struct faults f = {0};
	struct group_view g;
	int rc = groupwork_create(rq->db, &rq->arena, &rq->actor, in, &g, &f);
	json_decref(in);
	if (rc == ERR_INVALID) {
		rs->status = 422;
		return web_group_form(rq, rs, &f);
	}
	if (rc)
		return rc;
	response_redirect(rs, arena_printf(&rq->arena, "/groups/%s", g.row.uid));
	return 0;
}

/* web_group_charts draws the group's attendance per session, each member's participation and
 * the group goals' T-score over the sessions. */
static int web_group_charts(struct request *rq, struct response *rs, const struct group_view *g,
			    const struct session_view *s, int ns, const struct member_view *m, int nm)
{
	const char **x = arena_alloc(&rq->arena, sizeof *x * (size_t)(ns + 1));
	double *rate = arena_alloc(&rq->arena, sizeof *rate * (size_t)(ns + 1));
	if (x == NULL || rate == NULL)
		return ERR_NOMEM;
	for (int i = 0; i < ns; i++) {
		x[i] = s[i].row.held_on;
		int total = s[i].row.present + s[i].row.excused + s[i].row.absent;
		rate[i] = total ? 100.0 * s[i].row.present / total : NAN;
	}
	struct chart_series att = {T("Present (percent of members)"), rate, ns};
	int rc = html_printf(&rs->body, "<section id=\"progress\"><h2>%s</h2><div class=\"pictures\"><figure>", T("Progress"));
	if (rc == 0)
		rc = chart_line_svg(&rs->body, T("Attendance per session"), x, ns, &att, 1, 0, 100, T("No session yet."));
	/* participation of up to eight members */
	struct chart_series ps[8];
	int np = 0;
	for (int k = 0; k < nm && np < 8; k++) {
		if (m[k].row.left_on)
			continue;
		double *y = arena_alloc(&rq->arena, sizeof *y * (size_t)(ns + 1));
		if (y == NULL)
			return ERR_NOMEM;
		for (int i = 0; i < ns; i++) {
			y[i] = NAN;
			for (int a = 0; a < s[i].nattendance; a++)
				if (s[i].attendance[a].member_id == m[k].row.id && s[i].attendance[a].participation)
					y[i] = s[i].attendance[a].participation;
		}
		ps[np++] = (struct chart_series){m[k].row.client_name, y, ns};
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</figure><figure>");
	if (rc == 0)
		rc = chart_line_svg(&rs->body, T("Participation (1-5)"), x, ns, ps, np, 0, 5, T("No session yet."));
	/* group goals: T-score at each session where they were scored */
	struct goal_row *goals;
	struct goal_score_row *scores;
	int ng, nsc;
	if (rc == 0)
		rc = groupwork_goals(rq->db, &rq->arena, g, &goals, &ng, &scores, &nsc);
	if (rc == 0 && ng) {
		double *t = arena_alloc(&rq->arena, sizeof *t * (size_t)(ns + 1));
		if (t == NULL)
			return ERR_NOMEM;
		for (int i = 0; i < ns; i++) {
			struct gas_goal gg[50];
			int n = 0;
			for (int k = 0; k < nsc && n < 50; k++)
				if (str_eq(scores[k].held_on, s[i].row.held_on))
					gg[n++] = (struct gas_goal){scores[k].score, 1};
			double ts;
			t[i] = n && gas_tscore(gg, n, &ts) == 0 ? ts : NAN;
		}
		struct chart_series gs = {T("Goal attainment T-score"), t, ns};
		rc = html_printf(&rs->body, "</figure><figure>");
		if (rc == 0)
			rc = chart_line_svg(&rs->body, T("Group goals"), x, ns, &gs, 1, 0, 100, T("No scores yet."));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</figure></div></section>");
	return rc;
}

/* web_group_settings writes the form of the group's status, capacity and end. */
static int web_group_settings(struct request *rq, struct response *rs, const struct group_row *r)
{
	int rc = html_printf(&rs->body, "<section id=\"settings\"><h2>%s</h2><form method=\"post\" action=\"/groups/%s/edit\" class=\"stack narrow\">"
				 "<input type=\"hidden\" name=\"version\" value=\"%lld\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\">",
				 T("Status and capacity"), r->uid, (long long)r->version, T("Status"));
	/* Refused, the form shows what was typed; else the group as it is. */
	const char *edit = arena_printf(&rq->arena, "/groups/%s/edit", r->uid);
	bool typed = web_posted(rq, edit);
	const char *status = typed ? web_typed(rq, edit, "status") : r->status;
	const char *capacity = typed ? web_typed(rq, edit, "capacity") : arena_printf(&rq->arena, "%d", r->capacity);
	const char *ends_on = typed ? web_typed(rq, edit, "ends_on") : r->ends_on;
	for (int i = 0; rc == 0 && group_statuses[i]; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", group_statuses[i],
				 str_eq(status, group_statuses[i]) ? " selected" : "", C(group_statuses[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><label for=\"capacity\">%s</label><input id=\"capacity\" name=\"capacity\" type=\"number\" min=\"2\" max=\"100\" value=\"%s\">"
				 "<label for=\"ends_on\">%s</label><input id=\"ends_on\" name=\"ends_on\" type=\"date\" value=\"%s\">",
				 T("Capacity (members)"), capacity, T("Ends on"), ends_on);
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0)
		rc = html_printf(&rs->body, "<button type=\"submit\" class=\"secondary\">%s</button></form></section>", T("Save"));
	return rc;
}

/* web_group_page shows the group, with the faults of a change to it that was refused (f, or NULL):
 * the change's form keeps what was typed (web_typed). */
static int web_group_page(struct request *rq, struct response *rs, const struct faults *f)
{
	struct group_view g;
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc)
		return rc;
	if (!g.content)
		return ERR_FORBIDDEN;
	struct member_view *m;
	struct session_view *s;
	int nm, ns;
	rc = groupwork_members(rq->db, &rq->arena, &rq->actor, &g, &m, &nm);
	if (rc == 0)
		rc = groupwork_sessions(rq->db, &rq->arena, &rq->actor, &g, &s, &ns);
	if (rc)
		return rc;
	const struct group_row *r = &g.row;
	rc = web_page_begin(rq, rs, r->name);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/groups\">← %s</a></p><div class=\"head\"><h1>%s</h1><span class=\"badge\">%s</span></div>",
				 T("Groups"), r->name, C(r->status));
	static const struct web_label change_labels[] = {
		{"reason", "Reason"}, {"client", "Client"}, {"joined_on", "Member since"}, {"text", "Goal"},
		{"gas_minus2", "Much less than expected (-2)"}, {"gas_minus1", "Less than expected (-1)"},
		{"gas_0", "Expected outcome (0)"}, {"gas_plus1", "More than expected (+1)"},
		{"gas_plus2", "Much more than expected (+2)"}, {"capacity", "Capacity (members)"}, {"status", "Status"},
		{"ends_on", "Ends on"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, change_labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<dl class=\"fields\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"notes\">%s</dd><dt>%s</dt><dd>%d / %d</dd>"
				 "<dt>%s</dt><dd>%s – %s, %s, %s</dd><dt>%s</dt><dd>",
				 T("Purpose"), C(r->purpose), T("Aim"), r->aim, T("Members"), r->members,
				 r->capacity, T("Schedule"), r->starts_on ? r->starts_on : "—", r->ends_on ? r->ends_on : "—",
				 r->frequency ? r->frequency : "—", r->place ? r->place : "—", T("Facilitators"));
	for (int i = 0; rc == 0 && i < r->npeople; i++)
		rc = html_printf(&rs->body, "%s%s (%s)", i ? ", " : "", r->people[i].full_name, C(r->people[i].role));
	if (rc == 0)
		rc = html_printf(&rs->body, "</dd></dl><nav class=\"sections\"><a class=\"button\" href=\"/groups/%s/sessions/new\">%s</a> "
				 "<a href=\"/groups/%s/print\">%s</a></nav>",
				 r->uid, T("Record a session"), r->uid, T("Print the group summary"));
	/* members */
	if (rc == 0)
		rc = html_printf(&rs->body, "<section id=\"members\"><h2>%s</h2><div class=\"scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\">"
				 "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th class=\"num\">%s</th><th>%s</th><th></th></tr></thead><tbody>",
				 T("Members"), T("Members"), T("Name"), T("Joined"), T("Attendance"), T("Case"));
	for (int i = 0; rc == 0 && i < nm; i++) {
		const struct member_view *v = &m[i];
		rc = html_printf(&rs->body, "<tr%R><td><a href=\"/clients/%s\">%s</a>%R</td><td>%s%R</td><td class=\"num\">%s (%d/%d)%R</td><td>%R</td><td>",
				 v->row.left_on ? " class=\"left\"" : "", v->row.client_uid, v->row.client_name,
				 v->row.left_on ? arena_printf(&rq->arena, " <span class=\"badge\">%s</span>", T("left")) : "",
				 v->row.joined_on, v->row.left_on ? arena_printf(&rq->arena, " – %s", v->row.left_on) : "",
				 web_percent(rq, v->rate), v->row.present, v->row.held,
				 v->low ? arena_printf(&rq->arena, " <span class=\"badge warn\">%s</span>", T("below 50%")) : "",
				 v->row.open_case ? arena_printf(&rq->arena, "<a href=\"/cases/%s\">%s</a>", v->row.open_case, T("open case")) : "—");
		if (rc == 0 && v->row.left_on == NULL)
			rc = html_printf(&rs->body, "<a href=\"/groups/%s/members/%s/goals\">%s</a> ", r->uid, v->row.uid, T("Goals"));
		if (rc == 0 && v->row.left_on == NULL) {
			rc = html_printf(&rs->body, "<form method=\"post\" action=\"/groups/%s/members/%s/leave\" class=\"inline danger\">", r->uid, v->row.uid);
			if (rc == 0)
				rc = web_csrf_field(rq, rs);
			if (rc == 0)
				rc = html_printf(&rs->body, "<label class=\"visually-hidden\" for=\"leave-%s\">%s</label><input id=\"leave-%s\" name=\"reason\" required placeholder=\"%s\" value=\"%s\"> "
						 "<button class=\"secondary\">%s</button></form>",
						 v->row.uid, T("Reason for leaving"), v->row.uid, T("Reason for leaving"),
						 web_typed(rq, arena_printf(&rq->arena, "/groups/%s/members/%s/leave", r->uid, v->row.uid), "reason"),
						 T("Leaves the group"));
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</td></tr>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table></div>");
	/* adding members: search the registry */
	const char *join = arena_printf(&rq->arena, "/groups/%s/members", r->uid);
	const char *q = *web_typed(rq, join, "q") ? web_typed(rq, join, "q") : kv_get(&rq->query, "q");
	if (rc == 0 && r->members < r->capacity && !str_eq(r->status, "ended")) {
		char today[11];
		office_today(&rq->actor, today);
		const char *joined = *web_typed(rq, join, "joined_on") ? web_typed(rq, join, "joined_on") : kv_get(&rq->query, "joined_on");
		if (str_empty(joined))
			joined = today;
		rc = html_printf(&rs->body, "<form method=\"get\" action=\"/groups/%s#members\" class=\"search\"><div><label for=\"q\">%s</label>"
				 "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></div><div><label for=\"joined_on\">%s</label>"
				 "<input id=\"joined_on\" name=\"joined_on\" type=\"date\" value=\"%s\"></div><div><button>%s</button></div></form>",
				 r->uid, T("Find a client to add (name or NIK)"), q, T("Member since"), joined, T("Search"));
		if (rc == 0 && !str_empty(q)) {
			struct client_query cq = {.q = q, .limit = 10};
			struct client_page page;
			rc = client_search(rq->db, &rq->arena, &rq->actor, &cq, &page);
			for (int i = 0; rc == 0 && i < page.n; i++) {
				bool member = false;
				for (int k = 0; k < nm; k++)
					member = member || (m[k].row.left_on == NULL && str_eq(m[k].row.client_uid, page.items[i].uid));
				if (member)
					continue;
				rc = html_printf(&rs->body, "<form method=\"post\" action=\"/groups/%s/members\" class=\"inline add-member\">", r->uid);
				if (rc == 0)
					rc = web_csrf_field(rq, rs);
				if (rc == 0)
					rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"client\" value=\"%s\"><input type=\"hidden\" name=\"q\" value=\"%s\">"
							 "<input type=\"hidden\" name=\"joined_on\" value=\"%s\"><button class=\"secondary\">%s %s (%s)</button></form> ",
							 page.items[i].uid, q, joined, T("Add"), page.items[i].name,
							 page.items[i].birth_date ? page.items[i].birth_date : "—");
			}
			if (rc == 0 && page.n == 0)
				rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No clients found."));
		}
	} else if (rc == 0) {
		rc = html_printf(&rs->body, "<p class=\"notice\">%s</p>", T("The group is full: its capacity is reached."));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</section>");
	if (rc == 0)
		rc = web_group_charts(rq, rs, &g, s, ns, m, nm);
	/* sessions, newest first */
	if (rc == 0)
		rc = html_printf(&rs->body, "<section id=\"sessions\"><h2>%s</h2>", T("Sessions"));
	for (int i = ns - 1; rc == 0 && i >= 0; i--) {
		rc = html_printf(&rs->body, "<article class=\"item level-%s\"><header><strong>%s</strong> · %s · %s · %s %d, %s %d, %s %d"
				 " · <a href=\"/groups/%s/sessions/%s/print\">%s</a></header>",
				 s[i].row.level, s[i].row.held_on, C(s[i].row.phase), s[i].row.topic, T("present"), s[i].row.present,
				 T("excused"), s[i].row.excused, T("absent"), s[i].row.absent, r->uid, s[i].row.uid, T("Attendance sheet"));
		if (rc == 0 && s[i].row.activities)
			rc = html_printf(&rs->body, "<p class=\"notes\">%s</p>", s[i].row.activities);
		if (rc == 0 && s[i].notes) {
			json_t *nj = json_loads(s[i].notes, 0, NULL);
			static const char *const keys[] = {"atmosphere", "dynamics", "conflicts", "techniques"};
			static const char *const labels[] = {N_("Atmosphere"), N_("Dynamics"), N_("Conflicts"), N_("Techniques used")};
			rc = html_printf(&rs->body, "<dl class=\"fields\">");
			for (int k = 0; rc == 0 && k < 4; k++)
				if (json_is_string(json_object_get(nj, keys[k])))
					rc = html_printf(&rs->body, "<dt>%s</dt><dd class=\"notes\">%s</dd>", T(labels[k]),
							 json_string_value(json_object_get(nj, keys[k])));
			if (rc == 0)
				rc = html_printf(&rs->body, "</dl>");
			json_decref(nj);
		}
		for (int k = 0; rc == 0 && k < s[i].nattendance; k++)
			if (s[i].observations[k])
				rc = html_printf(&rs->body, "<p><strong>%s</strong>: %s</p>", s[i].attendance[k].client_name, s[i].observations[k]);
		if (rc == 0)
			rc = html_printf(&rs->body, "</article>");
	}
	if (rc == 0 && ns == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No session yet."));
	if (rc == 0)
		rc = html_printf(&rs->body, "</section>");
	/* goals */
	struct goal_row *goals;
	struct goal_score_row *scores;
	int ng, nsc;
	if (rc == 0)
		rc = groupwork_goals(rq->db, &rq->arena, &g, &goals, &ng, &scores, &nsc);
	if (rc == 0)
		rc = html_printf(&rs->body, "<section id=\"goals\"><h2>%s</h2><ul>", T("Group goals"));
	for (int i = 0; rc == 0 && i < ng; i++) {
		json_t *gj = json_loads(goals[i].data, 0, NULL);
		rc = html_printf(&rs->body, "<li><strong>%s</strong> — %s: %s</li>", json_string_value(json_object_get(gj, "text")),
				 T("Expected outcome (0)"), json_string_value(json_object_get(gj, "gas_0")));
		json_decref(gj);
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</ul><form method=\"post\" action=\"/groups/%s/goals\" class=\"stack narrow\">", r->uid);

	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	static const char *const gk[] = {"text", "gas_minus2", "gas_minus1", "gas_0", "gas_plus1", "gas_plus2"};
	static const char *const gl[] = {N_("Goal"), N_("Much less than expected (-2)"), N_("Less than expected (-1)"),
					 N_("Expected outcome (0)"), N_("More than expected (+1)"), N_("Much more than expected (+2)")};
	for (int i = 0; rc == 0 && i < 6; i++)
		rc = html_printf(&rs->body, "<label for=\"g-%s\">%s</label><input id=\"g-%s\" name=\"%s\" required value=\"%s\">", gk[i], T(gl[i]),
				 gk[i], gk[i], web_typed(rq, arena_printf(&rq->arena, "/groups/%s/goals", r->uid), gk[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "<button type=\"submit\" class=\"secondary\">%s</button></form></section>", T("Add a group goal"));
	/* the group's status, capacity and end, for who may run groups */
	if (rc == 0 && policy_can(&rq->actor, PERM_GROUP_MANAGE))
		rc = web_group_settings(rq, rs, r);
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_group_view(struct request *rq, struct response *rs)
{
	return web_group_page(rq, rs, NULL);
}

/* web_group_back answers a change to a group: back to the group when it was done; refused, the
 * group again with why, and the change's form as it was typed. */
static int web_group_back(struct request *rq, struct response *rs, int rc, const struct faults *f, const char *anchor)
{
	if (rc == 0) {
		response_redirect(rs, arena_printf(&rq->arena, "/groups/%s#%s", rq->params[0], anchor));
		return 0;
	}
	if (rc != ERR_INVALID || f->n == 0)
		return rc;
	rs->status = 422;
	return web_group_page(rq, rs, f);
}

int web_group_edit(struct request *rq, struct response *rs)
{
	json_t *in = json_object();
	long v;
	const char *s = kv_get(&rq->form, "version");
	if (s && str_parse_long(s, 1, 0x7fffffffL, &v) == 0)
		json_object_set_new(in, "version", json_integer(v));
	s = kv_get(&rq->form, "capacity");
	if (s)
		json_object_set_new(in, "capacity", web_form_number(s));
	s = kv_get(&rq->form, "status");
	if (s)
		json_object_set_new(in, "status", json_string(s));
	s = kv_get(&rq->form, "ends_on");
	if (s)
		json_object_set_new(in, "ends_on", str_empty(s) ? json_null() : json_string(s));
	struct faults f = {0};
	struct group_view g;
	int rc = groupwork_update(rq->db, &rq->arena, &rq->actor, rq->params[0], in, &g, &f);
	json_decref(in);
	if (rc == ERR_CONFLICT)
		return web_error(rq, rs, rc, "Someone else changed this group after you opened it. Reload the page and save again.");
	return web_group_back(rq, rs, rc, &f, "settings");
}

int web_group_join(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	const char *member;
	const char *joined = kv_get(&rq->form, "joined_on");
	int rc = groupwork_join(rq->db, &rq->arena, &rq->actor, rq->params[0], kv_get(&rq->form, "client"),
				str_empty(joined) ? NULL : joined, kv_get(&rq->form, "reason"), &member, &f);
	const char *q = kv_get(&rq->form, "q");
	if (rc == 0 && !str_empty(q)) { /* back to the same search, to add the next member */
		response_redirect(rs, arena_printf(&rq->arena, "/groups/%s?q=%s&joined_on=%s#members", rq->params[0],
						   url_encode(&rq->arena, q), url_encode(&rq->arena, joined ? joined : "")));
		return 0;
	}
	return web_group_back(rq, rs, rc, &f, "members");
}

int web_group_leave(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	int rc = groupwork_leave(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], NULL,
				 kv_get(&rq->form, "reason"), &f);
	return web_group_back(rq, rs, rc, &f, "members");
}

int web_group_goal(struct request *rq, struct response *rs)
{
	json_t *in = json_pack("{s:s}", "domain", "other");
	static const char *const keys[] = {"text", "gas_minus2", "gas_minus1", "gas_0", "gas_plus1", "gas_plus2"};
	for (unsigned i = 0; i < 6; i++) {
		const char *v = kv_get(&rq->form, keys[i]);
		if (!str_empty(v))
			json_object_set_new(in, keys[i], json_string(v));
	}
	struct faults f = {0};
	const char *uid;
	int rc = groupwork_add_goal(rq->db, &rq->arena, &rq->actor, rq->params[0], in, &uid, &f);
	json_decref(in);
	return web_group_back(rq, rs, rc, &f, "goals");
}

/* ---- a member's own goals, linked to goals of the member's case plan ---- */

/* web_member_goals_page shows the member's goals: those stored, or typed (a refused form's, so
 * that nothing typed is lost). */
static int web_member_goals_page(struct request *rq, struct response *rs, const struct group_view *g,
				 const struct member_view *mv, json_t *typed, const struct faults *f)
{
	/* The goals of the member's open case are offered only to someone who may see that case. */
	struct case_item_view *cg = NULL;
	int ncg = 0;
	if (mv->row.open_case && policy_can(&rq->actor, PERM_CASE_WORK)) {
		struct case_view cv;
		if (casework_get(rq->db, &rq->arena, &rq->actor, mv->row.open_case, &cv) == 0) {
			int rc = casework_items(rq->db, &rq->arena, &rq->actor, &cv, "goal", &cg, &ncg);
			if (rc)
				return rc;
		}
	}
	json_t *goals = typed ? json_incref(typed) : json_loads(mv->row.goals ? mv->row.goals : "[]", 0, NULL);
	int rc = web_page_begin(rq, rs, T("Member's goals"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/groups/%s#members\">← %s</a></p><h1>%s: %s</h1><p class=\"hint\">%s</p>",
				 g->row.uid, g->row.name, T("Member's goals"), mv->row.client_name,
				 T("What this member wants to reach in the group. A goal may be linked to a goal of the member's case plan."));
	/* The typed goals come back in the order sent, so a fault's number is its row's. */
	static const struct web_label labels[] = {{"goals", "Member's goals"}, {"goals[]", "Goal"}, {"was", "Member's goals"}, {NULL, NULL}};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	/* Changed by someone else meanwhile: their goals are shown, and saving again replaces them. */
	bool conflict = f && faults_find(f, "was");
	json_t *now = conflict ? json_loads(mv->row.goals ? mv->row.goals : "[]", 0, NULL) : NULL;
	if (rc == 0 && conflict)
		rc = html_printf(&rs->body, "<div class=\"warning\" role=\"alert\" id=\"conflict\"><p>%s</p><ul>",
				 T("The member's goals as they are now:"));
	size_t at;
	json_t *e0;
	json_array_foreach(now, at, e0)
		if (rc == 0)
			rc = html_printf(&rs->body, "<li>%s</li>", json_string_value(json_object_get(e0, "text")));
	json_decref(now);
	if (rc == 0 && conflict)
		rc = html_printf(&rs->body, "</ul></div>");
	char tag[9];
	groupwork_goals_tag(mv->row.goals, policy_can(&rq->actor, PERM_CASE_WORK), tag);
	const char *was = kv_get(&rq->form, "was");
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/groups/%s/members/%s/goals\" class=\"stack\">"
				 "<input type=\"hidden\" name=\"was\" value=\"%s\">",
				 g->row.uid, mv->row.uid, typed && !conflict && was ? was : tag);
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	int rows = (int)json_array_size(goals) + 2;
	for (int i = 0; rc == 0 && i < rows && i < 20; i++) {
		json_t *e = json_array_get(goals, (size_t)i);
		const char *text = json_string_value(json_object_get(e, "text"));
		const char *link = json_string_value(json_object_get(e, "case_goal"));
		rc = html_printf(&rs->body, "<fieldset><legend>%s %d</legend><label for=\"goal-%d\">%s</label><input id=\"goal-%d\" name=\"goal.%d\" value=\"%s\" maxlength=\"500\">",
				 T("Goal"), i + 1, i, T("Goal"), i, i, text);
		/* The stored goal a row shows, so that its link follows an edit of its text; not after a
		 * conflict, whose goals are no longer those the positions counted. */
		json_t *from = typed ? json_object_get(e, "from") : e ? json_integer(i) : NULL;
		if (rc == 0 && json_is_integer(from) && !conflict)
			rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"from.%d\" value=\"%d\">", i,
					 (int)json_integer_value(from));
		if (!typed)
			json_decref(from);
		if (rc == 0 && (ncg || link)) {
			rc = html_printf(&rs->body, "<label for=\"link-%d\">%s</label><select id=\"link-%d\" name=\"link.%d\"><option value=\"\">—</option>",
					 i, T("Linked goal of the case plan"), i, i);
			bool shown = false;
			for (int k = 0; rc == 0 && k < ncg; k++) {
				json_t *gj = json_loads(cg[k].json, 0, NULL);
				shown = shown || str_eq(link, cg[k].row.uid);
				rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", cg[k].row.uid,
						 str_eq(link, cg[k].row.uid) ? " selected" : "", json_string_value(json_object_get(gj, "text")));
				json_decref(gj);
			}
			if (rc == 0 && link && !shown) /* kept as it is when the case is not the caller's to see */
				rc = html_printf(&rs->body, "<option value=\"%s\" selected>%s</option>", link, T("(a goal of the case plan)"));
			if (rc == 0)
				rc = html_printf(&rs->body, "</select>");
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</fieldset>");
	}
	json_decref(goals);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p class=\"hint\">%s</p><button type=\"submit\">%s</button></form>",
				 T("Empty rows are ignored. Save to get more rows."), T("Save"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* web_member finds an active member of the group by member uid. */
static int web_member(struct request *rq, struct group_view *g, struct member_view *out)
{
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], g);
	struct member_view *m;
	int n;
	if (rc == 0)
		rc = groupwork_members(rq->db, &rq->arena, &rq->actor, g, &m, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		if (str_eq(m[i].row.uid, rq->params[1]) && m[i].row.left_on == NULL) {
			*out = m[i];
			return 0;
		}
	return rc ? rc : ERR_NOTFOUND;
}

int web_member_goals(struct request *rq, struct response *rs)
{
	struct group_view g;
	struct member_view mv;
	int rc = web_member(rq, &g, &mv);
	return rc ? rc : web_member_goals_page(rq, rs, &g, &mv, NULL, NULL);
}

int web_member_goals_save(struct request *rq, struct response *rs)
{
	json_t *goals = json_array();
	for (int i = 0; i < 20; i++) {
		const char *text = kv_get(&rq->form, arena_printf(&rq->arena, "goal.%d", i));
		const char *link = kv_get(&rq->form, arena_printf(&rq->arena, "link.%d", i));
		const char *from = kv_get(&rq->form, arena_printf(&rq->arena, "from.%d", i));
		long at;
		if (str_empty(text))
			continue;
		json_t *e = json_pack("{s:s,s:s?}", "text", text, "case_goal", str_empty(link) ? NULL : link);
		if (from && str_parse_long(from, 0, 19, &at) == 0)
			json_object_set_new(e, "from", json_integer(at));
		json_array_append_new(goals, e);
	}
	struct faults f = {0};
	int rc = groupwork_member_goals(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], goals,
					kv_get(&rq->form, "was"), &f);
	if (rc == ERR_CONFLICT)
		faults_add(&f, "was", "Someone else changed these goals after you opened them. Your input is kept below; save again to replace their change.");
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		int status = rc == ERR_CONFLICT ? 409 : 422;
		struct group_view g;
		struct member_view mv;
		rc = web_member(rq, &g, &mv);
		if (rc == 0) {
			rs->status = status;
			rc = web_member_goals_page(rq, rs, &g, &mv, goals, &f);
		}
		json_decref(goals);
		return rc;
	}
	json_decref(goals);
	if (rc)
		return rc;
	response_redirect(rs, arena_printf(&rq->arena, "/groups/%s#members", rq->params[0]));
	return 0;
}

/* ---- the session form: every member's attendance at once ---- */

static int web_session_form(struct request *rq, struct response *rs, const struct group_view *g, const struct faults *f)
{
	struct member_view *m;
	int nm;
	int rc = groupwork_members(rq->db, &rq->arena, &rq->actor, g, &m, &nm);
	struct goal_row *goals;
	struct goal_score_row *scores;
	int ng, nsc;
	if (rc == 0)
		rc = groupwork_goals(rq->db, &rq->arena, g, &goals, &ng, &scores, &nsc);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Record a session"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/groups/%s\">← %s</a></p><h1>%s: %s</h1>", g->row.uid, g->row.name,
				 T("Record a session"), g->row.name);
	static const struct web_label labels[] = {
		{"date", "Date"}, {"phase", "Phase"}, {"topic", "Topic"}, {"activities", "Activities"},
		{"attendance", "Attendance"}, {"attendance[", "Attendance"}, {"notes", "Process notes (encrypted)"},
		{"notes.", "Process notes (encrypted)"}, {"level", "Who may read the process notes"},
		{"goal_scores", "Group goals"}, {"goal_scores[", "Group goals"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/groups/%s/sessions\" class=\"stack session-form\">", g->row.uid);
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0)
		rc = web_once_field(rq, rs);
	const char *date = kv_get(&rq->form, "date");
	char today[11];
	office_today(&rq->actor, today);
	if (date == NULL)
		date = today;
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"date\">%s</label><input id=\"date\" name=\"date\" type=\"date\" required value=\"%s\">"
				 "<label for=\"phase\">%s</label><select id=\"phase\" name=\"phase\">",
				 T("Date"), date, T("Phase"));
	for (int i = 0; rc == 0 && group_phases[i]; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", group_phases[i],
				 str_eq(kv_get(&rq->form, "phase"), group_phases[i]) || (kv_get(&rq->form, "phase") == NULL && i == 1) ? " selected" : "",
				 C(group_phases[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><label for=\"topic\">%s</label><input id=\"topic\" name=\"topic\" required value=\"%s\">"
				 "<label for=\"activities\">%s</label><textarea id=\"activities\" name=\"activities\" rows=\"2\">%s</textarea>"
				 "<fieldset><legend>%s</legend><div class=\"scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\"><table class=\"attendance\"><thead><tr>"
				 "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Topic"), kv_get(&rq->form, "topic"), T("Activities"), kv_get(&rq->form, "activities"),
				 T("Attendance"), T("Attendance"), T("Member"), T("Attendance"), T("Participation (1-5)"), T("Observation"));
	for (int i = 0; rc == 0 && i < nm; i++) {
		if (m[i].row.left_on)
			continue;
		const char *uid = m[i].row.client_uid;
		const char *st = kv_get(&rq->form, arena_printf(&rq->arena, "status.%s", uid));
		rc = html_printf(&rs->body, "<tr><th scope=\"row\">%s</th><td><fieldset class=\"inline\"><legend class=\"visually-hidden\">%s</legend>",
				 m[i].row.client_name, m[i].row.client_name);
		for (int k = 0; rc == 0 && group_attendances[k]; k++)
			rc = html_printf(&rs->body, "<label><input type=\"radio\" name=\"status.%s\" value=\"%s\"%R> %s</label> ", uid,
					 group_attendances[k], str_eq(st, group_attendances[k]) || (st == NULL && k == 0) ? " checked" : "",
					 C(group_attendances[k]));
		if (rc == 0)
			rc = html_printf(&rs->body, "</fieldset></td><td><label class=\"visually-hidden\" for=\"part-%s\">%s</label>"
					 "<select id=\"part-%s\" name=\"participation.%s\"><option value=\"\">—</option>",
					 uid, T("Participation (1-5)"), uid, uid);
		const char *pv = kv_get(&rq->form, arena_printf(&rq->arena, "participation.%s", uid));
		for (int k = 1; rc == 0 && k <= 5; k++)
			rc = html_printf(&rs->body, "<option value=\"%d\"%R>%d</option>", k, pv && pv[0] == '0' + k ? " selected" : "", k);
		if (rc == 0)
			rc = html_printf(&rs->body, "</select></td><td><label class=\"visually-hidden\" for=\"obs-%s\">%s</label>"
					 "<textarea id=\"obs-%s\" name=\"observation.%s\" rows=\"1\">%s</textarea></td></tr>",
					 uid, T("Observation"), uid, uid, kv_get(&rq->form, arena_printf(&rq->arena, "observation.%s", uid)));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table></div></fieldset><fieldset><legend>%s</legend><p class=\"hint\">%s</p>",
				 T("Process notes (encrypted)"), T("How the group worked today."));
	static const char *const nk[] = {"atmosphere", "dynamics", "conflicts", "techniques"};
	static const char *const nl[] = {N_("Atmosphere"), N_("Dynamics"), N_("Conflicts"), N_("Techniques used")};
	for (int i = 0; rc == 0 && i < 4; i++)
		rc = html_printf(&rs->body, "<label for=\"n-%s\">%s</label><textarea id=\"n-%s\" name=\"notes.%s\" rows=\"2\">%s</textarea>",
				 nk[i], T(nl[i]), nk[i], nk[i], kv_get(&rq->form, arena_printf(&rq->arena, "notes.%s", nk[i])));
	/* A refused form comes back with the level chosen: never quietly back to the widest. */
	static const char *const lv[] = {"normal", "restricted", "sealed"};
	static const char *const ll[] = {N_("Everyone working with the group"), N_("Restricted: facilitators and supervisors"),
					 N_("Sealed: the author and the supervisors")};
	const char *level = kv_get(&rq->form, "level");
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"level\">%s</label><select id=\"level\" name=\"level\">",
				 T("Who may read the process notes"));
	for (int i = 0; rc == 0 && i < 3; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", lv[i], str_eq(level, lv[i]) ? " selected" : "", T(ll[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select></fieldset>");
	if (rc == 0 && ng)
		rc = html_printf(&rs->body, "<fieldset><legend>%s</legend>", T("Group goals"));
	for (int i = 0; rc == 0 && i < ng; i++) {
		json_t *gj = json_loads(goals[i].data, 0, NULL);
		rc = html_printf(&rs->body, "<label for=\"score-%s\">%s</label><select id=\"score-%s\" name=\"score.%s\"><option value=\"\">—</option>",
				 goals[i].uid, json_string_value(json_object_get(gj, "text")), goals[i].uid, goals[i].uid);
		const char *chosen = kv_get(&rq->form, arena_printf(&rq->arena, "score.%s", goals[i].uid));
		for (int sc = -2; rc == 0 && sc <= 2; sc++) {
			char v[4];
			snprintf(v, sizeof v, "%d", sc);
			rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", v, str_eq(chosen, v) ? " selected" : "",
					 arena_printf(&rq->arena, "%+d", sc));
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</select>");
		json_decref(gj);
	}
	if (rc == 0 && ng)
		rc = html_printf(&rs->body, "</fieldset>");
	if (rc == 0)
		rc = html_printf(&rs->body, "<button type=\"submit\">%s</button></form>", T("Save the session"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_group_session_new(struct request *rq, struct response *rs)
{
	struct group_view g;
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc == 0 && !g.content)
		rc = ERR_FORBIDDEN;
	return rc ? rc : web_session_form(rq, rs, &g, NULL);
}

/* web_session_faults_named puts the member's name before the reason of each fault of a row of
 * attendance (uids: the member of each row sent), which the page shows by member, not by row. */
static int web_session_faults_named(struct request *rq, const struct group_view *g, const char **uids, int n,
				    struct faults *f)
{
	struct member_view *m = NULL;
	int nm = 0, rc = 0;
	for (int i = 0; rc == 0 && i < f->n; i++) {
		const char *field = f->list[i].field;
		char *end;
		long k = strncmp(field, "attendance[", 11) == 0 ? strtol(field + 11, &end, 10) : -1;
		if (k < 0 || k >= n || *end != ']')
			continue;
		if (m == NULL && (rc = groupwork_members(rq->db, &rq->arena, &rq->actor, g, &m, &nm)) != 0)
			break;
		for (int j = 0; j < nm; j++)
			if (str_eq(m[j].row.client_uid, uids[k]))
				f->list[i].msg = arena_printf(&rq->arena, "%s — %s", m[j].row.client_name, T(f->list[i].msg));
		if (f->list[i].msg == NULL)
			rc = ERR_NOMEM;
	}
	return rc;
}

int web_group_session_create(struct request *rq, struct response *rs)
{
	json_t *in = json_object();
	static const char *const keys[] = {"date", "phase", "topic", "activities", "level"};
	for (unsigned i = 0; i < 5; i++) {
		const char *v = kv_get(&rq->form, keys[i]);
		if (!str_empty(v))
			json_object_set_new(in, keys[i], json_string(v));
	}
	json_t *notes = json_object(), *att = json_array(), *scores = json_array();
	const char **att_uids = arena_alloc(&rq->arena, sizeof *att_uids * (size_t)(rq->form.n + 1));
	int natt = 0;
	if (att_uids == NULL) {
		json_decref(in);
		return ERR_NOMEM;
	}
	for (int i = 0; i < rq->form.n; i++) {
		const struct kv *e = &rq->form.items[i];
		if (strncmp(e->key, "notes.", 6) == 0 && !str_empty(e->value))
			json_object_set_new(notes, e->key + 6, json_string(e->value));
		if (strncmp(e->key, "status.", 7) == 0) {
			const char *uid = e->key + 7;
			json_t *a = json_pack("{s:s,s:s}", "client", uid, "status", e->value);
			/* Sent as chosen, to be refused with its reason (a score for a member not present), not
			 * dropped without a word. */
			const char *p = kv_get(&rq->form, arena_printf(&rq->arena, "participation.%s", uid));
			if (!str_empty(p))
				json_object_set_new(a, "participation", web_form_number(p));
			const char *o = kv_get(&rq->form, arena_printf(&rq->arena, "observation.%s", uid));
			if (!str_empty(o))
				json_object_set_new(a, "observation", json_string(o));
			json_array_append_new(att, a);
			att_uids[natt++] = uid;
		}
		if (strncmp(e->key, "score.", 6) == 0 && !str_empty(e->value))
			json_array_append_new(scores, json_pack("{s:s,s:o}", "goal", e->key + 6, "score", web_form_number(e->value)));
	}
	json_object_set_new(in, "notes", notes);
	json_object_set_new(in, "attendance", att);
	json_object_set_new(in, "goal_scores", scores);
	struct faults f = {0};
	const char *uid;
	const char *once = kv_get(&rq->form, "once");
	int rc = groupwork_record(rq->db, &rq->arena, &rq->actor, rq->params[0], in, once, &uid, &f);
	json_decref(in);
	if (web_resent(once, rc))
		rc = 0; /* recorded when it was first sent */
	if (rc == ERR_INVALID) {
		struct group_view g;
		int rc2 = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
		if (rc2 == 0)
			rc2 = web_session_faults_named(rq, &g, att_uids, natt, &f);
		if (rc2)
			return rc2;
		rs->status = 422;
		return web_session_form(rq, rs, &g, &f);
	}
	if (rc)
		return rc;
	response_redirect(rs, arena_printf(&rq->arena, "/groups/%s#sessions", rq->params[0]));
	return 0;
}

/* ---- printed: the attendance sheet (daftar hadir) and the group summary ---- */

int web_group_sheet(struct request *rq, struct response *rs)
{
	struct group_view g;
	struct session_view *s;
	int ns;
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc == 0)
		rc = groupwork_sessions(rq->db, &rq->arena, &rq->actor, &g, &s, &ns);
	if (rc)
		return rc;
	const struct session_view *it = NULL;
	for (int i = 0; i < ns; i++)
		if (str_eq(s[i].row.uid, rq->params[1]))
			it = &s[i];
	if (it == NULL)
		return ERR_NOTFOUND;
	rq->lang = str_eq(kv_get(&rq->query, "lang"), "en") ? LANG_EN : LANG_ID;
	rc = web_page_begin(rq, rs, T("Attendance sheet"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<article class=\"document\"><p class=\"noprint\"><button type=\"button\" class=\"print\">%s</button></p>"
				 "<header class=\"doc-head\"><p>%s</p><h1>%s</h1></header><dl class=\"fields\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
				 "<dt>%s</dt><dd>%s</dd></dl><table class=\"sheet\"><thead><tr><th>No</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Print"), g.row.name, T("Attendance sheet"), T("Date"), it->row.held_on, T("Topic"), it->row.topic,
				 T("Place"), g.row.place ? g.row.place : "—", T("Name"), T("Attendance"), T("Signature"));
	for (int i = 0; rc == 0 && i < it->nattendance; i++)
		rc = html_printf(&rs->body, "<tr><td>%d</td><td>%s</td><td>%s</td><td class=\"signature\"></td></tr>", i + 1,
				 it->attendance[i].client_name, C(it->attendance[i].status));
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table><table class=\"signatures\"><tr><td>%s<br><br><br><br>(........................)</td>"
				 "<td>%s<br><br><br><br>(........................)</td></tr></table></article>",
				 T("Facilitator"), T("Co-facilitator"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_group_summary(struct request *rq, struct response *rs)
{
	struct group_view g;
	struct member_view *m;
	struct session_view *s;
	int nm, ns;
	int rc = groupwork_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &g);
	if (rc == 0)
		rc = groupwork_members(rq->db, &rq->arena, &rq->actor, &g, &m, &nm);
	if (rc == 0)
		rc = groupwork_sessions(rq->db, &rq->arena, &rq->actor, &g, &s, &ns);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Group summary report"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<article class=\"document\"><p class=\"noprint\"><button type=\"button\" class=\"print\">%s</button></p>"
				 "<header class=\"doc-head\"><p>%s</p><h1>%s</h1></header><dl class=\"fields\"><dt>%s</dt><dd>%s</dd>"
				 "<dt>%s</dt><dd class=\"notes\">%s</dd><dt>%s</dt><dd>%d</dd><dt>%s</dt><dd>%d / %d</dd></dl>"
				 "<h2>%s</h2><table><thead><tr><th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
				 T("Print"), g.row.name, T("Group summary report"), T("Purpose"), C(g.row.purpose), T("Aim"), g.row.aim,
				 T("Sessions"), ns, T("Members"), g.row.members, g.row.capacity, T("Members"), T("Name"), T("Sessions attended"),
				 T("Attendance"));
	for (int i = 0; rc == 0 && i < nm; i++)
		rc = html_printf(&rs->body, "<tr><td>%s%R</td><td class=\"num\">%d / %d</td><td class=\"num\">%s</td></tr>", m[i].row.client_name,
				 m[i].row.left_on ? arena_printf(&rq->arena, " (%s %s)", T("left"), m[i].row.left_on) : "", m[i].row.present,
				 m[i].row.held, web_percent(rq, m[i].rate));
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table><h2>%s</h2><ol>", T("Sessions"));
	for (int i = 0; rc == 0 && i < ns; i++)
		rc = html_printf(&rs->body, "<li>%s — %s (%s): %s %d, %s %d, %s %d</li>", s[i].row.held_on, s[i].row.topic, C(s[i].row.phase),
				 T("present"), s[i].row.present, T("excused"), s[i].row.excused, T("absent"), s[i].row.absent);
	if (rc == 0)
		rc = html_printf(&rs->body, "</ol></article>");
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}
