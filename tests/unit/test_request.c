/* test_request.c: unit tests of the URL, query string, form and cookie parsers (http/request.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "http/request.h"

struct url_case {
	const char *in;
	bool plus;
	const char *want; /* NULL: refused */
};

static const struct url_case url_cases[] = {
	{"", true, ""},
	{"abc", true, "abc"},
	{"a+b", true, "a b"},
	{"a+b", false, "a+b"},
	{"++", true, "  "},
	{"%2B", true, "+"}, /* an escaped plus stays a plus */
	{"%20", false, " "},
	{"%41%62c", true, "Abc"},
	{"%c3%a9", true, "\xc3\xa9"},
	{"%C3%A9", true, "\xc3\xa9"},
	{"Jos\xc3\xa9", true, "Jos\xc3\xa9"},
	{"%2F%3F%26%3D%25", true, "/?&=%"},
	{"%0A%09%0D", true, "\n\t\r"},
	{"/clients/%E7%8E%8B", false, "/clients/\xe7\x8e\x8b"},
	/* malformed escapes */
	{"%", true, NULL},
	{"100%", true, NULL},
	{"%2", true, NULL},
	{"a%2", true, NULL},
	{"%zz", true, NULL},
	{"%g0", true, NULL},
	{"%0g", true, NULL},
	{"%%41", true, NULL},
	{"% 41", true, NULL},
	{"%+1", true, NULL},
	/* decoded bytes that are not acceptable text */
	{"%00", true, NULL},
	{"a%00b", true, NULL},
	{"%01", true, NULL},
	{"%1B", true, NULL},
	{"%FF", true, NULL},
	{"%C3", true, NULL},
	{"%C3%28", true, NULL},
	{"%C0%AF", true, NULL},
	{"%ED%A0%80", true, NULL},
	{"%F4%90%80%80", true, NULL},
	{"\xff", true, NULL},
	{"\xc3", false, NULL},
};

static void test_url_decode(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof url_cases / sizeof url_cases[0]; i++) {
		const struct url_case *c = &url_cases[i];
		char *got = url_decode(&a, c->in, strlen(c->in), c->plus);
		if (c->want == NULL && got != NULL)
			fail_msg("url_decode(\"%s\"): expected NULL, got \"%s\"", c->in, got);
		if (c->want != NULL && (got == NULL || strcmp(got, c->want) != 0))
			fail_msg("url_decode(\"%s\", %d): expected \"%s\", got \"%s\"", c->in, c->plus, c->want,
				 got ? got : "NULL");
	}
	/* Only n bytes are decoded. */
	assert_string_equal(url_decode(&a, "abc%20def", 3, true), "abc");
	assert_string_equal(url_decode(&a, "abc%20def", 6, true), "abc ");
	assert_null(url_decode(&a, "abc%20def", 5, true)); /* cuts an escape */
	arena_free(&a);
}

#define KV_MAX 6

struct kv_case {
	const char *in;
	int rc;
	int n;
	const char *pairs[KV_MAX][2];
};

static const struct kv_case kv_cases[] = {
	{"", 0, 0, {{0}}},
	{"&", 0, 0, {{0}}},
	{"&&&", 0, 0, {{0}}},
	{"a=1", 0, 1, {{"a", "1"}}},
	{"a=1&b=2", 0, 2, {{"a", "1"}, {"b", "2"}}},
	{"a=1&a=2&a=3", 0, 3, {{"a", "1"}, {"a", "2"}, {"a", "3"}}},
	{"a", 0, 1, {{"a", ""}}},
	{"a&b", 0, 2, {{"a", ""}, {"b", ""}}},
	{"a=", 0, 1, {{"a", ""}}},
	{"=1", 0, 1, {{"", "1"}}},
	{"a=b=c", 0, 1, {{"a", "b=c"}}},
	{"a=1&&b=2&", 0, 2, {{"a", "1"}, {"b", "2"}}},
	{"&a=1", 0, 1, {{"a", "1"}}},
	{"q=Siti+Aisyah&r=%26%3D", 0, 2, {{"q", "Siti Aisyah"}, {"r", "&="}}},
	{"a%20b=c+d", 0, 1, {{"a b", "c d"}}},
	{"nama=Jos%C3%A9&rt=05", 0, 2, {{"nama", "Jos\xc3\xa9"}, {"rt", "05"}}},
	{"ppks=1&ppks=4&_csrf=x", 0, 3, {{"ppks", "1"}, {"ppks", "4"}, {"_csrf", "x"}}},
	/* bad escapes or text */
	{"a=%zz", ERR_BADREQ, 0, {{0}}},
	{"%=1", ERR_BADREQ, 0, {{0}}},
	{"a=1&b=%", ERR_BADREQ, 0, {{0}}},
	{"a=1&b%2=x", ERR_BADREQ, 0, {{0}}},
	{"a=%00", ERR_BADREQ, 0, {{0}}},
	{"a=%FF", ERR_BADREQ, 0, {{0}}},
	{"a=%ED%A0%80", ERR_BADREQ, 0, {{0}}},
	{"a=\xc3", ERR_BADREQ, 0, {{0}}},
};

