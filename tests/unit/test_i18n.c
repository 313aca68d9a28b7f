/* test_i18n.c: unit tests of message lookup and language codes (base/i18n.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/i18n.h"

static int i18n_setup(void **state)
{
	(void)state;
	return i18n_init();
}

static void test_i18n_init_twice(void **state)
{
	(void)state;
	/* Already loaded by the group setup: a second call is harmless. */
	assert_int_equal(i18n_init(), 0);
	assert_true(i18n_missing() >= 0);
}

static const char *const i18n_unknown[] = {
	"A message nobody has ever written 8c1f",
	"",
	"clients", /* msgids are case-sensitive */
	"Clients ",
	"zzzzzzzzzzzzzzzz",
	"\x01",
};

static void test_i18n_unknown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof i18n_unknown / sizeof i18n_unknown[0]; i++) {
		const char *msgid = i18n_unknown[i];
		/* The very same string comes back, not a copy or a neighbour's translation. */
		if (i18n_t(LANG_EN, msgid) != msgid)
			fail_msg("i18n_t(LANG_EN, \"%s\") is not the msgid itself", msgid);
		if (i18n_t(LANG_ID, msgid) != msgid)
			fail_msg("i18n_t(LANG_ID, \"%s\") is not the msgid itself", msgid);
	}
	assert_null(i18n_t(LANG_EN, NULL));
	assert_null(i18n_t(LANG_ID, NULL));
}

/* Whatever the catalogues hold, a lookup gives a non-empty string, and English text is English. */
static void test_i18n_known_shape(void **state)
{
	(void)state;
	static const char *const msgids[] = {"Clients", "Log out", "Summary", "Something went wrong",
					     "NIK must have exactly 16 digits."};
	for (size_t i = 0; i < sizeof msgids / sizeof msgids[0]; i++) {
		const char *en = i18n_t(LANG_EN, msgids[i]);
		const char *id = i18n_t(LANG_ID, msgids[i]);
		assert_non_null(en);
		assert_non_null(id);
		assert_true(en[0] != 0);
		assert_true(id[0] != 0);
		assert_string_equal(en, msgids[i]);
	}
}

struct lang_case {
	const char *s;
	enum lang lang;
};

static const struct lang_case lang_cases[] = {
	{"en", LANG_EN}, {"id", LANG_ID}, {"EN", LANG_ID},  {"en-US", LANG_ID}, {"en ", LANG_ID},
	{"e", LANG_ID},  {"", LANG_ID},   {"fr", LANG_ID},  {"ms", LANG_ID},    {"english", LANG_ID},
};

static void test_i18n_lang(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof lang_cases / sizeof lang_cases[0]; i++)
		if (i18n_lang_parse(lang_cases[i].s) != lang_cases[i].lang)
			fail_msg("i18n_lang_parse(\"%s\"): expected %d", lang_cases[i].s, lang_cases[i].lang);
	assert_int_equal(i18n_lang_parse(NULL), LANG_ID);
	assert_string_equal(i18n_lang_code(LANG_ID), "id");
	assert_string_equal(i18n_lang_code(LANG_EN), "en");
	/* The round trip. */
	assert_int_equal(i18n_lang_parse(i18n_lang_code(LANG_ID)), LANG_ID);
	assert_int_equal(i18n_lang_parse(i18n_lang_code(LANG_EN)), LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n_init_twice),
		cmocka_unit_test(test_i18n_unknown),
		cmocka_unit_test(test_i18n_known_shape),
		cmocka_unit_test(test_i18n_lang),
	};
	return cmocka_run_group_tests(tests, i18n_setup, NULL);
}
