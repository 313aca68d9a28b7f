/* page_clients.c: the client registry pages: search, view, register, correct, archive. */
#include "base/err.h"
#include "base/str.h"
#include "domain/casework.h"
#include "domain/client.h"
#include "store/ref_store.h"
#include "web/html.h"
#include "web/pages.h"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define WEB_HOUSEHOLD_SPARE 2
/* Clients on a page of the list. */
#define WEB_LIST_PAGE 25

static const char *const web_wg_labels[5] = {N_("Not asked"), N_("No difficulty"), N_("Some difficulty"),
					      N_("A lot of difficulty"), N_("Cannot do at all")};
static const char *const web_wg_domain_labels[CLIENT_WG_DOMAINS] = {
	N_("Seeing"), N_("Hearing"), N_("Walking or climbing steps"), N_("Remembering or concentrating"),
	N_("Self-care"), N_("Communicating")};
static const char *const web_flag_labels[CLIENT_MAX_FLAGS] = {
	N_("Needs identity documents"), N_("No fixed address"), N_("Urgent"), N_("Cannot be reached")};
static const char *const web_scope_labels[3] = {
	N_("Services in this organisation"), N_("Services and referral to partner agencies"),
	N_("Services, referral and anonymous statistics")};

static const char *web_flag_label(struct request *rq, const char *flag)
{
	for (int i = 0; i < CLIENT_MAX_FLAGS; i++)
		if (str_eq(flag, client_flags[i]))
			return T(web_flag_labels[i]);
	return flag;
}

static const char *web_sex_label(struct request *rq, const char *sex)
{
	return str_eq(sex, "F") ? T("Female") : str_eq(sex, "M") ? T("Male") : "";
}

/* ---- the list ---- */

