/* client_store.h: rows of the client registry: insert, update, read, search, archive. */
#ifndef PD_CLIENT_STORE_H
#define PD_CLIENT_STORE_H
#include "domain/client.h"
#include "store/db.h"

/* client_store_insert writes c as a new client of org; sets c->id, uid, version, timestamps.
 * The row's name_key (name_dup_key of c->name_norm) is computed here; c->search_names is stored
 * as client_validate made it. client_store_update likewise. */
int client_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct client *c);
/* client_store_insert_row is client_store_insert without the client's rows in the index of names,
 * for a bulk import that writes them for a batch at once (name_index_put_many) before it commits:
 * until then a search does not find the client. */
int client_store_insert_row(struct db *db, struct arena *a, int64_t org, int64_t user, struct client *c);
/* client_store_update writes c over the row c->id if its version is still c->version; bumps the
 * version. ERR_CONFLICT when the stored version differs. */
int client_store_update(struct db *db, struct arena *a, int64_t user, struct client *c);
/* client_store_get reads the client uid of org into *c; sensitive decrypts the specific personal
 * data. ERR_NOTFOUND, ERR_CRYPTO, ERR_DB. */
int client_store_get(struct db *db, struct arena *a, int64_t org, const char *uid, bool sensitive,
		     struct client *c);
/* client_store_nik_owner sets *uid to the client of org other than exclude_id holding nik, or NULL. */
int client_store_nik_owner(struct db *db, struct arena *a, int64_t org, const char *nik,
			   int64_t exclude_id, const char **uid);
/* client_store_dups lists up to max active clients of org with the same birth date and the same
 * spelling key of the name (name_dup_key of name_norm: "Moh. Soekarno" = "Muhammad Sukarno" =
 * "M. Sukarno"), other than exclude_id. Rows written before migration 005 whose key is not yet
 * filled are compared by name_norm. */
int client_store_dups(struct db *db, struct arena *a, int64_t org, const char *name_norm,
		      const char *birth_date, int64_t exclude_id, const char **uids,
		      const char **names, int max, int *n);
/* client_store_archive marks the client archived now. */
int client_store_archive(struct db *db, int64_t user, int64_t id);
/* client_store_search fills page with summary records (no specific personal data). q->q is NIK
 * digits (a prefix) or normalised words: each word matches a word of the name or other names that
 * starts with it, or by its spelling key (name_key_prefix, name_key), and two adjacent words may
 * match one word written together. Sorted by name, rows where every word matches as written come
 * first, then spelling variants. First fills the keys of up to 5000 rows written before migration
 * 005, in a transaction of its own: call it outside a transaction. */
int client_store_search(struct db *db, struct arena *a, int64_t org, const struct client_query *q,
			struct client_page *page);
/* The bounds of the client list's plans (client_store.c), each 0 for its default. */
struct client_store_bounds {
	long quick_us;  /* processor time the quick plan may take before a surer one is taken */
	int set_max;    /* the most clients read as a set */
	int region_max; /* the most clients of a region alone listed along its index */
	int named_max;  /* the most candidates of words taken with a region by the index of names */
	int test_ids;   /* the most ids of that region read per candidate rather than tests made */
};
/* client_store_tune sets the bounds (NULL: the defaults); none but quick_us goes above its
 * default. For tests, which take each plan on purpose on a small registry. */
void client_store_tune(const struct client_store_bounds *b);
/* What an imported row was known by. */
enum client_key { CLIENT_KEY_NONE, CLIENT_KEY_NIK, CLIENT_KEY_EXTERNAL, CLIENT_KEY_CONTENT };

/* client_store_keyed finds the client of org that an imported row c stands for, by the row's key:
 * its NIK, else its external_id (also when the NIK is not registered: a NIK added since), else,
 * for a row with neither, a client without either of the same name_norm, sex, birth date and
 * region. *uid and *name_norm are that client's and *by the key that found it; NULL and
 * CLIENT_KEY_NONE when none. *mismatch: the client found holds another value of the row's other
 * key (found by NIK with another external_id, or by external_id with another NIK). */
int client_store_keyed(struct db *db, struct arena *a, int64_t org, const struct client *c, const char *external_id,
		       const char **uid, const char **name_norm, enum client_key *by, bool *mismatch);
/* client_store_set_external records the source system's identifier of client id. */
int client_store_set_external(struct db *db, int64_t id, const char *external_id);
/* client_store_ppks_known tells (via *known) whether code is an active PPKS category. */
int client_store_ppks_known(struct db *db, int code, bool *known);

#endif
