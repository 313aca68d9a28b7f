/* test_proxy.c: unit tests of the trusted reverse proxy (http/proxy.h): whose forwarded headers
 * are believed, which address of X-Forwarded-For is the client's, and HTTPS at the proxy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/err.h"
#include "http/proxy.h"

struct resolve_case {
	const char *trust, *peer, *xff, *proto, *xhost;
	const char *ip, *host;
	bool secure;
	const char *what;
};

static const struct resolve_case cases[] = {
	{"", "10.0.0.9", "203.0.113.7", "https", "evil.example", "10.0.0.9", "pd.local", false, "no proxy trusted: headers ignored"},
	{"127.0.0.1", "10.0.0.9", "203.0.113.7", "https", "evil.example", "10.0.0.9", "pd.local", false, "an untrusted peer's headers are ignored"},
	{"127.0.0.1", "127.0.0.1", "203.0.113.7", "https", "pd.example", "203.0.113.7", "pd.example", true, "a trusted proxy's headers"},
	{"127.0.0.1", "127.0.0.1", NULL, NULL, NULL, "127.0.0.1", "pd.local", false, "a trusted proxy without headers"},
	{"127.0.0.1", "127.0.0.1", "1.1.1.1, 203.0.113.7", "http", NULL, "203.0.113.7", "pd.local", false, "what the client wrote on the left is not believed"},
	{"127.0.0.1,10.0.0.2", "127.0.0.1", "203.0.113.7, 10.0.0.2", "HTTPS", NULL, "203.0.113.7", "pd.local", true, "a chain of trusted proxies is passed over"},
	{"127.0.0.1", "127.0.0.1", "203.0.113.7, junk", "https, http", NULL, "127.0.0.1", "pd.local", true, "the rightmost entry is not an address: the peer's"},
	{"127.0.0.1", "127.0.0.1", "127.0.0.1", NULL, NULL, "127.0.0.1", "pd.local", false, "only trusted entries: the peer's"},
	{"::1", "::1", " 2001:db8::0001 ", "https", NULL, "2001:db8::1", "pd.local", true, "IPv6, written as inet_ntop writes it"},
	{"0:0:0:0:0:0:0:1", "::1", "198.51.100.4", NULL, NULL, "198.51.100.4", "pd.local", false, "a proxy trusted in another spelling of its address"},
	{"127.0.0.1", "127.0.0.1", "203.0.113.7", "httpsx", "a.example, b.example", "203.0.113.7", "pd.local", false, "neither a longer scheme nor a list of hosts"},
	{"127.0.0.1", "127.0.0.1", ",,,", NULL, "", "127.0.0.1", "pd.local", false, "empty entries"},
};

static void test_resolve(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct resolve_case *c = &cases[i];
		assert_int_equal(proxy_trust(c->trust), 0);
		char buf[46];
		struct proxy_view v;
		proxy_resolve(c->peer, c->xff, c->proto, c->xhost, "pd.local", buf, sizeof buf, &v);
		if (strcmp(v.ip, c->ip) != 0 || strcmp(v.host, c->host) != 0 || v.secure != c->secure)
			fail_msg("%s: got %s %s %d", c->what, v.ip, v.host, v.secure);
	}
	assert_int_equal(proxy_trust(NULL), 0);
}

static void test_trust_refuses(void **state)
{
	(void)state;
	assert_int_equal(proxy_trust("127.0.0.1,"), ERR_INVALID);
	assert_int_equal(proxy_trust("localhost"), ERR_INVALID);
	assert_int_equal(proxy_trust("10.0.0.0/8"), ERR_INVALID);
	assert_int_equal(proxy_trust("1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6,7.7.7.7,8.8.8.8,9.9.9.9"), ERR_INVALID);
	/* A refused list trusts nobody, not the part read before the fault. */
	char buf[46];
	struct proxy_view v;
	proxy_resolve("1.1.1.1", "203.0.113.7", "https", NULL, "pd.local", buf, sizeof buf, &v);
	assert_string_equal(v.ip, "1.1.1.1");
	assert_false(v.secure);
	assert_int_equal(proxy_trust("1.1.1.1, 2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5,6.6.6.6,7.7.7.7,8.8.8.8"), 0);
	proxy_resolve("8.8.8.8", "203.0.113.7", NULL, NULL, "pd.local", buf, sizeof buf, &v);
	assert_string_equal(v.ip, "203.0.113.7");
	proxy_trust(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_trust_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
