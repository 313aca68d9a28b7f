/* account.c: the rules of accounts and log-in; every change is audited in its transaction. */
#include "domain/account.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "base/str.h"
#include "domain/audit.h"
#include "domain/office.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static bool account_name_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 2 || n > 32)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

void account_check_password(const char *pw, struct faults *f)
{
	if (pw == NULL || strlen(pw) < ACCOUNT_PASSWORD_MIN)
		faults_add(f, "password", "Password must have at least 8 characters.");
	else if (strlen(pw) > 256 || !str_utf8_valid(pw, strlen(pw)))
		faults_add(f, "password", "Password must be valid text of at most 256 characters.");
}

void account_actor(const struct user *u, struct actor *actor)
{
	actor->user_id = u->id;
	actor->org_id = u->org_id;
	actor->role = (enum role)policy_role_parse(u->role);
	actor->name = u->name;
	actor->zone = office_zone(u->org_time_zone, u->org_region);
}

/* account_commit finishes a transaction: commit when rc is 0, roll back otherwise. */
static int account_commit(struct db *db, int rc)
{
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

int account_add(struct db *db, struct arena *a, const struct actor *by, int64_t org,
		const struct new_user *nu, struct faults *f, struct user *out)
{
	if (by && !policy_can(by, PERM_USER_ADMIN))
		return ERR_FORBIDDEN;
	if (!account_name_valid(nu->name))
		faults_add(f, "name", "User name must be 2-32 characters: lowercase letters, digits, '.', '_' or '-'.");
	if (policy_role_parse(nu->role) < 0)
		faults_add(f, "role", "Role must be one of admin, supervisor, worker, volunteer, viewer.");
	if (nu->full_name && (strlen(nu->full_name) > 200 || !str_utf8_valid(nu->full_name, strlen(nu->full_name))))
		faults_add(f, "full_name", "Full name must be valid text of at most 200 characters.");
	if (nu->lang && strcmp(nu->lang, "id") != 0 && strcmp(nu->lang, "en") != 0)
		faults_add(f, "lang", "Language must be id or en.");
	account_check_password(nu->password, f);
	struct user sup = {0};
	if (!str_empty(nu->supervisor)) {
		int rc = user_store_by_name(db, a, nu->supervisor, &sup);
		/* A supervisor of another organisation is as unknown as a name nobody has. */
		if (rc == ERR_NOTFOUND || (rc == 0 && (strcmp(sup.role, "supervisor") != 0 || sup.org_id != org)))
			faults_add(f, "supervisor", "Supervisor must be the user name of a supervisor.");
		else if (rc)
			return rc;
	}
	if (f->n)
		return ERR_INVALID;
	char hash[crypto_pwhash_STRBYTES];
	int rc = secret_password_hash(nu->password, hash, sizeof hash);
	if (rc)
		return rc;
	memset(out, 0, sizeof *out);
	out->org_id = org;
	out->name = nu->name;
	out->full_name = nu->full_name;
	out->role = nu->role;
	out->lang = nu->lang;
	out->supervisor_id = sup.id;
	out->supervisor_name = sup.name;
	out->password_hash = hash;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = user_store_insert(db, a, by ? by->user_id : 0, out);
	if (rc == ERR_EXISTS)
		faults_add(f, "name", "This user name is already taken.");
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:s?}", "name", nu->name, "role", nu->role, "supervisor",
				      sup.name);
		rc = audit_record(db, by, "create", "user", out->uid, d);
		json_decref(d);
	}
	out->password_hash = NULL;
	return account_commit(db, rc);
}

int account_find(struct db *db, struct arena *a, const struct actor *by, const char *name, struct user *u)
{
	if (by && !policy_can(by, PERM_USER_ADMIN))
		return ERR_FORBIDDEN;
	int rc = user_store_by_name(db, a, name, u);
	if (rc == 0 && by && u->org_id != by->org_id)
		return ERR_NOTFOUND;
	return rc;
}

int account_change(struct db *db, struct arena *a, const struct actor *by, const char *name,
		   const bool *disabled, const char *password, struct faults *f)
{
	struct user u;
	/* One's own password needs no right to manage users; anything else does. */
	bool self = by && disabled == NULL && strcmp(by->name, name) == 0;
	int rc = account_find(db, a, self ? NULL : by, name, &u);
	if (rc)
		return rc;
	char hash[crypto_pwhash_STRBYTES];
	if (password) {
		account_check_password(password, f);
		if (f->n)
			return ERR_INVALID;
		rc = secret_password_hash(password, hash, sizeof hash);
		if (rc)
			return rc;
	}
	rc = db_begin(db);
	if (rc)
		return rc;
	if (disabled) {
		rc = user_store_set_disabled(db, by ? by->user_id : 0, u.id, *disabled);
		if (rc == 0) {
			json_t *d = json_pack("{s:{s:b,s:b}}", "disabled", "before", u.disabled, "after", *disabled);
			rc = audit_record(db, by, *disabled ? "disable" : "enable", "user", u.uid, d);
			json_decref(d);
		}
	}
	if (rc == 0 && password) {
		rc = user_store_set_text(db, by ? by->user_id : 0, u.id, "password_hash", hash);
		if (rc == 0) {
			json_t *d = json_pack("{s:{s:b}}", "password", "changed", 1);
			rc = audit_record(db, by, "password", "user", u.uid, d);
			json_decref(d);
		}
	}
	if (rc == 0 && (password || (disabled && *disabled)))
		rc = session_store_delete_user(db, u.id);
	return account_commit(db, rc);
}

