/* request.c: parsing of URLs, query strings, form bodies and cookies, within hard limits. */
#include "http/request.h"
#include "base/err.h"
#include "base/str.h"
#include <string.h>
#include <strings.h>

const char *request_t(const struct request *rq, const char *msgid)
{
	return i18n_t(rq->lang, msgid);
}

int url_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_decode(struct arena *a, const char *s, size_t n, bool plus)
{
	char *out = arena_alloc(a, n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%') {
			if (n - i < 3)
				return NULL;
			int h = url_hex(s[i + 1]), l = url_hex(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && plus) {
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	out[o] = 0;
	if (!str_utf8_valid(out, o))
		return NULL;
	return out;
}

char *url_encode(struct arena *a, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *out = arena_alloc(a, 3 * n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~' || *p == '/') {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = 0;
	return out;
}

int kv_parse(struct arena *a, const char *s, size_t n, struct kvlist *out)
{
	out->n = 0;
	out->items = NULL;
	if (s == NULL || n == 0)
		return 0;
	int count = 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '&')
			count++;
	if (count > REQUEST_MAX_FIELDS)
		return ERR_TOOBIG;
	out->items = arena_alloc(a, sizeof *out->items * (size_t)count);
	if (out->items == NULL)
		return ERR_NOMEM;
	size_t start = 0;
	while (start <= n) {
		size_t end = start;
		while (end < n && s[end] != '&')
			end++;
		if (end > start) {
			const char *eq = memchr(s + start, '=', end - start);
			size_t klen = eq ? (size_t)(eq - (s + start)) : end - start;
			char *key = url_decode(a, s + start, klen, true);
			char *val = eq ? url_decode(a, eq + 1, end - start - klen - 1, true) : arena_strdup(a, "");
			if (key == NULL || val == NULL)
				return ERR_BADREQ;
			out->items[out->n].key = key;
			out->items[out->n].value = val;
			out->n++;
		}
		start = end + 1;
	}
	return 0;
}

const char *kv_get(const struct kvlist *l, const char *key)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0)
			return l->items[i].value;
	return NULL;
}

int kv_all(const struct kvlist *l, const char *key, const char **vals, int max)
{
	int k = 0;
	for (int i = 0; i < l->n && k < max; i++)
		if (strcmp(l->items[i].key, key) == 0)
			vals[k++] = l->items[i].value;
	return k;
}

const char *cookie_get(struct arena *a, const char *header, const char *name)
{
	if (header == NULL)
		return NULL;
	size_t nlen = strlen(name);
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=')
			return arena_strndup(a, p + nlen + 1, len - nlen - 1);
		p += len;
	}
	return NULL;
}

void response_redirect(struct response *rs, const char *location)
{
	rs->status = 303;
	rs->location = location;
}

void response_file(struct response *rs, const struct embed_file *f)
{
	rs->file = f;
}

bool media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);
	if (ct == NULL)
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, type, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == 0 || *ct == ';';
}
