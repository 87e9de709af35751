/* path_fold: see path_fold.h. */
#include "path_fold.h"

#include <stdlib.h>
#include <utf8proc.h>

const char *path_fold(arena *a, const char *path) {
  utf8proc_uint8_t *folded = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)path, 0, &folded,
                                    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                        UTF8PROC_CASEFOLD);
  if (n < 0) return path;
  const char *r = arena_strndup(a, (const char *)folded, (size_t)n);
  free(folded);
  return r;
}