int account_set_disabled(struct db *db, struct arena *a, const struct actor *by, const char *name,
			 bool disabled)
{
	return account_change(db, a, by, name, &disabled, NULL, NULL);
}

int account_set_password(struct db *db, struct arena *a, const struct actor *by, const char *name,
			 const char *password, struct faults *f)
{
	return account_change(db, a, by, name, NULL, password ? password : "", f);
}

int account_set_lang(struct db *db, const struct actor *actor, const char *lang)
{
	if (lang == NULL || (strcmp(lang, "id") != 0 && strcmp(lang, "en") != 0))
		return ERR_INVALID;
	return user_store_set_text(db, actor->user_id, actor->user_id, "lang", lang);
}

/* account_throttled tells whether key has used up its limit of failures in the current window. */
static int account_throttled(struct db *db, const char *key, int64_t limit, int64_t now, bool *locked)
{
	int64_t start, failures;
	int rc = throttle_store_get(db, key, &start, &failures);
	*locked = rc == 0 && now - start < ACCOUNT_THROTTLE_WINDOW && failures >= limit;
	return rc;
}

static int account_fail(struct db *db, const char *key, int64_t now)
{
	int64_t start, failures;
	int rc = throttle_store_get(db, key, &start, &failures);
	if (rc)
		return rc;
	if (now - start >= ACCOUNT_THROTTLE_WINDOW) {
		start = now;
		failures = 0;
	}
	return throttle_store_set(db, key, start, failures + 1);
}

static char account_dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t account_dummy_once = PTHREAD_ONCE_INIT;

static void account_dummy_init(void)
{
	if (secret_password_hash("not a password of anyone", account_dummy_hash, sizeof account_dummy_hash))
		account_dummy_hash[0] = 0;
}

static void account_dummy_verify(const char *password)
{
	pthread_once(&account_dummy_once, account_dummy_init);
	if (account_dummy_hash[0])
		(void)secret_password_verify(account_dummy_hash, password ? password : "");
}

int account_login(struct db *db, struct arena *a, const char *name, const char *password,
		  const char *ip, const char **token, const char **csrf, struct user *user)
{
	int64_t now = clock_unix();
	char *ukey = arena_printf(a, "user:%s", name ? name : "");
	for (char *p = ukey; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32); /* user names match without regard to case */
	char *ikey = arena_printf(a, "ip:%s", ip ? ip : "");
	if (ukey == NULL || ikey == NULL)
		return ERR_NOMEM;
	bool ulocked, ilocked;
	int rc = account_throttled(db, ukey, ACCOUNT_THROTTLE_FAILURES, now, &ulocked);
	if (rc == 0)
		rc = account_throttled(db, ikey, ACCOUNT_THROTTLE_ADDR_FAILURES, now, &ilocked);
	if (rc)
		return rc;
	if (ulocked || ilocked)
		return ERR_THROTTLED;
	rc = str_empty(name) || password == NULL ? ERR_NOTFOUND : user_store_by_name(db, a, name, user);
	bool ok = rc == 0 && !user->disabled && secret_password_verify(user->password_hash, password) == 0;
	if (rc == ERR_NOTFOUND)
		account_dummy_verify(password); /* an unknown name costs the same time as a known one */
	if (rc && rc != ERR_NOTFOUND)
		return rc;
	rc = db_begin(db);
	if (rc)
		return rc;
	if (!ok) {
		rc = account_fail(db, ukey, now);
		if (rc == 0)
			rc = account_fail(db, ikey, now);
		if (rc == 0) {
			json_t *d = json_pack("{s:s,s:s}", "name", name ? name : "", "ip", ip ? ip : "");
			rc = audit_record(db, NULL, "login_failed", "session", "", d);
			json_decref(d);
		}
		rc = account_commit(db, rc);
		return rc ? rc : ERR_UNAUTH;
	}
	char raw[SECRET_TOKEN_CHARS + 1], c[SECRET_TOKEN_CHARS + 1], hash[SECRET_HASH_HEX];
	secret_token(raw);
	secret_token(c);
	secret_digest_hex(raw, strlen(raw), hash);
	rc = throttle_store_clear(db, ukey);
	if (rc == 0)
		rc = session_store_purge(db, now - ACCOUNT_SESSION_MAX - ACCOUNT_SESSION_KEPT,
					 now - ACCOUNT_SESSION_IDLE - ACCOUNT_SESSION_KEPT);
	if (rc == 0)
		rc = session_store_create(db, hash, user->id, c, now);
	if (rc == 0) {
		struct actor actor;
		account_actor(user, &actor);
		json_t *d = json_pack("{s:s}", "ip", ip ? ip : "");
		rc = audit_record(db, &actor, "login", "session", user->uid, d);
		json_decref(d);
	}
	rc = account_commit(db, rc);
	if (rc)
		return rc;
	*token = arena_strdup(a, raw);
	*csrf = arena_strdup(a, c);
	user->password_hash = NULL;
	return 0;
}

