/* page_cases.c: casework pages: my cases, a case with its stages, plan, sessions and pictures,
 * the generic forms of every item kind, and the timeline. */
#include "base/err.h"
#include "base/str.h"
#include "domain/agency.h"
#include "domain/casework.h"
#include "domain/client.h"
#include "domain/gas.h"
#include "report/chart.h"
#include "report/ecomap.h"
#include "report/genogram.h"
#include "store/ref_store.h"
#include "web/html.h"
#include "web/pages.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define C(s) T(case_kind_choice_label(s))
#define WEB_SECTION_ITEMS 5 /* records of one kind shown on the case page */
#define WEB_TIMELINE_PAGE 50

/* web_case_path builds "/cases/UID" plus a suffix, in arena memory. */
static const char *web_case_path(struct request *rq, const char *uid, const char *suffix)
{
	return arena_printf(&rq->arena, "/cases/%s%s", uid, suffix ? suffix : "");
}

static int web_stage_badge(struct request *rq, struct response *rs, const char *stage)
{
	return html_printf(&rs->body, "<span class=\"badge stage-%s\">%s</span>", stage, C(stage));
}

/* ---- the list ---- */

int web_cases(struct request *rq, struct response *rs)
{
	struct case_query q = {0};
	q.worker = kv_get(&rq->query, "worker");
	if (q.worker && *q.worker == 0)
		q.worker = NULL;
	q.stage = kv_get(&rq->query, "stage");
	if (q.stage && *q.stage == 0)
		q.stage = NULL;
	/* An unknown stage (a link typed by hand or cut short) would list every case as if of that stage. */
	if (q.stage && stage_index(q.stage) < 0)
		return web_error(rq, rs, ERR_INVALID, "Unknown stage: use intake, assessment, planning, intervention, resocialisation, termination or aftercare.");
	q.overdue = str_eq(kv_get(&rq->query, "overdue"), "1");
	q.cursor = kv_get(&rq->query, "cursor");
	if (q.cursor && *q.cursor == 0)
		q.cursor = NULL;
	q.limit = 25;
	int counts[STAGE_COUNT], overdue;
	int rc = casework_caseload(rq->db, &rq->arena, &rq->actor, q.worker, counts, &overdue);
	struct case_row *rows = NULL;
	int n = 0;
	const char *next = NULL, *bad = NULL;
	if (rc == 0)
		rc = casework_list(rq->db, &rq->arena, &rq->actor, &q, &rows, &n, &next, &bad);
	else if (rc == ERR_INVALID)
		bad = "worker"; /* the caseload's only refusal */
	if (rc == ERR_INVALID)
		return web_error(rq, rs, rc, str_eq(bad, "worker") ? "No such worker: check the name in the filter."
								 : "The page link is no longer valid: start again from the first page.");
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Cases"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"head\"><h1>%s</h1><a class=\"button\" href=\"/clients\">%s</a></div>"
				 "<p class=\"hint\">%s</p><ul class=\"caseload\">",
				 rq->actor.role == ROLE_SUPERVISOR ? T("My team's cases") : T("My cases"),
				 T("Open a case from a client's page"),
				 rq->actor.role == ROLE_SUPERVISOR ? T("Cases of the workers you supervise, and your own.") : T("Cases assigned to you."));
	for (int i = 0; rc == 0 && i < STAGE_COUNT; i++)
		rc = html_printf(&rs->body, "<li><a href=\"/cases?stage=%s&amp;worker=%U\"><strong>%d</strong> %s</a></li>",
				 stage_codes[i], q.worker, counts[i], C(stage_codes[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "<li class=\"%s\"><a href=\"/cases?overdue=1&amp;worker=%U\"><strong>%d</strong> %s</a></li></ul>",
				 overdue ? "warn" : "", q.worker, overdue, T("Overdue"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"get\" action=\"/cases\" class=\"search\">"
				 "<div><label for=\"stage\">%s</label><select id=\"stage\" name=\"stage\"><option value=\"\">%s</option>",
				 T("Stage"), T("All"));
	for (int i = 0; rc == 0 && i < STAGE_COUNT; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", stage_codes[i],
				 str_eq(q.stage, stage_codes[i]) ? " selected" : "", C(stage_codes[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select></div><div><label for=\"worker\">%s</label><input id=\"worker\" name=\"worker\" value=\"%s\"></div>"
				 "<div class=\"check\"><input type=\"checkbox\" id=\"overdue\" name=\"overdue\" value=\"1\"%R><label for=\"overdue\">%s</label></div>"
				 "<div><button type=\"submit\">%s</button></div></form>",
				 T("Worker (user name)"), q.worker, q.overdue ? " checked" : "", T("Only overdue"), T("Filter"));
	if (rc == 0 && n == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No cases."));
	if (rc == 0 && n)
		rc = html_printf(&rs->body, "<div class=\"scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\"><table class=\"list\"><thead><tr>"
				 "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Cases"), T("Client"), T("Stage"), T("Primary worker"), T("Last change"));
	for (int i = 0; rc == 0 && i < n; i++) {
		rc = html_printf(&rs->body, "<tr><td><a href=\"/cases/%s\">%s</a>%R</td><td>", rows[i].uid, rows[i].client_name,
				 rows[i].overdue ? arena_printf(&rq->arena, " <span class=\"badge warn\">%s</span>", T("Overdue")) : "");
		if (rc == 0)
			rc = web_stage_badge(rq, rs, rows[i].stage);
		if (rc == 0)
			rc = html_printf(&rs->body, "</td><td>%s</td><td>%s</td></tr>", rows[i].primary_name, web_time(rq, rows[i].updated_at));
	}
	if (rc == 0 && n)
		rc = html_printf(&rs->body, "</tbody></table></div>");
	if (rc == 0 && next)
		rc = html_printf(&rs->body, "<nav class=\"pager\"><a rel=\"next\" href=\"/cases?stage=%U&amp;worker=%U&amp;overdue=%s&amp;cursor=%U\">%s</a></nav>",
				 q.stage, q.worker, q.overdue ? "1" : "", next, T("Next page"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* ---- opening a case ---- */

static int web_case_new_form(struct request *rq, struct response *rs, const char *client_uid, const struct faults *f)
{
	struct client c;
	int rc = client_get(rq->db, &rq->arena, &rq->actor, client_uid ? client_uid : "", &c);
	if (rc)
		return rc;
	const struct case_kind *pk = case_kind_find("problem");
	const struct field_spec *cat = case_kind_field(pk, "category");
	rc = web_page_begin(rq, rs, T("Open a case"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/clients/%s\">← %s</a></p><h1>%s: %s</h1>", c.uid, c.name, T("Open a case"), c.name);
	static const struct web_label labels[] = {
		{"client", "Client"}, {"reason", "Reason for another open case"}, {"problems", "Problems"},
		{"problems[]", "Problem"}, {"problems[].severity", "Severity (1-5)"},
		{"problems[].since", "Since"}, {"problems[].description", "Description"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases\" class=\"stack\"><input type=\"hidden\" name=\"client\" value=\"%s\">", c.uid);
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	for (int i = 0; rc == 0 && i < 3; i++) {
		rc = html_printf(&rs->body, "<fieldset><legend>%s %d</legend><div class=\"field\"><label for=\"p%d_category\">%s</label>"
				 "<select id=\"p%d_category\" name=\"p%d_category\"><option value=\"\">—</option>",
				 T("Problem"), i + 1, i, T("Problem"), i, i);
		const char *sel = kv_get(&rq->form, arena_printf(&rq->arena, "p%d_category", i));
		for (int k = 0; rc == 0 && cat->choices[k]; k++)
			rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", cat->choices[k],
					 str_eq(sel, cat->choices[k]) ? " selected" : "", C(cat->choices[k]));
		if (rc == 0)
			rc = html_printf(&rs->body, "</select></div><div class=\"field\"><label for=\"p%d_severity\">%s</label>"
					 "<input id=\"p%d_severity\" name=\"p%d_severity\" type=\"number\" min=\"1\" max=\"5\" value=\"%s\"></div>"
					 "<div class=\"field\"><label for=\"p%d_since\">%s</label><input id=\"p%d_since\" name=\"p%d_since\" type=\"date\" value=\"%s\"></div>"
					 "<div class=\"field\"><label for=\"p%d_description\">%s</label><textarea id=\"p%d_description\" name=\"p%d_description\" rows=\"2\">%s</textarea></div></fieldset>",
					 i, T("Severity (1-5)"), i, i, kv_get(&rq->form, arena_printf(&rq->arena, "p%d_severity", i)),
					 i, T("Since"), i, i, kv_get(&rq->form, arena_printf(&rq->arena, "p%d_since", i)),
					 i, T("Description"), i, i, kv_get(&rq->form, arena_printf(&rq->arena, "p%d_description", i)));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"field\"><label for=\"reason\">%s</label><small>%s</small><textarea id=\"reason\" name=\"reason\" rows=\"2\">%s</textarea></div>"
				 "<button type=\"submit\">%s</button></form>",
				 T("Reason for another open case"), T("Only needed when the client already has an open case."),
				 kv_get(&rq->form, "reason"), T("Open the case"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_case_new(struct request *rq, struct response *rs)
{
	return web_case_new_form(rq, rs, kv_get(&rq->query, "client"), NULL);
}

int web_case_create(struct request *rq, struct response *rs)
{
	json_t *problems = json_array();
	struct faults f = {0};
	int row_of[3]; /* the form's row of each problem sent */
	for (int i = 0; i < 3; i++) {
		const char *cat = kv_get(&rq->form, arena_printf(&rq->arena, "p%d_category", i));
		const char *sev = kv_get(&rq->form, arena_printf(&rq->arena, "p%d_severity", i));
		const char *since = kv_get(&rq->form, arena_printf(&rq->arena, "p%d_since", i));
		const char *desc = kv_get(&rq->form, arena_printf(&rq->arena, "p%d_description", i));
		/* A row with anything typed in it goes to be checked: without its category it is refused
		 * and shown again, not dropped with what was typed. */
		if (str_empty(cat) && str_empty(sev) && str_empty(since) && str_empty(desc))
			continue;
		json_t *p = json_object();
		if (!str_empty(cat))
			json_object_set_new(p, "category", json_string(cat));
		if (!str_empty(sev))
			json_object_set_new(p, "severity", web_form_number(sev));
		if (!str_empty(since))
			json_object_set_new(p, "since", json_string(since));
		if (!str_empty(desc))
			json_object_set_new(p, "description", json_string(desc));
		row_of[json_array_size(problems)] = i;
		json_array_append_new(problems, p);
	}
	struct case_view cv;
	int rc = casework_open(rq->db, &rq->arena, &rq->actor, kv_get(&rq->form, "client"), problems,
			       kv_get(&rq->form, "reason"), &cv, &f);
	size_t sent = json_array_size(problems);
	json_decref(problems);
	/* Also when the client was archived meanwhile: the form says so and keeps what was typed
	 * (a client that does not exist has no form: not found). */
	if (rc == ERR_INVALID) {
		/* Rows left empty are not sent: a fault names the form's row, as the page numbers it. */
		for (int i = 0; i < f.n; i++) {
			const char *field = f.list[i].field;
			char *end;
			long k = field && strncmp(field, "problems[", 9) == 0 ? strtol(field + 9, &end, 10) : -1;
			if (k >= 0 && (size_t)k < sent && *end == ']')
				f.list[i].field = arena_printf(&rq->arena, "problems[%d]%s", row_of[k], end + 1);
		}
		rs->status = 422;
		return web_case_new_form(rq, rs, kv_get(&rq->form, "client"), &f);
	}
	if (rc)
		return rc;
	response_redirect(rs, web_case_path(rq, cv.row.uid, NULL));
	return 0;
}

/* ---- showing items ---- */

/* web_ref_name finds the display name of a referenced item among items. */
static const char *web_ref_name(const struct case_item_view *items, int n, const char *uid)
{
	for (int i = 0; i < n; i++) {
		if (!str_eq(items[i].row.uid, uid))
			continue;
		json_t *j = json_loads(items[i].json, 0, NULL);
		const char *name = json_string_value(json_object_get(j, "name"));
		if (name == NULL)
			name = json_string_value(json_object_get(j, "text"));
		static _Thread_local char copy[256];
		snprintf(copy, sizeof copy, "%s", name ? name : uid);
		json_decref(j);
		return copy;
	}
	return uid;
}


/* web_value writes one field's value for reading; items resolve the goals of scores. The program's
 * own records (stage changes, approvals, assignments) hold codes that read as their labels. */
static int web_value(struct request *rq, struct response *rs, const struct case_kind *k, const struct field_spec *fs,
		     json_t *v, const struct case_item_view *items, int n)
{
	if (!k->user_made && json_is_string(v)) {
		const char *s = json_string_value(v);
		if (strlen(s) >= 20 && s[10] == 'T')
			return html_printf(&rs->body, "%s", web_time(rq, s));
		return html_printf(&rs->body, "%s", C(s));
	}
	switch (fs->type) {
	case FT_ENUM:
		return html_printf(&rs->body, "%s", C(json_string_value(v)));
	case FT_BOOL:
		return html_printf(&rs->body, "%s", json_is_true(v) ? T("Yes") : T("No"));
	case FT_INT:
		if (strcmp(fs->name, "value_idr") == 0)
			return html_printf(&rs->body, "Rp %lld", (long long)json_integer_value(v));
		return html_printf(&rs->body, "%lld", (long long)json_integer_value(v));
	case FT_SCORES: {
		size_t i;
		json_t *e;
		int rc = 0;
		json_array_foreach(v, i, e) {
			if (rc == 0)
				rc = html_printf(&rs->body, "%s%s: %s", i ? "; " : "",
						 web_ref_name(items, n, json_string_value(json_object_get(e, "goal"))),
						 arena_printf(&rq->arena, "%+lld", (long long)json_integer_value(json_object_get(e, "score"))));
		}
		return rc;
	}
	case FT_LONG:
		return html_printf(&rs->body, "<span class=\"notes\">%s</span>", json_string_value(v));
	default:
		return html_printf(&rs->body, "%s", json_string_value(v));
	}
}

static int web_item(struct request *rq, struct response *rs, const struct case_view *cv, const struct case_item_view *it,
		    const struct case_item_view *all, int nall)
{
	const struct case_kind *k = case_kind_find(it->row.kind);
	json_t *j = json_loads(it->json, 0, NULL);
	int rc = html_printf(&rs->body, "<article class=\"item level-%s\" id=\"item-%s\"><header><strong>%s</strong> · %s · %s",
			     it->row.level, it->row.uid, T(k->label), it->row.at, it->row.created_by);
	if (rc == 0 && !str_eq(it->row.level, "normal"))
		rc = html_printf(&rs->body, " <span class=\"badge warn\">%s</span>", C(it->row.level));
	if (rc == 0 && cv->can_write && k->user_made)
		rc = html_printf(&rs->body, " <a href=\"/cases/%s/%s/%s/edit\">%s</a>", cv->row.uid, k->plural, it->row.uid, T("Edit"));
	if (rc == 0 && str_eq(k->name, "session"))
		rc = html_printf(&rs->body, " <a href=\"/cases/%s/print/session?item=%s\">%s</a>", cv->row.uid, it->row.uid, T("Print"));
	if (rc == 0)
		rc = html_printf(&rs->body, "</header><dl class=\"fields\">");
	for (int i = 0; rc == 0 && i < k->nfields; i++) {
		json_t *v = json_object_get(j, k->fields[i].name);
		if (v == NULL || json_is_null(v))
			continue;
		rc = html_printf(&rs->body, "<dt>%s</dt><dd>", T(k->fields[i].label));
		if (rc == 0 && k->fields[i].type == FT_REF)
			rc = html_printf(&rs->body, "%s", str_eq(json_string_value(v), "client") ? T("Client")
							   : web_ref_name(all, nall, json_string_value(v)));
		else if (rc == 0)
			rc = web_value(rq, rs, k, &k->fields[i], v, all, nall);
		if (rc == 0)
			rc = html_printf(&rs->body, "</dd>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</dl>");
	if (rc == 0 && str_eq(k->name, "approval") && cv->can_approve &&
	    str_eq(json_string_value(json_object_get(j, "status")), "pending")) {
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/approvals/%s/decision\" class=\"stack decision\">",
				 cv->row.uid, it->row.uid);
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		const char *action = arena_printf(&rq->arena, "/cases/%s/approvals/%s/decision", cv->row.uid, it->row.uid);
		if (rc == 0)
			rc = html_printf(&rs->body, "<label for=\"comment-%s\">%s</label><textarea id=\"comment-%s\" name=\"comment\" rows=\"2\">%s</textarea>"
					 "<div class=\"actions\"><button name=\"decision\" value=\"approve\">%s</button> "
					 "<button name=\"decision\" value=\"return\" class=\"secondary\">%s</button></div></form>",
					 it->row.uid, T("Comment for the worker"), it->row.uid, web_typed(rq, action, "comment"), T("Approve"),
					 T("Return with comment"));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</article>");
	json_decref(j);
	return rc;
}

/* ---- pictures ---- */

static int web_generation(const char *relation)
{
	static const struct {
		const char *rel;
		int gen;
	} gens[] = {{"grandparent", -2}, {"father", -1}, {"mother", -1}, {"uncle_aunt", -1}, {"child", 1}, {"grandchild", 2}};
	for (unsigned i = 0; i < sizeof gens / sizeof gens[0]; i++)
		if (str_eq(relation, gens[i].rel))
			return gens[i].gen;
	return 0;
}

static int web_genogram(struct request *rq, struct response *rs, const struct case_view *cv,
			const struct case_item_view *items, int n)
{
	struct geno_person people[GENO_MAX_PEOPLE];
	struct geno_link links[GENO_MAX_LINKS];
	int np = 0, nl = 0;
	people[np++] = (struct geno_person){"client", cv->row.client_name,
					    str_eq(cv->row.client_sex, "F") ? GENO_FEMALE : str_eq(cv->row.client_sex, "M") ? GENO_MALE : GENO_UNKNOWN,
					    cv->row.client_birth_date ? (cv->row.client_birth_date[0] - '0') * 1000 + (cv->row.client_birth_date[1] - '0') * 100 +
									(cv->row.client_birth_date[2] - '0') * 10 + (cv->row.client_birth_date[3] - '0') : 0,
					    false, 0, true};
	for (int i = 0; i < n; i++) {
		json_t *j = json_loads(items[i].json, 0, NULL);
		if (str_eq(items[i].row.kind, "person") && np < GENO_MAX_PEOPLE) {
			const char *sex = json_string_value(json_object_get(j, "sex"));
			const char *rel = json_string_value(json_object_get(j, "relation"));
			people[np++] = (struct geno_person){items[i].row.uid, arena_strdup(&rq->arena, json_string_value(json_object_get(j, "name"))),
							    str_eq(sex, "F") ? GENO_FEMALE : str_eq(sex, "M") ? GENO_MALE : GENO_UNKNOWN,
							    (int)json_integer_value(json_object_get(j, "birth_year")),
							    json_is_true(json_object_get(j, "deceased")), web_generation(rel), false};
			/* the relation to the client implies a line to the client */
			if (nl < GENO_MAX_LINKS && (str_eq(rel, "father") || str_eq(rel, "mother")))
				links[nl++] = (struct geno_link){items[i].row.uid, "client", GENO_PARENT};
			else if (nl < GENO_MAX_LINKS && str_eq(rel, "child"))
				links[nl++] = (struct geno_link){"client", items[i].row.uid, GENO_PARENT};
			else if (nl < GENO_MAX_LINKS && str_eq(rel, "spouse"))
				links[nl++] = (struct geno_link){"client", items[i].row.uid, GENO_MARRIED};
			else if (nl < GENO_MAX_LINKS && str_eq(rel, "former_spouse"))
				links[nl++] = (struct geno_link){"client", items[i].row.uid, GENO_DIVORCED};
		} else if (str_eq(items[i].row.kind, "link") && nl < GENO_MAX_LINKS) {
			static const char *const kinds[] = {"married", "divorced", "separated", "parent", "conflict", "close", "cutoff"};
			const char *kind = json_string_value(json_object_get(j, "type"));
			for (int k = 0; k < 7; k++)
				if (str_eq(kind, kinds[k]))
					links[nl++] = (struct geno_link){arena_strdup(&rq->arena, json_string_value(json_object_get(j, "from"))),
									 arena_strdup(&rq->arena, json_string_value(json_object_get(j, "to"))),
									 (enum geno_rel)k};
		}
		json_decref(j);
	}
	const char *legend[7] = {T("Married"), T("Divorced"), T("Separated"), T("Parent of"), T("Conflict"), T("Close"), T("Cut off")};
	return genogram_svg(&rs->body, people, np, links, nl, T("Genogram"), legend);
}

static int web_ecomap(struct request *rq, struct response *rs, const struct case_view *cv,
		      const struct case_item_view *items, int n)
{
	struct eco_tie ties[ECOMAP_MAX_TIES];
	int nt = 0;
	for (int i = 0; i < n && nt < ECOMAP_MAX_TIES; i++) {
		if (!str_eq(items[i].row.kind, "tie"))
			continue;
		json_t *j = json_loads(items[i].json, 0, NULL);
		const char *strength = json_string_value(json_object_get(j, "strength"));
		ties[nt++] = (struct eco_tie){arena_strdup(&rq->arena, json_string_value(json_object_get(j, "name"))),
					      C(json_string_value(json_object_get(j, "type"))),
					      str_eq(strength, "strong") ? ECO_STRONG : str_eq(strength, "weak") ? ECO_WEAK : ECO_STRESSFUL};
		json_decref(j);
	}
	const char *legend[3] = {T("Strong"), T("Weak"), T("Stressful")};
	return ecomap_svg(&rs->body, cv->row.client_name, ties, nt, T("Ecomap"), legend);
}

/* web_progress charts the goal attainment T-score and the three social functioning scores at
 * the assessment and at each review. */
static int web_progress(struct request *rq, struct response *rs, const struct case_item_view *items, int n)
{
	const char **x = arena_alloc(&rq->arena, sizeof *x * (size_t)(n + 1));
	double *t = arena_alloc(&rq->arena, sizeof *t * (size_t)(n + 1));
	double *f[3];
	static const char *const keys[3] = {"basic_needs_score", "social_roles_score", "coping_score"};
	for (int k = 0; k < 3; k++)
		f[k] = arena_alloc(&rq->arena, sizeof *f[k] * (size_t)(n + 1));
	if (x == NULL || t == NULL || f[0] == NULL || f[1] == NULL || f[2] == NULL)
		return ERR_NOMEM;
	int np = 0;
	for (int i = 0; i < n; i++) {
		if (!str_eq(items[i].row.kind, "review") && !str_eq(items[i].row.kind, "assessment"))
			continue;
		json_t *j = json_loads(items[i].json, 0, NULL);
		struct gas_goal goals[50];
		int ng = 0;
		size_t s;
		json_t *e;
		json_array_foreach(json_object_get(j, "scores"), s, e) {
			if (ng == 50)
				break;
			int weight = 1;
			for (int g = 0; g < n; g++) {
				if (!str_eq(items[g].row.uid, json_string_value(json_object_get(e, "goal"))))
					continue;
				json_t *gj = json_loads(items[g].json, 0, NULL);
				json_t *w = json_object_get(gj, "weight");
				weight = json_is_integer(w) ? (int)json_integer_value(w) : 1;
				json_decref(gj);
			}
			goals[ng++] = (struct gas_goal){(int)json_integer_value(json_object_get(e, "score")), weight};
		}
		double ts = 0;
		t[np] = ng && gas_tscore(goals, ng, &ts) == 0 ? ts / 20.0 : NAN; /* T 0-100 drawn on the 0-5 scale: see label */
		for (int k = 0; k < 3; k++) {
			json_t *v = json_object_get(j, keys[k]);
			f[k][np] = json_is_integer(v) ? (double)json_integer_value(v) : NAN;
		}
		x[np++] = items[i].row.at;
		json_decref(j);
	}
	struct chart_series series[4] = {
		{T("Goal attainment (T-score ÷ 20)"), t, np},
		{T("Meeting basic needs"), f[0], np},
		{T("Carrying out social roles"), f[1], np},
		{T("Coping with problems"), f[2], np},
	};
	return chart_line_svg(&rs->body, T("Progress"), x, np, series, 4, 0, 5, T("No assessment or review yet."));
}

/* ---- the case page ---- */

static const char *const web_sections[][2] = {
	{"problem", N_("Problems")}, {"assessment", N_("Assessment")}, {"person", N_("Genogram")}, {"link", NULL},
	{"tie", N_("Ecomap")}, {"goal", N_("Plan: goals")}, {"task", N_("Plan: tasks")}, {"resource", N_("Plan: resources")},
	{"signoff", N_("Client sign-off")}, {"approval", N_("Approvals")}, {"session", N_("Sessions")},
	{"service", N_("Services")}, {"referral", N_("Referrals")}, {"review", N_("Reviews")},
	{"termination", N_("Termination")}, {"followup", N_("Aftercare follow-ups")}, {"note", N_("Notes")},
};

static int web_gate(struct request *rq, struct response *rs, bool ok, const char *text)
{
	return html_printf(&rs->body, "<li class=\"%s\">%s %s</li>", ok ? "ok" : "missing", ok ? "✓" : "✗", T(text));
}

/* web_gates lists what the gate out of stage cur looks at, ticked or not. */
static int web_gates(struct request *rq, struct response *rs, int cur, const struct stage_facts *fa)
{
	const struct {
		int stage;
		bool ok;
		const char *text;
	} gates[] = {
		{0, fa->consent, N_("Consent recorded on the client")},
		{2, fa->goals > 0, N_("At least one goal")},
		{2, fa->signoff, N_("Client sign-off, or a reason why not")},
		{2, fa->plan_approved, N_("Plan approved by the supervisor")},
		{4, fa->termination, N_("Termination recorded (reason and outcome)")},
		{4, fa->closure_approved, N_("Closure approved by the supervisor")},
	};
	int rc = 0, open = 0;
	for (unsigned i = 0; rc == 0 && i < sizeof gates / sizeof gates[0]; i++) {
		if (gates[i].stage != cur)
			continue;
		if (open++ == 0)
			rc = html_printf(&rs->body, "<p>%s</p><ul class=\"gates\">", T("Before the next stage:"));
		if (rc == 0)
			rc = web_gate(rq, rs, gates[i].ok, gates[i].text);
	}
	if (rc == 0 && open)
		rc = html_printf(&rs->body, "</ul>");
	return rc;
}

static int web_stage_panel(struct request *rq, struct response *rs, const struct case_view *cv)
{
	int cur = stage_index(cv->row.stage);
	int rc = html_printf(&rs->body, "<section id=\"stage\"><h2>%s</h2><ol class=\"stages\">", T("Stage"));
	for (int i = 0; rc == 0 && i < STAGE_COUNT; i++)
		rc = html_printf(&rs->body, "<li class=\"%s\"%R>%s</li>", i < cur ? "done" : i == cur ? "current" : "",
				 i == cur ? " aria-current=\"step\"" : "", C(stage_codes[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</ol>");
	if (rc == 0)
		rc = web_gates(rq, rs, cur, &cv->facts);
	if (rc == 0 && cv->can_write) {
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/stage\" class=\"stack narrow\">", cv->row.uid);
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		if (rc == 0)
			rc = html_printf(&rs->body, "<label for=\"to\">%s</label><select id=\"to\" name=\"to\">", T("Move to"));
		/* The next stage, unless the form comes back refused: then the stage that was chosen, so
		 * that a move back refused for its note is not saved again as a move forward. */
		const char *action = arena_printf(&rq->arena, "/cases/%s/stage", cv->row.uid);
		int chosen = stage_index(web_typed(rq, action, "to"));
		if (chosen < 0 || chosen == cur || chosen > cur + 1)
			chosen = cur + 1;
		for (int i = 0; rc == 0 && i < STAGE_COUNT; i++)
			if (i != cur && (i < cur || i == cur + 1))
				rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s%s</option>", stage_codes[i],
						 i == chosen ? " selected" : "", C(stage_codes[i]), i < cur ? T(" (back)") : "");
		if (rc == 0)
			rc = html_printf(&rs->body, "</select><label for=\"stage-note\">%s</label><textarea id=\"stage-note\" name=\"note\" rows=\"2\">%s</textarea>"
					 "<button type=\"submit\">%s</button></form>",
					 T("Note (required when moving back)"), web_typed(rq, action, "note"), T("Move the case"));
	}
	bool ask_plan = cur == 2 && cv->facts.goals > 0 && !cv->facts.plan_approved;
	bool ask_closure = cur < 5 && cv->facts.termination && !cv->facts.closure_approved;
	if (rc == 0 && cv->can_write && (ask_plan || ask_closure)) {
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/approvals\" class=\"inline\">", cv->row.uid);
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		if (rc == 0 && ask_plan)
			rc = html_printf(&rs->body, "<button name=\"type\" value=\"plan\" class=\"secondary\">%s</button>",
					 T("Ask the supervisor to approve the plan"));
		if (rc == 0 && ask_closure)
			rc = html_printf(&rs->body, "<button name=\"type\" value=\"closure\" class=\"secondary\">%s</button>",
					 T("Ask the supervisor to approve the closure"));
		if (rc == 0)
			rc = html_printf(&rs->body, "</form>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</section>");
	return rc;
}

static int web_workers_panel(struct request *rq, struct response *rs, const struct case_view *cv)
{
	int rc = html_printf(&rs->body, "<section id=\"workers\"><h2>%s</h2><ul>", T("Workers"));
	for (int i = 0; rc == 0 && i < cv->row.nworkers; i++) {
		const struct case_worker_row *w = &cv->row.workers[i];
		rc = html_printf(&rs->body, "<li>%s (%s) — %s, %s %s", w->full_name, w->name, C(w->role), T("since"), web_time(rq, w->assigned_at));
		if (rc == 0 && cv->can_assign && str_eq(w->role, "secondary")) {
			rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/workers/%s/remove\" class=\"inline\">", cv->row.uid, w->name);
			if (rc == 0)
				rc = web_csrf_field(rq, rs);
			if (rc == 0)
				rc = html_printf(&rs->body, "<label class=\"visually-hidden\" for=\"rm-%s\">%s</label><input id=\"rm-%s\" name=\"reason\" required placeholder=\"%s\" value=\"%s\"> "
						 "<button class=\"secondary\">%s</button></form>",
						 w->name, T("Reason"), w->name, T("Reason"),
						 web_typed(rq, arena_printf(&rq->arena, "/cases/%s/workers/%s/remove", cv->row.uid, w->name), "reason"),
						 T("Remove"));
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</li>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</ul>");
	if (rc == 0 && cv->can_assign) {
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/workers\" class=\"stack narrow\">", cv->row.uid);
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		const char *action = arena_printf(&rq->arena, "/cases/%s/workers", cv->row.uid);
		if (rc == 0)
			rc = html_printf(&rs->body, "<label for=\"assign-user\">%s</label><input id=\"assign-user\" name=\"user\" required value=\"%s\">"
					 "<label for=\"assign-role\">%s</label><select id=\"assign-role\" name=\"role\"><option value=\"secondary\">%s</option>"
					 "<option value=\"primary\"%R>%s</option></select><label for=\"assign-reason\">%s</label>"
					 "<input id=\"assign-reason\" name=\"reason\" value=\"%s\"><button type=\"submit\" class=\"secondary\">%s</button></form>",
					 T("Worker (user name)"), web_typed(rq, action, "user"), T("Role"), C("secondary"),
					 str_eq(web_typed(rq, action, "role"), "primary") ? " selected" : "", T("Primary worker (transfer)"),
					 T("Reason (required for a transfer)"), web_typed(rq, action, "reason"), T("Assign"));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</section>");
	return rc;
}

/* web_case_page shows the case, with the faults of an action on it that was refused (f, or NULL):
 * the action's form keeps what was typed (web_typed). */
static int web_case_page(struct request *rq, struct response *rs, const struct faults *f)
{
	struct case_view cv;
	int rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc)
		return rc;
	struct case_item_view *items;
	int n;
	rc = casework_items(rq->db, &rq->arena, &rq->actor, &cv, NULL, &items, &n);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, arena_printf(&rq->arena, "%s: %s", T("Case"), cv.row.client_name));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/cases\">← %s</a></p><div class=\"head\"><h1>%s <a href=\"/clients/%s\">%s</a></h1>",
				 T("Cases"), T("Case of"), cv.row.client_uid, cv.row.client_name);
	if (rc == 0)
		rc = web_stage_badge(rq, rs, cv.row.stage);
	if (rc == 0 && cv.row.overdue)
		rc = html_printf(&rs->body, " <span class=\"badge warn\">%s</span>", T("Overdue"));
	if (rc == 0)
		rc = html_printf(&rs->body, "</div>");
	static const struct web_label labels[] = {
		{"note", "Note"}, {"comment", "Comment for the worker"}, {"reason", "Reason"},
		{"user", "Worker (user name)"}, {"role", "Role"}, {"type", "Approval of"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0 && cv.access.glass && !cv.access.assigned && !cv.access.supervises)
		rc = html_printf(&rs->body, "<p class=\"warning\" role=\"status\">%s</p>",
				 T("You are looking at this case through emergency access. Everything you open is recorded and shown to the case's workers."));
	for (int i = 0; rc == 0 && i < n; i++)
		if (str_eq(items[i].row.kind, "glass")) {
			json_t *j = json_loads(items[i].json, 0, NULL);
			rc = html_printf(&rs->body, "<p class=\"notice\">%s: %s — %s (%s %s)</p>", T("Emergency access"),
					 json_string_value(json_object_get(j, "user")), json_string_value(json_object_get(j, "reason")),
					 T("until"), json_string_value(json_object_get(j, "until")));
			json_decref(j);
		}
	if (rc == 0)
		rc = html_printf(&rs->body, "<nav class=\"sections\" aria-label=\"%s\"><a href=\"#stage\">%s</a> <a href=\"#pictures\">%s</a> "
				 "<a href=\"/cases/%s/timeline\">%s</a> <a href=\"/cases/%s/print/agreement\">%s</a> "
				 "<a href=\"/cases/%s/print/plan\">%s</a> <a href=\"/cases/%s/print/termination\">%s</a></nav>",
				 T("Sections"), T("Stage"), T("Pictures"), cv.row.uid, T("Timeline"), cv.row.uid,
				 T("Print service agreement"), cv.row.uid, T("Print the plan for the client"), cv.row.uid,
				 T("Print termination report"));
	if (rc == 0)
		rc = web_stage_panel(rq, rs, &cv);
	if (rc == 0)
		rc = web_workers_panel(rq, rs, &cv);
	if (rc == 0)
		rc = html_printf(&rs->body, "<section id=\"pictures\"><h2>%s</h2><div class=\"pictures\"><figure>", T("Pictures"));
	if (rc == 0)
		rc = web_genogram(rq, rs, &cv, items, n);
	if (rc == 0)
		rc = html_printf(&rs->body, "</figure><figure>");
	if (rc == 0)
		rc = web_ecomap(rq, rs, &cv, items, n);
	if (rc == 0)
		rc = html_printf(&rs->body, "</figure><figure>");
	if (rc == 0)
		rc = web_progress(rq, rs, items, n);
	if (rc == 0)
		rc = html_printf(&rs->body, "</figure></div></section>");
	for (unsigned s = 0; rc == 0 && s < sizeof web_sections / sizeof web_sections[0]; s++) {
		const struct case_kind *k = case_kind_find(web_sections[s][0]);
		if (web_sections[s][1])
			rc = html_printf(&rs->body, "<section id=\"%s\"><h2>%s</h2>", k->plural, T(web_sections[s][1]));
		/* The latest few of each kind; the timeline pages through all of them. */
		int total = 0, shown = 0;
		for (int i = 0; i < n; i++)
			total += str_eq(items[i].row.kind, k->name);
		for (int i = 0; rc == 0 && i < n; i++)
			if (str_eq(items[i].row.kind, k->name) && shown++ >= total - WEB_SECTION_ITEMS)
				rc = web_item(rq, rs, &cv, &items[i], items, n);
		if (rc == 0 && total > WEB_SECTION_ITEMS)
			rc = html_printf(&rs->body, "<p><a href=\"/cases/%s/timeline?kind=%s\">%s (%d)</a></p>", cv.row.uid, k->name,
					 T("Show all"), total);
		if (rc == 0 && cv.can_write && k->user_made)
			rc = html_printf(&rs->body, "<p><a class=\"button secondary\" href=\"/cases/%s/%s/new\">%s: %s</a></p>",
					 cv.row.uid, k->plural, T("Add"), T(k->label));
		bool closes = s + 1 == sizeof web_sections / sizeof web_sections[0] || web_sections[s + 1][1] != NULL;
		if (rc == 0 && closes)
			rc = html_printf(&rs->body, "</section>");
	}
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_case_view(struct request *rq, struct response *rs)
{
	return web_case_page(rq, rs, NULL);
}

int web_case_timeline(struct request *rq, struct response *rs)
{
	struct case_view cv;
	int rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc)
		return rc;
	const char *kind = kv_get(&rq->query, "kind");
	const struct case_kind *k = kind && *kind ? case_kind_find(kind) : NULL;
	struct case_item_view *items;
	int n;
	rc = casework_items(rq->db, &rq->arena, &rq->actor, &cv, k ? k->name : NULL, &items, &n);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Timeline"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/cases/%s\">← %s</a></p><h1>%s: %s</h1>"
				 "<form method=\"get\" class=\"search\"><div><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\"><option value=\"\">%s</option>",
				 cv.row.uid, T("Back to the case"), T("Timeline"), cv.row.client_name, T("Show"), T("All"));
	for (int i = 0; rc == 0 && i < case_kinds_count; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", case_kinds[i].name,
				 k == &case_kinds[i] ? " selected" : "", T(case_kinds[i].label));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select></div><div><button type=\"submit\">%s</button></div></form><ol class=\"timeline\">", T("Filter"));
	long page = 1;
	const char *ps = kv_get(&rq->query, "page");
	if (ps && str_parse_long(ps, 1, 100000, &page))
		page = 1;
	int first = (int)(page - 1) * WEB_TIMELINE_PAGE;
	for (int i = first; rc == 0 && i < n && i < first + WEB_TIMELINE_PAGE; i++) {
		rc = html_printf(&rs->body, "<li>");
		if (rc == 0)
			rc = web_item(rq, rs, &cv, &items[i], items, n);
		if (rc == 0)
			rc = html_printf(&rs->body, "</li>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</ol>");
	if (rc == 0 && n == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("Nothing recorded yet."));
	if (rc == 0 && n > WEB_TIMELINE_PAGE) {
		rc = html_printf(&rs->body, "<nav class=\"pager\" aria-label=\"%s\">", T("Pages"));
		if (rc == 0 && page > 1)
			rc = html_printf(&rs->body, "<a rel=\"prev\" href=\"?kind=%U&amp;page=%ld\">%s</a> ", k ? k->name : "", page - 1, T("Previous page"));
		if (rc == 0)
			rc = html_printf(&rs->body, "<span>%ld / %d</span> ", page, (n + WEB_TIMELINE_PAGE - 1) / WEB_TIMELINE_PAGE);
		if (rc == 0 && first + WEB_TIMELINE_PAGE < n)
			rc = html_printf(&rs->body, "<a rel=\"next\" href=\"?kind=%U&amp;page=%ld\">%s</a>", k ? k->name : "", page + 1, T("Next page"));
		if (rc == 0)
			rc = html_printf(&rs->body, "</nav>");
	}
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* ---- the generic item form ---- */

/* web_item_text is a field's value as the conflict list shows it ("" when it has none). */
static const char *web_item_text(struct request *rq, json_t *v)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v))
		return arena_printf(&rq->arena, "%lld", (long long)json_integer_value(v));
	if (json_is_boolean(v))
		return json_is_true(v) ? T("yes") : T("no");
	if (json_is_array(v) || json_is_object(v)) {
		char *d = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
		const char *out = d ? arena_strdup(&rq->arena, d) : "";
		free(d);
		return out ? out : "";
	}
	return "";
}

/* web_item_conflict lists the fields of an item whose stored value differs from what the user
 * sent (mine), so that nobody saves over a colleague's change without seeing it. */
static int web_item_conflict(struct request *rq, struct response *rs, const struct case_kind *k, json_t *mine,
			     const struct case_item_view *now)
{
	json_t *theirs = json_loads(now->json ? now->json : "{}", 0, NULL);
	int rc = web_conflict_open(rq, rs, now->row.updated_by, now->row.updated_at);
	int shown = 0;
	for (int i = 0; rc == 0 && i < k->nfields; i++)
		rc = web_conflict_field(rq, rs, k->fields[i].label, web_item_text(rq, json_object_get(theirs, k->fields[i].name)),
					web_item_text(rq, json_object_get(mine, k->fields[i].name)), &shown);
	json_decref(theirs);
	return rc ? rc : web_conflict_close(rq, rs, shown, N_("Nothing you can see differs; the change may be in a confidential part."));
}

/* web_item_form writes the form of kind k with the values of j (NULL: empty), posting to a new
 * item or to item (uid and version) when editing; errors from f are shown beside their fields. */
static int web_item_form(struct request *rq, struct response *rs, const struct case_view *cv, const struct case_kind *k,
			 json_t *j, const struct case_item_view *item, const struct faults *f)
{
	struct case_item_view *items = NULL;
	int n = 0;
	int rc = casework_items(rq->db, &rq->arena, &rq->actor, cv, NULL, &items, &n);
	struct agency_row *agencies = NULL;
	int na = 0;
	if (rc == 0 && case_kind_field(k, "agency"))
		rc = agency_list(rq->db, &rq->arena, &rq->actor, NULL, &agencies, &na);
	if (rc)
		return rc;
	const char *title = arena_printf(&rq->arena, "%s: %s", item ? T("Edit") : T("Add"), T(k->label));
	rc = web_page_begin(rq, rs, title);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/cases/%s#%s\">← %s</a></p><h1>%s</h1><p class=\"lead\">%s</p>",
				 cv->row.uid, k->plural, T("Back to the case"), title, cv->row.client_name);
	if (rc == 0 && f && f->n) {
		rc = html_printf(&rs->body, "<div class=\"error\" role=\"alert\" id=\"form-errors\"><p>%s</p><ul>", T("Please check the fields marked below."));
		for (int i = 0; rc == 0 && i < f->n; i++) {
			const struct field_spec *fs = case_kind_field(k, f->list[i].field);
			rc = html_printf(&rs->body, "<li><a href=\"#f-%s\">%s</a>: %s</li>", f->list[i].field,
					 fs ? T(fs->label) : f->list[i].field, T(f->list[i].msg));
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</ul></div>");
	}
	if (rc == 0 && item && j && f && faults_find(f, "version"))
		rc = web_item_conflict(rq, rs, k, j, item);
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/%s%R\" class=\"stack item-form\" novalidate>",
				 cv->row.uid, k->plural, item ? arena_printf(&rq->arena, "/%s", item->row.uid) : "");
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0 && item)
		rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)item->row.version);
	else if (rc == 0)
		rc = web_once_field(rq, rs);
	for (int i = 0; rc == 0 && i < k->nfields; i++) {
		const struct field_spec *fs = &k->fields[i];
		json_t *v = j ? json_object_get(j, fs->name) : NULL;
		const char *err = f ? faults_find(f, fs->name) : NULL;
		char num[32] = "";
		if (json_is_integer(v))
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		const char *text = json_is_string(v) ? json_string_value(v) : num;
		const char *req = fs->flags & FIELD_REQUIRED ? " required" : "";
		const char *aria = err ? arena_printf(&rq->arena, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", fs->name) : "";
		rc = html_printf(&rs->body, "<div class=\"field%s\">", err ? " invalid" : "");
		if (rc == 0 && fs->type != FT_BOOL && fs->type != FT_SCORES)
			rc = html_printf(&rs->body, "<label for=\"f-%s\">%s%R</label>", fs->name, T(fs->label),
					 fs->flags & FIELD_REQUIRED ? " <abbr title=\"required\">*</abbr>" : "");
		if (rc)
			break;
		switch (fs->type) {
		case FT_LONG:
			rc = html_printf(&rs->body, "<textarea id=\"f-%s\" name=\"%s\" rows=\"4\"%R%R>%s</textarea>", fs->name, fs->name, req, aria, text);
			break;
		case FT_DATE:
			rc = html_printf(&rs->body, "<input id=\"f-%s\" name=\"%s\" type=\"date\" value=\"%s\"%R%R>", fs->name, fs->name, text, req, aria);
			break;
		case FT_INT:
			rc = html_printf(&rs->body, "<input id=\"f-%s\" name=\"%s\" type=\"number\" min=\"%ld\" max=\"%ld\" value=\"%s\"%R%R>",
					 fs->name, fs->name, fs->min, fs->max, text, req, aria);
			break;
		case FT_ENUM:
			rc = html_printf(&rs->body, "<select id=\"f-%s\" name=\"%s\"%R><option value=\"\">—</option>", fs->name, fs->name, aria);
			for (int c = 0; rc == 0 && fs->choices[c]; c++)
				rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", fs->choices[c],
						 str_eq(text, fs->choices[c]) ? " selected" : "", C(fs->choices[c]));
			if (rc == 0)
				rc = html_printf(&rs->body, "</select>");
			break;
		case FT_BOOL:
			rc = html_printf(&rs->body, "<div class=\"check\"><input type=\"hidden\" name=\"%s\" value=\"0\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"%R><label for=\"f-%s\">%s</label></div>",
					 fs->name, fs->name, fs->name,
					 json_is_true(v) || (v == NULL && str_eq(fs->name, "share_data")) ? " checked" : "", fs->name, T(fs->label));
			break;
		case FT_REF:
			rc = html_printf(&rs->body, "<select id=\"f-%s\" name=\"%s\"%R><option value=\"\">—</option>", fs->name, fs->name, aria);
			if (rc == 0 && str_eq(fs->ref_kind, "person"))
				rc = html_printf(&rs->body, "<option value=\"client\"%R>%s (%s)</option>", str_eq(text, "client") ? " selected" : "",
						 cv->row.client_name, T("Client"));
			for (int c = 0; rc == 0 && str_eq(fs->ref_kind, "agency") && c < na; c++)
				rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", agencies[c].uid,
						 str_eq(text, agencies[c].uid) ? " selected" : "", agencies[c].name);
			for (int c = 0; rc == 0 && c < n; c++)
				if (str_eq(items[c].row.kind, fs->ref_kind))
					rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", items[c].row.uid,
							 str_eq(text, items[c].row.uid) ? " selected" : "", web_ref_name(items, n, items[c].row.uid));
			if (rc == 0)
				rc = html_printf(&rs->body, "</select>");
			if (rc == 0 && str_eq(fs->ref_kind, "agency") && na == 0)
				rc = html_printf(&rs->body, "<p class=\"hint\"><a href=\"/agencies\">%s</a></p>", T("Add partner agencies to the directory first."));
			break;
		case FT_SCORES:
			rc = html_printf(&rs->body, "<fieldset id=\"f-%s\"><legend>%s</legend>", fs->name, T(fs->label));
			for (int c = 0; rc == 0 && c < n; c++) {
				if (!str_eq(items[c].row.kind, "goal"))
					continue;
				long have = -99;
				size_t s;
				json_t *e;
				json_array_foreach(v, s, e)
					if (str_eq(json_string_value(json_object_get(e, "goal")), items[c].row.uid))
						have = (long)json_integer_value(json_object_get(e, "score"));
				rc = html_printf(&rs->body, "<label for=\"score-%s\">%s</label><select id=\"score-%s\" name=\"score.%s\"><option value=\"\">—</option>",
						 items[c].row.uid, web_ref_name(items, n, items[c].row.uid), items[c].row.uid, items[c].row.uid);
				for (int sc = -2; rc == 0 && sc <= 2; sc++)
					rc = html_printf(&rs->body, "<option value=\"%d\"%R>%R</option>", sc, have == sc ? " selected" : "",
							 arena_printf(&rq->arena, "%+d", sc));
				if (rc == 0)
					rc = html_printf(&rs->body, "</select>");
			}
			if (rc == 0)
				rc = html_printf(&rs->body, "</fieldset>");
			break;
		default:
			rc = html_printf(&rs->body, "<input id=\"f-%s\" name=\"%s\" value=\"%s\" maxlength=\"%ld\"%R%R>", fs->name, fs->name, text, fs->max, req, aria);
		}
		if (rc == 0 && err)
			rc = html_printf(&rs->body, "<p class=\"field-error\" id=\"err-%s\">%s</p>", fs->name, T(err));
		if (rc == 0)
			rc = html_printf(&rs->body, "</div>");
	}
	const char *level = j ? json_string_value(json_object_get(j, "level")) : NULL;
	if (level == NULL && item)
		level = item->row.level;
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"field\"><label for=\"f-level\">%s</label><select id=\"f-level\" name=\"level\">"
				 "<option value=\"normal\"%R>%s</option><option value=\"restricted\"%R>%s</option><option value=\"sealed\"%R>%s</option></select>"
				 "<small>%s</small></div><div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"/cases/%s\">%s</a></div></form>",
				 T("Who may read it"), str_eq(level, "restricted") || str_eq(level, "sealed") ? "" : " selected",
				 T("Everyone working on the case"), str_eq(level, "restricted") ? " selected" : "",
				 T("Restricted: assigned workers and supervisor"), str_eq(level, "sealed") ? " selected" : "",
				 T("Sealed: the author and the supervisor"),
				 T("Emergency access never shows restricted or sealed records."), T("Save"), cv->row.uid, T("Cancel"));
	if (rc == 0 && item && cv->can_write) {
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/%s/%s/archive\" class=\"danger\">", cv->row.uid, k->plural, item->row.uid);
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		if (rc == 0)
			rc = html_printf(&rs->body, "<p>%s</p><button class=\"secondary\">%s</button></form>",
					 T("Archiving removes the record from the case; it stays in the audit trail."), T("Archive this record"));
	}
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* web_form_item turns the posted form into the JSON object casework expects for kind k. */
static json_t *web_form_item(struct request *rq, const struct case_kind *k)
{
	json_t *j = json_object();
	for (int i = 0; i < k->nfields; i++) {
		const struct field_spec *fs = &k->fields[i];
		if (fs->type == FT_SCORES) {
			json_t *scores = json_array();
			for (int f = 0; f < rq->form.n; f++) {
				const struct kv *e = &rq->form.items[f];
				long v;
				if (strncmp(e->key, "score.", 6) == 0 && !str_empty(e->value) && str_parse_long(e->value, -2, 2, &v) == 0)
					json_array_append_new(scores, json_pack("{s:s,s:i}", "goal", e->key + 6, "score", (int)v));
			}
			json_object_set_new(j, fs->name, scores);
			continue;
		}
		const char *vals[2];
		int nv = kv_all(&rq->form, fs->name, vals, 2);
		const char *v = nv ? vals[nv - 1] : NULL; /* a checkbox follows its hidden "0" */
		if (v == NULL)
			continue;
		if (str_empty(v)) {
			json_object_set_new(j, fs->name, json_null());
			continue;
		}
		if (fs->type == FT_INT)
			json_object_set_new(j, fs->name, web_form_number(v));
		else if (fs->type == FT_BOOL)
			json_object_set_new(j, fs->name, json_boolean(str_eq(v, "1")));
		else
			json_object_set_new(j, fs->name, json_string(v));
	}
	const char *level = kv_get(&rq->form, "level");
	if (level)
		json_object_set_new(j, "level", json_string(level));
	const char *version = kv_get(&rq->form, "version");
	long ver;
	if (version && str_parse_long(version, 1, 0x7fffffffL, &ver) == 0)
		json_object_set_new(j, "version", json_integer(ver));
	return j;
}

static int web_item_kind(struct request *rq, const struct case_kind **k)
{
	*k = case_kind_find(rq->params[1]);
	return *k && (*k)->user_made ? 0 : ERR_NOTFOUND;
}

int web_item_new(struct request *rq, struct response *rs)
{
	const struct case_kind *k;
	struct case_view cv;
	int rc = web_item_kind(rq, &k);
	if (rc == 0)
		rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc == 0 && !cv.can_write)
		rc = ERR_FORBIDDEN;
	if (rc)
		return rc;
	return web_item_form(rq, rs, &cv, k, NULL, NULL, NULL);
}

int web_item_create(struct request *rq, struct response *rs)
{
	const struct case_kind *k;
	int rc = web_item_kind(rq, &k);
	if (rc)
		return rc;
	json_t *j = web_form_item(rq, k);
	struct faults f = {0};
	struct case_item_view out;
	const char *once = kv_get(&rq->form, "once");
	rc = casework_add(rq->db, &rq->arena, &rq->actor, rq->params[0], k->name, j, once, &out, &f);
	if (web_resent(once, rc))
		rc = 0; /* saved when it was first sent */
	if (rc == ERR_INVALID || rc == ERR_CONSENT) {
		struct case_view cv;
		int rc2 = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
		if (rc2 == 0) {
			rs->status = 422;
			rc = web_item_form(rq, rs, &cv, k, j, NULL, &f);
		} else {
			rc = rc2;
		}
		json_decref(j);
		return rc;
	}
	json_decref(j);
	if (rc)
		return rc;
	response_redirect(rs, arena_printf(&rq->arena, "/cases/%s#%s", rq->params[0], k->plural));
	return 0;
}

static int web_find_item(struct request *rq, const struct case_view *cv, const char *uid, struct case_item_view *out)
{
	struct case_item_view *items;
	int n;
	int rc = casework_items(rq->db, &rq->arena, &rq->actor, cv, NULL, &items, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		if (str_eq(items[i].row.uid, uid)) {
			*out = items[i];
			return 0;
		}
	return rc ? rc : ERR_NOTFOUND;
}

int web_item_edit(struct request *rq, struct response *rs)
{
	const struct case_kind *k;
	struct case_view cv;
	struct case_item_view it;
	int rc = web_item_kind(rq, &k);
	if (rc == 0)
		rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc == 0 && !cv.can_write)
		rc = ERR_FORBIDDEN;
	if (rc == 0)
		rc = web_find_item(rq, &cv, rq->params[2], &it);
	if (rc == 0 && !str_eq(it.row.kind, k->name))
		rc = ERR_NOTFOUND;
	if (rc)
		return rc;
	json_t *j = json_loads(it.json, 0, NULL);
	rc = web_item_form(rq, rs, &cv, k, j, &it, NULL);
	json_decref(j);
	return rc;
}

int web_item_update(struct request *rq, struct response *rs)
{
	const struct case_kind *k;
	int rc = web_item_kind(rq, &k);
	if (rc)
		return rc;
	json_t *j = web_form_item(rq, k);
	struct faults f = {0};
	struct case_item_view out, current = {0};
	rc = casework_update(rq->db, &rq->arena, &rq->actor, rq->params[0], k->name, rq->params[2], j, &out, &current, &f);
	if (rc == ERR_INVALID || rc == ERR_CONSENT || rc == ERR_CONFLICT) {
		struct case_view cv;
		struct case_item_view it;
		int rc2 = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
		if (rc2 == 0)
			rc2 = web_find_item(rq, &cv, rq->params[2], &it);
		if (rc2 == 0) {
			if (rc == ERR_CONFLICT)
				faults_add(&f, "version", "Someone else changed this record after you opened it. Your input is kept below; save again to replace their change.");
			rs->status = rc == ERR_CONFLICT ? 409 : 422;
			rc = web_item_form(rq, rs, &cv, k, j, &it, &f);
		} else {
			rc = rc2;
		}
		json_decref(j);
		return rc;
	}
	json_decref(j);
	if (rc)
		return rc;
	response_redirect(rs, arena_printf(&rq->arena, "/cases/%s#item-%s", rq->params[0], rq->params[2]));
	return 0;
}

int web_item_archive(struct request *rq, struct response *rs)
{
	int rc = casework_archive_item(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], rq->params[2]);
	if (rc)
		return rc;
	response_redirect(rs, web_case_path(rq, rq->params[0], NULL));
	return 0;
}

