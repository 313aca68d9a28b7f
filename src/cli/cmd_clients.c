/* cmd_clients.c: the client registry on the command line (the same domain calls as the web and API). */
#include "base/err.h"
#include "base/i18n.h"
#include "base/str.h"
#include "cli/cli.h"
#include "domain/client.h"
#include "domain/client_json.h"
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void cmd_print_faults(const struct client_result *res)
{
	cli_faults(&res->faults);
	if (res->existing_uid)
		fprintf(stderr, cli_t("pendamping: existing client: %s\n"), res->existing_uid);
	for (int i = 0; i < res->ndup; i++)
		fprintf(stderr, cli_t("pendamping: possible duplicate: %s %s (add \"confirm_duplicate\": true)\n"),
			res->dup_uid[i], res->dup_name[i]);
	if (res->nik_mismatch)
		fputs(cli_t("pendamping: add \"confirm_nik_mismatch\": true to save anyway\n"), stderr);
}

int cmd_client(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--user", true, N_("act as this user (required: every read and change is in someone's name)"), NULL},
		{"--q", true, N_("list: name words or NIK"), NULL},
		{"--region", true, N_("list: region code prefix"), NULL},
		{"--limit", true, N_("list: rows (1-100, default 25)"), NULL},
		{"--cursor", true, N_("list: continue after a previous page"), NULL},
		{"--json", false, N_("machine-readable output"), NULL},
	};
	const char *usage = "pendamping client list --data DIR --user NAME [--q TEXT] [--region CODE] [--json]\n"
			    "       pendamping client show --data DIR --user NAME UID\n"
			    "       pendamping client add --data DIR --user NAME < client.json\n"
			    "       pendamping client archive --data DIR --user NAME UID";
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 2, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	static const struct cli_sub subs[] = {{"list", 0}, {"show", 1}, {"add", 0}, {"archive", 1}, {NULL, 0}};
	if (cli_subcommand(usage, opts, NOPTS(opts), pos, npos, subs) < 0)
		return EXIT_USAGE;
	const char *sub = pos[0];
	bool json = cli_get(opts, NOPTS(opts), "--json") != NULL;
	long limit = 25;
	const char *ls = cli_get(opts, NOPTS(opts), "--limit");
	if (ls && (str_parse_long(ls, 1, 100, &limit))) {
		fputs(cli_t("pendamping: --limit must be a number from 1 to 100\n"), stderr);
		return EXIT_USAGE;
	}
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	struct arena a;
	arena_init(&a);
	struct actor actor;
	rc = cli_actor(db, &a, cli_get(opts, NOPTS(opts), "--user"), &actor);
	int status = EXIT_OK;
	if (rc) {
		status = rc == ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
	} else if (strcmp(sub, "list") == 0) {
		struct client_query q = {.q = cli_get(opts, NOPTS(opts), "--q"), .region = cli_get(opts, NOPTS(opts), "--region"),
					 .cursor = cli_get(opts, NOPTS(opts), "--cursor"), .limit = (int)limit};
		struct client_page page;
		const char *field = NULL, *problem = client_query_problem(&q, &field);
		rc = problem ? ERR_INVALID : client_search(db, &a, &actor, &q, &page);
		if (rc == ERR_INVALID) {
			/* a filter that cannot be answered, or a cursor of another search */
			if (problem == NULL) {
				field = "cursor";
				problem = "The cursor is not valid: start again from the first page.";
			}
			fprintf(stderr, "pendamping: --%s: %s\n", field, cli_t(problem));
			status = EXIT_USAGE;
		} else if (rc) {
			status = cli_fail("client list", rc);
		} else if (json) {
			json_t *items = json_array();
			for (int i = 0; i < page.n; i++)
				json_array_append_new(items, client_summary_json(&page.items[i]));
			json_t *j = json_pack("{s:o}", "items", items);
			json_object_set_new(j, "next_cursor", page.next_cursor ? json_string(page.next_cursor) : json_null());
			json_dumpf(j, stdout, JSON_INDENT(2));
			printf("\n");
			json_decref(j);
		} else {
			printf("%-36s %-16s %-10s %-13s %s\n", "UID", "NIK", cli_t("BORN"), cli_t("REGION"), cli_t("NAME"));
			for (int i = 0; i < page.n; i++) {
				const struct client *c = &page.items[i];
				printf("%-36s %-16s %-10s %-13s %s\n", c->uid, c->nik ? c->nik : "-",
				       c->birth_date ? c->birth_date : "-", c->region ? c->region : "-", c->name);
			}
			if (page.next_cursor)
				printf(cli_t("more: --cursor %s\n"), page.next_cursor);
		}
	} else if (strcmp(sub, "show") == 0) {
		struct client c;
		rc = client_get(db, &a, &actor, pos[1], &c);
		if (rc) {
			status = cli_fail(pos[1], rc);
		} else {
			json_t *j = client_to_json(&c);
			json_dumpf(j, stdout, JSON_INDENT(2));
			printf("\n");
			json_decref(j);
		}
	} else if (strcmp(sub, "add") == 0) {
		json_error_t err;
		json_t *body = json_loadf(stdin, JSON_REJECT_DUPLICATES, &err);
		struct client c = {0};
		struct client_result res = {0};
		int64_t version = 0;
		if (body == NULL) {
			fprintf(stderr, cli_t("pendamping: standard input is not JSON: line %d: %s\n"), err.line, err.text);
			status = EXIT_FAIL;
		} else {
			rc = client_from_json(&a, body, &c, &version, &res.faults);
			if (rc == 0)
				rc = client_create(db, &a, &actor, &c, &res);
			json_decref(body);
			cmd_print_faults(&res);
			if (rc)
				status = res.faults.n ? EXIT_FAIL : cli_fail("client add", rc);
			else if (json)
				printf("{\"uid\": \"%s\", \"version\": %lld}\n", c.uid, (long long)c.version);
			else
				printf("%s\n", c.uid);
		}
	} else {
		rc = client_archive(db, &a, &actor, pos[1]);
		status = rc ? cli_fail(pos[1], rc) : EXIT_OK;
		if (rc == 0)
			printf(cli_t("archived %s\n"), pos[1]);
	}
	arena_free(&a);
	db_close(db);
	return status;
}
