/* casework.c: the rules of casework over the store; every change is audited in its transaction. */
#include "domain/casework.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/secret.h"
#include "base/str.h"
#include "base/uuid.h"
#include "domain/audit.h"
#include "domain/office.h"
#include "store/client_store.h"
#include "store/user_store.h"
#include <stdio.h>
#include <string.h>

static int casework_finish(struct db *db, int rc)
{
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static char *casework_dump(struct arena *a, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	char *copy = s ? arena_strdup(a, s) : NULL;
	free(s);
	return copy;
}

/* casework_load reads the case and how the caller stands to it, without auditing. */
static int casework_load(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
			 struct case_view *cv)
{
	char today[11], now[25];
	memset(cv, 0, sizeof *cv);
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	if (!uuid_valid(uid))
		return ERR_NOTFOUND;
	office_today(actor, today);
	clock_now_iso(now);
	int rc = case_store_get(db, a, actor->org_id, uid, today, &cv->row);
	if (rc == 0)
		rc = case_store_access(db, cv->row.id, actor->user_id, now, &cv->access, &cv->glass_until);
	if (rc)
		return rc;
	if (!policy_case(actor, &cv->access, CASE_VIEW))
		return ERR_NOTFOUND;
	cv->can_write = policy_case(actor, &cv->access, CASE_WRITE);
	cv->can_approve = policy_case(actor, &cv->access, CASE_APPROVE);
	cv->can_assign = policy_case(actor, &cv->access, CASE_ASSIGN);
	bool normal_only = !policy_case_level(actor, &cv->access, LEVEL_RESTRICTED, 0);
	return case_store_facts(db, cv->row.id, normal_only, today, &cv->facts, &cv->row.overdue);
}

/* casework_writable loads the case for a change: "not found" when invisible, "forbidden" when
 * visible but not the caller's to change (emergency access is read-only). */
static int casework_writable(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
			     struct case_view *cv)
{
	int rc = casework_load(db, a, actor, uid, cv);
	if (rc == 0 && !cv->can_write)
		rc = ERR_FORBIDDEN;
	return rc;
}

static const char *casework_why(const struct case_access *acc)
{
	return acc->assigned ? "assigned worker" : acc->supervises ? "supervisor" : "emergency access";
}

int casework_get(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		 struct case_view *out)
{
	int rc = casework_load(db, a, actor, uid, out);
	if (rc)
		return rc;
	rc = db_begin(db);
	if (rc)
		return rc;
	json_t *d = json_pack("{s:s,s:s}", "client", out->row.client_uid, "as", casework_why(&out->access));
	rc = audit_record(db, actor, "open", "case", out->row.uid, d);
	json_decref(d);
	return casework_finish(db, rc);
}

/* casework_item_view opens an item's sealed fields and merges them into one JSON text. */
static int casework_item_view(struct arena *a, const struct case_item_row *row, struct case_item_view *out)
{
	out->row = *row;
	json_t *j = json_loads(row->data ? row->data : "{}", 0, NULL);
	if (j == NULL)
		j = json_object();
	if (row->box && row->box_len) {
		char ad[80];
		snprintf(ad, sizeof ad, "case_item:%s", row->uid);
		char *plain = NULL;
		int rc = secret_open(a, ad, row->box, row->box_len, &plain, NULL);
		if (rc) {
			json_decref(j);
			return rc;
		}
		json_t *sealed = json_loads(plain, 0, NULL);
		if (sealed)
			json_object_update(j, sealed);
		json_decref(sealed);
	}
	out->json = casework_dump(a, j);
	json_decref(j);
	return out->json ? 0 : ERR_NOMEM;
}

/* casework_read_record records in the caller's transaction that actor read the items uids (a
 * JSON array of uids) of case cv. */
static int casework_read_record(struct db *db, const struct actor *actor, const struct case_view *cv, json_t *uids)
{
	json_t *d = json_pack("{s:O}", "items", uids);
	int rc = d ? audit_record(db, actor, "read", "case", cv->row.uid, d) : ERR_NOMEM;
	json_decref(d);
	return rc;
}

int casework_items(struct db *db, struct arena *a, const struct actor *actor, const struct case_view *cv,
		   const char *kind, struct case_item_view **items, int *n)
{
	struct case_item_row *rows;
	int nrows;
	int rc = case_store_items(db, a, cv->row.id, kind, &rows, &nrows);
	if (rc)
		return rc;
	*items = arena_alloc(a, sizeof **items * (size_t)(nrows + 1));
	if (*items == NULL)
		return ERR_NOMEM;
	*n = 0;
	json_t *read = json_array();
	for (int i = 0; rc == 0 && i < nrows; i++) {
		enum note_level level = policy_level_parse(rows[i].level);
		if (!policy_case_level(actor, &cv->access, level, rows[i].author_id))
			continue;
		rc = casework_item_view(a, &rows[i], &(*items)[*n]);
		if (rc == 0)
			(*n)++;
		if (level != LEVEL_NORMAL)
			json_array_append_new(read, json_string(rows[i].uid));
	}
	if (rc == 0 && json_array_size(read) > 0) {
		rc = db_begin(db);
		if (rc == 0)
			rc = casework_finish(db, casework_read_record(db, actor, cv, read));
	}
	json_decref(read);
	return rc;
}

/* casework_read_item records, in a transaction of its own, that actor was shown item row of case
 * cv in full (the answer to a change refused as stale), when its level is not normal: every
 * answer that shows restricted or sealed text leaves a "read" row. */
static int casework_read_item(struct db *db, const struct actor *actor, const struct case_view *cv,
			      const struct case_item_row *row)
{
	if (policy_level_parse(row->level) == LEVEL_NORMAL)
		return 0;
	json_t *uids = json_pack("[s]", row->uid);
	int rc = uids ? db_begin(db) : ERR_NOMEM;
	if (rc == 0)
		rc = casework_finish(db, casework_read_record(db, actor, cv, uids));
	json_decref(uids);
	return rc;
}

/* casework_refs checks that the references of an item point at records that exist. */
static int casework_refs(struct db *db, struct arena *a, const struct actor *actor, const struct case_view *cv,
			 const struct case_kind *k, json_t *plain, struct faults *f)
{
	for (int i = 0; i < k->nfields; i++) {
		const struct field_spec *fs = &k->fields[i];
		json_t *v = json_object_get(plain, fs->name);
		if (v == NULL)
			continue;
		if (fs->type == FT_REF && str_eq(fs->ref_kind, "agency")) {
			bool external;
			int rc = case_store_agency(db, actor->org_id, json_string_value(v), &external, NULL, a);
			if (rc == ERR_NOTFOUND)
				faults_add(f, fs->name, "No such agency in the directory.");
			else if (rc)
				return rc;
		} else if (fs->type == FT_REF && !str_eq(json_string_value(v), "client")) {
			struct case_item_row row;
			int rc = case_store_item_get(db, a, cv->row.id, json_string_value(v), &row);
			if (rc == ERR_NOTFOUND || (rc == 0 && (!str_eq(row.kind, fs->ref_kind) || row.archived_at)))
				faults_add(f, fs->name, "No such record on this case.");
			else if (rc)
				return rc;
		} else if (fs->type == FT_SCORES) {
			size_t j;
			json_t *e;
			json_array_foreach(v, j, e) {
				struct case_item_row row;
				int rc = case_store_item_get(db, a, cv->row.id, json_string_value(json_object_get(e, "goal")), &row);
				if (rc == ERR_NOTFOUND || (rc == 0 && (!str_eq(row.kind, "goal") || row.archived_at)))
					faults_add(f, fs->name, "Each score must name a goal of this case.");
				else if (rc)
					return rc;
			}
		}
	}
	return f->n ? ERR_INVALID : 0;
}

/* casework_rules are the checks across fields of one kind, and against the client's consent. */
static int casework_rules(struct db *db, struct arena *a, const struct actor *actor, const struct case_view *cv,
			  const struct case_kind *k, json_t *plain, struct faults *f)
{
	if (str_eq(k->name, "signoff")) {
		const char *how = json_string_value(json_object_get(plain, "how"));
		if (str_eq(how, "verbal_witness") && json_object_get(plain, "witness") == NULL)
			faults_add(f, "witness", "A verbal agreement needs the witness's name.");
		if (str_eq(how, "none") && json_object_get(plain, "reason") == NULL)
			faults_add(f, "reason", "Write why the client did not sign off the plan.");
	}
	if (str_eq(k->name, "service")) {
		bool known = false;
		int rc = case_store_atensi_known(db, (int)json_integer_value(json_object_get(plain, "atensi")), &known);
		if (rc)
			return rc;
		if (!known)
			faults_add(f, "atensi", "Choose one of the ATENSI components.");
	}
	if (str_eq(k->name, "referral")) {
		json_t *share = json_object_get(plain, "share_data");
		bool external = false;
		const char *agency = json_string_value(json_object_get(plain, "agency"));
		int rc = agency ? case_store_agency(db, actor->org_id, agency, &external, NULL, a) : 0;
		if (rc && rc != ERR_NOTFOUND)
			return rc;
		if (external && (share == NULL || json_is_true(share))) {
			struct client c;
			rc = client_store_get(db, a, actor->org_id, cv->row.client_uid, true, &c);
			if (rc)
				return rc;
			if (!c.has_consent || !(str_eq(c.consent.scope, "referral") || str_eq(c.consent.scope, "referral_research"))) {
				faults_add(f, "share_data", "The client's consent does not cover sharing data with another organisation. Record consent for referral first, or refer without sharing data.");
				return ERR_CONSENT;
			}
		}
	}
	return f->n ? ERR_INVALID : 0;
}

/* casework_seal encrypts the sealed fields of item uid; NULL box when there are none. */
static int casework_seal(struct arena *a, const char *uid, json_t *sealed, unsigned char **box, size_t *n)
{
	*box = NULL;
	*n = 0;
	if (json_object_size(sealed) == 0)
		return 0;
	char ad[80];
	snprintf(ad, sizeof ad, "case_item:%s", uid);
	char *text = casework_dump(a, sealed);
	if (text == NULL)
		return ERR_NOMEM;
	return secret_seal(a, ad, text, strlen(text), box, n);
}

/* casework_insert stores one item and its audit row (inside the caller's transaction). */
static int casework_insert(struct db *db, struct arena *a, const struct actor *actor, const struct case_view *cv,
			   const struct case_kind *k, json_t *plain, json_t *sealed, const char *level, const char *at,
			   const char *once, struct case_item_view *out)
{
	char uid[37];
	uuid_v7(uid);
	struct case_item_row row = {0};
	uuid_take(uid, once); /* a form's one-time key, when it has one */
	row.uid = arena_strdup(a, uid);
	unsigned char *box;
	size_t n;
	int rc = casework_seal(a, row.uid, sealed, &box, &n);
	const char *data = casework_dump(a, plain);
	if (rc == 0 && data == NULL)
		rc = ERR_NOMEM;
	if (rc == 0)
		rc = case_store_item_insert(db, a, cv->row.id, k->name, at, level, data, box, n, actor->user_id, &row);
	if (rc == 0)
		rc = case_store_touch(db, cv->row.id, actor->user_id);
	if (rc == 0) {
		/* Who reads the trail may not read the case: what a person wrote is only "changed". */
		const char **written = case_kind_written(a, k);
		json_t *fields = written ? audit_fields(plain, written) : NULL;
		const char *key;
		json_t *v;
		json_object_foreach(sealed, key, v)
			if (fields)
				json_object_set_new(fields, key, audit_changed());
		json_t *d = fields ? json_pack("{s:s,s:s,s:s,s:o}", "case", cv->row.uid, "kind", k->name, "level", level, "fields", fields) : NULL;
		rc = d ? audit_record(db, actor, "create", "case_item", row.uid, d) : ERR_NOMEM;
		json_decref(d);
	}
	if (rc == 0 && out) {
		row.box = box;
		row.box_len = n;
		row.created_by = row.updated_by = actor->name;
		rc = casework_item_view(a, &row, out);
	}
	return rc;
}

static int casework_parse(struct arena *a, const struct actor *actor, const struct case_kind *k, json_t *in,
			  json_t *base, json_t **plain, json_t **sealed, const char **level, const char **at,
			  struct faults *f)
{
	char today[11];
	office_today(actor, today);
	return case_kind_parse(a, k, in, base, today, plain, sealed, level, at, f);
}

int casework_open(struct db *db, struct arena *a, const struct actor *actor, const char *client_uid,
		  json_t *problems, const char *reason, struct case_view *out, struct faults *f)
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	struct client c;
	int rc = uuid_valid(client_uid) ? client_store_get(db, a, actor->org_id, client_uid, false, &c) : ERR_NOTFOUND;
	if (rc == ERR_NOTFOUND || (rc == 0 && c.archived_at)) {
		faults_add(f, "client", rc ? "No such client in the registry." : "The client is archived.");
		return ERR_INVALID;
	}
	if (rc)
		return rc;
	if (problems && !json_is_array(problems)) {
		faults_add(f, "problems", "Must be a list of problems.");
		return ERR_INVALID;
	}
	const struct case_kind *pk = case_kind_find("problem");
	size_t np = problems ? json_array_size(problems) : 0;
	json_t **plains = arena_alloc(a, sizeof *plains * (np + 1));
	json_t **sealeds = arena_alloc(a, sizeof *sealeds * (np + 1));
	const char **levels = arena_alloc(a, sizeof *levels * (np + 1));
	const char **ats = arena_alloc(a, sizeof *ats * (np + 1));
	if (plains == NULL || sealeds == NULL || levels == NULL || ats == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < np; i++) {
		struct faults pf = {0};
		casework_parse(a, actor, pk, json_array_get(problems, i), NULL, &plains[i], &sealeds[i], &levels[i], &ats[i], &pf);
		for (int k = 0; k < pf.n; k++)
			faults_add(f, *pf.list[k].field ? arena_printf(a, "problems[%zu].%s", i, pf.list[k].field)
							: arena_printf(a, "problems[%zu]", i), pf.list[k].msg);
	}
	int open = 0;
	if (f->n == 0)
		rc = case_store_open_count(db, c.id, &open);
	if (rc == 0 && open > 0 && str_empty(reason))
		faults_add(f, "reason", "This client already has an open case: write why a second one is needed.");
	if (rc == 0 && reason && str_utf8_chars(reason) > 2000)
		faults_add(f, "reason", "Too long.");
	if (rc == 0 && f->n)
		rc = ERR_INVALID;
	if (rc == 0)
		rc = db_begin(db);
	if (rc == 0) {
		rc = case_store_insert(db, a, actor->org_id, c.id, str_empty(reason) ? NULL : reason, actor->user_id, &out->row);
		if (rc == 0)
			rc = case_store_worker_add(db, out->row.id, actor->user_id, "primary", actor->user_id, NULL);
		if (rc == 0) {
			out->row.client_uid = c.uid;
			out->row.client_name = c.name;
			out->access.assigned = true;
		}
		for (size_t i = 0; rc == 0 && i < np; i++)
			rc = casework_insert(db, a, actor, out, pk, plains[i], sealeds[i], levels[i], ats[i], NULL, NULL);
		if (rc == 0) {
			json_t *d = json_pack("{s:s,s:o?}", "client", c.uid, "reason", str_empty(reason) ? NULL : audit_changed());
			rc = audit_record(db, actor, "create", "case", out->row.uid, d);
			json_decref(d);
		}
		/* Read back before the commit: a failed read then saves nothing, rather than
		 * answering an error for a case that exists. */
		if (rc == 0)
			rc = casework_load(db, a, actor, out->row.uid, out);
		rc = casework_finish(db, rc);
	}
	for (size_t i = 0; i < np; i++) {
		json_decref(plains[i]);
		json_decref(sealeds[i]);
	}
	return rc;
}

