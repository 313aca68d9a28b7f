/* groupwork.h: group social guidance (bimbingan sosial kelompok): groups, facilitators, members,
 * sessions with the attendance of every member, process notes, goals and progress.
 *
 * Facilitators, co-facilitators and the supervisors of facilitators see a group's content; the
 * rest of the organisation sees its name, purpose and counts. Every change is audited. */
#ifndef PD_GROUPWORK_H
#define PD_GROUPWORK_H
#include <jansson.h>
#include "base/fault.h"
#include "domain/policy.h"
#include "store/group_store.h"

#define GROUP_LOW_ATTENDANCE 0.5 /* members below this attendance rate are flagged */
#define GW_MAX_SCORES 50        /* goal scores one session may record */

extern const char *const group_purposes[];   /* restorative, remedial, preventive, developmental */
extern const char *const group_statuses[];   /* forming, active, ended */
extern const char *const group_phases[];     /* beginning, working, ending */
extern const char *const group_attendances[]; /* present, excused, absent */

struct group_view {
	struct group_row row;
	bool content; /* the caller may see members and sessions */
};

struct member_view {
	struct member_row row;
	double rate;  /* present / sessions held while a member; 0 with none held */
	bool low;     /* at least one session held and rate below GROUP_LOW_ATTENDANCE */
};

struct session_view {
	struct session_row row;
	const char *notes; /* the process notes (JSON) when the caller may read them, else NULL */
	struct attendance_row *attendance;
	const char **observations; /* per attendance row, NULL when none */
	int nattendance;
};

/* groupwork_create validates {name, purpose, aim, ppks, starts_on, ends_on, frequency, place,
 * capacity, status, facilitators: [names], cofacilitators: [names]}; the caller becomes a
 * facilitator. ERR_FORBIDDEN, ERR_INVALID with faults. */
int groupwork_create(struct db *db, struct arena *a, const struct actor *actor, json_t *in, struct group_view *out,
		     struct faults *f);
/* groupwork_update changes a group's details; in carries "version" (ERR_CONFLICT when stale). */
int groupwork_update(struct db *db, struct arena *a, const struct actor *actor, const char *uid, json_t *in,
		     struct group_view *out, struct faults *f);
int groupwork_get(struct db *db, struct arena *a, const struct actor *actor, const char *uid, struct group_view *out);
/* groupwork_list lists a page of at most limit groups (all if limit <= 0) from cursor (NULL: the first
 * page); *next is the cursor of the following page or NULL. ERR_INVALID for a cursor it did not give. */
int groupwork_list(struct db *db, struct arena *a, const struct actor *actor, const char *cursor, int limit,
		   struct group_view **out, int *n, const char **next);
/* groupwork_members lists the members with their attendance rates (content only). */
int groupwork_members(struct db *db, struct arena *a, const struct actor *actor, const struct group_view *g,
		      struct member_view **out, int *n);
/* groupwork_join adds a registry client as a member; refuses a full group (field "client",
 * capacity message), an archived client and a client who is already a member. */
int groupwork_join(struct db *db, struct arena *a, const struct actor *actor, const char *uid, const char *client_uid,
		   const char *joined_on, const char *reason, const char **member_uid, struct faults *f);
/* groupwork_leave records that a member left, when and why. */
int groupwork_leave(struct db *db, struct arena *a, const struct actor *actor, const char *uid, const char *member_uid,
		    const char *left_on, const char *reason, struct faults *f);
/* groupwork_member_goals sets a member's own goals: [{"text", "case_goal": uid of a goal in the
 * member's open case plan, or null}]. was, when given, is the groupwork_goals_tag of the goals the
 * caller read: ERR_CONFLICT when they changed since, and nothing is written. */
int groupwork_member_goals(struct db *db, struct arena *a, const struct actor *actor, const char *uid,
			   const char *member_uid, json_t *goals, const char *was, struct faults *f);
/* groupwork_goals_tag writes the tag of a member's goals (their JSON text) that a form carries to
 * tell, when it is saved, whether someone changed them meanwhile: of their texts, and of their
 * links to case goals when links (for those who do casework; a kader sees no links). */
void groupwork_goals_tag(const char *goals_text, bool links, char tag[9]);
/* groupwork_add_goal adds a group goal {text, gas_minus2 .. gas_plus2, weight}. */
int groupwork_add_goal(struct db *db, struct arena *a, const struct actor *actor, const char *uid, json_t *in,
		       const char **goal_uid, struct faults *f);
/* groupwork_record records a session {date, phase, topic, activities, level, notes: {atmosphere,
 * dynamics, conflicts, techniques}, attendance: [{client, status, participation, observation}],
 * goal_scores: [{goal, score}]}. Active members not listed are recorded absent. A member's
 * observation is also written to the timeline of the member's open case. once, when a uid, is the
 * uid the session takes (a form's one-time key): the same form sent again answers ERR_EXISTS
 * instead of recording the session twice. */
int groupwork_record(struct db *db, struct arena *a, const struct actor *actor, const char *uid, json_t *in,
		     const char *once, const char **session_uid, struct faults *f);
/* groupwork_sessions lists the sessions with their attendance (content only). */
int groupwork_sessions(struct db *db, struct arena *a, const struct actor *actor, const struct group_view *g,
		       struct session_view **out, int *n);
int groupwork_goals(struct db *db, struct arena *a, const struct group_view *g, struct goal_row **goals, int *ng,
		    struct goal_score_row **scores, int *ns);

#endif
