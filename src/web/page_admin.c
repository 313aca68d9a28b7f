/* page_admin.c: the administrator's pages: users and the audit trail. */
#include "base/err.h"
#include "base/str.h"
#include "domain/account.h"
#include "store/audit_store.h"
#include "web/html.h"
#include "web/pages.h"
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

int web_users(struct request *rq, struct response *rs)
{
	return web_users_page(rq, rs, NULL, NULL, NULL);
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
	return web_users_page(rq, rs, NULL, NULL, T("Password changed; the user's sessions have ended."));
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

int api_audit_filter(struct request *rq, struct audit_filter *f, const char **bad_field);

int web_audit(struct request *rq, struct response *rs)
{
	struct audit_filter f;
	const char *bad = NULL;
	struct audit_item *items = NULL;
	int n = 0;
	int64_t next = 0;
	int rc = 0;
	bool invalid = api_audit_filter(rq, &f, &bad) != 0;
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
	if (rc == 0 && invalid)
		rc = html_printf(&rs->body, "<p class=\"error\" role=\"alert\">%s: %s</p>", bad,
				 T("Dates are YYYY-MM-DD; before and limit are whole numbers."));
	if (rc == 0)
		rc = html_printf(&rs->body, "<table class=\"list audit\"><thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
				 T("Time (UTC)"), T("User"), T("Action"), T("Record"), T("Changes"));
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct audit_row *r = &items[i].row;
		rc = html_printf(&rs->body, "<tr><td>%lld</td><td>%s</td><td>%s</td><td>%s</td><td>%s %s</td><td><code>%s</code></td></tr>",
				 (long long)r->id, r->at, r->user_name, r->action, r->entity, r->entity_uid, r->detail);
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
