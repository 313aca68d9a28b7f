/* proxy.h: the trusted reverse proxy: who the client is, and whether it came over HTTPS, when the
 * server runs behind a proxy that ends TLS (serve --trusted-proxy). */
#ifndef PD_PROXY_H
#define PD_PROXY_H
#include <stdbool.h>
#include <stddef.h>

#define PROXY_MAX 8 /* trusted proxies */

/* What a request's own connection says, and what a trusted proxy in front of it added. */
struct proxy_view {
	const char *ip;   /* the client's address: the peer's, or the one the proxy forwarded */
	const char *host; /* the host the browser asked for: Host, or the proxy's X-Forwarded-Host */
	bool secure;      /* the browser spoke HTTPS to the proxy (X-Forwarded-Proto: https) */
};

/* proxy_trust sets the proxies whose forwarded headers are believed: a comma-separated list of
 * IPv4 or IPv6 addresses ("127.0.0.1,::1"); NULL or "" for none, which is the default. Not
 * thread-safe: called once before serving. ERR_INVALID names nothing: the caller says which
 * option was wrong. */
int proxy_trust(const char *list);

/* proxy_trusted tells whether peer (an address as inet_ntop writes it) is a trusted proxy; false
 * at once when none is. */
bool proxy_trusted(const char *peer);

/* proxy_resolve fills out from the peer's address and the request's headers (NULL when absent).
 * From a peer that is not a trusted proxy the headers are ignored: the address is the peer's, the
 * host is Host and secure is false. From a trusted proxy the address is the rightmost entry of
 * X-Forwarded-For that is not itself a trusted proxy (the peer's when there is none or it is not
 * an address), the host is X-Forwarded-Host when given, and secure tells X-Forwarded-Proto https.
 * ip_buf (at least 46 bytes) holds the address out.ip points to. */
void proxy_resolve(const char *peer, const char *forwarded_for, const char *forwarded_proto,
		   const char *forwarded_host, const char *host, char *ip_buf, size_t ip_size, struct proxy_view *out);

#endif