int casework_add(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		 const char *kind, json_t *in, const char *once, struct case_item_view *out, struct faults *f)
{
	const struct case_kind *k = case_kind_find(kind);
	if (k == NULL || !k->user_made)
		return ERR_NOTFOUND;
	struct case_view cv;
	int rc = casework_writable(db, a, actor, case_uid, &cv);
	if (rc)
		return rc;
	json_t *plain = NULL, *sealed = NULL;
	const char *level, *at;
	rc = casework_parse(a, actor, k, in, NULL, &plain, &sealed, &level, &at, f);
	if (rc == 0 && policy_level_parse(level) == LEVEL_SEALED && !cv.access.assigned && !cv.access.supervises)
		rc = ERR_FORBIDDEN;
	if (rc == 0)
		rc = casework_refs(db, a, actor, &cv, k, plain, f);
	if (rc == 0)
		rc = casework_rules(db, a, actor, &cv, k, plain, f);
	if (rc == 0)
		rc = db_begin(db);
	if (rc == 0) {
		rc = casework_insert(db, a, actor, &cv, k, plain, sealed, level, at, once, out);
		rc = casework_finish(db, rc);
	}
	json_decref(plain);
	json_decref(sealed);
	return rc;
}

/* casework_item_for_change loads an item the caller may read on a case they may change. */
static int casework_item_for_change(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
				    const char *kind, const char *item_uid, struct case_view *cv,
				    struct case_item_row *row, const struct case_kind **k)
{
	const struct case_kind *want = case_kind_find(kind);
	if (want == NULL)
		return ERR_NOTFOUND;
	int rc = casework_writable(db, a, actor, case_uid, cv);
	if (rc)
		return rc;
	rc = uuid_valid(item_uid) ? case_store_item_get(db, a, cv->row.id, item_uid, row) : ERR_NOTFOUND;
	if (rc)
		return rc;
	if (row->archived_at || !policy_case_level(actor, &cv->access, policy_level_parse(row->level), row->author_id))
		return ERR_NOTFOUND;
	*k = case_kind_find(row->kind);
	if (*k != want)
		return ERR_NOTFOUND; /* the URL names another kind of record */
	if (!(*k)->user_made)
		return ERR_FORBIDDEN;
	return 0;
}

