/* test_router.c: unit tests of path matching, route lookup and the route table (http/router.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "http/router.h"

struct match_case {
	const char *pattern, *path;
	bool match;
	int nparams;
	const char *params[REQUEST_MAX_PARAMS];
};

static const struct match_case match_cases[] = {
	{"/", "/", true, 0, {0}},
	{"/", "", false, 0, {0}},
	{"/", "//", false, 0, {0}},
	{"/", "/x", false, 0, {0}},
	{"/clients", "/clients", true, 0, {0}},
	{"/clients", "/clients/", false, 0, {0}},   /* trailing slash */
	{"/clients/", "/clients", false, 0, {0}},
	{"/clients", "/client", false, 0, {0}},
	{"/clients", "/clientsx", false, 0, {0}},
	{"/clients", "/Clients", false, 0, {0}},
	{"/clients", "clients", false, 0, {0}},
	{"/clients", "//clients", false, 0, {0}},
	{"/clients", "/clients/x", false, 0, {0}},  /* extra segment */
	{"/clients", "", false, 0, {0}},
	{"/clients/new", "/clients/new", true, 0, {0}},
	{"/clients/new", "/clients/newer", false, 0, {0}},
	{"/clients/:uid", "/clients/abc", true, 1, {"abc"}},
	{"/clients/:uid", "/clients/new", true, 1, {"new"}},
	{"/clients/:uid", "/clients/", false, 0, {0}},      /* empty segment */
	{"/clients/:uid", "/clients", false, 0, {0}},
	{"/clients/:uid", "/clients/abc/", false, 0, {0}},
	{"/clients/:uid", "/clients/abc/edit", false, 0, {0}},
	{"/clients/:uid", "/clients//", false, 0, {0}},
	{"/clients/:uid", "/users/abc", false, 0, {0}},
	{"/clients/:uid/edit", "/clients/abc/edit", true, 1, {"abc"}},
	{"/clients/:uid/edit", "/clients//edit", false, 0, {0}},
	{"/clients/:uid/edit", "/clients/abc/view", false, 0, {0}},
	{"/clients/:uid/edit", "/clients/abc", false, 0, {0}},
	{"/clients/:uid/edit", "/clients/abc/edit/", false, 0, {0}},
	{"/static/:file", "/static/style.css", true, 1, {"style.css"}},
	{"/users/:name/:action", "/users/siti/disable", true, 2, {"siti", "disable"}},
	{"/users/:name/:action", "/users/siti/", false, 0, {0}},
	{"/a/:p/:q/:r/:s", "/a/w/x/y/z", true, 4, {"w", "x", "y", "z"}},
	{"/a/:p/:q/:r/:s/:t", "/a/v/w/x/y/z", false, 0, {0}}, /* more captures than fit */
};

static void test_router_match(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof match_cases / sizeof match_cases[0]; i++) {
		const struct match_case *c = &match_cases[i];
		const char *params[REQUEST_MAX_PARAMS] = {0};
		int nparams = -1;
		bool got = router_match(&a, c->pattern, c->path, params, &nparams);
		if (got != c->match)
			fail_msg("router_match(\"%s\", \"%s\"): expected %s", c->pattern, c->path,
				 c->match ? "a match" : "no match");
		if (!got)
			continue;
		if (nparams != c->nparams)
			fail_msg("router_match(\"%s\", \"%s\"): expected %d params, got %d", c->pattern,
				 c->path, c->nparams, nparams);
		for (int k = 0; k < nparams; k++)
			if (params[k] == NULL || strcmp(params[k], c->params[k]) != 0)
				fail_msg("router_match(\"%s\", \"%s\") param %d: expected \"%s\", got \"%s\"",
					 c->pattern, c->path, k, c->params[k], params[k] ? params[k] : "NULL");
	}
	arena_free(&a);
}

static int router_h_home(struct request *rq, struct response *rs)
{
	(void)rq;
	(void)rs;
	return 0;
}

static int router_h_other(struct request *rq, struct response *rs)
{
	(void)rq;
	(void)rs;
	return 1;
}

