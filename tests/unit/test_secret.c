/* test_secret.c: CSRF tokens masked afresh for each page (base/secret.h, secret_mask): each
 * masking looks unrelated, every one is accepted for its token, and nothing else is; password
 * hashes verify their password only, and a missing hash or password is no match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/secret.h"

static void test_mask(void **state)
{
	(void)state;
	assert_int_equal(secret_init(), 0);
	struct arena a = {0};
	char token[SECRET_TOKEN_CHARS + 1], other[SECRET_TOKEN_CHARS + 1];
	secret_token(token);
	secret_token(other);
	const char *m1, *m2;
	assert_int_equal(secret_mask(&a, token, &m1), 0);
	assert_int_equal(secret_mask(&a, token, &m2), 0);
	assert_int_equal(strlen(m1), 4 * strlen(token));
	assert_string_not_equal(m1, m2);
	assert_null(strstr(m1, token));
	assert_true(secret_unmask_equal(m1, token));
	assert_true(secret_unmask_equal(m2, token));
	assert_true(secret_unmask_equal(token, token)); /* as the API hands it out */
	assert_false(secret_unmask_equal(m1, other));
	assert_false(secret_unmask_equal(other, token));
	/* A masked token altered anywhere, cut, or not hex is refused. */
	char *bad = arena_strdup(&a, m1);
	for (size_t i = 0; i < strlen(bad); i += 13) {
		char was = bad[i];
		bad[i] = was == '0' ? '1' : '0';
		assert_false(secret_unmask_equal(bad, token));
		bad[i] = 'g';
		assert_false(secret_unmask_equal(bad, token));
		bad[i] = was;
	}
	assert_true(secret_unmask_equal(bad, token));
	bad[strlen(bad) - 1] = 0;
	assert_false(secret_unmask_equal(bad, token));
	assert_false(secret_unmask_equal("", token));
	assert_false(secret_unmask_equal("", "")); /* no token proves nothing */
	/* A token longer than the program's is not masked. */
	char longer[2 * SECRET_TOKEN_CHARS];
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = 0;
	const char *m3;
	assert_int_equal(secret_mask(&a, longer, &m3), ERR_INVALID);
	arena_free(&a);
}

static void test_password(void **state)
{
	(void)state;
	assert_int_equal(secret_init(), 0);
	char hash[256];
	assert_int_equal(secret_password_hash("kata sandi yang panjang", hash, sizeof hash), 0);
	assert_int_equal(secret_password_verify(hash, "kata sandi yang panjang"), 0);
	assert_int_equal(secret_password_verify(hash, "kata sandi yang salah"), ERR_UNAUTH);
	assert_int_equal(secret_password_verify(NULL, "kata sandi yang panjang"), ERR_UNAUTH);
	assert_int_equal(secret_password_verify(hash, NULL), ERR_UNAUTH);
	assert_int_equal(secret_password_verify("", ""), ERR_UNAUTH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_password),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
