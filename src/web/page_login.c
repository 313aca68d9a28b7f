/* page_login.c: log-in, log-out, language, the start page, static assets and the summary. */
#include "base/embed.h"
#include "base/err.h"
#include "base/buf.h"
#include "base/secret.h"
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

/* The form a session that ended by time could not send goes through the log-in sealed to that
 * session's user (secret_seal_text): its path, a newline, its fields url-encoded, without the old
 * CSRF token. Nobody else can read it from the page, and only that user's log-in opens it. */
#define WEB_RESEND_MAX (256 * 1024)

static const char *web_resend_ad(struct request *rq, int64_t user)
{
	return arena_printf(&rq->arena, "resend:%lld", (long long)user);
}

/* web_resend_fields writes into the log-in form the sealed form ("resend"): sealed here when this
 * request is that form, or as it came when this is the log-in page posted back (a wrong
 * password). Nothing when there is none, or when it is too large to carry. */
static int web_resend_fields(struct request *rq, struct response *rs)
{
	const char *sealed = NULL;
	if (strcmp(rq->path, "/login") == 0) {
		sealed = kv_get(&rq->form, "resend");
	} else if (rq->ended_user) {
		struct buf text;
		buf_init(&text, WEB_RESEND_MAX);
		int rc = buf_printf(&text, "%s\n", rq->path);
		const char *sep = "";
		for (int i = 0; rc == 0 && i < rq->form.n; i++) {
			const struct kv *e = &rq->form.items[i];
			if (strcmp(e->key, "_csrf") == 0)
				continue;
			const char *k = url_encode(&rq->arena, e->key), *v = url_encode(&rq->arena, e->value);
			rc = k && v ? buf_printf(&text, "%s%s=%s", sep, k, v) : ERR_NOMEM;
			sep = "&";
		}
		if (rc == 0)
			rc = secret_seal_text(&rq->arena, web_resend_ad(rq, rq->ended_user), buf_cstr(&text), &sealed);
		buf_free(&text);
		if (rc)
			sealed = NULL; /* too large to carry: the log-in page alone */
	}
	return sealed ? html_printf(&rs->body, "<input type=\"hidden\" name=\"resend\" value=\"%s\">", sealed) : 0;
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

/* web_resend_page offers, after a log-in, to send again the form the ended session could not
 * (text: its path, a newline, its fields): as they were typed, with the new session's CSRF token,
 * sent by the user's own click. Nothing when it is not a local path's form. */
static int web_resend_page(struct request *rq, struct response *rs, char *text, const char *csrf)
{
	char *nl = strchr(text, '\n');
	struct kvlist fields = {0};
	if (nl == NULL)
		return ERR_INVALID;
	*nl = 0;
	if (strcmp(web_safe_next(text), text) != 0 || kv_parse(&rq->arena, nl + 1, strlen(nl + 1), &fields) != 0)
		return ERR_INVALID;
	rq->csrf = csrf;
	int rc = web_page_begin(rq, rs, T("Send again"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>"
				 "<form method=\"post\" action=\"%s\" class=\"stack\">",
				 T("Send again"), T("You are logged in again. What you sent before your session ended is kept: send it now."),
				 text);
	if (rc == 0)
		rc = web_csrf_field(rq, rs);
	for (int i = 0; rc == 0 && i < fields.n; i++)
		rc = html_printf(&rs->body, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", fields.items[i].key,
				 fields.items[i].value);
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
	/* A form carried through the log-in is offered to the user whose session it was, only. */
	const char *sealed = kv_get(&rq->form, "resend");
	char *text;
	if (sealed && secret_open_text(&rq->arena, web_resend_ad(rq, u.id), sealed, &text) == 0) {
		if (web_resend_page(rq, rs, text, csrf) == 0)
			return 0;
		buf_reset(&rs->body); /* not a form to offer: the log-in goes on as any other */
	}
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
