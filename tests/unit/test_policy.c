/* test_policy.c: unit tests of the role and permission table (domain/policy.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/policy.h"

/* The expected matrix, written out by name so that it reads like the policy it checks. */
struct policy_row {
	enum role role;
	const char *name;
	const char *grants[PERM_COUNT + 1]; /* NULL-terminated permission names */
};

static const struct policy_row policy_expected[] = {
	{ROLE_ADMIN, "admin",
	 {"public", "login", "client.read", "stats.read", "user.admin", "audit.read", "group.work", "office.admin", NULL}},
	{ROLE_SUPERVISOR, "supervisor",
	 {"public", "login", "client.read", "client.sensitive", "client.write", "client.archive",
	  "stats.read", "case.work", "case.approve", "group.work", "group.manage", NULL}},
	{ROLE_WORKER, "worker",
	 {"public", "login", "client.read", "client.sensitive", "client.write", "client.archive",
	  "stats.read", "case.work", "group.work", "group.manage", NULL}},
	{ROLE_VOLUNTEER, "volunteer", {"public", "login", "client.read", "group.work", NULL}},
	{ROLE_VIEWER, "viewer", {"public", "login", "stats.read", "group.work", NULL}},
};

static const char *const policy_perm_names[PERM_COUNT] = {
	[PERM_PUBLIC] = "public",
	[PERM_LOGIN] = "login",
	[PERM_CLIENT_READ] = "client.read",
	[PERM_CLIENT_SENSITIVE] = "client.sensitive",
	[PERM_CLIENT_WRITE] = "client.write",
	[PERM_CLIENT_ARCHIVE] = "client.archive",
	[PERM_STATS_READ] = "stats.read",
	[PERM_USER_ADMIN] = "user.admin",
	[PERM_AUDIT_READ] = "audit.read",
	[PERM_CASE_WORK] = "case.work",
	[PERM_CASE_APPROVE] = "case.approve",
	[PERM_GROUP_WORK] = "group.work",
	[PERM_GROUP_MANAGE] = "group.manage",
	[PERM_OFFICE_ADMIN] = "office.admin",
};

static bool policy_granted(const struct policy_row *row, const char *perm)
{
	for (int i = 0; row->grants[i]; i++)
		if (strcmp(row->grants[i], perm) == 0)
			return true;
	return false;
}

static void test_policy_perm_names(void **state)
{
	(void)state;
	for (int p = 0; p < PERM_COUNT; p++)
		assert_string_equal(policy_perm_name((enum perm)p), policy_perm_names[p]);
	assert_string_equal(policy_perm_name(PERM_COUNT), "?");
	assert_string_equal(policy_perm_name((enum perm)-1), "?");
}

static void test_policy_matrix(void **state)
{
	(void)state;
	assert_int_equal(sizeof policy_expected / sizeof policy_expected[0], ROLE_COUNT);
	for (size_t r = 0; r < sizeof policy_expected / sizeof policy_expected[0]; r++) {
		const struct policy_row *row = &policy_expected[r];
		struct actor actor = {.user_id = 1, .org_id = 1, .role = row->role, .name = "test"};
		for (int p = 0; p < PERM_COUNT; p++) {
			bool want = policy_granted(row, policy_perm_names[p]);
			bool got = policy_can(&actor, (enum perm)p);
			if (got != want)
				fail_msg("%s %s %s", row->name, got ? "may" : "may not", policy_perm_names[p]);
		}
	}
}

static void test_policy_nobody(void **state)
{
	(void)state;
	for (int p = 0; p < PERM_COUNT; p++)
		if (policy_can(NULL, (enum perm)p) != (p == PERM_PUBLIC))
			fail_msg("nobody logged in and %s", policy_perm_names[p]);
}

static void test_policy_out_of_range(void **state)
{
	(void)state;
	/* Unknown permissions are denied to everyone, including nobody. */
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct actor actor = {.role = (enum role)r};
		assert_false(policy_can(&actor, PERM_COUNT));
		assert_false(policy_can(&actor, (enum perm)(PERM_COUNT + 7)));
		assert_false(policy_can(&actor, (enum perm)-1));
	}
	assert_false(policy_can(NULL, PERM_COUNT));
	assert_false(policy_can(NULL, (enum perm)-1));
	/* An actor with an unknown role holds nothing beyond what is public. */
	static const int bad_roles[] = {ROLE_COUNT, ROLE_COUNT + 1, 1000, -1};
	for (size_t i = 0; i < sizeof bad_roles / sizeof bad_roles[0]; i++) {
		struct actor actor = {.role = (enum role)bad_roles[i]};
		for (int p = 0; p < PERM_COUNT; p++)
			if (policy_can(&actor, (enum perm)p) != (p == PERM_PUBLIC))
				fail_msg("role %d and %s", bad_roles[i], policy_perm_names[p]);
	}
}

struct role_parse_case {
	const char *s;
	int role;
};

static const struct role_parse_case role_parse_cases[] = {
	{"admin", ROLE_ADMIN},
	{"supervisor", ROLE_SUPERVISOR},
	{"worker", ROLE_WORKER},
	{"volunteer", ROLE_VOLUNTEER},
	{"viewer", ROLE_VIEWER},
	{"Admin", -1},
	{"ADMIN", -1},
	{"admin ", -1},
	{" admin", -1},
	{"admi", -1},
	{"administrator", -1},
	{"", -1},
	{"root", -1},
	{"?", -1},
};

static void test_policy_role_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof role_parse_cases / sizeof role_parse_cases[0]; i++)
		if (policy_role_parse(role_parse_cases[i].s) != role_parse_cases[i].role)
			fail_msg("policy_role_parse(\"%s\"): expected %d", role_parse_cases[i].s,
				 role_parse_cases[i].role);
	assert_int_equal(policy_role_parse(NULL), -1);
	/* The round trip. */
	for (int r = 0; r < ROLE_COUNT; r++) {
		const char *name = policy_role_name((enum role)r);
		assert_string_equal(name, policy_expected[r].name);
		assert_int_equal(policy_role_parse(name), r);
	}
	assert_string_equal(policy_role_name(ROLE_COUNT), "?");
	assert_string_equal(policy_role_name((enum role)-1), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_perm_names),
		cmocka_unit_test(test_policy_matrix),
		cmocka_unit_test(test_policy_nobody),
		cmocka_unit_test(test_policy_out_of_range),
		cmocka_unit_test(test_policy_role_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
