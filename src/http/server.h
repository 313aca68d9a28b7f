/* server.h: the HTTP server: libmicrohttpd's thread pool, limits, sessions, CSRF, dispatch. */
#ifndef PD_SERVER_H
#define PD_SERVER_H

struct server_options {
	const char *data_dir; /* holds pendamping.db and secret.key */
	const char *listen;   /* "127.0.0.1:8080" or "[::1]:8080" */
	int threads;          /* worker threads; 0 for one per core */
};

/* server_run serves until SIGINT or SIGTERM, then lets requests in flight finish and returns 0.
 * The database must already be migrated and the key loaded. ERR_IO when it cannot listen. */
int server_run(const struct server_options *opt);

#endif
