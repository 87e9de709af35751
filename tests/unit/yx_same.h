/* yx_same: two front matter trees (yamlx.h) are the same — kinds,
 * strings, lines, columns, plain — for the tests that make one tree two
 * ways (test_yamlx: libyaml and the fast subset; test_state_tree: parsed
 * and read back from the build state). */
#ifndef GOVPUB_TEST_YX_SAME_H
#define GOVPUB_TEST_YX_SAME_H

#include <stdbool.h>
#include <string.h>

#include "yamlx.h"

static bool yx_same(const yx_node *a, const yx_node *b) {
  if (a->kind != b->kind || a->line != b->line || a->col != b->col || a->n != b->n) return false;
  if (a->kind == YX_SCALAR)
    return a->plain == b->plain && a->len == b->len && memcmp(a->str, b->str, a->len) == 0 &&
           a->str[a->len] == '\0';
  for (size_t i = 0; i < a->n; i++) {
    if (a->kind == YX_SEQ && !yx_same(a->items[i], b->items[i])) return false;
    if (a->kind == YX_MAP && (!yx_same(a->keys[i], b->keys[i]) || !yx_same(a->vals[i], b->vals[i]))) return false;
  }
  return true;
}

#endif
