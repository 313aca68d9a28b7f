/* cli.c: option parsing, opening the data directory and reading passwords for every command. */
#include "cli/cli.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/secret.h"
#include "domain/account.h"
#include "store/migrate.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

void cli_print_usage(const char *usage, const struct cli_opt *opts, int nopts)
{
	fprintf(stderr, cli_t("usage: %s\n"), cli_t(usage)); /* its notes translated, its syntax kept */
	if (nopts)
		fprintf(stderr, "%s", cli_t("options:\n"));
	for (int i = 0; i < nopts; i++)
		fprintf(stderr, "  %-22s %s\n", opts[i].name, cli_t(opts[i].help));
	fprintf(stderr, "  %-22s %s\n", "--lang id|en", cli_t("the language of what the command prints (default: the locale's)"));
	fprintf(stderr, "  %-22s %s\n", "--help", cli_t("show this help"));
}

int cli_parse(int argc, char **argv, int first, struct cli_opt *opts, int nopts, const char **pos,
	      int maxpos, int *npos, const char *usage)
{
	*npos = 0;
	for (int i = first; i < argc; i++) {
		const char *arg = argv[i];
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			cli_print_usage(usage, opts, nopts);
			return -1;
		}
		if (strncmp(arg, "--", 2) != 0) {
			if (*npos == maxpos) {
				fprintf(stderr, cli_t("pendamping: unexpected argument '%s'\n"), arg);
				cli_print_usage(usage, opts, nopts);
				return EXIT_USAGE;
			}
			pos[(*npos)++] = arg;
			continue;
		}
		const char *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		int k = -1;
		for (int j = 0; j < nopts; j++)
			if (strlen(opts[j].name) == nlen && strncmp(opts[j].name, arg, nlen) == 0)
				k = j;
		if (k < 0) {
			fprintf(stderr, cli_t("pendamping: unknown option '%.*s'\n"), (int)nlen, arg);
			cli_print_usage(usage, opts, nopts);
			return EXIT_USAGE;
		}
		if (opts[k].value) {
			/* the last one winning would hide a slip: --data a ... --data b */
			fprintf(stderr, cli_t("pendamping: option %s is given more than once\n"), opts[k].name);
			return EXIT_USAGE;
		}
		if (!opts[k].takes_value) {
			if (eq) {
				fprintf(stderr, cli_t("pendamping: option %s takes no value\n"), opts[k].name);
				return EXIT_USAGE;
			}
			opts[k].value = "";
			continue;
		}
		/* A value is never empty, nor the next option: "--report --dry-run" must not make a
		 * report named --dry-run of an import that is then not dry. */
		const char *value = eq ? eq + 1 : i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0 ? argv[++i] : NULL;
		if (value == NULL || *value == 0) {
			fprintf(stderr, cli_t("pendamping: option %s needs a value\n"), opts[k].name);
			cli_print_usage(usage, opts, nopts);
			return EXIT_USAGE;
		}
		opts[k].value = value;
	}
	for (int k = 0; k < nopts; k++)
		if (strcmp(opts[k].name, "--data") == 0 && opts[k].value == NULL) {
			fputs(cli_t("pendamping: option --data DIR is required: the data directory\n"), stderr);
			cli_print_usage(usage, opts, nopts);
			return EXIT_USAGE;
		}
	return 0;
}

int cli_subcommand(const char *usage, const struct cli_opt *opts, int nopts, const char **pos, int npos,
		   const struct cli_sub *subs)
{
	char names[256] = "";
	size_t used = 0;
	for (int i = 0; subs[i].name; i++) {
		int w = snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", subs[i].name);
		if (w > 0 && (size_t)w < sizeof names - used)
			used += (size_t)w;
	}
	int k = -1;
	for (int i = 0; npos > 0 && subs[i].name; i++)
		if (strcmp(subs[i].name, pos[0]) == 0)
			k = i;
	if (npos == 0)
		fprintf(stderr, cli_t("pendamping: say what to do, one of: %s\n"), names);
	else if (k < 0)
		fprintf(stderr, cli_t("pendamping: unknown subcommand '%s'; one of: %s\n"), pos[0], names);
	else if (npos - 1 < subs[k].args)
		fprintf(stderr, cli_t("pendamping: %s needs an argument: see the usage below\n"), pos[0]);
	else if (npos - 1 > subs[k].args)
		fprintf(stderr, cli_t("pendamping: unexpected argument '%s'\n"), pos[subs[k].args + 1]);
	else
		return k;
	cli_print_usage(usage, opts, nopts);
	return -1;
}

const char *cli_get(const struct cli_opt *opts, int nopts, const char *name)
{
	for (int i = 0; i < nopts; i++)
		if (strcmp(opts[i].name, name) == 0)
			return opts[i].value;
	return NULL;
}

