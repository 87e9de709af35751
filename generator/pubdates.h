/* pubdates: what a release published, kept in the release itself
 * (published-dates.tsv), so a later check can tell
 *  - a date that was changed after publishing (伪造发稿日期, a 单项否决 item
 *    of the inspection) from a new page, and
 *  - an address readers were given that the new build no longer serves
 *    (死链: a page deleted, moved or renamed without an alias).
 * The file is plain text, one line per built page: `<path under
 * content/>\t<date as ISO 8601, empty when undated>\t<URL>[\t<alias>]…`,
 * sorted by path, after a comment line naming the format (docs/check.md).
 * A release written before URLs were recorded has two columns only: its
 * dates are compared, its addresses are not known.
 *
 * Ownership: what pubdates_read returns lives in the arena given. */
#ifndef GOVPUB_PUBDATES_H
#define GOVPUB_PUBDATES_H

#include "arena.h"
#include "release.h"
#include "site.h"
#include "strmap.h"

#define PUBDATES_FILE "published-dates.tsv"

/* One line: a page as it was published. */
typedef struct pubrec {
  const char *rel;   /* path under content/: "news/x.md" */
  const char *date;  /* ISO 8601; "" when the page had no date */
  const char **urls; /* site-relative as site.h writes them ("news/x/", "" the home
                        page): its URL, then its aliases */
  size_t nurls;      /* 0: a line written before URLs were recorded */
} pubrec;

typedef struct pubdates {
  pubrec *recs; /* in the file's order (by path) */
  size_t n;
  strmap *by_rel; /* rel → its pubrec */
  strmap *by_url; /* each of a record's urls → that pubrec */
} pubdates;

/* Writes the record of every built page into the release. */
void pubdates_write(const release *rel, const site *s);

/* The record in the release folder `dir`; NULL when the folder has none (a
 * release built before the record existed, or none at all). */
pubdates *pubdates_read(arena *a, const char *dir);

/* What readers have been given: `record`, the record of the served release
 * `served` (a release folder; both NULL: none), then those of the other published
 * releases kept in <out>/releases (each with its manifest: a preview
 * build's release is never served), newest first — after a rollback, the
 * release rolled back from published addresses the served one does not
 * have.  Each address once (by_url: the first record that has it; recs:
 * the records that have an address no record before had, which may have
 * others too).  NULL when none has a record. */
pubdates *pubdates_read_kept(arena *a, const pubdates *record, const char *served, const char *out);

#endif
