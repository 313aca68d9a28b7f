/* cmd_import.c: pendamping import clients and pendamping regions import. */
#include "base/clock.h"
#include "base/err.h"
#include "cli/cli.h"
#include "domain/import.h"
#include "domain/office.h"
#include "store/user_store.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
	fprintf(stderr, cli_t("\r%3d%%  %ld rows  %.0f rows/s  %d:%02d left   "), pct, rows, rate, (int)left / 60,
		(int)left % 60);
	fflush(stderr);
}

/* cmd_import_actor: imports act for the organisation as "import", with the user named by --user
 * when given (the audit trail then names them). */
static int cmd_import_actor(struct db *db, struct arena *a, const char *user, struct actor *actor)
{
	if (user)
		return cli_actor(db, a, user, actor);
	int64_t org;
	struct org o;
	int rc = org_store_first(db, a, &org, NULL);
	if (rc == 0)
		rc = org_store_get(db, a, org, &o);
	if (rc)
		return rc;
	*actor = (struct actor){.org_id = org, .role = ROLE_SUPERVISOR, .name = "import",
				.zone = office_zone(o.time_zone, o.region)};
	return 0;
}

/* cmd_report_name is where the report goes by default: FILE.report.csv beside FILE.csv. */
static const char *cmd_report_name(struct arena *a, const char *path)
{
	size_t n = strlen(path);
	if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
		n -= 4;
	return arena_printf(a, "%.*s.report.csv", (int)n, path);
}

struct import_files {
	FILE *in, *report;
	const char *report_name; /* where the report goes once the import has read the header */
	char *report_part;       /* where it is written until then; NULL: straight to report_name */
};

/* The report being written under its temporary name: an import stopped by a signal removes it,
 * so that no half report lies beside the file (the database is consistent whatever the moment). */
static const char *volatile cmd_report_part;

