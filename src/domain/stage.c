/* stage.c: the stage machine of casework; pure rules, no storage. */
#include "domain/stage.h"
#include "base/err.h"
#include "base/str.h"
#include <string.h>

const char *const stage_codes[STAGE_COUNT] = {"intake",		 "assessment", "planning",  "intervention",
					      "resocialisation", "termination", "aftercare"};

int stage_index(const char *code)
{
	for (int i = 0; code && i < STAGE_COUNT; i++)
		if (strcmp(code, stage_codes[i]) == 0)
			return i;
	return -1;
}

int stage_check(const char *from, const char *to, const char *note, const struct stage_facts *facts,
		const char **why)
{
	int a = stage_index(from), b = stage_index(to);
	if (a < 0 || b < 0) {
		*why = "Unknown stage: use intake, assessment, planning, intervention, resocialisation, termination or aftercare.";
		return ERR_INVALID;
	}
	if (a == b) {
		*why = "The case is already in this stage.";
		return ERR_INVALID;
	}
	if (b < a) {
		if (str_empty(note)) {
			*why = "Moving a case back needs a note with the reason.";
			return ERR_INVALID;
		}
		return 0;
	}
	if (b != a + 1) {
		*why = "A case moves forward one stage at a time.";
		return ERR_INVALID;
	}
	if (a == 0 && !facts->consent) {
		*why = "Intake cannot end before the client's consent to data processing is recorded.";
		return ERR_INVALID;
	}
	if (a == 2) {
		if (facts->goals < 1) {
			*why = "The plan needs at least one goal.";
			return ERR_INVALID;
		}
		if (!facts->signoff) {
			*why = "The plan needs the client's sign-off (date and how), or a written reason why there is none.";
			return ERR_INVALID;
		}
		if (!facts->plan_approved) {
			*why = "The plan needs the supervisor's approval.";
			return ERR_INVALID;
		}
	}
	if (b == 5) {
		if (!facts->termination) {
			*why = "Closing a case needs a termination record with the reason and the outcome.";
			return ERR_INVALID;
		}
		if (!facts->closure_approved) {
			*why = "Closing a case needs the supervisor's approval.";
			return ERR_INVALID;
		}
	}
	return 0;
}
