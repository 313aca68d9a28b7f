/* office.h: the office that runs pendamping (an LKS, a rehabilitation centre, a Dinas Sosial):
 * its name, where it is, and the time zone of the dates and times the program writes and shows
 * for it. */
#ifndef PD_OFFICE_H
#define PD_OFFICE_H
#include <jansson.h>
#include "base/fault.h"
#include "domain/policy.h"
#include "store/user_store.h"

/* The zones an office may keep: "WIB" (UTC+7), "WITA" (UTC+8), "WIT" (UTC+9); NULL-terminated. */
extern const char *const office_zone_names[];

/* office_zone is the zone an office keeps: time_zone when set ("WIB", "WITA", "WIT"), else that of
 * the province of region, else WIB, where most Indonesians live. Always one of the three, in
 * static storage. */
const char *office_zone(const char *time_zone, const char *region);
/* office_zone_offset is zone's distance from UTC in seconds: 7, 8 or 9 hours (WIB's for another
 * text or NULL). */
int office_zone_offset(const char *zone);
/* office_today writes the date in the actor's office zone (WIB without an actor) as "YYYY-MM-DD":
 * the date the program gives what it records, the day against which a task is overdue. */
void office_today(const struct actor *actor, char out[11]);
/* office_latest_today writes the date in WIT (UTC+9), the first Indonesian zone in a new day: a date
 * a person gives is in the future only past it, wherever they are. */
void office_latest_today(char out[11]);
/* office_clock writes the unix time in zone as "YYYY-MM-DD HH:MM ZONE" into out[24]; returns 0, or
 * ERR_INVALID (out empty) past the year 9999. */
int office_clock(int64_t unix, const char *zone, char out[24]);
/* office_time writes the UTC time iso ("YYYY-MM-DDTHH:MM...Z") in zone as "YYYY-MM-DD HH:MM ZONE"
 * into out[24]; returns 0, or ERR_INVALID (out empty) when iso is not such a time. */
int office_time(const char *iso, const char *zone, char out[24]);

/* office_get reads the actor's office. Anyone logged in may: pages show its name and zone. */
int office_get(struct db *db, struct arena *a, const struct actor *actor, struct org *out);
/* office_update changes the actor's office from JSON {name, region, time_zone, version}: fields
 * left out are kept, region and time_zone null or "" clear them (the zone then follows the
 * region), version must be the one read (ERR_CONFLICT otherwise). Administrators only; audited.
 * *out is the office as written. */
int office_update(struct db *db, struct arena *a, const struct actor *actor, json_t *in, struct faults *f,
		  struct org *out);

#endif
