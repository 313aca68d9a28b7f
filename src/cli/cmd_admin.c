/* cmd_admin.c: init, demo, migrate, user, token and audit commands. */
#include "base/err.h"
#include "base/secret.h"
#include "base/str.h"
#include "cli/cli.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/demo.h"
#include "store/migrate.h"
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cmd_create_dir makes a new data directory: refuses one that already holds a database. */
static int cmd_create_dir(const char *dir, const char *org_name, const char *admin,
			  const char *password, struct db **out, int64_t *org)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/pendamping.db", dir);
	if (access(path, F_OK) == 0) {
		fprintf(stderr, cli_t("pendamping: %s already holds a database; refusing to overwrite it\n"), dir);
		return ERR_EXISTS;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, cli_t("pendamping: cannot create %s: %s\n"), dir, strerror(errno));
		return ERR_IO;
	}
	char key[4096];
	snprintf(key, sizeof key, "%s/secret.key", dir);
	int rc = secret_key_create(key);
	if (rc == ERR_EXISTS)
		fprintf(stderr, cli_t("pendamping: %s exists without a database; keeping its key\n"), key);
	else if (rc)
		return cli_fail(key, rc), rc;
	rc = secret_key_load(key);
	struct db *db = NULL;
	if (rc == 0)
		rc = db_open(path, &db);
	if (rc == 0)
		rc = migrate_run(db, NULL);
	if (rc == 0)
		rc = org_store_create(db, org_name, org);
	if (rc == 0) {
		struct arena a;
		arena_init(&a);
		struct new_user nu = {admin, "Administrator", "admin", NULL, password, "id"};
		struct faults f = {0};
		struct user u;
		rc = account_add(db, &a, NULL, *org, &nu, &f, &u);
		if (rc && f.n)
			cli_faults(&f);
		arena_free(&a);
	}
	if (rc) {
		db_close(db);
		unlink(path);
		return rc;
	}
	*out = db;
	return 0;
}

int cmd_init(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory to create"), NULL},
		{"--org", true, N_("organisation name"), NULL},
		{"--admin", true, N_("administrator's user name (default admin)"), NULL},
	};
	const char *usage = "pendamping init --data DIR [--org NAME] [--admin NAME]\n"
			    "  The admin password comes from PENDAMPING_ADMIN_PASSWORD or a prompt.";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 0, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data"); /* given: cli_parse checks */
	const char *org = cli_get(opts, NOPTS(opts), "--org");
	const char *admin = cli_get(opts, NOPTS(opts), "--admin");
	char pw[512];
	if (cli_password("PENDAMPING_ADMIN_PASSWORD", cli_t("Admin password: "), true, pw, sizeof pw))
		return EXIT_FAIL;
	struct db *db;
	int64_t org_id;
	rc = cmd_create_dir(dir, org ? org : "Lembaga Kesejahteraan Sosial", admin ? admin : "admin", pw, &db, &org_id);
	if (rc)
		return EXIT_FAIL;
	db_close(db);
	printf(cli_t("created %s (database, key, organisation, admin '%s')\n"), dir, admin ? admin : "admin");
	return EXIT_OK;
}

int cmd_demo(int argc, char **argv)
{
	struct cli_opt opts[] = {{"--data", true, N_("data directory (created when missing)"), NULL}};
	const char *usage = "pendamping demo --data DIR";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, 1, pos, 0, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, 1, "--data"); /* given: cli_parse checks */
	char path[4096];
	snprintf(path, sizeof path, "%s/pendamping.db", dir);
	struct db *db;
	int64_t org;
	if (access(path, F_OK) == 0) {
		rc = cli_open(dir, &db);
		if (rc)
			return EXIT_FAIL;
		struct arena a;
		arena_init(&a);
		rc = org_store_first(db, &a, &org, NULL);
		arena_free(&a);
	} else {
		rc = cmd_create_dir(dir, "Balai Rehabilitasi Sosial \"Harapan\" (demo)", "admin", DEMO_PASSWORD, &db, &org);
		if (rc)
			return EXIT_FAIL;
	}
	if (rc == 0)
		rc = demo_load(db, org, DEMO_CLIENTS);
	db_close(db);
	if (rc)
		return cli_fail("demo data", rc);
	printf(cli_t("demo data ready in %s\nlog in at http://127.0.0.1:8080/ with password '%s' as:\n"), dir, DEMO_PASSWORD);
	for (int i = 0; demo_logins[i].name; i++)
		printf("  %-10s (%s)\n", demo_logins[i].name, cli_t(demo_logins[i].role));
	return EXIT_OK;
}