/* ---- case actions ---- */

/* web_case_back answers an action on a case: back to the case when it was done; refused, the case
 * again with why it was refused and the action's form as it was typed (or, when the case is not
 * the caller's to see, as for emergency access, an error page). */
static int web_case_back(struct request *rq, struct response *rs, int rc, const char *why, const struct faults *f)
{
	if (rc == 0) {
		response_redirect(rs, web_case_path(rq, rq->params[0], NULL));
		return 0;
	}
	if (rc != ERR_GATE && !(rc == ERR_INVALID && (why || (f && f->n))))
		return rc;
	struct faults shown = {0};
	if (why)
		faults_add(&shown, NULL, why);
	int code = rc;
	rs->status = 422;
	rc = web_case_page(rq, rs, why ? &shown : f);
	if (rc == ERR_NOTFOUND) {
		buf_reset(&rs->body);
		return web_error(rq, rs, code, why ? why : f->list[0].msg);
	}
	return rc;
}

int web_case_stage(struct request *rq, struct response *rs)
{
	const char *why = NULL;
	int rc = casework_move(rq->db, &rq->arena, &rq->actor, rq->params[0], kv_get(&rq->form, "to"), kv_get(&rq->form, "note"), &why);
	return web_case_back(rq, rs, rc, why, NULL);
}

