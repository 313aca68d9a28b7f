/* server.c: the only file that knows libmicrohttpd. Each connection gets an arena; each worker
 * thread owns one database connection; every response carries the security headers. */
#include "http/server.h"
#include "api/api.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "base/secret.h"
#include "base/str.h"
#include "base/uuid.h"
#include "domain/account.h"
#include "http/encoding.h"
#include "http/proxy.h"
#include "http/router.h"
#include "web/html.h"
#include "web/pages.h"
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define SERVER_MAX_THREADS 64

/* Memory of one connection in libmicrohttpd: the request line, headers and parameters (at most
 * REQUEST_MAX_URL and REQUEST_MAX_FIELDS, cut before they are split) and the read buffer. The
 * library clears it for every request: with 256 KB that was half the cost of /healthz. */
#define SERVER_CONN_MEMORY (64 * 1024)

static const char *server_db_path;
static _Thread_local struct db *server_thread_db;
static struct db *server_dbs[SERVER_MAX_THREADS];
static int server_ndbs;
static pthread_mutex_t server_db_lock = PTHREAD_MUTEX_INITIALIZER;

/* server_db returns the calling worker thread's connection, opening it on first use. */
static struct db *server_db(void)
{
	if (server_thread_db)
		return server_thread_db;
	struct db *db;
	if (db_open(server_db_path, &db))
		return NULL;
	pthread_mutex_lock(&server_db_lock);
	if (server_ndbs < SERVER_MAX_THREADS)
		server_dbs[server_ndbs++] = db;
	pthread_mutex_unlock(&server_db_lock);
	server_thread_db = db;
	return db;
}

struct server_conn {
	struct request rq;
	struct response rs;
	struct buf body;
	bool toobig;
	bool begun; /* the access handler has seen the request */
	int64_t started;
	size_t url_len;
	bool bad_url;
	char bad_field[32]; /* the query parameter at fault in a bad URL, when its name is plain */
};

/* server_name_field keeps the name of the query parameter at fault when it is plain (letters,
 * digits, '_' and '-', short): a name that is itself garbage is not repeated back. */
static void server_name_field(struct server_conn *sc, const char *key, size_t klen)
{
	if (klen == 0 || klen >= sizeof sc->bad_field)
		return;
	for (size_t i = 0; i < klen; i++) {
		char ch = key[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
			return;
	}
	memcpy(sc->bad_field, key, klen);
	sc->bad_field[klen] = 0;
}

/* server_check_escapes marks the URL bad when its query has a '%' not followed by two hex digits
 * (the library would pass it on as it is, and "%zz" be searched for as text) or a NUL byte, "%00"
 * (which would end the parameter's text where it stands). */
static void server_check_escapes(struct server_conn *sc, const char *query)
{
	const char *name = query;
	for (const char *p = query; *p; p++) {
		if (*p == '&')
			name = p + 1;
		if (*p == '%' && (url_hex(p[1]) < 0 || url_hex(p[2]) < 0 || (p[1] == '0' && p[2] == '0'))) {
			sc->bad_url = true;
			server_name_field(sc, name, strcspn(name, "=&"));
			return;
		}
	}
}

static enum MHD_Result server_collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
					  const char *value)
{
	(void)kind;
	struct server_conn *sc = cls;
	struct kvlist *q = &sc->rq.query;
	size_t klen = strlen(key), vlen = value ? strlen(value) : 0;
	sc->url_len += klen + vlen + 2;
	if (sc->url_len > REQUEST_MAX_URL)
		return MHD_NO;
	if (q->n >= REQUEST_MAX_FIELDS) {
		sc->toobig = true;
		return MHD_NO;
	}
	if (klen == 0)
		return MHD_YES; /* "&&" or "?&": nothing was sent */
	if (!str_utf8_valid(key, klen) || (value && !str_utf8_valid(value, vlen))) {
		sc->bad_url = true;
		server_name_field(sc, key, klen);
		return MHD_NO;
	}
	if (q->items == NULL) {
		q->items = arena_alloc(&sc->rq.arena, sizeof *q->items * REQUEST_MAX_FIELDS);
		if (q->items == NULL)
			return MHD_NO;
	}
	q->items[q->n].key = arena_strdup(&sc->rq.arena, key);
	q->items[q->n].value = arena_strdup(&sc->rq.arena, value ? value : "");
	q->n++;
	return MHD_YES;
}

