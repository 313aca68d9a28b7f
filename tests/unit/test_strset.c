/* test_strset.c: unit tests of the set of strings with values (base/strset.h): found, replaced,
 * absent, and whole through its growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/strset.h"

static void test_strset(void **state)
{
	(void)state;
	struct strset s;
	strset_init(&s);
	assert_null(strset_get(&s, "n:3273014107900001"));
	assert_int_equal(strset_put(&s, "n:3273014107900001", "siti aminah"), 0);
	assert_string_equal(strset_get(&s, "n:3273014107900001"), "siti aminah");
	assert_null(strset_get(&s, "n:3273014107900002"));
	assert_int_equal(strset_put(&s, "n:3273014107900001", "siti"), 0); /* replaced, not added */
	assert_string_equal(strset_get(&s, "n:3273014107900001"), "siti");
	assert_int_equal((int)s.n, 1);
	char key[32], value[32];
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "c:%d", i);
		snprintf(value, sizeof value, "v%d", i * 7);
		assert_int_equal(strset_put(&s, key, value), 0);
	}
	assert_int_equal((int)s.n, 10001);
	for (int i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "c:%d", i);
		snprintf(value, sizeof value, "v%d", i * 7);
		assert_string_equal(strset_get(&s, key), value);
	}
	assert_null(strset_get(&s, "c:10000"));
	assert_string_equal(strset_get(&s, "n:3273014107900001"), "siti");
	strset_free(&s);
	assert_null(strset_get(&s, "c:1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
