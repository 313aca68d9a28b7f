/* main.c: the command table of pendamping, the CLI and the web server in one binary. */
#include "base/i18n.h"
#include "base/log.h"
#include "base/secret.h"
#include "cli/cli.h"
#include <stdio.h>
#include <string.h>

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("pendamping %s\n", PD_VERSION);
	return EXIT_OK;
}

static const struct cli_cmd commands[] = {
	{"init", N_("create a data directory (database, key, organisation, admin)"), "pendamping init --data DIR [--org NAME] [--admin NAME]", cmd_init},
	{"serve", N_("serve the web interface and the JSON API"), "pendamping serve --data DIR [--listen 127.0.0.1:8080]", cmd_serve},
	{"demo", N_("create or complete a data directory with demo data"), "pendamping demo --data DIR", cmd_demo},
	{"migrate", N_("apply pending database migrations"), "pendamping migrate --data DIR", cmd_migrate},
	{"user", N_("manage user accounts"), "pendamping user add|list|disable|enable|passwd ...", cmd_user},
	{"token", N_("create or revoke API tokens"), "pendamping token create|revoke --data DIR --user NAME", cmd_token},
	{"audit", N_("check the audit trail"), "pendamping audit verify --data DIR", cmd_audit},
	{"client", N_("the client registry"), "pendamping client list|show|add|archive ...", cmd_client},
	{"case", N_("casework: list cases"), "pendamping case list --data DIR --user NAME [--worker NAME] [--stage S] [--overdue] [--json]", cmd_case},
	{"group", N_("group work: list groups"), "pendamping group list --data DIR --user NAME [--json]", cmd_group},
	{"import", N_("import clients from a CSV file"), "pendamping import clients --data DIR FILE.csv [--on-error=skip|abort] [--dry-run]", cmd_import},
	{"regions", N_("import the Kemendagri region list"), "pendamping regions import --data DIR FILE.csv", cmd_regions},
	{"version", N_("print the version"), "pendamping version", cmd_version},
};

static void usage(FILE *out)
{
	fprintf(out, "%s", cli_t("usage: pendamping COMMAND [options]   (pendamping COMMAND --help for more)\n\ncommands:\n"));
	for (unsigned i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, cli_t(commands[i].summary));
	fprintf(out, "\n%s  --lang id|en  %s\n", cli_t("every command takes:\n"),
		cli_t("the language of what the command prints (default: the locale's)"));
}

int main(int argc, char **argv)
{
	if (secret_init() != 0 || i18n_init() != 0) {
		log_error("cannot start: libsodium or the translations failed to initialise");
		return EXIT_FAIL;
	}
	if (cli_lang_take(&argc, argv))
		return EXIT_USAGE;
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0)
		return cmd_version(argc, argv);
	for (unsigned i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc, argv);
	fprintf(stderr, cli_t("pendamping: unknown command '%s'\n"), argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
