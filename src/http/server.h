/* server.h: the HTTP server: libmicrohttpd's thread pool, limits, sessions, CSRF, dispatch. */
#ifndef PD_SERVER_H
#define PD_SERVER_H

#include <stdbool.h>

struct server_options {
	const char *data_dir; /* holds pendamping.db and secret.key */
	const char *listen;   /* "127.0.0.1:8080" or "[::1]:8080" */
	int threads;          /* worker threads; 0 for one per core */
};

/* server_listen_valid tells whether listen is an address server_run can take: "HOST:PORT" with
 * an IPv4 address or "localhost", or "[V6]:PORT". */
bool server_listen_valid(const char *listen);
/* server_run serves until SIGINT or SIGTERM, then lets requests in flight finish and returns 0.
 * The database must already be migrated and the key loaded. ERR_IO when it cannot listen. */
int server_run(const struct server_options *opt);

#endif
