/* client_store.c: SQL for the client registry. Specific personal data is sealed in the row. */
#include "store/client_store.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/keysort.h"
#include "base/log.h"
#include "base/secret.h"
#include "base/str.h"
#include "base/uuid.h"
#include "domain/name.h"
#include "store/name_index.h"
#include "store/ref_store.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room for the name_key of any valid name (200 characters, at most 7 bytes per word of one or two
 * letters: "m" and "md" are "muhamad"). */
#define CLIENT_STORE_KEY_MAX 2048

/* ---- encoding of the JSON columns ---- */

static void client_store_set(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

static char *client_store_dump(struct arena *a, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (s == NULL)
		return NULL;
	char *copy = arena_strdup(a, s);
	free(s);
	return copy;
}

static char *client_store_household(struct arena *a, const struct client *c)
{
	json_t *arr = json_array();
	for (int i = 0; i < c->nhousehold; i++) {
		const struct household_member *m = &c->household[i];
		json_t *o = json_object();
		client_store_set(o, "name", m->name);
		client_store_set(o, "relation", m->relation);
		client_store_set(o, "sex", m->sex);
		client_store_set(o, "birth_date", m->birth_date);
		client_store_set(o, "nik", m->nik);
		json_array_append_new(arr, o);
	}
	return client_store_dump(a, arr);
}

static char *client_store_consent(struct arena *a, const struct client *c)
{
	if (!c->has_consent)
		return NULL;
	json_t *o = json_object();
	client_store_set(o, "given_on", c->consent.given_on);
	client_store_set(o, "scope", c->consent.scope);
	client_store_set(o, "recorded_by", c->consent.recorded_by);
	client_store_set(o, "guardian_name", c->consent.guardian_name);
	client_store_set(o, "guardian_relation", c->consent.guardian_relation);
	return client_store_dump(a, o);
}

static char *client_store_disability(struct arena *a, const struct client *c)
{
	json_t *o = json_object();
	for (int i = 0; i < CLIENT_WG_DOMAINS; i++)
		if (c->disability[i] > 0)
			json_object_set_new(o, client_wg_domains[i],
					    json_string(client_wg_levels[c->disability[i]]));
	if (json_object_size(o) == 0) {
		json_decref(o);
		return NULL;
	}
	return client_store_dump(a, o);
}

static const char *client_store_jstr(struct arena *a, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

static void client_store_parse_household(struct arena *a, const char *text, struct client *c)
{
	json_t *arr = json_loads(text ? text : "[]", 0, NULL);
	size_t i;
	json_t *o;
	c->nhousehold = 0;
	json_array_foreach(arr, i, o) {
		if (c->nhousehold == CLIENT_MAX_HOUSEHOLD)
			break;
		struct household_member *m = &c->household[c->nhousehold++];
		m->name = client_store_jstr(a, o, "name");
		m->relation = client_store_jstr(a, o, "relation");
		m->sex = client_store_jstr(a, o, "sex");
		m->birth_date = client_store_jstr(a, o, "birth_date");
		m->nik = client_store_jstr(a, o, "nik");
	}
	json_decref(arr);
}

static void client_store_parse_consent(struct arena *a, const char *text, struct client *c)
{
	c->has_consent = false;
	if (text == NULL)
		return;
	json_t *o = json_loads(text, 0, NULL);
	if (o == NULL)
		return;
	c->has_consent = true;
	c->consent.given_on = client_store_jstr(a, o, "given_on");
	c->consent.scope = client_store_jstr(a, o, "scope");
	c->consent.recorded_by = client_store_jstr(a, o, "recorded_by");
	c->consent.guardian_name = client_store_jstr(a, o, "guardian_name");
	c->consent.guardian_relation = client_store_jstr(a, o, "guardian_relation");
	json_decref(o);
}

static void client_store_parse_disability(const char *text, struct client *c)
{
	json_t *o = json_loads(text, 0, NULL);
	for (int i = 0; i < CLIENT_WG_DOMAINS; i++) {
		json_t *v = json_object_get(o, client_wg_domains[i]);
		c->disability[i] = 0;
		for (int k = 1; k < 5 && json_is_string(v); k++)
			if (strcmp(json_string_value(v), client_wg_levels[k]) == 0)
				c->disability[i] = k;
	}
	json_decref(o);
}

/* client_store_seal encrypts text for column field of client uid (NULL stays NULL). */
static int client_store_seal(struct arena *a, const char *uid, const char *field, const char *text,
			     unsigned char **box, size_t *n)
{
	*box = NULL;
	*n = 0;
	if (text == NULL)
		return 0;
	char *ad = arena_printf(a, "client:%s:%s", uid, field);
	if (ad == NULL)
		return ERR_NOMEM;
	return secret_seal(a, ad, text, strlen(text), box, n);
}

static int client_store_open(struct arena *a, const char *uid, const char *field,
			     struct db_stmt *st, int col, char **out)
{
	*out = NULL;
	if (db_col_null(st, col))
		return 0;
	size_t n;
	const unsigned char *box = db_col_blob(st, col, &n);
	char *ad = arena_printf(a, "client:%s:%s", uid, field);
	if (ad == NULL)
		return ERR_NOMEM;
	return secret_open(a, ad, box, n, out, NULL);
}

/* ---- the lists beside the row ---- */

/* client_store_flag_bit is the bit of flag on the row (bit i: client_flags[i]), 0 when unknown. */
static int64_t client_store_flag_bit(const char *flag)
{
	for (int i = 0; i < CLIENT_MAX_FLAGS; i++)
		if (str_eq(flag, client_flags[i]))
			return (int64_t)1 << i;
	return 0;
}

/* client_store_flag_bits is the flags of c as the row keeps them (migration 014). */
static int64_t client_store_flag_bits(const struct client *c)
{
	int64_t bits = 0;
	for (int i = 0; i < c->nflags; i++)
		bits |= client_store_flag_bit(c->flags[i]);
	return bits;
}

static int client_store_write_lists(struct db *db, const struct client *c, bool fresh)
{
	int rc = fresh ? 0 : db_run(db, "DELETE FROM client_ppks WHERE client_id=?", "i", c->id);
	if (rc == 0 && !fresh)
		rc = db_run(db, "DELETE FROM client_flag WHERE client_id=?", "i", c->id);
	for (int i = 0; rc == 0 && i < c->nppks; i++)
		rc = db_run(db, "INSERT OR IGNORE INTO client_ppks(client_id, code) VALUES (?,?)", "ii",
			    c->id, (int64_t)c->ppks[i]);
	for (int i = 0; rc == 0 && i < c->nflags; i++)
		rc = db_run(db, "INSERT OR IGNORE INTO client_flag(client_id, flag) VALUES (?,?)", "it",
			    c->id, c->flags[i]);
	return rc;
}

static int client_store_read_lists(struct db *db, struct arena *a, struct client *c)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT code FROM client_ppks WHERE client_id=? ORDER BY code", "i",
			  c->id);
	if (rc)
		return rc;
	c->nppks = 0;
	while ((rc = db_step(st)) == DB_ROW)
		if (c->nppks < CLIENT_MAX_PPKS)
			c->ppks[c->nppks++] = (int)db_col_int(st, 0);
	db_finalize(st);
	if (rc < 0)
		return rc;
	rc = db_query(db, &st, "SELECT flag FROM client_flag WHERE client_id=? ORDER BY flag", "i", c->id);
	if (rc)
		return rc;
	c->nflags = 0;
	while ((rc = db_step(st)) == DB_ROW)
		if (c->nflags < CLIENT_MAX_FLAGS)
			c->flags[c->nflags++] = arena_strdup(a, db_col_text(st, 0));
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* ---- insert, update, read ---- */

/* The clients of each province and regency are estimated in region_clients (migration 016) from
 * the same sample as the rows of a name token: NAME_INDEX_SAMPLE for each client whose id is a
 * multiple of it, the only clients that write the estimate. The list's plans read it
 * (client_store_region_size). */

/* client_store_region_add adds delta to the estimates of region's province and regency. */
static int client_store_region_add(struct db *db, int64_t org, const char *region, int64_t delta)
{
	size_t n = region ? strlen(region) : 0;
	int rc = 0;
	for (size_t len = 2; rc == 0 && len <= 5 && n >= len; len += 3) {
		char code[6];
		memcpy(code, region, len);
		code[len] = 0;
		rc = db_run(db, "INSERT INTO region_clients(org_id, code, clients) VALUES (?, ?, ?)"
				" ON CONFLICT (org_id, code) DO UPDATE SET clients = clients + excluded.clients",
			    "iti", org, code, delta);
	}
	return rc;
}

int client_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct client *c)
{
	int rc = client_store_insert_row(db, a, org, user, c);
	return rc ? rc : name_index_put(db, org, c->id, c->name_norm, c->search_names);
}

int client_store_insert_row(struct db *db, struct arena *a, int64_t org, int64_t user, struct client *c)
{
	char uid[37], now[25];
	uuid_v7(uid);
	clock_now_iso(now);
	c->uid = arena_strdup(a, uid);
	unsigned char *dbox, *nbox;
	size_t dn, nn;
	int rc = client_store_seal(a, uid, "disability", client_store_disability(a, c), &dbox, &dn);
	if (rc == 0)
		rc = client_store_seal(a, uid, "notes", c->notes, &nbox, &nn);
	if (rc)
		return rc;
	char key[CLIENT_STORE_KEY_MAX];
	name_dup_key(c->name_norm, key, sizeof key);
	rc = db_run(db,
		    "INSERT INTO client(uid, org_id, nik, kk, name, name_norm, name_key, search_names,"
		    " other_names, sex, birth_place, birth_date, address, region, phone, household,"
		    " consent, disability_box, notes_box, nik_warning, flag_bits, version, created_at, created_by,"
		    " updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?)",
		    "ti" "ttttttttttttttt" "bb" "ti" "titi", uid, org, c->nik, c->kk, c->name, c->name_norm,
		    key, c->search_names, c->other_names, c->sex, c->birth_place, c->birth_date, c->address,
		    c->region, c->phone, client_store_household(a, c), client_store_consent(a, c), dbox,
		    dn, nbox, nn, c->nik_warning, client_store_flag_bits(c), now, user, now, user);
	if (rc)
		return rc;
	c->id = db_last_id(db);
	c->version = 1;
	c->created_at = c->updated_at = arena_strdup(a, now);
	if (c->id % NAME_INDEX_SAMPLE == 0)
		rc = client_store_region_add(db, org, c->region, NAME_INDEX_SAMPLE);
	return rc ? rc : client_store_write_lists(db, c, true);
}