int casework_update(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		    const char *kind, const char *item_uid, json_t *in, struct case_item_view *out,
		    struct case_item_view *current, struct faults *f)
{
	struct case_view cv;
	struct case_item_row row;
	const struct case_kind *k;
	int rc = casework_item_for_change(db, a, actor, case_uid, kind, item_uid, &cv, &row, &k);
	if (rc)
		return rc;
	json_t *version = json_object_get(in, "version");
	if (!json_is_integer(version)) {
		faults_add(f, "version", "Send the version you read, so that changes by others are not overwritten.");
		return ERR_INVALID;
	}
	struct case_item_view now;
	rc = casework_item_view(a, &row, &now);
	if (rc)
		return rc;
	if (json_integer_value(version) != row.version) {
		rc = casework_read_item(db, actor, &cv, &row);
		if (rc == 0) /* shown only once its reading is recorded */
			*current = now;
		return rc ? rc : ERR_CONFLICT;
	}
	json_t *base = json_loads(now.json, 0, NULL);
	json_object_set_new(base, "level", json_string(row.level));
	json_t *plain = NULL, *sealed = NULL;
	const char *level, *at;
	rc = casework_parse(a, actor, k, in, base, &plain, &sealed, &level, &at, f);
	if (rc == 0 && k->date_field == NULL)
		at = row.at; /* items without a date keep their place on the timeline */
	if (rc == 0)
		rc = casework_refs(db, a, actor, &cv, k, plain, f);
	if (rc == 0)
		rc = casework_rules(db, a, actor, &cv, k, plain, f);
	unsigned char *box = NULL;
	size_t n = 0;
	if (rc == 0)
		rc = casework_seal(a, row.uid, sealed, &box, &n);
	if (rc == 0)
		rc = db_begin(db);
	if (rc == 0) {
		const char *data = casework_dump(a, plain);
		rc = data ? case_store_item_update(db, row.id, row.version, at, level, data, box, n, actor->user_id) : ERR_NOMEM;
		if (rc == 0)
			rc = case_store_touch(db, cv.row.id, actor->user_id);
		if (rc == 0) {
			json_t *before = json_loads(row.data, 0, NULL);
			const char **written = case_kind_written(a, k);
			json_t *diff = written ? audit_diff(before, plain, written) : NULL;
			const char *key;
			json_t *v;
			json_t *old_sealed = json_loads(now.json, 0, NULL);
			json_object_foreach(sealed, key, v)
				if (!json_equal(json_object_get(old_sealed, key), v))
					json_object_set_new(diff, key, audit_changed());
			json_t *d = diff ? json_pack("{s:s,s:s,s:o}", "case", cv.row.uid, "kind", k->name, "fields", diff) : NULL;
			rc = d ? audit_record(db, actor, "update", "case_item", row.uid, d) : ERR_NOMEM;
			json_decref(d);
			json_decref(before);
			json_decref(old_sealed);
		}
		/* The answer shows the whole item, what others wrote included. */
		if (rc == 0 && (policy_level_parse(row.level) != LEVEL_NORMAL || policy_level_parse(level) != LEVEL_NORMAL)) {
			json_t *uids = json_pack("[s]", row.uid);
			rc = uids ? casework_read_record(db, actor, &cv, uids) : ERR_NOMEM;
			json_decref(uids);
		}
		rc = casework_finish(db, rc);
		if (rc == ERR_CONFLICT) {
			struct case_item_row fresh;
			/* changed meanwhile, perhaps archived or raised to a level the caller may not read */
			if (case_store_item_get(db, a, cv.row.id, item_uid, &fresh) == 0 && fresh.archived_at == NULL &&
			    policy_case_level(actor, &cv.access, policy_level_parse(fresh.level), fresh.author_id) &&
			    casework_read_item(db, actor, &cv, &fresh) == 0)
				casework_item_view(a, &fresh, current);
		}
	}
	json_decref(base);
	json_decref(plain);
	json_decref(sealed);
	if (rc == 0) {
		struct case_item_row fresh;
		rc = case_store_item_get(db, a, cv.row.id, item_uid, &fresh);
		if (rc == 0)
			rc = casework_item_view(a, &fresh, out);
	}
	return rc;
}

