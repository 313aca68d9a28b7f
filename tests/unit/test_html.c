/* test_html.c: unit tests of the escaping HTML writer html_printf and html_escape (web/html.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "base/err.h"
#include "web/html.h"

/* One conversion taking a string argument, and what it must produce. */
struct html_str_case {
	const char *fmt;
	const char *arg;
	const char *want;
};

static const struct html_str_case html_str_cases[] = {
	/* %s escapes */
	{"%s", "plain text", "plain text"},
	{"%s", "a&b", "a&amp;b"},
	{"%s", "<b>", "&lt;b&gt;"},
	{"%s", "\"", "&quot;"},
	{"%s", "'", "&#39;"},
	{"%s", "&<>\"'", "&amp;&lt;&gt;&quot;&#39;"},
	{"%s", "&amp;", "&amp;amp;"}, /* no double-unescaping */
	{"%s", "", ""},
	{"%s", NULL, ""},
	{"%s", "Jos\xc3\xa9 \xe2\x80\x99", "Jos\xc3\xa9 \xe2\x80\x99"},
	{"<td>%s</td>", "Siti & Budi", "<td>Siti &amp; Budi</td>"},
	{"<td>%s</td>", NULL, "<td></td>"},
	{"<p>%s</p>", "<script>alert('x')</script>",
	 "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"},
	{"<input value=\"%s\">", "\" onfocus=\"alert(1)", "<input value=\"&quot; onfocus=&quot;alert(1)\">"},
	{"<a title='%s'>", "' onclick='x", "<a title='&#39; onclick=&#39;x'>"},
	/* %R is raw */
	{"%R", "<b>bold</b>", "<b>bold</b>"},
	{"<div>%R</div>", "&amp;", "<div>&amp;</div>"},
	{"%R", NULL, ""},
	{"%R", "", ""},
	/* %U encodes a query component */
	{"%U", "abcXYZ019-_.~", "abcXYZ019-_.~"},
	{"%U", "a b", "a%20b"},
	{"%U", "a+b", "a%2Bb"},
	{"%U", "a&b=c", "a%26b%3Dc"},
	{"%U", "/?#%", "%2F%3F%23%25"},
	{"%U", "<\"'>", "%3C%22%27%3E"},
	{"%U", "Jos\xc3\xa9", "Jos%C3%A9"},
	{"%U", "", ""},
	{"%U", NULL, ""},
	{"/clients?q=%U&page=2", "Siti & Budi", "/clients?q=Siti%20%26%20Budi&page=2"},
	/* literal text and %% */
	{"100%% %s", "sure", "100% sure"},
	{"no conversion", NULL, "no conversion"},
	{"", NULL, ""},
};

static void test_html_printf_strings(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof html_str_cases / sizeof html_str_cases[0]; i++) {
		const struct html_str_case *c = &html_str_cases[i];
		struct buf b;
		buf_init(&b, 4096);
		int rc = html_printf(&b, c->fmt, c->arg);
		if (rc != 0)
			fail_msg("html_printf(\"%s\", \"%s\") failed: %d", c->fmt, c->arg ? c->arg : "NULL", rc);
		if (strcmp(buf_cstr(&b), c->want) != 0)
			fail_msg("html_printf(\"%s\", \"%s\"): expected \"%s\", got \"%s\"", c->fmt,
				 c->arg ? c->arg : "NULL", c->want, buf_cstr(&b));
		buf_free(&b);
	}
}

static void test_html_printf_numbers(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	assert_int_equal(html_printf(&b, "%d|%d|%d", 0, INT_MIN, INT_MAX), 0);
	assert_string_equal(buf_cstr(&b), "0|-2147483648|2147483647");
	buf_reset(&b);
	assert_int_equal(html_printf(&b, "%ld|%ld", LONG_MIN, LONG_MAX), 0);
	assert_string_equal(buf_cstr(&b), "-9223372036854775808|9223372036854775807");
	buf_reset(&b);
	assert_int_equal(html_printf(&b, "%lld|%lld|%lld", LLONG_MIN, 0LL, LLONG_MAX), 0);
	assert_string_equal(buf_cstr(&b), "-9223372036854775808|0|9223372036854775807");
	buf_reset(&b);
	assert_int_equal(html_printf(&b, "%zu|%zu", (size_t)0, SIZE_MAX), 0);
	assert_string_equal(buf_cstr(&b), "0|18446744073709551615");
	buf_reset(&b);
	/* Arguments of every kind in one call are consumed in order. */
	assert_int_equal(html_printf(&b, "<a href=\"/c/%U?p=%d\" title=\"%s\">%R %lld %zu%%</a>",
				     "a/b", 3, "x\"y", "<i>", -5LL, (size_t)7),
			 0);
	assert_string_equal(buf_cstr(&b), "<a href=\"/c/a%2Fb?p=3\" title=\"x&quot;y\"><i> -5 7%</a>");
	buf_free(&b);
}

