/* case_store.h: rows of casework: cases, their workers, items, emergency access, agencies. */
#ifndef PD_CASE_STORE_H
#define PD_CASE_STORE_H
#include <stdbool.h>
#include "base/arena.h"
#include "domain/policy.h"
#include "domain/stage.h"
#include "store/db.h"

struct case_worker_row {
	int64_t user_id;
	const char *name, *full_name, *role, *assigned_at, *reason;
};

struct case_row {
	int64_t id, client_id, version;
	const char *uid, *stage, *opened_reason, *closed_at, *created_at, *created_by, *updated_at;
	const char *client_uid, *client_name, *client_nik, *client_birth_date, *client_sex;
	const char *primary_name; /* the primary worker's user name, NULL when none */
	bool overdue;
	struct case_worker_row *workers; /* active workers, primary first */
	int nworkers;
};

struct case_item_row {
	int64_t id, author_id, version;
	const char *uid, *kind, *at, *level, *data, *created_at, *created_by, *updated_at, *updated_by;
	const char *archived_at;
	const unsigned char *box;
	size_t box_len;
};

struct case_filter {
	int64_t viewer;      /* only cases this user works on or supervises */
	int64_t worker;      /* 0 for any worker of those */
	const char *stage;   /* NULL for any */
	bool overdue;        /* only cases with overdue tasks or follow-ups */
	const char *client_uid; /* NULL for any */
	const char *today;   /* YYYY-MM-DD, for overdue */
	const char *cursor;
	int limit;
};

int case_store_insert(struct db *db, struct arena *a, int64_t org, int64_t client_id, const char *reason,
		      int64_t user, struct case_row *out);
/* case_store_get reads case uid of org with its active workers (today: for the overdue flag). */
int case_store_get(struct db *db, struct arena *a, int64_t org, const char *uid, const char *today,
		   struct case_row *out);
/* case_store_access fills how user stands to the case (now: ISO time, for emergency access). */
int case_store_access(struct db *db, int64_t case_id, int64_t user, const char *now, struct case_access *acc,
		      const char **glass_until);
/* case_store_of_client lists every case of the client (uid, stage, primary, closed_at) with
 * overdue set when viewer may see it (works on it or supervises it). */
int case_store_of_client(struct db *db, struct arena *a, int64_t org, const char *client_uid, int64_t viewer,
			 struct case_row **rows, int *n);
int case_store_open_count(struct db *db, int64_t client_id, int *n);
int case_store_set_stage(struct db *db, int64_t case_id, const char *stage, bool closed, int64_t user);
int case_store_touch(struct db *db, int64_t case_id, int64_t user);

int case_store_worker_add(struct db *db, int64_t case_id, int64_t user_id, const char *role, int64_t by,
			  const char *reason);
/* case_store_worker_end ends the active assignment of user_id (or of the primary when user_id is 0). */
int case_store_worker_end(struct db *db, int64_t case_id, int64_t user_id, bool primary_only, int64_t by,
			  const char *reason);
int case_store_glass_add(struct db *db, int64_t case_id, int64_t user, const char *reason, const char *until);

int case_store_item_insert(struct db *db, struct arena *a, int64_t case_id, const char *kind, const char *at,
			   const char *level, const char *data, const unsigned char *box, size_t box_len,
			   int64_t user, struct case_item_row *out);
/* case_store_item_update writes over item id if its version is still version (ERR_CONFLICT). */
int case_store_item_update(struct db *db, int64_t id, int64_t version, const char *at, const char *level,
			   const char *data, const unsigned char *box, size_t box_len, int64_t user);
int case_store_item_archive(struct db *db, int64_t id, int64_t user);
int case_store_item_get(struct db *db, struct arena *a, int64_t case_id, const char *uid, struct case_item_row *out);
/* case_store_items lists the case's items in timeline order (kind NULL: all; archived excluded). */
int case_store_items(struct db *db, struct arena *a, int64_t case_id, const char *kind,
		     struct case_item_row **items, int *n);
int case_store_list(struct db *db, struct arena *a, int64_t org, const struct case_filter *f,
		    struct case_row **rows, int *n, const char **next_cursor);
/* case_store_counts counts the cases of f (cursor and stage ignored) per stage and overdue. */
int case_store_counts(struct db *db, int64_t org, const struct case_filter *f, int counts[STAGE_COUNT],
		      int *overdue);
/* case_store_plan_changed tells whether a goal, task or resource of the case changed after since
 * (an ISO time). */
int case_store_plan_changed(struct db *db, int64_t case_id, const char *since, bool *changed);
/* case_store_facts gathers what the stage gates look at, and whether a task or follow-up is past
 * its date (today); normal_only: from the items of normal level only, for a caller who reads no
 * other (counts of hidden goals or tasks would tell of them). */
int case_store_facts(struct db *db, int64_t case_id, bool normal_only, const char *today, struct stage_facts *facts,
		     bool *overdue);
/* case_store_atensi_known tells whether code is an active ATENSI component. */
int case_store_atensi_known(struct db *db, int code, bool *known);
/* case_store_agency finds an active agency of org by uid: *external set; ERR_NOTFOUND. */
int case_store_agency(struct db *db, int64_t org, const char *uid, bool *external, const char **name,
		      struct arena *a);

#endif
