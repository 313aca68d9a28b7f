/* api_session.c: log-in and log-out over the API, and who am I. */
#include "api/api.h"
#include "base/err.h"
#include "domain/account.h"
#include <string.h>

/* api_session_cookie sets the session cookie (HttpOnly, SameSite=Strict); max_age 0 clears it. */
void api_session_cookie(struct request *rq, struct response *rs, const char *token, int max_age);
void api_session_cookie(struct request *rq, struct response *rs, const char *token, int max_age)
{
	rs->cookies[rs->ncookies++] = arena_printf(&rq->arena,
						   "pd_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
						   token, max_age);
}

static json_t *api_user_json(const struct user *u)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:s?,s:b}", "uid", u->uid, "name", u->name, "full_name",
			 u->full_name ? u->full_name : "", "role", u->role, "supervisor", u->supervisor_name,
			 "disabled", u->disabled);
}

int api_session_create(struct request *rq, struct response *rs)
{
	json_t *body;
	int rc = api_body(rq, rs, &body);
	if (rc)
		return 0;
	json_t *name = json_object_get(body, "name"), *pw = json_object_get(body, "password");
	if (!json_is_string(name) || !json_is_string(pw)) {
		const char *field = json_is_string(name) ? "password" : "name";
		json_decref(body);
		return api_error(rq, rs, ERR_INVALID, field, "User name and password are required.");
	}
	const char *token, *csrf;
	struct user u;
	rc = account_login(rq->db, &rq->arena, json_string_value(name), json_string_value(pw), rq->ip,
			   &token, &csrf, &u);
	json_decref(body);
	if (rc == ERR_UNAUTH)
		return api_error(rq, rs, rc, NULL, "Wrong user name or password.");
	if (rc)
		return api_error(rq, rs, rc, NULL, NULL);
	api_session_cookie(rq, rs, token, ACCOUNT_SESSION_MAX);
	json_t *j = api_user_json(&u);
	json_object_set_new(j, "lang", json_string(u.lang));
	return api_send(rq, rs, 200, json_pack("{s:o,s:s}", "user", j, "csrf", csrf));
}

int api_session_delete(struct request *rq, struct response *rs)
{
	if (rq->session_token) {
		int rc = account_logout(rq->db, &rq->actor, rq->session_token);
		if (rc)
			return rc;
	}
	api_session_cookie(rq, rs, "", 0);
	rs->status = 204;
	return 0;
}

int api_me(struct request *rq, struct response *rs)
{
	struct user u;
	int rc = user_store_by_id(rq->db, &rq->arena, rq->actor.user_id, &u);
	if (rc)
		return rc;
	json_t *j = api_user_json(&u);
	json_object_set_new(j, "lang", json_string(u.lang));
	if (rq->csrf)
		json_object_set_new(j, "csrf", json_string(rq->csrf));
	return api_send(rq, rs, 200, j);
}

int api_users_list(struct request *rq, struct response *rs)
{
	struct user *users;
	int n;
	if (api_known_params(rq, rs, (const char *const[]){NULL}))
		return 0;
	int rc = user_store_list(rq->db, &rq->arena, rq->actor.org_id, &users, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, api_user_json(&users[i]));
	return api_send(rq, rs, 200, json_pack("{s:o,s:n}", "items", items, "next_cursor"));
}

static const char *api_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int api_users_create(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	static const char *const keys[] = {"name", "full_name", "role", "supervisor", "password", "lang"};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		bool known = false;
		for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++)
			known = known || strcmp(key, keys[i]) == 0;
		if (!known || !(json_is_string(v) || json_is_null(v))) {
			const char *field = arena_strdup(&rq->arena, key);
			json_decref(body);
			return api_error(rq, rs, ERR_INVALID, field, known ? "Must be text or null." : "Unknown field.");
		}
	}
	struct new_user nu = {
		.name = arena_strdup(&rq->arena, api_str(body, "name")),
		.full_name = arena_strdup(&rq->arena, api_str(body, "full_name")),
		.role = arena_strdup(&rq->arena, api_str(body, "role")),
		.supervisor = arena_strdup(&rq->arena, api_str(body, "supervisor")),
		.password = arena_strdup(&rq->arena, api_str(body, "password")),
		.lang = arena_strdup(&rq->arena, api_str(body, "lang")),
	};
	json_decref(body);
	struct faults f = {0};
	struct user u;
	int rc = account_add(rq->db, &rq->arena, &rq->actor, rq->actor.org_id, &nu, &f, &u);
	if (rc == ERR_INVALID || (rc == ERR_EXISTS && f.n))
		return api_faults(rq, rs, rc, &f);
	if (rc)
		return rc;
	return api_send(rq, rs, 201, api_user_json(&u));
}

