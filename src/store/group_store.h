/* group_store.h: rows of group work: groups, facilitators, members, sessions, attendance, goals. */
#ifndef PD_GROUP_STORE_H
#define PD_GROUP_STORE_H
#include <stdbool.h>
#include "base/arena.h"
#include "domain/policy.h"
#include "store/db.h"

struct group_person {
	int64_t user_id;
	const char *name, *full_name, *role;
};

struct group_row {
	int64_t id, version;
	const char *uid, *name, *purpose, *aim, *ppks, *starts_on, *ends_on, *frequency, *place, *status;
	const char *created_at, *updated_at;
	int capacity, members, sessions;
	struct group_person *people;
	int npeople;
	struct group_access access;
};

struct member_row {
	int64_t id, client_id;
	const char *uid, *client_uid, *client_name, *joined_on, *join_reason, *left_on, *leave_reason, *goals;
	const char *open_case; /* uid of the client's latest open case, or NULL */
	int held, present, excused, absent; /* sessions recorded for the member while a member, and their attendance */
};

struct session_row {
	int64_t id, version, author_id;
	const char *uid, *held_on, *phase, *topic, *activities, *level, *created_by, *updated_at;
	const unsigned char *box;
	size_t box_len;
	int present, excused, absent;
};

struct attendance_row {
	int64_t session_id, member_id;
	const char *member_uid, *client_uid, *client_name, *status, *held_on;
	int participation; /* 0 when not scored */
	const unsigned char *box;
	size_t box_len;
};

struct goal_row {
	int64_t id;
	const char *uid, *data;
};

struct goal_score_row {
	int64_t goal_id;
	const char *held_on;
	int score;
};

int group_store_insert(struct db *db, struct arena *a, int64_t org, int64_t user, struct group_row *g);
int group_store_update(struct db *db, int64_t user, const struct group_row *g);
int group_store_get(struct db *db, struct arena *a, int64_t org, const char *uid, int64_t viewer, struct group_row *g);
/* group_store_list lists a page of the organisation's groups (running before ended, then by name) with
 * counts and the viewer's access: at most limit rows (all if limit <= 0) after skipping offset; *more
 * tells whether rows follow. */
int group_store_list(struct db *db, struct arena *a, int64_t org, int64_t viewer, int64_t offset, int limit,
		     struct group_row **rows, int *n, bool *more);
int group_store_facilitator_add(struct db *db, int64_t group_id, int64_t user_id, const char *role);
int group_store_facilitator_end(struct db *db, int64_t group_id, int64_t user_id);

int group_store_member_add(struct db *db, struct arena *a, int64_t group_id, int64_t client_id, const char *joined_on,
			   const char *reason, int64_t user, const char **uid);
int group_store_member_leave(struct db *db, int64_t member_id, const char *left_on, const char *reason);
int group_store_member_goals(struct db *db, int64_t member_id, const char *goals);
/* group_store_members lists members (active first) with attendance counts and their open case. */
int group_store_members(struct db *db, struct arena *a, int64_t group_id, struct member_row **rows, int *n);

int group_store_session_insert(struct db *db, struct arena *a, int64_t group_id, const char *held_on, const char *phase,
			       const char *topic, const char *activities, const char *level, const unsigned char *box,
			       size_t box_len, int64_t user, const char *uid, int64_t *id);
int group_store_attendance_insert(struct db *db, int64_t session_id, int64_t member_id, const char *status,
				  int participation, const unsigned char *box, size_t box_len);
int group_store_sessions(struct db *db, struct arena *a, int64_t group_id, struct session_row **rows, int *n);
int group_store_session_get(struct db *db, struct arena *a, int64_t group_id, const char *uid, struct session_row *s);
/* group_store_attendance lists the attendance of one session (session_id) or of every session
 * of the group (session_id 0), ordered by session date and member name. */
int group_store_attendance(struct db *db, struct arena *a, int64_t group_id, int64_t session_id,
			   struct attendance_row **rows, int *n);

/* group_store_last_attendance sets *date to the latest session the member was recorded at. */
int group_store_last_attendance(struct db *db, struct arena *a, int64_t member_id, const char **date);
int group_store_goal_insert(struct db *db, struct arena *a, int64_t group_id, const char *data, int64_t user,
			    const char **uid);
int group_store_goals(struct db *db, struct arena *a, int64_t group_id, struct goal_row **rows, int *n);
int group_store_goal_score(struct db *db, int64_t goal_id, int64_t session_id, int score);
int group_store_goal_scores(struct db *db, struct arena *a, int64_t group_id, struct goal_score_row **rows, int *n);

#endif
