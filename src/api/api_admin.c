/* api_admin.c: the office's settings, the audit trail, reference lists and aggregate counts over
 * JSON. */
#include "api/api.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/str.h"
#include "domain/office.h"
#include "domain/region.h"
#include "store/audit_store.h"
#include "store/ref_store.h"
#include <string.h>

/* api_audit_filter reads the audit filters; shared with the admin page through the same names.
 * The dates since and until are days at offset seconds from UTC: the API's are UTC days, the
 * page's the office's. */
int api_audit_filter(struct request *rq, struct audit_filter *f, int offset, const char **bad_field, const char **why);
int api_audit_filter(struct request *rq, struct audit_filter *f, int offset, const char **bad_field, const char **why)
{
	memset(f, 0, sizeof *f);
	f->limit = 50;
	const char *v;
	static const char *const names[] = {"user", "entity", "entity_uid", "action", "since", "until"};
	const char **slots[] = {&f->user, &f->entity, &f->entity_uid, &f->action, &f->since, &f->until};
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
		v = kv_get(&rq->query, names[i]);
		*slots[i] = v && *v ? v : NULL;
	}
	const char *const days[] = {f->since, f->until};
	const char **ats[] = {&f->from_at, &f->to_at};
	for (int i = 0; i < 2; i++) {
		int64_t t;
		if (days[i] == NULL)
			continue;
		if (clock_date_unix(days[i], &t)) {
			*bad_field = i ? "until" : "since";
			*why = "Must be a real date written YYYY-MM-DD.";
			return ERR_INVALID;
		}
		if (i && f->since && strcmp(f->since, days[i]) > 0) {
			*bad_field = "until";
			*why = "Must not be before the first day.";
			return ERR_INVALID;
		}
		char iso[25];
		clock_iso_from(t + (i ? 86400 : 0) - offset, iso); /* until: the end of its day */
		if ((*ats[i] = arena_strdup(&rq->arena, iso)) == NULL)
			return ERR_NOMEM;
	}
	const char *cursor = kv_get(&rq->query, "cursor");
	v = cursor && *cursor ? cursor : kv_get(&rq->query, "before");
	long before = 0;
	if (v && *v && str_parse_long(v, 1, 0x7fffffffffffffffL, &before)) {
		*bad_field = v == cursor ? "cursor" : "before";
		*why = "The cursor is not valid: start again from the first page.";
		return ERR_INVALID;
	}
	f->before_id = before;
	v = kv_get(&rq->query, "limit");
	long limit = 50;
	if (v && *v && str_parse_long(v, 1, 200, &limit)) {
		*bad_field = "limit";
		*why = "Must be a whole number from 1 to 200.";
		return ERR_INVALID;
	}
	f->limit = (int)limit;
	return 0;
}

int api_audit_list(struct request *rq, struct response *rs)
{
	static const char *const known[] = {"user", "entity", "entity_uid", "action", "since", "until", "cursor", "before", "limit", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	struct audit_filter f;
	const char *bad = NULL, *why = NULL;
	int rc = api_audit_filter(rq, &f, 0, &bad, &why);
	if (rc == ERR_NOMEM)
		return rc;
	if (rc)
		return api_error(rq, rs, ERR_INVALID, bad, why);
	struct audit_item *items;
	int n;
	int64_t next;
	rc = audit_store_list(rq->db, &rq->arena, &f, &items, &n, &next);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		const struct audit_row *r = &items[i].row;
		json_t *detail = json_loads(r->detail, 0, NULL);
		json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o,s:s}", "id", (json_int_t)r->id,
						     "at", r->at, "user", r->user_name, "action", r->action,
						     "entity", r->entity, "entity_uid", r->entity_uid, "detail",
						     detail ? detail : json_object(), "hash", items[i].hash));
	}
	json_t *j = json_pack("{s:o}", "items", arr);
	json_object_set_new(j, "next_cursor", next ? json_sprintf("%lld", (long long)next) : json_null());
	return api_send(rq, rs, 200, j);
}

int api_ppks(struct request *rq, struct response *rs)
{
	struct ppks_item *items;
	int n;
	int rc = ref_store_ppks(rq->db, &rq->arena, &items, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:i,s:s,s:s}", "code", items[i].code, "name_id",
						     items[i].name_id, "name_en", items[i].name_en));
	return api_send(rq, rs, 200, json_pack("{s:o}", "items", arr));
}

/* api_region_json is one region; within only when asked for. */
static json_t *api_region_json(const struct region_item *r)
{
	json_t *j = json_pack("{s:s,s:s,s:i}", "code", r->code, "name", r->name, "level", r->level);
	if (r->within)
		json_object_set_new(j, "within", json_string(r->within));
	return j;
}

/* The longest search text: a village's name with its district's is well under it. */
#define API_REGION_Q_MAX 100

