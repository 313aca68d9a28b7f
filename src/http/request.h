/* request.h: a request and its response as the handlers see them, and the parsers for URLs,
 * query strings, form bodies and cookies. Nothing here knows the HTTP library. */
#ifndef PD_REQUEST_H
#define PD_REQUEST_H
#include <stdbool.h>
#include <stddef.h>
#include "base/arena.h"
#include "base/buf.h"
#include "base/embed.h"
#include "base/i18n.h"
#include "domain/policy.h"
#include "store/db.h"

/* Hard limits (413/414/431 past them). */
#define REQUEST_MAX_URL 8192
#define REQUEST_MAX_BODY (1024 * 1024)
#define REQUEST_MAX_FIELDS 400
#define REQUEST_MAX_PARAMS 4
#define RESPONSE_MAX_BODY (8 * 1024 * 1024)

struct kv {
	const char *key, *value;
};

struct kvlist {
	struct kv *items;
	int n;
};

enum route_kind { KIND_HTML, KIND_JSON };

struct request {
	struct arena arena;
	struct db *db;
	const char *method;
	const char *path;         /* decoded path without the query */
	struct kvlist query;
	struct kvlist form;       /* application/x-www-form-urlencoded bodies */
	const char *body;         /* raw body, NUL-terminated */
	size_t body_len;
	const char *content_type;
	const char *once;         /* Idempotency-Key, a valid uid in lowercase: the uid a record a POST adds takes */
	const char *ip;           /* the client's: the peer's, or the one a trusted proxy forwarded */
	const char *host;         /* the host the browser asked for (Host, or X-Forwarded-Host) */
	bool secure;              /* came over HTTPS to a trusted proxy: cookies Secure, HSTS */
	const char *session_token; /* from the cookie */
	const char *lang_cookie;
	const char *params[REQUEST_MAX_PARAMS]; /* captured by the route pattern */
	int nparams;
	enum route_kind kind;
	/* Set after authentication. */
	bool authed;
	bool via_token;
	int64_t ended_user;   /* the user of a session cookie that ended by time, else 0 */
	struct actor actor;
	const char *csrf;     /* the session's CSRF token */
	const char *user_full_name;
	enum lang lang;
};

struct response {
	int status;
	const char *content_type;
	struct buf body;
	const char *location;
	const char *cookies[3];
	int ncookies;
	const char *cache; /* Cache-Control; default no-store */
	const char *filename; /* Content-Disposition attachment name, or NULL */
	const struct embed_file *file; /* instead of body: a file the binary carries (response_file) */
	const char *allow;    /* the path's methods, with a 405 */
};

/* media_is tells whether the Content-Type value ct names the media type type ("application/json"),
 * in any letter case, with or without parameters ("; charset=utf-8"). */
bool media_is(const char *ct, const char *type);
/* request_t translates msgid into the request's language. */
const char *request_t(const struct request *rq, const char *msgid);

/* url_hex is the value of the hexadecimal digit c, or -1. */
int url_hex(char c);
/* url_decode decodes %XX and, when plus is true, '+' as space. Returns arena memory, or NULL when
 * the escapes are malformed or the result is not valid UTF-8. */
char *url_decode(struct arena *a, const char *s, size_t n, bool plus);
/* url_encode percent-encodes s as a query component (arena memory). */
char *url_encode(struct arena *a, const char *s);
/* kv_parse parses "a=1&b=2" (form or query syntax) into *out. ERR_BADREQ for malformed escapes or
 * invalid UTF-8, ERR_TOOBIG past REQUEST_MAX_FIELDS. */
int kv_parse(struct arena *a, const char *s, size_t n, struct kvlist *out);
/* kv_get returns the first value for key, or NULL. */
const char *kv_get(const struct kvlist *l, const char *key);
/* kv_all collects every value for key (checkbox lists) into vals (max n); returns the count. */
int kv_all(const struct kvlist *l, const char *key, const char **vals, int max);
/* cookie_get extracts cookie name from a Cookie header value, or NULL. */
const char *cookie_get(struct arena *a, const char *header, const char *name);

/* response_redirect answers 303 See Other to location. */
void response_redirect(struct response *rs, const char *location);
/* response_file answers with an embedded file, sent from the binary without a copy, and in its
 * gzip form made at build time to a client that accepts it. */
void response_file(struct response *rs, const struct embed_file *f);

#endif