static const struct route router_table[] = {
	{"GET", "/", router_h_home, PERM_PUBLIC, KIND_HTML},                  /* 0 */
	{"GET", "/clients", router_h_other, PERM_CLIENT_READ, KIND_HTML},     /* 1 */
	{"POST", "/clients", router_h_other, PERM_CLIENT_WRITE, KIND_HTML},   /* 2 */
	{"GET", "/clients/new", router_h_other, PERM_CLIENT_WRITE, KIND_HTML}, /* 3 */
	{"GET", "/clients/:uid", router_h_other, PERM_CLIENT_READ, KIND_HTML}, /* 4 */
	{"POST", "/clients/:uid", router_h_other, PERM_CLIENT_WRITE, KIND_HTML}, /* 5 */
	{"DELETE", "/api/clients/:uid", router_h_other, PERM_CLIENT_ARCHIVE, KIND_JSON}, /* 6 */
	{"POST", "/users/:name/:action", router_h_other, PERM_USER_ADMIN, KIND_HTML},    /* 7 */
};

struct find_case {
	const char *method, *path;
	int index; /* -1: not found */
	bool path_known;
	int nparams;
	const char *params[2];
};

static const struct find_case find_cases[] = {
	{"GET", "/", 0, false, 0, {0}},
	{"HEAD", "/", 0, false, 0, {0}},
	{"POST", "/", -1, true, 0, {0}},
	{"GET", "/clients", 1, false, 0, {0}},
	{"HEAD", "/clients", 1, false, 0, {0}},
	{"POST", "/clients", 2, false, 0, {0}},
	{"PUT", "/clients", -1, true, 0, {0}},
	{"DELETE", "/clients", -1, true, 0, {0}},
	{"get", "/clients", -1, true, 0, {0}}, /* methods are case-sensitive */
	{"GET", "/clients/new", 3, false, 0, {0}}, /* the earlier literal route wins */
	{"POST", "/clients/new", 5, false, 1, {"new"}},
	{"GET", "/clients/abc", 4, false, 1, {"abc"}},
	{"HEAD", "/clients/abc", 4, false, 1, {"abc"}},
	{"POST", "/clients/abc", 5, false, 1, {"abc"}},
	{"PATCH", "/clients/abc", -1, true, 0, {0}},
	{"DELETE", "/api/clients/x", 6, false, 1, {"x"}},
	{"GET", "/api/clients/x", -1, true, 0, {0}},
	{"HEAD", "/api/clients/x", -1, true, 0, {0}}, /* HEAD stands in for GET only */
	{"POST", "/users/siti/disable", 7, false, 2, {"siti", "disable"}},
	{"GET", "/users/siti/disable", -1, true, 0, {0}},
	{"GET", "/nothing", -1, false, 0, {0}},
	{"GET", "/clients/abc/extra", -1, false, 0, {0}},
	{"GET", "/clients/", -1, false, 0, {0}},
	{"GET", "", -1, false, 0, {0}},
};

static void test_router_find(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	int n = (int)(sizeof router_table / sizeof router_table[0]);
	for (size_t i = 0; i < sizeof find_cases / sizeof find_cases[0]; i++) {
		const struct find_case *c = &find_cases[i];
		const char *params[REQUEST_MAX_PARAMS] = {0};
		int nparams = -1;
		bool known = !c->path_known;
		const struct route *r =
			router_find(&a, router_table, n, c->method, c->path, params, &nparams, &known);
		int got = r ? (int)(r - router_table) : -1;
		if (got != c->index)
			fail_msg("%s %s: expected route %d, got %d", c->method, c->path, c->index, got);
		if (r == NULL && known != c->path_known)
			fail_msg("%s %s: expected path_known %d", c->method, c->path, c->path_known);
		if (nparams != c->nparams)
			fail_msg("%s %s: expected %d params, got %d", c->method, c->path, c->nparams, nparams);
		for (int k = 0; k < nparams; k++)
			if (strcmp(params[k], c->params[k]) != 0)
				fail_msg("%s %s: param %d expected \"%s\", got \"%s\"", c->method, c->path, k,
					 c->params[k], params[k]);
	}
	bool known = true;
	int nparams = -1;
	const char *params[REQUEST_MAX_PARAMS];
	assert_null(router_find(&a, router_table, 0, "GET", "/", params, &nparams, &known));
	assert_false(known);
	assert_int_equal(nparams, 0);
	arena_free(&a);
}

