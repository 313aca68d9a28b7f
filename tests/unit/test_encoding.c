/* test_encoding.c: answers compressed for slow links (http/encoding.h): which Accept-Encoding
 * values accept gzip, which answers are text, and that what is compressed inflates to itself. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "base/err.h"
#include "http/encoding.h"

static void test_accepts_gzip(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		bool gzip;
	} cases[] = {
		{"gzip", true},
		{"GZip", true},
		{"x-gzip", true},
		{"gzip, deflate, br", true},   /* what browsers send */
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
		{"deflate,gzip", true},
		{" gzip ; q=0.5 ", true},
		{"gzip;q=1", true},
		{"gzip;q=1.000", true},
		{"gzip;q=0.001", true},
		{"gzip;level=9", true},        /* a parameter other than q: no weight given */
		{"*", true},
		{"identity, *;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip;q=0.000", false},
		{"gzip; Q=0", false},
		{"gzip;q=0, *", false},        /* named and refused: "*" does not bring it back */
		{"*;q=0", false},
		{"identity", false},
		{"deflate, br", false},
		{"gzipx", false},
		{"xgzip", false},
		{"gzip;q=1.5", false},         /* not a weight */
		{"gzip;q=0.0001", false},
		{"gzip;q=", false},
		{"gzip;q=abc", false},
		{"", false},
		{",,, ;", false},
		{NULL, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (encoding_accepts_gzip(cases[i].header) != cases[i].gzip)
			fail_msg("Accept-Encoding \"%s\": expected %s", cases[i].header ? cases[i].header : "(none)",
				 cases[i].gzip ? "gzip" : "none");
	}
}

static void test_compressible(void **state)
{
	(void)state;
	assert_true(encoding_compressible("text/html; charset=utf-8"));
	assert_true(encoding_compressible("application/json; charset=utf-8"));
	assert_true(encoding_compressible("text/css; charset=utf-8"));
	assert_true(encoding_compressible("text/javascript; charset=utf-8"));
	assert_true(encoding_compressible("image/svg+xml"));
	assert_true(encoding_compressible(NULL));
	assert_false(encoding_compressible("image/png"));
	assert_false(encoding_compressible("application/pdf"));
	assert_false(encoding_compressible("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
	assert_false(encoding_compressible("application/jsonx"));
}

/* te_inflate inflates the gzip member at z (n bytes) and checks it gives want (m bytes). */
static void te_inflate(const unsigned char *z, size_t n, const char *want, size_t m)
{
	z_stream zs;
	memset(&zs, 0, sizeof zs);
	assert_int_equal(inflateInit2(&zs, 16 + 15), Z_OK); /* gzip only */
	unsigned char *out = malloc(m + 1);
	assert_non_null(out);
	zs.next_in = (Bytef *)(uintptr_t)z;
	zs.avail_in = (uInt)n;
	zs.next_out = out;
	zs.avail_out = (uInt)m + 1;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	assert_int_equal(zs.total_out, m);
	assert_int_equal(zs.avail_in, 0); /* one member, nothing after it */
	assert_memory_equal(out, want, m);
	inflateEnd(&zs);
	free(out);
}

static void test_gzip_round_trip(void **state)
{
	(void)state;
	/* A page of list rows: repetitive text, as answers are. */
	struct buf page;
	buf_init(&page, 1 << 20);
	for (int i = 0; i < 100; i++)
		assert_int_equal(buf_printf(&page, "{\"uid\":\"01a22b80-%04d\",\"name\":\"Siti Nurhaliza %d\",\"region\":\"32.73.02.%04d\"},", i,
					    i * 7, 1000 + i),
				 0);
	struct buf z;
	buf_init(&z, 1 << 20);
	assert_int_equal(encoding_gzip(page.data, page.len, &z), 0);
	assert_true(z.len < page.len / 4);
	assert_int_equal((unsigned char)z.data[0], 0x1f); /* the gzip magic */
	assert_int_equal((unsigned char)z.data[1], 0x8b);
	te_inflate((const unsigned char *)z.data, z.len, page.data, page.len);
	/* Appended after what out holds; bytes that do not compress, and none, come back too. */
	buf_reset(&z);
	assert_int_equal(buf_append(&z, "head", 4), 0);
	unsigned char noise[70000];
	uint32_t x = 2463534242u;
	for (size_t i = 0; i < sizeof noise; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		noise[i] = (unsigned char)x;
	}
	assert_int_equal(encoding_gzip(noise, sizeof noise, &z), 0);
	assert_memory_equal(z.data, "head", 4);
	assert_true(z.len > sizeof noise); /* the server then sends it as it is */
	te_inflate((const unsigned char *)z.data + 4, z.len - 4, (const char *)noise, sizeof noise);
	buf_reset(&z);
	assert_int_equal(encoding_gzip("", 0, &z), 0);
	te_inflate((const unsigned char *)z.data, z.len, "", 0);
	/* With room for one byte less than the answer, as the server gives it: a page fits, bytes
	 * that do not compress are refused. */
	struct buf less;
	buf_init(&less, page.len - 1);
	assert_int_equal(encoding_gzip(page.data, page.len, &less), 0);
	te_inflate((const unsigned char *)less.data, less.len, page.data, page.len);
	buf_free(&less);
	buf_init(&less, sizeof noise - 1);
	assert_int_equal(encoding_gzip(noise, sizeof noise, &less), ERR_TOOBIG);
	buf_free(&less);
	/* Past the buffer's cap: refused, not cut. */
	struct buf small;
	buf_init(&small, 64);
	assert_int_equal(encoding_gzip(page.data, page.len, &small), ERR_TOOBIG);
	buf_free(&small);
	buf_free(&z);
	buf_free(&page);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepts_gzip),
		cmocka_unit_test(test_compressible),
		cmocka_unit_test(test_gzip_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
