/* Unit tests for pager_plan (generator/pager.c): the shared cases of
 * tests/fixtures/pager-plans.txt, which search.js's pagerPlan passes too
 * (tests/browser/search-tokens.mjs), so the column pagers and the search
 * page's pager show the same numbers on a wide screen and on a phone; and
 * for pager_url, the further pages' URLs the renderer and the published
 * record share, and pager_list_of, which reads them back (the alias
 * check, govpub check). */
#include "pager.h"

#include <stdio.h>

#include "buf.h"
#include "testlib.h"

/* The plan as shown on one screen: numbers, [current], … for gaps. */
static const char *shown(size_t cur, size_t total, bool phone) {
  static buf b;
  buf_clear(&b);
  pager_slot plan[PAGER_SLOTS_MAX];
  size_t n = pager_plan(cur, total, plan);
  for (size_t i = 0; i < n; i++) {
    if (phone ? plan[i].wide : plan[i].narrow) continue;
    if (b.len) buf_putc(&b, ' ');
    if (plan[i].number == 0) buf_puts(&b, "…");
    else buf_printf(&b, plan[i].number == cur ? "[%zu]" : "%zu", plan[i].number);
  }
  return buf_cstr(&b);
}

static void vectors(void) {
  FILE *f = fopen("tests/fixtures/pager-plans.txt", "r");
  TEST("pager-plans.txt is readable") CHECK(f != NULL);
  if (!f) return;
  char *line = NULL;
  size_t cap = 0, lineno = 0, cases = 0;
  while (getline(&line, &cap, f) > 0) {
    lineno++;
    if (line[0] == '#') continue;
    line[strcspn(line, "\n")] = 0;
    size_t cur = 0, total = 0;
    char *wide = strchr(line, '\t'), *phone = wide ? strchr(wide + 1, '\t') : NULL;
    char name[64];
    snprintf(name, sizeof name, "pager-plans.txt line %zu", lineno);
    TEST(name) {
      CHECK(phone != NULL && sscanf(line, "%zu %zu", &cur, &total) == 2 && cur >= 1 && cur <= total);
      if (phone && cur >= 1 && cur <= total) {
        *phone++ = 0;
        CHECK_STR(shown(cur, total, false), wide + 1);
        CHECK_STR(shown(cur, total, true), phone);
      }
    }
    cases++;
  }
  TEST("pager-plans.txt has its cases") CHECK(cases >= 15);
  free(line);
  fclose(f);
}

/* A list of 5,000 pages; and PAGER_SLOTS_MAX is the most slots any plan
 * of up to 60 pages has (room for more given, so an overflow shows). */
static void bounds(void) {
  TEST("a pager of 5,000 pages") CHECK_STR(shown(2500, 5000, false), "1 … 2498 2499 [2500] 2501 2502 … 5000");
  TEST("every plan up to 60 pages fits PAGER_SLOTS_MAX") {
    pager_slot plan[PAGER_SLOTS_MAX + 8];
    size_t most = 0;
    for (size_t total = 1; total <= 60; total++)
      for (size_t cur = 1; cur <= total; cur++) {
        size_t n = pager_plan(cur, total, plan);
        if (n > most) most = n;
      }
    CHECK(most == PAGER_SLOTS_MAX);
  }
}

/* A list's first page is its own URL, the others below it, the home
 * page's (URL "") at the root. */
static void urls(void) {
  arena *a = arena_new();
  const char *base = "news/";
  TEST("page 1 is the list's own URL") CHECK(pager_url(a, base, 1) == base);
  TEST("page 2 of a column") CHECK_STR(pager_url(a, base, 2), "news/page/2/");
  TEST("page 12 of a term") CHECK_STR(pager_url(a, "tags/教育/", 12), "tags/教育/page/12/");
  TEST("page 3 of the home page's list") CHECK_STR(pager_url(a, "", 3), "page/3/");
  TEST("page 10: two digits") CHECK_STR(pager_url(a, base, 10), "news/page/10/");
  TEST("page 1,234,567: every digit, in order") CHECK_STR(pager_url(a, base, 1234567), "news/page/1234567/");
  arena_free(a);
}

/* The base pager_list_of finds in `url`, or "(none)". */
static const char *list_of(const char *url) {
  static char out[64];
  size_t n;
  if (!pager_list_of(url, &n)) return "(none)";
  snprintf(out, sizeof out, "%.*s", (int)n, url);
  return out;
}

/* What pager_url writes reads back as its list; the rest of a page/ folder
 * too (any digits); nothing else. */
static void lists_of(void) {
  arena *a = arena_new();
  TEST("a column's page 2") CHECK_STR(list_of(pager_url(a, "news/", 2)), "news/");
  TEST("a term's page 12") CHECK_STR(list_of(pager_url(a, "tags/教育/", 12)), "tags/教育/");
  TEST("the home page's page 3") CHECK_STR(list_of(pager_url(a, "", 3)), "");
  TEST("a nested column's") CHECK_STR(list_of("a/b/page/10/"), "a/b/");
  TEST("the last page/ of several") CHECK_STR(list_of("page/x/page/2/"), "page/x/");
  TEST("page/0/ and page/02/ are the list's folder too") {
    CHECK_STR(list_of("news/page/0/"), "news/");
    CHECK_STR(list_of("page/02/"), "");
  }
  TEST("a list's own URL is not a further page") CHECK_STR(list_of("news/"), "(none)");
  TEST("page/ without a number") CHECK_STR(list_of("news/page/"), "(none)");
  TEST("not a number") CHECK_STR(list_of("news/page/2a/"), "(none)");
  TEST("a number then more") CHECK_STR(list_of("news/page/2/x/"), "(none)");
  TEST("no final slash") CHECK_STR(list_of("news/page/2"), "(none)");
  TEST("a name ending in page") CHECK_STR(list_of("homepage/2/"), "(none)");
  TEST("another folder's number") CHECK_STR(list_of("news/2/"), "(none)");
  TEST("empty") CHECK_STR(list_of(""), "(none)");
  arena_free(a);
}

int main(void) {
  vectors();
  bounds();
  urls();
  lists_of();
  TEST_EXIT();
}
