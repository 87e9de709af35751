/* page_sort: the site's page orders (columns' lists; newest first for
 * feeds and the site's article order; newest listed first for the home
 * page's blocks and term pages), sorted by keys rather than by a
 * comparator: each page's order as an unsigned 128-bit key, sorted by radix
 * over the key bytes that differ, then pages with equal keys by the strings
 * that decide between them (title, file).  qsort with the comparators cost
 * 14 M instructions at 10k pages, half of linking; this is about a tenth. */
#ifndef GOVPUB_PAGE_SORT_H
#define GOVPUB_PAGE_SORT_H

#include <stddef.h>

#include "site.h"

/* Weighted pages first (lower first), then newest listed first (page.listed:
 * a letter by its 答复日期, as its list item shows), then by title and file
 * so equal dates still sort the same. */
void page_sort_column(page **v, size_t n);
/* Newest first by date regardless of weight, then by file. */
void page_sort_newest(page **v, size_t n);
/* Newest listed first (page.listed) regardless of weight, then by file: the
 * lists that mix columns (the home page's blocks, term pages). */
void page_sort_listed(page **v, size_t n);

#endif
