/* proxy.c: the trusted reverse proxy: the client's address and scheme behind it. */
#include "http/proxy.h"
#include "base/err.h"
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

/* The trusted proxies, each in the form inet_ntop writes, so that "::0001" and "::1" are one. */
static char proxy_list[PROXY_MAX][INET6_ADDRSTRLEN];
static int proxy_n;

/* proxy_canon writes the address in s[0..n) in inet_ntop's form into out; false when it is not an
 * IPv4 or IPv6 address. */
static bool proxy_canon(const char *s, size_t n, char out[INET6_ADDRSTRLEN])
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char tmp[INET6_ADDRSTRLEN];
	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, s, n);
	tmp[n] = 0;
	unsigned char bin[16];
	if (inet_pton(AF_INET, tmp, bin) == 1)
		return inet_ntop(AF_INET, bin, out, INET6_ADDRSTRLEN) != NULL;
	if (inet_pton(AF_INET6, tmp, bin) == 1)
		return inet_ntop(AF_INET6, bin, out, INET6_ADDRSTRLEN) != NULL;
	return false;
}

static bool proxy_listed(const char *canon)
{
	for (int i = 0; i < proxy_n; i++)
		if (strcmp(proxy_list[i], canon) == 0)
			return true;
	return false;
}

bool proxy_trusted(const char *peer)
{
	char canon[INET6_ADDRSTRLEN];
	return proxy_n > 0 && peer && proxy_canon(peer, strlen(peer), canon) && proxy_listed(canon);
}

int proxy_trust(const char *list)
{
	proxy_n = 0;
	if (list == NULL || *list == 0)
		return 0;
	for (const char *p = list;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (proxy_n == PROXY_MAX || !proxy_canon(p, n, proxy_list[proxy_n])) {
			proxy_n = 0;
			return ERR_INVALID;
		}
		proxy_n++;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

void proxy_resolve(const char *peer, const char *forwarded_for, const char *forwarded_proto,
		   const char *forwarded_host, const char *host, char *ip_buf, size_t ip_size, struct proxy_view *out)
{
	char canon[INET6_ADDRSTRLEN];
	out->ip = peer ? peer : "";
	out->host = host;
	out->secure = false;
	if (!proxy_trusted(peer))
		return;
	/* Each proxy appends the address it was reached from: read from the right, past the
	 * trusted ones; the first other entry is the client as far as a trusted hop knows it. What
	 * lies left of it is the client's own say and is not believed. */
	for (size_t end = forwarded_for ? strlen(forwarded_for) : 0; end > 0;) {
		size_t start = end;
		while (start > 0 && forwarded_for[start - 1] != ',')
			start--;
		if (!proxy_canon(forwarded_for + start, end - start, canon))
			break;
		if (!proxy_listed(canon)) {
			if (strlen(canon) < ip_size) {
				memcpy(ip_buf, canon, strlen(canon) + 1);
				out->ip = ip_buf;
			}
			break;
		}
		end = start > 0 ? start - 1 : 0;
	}
	if (forwarded_host && *forwarded_host && strchr(forwarded_host, ',') == NULL)
		out->host = forwarded_host;
	if (forwarded_proto) {
		/* "https" or, from a chain of proxies, "https, http": the browser's is the first. */
		size_t n = strcspn(forwarded_proto, ", \t");
		out->secure = n == 5 && strncasecmp(forwarded_proto, "https", 5) == 0;
	}
}
