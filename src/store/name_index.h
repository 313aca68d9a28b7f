/* name_index.h: the index of name words behind name search (table client_term).
 *
 * Every token of a client's search text (name_search_text) is a row (organisation, kind, token,
 * normalised name, client id): kind 0 (NI_KIND_WORD) for the words as written, 1 (NI_KIND_KEY)
 * for the spelling keys after NAME_SEARCH_MARK, 2 (NI_KIND_PAIR) for the pairs of words written
 * together after NAME_SEARCH_PAIRS (before migration 012 pairs were kind 1). Within one token the
 * rows are in name order, so the clients matching a query come out in name order by merging the
 * few tokens each query word matches and intersecting the words (a leapfrog join): a search reads
 * about one page of rows, not every match. Table name_term holds the distinct tokens, for a key or
 * a pair its covered length (a query form no longer than that finds every client of the token
 * through a shorter word or key of the client's own, so it does not look the token up), and an
 * estimate of its rows from a sample of its clients (clients, for plans that read every match). */
#ifndef PD_NAME_INDEX_H
#define PD_NAME_INDEX_H
#include "domain/name.h"
#include "store/db.h"

enum { NI_KIND_WORD, NI_KIND_KEY, NI_KIND_PAIR };

/* The estimates that plan a list (name_term.clients, region_clients) count this many for each
 * client whose id is a multiple of it, and nothing for the others: only one client in so many
 * writes them. Migrations 015 and 016 compute them with the same number. */
#define NAME_INDEX_SAMPLE 16

/* name_index_put writes the rows of client id (of org) with normalised name name_norm and search
 * text text; name_index_drop removes the rows written for exactly these values. Both run in the
 * caller's transaction, next to the change of the client row. */
int name_index_put(struct db *db, int64_t org, int64_t id, const char *name_norm, const char *text);
int name_index_drop(struct db *db, int64_t org, int64_t id, const char *name_norm, const char *text);
/* A client as the index of names takes it: its id, normalised name and search text. */
struct name_index_client {
	int64_t id;
	const char *name_norm, *text;
};
/* name_index_put_many is name_index_put for n clients at once, in the caller's transaction: the
 * rows are written in the index's order, next to each other rather than each at its own place,
 * which a bulk import of new clients spends less on. */
int name_index_put_many(struct db *db, int64_t org, int n, const struct name_index_client *clients);

/* A visitor of candidates: 0 to go on, 1 to stop, < 0 an error that stops the scan. name is
 * valid only during the call. */
typedef int (*name_index_visit)(void *ctx, const char *name, int64_t id);

/* name_index_scan calls visit with candidates for q in ascending (name_norm, id) order, starting
 * after (after_name, after_id) when after_name is not NULL. For tier 0 the candidates are every
 * client where each query word starts a written word; for tier 1, every client that matches q at
 * all (name_query_tier >= 0). Candidates are a superset: a query word that matches more than 256
 * distinct tokens (a short prefix in a large registry) is not looked up, and when no word of a query is,
 * every client of org comes in name order; the visitor checks each candidate with
 * name_query_tier. Archived clients are candidates too. Returns 0, or the visitor's or the
 * database's error. */
int name_index_scan(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int tier,
		    const char *after_name, int64_t after_id, name_index_visit visit, void *ctx);

/* name_index_variants is name_index_scan in tier 1 for a caller that lists only the variants
 * (name_query_tier 1): every variant comes, among no more than tier 1's candidates. When every
 * query word's and joined pair's tokens are looked up, only the candidates that match some word
 * through a token tier 0 does not look up (a spelling key, a pair, a word its key starts), or a
 * joined pair, come (none when there are no such tokens), unless the estimates of rows say that
 * reads more than tier 1 whole. With same not NULL, when a word is too common to look up and no
 * word or joined pair has a token beyond tier 0's, the variants are among tier 0's candidates: it
 * visits none and sets *same, and the caller lists the variants it kept among those instead. */
int name_index_variants(struct db *db, struct arena *a, int64_t org, const struct name_query *q, const char *after_name,
			int64_t after_id, name_index_visit visit, void *ctx, bool *same);

/* name_index_every is name_index_scan in tier 1 from the start, for a caller that takes every
 * candidate rather than a page, with a query word that matches more than terms distinct tokens
 * (at most 256) not looked up, left to whoever reads the candidates' rows: a word of many tokens
 * moves each of them at every step of the leapfrog, while the candidates of a narrower word cost
 * one read each. The candidates may then be many more: a caller that bounds them should try
 * again with 256. */
int name_index_every(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int terms,
		     name_index_visit visit, void *ctx);

/* name_index_gather gives every candidate of q in tier 1, a superset as name_index_every's,
 * ascending by id in *ids, with their normalised names in *names when names is not NULL, and
 * their number in *n: -1 when they may be more than max (estimated from name_term, or more rows
 * read than twice max), or when no word of q is looked up. Each token is read in one range
 * rather than leapfrogged, and a word of many more rows than the narrowest is leapfrogged, or
 * left out when it has many tokens: the caller checks the words on the rows it reads. */
int name_index_gather(struct db *db, struct arena *a, int64_t org, const struct name_query *q, int max, int64_t **ids,
		      const char ***names, int *n);

#endif
