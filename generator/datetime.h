/* datetime: the dates of front matter (`2024-11-20`, `2024-11-20T10:12:00+08:00`,
 * `2024-11-20 10:12`), kept as seconds since the epoch plus the offset they
 * were written in, and formatted for pages, feeds and meta tags. */
#ifndef GOVPUB_DATETIME_H
#define GOVPUB_DATETIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  int64_t epoch;  /* seconds since 1970-01-01T00:00:00Z */
  int tzoff;      /* minutes east of UTC as written (default +08:00) */
  bool has_time;  /* a time of day was written */
} gdate;

/* Parses s; returns false when it is not one of the accepted forms or names
 * an impossible date.  A date without an offset is China Standard Time. */
bool gdate_parse(const char *s, bool allow_time, gdate *out);
/* The hint for a date gdate_parse refused: what is impossible about it when
 * it has the shape of a date ("2024-11 has 30 days", written into buf of n
 * bytes, with `fallback` after it), else `fallback` itself. */
const char *gdate_hint(const char *s, const char *fallback, char *buf, size_t n);

/* Writes into out (at least 32 bytes):
 *   gdate_ymd      2024-11-20
 *   gdate_ymdhm    2024-11-20 10:12   (PubDate)
 *   gdate_iso      2024-11-20T10:12:00+08:00 (Atom, datetime attributes) */
void gdate_ymd(const gdate *d, char *out);
void gdate_ymdhm(const gdate *d, char *out);
void gdate_iso(const gdate *d, char *out);
/* The three at once (a page's date: one conversion to local time). */
void gdate_forms(const gdate *d, char *ymd, char *ymdhm, char *iso);
int gdate_year(const gdate *d);

/* Days since the epoch of a civil date (proleptic Gregorian). */
int64_t days_from_civil(int y, int m, int d);
/* The civil date of a day number (the inverse of days_from_civil). */
void civil_from_days(int64_t z, int *y, int *m, int *d);
/* The day number of the date as written (in its own offset): the calendar
 * day a reader sees (freshness and working-day rules count these). */
int64_t gdate_day(const gdate *g);

#endif
