/* client_store.c: SQL for the client registry. Specific personal data is sealed in the row. */
#include "store/client_store.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/secret.h"
#include "base/str.h"
#include "base/uuid.h"
#include <jansson.h>
#include <string.h>

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

int client_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct client *c)
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
	rc = db_run(db,
		    "INSERT INTO client(uid, org_id, nik, kk, name, name_norm, search_names, other_names,"
		    " sex, birth_place, birth_date, address, region, phone, household, consent,"
		    " disability_box, notes_box, nik_warning, version, created_at, created_by,"
		    " updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?)",
		    "ti" "tttttttttttttt" "bb" "t" "titi", uid, org, c->nik, c->kk, c->name, c->name_norm,
		    c->search_names, c->other_names, c->sex, c->birth_place, c->birth_date, c->address,
		    c->region, c->phone, client_store_household(a, c), client_store_consent(a, c), dbox,
		    dn, nbox, nn, c->nik_warning, now, user, now, user);
	if (rc)
		return rc;
	c->id = db_last_id(db);
	c->version = 1;
	c->created_at = c->updated_at = arena_strdup(a, now);
	return client_store_write_lists(db, c, true);
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
	rc = db_run(db,
		    "UPDATE client SET nik=?, kk=?, name=?, name_norm=?, search_names=?, other_names=?,"
		    " sex=?, birth_place=?, birth_date=?, address=?, region=?, phone=?, household=?,"
		    " consent=?, disability_box=?, notes_box=?, nik_warning=?, version=version+1,"
		    " updated_at=?, updated_by=? WHERE id=? AND version=?",
		    "ttttttttttttttbbttiii", c->nik, c->kk, c->name, c->name_norm, c->search_names,
		    c->other_names, c->sex, c->birth_place, c->birth_date, c->address, c->region,
		    c->phone, client_store_household(a, c), client_store_consent(a, c), dbox, dn, nbox,
		    nn, c->nik_warning, now, user, c->id, c->version);
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

static const char *client_store_text(struct arena *a, struct db_stmt *st, int col)
{
	return arena_strdup(a, db_col_text(st, col));
}

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
	c->uid = client_store_text(a, st, 1);
	c->nik = client_store_text(a, st, 2);
	c->kk = client_store_text(a, st, 3);
	c->name = client_store_text(a, st, 4);
	c->other_names = client_store_text(a, st, 5);
	c->sex = client_store_text(a, st, 6);
	c->birth_place = client_store_text(a, st, 7);
	c->birth_date = client_store_text(a, st, 8);
	c->address = client_store_text(a, st, 9);
	c->region = client_store_text(a, st, 10);
	c->phone = client_store_text(a, st, 11);
	c->nik_warning = client_store_text(a, st, 16);
	c->version = db_col_int(st, 17);
	c->created_at = client_store_text(a, st, 18);
	c->created_by = client_store_text(a, st, 19);
	c->updated_at = client_store_text(a, st, 20);
	c->updated_by = client_store_text(a, st, 21);
	c->archived_at = client_store_text(a, st, 22);
	c->region_name = client_store_text(a, st, 23);
	c->name_norm = client_store_text(a, st, 24);
	c->search_names = client_store_text(a, st, 25);
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
		*uid = client_store_text(a, st, 0);
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int client_store_dups(struct db *db, struct arena *a, int64_t org, const char *name_norm,
		      const char *birth_date, int64_t exclude_id, const char **uids,
		      const char **names, int max, int *n)
{
	struct db_stmt *st;
	*n = 0;
	int rc = db_query(db, &st,
			  "SELECT uid, name FROM client WHERE org_id=? AND name_norm=? AND birth_date=?"
			  " AND id<>? AND archived_at IS NULL ORDER BY id LIMIT ?",
			  "ittii", org, name_norm, birth_date, exclude_id, (int64_t)max);
	if (rc)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		uids[*n] = client_store_text(a, st, 0);
		names[*n] = client_store_text(a, st, 1);
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
	if (str_parse_long(sep + 1, 1, 0x7fffffffffffffffL, &v))
		return ERR_INVALID;
	*key = raw;
	*id = v;
	return 0;
}

/* client_store_match turns normalised words into an FTS5 query of prefixes: siti nur → "siti"* "nur"*. */
static const char *client_store_match(struct arena *a, const char *norm)
{
	size_t n = strlen(norm);
	char *m = arena_alloc(a, n * 2 + 8);
	if (m == NULL)
		return NULL;
	size_t o = 0;
	const char *p = norm;
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == 0)
			break;
		if (o)
			m[o++] = ' ';
		m[o++] = '"';
		while (*p && *p != ' ') {
			if (*p == '"')
				m[o++] = '"';
			m[o++] = *p++;
		}
		m[o++] = '"';
		m[o++] = '*';
	}
	m[o] = 0;
	return o ? m : NULL;
}

