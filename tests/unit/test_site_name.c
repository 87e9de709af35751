/* test_site_name: what site_name_problem says of every ASCII character,
 * the same in a name of ASCII alone (decided without decoding it) and in
 * one with Chinese in it (decoded character by character), and of the
 * names the rule names (device names, a leading or trailing '.'). */
#include <stdio.h>

#include "site_name.h"
#include "testlib.h"

/* What the rule of site_name.h says of ASCII character c in a name (url:
 * one that names a URL), in site_name_problem's words; NULL: allowed. */
static const char *expected(arena *a, int c, bool url) {
  if (c < 0x20 || c == 0x7F) return arena_printf(a, "holds the control character U+%04X", (unsigned)c);
  if (strchr("\\:*?\"<>|", c)) return arena_printf(a, "holds \"%c\", which Windows does not allow in a name", c);
  if (!url) return NULL;
  if (c == ' ') return "holds a space, which a URL cannot hold";
  if (strchr("#%[]^`{}", c)) return arena_printf(a, "holds \"%c\", which a URL cannot hold", c);
  return NULL;
}

static bool same(const char *got, const char *want) { return got && want ? strcmp(got, want) == 0 : got == want; }

int main(void) {
  arena *a = arena_new();
  TEST("every ASCII character, in an ASCII name and in a Chinese one") {
    for (int c = 1; c < 0x80; c++)
      for (int url = 0; url < 2; url++) {
        char ascii[8], chinese[16];
        snprintf(ascii, sizeof ascii, "a%cb", c);
        snprintf(chinese, sizeof chinese, "会%c议", c);
        const char *want = expected(a, c, url);
        const char *got = site_name_problem(a, ascii, url), *got_cjk = site_name_problem(a, chinese, url);
        if (!same(got, want) || !same(got_cjk, want))
          fprintf(stderr, "U+%04X url=%d: \"%s\" / \"%s\", want \"%s\"\n", (unsigned)c, url, got ? got : "(none)",
                  got_cjk ? got_cjk : "(none)", want ? want : "(none)");
        CHECK(same(got, want) && same(got_cjk, want));
      }
  }
  TEST("device names, dots, bytes that are not UTF-8") {
    CHECK_STR(site_name_problem(a, "CON.md", false), "is \"CON\", a device's name on Windows");
    CHECK_STR(site_name_problem(a, "lpt7", true), "is \"lpt7\", a device's name on Windows");
    CHECK(site_name_problem(a, "console.md", false) == NULL);
    CHECK(site_name_problem(a, ".well-known", false) == NULL);
    CHECK_STR(site_name_problem(a, ".well-known", true),
              "starts with \".\": the web server keeps such an address private (404)");
    CHECK_STR(site_name_problem(a, "会议.", true), "ends with \".\", which Windows drops from a name");
    CHECK_STR(site_name_problem(a, "a\xb0", false),
              "is not UTF-8 (byte 0xB0: was it named in GBK or another encoding?)");
    CHECK(site_name_problem(a, "data-004358.md", true) == NULL);
    CHECK(site_name_problem(a, "会议纪要", true) == NULL);
  }
  arena_free(a);
  TEST_EXIT();
}
