/* cmd_serve.c: pendamping serve. */
#include "base/err.h"
#include "base/str.h"
#include "cli/cli.h"
#include "http/server.h"
#include <stdio.h>

int cmd_serve(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory (from pendamping init)"), NULL},
		{"--listen", true, N_("address and port, default 127.0.0.1:8080"), NULL},
		{"--threads", true, N_("worker threads, default one per core"), NULL},
	};
	const char *usage = "pendamping serve --data DIR [--listen 127.0.0.1:8080] [--threads N]";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, 3, pos, 0, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, 3, "--data");
	if (dir == NULL) {
		cli_print_usage(usage, opts, 3);
		return EXIT_USAGE;
	}
	long threads = 0;
	const char *t = cli_get(opts, 3, "--threads");
	if (t && str_parse_long(t, 1, 64, &threads)) {
		fprintf(stderr, cli_t("pendamping: --threads must be a number from 1 to 64\n"));
		return EXIT_USAGE;
	}
	struct db *db;
	rc = cli_open(dir, &db); /* applies migrations before any request is served */
	if (rc)
		return EXIT_FAIL;
	db_close(db);
	const char *listen = cli_get(opts, 3, "--listen");
	struct server_options so = {.data_dir = dir, .listen = listen ? listen : "127.0.0.1:8080", .threads = (int)threads};
	rc = server_run(&so);
	if (rc == ERR_USAGE)
		return EXIT_USAGE;
	return rc ? EXIT_FAIL : EXIT_OK;
}