int account_session(struct db *db, struct arena *a, const char *token, struct user *user,
		    const char **csrf)
{
	char hash[SECRET_HASH_HEX];
	int64_t uid, created, seen, now = clock_unix();
	if (token == NULL || strlen(token) != SECRET_TOKEN_CHARS)
		return ERR_UNAUTH;
	secret_digest_hex(token, strlen(token), hash);
	int rc = session_store_find(db, a, hash, &uid, csrf, &created, &seen);
	if (rc == ERR_NOTFOUND)
		return ERR_UNAUTH;
	if (rc)
		return rc;
	if (now - created > ACCOUNT_SESSION_MAX || now - seen > ACCOUNT_SESSION_IDLE) {
		/* Ended, and its row kept a while (ACCOUNT_SESSION_KEPT) to say whose it was: what
		 * they sent may be offered to them again after they log in. */
		user->id = uid;
		return ERR_UNAUTH;
	}
	rc = user_store_by_id(db, a, uid, user);
	if (rc)
		return rc == ERR_NOTFOUND ? ERR_UNAUTH : rc;
	if (user->disabled)
		return ERR_UNAUTH;
	/* Written at most once a minute per session, and only as well as it can: a request is not
	 * refused because another writer (an import's batch) holds the lock; the next one writes it. */
	if (now - seen >= 60 && session_store_touch(db, hash, now) != 0)
		log_error("session: cannot record its last use now; a later request will");
	return 0;
}

int account_logout(struct db *db, const struct actor *actor, const char *token)
{
	char hash[SECRET_HASH_HEX];
	if (token == NULL)
		return 0; /* a bearer token has no session to end */
	secret_digest_hex(token, strlen(token), hash);
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = session_store_delete(db, hash);
	if (rc == 0)
		rc = audit_record(db, actor, "logout", "session", "", NULL);
	return account_commit(db, rc);
}

int account_token_create(struct db *db, struct arena *a, const struct actor *by, const char *name, int days,
			 const char **token, const char **expires_at)
{
	if (days == 0)
		days = ACCOUNT_TOKEN_DAYS;
	if (days < 1 || days > ACCOUNT_TOKEN_DAYS_MAX)
		return ERR_BADREQ; /* callers check the range and name the field */
	struct user u;
	int rc = account_find(db, a, by, name, &u);
	if (rc)
		return rc;
	if (u.disabled)
		return ERR_INVALID;
	char raw[SECRET_TOKEN_CHARS + 5], hash[SECRET_HASH_HEX], now[25], until[25];
	memcpy(raw, "pdt_", 4);
	secret_token(raw + 4);
	secret_digest_hex(raw, strlen(raw), hash);
	clock_now_iso(now);
	clock_iso_from(clock_unix() + (int64_t)days * 86400, until);
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = token_store_create(db, hash, u.id, now, until);
	if (rc == 0) {
		json_t *d = json_pack("{s:s}", "expires_at", until);
		rc = audit_record(db, by, "token_create", "user", u.uid, d);
		json_decref(d);
	}
	rc = account_commit(db, rc);
	if (rc == 0) {
		*token = arena_strdup(a, raw);
		*expires_at = arena_strdup(a, until);
	}
	return rc;
}

int account_token_auth(struct db *db, struct arena *a, const char *token, struct user *user)
{
	char hash[SECRET_HASH_HEX];
	if (token == NULL || strlen(token) != SECRET_TOKEN_CHARS + 4 || strncmp(token, "pdt_", 4) != 0)
		return ERR_UNAUTH;
	secret_digest_hex(token, strlen(token), hash);
	char now[25];
	clock_now_iso(now);
	int rc = user_store_by_token(db, a, hash, now, user);
	if (rc)
		return rc == ERR_NOTFOUND ? ERR_UNAUTH : rc;
	return user->disabled ? ERR_UNAUTH : 0;
}

int account_token_revoke(struct db *db, struct arena *a, const struct actor *by, const char *name, int *n)
{
	struct user u;
	*n = 0;
	int rc = account_find(db, a, by, name, &u);
	if (rc)
		return rc;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = token_store_revoke(db, u.id, n);
	if (rc == 0) {
		json_t *d = json_pack("{s:i}", "revoked", *n);
		rc = audit_record(db, by, "token_revoke", "user", u.uid, d);
		json_decref(d);
	}
	return account_commit(db, rc);
}