int cmd_migrate(int argc, char **argv)
{
	struct cli_opt opts[] = {{"--data", true, N_("data directory"), NULL}};
	const char *usage = "pendamping migrate --data DIR";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, 1, pos, 0, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, 1, "--data"); /* given: cli_parse checks */
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	printf(cli_t("schema version %d\n"), migrate_version(db));
	db_close(db);
	return EXIT_OK;
}

static int cmd_user_list(struct db *db, bool json)
{
	struct arena a;
	arena_init(&a);
	int64_t org;
	struct user *users;
	int n;
	int rc = org_store_first(db, &a, &org, NULL);
	if (rc == 0)
		rc = user_store_list(db, &a, org, &users, &n);
	if (rc == 0 && json) {
		json_t *arr = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s?,s:b}", "name", users[i].name, "full_name",
							     users[i].full_name, "role", users[i].role, "supervisor",
							     users[i].supervisor_name, "disabled", users[i].disabled));
		json_dumpf(arr, stdout, JSON_INDENT(2));
		printf("\n");
		json_decref(arr);
	} else if (rc == 0) {
		printf("%-16s %-11s %-16s %-8s %s\n", cli_t("NAME"), cli_t("ROLE"), cli_t("SUPERVISOR"), cli_t("STATUS"), cli_t("FULL NAME"));
		for (int i = 0; i < n; i++)
			printf("%-16s %-11s %-16s %-8s %s\n", users[i].name, users[i].role,
			       users[i].supervisor_name ? users[i].supervisor_name : "-",
			       users[i].disabled ? cli_t("disabled") : cli_t("active"), users[i].full_name);
	}
	arena_free(&a);
	return rc ? cli_fail("user list", rc) : EXIT_OK;
}

int cmd_user(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--name", true, N_("user name (add)"), NULL},
		{"--role", true, N_("admin, supervisor, worker, volunteer or viewer (add)"), NULL},
		{"--supervisor", true, N_("supervisor's user name (add)"), NULL},
		{"--full-name", true, N_("full name (add)"), NULL},
		{"--json", false, N_("machine-readable output (list)"), NULL},
	};
	const char *usage = "pendamping user add --data DIR --name NAME --role ROLE [--supervisor NAME] [--full-name TEXT]\n"
			    "       pendamping user list --data DIR [--json]\n"
			    "       pendamping user disable|enable|passwd --data DIR NAME\n"
			    "  Passwords come from PENDAMPING_PASSWORD or a prompt.";
	const char *pos[2];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, NOPTS(opts), pos, 2, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, NOPTS(opts), "--data");
	static const struct cli_sub subs[] = {{"add", 0}, {"list", 0}, {"disable", 1}, {"enable", 1}, {"passwd", 1}, {NULL, 0}};
	if (cli_subcommand(usage, opts, NOPTS(opts), pos, npos, subs) < 0)
		return EXIT_USAGE;
	const char *sub = pos[0];
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	struct arena a;
	arena_init(&a);
	int64_t org;
	rc = org_store_first(db, &a, &org, NULL);
	int status = EXIT_OK;
	if (rc) {
		status = cli_fail(cli_t("the organisation of this data directory"), rc);
	} else if (strcmp(sub, "list") == 0) {
		status = cmd_user_list(db, cli_get(opts, NOPTS(opts), "--json") != NULL);
	} else if (strcmp(sub, "add") == 0) {
		char pw[512];
		struct new_user nu = {cli_get(opts, NOPTS(opts), "--name"), cli_get(opts, NOPTS(opts), "--full-name"),
				      cli_get(opts, NOPTS(opts), "--role"), cli_get(opts, NOPTS(opts), "--supervisor"), pw, "id"};
		if (nu.name == NULL || nu.role == NULL) {
			fputs(cli_t("pendamping: user add needs --name and --role\n"), stderr);
			cli_print_usage(usage, opts, NOPTS(opts));
			status = EXIT_USAGE;
		} else if (cli_password("PENDAMPING_PASSWORD", cli_t("Password: "), true, pw, sizeof pw)) {
			status = EXIT_FAIL;
		} else {
			struct faults f = {0};
			struct user u;
			rc = account_add(db, &a, NULL, org, &nu, &f, &u);
			cli_faults(&f);
			if (rc)
				status = f.n ? EXIT_FAIL : cli_fail("user add", rc);
			else
				printf(cli_t("added %s (%s)\n"), u.name, u.role);
		}
	} else if (strcmp(sub, "passwd") == 0) {
		char pw[512];
		struct faults f = {0};
		if (cli_password("PENDAMPING_PASSWORD", cli_t("New password: "), true, pw, sizeof pw)) {
			status = EXIT_FAIL;
		} else {
			rc = account_set_password(db, &a, NULL, pos[1], pw, &f);
			cli_faults(&f);
			status = rc ? (f.n ? EXIT_FAIL : cli_fail(pos[1], rc)) : EXIT_OK;
			if (rc == 0)
				printf(cli_t("password of %s changed; their sessions have ended\n"), pos[1]);
		}
	} else {
		bool disable = strcmp(sub, "disable") == 0;
		rc = account_set_disabled(db, &a, NULL, pos[1], disable);
		status = rc ? cli_fail(pos[1], rc) : EXIT_OK;
		if (rc == 0)
			printf(disable ? cli_t("%s disabled: their sessions have ended\n") : cli_t("%s enabled\n"), pos[1]);
	}
	arena_free(&a);
	db_close(db);
	return status;
}