static void cmd_report_drop(int sig)
{
	const char *part = cmd_report_part;
	if (part)
		unlink(part); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

/* cmd_report_open opens the report. "-" is standard output. A new file, or a regular one it
 * replaces, is written beside its name in a file of its own (mkstemp: created anew, never through a
 * link, readable by its owner only) and takes the name at the end; anything else (a link,
 * /dev/stdout, a pipe) is written through as it is, and stays what it is. On failure errno says
 * why. */
static int cmd_report_open(struct arena *a, struct import_files *f)
{
	struct stat sb;
	if (strcmp(f->report_name, "-") == 0) {
		f->report = stdout;
		return 0;
	}
	if (lstat(f->report_name, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		f->report = fopen(f->report_name, "w");
		return f->report ? 0 : ERR_IO;
	}
	f->report_part = arena_printf(a, "%s.XXXXXX", f->report_name);
	if (f->report_part == NULL)
		return ERR_NOMEM;
	int fd = mkstemp(f->report_part);
	if (fd < 0) {
		f->report_part = NULL;
		return ERR_IO;
	}
	f->report = fdopen(fd, "w"); /* readable by its owner only, as mkstemp makes it: it is about people */
	if (f->report == NULL) {
		close(fd);
		unlink(f->report_part);
		return ERR_IO;
	}
	cmd_report_part = f->report_part;
	signal(SIGINT, cmd_report_drop);
	signal(SIGTERM, cmd_report_drop);
	signal(SIGHUP, cmd_report_drop);
	return 0;
}

/* cmd_report_dir is the real directory the report at path goes into, following a link to its
 * target (NULL when it cannot be told); the caller frees it. */
static char *cmd_report_dir(const char *path)
{
	char *real = realpath(path, NULL); /* an existing file, through links */
	if (real) {
		char *slash = strrchr(real, '/');
		if (slash)
			*(slash == real ? slash + 1 : slash) = 0;
		return real;
	}
	const char *slash = strrchr(path, '/');
	char *parent = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
	char *dir = parent ? realpath(parent, NULL) : NULL;
	free(parent);
	return dir;
}

/* cmd_report_replaceable tells whether the report may go to path: never into the data directory
 * dir ("--report DIR/pendamping.db" would replace the registry, also through a link); a regular
 * file only when it is new, empty or an earlier report (beginning "row,field,reason"); a link, a
 * pipe or a device is written through, as the user set it up. */
static bool cmd_report_replaceable(const char *dir, const char *path)
{
	if (strcmp(path, "-") == 0)
		return true; /* standard output */
	char *real_dir = realpath(dir, NULL), *into = cmd_report_dir(path);
	bool inside = real_dir && into && strcmp(real_dir, into) == 0;
	free(real_dir);
	free(into);
	if (inside)
		return false;
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT;
	if (!S_ISREG(st.st_mode))
		return true;
	FILE *f = fopen(path, "rb");
	char head[20] = "";
	bool report = f && fgets(head, sizeof head, f) && strcmp(head, "row,field,reason\n") == 0;
	if (f)
		fclose(f);
	return report || st.st_size == 0;
}

/* cmd_import_open opens what an import needs: the file at path, the report of rejected rows
 * (report_path, or FILE.report.csv), the database and the acting user. The report replaces an
 * earlier one only when cmd_import_close keeps it, so that an import refused before its first
 * row leaves that as it was; it may not be the file read. On failure it says which (cli_t),
 * closes what it opened and returns the exit status. */
static int cmd_import_open(const char *dir, const char *path, const char *report_path, const char *user,
			   struct db **db, struct arena *a, struct actor *actor, struct import_files *f)
{
	f->report_name = report_path ? report_path : cmd_report_name(a, path);
	f->report_part = NULL;
	f->report = NULL;
	if (f->report_name == NULL)
		return EXIT_FAIL;
	f->in = fopen(path, "rb");
	if (f->in == NULL) {
		fprintf(stderr, cli_t("pendamping: cannot read %s: %s\n"), path, strerror(errno));
		return EXIT_FAIL;
	}
	struct stat a_in, a_rep;
	if (fstat(fileno(f->in), &a_in) == 0 && S_ISDIR(a_in.st_mode)) { /* fopen opens one for reading */
		fprintf(stderr, cli_t("pendamping: cannot read %s: %s\n"), path, strerror(EISDIR));
		fclose(f->in);
		return EXIT_FAIL;
	}
	if (fstat(fileno(f->in), &a_in) == 0 && stat(f->report_name, &a_rep) == 0 && a_in.st_dev == a_rep.st_dev &&
	    a_in.st_ino == a_rep.st_ino) {
		fputs(cli_t("pendamping: the report would overwrite the file read: choose another with --report\n"), stderr);
		fclose(f->in);
		return EXIT_USAGE;
	}
	if (!cmd_report_replaceable(dir, f->report_name)) {
		fprintf(stderr, cli_t("pendamping: %s is not the report of an earlier import, or lies in the data directory: "
				      "choose another with --report\n"), f->report_name);
		fclose(f->in);
		return EXIT_USAGE;
	}
	if (cli_open(dir, db)) {
		fclose(f->in);
		return EXIT_FAIL;
	}
	int rc = cmd_import_actor(*db, a, user, actor);
	if (rc == 0 && cmd_report_open(a, f)) {
		fprintf(stderr, cli_t("pendamping: cannot write the report %s: %s\n"), f->report_name, strerror(errno));
		rc = ERR_IO;
	}
	if (rc) {
		fclose(f->in);
		db_close(*db);
		return rc == ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
	}
	return EXIT_OK;
}

/* cmd_import_close closes the files and the database; the report takes its name when keep, and
 * is removed otherwise. Returns rc, or ERR_IO when the report could not be written. */
static int cmd_import_close(struct db *db, struct import_files *f, bool keep, int rc)
{
	bool written = fflush(f->report) == 0 && !ferror(f->report);
	if (f->report != stdout)
		written = fclose(f->report) == 0 && written;
	fclose(f->in);
	db_close(db);
	int why = written ? 0 : errno ? errno : EIO;
	cmd_report_part = NULL; /* renamed or removed below, no longer the handler's */
	if (f->report_part && !(keep && written && rename(f->report_part, f->report_name) == 0)) {
		why = why ? why : errno;
		unlink(f->report_part);
		written = false;
	}
	if (keep && !written) {
		fprintf(stderr, cli_t("pendamping: cannot write the report %s: %s\n"), f->report_name, strerror(why));
		return rc ? rc : ERR_IO;
	}
	return rc;
}

int cmd_import(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--on-error", true, N_("skip (default: report the row and go on) or abort"), NULL},
		{"--dry-run", false, N_("check every row and write the report, change nothing"), NULL},
		{"--report", true, N_("where to write rejected rows (default FILE.report.csv; - for standard output)"), NULL},
		{"--user", true, N_("record the import in this user's name (who must be allowed to register clients)"), NULL},
	};
	const char *usage = "pendamping import clients --data DIR FILE.csv [--on-error=skip|abort] [--dry-run] [--report PATH] [--user NAME]";
	const char *pos[2];
	int npos;
	enum lang lang;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 2, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	const char *onerr = cli_get(opts, NOPTS(opts), "--on-error");
	cli_lang(NULL, &lang); /* the report's language */
	if (onerr && strcmp(onerr, "skip") != 0 && strcmp(onerr, "abort") != 0) {
		fputs(cli_t("pendamping: --on-error must be skip or abort\n"), stderr);
		return EXIT_USAGE;
	}
	static const struct cli_sub subs[] = {{"clients", 1}, {NULL, 0}};
	if (cli_subcommand(usage, opts, NOPTS(opts), pos, npos, subs) < 0)
		return EXIT_USAGE;
	struct db *db;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	struct import_files f;
	int status = cmd_import_open(dir, pos[1], cli_get(opts, NOPTS(opts), "--report"),
				     cli_get(opts, NOPTS(opts), "--user"), &db, &a, &actor, &f);
	if (status) {
		arena_free(&a);
		return status;
	}
	/* the indexes of a large registry stay in memory during the import */
	rc = db_cache(db, 128);
	struct stat sb;
	struct import_progress prog = {clock_mono_us(), fstat(fileno(f.in), &sb) == 0 ? (long)sb.st_size : 0, isatty(2) != 0};
	struct import_opts o = {.dry_run = cli_get(opts, NOPTS(opts), "--dry-run") != NULL,
				.abort_on_error = onerr && strcmp(onerr, "abort") == 0,
				.source = pos[1],
				.lang = lang,
				.progress = cmd_progress,
				.ctx = &prog};
	struct import_stats st = {0};
	bool read = false; /* the header was read, and the rows were */
	if (rc == 0) {
		rc = import_clients(db, &actor, f.in, f.report, &o, &st);
		read = rc != ERR_USAGE && rc != ERR_FORBIDDEN;
	}
	if (prog.tty)
		fprintf(stderr, "\n");
	rc = cmd_import_close(db, &f, read, rc);
	/* With the report on standard output, the summary goes to standard error. */
	FILE *out = strcmp(f.report_name, "-") == 0 ? stderr : stdout;
	if (read) {
		double secs = (double)(clock_mono_us() - prog.started) / 1e6;
		fprintf(out, cli_t("%s%ld rows in %.1f s (%.0f rows/s): %ld imported, %ld already registered, %ld rejected, %ld with warnings\n"),
			o.dry_run ? cli_t("dry run: ") : "", st.rows, secs, secs > 0 ? st.rows / secs : 0.0, st.imported,
			st.present, st.rejected, st.warnings);
		if ((st.rejected || st.warnings || st.noted) && out == stdout)
			printf(cli_t("report: %s\n"), f.report_name);
	}
	arena_free(&a); /* after the report's name is printed */
	if (rc == ERR_USAGE)
		return EXIT_USAGE;
	if (rc == ERR_INVALID) {
		fprintf(out, "%s", cli_t("stopped at the first rejected row (--on-error=abort); its batch was not written\n"));
		return EXIT_FAIL;
	}
	if (rc)
		return cli_fail("import", rc);
	return st.rejected ? EXIT_REJECTED : EXIT_OK;
}

int cmd_regions(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--report", true, N_("where to write rejected rows (default FILE.report.csv; - for standard output)"), NULL},
	};
	const char *usage = "pendamping regions import --data DIR FILE.csv [--report PATH]   (columns: code,name)";
	const char *pos[2];
	int npos;
	enum lang lang;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 2, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	cli_lang(NULL, &lang); /* the report's language */
	static const struct cli_sub subs[] = {{"import", 1}, {NULL, 0}};
	if (cli_subcommand(usage, opts, NOPTS(opts), pos, npos, subs) < 0)
		return EXIT_USAGE;
	struct db *db;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	struct import_files f;
	int status = cmd_import_open(dir, pos[1], cli_get(opts, NOPTS(opts), "--report"), NULL, &db, &a, &actor, &f);
	if (status) {
		arena_free(&a);
		return status;
	}
	struct import_stats st;
	int64_t t0 = clock_mono_us();
	rc = import_regions(db, &actor, f.in, f.report, lang, &st);
	rc = cmd_import_close(db, &f, rc == 0, rc);
	if (rc == 0)
		printf(cli_t("%ld regions in %.1f s: %ld imported, %ld rejected\n"), st.rows,
		       (double)(clock_mono_us() - t0) / 1e6, st.imported, st.rejected);
	if (rc == 0 && st.rejected)
		printf(cli_t("report: %s\n"), f.report_name);
	arena_free(&a);
	if (rc)
		return cli_fail("regions import", rc);
	return st.rejected ? EXIT_REJECTED : EXIT_OK;
}
