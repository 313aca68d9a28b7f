/* client.c: the rules of the client registry and its actions (create, update, archive, read, search). */
#include "domain/client.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include "base/uuid.h"
#include "domain/audit.h"
#include "domain/client_json.h"
#include "domain/name.h"
#include "domain/nik.h"
#include "domain/office.h"
#include "domain/region.h"
#include "store/client_store.h"
#include "store/ref_store.h"
#include <stdio.h>
#include <string.h>

const char *const client_wg_domains[CLIENT_WG_DOMAINS] = {"seeing",    "hearing",   "walking",
							  "cognition", "self_care", "communication"};
const char *const client_wg_levels[5] = {"", "none", "some", "a_lot", "cannot"};
const char *const client_flags[CLIENT_MAX_FLAGS] = {"needs_id_documents", "no_fixed_address",
						    "urgent", "unreachable"};
const char *const client_consent_scopes[3] = {"services", "referral", "referral_research"};

/* Fields the audit trail records as "changed" without their values. */
static const char *const client_sensitive[] = {"disability", "household", "consent", "notes", NULL};

/* client_clean trims *s in arena memory and turns empty text into NULL. */
static void client_clean(struct arena *a, const char **s)
{
	if (*s == NULL)
		return;
	char *copy = arena_strdup(a, *s);
	if (copy == NULL)
		return;
	char *t = str_trim(copy);
	*s = *t ? t : NULL;
}

static void client_text(struct arena *a, const char **s, const char *field, size_t max,
			struct faults *f)
{
	client_clean(a, s);
	if (*s == NULL)
		return;
	size_t n = strlen(*s);
	if (!str_utf8_valid(*s, n))
		faults_add(f, field, "Must be valid UTF-8 text without control characters.");
	else if (str_utf8_chars(*s) > max)
		faults_add(f, field, max <= 100 ? "Too long: at most 100 characters."
			   : max <= 200 ? "Too long: at most 200 characters."
			   : max <= 500 ? "Too long: at most 500 characters."
					: "Too long: at most 20000 characters.");
}

static void client_date(const char *s, const char *field, struct faults *f)
{
	char today[11];
	if (s == NULL)
		return;
	office_latest_today(today);
	if (!str_date_valid(s))
		faults_add(f, field, "Must be a real date written YYYY-MM-DD.");
	else if (strcmp(s, today) > 0)
		faults_add(f, field, "Must not be in the future.");
}

static void client_sex(const char *s, const char *field, struct faults *f)
{
	if (s && strcmp(s, "F") != 0 && strcmp(s, "M") != 0)
		faults_add(f, field, "Must be F (female) or M (male).");
}

static void client_phone(const char *s, struct faults *f)
{
	if (s == NULL)
		return;
	size_t digits = 0, n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == '+' && i == 0) && c != ' ' && c != '-')
			digits = 100;
	}
	if (digits < 6 || digits > 15)
		faults_add(f, "phone", "Phone must be 6-15 digits, optionally starting with + and grouped by spaces or dashes.");
}

/* client_age_on returns the age in whole years on date, or -1 when unknown. */
static int client_age_on(const char *birth, const char *date)
{
	if (birth == NULL || date == NULL || !str_date_valid(birth) || !str_date_valid(date))
		return -1;
	long by, bmd, dy, dmd;
	char tmp[5];
	memcpy(tmp, birth, 4);
	tmp[4] = 0;
	str_parse_long(tmp, 0, 9999, &by);
	memcpy(tmp, date, 4);
	str_parse_long(tmp, 0, 9999, &dy);
	bmd = (birth[5] - '0') * 1000 + (birth[6] - '0') * 100 + (birth[8] - '0') * 10 + (birth[9] - '0');
	dmd = (date[5] - '0') * 1000 + (date[6] - '0') * 100 + (date[8] - '0') * 10 + (date[9] - '0');
	return (int)(dy - by - (dmd < bmd ? 1 : 0));
}