int client_store_search(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			struct client_page *page)
{
	char sql[2048];
	const char *binds[12];
	int nb = 0;
	const char *ckey = NULL;
	int64_t cid = 0;
	memset(page, 0, sizeof *page);
	if (q->cursor && client_store_uncursor(a, q->cursor, &ckey, &cid))
		return ERR_INVALID;
	size_t len = (size_t)snprintf(sql, sizeof sql,
		"SELECT c.id, c.uid, c.nik, c.name, c.sex, c.birth_date, c.region, c.updated_at,"
		" c.name_norm, c.nik_warning, c.version, r.name, c.archived_at,"
		" (SELECT group_concat(flag) FROM client_flag f WHERE f.client_id=c.id)"
		" FROM client c LEFT JOIN region r ON r.code=c.region WHERE c.org_id=?1 AND c.archived_at IS %s",
		q->archived ? "NOT NULL" : "NULL");
#define CLIENT_SQL(...) (len += (size_t)snprintf(sql + len, sizeof sql - len, __VA_ARGS__))
	if (q->q && str_all_digits(q->q)) {
		binds[nb++] = q->q;
		binds[nb++] = arena_printf(a, "%s;", q->q); /* ';' sorts after every digit */
		CLIENT_SQL(" AND c.nik >= ?%d AND c.nik < ?%d", nb, nb + 1);
	} else if (q->q) {
		const char *match = client_store_match(a, q->q);
		if (match) {
			binds[nb++] = match;
			CLIENT_SQL(" AND c.id IN (SELECT rowid FROM client_fts WHERE client_fts MATCH ?%d)", nb + 1);
		}
	}
	if (q->region) {
		binds[nb++] = q->region;
		binds[nb++] = arena_printf(a, "%s.", q->region);
		binds[nb++] = arena_printf(a, "%s/", q->region); /* '/' follows '.' */
		CLIENT_SQL(" AND (c.region = ?%d OR (c.region >= ?%d AND c.region < ?%d))", nb - 1, nb, nb + 1);
	}
	if (q->ppks > 0) {
		binds[nb++] = arena_printf(a, "%d", q->ppks);
		CLIENT_SQL(" AND c.id IN (SELECT client_id FROM client_ppks WHERE code = CAST(?%d AS INTEGER))", nb + 1);
	}
	if (q->flag && strcmp(q->flag, "nik_warning") == 0) {
		CLIENT_SQL(" AND c.nik_warning IS NOT NULL");
	} else if (q->flag) {
		binds[nb++] = q->flag;
		CLIENT_SQL(" AND c.id IN (SELECT client_id FROM client_flag WHERE flag = ?%d)", nb + 1);
	}
	if (ckey && q->by_update) {
		binds[nb++] = ckey;
		binds[nb++] = arena_printf(a, "%lld", (long long)cid);
		CLIENT_SQL(" AND (c.updated_at < ?%d OR (c.updated_at = ?%d AND c.id < CAST(?%d AS INTEGER)))",
			   nb, nb, nb + 1);
	} else if (ckey) {
		binds[nb++] = ckey;
		binds[nb++] = arena_printf(a, "%lld", (long long)cid);
		CLIENT_SQL(" AND (c.name_norm > ?%d OR (c.name_norm = ?%d AND c.id > CAST(?%d AS INTEGER)))",
			   nb, nb, nb + 1);
	}
	CLIENT_SQL(q->by_update ? " ORDER BY c.updated_at DESC, c.id DESC" : " ORDER BY c.name_norm, c.id");
	CLIENT_SQL(" LIMIT %d", q->limit + 1);
#undef CLIENT_SQL
	if (len >= sizeof sql)
		return ERR_INVALID;
	struct db_stmt *st;
	int rc = db_prepare(db, sql, &st);
	if (rc)
		return rc;
	rc = db_bind_int(st, 1, org);
	for (int i = 0; rc == 0 && i < nb; i++)
		rc = binds[i] ? db_bind_text(st, i + 2, binds[i]) : ERR_NOMEM;
	page->items = arena_alloc(a, sizeof *page->items * (size_t)(q->limit + 1));
	if (page->items == NULL)
		rc = ERR_NOMEM;
	while (rc == 0 && (rc = db_step(st)) == DB_ROW) {
		rc = 0;
		if (page->n == q->limit) {
			struct client *last = &page->items[page->n - 1];
			page->next_cursor = client_store_cursor(a, q->by_update ? last->updated_at : last->name_norm, last->id);
			break;
		}
		struct client *c = &page->items[page->n++];
		c->id = db_col_int(st, 0);
		c->uid = client_store_text(a, st, 1);
		c->nik = client_store_text(a, st, 2);
		c->name = client_store_text(a, st, 3);
		c->sex = client_store_text(a, st, 4);
		c->birth_date = client_store_text(a, st, 5);
		c->region = client_store_text(a, st, 6);
		c->updated_at = client_store_text(a, st, 7);
		c->name_norm = client_store_text(a, st, 8);
		c->nik_warning = client_store_text(a, st, 9);
		c->version = db_col_int(st, 10);
		c->region_name = client_store_text(a, st, 11);
		c->archived_at = client_store_text(a, st, 12);
		const char *flags = db_col_text(st, 13);
		while (flags && *flags && c->nflags < CLIENT_MAX_FLAGS) {
			const char *comma = strchr(flags, ',');
			size_t n = comma ? (size_t)(comma - flags) : strlen(flags);
			c->flags[c->nflags++] = arena_strndup(a, flags, n);
			flags = comma ? comma + 1 : flags + n;
		}
	}
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int client_store_external(struct db *db, int64_t org, const char *external_id, bool *found)
{
	struct db_stmt *st;
	int rc = db_query(db, &st, "SELECT 1 FROM client WHERE org_id = ? AND external_id = ?", "it", org, external_id);
	if (rc)
		return rc;
	rc = db_step(st);
	*found = rc == DB_ROW;
	db_finalize(st);
	return rc < 0 ? rc : 0;
}

int client_store_set_external(struct db *db, int64_t id, const char *external_id)
{
	return db_run(db, "UPDATE client SET external_id = ? WHERE id = ?", "ti", external_id, id);
}