static int web_ppks_options(struct request *rq, struct response *rs, int selected)
{
	struct ppks_item *items;
	int n;
	int rc = ref_store_ppks(rq->db, &rq->arena, &items, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = html_printf(&rs->body, "<option value=\"%d\"%R>%d. %s</option>", items[i].code,
				 items[i].code == selected ? " selected" : "", items[i].code,
				 rq->lang == LANG_EN ? items[i].name_en : items[i].name_id);
	return rc;
}

int web_clients(struct request *rq, struct response *rs)
{
	struct client_query q = {0};
	q.q = kv_get(&rq->query, "q");
	q.region = kv_get(&rq->query, "region");
	if (q.region)
		q.region = str_trim((char *)q.region); /* the request's own copy */
	q.flag = kv_get(&rq->query, "flag");
	q.cursor = kv_get(&rq->query, "cursor");
	if (q.cursor && !*q.cursor)
		q.cursor = NULL;
	q.archived = str_eq(kv_get(&rq->query, "archived"), "1");
	q.by_update = str_eq(kv_get(&rq->query, "sort"), "updated");
	q.limit = WEB_LIST_PAGE;
	q.within = true; /* a village's or a district's name alone is often shared by many places */
	long ppks = 0;
	const char *ppks_s = kv_get(&rq->query, "ppks");
	/* What cannot be listed, named by the filter's label (web_faults). */
	struct faults problem = {0};
	if (ppks_s && *ppks_s && str_parse_long(ppks_s, 1, 99, &ppks))
		faults_add(&problem, "ppks", "Choose a PPKS category from the list.");
	const char *sort = kv_get(&rq->query, "sort"), *field, *why = client_query_problem(&q, &field);
	if (why)
		faults_add(&problem, field, why);
	if (sort && *sort && !str_eq(sort, "name") && !str_eq(sort, "updated"))
		faults_add(&problem, "sort", "Must be name or updated.");
	q.ppks = (int)ppks;
	struct client_page page = {0};
	int rc = 0;
	if (problem.n == 0) {
		rc = client_search(rq->db, &rq->arena, &rq->actor, &q, &page);
		if (rc == ERR_INVALID) {
			faults_add(&problem, "", "The page link is no longer valid: start again from the first page.");
			rc = 0;
		}
	}
	if (rc)
		return rc;
	if (problem.n)
		rs->status = 422;
	rc = web_page_begin(rq, rs, T("Clients"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"head\"><h1>%s</h1>", T("Clients"));
	if (rc == 0 && policy_can(&rq->actor, PERM_CLIENT_WRITE))
		rc = html_printf(&rs->body, "<a class=\"button\" href=\"/clients/new\">%s</a>", T("Register a client"));
	if (rc == 0)
		rc = html_printf(&rs->body,
			"</div><form method=\"get\" action=\"/clients\" class=\"search\" role=\"search\">"
			"<div><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\"></div>"
			"<div><label for=\"region\">%s</label><input id=\"region\" name=\"region\" value=\"%s\" placeholder=\"32.73\" inputmode=\"decimal\">",
			T("Name or NIK"), q.q, T("e.g. siti nur"), T("Region code"), q.region);
	if (rc == 0)
		rc = web_region_picker(rq, rs, "region", q.region);
	if (rc == 0)
		rc = html_printf(&rs->body, "</div><div><label for=\"ppks\">%s</label><select id=\"ppks\" name=\"ppks\"><option value=\"\">%s</option>",
				 T("PPKS category"), T("All"));
	if (rc == 0)
		rc = web_ppks_options(rq, rs, q.ppks);
	if (rc == 0)
		rc = html_printf(&rs->body, "</select></div><div><label for=\"flag\">%s</label><select id=\"flag\" name=\"flag\"><option value=\"\">%s</option>",
				 T("Flag"), T("All"));
	for (int i = 0; rc == 0 && i < CLIENT_MAX_FLAGS; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", client_flags[i],
				 str_eq(q.flag, client_flags[i]) ? " selected" : "", T(web_flag_labels[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "<option value=\"nik_warning\"%R>%s</option></select></div>"
			"<div><label for=\"sort\">%s</label><select id=\"sort\" name=\"sort\"><option value=\"name\">%s</option>"
			"<option value=\"updated\"%R>%s</option></select></div>"
			"<div class=\"check\"><input type=\"checkbox\" id=\"archived\" name=\"archived\" value=\"1\"%R><label for=\"archived\">%s</label></div>"
			"<div><button type=\"submit\">%s</button></div></form>",
			str_eq(q.flag, "nik_warning") ? " selected" : "", T("NIK warning"), T("Sort by"), T("Name"),
			q.by_update ? " selected" : "", T("Last update"), q.archived ? " checked" : "",
			T("Archived"), T("Search"));
	static const struct web_label labels[] = {
		{"q", "Name or NIK"}, {"region", "Region code"}, {"ppks", "PPKS category"}, {"flag", "Flag"},
		{"sort", "Sort by"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, &problem, labels);
	if (rc == 0 && page.n == 0 && problem.n == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No clients found."));
	if (rc == 0 && page.n > 0)
		rc = html_printf(&rs->body, "<div class=\"scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\"><table class=\"list\"><thead><tr><th>%s</th><th>NIK</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Clients"), T("Name"), T("Sex"), T("Birth date"), T("Region"), T("Flags"));
	for (int i = 0; rc == 0 && i < page.n; i++) {
		const struct client *c = &page.items[i];
		/* Sorted by name, the spellings as typed come first: say where the others begin. */
		if (rc == 0 && !q.by_update && c->variant && (i == 0 || !page.items[i - 1].variant))
			rc = html_printf(&rs->body, "<tr class=\"variants\"><th colspan=\"6\" scope=\"rowgroup\">%s</th></tr>",
					 T("Found through another spelling of the name"));
		if (rc == 0)
			rc = html_printf(&rs->body, "<tr><td><a href=\"/clients/%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s %s",
				 c->uid, c->name, c->nik ? c->nik : "—", web_sex_label(rq, c->sex),
				 c->birth_date, c->region, c->region_name);
		if (rc == 0 && c->region_within && *c->region_within)
			rc = html_printf(&rs->body, "<span class=\"within\">, %s</span>", c->region_within);
		if (rc == 0)
			rc = html_printf(&rs->body, "</td><td>");
		for (int k = 0; rc == 0 && k < c->nflags; k++)
			rc = html_printf(&rs->body, "<span class=\"badge\">%s</span> ", web_flag_label(rq, c->flags[k]));
		if (rc == 0 && c->nik_warning)
			rc = html_printf(&rs->body, "<span class=\"badge warn\">%s</span>", T("NIK warning"));
		if (rc == 0)
			rc = html_printf(&rs->body, "</td></tr>");
	}
	if (rc == 0 && page.n > 0)
		rc = html_printf(&rs->body, "</tbody></table></div>");
	if (rc == 0 && (page.next_cursor || q.cursor)) {
		rc = html_printf(&rs->body, "<nav class=\"pager\" aria-label=\"%s\">", T("Pages"));
		if (rc == 0 && q.cursor)
			rc = html_printf(&rs->body, "<a href=\"/clients?q=%U&amp;region=%U&amp;ppks=%U&amp;flag=%U&amp;sort=%s&amp;archived=%s\">%s</a> ",
					 q.q, q.region, ppks_s, q.flag, q.by_update ? "updated" : "name", q.archived ? "1" : "",
					 T("First page"));
		if (rc == 0 && page.next_cursor)
			rc = html_printf(&rs->body, "<a rel=\"next\" href=\"/clients?q=%U&amp;region=%U&amp;ppks=%U&amp;flag=%U&amp;sort=%s&amp;archived=%s&amp;cursor=%U\">%s</a>",
					 q.q, q.region, ppks_s, q.flag, q.by_update ? "updated" : "name", q.archived ? "1" : "",
					 page.next_cursor, T("Next page"));
		if (rc == 0)
			rc = html_printf(&rs->body, "</nav>");
	}
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* ---- one client ---- */

static int web_dl(struct request *rq, struct response *rs, const char *label, const char *value)
{
	return html_printf(&rs->body, "<dt>%s</dt><dd>%s</dd>", T(label), value && *value ? value : "—");
}

/* web_client_cases lists the client's cases: open the ones the caller works on, or ask for
 * emergency access (with a reason) to the others. */
static int web_client_cases(struct request *rq, struct response *rs, const struct client *c)
{
	struct case_row *rows;
	int n;
	int rc = casework_of_client(rq->db, &rq->arena, &rq->actor, c->uid, &rows, &n);
	if (rc)
		return rc;
	rc = html_printf(&rs->body, "<section id=\"cases\"><h2>%s</h2>", T("Cases"));
	if (rc == 0 && n == 0)
		rc = html_printf(&rs->body, "<p>%s</p>", T("No case yet."));
	for (int i = 0; rc == 0 && i < n; i++) {
		rc = html_printf(&rs->body, "<div class=\"item\"><p>%s · %s · %s %s</p>", T(case_kind_choice_label(rows[i].stage)),
				 rows[i].primary_name, T("opened"), web_time(rq, rows[i].created_at));
		if (rc == 0 && rows[i].overdue) {
			rc = html_printf(&rs->body, "<p><a class=\"button\" href=\"/cases/%s\">%s</a></p>", rows[i].uid, T("Open the case"));
		} else if (rc == 0) {
			rc = html_printf(&rs->body, "<form method=\"post\" action=\"/cases/%s/emergency-access\" class=\"stack narrow danger\">", rows[i].uid);
			if (rc == 0)
				rc = web_csrf_field(rq, rs);
			if (rc == 0)
				rc = html_printf(&rs->body, "<p>%s</p><label for=\"glass-%d\">%s</label><textarea id=\"glass-%d\" name=\"reason\" rows=\"2\" required minlength=\"10\"></textarea>"
						 "<button class=\"secondary\">%s</button></form>",
						 T("This case is not assigned to you. In an emergency you may open it for 4 hours; the reason is recorded and shown to its workers."),
						 i, T("Reason for emergency access"), i, T("Open with emergency access"));
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</div>");
	}
	if (rc == 0 && c->archived_at == NULL)
		rc = html_printf(&rs->body, "<p><a class=\"button secondary\" href=\"/cases/new?client=%s\">%s</a></p>", c->uid, T("Open a case"));
	if (rc == 0)
		rc = html_printf(&rs->body, "</section>");
	return rc;
}

int web_client_view(struct request *rq, struct response *rs)
{
	struct client c;
	int rc = client_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &c);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, c.name);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/clients\">← %s</a></p><div class=\"head\"><h1>%s</h1>",
				 T("All clients"), c.name);
	if (rc == 0 && policy_can(&rq->actor, PERM_CLIENT_WRITE))
		rc = html_printf(&rs->body, "<a class=\"button\" href=\"/clients/%s/edit\">%s</a>", c.uid, T("Correct the record"));
	if (rc == 0)
		rc = html_printf(&rs->body, "</div>");
	if (rc == 0 && c.archived_at)
		rc = html_printf(&rs->body, "<p class=\"notice\">%s %s</p>", T("Archived on"), web_time(rq, c.archived_at));
	if (rc == 0 && c.nik_warning)
		rc = html_printf(&rs->body, "<p class=\"warning\" role=\"status\"><strong>%s</strong> %s</p>",
				 T("NIK warning:"), T(c.nik_warning));
	if (rc == 0)
		rc = html_printf(&rs->body, "<section><h2>%s</h2><dl class=\"fields\">", T("Identity"));
	if (rc == 0)
		rc = web_dl(rq, rs, "NIK", c.nik);
	if (rc == 0)
		rc = web_dl(rq, rs, "KK number", c.kk);
	if (rc == 0)
		rc = web_dl(rq, rs, "Other names", c.other_names);
	if (rc == 0)
		rc = web_dl(rq, rs, "Sex", web_sex_label(rq, c.sex));
	if (rc == 0)
		rc = web_dl(rq, rs, "Birth place", c.birth_place);
	if (rc == 0)
		rc = web_dl(rq, rs, "Birth date", c.birth_date);
	if (rc == 0)
		rc = web_dl(rq, rs, "Address", c.address);
	/* The region with the regions it lies in, as far as the loaded list knows them. */
	const char *where = NULL;
	if (rc == 0)
		rc = web_region_label(rq, c.region, &where);
	if (rc == 0)
		rc = web_dl(rq, rs, "Region", where ? arena_printf(&rq->arena, "%s %s", c.region, where) : c.region);
	if (rc == 0)
		rc = web_dl(rq, rs, "Phone", c.phone);
	if (rc == 0)
		rc = html_printf(&rs->body, "<dt>%s</dt><dd>", T("Flags"));
	for (int i = 0; rc == 0 && i < c.nflags; i++)
		rc = html_printf(&rs->body, "<span class=\"badge\">%s</span> ", web_flag_label(rq, c.flags[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "%s</dd><dt>%s</dt><dd>", c.nflags ? "" : "—", T("PPKS categories"));
	if (rc == 0 && c.nppks) {
		struct ppks_item *items;
		int n;
		rc = ref_store_ppks(rq->db, &rq->arena, &items, &n);
		for (int i = 0; rc == 0 && i < c.nppks; i++)
			for (int k = 0; rc == 0 && k < n; k++)
				if (items[k].code == c.ppks[i])
					rc = html_printf(&rs->body, "<span class=\"badge\">%d. %s</span> ", items[k].code,
							 rq->lang == LANG_EN ? items[k].name_en : items[k].name_id);
	} else if (rc == 0) {
		rc = html_printf(&rs->body, "—");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</dd></dl></section>");
	if (rc == 0 && c.sensitive_loaded) {
		rc = html_printf(&rs->body, "<section><h2>%s</h2><dl class=\"fields\">", T("Disability (Washington Group)"));
		for (int i = 0; rc == 0 && i < CLIENT_WG_DOMAINS; i++)
			rc = web_dl(rq, rs, web_wg_domain_labels[i], T(web_wg_labels[c.disability[i]]));
		if (rc == 0)
			rc = html_printf(&rs->body, "</dl></section><section><h2>%s</h2>", T("Household"));
		if (rc == 0 && c.nhousehold == 0)
			rc = html_printf(&rs->body, "<p>—</p>");
		if (rc == 0 && c.nhousehold)
			rc = html_printf(&rs->body, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>NIK</th></tr></thead><tbody>",
					 T("Name"), T("Relation"), T("Sex"), T("Birth date"));
		for (int i = 0; rc == 0 && i < c.nhousehold; i++) {
			const struct household_member *m = &c.household[i];
			rc = html_printf(&rs->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
					 m->name, m->relation, web_sex_label(rq, m->sex), m->birth_date, m->nik);
		}
		if (rc == 0 && c.nhousehold)
			rc = html_printf(&rs->body, "</tbody></table>");
		if (rc == 0)
			rc = html_printf(&rs->body, "</section><section><h2>%s</h2>", T("Consent to data processing"));
		if (rc == 0 && !c.has_consent)
			rc = html_printf(&rs->body, "<p class=\"warning\">%s</p>", T("No consent recorded yet."));
		if (rc == 0 && c.has_consent) {
			rc = html_printf(&rs->body, "<dl class=\"fields\">");
			if (rc == 0)
				rc = web_dl(rq, rs, "Given on", c.consent.given_on);
			for (int i = 0; rc == 0 && i < 3; i++)
				if (str_eq(c.consent.scope, client_consent_scopes[i]))
					rc = web_dl(rq, rs, "Scope", T(web_scope_labels[i]));
			if (rc == 0)
				rc = web_dl(rq, rs, "Recorded by", c.consent.recorded_by);
			if (rc == 0)
				rc = web_dl(rq, rs, "Guardian", c.consent.guardian_name ? arena_printf(&rq->arena, "%s (%s)", c.consent.guardian_name, c.consent.guardian_relation ? c.consent.guardian_relation : "") : NULL);
			if (rc == 0)
				rc = html_printf(&rs->body, "</dl>");
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</section><section><h2>%s</h2><p class=\"notes\">%s</p></section>",
					 T("Notes"), c.notes ? c.notes : "—");
	}
	if (rc == 0 && policy_can(&rq->actor, PERM_CASE_WORK))
		rc = web_client_cases(rq, rs, &c);
	if (rc == 0 && (policy_can(&rq->actor, PERM_CLIENT_SENSITIVE) || policy_can(&rq->actor, PERM_AUDIT_READ)))
		rc = html_printf(&rs->body, "<p><a href=\"/clients/%s/access-log\">%s</a></p>", c.uid, T("Who opened this file (printable for the client)"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p class=\"meta\">%s %s (%s) · %s %s (%s) · %s %lld</p>",
				 T("Registered"), web_time(rq, c.created_at), c.created_by, T("last changed"), web_time(rq, c.updated_at),
				 c.updated_by, T("version"), (long long)c.version);
	if (rc == 0 && c.archived_at == NULL && policy_can(&rq->actor, PERM_CLIENT_ARCHIVE)) {
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/clients/%s/archive\" class=\"danger\">", c.uid);
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		if (rc == 0)
			rc = html_printf(&rs->body, "<p>%s</p><button type=\"submit\" class=\"secondary\">%s</button></form>",
					 T("Archiving hides the client from the registry; nothing is deleted."), T("Archive this client"));
	}
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* ---- the form ---- */

struct web_form {
	struct client c;
	struct client_result res;
	bool has_result;
	bool is_new;
};

static const char *web_err(const struct web_form *wf, const char *field)
{
	return wf->has_result ? faults_find(&wf->res.faults, field) : NULL;
}

static const struct {
	const char *field, *label;
} web_labels[] = {
	{"name", N_("Full name")}, {"other_names", N_("Other names (nicknames, earlier names)")},
	{"nik", "NIK"}, {"kk", N_("KK number")}, {"sex", N_("Sex")}, {"birth_place", N_("Birth place")},
	{"birth_date", N_("Birth date")}, {"address", N_("Address")}, {"region", N_("Region")},
	{"phone", N_("Phone")}, {"ppks", N_("PPKS categories")}, {"flags", N_("Flags")},
	{"disability", N_("Disability (Washington Group)")}, {"notes", N_("Notes")},
	{"consent.given_on", N_("Consent given on")}, {"consent.scope", N_("Consent scope")},
	{"consent.guardian_name", N_("Guardian's name (for a child)")},
	{"consent.guardian_relation", N_("Guardian's relation to the client")},
	{"relation", N_("Relation")},
};

/* web_field_label names a fault's field as the form labels it ("household[1].name" → "Household
 * member 2: Full name"). */
static const char *web_field_label(struct request *rq, const char *field)
{
	int row = -1;
	const char *sub = field;
	if (strncmp(field, "household[", 10) == 0) {
		long v = 0;
		const char *close = strchr(field, ']');
		char digits[8] = {0};
		if (close && close - field - 10 < 7) {
			memcpy(digits, field + 10, (size_t)(close - field - 10));
			if (str_parse_long(digits, 0, 99, &v) == 0)
				row = (int)v;
			sub = close[1] == '.' ? close + 2 : close + 1;
		}
	}
	const char *label = sub;
	for (unsigned i = 0; i < sizeof web_labels / sizeof web_labels[0]; i++)
		if (strcmp(sub, web_labels[i].field) == 0)
			label = T(web_labels[i].label);
	if (row >= 0)
		return arena_printf(&rq->arena, "%s %d: %s", T("Household member"), row + 1, label);
	return label;
}

/* web_field_anchor is the id of the control to focus for a fault's field. */
static const char *web_field_anchor(const char *field)
{
	if (strcmp(field, "disability") == 0)
		return "dis_seeing";
	if (strncmp(field, "disability.", 11) == 0 || strcmp(field, "version") == 0)
		return "main";
	if (strcmp(field, "ppks") == 0)
		return "ppks-1";
	if (strcmp(field, "flags") == 0)
		return "flags";
	return field;
}

/* web_input writes a labelled text input with its error message, if any. */
static int web_input(struct request *rq, struct response *rs, const struct web_form *wf,
		     const char *field, const char *label, const char *value, const char *attrs,
		     const char *hint)
{
	const char *err = web_err(wf, field);
	int rc = html_printf(&rs->body, "<div class=\"field%s\"><label for=\"%s\">%s</label>",
			     err ? " invalid" : "", field, T(label));
	if (rc == 0 && hint)
		rc = html_printf(&rs->body, "<small id=\"hint-%s\">%s</small>", field, T(hint));
	if (rc == 0)
		rc = html_printf(&rs->body, "<input id=\"%s\" name=\"%s\" value=\"%s\" %R", field, field, value,
				 attrs ? attrs : "");
	if (rc == 0 && (err || hint))
		rc = html_printf(&rs->body, " aria-describedby=\"%s%s%s%s\"", hint ? "hint-" : "", hint ? field : "",
				 hint && err ? " " : "", err ? arena_printf(&rq->arena, "err-%s", field) : "");
	if (rc == 0 && err)
		rc = html_printf(&rs->body, " aria-invalid=\"true\"");
	if (rc == 0)
		rc = html_printf(&rs->body, ">");
	if (rc == 0 && err)
		rc = html_printf(&rs->body, "<p class=\"field-error\" id=\"err-%s\">%s</p>", field, T(err));
	if (rc == 0)
		rc = html_printf(&rs->body, "</div>");
	return rc;
}


/* web_conflict lists the fields whose stored value differs from what the user submitted, so that
 * nobody overwrites a colleague's correction without seeing it. */
static int web_conflict(struct request *rq, struct response *rs, const struct client *mine,
			const struct client *now)
{
	static const struct {
		const char *label;
		size_t offset;
	} fields[] = {
		{N_("Full name"), offsetof(struct client, name)},
		{N_("Other names (nicknames, earlier names)"), offsetof(struct client, other_names)},
		{"NIK", offsetof(struct client, nik)},
		{N_("KK number"), offsetof(struct client, kk)},
		{N_("Sex"), offsetof(struct client, sex)},
		{N_("Birth place"), offsetof(struct client, birth_place)},
		{N_("Birth date"), offsetof(struct client, birth_date)},
		{N_("Address"), offsetof(struct client, address)},
		{N_("Region"), offsetof(struct client, region)},
		{N_("Phone"), offsetof(struct client, phone)},
		{N_("Notes"), offsetof(struct client, notes)},
	};
	int rc = web_conflict_open(rq, rs, now->updated_by, now->updated_at);
	int shown = 0;
	for (unsigned i = 0; rc == 0 && i < sizeof fields / sizeof fields[0]; i++)
		rc = web_conflict_field(rq, rs, fields[i].label, *(const char *const *)((const char *)now + fields[i].offset),
					*(const char *const *)((const char *)mine + fields[i].offset), &shown);
	return rc ? rc : web_conflict_close(rq, rs, shown, N_("Lists (PPKS, flags, household, disability or consent) differ."));
}

static int web_client_form(struct request *rq, struct response *rs, struct web_form *wf)
{
	struct client *c = &wf->c;
	const char *title = wf->is_new ? T("Register a client") : T("Correct the record");
	int rc = web_page_begin(rq, rs, title);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"%R\">← %s</a></p><h1>%s</h1>",
				 wf->is_new ? "/clients" : arena_printf(&rq->arena, "/clients/%s", c->uid),
				 T("Back"), title);
	if (rc == 0 && wf->has_result && wf->res.faults.n)
		rc = html_printf(&rs->body, "<div class=\"error\" role=\"alert\" id=\"form-errors\"><p>%s</p><ul>",
				 T("Please check the fields marked below."));
	for (int i = 0; rc == 0 && wf->has_result && i < wf->res.faults.n; i++) {
		const char *field = wf->res.faults.list[i].field;
		rc = html_printf(&rs->body, "<li><a href=\"#%s\">%s</a>: %s</li>", web_field_anchor(field),
				 web_field_label(rq, field), T(wf->res.faults.list[i].msg));
	}
	if (rc == 0 && wf->has_result && wf->res.faults.n)
		rc = html_printf(&rs->body, "</ul></div>");
	if (rc == 0 && wf->has_result && wf->res.current.uid)
		rc = web_conflict(rq, rs, c, &wf->res.current);
	if (rc == 0 && wf->has_result && wf->res.existing_uid)
		rc = html_printf(&rs->body, "<p class=\"warning\"><a href=\"/clients/%s\" id=\"existing-client\">%s</a></p>",
				 wf->res.existing_uid, T("Open the client who already has this NIK"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"%R\" class=\"client-form\" novalidate>",
				 wf->is_new ? "/clients" : arena_printf(&rq->arena, "/clients/%s", c->uid));
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0 && !wf->is_new)
		rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)c->version);
	if (rc == 0 && wf->has_result && wf->res.nik_mismatch)
		rc = html_printf(&rs->body, "<div class=\"warning\" role=\"alert\"><p>%s</p><div class=\"check\">"
				 "<input type=\"checkbox\" id=\"confirm_nik_mismatch\" name=\"confirm_nik_mismatch\" value=\"1\">"
				 "<label for=\"confirm_nik_mismatch\">%s</label></div></div>",
				 T(wf->res.nik_mismatch), T("I have checked the documents: save with this NIK and keep a warning on the record."));
	if (rc == 0 && wf->has_result && wf->res.ndup) {
		rc = html_printf(&rs->body, "<div class=\"warning\" role=\"alert\"><p>%s</p><ul>",
				 T("A client with the same name and birth date is already registered. Check that this is a different person."));
		for (int i = 0; rc == 0 && i < wf->res.ndup; i++)
			rc = html_printf(&rs->body, "<li><a href=\"/clients/%s\" target=\"_blank\">%s</a></li>",
					 wf->res.dup_uid[i], wf->res.dup_name[i]);
		if (rc == 0)
			rc = html_printf(&rs->body, "</ul><div class=\"check\"><input type=\"checkbox\" id=\"confirm_duplicate\" name=\"confirm_duplicate\" value=\"1\">"
					 "<label for=\"confirm_duplicate\">%s</label></div></div>",
					 T("This is a different person: register anyway."));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "<fieldset><legend>%s</legend>", T("Identity"));
	if (rc == 0)
		rc = web_input(rq, rs, wf, "name", "Full name", c->name, "required maxlength=\"200\" autocomplete=\"off\"", NULL);
	if (rc == 0)
		rc = web_input(rq, rs, wf, "other_names", "Other names (nicknames, earlier names)", c->other_names, "maxlength=\"500\"", NULL);
	if (rc == 0)
		rc = web_input(rq, rs, wf, "nik", "NIK", c->nik, "inputmode=\"numeric\" maxlength=\"16\"", "16 digits; leave empty if the client has no identity documents.");
	if (rc == 0)
		rc = web_input(rq, rs, wf, "kk", "KK number", c->kk, "inputmode=\"numeric\" maxlength=\"16\"", NULL);
	const char *sex_err = web_err(wf, "sex");
	if (rc == 0)
		rc = html_printf(&rs->body, "<fieldset class=\"field inline%s\" id=\"sex\"><legend>%s</legend>"
				 "<label><input type=\"radio\" name=\"sex\" value=\"F\"%R%R> %s</label>"
				 "<label><input type=\"radio\" name=\"sex\" value=\"M\"%R%R> %s</label>",
				 sex_err ? " invalid" : "", T("Sex"), str_eq(c->sex, "F") ? " checked" : "",
				 sex_err ? " aria-invalid=\"true\" aria-describedby=\"err-sex\"" : "", T("Female"),
				 str_eq(c->sex, "M") ? " checked" : "",
				 sex_err ? " aria-invalid=\"true\" aria-describedby=\"err-sex\"" : "", T("Male"));
	if (rc == 0 && sex_err)
		rc = html_printf(&rs->body, "<p class=\"field-error\" id=\"err-sex\">%s</p>", T(sex_err));
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset>");
	if (rc == 0)
		rc = web_input(rq, rs, wf, "birth_place", "Birth place", c->birth_place, "maxlength=\"100\"", NULL);
	if (rc == 0)
		rc = web_input(rq, rs, wf, "birth_date", "Birth date", c->birth_date, "type=\"date\"", NULL);
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset><fieldset><legend>%s</legend>", T("Address and contact"));
	if (rc == 0)
		rc = web_input(rq, rs, wf, "address", "Address", c->address, "maxlength=\"500\"", NULL);
	if (rc == 0)
		rc = web_input(rq, rs, wf, "region", "Region code (Kemendagri)", c->region, "inputmode=\"decimal\" maxlength=\"13\"", "e.g. 32.73.01.1001 for a village, 32.73 for a city.");
	if (rc == 0)
		rc = web_region_picker(rq, rs, "region", c->region);
	if (rc == 0)
		rc = web_input(rq, rs, wf, "phone", "Phone", c->phone, "type=\"tel\" maxlength=\"20\"", NULL);
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset><fieldset id=\"flags\"><legend>%s</legend>", T("Flags"));
	for (int i = 0; rc == 0 && i < CLIENT_MAX_FLAGS; i++)
		rc = html_printf(&rs->body, "<div class=\"check\"><input type=\"checkbox\" id=\"flag-%s\" name=\"flags\" value=\"%s\"%R><label for=\"flag-%s\">%s</label></div>",
				 client_flags[i], client_flags[i], client_has_flag(c, client_flags[i]) ? " checked" : "",
				 client_flags[i], T(web_flag_labels[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset><fieldset id=\"ppks\" class=\"columns\"><legend>%s</legend>", T("PPKS categories"));
	struct ppks_item *items = NULL;
	int nitems = 0;
	if (rc == 0)
		rc = ref_store_ppks(rq->db, &rq->arena, &items, &nitems);
	for (int i = 0; rc == 0 && i < nitems; i++) {
		bool on = false;
		for (int k = 0; k < c->nppks; k++)
			on = on || c->ppks[k] == items[i].code;
		rc = html_printf(&rs->body, "<div class=\"check\"><input type=\"checkbox\" id=\"ppks-%d\" name=\"ppks\" value=\"%d\"%R><label for=\"ppks-%d\">%s</label></div>",
				 items[i].code, items[i].code, on ? " checked" : "", items[i].code,
				 rq->lang == LANG_EN ? items[i].name_en : items[i].name_id);
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset><fieldset><legend>%s</legend><p class=\"hint\">%s</p>",
				 T("Disability (Washington Group)"), T("Does the client have difficulty ..."));
	for (int i = 0; rc == 0 && i < CLIENT_WG_DOMAINS; i++) {
		rc = html_printf(&rs->body, "<div class=\"field\"><label for=\"dis_%s\">%s</label><select id=\"dis_%s\" name=\"dis_%s\">",
				 client_wg_domains[i], T(web_wg_domain_labels[i]), client_wg_domains[i], client_wg_domains[i]);
		for (int k = 0; rc == 0 && k < 5; k++)
			rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", client_wg_levels[k],
					 c->disability[i] == k ? " selected" : "", T(web_wg_labels[k]));
		if (rc == 0)
			rc = html_printf(&rs->body, "</select></div>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset><fieldset><legend>%s</legend><p class=\"hint\">%s</p><table class=\"household\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>NIK</th></tr></thead><tbody>",
				 T("Household"), T("Empty rows are ignored. Save to get more rows."), T("Name"), T("Relation"), T("Sex"), T("Birth date"));
	int rows = c->nhousehold + WEB_HOUSEHOLD_SPARE;
	if (rows > CLIENT_MAX_HOUSEHOLD)
		rows = CLIENT_MAX_HOUSEHOLD;
	for (int i = 0; rc == 0 && i < rows; i++) {
		struct household_member empty = {0};
		const struct household_member *m = i < c->nhousehold ? &c->household[i] : &empty;
		const char *fields[] = {"name", "relation", "sex", "birth_date", "nik"};
		const char *labels[] = {T("Name"), T("Relation"), T("Sex"), T("Birth date"), "NIK"};
		const char *values[] = {m->name, m->relation, m->sex, m->birth_date, m->nik};
		rc = html_printf(&rs->body, "<tr>");
		for (int k = 0; rc == 0 && k < 5; k++) {
			const char *api = arena_printf(&rq->arena, "household[%d].%s", i, fields[k]);
			const char *err = web_err(wf, api);
			rc = html_printf(&rs->body, "<td><input id=\"%s\" name=\"hh_%s_%d\" value=\"%s\" aria-label=\"%s %d: %s\"%R",
					 api, fields[k], i, values[k], T("Household member"), i + 1, labels[k],
					 k == 3 ? " type=\"date\"" : k == 2 ? " maxlength=\"1\" placeholder=\"F/M\"" : "");
			if (rc == 0 && err)
				rc = html_printf(&rs->body, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", api);
			if (rc == 0)
				rc = html_printf(&rs->body, ">");
			if (rc == 0 && err)
				rc = html_printf(&rs->body, "<p class=\"field-error\" id=\"err-%s\">%s</p>", api, T(err));
			if (rc == 0)
				rc = html_printf(&rs->body, "</td>");
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</tr>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table></fieldset><fieldset><legend>%s</legend>"
				 "<div class=\"check\"><input type=\"checkbox\" id=\"consent_given\" name=\"consent_given\" value=\"1\"%R><label for=\"consent_given\">%s</label></div>",
				 T("Consent to data processing"), c->has_consent ? " checked" : "",
				 T("The client (or guardian) has given consent"));
	if (rc == 0)
		rc = web_input(rq, rs, wf, "consent.given_on", "Given on", c->consent.given_on, "type=\"date\"", NULL);
	const char *scope_err = web_err(wf, "consent.scope");
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"field%s\"><label for=\"consent.scope\">%s</label><select id=\"consent.scope\" name=\"consent.scope\"%R>",
				 scope_err ? " invalid" : "", T("Scope"),
				 scope_err ? " aria-invalid=\"true\" aria-describedby=\"err-consent.scope\"" : "");
	for (int i = 0; rc == 0 && i < 3; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", client_consent_scopes[i],
				 str_eq(c->consent.scope, client_consent_scopes[i]) ? " selected" : "", T(web_scope_labels[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select>");
	if (rc == 0 && scope_err)
		rc = html_printf(&rs->body, "<p class=\"field-error\" id=\"err-consent.scope\">%s</p>", T(scope_err));
	if (rc == 0)
		rc = html_printf(&rs->body, "</div>");
	if (rc == 0)
		rc = web_input(rq, rs, wf, "consent.guardian_name", "Guardian's name (for a child)", c->consent.guardian_name, "maxlength=\"200\"", NULL);
	if (rc == 0)
		rc = web_input(rq, rs, wf, "consent.guardian_relation", "Guardian's relation to the client", c->consent.guardian_relation, "maxlength=\"100\"", NULL);
	const char *notes_err = web_err(wf, "notes");
	if (rc == 0)
		rc = html_printf(&rs->body, "</fieldset><fieldset><legend>%s</legend><div class=\"field%s\"><label for=\"notes\">%s</label>"
				 "<textarea id=\"notes\" name=\"notes\" rows=\"5\" maxlength=\"20000\"%R>%s</textarea>",
				 T("Notes"), notes_err ? " invalid" : "", T("Free notes (encrypted)"),
				 notes_err ? " aria-invalid=\"true\" aria-describedby=\"err-notes\"" : "", c->notes);
	if (rc == 0 && notes_err)
		rc = html_printf(&rs->body, "<p class=\"field-error\" id=\"err-notes\">%s</p>", T(notes_err));
	if (rc == 0)
		rc = html_printf(&rs->body, "</div></fieldset>");
	if (rc == 0)
		rc = html_printf(&rs->body, "<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"%R\">%s</a></div></form>",
				 T("Save"), wf->is_new ? "/clients" : arena_printf(&rq->arena, "/clients/%s", c->uid), T("Cancel"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* web_form_read fills c from the posted form, keeping every value for a re-display. */
static int web_form_read(struct request *rq, struct client *c, struct faults *f)
{
	const struct kvlist *form = &rq->form;
	c->name = kv_get(form, "name");
	c->other_names = kv_get(form, "other_names");
	c->nik = kv_get(form, "nik");
	c->kk = kv_get(form, "kk");
	c->sex = kv_get(form, "sex");
	c->birth_place = kv_get(form, "birth_place");
	c->birth_date = kv_get(form, "birth_date");
	c->address = kv_get(form, "address");
	c->region = kv_get(form, "region");
	c->phone = kv_get(form, "phone");
	c->notes = kv_get(form, "notes");
	c->nflags = kv_all(form, "flags", c->flags, CLIENT_MAX_FLAGS);
	const char *codes[CLIENT_MAX_PPKS];
	int n = kv_all(form, "ppks", codes, CLIENT_MAX_PPKS);
	c->nppks = 0;
	for (int i = 0; i < n; i++) {
		long v;
		if (str_parse_long(codes[i], 1, 99, &v))
			faults_add(f, "ppks", "Each PPKS code must be a whole number from the reference list.");
		else
			c->ppks[c->nppks++] = (int)v;
	}
	for (int i = 0; i < CLIENT_WG_DOMAINS; i++) {
		const char *v = kv_get(form, arena_printf(&rq->arena, "dis_%s", client_wg_domains[i]));
		c->disability[i] = 0;
		for (int k = 1; v && k < 5; k++)
			if (strcmp(v, client_wg_levels[k]) == 0)
				c->disability[i] = k;
	}
	c->nhousehold = 0;
	for (int i = 0; i < CLIENT_MAX_HOUSEHOLD; i++) {
		struct household_member m = {
			.name = kv_get(form, arena_printf(&rq->arena, "hh_name_%d", i)),
			.relation = kv_get(form, arena_printf(&rq->arena, "hh_relation_%d", i)),
			.sex = kv_get(form, arena_printf(&rq->arena, "hh_sex_%d", i)),
			.birth_date = kv_get(form, arena_printf(&rq->arena, "hh_birth_date_%d", i)),
			.nik = kv_get(form, arena_printf(&rq->arena, "hh_nik_%d", i)),
		};
		if (str_empty(m.name) && str_empty(m.relation) && str_empty(m.sex) && str_empty(m.birth_date) && str_empty(m.nik))
			continue;
		if (m.sex && (strcmp(m.sex, "f") == 0 || strcmp(m.sex, "m") == 0))
			m.sex = strcmp(m.sex, "f") == 0 ? "F" : "M";
		c->household[c->nhousehold++] = m;
	}
	c->has_consent = str_eq(kv_get(form, "consent_given"), "1");
	c->consent.given_on = kv_get(form, "consent.given_on");
	c->consent.scope = kv_get(form, "consent.scope");
	c->consent.guardian_name = kv_get(form, "consent.guardian_name");
	c->consent.guardian_relation = kv_get(form, "consent.guardian_relation");
	c->confirm_nik_mismatch = str_eq(kv_get(form, "confirm_nik_mismatch"), "1");
	c->confirm_duplicate = str_eq(kv_get(form, "confirm_duplicate"), "1");
	return f->n ? ERR_INVALID : 0;
}

int web_client_new(struct request *rq, struct response *rs)
{
	struct web_form wf = {.is_new = true};
	return web_client_form(rq, rs, &wf);
}

int web_client_create(struct request *rq, struct response *rs)
{
	struct web_form wf = {.is_new = true, .has_result = true};
	int rc = web_form_read(rq, &wf.c, &wf.res.faults);
	struct client shown = wf.c;
	if (rc == 0)
		rc = client_create(rq->db, &rq->arena, &rq->actor, &wf.c, &wf.res);
	if (rc == 0) {
		response_redirect(rs, arena_printf(&rq->arena, "/clients/%s", wf.c.uid));
		return 0;
	}
	if (rc != ERR_INVALID && rc != ERR_CONFIRM && rc != ERR_EXISTS)
		return rc;
	wf.c = shown;
	wf.c.nik_warning = NULL;
	rs->status = rc == ERR_EXISTS ? 409 : 422;
	return web_client_form(rq, rs, &wf);
}

int web_client_edit(struct request *rq, struct response *rs)
{
	struct web_form wf = {0};
	int rc = client_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &wf.c);
	if (rc)
		return rc;
	return web_client_form(rq, rs, &wf);
}

int web_client_update(struct request *rq, struct response *rs)
{
	struct web_form wf = {.has_result = true};
	struct client stored;
	int rc = client_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &stored);
	if (rc)
		return rc;
	long version;
	if (str_parse_long(kv_get(&rq->form, "version"), 1, 0x7fffffffL, &version))
		return ERR_BADREQ;
	rc = web_form_read(rq, &wf.c, &wf.res.faults);
	wf.c.uid = stored.uid;
	wf.c.version = version;
	struct client shown = wf.c;
	if (rc == 0)
		rc = client_update(rq->db, &rq->arena, &rq->actor, rq->params[0], &wf.c, &wf.res);
	if (rc == 0) {
		response_redirect(rs, arena_printf(&rq->arena, "/clients/%s", stored.uid));
		return 0;
	}
	if (rc == ERR_CONFLICT) {
		/* Show the current record with the user's input kept beside a clear message. */
		wf.c = shown;
		wf.c.version = wf.res.current.version ? wf.res.current.version : stored.version;
		rs->status = 409;
		return web_client_form(rq, rs, &wf);
	}
	if (rc != ERR_INVALID && rc != ERR_CONFIRM && rc != ERR_EXISTS)
		return rc;
	wf.c = shown;
	rs->status = rc == ERR_EXISTS ? 409 : 422;
	return web_client_form(rq, rs, &wf);
}

int web_client_archive(struct request *rq, struct response *rs)
{
	int rc = client_archive(rq->db, &rq->arena, &rq->actor, rq->params[0]);
	if (rc)
		return rc;
	response_redirect(rs, arena_printf(&rq->arena, "/clients/%s", rq->params[0]));
	return 0;
}
