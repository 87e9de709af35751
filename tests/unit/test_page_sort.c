/* test_page_sort: the keyed radix sorts give exactly the order of the
 * comparators they replaced (sorted with qsort here), on pages built to
 * tie: few dates, pages without one, weights (also negative), equal titles,
 * and letters, which lists place by their 答复日期 (page.listed), not their
 * date. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page_sort.h"
#include "testlib.h"

#define N 3000

/* The comparators as site_link had them before page_sort (the column's
 * by page.listed since letters are placed by their 答复日期). */
static int ref_column(const void *a, const void *b) {
  const page *x = *(page *const *)a, *y = *(page *const *)b;
  int wx = x->weight ? x->weight : 0x7fffffff, wy = y->weight ? y->weight : 0x7fffffff;
  if (wx != wy) return wx < wy ? -1 : 1;
  if (x->listed != y->listed) return x->listed > y->listed ? -1 : 1;
  int c = strcmp(x->title ? x->title : "", y->title ? y->title : "");
  return c ? c : strcmp(x->src, y->src);
}

static int ref_newest(const void *a, const void *b) {
  const page *x = *(page *const *)a, *y = *(page *const *)b;
  int64_t dx = x->has_date ? x->date.epoch : INT64_MIN, dy = y->has_date ? y->date.epoch : INT64_MIN;
  if (dx != dy) return dx > dy ? -1 : 1;
  return strcmp(x->src, y->src);
}

static int ref_listed(const void *a, const void *b) {
  const page *x = *(page *const *)a, *y = *(page *const *)b;
  if (x->listed != y->listed) return x->listed > y->listed ? -1 : 1;
  return strcmp(x->src, y->src);
}

/* Where the loader has lists place p: its date, of every fifth page (a
 * letter) a reply day of its own, a day of one of the others' dates or
 * between them (site.c page_fields). */
static void set_listed(page *p, size_t i) {
  static const int64_t replies[] = {-86400 * 31, 1700000000, 1700000030, 1735574400};
  p->listed = i % 5 == 4 ? replies[i / 5 % 4] : p->has_date ? p->date.epoch : INT64_MIN;
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

/* The sorts, each with the comparator whose order it gives. */
static const struct {
  void (*sort)(page **v, size_t n);
  int (*ref)(const void *a, const void *b);
} orders[] = {{page_sort_column, ref_column}, {page_sort_newest, ref_newest}, {page_sort_listed, ref_listed}};
enum { COLUMN, NEWEST, LISTED, NORDERS };

/* got and want (room for N pointers each) as pages[0..N) sorted by order k:
 * by its sort, and by qsort with its comparator. */
static void sort_both(page *pages, page **got, page **want, int k) {
  for (size_t i = 0; i < N; i++) got[i] = want[i] = &pages[i];
  orders[k].sort(got, N);
  qsort(want, N, sizeof *want, orders[k].ref);
}

/* Order k's sort of pages[0..N) is sorted by its comparator, and equal to
 * qsort's at every place (the same page when the files are unique). */
static bool orders_as_ref(page *pages, page **got, page **want, int k) {
  sort_both(pages, got, want, k);
  bool ok = true;
  for (size_t i = 0; i < N; i++) ok = ok && orders[k].ref(&got[i], &want[i]) == 0;
  for (size_t i = 1; i < N; i++) ok = ok && orders[k].ref(&got[i - 1], &got[i]) <= 0;
  return ok;
}

/* Every sort of pages[0..N) gives exactly qsort's array. */
static bool same_as_qsort(page *pages, page **got, page **want) {
  bool same = true;
  for (int k = 0; k < NORDERS; k++) {
    sort_both(pages, got, want, k);
    same = same && same_order(got, want, N);
  }
  return same;
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
    set_listed(p, i);
  }
  TEST("page_sort_column: the order of the column comparator") { CHECK(orders_as_ref(pages, got, want, COLUMN)); }
  TEST("page_sort_newest: the order of the newest-first comparator") { CHECK(orders_as_ref(pages, got, want, NEWEST)); }
  TEST("page_sort_listed: the order of the newest-listed-first comparator") {
    CHECK(orders_as_ref(pages, got, want, LISTED));
  }
  TEST("page_sort: a letter by its 答复日期 in a column and a list, by its date in the articles") {
    page news = {.src = "content/a.md", .has_date = true, .date.epoch = 1733792400}, /* 2024-12-10 */
         letter = {.src = "content/b.md", .has_date = true, .date.epoch = 1734915600}; /* 2024-12-23 */
    news.listed = news.date.epoch;
    letter.listed = 1731168000; /* replied 2024-11-10 */
    page *v[2] = {&letter, &news};
    page_sort_column(v, 2);
    CHECK(v[0] == &news && v[1] == &letter);
    v[0] = &letter, v[1] = &news;
    page_sort_listed(v, 2);
    CHECK(v[0] == &news && v[1] == &letter);
    page_sort_newest(v, 2);
    CHECK(v[0] == &letter && v[1] == &news);
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
      set_listed(&pages[i], i);
    }
    CHECK(same_as_qsort(pages, got, want));
  }
  TEST("page_sort: no pages and one page") {
    page_sort_column(got, 0);
    page_sort_newest(got, 0);
    page_sort_listed(got, 0);
    got[0] = &pages[7];
    page_sort_column(got, 1);
    page_sort_newest(got, 1);
    page_sort_listed(got, 1);
    CHECK(got[0] == &pages[7]);
  }
  free(got);
  free(want);
  TEST_EXIT();
}