int api_user_patch(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	const char *name = rq->params[0];
	int rc = 0;
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		if (strcmp(key, "disabled") != 0 && strcmp(key, "password") != 0) {
			const char *field = arena_strdup(&rq->arena, key);
			json_decref(body);
			return api_error(rq, rs, ERR_INVALID, field, "Unknown field.");
		}
	}
	json_t *dis = json_object_get(body, "disabled");
	json_t *pw = json_object_get(body, "password");
	if ((dis && !json_is_boolean(dis)) || (pw && !json_is_string(pw))) {
		json_decref(body);
		return api_error(rq, rs, ERR_INVALID, dis && !json_is_boolean(dis) ? "disabled" : "password",
				 dis && !json_is_boolean(dis) ? "Must be true or false." : "Must be text.");
	}
	/* An unknown user is 404 whatever the body; the change is written in one transaction after
	 * everything is checked (account_change): a refused password leaves the account as it was. */
	struct user who;
	rc = account_find(rq->db, &rq->arena, &rq->actor, name, &who);
	if (rc) {
		json_decref(body);
		return rc;
	}
	struct faults f = {0};
	bool disabled = json_is_true(dis);
	rc = account_change(rq->db, &rq->arena, &rq->actor, name, dis ? &disabled : NULL, pw ? json_string_value(pw) : NULL, &f);
	json_decref(body);
	if (rc == ERR_INVALID)
		return api_faults(rq, rs, rc, &f);
	if (rc)
		return rc;
	struct user u;
	rc = user_store_by_name(rq->db, &rq->arena, name, &u);
	if (rc)
		return rc;
	return api_send(rq, rs, 200, api_user_json(&u));
}

int api_user_token(struct request *rq, struct response *rs)
{
	long days = 0; /* no body, or no "days": the default */
	if (rq->body_len > 0) {
		json_t *body;
		if (api_body(rq, rs, &body))
			return 0;
		static const char *const keys[] = {"days", NULL};
		if (api_only(rq, rs, body, keys)) {
			json_decref(body);
			return 0;
		}
		json_t *d = json_object_get(body, "days");
		bool ok = d == NULL || (json_is_integer(d) && json_integer_value(d) >= 1 &&
					json_integer_value(d) <= ACCOUNT_TOKEN_DAYS_MAX);
		days = json_is_integer(d) ? (long)json_integer_value(d) : 0;
		json_decref(body);
		if (!ok)
			return api_error(rq, rs, ERR_INVALID, "days", "Days must be a whole number from 1 to 3650.");
	}
	const char *token, *expires_at;
	int rc = account_token_create(rq->db, &rq->arena, &rq->actor, rq->params[0], (int)days, &token, &expires_at);
	if (rc == ERR_INVALID)
		return api_error(rq, rs, rc, "name", "This user is disabled.");
	if (rc)
		return rc;
	return api_send(rq, rs, 201, json_pack("{s:s,s:s}", "token", token, "expires_at", expires_at));
}

int api_me_patch(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		if (strcmp(key, "lang") != 0) {
			const char *field = arena_strdup(&rq->arena, key);
			json_decref(body);
			return api_error(rq, rs, ERR_INVALID, field, "Unknown field.");
		}
	}
	json_t *lang = json_object_get(body, "lang");
	const char *code = json_is_string(lang) ? arena_strdup(&rq->arena, json_string_value(lang)) : NULL;
	json_decref(body);
	int rc = code ? account_set_lang(rq->db, &rq->actor, code) : ERR_INVALID;
	if (rc == ERR_INVALID)
		return api_error(rq, rs, ERR_INVALID, "lang", "Language must be id or en.");
	if (rc)
		return rc;
	rq->lang = i18n_lang_parse(code);
	return api_me(rq, rs);
}

int api_user_tokens_revoke(struct request *rq, struct response *rs)
{
	int n;
	int rc = account_token_revoke(rq->db, &rq->arena, &rq->actor, rq->params[0], &n);
	if (rc)
		return rc;
	return api_send(rq, rs, 200, json_pack("{s:i}", "revoked", n));
}
