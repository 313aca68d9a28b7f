/* uuid.h: UUIDv7 identifiers (time-ordered) for the uid of every top-level record. */
#ifndef PD_UUID_H
#define PD_UUID_H
#include <stdbool.h>

/* uuid_v7 writes a new lowercase UUIDv7 "xxxxxxxx-xxxx-7xxx-yxxx-xxxxxxxxxxxx" into out[37]. */
void uuid_v7(char out[37]);
/* uuid_valid tells whether s is a lowercase or uppercase UUID in canonical form. */
bool uuid_valid(const char *s);
/* uuid_take copies s into out in lowercase when it is a valid UUID (uuid_valid); false, and out
 * unchanged, when it is not. */
bool uuid_take(char out[37], const char *s);

#endif
