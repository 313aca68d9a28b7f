/* cmd_serve.c: pendamping serve. */
#include "base/err.h"
#include "base/str.h"
#include "cli/cli.h"
#include "http/proxy.h"
#include "http/server.h"
#include <stdio.h>

int cmd_serve(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory (from pendamping init)"), NULL},
		{"--listen", true, N_("address and port, default 127.0.0.1:8080"), NULL},
		{"--threads", true, N_("worker threads, default one per core"), NULL},
		{"--trusted-proxy", true, N_("addresses of the reverse proxies in front (comma-separated) whose X-Forwarded-For, -Proto and -Host are believed"), NULL},
	};
	const char *usage = "pendamping serve --data DIR [--listen 127.0.0.1:8080] [--threads N] [--trusted-proxy ADDR[,ADDR]]";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 0, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data"); /* given: cli_parse checks */
	long threads = 0;
	const char *t = cli_get(opts, NOPTS(opts), "--threads");
	if (t && str_parse_long(t, 1, 64, &threads)) {
		fputs(cli_t("pendamping: --threads must be a number from 1 to 64\n"), stderr);
		return EXIT_USAGE;
	}
	const char *proxies = cli_get(opts, NOPTS(opts), "--trusted-proxy");
	if (proxy_trust(proxies)) {
		fputs(cli_t("pendamping: --trusted-proxy must be IP addresses separated by commas (at most 8), e.g. 127.0.0.1,::1\n"), stderr);
		return EXIT_USAGE;
	}
	const char *listen = cli_get(opts, NOPTS(opts), "--listen");
	if (listen == NULL)
		listen = "127.0.0.1:8080";
	if (!server_listen_valid(listen)) { /* before the database is touched */
		fputs(cli_t("pendamping: --listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080\n"), stderr);
		return EXIT_USAGE;
	}
	struct db *db;
	rc = cli_open(dir, &db); /* applies migrations before any request is served */
	if (rc)
		return EXIT_FAIL;
	db_close(db);
	struct server_options so = {.data_dir = dir, .listen = listen, .threads = (int)threads};
	rc = server_run(&so);
	if (rc == ERR_IO)
		fprintf(stderr, cli_t("pendamping: cannot listen on %s: is another program using that port?\n"), listen);
	if (rc == ERR_USAGE)
		return EXIT_USAGE;
	return rc ? EXIT_FAIL : EXIT_OK;
}