int cli_open(const char *dir, struct db **db)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/pendamping.db", dir);
	if (access(path, F_OK) != 0) {
		fprintf(stderr, cli_t("pendamping: %s has no database; run 'pendamping init --data %s' first\n"), dir, dir);
		return ERR_NOTFOUND;
	}
	char key[4096];
	snprintf(key, sizeof key, "%s/secret.key", dir);
	int rc = secret_key_load(key);
	if (rc) {
		fprintf(stderr, cli_t("pendamping: cannot read the data key %s\n"), key);
		return rc;
	}
	rc = db_open(path, db);
	if (rc)
		return rc;
	rc = migrate_run(*db, NULL);
	if (rc) {
		db_close(*db);
		*db = NULL;
	}
	return rc;
}

static int cli_read_line(const char *prompt, char *out, size_t n)
{
	struct termios old, quiet;
	fprintf(stderr, "%s", prompt);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return ERR_INVALID;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	char *got = fgets(out, (int)n, stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fprintf(stderr, "\n");
	if (got == NULL)
		return ERR_INVALID;
	out[strcspn(out, "\r\n")] = 0;
	return 0;
}

int cli_password(const char *env, const char *prompt, bool confirm, char *out, size_t n)
{
	const char *v = getenv(env);
	if (v && *v) {
		if (strlen(v) >= n) {
			fprintf(stderr, cli_t("pendamping: %s is longer than %zu characters\n"), env, n - 1);
			return ERR_INVALID;
		}
		memcpy(out, v, strlen(v) + 1);
		return 0;
	}
	if (!isatty(STDIN_FILENO)) {
		fprintf(stderr, cli_t("pendamping: set %s or run this on a terminal to be asked for the password\n"), env);
		return ERR_INVALID;
	}
	if (cli_read_line(prompt, out, n))
		return ERR_INVALID;
	if (confirm) {
		char again[512];
		if (cli_read_line(cli_t("Repeat the password: "), again, sizeof again) || strcmp(again, out) != 0) {
			fputs(cli_t("pendamping: the passwords differ\n"), stderr);
			return ERR_INVALID;
		}
	}
	return 0;
}

int cli_actor(struct db *db, struct arena *a, const char *name, struct actor *actor)
{
	struct user u;
	if (name == NULL) {
		fputs(cli_t("pendamping: --user NAME is required: the change is recorded in that user's name\n"), stderr);
		return ERR_USAGE;
	}
	int rc = user_store_by_name(db, a, name, &u);
	if (rc == ERR_NOTFOUND) {
		fprintf(stderr, cli_t("pendamping: no user named '%s'\n"), name);
		return rc;
	}
	if (rc)
		return rc;
	if (u.disabled) {
		fprintf(stderr, cli_t("pendamping: user '%s' is disabled\n"), name);
		return ERR_FORBIDDEN;
	}
	account_actor(&u, actor);
	return 0;
}

int cli_fail(const char *what, int rc)
{
	fprintf(stderr, "pendamping: %s: %s\n", what, cli_t(err_message(rc)));
	return rc == ERR_USAGE ? EXIT_USAGE : EXIT_FAIL;
}

/* The language a command's --lang chose, for all it prints; -1 when it chose none. */
static int cli_chosen = -1;

const char *cli_t(const char *msgid)
{
	enum lang lang;
	cli_lang(NULL, &lang);
	return i18n_t(lang, msgid);
}

void cli_faults(const struct faults *f)
{
	for (int i = 0; i < f->n; i++)
		fprintf(stderr, "pendamping: %s: %s\n", f->list[i].field ? f->list[i].field : "-", cli_t(f->list[i].msg));
}

int cli_lang(const char *flag, enum lang *lang)
{
	if (flag) {
		if (strcmp(flag, "id") != 0 && strcmp(flag, "en") != 0) {
			fprintf(stderr, "%s", cli_t("pendamping: --lang must be id or en\n"));
			return ERR_USAGE;
		}
		*lang = i18n_lang_parse(flag);
		cli_chosen = (int)*lang;
		return 0;
	}
	if (cli_chosen >= 0) {
		*lang = (enum lang)cli_chosen;
		return 0;
	}
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	*lang = LANG_EN;
	for (unsigned i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			*lang = strncmp(v, "id", 2) == 0 && (v[2] == 0 || v[2] == '_' || v[2] == '.') ? LANG_ID : LANG_EN;
			break;
		}
	}
	return 0;
}

int cli_lang_take(int *argc, char **argv)
{
	int kept = 1;
	for (int i = 1; i < *argc; i++) {
		const char *v;
		if (strcmp(argv[i], "--lang") == 0) {
			if (i + 1 == *argc) {
				fprintf(stderr, cli_t("pendamping: option %s needs a value\n"), "--lang");
				return EXIT_USAGE;
			}
			v = argv[++i];
		} else if (strncmp(argv[i], "--lang=", 7) == 0) {
			v = argv[i] + 7;
		} else {
			argv[kept++] = argv[i];
			continue;
		}
		enum lang lang;
		if (cli_lang(v, &lang))
			return EXIT_USAGE;
	}
	argv[kept] = NULL;
	*argc = kept;
	return 0;
}
