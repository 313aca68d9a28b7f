/* chart.c: line charts with round axis steps, colour-blind safe series and a legend. */
#include "report/chart.h"
#include "base/err.h"
#include "report/svg.h"
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define CHART_WIDTH 720.0
#define CHART_MARGIN 24.0
#define CHART_TOP 64.0      /* the plot's top edge */
#define CHART_PLOT_H 260.0
#define CHART_RIGHT 40.0
#define CHART_XPAD 24.0     /* between the y axis and the first point */
#define CHART_SAMPLE 38.0
#define CHART_LEGEND_ROW 24.0
#define CHART_GRID "#e3e7ec"

/* Okabe & Ito's palette, yellow swapped for a dark ochre that reads on white. */
static const char *const chart_colours[CHART_MAX_SERIES] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D1F",
};

/* The y axis: ticks from first to last by step, written with decimals digits. */
struct chart_axis {
	double ymin, ymax, first, step;
	int nticks, decimals;
	double left; /* the plot's left edge, after room for the tick labels */
};

/* chart_fixed appends v with the given decimals (0..6), locale-free. */
static int chart_fixed(struct buf *b, double v, int decimals)
{
	double scale = pow(10, decimals);
	long long n = llround(v * scale);
	unsigned long long mag = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
	unsigned long long unit = (unsigned long long)llround(scale);
	int rc = buf_printf(b, "%s%llu", n < 0 ? "-" : "", mag / unit);
	if (rc == 0 && decimals > 0)
		rc = buf_printf(b, ".%0*llu", decimals, mag % unit);
	return rc;
}

/* chart_axis_plan chooses about five round steps (1, 2 or 5 times a power of ten) over the range. */
static void chart_axis_plan(double ymin, double ymax, struct chart_axis *a)
{
	double raw = (ymax - ymin) / 5;
	double mag = pow(10, floor(log10(raw)));
	double norm = raw / mag;
	double mult = norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10;
	a->ymin = ymin;
	a->ymax = ymax;
	a->step = mult * mag;
	a->first = ceil(ymin / a->step - 1e-9) * a->step;
	a->nticks = (int)floor((ymax - a->first) / a->step + 1e-9) + 1;
	a->decimals = a->step >= 1 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
	if (a->decimals > 6)
		a->decimals = 6;
	/* Room for the longest tick label at about 6.5 px a character. */
	double big = fmax(fabs(ymin), fabs(ymax));
	int chars = (int)floor(log10(fmax(big, 1))) + 1 + (ymin < 0) + (a->decimals ? a->decimals + 1 : 0);
	a->left = CHART_MARGIN + 12 + chars * 6.5;
}

static double chart_y(const struct chart_axis *a, double v)
{
	v = fmin(fmax(v, a->ymin), a->ymax);
	return CHART_TOP + CHART_PLOT_H * (a->ymax - v) / (a->ymax - a->ymin);
}

static double chart_x(const struct chart_axis *a, int i, int nx)
{
	double right = CHART_WIDTH - CHART_RIGHT;
	if (nx < 2)
		return (a->left + right) / 2;
	return a->left + CHART_XPAD + (right - a->left - 2 * CHART_XPAD) * i / (nx - 1);
}