int client_store_update(struct db *db, struct arena *a, int64_t user, struct client *c)
{
	char now[25];
	clock_now_iso(now);
	unsigned char *dbox, *nbox;
	size_t dn, nn;
	int rc = client_store_seal(a, c->uid, "disability", client_store_disability(a, c), &dbox, &dn);
	if (rc == 0)
		rc = client_store_seal(a, c->uid, "notes", c->notes, &nbox, &nn);
	if (rc)
		return rc;
	/* The words of the name index change with the name: the old rows go, the new come. */
	struct db_stmt *st;
	rc = db_query(db, &st, "SELECT org_id, name_norm, search_names, region FROM client WHERE id=? AND version=?", "ii",
		      c->id, c->version);
	if (rc)
		return rc;
	rc = db_step(st);
	int64_t org = rc == DB_ROW ? db_col_int(st, 0) : 0;
	const char *old_norm = rc == DB_ROW ? db_col_dup(st, 1, a) : NULL;
	const char *old_text = rc == DB_ROW ? db_col_dup(st, 2, a) : NULL;
	const char *old_region = rc == DB_ROW ? db_col_dup(st, 3, a) : NULL;
	bool had_region = rc == DB_ROW && db_col_text(st, 3) != NULL;
	db_finalize(st);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return ERR_CONFLICT;
	if (old_norm == NULL || old_text == NULL || (had_region && old_region == NULL))
		return ERR_NOMEM;
	if (c->id % NAME_INDEX_SAMPLE == 0 && !str_eq(old_region, c->region)) {
		rc = client_store_region_add(db, org, old_region, -NAME_INDEX_SAMPLE);
		if (rc == 0)
			rc = client_store_region_add(db, org, c->region, NAME_INDEX_SAMPLE);
		if (rc)
			return rc;
	}
	if (!str_eq(old_norm, c->name_norm) || !str_eq(old_text, c->search_names)) {
		rc = name_index_drop(db, org, c->id, old_norm, old_text);
		if (rc == 0)
			rc = name_index_put(db, org, c->id, c->name_norm, c->search_names);
		if (rc)
			return rc;
	}
	char key[CLIENT_STORE_KEY_MAX];
	name_dup_key(c->name_norm, key, sizeof key);
	rc = db_run(db,
		    "UPDATE client SET nik=?, kk=?, name=?, name_norm=?, name_key=?, search_names=?,"
		    " other_names=?, sex=?, birth_place=?, birth_date=?, address=?, region=?, phone=?,"
		    " household=?, consent=?, disability_box=?, notes_box=?, nik_warning=?, flag_bits=?,"
		    " version=version+1, updated_at=?, updated_by=? WHERE id=? AND version=?",
		    "tttttttttttttttbbtitiii", c->nik, c->kk, c->name, c->name_norm, key, c->search_names,
		    c->other_names, c->sex, c->birth_place, c->birth_date, c->address, c->region,
		    c->phone, client_store_household(a, c), client_store_consent(a, c), dbox, dn, nbox,
		    nn, c->nik_warning, client_store_flag_bits(c), now, user, c->id, c->version);
	if (rc)
		return rc;
	if (db_changes(db) == 0)
		return ERR_CONFLICT;
	c->version++;
	c->updated_at = arena_strdup(a, now);
	return client_store_write_lists(db, c, false);
}

#define CLIENT_COLUMNS                                                                             \
	"c.id, c.uid, c.nik, c.kk, c.name, c.other_names, c.sex, c.birth_place, c.birth_date,"    \
	" c.address, c.region, c.phone, c.household, c.consent, c.disability_box, c.notes_box,"   \
	" c.nik_warning, c.version, c.created_at, cu.name, c.updated_at, uu.name, c.archived_at," \
	" r.name, c.name_norm, c.search_names"

int client_store_get(struct db *db, struct arena *a, int64_t org, const char *uid, bool sensitive,
		     struct client *c)
{
	struct db_stmt *st;
	int rc = db_query(db, &st,
			  "SELECT " CLIENT_COLUMNS " FROM client c"
			  " LEFT JOIN user cu ON cu.id=c.created_by LEFT JOIN user uu ON uu.id=c.updated_by"
			  " LEFT JOIN region r ON r.code=c.region WHERE c.org_id=? AND c.uid=?",
			  "it", org, uid);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_finalize(st);
		return rc == DB_DONE ? ERR_NOTFOUND : rc;
	}
	rc = 0;
	memset(c, 0, sizeof *c);
	c->id = db_col_int(st, 0);
	c->uid = db_col_dup(st, 1, a);
	c->nik = db_col_dup(st, 2, a);
	c->kk = db_col_dup(st, 3, a);
	c->name = db_col_dup(st, 4, a);
	c->other_names = db_col_dup(st, 5, a);
	c->sex = db_col_dup(st, 6, a);
	c->birth_place = db_col_dup(st, 7, a);
	c->birth_date = db_col_dup(st, 8, a);
	c->address = db_col_dup(st, 9, a);
	c->region = db_col_dup(st, 10, a);
	c->phone = db_col_dup(st, 11, a);
	c->nik_warning = db_col_dup(st, 16, a);
	c->version = db_col_int(st, 17);
	c->created_at = db_col_dup(st, 18, a);
	c->created_by = db_col_dup(st, 19, a);
	c->updated_at = db_col_dup(st, 20, a);
	c->updated_by = db_col_dup(st, 21, a);
	c->archived_at = db_col_dup(st, 22, a);
	c->region_name = db_col_dup(st, 23, a);
	c->name_norm = db_col_dup(st, 24, a);
	c->search_names = db_col_dup(st, 25, a);
	if (sensitive) {
		char *disability = NULL, *notes = NULL;
		client_store_parse_household(a, db_col_text(st, 12), c);
		client_store_parse_consent(a, db_col_text(st, 13), c);
		rc = client_store_open(a, c->uid, "disability", st, 14, &disability);
		if (rc == 0)
			rc = client_store_open(a, c->uid, "notes", st, 15, &notes);
		if (rc == 0 && disability)
			client_store_parse_disability(disability, c);
		c->notes = notes;
		c->sensitive_loaded = true;
	}
	db_finalize(st);
	if (rc)
		return rc;
	return client_store_read_lists(db, a, c);
}