int client_validate(struct arena *a, struct client *c, struct faults *f)
{
	client_text(a, &c->name, "name", 200, f);
	if (c->name == NULL)
		faults_add(f, "name", "Name is required.");
	client_text(a, &c->other_names, "other_names", 500, f);
	client_text(a, &c->birth_place, "birth_place", 100, f);
	client_text(a, &c->address, "address", 500, f);
	client_text(a, &c->notes, "notes", 20000, f);
	client_text(a, &c->nik, "nik", 100, f);
	client_text(a, &c->kk, "kk", 100, f);
	client_text(a, &c->sex, "sex", 100, f);
	client_text(a, &c->birth_date, "birth_date", 100, f);
	client_text(a, &c->region, "region", 100, f);
	client_text(a, &c->phone, "phone", 100, f);
	const char *why;
	if (c->nik && nik_parse(c->nik, NULL, &why))
		faults_add(f, "nik", why);
	if (c->kk && (strlen(c->kk) != 16 || !str_all_digits(c->kk)))
		faults_add(f, "kk", "KK number must have exactly 16 digits.");
	else if (c->kk && !region_province_known(c->kk))
		faults_add(f, "kk", "KK number digits 1-2 must be a known province code.");
	client_sex(c->sex, "sex", f);
	client_date(c->birth_date, "birth_date", f);
	if (c->region && region_check(c->region, &why))
		faults_add(f, "region", why);
	client_phone(c->phone, f);
	for (int i = 0; i < c->nppks; i++)
		for (int k = 0; k < i; k++)
			if (c->ppks[i] == c->ppks[k])
				faults_add(f, "ppks", "A PPKS category is listed twice.");
	for (int i = 0; i < CLIENT_WG_DOMAINS; i++)
		if (c->disability[i] < 0 || c->disability[i] > 4)
			faults_add(f, "disability", "Must be none, some, a_lot or cannot.");
	for (int i = 0; i < c->nflags; i++)
		for (int k = 0; k < i; k++)
			if (str_eq(c->flags[i], c->flags[k]))
				faults_add(f, "flags", "A flag is listed twice.");
	for (int i = 0; i < c->nflags; i++) {
		bool known = false;
		for (int k = 0; k < CLIENT_MAX_FLAGS; k++)
			known = known || str_eq(c->flags[i], client_flags[k]);
		if (!known)
			faults_add(f, "flags", "Unknown flag: use needs_id_documents, no_fixed_address, urgent or unreachable.");
	}
	for (int i = 0; i < c->nhousehold; i++) {
		struct household_member *m = &c->household[i];
		const char *fn = arena_printf(a, "household[%d].name", i);
		client_text(a, &m->name, fn, 200, f);
		client_text(a, &m->relation, arena_printf(a, "household[%d].relation", i), 100, f);
		client_text(a, &m->sex, arena_printf(a, "household[%d].sex", i), 100, f);
		client_text(a, &m->birth_date, arena_printf(a, "household[%d].birth_date", i), 100, f);
		client_text(a, &m->nik, arena_printf(a, "household[%d].nik", i), 100, f);
		if (m->name == NULL)
			faults_add(f, fn, "Name of the household member is required.");
		if (m->relation == NULL)
			faults_add(f, arena_printf(a, "household[%d].relation", i), "Relation to the client is required.");
		client_sex(m->sex, arena_printf(a, "household[%d].sex", i), f);
		client_date(m->birth_date, arena_printf(a, "household[%d].birth_date", i), f);
		if (m->nik && nik_parse(m->nik, NULL, &why))
			faults_add(f, arena_printf(a, "household[%d].nik", i), why);
	}
	if (c->has_consent) {
		struct consent *k = &c->consent;
		client_text(a, &k->given_on, "consent.given_on", 100, f);
		client_text(a, &k->scope, "consent.scope", 100, f);
		client_text(a, &k->guardian_name, "consent.guardian_name", 200, f);
		client_text(a, &k->guardian_relation, "consent.guardian_relation", 100, f);
		if (k->given_on == NULL)
			faults_add(f, "consent.given_on", "The date consent was given is required.");
		client_date(k->given_on, "consent.given_on", f);
		bool scope_ok = false;
		for (int i = 0; i < 3; i++)
			scope_ok = scope_ok || str_eq(k->scope, client_consent_scopes[i]);
		if (!scope_ok)
			faults_add(f, "consent.scope", "Scope must be services, referral or referral_research.");
		if (k->given_on && c->birth_date && str_date_valid(k->given_on) && str_date_valid(c->birth_date) &&
		    strcmp(k->given_on, c->birth_date) < 0)
			faults_add(f, "consent.given_on", "Consent cannot be dated before the client's birth.");
		int age = client_age_on(c->birth_date, k->given_on);
		if (age >= 0 && age < 18 && (k->guardian_name == NULL || k->guardian_relation == NULL))
			faults_add(f, k->guardian_name ? "consent.guardian_relation" : "consent.guardian_name",
				   "The client is a child: the guardian's name and relation are required.");
	}
	if (f->n)
		return ERR_INVALID;
	char norm[1024];
	name_normalise(c->name, norm, sizeof norm);
	c->name_norm = arena_strdup(a, norm);
	/* The words of the name and other names, then their spelling keys (see name_search_text):
	 * at most about 15 bytes per byte of input, for names of one letter; an import validates
	 * thousands of rows in one arena, so the buffer is sized to the input. */
	size_t room = 16 * (strlen(c->name) + (c->other_names ? strlen(c->other_names) : 0)) + 64;
	char *text = arena_alloc(a, room < NAME_SEARCH_MAX ? room : NAME_SEARCH_MAX);
	if (text == NULL || c->name_norm == NULL)
		return ERR_NOMEM;
	name_search_text(c->name, c->other_names, text, room < NAME_SEARCH_MAX ? room : NAME_SEARCH_MAX);
	c->search_names = text;
	return 0;
}

