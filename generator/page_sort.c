/* page_sort: see page_sort.h.  The scratch arrays are malloc'd for the call
 * and freed before it returns. */
#include "page_sort.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint64_t hi, lo; /* compared as one unsigned 128-bit number, hi first */
  page *p;
} keyed;

/* The order of pages whose keys are equal: sort_keyed calls it only within
 * such runs, where weight and date, which the keys hold whole, are equal. */
typedef int (*page_cmp)(const page *x, const page *y);

/* A time in ascending unsigned order turned around: newest first;
 * INT64_MIN (no date) last. */
static uint64_t newest_first(int64_t t) { return ~((uint64_t)t ^ (UINT64_C(1) << 63)); }

static int64_t date_of(const page *p) { return p->has_date ? p->date.epoch : INT64_MIN; }

/* A column's pages of one weight and date: by title, then file. */
static int by_title_file(const page *x, const page *y) {
  int c = strcmp(x->title ? x->title : "", y->title ? y->title : "");
  return c ? c : strcmp(x->src, y->src);
}

/* Pages of one date, newest first: by file. */
static int by_file(const page *x, const page *y) { return strcmp(x->src, y->src); }

/* Least significant byte first, eight bits a pass; a pass whose byte is the
 * same in every key is skipped (most of them: weights are rare, and dates
 * share their high bytes).  Stable, so earlier passes' order holds. */
static void radix(keyed *v, keyed *tmp, size_t n) {
  keyed *from = v, *to = tmp;
  for (int pass = 0; pass < 16; pass++) {
    int shift = (pass % 8) * 8;
    size_t count[257] = {0};
    for (size_t i = 0; i < n; i++) count[((pass < 8 ? from[i].lo : from[i].hi) >> shift & 255) + 1]++;
    size_t b = 0;
    while (count[b + 1] == 0) b++;
    if (count[b + 1] == n) continue;
    for (int k = 0; k < 256; k++) count[k + 1] += count[k];
    for (size_t i = 0; i < n; i++) to[count[(pass < 8 ? from[i].lo : from[i].hi) >> shift & 255]++] = from[i];
    keyed *t = from;
    from = to;
    to = t;
  }
  if (from != v) memcpy(v, from, n * sizeof *v);
}

static int cmp_run(const void *x, const void *y, void *cmp) {
  return (*(const page_cmp *)cmp)(((const keyed *)x)->p, ((const keyed *)y)->p);
}

/* Sorts by the keys, then each run of equal keys by cmp: by insertion when
 * it is short (pages of the same minute), by qsort_r when it is not (a
 * column of pages without dates is one run). */
static void sort_keyed(page **pages, size_t n, keyed *v, page_cmp cmp) {
  if (n > 1) {
    keyed *tmp = malloc(n * sizeof *tmp);
    if (!tmp) abort();
    radix(v, tmp, n);
    free(tmp);
  }
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && v[j].hi == v[i].hi && v[j].lo == v[i].lo) j++;
    if (j - i > 16) {
      qsort_r(v + i, j - i, sizeof *v, cmp_run, &cmp);
    } else {
      for (size_t k = i + 1; k < j; k++) {
        keyed x = v[k];
        size_t m = k;
        for (; m > i && cmp(x.p, v[m - 1].p) < 0; m--) v[m] = v[m - 1];
        v[m] = x;
      }
    }
    i = j;
  }
  for (size_t i = 0; i < n; i++) pages[i] = v[i].p;
  free(v);
}

static keyed *keys_for(size_t n) {
  keyed *v = malloc((n ? n : 1) * sizeof *v);
  if (!v) abort();
  return v;
}

void page_sort_column(page **pages, size_t n) {
  keyed *v = keys_for(n);
  for (size_t i = 0; i < n; i++) {
    int w = pages[i]->weight ? pages[i]->weight : 0x7fffffff;
    v[i] = (keyed){(uint32_t)w ^ UINT32_C(0x80000000), newest_first(pages[i]->listed), pages[i]};
  }
  sort_keyed(pages, n, v, by_title_file);
}

void page_sort_newest(page **pages, size_t n) {
  keyed *v = keys_for(n);
  for (size_t i = 0; i < n; i++) v[i] = (keyed){0, newest_first(date_of(pages[i])), pages[i]};
  sort_keyed(pages, n, v, by_file);
}

void page_sort_listed(page **pages, size_t n) {
  keyed *v = keys_for(n);
  for (size_t i = 0; i < n; i++) v[i] = (keyed){0, newest_first(pages[i]->listed), pages[i]};
  sort_keyed(pages, n, v, by_file);
}
