/* casework.h: individual social guidance (bimbingan sosial perseorangan): cases from intake to
 * aftercare, their items, stages and gates, approvals, assignments and emergency access.
 *
 * Every action checks policy_case() against how the caller stands to the case, runs in one
 * transaction and writes its audit row there. A case the caller may not see is "not found". */
#ifndef PD_CASEWORK_H
#define PD_CASEWORK_H
#include <jansson.h>
#include "base/arena.h"
#include "base/fault.h"
#include "domain/case_kind.h"
#include "domain/policy.h"
#include "domain/stage.h"
#include "store/case_store.h"

#define CASEWORK_GLASS_HOURS 4

struct case_view {
	struct case_row row;
	struct case_access access;
	bool can_write, can_approve, can_assign;
	const char *glass_until;
	struct stage_facts facts;
};

struct case_item_view {
	struct case_item_row row;
	const char *json; /* the item's fields (plain and unsealed) as a JSON object */
};

struct case_query {
	const char *worker; /* user name, NULL for all the caller may see */
	const char *stage;
	bool overdue;
	const char *client; /* client uid */
	const char *cursor;
	int limit;
};

/* casework_open opens a case for client_uid with its problems (a JSON array of problem objects,
 * may be NULL); the caller becomes its primary worker. A second open case of the same client
 * needs reason. ERR_FORBIDDEN, ERR_INVALID (faults: "client", "reason", "problems[i].x"). */
int casework_open(struct db *db, struct arena *a, const struct actor *actor, const char *client_uid,
		  json_t *problems, const char *reason, struct case_view *out, struct faults *f);
/* casework_get reads a case the caller may see and records the opening in the audit trail (the
 * client's access log). ERR_NOTFOUND when it does not exist or is not the caller's to see. */
int casework_get(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		 struct case_view *out);
/* casework_peek reads a case like casework_get without recording an opening: for answering a
 * change the caller just made (the change itself is audited). */
int casework_peek(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
		  struct case_view *out);
/* casework_items lists the items of kind (NULL: the whole timeline) that the caller may read, with
 * their sealed fields opened; reads of restricted or sealed items are audited. */
int casework_items(struct db *db, struct arena *a, const struct actor *actor, const struct case_view *cv,
		   const char *kind, struct case_item_view **items, int *n);
/* casework_add records a new item of kind (a user-made kind: see case_kinds) on the case. once,
 * when a uid, is the uid the item takes (a form's one-time key): the same form sent again then
 * answers ERR_EXISTS instead of saving a second copy. NULL for a new uid. */
int casework_add(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		 const char *kind, json_t *in, const char *once, struct case_item_view *out, struct faults *f);
/* casework_update changes an item; in must carry the "version" read. ERR_CONFLICT fills current. */
int casework_update(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		    const char *kind, const char *item_uid, json_t *in, struct case_item_view *out,
		    struct case_item_view *current, struct faults *f);
/* casework_archive_item archives an item of kind (nothing entered is deleted). */
int casework_archive_item(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
			  const char *kind, const char *item_uid);
/* casework_move moves the case to stage to with note. ERR_GATE with *why naming what is missing. */
int casework_move(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		  const char *to, const char *note, const char **why);
/* casework_request asks the supervisor to approve the "plan" or the "closure". */
int casework_request(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		     const char *type, const char *note, struct case_item_view *out, struct faults *f);
/* casework_decide approves (approve true) or returns a pending request with comment. */
int casework_decide(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		    const char *item_uid, bool approve, const char *comment, struct faults *f);
/* casework_assign adds user_name as "primary" (a transfer: the former primary leaves) or
 * "secondary" worker, with the reason recorded. */
int casework_assign(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		    const char *user_name, const char *role, const char *reason, struct faults *f);
/* casework_unassign ends user_name's work on the case (not the primary's: transfer instead). */
int casework_unassign(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		      const char *user_name, const char *reason, struct faults *f);
/* casework_glass grants the caller CASEWORK_GLASS_HOURS of access to a case outside their
 * assignment; the reason is required, audited and shown on the case. */
int casework_glass(struct db *db, struct arena *a, const struct actor *actor, const char *case_uid,
		   const char *reason, struct faults *f);
/* casework_list returns a page of the cases the caller works on or supervises. ERR_INVALID with
 * *bad the refused member of q: "worker" (no such user), "stage" or "cursor" (not one of this
 * query's pages). */
int casework_list(struct db *db, struct arena *a, const struct actor *actor, const struct case_query *q,
		  struct case_row **rows, int *n, const char **next_cursor, const char **bad);
/* casework_of_client lists the client's cases with, in row.overdue, whether the caller may open
 * each one (others can be reached through emergency access). */
int casework_of_client(struct db *db, struct arena *a, const struct actor *actor, const char *client_uid,
		       struct case_row **rows, int *n);
/* casework_group_note writes a member's group session (attendance, participation, the facilitator's
 * observation) onto the timeline of the open case case_uid, inside the caller's transaction. The
 * facilitator need not work on the case. With an observation, the note takes the session's level
 * (normal, restricted or sealed, the facilitator its author): a sealed session's observation is no
 * more open on the case than in the group. Without one it is normal: attendance is no secret. */
int casework_group_note(struct db *db, struct arena *a, const struct actor *actor, int64_t org, const char *case_uid,
			json_t *plain, const char *observation, const char *level, const char *at);
/* casework_caseload counts those cases per stage, and the overdue ones. */
int casework_caseload(struct db *db, struct arena *a, const struct actor *actor, const char *worker,
		      int counts[STAGE_COUNT], int *overdue);

#endif
