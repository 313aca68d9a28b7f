/* test_csv.c: unit tests of the CSV reader (base/csv.h): quoting, line ends, BOM, limits, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "base/err.h"

/* read_all parses text and returns the records as "f1|f2;f1|f2" in out, and the final status. */
static int read_all(const char *text, size_t n, char *out, size_t cap)
{
	FILE *f = fmemopen((void *)text, n, "rb");
	struct csv c;
	assert_int_equal(csv_open(&c, f), 0);
	int rc;
	out[0] = 0;
	while ((rc = csv_next(&c)) == 1) {
		for (int i = 0; i < c.nfields; i++) {
			strncat(out, c.fields[i], cap - strlen(out) - 1);
			strncat(out, i + 1 < c.nfields ? "|" : ";", cap - strlen(out) - 1);
		}
	}
	csv_close(&c);
	fclose(f);
	return rc;
}

static void test_csv_plain(void **state)
{
	(void)state;
	char out[512];
	const char *t = "a,b,c\n1,2,3\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "a|b|c;1|2|3;");
	t = "a,b\r\n1,2\r\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "a|b;1|2;");
	t = "x,y"; /* no final line end */
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "x|y;");
	t = ",,\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "||;");
}

static void test_csv_quotes(void **state)
{
	(void)state;
	char out[512];
	const char *t = "\"Siti \"\"Nur\"\"\",\"a,b\",\"line\nbreak\"\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "Siti \"Nur\"|a,b|line\nbreak;");
	t = "\"unclosed,1\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), ERR_INVALID);
	t = "\"a\"b,1\n"; /* text after the closing quote */
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), ERR_INVALID);
	t = "\"a\"\r\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "a;");
}

static void test_csv_bom_and_lines(void **state)
{
	(void)state;
	char out[512];
	const char *t = "\xef\xbb\xbfname\nBudi\n";
	assert_int_equal(read_all(t, strlen(t), out, sizeof out), 0);
	assert_string_equal(out, "name;Budi;");
	const char *lines = "a\n\"x\ny\",1\nz\n";
	FILE *f = fmemopen((void *)lines, strlen(lines), "rb");
	struct csv c;
	assert_int_equal(csv_open(&c, f), 0);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.line, 1);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.line, 2);
	assert_int_equal(csv_next(&c), 1);
	assert_int_equal(c.line, 4); /* the quoted field spanned two lines */
	assert_int_equal(csv_next(&c), 0);
	csv_close(&c);
	fclose(f);
}

static void test_csv_limits(void **state)
{
	(void)state;
	char out[64];
	static char many[CSV_MAX_FIELDS * 2 + 8];
	memset(many, ',', CSV_MAX_FIELDS + 1);
	many[CSV_MAX_FIELDS + 1] = '\n';
	assert_int_equal(read_all(many, CSV_MAX_FIELDS + 2, out, sizeof out), ERR_TOOBIG);
	static char big[CSV_MAX_RECORD + 10];
	memset(big, 'x', sizeof big - 1);
	assert_int_equal(read_all(big, sizeof big - 1, out, sizeof out), ERR_TOOBIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_csv_bom_and_lines),
		cmocka_unit_test(test_csv_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