int casework_archive_item(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
			  const char *kind, const char *item_uid)
{
	struct case_view cv;
	struct case_item_row row;
	const struct case_kind *k;
	int rc = casework_item_for_change(db, a, actor, case_uid, kind, item_uid, &cv, &row, &k);
	if (rc)
		return rc;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = case_store_item_archive(db, row.id, actor->user_id);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s}", "case", cv.row.uid, "kind", k->name);
		rc = audit_record(db, actor, "archive", "case_item", row.uid, d);
		json_decref(d);
	}
	return casework_finish(db, rc);
}

/* casework_system_item records an item the program makes itself (stage, approval, ...). */
static int casework_system_item(struct db *db, struct arena *a, const struct actor *actor, const struct case_view *cv,
				const char *kind, json_t *plain, struct case_item_view *out)
{
	char today[11];
	office_today(actor, today);
	json_t *sealed = json_object();
	int rc = casework_insert(db, a, actor, cv, case_kind_find(kind), plain, sealed, "normal",
				 arena_strdup(a, today), NULL, out);
	json_decref(sealed);
	return rc;
}

int casework_move(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		  const char *to, const char *note, const char **why)
{
	struct case_view cv;
	*why = NULL;
	int rc = casework_writable(db, a, actor, case_uid, &cv);
	if (rc)
		return rc;
	if (note && str_utf8_chars(note) > 2000) {
		*why = "The note is too long: at most 2000 characters.";
		return ERR_INVALID;
	}
	rc = stage_check(cv.row.stage, to, note, &cv.facts, why);
	if (rc == ERR_INVALID)
		return stage_index(to) < 0 || str_eq(cv.row.stage, to) ? ERR_INVALID : ERR_GATE;
	int target = stage_index(to);
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = case_store_set_stage(db, cv.row.id, stage_codes[target], target >= 5, actor->user_id);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:s?}", "from", cv.row.stage, "to", stage_codes[target], "note",
				      str_empty(note) ? NULL : note);
		rc = casework_system_item(db, a, actor, &cv, "stage", d, NULL);
		json_decref(d);
	}
	return casework_finish(db, rc);
}

