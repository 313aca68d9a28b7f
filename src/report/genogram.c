/* genogram.c: lays a family out in generation rows and draws it with the standard genogram symbols. */
#include "report/genogram.h"
#include "base/err.h"
#include "report/svg.h"
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

/* Geometry, in pixels. */
#define GENO_R 20          /* half the side of a symbol */
#define GENO_IN_GAP 130.0  /* between the centres of partners */
#define GENO_OUT_GAP 140.0 /* between neighbours who are not partners */
#define GENO_ROW_H 150.0   /* between generation rows */
#define GENO_MARGIN 24.0
#define GENO_HALF_LABEL 60.0 /* room beside the outermost symbols for their names */
#define GENO_TOP 92.0      /* centre of the first row's symbols */
#define GENO_BAR 62.0      /* how far above a child's centre its sibling bar runs */
#define GENO_NAME_CHARS 16
#define GENO_NAME_LINES 2
#define GENO_SWEEPS 12

#define GENO_ROWS 5 /* generations -2..+2 */
#define GENO_GREEN "#1b7f4c"

/* Partner marks between two people of one row, for the layout. */
enum { GENO_NOT_PARTNERS, GENO_PARTNERS, GENO_COPARENTS };

/* Everything the layout works out about the family. */
struct geno_ctx {
	const struct geno_person *people;
	int n;
	int nrows;
	int row[GENO_MAX_PEOPLE];
	double x[GENO_MAX_PEOPLE];
	int parent[GENO_MAX_PEOPLE][2];
	int nparents[GENO_MAX_PEOPLE];
	unsigned char partner[GENO_MAX_PEOPLE][GENO_MAX_PEOPLE];
	/* Units: chains of partners within a row, members left to right. */
	int nunits;
	int unit_member[GENO_MAX_PEOPLE][GENO_MAX_PEOPLE];
	int unit_len[GENO_MAX_PEOPLE];
	int row_unit[GENO_ROWS][GENO_MAX_PEOPLE];
	int row_nunits[GENO_ROWS];
};

/* geno_find returns the index of the first person whose id is id, or -1. */
static int geno_find(const struct geno_ctx *c, const char *id)
{
	if (id == NULL)
		return -1;
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->people[i].id, id) == 0)
			return i;
	return -1;
}

/* geno_link_ends resolves a link to two distinct known people; false when it is to be skipped. */
static bool geno_link_ends(const struct geno_ctx *c, const struct geno_link *l, int *a, int *b)
{
	if ((int)l->kind < GENO_MARRIED || (int)l->kind > GENO_CUTOFF)
		return false;
	*a = geno_find(c, l->a);
	*b = geno_find(c, l->b);
	return *a >= 0 && *b >= 0 && *a != *b;
}

static bool geno_is_partnership(enum geno_rel kind)
{
	return kind == GENO_MARRIED || kind == GENO_DIVORCED || kind == GENO_SEPARATED;
}

/* geno_rows numbers the generations present from the top. */
static void geno_rows(struct geno_ctx *c)
{
	int row_of_gen[GENO_ROWS] = {0};
	bool present[GENO_ROWS] = {false};
	for (int i = 0; i < c->n; i++)
		present[c->people[i].generation + 2] = true;
	c->nrows = 0;
	for (int g = 0; g < GENO_ROWS; g++)
		if (present[g])
			row_of_gen[g] = c->nrows++;
	for (int i = 0; i < c->n; i++)
		c->row[i] = row_of_gen[c->people[i].generation + 2];
}

/* geno_relations records parents and partners from the links. */
static void geno_relations(struct geno_ctx *c, const struct geno_link *links, int nlinks)
{
	for (int k = 0; k < nlinks; k++) {
		int a, b;
		if (!geno_link_ends(c, &links[k], &a, &b))
			continue;
		if (links[k].kind == GENO_PARENT) {
			bool known = c->nparents[b] > 0 && c->parent[b][0] == a;
			if (c->row[a] < c->row[b] && c->nparents[b] < 2 && !known)
				c->parent[b][c->nparents[b]++] = a;
		} else if (geno_is_partnership(links[k].kind) && c->row[a] == c->row[b]) {
			c->partner[a][b] = c->partner[b][a] = GENO_PARTNERS;
		}
	}
	/* Two parents of a child who are not partners are still drawn side by side. */
	for (int i = 0; i < c->n; i++) {
		if (c->nparents[i] < 2)
			continue;
		int a = c->parent[i][0], b = c->parent[i][1];
		if (c->row[a] == c->row[b] && c->partner[a][b] == GENO_NOT_PARTNERS)
			c->partner[a][b] = c->partner[b][a] = GENO_COPARENTS;
	}
}

