/* html.c: escaping by default, raw by name; the frame shared by every page. */
#include "web/html.h"
#include "base/str.h"
#include "base/embed.h"
#include "base/err.h"
#include "base/secret.h"
#include "base/uuid.h"
#include "domain/office.h"
#include "domain/region.h"
#include "store/ref_store.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int html_escape(struct buf *b, const char *s)
{
	if (s == NULL)
		return 0;
	const char *start = s;
	int rc = 0;
	for (; *s && rc == 0; s++) {
		const char *ent = NULL;
		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		default: continue;
		}
		rc = buf_append(b, start, (size_t)(s - start));
		if (rc == 0)
			rc = buf_puts(b, ent);
		start = s + 1;
	}
	if (rc == 0)
		rc = buf_append(b, start, strlen(start));
	return rc;
}

static int html_urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;
	for (; s && *s && rc == 0; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			rc = buf_append(b, s, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			rc = buf_append(b, e, 3);
		}
	}
	return rc;
}

int html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = 0;
	const char *p = fmt;
	while (*p && rc == 0) {
		const char *pct = strchr(p, '%');
		if (pct == NULL) {
			rc = buf_puts(b, p);
			break;
		}
		rc = buf_append(b, p, (size_t)(pct - p));
		if (rc)
			break;
		char num[32];
		p = pct + 1;
		if (*p == 's') {
			rc = html_escape(b, va_arg(ap, const char *));
			p++;
		} else if (*p == 'R') {
			const char *raw = va_arg(ap, const char *);
			rc = raw ? buf_puts(b, raw) : 0;
			p++;
		} else if (*p == 'U') {
			rc = html_urlencode(b, va_arg(ap, const char *));
			p++;
		} else if (*p == 'd') {
			snprintf(num, sizeof num, "%d", va_arg(ap, int));
			rc = buf_puts(b, num);
			p++;
		} else if (strncmp(p, "lld", 3) == 0) {
			snprintf(num, sizeof num, "%lld", va_arg(ap, long long));
			rc = buf_puts(b, num);
			p += 3;
		} else if (strncmp(p, "ld", 2) == 0) {
			snprintf(num, sizeof num, "%ld", va_arg(ap, long));
			rc = buf_puts(b, num);
			p += 2;
		} else if (strncmp(p, "zu", 2) == 0) {
			snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
			rc = buf_puts(b, num);
			p += 2;
		} else if (*p == '%') {
			rc = buf_append(b, "%", 1);
			p++;
		} else {
			rc = ERR_INVALID; /* an unknown conversion is a programming error */
		}
	}
	va_end(ap);
	return rc;
}

/* web_label_of finds the label of field in labels: an exact code, else the longest code ending in
 * '.' or '[' that field starts with; NULL when none. */
static const char *web_label_of(const struct web_label *labels, const char *field)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (const struct web_label *l = labels; l && l->field; l++) {
		size_t n = strlen(l->field);
		if (strcmp(l->field, field) == 0)
			return l->label;
		bool group = n > 0 && (l->field[n - 1] == '.' || l->field[n - 1] == '[');
		if (group && n > best_len && strncmp(field, l->field, n) == 0) {
			best = l->label;
			best_len = n;
		}
	}
	return best;
}

/* web_label_exact finds the label of code in labels, matched whole; NULL when none. */
static const char *web_label_exact(const struct web_label *labels, const char *code)
{
	for (const struct web_label *l = labels; l && l->field; l++)
		if (strcmp(l->field, code) == 0)
			return l->label;
	return NULL;
}

/* web_field_name is what a refused form calls field, translated. A field of a numbered row
 * ("problems[1].severity") whose list has a row label ("problems[]") is named by the row's label
 * and number, then by its own ("problems[].severity"): "Problem 2 — Severity (1-5)". Else the
 * label web_label_of finds, else the field's code. */