int casework_request(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		     const char *type, const char *note, struct case_item_view *out, struct faults *f)
{
	struct case_view cv;
	int rc = casework_writable(db, a, actor, case_uid, &cv);
	if (rc)
		return rc;
	if (!str_eq(type, "plan") && !str_eq(type, "closure"))
		faults_add(f, "type", "Ask for approval of the plan or of the closure.");
	if (note && str_utf8_chars(note) > 2000)
		faults_add(f, "note", "Too long.");
	if (str_eq(type, "plan") && cv.facts.goals < 1)
		faults_add(f, "type", "The plan needs at least one goal before it can be approved.");
	if (str_eq(type, "closure") && !cv.facts.termination)
		faults_add(f, "type", "Record the termination (reason and outcome) before asking to close the case.");
	if (f->n)
		return ERR_INVALID;
	rc = db_begin(db);
	if (rc)
		return rc;
	json_t *d = json_pack("{s:s,s:s,s:s?}", "type", type, "status", "pending", "note", str_empty(note) ? NULL : note);
	rc = casework_system_item(db, a, actor, &cv, "approval", d, out);
	json_decref(d);
	return casework_finish(db, rc);
}

int casework_decide(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		    const char *item_uid, bool approve, const char *comment, struct faults *f)
{
	struct case_view cv;
	int rc = casework_load(db, a, actor, case_uid, &cv);
	if (rc)
		return rc;
	if (!cv.can_approve)
		return ERR_FORBIDDEN;
	struct case_item_row row;
	rc = uuid_valid(item_uid) ? case_store_item_get(db, a, cv.row.id, item_uid, &row) : ERR_NOTFOUND;
	if (rc == 0 && !str_eq(row.kind, "approval"))
		rc = ERR_NOTFOUND;
	if (rc)
		return rc;
	if (row.author_id == actor->user_id)
		return ERR_FORBIDDEN; /* four eyes: a request is decided by someone else */
	json_t *data = json_loads(row.data, 0, NULL);
	if (!str_eq(json_string_value(json_object_get(data, "status")), "pending"))
		faults_add(f, "decision", "This request has already been decided.");
	if (!approve && str_empty(comment))
		faults_add(f, "comment", "Returning a request needs a comment for the worker.");
	if (comment && str_utf8_chars(comment) > 2000)
		faults_add(f, "comment", "Too long.");
	if (f->n) {
		json_decref(data);
		return ERR_INVALID;
	}
	char now[25];
	clock_now_iso(now);
	json_object_set_new(data, "status", json_string(approve ? "approved" : "returned"));
	if (!str_empty(comment))
		json_object_set_new(data, "comment", json_string(comment));
	json_object_set_new(data, "decided_by", json_string(actor->name));
	json_object_set_new(data, "decided_at", json_string(now));
	rc = db_begin(db);
	if (rc == 0) {
		/* Checked in the transaction that writes the decision: the plan approved is the one
		 * requested, not one changed since. */
		bool changed = false;
		if (approve && str_eq(json_string_value(json_object_get(data, "type")), "plan"))
			rc = case_store_plan_changed(db, cv.row.id, row.created_at, &changed);
		if (rc == 0 && changed) {
			faults_add(f, "decision", "The plan changed after this request was made. Return it, or ask the worker to request approval again, so that the approval covers the plan as it is now.");
			rc = ERR_INVALID;
		}
		const char *text = rc ? NULL : casework_dump(a, data);
		if (rc == 0)
			rc = case_store_item_update(db, row.id, row.version, row.at, row.level, text, NULL, 0, actor->user_id);
		if (rc == 0)
			rc = case_store_touch(db, cv.row.id, actor->user_id);
		if (rc == 0) {
			json_t *d = json_pack("{s:s,s:O,s:o?}", "case", cv.row.uid, "type", json_object_get(data, "type"),
					      "comment", str_empty(comment) ? NULL : audit_changed());
			rc = audit_record(db, actor, approve ? "approve" : "return", "case_item", row.uid, d);
			json_decref(d);
		}
		rc = casework_finish(db, rc);
	}
	json_decref(data);
	return rc;
}

