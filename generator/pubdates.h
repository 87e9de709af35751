/* pubdates: what a release published, kept in the release itself
 * (published-dates.tsv), so a later check can tell
 *  - a date that was changed after publishing (伪造发稿日期, a 单项否决 item
 *    of the inspection) from a new page, and
 *  - an address readers were given that the new build no longer serves
 *    (死链: a page deleted, moved or renamed without an alias, a tag no
 *    page has any more).
 * The file is plain text, one line per built page: `<path under
 * content/>\t<date as ISO 8601, empty when undated>\t<URL>[\t<alias>]…`,
 * sorted by path, after a comment line naming the format; then one line
 * per list govpub generates (pubgen): `#<kind>\t<URL>[\t<URL>page/2/]…`,
 * every page it wrote of it (docs/check.md); after a tag's or topic's, a
 * line `#from\t<URL>\t<path under content/>…`: the newest pages it listed
 * (at most PUBDATES_FROM), where check says the list is gone once no page
 * has the tag.  Those lines start with '#' so that a govpub from before
 * them, whose reader skips comments, still reads a newer record as it did
 * (it would take them for pages gone); `#from` is a kind of its own, which
 * a govpub from before it skips as it skips any kind it does not know.
 * A release written before they were recorded has page lines only: its
 * generated pages are not known, and nothing is said of them; one written
 * before URLs were recorded has two columns only: its dates are compared,
 * its addresses are not known.
 *
 * Ownership: what pubdates_read returns lives in the arena given. */
#ifndef GOVPUB_PUBDATES_H
#define GOVPUB_PUBDATES_H

#include "arena.h"
#include "catalog.h"
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

/* What govpub generates besides the content's pages (render.c's lists):
 * the record's name of each kind is pubgen_names' (pubdates.c). */
typedef enum {
  PUBGEN_LIST,               /* a column's list: <column>/, <column>/page/2/, … */
  PUBGEN_TAGS,               /* the list of tags, /tags/ */
  PUBGEN_TAG,                /* a tag's list: /tags/<tag>/, …/page/2/, … */
  PUBGEN_TOPICS,             /* the list of topics, /topics/ */
  PUBGEN_TOPIC,              /* a topic's list */
  PUBGEN_CATALOG_DEPARTMENT, /* a data catalog's 提供部门 page: <catalog>/department/<name>/ */
  PUBGEN_CATALOG_TOPIC,      /* a data catalog's 主题 page: <catalog>/topic/<name>/ */
  PUBGEN_SEARCH,             /* the search page, /search/ */
  PUBGEN_KINDS
} pubgen_kind;

/* The pages of a tag's or topic's list recorded with it: the newest.  A
 * tag's page goes when every page that had it lost it in one publish;
 * any one of them that is still there is where an editor puts it back,
 * and the pages deleted with it are why more than one is kept.  A
 * handful keeps the record small whatever the site's tags (the bench's
 * 22 tags of 10 000 pages each list hundreds). */
#define PUBDATES_FROM 3

/* One generated line: a list as it was published. */
typedef struct pubgen {
  pubgen_kind kind;
  const char **urls; /* its first page (the list's own URL, site-relative), then
                        <URL>page/2/, … : every page of it written */
  size_t nurls;      /* at least 1 */
  const char **from; /* a tag's or topic's: the files (paths under content/) of the newest pages
                        it listed, newest first (its `#from` line) */
  size_t nfrom;      /* 0: none recorded (another kind, or a record from before them) */
  bool served;       /* read from the served release's record (not another kept one) */
} pubgen;

typedef struct pubdates {
  pubrec *recs; /* in the file's order (by path) */
  size_t n;
  pubgen *gens; /* the generated lists, in the file's order */
  size_t ngens;
  strmap *by_rel; /* rel → its pubrec */
  strmap *by_url; /* each of a record's urls → that pubrec */
} pubdates;

/* Calls fn for every list a build of `s` (linked; `cat` its catalog, NULL:
 * none) generates, with its own URL, how many pages it has and, for a
 * tag's or topic's, its term (else NULL): what render.c writes
 * (tests/cli/check.sh holds every recorded address to a file of the
 * release).  The URLs are the model's. */
typedef void (*pubgen_fn)(void *ud, pubgen_kind kind, const char *url, size_t npages, const term *tm);
void pubdates_generated(const site *s, const catalog *cat, pubgen_fn fn, void *ud);

/* Writes the record of every built page and every generated list into the
 * release.  Costs no allocation but the file's buffer, and an arena for
 * the URLs of a list's further pages (pager_url's, as render.c's). */
void pubdates_write(const release *rel, const site *s, const catalog *cat);

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
 * others too); each generated list once, as the first record that has it
 * has it (gens; `served` when that is `record`).  NULL when none has a
 * record. */
pubdates *pubdates_read_kept(arena *a, const pubdates *record, const char *served, const char *out);

#endif
