/* cli.h: command-line plumbing shared by the commands: options, the data directory, passwords. */
#ifndef PD_CLI_H
#define PD_CLI_H
#include <stdbool.h>
#include "base/arena.h"
#include "base/fault.h"
#include "domain/policy.h"
#include "base/i18n.h"
#include "store/db.h"

/* Exit statuses. EXIT_REJECTED: an import ran to its end and some rows were rejected (listed in
 * its report); a script can tell it from a failure, after which a rerun is needed. */
#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_REJECTED 3

struct cli_opt {
	const char *name; /* "--data" */
	bool takes_value;
	const char *help;
	const char *value; /* set by cli_parse; "" for a flag without value */
};

struct cli_cmd {
	const char *name;
	const char *summary;
	const char *usage;
	int (*run)(int argc, char **argv);
};

/* cli_parse reads argv[first..] into opts and positional arguments. Prints why and the usage, and
 * returns EXIT_USAGE, on an unknown option, an option given twice, a value missing or empty (the
 * next argument is a value only when it does not start with "--"; "--opt=--x" gives one that
 * does), or a missing --data when the command has that option; returns -1 after printing help for
 * --help. */
int cli_parse(int argc, char **argv, int first, struct cli_opt *opts, int nopts, const char **pos,
	      int maxpos, int *npos, const char *usage);
/* NOPTS is the number of options in an array of struct cli_opt. */
#define NOPTS(o) ((int)(sizeof(o) / sizeof((o)[0])))

/* A subcommand and the count of positional arguments it takes after its name. */
struct cli_sub {
	const char *name;
	int args;
};
/* cli_subcommand finds pos[0] among subs (ended by {NULL, 0}) and returns its index; when it is
 * missing or unknown, or its arguments are too few or too many, prints why and the usage and
 * returns -1. */
int cli_subcommand(const char *usage, const struct cli_opt *opts, int nopts, const char **pos, int npos,
		   const struct cli_sub *subs);
/* cli_get returns the value of option name, or NULL when it was not given. */
const char *cli_get(const struct cli_opt *opts, int nopts, const char *name);
/* cli_open loads DIR/secret.key and opens DIR/pendamping.db, applying migrations. */
int cli_open(const char *dir, struct db **db);
/* cli_password reads a password from the environment variable env, or from the terminal with
 * echo off (asked twice when confirm). 0, or ERR_INVALID when neither is available. */
int cli_password(const char *env, const char *prompt, bool confirm, char *out, size_t n);
/* cli_actor acts as user name (for commands that change records): fills actor. */
int cli_actor(struct db *db, struct arena *a, const char *name, struct actor *actor);
/* cli_fail prints "pendamping: what: reason" for error code rc, the reason in the command's
 * language (cli_t), and returns EXIT_FAIL (EXIT_USAGE for ERR_USAGE). */
int cli_fail(const char *what, int rc);
/* cli_t translates msgid into the command's language (cli_lang), for what the commands print. */
const char *cli_t(const char *msgid);
/* cli_faults prints each fault as "pendamping: field: reason", the reason in the command's
 * language. */
void cli_faults(const struct faults *f);
/* cli_lang is the language of a command's messages: flag (id or en) when given, which then
 * holds for everything the command prints (cli_t); else the one chosen before; else the
 * locale's (LC_ALL, LC_MESSAGES, LANG: "id_ID.UTF-8" is Indonesian), else English. ERR_USAGE for
 * another value of flag. */
int cli_lang(const char *flag, enum lang *lang);
/* cli_lang_take takes every "--lang X" and "--lang=X" out of argv (every command has the
 * option) and chooses that language with cli_lang. EXIT_USAGE for a bad or missing value. */
int cli_lang_take(int *argc, char **argv);
/* cli_print_usage prints usage and the options' help lines. */
void cli_print_usage(const char *usage, const struct cli_opt *opts, int nopts);

/* The commands (cmd_*.c). */
int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_client(int argc, char **argv);
int cmd_case(int argc, char **argv);
int cmd_group(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_regions(int argc, char **argv);

#endif