static const char *const html_bad_formats[] = {
	"%x", "%f", "%c", "%p", "%i", "%u", "%S", "%h", "%5d", "%-s", "%.3s", "%l", "%lu", "%ll",
	"%lx", "%z", "%zd", "%", "text %", "ok %s then %q",
};

static void test_html_printf_unknown(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof html_bad_formats / sizeof html_bad_formats[0]; i++) {
		struct buf b;
		buf_init(&b, 4096);
		int rc = html_printf(&b, html_bad_formats[i], "arg", 1, 2);
		if (rc != ERR_INVALID)
			fail_msg("html_printf(\"%s\"): expected ERR_INVALID, got %d", html_bad_formats[i], rc);
		buf_free(&b);
	}
}

static void test_html_script_neutralised(void **state)
{
	(void)state;
	static const char *const attacks[] = {
		"<script>alert(document.cookie)</script>",
		"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
		"<img src=x onerror=alert(1)>",
		"\"><script>alert(1)</script>",
		"'><svg onload=alert(1)>",
		"</textarea><script>x</script>",
	};
	for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
		struct buf b;
		buf_init(&b, 4096);
		assert_int_equal(html_printf(&b, "<p title=\"%s\">%s</p><textarea>%s</textarea>", attacks[i],
					     attacks[i], attacks[i]),
				 0);
		const char *out = buf_cstr(&b);
		/* The only tags left are the writer's own, and no quote breaks out of the attribute. */
		size_t lt = 0, quotes = 0;
		for (const char *p = out; *p; p++) {
			lt += *p == '<';
			quotes += *p == '"' || *p == '\'';
		}
		if (lt != 4 || quotes != 2)
			fail_msg("attack %zu not neutralised: %s", i, out);
		assert_null(strstr(out, "<script"));
		assert_null(strstr(out, "<SCRIPT"));
		buf_free(&b);
	}
}

static void test_html_escape(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 4096);
	assert_int_equal(html_escape(&b, "a<b"), 0);
	assert_int_equal(html_escape(&b, NULL), 0);
	assert_int_equal(html_escape(&b, ""), 0);
	assert_int_equal(html_escape(&b, " & 'c' \"d\" >"), 0);
	assert_string_equal(buf_cstr(&b), "a&lt;b &amp; &#39;c&#39; &quot;d&quot; &gt;");
	buf_free(&b);

	/* Long text with entities at both ends and throughout. */
	buf_init(&b, 1 << 20);
	struct buf want;
	buf_init(&want, 1 << 20);
	char text[3001];
	for (int i = 0; i < 3000; i++) {
		text[i] = "a&<"[i % 3];
		assert_int_equal(buf_puts(&want, (const char *[]){"a", "&amp;", "&lt;"}[i % 3]), 0);
	}
	text[3000] = 0;
	assert_int_equal(html_escape(&b, text), 0);
	assert_string_equal(buf_cstr(&b), buf_cstr(&want));
	buf_free(&want);
	buf_free(&b);
}

static void test_html_cap(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	/* Escaping makes the text longer than the cap: the whole buffer is dropped. */
	assert_int_equal(html_printf(&b, "%s", "<<<"), ERR_TOOBIG);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
	buf_init(&b, 10);
	assert_int_equal(html_printf(&b, "%s", "<<"), 0); /* 8 bytes */
	assert_string_equal(buf_cstr(&b), "&lt;&lt;");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_printf_strings),
		cmocka_unit_test(test_html_printf_numbers),
		cmocka_unit_test(test_html_printf_unknown),
		cmocka_unit_test(test_html_script_neutralised),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_html_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