/* api_region_cache lets a browser keep an answer for an hour: the list changes when an
 * administrator loads a new one, and a phone's link is spared. An empty answer (a list not loaded
 * yet) is not kept. */
static void api_region_cache(struct response *rs, int n)
{
	rs->cache = n > 0 ? "private, max-age=3600" : NULL;
}

int api_regions(struct request *rq, struct response *rs)
{
	static const char *const known[] = {"parent", "q", "limit", NULL};
	if (api_known_params(rq, rs, known))
		return 0;
	const char *parent = kv_get(&rq->query, "parent"), *q = kv_get(&rq->query, "q"), *why;
	if (parent && *parent == 0)
		parent = NULL;
	if (parent && region_check(parent, &why))
		return api_error(rq, rs, ERR_INVALID, "parent", why);
	if (q && (!str_utf8_valid(q, strlen(q)) || str_utf8_chars(q) > API_REGION_Q_MAX))
		return api_error(rq, rs, ERR_INVALID, "q", "Too long: at most 100 characters.");
	char key[4 * API_REGION_Q_MAX + 1];
	size_t klen = region_find_key(q, key, sizeof key);
	if (kv_get(&rq->query, "limit") && klen == 0)
		return api_error(rq, rs, ERR_INVALID, "limit", "Only with q: the regions below a parent come all at once.");
	int limit, n, rc;
	struct region_item *items;
	if (api_limit(rq, rs, &limit))
		return 0;
	if (klen)
		rc = ref_store_region_find(rq->db, &rq->arena, key, region_find_kind(q), parent, limit, &items, &n);
	else
		rc = ref_store_region_children(rq->db, &rq->arena, parent, &items, &n);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, api_region_json(&items[i]));
	api_region_cache(rs, n);
	return api_send(rq, rs, 200, json_pack("{s:o}", "items", arr));
}

int api_region_get(struct request *rq, struct response *rs)
{
	const char *why;
	if (api_known_params(rq, rs, (const char *const[]){NULL}))
		return 0;
	if (region_check(rq->params[0], &why))
		return api_error(rq, rs, ERR_INVALID, "code", why);
	struct region_item r;
	bool found;
	int rc = ref_store_region_get(rq->db, &rq->arena, rq->params[0], &r, &found);
	if (rc)
		return rc;
	if (!found)
		return api_error(rq, rs, ERR_NOTFOUND, "code", "This region code is not in the region list.");
	api_region_cache(rs, 1);
	return api_send(rq, rs, 200, api_region_json(&r));
}

int api_summary(struct request *rq, struct response *rs)
{
	json_t *j = json_object();
	static const char *const bys[] = {"province", "ppks", "sex"};
	int64_t total = 0;
	for (unsigned k = 0; k < 3; k++) {
		struct count_item *items;
		int n;
		int rc = ref_store_counts(rq->db, &rq->arena, rq->actor.org_id, bys[k], &items, &n, &total);
		if (rc) {
			json_decref(j);
			return rc;
		}
		json_t *arr = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s,s:s,s:I}", "key", items[i].key, "label",
							     items[i].label, "count", (json_int_t)items[i].count));
		json_object_set_new(j, bys[k], arr);
	}
	json_object_set_new(j, "total", json_integer(total));
	return api_send(rq, rs, 200, j);
}

/* api_office_send answers the office as the API shows it: time_zone as set (null: from its
 * region), zone the one it keeps. */
static int api_office_send(struct request *rq, struct response *rs, const struct org *o)
{
	const char *region_name = NULL;
	int rc = o->region ? ref_store_region_name(rq->db, &rq->arena, o->region, &region_name) : 0;
	if (rc)
		return rc;
	const char *zone = office_zone(o->time_zone, o->region);
	int offset = office_zone_offset(zone) / 3600;
	return api_send(rq, rs, 200, json_pack("{s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s,s:s,s:I,s:s}", "uid", o->uid, "name", o->name, "type", o->type,
			 "region", o->region, "region_name", region_name, "time_zone", o->time_zone, "zone", zone,
			 "utc_offset", arena_printf(&rq->arena, "+%02d:00", offset), "version", (json_int_t)o->version,
			 "updated_at", o->updated_at));
}

int api_office(struct request *rq, struct response *rs)
{
	struct org o;
	int rc = office_get(rq->db, &rq->arena, &rq->actor, &o);
	return rc ? rc : api_office_send(rq, rs, &o);
}

int api_office_patch(struct request *rq, struct response *rs)
{
	json_t *body;
	if (api_body(rq, rs, &body))
		return 0;
	struct faults f = {0};
	struct org o;
	int rc = office_update(rq->db, &rq->arena, &rq->actor, body, &f, &o);
	json_decref(body);
	if (rc == ERR_INVALID)
		return api_faults(rq, rs, rc, &f);
	if (rc == ERR_CONFLICT)
		return api_error(rq, rs, rc, "version", NULL);
	return rc ? rc : api_office_send(rq, rs, &o);
}
