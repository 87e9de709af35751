/* statics: the static files of a site — the theme's static/ first, then
 * each folder of site.yaml `static:` — as output path → source file, in a
 * fixed order.  A later folder overrides an earlier one (the site's over the
 * theme's).  Symbolic links are refused (they could lead out of the site).
 *
 * Ownership: everything lives in the arena given to statics_collect. */
#ifndef GOVPUB_STATICS_H
#define GOVPUB_STATICS_H

#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "strmap.h"

typedef struct {
  strmap *by_dst;   /* output path → source path */
  strmap *by_fold;  /* path_fold(output path) → source path: names one server may confuse */
  const char **dst; /* output paths in the order found */
  size_t n, cap;
} static_set;

void statics_collect(arena *a, const site_config *cfg, static_set *set);

#endif