static void test_kv_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof kv_cases / sizeof kv_cases[0]; i++) {
		const struct kv_case *c = &kv_cases[i];
		struct arena a;
		arena_init(&a);
		struct kvlist l;
		int rc = kv_parse(&a, c->in, strlen(c->in), &l);
		if (rc != c->rc)
			fail_msg("kv_parse(\"%s\"): expected %d, got %d", c->in, c->rc, rc);
		if (rc == 0) {
			if (l.n != c->n)
				fail_msg("kv_parse(\"%s\"): expected %d fields, got %d", c->in, c->n, l.n);
			for (int k = 0; k < l.n; k++) {
				if (strcmp(l.items[k].key, c->pairs[k][0]) != 0 ||
				    strcmp(l.items[k].value, c->pairs[k][1]) != 0)
					fail_msg("kv_parse(\"%s\") field %d: expected %s=%s, got %s=%s", c->in, k,
						 c->pairs[k][0], c->pairs[k][1], l.items[k].key, l.items[k].value);
			}
		}
		arena_free(&a);
	}
}

static void test_kv_parse_bounds(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct kvlist l;
	/* NULL or zero length: an empty list. */
	assert_int_equal(kv_parse(&a, NULL, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_null(kv_get(&l, "a"));
	/* Only n bytes count. */
	assert_int_equal(kv_parse(&a, "a=1&b=2", 3, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_null(kv_get(&l, "b"));

	/* Exactly REQUEST_MAX_FIELDS fields pass; one more is too many. */
	static char big[REQUEST_MAX_FIELDS * 16];
	size_t len = 0;
	for (int i = 0; i < REQUEST_MAX_FIELDS; i++)
		len += (size_t)snprintf(big + len, sizeof big - len, "%sf%d=%d", i ? "&" : "", i, i);
	assert_int_equal(kv_parse(&a, big, len, &l), 0);
	assert_int_equal(l.n, REQUEST_MAX_FIELDS);
	assert_string_equal(kv_get(&l, "f399"), "399");
	len += (size_t)snprintf(big + len, sizeof big - len, "&x=1");
	assert_int_equal(kv_parse(&a, big, len, &l), ERR_TOOBIG);
	arena_free(&a);
}

static void test_kv_get_all(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct kvlist l;
	const char *s = "ppks=1&nama=Siti&ppks=4&ppks=7&empty=&ppksx=9";
	assert_int_equal(kv_parse(&a, s, strlen(s), &l), 0);
	assert_string_equal(kv_get(&l, "ppks"), "1"); /* the first */
	assert_string_equal(kv_get(&l, "nama"), "Siti");
	assert_string_equal(kv_get(&l, "empty"), "");
	assert_null(kv_get(&l, "missing"));
	assert_null(kv_get(&l, "ppk"));
	assert_null(kv_get(&l, "Nama")); /* keys are case-sensitive */

	const char *vals[8];
	assert_int_equal(kv_all(&l, "ppks", vals, 8), 3);
	assert_string_equal(vals[0], "1");
	assert_string_equal(vals[1], "4");
	assert_string_equal(vals[2], "7");
	assert_int_equal(kv_all(&l, "ppks", vals, 2), 2); /* no more than max */
	assert_string_equal(vals[1], "4");
	assert_int_equal(kv_all(&l, "ppks", vals, 0), 0);
	assert_int_equal(kv_all(&l, "missing", vals, 8), 0);
	assert_int_equal(kv_all(&l, "ppksx", vals, 8), 1);
	assert_string_equal(vals[0], "9");
	arena_free(&a);
}

struct cookie_case {
	const char *header, *name, *want;
};

static const struct cookie_case cookie_cases[] = {
	{"pd_session=abc", "pd_session", "abc"},
	{"a=1; pd_session=abc; b=2", "pd_session", "abc"},
	{"a=1;pd_session=abc;b=2", "pd_session", "abc"},
	{"pd_lang=en; pd_session=abc", "pd_lang", "en"},
	{"pd_session2=zzz; pd_session=abc", "pd_session", "abc"},
	{"pd_session=abc; pd_session2=zzz", "pd_session2", "zzz"},
	{"pd_session2=zzz", "pd_session", NULL},
	{"xpd_session=zzz", "pd_session", NULL},
	{"pd_sess=zzz", "pd_session", NULL},
	{"pd_session", "pd_session", NULL},
	{"pd_session=", "pd_session", ""},
	{"pd_session=abc;", "pd_session", "abc"},
	{"pd_session=a=b", "pd_session", "a=b"},
	{"pd_session=first; pd_session=second", "pd_session", "first"},
	{"x=pd_session=zzz", "pd_session", NULL},
	{"a=1; b=2", "pd_session", NULL},
	{"", "pd_session", NULL},
	{";;; ", "pd_session", NULL},
	{"PD_SESSION=abc", "pd_session", NULL},
};

static void test_cookie_get(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < sizeof cookie_cases / sizeof cookie_cases[0]; i++) {
		const struct cookie_case *c = &cookie_cases[i];
		const char *got = cookie_get(&a, c->header, c->name);
		if (c->want == NULL && got != NULL)
			fail_msg("cookie_get(\"%s\", %s): expected NULL, got \"%s\"", c->header, c->name, got);
		if (c->want != NULL && (got == NULL || strcmp(got, c->want) != 0))
			fail_msg("cookie_get(\"%s\", %s): expected \"%s\", got \"%s\"", c->header, c->name,
				 c->want, got ? got : "NULL");
	}
	assert_null(cookie_get(&a, NULL, "pd_session"));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_decode),
		cmocka_unit_test(test_kv_parse),
		cmocka_unit_test(test_kv_parse_bounds),
		cmocka_unit_test(test_kv_get_all),
		cmocka_unit_test(test_cookie_get),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
