/* testlib: the smallest harness that says exactly what failed.
 * Each TEST prints `ok <name>` or `FAIL <name>: <what>` lines; tests/run.sh
 * counts them.  A test binary exits 1 when any check failed. */
#ifndef GOVPUB_TESTLIB_H
#define GOVPUB_TESTLIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static int tl_failed_total, tl_failed_now;
static const char *tl_name;

static void tl_end(void) {
  if (!tl_failed_now) printf("ok %s\n", tl_name);
  tl_name = NULL;
}

#define TEST(name) for (tl_name = (name), tl_failed_now = 0; tl_name; tl_end())

#define CHECK(cond) do { if (!(cond)) { \
    printf("FAIL %s: %s:%d: %s\n", tl_name, __FILE__, __LINE__, #cond); \
    tl_failed_now = 1; tl_failed_total++; } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
    if (!g_ || strcmp(g_, w_) != 0) { \
      printf("FAIL %s: %s:%d: got  «%s»\n     want «%s»\n", tl_name, __FILE__, __LINE__, \
             g_ ? g_ : "(null)", w_); \
      tl_failed_now = 1; tl_failed_total++; } } while (0)

#define TEST_EXIT() return tl_failed_total ? 1 : 0

/* Everything diag recorded since the last call, as it would print; the
 * counts are reset.  The text lives until the next call. */
static inline const char *tl_flushed(void) {
  static char *text;
  size_t len;
  free(text);
  FILE *f = open_memstream(&text, &len);
  diag_flush(f);
  fclose(f);
  diag_reset();
  return text;
}

#endif
