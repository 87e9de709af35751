/* suggest: see suggest.h. */
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#define SUGGEST_MAX_DIST 3

/* Levenshtein distance of a[0..la) and b[0..lb), or more than `max` as
 * soon as it cannot be at most max (one row of the table, on the stack for
 * the names links carry; longer ones are not suggested for). */
static size_t distance(const char *a, size_t la, const char *b, size_t lb, size_t max) {
  size_t row[256];
  if (lb >= sizeof row / sizeof *row || (la > lb ? la - lb : lb - la) > max) return max + 1;
  for (size_t j = 0; j <= lb; j++) row[j] = j;
  for (size_t i = 1; i <= la; i++) {
    size_t diag = row[0], best = row[0] = i;
    for (size_t j = 1; j <= lb; j++) {
      size_t up = row[j];
      size_t d = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < d) d = up + 1;
      if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
      row[j] = d;
      diag = up;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return row[lb];
}

const char *suggest_nearest(const char *name, const char *const *cands, size_t n) {
  size_t len = strlen(name), max = len / 4 < SUGGEST_MAX_DIST ? len / 4 : SUGGEST_MAX_DIST;
  const char *best = NULL;
  size_t best_d = max + 1;
  for (size_t i = 0; i < n; i++) {
    size_t d = distance(name, len, cands[i], strlen(cands[i]), max);
    if (d < best_d || (d == best_d && d <= max && strcmp(cands[i], best) < 0)) {
      best = cands[i];
      best_d = d;
    }
  }
  return best_d <= max && best_d > 0 ? best : NULL;
}
