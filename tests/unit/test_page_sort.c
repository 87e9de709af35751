/* test_page_sort: the keyed radix sorts give exactly the order of the
 * comparators they replaced (sorted with qsort here), on pages built to
 * tie: few dates, pages without one, weights (also negative), equal titles. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_sort.h"
#include "testlib.h"

#define N 3000

/* The comparators as site_link had them before page_sort. */
static int ref_column(const void *a, const void *b) {
  const page *x = *(page *const *)a, *y = *(page *const *)b;
  int wx = x->weight ? x->weight : 0x7fffffff, wy = y->weight ? y->weight : 0x7fffffff;
  if (wx != wy) return wx < wy ? -1 : 1;
  int64_t dx = x->has_date ? x->date.epoch : INT64_MIN, dy = y->has_date ? y->date.epoch : INT64_MIN;
  if (dx != dy) return dx > dy ? -1 : 1;
  int c = strcmp(x->title ? x->title : "", y->title ? y->title : "");
  return c ? c : strcmp(x->src, y->src);
}

static int ref_newest(const void *a, const void *b) {
  const page *x = *(page *const *)a, *y = *(page *const *)b;
  int64_t dx = x->has_date ? x->date.epoch : INT64_MIN, dy = y->has_date ? y->date.epoch : INT64_MIN;
  if (dx != dy) return dx > dy ? -1 : 1;
  return strcmp(x->src, y->src);
}

static unsigned rnd(void) {
  static uint64_t s = 0x2545f4914f6cdd1dULL;
  s ^= s << 13, s ^= s >> 7, s ^= s << 17;
  return (unsigned)(s >> 11);
}

static bool same_order(page **a, page **b, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

/* Both sorts of pages[0..N) give exactly qsort's arrays (got and want are
 * room for N pointers each). */
static bool same_as_qsort(page *pages, page **got, page **want) {
  bool same = true;
  for (size_t i = 0; i < N; i++) got[i] = want[i] = &pages[i];
  page_sort_column(got, N);
  qsort(want, N, sizeof *want, ref_column);
  same = same && same_order(got, want, N);
  for (size_t i = 0; i < N; i++) got[i] = want[i] = &pages[i];
  page_sort_newest(got, N);
  qsort(want, N, sizeof *want, ref_newest);
  return same && same_order(got, want, N);
}

int main(void) {
  static page pages[N];
  static char names[N][32];
  static const char *titles[] = {"通知", "公告", "关于印发《方案》的通知", NULL, ""};
  page **got = malloc(N * sizeof *got), **want = malloc(N * sizeof *want);
  for (size_t i = 0; i < N; i++) {
    page *p = &pages[i];
    snprintf(names[i], sizeof names[i], "content/c/%05u.md", rnd() % 100000);
    p->src = names[i]; /* equal files too: the sort is then by the rest alone */
    p->title = titles[rnd() % 5];
    p->has_date = rnd() % 10 != 0;
    int64_t days[] = {-86400 * 30, 0, 1700000000, 1700000060, 1735660800, INT64_MAX / 2};
    p->date.epoch = days[rnd() % 6];
    int w = (int)(rnd() % 12);
    p->weight = w < 8 ? 0 : w - 10; /* 0 (none), -2, -1, 1 */
  }
  TEST("page_sort_column: the order of the column comparator") {
    for (size_t i = 0; i < N; i++) got[i] = want[i] = &pages[i];
    page_sort_column(got, N);
    qsort(want, N, sizeof *want, ref_column);
    for (size_t i = 0; i < N; i++) CHECK(ref_column(&got[i], &want[i]) == 0);
    for (size_t i = 1; i < N; i++) CHECK(ref_column(&got[i - 1], &got[i]) <= 0);
  }
  TEST("page_sort_newest: the order of the newest-first comparator") {
    for (size_t i = 0; i < N; i++) got[i] = want[i] = &pages[i];
    page_sort_newest(got, N);
    qsort(want, N, sizeof *want, ref_newest);
    for (size_t i = 1; i < N; i++) CHECK(ref_newest(&got[i - 1], &got[i]) <= 0);
    for (size_t i = 0; i < N; i++) CHECK(ref_newest(&got[i], &want[i]) == 0);
  }
  TEST("page_sort: unique files give the very same array as qsort") {
    for (size_t i = 0; i < N; i++) snprintf(names[i], sizeof names[i], "content/c/%05zu.md", i);
    CHECK(same_as_qsort(pages, got, want));
  }
  TEST("page_sort: short runs of equal dates (sorted by insertion) and one long run of pages without one") {
    for (size_t i = 0; i < N; i++) {
      pages[i].has_date = i < N - 500; /* the last 500: one run */
      pages[i].date.epoch = (int64_t)(i / 3) * 60 + 1700000000;
      pages[i].weight = i % 97 == 0 ? 1 : 0;
    }
    CHECK(same_as_qsort(pages, got, want));
  }
  TEST("page_sort: no pages and one page") {
    page_sort_column(got, 0);
    page_sort_newest(got, 0);
    got[0] = &pages[7];
    page_sort_column(got, 1);
    page_sort_newest(got, 1);
    CHECK(got[0] == &pages[7]);
  }
  free(got);
  free(want);
  TEST_EXIT();
}
