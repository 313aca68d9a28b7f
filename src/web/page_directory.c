/* page_directory.c: the partner agency directory and supervision records. */
#include "base/err.h"
#include "base/str.h"
#include "domain/agency.h"
#include "domain/case_kind.h"
#include "web/html.h"
#include "web/pages.h"
#include <string.h>

static const char *const agency_labels[] = {N_("Government office"), N_("Health service"), N_("School or training"),
					    N_("Legal aid"), N_("Social welfare organisation (LKS)"), N_("Religious institution"),
					    N_("Business"), N_("Community group"), N_("Other")};

static const char *web_agency_type(struct request *rq, const char *type)
{
	for (int i = 0; agency_types[i]; i++)
		if (str_eq(type, agency_types[i]))
			return T(agency_labels[i]);
	return type;
}

static int web_agencies_page(struct request *rq, struct response *rs, const struct faults *f)
{
	struct agency_row *rows;
	int n;
	const char *q = kv_get(&rq->query, "q");
	int rc = agency_list(rq->db, &rq->arena, &rq->actor, q, &rows, &n);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Partner agencies"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1><form method=\"get\" class=\"search\"><div><label for=\"q\">%s</label>"
				 "<input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></div><div><button>%s</button></div></form>",
				 T("Partner agencies"), T("Name or service"), q, T("Search"));
	if (rc == 0 && n)
		rc = html_printf(&rs->body, "<div class=\"scroll\" role=\"region\" aria-label=\"%s\" tabindex=\"0\"><table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Partner agencies"), T("Name"), T("Type"), T("Services"), T("Region"), T("Contact"));
	for (int i = 0; rc == 0 && i < n; i++)
		rc = html_printf(&rs->body, "<tr><td>%s%R</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", rows[i].name,
				 rows[i].external ? "" : arena_printf(&rq->arena, " <span class=\"badge\">%s</span>", T("own organisation")),
				 web_agency_type(rq, rows[i].type), rows[i].services, rows[i].region, rows[i].contact);
	if (rc == 0 && n)
		rc = html_printf(&rs->body, "</tbody></table></div>");
	if (rc == 0 && n == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No agencies yet."));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h2>%s</h2>", T("Add an agency"));
	static const struct web_label labels[] = {
		{"name", "Name"}, {"type", "Type"}, {"services", "Services"}, {"region", "Region code"},
		{"contact", "Contact"}, {"external", "Part of our own organisation (no consent needed to share)"},
		{NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/agencies\" class=\"stack narrow\">");
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" required value=\"%s\">"
				 "<label for=\"type\">%s</label><select id=\"type\" name=\"type\">",
				 T("Name"), kv_get(&rq->form, "name"), T("Type"));
	for (int i = 0; rc == 0 && agency_types[i]; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", agency_types[i],
				 str_eq(kv_get(&rq->form, "type"), agency_types[i]) ? " selected" : "", T(agency_labels[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><label for=\"services\">%s</label><input id=\"services\" name=\"services\" value=\"%s\">"
				 "<label for=\"region\">%s</label><input id=\"region\" name=\"region\" value=\"%s\" placeholder=\"32.73\">",
				 T("Services"), kv_get(&rq->form, "services"), T("Region code"), kv_get(&rq->form, "region"));
	if (rc == 0)
		rc = web_region_picker(rq, rs, "region", kv_get(&rq->form, "region"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"contact\">%s</label><input id=\"contact\" name=\"contact\" value=\"%s\">"
				 "<div class=\"check\"><input type=\"checkbox\" id=\"own\" name=\"own\" value=\"1\"%R><label for=\"own\">%s</label></div>"
				 "<button type=\"submit\">%s</button></form>",
				 T("Contact"), kv_get(&rq->form, "contact"), str_eq(kv_get(&rq->form, "own"), "1") ? " checked" : "",
				 T("Part of our own organisation (no consent needed to share)"), T("Add agency"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_agencies(struct request *rq, struct response *rs)
{
	return web_agencies_page(rq, rs, NULL);
}

int web_agency_create(struct request *rq, struct response *rs)
{
	json_t *in = json_object();
	static const char *const keys[] = {"name", "type", "services", "region", "contact"};
	for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = kv_get(&rq->form, keys[i]);
		if (!str_empty(v))
			json_object_set_new(in, keys[i], json_string(v));
	}
	json_object_set_new(in, "external", json_boolean(!str_eq(kv_get(&rq->form, "own"), "1")));
	struct faults f = {0};
	struct agency_row r;
	int rc = agency_add(rq->db, &rq->arena, &rq->actor, in, &r, &f);
	json_decref(in);
	if (rc == ERR_INVALID) {
		rs->status = 422;
		return web_agencies_page(rq, rs, &f);
	}
	if (rc)
		return rc;
	response_redirect(rs, "/agencies");
	return 0;
}

static int web_supervision_page(struct request *rq, struct response *rs, const struct faults *f)
{
	const char *worker = kv_get(&rq->query, "worker");
	if (worker == NULL)
		worker = kv_get(&rq->form, "worker");
	struct supervision_item *items = NULL;
	int n = 0;
	struct faults lf = {0};
	int rc = supervision_list(rq->db, &rq->arena, &rq->actor, worker, &items, &n, &lf);
	if (rc == ERR_INVALID && f == NULL) {
		rs->status = 422; /* the list's own fault: a worker who is not the supervisor's */
		f = &lf;
	}
	if (rc && rc != ERR_INVALID)
		return rc;
	rc = web_page_begin(rq, rs, T("Supervision"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1><p class=\"hint\">%s</p>", T("Supervision"),
				 T("Records of supervision sessions are private to the worker and their supervisor."));
	if (rc == 0 && rq->actor.role == ROLE_SUPERVISOR)
		rc = html_printf(&rs->body, "<form method=\"get\" class=\"search\"><div><label for=\"worker\">%s</label><input id=\"worker\" name=\"worker\" value=\"%s\"></div>"
				 "<div><button>%s</button></div></form>", T("Worker (user name)"), worker, T("Show"));
	for (int i = 0; rc == 0 && i < n; i++)
		rc = html_printf(&rs->body, "<article class=\"item\"><header><strong>%s</strong> · %s / %s</header><p class=\"notes\">%s</p></article>",
				 items[i].held_on, items[i].worker, items[i].supervisor, items[i].notes);
	if (rc == 0 && n == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No supervision records."));
	static const struct web_label labels[] = {
		{"worker", "Worker (user name)"}, {"held_on", "Date"},
		{"notes", "What we discussed, how the worker is doing, what they will do"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<h2>%s</h2><form method=\"post\" action=\"/supervision\" class=\"stack narrow\">", T("Record a supervision session"));
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0 && rq->actor.role == ROLE_SUPERVISOR)
		rc = html_printf(&rs->body, "<label for=\"s-worker\">%s</label><input id=\"s-worker\" name=\"worker\" value=\"%s\" required>",
				 T("Worker (user name)"), worker);
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"held_on\">%s</label><input id=\"held_on\" name=\"held_on\" type=\"date\" value=\"%s\" required>"
				 "<label for=\"notes\">%s</label><textarea id=\"notes\" name=\"notes\" rows=\"5\" required>%s</textarea>"
				 "<button type=\"submit\">%s</button></form>",
				 T("Date"), kv_get(&rq->form, "held_on"), T("What we discussed, how the worker is doing, what they will do"),
				 kv_get(&rq->form, "notes"), T("Save"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_supervision(struct request *rq, struct response *rs)
{
	return web_supervision_page(rq, rs, NULL);
}

int web_supervision_create(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	const char *uid;
	int rc = supervision_add(rq->db, &rq->arena, &rq->actor, kv_get(&rq->form, "worker"), kv_get(&rq->form, "held_on"),
				 kv_get(&rq->form, "notes"), &uid, &f);
	if (rc == ERR_INVALID) {
		rs->status = 422;
		return web_supervision_page(rq, rs, &f);
	}
	if (rc)
		return rc;
	const char *w = kv_get(&rq->form, "worker");
	response_redirect(rs, w && *w ? arena_printf(&rq->arena, "/supervision?worker=%s", url_encode(&rq->arena, w)) : "/supervision");
	return 0;
}