static bool server_is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

/* server_refuse renders an error in the route's kind (JSON for /api/, else HTML): why, a msgid,
 * about field (JSON only), or the code's own message when NULL. */
static void server_refuse(struct request *rq, struct response *rs, int code, const char *field, const char *why)
{
	buf_reset(&rs->body);
	rs->file = NULL;
	if (rq->kind == KIND_JSON)
		api_error(rq, rs, code, field, why);
	else
		web_error(rq, rs, code, why);
	rs->status = err_status(code);
}

/* server_fail renders the error of code in the route's kind. */
static void server_fail(struct request *rq, struct response *rs, int code)
{
	server_refuse(rq, rs, code, NULL, NULL);
}

/* server_authenticate resolves a bearer token or a session cookie into rq->actor. */
static int server_authenticate(struct request *rq, const char *authorization)
{
	struct user u;
	int rc;
	if (authorization && strncmp(authorization, "Bearer ", 7) == 0) {
		rc = account_token_auth(rq->db, &rq->arena, authorization + 7, &u);
		if (rc)
			return rc;
		rq->via_token = true;
	} else if (rq->session_token) {
		memset(&u, 0, sizeof u);
		rc = account_session(rq->db, &rq->arena, rq->session_token, &u, &rq->csrf);
		if (rc == ERR_UNAUTH) {
			rq->ended_user = u.id; /* an expired session is the same as none */
			return 0;
		}
		if (rc)
			return rc;
	} else {
		return 0;
	}
	account_actor(&u, &rq->actor);
	rq->actor.name = u.name;
	rq->user_full_name = u.full_name;
	rq->lang = i18n_lang_parse(u.lang);
	rq->authed = true;
	return 0;
}

