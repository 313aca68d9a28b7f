/* embed.h: files compiled into the binary (web assets, SQL migrations, translations, API description). */
#ifndef PD_EMBED_H
#define PD_EMBED_H
#include <stddef.h>

struct embed_file {
	const char *name;          /* e.g. "assets/style.css", "schema/sqlite/001_init.sql" */
	const unsigned char *data; /* NUL-terminated for convenience */
	size_t size;
	const char *tag;           /* the first 12 hex digits of its SHA-256: changes with its content */
	const unsigned char *gz;   /* a served text file's gzip form, made at build time, or NULL */
	size_t gz_size;
};

extern const struct embed_file embed_files[]; /* sorted by name */
extern const unsigned embed_count;

/* embed_find returns the embedded file called name, or NULL. */
const struct embed_file *embed_find(const char *name);

#endif
