/* ecomap.c: places the client's systems on a circle around the client and draws each tie. */
#include "report/ecomap.h"
#include "base/err.h"
#include "report/svg.h"
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define ECO_PI 3.14159265358979323846
#define ECO_MARGIN 24.0
#define ECO_TITLE_H 52.0     /* room above the drawing for the title */
#define ECO_CLIENT_MIN_R 66.0
#define ECO_MIN_ORBIT 235.0  /* from the client's centre to a system's centre */
#define ECO_CIRCLE_GAP 26.0  /* between neighbouring system circles on the orbit */
#define ECO_LINE_H 14.0
#define ECO_SAMPLE 46.0
#define ECO_CLIENT_FILL "#e7f0fa"
#define ECO_CLIENT_EDGE "#0a58a8"
#define ECO_SYSTEM_FILL "#f6f7f9"

/* Sizes that depend on how many systems share the orbit. */
struct eco_geometry {
	double system_r; /* radius of a system's circle */
	int name_chars;  /* characters of a name per line inside it */
	int name_lines;
	double client_r;
	double orbit;
	double cx, cy;   /* the client's centre */
	double width, height, legend_top, legend_col;
};

static double eco_legend_column(const char *const legend[3])
{
	size_t most = 0;
	for (int k = 0; k < 3; k++)
		if (legend[k] && strlen(legend[k]) > most)
			most = strlen(legend[k]);
	if (most > 40)
		most = 40;
	return ECO_SAMPLE + 10 + (double)most * 6.6 + 28;
}

static void eco_geometry(int n, const char *title, const char *const legend[3], struct eco_geometry *g)
{
	g->system_r = n > 16 ? 46 : 58;
	g->name_chars = n > 16 ? 10 : 12;
	g->name_lines = n > 16 ? 2 : 3;
	/* Leave about 14 px between neighbouring lines where they leave the client's circle. */
	g->client_r = fmax(ECO_CLIENT_MIN_R, n * 14 / (2 * ECO_PI));
	g->orbit = fmax(ECO_MIN_ORBIT, n * (2 * g->system_r + ECO_CIRCLE_GAP) / (2 * ECO_PI));
	double reach = n > 0 ? g->orbit + g->system_r : g->client_r;
	g->legend_col = eco_legend_column(legend);
	g->width = 2 * (reach + ECO_MARGIN + 8);
	g->width = fmax(g->width, 2 * ECO_MARGIN + 3 * g->legend_col);
	g->width = fmax(g->width, 2 * ECO_MARGIN + 9.5 * (double)strlen(title));
	g->width = fmin(ceil(g->width), SVG_MAX_SIDE);
	g->cx = g->width / 2;
	g->cy = ECO_TITLE_H + 8 + reach;
	g->legend_top = g->cy + reach + 24;
	int cols = (int)((g->width - 2 * ECO_MARGIN) / g->legend_col);
	int shown = 0;
	for (int k = 0; k < 3; k++)
		shown += legend[k] != NULL;
	if (cols < 1)
		cols = 1;
	g->height = ceil(g->legend_top + 20 + (shown + cols - 1) / cols * 26.0);
}

/* eco_tie_line draws a tie of strength s from (x1,y1) to (x2,y2). */
static int eco_tie_line(struct buf *b, enum eco_strength s, double x1, double y1, double x2, double y2)
{
	if (s == ECO_STRONG)
		return svg_printf(b, "<line class=\"eco-strong\" x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"%s\" stroke-width=\"5\" "
				  "stroke-linecap=\"round\"/>",
				  x1, y1, x2, y2, SVG_INK);
	if (s == ECO_WEAK)
		return svg_printf(b, "<line class=\"eco-weak\" x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"%s\" stroke-width=\"2\" "
				  "stroke-dasharray=\"8 6\"/>",
				  x1, y1, x2, y2, SVG_INK);
	/* Stressful: a zigzag of about 9 px teeth across the line. */
	double len = hypot(x2 - x1, y2 - y1);
	int steps = (int)(len / 9);
	if (steps < 2)
		steps = 2;
	double nx = len > 0 ? -(y2 - y1) / len : 0, ny = len > 0 ? (x2 - x1) / len : 0;
	int rc = svg_printf(b, "<polyline class=\"eco-stressful\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\" stroke-linejoin=\"round\" points=\"",
			    SVG_RED);
	for (int i = 0; i <= steps && rc == 0; i++) {
		double t = (double)i / steps;
		double d = i == 0 || i == steps ? 0 : (i % 2 ? 5.5 : -5.5);
		rc = svg_printf(b, "%s%f,%f", i ? " " : "", x1 + (x2 - x1) * t + nx * d, y1 + (y2 - y1) * t + ny * d);
	}
	if (rc == 0)
		rc = buf_puts(b, "\"/>");
	return rc;
}