static bool router_method_known(const char *m)
{
	static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(m, methods[i]) == 0)
			return true;
	return false;
}

static void test_routes_table_shape(void **state)
{
	(void)state;
	assert_true(routes_count > 0);
	for (int i = 0; i < routes_count; i++) {
		const struct route *r = &routes[i];
		assert_non_null(r->method);
		assert_non_null(r->pattern);
		if (!router_method_known(r->method))
			fail_msg("route %d (%s): unknown method %s", i, r->pattern, r->method);
		if (r->pattern[0] != '/')
			fail_msg("route %d: pattern \"%s\" does not start with '/'", i, r->pattern);
		if (r->handler == NULL)
			fail_msg("route %d (%s %s): no handler", i, r->method, r->pattern);
		if (r->kind != KIND_HTML && r->kind != KIND_JSON)
			fail_msg("route %d (%s %s): invalid kind %d", i, r->method, r->pattern, (int)r->kind);
		if ((int)r->perm < 0 || r->perm >= PERM_COUNT)
			fail_msg("route %d (%s %s): invalid permission %d", i, r->method, r->pattern, (int)r->perm);
		if (strncmp(r->pattern, "/api/", 5) == 0 && r->kind != KIND_JSON)
			fail_msg("route %d (%s %s): API routes answer JSON", i, r->method, r->pattern);
		for (int k = 0; k < i; k++)
			if (strcmp(routes[k].method, r->method) == 0 && strcmp(routes[k].pattern, r->pattern) == 0)
				fail_msg("route %d (%s %s) repeats route %d", i, r->method, r->pattern, k);
	}
}

/* Everything that changes state needs a permission, except logging in. */
static void test_routes_state_changes_need_permission(void **state)
{
	(void)state;
	static const char *const allowed[][2] = {{"POST", "/login"}, {"POST", "/api/v1/session"}};
	int public_writes = 0;
	for (int i = 0; i < routes_count; i++) {
		const struct route *r = &routes[i];
		if (strcmp(r->method, "GET") == 0 || r->perm != PERM_PUBLIC)
			continue;
		bool ok = false;
		for (size_t k = 0; k < sizeof allowed / sizeof allowed[0]; k++)
			ok = ok || (strcmp(r->method, allowed[k][0]) == 0 && strcmp(r->pattern, allowed[k][1]) == 0);
		if (!ok)
			fail_msg("%s %s changes state but is public", r->method, r->pattern);
		public_writes++;
	}
	assert_int_equal(public_writes, 2);
}

/* Each route is reachable: a path made from its pattern finds it, not an earlier route. */
static void test_routes_reachable(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (int i = 0; i < routes_count; i++) {
		const struct route *r = &routes[i];
		char path[256];
		size_t o = 0;
		int captures = 0;
		for (const char *p = r->pattern; *p && o + 8 < sizeof path;) {
			if (*p == ':') {
				o += (size_t)snprintf(path + o, sizeof path - o, "v%d", captures++);
				while (*p && *p != '/')
					p++;
			} else {
				path[o++] = *p++;
			}
		}
		path[o] = 0;
		const char *params[REQUEST_MAX_PARAMS];
		int nparams = -1;
		bool known;
		const struct route *got =
			router_find(&a, routes, routes_count, r->method, path, params, &nparams, &known);
		if (got != r)
			fail_msg("%s %s: found route %d instead of %d", r->method, path,
				 got ? (int)(got - routes) : -1, i);
		assert_int_equal(nparams, captures);
		if (strcmp(r->method, "GET") == 0) {
			got = router_find(&a, routes, routes_count, "HEAD", path, params, &nparams, &known);
			if (got != r)
				fail_msg("HEAD %s does not find GET %s", path, r->pattern);
		}
	}
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router_match),
		cmocka_unit_test(test_router_find),
		cmocka_unit_test(test_routes_table_shape),
		cmocka_unit_test(test_routes_state_changes_need_permission),
		cmocka_unit_test(test_routes_reachable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