static const char *web_field_name(struct request *rq, const struct web_label *labels, const char *field)
{
	const char *open = strchr(field, '[');
	char *end;
	long n = open ? strtol(open + 1, &end, 10) : -1;
	if (open && end > open + 1 && *end == ']' && n >= 0 && n < 10000) {
		const char *list = arena_printf(&rq->arena, "%.*s[]", (int)(open - field), field);
		const char *row = web_label_exact(labels, list);
		const char *own = *++end ? web_label_exact(labels, arena_printf(&rq->arena, "%s%s", list, end)) : NULL;
		if (row && own)
			return arena_printf(&rq->arena, "%s %ld — %s", T(row), n + 1, T(own));
		if (row)
			return arena_printf(&rq->arena, "%s %ld", T(row), n + 1);
	}
	const char *label = web_label_of(labels, field);
	return label ? T(label) : field;
}

int web_faults(struct request *rq, struct response *rs, const struct faults *f, const struct web_label *labels)
{
	if (f == NULL || f->n == 0)
		return 0;
	int rc = html_printf(&rs->body, "<div class=\"error\" role=\"alert\" id=\"form-errors\"><ul>");
	for (int i = 0; rc == 0 && i < f->n; i++) {
		const char *field = f->list[i].field ? f->list[i].field : "";
		if (*field == 0)
			rc = html_printf(&rs->body, "<li>%s</li>", T(f->list[i].msg));
		else
			rc = html_printf(&rs->body, "<li>%s: %s</li>", web_field_name(rq, labels, field), T(f->list[i].msg));
	}
	return rc ? rc : html_printf(&rs->body, "</ul></div>");
}

json_t *web_form_number(const char *v)
{
	long n;
	return str_parse_long(v, -9000000000000000000L, 9000000000000000000L, &n) == 0 ? json_integer(n) : json_string(v);
}

bool web_posted(struct request *rq, const char *action)
{
	return str_eq(rq->method, "POST") && str_eq(rq->path, action);
}

const char *web_typed(struct request *rq, const char *action, const char *name)
{
	const char *v = web_posted(rq, action) ? kv_get(&rq->form, name) : NULL;
	return v ? v : "";
}

int web_conflict_open(struct request *rq, struct response *rs, const char *by, const char *at)
{
	return html_printf(&rs->body, "<div class=\"warning\" role=\"alert\" id=\"conflict\"><p>%s %s (%s).</p><ul>",
			   T("The record was changed by someone else:"), by ? by : "—", at ? at : "—");
}

int web_conflict_field(struct request *rq, struct response *rs, const char *label, const char *theirs,
		       const char *mine, int *shown)
{
	if (str_eq(str_empty(theirs) ? "" : theirs, str_empty(mine) ? "" : mine))
		return 0;
	(*shown)++;
	return html_printf(&rs->body, "<li>%s: <strong>%s</strong> (%s: %s)</li>", T(label), str_empty(theirs) ? "—" : theirs,
			   T("yours"), str_empty(mine) ? "—" : mine);
}

int web_conflict_close(struct request *rq, struct response *rs, int shown, const char *none)
{
	int rc = shown ? 0 : html_printf(&rs->body, "<li>%s</li>", T(none));
	return rc ? rc : html_printf(&rs->body, "</ul><p>%s</p></div>", T("Your input is kept below. Save again to replace the current record with it."));
}

int web_once_field(struct request *rq, struct response *rs)
{
	/* A refused form shown again keeps its key: nothing of it was saved. */
	const char *sent = kv_get(&rq->form, "once");
	char fresh[37];
	uuid_v7(fresh);
	return html_printf(&rs->body, "<input type=\"hidden\" name=\"once\" value=\"%s\">",
			   sent && uuid_valid(sent) ? sent : fresh);
}

bool web_resent(const char *once, int rc)
{
	return rc == ERR_EXISTS && once && uuid_valid(once);
}

