/* page_login.c: log-in, log-out, language, the start page, static assets and the summary. */
#include "base/embed.h"
#include "base/err.h"
#include "domain/account.h"
#include "store/ref_store.h"
#include "web/html.h"
#include "web/pages.h"
#include <string.h>

/* web_safe_next accepts only local paths as a post-login destination. */
static const char *web_safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == '\\')
			return "/"; /* browsers drop tabs and newlines: "/\t/evil" would leave the site */
	return next;
}

int web_home(struct request *rq, struct response *rs)
{
	if (!rq->authed)
		response_redirect(rs, "/login");
	else if (policy_can(&rq->actor, PERM_CLIENT_READ))
		response_redirect(rs, "/clients");
	else if (policy_can(&rq->actor, PERM_STATS_READ))
		response_redirect(rs, "/summary");
	else
		response_redirect(rs, "/users");
	return 0;
}

int web_static(struct request *rq, struct response *rs)
{
	static const struct {
		const char *ext, *type;
	} types[] = {{".css", "text/css; charset=utf-8"},
		     {".js", "text/javascript; charset=utf-8"},
		     {".svg", "image/svg+xml"}};
	const char *name = arena_printf(&rq->arena, "assets/%s", rq->params[0]);
	const struct embed_file *f = name ? embed_find(name) : NULL;
	if (f == NULL)
		return ERR_NOTFOUND;
	const char *dot = strrchr(name, '.');
	for (unsigned i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			rs->content_type = types[i].type;
	/* Asked for by its version (web_asset_tag), it never changes: a year, without asking again. */
	const char *v = kv_get(&rq->query, "v");
	rs->cache = v && strcmp(v, f->tag) == 0 ? "public, max-age=31536000, immutable" : "public, max-age=3600";
	response_file(rs, f);
	return 0;
}

/* web_resend_fields writes, into the log-in form, a form that was sent when the session had
 * ended: its action ("resend") and each of its fields as "r.NAME", so that after the log-in it can
 * be sent again (web_login) and nothing typed is lost. On the log-in page posted back (a wrong
 * password), they are what it carried. The old CSRF token is left out: a new one comes with the
 * new session. */
static int web_resend_fields(struct request *rq, struct response *rs)
{
	bool again = strcmp(rq->path, "/login") == 0;
	const char *action = again ? kv_get(&rq->form, "resend") : rq->path;
	if (action == NULL || strcmp(web_safe_next(action), action) != 0)
		return 0;
	int rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"resend\" value=\"%s\">", action);
	for (int i = 0; rc == 0 && i < rq->form.n; i++) {
		const struct kv *e = &rq->form.items[i];
		if (again ? strncmp(e->key, "r.", 2) == 0 : strcmp(e->key, "_csrf") != 0)
			rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"%s%s\" value=\"%s\">", again ? "" : "r.",
					 e->key, e->value);
	}
	return rc;
}