static int geno_degree(const struct geno_ctx *c, int i)
{
	int d = 0;
	for (int j = 0; j < c->n; j++)
		d += c->partner[i][j] != GENO_NOT_PARTNERS;
	return d;
}

/* geno_add_unit makes the partner chain containing person start into a unit of its row: walked
 * end to end when it is a simple chain, else in breadth-first order. */
static void geno_add_unit(struct geno_ctx *c, int start, bool *placed)
{
	int u = c->nunits++;
	int *m = c->unit_member[u];
	int len = 0, edges = 0;
	bool chain = true;
	m[len++] = start;
	placed[start] = true;
	for (int head = 0; head < len; head++) {
		int d = geno_degree(c, m[head]);
		edges += d;
		chain = chain && d <= 2;
		for (int j = 0; j < c->n; j++) {
			if (c->partner[m[head]][j] != GENO_NOT_PARTNERS && !placed[j]) {
				placed[j] = true;
				m[len++] = j;
			}
		}
	}
	if (chain && edges / 2 == len - 1 && len > 1) {
		int end = m[0];
		for (int k = 0; k < len; k++)
			if (geno_degree(c, m[k]) == 1) {
				end = m[k];
				break;
			}
		int prev = -1, cur = end;
		for (int k = 0; k < len; k++) {
			m[k] = cur;
			int next = -1;
			for (int j = 0; j < c->n && next < 0; j++)
				if (j != prev && c->partner[cur][j] != GENO_NOT_PARTNERS)
					next = j;
			prev = cur;
			cur = next;
		}
	}
	if (len == 2 && c->people[m[0]].sex == GENO_FEMALE && c->people[m[1]].sex == GENO_MALE) {
		int t = m[0];
		m[0] = m[1];
		m[1] = t;
	}
	c->unit_len[u] = len;
	int r = c->row[start];
	c->row_unit[r][c->row_nunits[r]++] = u;
}

/* geno_units groups each row into units, in the order people were given, and packs them. */
static void geno_units(struct geno_ctx *c)
{
	bool placed[GENO_MAX_PEOPLE] = {false};
	for (int i = 0; i < c->n; i++)
		if (!placed[i])
			geno_add_unit(c, i, placed);
	for (int r = 0; r < c->nrows; r++) {
		double x = 0;
		for (int k = 0; k < c->row_nunits[r]; k++) {
			int u = c->row_unit[r][k];
			for (int j = 0; j < c->unit_len[u]; j++) {
				c->x[c->unit_member[u][j]] = x;
				x += j + 1 < c->unit_len[u] ? GENO_IN_GAP : GENO_OUT_GAP;
			}
		}
	}
}

/* geno_desire tells where person i would like to stand: above the middle of its children (up) or
 * below the middle of its parents (down). False when it has none drawn. */
static bool geno_desire(const struct geno_ctx *c, int i, bool up, double *want)
{
	double sum = 0;
	int k = 0;
	if (up) {
		for (int j = 0; j < c->n; j++)
			for (int p = 0; p < c->nparents[j]; p++)
				if (c->parent[j][p] == i) {
					sum += c->x[j];
					k++;
				}
	} else {
		for (int p = 0; p < c->nparents[i]; p++) {
			sum += c->x[c->parent[i][p]];
			k++;
		}
	}
	if (k == 0)
		return false;
	*want = sum / k;
	return true;
}

/* What a unit wants in one sweep: its left end, how strongly, and how it sorts among its row. */
struct geno_want {
	int unit;
	double left, weight, key;
	int year, first;
};

static bool geno_want_before(const struct geno_want *a, const struct geno_want *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (a->year != b->year)
		return a->year < b->year;
	return a->first < b->first;
}

/* geno_unit_want works out what unit u wants in a sweep, first turning a couple round when each
 * partner's parents stand on the other's side. */
static void geno_unit_want(struct geno_ctx *c, int u, bool up, struct geno_want *w)
{
	int *m = c->unit_member[u];
	int len = c->unit_len[u];
	double d0, d1;
	if (!up && len == 2 && geno_desire(c, m[0], false, &d0) && geno_desire(c, m[1], false, &d1) &&
	    d0 > d1) {
		int t = m[0];
		m[0] = m[1];
		m[1] = t;
	}
	double sum = 0;
	int k = 0, anchor = -1;
	for (int j = 0; j < len; j++) {
		double d;
		if (geno_desire(c, m[j], up, &d)) {
			sum += d - j * GENO_IN_GAP;
			k++;
			if (anchor < 0)
				anchor = m[j];
		}
	}
	w->unit = u;
	if (k > 0) {
		w->left = sum / k;
		w->weight = k;
	} else {
		w->left = c->x[m[0]];
		w->weight = 1e-3;
	}
	w->key = w->left + (len - 1) * GENO_IN_GAP / 2;
	if (anchor < 0)
		anchor = m[0];
	w->year = c->people[anchor].birth_year > 0 ? c->people[anchor].birth_year : INT_MAX;
	w->first = anchor;
}

