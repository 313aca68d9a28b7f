/* gas.c: the Goal Attainment Scaling T-score, with every input checked before any arithmetic. */
#include "domain/gas.h"
#include "base/err.h"
#include <math.h>
#include <stddef.h>

int gas_tscore(const struct gas_goal *goals, int n, double *t)
{
	if (goals == NULL || t == NULL || n < 1)
		return ERR_INVALID;
	/* With weights <= 100 the sums stay far inside a double's exact integer range for any int n. */
	double sum_wx = 0, sum_w = 0, sum_w2 = 0;
	for (int i = 0; i < n; i++) {
		int x = goals[i].score, w = goals[i].weight;
		if (x < -2 || x > 2 || w < 1 || w > 100)
			return ERR_INVALID;
		sum_wx += (double)w * x;
		sum_w += w;
		sum_w2 += (double)w * w;
	}
	double denom = sqrt((1 - GAS_RHO) * sum_w2 + GAS_RHO * sum_w * sum_w);
	*t = 50 + 10 * sum_wx / denom; /* denom >= 1: every weight is at least 1 */
	return 0;
}