/* eco_label writes a name (bold, wrapped) and an optional type line centred on (x, y). */
static int eco_label(struct buf *b, double x, double y, const char *name, const char *type,
		     int name_chars, int name_lines, const char *name_size)
{
	bool has_type = type && *type;
	int lines = svg_wrap_count(name, name_chars, name_lines) + (has_type ? 1 : 0);
	double first = y - (lines - 1) * ECO_LINE_H / 2 + 4;
	int rc = svg_printf(b, "<g font-weight=\"bold\" font-size=\"%s\">", name_size);
	if (rc == 0)
		rc = svg_text_wrap(b, x, first, ECO_LINE_H, "eco-name", NULL, name, name_chars, name_lines);
	if (rc == 0)
		rc = buf_puts(b, "</g>");
	if (rc == 0 && has_type)
		rc = svg_printf(b, "<g font-size=\"11\" fill=\"%s\">", SVG_MUTED);
	if (rc == 0 && has_type)
		rc = svg_text_wrap(b, x, first + (lines - 1) * ECO_LINE_H + 1, ECO_LINE_H, "eco-type", NULL, type,
				   name_chars + 2, 1);
	if (rc == 0 && has_type)
		rc = buf_puts(b, "</g>");
	return rc;
}

static int eco_legend(struct buf *b, const struct eco_geometry *g, const char *const legend[3])
{
	int cols = (int)((g->width - 2 * ECO_MARGIN) / g->legend_col);
	if (cols < 1)
		cols = 1;
	int rc = svg_printf(b, "<g class=\"eco-legend\"><line x1=\"%f\" y1=\"%f\" x2=\"%f\" y2=\"%f\" stroke=\"%s\"/>\n",
			    ECO_MARGIN, g->legend_top, g->width - ECO_MARGIN, g->legend_top, SVG_RULE);
	int shown = 0;
	for (int k = 0; k < 3 && rc == 0; k++) {
		if (legend[k] == NULL)
			continue;
		double x = ECO_MARGIN + (shown % cols) * g->legend_col;
		double y = g->legend_top + 24 + (shown / cols) * 26.0;
		shown++;
		rc = eco_tie_line(b, (enum eco_strength)k, x + 3, y, x + ECO_SAMPLE - 3, y);
		if (rc == 0)
			rc = svg_text_wrap(b, x + ECO_SAMPLE + 10, y + 4, ECO_LINE_H, NULL, NULL, legend[k], 40, 1);
		if (rc == 0)
			rc = buf_puts(b, "\n");
	}
	if (rc == 0)
		rc = buf_puts(b, "</g>\n");
	return rc;
}

int ecomap_svg(struct buf *out, const char *client_name, const struct eco_tie *ties, int n,
	       const char *title, const char *const legend[3])
{
	if (out == NULL || title == NULL || legend == NULL || n < 0 || n > ECOMAP_MAX_TIES ||
	    (ties == NULL && n > 0))
		return ERR_INVALID;
	for (int i = 0; i < n; i++)
		if ((int)ties[i].strength < ECO_STRONG || (int)ties[i].strength > ECO_STRESSFUL)
			return ERR_INVALID;
	struct eco_geometry g;
	eco_geometry(n, title, legend, &g);
	int rc = svg_begin(out, (int)g.width, (int)g.height, title);
	if (rc == 0)
		rc = svg_printf(out, "<text x=\"%f\" y=\"32\" class=\"svg-title\" font-size=\"17\" font-weight=\"bold\">%s</text>\n",
				ECO_MARGIN, title);
	/* Lines first, so the circles cover their ends. */
	for (int i = 0; i < n && rc == 0; i++) {
		double a = -ECO_PI / 2 + 2 * ECO_PI * i / n;
		double ux = cos(a), uy = sin(a);
		rc = eco_tie_line(out, ties[i].strength, g.cx + ux * (g.client_r + 5), g.cy + uy * (g.client_r + 5),
				  g.cx + ux * (g.orbit - g.system_r - 5), g.cy + uy * (g.orbit - g.system_r - 5));
		if (rc == 0)
			rc = buf_puts(out, "\n");
	}
	if (rc == 0)
		rc = svg_printf(out, "<g text-anchor=\"middle\"><circle class=\"eco-client\" cx=\"%f\" cy=\"%f\" r=\"%f\" fill=\"%s\" stroke=\"%s\" "
				"stroke-width=\"3\"/>",
				g.cx, g.cy, g.client_r, ECO_CLIENT_FILL, ECO_CLIENT_EDGE);
	if (rc == 0)
		rc = eco_label(out, g.cx, g.cy, client_name, NULL, 12, 3, "14");
	if (rc == 0)
		rc = buf_puts(out, "\n");
	for (int i = 0; i < n && rc == 0; i++) {
		double a = -ECO_PI / 2 + 2 * ECO_PI * i / n;
		double x = g.cx + cos(a) * g.orbit, y = g.cy + sin(a) * g.orbit;
		rc = svg_printf(out, "<circle class=\"eco-system\" cx=\"%f\" cy=\"%f\" r=\"%f\" fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>",
				x, y, g.system_r, ECO_SYSTEM_FILL, SVG_EDGE);
		if (rc == 0)
			rc = eco_label(out, x, y, ties[i].name, ties[i].type, g.name_chars, g.name_lines, "12");
		if (rc == 0)
			rc = buf_puts(out, "\n");
	}
	if (rc == 0)
		rc = buf_puts(out, "</g>\n");
	if (rc == 0)
		rc = eco_legend(out, &g, legend);
	if (rc == 0)
		rc = svg_end(out);
	return rc;
}