int web_case_approval(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	struct case_item_view out;
	int rc = casework_request(rq->db, &rq->arena, &rq->actor, rq->params[0], kv_get(&rq->form, "type"), kv_get(&rq->form, "note"), &out, &f);
	return web_case_back(rq, rs, rc, NULL, &f);
}

int web_case_decide(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	const char *decision = kv_get(&rq->form, "decision");
	if (!str_eq(decision, "approve") && !str_eq(decision, "return"))
		return ERR_BADREQ;
	int rc = casework_decide(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], str_eq(decision, "approve"),
				 kv_get(&rq->form, "comment"), &f);
	return web_case_back(rq, rs, rc, NULL, &f);
}

int web_case_assign(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	int rc = casework_assign(rq->db, &rq->arena, &rq->actor, rq->params[0], kv_get(&rq->form, "user"),
				 kv_get(&rq->form, "role"), kv_get(&rq->form, "reason"), &f);
	struct case_view cv;
	if (rc == 0 && casework_peek(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv) == ERR_NOTFOUND) {
		response_redirect(rs, "/cases"); /* handed over: the case is no longer the caller's */
		return 0;
	}
	return web_case_back(rq, rs, rc, NULL, &f);
}

int web_case_unassign(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	int rc = casework_unassign(rq->db, &rq->arena, &rq->actor, rq->params[0], rq->params[1], kv_get(&rq->form, "reason"), &f);
	return web_case_back(rq, rs, rc, NULL, &f);
}

int web_case_glass(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	int rc = casework_glass(rq->db, &rq->arena, &rq->actor, rq->params[0], kv_get(&rq->form, "reason"), &f);
	return web_case_back(rq, rs, rc, NULL, &f);
}
