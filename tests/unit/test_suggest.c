/* suggest: the nearest name, when it is near enough to be a typo. */
#include <stddef.h>

#include "suggest.h"
#include "testlib.h"

int main(void) {
  static const char *const pages[] = {"policy/2024-elderly-care-measures/", "policy/2024-elderly-care-plan/",
                                      "news/a/", "news/b/", "images/dzjg.svg"};
  size_t n = sizeof pages / sizeof *pages;

  TEST("a letter missing, one too many, one changed: the page meant") {
    CHECK_STR(suggest_nearest("policy/2024-elderly-care-measure/", pages, n), "policy/2024-elderly-care-measures/");
    CHECK_STR(suggest_nearest("images/dzjgg.svg", pages, n), "images/dzjg.svg");
    CHECK_STR(suggest_nearest("policy/2024-elderly-care-plam/", pages, n), "policy/2024-elderly-care-plan/");
  }

  TEST("too far, or a short name: nothing") {
    CHECK(suggest_nearest("policy/2024-housing/", pages, n) == NULL);
    CHECK(suggest_nearest("news/cde/", pages, n) == NULL); /* three edits from news/a/: more than a quarter of 9 */
    CHECK(suggest_nearest("", pages, n) == NULL);
    CHECK(suggest_nearest("news/a/", pages, n) == NULL); /* itself: not a suggestion */
  }

  TEST("a tie goes to the first in byte order, whatever the order given") {
    static const char *const ab[] = {"news/xb/", "news/xa/"}, *const ba[] = {"news/xa/", "news/xb/"};
    CHECK_STR(suggest_nearest("news/xc/", ab, 2), "news/xa/");
    CHECK_STR(suggest_nearest("news/xc/", ba, 2), "news/xa/");
  }
  TEST_EXIT();
}
