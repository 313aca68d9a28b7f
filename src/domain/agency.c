/* agency.c: the rules of the agency directory and of supervision records. */
#include "domain/agency.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/secret.h"
#include "base/str.h"
#include "domain/audit.h"
#include "domain/client.h"
#include "domain/office.h"
#include "domain/region.h"
#include "store/user_store.h"
#include <stdio.h>
#include <string.h>

const char *const agency_types[] = {"government", "health", "education", "legal_aid", "lks", "religious",
				    "business", "community", "other", NULL};

static int agency_finish(struct db *db, int rc)
{
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static const char *agency_text(struct arena *a, json_t *in, const char *key, size_t max, bool required,
			       struct faults *f)
{
	json_t *v = json_object_get(in, key);
	if (v == NULL || json_is_null(v) || (json_is_string(v) && str_empty(json_string_value(v)))) {
		if (required)
			faults_add(f, key, "This field is required.");
		return NULL;
	}
	if (!json_is_string(v) || !str_utf8_valid(json_string_value(v), json_string_length(v))) {
		faults_add(f, key, "Must be text.");
		return NULL;
	}
	if (str_utf8_chars(json_string_value(v)) > max) {
		faults_add(f, key, "Too long.");
		return NULL;
	}
	char *s = arena_strdup(a, json_string_value(v));
	return s ? str_trim(s) : NULL;
}

int agency_add(struct db *db, struct arena *a, const struct actor *actor, json_t *in, struct agency_row *out,
	       struct faults *f)
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	static const char *const keys[] = {"name", "type", "services", "region", "contact", "external", NULL};
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		bool ok = false;
		for (int i = 0; keys[i]; i++)
			ok = ok || strcmp(key, keys[i]) == 0;
		if (!ok)
			faults_add(f, arena_strdup(a, key), "Unknown field.");
	}
	memset(out, 0, sizeof *out);
	out->name = agency_text(a, in, "name", 200, true, f);
	out->type = agency_text(a, in, "type", 40, true, f);
	out->services = agency_text(a, in, "services", 1000, false, f);
	out->region = agency_text(a, in, "region", 20, false, f);
	out->contact = agency_text(a, in, "contact", 500, false, f);
	bool known = false;
	for (int i = 0; out->type && agency_types[i]; i++)
		known = known || strcmp(out->type, agency_types[i]) == 0;
	if (out->type && !known)
		faults_add(f, "type", "Choose one of the listed values.");
	const char *why;
	if (out->region && region_check(out->region, &why)) {
		faults_add(f, "region", why);
	} else {
		int rc = client_region_check(db, a, out->region, NULL, f);
		if (rc)
			return rc;
	}
	json_t *ext = json_object_get(in, "external");
	if (ext && !json_is_boolean(ext))
		faults_add(f, "external", "Must be true or false.");
	out->external = ext == NULL || json_is_true(ext);
	if (f->n)
		return ERR_INVALID;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = agency_store_insert(db, a, actor->org_id, actor->user_id, out);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s}", "name", out->name, "type", out->type);
		rc = audit_record(db, actor, "create", "agency", out->uid, d);
		json_decref(d);
	}
	return agency_finish(db, rc);
}

int agency_list(struct db *db, struct arena *a, const struct actor *actor, const char *q, struct agency_row **rows,
		int *n)
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	return agency_store_list(db, a, actor->org_id, str_empty(q) ? NULL : q, rows, n);
}

/* supervision_pair finds the worker and supervisor ids for the caller and the named worker. */
static int supervision_pair(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
			    int64_t *wid, int64_t *sid)
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	struct user u;
	if (actor->role == ROLE_SUPERVISOR && !str_empty(worker)) {
		int rc = user_store_by_name(db, a, worker, &u);
		if (rc)
			return rc;
		if (u.supervisor_id != actor->user_id)
			return ERR_NOTFOUND; /* not this supervisor's worker: the records are not theirs */
		*wid = u.id;
		*sid = actor->user_id;
		return 0;
	}
	int rc = user_store_by_id(db, a, actor->user_id, &u);
	if (rc)
		return rc;
	if (u.supervisor_id == 0)
		return ERR_NOTFOUND;
	*wid = u.id;
	*sid = u.supervisor_id;
	return 0;
}

int supervision_add(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
		    const char *held_on, const char *notes, const char **uid, struct faults *f)
{
	int64_t wid, sid;
	int rc = supervision_pair(db, a, actor, worker, &wid, &sid);
	if (rc == ERR_NOTFOUND) {
		faults_add(f, "worker", actor->role == ROLE_SUPERVISOR ? "Name one of the workers you supervise."
									: "You have no supervisor assigned.");
		return ERR_INVALID;
	}
	if (rc)
		return rc;
	char today[11];
	office_latest_today(today);
	if (held_on == NULL || !str_date_valid(held_on))
		faults_add(f, "held_on", "Must be a real date written YYYY-MM-DD.");
	else if (strcmp(held_on, today) > 0)
		faults_add(f, "held_on", "Must not be in the future.");
	if (str_empty(notes))
		faults_add(f, "notes", "This field is required.");
	else if (!str_utf8_valid(notes, strlen(notes)) || str_utf8_chars(notes) > 20000)
		faults_add(f, "notes", "Too long.");
	if (f->n)
		return ERR_INVALID;
	char ad[64];
	snprintf(ad, sizeof ad, "supervision:%lld:%lld", (long long)wid, (long long)sid);
	unsigned char *box;
	size_t n;
	rc = secret_seal(a, ad, notes, strlen(notes), &box, &n);
	if (rc)
		return rc;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = supervision_store_insert(db, a, wid, sid, held_on, box, n, actor->user_id, uid);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:{s:b}}", "held_on", held_on, "notes", "changed", 1);
		rc = audit_record(db, actor, "create", "supervision", *uid, d);
		json_decref(d);
	}
	return agency_finish(db, rc);
}

int supervision_list(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
		     struct supervision_item **items, int *n, struct faults *f)
{
	int64_t wid, sid;
	*n = 0;
	/* A name mistyped lists nothing and would look like no records. */
	if (!str_empty(worker) && actor->role != ROLE_SUPERVISOR && policy_can(actor, PERM_CASE_WORK)) {
		faults_add(f, "worker", "Only a supervisor names a worker: yours are listed without one.");
		return ERR_INVALID;
	}
	int rc = supervision_pair(db, a, actor, worker, &wid, &sid);
	if (rc == ERR_NOTFOUND && !str_empty(worker)) {
		faults_add(f, "worker", "Name one of the workers you supervise.");
		return ERR_INVALID;
	}
	if (rc == ERR_NOTFOUND)
		return 0; /* no supervisor assigned: no records */
	if (rc)
		return rc;
	struct supervision_row *rows;
	int nrows;
	rc = supervision_store_list(db, a, wid, sid, &rows, &nrows);
	if (rc)
		return rc;
	*items = arena_alloc(a, sizeof **items * (size_t)(nrows + 1));
	if (*items == NULL)
		return ERR_NOMEM;
	char ad[64];
	snprintf(ad, sizeof ad, "supervision:%lld:%lld", (long long)wid, (long long)sid);
	for (int i = 0; i < nrows; i++) {
		struct supervision_item *it = &(*items)[(*n)++];
		it->uid = rows[i].uid;
		it->held_on = rows[i].held_on;
		it->worker = rows[i].worker;
		it->supervisor = rows[i].supervisor;
		char *plain = NULL;
		rc = secret_open(a, ad, rows[i].box, rows[i].box_len, &plain, NULL);
		if (rc)
			return rc;
		it->notes = plain;
	}
	return 0;
}
