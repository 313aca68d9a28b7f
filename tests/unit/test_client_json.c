/* test_client_json.c: the list form of a client written as text (client_summary_write) against
 * the tree (client_summary_json), and the JSON string writer under them (buf_json_string). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "domain/client_json.h"

static void test_json_string_escapes(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"Siti", "\"Siti\""},
		{"", "\"\""},
		{"a\"b\\c", "\"a\\\"b\\\\c\""},
		{"tab\there\nline\r\b\f", "\"tab\\there\\nline\\r\\b\\f\""},
		{"\x01\x0b\x1f", "\"\\u0001\\u000B\\u001F\""},
		{"José Nur’aini </script>", "\"José Nur’aini </script>\""},
		{NULL, "null"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf b;
		buf_init(&b, 1024);
		assert_int_equal(buf_json_string(&b, cases[i].in), 0);
		assert_string_equal(buf_cstr(&b), cases[i].want);
		/* What jansson reads back is the string written. */
		if (cases[i].in) {
			json_error_t err;
			json_t *j = json_loads(buf_cstr(&b), JSON_DECODE_ANY, &err);
			assert_non_null(j);
			assert_string_equal(json_string_value(j), cases[i].in);
			json_decref(j);
		}
		buf_free(&b);
	}
	/* A full buffer is an error, never a cut string. */
	struct buf small;
	buf_init(&small, 8);
	assert_int_not_equal(buf_json_string(&small, "a longer name than eight"), 0);
	buf_free(&small);
}

static void test_summary_text_equals_tree(void **state)
{
	(void)state;
	struct client cs[4] = {0};
	cs[0] = (struct client){.uid = "01a2", .nik = "3273014403920001", .name = "Siti \"Nur\" Haliza\\",
				.sex = "F", .birth_date = "1992-03-04", .region = "32.73.01.1001",
				.region_name = "Cihapit", .nik_warning = "sex\tdiffers", .updated_at = "2026-11-30T04:00:00Z",
				.version = 7, .nflags = 2};
	cs[0].flags[0] = "needs_id_documents";
	cs[0].flags[1] = "homeless";
	cs[1] = (struct client){.uid = "01a3", .name = "José \x01 Ramos", .version = 1}; /* NULLs, no flags */
	cs[2] = (struct client){.uid = "01a4", .name = "", .archived_at = "2026-01-01T00:00:00Z", .version = 123456789012};
	cs[3] = (struct client){.uid = "01a5", .name = "X", .version = INT64_MIN}; /* the longest number */
	for (int i = 0; i < 4; i++) {
		struct buf b;
		buf_init(&b, 64 * 1024);
		assert_int_equal(client_summary_write(&b, &cs[i]), 0);
		json_error_t err;
		json_t *text = json_loads(buf_cstr(&b), 0, &err);
		if (text == NULL)
			fail_msg("not JSON: %s (%s)", buf_cstr(&b), err.text);
		json_t *tree = client_summary_json(&cs[i]);
		if (!json_equal(text, tree)) {
			char *t = json_dumps(tree, JSON_COMPACT);
			fail_msg("written %s, tree %s", buf_cstr(&b), t);
		}
		/* Same keys in the same order, so the two forms read alike. */
		char *dumped = json_dumps(tree, JSON_COMPACT);
		assert_string_equal(buf_cstr(&b), dumped);
		free(dumped);
		json_decref(text);
		json_decref(tree);
		buf_free(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_string_escapes),
		cmocka_unit_test(test_summary_text_equals_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
