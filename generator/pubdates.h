/* pubdates: the publication dates a release went out with, kept in the
 * release itself (published-dates.tsv), so a later check can tell a date
 * that was changed after publishing (伪造发稿日期, a 单项否决 item of the
 * inspection) from a new page.  The file is plain text, one line per dated
 * page: `<path under content/>\t<date as ISO 8601>`, sorted by path, after
 * a comment line naming the format (docs/check.md).
 *
 * Ownership: what pubdates_read returns lives in the arena given. */
#ifndef GOVPUB_PUBDATES_H
#define GOVPUB_PUBDATES_H

#include "arena.h"
#include "release.h"
#include "site.h"
#include "strmap.h"

#define PUBDATES_FILE "published-dates.tsv"

/* Writes the file of every built, dated page into the release. */
void pubdates_write(const release *rel, const site *s);

/* The dates recorded in the release folder `dir`: path under content/ →
 * ISO date string; NULL when the folder has no record (a release built
 * before the record existed, or none at all). */
strmap *pubdates_read(arena *a, const char *dir);

#endif
