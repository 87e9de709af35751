/* test_site_fm: site_fm_id, the loader's lookup of the front matter keys it
 * reads, against site_fm.h's list: every FM_ id is found by its name, and
 * by no other key (near misses of every name: a letter changed, dropped or
 * added, and the prefixes the lookup branches on). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "site_fm.h"
#include "testlib.h"

static const char *const names[FM_KNOWN] = {
#define NAME(id, name) [FM_##id] = name,
    SITE_FM_KEYS(NAME)
#undef NAME
};

/* Whether key finds no id, or the id of its own name. */
static bool only_own(const char *key) {
  int id = site_fm_id(key);
  return id == -1 || (id >= 0 && id < FM_KNOWN && strcmp(names[id], key) == 0);
}

int main(void) {
  TEST("site_fm_id: every FM_ id by its name") {
#define BY_NAME(id, name) CHECK(site_fm_id(name) == FM_##id);
    SITE_FM_KEYS(BY_NAME)
#undef BY_NAME
  }
  TEST("site_fm_id: no id for any other key") {
    static const char *const others[] = {"", "a", "i", "interpret", "interpretation", "Title", "titles",
                                         "tag", "x", "s", "t", "endd", "e"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) CHECK(site_fm_id(others[i]) == -1);
    char key[64];
    for (int id = 0; id < FM_KNOWN; id++) {
      size_t len = strlen(names[id]);
      for (size_t at = 0; at <= len; at++) {
        for (int c = ' '; c <= '~'; c++) {
          memcpy(key, names[id], len + 1); /* the letter at `at` changed (or one added at the end) */
          key[at] = (char)c;
          key[len + 1] = '\0';
          CHECK(only_own(key));
          memcpy(key, names[id], at); /* one inserted before `at` */
          key[at] = (char)c;
          memcpy(key + at + 1, names[id] + at, len - at + 1);
          CHECK(only_own(key));
        }
        memcpy(key, names[id], at); /* the letter at `at` dropped, or the first `at` kept */
        memcpy(key + at, names[id] + at + (at < len), len - at + (at == len));
        CHECK(only_own(key));
        key[at] = '\0';
        CHECK(at == len || site_fm_id(key) == -1);
      }
    }
  }
  TEST_EXIT();
}
