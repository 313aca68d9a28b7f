/* stage.h: the stages of a case (national standard of social rehabilitation) and the gates
 * between them. */
#ifndef PD_STAGE_H
#define PD_STAGE_H
#include <stdbool.h>

#define STAGE_COUNT 7
extern const char *const stage_codes[STAGE_COUNT]; /* "intake" .. "aftercare", in order */

/* What the gates look at, gathered from the case by the casework layer. */
struct stage_facts {
	bool consent;          /* the client has consent recorded */
	int goals;             /* active goals in the plan */
	bool signoff;          /* the client signed off the plan, or a reason is written why not */
	bool plan_approved;    /* the supervisor approved the plan as it stands */
	bool termination;      /* a termination record with reason and outcome exists */
	bool closure_approved; /* the supervisor approved the closure */
};

/* stage_index returns 0..6 for a stage code, -1 for anything else. */
int stage_index(const char *code);
/* stage_check tells whether a case may move from one stage to another. Forward moves go one stage
 * at a time and must pass the gate of the stage being left (or, for termination, entered); moving
 * back is allowed to any earlier stage but needs a note (the reason). Returns 0, or ERR_INVALID
 * with *why an English message key naming what is missing. */
int stage_check(const char *from, const char *to, const char *note, const struct stage_facts *facts,
		const char **why);

#endif
