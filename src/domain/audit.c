/* audit.c: pure functions of the audit trail; the store appends and walks rows. */
#include "domain/audit.h"
#include "base/clock.h"
#include "base/err.h"
#include "store/audit_store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void audit_put(unsigned char **p, size_t *left, const char *s, int *overflow)
{
	size_t n = s ? strlen(s) : 0;
	char len[24];
	int k = snprintf(len, sizeof len, "%zu:", n);
	if ((size_t)k + n + 1 > *left) {
		*overflow = 1;
		return;
	}
	memcpy(*p, len, (size_t)k);
	*p += k;
	if (n)
		memcpy(*p, s, n);
	*p += n;
	**p = '\n';
	*p += 1;
	*left -= (size_t)k + n + 1;
}

void audit_hash(const struct audit_row *row, char out[SECRET_HASH_HEX])
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)row->id);
	const char *parts[] = {row->prev_hash, id, row->at, row->user_name, row->action,
			       row->entity, row->entity_uid, row->detail};
	size_t total = 0;
	for (unsigned i = 0; i < sizeof parts / sizeof parts[0]; i++)
		total += (parts[i] ? strlen(parts[i]) : 0) + 24;
	unsigned char stack[4096];
	unsigned char *mem = total <= sizeof stack ? stack : malloc(total);
	if (mem == NULL) {
		/* Cannot hash: produce a value that never verifies rather than a plausible one. */
		memset(out, 'x', SECRET_HASH_HEX - 1);
		out[SECRET_HASH_HEX - 1] = 0;
		return;
	}
	unsigned char *p = mem;
	size_t left = total;
	int overflow = 0;
	for (unsigned i = 0; i < sizeof parts / sizeof parts[0]; i++)
		audit_put(&p, &left, parts[i], &overflow);
	secret_digest_hex(mem, (size_t)(p - mem), out);
	if (mem != stack)
		free(mem);
}

static int audit_is_sensitive(const char *key, const char *const *sensitive)
{
	for (int i = 0; sensitive && sensitive[i]; i++)
		if (strcmp(key, sensitive[i]) == 0)
			return 1;
	return 0;
}

static void audit_add(json_t *diff, const char *key, json_t *b, json_t *a, const char *const *sensitive)
{
	json_t *entry = json_object();
	if (audit_is_sensitive(key, sensitive)) {
		json_object_set_new(entry, "changed", json_true());
	} else {
		json_object_set(entry, "before", b ? b : json_null());
		json_object_set(entry, "after", a ? a : json_null());
	}
	json_object_set_new(diff, key, entry);
}

json_t *audit_diff(const json_t *before, const json_t *after, const char *const *sensitive)
{
	json_t *diff = json_object();
	const char *key;
	json_t *value;
	if (after) {
		json_object_foreach((json_t *)after, key, value) {
			json_t *old = before ? json_object_get(before, key) : NULL;
			if (old == NULL && json_is_null(value))
				continue;
			if (old == NULL || !json_equal(old, value))
				audit_add(diff, key, old, value, sensitive);
		}
	}
	if (before) {
		json_object_foreach((json_t *)before, key, value) {
			if ((after == NULL || json_object_get(after, key) == NULL) && !json_is_null(value))
				audit_add(diff, key, value, NULL, sensitive);
		}
	}
	return diff;
}

json_t *audit_fields(const json_t *fields, const char *const *sensitive)
{
	json_t *out = json_object();
	const char *key;
	json_t *value;
	json_object_foreach((json_t *)fields, key, value) {
		if (out && json_object_set_new(out, key, audit_is_sensitive(key, sensitive) ? audit_changed() : json_incref(value))) {
			json_decref(out);
			out = NULL;
		}
	}
	return out;
}

json_t *audit_changed(void)
{
	return json_pack("{s:b}", "changed", 1);
}

int audit_record(struct db *db, const struct actor *actor, const char *action, const char *entity,
		 const char *entity_uid, json_t *detail)
{
	int64_t last;
	char prev[SECRET_HASH_HEX], hash[SECRET_HASH_HEX], now[25];
	int rc = audit_store_last(db, &last, prev);
	if (rc)
		return rc;
	clock_now_iso(now);
	char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	struct audit_row row = {
		.id = last + 1,
		.at = now,
		.user_name = actor && actor->name ? actor->name : "system",
		.action = action,
		.entity = entity,
		.entity_uid = entity_uid ? entity_uid : "",
		.detail = text ? text : "{}",
		.prev_hash = prev,
	};
	audit_hash(&row, hash);
	rc = audit_store_insert(db, &row, actor ? actor->user_id : 0, hash);
	free(text);
	return rc;
}

struct audit_walk {
	char prev[SECRET_HASH_HEX];
	int64_t count, bad_id;
};

static int audit_check_row(void *ctx, const struct audit_row *row, const char *hash)
{
	struct audit_walk *w = ctx;
	char want[SECRET_HASH_HEX];
	audit_hash(row, want);
	if (strcmp(row->prev_hash, w->prev) != 0 || strcmp(want, hash) != 0) {
		w->bad_id = row->id;
		return 1;
	}
	snprintf(w->prev, sizeof w->prev, "%s", hash);
	w->count++;
	return 0;
}

int audit_verify(struct db *db, int64_t *count, int64_t *bad_id)
{
	struct audit_walk w = {.count = 0, .bad_id = 0};
	snprintf(w.prev, sizeof w.prev, "%s", AUDIT_GENESIS);
	int rc = audit_store_walk(db, audit_check_row, &w);
	*count = w.count;
	*bad_id = w.bad_id;
	if (rc < 0)
		return rc;
	return rc ? ERR_INVALID : 0;
}