int web_csrf_field(struct request *rq, struct response *rs)
{
	/* Masked afresh on each page: the page may go compressed (http/encoding.c). */
	const char *masked;
	int rc = secret_mask(&rq->arena, rq->csrf ? rq->csrf : "", &masked);
	return rc ? rc : html_printf(&rs->body, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", masked);
}

int web_region_label(struct request *rq, const char *code, const char **label)
{
	struct region_item r;
	bool found = false;
	const char *why;
	*label = NULL;
	int rc = code && region_check(code, &why) == 0 ? ref_store_region_get(rq->db, &rq->arena, code, &r, &found) : 0;
	if (rc == 0 && found) {
		*label = arena_printf(&rq->arena, "%s%s%s", r.name, *r.within ? ", " : "", r.within);
		rc = *label ? 0 : ERR_NOMEM;
	}
	return rc;
}

int web_region_picker(struct request *rq, struct response *rs, const char *field, const char *code)
{
	const char *label;
	int rc = web_region_label(rq, code, &label);
	if (rc == 0)
		rc = html_printf(&rs->body, "<p class=\"region-name\" id=\"name-%s\" aria-live=\"polite\">%s</p>", field, label);
	if (rc == 0)
		rc = html_printf(&rs->body,
				 "<details class=\"region-picker\" data-for=\"%s\" data-api=\"/api/v1/regions\" hidden><summary>%s</summary><div class=\"levels\">"
				 "<label>%s<select data-level=\"1\"><option value=\"\">—</option></select></label>"
				 "<label>%s<select data-level=\"2\" disabled><option value=\"\">—</option></select></label>"
				 "<label>%s<select data-level=\"3\" disabled><option value=\"\">—</option></select></label>"
				 "<label>%s<select data-level=\"4\" disabled><option value=\"\">—</option></select></label></div>"
				 "<label>%s<input type=\"search\" data-find placeholder=\"%s\" autocomplete=\"off\"></label>"
				 "<ul class=\"region-found\" data-found data-none=\"%s\"></ul>"
				 "<p class=\"region-note\" data-note data-offline=\"%s\" data-unloaded=\"%s\" aria-live=\"polite\" hidden></p></details>",
				 field, T("Choose from the region list"), T("Province"), T("Regency or city"), T("District"), T("Village"), T("Find a region by name"),
				 T("e.g. Cipaganti"), T("No region of that name."),
				 T("The region list cannot be reached now: type the code, or open the list again later."),
				 T("The region list has nothing below this level: type the rest of the code."));
	return rc;
}

/* web_self_url rebuilds the current path and query, to come back to the same page. */
static const char *web_self_url(struct request *rq)
{
	struct buf b;
	buf_init(&b, REQUEST_MAX_URL);
	int rc = buf_puts(&b, rq->path);
	for (int i = 0; rc == 0 && i < rq->query.n; i++) {
		rc = buf_puts(&b, i ? "&" : "?");
		if (rc == 0)
			rc = html_urlencode(&b, rq->query.items[i].key);
		if (rc == 0)
			rc = buf_puts(&b, "=");
		if (rc == 0)
			rc = html_urlencode(&b, rq->query.items[i].value);
	}
	const char *url = rc == 0 ? arena_strdup(&rq->arena, buf_cstr(&b)) : rq->path;
	buf_free(&b);
	return url ? url : rq->path;
}

/* web_asset_tag is the tag of an embedded asset for its URL ("?v=TAG"): a new version of the file
 * is a new URL, so a browser may keep each for a year (web_static) and a page on a slow link
 * loads none of them again. */
static const char *web_asset_tag(const char *name)
{
	const struct embed_file *f = embed_find(name);
	return f ? f->tag : "";
}

int web_page_begin(struct request *rq, struct response *rs, const char *title)
{
	rs->content_type = "text/html; charset=utf-8";
	int rc = html_printf(&rs->body,
			     "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
			     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			     "<title>%s · Pendamping</title>"
			     "<link rel=\"stylesheet\" href=\"/static/style.css?v=%s\">"
			     "<link rel=\"icon\" href=\"/static/favicon.svg?v=%s\" type=\"image/svg+xml\">"
			     "<script src=\"/static/app.js?v=%s\" defer></script></head><body>"
			     "<a class=\"skip\" href=\"#main\">%s</a><header class=\"top\"><a class=\"brand\" href=\"/\">Pendamping</a>",
			     i18n_lang_code(rq->lang), title, web_asset_tag("assets/style.css"),
			     web_asset_tag("assets/favicon.svg"), web_asset_tag("assets/app.js"), T("Skip to content"));
	if (rc == 0 && rq->authed) {
		rc = html_printf(&rs->body, "<nav aria-label=\"%s\"><ul>", T("Main menu"));
		if (rc == 0 && policy_can(&rq->actor, PERM_CLIENT_READ))
			rc = html_printf(&rs->body, "<li><a href=\"/clients\">%s</a></li>", T("Clients"));
		if (rc == 0 && policy_can(&rq->actor, PERM_CASE_WORK))
			rc = html_printf(&rs->body, "<li><a href=\"/cases\">%s</a></li><li><a href=\"/agencies\">%s</a></li><li><a href=\"/supervision\">%s</a></li>",
					 T("Cases"), T("Agencies"), T("Supervision"));
		if (rc == 0 && policy_can(&rq->actor, PERM_GROUP_WORK))
			rc = html_printf(&rs->body, "<li><a href=\"/groups\">%s</a></li>", T("Groups"));
		if (rc == 0 && policy_can(&rq->actor, PERM_STATS_READ))
			rc = html_printf(&rs->body, "<li><a href=\"/summary\">%s</a></li>", T("Summary"));
		if (rc == 0 && policy_can(&rq->actor, PERM_USER_ADMIN))
			rc = html_printf(&rs->body, "<li><a href=\"/users\">%s</a></li>", T("Users"));
		if (rc == 0 && policy_can(&rq->actor, PERM_AUDIT_READ))
			rc = html_printf(&rs->body, "<li><a href=\"/audit\">%s</a></li>", T("Audit trail"));
		if (rc == 0 && policy_can(&rq->actor, PERM_OFFICE_ADMIN))
			rc = html_printf(&rs->body, "<li><a href=\"/office\">%s</a></li>", T("Office"));
		if (rc == 0)
			rc = html_printf(&rs->body, "</ul></nav><div class=\"who\"><span>%s (%s)</span>",
					 rq->actor.name, T(policy_role_name(rq->actor.role)));
		if (rc == 0)
			rc = html_printf(&rs->body,
					 "<form method=\"post\" action=\"/language\" class=\"inline\">");
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		if (rc == 0)
			rc = html_printf(&rs->body,
					 "<input type=\"hidden\" name=\"back\" value=\"%s\">"
					 "<button name=\"lang\" value=\"%s\" class=\"link\" lang=\"%s\">%s</button></form>"
					 "<form method=\"post\" action=\"/logout\" class=\"inline\">",
					 web_self_url(rq), rq->lang == LANG_ID ? "en" : "id",
					 rq->lang == LANG_ID ? "en" : "id",
					 rq->lang == LANG_ID ? "English" : "Bahasa Indonesia");
		if (rc == 0)
			rc = web_csrf_field(rq, rs);
		if (rc == 0)
			rc = html_printf(&rs->body, "<button class=\"link\">%s</button></form></div>", T("Log out"));
	} else if (rc == 0) {
		rc = html_printf(&rs->body,
				 "<div class=\"who\"><a href=\"/language?lang=%s&amp;back=%U\" lang=\"%s\">%s</a></div>",
				 rq->lang == LANG_ID ? "en" : "id", web_self_url(rq), rq->lang == LANG_ID ? "en" : "id",
				 rq->lang == LANG_ID ? "English" : "Bahasa Indonesia");
	}
	if (rc == 0)
		rc = html_printf(&rs->body, "</header><main id=\"main\">");
	return rc;
}

int web_page_end(struct request *rq, struct response *rs)
{
	return html_printf(&rs->body, "</main><footer>Pendamping %s · %s</footer></body></html>\n",
			   PD_VERSION, T("Social rehabilitation casework"));
}

int web_error(struct request *rq, struct response *rs, int code, const char *detail)
{
	buf_reset(&rs->body);
	rs->status = err_status(code);
	int rc = web_page_begin(rq, rs, T("Error"));
	if (rc == 0)
		rc = html_printf(&rs->body, "<h1>%s</h1><p class=\"error\" role=\"alert\">%s</p>",
				 T("Something went wrong"), T(detail ? detail : err_message(code)));
	if (rc == 0)
		rc = html_printf(&rs->body, "<p><a href=\"/\">%s</a></p>", T("Back to the start page"));
	if (rc == 0)
		rc = web_page_end(rq, rs);
	return rc;
}

const char *web_time(struct request *rq, const char *iso)
{
	char local[24];
	if (office_time(iso, rq->actor.zone, local))
		return iso;
	return arena_strdup(&rq->arena, local);
}