static bool server_changes_state(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* server_origin_ok refuses cross-site state changes when the browser names the origin. */
static bool server_origin_ok(const char *origin, const char *host)
{
	if (origin == NULL || host == NULL)
		return true;
	const char *p = strstr(origin, "://");
	return p && strcmp(p + 3, host) == 0;
}

static void server_dispatch(struct server_conn *sc, struct MHD_Connection *conn)
{
	struct request *rq = &sc->rq;
	struct response *rs = &sc->rs;
	rq->kind = server_is_api(rq->path) ? KIND_JSON : KIND_HTML;
	const char *cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie");
	rq->session_token = cookie_get(&rq->arena, cookie, "pd_session");
	rq->lang_cookie = cookie_get(&rq->arena, cookie, "pd_lang");
	rq->lang = i18n_lang_parse(rq->lang_cookie);
	rq->content_type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
	if (sc->bad_url && rq->kind == KIND_JSON && sc->bad_field[0]) {
		api_error(rq, rs, ERR_BADREQ, sc->bad_field, "Not valid in a URL: send UTF-8 text, and a percent sign only before two hexadecimal digits.");
		return;
	}
	if (sc->bad_url) {
		server_fail(rq, rs, ERR_BADREQ);
		return;
	}
	if (sc->url_len > REQUEST_MAX_URL) {
		server_fail(rq, rs, ERR_URITOOLONG);
		return;
	}
	if (sc->toobig) {
		server_fail(rq, rs, ERR_TOOBIG);
		return;
	}
	const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Idempotency-Key");
	if (key) { /* the uid the record a POST adds takes, written as uids are */
		char *once = arena_alloc(&rq->arena, 37);
		if (once == NULL || !uuid_take(once, key)) {
			server_refuse(rq, rs, once ? ERR_INVALID : ERR_NOMEM, "Idempotency-Key",
				      once ? "Must be a UUID, new for each record to add." : NULL);
			return;
		}
		rq->once = once;
	}
	rq->db = server_db();
	if (rq->db == NULL) {
		server_fail(rq, rs, ERR_DB);
		return;
	}
	bool path_known;
	const struct route *route = router_find(&rq->arena, routes, routes_count, rq->method, rq->path,
						rq->params, &rq->nparams, &path_known);
	if (route)
		rq->kind = route->kind;
	int rc = server_authenticate(rq, MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization"));
	if (rc && !(route && route->perm == PERM_PUBLIC && rc == ERR_UNAUTH)) {
		server_fail(rq, rs, rc);
		return;
	}
	if (route == NULL) {
		server_fail(rq, rs, path_known ? ERR_METHOD : ERR_NOTFOUND);
		if (path_known)
			rs->allow = router_allow(&rq->arena, routes, routes_count, rq->path);
		return;
	}
	if (route->perm != PERM_PUBLIC && !rq->authed) {
		if (route->kind == KIND_HTML && !server_changes_state(rq->method)) {
			const char *next = url_encode(&rq->arena, rq->path);
			response_redirect(rs, next ? arena_printf(&rq->arena, "/login?next=%s", next) : "/login");
			return;
		}
		/* A form sent after the session ended (a long visit, a note typed for an hour) is not
		 * lost: the log-in page carries it, sealed to the session's user, to be offered again
		 * once that user logs in. Only a form of this site (Origin) and of a session that ended
		 * by time: another site's post must not come back with a valid token. */
		const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
		if (route->kind == KIND_HTML && strcmp(rq->method, "POST") == 0 && rq->ended_user != 0 && rq->host != NULL &&
		    origin != NULL && server_origin_ok(origin, rq->host) &&
		    media_is(rq->content_type, "application/x-www-form-urlencoded") &&
		    kv_parse(&rq->arena, rq->body, rq->body_len, &rq->form) == 0) {
			if (web_login_resend(rq, rs))
				server_fail(rq, rs, ERR_UNAUTH);
			return;
		}
		server_fail(rq, rs, ERR_UNAUTH);
		return;
	}
	if (!policy_can(rq->authed ? &rq->actor : NULL, route->perm)) {
		server_fail(rq, rs, ERR_FORBIDDEN);
		return;
	}
	/* The pages' forms are sent url-encoded: another body would be read as an empty form and
	 * refused for its missing CSRF token, which would not say what is wrong. */
	if (route->kind == KIND_HTML && server_changes_state(rq->method) && rq->content_type &&
	    !media_is(rq->content_type, "application/x-www-form-urlencoded")) {
		server_refuse(rq, rs, ERR_MEDIA, NULL, "A form must be sent as application/x-www-form-urlencoded.");
		return;
	}
	if (media_is(rq->content_type, "application/x-www-form-urlencoded")) {
		rc = kv_parse(&rq->arena, rq->body, rq->body_len, &rq->form);
		if (rc) {
			server_fail(rq, rs, rc);
			return;
		}
	}
	if (server_changes_state(rq->method)) {
		const char *origin = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
		if (!server_origin_ok(origin, rq->host)) {
			server_fail(rq, rs, ERR_CSRF);
			return;
		}
		if (rq->authed && !rq->via_token) {
			const char *token = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
			if (token == NULL)
				token = kv_get(&rq->form, "_csrf");
			if (token == NULL || rq->csrf == NULL || !secret_unmask_equal(token, rq->csrf)) {
				server_fail(rq, rs, ERR_CSRF);
				return;
			}
		}
	}
	rc = route->handler(rq, rs);
	if (rc)
		server_fail(rq, rs, rc);
}

static void server_add_headers(struct MHD_Response *r, const struct request *rq, const struct response *rs)
{
	MHD_add_response_header(r, "Content-Type", rs->content_type ? rs->content_type : "text/plain; charset=utf-8");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
				" object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Cache-Control", rs->cache ? rs->cache : "no-store");
	if (rs->location)
		MHD_add_response_header(r, "Location", rs->location);
	if (rs->allow)
		MHD_add_response_header(r, "Allow", rs->allow);
	if (rs->status == 429) { /* the log-in lock: at most its window */
		char after[16];
		snprintf(after, sizeof after, "%d", ACCOUNT_THROTTLE_WINDOW);
		MHD_add_response_header(r, "Retry-After", after);
	}
	for (int i = 0; i < rs->ncookies; i++) {
		char c[512];
		/* Over HTTPS (at the proxy) a cookie never goes back over plain HTTP. */
		if (rq->secure && (size_t)snprintf(c, sizeof c, "%s; Secure", rs->cookies[i]) < sizeof c)
			MHD_add_response_header(r, "Set-Cookie", c);
		else
			MHD_add_response_header(r, "Set-Cookie", rs->cookies[i]);
	}
	if (rq->secure)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (rs->filename) {
		char cd[256];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s\"", rs->filename);
		MHD_add_response_header(r, "Content-Disposition", cd);
	}
}

