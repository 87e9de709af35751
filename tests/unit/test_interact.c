/* Unit tests for interact: the 办结率 shown for the 群众来信 figures
 * (one decimal, rounded half up, never 100% while a letter is open). */
#include "interact.h"

#include "testlib.h"

int main(void) {
  arena *a = arena_new();
  TEST("letters_rate: whole percentages have no decimal") {
    CHECK_STR(letters_rate(a, 92, 92), "100%");
    CHECK_STR(letters_rate(a, 4, 2), "50%");
    CHECK_STR(letters_rate(a, 5, 0), "0%");
  }
  TEST("letters_rate: one decimal, rounded half up") {
    CHECK_STR(letters_rate(a, 78, 76), "97.4%");
    CHECK_STR(letters_rate(a, 3, 2), "66.7%");
    CHECK_STR(letters_rate(a, 16, 1), "6.3%"); /* 6.25 */
    CHECK_STR(letters_rate(a, 8, 1), "12.5%");
  }
  TEST("letters_rate: never 100% with a letter open") {
    CHECK_STR(letters_rate(a, 10000, 9996), "99.9%");
    CHECK_STR(letters_rate(a, 2001, 2000), "99.9%");
  }
  TEST("letters_rate: nothing received") {
    CHECK_STR(letters_rate(a, 0, 0), "—");
  }
  arena_free(a);
  TEST_EXIT();
}
