/* svg.h: the small SVG writer shared by the charts, the genogram and the ecomap.
 *
 * Everything here appends to a capped buffer and returns 0, ERR_INVALID or the buffer's error
 * (ERR_TOOBIG, ERR_NOMEM; the buffer is then freed, see base/buf.h). Writers stop at the first
 * error, so a failed picture never leaves half an element behind a later successful append.
 * Text always goes through svg_escape. Pictures carry no style attribute and no <style> element
 * (the Content-Security-Policy forbids inline styles): colours, strokes and fonts are presentation
 * attributes (fill, stroke, stroke-width, stroke-dasharray, font-size) on the elements. */
#ifndef PD_SVG_H
#define PD_SVG_H
#include "base/buf.h"

/* SVG_MAX_SIDE is the largest width or height svg_begin accepts, in pixels. */
#define SVG_MAX_SIDE 10000
/* SVG_MAX_LINES is the most lines svg_text_wrap writes. */
#define SVG_MAX_LINES 8

/* Colours shared by the pictures: the site's text, muted text, rules and the red of conflict. */
#define SVG_INK "#1c2127"
#define SVG_MUTED "#4f5a66"
#define SVG_EDGE "#6b7682"
#define SVG_RULE "#c9d0d8"
#define SVG_RED "#b00020"

/* svg_escape appends s (NULL writes nothing) as XML text or attribute content: & < > " ' become
 * entities; bytes that are not well-formed UTF-8, and U+FFFE/U+FFFF, become U+FFFD; C0 control
 * characters other than tab, LF and CR (which XML 1.0 forbids) are dropped. */
int svg_escape(struct buf *b, const char *s);
/* svg_number appends v like printf's "%.1f" in the C locale, whatever LC_NUMERIC says: "12.5",
 * "-3.0"; but rounded half away from zero on v * 10 and never "-0.0". ERR_INVALID when v is not
 * finite or |v| > 1e12. */
int svg_number(struct buf *b, double v);
/* svg_printf appends fmt with these conversions: %s escaped text (NULL writes nothing), %d int,
 * %f a double written by svg_number, %% a percent sign. Markup comes from fmt only; any other
 * conversion is a programming error and gives ERR_INVALID. */
int svg_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* svg_begin opens a standalone drawing of width x height pixels (1..SVG_MAX_SIDE, else
 * ERR_INVALID): <svg xmlns=... width height viewBox role="img" aria-labelledby=ID font-family
 * font-size="12" fill=INK><title id=ID>title</title> and a white background rectangle. ID is
 * "svg-" and 8 hex digits hashed from the title, the size and the buffer's length, so pictures
 * written into one page buffer get distinct ids. title may be NULL (empty title). */
int svg_begin(struct buf *b, int width, int height, const char *title);
/* svg_end closes the drawing opened by svg_begin. */
int svg_end(struct buf *b);
/* svg_text appends <text x y class text-anchor>text</text>; cls and anchor ("start", "middle",
 * "end") are left out when NULL; text is escaped (NULL is empty). */
int svg_text(struct buf *b, double x, double y, const char *cls, const char *anchor, const char *text);
/* svg_wrap_count tells how many lines svg_text_wrap writes for text (at least 1). */
int svg_wrap_count(const char *text, int max_chars, int max_lines);
/* svg_text_wrap appends text as one <text> of up to max_lines (1..SVG_MAX_LINES) lines of at most
 * max_chars (2..200) characters, broken at spaces (mid-word only when a word is too long), the
 * first baseline at y and each next one line_height lower. Text that does not fit ends in "…" and
 * the whole text is then given as a <title> tooltip. ERR_INVALID for limits out of range. */
int svg_text_wrap(struct buf *b, double x, double y, double line_height, const char *cls,
		  const char *anchor, const char *text, int max_chars, int max_lines);

#endif
