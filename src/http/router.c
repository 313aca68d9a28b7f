/* router.c: matching paths against route patterns segment by segment. */
#include "http/router.h"
#include <stdio.h>
#include <string.h>

bool router_match(struct arena *a, const char *pattern, const char *path, const char **params,
		  int *nparams)
{
	*nparams = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p != '/' || *s != '/')
			return false;
		p++;
		s++;
		const char *pe = strchr(p, '/');
		const char *se = strchr(s, '/');
		size_t plen = pe ? (size_t)(pe - p) : strlen(p);
		size_t slen = se ? (size_t)(se - s) : strlen(s);
		if (plen > 0 && p[0] == ':') {
			if (slen == 0 || *nparams == REQUEST_MAX_PARAMS)
				return false;
			params[(*nparams)++] = arena_strndup(a, s, slen);
		} else if (plen != slen || strncmp(p, s, plen) != 0) {
			return false;
		}
		p += plen;
		s += slen;
	}
	return *p == 0 && *s == 0;
}

const struct route *router_find(struct arena *a, const struct route *table, int n,
				const char *method, const char *path, const char **params,
				int *nparams, bool *path_known)
{
	*path_known = false;
	for (int i = 0; i < n; i++) {
		if (!router_match(a, table[i].pattern, path, params, nparams))
			continue;
		if (strcmp(table[i].method, method) == 0)
			return &table[i];
		if (strcmp(method, "HEAD") == 0 && strcmp(table[i].method, "GET") == 0)
			return &table[i];
		*path_known = true;
	}
	*nparams = 0;
	return NULL;
}

const char *router_allow(struct arena *a, const struct route *table, int n, const char *path)
{
	const char *params[REQUEST_MAX_PARAMS];
	int nparams;
	char list[128] = "";
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		if (!router_match(a, table[i].pattern, path, params, &nparams) || strstr(list, table[i].method))
			continue;
		bool get = strcmp(table[i].method, "GET") == 0;
		int w = snprintf(list + len, sizeof list - len, "%s%s%s", len ? ", " : "", table[i].method, get ? ", HEAD" : "");
		if (w < 0 || (size_t)w >= sizeof list - len)
			break;
		len += (size_t)w;
	}
	return arena_strdup(a, list);
}
