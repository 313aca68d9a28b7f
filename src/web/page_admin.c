/* page_admin.c: the administrator's pages: users, the audit trail and the office. */
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/account.h"
#include "domain/office.h"
#include "store/audit_store.h"
#include "web/html.h"
#include "web/pages.h"
#include <stdint.h>
#include <string.h>

static const char *const web_roles[] = {"admin", "supervisor", "worker", "volunteer", "viewer"};

static int web_users_page(struct request *rq, struct response *rs, const struct new_user *nu,
			  const struct faults *f, const char *notice)
{
	struct user *users;
	int n;
	int rc = user_store_list(rq->db, &rq->arena, rq->actor.org_id, &users, &n);
	if (rc)
		return rc;
	rc = web_page_begin(rq, rs, T("Users"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1>", T("Users"));
	if (rc == 0 && notice)
		rc = html_printf(&rs->body, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (rc == 0)
		rc = html_printf(&rs->body, "<table class=\"list\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
				 T("User name"), T("Full name"), T("Role"), T("Supervisor"), T("Status"));
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct user *u = &users[i];
		rc = html_printf(&rs->body, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
				 u->name, u->full_name, T(u->role), u->supervisor_name,
				 u->disabled ? T("Disabled") : T("Active"));
		if (rc == 0 && u->id != rq->actor.user_id) {
			rc = html_printf(&rs->body, "<form method=\"post\" action=\"/users/%s/%s\" class=\"inline\">",
					 u->name, u->disabled ? "enable" : "disable");
			if (rc == 0)
				rc = web_csrf_field(rq, rs);
			if (rc == 0)
				rc = html_printf(&rs->body, "<button class=\"secondary\">%s</button></form>",
						 u->disabled ? T("Enable") : T("Disable"));
		}
		if (rc == 0) {
			rc = html_printf(&rs->body, "<form method=\"post\" action=\"/users/%s/password\" class=\"inline\">", u->name);
			if (rc == 0)
				rc = web_csrf_field(rq, rs);
			if (rc == 0)
				rc = html_printf(&rs->body, "<label class=\"visually-hidden\" for=\"pw-%s\">%s</label>"
						 "<input id=\"pw-%s\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" required placeholder=\"%s\">"
						 "<button class=\"secondary\">%s</button></form>",
						 u->name, T("New password"), u->name, T("New password"), T("Set password"));
		}
		if (rc == 0)
			rc = html_printf(&rs->body, "</td></tr>");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table><h2>%s</h2>", T("Add a user"));
	static const struct web_label labels[] = {
		{"name", "User name"}, {"full_name", "Full name"}, {"role", "Role"},
		{"supervisor", "Supervisor"}, {"password", "Password"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/users\" class=\"stack narrow\">");
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0)
		rc = html_printf(&rs->body,
				 "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" required value=\"%s\" autocomplete=\"off\">"
				 "<label for=\"full_name\">%s</label><input id=\"full_name\" name=\"full_name\" value=\"%s\">"
				 "<label for=\"role\">%s</label><select id=\"role\" name=\"role\">",
				 T("User name"), nu ? nu->name : "", T("Full name"), nu ? nu->full_name : "", T("Role"));
	for (unsigned i = 0; rc == 0 && i < sizeof web_roles / sizeof web_roles[0]; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", web_roles[i],
				 nu && str_eq(nu->role, web_roles[i]) ? " selected" : "", T(web_roles[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><label for=\"supervisor\">%s</label><select id=\"supervisor\" name=\"supervisor\"><option value=\"\">—</option>",
				 T("Supervisor"));
	for (int i = 0; rc == 0 && i < n; i++)
		if (strcmp(users[i].role, "supervisor") == 0)
			rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", users[i].name,
					 nu && str_eq(nu->supervisor, users[i].name) ? " selected" : "", users[i].name);
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><label for=\"password\">%s</label>"
				 "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"8\" required>"
				 "<button type=\"submit\">%s</button></form>",
				 T("Password (at least 8 characters)"), T("Add user"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* A page that a form redirects to after a save names what was saved in ?saved=, so that the
 * page says so and a reload does not send the form again. */
static bool web_saved(struct request *rq, const char *what)
{
	return str_eq(kv_get(&rq->query, "saved"), what);
}

int web_users(struct request *rq, struct response *rs)
{
	return web_users_page(rq, rs, NULL, NULL,
			      web_saved(rq, "password") ? T("Password changed; the user's sessions have ended.") : NULL);
}

int web_user_create(struct request *rq, struct response *rs)
{
	struct new_user nu = {
		.name = kv_get(&rq->form, "name"),
		.full_name = kv_get(&rq->form, "full_name"),
		.role = kv_get(&rq->form, "role"),
		.supervisor = kv_get(&rq->form, "supervisor"),
		.password = kv_get(&rq->form, "password"),
	};
	struct faults f = {0};
	struct user u;
	int rc = account_add(rq->db, &rq->arena, &rq->actor, rq->actor.org_id, &nu, &f, &u);
	if (rc == ERR_INVALID || (rc == ERR_EXISTS && f.n)) {
		rs->status = 422;
		return web_users_page(rq, rs, &nu, &f, NULL);
	}
	if (rc)
		return rc;
	response_redirect(rs, "/users");
	return 0;
}

/* web_user_password sets a user's password (their sessions end). */
static int web_user_password(struct request *rq, struct response *rs)
{
	struct faults f = {0};
	int rc = account_set_password(rq->db, &rq->arena, &rq->actor, rq->params[0],
				      kv_get(&rq->form, "password"), &f);
	if (rc == ERR_INVALID) {
		rs->status = 422;
		return web_users_page(rq, rs, NULL, &f, NULL);
	}
	if (rc)
		return rc;
	response_redirect(rs, "/users?saved=password");
	return 0;
}

int web_user_toggle(struct request *rq, struct response *rs)
{
	if (strcmp(rq->params[1], "password") == 0)
		return web_user_password(rq, rs);
	bool disable = strcmp(rq->params[1], "disable") == 0;
	if (!disable && strcmp(rq->params[1], "enable") != 0)
		return ERR_NOTFOUND;
	int rc = account_set_disabled(rq->db, &rq->arena, &rq->actor, rq->params[0], disable);
	if (rc)
		return rc;
	response_redirect(rs, "/users");
	return 0;
}

int api_audit_filter(struct request *rq, struct audit_filter *f, int offset, const char **bad_field, const char **why);

int web_audit(struct request *rq, struct response *rs)
{
	struct audit_filter f;
	const char *bad = NULL, *why = NULL;
	struct audit_item *items = NULL;
	int n = 0;
	int64_t next = 0;
	int rc = 0;
	/* The page's days are the office's, as its times are. */
	rc = api_audit_filter(rq, &f, office_zone_offset(rq->actor.zone), &bad, &why);
	if (rc == ERR_NOMEM)
		return rc;
	bool invalid = rc != 0;
	rc = 0;
	if (!invalid)
		rc = audit_store_list(rq->db, &rq->arena, &f, &items, &n, &next);
	if (rc)
		return rc;
	if (invalid)
		rs->status = 422;
	rc = web_page_begin(rq, rs, T("Audit trail"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1><form method=\"get\" action=\"/audit\" class=\"search\">"
				 "<div><label for=\"user\">%s</label><input id=\"user\" name=\"user\" value=\"%s\"></div>"
				 "<div><label for=\"entity\">%s</label><select id=\"entity\" name=\"entity\"><option value=\"\">%s</option>"
				 "<option value=\"client\"%R>%s</option><option value=\"user\"%R>%s</option><option value=\"session\"%R>%s</option></select></div>"
				 "<div><label for=\"action\">%s</label><input id=\"action\" name=\"action\" value=\"%s\"></div>"
				 "<div><label for=\"since\">%s</label><input id=\"since\" name=\"since\" type=\"date\" value=\"%s\"></div>"
				 "<div><label for=\"until\">%s</label><input id=\"until\" name=\"until\" type=\"date\" value=\"%s\"></div>"
				 "<div><button type=\"submit\">%s</button></div></form>",
				 T("Audit trail"), T("User"), f.user, T("Record type"), T("All"),
				 str_eq(f.entity, "client") ? " selected" : "", T("Client"),
				 str_eq(f.entity, "user") ? " selected" : "", T("User"),
				 str_eq(f.entity, "session") ? " selected" : "", T("Log-in"),
				 T("Action"), f.action, T("From"), f.since, T("Until"), f.until, T("Filter"));
	/* A filter the page's form has is named by its label; the link to older entries, or a limit
	 * typed into the address, by what it is. */
	static const struct web_label labels[] = {
		{"since", "From"}, {"until", "Until"}, {"cursor", "Older entries"}, {"before", "Older entries"},
		{"limit", N_("Entries per page")}, {NULL, NULL},
	};
	struct faults problem = {0};
	if (invalid)
		faults_add(&problem, bad, why);
	if (rc == 0)
		rc = web_faults(rq, rs, &problem, labels);
	if (rc == 0)
		rc = html_printf(&rs->body, "<table class=\"list audit\"><thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Time"), T("User"), T("Action"), T("Record"), T("Changes"));
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct audit_row *r = &items[i].row;
		rc = html_printf(&rs->body, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td><td><code>%s</code></td></tr>",
				 (long long)r->id, web_time(rq, r->at), r->user_name, r->action, r->entity, r->entity_uid, r->detail);
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table>");
	if (rc == 0 && n == 0)
		rc = html_printf(&rs->body, "<p class=\"empty\">%s</p>", T("No entries."));
	if (rc == 0 && next)
		rc = html_printf(&rs->body, "<nav class=\"pager\"><a rel=\"next\" href=\"/audit?user=%U&amp;entity=%U&amp;action=%U&amp;since=%U&amp;until=%U&amp;before=%lld\">%s</a></nav>",
				 f.user, f.entity, f.action, f.since, f.until, (long long)next, T("Older entries"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

/* The labels of the zones an office may keep (office_zone_names), in their order. */
static const char *const web_zone_labels[] = {
	"WIB (UTC+7): Sumatra, Java, West and Central Kalimantan",
	"WITA (UTC+8): Bali, Nusa Tenggara, South, East and North Kalimantan, Sulawesi",
	"WIT (UTC+9): Maluku and Papua",
};

/* web_office_page shows the office; an administrator gets a form to change it. in is what a
 * refused form sent (NULL: the office as stored). */
static int web_office_page(struct request *rq, struct response *rs, const struct org *in, const struct faults *f,
			   const char *notice)
{
	struct org o;
	int rc = office_get(rq->db, &rq->arena, &rq->actor, &o);
	if (rc)
		return rc;
	const char *region_label = NULL;
	if (o.region && (rc = web_region_label(rq, o.region, &region_label)) != 0)
		return rc;
	if (o.region && region_label == NULL)
		region_label = o.region; /* not in the loaded list: its code */
	const char *zone = office_zone(o.time_zone, o.region);
	char local[24];
	office_clock(clock_unix(), zone, local); /* empty past the year 9999 */
	rc = web_page_begin(rq, rs, T("Office"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1>", T("Office"));
	if (rc == 0 && notice)
		rc = html_printf(&rs->body, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (rc == 0)
		rc = html_printf(&rs->body, "<dl class=\"fields\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
				 "<dt>%s</dt><dd>%s%s</dd><dt>%s</dt><dd>%s</dd></dl>",
				 T("Name"), o.name, T("Region"), region_label ? region_label : "—", T("Time zone"), zone,
				 o.time_zone ? "" : arena_printf(&rq->arena, " (%s)", o.region ? T("from the office's region") : T("the default")), T("Time at the office now"), local);
	if (rc == 0 && !policy_can(&rq->actor, PERM_OFFICE_ADMIN))
		return web_page_end(rq, rs);
	static const struct web_label labels[] = {
		{"name", "Name"}, {"region", "Region code"}, {"time_zone", "Time zone"}, {"version", "Office"}, {NULL, NULL},
	};
	if (rc == 0)
		rc = html_printf(&rs->body, "<h2>%s</h2><p class=\"hint\">%s</p>", T("Change the office"),
				 T("The time zone gives the dates the program records for the office (a stage changed, a task overdue) and the times its pages show."));
	if (rc == 0)
		rc = web_faults(rq, rs, f, labels);
	const struct org *v = in ? in : &o;
	if (rc == 0)
		rc = html_printf(&rs->body, "<form method=\"post\" action=\"/office\" class=\"stack narrow\">");
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	if (rc == 0)
		rc = html_printf(&rs->body,
				 "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
				 "<label for=\"name\">%s</label><input id=\"name\" name=\"name\" required maxlength=\"200\" value=\"%s\">"
				 "<label for=\"region\">%s</label><input id=\"region\" name=\"region\" value=\"%s\" inputmode=\"decimal\" placeholder=\"32.73\" aria-describedby=\"hint-region name-region\">"
				 "<p id=\"hint-region\" class=\"hint\">%s</p>",
				 (long long)o.version, T("Name"), v->name, T("Region code"), v->region,
				 T("Kemendagri code of the province, regency or district where the office is, e.g. 32.73."));
	if (rc == 0)
		rc = web_region_picker(rq, rs, "region", v->region);
	if (rc == 0)
		rc = html_printf(&rs->body, "<label for=\"time_zone\">%s</label><select id=\"time_zone\" name=\"time_zone\"><option value=\"\">%s</option>",
				 T("Time zone"), T("From the office's region"));
	for (int i = 0; rc == 0 && office_zone_names[i]; i++)
		rc = html_printf(&rs->body, "<option value=\"%s\"%R>%s</option>", office_zone_names[i],
				 str_eq(v->time_zone, office_zone_names[i]) ? " selected" : "", T(web_zone_labels[i]));
	if (rc == 0)
		rc = html_printf(&rs->body, "</select><button type=\"submit\">%s</button></form>", T("Save"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_office(struct request *rq, struct response *rs)
{
	return web_office_page(rq, rs, NULL, NULL, web_saved(rq, "office") ? T("The office is saved.") : NULL);
}

int web_office_save(struct request *rq, struct response *rs)
{
	json_t *in = json_object();
	static const char *const keys[] = {"name", "region", "time_zone"};
	for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const char *v = kv_get(&rq->form, keys[i]);
		json_object_set_new(in, keys[i], v ? json_string(v) : json_null());
	}
	long version = 0;
	const char *ver = kv_get(&rq->form, "version");
	if (ver && str_parse_long(ver, 1, INT32_MAX, &version) == 0)
		json_object_set_new(in, "version", json_integer(version));
	struct faults f = {0};
	struct org o;
	int rc = office_update(rq->db, &rq->arena, &rq->actor, in, &f, &o);
	json_decref(in);
	if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
		struct org sent = {.name = kv_get(&rq->form, "name"),
				   .region = kv_get(&rq->form, "region"),
				   .time_zone = kv_get(&rq->form, "time_zone")};
		if (rc == ERR_CONFLICT)
			faults_add(&f, "version", "Someone else changed this record after you opened it. Your input is kept below; save again to replace their change.");
		rs->status = rc == ERR_CONFLICT ? 409 : 422;
		return web_office_page(rq, rs, &sent, &f, NULL);
	}
	if (rc)
		return rc;
	response_redirect(rs, "/office?saved=office");
	return 0;
}
