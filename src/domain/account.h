/* account.h: user accounts, log-in, sessions and API tokens. */
#ifndef PD_ACCOUNT_H
#define PD_ACCOUNT_H
#include "base/arena.h"
#include "base/fault.h"
#include "base/secret.h"
#include "domain/policy.h"
#include "store/db.h"
#include "store/user_store.h"

/* Session lifetime: idle and absolute expiry, in seconds. */
#define ACCOUNT_SESSION_IDLE (2 * 3600)
#define ACCOUNT_SESSION_MAX (12 * 3600)
/* How long the row of an ended session is kept (it authenticates nothing): to know whose form a
 * request with its cookie carries (web_login_resend). */
#define ACCOUNT_SESSION_KEPT (12 * 3600)
/* Log-in throttling: this many failures for an account, or from an address, within the window
 * lock it. An address takes more: an office's workers often share one (the office's network, a
 * carrier's), and their typing mistakes must not lock the office out. */
#define ACCOUNT_THROTTLE_FAILURES 5
#define ACCOUNT_THROTTLE_ADDR_FAILURES 20
#define ACCOUNT_THROTTLE_WINDOW (15 * 60)
#define ACCOUNT_PASSWORD_MIN 8

struct new_user {
	const char *name, *full_name, *role, *supervisor, *password, *lang;
};

/* account_add validates and creates a user in org (by: the admin, NULL for the command line).
 * ERR_INVALID with faults, ERR_EXISTS for a taken name, ERR_FORBIDDEN. */
int account_add(struct db *db, struct arena *a, const struct actor *by, int64_t org,
		const struct new_user *nu, struct faults *f, struct user *out);
/* account_set_disabled disables or re-enables name and ends its sessions. */
int account_set_disabled(struct db *db, struct arena *a, const struct actor *by, const char *name,
			 bool disabled);
/* account_find reads the user called name of by's organisation for by, an admin (NULL: the command
 * line, any organisation). ERR_FORBIDDEN for another role, ERR_NOTFOUND. */
int account_find(struct db *db, struct arena *a, const struct actor *by, const char *name, struct user *u);
/* account_check_password adds a fault on "password" when pw is not one a user may have. */
void account_check_password(const char *pw, struct faults *f);
/* account_change disables or re-enables name (disabled, NULL to leave it) and sets its password
 * (password, NULL to leave it; checked like account_add), both in one transaction, everything
 * checked before anything is written; either ends the user's sessions (re-enabling does not).
 * Changing one's own password needs no right to manage users. */
int account_change(struct db *db, struct arena *a, const struct actor *by, const char *name,
		   const bool *disabled, const char *password, struct faults *f);
/* account_set_password sets a new password (checked like account_add) and ends its sessions. */
int account_set_password(struct db *db, struct arena *a, const struct actor *by, const char *name,
			 const char *password, struct faults *f);
/* account_set_lang keeps the user's interface language ("id" or "en"). */
int account_set_lang(struct db *db, const struct actor *actor, const char *lang);

/* account_login checks name and password, subject to throttling per account and per address.
 * On success *token (give it to the browser) and *csrf are arena strings and *user is filled.
 * ERR_UNAUTH for a wrong name or password (the same answer for both), ERR_THROTTLED. */
int account_login(struct db *db, struct arena *a, const char *name, const char *password,
		  const char *ip, const char **token, const char **csrf, struct user *user);
/* account_session resolves a session token into its user and CSRF token, enforcing expiry.
 * ERR_UNAUTH for no such session; for one that has ended by time, user->id is its user's. */
int account_session(struct db *db, struct arena *a, const char *token, struct user *user,
		    const char **csrf);
/* account_logout ends the session of token. */
int account_logout(struct db *db, const struct actor *actor, const char *token);
/* API tokens are valid for ACCOUNT_TOKEN_DAYS days unless asked otherwise, at most
 * ACCOUNT_TOKEN_DAYS_MAX. */
#define ACCOUNT_TOKEN_DAYS 365
#define ACCOUNT_TOKEN_DAYS_MAX 3650

/* account_token_create makes an API token for name, refused after days days (0: the default;
 * outside 1..ACCOUNT_TOKEN_DAYS_MAX is ERR_BADREQ); the token text is shown once, with the
 * instant it expires (*expires_at). ERR_INVALID when the user is disabled. */
int account_token_create(struct db *db, struct arena *a, const struct actor *by, const char *name, int days,
			 const char **token, const char **expires_at);
/* account_token_revoke revokes every API token of name (a lost laptop, a leaked script); *n
 * counts them. */
int account_token_revoke(struct db *db, struct arena *a, const struct actor *by, const char *name, int *n);
/* account_token_auth resolves a bearer token into its (enabled) user. */
int account_token_auth(struct db *db, struct arena *a, const char *token, struct user *user);
/* account_actor fills an actor from a user. */
void account_actor(const struct user *u, struct actor *actor);

#endif