/* casework_colleague finds an enabled worker or supervisor of the caller's organisation. */
static int casework_colleague(struct db *db, struct arena *a, const struct actor *actor, const char *name,
			      struct user *u, struct faults *f)
{
	int rc = name ? user_store_by_name(db, a, name, u) : ERR_NOTFOUND;
	if (rc == ERR_NOTFOUND || (rc == 0 && (u->org_id != actor->org_id || u->disabled ||
					       !(str_eq(u->role, "worker") || str_eq(u->role, "supervisor"))))) {
		faults_add(f, "user", "Choose an active worker or supervisor of this organisation.");
		return ERR_INVALID;
	}
	return rc;
}

/* casework_assign_locked checks and writes an assignment inside the caller's write transaction, so that two
 * assignments sent at once see each other. */
static int casework_assign_locked(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
				  const char *user_name, const char *role, const char *reason, struct faults *f)
{
	struct case_view cv;
	int rc = casework_load(db, a, actor, case_uid, &cv);
	if (rc)
		return rc;
	if (!cv.can_assign)
		return ERR_FORBIDDEN;
	struct user u;
	rc = casework_colleague(db, a, actor, user_name, &u, f);
	if (rc)
		return rc;
	bool primary = str_eq(role, "primary");
	if (!primary && !str_eq(role, "secondary"))
		faults_add(f, "role", "Role must be primary or secondary.");
	if (primary && str_empty(reason))
		faults_add(f, "reason", "A transfer to another primary worker needs a reason.");
	if (reason && str_utf8_chars(reason) > 2000)
		faults_add(f, "reason", "Too long.");
	for (int i = 0; i < cv.row.nworkers; i++) {
		if (cv.row.workers[i].user_id != u.id)
			continue;
		if (str_eq(cv.row.workers[i].role, role))
			faults_add(f, "user", "This worker already has this role on the case.");
		else if (str_eq(cv.row.workers[i].role, "primary"))
			faults_add(f, "user", "The primary worker stays primary until the case is transferred to another worker.");
	}
	if (f->n)
		return ERR_INVALID;
	if (primary)
		rc = case_store_worker_end(db, cv.row.id, 0, true, actor->user_id, reason);
	if (rc == 0) /* a secondary worker who becomes primary keeps one row */
		rc = case_store_worker_end(db, cv.row.id, u.id, false, actor->user_id, reason);
	if (rc == 0)
		rc = case_store_worker_add(db, cv.row.id, u.id, role, actor->user_id, str_empty(reason) ? NULL : reason);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:s,s:s?}", "user", u.name, "role", role, "change", "assigned", "reason",
				      str_empty(reason) ? NULL : reason);
		rc = casework_system_item(db, a, actor, &cv, "assignment", d, NULL);
		json_decref(d);
	}
	return rc;
}

