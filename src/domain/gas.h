/* gas.h: Goal Attainment Scaling (Kiresuk & Sherman, 1968): one T-score from a client's goals. */
#ifndef PD_GAS_H
#define PD_GAS_H

/* GAS_RHO is the assumed correlation between goal scores in the Kiresuk-Sherman formula. */
#define GAS_RHO 0.3

/* One goal as scored at a review: -2 much less than expected .. 0 expected .. +2 much more. */
struct gas_goal {
	int score;  /* -2..+2 */
	int weight; /* 1..100, the goal's relative importance */
};

/* gas_tscore computes the summary score of n goals,
 *     T = 50 + 10 * sum(w_i x_i) / sqrt((1 - rho) * sum(w_i^2) + rho * (sum w_i)^2),  rho = 0.3,
 * which is 50 when every goal is met as expected and has a standard deviation of 10 when goal
 * scores are distributed as intended. Returns 0 and sets *t, or ERR_INVALID (t untouched) when
 * goals or t is NULL, n < 1, a score is outside -2..+2 or a weight outside 1..100. */
int gas_tscore(const struct gas_goal *goals, int n, double *t);

#endif
