/* ref_store.h: reference lists (PPKS categories, regions) and aggregate counts. */
#ifndef PD_REF_STORE_H
#define PD_REF_STORE_H
#include "base/arena.h"
#include "store/db.h"

struct ppks_item {
	int code;
	const char *name_id, *name_en;
};

struct count_item {
	const char *key, *label;
	int64_t count;
};

/* ref_store_ppks lists the active PPKS categories by code. */
int ref_store_ppks(struct db *db, struct arena *a, struct ppks_item **items, int *n);
/* ref_store_region_name sets *name to the region's name, or NULL when the code is not loaded. */
int ref_store_region_name(struct db *db, struct arena *a, const char *code, const char **name);
/* ref_store_region_put inserts or renames a region (level from its code). */
int ref_store_region_put(struct db *db, const char *code, const char *name, int level);
/* ref_store_counts counts active clients of org: by "province", "ppks" or "sex"; *total all of them. */
int ref_store_counts(struct db *db, struct arena *a, int64_t org, const char *by,
		     struct count_item **items, int *n, int64_t *total);

#endif
