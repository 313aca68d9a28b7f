/* test_stage.c: unit tests of the case stage machine and its gates (domain/stage.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/err.h"
#include "domain/stage.h"

#define WHY_UNKNOWN                                                                                \
	"Unknown stage: use intake, assessment, planning, intervention, resocialisation, termination " \
	"or aftercare."
#define WHY_SAME "The case is already in this stage."
#define WHY_BACK_NOTE "Moving a case back needs a note with the reason."
#define WHY_SKIP "A case moves forward one stage at a time."
#define WHY_CONSENT "Intake cannot end before the client's consent to data processing is recorded."
#define WHY_GOALS "The plan needs at least one goal."
#define WHY_SIGNOFF \
	"The plan needs the client's sign-off (date and how), or a written reason why there is none."
#define WHY_PLAN_APPROVAL "The plan needs the supervisor's approval."
#define WHY_TERMINATION "Closing a case needs a termination record with the reason and the outcome."
#define WHY_CLOSURE_APPROVAL "Closing a case needs the supervisor's approval."

static const char *const stage_expected[STAGE_COUNT] = {
	"intake", "assessment", "planning", "intervention", "resocialisation", "termination", "aftercare",
};

static const struct stage_facts stage_all = {
	.consent = true,
	.goals = 3,
	.signoff = true,
	.plan_approved = true,
	.termination = true,
	.closure_approved = true,
};

static const struct stage_facts stage_none = {0};

/* stage_expect_refused checks that a move is refused with exactly the message key want. */
static void stage_expect_refused(const char *from, const char *to, const char *note,
				 const struct stage_facts *facts, const char *want)
{
	const char *why = NULL;
	int rc = stage_check(from, to, note, facts, &why);
	if (rc != ERR_INVALID)
		fail_msg("%s -> %s (note %s): expected ERR_INVALID, got %d", from ? from : "(null)",
			 to ? to : "(null)", note ? note : "(null)", rc);
	if (why == NULL || strcmp(why, want) != 0)
		fail_msg("%s -> %s: expected \"%s\", got \"%s\"", from ? from : "(null)", to ? to : "(null)",
			 want, why ? why : "(null)");
}

/* stage_expect_allowed checks that a move is allowed. */
static void stage_expect_allowed(const char *from, const char *to, const char *note,
				 const struct stage_facts *facts)
{
	const char *why = NULL;
	int rc = stage_check(from, to, note, facts, &why);
	if (rc != 0)
		fail_msg("%s -> %s (note %s): expected 0, got %d: %s", from, to, note ? note : "(null)", rc,
			 why ? why : "(null)");
}

static void test_stage_codes_table(void **state)
{
	(void)state;
	for (int i = 0; i < STAGE_COUNT; i++)
		assert_string_equal(stage_codes[i], stage_expected[i]);
}

static void test_stage_index_known(void **state)
{
	(void)state;
	for (int i = 0; i < STAGE_COUNT; i++)
		assert_int_equal(stage_index(stage_expected[i]), i);
	assert_int_equal(stage_index("intake"), 0);
	assert_int_equal(stage_index("aftercare"), 6);
}

static void test_stage_index_unknown(void **state)
{
	(void)state;
	static const char *const unknown[] = {
		"", "Intake", "INTAKE", " intake", "intake ", "intak", "intakes", "closed", "plan",
		"resocialization", "aftercare2", "termination\n", "0", "-1",
	};
	assert_int_equal(stage_index(NULL), -1);
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		if (stage_index(unknown[i]) != -1)
			fail_msg("\"%s\" should be unknown, got %d", unknown[i], stage_index(unknown[i]));
}

static void test_stage_forward_all_facts(void **state)
{
	(void)state;
	for (int i = 0; i + 1 < STAGE_COUNT; i++) {
		stage_expect_allowed(stage_codes[i], stage_codes[i + 1], NULL, &stage_all);
		stage_expect_allowed(stage_codes[i], stage_codes[i + 1], "", &stage_all);
		stage_expect_allowed(stage_codes[i], stage_codes[i + 1], "moving on", &stage_all);
	}
}

static void test_stage_forward_without_gate(void **state)
{
	(void)state;
	/* Moves whose stages have no gate need no facts at all. */
	stage_expect_allowed("assessment", "planning", NULL, &stage_none);
	stage_expect_allowed("intervention", "resocialisation", NULL, &stage_none);
	stage_expect_allowed("termination", "aftercare", NULL, &stage_none);
	/* Each gate looks only at its own facts. */
	struct stage_facts consent_only = {.consent = true};
	stage_expect_allowed("intake", "assessment", NULL, &consent_only);
	struct stage_facts plan_only = {.goals = 1, .signoff = true, .plan_approved = true};
	stage_expect_allowed("planning", "intervention", NULL, &plan_only);
	struct stage_facts closure_only = {.termination = true, .closure_approved = true};
	stage_expect_allowed("resocialisation", "termination", NULL, &closure_only);
}

static void test_stage_gate_intake(void **state)
{
	(void)state;
	struct stage_facts f = stage_all;
	f.consent = false;
	stage_expect_refused("intake", "assessment", NULL, &f, WHY_CONSENT);
	stage_expect_refused("intake", "assessment", "a note does not help", &f, WHY_CONSENT);
	stage_expect_refused("intake", "assessment", NULL, &stage_none, WHY_CONSENT);
}

