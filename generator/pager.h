/* pager: which page numbers a paginated list's pager shows, on a wide
 * screen and on a phone (render.c builds the column and term pagers from
 * it; the theme's search.js has pagerPlan(), the same rule for the search
 * page's pager; both pass the cases of tests/fixtures/pager-plans.txt).
 *
 * A wide screen shows every number up to PAGER_ALL pages, else the first,
 * the last and PAGER_AROUND on each side of the current one, a gap (…)
 * between; a phone shows a subset, by the same rule with PAGER_PHONE_ALL
 * and PAGER_PHONE_AROUND (上一页 1 … 7 … 100 下一页), so that the pager
 * stays one line at 320 px.  A column of 5,000 pages costs the same as one
 * of 12: the numbers left out are skipped, not visited.  Also the number
 * of a list's pages, their URLs (pager_pages, pager_url) and which list
 * such a URL is of (pager_list_of). */
#ifndef GOVPUB_PAGER_H
#define GOVPUB_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

#define PAGER_ALL 9
#define PAGER_AROUND 2
#define PAGER_PHONE_ALL 3
#define PAGER_PHONE_AROUND 0
/* the most slots a plan has: 1 … 5 numbers … last, and two gaps only a
 * phone shows (fewer than PAGER_ALL numbers plus two gaps either way) */
#define PAGER_SLOTS_MAX (PAGER_ALL + 2)

typedef struct {
  size_t number; /* the page number; 0: a gap (…) */
  bool wide;     /* a number only a wide screen shows */
  bool narrow;   /* a gap only a phone shows (for numbers a wide screen shows) */
} pager_slot;

/* How many pages a list of `items` has at `per` a page (site.yaml
 * paginate): one at least (an empty list is still its first page).  The
 * renderer writes that many; the published record (pubdates.c) lists them. */
size_t pager_pages(size_t items, int per);

/* The URL of page n (1-based) of the list at `base` (site-relative, with
 * its final '/'): base itself for the first, <base>page/<n>/ for the
 * others (in `a`) — the one spelling of a list's further pages, which the
 * renderer writes and links and the published record lists. */
const char *pager_url(arena *a, const char *base, size_t n);

/* pager_url's inverse, for those who read a URL: whether `url` (site-
 * relative, a folder with its final '/') is <base>page/<digits>/, in the
 * page/ folder where the list at base goes on; if so, *base_len is
 * strlen(base) (0: the home page's list).  Any digits, not only those
 * pager_url writes (page/0/, page/02/): the folder is govpub's whole
 * (site_reserved_name), so the alias check refuses those too. */
bool pager_list_of(const char *url, size_t *base_len);

/* The slots of the pager of page `cur` (1-based) of `total` (>= 1), in
 * order, into out; returns their count. */
size_t pager_plan(size_t cur, size_t total, pager_slot out[PAGER_SLOTS_MAX]);

#endif