int client_region_check(struct db *db, struct arena *a, const char *code, const char *kept, struct faults *f)
{
	/* One already on the record is kept: regions are split and renumbered over the years. */
	if (code == NULL || str_eq(kept, code))
		return 0;
	bool listed;
	int rc = ref_store_region_listed(db, a, code, &listed);
	if (rc == 0 && !listed)
		faults_add(f, "region", "This region code is not in the region list.");
	return rc;
}

/* client_checks runs the rules that need the store: PPKS codes, the NIK's owner, the NIK's agreement
 * with sex and birth date, likely duplicates. before is the stored record on update, else NULL. */
static int client_checks(struct db *db, struct arena *a, const struct actor *actor, struct client *c,
			 const struct client *before, struct client_result *res)
{
	for (int i = 0; i < c->nppks; i++) {
		bool known;
		int rc = client_store_ppks_known(db, c->ppks[i], &known);
		if (rc)
			return rc;
		if (!known) {
			faults_add(&res->faults, "ppks", "Unknown PPKS category code.");
			return ERR_INVALID;
		}
	}
	int rc = client_region_check(db, a, c->region, before ? before->region : NULL, &res->faults);
	if (rc == 0 && res->faults.n)
		rc = ERR_INVALID;
	if (rc)
		return rc;
	int64_t self = before ? before->id : 0;
	c->nik_warning = NULL;
	if (c->nik) {
		rc = client_store_nik_owner(db, a, actor->org_id, c->nik, self, &res->existing_uid);
		if (rc)
			return rc;
		if (res->existing_uid) {
			faults_add(&res->faults, "nik", "This NIK is already registered for another client.");
			return ERR_EXISTS;
		}
		struct nik_info info;
		const char *why;
		nik_parse(c->nik, &info, &why);
		const char *mismatch = nik_mismatch(&info, c->sex ? c->sex[0] : 0, c->birth_date);
		if (mismatch) {
			bool unchanged = before && before->nik_warning && str_eq(before->nik, c->nik) &&
					 str_eq(before->sex, c->sex) && str_eq(before->birth_date, c->birth_date);
			if (!c->confirm_nik_mismatch && !unchanged) {
				res->nik_mismatch = mismatch;
				faults_add(&res->faults, "nik", mismatch);
				return ERR_CONFIRM;
			}
			c->nik_warning = mismatch;
		}
	}
	bool same_person = before && str_eq(before->name_norm, c->name_norm) &&
			   str_eq(before->birth_date, c->birth_date);
	if (c->birth_date && !c->confirm_duplicate && !same_person) {
		rc = client_store_dups(db, a, actor->org_id, c->name_norm, c->birth_date, self,
					   res->dup_uid, res->dup_name, CLIENT_MAX_DUPS, &res->ndup);
		if (rc)
			return rc;
		if (res->ndup) {
			faults_add(&res->faults, "name",
				   "A client with the same name and birth date is already registered. Check that this is a different person.");
			return ERR_CONFIRM;
		}
	}
	return 0;
}

/* client_finish commits when rc is 0 and rolls back otherwise. */
static int client_finish(struct db *db, int rc)
{
	if (rc == 0)
		rc = db_commit(db);
	if (rc)
		db_rollback(db);
	return rc;
}

