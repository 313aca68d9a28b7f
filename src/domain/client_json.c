/* client_json.c: reading and writing the client object of the JSON API. */
#include "domain/client_json.h"
#include "base/buf.h"
#include "base/err.h"
#include <stddef.h>
#include <string.h>

static const char *const client_json_readonly[] = {
	"uid", "created_at", "updated_at", "created_by", "updated_by", "archived_at",
	"nik_warning", "region_name", NULL,
};

static bool client_json_in(const char *key, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(key, list[i]) == 0)
			return true;
	return false;
}

/* client_json_text reads a string-or-null member into *out. */
static void client_json_text(struct arena *a, json_t *v, const char *field, const char **out,
			     struct faults *f)
{
	if (json_is_null(v))
		*out = NULL;
	else if (json_is_string(v))
		*out = arena_strndup(a, json_string_value(v), json_string_length(v));
	else
		faults_add(f, field, "Must be text or null.");
}

static const char *client_json_field(struct arena *a, const char *prefix, size_t i, const char *name)
{
	return arena_printf(a, "%s[%zu].%s", prefix, i, name);
}

static void client_json_household(struct arena *a, json_t *v, struct client *c, struct faults *f)
{
	if (!json_is_array(v)) {
		faults_add(f, "household", "Must be a list of household members.");
		return;
	}
	if (json_array_size(v) > CLIENT_MAX_HOUSEHOLD) {
		faults_add(f, "household", "At most 20 household members.");
		return;
	}
	static const char *const keys[] = {"name", "relation", "sex", "birth_date", "nik", NULL};
	c->nhousehold = 0;
	size_t i;
	json_t *m;
	json_array_foreach(v, i, m) {
		struct household_member *h = &c->household[c->nhousehold++];
		memset(h, 0, sizeof *h);
		if (!json_is_object(m)) {
			faults_add(f, arena_printf(a, "household[%zu]", i), "Must be an object.");
			continue;
		}
		const char *key;
		json_t *val;
		json_object_foreach(m, key, val) {
			const char *field = client_json_field(a, "household", i, key);
			if (!client_json_in(key, keys)) {
				faults_add(f, field, "Unknown field.");
				continue;
			}
			const char **slot = strcmp(key, "name") == 0       ? &h->name
					    : strcmp(key, "relation") == 0   ? &h->relation
					    : strcmp(key, "sex") == 0        ? &h->sex
					    : strcmp(key, "birth_date") == 0 ? &h->birth_date
									     : &h->nik;
			client_json_text(a, val, field, slot, f);
		}
	}
}

static void client_json_consent(struct arena *a, json_t *v, struct client *c, struct faults *f)
{
	if (json_is_null(v)) {
		c->has_consent = false;
		memset(&c->consent, 0, sizeof c->consent);
		return;
	}
	if (!json_is_object(v)) {
		faults_add(f, "consent", "Must be an object or null.");
		return;
	}
	static const char *const keys[] = {"given_on", "scope", "recorded_by", "guardian_name",
					   "guardian_relation", NULL};
	c->has_consent = true;
	memset(&c->consent, 0, sizeof c->consent);
	const char *key;
	json_t *val;
	json_object_foreach(v, key, val) {
		const char *field = arena_printf(a, "consent.%s", key);
		if (!client_json_in(key, keys)) {
			faults_add(f, field, "Unknown field.");
			continue;
		}
		if (strcmp(key, "recorded_by") == 0)
			continue; /* set by the program */
		const char **slot = strcmp(key, "given_on") == 0	? &c->consent.given_on
				    : strcmp(key, "scope") == 0		? &c->consent.scope
				    : strcmp(key, "guardian_name") == 0 ? &c->consent.guardian_name
									: &c->consent.guardian_relation;
		client_json_text(a, val, field, slot, f);
	}
}

static void client_json_disability(struct arena *a, json_t *v, struct client *c, struct faults *f)
{
	memset(c->disability, 0, sizeof c->disability);
	if (json_is_null(v))
		return;
	if (!json_is_object(v)) {
		faults_add(f, "disability", "Must be an object of the six Washington Group domains.");
		return;
	}
	const char *key;
	json_t *val;
	json_object_foreach(v, key, val) {
		const char *field = arena_printf(a, "disability.%s", key);
		int d = -1;
		for (int i = 0; i < CLIENT_WG_DOMAINS; i++)
			if (strcmp(key, client_wg_domains[i]) == 0)
				d = i;
		if (d < 0) {
			faults_add(f, field, "Unknown domain: use seeing, hearing, walking, cognition, self_care or communication.");
			continue;
		}
		int level = -1;
		if (json_is_null(val))
			level = 0;
		for (int k = 1; k < 5 && json_is_string(val); k++)
			if (strcmp(json_string_value(val), client_wg_levels[k]) == 0)
				level = k;
		if (level < 0)
			faults_add(f, field, "Must be none, some, a_lot or cannot.");
		else
			c->disability[d] = level;
	}
}

