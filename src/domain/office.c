/* office.c: the office's settings and its time zone. Indonesia keeps three zones without summer
 * time, so a zone is a fixed distance from UTC; the store keeps times in UTC and this module turns
 * them into the office's dates and clock times. */
#include "domain/office.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/audit.h"
#include "domain/region.h"
#include "store/ref_store.h"
#include <string.h>
#include <time.h>

/* The zones from west to east, an hour apart from UTC+7. */
const char *const office_zone_names[] = {"WIB", "WITA", "WIT", NULL};

/* office_zone_find returns the zone named name in static storage (*hours its distance from UTC),
 * or NULL. */
static const char *office_zone_find(const char *name, int *hours)
{
	for (int i = 0; name && office_zone_names[i]; i++)
		if (strcmp(name, office_zone_names[i]) == 0) {
			if (hours)
				*hours = 7 + i;
			return office_zone_names[i];
		}
	return NULL;
}

const char *office_zone(const char *time_zone, const char *region)
{
	const char *z = office_zone_find(time_zone, NULL);
	if (z == NULL)
		z = office_zone_find(region_time_zone(region), NULL);
	return z ? z : office_zone_names[0];
}

int office_zone_offset(const char *zone)
{
	int hours = 7;
	office_zone_find(zone, &hours);
	return hours * 3600;
}

void office_today(const struct actor *actor, char out[11])
{
	clock_today_at(office_zone_offset(actor ? actor->zone : NULL), out);
}

void office_latest_today(char out[11])
{
	clock_today_at(office_zone_offset("WIT"), out);
}

int office_clock(int64_t unix, const char *zone, char out[24])
{
	zone = office_zone(zone, NULL);
	time_t t = (time_t)(unix + office_zone_offset(zone));
	struct tm local;
	size_t len = gmtime_r(&t, &local) ? strftime(out, 24, "%Y-%m-%d %H:%M ", &local) : 0;
	if (len != 17) { /* a year of more than four digits */
		out[0] = 0;
		return ERR_INVALID;
	}
	memcpy(out + len, zone, strlen(zone) + 1);
	return 0;
}

int office_time(const char *iso, const char *zone, char out[24])
{
	int64_t t;
	out[0] = 0;
	return clock_iso_unix(iso, &t) ? ERR_INVALID : office_clock(t, zone, out);
}

int office_get(struct db *db, struct arena *a, const struct actor *actor, struct org *out)
{
	if (!policy_can(actor, PERM_LOGIN))
		return ERR_FORBIDDEN;
	return org_store_get(db, a, actor->org_id, out);
}

/* office_field reads key of in: *set tells whether it was given, *out its trimmed text (NULL for
 * null or ""). A value that is not one line of valid text of at most max characters is a fault
 * (*out NULL). Returns 0 or ERR_NOMEM. */
static int office_field(struct arena *a, json_t *in, const char *key, size_t max, bool *set, const char **out,
			struct faults *f)
{
	json_t *v = json_object_get(in, key);
	*set = v != NULL;
	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	const char *s = json_string_value(v);
	if (!json_is_string(v) || !str_utf8_valid(s, json_string_length(v)) || strpbrk(s, "\r\n")) {
		faults_add(f, key, "Must be one line of text.");
		return 0;
	}
	char *copy = arena_strdup(a, s);
	if (copy == NULL)
		return ERR_NOMEM;
	copy = str_trim(copy);
	if (str_utf8_chars(copy) > max)
		faults_add(f, key, "Too long.");
	else
		*out = *copy ? copy : NULL;
	return 0;
}

/* office_json is what the audit compares of an office. */
static json_t *office_json(const struct org *o)
{
	return json_pack("{s:s?,s:s?,s:s?}", "name", o->name, "region", o->region, "time_zone", o->time_zone);
}

/* office_write writes o over before, in the transaction begun, with the audit of what changed;
 * nothing when nothing did. */
static int office_write(struct db *db, const struct actor *actor, const struct org *before, const struct org *o)
{
	json_t *was = office_json(before), *now = office_json(o);
	json_t *d = was && now ? audit_diff(was, now, NULL) : NULL;
	json_decref(was);
	json_decref(now);
	if (d == NULL)
		return ERR_NOMEM;
	int rc = 0;
	if (json_object_size(d) > 0)
		rc = org_store_update(db, o);
	if (rc == 0 && json_object_size(d) > 0)
		rc = audit_record(db, actor, "office_update", "org", o->uid, d);
	json_decref(d);
	return rc;
}

int office_update(struct db *db, struct arena *a, const struct actor *actor, json_t *in, struct faults *f,
		  struct org *out)
{
	if (!policy_can(actor, PERM_OFFICE_ADMIN))
		return ERR_FORBIDDEN;
	if (!json_is_object(in)) {
		faults_add(f, "", "The body must be a JSON object.");
		return ERR_INVALID;
	}
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		if (strcmp(key, "name") != 0 && strcmp(key, "region") != 0 && strcmp(key, "time_zone") != 0 &&
		    strcmp(key, "version") != 0)
			faults_add(f, arena_strdup(a, key), "Unknown field.");
	}
	bool set_name, set_region, set_zone;
	const char *name, *region, *zone;
	int faulted = f->n;
	int rc = office_field(a, in, "name", 200, &set_name, &name, f);
	if (rc == 0 && set_name && name == NULL && f->n == faulted)
		faults_add(f, "name", "This field is required."); /* null or blank */
	if (rc == 0)
		rc = office_field(a, in, "region", 100, &set_region, &region, f);
	if (rc == 0)
		rc = office_field(a, in, "time_zone", 10, &set_zone, &zone, f);
	if (rc)
		return rc;
	const char *why;
	if (region && region_check(region, &why))
		faults_add(f, "region", why);
	if (zone && office_zone_find(zone, NULL) == NULL)
		faults_add(f, "time_zone", "Time zone must be WIB, WITA or WIT.");
	json_t *ver = json_object_get(in, "version");
	if (ver == NULL || !json_is_integer(ver) || json_integer_value(ver) < 1)
		faults_add(f, "version", "Send the version you read, so that changes by others are not overwritten.");
	if (f->n)
		return ERR_INVALID;
	/* The office is read in the transaction that writes it: what is kept of it is what is there. */
	rc = db_begin(db);
	if (rc)
		return rc;
	struct org before;
	rc = org_store_get(db, a, actor->org_id, &before);
	if (rc == 0 && before.version != json_integer_value(ver))
		rc = ERR_CONFLICT;
	struct org o = before;
	if (set_name)
		o.name = name;
	if (set_region)
		o.region = region;
	if (set_zone)
		o.time_zone = zone ? office_zone_find(zone, NULL) : NULL;
	if (rc == 0 && o.region && !str_eq(o.region, before.region)) {
		bool listed;
		rc = ref_store_region_listed(db, a, o.region, &listed);
		if (rc == 0 && !listed) {
			faults_add(f, "region", "This region code is not in the region list.");
			rc = ERR_INVALID;
		}
	}
	if (rc == 0)
		rc = office_write(db, actor, &before, &o);
	if (rc == 0)
		rc = db_commit(db);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return org_store_get(db, a, actor->org_id, out);
}