/* server_uri_seen runs when the request line has arrived, before libmicrohttpd splits the query:
 * an over-long URL, or one of more parameters than a request may have, is cut at its '?' here,
 * because splitting them would exhaust the connection's memory (SERVER_CONN_MEMORY) and the
 * library would then never answer. The request is answered 414. */
static void *server_uri_seen(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	(void)conn;
	struct server_conn *sc = calloc(1, sizeof *sc);
	if (sc == NULL)
		return NULL;
	sc->started = clock_mono_us();
	size_t n = strlen(uri);
	char *q = strchr((char *)uri, '?');
	size_t params = 0;
	for (const char *p = q; p && *p; p++)
		params += *p == '&';
	if (q)
		server_check_escapes(sc, q + 1);
	if (n > REQUEST_MAX_URL || params >= REQUEST_MAX_FIELDS) {
		/* Answered 414 either way: too long, or too many parameters to hold. */
		sc->url_len = n > REQUEST_MAX_URL ? n : REQUEST_MAX_URL + 1;
		/* The library has already found the '?' and parses what follows it next: an empty
		 * string there leaves nothing to split. Its own buffer, still ours to shorten. */
		if (q)
			q[1] = 0;
	}
	return sc;
}

/* The lines of one header of a request joined as one list (RFC 9110 §5.3), within a bound. */
struct server_lines {
	const char *name;
	bool tail; /* past the bound, keep the last entries (else the first lines) */
	char text[1024];
	size_t len;
};

static enum MHD_Result server_header_line(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct server_lines *l = cls;
	if (strcasecmp(key, l->name) != 0 || value == NULL)
		return MHD_YES;
	size_t n = strlen(value);
	if (l->len + n + 3 > sizeof l->text) {
		if (!l->tail)
			return MHD_NO; /* longer than any real list: the lines before it are read */
		/* The tail is kept: a proxy adds its entries at the end. */
		l->len = 0;
		if (n + 1 > sizeof l->text) {
			value = strchr(value + n - (sizeof l->text - 2), ',');
			if (value == NULL)
				return MHD_YES;
			n = strlen(++value);
		}
	}
	if (l->len) {
		memcpy(l->text + l->len, ", ", 2);
		l->len += 2;
	}
	memcpy(l->text + l->len, value, n + 1);
	l->len += n;
	return MHD_YES;
}

/* server_header_list is every line of header name joined by commas, or NULL when it has none. */
static const char *server_header_list(struct MHD_Connection *conn, struct server_lines *l)
{
	l->len = 0;
	l->text[0] = 0;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, server_header_line, l);
	return l->len ? l->text : NULL;
}

/* server_accepts_gzip tells whether the request accepts answers compressed with gzip. */
static bool server_accepts_gzip(struct MHD_Connection *conn)
{
	struct server_lines acc = {.name = "Accept-Encoding"};
	return encoding_accepts_gzip(server_header_list(conn, &acc));
}

