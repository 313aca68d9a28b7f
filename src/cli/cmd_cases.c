/* cmd_cases.c: casework on the command line: the caseload list (the same calls as web and API). */
#include "base/err.h"
#include "base/str.h"
#include "cli/cli.h"
#include "domain/casework.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

int cmd_case(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--user", true, N_("act as this user (their cases, or their team's for a supervisor)"), NULL},
		{"--worker", true, N_("only the cases of this worker"), NULL},
		{"--stage", true, N_("only cases in this stage (intake ... aftercare)"), NULL},
		{"--overdue", false, N_("only cases with overdue tasks or follow-ups"), NULL},
		{"--limit", true, N_("rows (1-100, default 25)"), NULL},
		{"--cursor", true, N_("continue after a previous page"), NULL},
		{"--json", false, N_("machine-readable output"), NULL},
	};
	const char *usage = "pendamping case list --data DIR --user NAME [--worker NAME] [--stage S] [--overdue] [--json]";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 1, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	static const struct cli_sub subs[] = {{"list", 0}, {NULL, 0}};
	if (cli_subcommand(usage, opts, NOPTS(opts), pos, npos, subs) < 0)
		return EXIT_USAGE;
	struct case_query q = {.worker = cli_get(opts, NOPTS(opts), "--worker"),
			       .stage = cli_get(opts, NOPTS(opts), "--stage"),
			       .overdue = cli_get(opts, NOPTS(opts), "--overdue") != NULL,
			       .cursor = cli_get(opts, NOPTS(opts), "--cursor"),
			       .limit = 25};
	if (q.stage && stage_index(q.stage) < 0) {
		fputs(cli_t("pendamping: --stage must be one of intake, assessment, planning, intervention, resocialisation, termination, aftercare\n"), stderr);
		return EXIT_USAGE;
	}
	long limit;
	const char *ls = cli_get(opts, NOPTS(opts), "--limit");
	if (ls) {
		if (str_parse_long(ls, 1, 100, &limit)) {
			fputs(cli_t("pendamping: --limit must be a number from 1 to 100\n"), stderr);
			return EXIT_USAGE;
		}
		q.limit = (int)limit;
	}
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	int status = EXIT_OK;
	rc = cli_actor(db, &a, cli_get(opts, NOPTS(opts), "--user"), &actor);
	struct case_row *rows = NULL;
	int n = 0;
	const char *next = NULL, *bad = NULL;
	if (rc == 0)
		rc = casework_list(db, &a, &actor, &q, &rows, &n, &next, &bad);
	if (rc == ERR_USAGE) {
		status = EXIT_USAGE;
	} else if (rc == ERR_INVALID) {
		fprintf(stderr, "pendamping: --%s: %s\n", bad,
			cli_t(str_eq(bad, "worker") ? "No such user." : "The cursor is not valid: start again from the first page."));
		status = EXIT_FAIL;
	} else if (rc) {
		status = rc == ERR_NOTFOUND ? EXIT_FAIL : cli_fail("case list", rc);
	} else if (cli_get(opts, NOPTS(opts), "--json")) {
		json_t *items = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:s?,s:b,s:s}", "uid", rows[i].uid, "client", rows[i].client_uid,
							       "client_name", rows[i].client_name, "stage", rows[i].stage, "primary_worker",
							       rows[i].primary_name, "overdue", rows[i].overdue, "updated_at", rows[i].updated_at));
		json_t *j = json_pack("{s:o}", "items", items);
		json_object_set_new(j, "next_cursor", next ? json_string(next) : json_null());
		json_dumpf(j, stdout, JSON_INDENT(2));
		printf("\n");
		json_decref(j);
	} else {
		printf("%-36s %-15s %-12s %-7s %s\n", "UID", cli_t("STAGE"), cli_t("WORKER"), cli_t("OVERDUE"), cli_t("CLIENT"));
		for (int i = 0; i < n; i++)
			printf("%-36s %-15s %-12s %-7s %s\n", rows[i].uid, rows[i].stage, rows[i].primary_name ? rows[i].primary_name : "-",
			       rows[i].overdue ? cli_t("yes") : "", rows[i].client_name);
		if (next)
			printf(cli_t("more: --cursor %s\n"), next);
	}
	arena_free(&a);
	db_close(db);
	return status;
}