static int client_audit(struct db *db, const struct actor *actor, const char *action,
			const struct client *before, const struct client *after)
{
	json_t *b = before ? client_to_json(before) : NULL;
	json_t *x = after ? client_to_json(after) : NULL;
	static const char *const skip[] = {"version", "updated_at", "updated_by", "created_at",
					   "created_by", "region_name", "uid"};
	for (unsigned i = 0; i < sizeof skip / sizeof skip[0]; i++) {
		if (b)
			json_object_del(b, skip[i]);
		if (x)
			json_object_del(x, skip[i]);
	}
	json_t *d = audit_diff(b, x, client_sensitive);
	int rc = audit_record(db, actor, action, "client", after ? after->uid : before->uid, d);
	json_decref(d);
	json_decref(b);
	json_decref(x);
	return rc;
}

int client_create(struct db *db, struct arena *a, const struct actor *actor, struct client *c,
		  struct client_result *res)
{
	if (!policy_can(actor, PERM_CLIENT_WRITE))
		return ERR_FORBIDDEN;
	int rc = client_validate(a, c, &res->faults);
	if (rc)
		return rc;
	if (c->has_consent)
		c->consent.recorded_by = actor->name;
	rc = db_begin(db);
	if (rc)
		return rc;
	rc = client_checks(db, a, actor, c, NULL, res);
	if (rc == 0)
		rc = client_store_insert(db, a, actor->org_id, actor->user_id, c);
	if (rc == ERR_EXISTS) /* a concurrent registration of the same NIK won the race */
		faults_add(&res->faults, "nik", "This NIK is already registered for another client.");
	c->sensitive_loaded = true;
	c->created_by = c->updated_by = actor->name;
	if (rc == 0)
		rc = client_audit(db, actor, "create", NULL, c);
	if (rc == 0 && c->region) /* the answer names it, as a read of the record does */
		rc = ref_store_region_name(db, a, c->region, &c->region_name);
	return client_finish(db, rc);
}

int client_update(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		  struct client *c, struct client_result *res)
{
	if (!policy_can(actor, PERM_CLIENT_WRITE))
		return ERR_FORBIDDEN;
	struct client before;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = client_store_get(db, a, actor->org_id, uid, true, &before);
	if (rc == 0 && before.version != c->version) {
		res->current = before;
		rc = ERR_CONFLICT;
	}
	if (rc == 0)
		rc = client_validate(a, c, &res->faults);
	if (rc == 0) {
		c->id = before.id;
		c->uid = before.uid;
		bool consent_same = before.has_consent == c->has_consent &&
				    str_eq(before.consent.given_on, c->consent.given_on) &&
				    str_eq(before.consent.scope, c->consent.scope);
		if (c->has_consent)
			c->consent.recorded_by = consent_same && before.consent.recorded_by ? before.consent.recorded_by
											    : actor->name;
		rc = client_checks(db, a, actor, c, &before, res);
	}
	if (rc == 0)
		rc = client_store_update(db, a, actor->user_id, c);
	if (rc == ERR_CONFLICT && res->current.uid == NULL)
		client_store_get(db, a, actor->org_id, uid, true, &res->current);
	if (rc == 0) {
		c->sensitive_loaded = true;
		c->created_at = before.created_at;
		c->created_by = before.created_by;
		c->updated_by = actor->name;
		c->region_name = NULL;
		rc = client_audit(db, actor, "update", &before, c);
	}
	if (rc == 0 && c->region)
		rc = ref_store_region_name(db, a, c->region, &c->region_name);
	return client_finish(db, rc);
}

int client_archive(struct db *db, struct arena *a, const struct actor *actor, const char *uid)
{
	if (!policy_can(actor, PERM_CLIENT_ARCHIVE))
		return ERR_FORBIDDEN;
	struct client c;
	int rc = db_begin(db);
	if (rc)
		return rc;
	rc = client_store_get(db, a, actor->org_id, uid, false, &c);
	if (rc == 0 && c.archived_at == NULL) {
		rc = client_store_archive(db, actor->user_id, c.id);
		if (rc == 0)
			rc = audit_record(db, actor, "archive", "client", uid, NULL);
	}
	return client_finish(db, rc);
}

int client_get(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
	       struct client *c)
{
	if (!policy_can(actor, PERM_CLIENT_READ))
		return ERR_FORBIDDEN;
	if (!uuid_valid(uid))
		return ERR_NOTFOUND;
	return client_store_get(db, a, actor->org_id, uid, policy_can(actor, PERM_CLIENT_SENSITIVE), c);
}

/* client_nik_typed sets *nik to a copy of t without the spaces, dots and dashes between its
 * digits when it is a NIK typed in groups ("3273 0126 1154 0109"), to NULL when t holds anything
 * else. 0 or ERR_NOMEM. */