static void client_json_ppks(struct arena *a, json_t *v, struct client *c, struct faults *f)
{
	(void)a;
	if (!json_is_array(v)) {
		faults_add(f, "ppks", "Must be a list of PPKS category codes.");
		return;
	}
	c->nppks = 0;
	size_t i;
	json_t *code;
	json_array_foreach(v, i, code) {
		if (!json_is_integer(code) || json_integer_value(code) < 1 || json_integer_value(code) > 99) {
			faults_add(f, "ppks", "Each PPKS code must be a whole number from the reference list.");
			return;
		}
		if (c->nppks == CLIENT_MAX_PPKS) {
			faults_add(f, "ppks", "Too many PPKS categories.");
			return;
		}
		c->ppks[c->nppks++] = (int)json_integer_value(code);
	}
}

static void client_json_flags(struct arena *a, json_t *v, struct client *c, struct faults *f)
{
	if (!json_is_array(v) || json_array_size(v) > CLIENT_MAX_FLAGS) {
		faults_add(f, "flags", "Must be a list of flags.");
		return;
	}
	c->nflags = 0;
	size_t i;
	json_t *flag;
	json_array_foreach(v, i, flag) {
		if (!json_is_string(flag)) {
			faults_add(f, "flags", "Each flag must be text.");
			return;
		}
		c->flags[c->nflags++] = arena_strdup(a, json_string_value(flag));
	}
}

/* A text field of struct client and its JSON key. */
struct client_json_field {
	const char *key;
	size_t off; /* offsetof(struct client, the field) */
};

static void client_json_bool(json_t *v, const char *field, bool *out, struct faults *f)
{
	if (json_is_boolean(v))
		*out = json_is_true(v);
	else
		faults_add(f, field, "Must be true or false.");
}

int client_from_json(struct arena *a, json_t *obj, struct client *c, int64_t *version,
		     struct faults *f)
{
	if (!json_is_object(obj)) {
		faults_add(f, "", "The body must be a JSON object.");
		return ERR_INVALID;
	}
	static const struct client_json_field texts[] = {
		{"nik", offsetof(struct client, nik)},
		{"kk", offsetof(struct client, kk)},
		{"name", offsetof(struct client, name)},
		{"other_names", offsetof(struct client, other_names)},
		{"sex", offsetof(struct client, sex)},
		{"birth_place", offsetof(struct client, birth_place)},
		{"birth_date", offsetof(struct client, birth_date)},
		{"address", offsetof(struct client, address)},
		{"region", offsetof(struct client, region)},
		{"phone", offsetof(struct client, phone)},
		{"notes", offsetof(struct client, notes)},
	};
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v) {
		bool done = false;
		for (unsigned i = 0; i < sizeof texts / sizeof texts[0] && !done; i++) {
			if (strcmp(key, texts[i].key) == 0) {
				client_json_text(a, v, texts[i].key,
						 (const char **)((char *)c + texts[i].off), f);
				done = true;
			}
		}
		if (done)
			continue;
		if (strcmp(key, "ppks") == 0)
			client_json_ppks(a, v, c, f);
		else if (strcmp(key, "flags") == 0)
			client_json_flags(a, v, c, f);
		else if (strcmp(key, "disability") == 0)
			client_json_disability(a, v, c, f);
		else if (strcmp(key, "household") == 0)
			client_json_household(a, v, c, f);
		else if (strcmp(key, "consent") == 0)
			client_json_consent(a, v, c, f);
		else if (strcmp(key, "confirm_nik_mismatch") == 0)
			client_json_bool(v, "confirm_nik_mismatch", &c->confirm_nik_mismatch, f);
		else if (strcmp(key, "confirm_duplicate") == 0)
			client_json_bool(v, "confirm_duplicate", &c->confirm_duplicate, f);
		else if (strcmp(key, "version") == 0) {
			if (json_is_integer(v) && json_integer_value(v) > 0)
				*version = json_integer_value(v);
			else
				faults_add(f, "version", "Must be the version number you read.");
		} else if (!client_json_in(key, client_json_readonly))
			faults_add(f, arena_strdup(a, key), "Unknown field.");
	}
	return f->n ? ERR_INVALID : 0;
}

static void client_json_set(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, v ? json_string(v) : json_null());
}

/* The text fields of the list form, in order, each with what comes before its value when a page
 * is written (client_summary_write): a comma, its key and a colon (a brace for the first instead).
 * The flags follow region_name; the version comes last. */