static int web_login_page(struct request *rq, struct response *rs, const char *name,
			  const char *error)
{
	const char *next = web_safe_next(kv_get(&rq->query, "next") ? kv_get(&rq->query, "next")
								     : kv_get(&rq->form, "next"));
	int rc = web_page_begin(rq, rs, T("Log in"));
	if (rc == 0)
		rc = html_printf(&rs->body,
				 "<section class=\"narrow\"><h1>%s</h1>", T("Log in"));
	if (rc == 0 && error)
		rc = html_printf(&rs->body, "<p class=\"error\" role=\"alert\" id=\"login-error\">%s</p>", error);
	if (rc == 0)
		rc = html_printf(&rs->body,
				 "<form method=\"post\" action=\"/login\" class=\"stack\">"
				 "<input type=\"hidden\" name=\"next\" value=\"%s\">",
				 next);
	if (rc == 0)
		rc = web_resend_fields(rq, rs);
	if (rc == 0)
		rc = html_printf(&rs->body,
				 "<label for=\"name\">%s</label>"
				 "<input id=\"name\" name=\"name\" autocomplete=\"username\" required value=\"%s\" autofocus>"
				 "<label for=\"password\">%s</label>"
				 "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>"
				 "<button type=\"submit\">%s</button></form></section>",
				 T("User name"), name ? name : "", T("Password"), T("Log in"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_login_form(struct request *rq, struct response *rs)
{
	if (rq->authed) {
		response_redirect(rs, "/");
		return 0;
	}
	return web_login_page(rq, rs, NULL, NULL);
}

void api_session_cookie(struct request *rq, struct response *rs, const char *token, int max_age);

/* web_resend_page offers, after a log-in, to send again the form the ended session could not:
 * its fields as they were typed, with the new session's CSRF token, sent by the user's own click. */
static int web_resend_page(struct request *rq, struct response *rs, const char *action, const char *csrf)
{
	rq->csrf = csrf;
	int rc = web_page_begin(rq, rs, T("Send again"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>"
				 "<form method=\"post\" action=\"%s\" class=\"stack\">",
				 T("Send again"), T("You are logged in again. What you sent before your session ended is kept: send it now."),
				 action);
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	for (int i = 0; rc == 0 && i < rq->form.n; i++) {
		const struct kv *e = &rq->form.items[i];
		if (strncmp(e->key, "r.", 2) == 0 && strcmp(e->key, "r._csrf") != 0)
			rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", e->key + 2, e->value);
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "<button type=\"submit\">%s</button></form><p><a href=\"/\">%s</a></p></section>",
				 T("Send"), T("Do not send it"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

int web_login(struct request *rq, struct response *rs)
{
	const char *name = kv_get(&rq->form, "name");
	const char *password = kv_get(&rq->form, "password");
	const char *token, *csrf;
	struct user u;
	int rc = account_login(rq->db, &rq->arena, name, password, rq->ip, &token, &csrf, &u);
	if (rc == ERR_UNAUTH || rc == ERR_THROTTLED) {
		rs->status = rc == ERR_UNAUTH ? 401 : 429;
		return web_login_page(rq, rs, name,
				      T(rc == ERR_UNAUTH ? "Wrong user name or password." : err_message(rc)));
	}
	if (rc)
		return rc;
	api_session_cookie(rq, rs, token, ACCOUNT_SESSION_MAX);
	const char *resend = kv_get(&rq->form, "resend");
	if (resend && strcmp(web_safe_next(resend), resend) == 0)
		return web_resend_page(rq, rs, resend, csrf);
	response_redirect(rs, web_safe_next(kv_get(&rq->form, "next")));
	return 0;
}

int web_login_resend(struct request *rq, struct response *rs)
{
	rs->status = 401;
	return web_login_page(rq, rs, NULL,
			      T("Your session has ended. Log in again: what you sent is kept, and you can send it again."));
}

int web_logout(struct request *rq, struct response *rs)
{
	int rc = account_logout(rq->db, &rq->actor, rq->session_token);
	if (rc)
		return rc;
	api_session_cookie(rq, rs, "", 0);
	response_redirect(rs, "/login");
	return 0;
}

static const char *web_back(const char *back)
{
	return web_safe_next(back);
}

int web_language(struct request *rq, struct response *rs)
{
	const char *lang = kv_get(&rq->form, "lang");
	int rc = account_set_lang(rq->db, &rq->actor, lang);
	if (rc)
		return rc;
	response_redirect(rs, web_back(kv_get(&rq->form, "back")));
	return 0;
}

int web_language_anon(struct request *rq, struct response *rs)
{
	const char *lang = kv_get(&rq->query, "lang");
	if (lang == NULL || (strcmp(lang, "id") != 0 && strcmp(lang, "en") != 0))
		return ERR_INVALID;
	rs->cookies[rs->ncookies++] = arena_printf(&rq->arena,
		"pd_lang=%s; Path=/; SameSite=Strict; Max-Age=31536000", lang);
	response_redirect(rs, web_back(kv_get(&rq->query, "back")));
	return 0;
}

static int web_count_table(struct request *rq, struct response *rs, const char *title, const char *by)
{
	struct count_item *items;
	int n;
	int64_t total;
	int rc = ref_store_counts(rq->db, &rq->arena, rq->actor.org_id, by, &items, &n, &total);
	if (rc)
		return rc;
	rc = html_printf(&rs->body, "<h2>%s</h2><table><thead><tr><th>%s</th><th class=\"num\">%s</th></tr></thead><tbody>",
			 title, T("Group"), T("Clients"));
	for (int i = 0; rc == 0 && i < n; i++) {
		const char *label = items[i].label && *items[i].label ? items[i].label
				    : *items[i].key ? items[i].key : T("Not recorded");
		if (strcmp(by, "sex") == 0)
			label = strcmp(items[i].key, "F") == 0 ? T("Female") : strcmp(items[i].key, "M") == 0 ? T("Male") : T("Not recorded");
		rc = html_printf(&rs->body, "<tr><td>%s</td><td class=\"num\">%lld</td></tr>", label,
				 (long long)items[i].count);
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</tbody></table>");
	return rc;
}

int web_summary(struct request *rq, struct response *rs)
{
	struct count_item *items;
	int n;
	int64_t total;
	int rc = ref_store_counts(rq->db, &rq->arena, rq->actor.org_id, "sex", &items, &n, &total);
	if (rc == 0)
		rc = web_page_begin(rq, rs, T("Summary"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1><p class=\"lead\">%s: <strong>%lld</strong></p>",
				 T("Summary"), T("Active clients"), (long long)total);
	if (rc == 0)
		rc = web_count_table(rq, rs, T("By province"), "province");
	if (rc == 0)
		rc = web_count_table(rq, rs, T("By PPKS category"), "ppks");
	if (rc == 0)
		rc = web_count_table(rq, rs, T("By sex"), "sex");
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}
