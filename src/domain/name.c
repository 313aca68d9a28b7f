/* name.c: case and accent folding for names (Latin-1 and Latin Extended-A). */
#include "domain/name.h"
#include "base/str.h"
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
			else if (cp >= 0x300 && cp < 0x370)
				folded = '\''; /* combining accents: e + U+0301 is e, as é is */
			if (folded == '\'') {
				s += len;
				continue;
			}
		} else {
			if ((c & 0xf0) == 0xe0)
				len = 3;
			else if ((c & 0xf8) == 0xf0)
				len = 4;
			else
				folded = '-'; /* a stray continuation or invalid byte: not a character */
			for (size_t k = 1; k < len; k++)
				if ((s[k] & 0xc0) != 0x80) { /* not a continuation byte: not a character */
					len = 1;
					folded = '-';
					break;
				}
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

bool name_has_word(const char *norm)
{
	unsigned cp;
	while ((cp = str_utf8_next(&norm)) != 0) {
		bool punct = cp == ' ' || (cp >= 0xa0 && cp <= 0xbf) || cp == 0xd7 || cp == 0xf7 ||
			     (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) ||
			     (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20);
		if (!punct && (cp >= 0x80 || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z')))
			return true;
	}
	return false;
}

/* ---- spelling keys ---- */

/* Longest word that is folded; a longer one (not a name) is copied as it is. */
#define NAME_WORD_MAX 96
/* Normalised text that name_key reads; a longer name is keyed on its first 4 KiB. */
#define NAME_TEXT_MAX 4096

/* The Muhammad family after the letter rules: full spellings, then abbreviations. */
static const char *const name_muhammad_full[] = {"muhamad", "mohamad", "muhamed", "mohamed", NULL};
static const char *const name_muhammad_short[] = {"moh", "muh", "mhd", "mohd", "muhd", "md", NULL};
static const char name_muhammad[] = "muhamad";

static bool name_is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static bool name_is_consonant(char c)
{
	return c >= 'a' && c <= 'z' && !name_is_vowel(c);
}

/* name_old_spelling tells whether the word w[0..n) shows a mark of the spelling before 1972. */
static bool name_old_spelling(const char *w, size_t n)
{
	if (n >= 2 && w[0] == 'n' && w[1] == 'j')
		return true;
	for (size_t i = 0; i + 1 < n; i++) {
		char a = w[i], b = w[i + 1];
		if (a == 'o' && b == 'e')
			return true;
		if (b == 'j' && (a == 'd' || a == 't' || a == 's' || a == 'h'))
			return true;
	}
	return false;
}

/* name_in tells whether w[0..n) is an entry of the NULL-ended list, or with prefix the start of one. */
static bool name_in(const char *w, size_t n, const char *const *list, bool prefix)
{
	for (int i = 0; list[i]; i++)
		if ((prefix ? strlen(list[i]) >= n : strlen(list[i]) == n) && memcmp(w, list[i], n) == 0)
			return true;
	return false;
}

/* name_key_word folds the normalised word w[0..n) (n <= NAME_WORD_MAX) into out, which has room
 * for n + 8 bytes, by the rules of name_key; first: the word opens a name; prefix: the word may
 * be unfinished. Returns the length written (no NUL). */
static size_t name_key_word(const char *w, size_t n, bool first, bool prefix, char *out)
{
	bool old = name_old_spelling(w, n);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i], next = i + 1 < n ? w[i + 1] : 0, emit = c;
		if (c == 'o' && next == 'e') {
			emit = 'u';
			i++;
		} else if (c == 'd' && next == 'j') {
			emit = 'j'; /* the j of dj is a modern j: never read as y */
			i++;
		} else if (c == 't' && next == 'j') {
			emit = 'c';
			i++;
		} else if (c == 'p' && next == 'h') {
			emit = 'f';
			i++;
		} else if (((c == 'c' || c == 'k') && next == 'h') || (c == 'd' && next == 'z')) {
			continue; /* ch, kh → h; dz → z */
		} else if (c == 'h' && i > 0 && (w[i - 1] == 'b' || w[i - 1] == 'd' || w[i - 1] == 'g' || w[i - 1] == 't')) {
			continue;
		} else if (c == 'j') {
			emit = old ? 'y' : 'j';
		} else if (c == 'q') {
			emit = 'k';
		}
		if (o > 0 && out[o - 1] == emit && name_is_consonant(emit))
			continue;
		out[o++] = emit;
	}
	if (o >= 2 && out[0] == 'j' && out[1] == 'u')
		out[0] = 'y';
	/* Rule 7: the article of Abdu- taken by the letter after it (Abdurrahman, Abdussalam,
	 * Abdunnasir) is written abdul-, as Abdul Rahman apart; Abdur alone, and the abbreviation
	 * Abd, are Abdul. */
	if (o >= 5 && memcmp(out, "abdu", 4) == 0 && strchr("tdrzsn", out[4])) {
		if (o > 5) {
			memmove(out + 5, out + 4, o - 4);
			o++;
		}
		out[4] = 'l';
	} else if (o == 3 && !prefix && memcmp(out, "abd", 3) == 0) {
		out[o++] = 'u';
		out[o++] = 'l';
	}
	bool muhammad = name_in(out, o, name_muhammad_full, false) || name_in(out, o, name_muhammad_short, false) ||
			(first && !prefix && o == 1 && out[0] == 'm') ||
			(prefix && o >= 3 && name_in(out, o, name_muhammad_full, true));
	if (muhammad) {
		memcpy(out, name_muhammad, sizeof name_muhammad - 1);
		return sizeof name_muhammad - 1;
	}
	if (prefix)
		return o;
	if (o >= 2 && out[o - 1] == 'h' && name_is_vowel(out[o - 2]))
		o--;
	if (o >= 2 && out[o - 1] == 'y' && name_is_consonant(out[o - 2]))
		out[o - 1] = 'i';
	return o;
}

/* name_key_into keys every word of the normalised text norm into out (size n), separated by sep
 * (a space, or nothing). Whole words only. Returns the length written. */
static size_t name_key_into(const char *norm, bool prefix, bool sep, char *out, size_t n)
{
	size_t o = 0;
	bool first = true;
	if (n == 0)
		return 0;
	for (const char *p = norm; *p;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t wn = strcspn(p, " ");
		char key[NAME_WORD_MAX + 8];
		size_t kn = wn;
		if (wn <= NAME_WORD_MAX)
			kn = name_key_word(p, wn, first, prefix, key);
		size_t need = kn + (sep && o > 0 ? 1 : 0);
		if (o + need + 1 > n)
			break;
		if (sep && o > 0)
			out[o++] = ' ';
		memcpy(out + o, wn <= NAME_WORD_MAX ? key : p, kn);
		o += kn;
		first = false;
		p += wn;
	}
	out[o] = 0;
	return o;
}

size_t name_key(const char *name, char *out, size_t n)
{
	char norm[NAME_TEXT_MAX];
	name_normalise(name, norm, sizeof norm);
	return name_key_into(norm, false, true, out, n);
}

size_t name_key_prefix(const char *name, char *out, size_t n)
{
	char norm[NAME_TEXT_MAX];
	name_normalise(name, norm, sizeof norm);
	return name_key_into(norm, true, true, out, n);
}

size_t name_dup_key(const char *name, char *out, size_t n)
{
	char norm[NAME_TEXT_MAX];
	name_normalise(name, norm, sizeof norm);
	return name_key_into(norm, false, false, out, n);
}

/* The search text being written: out[0..len) of n bytes; words: where the extras start; pairs:
 * the pairs' mark is written. */
struct name_text {
	char *out;
	size_t n, len, words;
	bool pairs;
};

/* name_text_within tells whether tok[0..tn) is a whole token of out[0..len). */
static bool name_text_within(const char *out, size_t len, const char *tok, size_t tn)
{
	for (size_t i = 0; i + tn <= len; i++) {
		bool starts = i == 0 || out[i - 1] == ' ';
		bool ends = i + tn == len || out[i + tn] == ' ';
		if (starts && ends && memcmp(out + i, tok, tn) == 0)
			return true;
	}
	return false;
}

/* name_text_has tells whether tok[0..tn) is already a whole token of the text. */
static bool name_text_has(const struct name_text *t, const char *tok, size_t tn)
{
	return name_text_within(t->out, t->len, tok, tn);
}

/* name_text_add appends the token tok[0..tn) after the mark (pair: after the pairs' mark), once,
 * if it fits. */
static void name_text_add(struct name_text *t, const char *tok, size_t tn, bool pair)
{
	if (tn == 0 || name_text_has(t, tok, tn))
		return;
	const char *sep = t->len == 0 ? ""
			  : pair && !t->pairs ? (t->len > t->words ? NAME_SEARCH_PAIRS " " : NAME_SEARCH_MARK NAME_SEARCH_PAIRS " ")
			  : t->len > t->words ? " "
					      : NAME_SEARCH_MARK " ";
	size_t sn = strlen(sep);
	if (t->len + sn + tn + 1 > t->n)
		return;
	memcpy(t->out + t->len, sep, sn);
	memcpy(t->out + t->len + sn, tok, tn);
	t->len += sn + tn;
	t->out[t->len] = 0;
	t->pairs = t->pairs || pair;
}

/* name_text_extras adds, for the words of norm: the keys of the words and of their adjacent
 * pairs written together (keys); or those pairs themselves (pairs). A pair's key is added only
 * where it differs from the pair, which then stands for both. */
static void name_text_extras(struct name_text *t, const char *norm, bool pairs)
{
	const char *prev = NULL;
	size_t prev_n = 0;
	bool first = true;
	for (const char *p = norm; *p;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t wn = strcspn(p, " ");
		char key[NAME_WORD_MAX + 8];
		if (!pairs && wn <= NAME_WORD_MAX)
			name_text_add(t, key, name_key_word(p, wn, first, false, key), false);
		if (prev && prev_n + wn <= NAME_WORD_MAX) {
			char pair[NAME_WORD_MAX + 8];
			memcpy(pair, prev, prev_n);
			memcpy(pair + prev_n, p, wn);
			if (pairs) {
				/* A pair goes with its first word (a text cut short may lack it), which
				 * covers it in the index: a query no longer than the word finds the client
				 * through the word. */
				if (name_text_within(t->out, t->words, prev, prev_n))
					name_text_add(t, pair, prev_n + wn, true);
			} else {
				size_t kn = name_key_word(pair, prev_n + wn, false, false, key);
				if (kn != prev_n + wn || memcmp(key, pair, kn) != 0)
					name_text_add(t, key, kn, false);
			}
		}
		prev = p;
		prev_n = wn;
		first = false;
		p += wn;
	}
}

size_t name_search_text(const char *name, const char *other_names, char *out, size_t n)
{
	char norm_name[NAME_TEXT_MAX], norm_other[NAME_TEXT_MAX];
	if (n == 0)
		return 0;
	name_normalise(name ? name : "", norm_name, sizeof norm_name);
	name_normalise(other_names ? other_names : "", norm_other, sizeof norm_other);
	struct name_text t = {out, n, 0, 0, false};
	out[0] = 0;
	/* The words: both texts, cut at a word's end when out is short. */
	const char *parts[2] = {norm_name, norm_other};
	bool full = false;
	for (int k = 0; k < 2 && !full; k++) {
		for (const char *p = parts[k]; *p && !full;) {
			if (*p == ' ') {
				p++;
				continue;
			}
			size_t wn = strcspn(p, " ");
			size_t sn = t.len > 0 ? 1 : 0;
			full = t.len + sn + wn + 1 > n;
			if (full)
				break;
			if (sn)
				out[t.len++] = ' ';
			memcpy(out + t.len, p, wn);
			t.len += wn;
			p += wn;
		}
	}
	out[t.len] = 0;
	t.words = t.len;
	name_text_extras(&t, norm_name, false);
	name_text_extras(&t, norm_other, false);
	name_text_extras(&t, norm_name, true);
	name_text_extras(&t, norm_other, true);
	return t.len;
}

/* name_term_set fills t from word w[0..n) (cut to fit). */
static void name_term_set(struct name_term *t, const char *w, size_t n)
{
	if (n >= sizeof t->word)
		n = sizeof t->word - 1;
	memcpy(t->word, w, n);
	t->word[n] = 0;
	size_t np = name_key_prefix(t->word, t->prefix_key, sizeof t->prefix_key);
	if (np == 0 || strcmp(t->prefix_key, t->word) == 0)
		t->prefix_key[0] = 0;
	size_t nf = name_key(t->word, t->full_key, sizeof t->full_key);
	if (nf == 0 || strcmp(t->full_key, t->word) == 0 || strcmp(t->full_key, t->prefix_key) == 0)
		t->full_key[0] = 0;
}

int name_query_parse(const char *norm, struct name_query *q)
{
	const char *w[NAME_QUERY_WORDS];
	size_t wn[NAME_QUERY_WORDS];
	q->n = q->njoin = 0;
	for (const char *p = norm; *p && q->n < NAME_QUERY_WORDS;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		w[q->n] = p;
		wn[q->n] = strcspn(p, " ");
		name_term_set(&q->words[q->n], p, wn[q->n]);
		p += wn[q->n++];
	}
	for (int j = 0; q->n <= NAME_QUERY_JOIN_WORDS && j + 1 < q->n; j++) {
		char pair[2 * NAME_TERM_MAX];
		size_t a = wn[j] < NAME_TERM_MAX ? wn[j] : NAME_TERM_MAX - 1;
		size_t b = wn[j + 1] < NAME_TERM_MAX ? wn[j + 1] : NAME_TERM_MAX - 1;
		memcpy(pair, w[j], a);
		memcpy(pair + a, w[j + 1], b);
		name_term_set(&q->joins[q->njoin++], pair, a + b);
	}
	return q->n;
}

/* name_starts tells whether tok[0..n) starts with the string p ("" never). */
static bool name_starts(const char *tok, size_t n, const char *p)
{
	size_t pn = strlen(p);
	return pn > 0 && pn <= n && memcmp(tok, p, pn) == 0;
}

bool name_term_match(const struct name_term *t, const char *tok, size_t n)
{
	return name_starts(tok, n, t->word) || name_starts(tok, n, t->prefix_key) ||
	       (t->full_key[0] && strlen(t->full_key) == n && memcmp(tok, t->full_key, n) == 0);
}

/* name_text_any tells whether a token of text[0..len) matches t; written restricts the test to
 * the word itself as a prefix (the exact tier). */
static bool name_text_any(const char *text, size_t len, const struct name_term *t, bool written)
{
	for (size_t i = 0; i < len;) {
		if (text[i] == ' ') {
			i++;
			continue;
		}
		size_t n = strcspn(text + i, " ");
		if (written ? name_starts(text + i, n, t->word) : name_term_match(t, text + i, n))
			return true;
		i += n;
	}
	return false;
}

int name_query_tier(const struct name_query *q, const char *text)
{
	if (q->n == 0)
		return -1;
	const char *mark = strstr(text, NAME_SEARCH_MARK);
	size_t written = mark ? (size_t)(mark - text) : strlen(text), len = strlen(text);
	bool exact = true, base = true;
	bool matched[NAME_QUERY_WORDS];
	for (int i = 0; i < q->n; i++) {
		exact = exact && name_text_any(text, written, &q->words[i], true);
		matched[i] = exact || name_text_any(text, len, &q->words[i], false);
		base = base && matched[i];
	}
	if (exact)
		return 0;
	if (base)
		return 1;
	for (int j = 0; j < q->njoin; j++) {
		bool all = name_text_any(text, len, &q->joins[j], false);
		for (int i = 0; all && i < q->n; i++)
			all = i == j || i == j + 1 || matched[i];
		if (all)
			return 1;
	}
	return -1;
}