int casework_assign(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		    const char *user_name, const char *role, const char *reason, struct faults *f)
{
	int rc = db_begin(db);
	if (rc)
		return rc;
	return casework_finish(db, casework_assign_locked(db, a, actor, case_uid, user_name, role, reason, f));
}

int casework_unassign(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		      const char *user_name, const char *reason, struct faults *f)
{
	struct case_view cv;
	int rc = casework_load(db, a, actor, case_uid, &cv);
	if (rc)
		return rc;
	if (!cv.can_assign)
		return ERR_FORBIDDEN;
	const struct case_worker_row *w = NULL;
	for (int i = 0; i < cv.row.nworkers; i++)
		if (str_eq(cv.row.workers[i].name, user_name))
			w = &cv.row.workers[i];
	if (w == NULL)
		faults_add(f, "user", "This user does not work on the case.");
	else if (str_eq(w->role, "primary"))
		faults_add(f, "user", "The primary worker leaves by a transfer to another primary worker.");
	if (str_empty(reason))
		faults_add(f, "reason", "Write why the worker leaves the case.");
	if (f->n)
		return ERR_INVALID;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = case_store_worker_end(db, cv.row.id, w->user_id, false, actor->user_id, reason);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:s,s:s}", "user", w->name, "role", w->role, "change", "removed", "reason", reason);
		rc = casework_system_item(db, a, actor, &cv, "assignment", d, NULL);
		json_decref(d);
	}
	return casework_finish(db, rc);
}

