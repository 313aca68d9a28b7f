/* cmd_groups.c: group work on the command line: the list of groups with their counts. */
#include "base/err.h"
#include "cli/cli.h"
#include "domain/case_kind.h"
#include "domain/groupwork.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

int cmd_group(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--user", true, N_("act as this user (facilitators see their groups' attendance)"), NULL},
		{"--json", false, N_("machine-readable output"), NULL},
	};
	const char *usage = "pendamping group list --data DIR --user NAME [--json]";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 1, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	static const struct cli_sub subs[] = {{"list", 0}, {NULL, 0}};
	if (cli_subcommand(usage, opts, NOPTS(opts), pos, npos, subs) < 0)
		return EXIT_USAGE;
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	int status = EXIT_OK;
	struct group_view *g = NULL;
	int n = 0;
	const char *next = NULL;
	rc = cli_actor(db, &a, cli_get(opts, NOPTS(opts), "--user"), &actor);
	if (rc == 0)
		rc = groupwork_list(db, &a, &actor, NULL, 0, &g, &n, &next);
	if (rc == ERR_USAGE) {
		status = EXIT_USAGE;
	} else if (rc) {
		status = cli_fail("group list", rc);
	} else if (cli_get(opts, NOPTS(opts), "--json")) {
		json_t *items = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i}", "uid", g[i].row.uid, "name", g[i].row.name,
							       "purpose", g[i].row.purpose, "status", g[i].row.status, "capacity",
							       g[i].row.capacity, "members_count", g[i].row.members, "sessions_count",
							       g[i].row.sessions));
		json_t *j = json_pack("{s:o,s:n}", "items", items, "next_cursor");
		json_dumpf(j, stdout, JSON_INDENT(2));
		printf("\n");
		json_decref(j);
	} else {
		printf("%-36s %-14s %-8s %-9s %-8s %s\n", "UID", cli_t("PURPOSE"), cli_t("STATUS"), cli_t("MEMBERS"), cli_t("SESSIONS"), cli_t("NAME"));
		for (int i = 0; i < n; i++)
			printf("%-36s %-14s %-8s %3d / %-3d %-8d %s\n", g[i].row.uid, g[i].row.purpose, g[i].row.status, g[i].row.members,
			       g[i].row.capacity, g[i].row.sessions, g[i].row.name);
	}
	arena_free(&a);
	db_close(db);
	return status;
}
