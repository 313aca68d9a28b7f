/* chart.h: line charts of values over time (e.g. GAS T-scores by review date) as standalone SVG. */
#ifndef PD_CHART_H
#define PD_CHART_H
#include "base/buf.h"

/* CHART_MAX_SERIES and CHART_MAX_POINTS bound one chart. */
#define CHART_MAX_SERIES 8
#define CHART_MAX_POINTS 500

/* One line of the chart: y[i] is the value at x label i; NaN means no value there (the line
 * breaks). Strings and values are borrowed for the call only. */
struct chart_series {
	const char *label;
	const double *y;
	int n;
};

/* chart_line_svg appends a standalone SVG line chart to out: a visible title; a y axis from ymin
 * to ymax with gridlines and tick labels at round steps; the nx x labels (e.g. review dates)
 * evenly spaced (some left out when they would collide); for each series a polyline and point
 * markers in its own colour and marker shape (Okabe-Ito colour-blind safe palette: circle,
 * square, triangle, diamond, ...), each marker with a <title> tooltip "label, x label: value";
 * and a legend of the series labels. A series uses its first min(n, nx) values; values outside
 * ymin..ymax are drawn at the nearest edge (the tooltip keeps the true value). When no series has
 * a finite value to draw, empty_text (may be NULL) is written in the middle of the empty axes.
 * Classes for the site's stylesheet: svg-title, chart-grid, chart-x, chart-series, chart-point,
 * chart-empty, chart-legend.
 *
 * Returns 0; ERR_INVALID when out or title is NULL, xlabels is NULL with nx > 0, series is NULL
 * with nseries > 0, a series has a NULL y with n > 0 or a negative n, nx or nseries is negative
 * or above CHART_MAX_POINTS / CHART_MAX_SERIES, or ymin and ymax are not finite with
 * ymin < ymax (nothing is written then); or the buffer's ERR_TOOBIG / ERR_NOMEM (the buffer is
 * then freed, see base/buf.h). A NULL x label or series label shows nothing. */
int chart_line_svg(struct buf *out, const char *title, const char *const *xlabels, int nx,
		   const struct chart_series *series, int nseries, double ymin, double ymax,
		   const char *empty_text);

#endif