#define CLIENT_SUMMARY_FIELD(key, member) {key, offsetof(struct client, member), ",\"" key "\":", sizeof key + 3}
static const struct {
	const char *key;
	size_t off;
	const char *lead;
	size_t nlead;
} client_summary_text[] = {
	CLIENT_SUMMARY_FIELD("uid", uid),
	CLIENT_SUMMARY_FIELD("nik", nik),
	CLIENT_SUMMARY_FIELD("name", name),
	CLIENT_SUMMARY_FIELD("sex", sex),
	CLIENT_SUMMARY_FIELD("birth_date", birth_date),
	CLIENT_SUMMARY_FIELD("region", region),
	CLIENT_SUMMARY_FIELD("region_name", region_name),
	CLIENT_SUMMARY_FIELD("nik_warning", nik_warning),
	CLIENT_SUMMARY_FIELD("updated_at", updated_at),
	CLIENT_SUMMARY_FIELD("archived_at", archived_at),
};
#define CLIENT_SUMMARY_FLAGS_AFTER 6 /* flags are written after region_name */

static const char *client_summary_field(const struct client *c, size_t i)
{
	return *(const char *const *)((const char *)c + client_summary_text[i].off);
}

json_t *client_summary_json(const struct client *c)
{
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof client_summary_text / sizeof client_summary_text[0]; i++) {
		client_json_set(o, client_summary_text[i].key, client_summary_field(c, i));
		if (i == CLIENT_SUMMARY_FLAGS_AFTER) {
			json_t *flags = json_array();
			for (int k = 0; k < c->nflags; k++)
				json_array_append_new(flags, json_string(c->flags[k]));
			json_object_set_new(o, "flags", flags);
		}
	}
	json_object_set_new(o, "version", json_integer(c->version));
	return o;
}

int client_summary_write(struct buf *b, const struct client *c)
{
	int rc = buf_append(b, "{", 1);
	for (size_t i = 0; rc == 0 && i < sizeof client_summary_text / sizeof client_summary_text[0]; i++) {
		/* A page of a hundred rows writes these a thousand times: no printf. */
		rc = i ? buf_append(b, client_summary_text[i].lead, client_summary_text[i].nlead)
		       : buf_append(b, client_summary_text[i].lead + 1, client_summary_text[i].nlead - 1);
		if (rc == 0)
			rc = buf_json_string(b, client_summary_field(c, i));
		if (rc == 0 && i == CLIENT_SUMMARY_FLAGS_AFTER) {
			rc = buf_append(b, ",\"flags\":[", 10);
			for (int k = 0; rc == 0 && k < c->nflags; k++) {
				if (k)
					rc = buf_append(b, ",", 1);
				if (rc == 0)
					rc = buf_json_string(b, c->flags[k]);
			}
			if (rc == 0)
				rc = buf_append(b, "]", 1);
		}
	}
	return rc ? rc : buf_printf(b, ",\"version\":%lld}", (long long)c->version);
}

json_t *client_to_json(const struct client *c)
{
	json_t *o = client_summary_json(c);
	client_json_set(o, "kk", c->kk);
	client_json_set(o, "other_names", c->other_names);
	client_json_set(o, "birth_place", c->birth_place);
	client_json_set(o, "address", c->address);
	client_json_set(o, "phone", c->phone);
	json_t *ppks = json_array();
	for (int i = 0; i < c->nppks; i++)
		json_array_append_new(ppks, json_integer(c->ppks[i]));
	json_object_set_new(o, "ppks", ppks);
	client_json_set(o, "created_at", c->created_at);
	client_json_set(o, "created_by", c->created_by);
	client_json_set(o, "updated_by", c->updated_by);
	if (!c->sensitive_loaded)
		return o;
	json_t *dis = json_object();
	for (int i = 0; i < CLIENT_WG_DOMAINS; i++)
		json_object_set_new(dis, client_wg_domains[i],
				    c->disability[i] ? json_string(client_wg_levels[c->disability[i]]) : json_null());
	json_object_set_new(o, "disability", dis);
	json_t *hh = json_array();
	for (int i = 0; i < c->nhousehold; i++) {
		const struct household_member *m = &c->household[i];
		json_t *mo = json_object();
		client_json_set(mo, "name", m->name);
		client_json_set(mo, "relation", m->relation);
		client_json_set(mo, "sex", m->sex);
		client_json_set(mo, "birth_date", m->birth_date);
		client_json_set(mo, "nik", m->nik);
		json_array_append_new(hh, mo);
	}
	json_object_set_new(o, "household", hh);
	if (c->has_consent) {
		json_t *co = json_object();
		client_json_set(co, "given_on", c->consent.given_on);
		client_json_set(co, "scope", c->consent.scope);
		client_json_set(co, "recorded_by", c->consent.recorded_by);
		client_json_set(co, "guardian_name", c->consent.guardian_name);
		client_json_set(co, "guardian_relation", c->consent.guardian_relation);
		json_object_set_new(o, "consent", co);
	} else {
		json_object_set_new(o, "consent", json_null());
	}
	client_json_set(o, "notes", c->notes);
	return o;
}
