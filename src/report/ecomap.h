/* ecomap.h: a client's ecomap (Hartman, 1978): the systems around a person drawn as a standalone SVG. */
#ifndef PD_ECOMAP_H
#define PD_ECOMAP_H
#include "base/buf.h"

/* ECOMAP_MAX_TIES bounds one drawing. */
#define ECOMAP_MAX_TIES 40

/* How a tie feels to the client, in the order of the legend labels. */
enum eco_strength { ECO_STRONG, ECO_WEAK, ECO_STRESSFUL };

/* One system in the client's world. Strings are borrowed for the call only. */
struct eco_tie {
	const char *name; /* e.g. "SDN 3 Cibiru" */
	const char *type; /* e.g. "school"; NULL or "" shows none */
	enum eco_strength strength;
};

/* ecomap_svg appends a standalone SVG ecomap to out: the client in a central circle, each tie's
 * system in a circle around it, evenly spaced clockwise from the top in the order given, and a
 * line from the client to each: strong = thick solid, weak = dashed, stressful = red zigzag.
 * Each circle holds the name (at most two lines, shortened with "…" and a tooltip) and the type
 * under it in grey; the orbit grows with the number of ties so circles never overlap. A visible
 * title heads the picture and a legend at the bottom shows each line beside legend[strength]
 * (translated labels in enum order; a NULL label leaves its entry out). client_name may be NULL.
 * Classes for the site's stylesheet: svg-title, eco-client, eco-system, eco-name, eco-type,
 * eco-strong, eco-weak, eco-stressful, eco-legend.
 *
 * Returns 0; ERR_INVALID when out, title or legend is NULL, ties is NULL with n > 0, n < 0,
 * n > ECOMAP_MAX_TIES or a strength is not one of the enum (nothing is written then); or the
 * buffer's ERR_TOOBIG / ERR_NOMEM (the buffer is then freed, see base/buf.h). */
int ecomap_svg(struct buf *out, const char *client_name, const struct eco_tie *ties, int n,
	       const char *title, const char *const legend[3]);

#endif
