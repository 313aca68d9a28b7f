/* encoding.h: answers compressed for slow links (the gzip content coding, RFC 9110 §8.4).
 *
 * A page of 25 clients is 7 KB of JSON or 12 KB of HTML; gzip makes it 1.7 or 4 KB. On the
 * mobile links many workers have, those bytes are most of the wait. The server compresses text
 * answers of ENCODING_MIN bytes or more when the client says it accepts gzip. */
#ifndef PD_ENCODING_H
#define PD_ENCODING_H
#include "base/buf.h"
#include <stdbool.h>
#include <stddef.h>

#define ENCODING_MIN 1024 /* below this an answer is about a packet either way */

/* encoding_accepts_gzip tells whether an Accept-Encoding value accepts gzip: "gzip" (or its old
 * name "x-gzip") with a weight above 0, or "*" with a weight above 0 when gzip is not named.
 * NULL (no header) accepts nothing. */
bool encoding_accepts_gzip(const char *accept);
/* encoding_compressible tells whether an answer of this content type is text worth compressing
 * (NULL: the server's default, plain text). */
bool encoding_compressible(const char *content_type);
/* encoding_gzip appends the n bytes at in, compressed as one gzip member, to out. 0, ERR_NOMEM,
 * ERR_TOOBIG (it does not fit within out's cap: with a cap of n - 1, it would not be smaller) or
 * ERR_IO (the library failed); out's contents are then to be discarded. */
int encoding_gzip(const void *in, size_t n, struct buf *out);

#endif
