/* ref_store.h: reference lists (PPKS categories, regions) and aggregate counts. */
#ifndef PD_REF_STORE_H
#define PD_REF_STORE_H
#include "base/arena.h"
#include "store/db.h"
#include <stdbool.h>

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
/* ref_store_region_name sets *name to the region's name, or NULL when the code is not loaded (or
 * NULL). In a read transaction the name comes from the connection's memo (store/region_memo.h). */
int ref_store_region_name(struct db *db, struct arena *a, const char *code, const char **name);
/* ref_store_region_put inserts or renames a region (level from its code). */
int ref_store_region_put(struct db *db, const char *code, const char *name, int level);
struct region_item {
	const char *code, *name;
	const char *within; /* the names of the regions it lies in, nearest first ("Coblong, Kota
			     * Bandung, Jawa Barat"); NULL where not asked for */
	int level;          /* 1 province, 2 regency, 3 district, 4 village */
};

/* ref_store_region_children lists the regions one level below parent (NULL: the provinces) by
 * code; none below a village. ERR_INVALID when parent is not a region code's shape. */
int ref_store_region_children(struct db *db, struct arena *a, const char *parent, struct region_item **items,
			      int *n);
/* ref_store_region_find lists at most max regions (below parent when not NULL) whose name starts
 * with key, region_find_key's form of what was typed; a regency's name also without its
 * "Kabupaten" or "Kota". Provinces first, then regencies (those whose name is like prefer first,
 * when not NULL: region_find_kind), districts and villages, each level by name; with within.
 * ERR_INVALID when parent is not a region code's shape. */
int ref_store_region_find(struct db *db, struct arena *a, const char *key, const char *prefer, const char *parent,
			  int max, struct region_item **items, int *n);
/* ref_store_region_get sets *item, with within, to the loaded region of code; *found false when
 * the code is not loaded. Its level is its code's (region_level), as every way of loading a region
 * writes it. */
int ref_store_region_get(struct db *db, struct arena *a, const char *code, struct region_item *item, bool *found);
/* ref_store_region_listed tells (*listed) whether a well-formed code may be a client's region: it
 * is in the region list, or the list has no region of its level below its parent (only the
 * provinces come with the program; an office may load part of the list). */
int ref_store_region_listed(struct db *db, struct arena *a, const char *code, bool *listed);
/* ref_store_counts counts active clients of org: by "province", "ppks" or "sex"; *total all of them. */
int ref_store_counts(struct db *db, struct arena *a, int64_t org, const char *by,
		     struct count_item **items, int *n, int64_t *total);

#endif