int cmd_token(int argc, char **argv)
{
	struct cli_opt opts[] = {
		{"--data", true, N_("data directory"), NULL},
		{"--user", true, N_("the user the token acts as"), NULL},
		{"--days", true, N_("create: days the token is valid (1-3650, default 365)"), NULL},
	};
	const char *usage = "pendamping token create|revoke --data DIR --user NAME [--days N]\n"
			    "  create prints a new API token (and, on standard error, when it expires);\n"
			    "  revoke revokes every token of the user";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, 3, pos, 1, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, 3, "--data"), *name = cli_get(opts, 3, "--user");
	const char *days_text = cli_get(opts, 3, "--days");
	static const struct cli_sub subs[] = {{"create", 0}, {"revoke", 0}, {NULL, 0}};
	int which = cli_subcommand(usage, opts, 3, pos, npos, subs);
	if (which < 0)
		return EXIT_USAGE;
	bool revoke = which == 1;
	if (name == NULL) {
		fputs(cli_t("pendamping: --user NAME is required: whose token\n"), stderr);
		return EXIT_USAGE;
	}
	long days = 0;
	if (days_text && str_parse_long(days_text, 1, ACCOUNT_TOKEN_DAYS_MAX, &days)) {
		fprintf(stderr, cli_t("pendamping: --days must be a whole number from 1 to %d\n"), ACCOUNT_TOKEN_DAYS_MAX);
		return EXIT_USAGE;
	}
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	struct arena a;
	arena_init(&a);
	const char *token, *expires_at;
	int n = 0;
	rc = revoke ? account_token_revoke(db, &a, NULL, name, &n)
		    : account_token_create(db, &a, NULL, name, (int)days, &token, &expires_at);
	if (rc == 0 && revoke) {
		printf(n == 1 ? cli_t("revoked %d token of %s\n") : cli_t("revoked %d tokens of %s\n"), n, name);
	} else if (rc == 0) {
		printf("%s\n", token);
		fprintf(stderr, cli_t("valid until %s\n"), expires_at);
	}
	arena_free(&a);
	db_close(db);
	return rc ? cli_fail(name, rc) : EXIT_OK;
}

int cmd_audit(int argc, char **argv)
{
	struct cli_opt opts[] = {{"--data", true, N_("data directory"), NULL}};
	const char *usage = "pendamping audit verify --data DIR";
	const char *pos[1];
	int npos;
	int rc = cli_parse(argc, argv, 2, opts, 1, pos, 1, &npos, usage);
	if (rc)
		return rc < 0 ? EXIT_OK : rc;
	const char *dir = cli_get(opts, 1, "--data");
	static const struct cli_sub subs[] = {{"verify", 0}, {NULL, 0}};
	if (cli_subcommand(usage, opts, 1, pos, npos, subs) < 0)
		return EXIT_USAGE;
	struct db *db;
	if (cli_open(dir, &db))
		return EXIT_FAIL;
	int64_t count, bad;
	rc = audit_verify(db, &count, &bad);
	db_close(db);
	if (rc == ERR_INVALID) {
		printf(cli_t("audit trail broken at row %lld (after %lld intact rows)\n"), (long long)bad, (long long)count);
		return EXIT_FAIL;
	}
	if (rc)
		return cli_fail("audit verify", rc);
	printf(cli_t("audit trail intact: %lld rows\n"), (long long)count);
	return EXIT_OK;
}
