/* test_gas.c: unit tests of the Goal Attainment Scaling T-score against hand-worked examples (domain/gas.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "base/err.h"
#include "domain/gas.h"

/* A set of goals and the T-score worked out by hand from
 *     T = 50 + 10 * sum(w x) / sqrt(0.7 * sum(w^2) + 0.3 * (sum w)^2). */
struct gas_case {
	const char *what;
	int n;
	struct gas_goal goals[4];
	double want;
};

static const struct gas_case gas_cases[] = {
	/* sum(w x) = 0, so T = 50 whatever the denominator. */
	{"all as expected", 3, {{0, 1}, {0, 5}, {0, 100}}, 50.0},
	/* sum(w x) = 1; sqrt(0.7 * 1 + 0.3 * 1) = sqrt(1) = 1; T = 50 + 10 = 60. */
	{"one goal +1", 1, {{1, 1}}, 60.0},
	/* One goal: the weight cancels, sqrt(0.7 w^2 + 0.3 w^2) = w; T = 50 + 10 * 2w / w = 70. */
	{"one goal +2, weight 100", 1, {{2, 100}}, 70.0},
	/* T = 50 + 10 * (-2) = 30. */
	{"one goal -2", 1, {{-2, 7}}, 30.0},
	/* sum(w x) = 2; sum(w^2) = 2; (sum w)^2 = 4; sqrt(1.4 + 1.2) = sqrt(2.6) = 1.612452;
	 * T = 50 + 20 / 1.612452 = 62.40347. */
	{"two goals +1", 2, {{1, 1}, {1, 1}}, 50.0 + 20.0 / 1.6124515496597098},
	/* sum(w x) = -1 + 0 + 2 = 1; sum(w^2) = 1 + 4 + 1 = 6; (sum w)^2 = 16;
	 * sqrt(0.7 * 6 + 0.3 * 16) = sqrt(4.2 + 4.8) = sqrt(9) = 3; T = 50 + 10 / 3 = 53.33333. */
	{"-1, 0, +2 weighted 1, 2, 1", 3, {{-1, 1}, {0, 2}, {2, 1}}, 50.0 + 10.0 / 3.0},
	/* sum(w x) = -6; sum(w^2) = 3; (sum w)^2 = 9; sqrt(2.1 + 2.7) = sqrt(4.8) = 2.190890;
	 * T = 50 - 60 / 2.190890 = 50 - 27.38613 = 22.61387. */
	{"three goals -2", 3, {{-2, 1}, {-2, 1}, {-2, 1}}, 50.0 - 60.0 / 2.1908902300206643},
	/* The same goals with every weight times 10 give the same T (the formula is scale free). */
	{"three goals -2, weights 10", 3, {{-2, 10}, {-2, 10}, {-2, 10}}, 50.0 - 60.0 / 2.1908902300206643},
	/* Weights 3 and 1: sum(w x) = 3 * 2 + 1 * (-1) = 5; sum(w^2) = 9 + 1 = 10; (sum w)^2 = 16;
	 * sqrt(7 + 4.8) = sqrt(11.8) = 3.435113; T = 50 + 50 / 3.435113 = 64.55556. */
	{"+2 weight 3, -1 weight 1", 2, {{2, 3}, {-1, 1}}, 50.0 + 50.0 / 3.4351128074635335},
	/* Four goals +2: sum(w x) = 8; sum(w^2) = 4; (sum w)^2 = 16; sqrt(2.8 + 4.8) = sqrt(7.6) = 2.756810;
	 * T = 50 + 80 / 2.756810 = 79.01905, the highest T four equal goals can give. */
	{"four goals +2", 4, {{2, 1}, {2, 1}, {2, 1}, {2, 1}}, 50.0 + 80.0 / 2.756809750418044},
};

static void test_gas_worked_examples(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof gas_cases / sizeof gas_cases[0]; i++) {
		const struct gas_case *c = &gas_cases[i];
		double t = -1;
		int rc = gas_tscore(c->goals, c->n, &t);
		if (rc != 0)
			fail_msg("case %zu (%s): expected 0, got %d", i, c->what, rc);
		if (fabs(t - c->want) > 1e-9)
			fail_msg("case %zu (%s): expected %.6f, got %.6f", i, c->what, c->want, t);
	}
}

static void test_gas_rounded_values(void **state)
{
	(void)state;
	/* The values a worker would read on a report, to two decimals. */
	double t;
	struct gas_goal two[] = {{1, 1}, {1, 1}};
	assert_int_equal(gas_tscore(two, 2, &t), 0);
	assert_true(fabs(t - 62.40) < 0.005);
	struct gas_goal three[] = {{-1, 1}, {0, 2}, {2, 1}};
	assert_int_equal(gas_tscore(three, 3, &t), 0);
	assert_true(fabs(t - 53.33) < 0.005);
	struct gas_goal low[] = {{-2, 1}, {-2, 1}, {-2, 1}};
	assert_int_equal(gas_tscore(low, 3, &t), 0);
	assert_true(fabs(t - 22.61) < 0.005);
}

static void test_gas_symmetry(void **state)
{
	(void)state;
	/* Negating every score mirrors T around 50. */
	struct gas_goal up[] = {{2, 4}, {1, 9}, {-1, 2}, {0, 1}};
	struct gas_goal down[] = {{-2, 4}, {-1, 9}, {1, 2}, {0, 1}};
	double tu, td;
	assert_int_equal(gas_tscore(up, 4, &tu), 0);
	assert_int_equal(gas_tscore(down, 4, &td), 0);
	assert_true(fabs((tu - 50) + (td - 50)) < 1e-9);
	assert_true(tu > 50);
}

/* Inputs that must be refused, with *t left as it was. */
struct gas_bad {
	const char *what;
	int n;
	struct gas_goal goals[2];
};

static const struct gas_bad gas_bads[] = {
	{"no goals", 0, {{0, 1}}},
	{"negative count", -1, {{0, 1}}},
	{"score +3", 1, {{3, 1}}},
	{"score -3", 1, {{-3, 1}}},
	{"weight 0", 1, {{0, 0}}},
	{"weight -1", 1, {{1, -1}}},
	{"weight 101", 1, {{1, 101}}},
	{"second goal bad", 2, {{1, 1}, {2, 1000}}},
};

static void test_gas_invalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof gas_bads / sizeof gas_bads[0]; i++) {
		const struct gas_bad *c = &gas_bads[i];
		double t = 123.0;
		int rc = gas_tscore(c->goals, c->n, &t);
		if (rc != ERR_INVALID)
			fail_msg("case %zu (%s): expected ERR_INVALID, got %d", i, c->what, rc);
		if (t != 123.0)
			fail_msg("case %zu (%s): *t was changed", i, c->what);
	}
	struct gas_goal one = {1, 1};
	double t;
	assert_int_equal(gas_tscore(NULL, 1, &t), ERR_INVALID);
	assert_int_equal(gas_tscore(&one, 1, NULL), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gas_worked_examples),
		cmocka_unit_test(test_gas_rounded_values),
		cmocka_unit_test(test_gas_symmetry),
		cmocka_unit_test(test_gas_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
