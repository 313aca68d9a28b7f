/* i18n.c: a small reader of gettext .po catalogues and a sorted lookup table per language. */
#include "base/i18n.h"
#include "base/embed.h"
#include "base/err.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct i18n_pair {
	char *id;
	char *str;
};

struct i18n_catalogue {
	struct i18n_pair *pairs;
	int n;
	int missing;
};

static struct i18n_catalogue i18n_cats[2];

/* i18n_unquote appends the contents of a "..." po string at s to *acc, decoding escapes. */
static int i18n_unquote(const char *s, const char *end, char **acc, size_t *len)
{
	const char *q = memchr(s, '"', (size_t)(end - s));
	if (q == NULL)
		return 0;
	q++;
	size_t cap = *len + (size_t)(end - q) + 1;
	char *d = realloc(*acc, cap);
	if (d == NULL)
		return ERR_NOMEM;
	*acc = d;
	while (q < end && *q != '"') {
		char c = *q++;
		if (c == '\\' && q < end) {
			char e = *q++;
			c = e == 'n' ? '\n' : e == 't' ? '\t' : e;
		}
		d[(*len)++] = c;
	}
	d[*len] = 0;
	return 0;
}

static int i18n_cmp(const void *a, const void *b)
{
	return strcmp(((const struct i18n_pair *)a)->id, ((const struct i18n_pair *)b)->id);
}

static int i18n_add(struct i18n_catalogue *cat, char *id, char *str, int *cap)
{
	if (id == NULL || id[0] == 0) { /* the header entry */
		free(id);
		free(str);
		return 0;
	}
	if (str == NULL || str[0] == 0) {
		cat->missing++;
		free(str);
		str = NULL;
	}
	if (cat->n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		struct i18n_pair *p = realloc(cat->pairs, (size_t)*cap * sizeof *p);
		if (p == NULL)
			return ERR_NOMEM;
		cat->pairs = p;
	}
	cat->pairs[cat->n].id = id;
	cat->pairs[cat->n].str = str;
	cat->n++;
	return 0;
}

/* i18n_has_word tells whether word occurs in the line [p, eol). */
static bool i18n_has_word(const char *p, const char *eol, const char *word)
{
	size_t n = strlen(word);
	for (; p + n <= eol; p++)
		if (memcmp(p, word, n) == 0)
			return true;
	return false;
}

static int i18n_load(struct i18n_catalogue *cat, const struct embed_file *f)
{
	const char *p = (const char *)f->data, *end = p + f->size;
	char *id = NULL, *str = NULL;
	size_t idlen = 0, strlen_ = 0;
	int state = 0; /* 1 reading msgid, 2 reading msgstr */
	int fuzzy = 0, fuzzy_entry = 0; /* a "#, fuzzy" entry is not a translation yet */
	int cap = 0, rc = 0;
	while (p < end && rc == 0) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (eol == NULL)
			eol = end;
		if (strncmp(p, "#,", 2) == 0 && i18n_has_word(p, eol, "fuzzy")) {
			fuzzy = 1;
		} else if (strncmp(p, "msgid ", 6) == 0) {
			if (state == 2) {
				if (fuzzy_entry) {
					free(str);
					str = NULL;
				}
				rc = i18n_add(cat, id, str, &cap);
				id = str = NULL;
				idlen = strlen_ = 0;
			}
			state = 1;
			fuzzy_entry = fuzzy;
			fuzzy = 0;
			if (rc == 0)
				rc = i18n_unquote(p + 5, eol, &id, &idlen);
		} else if (strncmp(p, "msgstr ", 7) == 0) {
			state = 2;
			rc = i18n_unquote(p + 6, eol, &str, &strlen_);
		} else if (p[0] == '"') {
			rc = state == 1 ? i18n_unquote(p, eol, &id, &idlen)
			     : state == 2 ? i18n_unquote(p, eol, &str, &strlen_)
					  : 0;
		}
		p = eol + 1;
	}
	if (rc == 0 && state == 2) {
		if (fuzzy_entry) {
			free(str);
			str = NULL;
		}
		rc = i18n_add(cat, id, str, &cap);
		id = str = NULL;
	}
	free(id);
	free(str);
	if (rc == 0)
		qsort(cat->pairs, (size_t)cat->n, sizeof *cat->pairs, i18n_cmp);
	return rc;
}

int i18n_init(void)
{
	static const char *const files[2] = {"po/id.po", "po/en.po"};
	for (int i = 0; i < 2; i++) {
		if (i18n_cats[i].pairs != NULL)
			continue;
		const struct embed_file *f = embed_find(files[i]);
		if (f == NULL)
			continue;
		int rc = i18n_load(&i18n_cats[i], f);
		if (rc)
			return rc;
	}
	return 0;
}

const char *i18n_t(enum lang lang, const char *msgid)
{
	const struct i18n_catalogue *cat = &i18n_cats[lang == LANG_EN ? 1 : 0];
	if (msgid == NULL || cat->n == 0)
		return msgid;
	struct i18n_pair key = {(char *)msgid, NULL};
	const struct i18n_pair *hit = bsearch(&key, cat->pairs, (size_t)cat->n, sizeof key, i18n_cmp);
	return hit && hit->str ? hit->str : msgid;
}

enum lang i18n_lang_parse(const char *s)
{
	return s && strcmp(s, "en") == 0 ? LANG_EN : LANG_ID;
}

const char *i18n_lang_code(enum lang lang)
{
	return lang == LANG_EN ? "en" : "id";
}

int i18n_missing(void)
{
	return i18n_cats[0].missing;
}