static enum MHD_Result server_access(void *cls, struct MHD_Connection *conn, const char *url,
				     const char *method, const char *version, const char *upload,
				     size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct server_conn *sc = *con_cls;
	if (sc == NULL) {
		sc = calloc(1, sizeof *sc);
		if (sc == NULL)
			return MHD_NO;
		*con_cls = sc;
	}
	if (!sc->begun) {
		sc->begun = true;
		size_t cut = sc->url_len;
		arena_init(&sc->rq.arena);
		buf_init(&sc->body, REQUEST_MAX_BODY);
		buf_init(&sc->rs.body, RESPONSE_MAX_BODY);
		if (sc->started == 0)
			sc->started = clock_mono_us();
		sc->url_len = cut > strlen(url) ? cut : strlen(url);
		sc->rq.method = arena_strdup(&sc->rq.arena, method);
		sc->rq.path = arena_strdup(&sc->rq.arena, url);
		if (!str_utf8_valid(url, strlen(url)))
			sc->bad_url = true;
		else if (sc->url_len <= REQUEST_MAX_URL)
			MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, server_collect_arg, sc);
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		long len;
		if (cl && str_parse_long(cl, 0, 0x7fffffffL, &len) == 0 && len > REQUEST_MAX_BODY)
			sc->toobig = true;
		*con_cls = sc;
		/* A body too large is answered before it is read when the client waits for "100
		 * Continue" to send it: nothing is uploaded in vain over a slow link. A client that sends
		 * at once has its body read and dropped, so that it sees the answer rather than a
		 * connection reset in the middle of its upload. */
		const char *expect = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Expect");
		if (!sc->toobig || expect == NULL || strcasecmp(expect, "100-continue") != 0)
			return MHD_YES;
	} else if (*upload_size > 0) {
		if (!sc->toobig && buf_append(&sc->body, upload, *upload_size) != 0)
			sc->toobig = true; /* keep reading so the client sees our answer */
		*upload_size = 0;
		return MHD_YES;
	}
	sc->rq.body = buf_cstr(&sc->body);
	sc->rq.body_len = sc->body.len;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char ip[INET6_ADDRSTRLEN] = "";
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, ip, sizeof ip);
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, ip, sizeof ip);
	}
	sc->rq.ip = arena_strdup(&sc->rq.arena, ip);
	sc->rq.host = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
	if (proxy_trusted(ip)) { /* the forwarded headers are read from a trusted proxy only */
		char forwarded[INET6_ADDRSTRLEN];
		struct proxy_view pv;
		struct server_lines xff = {.name = "X-Forwarded-For", .tail = true};
		proxy_resolve(ip, server_header_list(conn, &xff),
			      MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto"),
			      MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Host"), sc->rq.host, forwarded,
			      sizeof forwarded, &pv);
		sc->rq.ip = arena_strdup(&sc->rq.arena, pv.ip);
		sc->rq.host = pv.host;
		sc->rq.secure = pv.secure;
	}
	sc->rs.status = 200;
	server_dispatch(sc, conn);
	if (sc->rs.status == 0)
		sc->rs.status = 200;
	/* Text of some size goes compressed to a client that accepts it: a page of clients is a
	 * quarter of its size. It goes as it is when compressing would not make it smaller. An
	 * embedded file is sent from where it lies, in the gzip form made when the binary was built
	 * if it has one. HEAD is answered with the headers of GET; the library sends no body for it. */
	const struct embed_file *file = sc->rs.file;
	const char *body = file ? (const char *)file->data : buf_cstr(&sc->rs.body);
	size_t len = file ? file->size : sc->rs.body.len;
	bool text = encoding_compressible(sc->rs.content_type), coded = false;
	enum MHD_ResponseMemoryMode mode = file ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_COPY;
	struct buf z = {0};
	if (text && len >= ENCODING_MIN && server_accepts_gzip(conn)) {
		if (file && file->gz) {
			body = (const char *)file->gz;
			len = file->gz_size;
			coded = true;
		} else {
			buf_init(&z, len - 1);
			int zrc = encoding_gzip(body, len, &z);
			if (zrc == 0) {
				body = z.data;
				len = z.len;
				coded = true;
				mode = MHD_RESPMEM_MUST_FREE; /* handed over: the library frees it */
			} else {
				if (zrc != ERR_TOOBIG)
					log_error("gzip: %s", err_code(zrc));
				buf_free(&z);
			}
		}
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, mode);
	if (r == NULL) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			buf_free(&z);
		return MHD_NO;
	}
	server_add_headers(r, &sc->rq, &sc->rs);
	if (text)
		MHD_add_response_header(r, "Vary", "Accept-Encoding");
	if (coded)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)sc->rs.status, r);
	MHD_destroy_response(r);
	return ret;
}