static void test_stage_gate_planning(void **state)
{
	(void)state;
	struct stage_facts f = stage_all;
	f.goals = 0;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_GOALS);
	f.goals = -1;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_GOALS);

	f = stage_all;
	f.signoff = false;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_SIGNOFF);

	f = stage_all;
	f.plan_approved = false;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_PLAN_APPROVAL);

	/* Order of checking: goals, then sign-off, then approval. */
	stage_expect_refused("planning", "intervention", NULL, &stage_none, WHY_GOALS);
	f = stage_none;
	f.goals = 1;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_SIGNOFF);
	f.signoff = true;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_PLAN_APPROVAL);
	f.plan_approved = true;
	stage_expect_allowed("planning", "intervention", NULL, &f);
	/* Approval without a goal still fails on the goal first. */
	f = stage_all;
	f.goals = 0;
	f.signoff = false;
	stage_expect_refused("planning", "intervention", NULL, &f, WHY_GOALS);
}

static void test_stage_gate_termination(void **state)
{
	(void)state;
	struct stage_facts f = stage_all;
	f.termination = false;
	stage_expect_refused("resocialisation", "termination", NULL, &f, WHY_TERMINATION);

	f = stage_all;
	f.closure_approved = false;
	stage_expect_refused("resocialisation", "termination", NULL, &f, WHY_CLOSURE_APPROVAL);

	/* Order of checking: the record, then the approval. */
	stage_expect_refused("resocialisation", "termination", NULL, &stage_none, WHY_TERMINATION);
	f = stage_none;
	f.termination = true;
	stage_expect_refused("resocialisation", "termination", NULL, &f, WHY_CLOSURE_APPROVAL);
	f.closure_approved = true;
	stage_expect_allowed("resocialisation", "termination", NULL, &f);

	/* The gate is on entering termination, not on leaving it. */
	stage_expect_allowed("termination", "aftercare", NULL, &stage_none);
}

static void test_stage_skip_refused(void **state)
{
	(void)state;
	for (int i = 0; i < STAGE_COUNT; i++)
		for (int j = i + 2; j < STAGE_COUNT; j++) {
			stage_expect_refused(stage_codes[i], stage_codes[j], NULL, &stage_all, WHY_SKIP);
			stage_expect_refused(stage_codes[i], stage_codes[j], "urgent", &stage_all, WHY_SKIP);
			stage_expect_refused(stage_codes[i], stage_codes[j], NULL, &stage_none, WHY_SKIP);
		}
}

static void test_stage_same_refused(void **state)
{
	(void)state;
	for (int i = 0; i < STAGE_COUNT; i++) {
		stage_expect_refused(stage_codes[i], stage_codes[i], NULL, &stage_all, WHY_SAME);
		stage_expect_refused(stage_codes[i], stage_codes[i], "a reason", &stage_all, WHY_SAME);
		stage_expect_refused(stage_codes[i], stage_codes[i], NULL, &stage_none, WHY_SAME);
	}
}

static void test_stage_back_with_note(void **state)
{
	(void)state;
	for (int i = 0; i < STAGE_COUNT; i++)
		for (int j = 0; j < i; j++) {
			/* Moving back ignores the gates: no facts are needed. */
			stage_expect_allowed(stage_codes[i], stage_codes[j], "The client relapsed.", &stage_none);
			stage_expect_allowed(stage_codes[i], stage_codes[j], "x", &stage_all);
			stage_expect_allowed(stage_codes[i], stage_codes[j], "  reassess\n", &stage_none);
		}
}

static void test_stage_back_without_note(void **state)
{
	(void)state;
	static const char *const empty[] = {"", " ", "   ", "\t", "\n", "\r\n", " \t\n\r\f\v "};
	for (int i = 0; i < STAGE_COUNT; i++)
		for (int j = 0; j < i; j++) {
			stage_expect_refused(stage_codes[i], stage_codes[j], NULL, &stage_all, WHY_BACK_NOTE);
			for (size_t k = 0; k < sizeof empty / sizeof empty[0]; k++)
				stage_expect_refused(stage_codes[i], stage_codes[j], empty[k], &stage_all,
						     WHY_BACK_NOTE);
		}
}

static void test_stage_unknown_refused(void **state)
{
	(void)state;
	stage_expect_refused("closed", "intake", "note", &stage_all, WHY_UNKNOWN);
	stage_expect_refused("intake", "closed", "note", &stage_all, WHY_UNKNOWN);
	stage_expect_refused("", "assessment", NULL, &stage_all, WHY_UNKNOWN);
	stage_expect_refused("intake", "", NULL, &stage_all, WHY_UNKNOWN);
	stage_expect_refused(NULL, "assessment", NULL, &stage_all, WHY_UNKNOWN);
	stage_expect_refused("intake", NULL, NULL, &stage_all, WHY_UNKNOWN);
	stage_expect_refused(NULL, NULL, NULL, &stage_all, WHY_UNKNOWN);
	stage_expect_refused("Intake", "Assessment", NULL, &stage_all, WHY_UNKNOWN);
	stage_expect_refused("bogus", "bogus", NULL, &stage_all, WHY_UNKNOWN); /* not "same stage" */
	for (int i = 0; i < STAGE_COUNT; i++) {
		stage_expect_refused(stage_codes[i], "nowhere", "note", &stage_all, WHY_UNKNOWN);
		stage_expect_refused("nowhere", stage_codes[i], "note", &stage_all, WHY_UNKNOWN);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_codes_table),
		cmocka_unit_test(test_stage_index_known),
		cmocka_unit_test(test_stage_index_unknown),
		cmocka_unit_test(test_stage_forward_all_facts),
		cmocka_unit_test(test_stage_forward_without_gate),
		cmocka_unit_test(test_stage_gate_intake),
		cmocka_unit_test(test_stage_gate_planning),
		cmocka_unit_test(test_stage_gate_termination),
		cmocka_unit_test(test_stage_skip_refused),
		cmocka_unit_test(test_stage_same_refused),
		cmocka_unit_test(test_stage_back_with_note),
		cmocka_unit_test(test_stage_back_without_note),
		cmocka_unit_test(test_stage_unknown_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