static int chart_draw_axes(struct buf *b, const struct chart_axis *a, const char *const *xlabels, int nx)
{
	double right = CHART_WIDTH - CHART_RIGHT, bottom = CHART_TOP + CHART_PLOT_H;
	int rc = svg_printf(b, "<g class=\"chart-grid\" stroke=\"%s\" stroke-width=\"1\">", CHART_GRID);
	for (int t = 0; t < a->nticks && rc == 0; t++) {
		double y = chart_y(a, a->first + t * a->step);
		rc = svg_printf(b, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>", a->left, y, right, y);
	}
	if (rc == 0)
		rc = svg_printf(b, "</g>\n<g stroke=\"%s\" stroke-width=\"1.2\"><line x1=\"%f\" y1=\"%f\" x2=\"%f\" "
				"y2=\"%f\"/><line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>",
				SVG_EDGE, a->left, CHART_TOP, a->left, bottom, a->left, bottom, right, bottom);
	for (int i = 0; i < nx && rc == 0; i++) {
		double x = chart_x(a, i, nx);
		rc = svg_printf(b, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\"/>", x, bottom, x, bottom + 5);
	}
	if (rc == 0)
		rc = svg_printf(b, "</g>\n<g font-size=\"11\" fill=\"%s\" text-anchor=\"end\">", SVG_MUTED);
	for (int t = 0; t < a->nticks && rc == 0; t++) {
		double v = a->first + t * a->step;
		rc = svg_printf(b, "<text x=\"%f\" y=\"%f\">", a->left - 8, chart_y(a, v) + 4);
		if (rc == 0)
			rc = chart_fixed(b, v, a->decimals);
		if (rc == 0)
			rc = buf_puts(b, "</text>");
	}
	/* X labels: every k-th, so that neighbours do not touch. */
	size_t longest = 0;
	for (int i = 0; i < nx; i++)
		if (xlabels[i] && strlen(xlabels[i]) > longest)
			longest = strlen(xlabels[i]);
	if (longest > 24)
		longest = 24;
	double need = (double)longest * 6.4 + 12;
	double space = nx > 1 ? chart_x(a, 1, nx) - chart_x(a, 0, nx) : CHART_WIDTH;
	int every = (int)ceil(need / space);
	if (every < 1)
		every = 1;
	if (rc == 0)
		rc = buf_puts(b, "</g>\n<g font-size=\"11\" fill=\"" SVG_MUTED "\" text-anchor=\"middle\">");
	for (int i = 0; i < nx && rc == 0; i += every)
		rc = svg_text_wrap(b, chart_x(a, i, nx), bottom + 20, 14, "chart-x", NULL, xlabels[i], 24, 1);
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

/* chart_marker writes marker shape k (circle, square, triangle, diamond, then again) at (x, y),
 * leaving the element open for a <title>; *close gets its closing tag. */
static int chart_marker(struct buf *b, int k, double x, double y, const char **close)
{
	switch (k % 4) {
	case 0:
		*close = "</circle>";
		return svg_printf(b, "<circle cx=\"%f\" cy=\"%f\" r=\"4.8\">", x, y);
	case 1:
		*close = "</rect>";
		return svg_printf(b, "<rect x=\"%f\" y=\"%f\" width=\"9\" height=\"9\">", x - 4.5, y - 4.5);
	case 2:
		*close = "</polygon>";
		return svg_printf(b, "<polygon points=\"%f,%f %f,%f %f,%f\">", x, y - 6, x + 5.5, y + 4, x - 5.5, y + 4);
	default:
		*close = "</polygon>";
		return svg_printf(b, "<polygon points=\"%f,%f %f,%f %f,%f %f,%f\">", x, y - 6, x + 6, y, x, y + 6, x - 6, y);
	}
}

static int chart_draw_series(struct buf *b, const struct chart_axis *a, const char *const *xlabels, int nx,
			     const struct chart_series *s, int k)
{
	int n = s->n < nx ? s->n : nx;
	const char *colour = chart_colours[k];
	int rc = svg_printf(b, "<g class=\"chart-series\"><path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" "
			       "stroke-linejoin=\"round\" stroke-linecap=\"round\" d=\"",
			    colour);
	bool pen_down = false;
	for (int i = 0; i < n && rc == 0; i++) {
		if (!isfinite(s->y[i])) {
			pen_down = false;
			continue;
		}
		rc = svg_printf(b, "%s%f %f", pen_down ? "L" : "M", chart_x(a, i, nx), chart_y(a, s->y[i]));
		pen_down = true;
	}
	if (rc == 0)
		rc = svg_printf(b, "\"/>\n<g fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\">", colour);
	for (int i = 0; i < n && rc == 0; i++) {
		if (!isfinite(s->y[i]))
			continue;
		const char *close;
		rc = buf_puts(b, "<g class=\"chart-point\">");
		if (rc == 0)
			rc = chart_marker(b, k, chart_x(a, i, nx), chart_y(a, s->y[i]), &close);
		if (rc == 0)
			rc = svg_printf(b, "<title>%s, %s: ", s->label ? s->label : "", xlabels[i] ? xlabels[i] : "");
		if (rc == 0)
			rc = fabs(s->y[i]) <= 1e12 ? svg_number(b, s->y[i]) : buf_puts(b, "?");
		if (rc == 0)
			rc = buf_printf(b, "</title>%s</g>", close);
	}
	if (rc == 0)
		rc = buf_puts(b, "</g></g>\n");
	return rc;
}

/* Legend entries flow left to right, each as wide as its label. */
static double chart_legend_entry(const char *label)
{
	size_t len = label ? strlen(label) : 0;
	if (len > 40)
		len = 40;
	return CHART_SAMPLE + 8 + (double)len * 6.6 + 22;
}

static int chart_legend_rows(const struct chart_series *series, int nseries)
{
	int rows = nseries > 0 ? 1 : 0;
	double x = CHART_MARGIN;
	for (int k = 0; k < nseries; k++) {
		double w = chart_legend_entry(series[k].label);
		if (x > CHART_MARGIN && x + w > CHART_WIDTH - CHART_MARGIN) {
			rows++;
			x = CHART_MARGIN;
		}
		x += w;
	}
	return rows;
}

static int chart_draw_legend(struct buf *b, const struct chart_series *series, int nseries, double top)
{
	int rc = buf_puts(b, "<g class=\"chart-legend\">");
	double x = CHART_MARGIN, y = top;
	for (int k = 0; k < nseries && rc == 0; k++) {
		double w = chart_legend_entry(series[k].label);
		if (x > CHART_MARGIN && x + w > CHART_WIDTH - CHART_MARGIN) {
			y += CHART_LEGEND_ROW;
			x = CHART_MARGIN;
		}
		const char *close;
		rc = svg_printf(b, "<line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"%s\" stroke-width=\"2.5\"/>"
				"<g fill=\"%s\" stroke=\"#fff\" stroke-width=\"1.5\">",
				x, y, x + CHART_SAMPLE, y, chart_colours[k], chart_colours[k]);
		if (rc == 0)
			rc = chart_marker(b, k, x + CHART_SAMPLE / 2, y, &close);
		if (rc == 0)
			rc = buf_printf(b, "%s</g>", close);
		if (rc == 0)
			rc = svg_text_wrap(b, x + CHART_SAMPLE + 8, y + 4, 14, NULL, NULL, series[k].label, 40, 1);
		x += w;
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

/* chart_check validates the arguments (see chart_line_svg). */
static int chart_check(struct buf *out, const char *title, const char *const *xlabels, int nx,
		       const struct chart_series *series, int nseries, double ymin, double ymax)
{
	if (out == NULL || title == NULL || nx < 0 || nx > CHART_MAX_POINTS || nseries < 0 ||
	    nseries > CHART_MAX_SERIES || (xlabels == NULL && nx > 0) || (series == NULL && nseries > 0) ||
	    !isfinite(ymin) || !isfinite(ymax) || !(ymin < ymax) || ymax - ymin > 1e12 ||
	    fmax(fabs(ymin), fabs(ymax)) > 1e12 || ymax - ymin < 1e-6)
		return ERR_INVALID;
	for (int k = 0; k < nseries; k++)
		if (series[k].n < 0 || (series[k].y == NULL && series[k].n > 0))
			return ERR_INVALID;
	return 0;
}

int chart_line_svg(struct buf *out, const char *title, const char *const *xlabels, int nx,
		   const struct chart_series *series, int nseries, double ymin, double ymax,
		   const char *empty_text)
{
	int rc = chart_check(out, title, xlabels, nx, series, nseries, ymin, ymax);
	if (rc)
		return rc;
	struct chart_axis a;
	chart_axis_plan(ymin, ymax, &a);
	bool any = false;
	for (int k = 0; k < nseries; k++)
		for (int i = 0; i < series[k].n && i < nx; i++)
			any = any || isfinite(series[k].y[i]);
	double legend_top = CHART_TOP + CHART_PLOT_H + 58;
	double height = legend_top + chart_legend_rows(series, nseries) * CHART_LEGEND_ROW;
	if (nseries == 0)
		height = legend_top - 12;

	rc = svg_begin(out, (int)CHART_WIDTH, (int)ceil(height), title);
	if (rc == 0)
		rc = svg_printf(out, "<text x=\"%f\" y=\"32\" class=\"svg-title\" font-size=\"17\" font-weight=\"bold\">%s</text>\n",
				CHART_MARGIN, title);
	if (rc == 0)
		rc = chart_draw_axes(out, &a, xlabels, nx);
	for (int k = 0; k < nseries && rc == 0 && any; k++)
		rc = chart_draw_series(out, &a, xlabels, nx, &series[k], k);
	if (rc == 0 && !any)
		rc = svg_printf(out, "<g font-size=\"14\" fill=\"%s\" text-anchor=\"middle\">", SVG_MUTED);
	if (rc == 0 && !any)
		rc = svg_text_wrap(out, (a.left + CHART_WIDTH - CHART_RIGHT) / 2, CHART_TOP + CHART_PLOT_H / 2 + 5, 18,
				   "chart-empty", NULL, empty_text, 60, 2);
	if (rc == 0 && !any)
		rc = buf_puts(out, "</g>\n");
	if (rc == 0)
		rc = chart_draw_legend(out, series, nseries, legend_top);
	if (rc == 0)
		rc = svg_end(out);
	return rc;
}
