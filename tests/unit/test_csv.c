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

/* expect_record reads one record and checks it is the fields "f1|f2" at record and line. */
static void expect_record(struct csv *c, const char *fields, long record, long line)
{
	assert_int_equal(csv_next(c), 1);
	char out[256] = "";
	for (int i = 0; i < c->nfields; i++) {
		strncat(out, c->fields[i], sizeof out - strlen(out) - 1);
		if (i + 1 < c->nfields)
			strncat(out, "|", sizeof out - strlen(out) - 1);
	}
	assert_string_equal(out, fields);
	assert_int_equal(c->record, record);
	assert_int_equal(c->line, line);
	assert_int_equal(c->fault, CSV_FINE);
}

/* expect_refused reads one record and checks it is refused with rc and fault, at record. */
static void expect_refused(struct csv *c, int rc, enum csv_fault fault, long record, long line)
{
	assert_int_equal(csv_next(c), rc);
	assert_int_equal(c->fault, fault);
	assert_int_equal(c->record, record);
	assert_int_equal(c->line, line);
}

/* A refused record is read to its end: the records after it are read as if it were not there. */
static void test_csv_recovers(void **state)
{
	(void)state;
	static char text[3 * CSV_MAX_RECORD];
	size_t n = 0;
#define ADD(s) (memcpy(text + n, s, sizeof s - 1), n += sizeof s - 1)
	ADD("a,b\n");
	ADD("\"x\"y,1\n");            /* record 2: text after a closing quote */
	ADD("c,d\n");
	ADD("e\0f,1\n");             /* record 4: a NUL byte */
	ADD("\"g\0\nh\",2\n");        /* record 5: a NUL byte in quotes that span a line */
	ADD("\"i\nj\",3\n");          /* record 6, lines 7-8 */
	memset(text + n, 'x', CSV_MAX_RECORD); /* record 7: too long, a quote inside and one after */
	n += CSV_MAX_RECORD;
	ADD("a\"b,\"q,\nq\"\n");
	ADD("k,l\n");
	ADD("\"");                   /* record 9: a long quoted field over two lines */
	memset(text + n, 'y', CSV_MAX_RECORD);
	n += CSV_MAX_RECORD;
	ADD("\n,\"\n");
	ADD("m,n\n");
	ADD("\"open,4\no,p\n");      /* record 11: a quote never closed takes the rest */
#undef ADD
	FILE *f = fmemopen(text, n, "rb");
	struct csv c;
	assert_int_equal(csv_open(&c, f), 0);
	expect_record(&c, "a|b", 1, 1);
	expect_refused(&c, ERR_INVALID, CSV_AFTER_QUOTE, 2, 2);
	expect_record(&c, "c|d", 3, 3);
	expect_refused(&c, ERR_INVALID, CSV_NUL, 4, 4);
	expect_refused(&c, ERR_INVALID, CSV_NUL, 5, 5);
	expect_record(&c, "i\nj|3", 6, 7);
	expect_refused(&c, ERR_TOOBIG, CSV_TOO_LONG, 7, 9);
	expect_record(&c, "k|l", 8, 11);
	expect_refused(&c, ERR_TOOBIG, CSV_TOO_LONG, 9, 12);
	expect_record(&c, "m|n", 10, 14);
	expect_refused(&c, ERR_INVALID, CSV_OPEN_QUOTE, 11, 15);
	assert_int_equal(csv_next(&c), 0);
	csv_close(&c);
	fclose(f);

	/* Too many fields, then the next record. */
	static char many[CSV_MAX_FIELDS * 2 + 16];
	memset(many, ',', CSV_MAX_FIELDS + 1);
	memcpy(many + CSV_MAX_FIELDS + 1, "\nz\n", 3);
	f = fmemopen(many, CSV_MAX_FIELDS + 4, "rb");
	assert_int_equal(csv_open(&c, f), 0);
	expect_refused(&c, ERR_TOOBIG, CSV_TOO_MANY, 1, 1);
	expect_record(&c, "z", 2, 2);
	assert_int_equal(csv_next(&c), 0);
	csv_close(&c);
	fclose(f);

	/* A byte order mark's first byte alone, at the end of a line: that line only is refused. */
	const char *cut = "\xef\nname\nBudi\n";
	f = fmemopen((void *)cut, strlen(cut), "rb");
	assert_int_equal(csv_open(&c, f), 0);
	expect_refused(&c, ERR_INVALID, CSV_BOM, 1, 1);
	expect_record(&c, "name", 2, 2);
	expect_record(&c, "Budi", 3, 3);
	csv_close(&c);
	fclose(f);

	/* Half a byte order mark: the first line is refused, the rest read. */
	const char *bom = "\xef\xbbname\nBudi\n";
	f = fmemopen((void *)bom, strlen(bom), "rb");
	assert_int_equal(csv_open(&c, f), 0);
	expect_refused(&c, ERR_INVALID, CSV_BOM, 1, 1);
	expect_record(&c, "Budi", 2, 2);
	csv_close(&c);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_quotes),
		cmocka_unit_test(test_csv_bom_and_lines),
		cmocka_unit_test(test_csv_limits),
		cmocka_unit_test(test_csv_recovers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