int casework_glass(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		   const char *reason, struct faults *f)
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	char today[11], now[25], until[25];
	office_today(actor, today);
	struct case_view cv = {0};
	int rc = uuid_valid(case_uid) ? case_store_get(db, a, actor->org_id, case_uid, today, &cv.row) : ERR_NOTFOUND;
	if (rc)
		return rc;
	if (str_empty(reason) || str_utf8_chars(reason) < 10)
		faults_add(f, "reason", "Emergency access needs a reason of at least 10 characters.");
	else if (str_utf8_chars(reason) > 2000)
		faults_add(f, "reason", "Too long.");
	if (f->n)
		return ERR_INVALID;
	clock_now_iso(now);
	clock_iso_from(clock_unix() + CASEWORK_GLASS_HOURS * 3600, until);
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = case_store_glass_add(db, cv.row.id, actor->user_id, reason, until);
	if (rc == 0) {
		json_t *d = json_pack("{s:s,s:s,s:s}", "user", actor->name, "reason", reason, "until", until);
		rc = casework_system_item(db, a, actor, &cv, "glass", d, NULL);
		if (rc == 0)
			rc = audit_record(db, actor, "glass", "case", cv.row.uid, d);
		json_decref(d);
	}
	return casework_finish(db, rc);
}

static int casework_filter(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
			   struct case_filter *cf, char today[11])
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	office_today(actor, today);
	memset(cf, 0, sizeof *cf);
	cf->viewer = actor->user_id;
	cf->today = today;
	if (!str_empty(worker)) {
		struct user u;
		int rc = user_store_by_name(db, a, worker, &u);
		if (rc == ERR_NOTFOUND || (rc == 0 && u.org_id != actor->org_id))
			return ERR_INVALID;
		if (rc)
			return rc;
		cf->worker = u.id;
	}
	return 0;
}

int casework_list(struct db *db, struct arena *a, const struct actor *actor, const struct case_query *q,
		  struct case_row **rows, int *n, const char **next_cursor, const char **bad)
{
	struct case_filter cf;
	char today[11];
	*bad = "worker";
	int rc = casework_filter(db, a, actor, q->worker, &cf, today);
	if (rc)
		return rc;
	*bad = "stage";
	if (q->stage && stage_index(q->stage) < 0)
		return ERR_INVALID;
	*bad = "cursor";
	cf.stage = q->stage;
	cf.overdue = q->overdue;
	cf.client_uid = q->client;
	cf.limit = q->limit < 1 || q->limit > 100 ? 25 : q->limit;
	/* A cursor carries a tag of the query it pages: given to another, it would skip or repeat
	 * cases without a word. After the tag, the last case's update time and id. */
	char tag[9];
	const char *parts[] = {q->worker, q->stage, q->overdue ? "o" : "", q->client};
	str_tag(parts, sizeof parts / sizeof parts[0], tag);
	if (q->cursor) {
		int64_t t;
		const char *bar = strchr(q->cursor, '_');
		if (strncmp(q->cursor, tag, 8) != 0 || bar == NULL || bar - q->cursor != 8 + 24 || clock_iso_unix(q->cursor + 8, &t))
			return ERR_INVALID;
		cf.cursor = q->cursor + 8;
	}
	rc = case_store_list(db, a, actor->org_id, &cf, rows, n, next_cursor);
	if (rc == 0 && *next_cursor && (*next_cursor = arena_printf(a, "%s%s", tag, *next_cursor)) == NULL)
		rc = ERR_NOMEM;
	return rc;
}

int casework_caseload(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
		      int counts[STAGE_COUNT], int *overdue)
{
	struct case_filter cf;
	char today[11];
	int rc = casework_filter(db, a, actor, worker, &cf, today);
	if (rc)
		return rc;
	return case_store_counts(db, actor->org_id, &cf, counts, overdue);
}

int casework_of_client(struct db *db, struct arena *a, const struct actor *actor, const char *client_uid,
		       struct case_row **rows, int *n)
{
	if (!policy_can(actor, PERM_CASE_WORK))
		return ERR_FORBIDDEN;
	return case_store_of_client(db, a, actor->org_id, client_uid, actor->user_id, rows, n);
}

int casework_group_note(struct db *db, struct arena *a, const struct actor *actor, int64_t org, const char *case_uid,
			json_t *plain, const char *observation, const char *level, const char *at)
{
	char today[11];
	office_today(actor, today);
	struct case_view cv = {0};
	int rc = case_store_get(db, a, org, case_uid, today, &cv.row);
	if (rc)
		return rc;
	json_t *sealed = observation ? json_pack("{s:s}", "observation", observation) : json_object();
	rc = casework_insert(db, a, actor, &cv, case_kind_find("group_note"), plain, sealed,
			     observation && level ? level : "normal", at, NULL, NULL);
	json_decref(sealed);
	return rc;
}

int casework_peek(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		  struct case_view *out)
{
	return casework_load(db, a, actor, uid, out);
}
