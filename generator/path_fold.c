/* path_fold: see path_fold.h. */
#include "path_fold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ASCII and the CJK Unified Ideographs U+4E00..U+9FFF (almost every path
 * and term of a Chinese portal) fold by lower-casing the ASCII letters: the
 * ideographs have no case and no decomposition.  Anything else goes to
 * utf8proc (utf8proc_map costs about 15,000 instructions a path: a quarter
 * of an incremental build's model at 10k pages). */
static bool simple(const unsigned char *p) {
  for (; *p; p++) {
    if (*p < 0x80) continue;
    if (p[0] < 0xE4 || p[0] > 0xE9 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return false;
    p += 2;
  }
  return true;
}

const char *path_fold(arena *a, const char *path) {
  if (simple((const unsigned char *)path)) {
    size_t n = strlen(path);
    char *r = arena_alloc(a, n + 1);
    for (size_t i = 0; i <= n; i++) r[i] = path[i] >= 'A' && path[i] <= 'Z' ? (char)(path[i] + 32) : path[i];
    return r;
  }
  utf8proc_uint8_t *folded = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)path, 0, &folded,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                        UTF8PROC_CASEFOLD);
  if (n < 0) return path;
  const char *r = arena_strndup(a, (const char *)folded, (size_t)n);
  free(folded);
  return r;
}
