/* cmd_import.c: pendamping import clients and pendamping regions import. */
#include "base/clock.h"
#include "base/err.h"
#include "cli/cli.h"
#include "domain/import.h"
#include "store/user_store.h"
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct import_progress {
	int64_t started;
	long size;
	bool tty;
};

/* cmd_progress redraws one status line on a terminal: rows, rows per second and time left. */
static void cmd_progress(void *ctx, long rows, long bytes)
{
	struct import_progress *p = ctx;
	if (!p->tty)
		return;
	double secs = (double)(clock_mono_us() - p->started) / 1e6;
	double rate = secs > 0 ? rows / secs : 0;
	double left = bytes > 0 && p->size > bytes ? secs * (double)(p->size - bytes) / (double)bytes : 0;
	int pct = p->size > 0 ? (int)(100.0 * (double)bytes / (double)p->size) : 0;
	fprintf(stderr, "\r%3d%%  %ld rows  %.0f rows/s  ETA %d:%02d   ", pct, rows, rate, (int)left / 60, (int)left % 60);
	fflush(stderr);
}

/* cmd_import_actor: imports act for the organisation as "import", with the user named by --user
 * when given (the audit trail then names them). */
static int cmd_import_actor(struct db *db, struct arena *a, const char *user, struct actor *actor)
{
	if (user)
		return cli_actor(db, a, user, actor);
	int64_t org;
	int rc = org_store_first(db, a, &org, NULL);
	if (rc)
		return rc;
	actor->user_id = 0;
	actor->org_id = org;
	actor->role = ROLE_SUPERVISOR;
	actor->name = "import";
	return 0;
}

/* cmd_import_open opens what an import needs: the file at path, the report of rejected rows
 * (report_path, or PATH.report.csv; its name in *report_name), the database and the acting user.
 * On failure it says which, closes what it opened and returns the exit status. */
static int cmd_import_open(const char *dir, const char *path, const char *report_path, const char *user,
			   struct db **db, struct arena *a, struct actor *actor, FILE **in, FILE **report,
			   const char **report_name)
{
	*report_name = report_path ? report_path : arena_printf(a, "%s.report.csv", path);
	*in = fopen(path, "rb");
	if (*in == NULL) {
		fprintf(stderr, "pendamping: cannot read %s\n", path);
		return EXIT_FAIL;
	}
	if (cli_open(dir, db)) {
		fclose(*in);
		return EXIT_FAIL;
	}
	int rc = cmd_import_actor(*db, a, user, actor);
	*report = rc == 0 && *report_name ? fopen(*report_name, "w") : NULL;
	if (rc == 0 && *report == NULL) {
		fprintf(stderr, "pendamping: cannot write the report %s\n", *report_name ? *report_name : path);
		rc = ERR_IO;
	}
	if (rc) {
		fclose(*in);
		db_close(*db);
		return rc == ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
	}
	return EXIT_OK;
}

int cmd_import(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, "data directory", NULL},
		{"--on-error", true, "skip (default: report the row and go on) or abort", NULL},
		{"--dry-run", false, "check every row and write the report, change nothing", NULL},
		{"--report", true, "where to write rejected rows (default FILE.report.csv)", NULL},
		{"--user", true, "record the import in this user's name", NULL},
	};
	const char *usage = "pendamping import clients --data DIR FILE.csv [--on-error=skip|abort] [--dry-run] [--report PATH]";
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 2, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	const char *onerr = cli_get(opts, NOPTS(opts), "--on-error");
	if (dir == NULL || npos != 2 || strcmp(pos[0], "clients") != 0 ||
	    (onerr && strcmp(onerr, "skip") != 0 && strcmp(onerr, "abort") != 0)) {
		cli_print_usage(usage, opts, NOPTS(opts));
		return EXIT_USAGE;
	}
	struct db *db;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	FILE *in, *report;
	const char *rpath;
	int status = cmd_import_open(dir, pos[1], cli_get(opts, NOPTS(opts), "--report"), cli_get(opts, NOPTS(opts), "--user"),
				     &db, &a, &actor, &in, &report, &rpath);
	if (status) {
		arena_free(&a);
		return status;
	}
	if (db_cache(db, 128)) { /* the indexes of a large registry stay in memory during the import */
		fclose(report);
		fclose(in);
		db_close(db);
		arena_free(&a);
		return EXIT_FAIL;
	}
	struct stat sb;
	struct import_progress prog = {clock_mono_us(), fstat(fileno(in), &sb) == 0 ? (long)sb.st_size : 0, isatty(2) != 0};
	struct import_opts o = {.dry_run = cli_get(opts, NOPTS(opts), "--dry-run") != NULL,
				.abort_on_error = onerr && strcmp(onerr, "abort") == 0,
				.source = pos[1],
				.progress = cmd_progress,
				.ctx = &prog};
	struct import_stats st;
	rc = import_clients(db, &actor, in, report, &o, &st);
	if (prog.tty)
		fprintf(stderr, "\n");
	double secs = (double)(clock_mono_us() - prog.started) / 1e6;
	printf("%s%ld rows in %.1f s (%.0f rows/s): %ld imported, %ld already registered, %ld rejected, %ld with warnings\n",
	       o.dry_run ? "dry run: " : "", st.rows, secs, secs > 0 ? st.rows / secs : 0.0, st.imported, st.present, st.rejected,
	       st.warnings);
	if (st.rejected || st.warnings)
		printf("report: %s\n", rpath);
	fclose(report);
	fclose(in);
	db_close(db);
	arena_free(&a);
	if (rc == ERR_USAGE)
		return EXIT_USAGE;
	if (rc == ERR_INVALID) {
		printf("stopped at the first rejected row (--on-error=abort); its batch was not written\n");
		return EXIT_FAIL;
	}
	if (rc)
		return cli_fail("import", rc);
	return st.rejected ? EXIT_FAIL : EXIT_OK;
}

int cmd_regions(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, "data directory", NULL},
		{"--report", true, "where to write rejected rows (default FILE.report.csv)", NULL},
	};
	const char *usage = "pendamping regions import --data DIR FILE.csv   (columns: code,name)";
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 2, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	if (dir == NULL || npos != 2 || strcmp(pos[0], "import") != 0) {
		cli_print_usage(usage, opts, NOPTS(opts));
		return EXIT_USAGE;
	}
	struct db *db;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	FILE *in, *report;
	const char *rpath;
	int status = cmd_import_open(dir, pos[1], cli_get(opts, NOPTS(opts), "--report"), NULL, &db, &a, &actor, &in, &report,
				     &rpath);
	if (status) {
		arena_free(&a);
		return status;
	}
	struct import_stats st;
	int64_t t0 = clock_mono_us();
	rc = import_regions(db, &actor, in, report, &st);
	if (rc == 0)
		printf("%ld regions in %.1f s: %ld imported, %ld rejected%s%s\n", st.rows, (double)(clock_mono_us() - t0) / 1e6,
		       st.imported, st.rejected, st.rejected ? "; report: " : "", st.rejected ? rpath : "");
	fclose(report);
	fclose(in);
	db_close(db);
	arena_free(&a);
	if (rc)
		return cli_fail("regions import", rc);
	return st.rejected ? EXIT_FAIL : EXIT_OK;
}