/* geno_place_row orders row r's units by where they want to be and then places them as close to
 * that as the gaps allow: a weighted least-squares fit under "left of the next unit", solved
 * exactly by pooling adjacent violators. */
static void geno_place_row(struct geno_ctx *c, int r, bool up)
{
	int nu = c->row_nunits[r];
	struct geno_want w[GENO_MAX_PEOPLE];
	for (int k = 0; k < nu; k++)
		geno_unit_want(c, c->row_unit[r][k], up, &w[k]);
	for (int k = 1; k < nu; k++) { /* insertion sort: stable and tiny */
		struct geno_want t = w[k];
		int j = k;
		for (; j > 0 && geno_want_before(&t, &w[j - 1]); j--)
			w[j] = w[j - 1];
		w[j] = t;
	}
	/* With offset[k] the least distance from the first unit's left end to unit k's, the lefts
	 * minus the offsets must not decrease. */
	double offset[GENO_MAX_PEOPLE], target[GENO_MAX_PEOPLE];
	double pool_sum[GENO_MAX_PEOPLE], pool_weight[GENO_MAX_PEOPLE];
	int pool_end[GENO_MAX_PEOPLE];
	int npools = 0;
	double off = 0;
	for (int k = 0; k < nu; k++) {
		c->row_unit[r][k] = w[k].unit;
		offset[k] = off;
		off += (c->unit_len[w[k].unit] - 1) * GENO_IN_GAP + GENO_OUT_GAP;
		target[k] = w[k].left - offset[k];
		pool_sum[npools] = target[k] * w[k].weight;
		pool_weight[npools] = w[k].weight;
		pool_end[npools] = k + 1;
		npools++;
		while (npools > 1 && pool_sum[npools - 2] / pool_weight[npools - 2] >
					     pool_sum[npools - 1] / pool_weight[npools - 1]) {
			pool_sum[npools - 2] += pool_sum[npools - 1];
			pool_weight[npools - 2] += pool_weight[npools - 1];
			pool_end[npools - 2] = pool_end[npools - 1];
			npools--;
		}
	}
	int k = 0;
	for (int p = 0; p < npools; p++) {
		double level = pool_sum[p] / pool_weight[p];
		for (; k < pool_end[p]; k++) {
			int u = w[k].unit;
			for (int j = 0; j < c->unit_len[u]; j++)
				c->x[c->unit_member[u][j]] = level + offset[k] + j * GENO_IN_GAP;
		}
	}
}

/* geno_layout sweeps down (children under their parents) and up (parents over their children)
 * until the rows settle. Ending upward centres each couple over its children wherever the packing
 * allows, which keeps the sibling bars of neighbouring families apart. */
static void geno_layout(struct geno_ctx *c)
{
	for (int s = 0; s < GENO_SWEEPS; s++) {
		for (int r = 1; r < c->nrows; r++)
			geno_place_row(c, r, false);
		for (int r = c->nrows - 2; r >= 0; r--)
			geno_place_row(c, r, true);
	}
}

static double geno_y(int row)
{
	return GENO_TOP + row * GENO_ROW_H;
}

