/* page_sort: the site's two page orders (columns' lists; newest first for
 * feeds, the home page and term pages), sorted by keys rather than by a
 * comparator: each page's order as an unsigned 128-bit key, sorted by radix
 * over the key bytes that differ, then pages with equal keys by the strings
 * that decide between them (title, file).  qsort with the comparators cost
 * 14 M instructions at 10k pages, half of linking; this is about a tenth. */
#ifndef GOVPUB_PAGE_SORT_H
#define GOVPUB_PAGE_SORT_H

#include <stddef.h>

#include "site.h"

/* Weighted pages first (lower first), then newest first, then by title and
 * file so equal dates still sort the same. */
void page_sort_column(page **v, size_t n);
/* Newest first regardless of weight, then by file. */
void page_sort_newest(page **v, size_t n);

#endif