int client_store_nik_owner(struct db *db, struct arena *a, int64_t org, const char *nik,
			   int64_t exclude_id, const char **uid)
{
	struct db_stmt *st;
	*uid = NULL;
	int rc = db_query(db, &st, "SELECT uid FROM client WHERE org_id=? AND nik=? AND id<>?", "iti",
			  org, nik, exclude_id);
	if (rc)
		return rc;
	rc = db_step(st);
	if (rc == DB_ROW)
		*uid = db_col_dup(st, 0, a);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* How many rows client_store_fill_keys reads at a time, and fills in one search at most (a
 * fraction of a second of work: each row's name index rows are rewritten). */
#define CLIENT_STORE_FILL_BATCH 200
#define CLIENT_STORE_FILL_MAX 5000

/* client_store_fill_keys computes name_key and the new search_names (name_search_text) of up to
 * max of org's rows without a key (written before migration 005, or whose key a later rule
 * changes: migration 018), then of those that migration 012 listed in client_retext (their keys
 * stand, their text lacks the pairs' mark): SQL cannot run the C rules. It runs in the caller's
 * transaction. Neither version nor updated_at changes: the keys are derived from the name, not an
 * edit of the record. */
static int client_store_fill_keys(struct db *db, struct arena *a, int64_t org, int max)
{
	int64_t ids[CLIENT_STORE_FILL_BATCH];
	const char *names[CLIENT_STORE_FILL_BATCH], *others[CLIENT_STORE_FILL_BATCH];
	const char *norms[CLIENT_STORE_FILL_BATCH], *texts[CLIENT_STORE_FILL_BATCH];
	char *text = malloc(NAME_SEARCH_MAX);
	if (text == NULL)
		return ERR_NOMEM;
	int rc = 0;
	/* First the rows without keys, then those waiting for their text alone (client_retext). */
	for (int done = 0, pass = 0; done < max && pass < 2;) {
		struct db_stmt *st;
		int n = 0;
		int want = max - done < CLIENT_STORE_FILL_BATCH ? max - done : CLIENT_STORE_FILL_BATCH;
		rc = db_query(db, &st, pass == 0 ? "SELECT id, name, other_names, name_norm, search_names FROM client"
						   " WHERE org_id=? AND name_key IS NULL LIMIT ?"
						 : "SELECT c.id, c.name, c.other_names, c.name_norm, c.search_names FROM client_retext r"
						   " JOIN client c ON c.id = r.client_id WHERE r.org_id=? LIMIT ?",
			      "ii", org, (int64_t)want);
		if (rc)
			break;
		while ((rc = db_step(st)) == DB_ROW) {
			ids[n] = db_col_int(st, 0);
			names[n] = db_col_dup(st, 1, a);
			others[n] = db_col_dup(st, 2, a);
			norms[n] = db_col_dup(st, 3, a);
			texts[n] = db_col_dup(st, 4, a);
			if (norms[n++] == NULL || texts[n - 1] == NULL) {
				rc = ERR_NOMEM;
				break;
			}
		}
		db_finalize(st);
		if (rc < 0)
			break;
		if (n == 0) {
			pass++;
			continue;
		}
		/* The changed rows leave the index of names one by one and come back together, in its
		 * order (name_index_put_many), as an import's batch does. */
		struct name_index_client put[CLIENT_STORE_FILL_BATCH];
		int nput = 0;
		for (int i = 0; i < n && rc == 0; i++) {
			char key[CLIENT_STORE_KEY_MAX], norm[CLIENT_STORE_KEY_MAX];
			name_dup_key(names[i] ? names[i] : "", key, sizeof key);
			name_normalise(names[i] ? names[i] : "", norm, sizeof norm);
			name_search_text(names[i], others[i], text, NAME_SEARCH_MAX);
			rc = db_run(db, "UPDATE client SET name_key=?, name_norm=?, search_names=? WHERE id=?", "ttti", key,
				    norm, text, ids[i]);
			bool changed = !str_eq(texts[i], text) || !str_eq(norms[i], norm);
			if (rc == 0 && changed)
				rc = name_index_drop(db, org, ids[i], norms[i], texts[i]);
			if (rc == 0 && changed) {
				struct name_index_client *back = &put[nput++];
				*back = (struct name_index_client){ids[i], arena_strdup(a, norm), arena_strdup(a, text)};
				if (back->name_norm == NULL || back->text == NULL)
					rc = ERR_NOMEM;
			}
			if (rc == 0)
				rc = db_run(db, "DELETE FROM client_retext WHERE org_id=? AND client_id=?", "ii", org, ids[i]);
		}
		if (rc == 0 && nput > 0)
			rc = name_index_put_many(db, org, nput, put);
		if (rc)
			break;
		done += n;
	}
	free(text);
	return rc < 0 ? rc : 0;
}

/* The ids of org's clients (?1) of the spelling key ?2 of name_norm ?4 and birth date ?3 (NULL
 * matches NULL): rows not yet given their key (client_store_fill_keys) are compared by name_norm,
 * as before migration 005. Two indexed searches: an OR would read all of org's rows. The second
 * goes through client_dup (name_key IS NULL, birth date), which holds no row once the keys are
 * filled: the unary + keeps the planner off client_by_name, where a common name_norm meant
 * reading every row of that name (1,000,000 clients: ~1,000 rows read per check, and an import
 * slowing as the registry grew). */
#define CLIENT_STORE_SAME_KEY                                                                                          \
	"SELECT id FROM client WHERE org_id=?1 AND name_key=?2 AND birth_date IS ?3 UNION ALL SELECT id FROM client"   \
	" WHERE org_id=?1 AND name_key IS NULL AND +name_norm=?4 AND birth_date IS ?3"

int client_store_dups(struct db *db, struct arena *a, int64_t org, const char *name_norm,
		      const char *birth_date, int64_t exclude_id, const char **uids,
		      const char **names, int max, int *n)
{
	struct db_stmt *st;
	*n = 0;
	char key[CLIENT_STORE_KEY_MAX];
	name_dup_key(name_norm, key, sizeof key);
	int rc = db_query(db, &st,
			  "SELECT uid, name FROM client WHERE id IN (" CLIENT_STORE_SAME_KEY ") AND id<>?5 AND archived_at IS NULL"
			  " ORDER BY id LIMIT ?6",
			  "itttii", org, key, birth_date, name_norm, exclude_id, (int64_t)max);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		uids[*n] = db_col_dup(st, 0, a);
		names[*n] = db_col_dup(st, 1, a);
		(*n)++;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int client_store_archive(struct db *db, int64_t user, int64_t id)
{
	char now[25];
	clock_now_iso(now);
	return db_run(db,
		      "UPDATE client SET archived_at=?, archived_by=?, version=version+1, updated_at=?,"
		      " updated_by=? WHERE id=? AND archived_at IS NULL",
		      "titii", now, user, now, user, id);
}

int client_store_ppks_known(struct db *db, int code, bool *known)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT 1 FROM ppks WHERE code=? AND active=1", "i", (int64_t)code);
	if (rc)
		return rc;
	rc = db_step(st);
	*known = rc == DB_ROW;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* ---- search ---- */

/* A cursor is the hex of "sortkey\x1fid": opaque to callers, checked when read back. */
static const char *client_store_cursor(struct arena *a, const char *key, int64_t id)
{
	char *raw = arena_printf(a, "%s\x1f%lld", key ? key : "", (long long)id);
	if (raw == NULL)
		return NULL;
	size_t n = strlen(raw);
	char *hex = arena_alloc(a, 2 * n + 1);
	if (hex)
		str_hex((const unsigned char *)raw, n, hex);
	return hex;
}

static int client_store_uncursor(struct arena *a, const char *hex, const char **key, int64_t *id)
{
	size_t n = strlen(hex);
	if (n == 0 || n % 2 || n > 2048)
		return ERR_INVALID;
	char *raw = arena_alloc(a, n / 2 + 1);
	if (raw == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < n / 2; i++) {
		int v = 0;
		for (int k = 0; k < 2; k++) {
			char ch = hex[2 * i + (size_t)k];
			int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
			if (d < 0)
				return ERR_INVALID;
			v = v * 16 + d;
		}
		raw[i] = (char)v;
	}
	char *sep = strchr(raw, '\x1f');
	if (sep == NULL)
		return ERR_INVALID;
	*sep = 0;
	long v;
	if (str_parse_long(sep + 1, 1, 0x7ffffffffffffffeL, &v)) /* a scan resumes at id + 1 */
		return ERR_INVALID;
	*key = raw;
	*id = v;
	return 0;
}

/* client_store_unkeyed tells whether some row of org still lacks its keys or waits for its text
 * (in the caller's snapshot: one indexed probe of client_dup, one of client_retext). */
static bool client_store_unkeyed(struct db *db, int64_t org)
{
	struct db_stmt *st;
	if (db_query(db, &st, "SELECT 1 FROM client WHERE org_id=?1 AND name_key IS NULL"
			      " UNION ALL SELECT 1 FROM client_retext WHERE org_id=?1 LIMIT 1", "i", org))
		return false; /* the search itself will report the database's trouble */
	int rc = db_step(st);
	db_finalize(st);
	return rc == DB_ROW;
}

/* client_store_fill_for_search runs client_store_fill_keys in a transaction of its own before a
 * search of org, when some row still lacks its keys: at most CLIENT_STORE_FILL_MAX rows, so that
 * after an upgrade no request takes long or holds the write lock long; a large registry is done
 * over a few searches (the client list is one). Rows not yet filled are found by their own
 * spelling only. A search does not fail for it: a failed fill is logged and retried next time. */
static void client_store_fill_for_search(struct db *db, struct arena *a, int64_t org)
{
	int rc = db_begin(db);
	if (rc == 0) {
		rc = client_store_fill_keys(db, a, org, CLIENT_STORE_FILL_MAX);
		if (rc == 0)
			rc = db_commit(db);
		if (rc)
			db_rollback(db);
	}
	if (rc)
		log_error("client_store: name keys of organisation %lld not filled (%d); retried later", (long long)org, rc);
}

/* The columns of a summary record (client_store_summary), then the search text. */
#define CLIENT_SUMMARY_COLUMNS                                                                     \
	"SELECT c.id, c.uid, c.nik, c.name, c.sex, c.birth_date, c.region, c.updated_at,"          \
	" c.name_norm, c.nik_warning, c.version, c.archived_at, c.flag_bits, c.search_names"
#define CLIENT_SUMMARY CLIENT_SUMMARY_COLUMNS " FROM client c"
/* The same, read along the named index of client. */
#define CLIENT_SUMMARY_FROM(index) CLIENT_SUMMARY_COLUMNS " FROM client c INDEXED BY " index

/* client_store_summary reads the columns of CLIENT_SUMMARY into c; the region's name is the
 * page's to add (client_store_region_names). */
static void client_store_summary(struct db_stmt *st, struct arena *a, struct client *c)
{
	c->id = db_col_int(st, 0);
	c->uid = db_col_dup(st, 1, a);
	c->nik = db_col_dup(st, 2, a);
	c->name = db_col_dup(st, 3, a);
	c->sex = db_col_dup(st, 4, a);
	c->birth_date = db_col_dup(st, 5, a);
	c->region = db_col_dup(st, 6, a);
	c->updated_at = db_col_dup(st, 7, a);
	c->name_norm = db_col_dup(st, 8, a);
	c->nik_warning = db_col_dup(st, 9, a);
	c->version = db_col_int(st, 10);
	c->archived_at = db_col_dup(st, 11, a);
	/* In the order of their names, as a full read lists them. */
	int64_t bits = db_col_int(st, 12);
	for (int i = 0; i < CLIENT_MAX_FLAGS; i++) {
		if (!(bits & ((int64_t)1 << i)))
			continue;
		int at = c->nflags++;
		while (at > 0 && strcmp(c->flags[at - 1], client_flags[i]) > 0) {
			c->flags[at] = c->flags[at - 1];
			at--;
		}
		c->flags[at] = client_flags[i];
	}
}

/* A statement under construction: its text and the text values bound after the fixed ones. */
struct client_sql {
	char text[4096];
	size_t len;
	const char *binds[16];
	int nb, first; /* binds[i] is parameter first + i */
};

static void client_sql_add(struct client_sql *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void client_sql_add(struct client_sql *q, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(q->text + (q->len < sizeof q->text ? q->len : sizeof q->text),
			  q->len < sizeof q->text ? sizeof q->text - q->len : 0, fmt, ap);
	va_end(ap);
	q->len += n > 0 ? (size_t)n : 0;
}

/* client_sql_bind adds value v and returns its parameter number. */
static int client_sql_bind(struct client_sql *q, const char *v)
{
	if (q->nb < (int)(sizeof q->binds / sizeof q->binds[0]))
		q->binds[q->nb] = v;
	return q->first + q->nb++;
}

/* client_store_nik_end is the least string above every NIK starting with digits (';' sorts after
 * every digit); client_store_region_end, above every code within region ("18.04" holds
 * "18.04.05" but not "18.040": codes are digits and dots, and '/' follows '.'). Arena memory,
 * NULL when out of it. */
static const char *client_store_nik_end(struct arena *a, const char *digits)
{
	return arena_printf(a, "%s;", digits);
}

static const char *client_store_region_end(struct arena *a, const char *region)
{
	return arena_printf(a, "%s/", region);
}

/* client_store_filters appends the conditions of q other than its words: archived or not, NIK
 * prefix, region prefix, PPKS category, flag, and the position after the cursor when sorted by
 * update. They are checked on each row read (a list reads the rows of a selective condition, or
 * walks its order when they pass often): PPKS is looked up for the row, flags are on it. */
static void client_store_filters(struct client_sql *s, struct arena *a, const struct client_query *q,
				 const char *ckey, int64_t cid)
{
	client_sql_add(s, " AND c.archived_at IS %s", q->archived ? "NOT NULL" : "NULL");
	if (q->q && str_all_digits(q->q)) {
		int lo = client_sql_bind(s, q->q);
		int hi = client_sql_bind(s, client_store_nik_end(a, q->q));
		client_sql_add(s, " AND c.nik >= ?%d AND c.nik < ?%d", lo, hi);
	}
	if (q->region) {
		int lo = client_sql_bind(s, q->region);
		int hi = client_sql_bind(s, client_store_region_end(a, q->region));
		client_sql_add(s, " AND c.region >= ?%d AND c.region < ?%d", lo, hi);
	}
	if (q->ppks > 0)
		client_sql_add(s, " AND EXISTS (SELECT 1 FROM client_ppks p WHERE p.client_id = c.id AND p.code = CAST(?%d AS INTEGER))",
			       client_sql_bind(s, arena_printf(a, "%d", q->ppks)));
	if (q->flag && strcmp(q->flag, "nik_warning") == 0)
		client_sql_add(s, " AND c.nik_warning IS NOT NULL");
	else if (q->flag)
		client_sql_add(s, " AND (c.flag_bits & CAST(?%d AS INTEGER)) != 0",
			       client_sql_bind(s, arena_printf(a, "%lld", (long long)client_store_flag_bit(q->flag))));
	if (ckey && q->by_update) {
		int k = client_sql_bind(s, ckey);
		int i = client_sql_bind(s, arena_printf(a, "%lld", (long long)cid));
		client_sql_add(s, " AND (c.updated_at < ?%d OR (c.updated_at = ?%d AND c.id < CAST(?%d AS INTEGER)))", k, k, i);
	}
}

/* client_sql_prepare compiles s and binds org to ?1 and its values. */
static int client_sql_prepare(struct db *db, struct client_sql *s, int64_t org, struct db_stmt **st)
{
	if (s->len >= sizeof s->text || s->nb > (int)(sizeof s->binds / sizeof s->binds[0]))
		return ERR_INVALID;
	int rc = db_prepare(db, s->text, st);
	if (rc)
		return rc;
	rc = db_bind_int(*st, 1, org);
	for (int i = 0; rc == 0 && i < s->nb; i++)
		rc = s->binds[i] ? db_bind_text(*st, s->first + i, s->binds[i]) : ERR_NOMEM;
	if (rc) {
		db_finalize(*st);
		*st = NULL;
	}
	return rc;
}

/* A list with a selective condition reads the clients of that condition, not the whole sort
 * order: up to CLIENT_STORE_SET_MAX candidates from its index, each read with every condition and
 * placed by its sort key. When every condition holds more, the sort order's index is walked and
 * the conditions pass often enough (at 1,000,000 clients, at least one row in 250). A region is
 * checked on the entries of that index, without reading the row (migration 010), and a region
 * without words is listed along the index of regions (client_store_region): alone, up to
 * CLIENT_STORE_REGION_MAX clients. Measured at 1,000,000 clients, a row read costs about 4 us, an
 * index entry about a tenth of that. */
#define CLIENT_STORE_SET_MAX 4000
#define CLIENT_STORE_REGION_MAX 20000
/* How much processor time the quick plan of a list may take when conditions are checked on each
 * row it reads. Past it, the conditions hold few clients together, or few where the order starts:
 * their ids are intersected instead. Measured at 1,000,000 clients: the walks that find a page
 * take 1 to 5 ms; street children in a PPKS category of the old (none together) took 4 s. */
#define CLIENT_STORE_QUICK_US 5000
/* Sorted by update, a query word of more tokens than this is first checked on the rows of the
 * other words' candidates rather than leapfrogged: at 1,000,000 clients "euis s" took 17 ms with
 * the 131 tokens of "s" leapfrogged, 9 ms with "s" checked on the 1,582 rows of "euis". When the
 * other words' candidates are too many for a set, the walk of the index of updates is tried for
 * CLIENT_STORE_QUICK_US, then the leapfrog: walked to its end, a rare combination would cost
 * hundreds of milliseconds ("i wayan s" with a bound of 8 tokens: 314 ms). */
#define CLIENT_STORE_WORD_TERMS 16
/* With words and a region, the words' candidates are gathered first when they are at most this
 * many, and each tested for the region on its entry in the index of names: a name of thousands of
 * clients in a province where none of them lives then costs those lookups, not the province's
 * ids (72,827 at 1,000,000 clients). */
#define CLIENT_STORE_NAMED_MAX 16384
/* Unless the region holds at most this many clients per candidate: its ids cost less to read
 * (about 0.13 us each with their sort, a test about 1.5 us). A province's or a regency's clients
 * are estimated (region_clients); the ids of a smaller region, or of one estimated below the
 * bound, are read up to it, and past it the tests are made. */
#define CLIENT_STORE_TEST_IDS 8

/* The bounds in force: the defaults above, or lower ones a test sets (client_store_tune). */
static struct client_store_bounds client_store_bounds = {CLIENT_STORE_QUICK_US, CLIENT_STORE_SET_MAX,
							 CLIENT_STORE_REGION_MAX, CLIENT_STORE_NAMED_MAX,
							 CLIENT_STORE_TEST_IDS};

/* client_store_bound is v when it is set and below max, else max. */
static long client_store_bound(long v, long max)
{
	return v > 0 && v < max ? v : max;
}

void client_store_tune(const struct client_store_bounds *b)
{
	static const struct client_store_bounds none;
	if (b == NULL)
		b = &none;
	client_store_bounds.quick_us = b->quick_us > 0 ? b->quick_us : CLIENT_STORE_QUICK_US;
	client_store_bounds.set_max = (int)client_store_bound(b->set_max, CLIENT_STORE_SET_MAX);
	client_store_bounds.region_max = (int)client_store_bound(b->region_max, CLIENT_STORE_REGION_MAX);
	client_store_bounds.named_max = (int)client_store_bound(b->named_max, CLIENT_STORE_NAMED_MAX);
	client_store_bounds.test_ids = (int)client_store_bound(b->test_ids, CLIENT_STORE_TEST_IDS);
}

/* client_store_place_open prepares in *st the test of a candidate (?2 its name, ?3 its id) for a
 * region, on its entry in the index of names, which carries the region (migration 010). */
static int client_store_place_open(struct db *db, struct arena *a, int64_t org, const char *region, struct db_stmt **st)
{
	*st = NULL;
	const char *end = client_store_region_end(a, region);
	if (end == NULL)
		return ERR_NOMEM;
	int rc = db_prepare(db, "SELECT 1 FROM client INDEXED BY client_by_name WHERE org_id=?1 AND name_norm=?2"
				" AND id=?3 AND region>=?4 AND region<?5", st);
	if (rc == 0)
		rc = db_bind_int(*st, 1, org);
	if (rc == 0)
		rc = db_bind_text(*st, 4, region);
	if (rc == 0)
		rc = db_bind_text(*st, 5, end);
	return rc;
}

/* client_store_in_place tells whether the candidate (name, id) is in st's region: 1 or 0, or an
 * error. */
static int client_store_in_place(struct db_stmt *st, const char *name, int64_t id)
{
	int rc = db_bind_text(st, 2, name);
	if (rc == 0)
		rc = db_bind_int(st, 3, id);
	if (rc == 0)
		rc = db_step(st);
	db_reset(st);
	return rc < 0 ? rc : rc == DB_ROW;
}

/* A candidate by its normalised name: to test for a region, or to list again. */
struct client_named {
	const char *name;
	int64_t id;
};

static int client_named_cmp(const void *x, const void *y)
{
	const struct client_named *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : a->id < b->id ? -1 : a->id > b->id;
}

/* A list in progress: candidates (by id) each read with the query's conditions (row, ?2 the id),
 * placed by client_scan_phase when there are words, and kept by the sort key. */
struct client_scan {
	struct arena *a;
	const struct name_query *words; /* NULL: no words */
	struct db_stmt *row;
	struct db_stmt *place; /* words by name, with a region: is the candidate in it (NULL: no test) */
	/* Words by name: the candidates of the exact tier that the variants' tier need not read
	 * again (all but those found to be variants), ascending once that tier starts. */
	int64_t *settled;
	int nsettled, settled_max;
	/* Words by name from the top of the list (keep_variants): the variants met in the exact
	 * parts, which the variants' part lists without a scan when its scan would meet only the
	 * exact parts' candidates again (name_index_variants). */
	bool keep_variants;
	struct client_named *variants; /* room for want */
	int nvariants;
	/* In order by name, the part of the list being listed (client_scan_phase): 0 the names that
	 * start with what was typed (lead), 1 the other exact matches, 2 the variants. */
	int tier;
	const char *lead;  /* words: the normalised query text */
	size_t nlead;
	bool sorted;       /* candidates come in any order, each placed by its key */
	bool by_update;    /* newest first (always sorted) */
	const char *after; /* sorted by name: the cursor's key and id */
	int64_t after_id;
	struct client_page *page;
	const char **keys;
	int want;
};

/* client_scan_leads tells whether a client's normalised name starts with what was typed. */
static bool client_scan_leads(const struct client_scan *s, const char *name_norm)
{
	return s->lead && name_norm && strncmp(name_norm, s->lead, s->nlead) == 0;
}

/* client_scan_phase places a client of search tier tier (name_query_tier) in the list by name:
 * first the names that start with what was typed ("Soekarno" and "Soekarno Putra" before "Putra
 * Soekarno"), then the other exact matches, then the variants; -1 when it does not match. */
static int client_scan_phase(const struct client_scan *s, int tier, const char *name_norm)
{
	if (tier < 0)
		return -1;
	if (tier == 1)
		return 2;
	return client_scan_leads(s, name_norm) ? 0 : 1;
}

/* client_scan_before tells whether (key, id) comes before (k, kid) in the list. */
static bool client_scan_before(const struct client_scan *s, const char *key, int64_t id, const char *k, int64_t kid)
{
	int cmp = strcmp(key, k);
	if (s->by_update)
		return cmp > 0 || (cmp == 0 && id > kid);
	return cmp < 0 || (cmp == 0 && id < kid);
}

/* client_scan_kept tells whether a row updated at updated (id) would be among the newest kept: by
 * update, a full page takes only rows newer than its oldest. */
static bool client_scan_kept(const struct client_scan *s, const char *updated, int64_t id)
{
	if (!s->by_update || s->page->n < s->want)
		return true;
	return client_scan_before(s, updated ? updated : "", id, s->keys[s->want - 1], s->page->items[s->want - 1].id);
}

/* client_scan_keep_variant keeps the candidate on s->row, a variant met in an exact part, among
 * the first s->want by name: no more can be listed. They stay in order by name. */
static int client_scan_keep_variant(struct client_scan *s)
{
	const char *name = db_col_text(s->row, 8);
	struct client_named c = {name ? name : "", db_col_int(s->row, 0)};
	int at = s->nvariants;
	while (at > 0 && client_named_cmp(&c, &s->variants[at - 1]) < 0)
		at--;
	if (at >= s->want)
		return 0;
	if (s->variants == NULL && (s->variants = arena_alloc(s->a, sizeof *s->variants * (size_t)s->want)) == NULL)
		return ERR_NOMEM;
	if ((c.name = arena_strdup(s->a, c.name)) == NULL)
		return ERR_NOMEM;
	int n = s->nvariants < s->want ? s->nvariants : s->want - 1;
	memmove(s->variants + at + 1, s->variants + at, sizeof *s->variants * (size_t)(n - at));
	s->variants[at] = c;
	s->nvariants = n + 1;
	return 0;
}

/* client_scan_key is the sort key of a client of part phase (0-2) of a list by words: the part's
 * digit, then the normalised name. */
static const char *client_scan_key(struct arena *a, int phase, const char *name_norm)
{
	size_t n = strlen(name_norm);
	char *key = arena_alloc(a, n + 2);
	if (key) {
		key[0] = (char)('0' + phase);
		memcpy(key + 1, name_norm, n + 1);
	}
	return key;
}

/* client_scan_place reads candidate id (name: its key in the index of names, or NULL) with the
 * conditions, and places it in the page when it belongs there; *found is its tier, -1 when it
 * does not meet them. Returns 1 when the page is full (in order), 0 to go on, < 0 an error. */
static int client_scan_place(struct client_scan *s, const char *name, int64_t id, int *found)
{
	*found = -1;
	if (s->place && name) {
		/* The region is on the candidate's entry in the index of names, which the scan's order
		 * walks too: a client outside it is passed over without reading its row. */
		int in = client_store_in_place(s->place, name, id);
		if (in <= 0)
			return in;
	}
	int rc = db_bind_int(s->row, 2, id);
	if (rc == 0)
		rc = db_step(s->row);
	if (rc == DB_ROW && !client_scan_kept(s, db_col_text(s->row, 7), id)) {
		rc = 0; /* older than a full page: nothing to copy */
	} else if (rc == DB_ROW) {
		rc = 0;
		int tier = 0, phase = 0;
		if (s->words) {
			const char *text = db_col_text(s->row, 13);
			tier = name_query_tier(s->words, text ? text : "");
			phase = client_scan_phase(s, tier, db_col_text(s->row, 8));
		}
		*found = tier;
		if (tier == 1 && s->keep_variants && s->tier <= 1)
			rc = client_scan_keep_variant(s);
		if (rc == 0 && (s->sorted ? tier >= 0 : phase == s->tier)) {
			struct client c = {0};
			client_store_summary(s->row, s->a, &c);
			c.variant = tier == 1;
			const char *key = s->by_update ? c.updated_at
				       : s->words  ? client_scan_key(s->a, phase, c.name_norm ? c.name_norm : "")
						   : c.name_norm;
			if (c.uid == NULL || c.name_norm == NULL || key == NULL)
				rc = ERR_NOMEM;
			/* Sorted by name, the cursor is passed here (by update, the statement has it). */
			bool passed = !s->after || s->by_update || client_scan_before(s, s->after, s->after_id, key, c.id);
			/* In order, the candidates come in order; sorted, each goes among those kept. */
			int at = s->page->n;
			while (rc == 0 && s->sorted && at > 0 && client_scan_before(s, key, c.id, s->keys[at - 1], s->page->items[at - 1].id))
				at--;
			if (rc == 0 && passed && at < s->want) {
				int n = s->page->n < s->want ? s->page->n : s->want - 1;
				memmove(s->page->items + at + 1, s->page->items + at, sizeof c * (size_t)(n - at));
				memmove(s->keys + at + 1, s->keys + at, sizeof key * (size_t)(n - at));
				s->page->items[at] = c;
				s->keys[at] = key;
				s->page->n = n + 1;
			}
		}
	}
	db_reset(s->row);
	if (rc < 0)
		return rc;
	return !s->sorted && s->page->n == s->want;
}

static int client_store_id_cmp(const void *x, const void *y);

/* client_scan_visit places a candidate (client_scan_place). Words by name, the variants' part
 * passes over the candidates the exact parts settled: a list with a region whose words' clients
 * live elsewhere would read each of them twice; and the other exact matches pass over the names
 * that start with what was typed, listed before them. */
static int client_scan_visit(void *ctx, const char *name, int64_t id)
{
	struct client_scan *s = ctx;
	bool ordered_words = s->words && !s->sorted;
	if (ordered_words && s->tier == 2 && s->nsettled > 0 &&
	    bsearch(&id, s->settled, (size_t)s->nsettled, sizeof id, client_store_id_cmp))
		return 0;
	if (ordered_words && s->tier == 1 && client_scan_leads(s, name))
		return 0; /* listed first, with the names that start with what was typed */
	int tier;
	int rc = client_scan_place(s, name, id, &tier);
	if (rc >= 0 && ordered_words && s->tier <= 1 && tier != 1) {
		void *v = s->settled;
		if (arena_grow(s->a, &v, s->nsettled, &s->settled_max, sizeof *s->settled))
			return ERR_NOMEM;
		s->settled = v;
		s->settled[s->nsettled++] = id;
	}
	return rc;
}

/* client_scan_open readies s for q: the statement that reads one candidate with q's conditions,
 * and room for a page and one row more. */
static int client_scan_open(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			    const struct name_query *words, const char *ckey, int64_t cid, struct client_page *page,
			    struct client_scan *s)
{
	struct client_sql sql = {.first = 3};
	client_sql_add(&sql, CLIENT_SUMMARY " WHERE c.id = ?2 AND c.org_id = ?1");
	client_store_filters(&sql, a, q, ckey, cid);
	memset(page, 0, sizeof *page); /* a plan given up may have left rows */
	*s = (struct client_scan){.a = a, .words = words, .by_update = q->by_update, .sorted = q->by_update,
				  .after = ckey, .after_id = cid, .page = page, .want = q->limit + 1,
				  .lead = words ? q->q : NULL, .nlead = words && q->q ? strlen(q->q) : 0};
	page->items = arena_alloc(a, sizeof *page->items * (size_t)s->want);
	s->keys = arena_alloc(a, sizeof *s->keys * (size_t)s->want);
	if (page->items == NULL || s->keys == NULL)
		return ERR_NOMEM;
	return client_sql_prepare(db, &sql, org, &s->row);
}

/* client_scan_close ends s: a page and one row more means there is a next page, from the last. */
static int client_scan_close(struct client_scan *s, int rc, int limit)
{
	db_finalize(s->row);
	db_finalize(s->place);
	if (rc == 0 && s->page->n == s->want) {
		s->page->n = limit;
		s->page->next_cursor = client_store_cursor(s->a, s->keys[limit - 1], s->page->items[limit - 1].id);
	}
	return rc;
}

/* client_store_among lists, by the sort key, the clients among ids[0..n) that meet q. */
static int client_store_among(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			    const struct name_query *words, const char *ckey, int64_t cid, const int64_t *ids, int n,
			    struct client_page *page)
{
	struct client_scan s;
	int rc = client_scan_open(db, a, org, q, words, ckey, cid, page, &s);
	s.sorted = true;
	for (int i = 0; rc == 0 && i < n; i++)
		rc = client_scan_visit(&s, NULL, ids[i]);
	return client_scan_close(&s, rc < 0 ? rc : 0, q->limit);
}

static int client_store_id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return a < b ? -1 : a > b;
}

/* Ways to pick clients other than words, each through an index. */
enum { DRIVER_NIK, DRIVER_REGION, DRIVER_PPKS, DRIVER_FLAG, DRIVER_ARCHIVED, DRIVERS };

/* Two or more conditions that each hold many clients may still hold few together (a NIK prefix
 * of one district and the region of another, street children and a PPKS category of the old):
 * their ids are intersected, each read up to this (2 MB; reading 137,000 ids of a PPKS category
 * takes 5 ms at 1,000,000 clients, walking the list of names to find none of them 4 s). */
#define CLIENT_STORE_INTERSECT_MAX 262144

/* client_store_conditions counts q's conditions that have an index (DRIVER_*). */
static int client_store_conditions(const struct client_query *q)
{
	return (q->q && str_all_digits(q->q)) + (q->region != NULL) + (q->ppks > 0) + (q->flag != NULL) + q->archived;
}

/* client_store_driver_ids reads into ids (room for limit) at most limit ids of the clients meeting
 * condition k of q, in ascending order; *m is their number, or -1 when q has no condition k. The
 * ids of a PPKS category or a flag are every organisation's (their indexes do not hold the
 * organisation): the rows read then keep the organisation's own, and a small organisation in a
 * large database walks its own short lists instead. */
static int client_store_driver_ids(struct db *db, struct arena *a, int64_t org, const struct client_query *q, int k,
				   int64_t limit, int64_t *ids, int *m)
{
	struct db_stmt *st = NULL;
	int rc = 0;
	*m = -1;
	const char *end = k == DRIVER_NIK && q->q ? client_store_nik_end(a, q->q)
			  : k == DRIVER_REGION && q->region ? client_store_region_end(a, q->region)
							    : "";
	if (end == NULL)
		return ERR_NOMEM;
	if (k == DRIVER_NIK && q->q && str_all_digits(q->q))
		rc = db_query(db, &st, "SELECT id FROM client WHERE org_id=? AND nik>=? AND nik<? LIMIT ?", "itti", org, q->q,
			      end, limit);
	else if (k == DRIVER_REGION && q->region)
		rc = db_query(db, &st, "SELECT id FROM client WHERE org_id=? AND region>=? AND region<? LIMIT ?", "itti", org,
			      q->region, end, limit);
	else if (k == DRIVER_PPKS && q->ppks > 0)
		rc = db_query(db, &st, "SELECT client_id FROM client_ppks WHERE code=? LIMIT ?", "ii", (int64_t)q->ppks, limit);
	else if (k == DRIVER_FLAG && q->flag && strcmp(q->flag, "nik_warning") == 0)
		rc = db_query(db, &st, "SELECT id FROM client WHERE org_id=? AND nik_warning IS NOT NULL LIMIT ?", "ii", org,
			      limit);
	else if (k == DRIVER_FLAG && q->flag)
		rc = db_query(db, &st, "SELECT client_id FROM client_flag WHERE flag=? LIMIT ?", "ti", q->flag, limit);
	else if (k == DRIVER_ARCHIVED && q->archived)
		rc = db_query(db, &st, "SELECT id FROM client WHERE org_id=? AND archived_at IS NOT NULL LIMIT ?", "ii", org,
			      limit);
	if (rc || st == NULL)
		return rc;
	int n = 0;
	bool sorted = true; /* a PPKS category's or a flag's ids come in order */
	while ((rc = db_step(st)) == DB_ROW) {
		ids[n] = db_col_int(st, 0);
		sorted = sorted && (n == 0 || ids[n - 1] < ids[n]);
		n++;
	}
	db_finalize(st);
	if (rc < 0)
		return rc;
	if (!sorted)
		rc = keysort(a, ids, (size_t)n, sizeof *ids);
	if (rc)
		return rc;
	*m = n;
	return 0;
}

/* client_store_driver finds q's indexed condition that the fewest clients meet, when some holds at
 * most CLIENT_STORE_SET_MAX: *chosen is that condition and *n their number; their ids go to *ids
 * in ascending order (rows are then read in the order of the file). Without words a region is
 * listed along its index (client_store_region) rather than read as a set: it is only counted, up
 * to CLIENT_STORE_REGION_MAX when it is the only condition. *n is -1 when every condition holds
 * more. *conditions is the number of q's indexed conditions. */
static int client_store_driver(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			       bool words, int64_t **ids, int *n, int *chosen, int *conditions)
{
	*n = -1;
	*ids = NULL;
	*chosen = -1;
	int present = client_store_conditions(q);
	*conditions = present;
	if (present == 0)
		return 0;
	int64_t *buf = arena_alloc(a, sizeof *buf * (CLIENT_STORE_SET_MAX + 1));
	int64_t *best = arena_alloc(a, sizeof *best * (CLIENT_STORE_SET_MAX + 1));
	if (buf == NULL || best == NULL)
		return ERR_NOMEM;
	int rc = 0;
	for (int k = 0; k < DRIVERS && rc == 0; k++) {
		bool counted = k == DRIVER_REGION && q->region && !words;
		/* Only fewer than the best so far can replace it. */
		int64_t limit = (counted && present == 1 ? client_store_bounds.region_max : client_store_bounds.set_max) + 1;
		if (*n >= 0 && *n < limit)
			limit = *n;
		if (limit == 0)
			break;
		int m = -1;
		if (counted) {
			struct db_stmt *st = NULL;
			const char *hi = client_store_region_end(a, q->region);
			if (hi == NULL)
				return ERR_NOMEM;
			rc = db_query(db, &st, "SELECT count(*) FROM (SELECT 1 FROM client WHERE org_id=? AND region>=? AND region<? LIMIT ?)",
				      "itti", org, q->region, hi, limit);
			if (rc == 0 && (rc = db_step(st)) == DB_ROW) {
				m = (int)db_col_int(st, 0);
				rc = 0;
			}
			db_finalize(st);
		} else {
			rc = client_store_driver_ids(db, a, org, q, k, limit, buf, &m);
		}
		if (rc == 0 && m >= 0 && m < limit) {
			*n = m;
			*chosen = k;
			if (!counted) {
				int64_t *t = best;
				best = buf;
				buf = t;
			}
		}
	}
	*ids = best;
	return rc < 0 ? rc : 0;
}

/* The candidates of a name query, by id, up to max. */
struct client_ids {
	int64_t *v;
	int n, max;
};

static int client_ids_visit(void *ctx, const char *name, int64_t id)
{
	(void)name;
	struct client_ids *c = ctx;
	c->v[c->n++] = id;
	return c->n == c->max;
}

/* client_store_in_region keeps, of the candidates ids[0..n) (names: their names), those whose
 * region is within q's (index of names), ascending by id in out (which may be ids); their number
 * goes to *m. The tests go in the order of the names: the entries they read then lie together in
 * the index. */
static int client_store_in_region(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
				  const int64_t *ids, const char **names, int n, int64_t *out, int *m)
{
	*m = 0;
	struct client_named *c = arena_alloc(a, sizeof *c * (size_t)(n + 1));
	if (c == NULL)
		return ERR_NOMEM;
	for (int i = 0; i < n; i++)
		c[i] = (struct client_named){names[i], ids[i]};
	qsort(c, (size_t)n, sizeof *c, client_named_cmp);
	struct db_stmt *st;
	int rc = client_store_place_open(db, a, org, q->region, &st);
	for (int i = 0; rc == 0 && i < n; i++) {
		int in = client_store_in_place(st, c[i].name, c[i].id);
		if (in > 0)
			out[(*m)++] = c[i].id;
		rc = in < 0 ? in : 0;
	}
	db_finalize(st);
	if (rc == 0)
		rc = keysort(a, out, (size_t)*m, sizeof *out);
	return rc;
}

static int client_store_level(const char *region);

/* client_store_region_size estimates in *size the clients of region, a province or a regency
 * (region_clients); -1 for a region of another level, where clients are few. */
static int client_store_region_size(struct db *db, int64_t org, const char *region, int64_t *size)
{
	*size = -1;
	if (client_store_level(region) == 0)
		return 0;
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT clients FROM region_clients WHERE org_id=? AND code=?", "it", org, region);
	if (rc)
		return rc;
	rc = db_step(st);
	*size = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* client_store_both keeps in x[0..n) the ids also in y[0..m) (both ascending): their number. */
static int client_store_both(int64_t *x, int n, const int64_t *y, int m)
{
	int o = 0;
	for (int i = 0, j = 0; i < n && j < m;) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else
			x[o++] = x[i++], j++;
	}
	return o;
}

/* client_store_intersect intersects the ids of q's conditions (words included) that hold at most
 * CLIENT_STORE_INTERSECT_MAX clients each, when two or more do: when the intersection holds at
 * most CLIENT_STORE_SET_MAX, its ids go to *ids (ascending) and their number to *n, else *n is -1.
 * For conditions that each hold many and together few (a NIK prefix of one district and the
 * region of another; street children and a PPKS category of the old): walking the list found
 * none of them in 4 s at 1,000,000 clients, reading 137,000 ids of a PPKS category takes 5 ms.
 * The words' candidates are gathered from the index of names (name_index_gather). Words and a
 * region go together first when those are few (CLIENT_STORE_NAMED_MAX): intersected with the
 * region's ids when it is small next to them (CLIENT_STORE_TEST_IDS, region_clients), else each
 * tested for the region on the index of names. */
static int client_store_intersect(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
				  const struct name_query *words, int64_t **ids, int *n)
{
	*n = -1;
	int64_t *both = NULL, *next = arena_alloc(a, sizeof *next * (CLIENT_STORE_INTERSECT_MAX + 1));
	int nboth = 0, whole = 0, rc = 0;
	if (next == NULL)
		return ERR_NOMEM;
	bool named = false; /* the words and the region are taken together */
	if (words && q->region) {
		int64_t *v;
		const char **names;
		int m;
		rc = name_index_gather(db, a, org, words, client_store_bounds.named_max, &v, &names, &m);
		if (rc == 0 && m >= 0) {
			/* The region's ids when they cost less to read than the tests: at most so many. */
			int r = -1;
			int64_t limit = (int64_t)m * client_store_bounds.test_ids, size = -1;
			if (limit > CLIENT_STORE_INTERSECT_MAX)
				limit = CLIENT_STORE_INTERSECT_MAX;
			if (m > 0)
				rc = client_store_region_size(db, org, q->region, &size);
			if (rc == 0 && m > 0 && size <= limit)
				rc = client_store_driver_ids(db, a, org, q, DRIVER_REGION, limit + 1, next, &r);
			if (rc == 0 && r >= 0 && r <= limit)
				nboth = client_store_both(v, m, next, r);
			else if (rc == 0 && m > 0)
				rc = client_store_in_region(db, a, org, q, v, names, m, v, &nboth);
			both = v;
			whole = 2;
			named = true;
		}
	}
	/* The words last: their candidates cost the most to read. Once few are left, the rest of the
	 * conditions are checked on their rows. */
	for (int k = 0; k <= DRIVERS && rc == 0 && !(whole >= 2 && nboth <= client_store_bounds.set_max); k++) {
		int m = -1;
		int64_t *got = next;
		if (k == DRIVERS && !words)
			break;
		if (named && (k == DRIVERS || k == DRIVER_REGION))
			continue;
		if (k == DRIVERS)
			rc = name_index_gather(db, a, org, words, CLIENT_STORE_INTERSECT_MAX, &got, NULL, &m);
		else
			rc = client_store_driver_ids(db, a, org, q, k, CLIENT_STORE_INTERSECT_MAX + 1, next, &m);
		if (rc || m < 0 || m > CLIENT_STORE_INTERSECT_MAX)
			continue;
		if (whole++ == 0) {
			both = got;
			nboth = m;
			if (got == next) {
				next = arena_alloc(a, sizeof *next * (CLIENT_STORE_INTERSECT_MAX + 1));
				if (next == NULL)
					return ERR_NOMEM;
			}
			continue;
		}
		nboth = client_store_both(both, nboth, got, m);
	}
	if (rc == 0 && whole >= 2 && nboth <= client_store_bounds.set_max) {
		*ids = both;
		*n = nboth;
	}
	return rc;
}

/* client_store_level tells whether region is a province ("32") or a regency ("32.04") code: 2 or
 * 5, the length its index by name keys on (migration 011); 0 otherwise. */
static int client_store_level(const char *region)
{
	if (region == NULL)
		return 0;
	size_t n = strlen(region);
	bool dd = n >= 2 && region[0] >= '0' && region[0] <= '9' && region[1] >= '0' && region[1] <= '9';
	if (n == 2 && dd)
		return 2;
	if (n == 5 && dd && region[2] == '.' && region[3] >= '0' && region[3] <= '9' && region[4] >= '0' && region[4] <= '9')
		return 5;
	return 0;
}

/* client_store_walk lists along the index of names or of updates, with q's conditions in the
 * statement; words, when given, are checked on each row (by update: the matches are many). */
static int client_store_walk(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			     const struct name_query *words, const char *ckey, int64_t cid, struct client_page *page)
{
	memset(page, 0, sizeof *page); /* a plan given up may have left rows */
	struct client_sql sql = {.first = 2};
	/* The conditions pass often: the sort order's own index, not a range to sort; by name in a
	 * province or regency, the index of its clients by name. */
	int level = q->by_update || words ? 0 : client_store_level(q->region);
	client_sql_add(&sql, q->by_update ? CLIENT_SUMMARY_FROM("client_by_update")
			     : level == 2 ? CLIENT_SUMMARY_FROM("client_by_province")
			     : level == 5 ? CLIENT_SUMMARY_FROM("client_by_regency")
					  : CLIENT_SUMMARY_FROM("client_by_name"));
	client_sql_add(&sql, " WHERE c.org_id = ?1");
	if (level)
		client_sql_add(&sql, " AND substr(c.region, 1, %d) = ?%d", level, client_sql_bind(&sql, q->region));
	client_store_filters(&sql, a, q, ckey, cid);
	if (ckey && !q->by_update) {
		int k = client_sql_bind(&sql, ckey);
		int i = client_sql_bind(&sql, arena_printf(a, "%lld", (long long)cid));
		client_sql_add(&sql, " AND (c.name_norm > ?%d OR (c.name_norm = ?%d AND c.id > CAST(?%d AS INTEGER)))", k, k, i);
	}
	client_sql_add(&sql, q->by_update ? " ORDER BY c.updated_at DESC, c.id DESC" : " ORDER BY c.name_norm, c.id");
	if (!words)
		client_sql_add(&sql, " LIMIT %d", q->limit + 1);
	struct db_stmt *st;
	int rc = client_sql_prepare(db, &sql, org, &st);
	if (rc)
		return rc;
	page->items = arena_alloc(a, sizeof *page->items * (size_t)(q->limit + 1));
	if (page->items == NULL)
		rc = ERR_NOMEM;
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		rc = 0;
		int tier = 0;
		if (words) {
			const char *text = db_col_text(st, 13);
			if ((tier = name_query_tier(words, text ? text : "")) < 0)
				continue;
		}
		if (page->n == q->limit) {
			const struct client *last = &page->items[page->n - 1];
			page->next_cursor = client_store_cursor(a, q->by_update ? last->updated_at : last->name_norm, last->id);
			break;
		}
		client_store_summary(st, a, &page->items[page->n]);
		page->items[page->n++].variant = tier == 1;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

/* client_scan_range visits the candidates of sql in the list's order (columns: the id, then the
 * list's key; ?1 org, ?2 and ?3 the range read, ?4 and ?5 the key and id to start after, ?6 how
 * many, and with region ?7 and ?8 the region's range), chunk by chunk: a page and a few more
 * first (most candidates pass), then four times as many, until the page is full or the range
 * ends. */
static int client_scan_range(struct db *db, struct client_scan *s, const char *sql, int64_t org, const char *lo,
			     const char *hi, const char *region, const char *rend, const char *after, int64_t after_id)
{
	int rc = 0;
	int64_t chunk = s->want + 8;
	bool more = true;
	while (rc == 0 && more && s->page->n < s->want) {
		struct db_stmt *st = NULL;
		rc = region ? db_query(db, &st, sql, "itttiitt", org, lo, hi, after, after_id, chunk, region, rend)
			    : db_query(db, &st, sql, "itttii", org, lo, hi, after, after_id, chunk);
		int got = 0, full = 0;
		while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
			got++;
			after_id = db_col_int(st, 0);
			after = db_col_dup(st, 1, s->a);
			rc = after ? client_scan_visit(s, NULL, after_id) : ERR_NOMEM;
			if (rc > 0) {
				full = 1;
				rc = 0;
				break;
			}
		}
		db_finalize(st);
		more = !full && got == chunk;
		chunk *= 4;
	}
	return rc < 0 ? rc : 0;
}

/* client_store_region lists the clients of q's region, its only condition with an index, by name
 * or by update: the next candidates in the list's order are taken from the index of regions alone
 * (a range of it sorted, no row read), then read one by one with q's other conditions until a page
 * is full. Its cost follows the region's size: names follow regions, and a province's clients can
 * start far into the list of names (46 ms walking to them at 1,000,000 clients, 10 ms this way). */
static int client_store_region(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			       const char *ckey, int64_t cid, struct client_page *page)
{
	struct client_scan s;
	int rc = client_scan_open(db, a, org, q, NULL, ckey, cid, page, &s);
	s.sorted = false; /* the candidates come in the list's order */
	s.after = NULL;   /* and after the cursor */
	const char *sql = q->by_update
		? "SELECT id, updated_at FROM client INDEXED BY client_by_region WHERE org_id=?1 AND region>=?2 AND region<?3"
		  " AND (?4 IS NULL OR updated_at < ?4 OR (updated_at = ?4 AND id < ?5)) ORDER BY updated_at DESC, id DESC LIMIT ?6"
		: "SELECT id, name_norm FROM client INDEXED BY client_by_region WHERE org_id=?1 AND region>=?2 AND region<?3"
		  " AND (?4 IS NULL OR name_norm > ?4 OR (name_norm = ?4 AND id > ?5)) ORDER BY name_norm, id LIMIT ?6";
	const char *hi = client_store_region_end(a, q->region);
	if (rc == 0)
		rc = hi ? client_scan_range(db, &s, sql, org, q->region, hi, NULL, NULL, ckey, cid) : ERR_NOMEM;
	return client_scan_close(&s, rc, q->limit);
}

/* client_store_leading lists, for the first part of a list of words by name, the clients whose
 * name starts with what was typed, along the index of names (which carries the region), from the
 * cursor's (after, after_id) when given: a range of one index rather than a merge of the words'
 * tokens. */
static int client_store_leading(struct db *db, struct client_scan *s, int64_t org, const struct client_query *q,
				const char *after, int64_t after_id)
{
	const char *end = arena_printf(s->a, "%s\xff", s->lead);
	const char *rend = q->region ? client_store_region_end(s->a, q->region) : NULL;
	if (end == NULL || (q->region && rend == NULL))
		return ERR_NOMEM;
	const char *sql = q->region
		? "SELECT id, name_norm FROM client INDEXED BY client_by_name WHERE org_id=?1 AND name_norm>=?2"
		  " AND name_norm<?3 AND (?4 IS NULL OR name_norm>?4 OR (name_norm=?4 AND id>?5)) AND region>=?7"
		  " AND region<?8 ORDER BY name_norm, id LIMIT ?6"
		: "SELECT id, name_norm FROM client INDEXED BY client_by_name WHERE org_id=?1 AND name_norm>=?2"
		  " AND name_norm<?3 AND (?4 IS NULL OR name_norm>?4 OR (name_norm=?4 AND id>?5))"
		  " ORDER BY name_norm, id LIMIT ?6";
	/* No names to the visitor: the region is tested on the index entries. */
	return client_scan_range(db, s, sql, org, s->lead, end, q->region, rend, after, after_id);
}

/* client_store_variants lists the variants' part of a list of words by name, from the candidates
 * that may be variants in the index of names (name_index_variants: a query whose matches are
 * fewer than a page is then not leapfrogged twice through its exact matches to the end); or, for
 * a list from its top whose variants' scan would meet only the exact parts' candidates again (a
 * word too common to look up), from the variants kept among those. */
static int client_store_variants(struct db *db, struct client_scan *s, int64_t org, const struct name_query *words,
				 const char *after, int64_t after_id)
{
	bool same = false;
	int rc = name_index_variants(db, s->a, org, words, after, after_id, client_scan_visit, s,
				     s->keep_variants ? &same : NULL);
	if (rc || !same)
		return rc;
	/* No names: their region was tested when they were met. */
	for (int i = 0; rc == 0 && i < s->nvariants; i++)
		rc = client_scan_visit(s, NULL, s->variants[i].id);
	return rc < 0 ? rc : 0;
}

/* client_store_search_words lists the clients matching the words of q->q in order by name: the
 * names that start with what was typed (client_store_leading), then the other exact matches
 * (tier 0 of the name index), then the variants (tier 1). */
static int client_store_search_words(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
				     const struct name_query *words, const char *ckey, int64_t cid,
				     struct client_page *page)
{
	int start = ckey ? ckey[0] - '0' : 0;
	struct client_scan s;
	int rc = client_scan_open(db, a, org, q, words, ckey, cid, page, &s);
	s.after = NULL; /* the scan starts after the cursor */
	s.keep_variants = ckey == NULL;
	if (rc == 0 && q->region)
		rc = client_store_place_open(db, a, org, q->region, &s.place);
	for (s.tier = start; rc == 0 && s.tier <= 2 && page->n < s.want; s.tier++) {
		bool from_cursor = ckey && s.tier == start;
		if (s.tier == 2 && s.nsettled > 1)
			qsort(s.settled, (size_t)s.nsettled, sizeof *s.settled, client_store_id_cmp);
		if (s.tier == 0)
			rc = client_store_leading(db, &s, org, q, from_cursor ? ckey + 1 : NULL, cid);
		else if (s.tier == 1)
			rc = name_index_scan(db, a, org, words, 0, from_cursor ? ckey + 1 : NULL, cid, client_scan_visit, &s);
		else
			rc = client_store_variants(db, &s, org, words, from_cursor ? ckey + 1 : NULL, cid);
	}
	return client_scan_close(&s, rc, q->limit);
}

/* client_store_quick lists in the order of an index, with the conditions checked on each row:
 * quick when they pass often. Words by name: the ordered scan of the name index; otherwise the
 * index of names or of updates, checking the words if any. */
static int client_store_quick(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			      const struct name_query *words, const char *ckey, int64_t cid, struct client_page *page)
{
	if (words && !q->by_update)
		return client_store_search_words(db, a, org, q, words, ckey, cid, page);
	return client_store_walk(db, a, org, q, words, ckey, cid, page);
}

/* client_store_search_in answers client_store_search inside its read transaction. The plan:
 *   1. a condition held by few clients (client_store_driver; by update, also the words, and
 *      when their candidates are too many, the walk of updates for a while): read those clients
 *      and sort them (client_store_among), or for a region without words, list it along its
 *      index (client_store_region);
 *   2. otherwise the quick plan (client_store_quick), bounded when conditions are checked row by
 *      row (CLIENT_STORE_QUICK_US);
 *   3. past the bound: a region alone, along the index of regions (client_store_region); else the
 *      intersection of the conditions' ids when it is small; otherwise the quick plan to its end. */
static int client_store_search_in(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
				  struct client_page *page)
{
	const char *ckey = NULL;
	int64_t cid = 0;
	memset(page, 0, sizeof *page);
	if (q->cursor && client_store_uncursor(a, q->cursor, &ckey, &cid))
		return ERR_INVALID;
	bool digits = q->q && str_all_digits(q->q);
	struct name_query *words = NULL;
	if (q->q && !digits) {
		words = arena_alloc(a, sizeof *words);
		if (words == NULL)
			return ERR_NOMEM;
		if (name_query_parse(q->q, words) == 0)
			words = NULL; /* no word to look for: every client */
	}
	if (words && ckey && !q->by_update && (ckey[0] < '0' || ckey[0] > '2'))
		return ERR_INVALID;
	/* A province or regency alone, by name: its own index gives the page in order. */
	if (client_store_conditions(q) == 1 && !words && !q->by_update && client_store_level(q->region))
		return client_store_walk(db, a, org, q, NULL, ckey, cid, page);
	int64_t *ids;
	int n, chosen, present;
	int rc = client_store_driver(db, a, org, q, words != NULL, &ids, &n, &chosen, &present);
	bool walked = false; /* the quick plan was given its time, and gave up */
	if (rc == 0 && n < 0 && words && q->by_update) {
		/* By update every match is a candidate: the words are a condition like the others. A
		 * word of many tokens is first checked on the rows of the others' candidates. When they
		 * are too many, the matches may be many too, and the newest soon found along the index
		 * of updates: that walk is given a while; past it, the leapfrog gathers the matches. */
		struct client_ids c = {.max = client_store_bounds.set_max + 1};
		c.v = arena_alloc(a, sizeof *c.v * (size_t)c.max);
		if (c.v == NULL)
			return ERR_NOMEM;
		rc = name_index_every(db, a, org, words, CLIENT_STORE_WORD_TERMS, client_ids_visit, &c);
		if (rc == 0 && c.n == c.max) {
			db_budget(db, client_store_bounds.quick_us);
			rc = client_store_walk(db, a, org, q, words, ckey, cid, page);
			db_budget(db, 0);
			if (rc != ERR_BUDGET)
				return rc;
			walked = true;
			c.n = 0;
			rc = name_index_scan(db, a, org, words, 1, NULL, 0, client_ids_visit, &c);
		}
		if (rc == 0 && c.n < c.max) {
			qsort(c.v, (size_t)c.n, sizeof *c.v, client_store_id_cmp);
			ids = c.v;
			n = c.n;
		}
	}
	if (rc)
		return rc;
	if (n >= 0 && chosen == DRIVER_REGION && !words)
		return client_store_region(db, a, org, q, ckey, cid, page);
	if (n >= 0)
		return client_store_among(db, a, org, q, words, ckey, cid, ids, n, page);
	/* The quick plan is bounded only when a surer one is left: a region alone, or two conditions
	 * (the words one of them) to intersect. */
	bool region_alone = present == 1 && q->region && !words;
	if (!region_alone && present + (words != NULL) < 2)
		return client_store_quick(db, a, org, q, words, ckey, cid, page);
	if (!walked) {
		db_budget(db, client_store_bounds.quick_us);
		rc = client_store_quick(db, a, org, q, words, ckey, cid, page);
		db_budget(db, 0);
		if (rc != ERR_BUDGET)
			return rc;
	}
	if (region_alone)
		return client_store_region(db, a, org, q, ckey, cid, page);
	rc = client_store_intersect(db, a, org, q, words, &ids, &n);
	if (rc == 0 && n >= 0)
		return client_store_among(db, a, org, q, words, ckey, cid, ids, n, page);
	return rc ? rc : client_store_quick(db, a, org, q, words, ckey, cid, page);
}

/* client_store_region_names names the region of each client listed, and when within the regions
 * above it, in the page's snapshot: from the connection's memo of names (store/region_memo.c)
 * rather than a read of the region list for each row, which at 1,000,000 clients with the
 * Kemendagri list cost about a third of a search. */
static int client_store_region_names(struct db *db, struct arena *a, struct client_page *page, bool within)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < page->n; i++) {
		struct client *c = &page->items[i];
		if (c->region == NULL || *c->region == 0)
			continue;
		if (!within) {
			rc = ref_store_region_name(db, a, c->region, &c->region_name);
			continue;
		}
		struct region_item r;
		bool found;
		rc = ref_store_region_get(db, a, c->region, &r, &found);
		if (rc == 0 && found) {
			c->region_name = r.name;
			c->region_within = r.within;
		}
	}
	return rc;
}

int client_store_search(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			struct client_page *page)
{
	/* One snapshot for the check of keys and the many small statements of the answer. When the
	 * caller holds a transaction, the keys are left for a later search: none can start here. */
	bool begun;
	int rc = db_begin_read(db, &begun);
	if (rc == 0 && begun && client_store_unkeyed(db, org)) {
		db_end_read(db, begun);
		client_store_fill_for_search(db, a, org);
		rc = db_begin_read(db, &begun);
	}
	if (rc == 0)
		rc = client_store_search_in(db, a, org, q, page);
	if (rc == 0)
		rc = client_store_region_names(db, a, page, q->within);
	db_end_read(db, begun);
	return rc;
}

/* client_store_key_row reads the uid and name_norm of the first row of st (finalized here). */
static int client_store_key_row(struct db_stmt *st, struct arena *a, const char **uid, const char **name_norm,
				const char **other)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*uid = db_col_dup(st, 0, a);
		*name_norm = db_col_dup(st, 1, a);
		*other = db_col_dup(st, 2, a);
		rc = *uid && *name_norm ? 0 : ERR_NOMEM;
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int client_store_keyed(struct db *db, struct arena *a, int64_t org, const struct client *c, const char *external_id,
		       const char **uid, const char **name_norm, enum client_key *by, bool *mismatch)
{
	struct db_stmt *st;
	const char *other = NULL; /* the found client's other key: its external_id, or its NIK */
	*uid = *name_norm = NULL;
	*by = CLIENT_KEY_NONE;
	*mismatch = false;
	int rc = 0;
	if (c->nik) {
		rc = db_query(db, &st, "SELECT uid, name_norm, external_id FROM client WHERE org_id=? AND nik=?", "it", org,
			      c->nik);
		if (rc == 0)
			rc = client_store_key_row(st, a, uid, name_norm, &other);
		*by = CLIENT_KEY_NIK;
		*mismatch = *uid && other && external_id && strcmp(other, external_id) != 0;
	}
	/* A row with a NIK its client lacked when first imported is still that client; a client with
	 * another NIK is not. */
	if (rc == 0 && *uid == NULL && external_id) {
		rc = db_query(db, &st, "SELECT uid, name_norm, nik FROM client WHERE org_id=? AND external_id=?", "it", org,
			      external_id);
		if (rc == 0)
			rc = client_store_key_row(st, a, uid, name_norm, &other);
		*by = CLIENT_KEY_EXTERNAL;
		*mismatch = *uid && other && c->nik;
	}
	if (rc == 0 && !c->nik && !external_id) {
		/* Through client_dup (name_key, birth date); rows whose key is not filled yet by name_norm. */
		char key[CLIENT_STORE_KEY_MAX];
		name_dup_key(c->name_norm, key, sizeof key);
		rc = db_query(db, &st,
			      "SELECT uid, name_norm, NULL FROM client WHERE id IN (" CLIENT_STORE_SAME_KEY ") AND name_norm=?4"
			      " AND sex IS ?5 AND region IS ?6 AND nik IS NULL AND external_id IS NULL ORDER BY id LIMIT 1",
			      "ittttt", org, key, c->birth_date, c->name_norm, c->sex, c->region);
		if (rc == 0)
			rc = client_store_key_row(st, a, uid, name_norm, &other);
		*by = CLIENT_KEY_CONTENT;
	}
	if (*uid == NULL)
		*by = CLIENT_KEY_NONE;
	return rc;
}

int client_store_set_external(struct db *db, int64_t id, const char *external_id)
{
	return db_run(db, "UPDATE client SET external_id = ? WHERE id = ?", "ti", external_id, id);
}