static int client_nik_typed(struct arena *a, const char *t, const char **nik)
{
	size_t n = 0;
	char *d = arena_alloc(a, strlen(t) + 1);
	*nik = NULL;
	if (d == NULL)
		return ERR_NOMEM;
	for (const char *p = t; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
		else if (*p != ' ' && *p != '.' && *p != '-')
			return 0;
	}
	d[n] = 0;
	*nik = n ? d : NULL;
	return 0;
}

const char *client_query_problem(const struct client_query *q, const char **field)
{
	*field = "q";
	if (q->q && !str_empty(q->q)) {
		if (str_utf8_chars(q->q) > 200)
			return "Too long: at most 200 characters.";
		char norm[512];
		name_normalise(q->q, norm, sizeof norm);
		if (!name_has_word(norm))
			return "Type letters of a name or the digits of a NIK.";
	}
	const char *why;
	*field = "region";
	if (q->region && *q->region && region_check(q->region, &why))
		return why;
	*field = "flag";
	if (q->flag && *q->flag && strcmp(q->flag, "nik_warning") != 0) {
		bool known = false;
		for (int i = 0; i < CLIENT_MAX_FLAGS; i++)
			known = known || strcmp(q->flag, client_flags[i]) == 0;
		if (!known)
			return "Unknown flag.";
	}
	*field = NULL;
	return NULL;
}

/* client_query_tag writes to tag (9 bytes) a hash of what q looks for and how it is ordered, which
 * the cursors of its pages carry: a cursor of one search given to another would skip or repeat
 * clients without a word. */
static void client_query_tag(const struct client_query *q, char tag[9])
{
	char ppks[16];
	snprintf(ppks, sizeof ppks, "%d", q->ppks);
	const char *parts[] = {q->q, q->region, ppks, q->flag, q->archived ? "a" : "", q->by_update ? "u" : ""};
	str_tag(parts, sizeof parts / sizeof parts[0], tag);
}

int client_search(struct db *db, struct arena *a, const struct actor *actor,
		  const struct client_query *q, struct client_page *page)
{
	if (!policy_can(actor, PERM_CLIENT_READ))
		return ERR_FORBIDDEN;
	struct client_query nq = *q;
	if (nq.limit < 1 || nq.limit > 100)
		nq.limit = 25;
	if (q->q && !str_empty(q->q)) {
		char *copy = arena_strdup(a, q->q);
		const char *nik;
		if (copy == NULL || client_nik_typed(a, str_trim(copy), &nik))
			return ERR_NOMEM;
		if (nik) {
			nq.q = nik;
		} else {
			/* Normalised words; the store also looks each word up by its spelling keys
			 * (name_key_prefix, name_key) and ranks the spelling as typed first. */
			char norm[512];
			name_normalise(copy, norm, sizeof norm);
			if (!name_has_word(norm)) { /* punctuation alone matches nobody (client_query_problem) */
				memset(page, 0, sizeof *page);
				return 0;
			}
			nq.q = arena_strdup(a, norm);
			if (nq.q == NULL)
				return ERR_NOMEM;
		}
	} else {
		nq.q = NULL;
	}
	if (nq.region && str_empty(nq.region))
		nq.region = NULL;
	if (nq.flag && str_empty(nq.flag))
		nq.flag = NULL;
	char tag[9];
	client_query_tag(&nq, tag);
	if (nq.cursor) {
		if (strncmp(nq.cursor, tag, 8) != 0)
			return ERR_INVALID;
		nq.cursor += 8;
	}
	int rc = client_store_search(db, a, actor->org_id, &nq, page);
	if (rc == 0 && page->next_cursor) {
		page->next_cursor = arena_printf(a, "%s%s", tag, page->next_cursor);
		if (page->next_cursor == NULL)
			rc = ERR_NOMEM;
	}
	return rc;
}

bool client_has_flag(const struct client *c, const char *flag)
{
	for (int i = 0; i < c->nflags; i++)
		if (str_eq(c->flags[i], flag))
			return true;
	return false;
}

int client_access_log(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		      struct client *c, struct audit_item **items, int *n)
{
	if (!policy_can(actor, PERM_CLIENT_SENSITIVE) && !policy_can(actor, PERM_AUDIT_READ))
		return ERR_FORBIDDEN;
	int rc = client_get(db, a, actor, uid, c);
	if (rc)
		return rc;
	return audit_store_access(db, a, uid, items, n);
}