static void server_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			     enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct server_conn *sc = *con_cls;
	if (sc == NULL)
		return;
	int64_t us = clock_mono_us() - sc->started;
	char path[512];
	size_t o = 0;
	/* The path is the client's text: control characters would forge log lines. */
	for (const char *p = sc->rq.path ? sc->rq.path : "-"; *p && o + 5 < sizeof path; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch < 0x20 || ch == 0x7f)
			o += (size_t)snprintf(path + o, sizeof path - o, "\\x%02x", ch);
		else
			path[o++] = (char)ch;
	}
	path[o] = 0;
	log_info("%s %s %d %lld.%03lldms", sc->rq.method ? sc->rq.method : "-", path, sc->rs.status,
		 (long long)(us / 1000), (long long)(us % 1000));
	buf_free(&sc->body);
	buf_free(&sc->rs.body);
	arena_free(&sc->rq.arena);
	free(sc);
	*con_cls = NULL;
}

/* server_parse_listen turns "HOST:PORT" or "[V6]:PORT" into a socket address. */
static int server_parse_listen(const char *listen, struct sockaddr_storage *ss)
{
	char host[128];
	const char *colon = strrchr(listen, ':');
	if (colon == NULL || (size_t)(colon - listen) >= sizeof host)
		return ERR_INVALID;
	long port;
	if (str_parse_long(colon + 1, 1, 65535, &port))
		return ERR_INVALID;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	memset(ss, 0, sizeof *ss);
	if (host[0] == '[') {
		size_t n = strlen(host);
		if (n < 2 || host[n - 1] != ']')
			return ERR_INVALID;
		host[n - 1] = 0;
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host + 1, &s6->sin6_addr) == 1 ? 0 : ERR_INVALID;
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	s4->sin_family = AF_INET;
	s4->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0)
		snprintf(host, sizeof host, "127.0.0.1");
	return inet_pton(AF_INET, host, &s4->sin_addr) == 1 ? 0 : ERR_INVALID;
}

bool server_listen_valid(const char *listen)
{
	struct sockaddr_storage ss;
	return listen && server_parse_listen(listen, &ss) == 0;
}

int server_run(const struct server_options *opt)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/pendamping.db", opt->data_dir);
	server_db_path = path;
	struct sockaddr_storage ss;
	if (server_parse_listen(opt->listen, &ss)) {
		log_error("serve: --listen must be HOST:PORT, e.g. 127.0.0.1:8080");
		return ERR_USAGE;
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = (unsigned)(opt->threads > 0 ? opt->threads : cores > 0 ? cores : 2);
	if (threads > SERVER_MAX_THREADS)
		threads = SERVER_MAX_THREADS;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, server_access, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SERVER_CONN_MEMORY,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_NOTIFY_COMPLETED, server_completed, NULL,
		MHD_OPTION_URI_LOG_CALLBACK, server_uri_seen, NULL,
		MHD_OPTION_END);
	if (d == NULL) {
		log_error("serve: cannot listen on %s", opt->listen);
		return ERR_IO;
	}
	log_info("serving %s on http://%s/ with %u threads", opt->data_dir, opt->listen, threads);
	int sig = 0;
	sigwait(&set, &sig);
	log_info("signal %d: finishing requests in flight", sig);
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 100; i++) {
		const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (info == NULL || info->num_connections == 0)
			break;
		usleep(100 * 1000);
	}
	MHD_stop_daemon(d);
	for (int i = 0; i < server_ndbs; i++)
		db_close(server_dbs[i]);
	server_ndbs = 0;
	log_info("stopped");
	return 0;
}
