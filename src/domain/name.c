/* name.c: case and accent folding for names (Latin-1 and Latin Extended-A). */
#include "domain/name.h"
#include <stdbool.h>
#include <string.h>

/* ASCII folding of U+00C0..U+017F; 0 keeps the character, '-' makes a separator. */
static const char name_fold_latin1[64] = "aaaaaaaceeeeiiiidnooooo-ouuuuyts" /* C0-DF */
					"aaaaaaaceeeeiiiidnooooo-ouuuuyty";  /* E0-FF */
static const char name_fold_exta[129] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
					"lllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static bool name_is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

size_t name_normalise(const char *name, char *out, size_t n)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t o = 0;
	bool pending_space = false;
	if (n == 0)
		return 0;
	while (*s && o + 5 < n) {
		unsigned c = *s;
		char folded = 0;
		size_t len = 1;
		if (c < 0x80) {
			folded = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			if (folded == '\'' || folded == '`') {
				s++;
				continue; /* Nur'aini and Nuraini are the same name */
			}
			if (!name_is_alnum(folded))
				folded = '-';
		} else if ((c & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
			unsigned cp = ((c & 0x1f) << 6) | (s[1] & 0x3f);
			len = 2;
			if (cp >= 0xc0 && cp < 0x100)
				folded = name_fold_latin1[cp - 0xc0];
			else if (cp >= 0x100 && cp < 0x180)
				folded = name_fold_exta[cp - 0x100];
			else if (cp == 0xa0)
				folded = '-'; /* no-break space, common in pasted text */
			else if (cp == 0x2bc || cp == 0x2b9)
				folded = '\''; /* modifier apostrophes */
			if (folded == '\'') {
				s += len;
				continue;
			}
		} else {
			if ((c & 0xf0) == 0xe0)
				len = 3;
			else if ((c & 0xf8) == 0xf0)
				len = 4;
			for (size_t k = 1; k < len; k++)
				if (s[k] == 0)
					len = k;
			if (c == 0xe2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99)) {
				s += len; /* typographic apostrophes */
				continue;
			}
		}
		if (folded == '-') {
			pending_space = o > 0;
			s += len;
			continue;
		}
		if (pending_space) {
			out[o++] = ' ';
			pending_space = false;
		}
		if (folded) {
			if (c == 0xc3 && s[1] == 0x9f) {
				out[o++] = 's'; /* ß → ss */
				out[o++] = 's';
			} else {
				out[o++] = folded;
			}
		} else {
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	out[o] = 0;
	return o;
}
