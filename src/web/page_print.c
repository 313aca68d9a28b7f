/* page_print.c: documents a worker prints (A4): service agreement and consent, the plan written
 * for the client, a session record, the termination report, and the client's access log. */
#include "base/err.h"
#include "base/str.h"
#include "domain/casework.h"
#include "domain/client.h"
#include "web/html.h"
#include "web/pages.h"
#include <string.h>

#define C(s) T(case_kind_choice_label(s))

/* web_print_begin starts a document; printed documents speak Indonesian unless ?lang=en. */
static int web_print_begin(struct request *rq, struct response *rs, const char *title, const char *org_line)
{
	rq->lang = str_eq(kv_get(&rq->query, "lang"), "en") ? LANG_EN : LANG_ID;
	int rc = web_page_begin(rq, rs, title);
	if (rc == 0)
		rc = html_printf(&rs->body, "<article class=\"document\"><p class=\"noprint\"><button type=\"button\" class=\"print\">%s</button> "
				 "<a href=\"?lang=%s\">%s</a></p><header class=\"doc-head\"><p>%s</p><h1>%s</h1></header>",
				 T("Print"), rq->lang == LANG_ID ? "en" : "id", rq->lang == LANG_ID ? "English" : "Bahasa Indonesia",
				 org_line, title);
	return rc;
}

static int web_print_end(struct request *rq, struct response *rs)
{
	int rc = html_printf(&rs->body, "</article>");
	return rc ? rc : web_page_end(rq, rs);
}

/* web_signatures writes two signature blocks: a role, room to sign, and the name when known. */
static int web_signatures(struct response *rs, const char *left, const char *left_name, const char *right,
			  const char *right_name)
{
	return html_printf(&rs->body, "<table class=\"signatures\"><tr><td>%s<br><br><br><br>(%s)</td>"
			   "<td>%s<br><br><br><br>(%s)</td></tr></table>",
			   left, left_name && *left_name ? left_name : "........................", right,
			   right_name && *right_name ? right_name : "........................");
}

