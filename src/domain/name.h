/* name.h: normalising personal names for search, sorting and duplicate detection. */
#ifndef PD_NAME_H
#define PD_NAME_H
#include <stddef.h>

/* name_normalise writes a folded form of name into out (size n): lowercase ASCII letters and
 * digits, accents removed (é→e, ñ→n), apostrophes dropped, every other run of separators one
 * space, no leading or trailing space. "  Siti  Nur'aini, S.Pd " → "siti nuraini s pd".
 * Characters without an ASCII folding are kept as UTF-8. Returns the length written. */
size_t name_normalise(const char *name, char *out, size_t n);

#endif