/* geno_line writes a straight line. */
static int geno_line(struct buf *b, double x1, double y1, double x2, double y2)
{
	return svg_printf(b, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>", x1, y1, x2, y2);
}

/* geno_partner_line draws a partnership from (x1,y1) to (x2,y2) with the slashes of separation
 * (one) or divorce (two) centred at fraction at of the way. */
static int geno_partner_line(struct buf *b, enum geno_rel kind, double x1, double y1, double x2,
			     double y2, double at)
{
	int rc = geno_line(b, x1, y1, x2, y2);
	double len = hypot(x2 - x1, y2 - y1);
	if (rc || len < 1 || kind == GENO_MARRIED)
		return rc;
	double ux = (x2 - x1) / len, uy = (y2 - y1) / len; /* along the line */
	double nx = uy, ny = -ux;                           /* across it */
	double mx = x1 + (x2 - x1) * at, my = y1 + (y2 - y1) * at;
	int slashes = kind == GENO_DIVORCED ? 2 : 1;
	for (int s = 0; s < slashes && rc == 0; s++) {
		double shift = slashes == 2 ? (s ? 4.5 : -4.5) : 0;
		double cx = mx + ux * shift, cy = my + uy * shift;
		double dx = ux * 5 + nx * 10, dy = uy * 5 + ny * 10;
		rc = geno_line(b, cx - dx, cy - dy, cx + dx, cy + dy);
	}
	return rc;
}

/* A quadratic curve from p0 through control c to p2, sampled for the emotional lines. */
struct geno_curve {
	double x0, y0, cx, cy, x2, y2;
};

static void geno_curve_at(const struct geno_curve *q, double t, double *x, double *y, double *nx,
			  double *ny)
{
	double a = (1 - t) * (1 - t), bb = 2 * (1 - t) * t, cc = t * t;
	*x = a * q->x0 + bb * q->cx + cc * q->x2;
	*y = a * q->y0 + bb * q->cy + cc * q->y2;
	double tx = 2 * (1 - t) * (q->cx - q->x0) + 2 * t * (q->x2 - q->cx);
	double ty = 2 * (1 - t) * (q->cy - q->y0) + 2 * t * (q->y2 - q->cy);
	double len = hypot(tx, ty);
	if (len < 1e-9)
		len = 1;
	*nx = -ty / len;
	*ny = tx / len;
}

/* geno_polyline writes the curve between t0 and t1 in steps, each point moved across the curve by
 * shift, or by +-zigzag alternately (the ends stay on the curve). */
static int geno_polyline(struct buf *b, const struct geno_curve *q, double t0, double t1, double shift,
			 double zigzag, int steps)
{
	int rc = buf_puts(b, "<polyline fill=\"none\" points=\"");
	for (int i = 0; i <= steps && rc == 0; i++) {
		double x, y, nx, ny;
		geno_curve_at(q, t0 + (t1 - t0) * i / steps, &x, &y, &nx, &ny);
		double d = shift;
		if (zigzag > 0 && i > 0 && i < steps)
			d += i % 2 ? zigzag : -zigzag;
		rc = svg_printf(b, "%s%f,%f", i ? " " : "", x + nx * d, y + ny * d);
	}
	if (rc == 0)
		rc = buf_puts(b, "\"/>");
	return rc;
}

/* geno_emotional draws a conflict, closeness or cutoff along the curve q. */
static int geno_emotional(struct buf *b, enum geno_rel kind, const struct geno_curve *q)
{
	double len = hypot(q->cx - q->x0, q->cy - q->y0) + hypot(q->x2 - q->cx, q->y2 - q->cy);
	int steps = (int)(len / 7);
	if (steps < 4)
		steps = 4;
	int rc;
	if (kind == GENO_CONFLICT) {
		rc = svg_printf(b, "<g stroke=\"%s\" stroke-width=\"1.8\" stroke-linejoin=\"round\">", SVG_RED);
		if (rc == 0)
			rc = geno_polyline(b, q, 0, 1, 0, 4.5, steps);
	} else if (kind == GENO_CLOSE) {
		rc = svg_printf(b, "<g stroke=\"%s\" stroke-width=\"1.6\">", GENO_GREEN);
		if (rc == 0)
			rc = geno_polyline(b, q, 0, 1, -2.5, 0, steps);
		if (rc == 0)
			rc = geno_polyline(b, q, 0, 1, 2.5, 0, steps);
	} else {
		rc = svg_printf(b, "<g stroke=\"%s\" stroke-width=\"1.8\">", SVG_INK);
		if (rc == 0)
			rc = geno_polyline(b, q, 0, 0.42, 0, 0, steps);
		if (rc == 0)
			rc = geno_polyline(b, q, 0.58, 1, 0, 0, steps);
		for (int s = 0; s < 2 && rc == 0; s++) {
			double x, y, nx, ny;
			geno_curve_at(q, s ? 0.58 : 0.42, &x, &y, &nx, &ny);
			rc = geno_line(b, x - nx * 8, y - ny * 8, x + nx * 8, y + ny * 8);
		}
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

/* geno_has_children tells whether a and b are both parents of someone. */
static bool geno_has_children(const struct geno_ctx *c, int a, int b)
{
	for (int i = 0; i < c->n; i++)
		if (c->nparents[i] == 2 && ((c->parent[i][0] == a && c->parent[i][1] == b) ||
					    (c->parent[i][0] == b && c->parent[i][1] == a)))
			return true;
	return false;
}

/* geno_label_bottom returns the y just under person i's name and birth year. */
static double geno_label_bottom(const struct geno_ctx *c, int i)
{
	const struct geno_person *p = &c->people[i];
	int lines = svg_wrap_count(p->name, GENO_NAME_CHARS, GENO_NAME_LINES) + (p->birth_year > 0);
	return geno_y(c->row[i]) + GENO_R + (p->is_client ? 5 : 0) + 6 + lines * 14;
}

/* A sibship: the children in one row of one couple (p2 >= 0) or of one lone parent (p2 < 0). */
struct geno_sib {
	int p1, p2, row;
	double ox, oy;   /* where the line down starts */
	double lo, hi;   /* the bar's ends */
	double bar;      /* the bar's height */
};

/* geno_origin tells which sibship side `side` of child i belongs to: the couple of its two parents
 * when they share a row, else that one parent. */
static void geno_origin(const struct geno_ctx *c, int i, int side, int *p1, int *p2)
{
	*p1 = c->parent[i][side];
	*p2 = -1;
	if (c->nparents[i] == 2 && c->row[c->parent[i][0]] == c->row[c->parent[i][1]]) {
		*p1 = c->parent[i][0] < c->parent[i][1] ? c->parent[i][0] : c->parent[i][1];
		*p2 = c->parent[i][0] < c->parent[i][1] ? c->parent[i][1] : c->parent[i][0];
	}
}

/* geno_sibships groups the children into sibships, sets sib_of[child][side], and returns how many.
 * Bars whose spans would touch in one row are put at different heights. */
static int geno_sibships(const struct geno_ctx *c, struct geno_sib *sib, int sib_of[][2])
{
	int ns = 0;
	for (int i = 0; i < c->n; i++) {
		for (int side = 0; side < c->nparents[i]; side++) {
			int p1, p2, k;
			geno_origin(c, i, side, &p1, &p2);
			for (k = 0; k < ns; k++)
				if (sib[k].p1 == p1 && sib[k].p2 == p2 && sib[k].row == c->row[i])
					break;
			if (k == ns) {
				double ox = p2 < 0 ? c->x[p1] : (c->x[p1] + c->x[p2]) / 2;
				/* A lone parent's line starts under the name, not through it. */
				double oy = p2 < 0 ? geno_label_bottom(c, p1) + 2 : geno_y(c->row[p1]);
				sib[ns++] = (struct geno_sib){p1, p2, c->row[i], ox, oy, ox, ox, 0};
			}
			sib[k].lo = fmin(sib[k].lo, c->x[i]);
			sib[k].hi = fmax(sib[k].hi, c->x[i]);
			sib_of[i][side] = k;
		}
	}
	/* Stagger: in each row, by left end, the first of three heights still free there. */
	static const double level_shift[3] = {0, 12, 24};
	int order[2 * GENO_MAX_PEOPLE];
	for (int k = 0; k < ns; k++) {
		int j = k;
		for (; j > 0 && sib[order[j - 1]].lo > sib[k].lo; j--)
			order[j] = order[j - 1];
		order[j] = k;
	}
	for (int r = 0; r < c->nrows; r++) {
		double end[3] = {-1e9, -1e9, -1e9};
		int next = 0;
		for (int j = 0; j < ns; j++) {
			struct geno_sib *sb = &sib[order[j]];
			if (sb->row != r)
				continue;
			int level = -1;
			for (int l = 0; l < 3 && level < 0; l++)
				if (end[l] + 16 < sb->lo)
					level = l;
			if (level < 0)
				level = next++ % 3; /* crowded beyond three heights: reuse one */
			end[level] = fmax(end[level], sb->hi);
			sb->bar = geno_y(r) - GENO_BAR + level_shift[level];
		}
	}
	return ns;
}

/* geno_draw_descent draws the lines from the parents of every sibship down to its children: from
 * the middle of a couple's line (or from under a lone parent's name) down to a bar, then a drop to
 * each child. */
static int geno_draw_descent(struct buf *b, const struct geno_ctx *c)
{
	struct geno_sib sib[2 * GENO_MAX_PEOPLE];
	int sib_of[GENO_MAX_PEOPLE][2];
	int ns = geno_sibships(c, sib, sib_of);
	int rc = buf_printf(b, "<g fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\">\n", SVG_INK);
	for (int k = 0; k < ns && rc == 0; k++) {
		const struct geno_sib *sb = &sib[k];
		rc = svg_printf(b, "<path d=\"M%f %fV%f", sb->ox, sb->oy, sb->bar);
		if (rc == 0 && sb->hi > sb->lo)
			rc = svg_printf(b, "M%f %fH%f", sb->lo, sb->bar, sb->hi);
		for (int i = 0; i < c->n && rc == 0; i++)
			for (int side = 0; side < c->nparents[i] && rc == 0; side++)
				if (sib_of[i][side] == k && (side == 0 || sib_of[i][0] != k))
					rc = svg_printf(b, "M%f %fV%f", c->x[i], sb->bar, geno_y(c->row[i]));
		if (rc == 0)
			rc = buf_puts(b, "\"/>\n");
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

/* geno_side_free tells whether person i has no partner on side (-1 left, +1 right). */
static bool geno_side_free(const struct geno_ctx *c, int i, double side)
{
	for (int j = 0; j < c->n; j++)
		if (c->partner[i][j] != GENO_NOT_PARTNERS && (c->x[j] - c->x[i]) * side > 0)
			return false;
	return true;
}

/* geno_draw_links draws partnerships, then emotional lines. */
static int geno_draw_links(struct buf *b, const struct geno_ctx *c, const struct geno_link *links,
			   int nlinks)
{
	int rc = buf_printf(b, "<g fill=\"none\" stroke=\"%s\" stroke-width=\"2\">\n", SVG_INK);
	for (int k = 0; k < nlinks && rc == 0; k++) {
		int a, bb;
		if (!geno_link_ends(c, &links[k], &a, &bb) || !geno_is_partnership(links[k].kind))
			continue;
		if (c->x[a] > c->x[bb] || (c->x[a] == c->x[bb] && c->row[a] > c->row[bb])) {
			int t = a;
			a = bb;
			bb = t;
		}
		double at = geno_has_children(c, a, bb) && c->row[a] == c->row[bb] ? 0.3 : 0.5;
		rc = geno_partner_line(b, links[k].kind, c->x[a], geno_y(c->row[a]), c->x[bb],
				       geno_y(c->row[bb]), at);
	}
	for (int a = 0; a < c->n && rc == 0; a++)
		for (int bb = a + 1; bb < c->n && rc == 0; bb++)
			if (c->partner[a][bb] == GENO_COPARENTS)
				rc = svg_printf(b, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke-width=\"1.4\" "
						"stroke-dasharray=\"5 4\"/>",
						c->x[a], geno_y(c->row[a]), c->x[bb], geno_y(c->row[bb]));
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	for (int k = 0; k < nlinks && rc == 0; k++) {
		int a, bb;
		if (!geno_link_ends(c, &links[k], &a, &bb) || geno_is_partnership(links[k].kind) ||
		    links[k].kind == GENO_PARENT)
			continue;
		struct geno_curve q;
		double ya = geno_y(c->row[a]), yb = geno_y(c->row[bb]);
		if (c->row[a] == c->row[bb]) {
			/* Arch over the row, from the top of one symbol to the top of the other. */
			double dx = fabs(c->x[bb] - c->x[a]);
			double h = fmin(24, 10 + 0.05 * dx);
			q = (struct geno_curve){c->x[a], ya - GENO_R - 4, (c->x[a] + c->x[bb]) / 2,
					       ya - GENO_R - 4 - 2 * h, c->x[bb], yb - GENO_R - 4};
		} else {
			/* From the upper person's side facing the other (a little lower when a partner line
			 * is there; under the name when straight below) to the lower person's top corner
			 * facing back: clear of the names. */
			if (c->row[a] > c->row[bb]) {
				int t = a;
				a = bb;
				bb = t;
				double ty = ya;
				ya = yb;
				yb = ty;
			}
			double side = c->x[bb] < c->x[a] ? -1 : 1;
			double x0 = c->x[a] + side * (GENO_R + 7);
			double y0 = ya + (geno_side_free(c, a, side) ? 0 : 12); /* under a partner line */
			if (fabs(c->x[bb] - c->x[a]) < 2 * GENO_R) {
				x0 = c->x[a];
				y0 = geno_label_bottom(c, a) + 2;
			}
			double x2 = c->x[bb] - side * GENO_R * 0.7, y2 = yb - GENO_R - 7;
			if (fabs(c->x[bb] - c->x[a]) < 2 * GENO_R)
				x2 = c->x[bb];
			q = (struct geno_curve){x0, y0, (x0 + x2) / 2, (y0 + y2) / 2, x2, y2};
		}
		rc = geno_emotional(b, links[k].kind, &q);
	}
	return rc;
}

/* geno_shape writes a person's symbol of half size r, with class cls. */
static int geno_shape(struct buf *b, enum geno_sex sex, double x, double y, double r, const char *cls)
{
	if (sex == GENO_MALE)
		return svg_printf(b, "<rect class=\"%s\" x=\"%f\" y=\"%f\" width=\"%f\" height=\"%f\"/>", cls, x - r,
				  y - r, 2 * r, 2 * r);
	if (sex == GENO_FEMALE)
		return svg_printf(b, "<circle class=\"%s\" cx=\"%f\" cy=\"%f\" r=\"%f\"/>", cls, x, y, r);
	r += 3; /* a diamond looks smaller than a square of the same width */
	return svg_printf(b, "<polygon class=\"%s\" points=\"%f,%f %f,%f %f,%f %f,%f\"/>", cls, x, y - r, x + r, y,
			  x, y + r, x - r, y);
}

/* geno_draw_people draws the symbols, then the names and birth years on a white halo. */
static int geno_draw_people(struct buf *b, const struct geno_ctx *c)
{
	int rc = buf_printf(b, "<g fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\">\n", SVG_INK);
	for (int i = 0; i < c->n && rc == 0; i++) {
		const struct geno_person *p = &c->people[i];
		double x = c->x[i], y = geno_y(c->row[i]);
		if (p->is_client)
			rc = geno_shape(b, p->sex, x, y, GENO_R + 5, "geno-client");
		if (rc == 0)
			rc = geno_shape(b, p->sex, x, y, GENO_R, "geno-person");
		if (rc == 0 && p->deceased) {
			double d = GENO_R + 7;
			rc = svg_printf(b, "<path class=\"geno-deceased\" d=\"M%f %fL%f %fM%f %fL%f %f\" fill=\"none\"/>", x - d, y - d,
					x + d, y + d, x + d, y - d, x - d, y + d);
		}
		if (rc == 0)
			rc = buf_puts(b, "\n");
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n<g text-anchor=\"middle\" paint-order=\"stroke\" stroke=\"#fff\" "
				 "stroke-width=\"5\" stroke-linejoin=\"round\">\n");
	for (int i = 0; i < c->n && rc == 0; i++) {
		const struct geno_person *p = &c->people[i];
		double x = c->x[i], y = geno_y(c->row[i]) + GENO_R + (p->is_client ? 5 : 0) + 17;
		int lines = svg_wrap_count(p->name, GENO_NAME_CHARS, GENO_NAME_LINES);
		if (p->is_client)
			rc = buf_puts(b, "<g font-weight=\"bold\">");
		if (rc == 0)
			rc = svg_text_wrap(b, x, y, 14, "geno-name", NULL, p->name, GENO_NAME_CHARS, GENO_NAME_LINES);
		if (rc == 0 && p->is_client)
			rc = buf_puts(b, "</g>");
		if (rc == 0 && p->birth_year > 0)
			rc = svg_printf(b, "<text x=\"%f\" y=\"%f\" class=\"geno-year\" font-size=\"11\" fill=\"%s\">%d</text>",
					x, y + lines * 14, SVG_MUTED, p->birth_year);
		if (rc == 0)
			rc = buf_puts(b, "\n");
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

/* The legend: entries of a fixed width in as many columns as fit. */
#define GENO_SAMPLE 46.0
#define GENO_LEGEND_ROW 26.0

static double geno_legend_column(const char *const legend[7])
{
	size_t most = 0;
	for (int k = 0; k < 7; k++)
		if (legend[k] && strlen(legend[k]) > most)
			most = strlen(legend[k]);
	if (most > 40)
		most = 40;
	return GENO_SAMPLE + 10 + (double)most * 6.6 + 24;
}

/* geno_legend_sample draws the line of kind in the box starting at (x, y - 10). */
static int geno_legend_sample(struct buf *b, enum geno_rel kind, double x, double y)
{
	double x2 = x + GENO_SAMPLE;
	int rc = 0;
	if (geno_is_partnership(kind)) {
		rc = svg_printf(b, "<g fill=\"none\" stroke=\"%s\" stroke-width=\"2\">", SVG_INK);
		if (rc == 0)
			rc = geno_partner_line(b, kind, x, y, x2, y, 0.5);
		if (rc == 0)
			rc = buf_puts(b, "</g>");
	} else if (kind == GENO_PARENT) {
		double mid = x + GENO_SAMPLE / 2;
		rc = svg_printf(b, "<path d=\"M%f %fV%fM%f %fH%fM%f %fV%fM%f %fV%f\" fill=\"none\" stroke=\"%s\" "
				"stroke-width=\"1.6\"/>",
				mid, y - 10, y, x + 8, y, x2 - 8, x + 8, y, y + 9, x2 - 8, y, y + 9, SVG_INK);
	} else {
		struct geno_curve q = {x, y, x + GENO_SAMPLE / 2, y, x2, y};
		rc = geno_emotional(b, kind, &q);
	}
	return rc;
}

static int geno_draw_legend(struct buf *b, const char *const legend[7], double width, double top)
{
	double col = geno_legend_column(legend);
	int cols = (int)((width - 2 * GENO_MARGIN) / col);
	if (cols < 1)
		cols = 1;
	int rc = svg_printf(b, "<g class=\"geno-legend\"><line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"%s\"/>\n",
			    GENO_MARGIN, top, width - GENO_MARGIN, top, SVG_RULE);
	int shown = 0;
	for (int k = 0; k < 7 && rc == 0; k++) {
		if (legend[k] == NULL)
			continue;
		double x = GENO_MARGIN + (shown % cols) * col;
		double y = top + 24 + (shown / cols) * GENO_LEGEND_ROW;
		shown++;
		rc = geno_legend_sample(b, (enum geno_rel)k, x, y);
		if (rc == 0)
			rc = svg_text_wrap(b, x + GENO_SAMPLE + 10, y + 4, 14, NULL, NULL, legend[k], 40, 1);
		if (rc == 0)
			rc = buf_puts(b, "\n");
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

static int geno_legend_rows(const char *const legend[7], double width)
{
	int shown = 0;
	for (int k = 0; k < 7; k++)
		shown += legend[k] != NULL;
	int cols = (int)((width - 2 * GENO_MARGIN) / geno_legend_column(legend));
	if (cols < 1)
		cols = 1;
	return (shown + cols - 1) / cols;
}

/* geno_check validates the arguments (see genogram_svg). */
static int geno_check(struct buf *out, const struct geno_person *people, int npeople,
		      const struct geno_link *links, int nlinks, const char *title, const char *const legend[7])
{
	if (out == NULL || title == NULL || legend == NULL || npeople < 0 || nlinks < 0 ||
	    npeople > GENO_MAX_PEOPLE || nlinks > GENO_MAX_LINKS || (people == NULL && npeople > 0) ||
	    (links == NULL && nlinks > 0))
		return ERR_INVALID;
	for (int i = 0; i < npeople; i++)
		if (people[i].id == NULL || people[i].generation < -2 || people[i].generation > 2)
			return ERR_INVALID;
	return 0;
}

int genogram_svg(struct buf *out, const struct geno_person *people, int npeople,
		 const struct geno_link *links, int nlinks, const char *title, const char *const legend[7])
{
	int rc = geno_check(out, people, npeople, links, nlinks, title, legend);
	if (rc)
		return rc;
	static const struct geno_ctx zero;
	struct geno_ctx c = zero;
	c.people = people;
	c.n = npeople;
	geno_rows(&c);
	geno_relations(&c, links, nlinks);
	geno_units(&c);
	geno_layout(&c);

	/* Centre the family in a picture wide enough for it, the title and the legend. */
	double lo = 0, hi = 0;
	for (int i = 0; i < c.n; i++) {
		lo = i ? fmin(lo, c.x[i]) : c.x[i];
		hi = i ? fmax(hi, c.x[i]) : c.x[i];
	}
	double width = hi - lo + 2 * (GENO_MARGIN + GENO_HALF_LABEL);
	width = fmax(width, 2 * GENO_MARGIN + 3 * geno_legend_column(legend));
	width = fmax(width, 2 * GENO_MARGIN + 9.5 * (double)strlen(title));
	width = fmin(ceil(width), SVG_MAX_SIDE);
	double shift = (width - (hi - lo)) / 2 - lo;
	for (int i = 0; i < c.n; i++)
		c.x[i] += shift;
	double legend_top = c.nrows ? geno_y(c.nrows - 1) + GENO_R + 70 : GENO_TOP;
	double height = legend_top + 24 + geno_legend_rows(legend, width) * GENO_LEGEND_ROW;

	rc = svg_begin(out, (int)width, (int)ceil(height), title);
	if (rc == 0)
		rc = svg_printf(out, "<text x=\"%f\" y=\"32\" class=\"svg-title\" font-size=\"17\" font-weight=\"bold\">%s</text>\n",
				GENO_MARGIN, title);
	if (rc == 0)
		rc = geno_draw_descent(out, &c);
	if (rc == 0)
		rc = geno_draw_links(out, &c, links, nlinks);
	if (rc == 0)
		rc = geno_draw_people(out, &c);
	if (rc == 0)
		rc = geno_draw_legend(out, legend, width, legend_top);
	if (rc == 0)
		rc = svg_end(out);
	return rc;
}