/* web_print_fields writes the fields of one item as a definition list. */
static int web_print_fields(struct request *rq, struct response *rs, const struct case_item_view *it)
{
	const struct case_kind *k = case_kind_find(it->row.kind);
	json_t *j = json_loads(it->json, 0, NULL);
	int rc = html_printf(&rs->body, "<dl class=\"fields\">");
	for (int i = 0; rc == 0 && i < k->nfields; i++) {
		json_t *v = json_object_get(j, k->fields[i].name);
		if (v == NULL || k->fields[i].type == FT_REF || k->fields[i].type == FT_SCORES)
			continue;
		if (json_is_integer(v))
			rc = html_printf(&rs->body, "<dt>%s</dt><dd>%lld</dd>", T(k->fields[i].label), (long long)json_integer_value(v));
		else if (json_is_boolean(v))
			rc = html_printf(&rs->body, "<dt>%s</dt><dd>%s</dd>", T(k->fields[i].label), json_is_true(v) ? T("Yes") : T("No"));
		else if (k->fields[i].type == FT_ENUM)
			rc = html_printf(&rs->body, "<dt>%s</dt><dd>%s</dd>", T(k->fields[i].label), C(json_string_value(v)));
		else
			rc = html_printf(&rs->body, "<dt>%s</dt><dd class=\"notes\">%s</dd>", T(k->fields[i].label), json_string_value(v));
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</dl>");
	json_decref(j);
	return rc;
}

int web_case_print(struct request *rq, struct response *rs)
{
	struct case_view cv;
	int rc = casework_get(rq->db, &rq->arena, &rq->actor, rq->params[0], &cv);
	if (rc)
		return rc;
	const char *doc = rq->params[1];
	struct case_item_view *items;
	int n;
	rc = casework_items(rq->db, &rq->arena, &rq->actor, &cv, NULL, &items, &n);
	if (rc)
		return rc;
	struct client c;
	rc = client_get(rq->db, &rq->arena, &rq->actor, cv.row.client_uid, &c);
	if (rc)
		return rc;
	const char *primary = cv.row.nworkers ? cv.row.workers[0].full_name : "";
	if (str_eq(doc, "agreement")) {
		rc = web_print_begin(rq, rs, T("Service agreement and consent"), primary);
		if (rc == 0)
			rc = html_printf(&rs->body, "<p>%s</p><dl class=\"fields\"><dt>%s</dt><dd>%s</dd><dt>NIK</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd></dl>",
					 T("We, the undersigned, agree to work together on the problems written below."),
					 T("Client"), c.name, c.nik ? c.nik : "—", T("Birth date"), c.birth_date ? c.birth_date : "—",
					 T("Address"), c.address ? c.address : "—");
		if (rc == 0)
			rc = html_printf(&rs->body, "<h2>%s</h2><ul>", T("Problems we will work on"));
		for (int i = 0; rc == 0 && i < n; i++)
			if (str_eq(items[i].row.kind, "problem")) {
				json_t *j = json_loads(items[i].json, 0, NULL);
				rc = html_printf(&rs->body, "<li>%s — %s</li>", C(json_string_value(json_object_get(j, "category"))),
						 json_string_value(json_object_get(j, "description")));
				json_decref(j);
			}
		if (rc == 0)
			rc = html_printf(&rs->body, "</ul><h2>%s</h2><ul><li>%s</li><li>%s</li><li>%s</li><li>%s</li></ul>",
					 T("What this means"),
					 T("The social worker keeps what you tell them confidential; only the people working on your case read it."),
					 T("You may see your own plan and ask who has opened your file."),
					 T("Your data is shared with another organisation only if you agree to it."),
					 T("You may stop the services at any time."));
		if (rc == 0 && c.has_consent)
			rc = html_printf(&rs->body, "<p>%s %s (%s).</p>", T("Consent to data processing given on"), c.consent.given_on,
					 c.consent.scope);
		if (rc == 0)
			rc = web_signatures(rs, c.consent.guardian_name ? T("Client / guardian") : T("Client"),
					    c.consent.guardian_name ? c.consent.guardian_name : c.name, T("Social worker"), primary);
	} else if (str_eq(doc, "plan")) {
		rc = web_print_begin(rq, rs, T("My plan"), c.name);
		if (rc == 0)
			rc = html_printf(&rs->body, "<p>%s</p><h2>%s</h2><ol>", T("This is the plan we made together. Keep it, and bring it to our meetings."),
					 T("What we want to reach"));
		for (int i = 0; rc == 0 && i < n; i++)
			if (str_eq(items[i].row.kind, "goal")) {
				json_t *j = json_loads(items[i].json, 0, NULL);
				const char *target = json_string_value(json_object_get(j, "target_date"));
				rc = html_printf(&rs->body, "<li><strong>%s</strong>", json_string_value(json_object_get(j, "text")));
				if (rc == 0 && target)
					rc = html_printf(&rs->body, " (%s)", target);
				if (rc == 0)
					rc = html_printf(&rs->body, "<br>%s: %s</li>", T("We will be glad when"),
							 json_string_value(json_object_get(j, "gas_0")));
				json_decref(j);
			}
		if (rc == 0)
			rc = html_printf(&rs->body, "</ol><h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
					 T("Who does what"), T("Task"), T("Who does it"), T("By when"));
		for (int i = 0; rc == 0 && i < n; i++)
			if (str_eq(items[i].row.kind, "task")) {
				json_t *j = json_loads(items[i].json, 0, NULL);
				rc = html_printf(&rs->body, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>", json_string_value(json_object_get(j, "text")),
						 C(json_string_value(json_object_get(j, "owner"))), json_string_value(json_object_get(j, "due")));
				json_decref(j);
			}
		if (rc == 0)
			rc = html_printf(&rs->body, "</tbody></table>");
		int resources = 0;
		for (int i = 0; rc == 0 && i < n; i++)
			if (str_eq(items[i].row.kind, "resource")) {
				json_t *j = json_loads(items[i].json, 0, NULL);
				if (resources++ == 0)
					rc = html_printf(&rs->body, "<h2>%s</h2><ul>", T("Help we will use"));
				if (rc == 0)
					rc = html_printf(&rs->body, "<li>%s</li>", json_string_value(json_object_get(j, "text")));
				json_decref(j);
			}
		if (rc == 0 && resources)
			rc = html_printf(&rs->body, "</ul>");
		if (rc == 0)
			rc = web_signatures(rs, T("Client"), c.name, T("Social worker"), primary);
	} else if (str_eq(doc, "session")) {
		const char *uid = kv_get(&rq->query, "item");
		const struct case_item_view *it = NULL;
		for (int i = 0; i < n; i++)
			if (str_eq(items[i].row.uid, uid) && str_eq(items[i].row.kind, "session"))
				it = &items[i];
		if (it == NULL)
			return ERR_NOTFOUND;
		rc = web_print_begin(rq, rs, T("Session record"), c.name);
		if (rc == 0)
			rc = web_print_fields(rq, rs, it);
		if (rc == 0)
			rc = web_signatures(rs, T("Social worker"), NULL, T("Supervisor"), NULL);
	} else if (str_eq(doc, "termination")) {
		rc = web_print_begin(rq, rs, T("Termination report"), c.name);
		int shown = 0;
		for (int i = 0; rc == 0 && i < n; i++)
			if (str_eq(items[i].row.kind, "termination") || str_eq(items[i].row.kind, "review")) {
				rc = html_printf(&rs->body, "<h2>%s (%s)</h2>", T(case_kind_find(items[i].row.kind)->label), items[i].row.at);
				if (rc == 0)
					rc = web_print_fields(rq, rs, &items[i]);
				shown++;
			}
		if (rc == 0 && shown == 0)
			rc = html_printf(&rs->body, "<p>%s</p>", T("No termination has been recorded yet."));
		if (rc == 0)
			rc = web_signatures(rs, T("Social worker"), NULL, T("Supervisor"), NULL);
	} else {
		return ERR_NOTFOUND;
	}
	if (rc == 0)
		rc = web_print_end(rq, rs);
	return rc;
}

int web_client_access_log(struct request *rq, struct response *rs)
{
	struct client c;
	struct audit_item *items;
	int n;
	int rc = client_access_log(rq->db, &rq->arena, &rq->actor, rq->params[0], &c, &items, &n);
	if (rc)
		return rc;
	rc = web_print_begin(rq, rs, T("Who opened my file"), c.name);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p>%s</p><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Every time someone opened your case, read what is kept confidential in it or took emergency access to it, the program wrote it down. This is that list."),
				 T("When"), T("Who"), T("What"), T("Why"));
	for (int i = 0; rc == 0 && i < n; i++) {
		json_t *d = json_loads(items[i].row.detail, 0, NULL);
		const char *why = json_string_value(json_object_get(d, "reason"));
		if (why == NULL)
			why = json_string_value(json_object_get(d, "as"));
		rc = html_printf(&rs->body, "<tr><td>%s</td><td>%s</td><td>%s %s</td><td>%s</td></tr>", web_time(rq, items[i].row.at), items[i].row.user_name,
				 T(items[i].row.action), T(items[i].row.entity), why ? T(why) : "");
		json_decref(d);
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table>");
	if (rc == 0)
		rc = web_print_end(rq, rs);
	return rc;
}
